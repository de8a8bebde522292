#!/usr/bin/env bash
# make-board-scenario.sh NAME VENDOR/BOARD.dtb QEMU_MEM BASE SIZE "WHAT IT TESTS"
# A scenario (tests/scenarios/NAME.dts) from a real board's DT in Debian's linux-image package
# (../shared/oracle/fetch-linux.sh unpacks it; ORACLE_CACHE, default /tmp/oracle/cache): the
# first /memory node filled in (created if missing) with BASE SIZE as U-Boot would, PSCI's
# method set to "hvc" (QEMU virt has no EL3 firmware: the oracle's own fix-up), decompiled
# with header lines. Then make Linux's report:
#   ORACLE_CACHE=... ../shared/oracle/linux-layout.sh tests/scenarios/NAME.dts > tests/expected/NAME.txt
set -euo pipefail
[ $# = 6 ] || { sed -n '2,9p' "$0" >&2; exit 2; }
NAME=$1 BOARD=$2 MEM=$3 BASE=$4 SIZE=$5 WHAT=$6
CACHE=${ORACLE_CACHE:-/tmp/oracle/cache}
SRC=$CACHE/dtbs/$BOARD
[ -f "$SRC" ] || { echo "make-board-scenario: no $SRC (run ../shared/oracle/fetch-linux.sh)" >&2; exit 2; }
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
cp "$SRC" "$W/b.dtb"
dtc -q -I dtb -O dtb -p 4096 -o "$W/b.dtb" "$SRC"
ac=$(fdtget -t u "$W/b.dtb" / '#address-cells' 2>/dev/null || echo 1)
sc=$(fdtget -t u "$W/b.dtb" / '#size-cells' 2>/dev/null || echo 1)
cells() { # cells VALUE N: VALUE as N 32-bit cells
	local v=$1 n=$2 out=""
	for ((i = n - 1; i >= 0; i--)); do out="$out $(printf '%#x' $(( (v >> (32 * i)) & 0xffffffff )))"; done
	echo $out
}
mem=$(fdtget -l "$W/b.dtb" / | grep -m1 '^memory' || true)
if [ -z "$mem" ]; then
	mem=$(printf 'memory@%x' $((BASE)))
	fdtput -c "$W/b.dtb" "/$mem"
	fdtput -t s "$W/b.dtb" "/$mem" device_type memory
fi
# shellcheck disable=SC2046
fdtput -t x "$W/b.dtb" "/$mem" reg $(cells $((BASE)) "$ac") $(cells $((SIZE)) "$sc")
for p in /psci /firmware/psci; do
	fdtget "$W/b.dtb" "$p" method > /dev/null 2>&1 && fdtput -t s "$W/b.dtb" "$p" method hvc
done
{
	echo "// test: $WHAT"
	echo "// board: $BOARD from $(cat "$CACHE/VERSION" 2>/dev/null | cut -d' ' -f1), /$mem reg = $BASE $SIZE (filled in as the boot loader would), PSCI method hvc"
	echo "// qemu: -m $MEM"
	dtc -q -I dtb -O dts "$W/b.dtb"
} > "tests/scenarios/$NAME.dts"
echo "tests/scenarios/$NAME.dts"
