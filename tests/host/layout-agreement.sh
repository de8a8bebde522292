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

# UEFI: Linux's firmware reports (tests/expected-firmware, and -6.12 for Linux 6.12) give
# bootmem-layout --efi-memmap the map, the tables and where the stub put the kernel and the
# DTB; the device tree is the one the firmware got (QEMU's -dtb replaces /memory by -m's RAM:
# dumpdtb shows it).
efi_agree() { # FIRMWARE NAME TREE MEM LINUX
	local fw=$1 name=$2 tree=$3 mem=$4 ver=$5 exp qargs=() mach tag=$2 base lx
	exp=tests/expected-firmware/$fw/$name.txt base=$OUT/efi-$fw-$name
	if [ "$ver" != 6.1 ]; then
		exp=tests/expected-firmware-$ver/$fw/$name.txt tag="$name linux=$ver"
		base=$OUT/efi-$fw-$name-$ver
	fi
	[ -f "$exp" ] || return 0
	grep -q '^# status: ok' "$exp" || return 0
	mach=virt,dtb-randomness=off
	[ "$fw" = edk2 ] && mach=virt,acpi=off,dtb-randomness=off
	if [ "$tree" != - ]; then
		dtc -q -I dts -O dtb -p 4096 -o "$OUT/efi-in-$name.dtb" "tests/scenarios/$tree"
		qargs=(-dtb "$OUT/efi-in-$name.dtb")
	fi
	qemu-system-aarch64 -M "$mach,dumpdtb=$base.dtb" -cpu cortex-a57 -m "$mem" \
		-display none -nic none "${qargs[@]}" > /dev/null 2>&1
	# 6.1 is the default: without --linux the command line stays Linux's (tests/linux-log)
	lx=()
	[ "$ver" = 6.1 ] || lx=(--linux "$ver")
	if ! $TOOL --timestamps "${lx[@]}" --efi-memmap "$exp" \
		--append "$(sed -n 's/^# bootargs: //p' "$exp")" "$base.dtb" > "$base.log" 2> "$base.err"; then
		bad "$fw $tag: bootmem-layout --efi-memmap failed" "$base.err"
		return
	fi
	# The tree here is QEMU's, not the one the firmware handed over (EDK2 and U-Boot add
	# /chosen properties the host's hand-over does not): the unflattened tree's size, and so
	# the allocs case, is compared by firmware-layout.sh's boots of the kernel instead.
	if python3 scripts/compare-layout.py --skip allocs "$exp" "$base.log" > "$base.cmp" 2>&1; then
		ok "$fw $tag: --efi-memmap layout equals Linux $ver's through $fw ($(tail -1 "$base.cmp"))"
	else
		bad "$fw $tag: --efi-memmap layout differs from Linux $ver's through $fw" "$base.cmp" 40
	fi
}
while read -r name tree mem fws _; do
	for fw in ${fws//,/ }; do
		case $fw in
		edk2|uboot-efi) efi_agree "$fw" "$name" "$tree" "$mem" 6.1
				efi_agree "$fw" "$name" "$tree" "$mem" 6.12 ;;
		esac
	done
done < <(grep -vE '^\s*(#|$)' tests/firmware/scenarios.list)

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
# --efi-memmap: a log without the map, broken JSON, an unknown attribute, a descriptor Linux
# never prints
dtc -q -I dts -O dtb -o "$OUT/efi-plain.dtb" tests/host/fixtures/efi-virt.dts
bad_input efi-no-map "$OUT/efi-plain.dtb" 'no EFI memory map' --efi-memmap tests/expected/virt-1g.txt
printf '{"memmap": [' > "$OUT/efi-broken.json"
bad_input efi-json "$OUT/efi-plain.dtb" 'not a JSON object' --efi-memmap "$OUT/efi-broken.json"
printf '{"memmap": [{"type": "Conventional", "start": "0x40000000", "pages": 16, "attr": ["WB", "XX"]}]}' > "$OUT/efi-attr.json"
bad_input efi-attr "$OUT/efi-plain.dtb" 'memmap\[0\]: unknown attribute' --efi-memmap "$OUT/efi-attr.json"
printf 'efi:   0x000040000000-0x000040000fff [Wrong       |   |  |  |  |  |  |  |  |  |  |   |WB|  |  |  ]\n' > "$OUT/efi-type.log"
bad_input efi-type "$OUT/efi-plain.dtb" 'line 1: cannot read the descriptor line' --efi-memmap "$OUT/efi-type.log"
# JSON: memory from the map alone; runtime data NOMAP, the stub's empty MEMRESERVE installed
printf '{"vendor": "Test", "revision": "2.80", "memmap": [{"type": "Conventional", "start": "0x40000000", "end": "0x7bffffff", "attr": ["WB"]}, {"type": "Loader Code", "start": "0x7c000000", "pages": 8208, "attr": ["WB"]}, {"type": "Loader Data", "start": "0x7e200000", "end": "0x7e3fffff", "attr": ["WB"]}, {"type": "Conventional", "start": "0x7e400000", "end": "0x7fefffff", "attr": ["WB"]}, {"type": "Runtime Data", "start": "0x7ff00000", "end": "0x7fffffff", "attr": ["RUN", "WB"]}, {"type": 11, "start": "0x4000000", "end": "0x7ffffff", "attr": "0x8000000000000002"}]}' > "$OUT/efi-ok.json"
if $TOOL --efi-memmap "$OUT/efi-ok.json" --append efi=debug "$OUT/efi-plain.dtb" > "$OUT/efi-json.log" 2>&1 &&
   grep -q '^efi: EFI v2.80 by Test$' "$OUT/efi-json.log" &&
   grep -q '^efi: MEMRESERVE=0x7ff00' "$OUT/efi-json.log" &&
   grep -qP '^ memory\[0x0\]\t\[0x0000000004000000-0x0000000007ffffff\], 0x0000000004000000 bytes on node 0 flags: 0x4' "$OUT/efi-json.log" &&
   grep -qP '^ memory\[0x5\]\t\[0x000000007ff00000-0x000000007fffffff\], 0x0000000000100000 bytes on node 0 flags: 0x4' "$OUT/efi-json.log"; then
	ok "--efi-memmap JSON: memory from the map, NOMAP where not usable"
else
	bad "--efi-memmap JSON" "$OUT/efi-json.log"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
