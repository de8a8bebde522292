#!/usr/bin/env bash
# Regenerates tests/linux-log/NAME.txt, Linux 6.1's own console log for each scenario, board
# and variant that check.sh compares with bootmem's: booted by the oracle (linux-layout.sh),
# cut after its "Memory:" line, without timestamps and without the memblock=debug calls
# (compare-layout.py compares those). Needs ../shared/oracle and its kernel cache.
# Usage: tests/linux-log/regen.sh [NAME...]   (default: all)
#        tests/linux-log/regen.sh --firmware [DIR]   the firmware boots: tests/linux-log/firmware/
#        FW-NAME.txt from scripts/linux-firmware.sh's raw logs in DIR (its FW_OUT, default
#        build/linux-firmware), one per tests/expected-firmware/FW/NAME.txt that reached Linux.
set -u
cd "$(dirname "$0")/../.."
ORACLE=${ORACLE:-../shared/oracle}
[ -d "$ORACLE" ] || ORACLE=../../shared/oracle	# from a worktree under wt/
export ORACLE_CACHE=${ORACLE_CACHE:-/tmp/oracle/cache}
OUT=$(mktemp -d)
export ORACLE_OUT=$OUT
trap 'rm -rf "$OUT"' EXIT
DIR=tests/linux-log

want() { [ -z "$WANT" ] || [[ " $WANT " == *" $1 "* ]]; }
WANT="$*"

# keep RAW NAME INPUT: the log's Linux lines up to Memory:, with a header naming the boot.
keep() {
	python3 - "$1" "$2" "$3" ${4:+"$4"} > "$DIR/$2.txt" <<'PY' || { echo "regen: $2 failed" >&2; rm -f "$DIR/$2.txt"; }
import re, sys
raw, name, what = sys.argv[1:4]
lines, done = [], False
for l in open(raw, errors="replace").read().splitlines():
    m = re.match(r"^\[\s*\d+\.\d+\] (.*)$", l)
    if not m:
        continue
    t = m.group(1).rstrip("\r")
    if re.match(r"^memblock_[a-z_]+: ", t):
        continue
    lines.append(t)
    if t.startswith("Memory: "):
        done = True
        break
if not done:
    sys.exit("no Memory: line in %s" % raw)
by = sys.argv[4] if len(sys.argv) > 4 else "../shared/oracle/linux-layout.sh"
print("# Linux 6.1's console log for %s (%s), up to its" % (what, by))
print("# Memory: line, without timestamps and memblock=debug calls. tests/linux-log/regen.sh %s"
      % ("--firmware" if name.startswith("firmware/") else name))
print("\n".join(lines))
PY
}

if [ "${1:-}" = --firmware ]; then
	RAW=${2:-build/linux-firmware}
	mkdir -p "$DIR/firmware"
	for exp in tests/expected-firmware/*/*.txt; do
		grep -q '^# status: ok' "$exp" || continue
		fw=$(basename "$(dirname "$exp")") name=$(basename "$exp" .txt)
		[ -f "$RAW/$fw-$name.log" ] || { echo "regen: no $RAW/$fw-$name.log" >&2; continue; }
		keep "$RAW/$fw-$name.log" "firmware/$fw-$name" "tests/scenarios/$name.dts through $fw" \
			scripts/linux-firmware.sh
	done
	exit 0
fi

for dts in tests/scenarios/*.dts; do
	name=$(basename "$dts" .dts)
	[ -f "tests/expected/$name.txt" ] || continue
	want "$name" || continue
	ORACLE_NAME=$name "$ORACLE/linux-layout.sh" "$dts" > /dev/null && keep "$OUT/$name.log" "$name" "tests/scenarios/$name.dts"
done
if want board-imx8mp-evk; then
	dtc -q -I dtb -O dtb -p 4096 -o "$OUT/imx8mp.dtb" tests/data/imx8mp-evk.dtb
	ORACLE_NAME=board-imx8mp-evk "$ORACLE/linux-layout.sh" "$OUT/imx8mp.dtb" -m 6G > /dev/null &&
		keep "$OUT/board-imx8mp-evk.log" board-imx8mp-evk "tests/data/imx8mp-evk.dtb (-m 6G)"
fi
grep -v '^#' "$DIR/variants" | while read -r name scen words; do
	[ -n "$name" ] && want "$name" || continue
	ORACLE_NAME=$name ORACLE_APPEND=$words "$ORACLE/linux-layout.sh" "tests/scenarios/$scen.dts" > /dev/null &&
		keep "$OUT/$name.log" "$name" "tests/scenarios/$scen.dts + \"$words\""
done
