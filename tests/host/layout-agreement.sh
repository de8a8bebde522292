#!/usr/bin/env bash
# bootmem-layout against Linux's reports: every scenario in tests/scenarios (and the
# imx8mp board) through scripts/compare-layout.py, against Linux 6.1's and, with --linux 6.12,
# against Linux 6.12's (tests/expected-6.12), and the compared blocks against our own
# kernel's QEMU log when tests/qemu/run.sh left one. Bad input: a clear message, exit 2,
# no crash. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
TOOL=build/host/bootmem-layout
OUT=build/layout-agreement
mkdir -p "$OUT"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     /' "$2" | tail -${3:-25}; }

make -s "$TOOL" || { echo "FAIL build"; echo "0 passed, 1 failed"; exit 1; }

# The blocks compare-layout.py compares, from two logs: equal or not (diff printed).
same_blocks() {
	python3 - "$1" "$2" <<'PY'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("cl", "scripts/compare-layout.py")
cl = importlib.util.module_from_spec(spec); spec.loader.exec_module(cl)
a, b = (cl.our_sections(cl.log_lines(p)) for p in sys.argv[1:3])
norm = {1: cl.memory_part, 7: cl.total}
bad = 0
for k in range(1, 9):
    x, y = norm.get(k, list)(a[k]), norm.get(k, list)(b[k])
    if x != y:
        bad += 1
        print("block %d differs:" % k)
        print("\n".join(["  tool:   " + l for l in x] + ["  kernel: " + l for l in y]))
sys.exit(1 if bad else 0)
PY
}

# agree NAME DT EXPECTED BOOTARGS [VERSION]: (a) Linux's report, (b) our kernel's QEMU log
# (NAME-612 for 6.12: build/qemu-tests/NAME-612.log).
agree() {
	local name=$1 dt=$2 exp=$3 args=$4 ver=${5:-6.1} place kat dat
	place=$(sed -n 's/^# load: Image@\(0x[0-9a-f]*\) DTB@\(0x[0-9a-f]*\).*/\1 \2/p' "$exp")
	kat=${place% *}; dat=${place#* }
	if ! $TOOL --timestamps --linux "$ver" ${kat:+--kernel-at $kat --dtb-at $dat} --append "$args" "$dt" \
		> "$OUT/$name.log" 2> "$OUT/$name.err"; then
		bad "$name: bootmem-layout failed" "$OUT/$name.err"
		return
	fi
	if python3 scripts/compare-layout.py "$exp" "$OUT/$name.log" > "$OUT/$name.cmp" 2>&1; then
		ok "$name: layout equals Linux $ver's ($(tail -1 "$OUT/$name.cmp"))"
	else
		bad "$name: layout differs from Linux $ver's" "$OUT/$name.cmp" 40
	fi
	if [ -f "build/qemu-tests/$name.log" ] && ! grep -qa '\] Memory: ' "build/qemu-tests/$name.log"; then
		echo "note $name: build/qemu-tests/$name.log has no layout (QEMU cannot boot it), kernel check skipped"
	elif [ -f "build/qemu-tests/$name.log" ]; then
		if same_blocks "$OUT/$name.log" "build/qemu-tests/$name.log" > "$OUT/$name.kcmp" 2>&1; then
			ok "$name: the compared blocks equal the kernel's QEMU log"
		else
			bad "$name: differs from the kernel's QEMU log" "$OUT/$name.kcmp" 40
		fi
	else
		echo "note $name: no build/qemu-tests/$name.log (run tests/qemu/run.sh), kernel check skipped"
	fi
}

for dts in tests/scenarios/*.dts; do
	name=$(basename "$dts" .dts)
	[ -f "tests/expected/$name.txt" ] || continue
	args=$(sed -n 's|^// bootargs: *||p' "$dts" | head -1)
	agree "$name" "$dts" "tests/expected/$name.txt" "${args:+$args }memblock=debug mminit_loglevel=4"
	[ -f "tests/expected-6.12/$name.txt" ] &&
		agree "$name-612" "$dts" "tests/expected-6.12/$name.txt" \
			"${args:+$args }memblock=debug mminit_loglevel=4" 6.12
done
# The i.MX 8M Plus EVK as the oracle booted it: QEMU -m 6G, RAM at 0x40000000.
dtc -q -I dtb -O dtb -p 4096 -o "$OUT/imx8mp.dtb" tests/data/imx8mp-evk.dtb
fdtput -t s "$OUT/imx8mp.dtb" /psci method hvc
agree board-imx8mp-evk "$OUT/imx8mp.dtb" tests/expected/board-imx8mp-evk.txt \
	"memblock=debug mminit_loglevel=4"
agree board-imx8mp-evk-612 "$OUT/imx8mp.dtb" tests/expected-6.12/board-imx8mp-evk.txt \
	"memblock=debug mminit_loglevel=4" 6.12

# Bad input: the kernel's message and exit 2, never a crash (ASan/UBSan build).
bad_input() { # NAME FILE PATTERN [tool args...]
	local name=$1 file=$2 pat=$3 st; shift 3
	$TOOL "$@" "$file" > "$OUT/bad-$name.log" 2>&1
	st=$?
	if [ "$st" = 2 ] && grep -qaE -- "$pat" "$OUT/bad-$name.log"; then
		ok "bad input $name: exit 2, /$pat/"
	else
		bad "bad input $name: exit $st, want 2 and /$pat/" "$OUT/bad-$name.log"
	fi
}
head -c 4096 /dev/urandom > "$OUT/garbage.dtb"
bad_input garbage "$OUT/garbage.dtb" 'invalid device tree blob at physical address.*Kernel panic|Kernel panic - not syncing: Cannot continue without a valid device tree'
head -c 600 tests/data/imx8mp-evk.dtb > "$OUT/truncated.dtb"
bad_input truncated "$OUT/truncated.dtb" 'truncated: header totalsize'
printf '/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>; compatible = "x"; chosen { }; };\n' > "$OUT/nomem.dts"
bad_input no-memory "$OUT/nomem.dts" 'describes no usable memory'
printf '/dts-v1/;\n/ { #address-cells = <7>; #size-cells = <9>; compatible = "x";\n memory@0 { device_type = "memory"; reg = <1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16>; }; };\n' > "$OUT/hostile.dts"
bad_input hostile-cells "$OUT/hostile.dts" 'describes no usable memory|cells'
printf '/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>; compatible = "x";\n memory@0 { device_type = "memory"; reg = <0x400 0 0x1 0>; }; };\n' > "$OUT/huge.dts"
bad_input above-4tib "$OUT/huge.dts" '4 TiB'
bad_input usage /dev/null 'bad value' --kernel-at zz
bad_input linux-version /dev/null '--linux: 6.1 or 6.12' --linux 5.10

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
