#!/usr/bin/env bash
# bootmem-layout for real boards: --ram (U-Boot's and the Raspberry Pi firmware's fill-ins,
# against Linux 6.1's reports for the Pi 4), --check (each pitfall on a tree that has it, and
# its exit status), "where did my RAM go" against the Memory: line, --svg (well-formed,
# in order, labelled) and --json against docs/bootmem-layout.schema.json; the validators
# themselves must reject broken outputs. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
TOOL=build/host/bootmem-layout
OUT=build/layout-boards
VAL="python3 scripts/layout_validate.py"
PI4=tests/data/bcm2711-rpi-4-b.dtb
PI3=tests/data/bcm2837-rpi-3-b.dtb
L=tests/layout
mkdir -p "$OUT"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     /' "$2" | tail -${3:-25}; }
# expect NAME STATUS FILE PATTERN...: the exit status and every pattern in FILE.
expect() {
	local name=$1 want=$2 got=$3 file=$4 p; shift 4
	if [ "$got" != "$want" ]; then
		bad "$name: exit $got, want $want" "$file"
		return
	fi
	for p in "$@"; do
		if ! grep -qaE -- "$p" "$file"; then
			bad "$name: no /$p/" "$file"
			return
		fi
	done
	ok "$name"
}

make -s "$TOOL" || { echo "FAIL build"; echo "0 passed, 1 failed"; exit 1; }

# ---- --ram on a Raspberry Pi 4: the firmware's memory node, then Linux 6.1's layout ----
for g in 1 2 4 8; do
	want=$(sed -n '/memory@0 {/,/};/s/.*reg = <\(.*\)>;/\1/p' tests/scenarios/rpi4b-${g}g.dts |
	       tr ' ' '\n' | sed 's/^0x//; s/^0*\([0-9a-f]\)/\1/' | tr '\n' ' ' | sed 's/ $//')
	$TOOL --ram ${g}G --save-dtb "$OUT/pi4-${g}g.dtb" "$PI4" > /dev/null 2> "$OUT/pi4-${g}g.err"
	got=$(fdtget -t x "$OUT/pi4-${g}g.dtb" /memory@0 reg)
	if [ "$got" = "$want" ]; then
		ok "pi4 --ram ${g}G: memory@0 reg = <$got>, as tests/scenarios/rpi4b-${g}g.dts"
	else
		bad "pi4 --ram ${g}G: memory@0 reg <$got>, want <$want>" "$OUT/pi4-${g}g.err"
	fi
	args=$(sed -n 's/^# bootargs: //p' tests/expected/rpi4b-${g}g.txt)
	$TOOL --ram ${g}G --timestamps --append "$args" "$PI4" > "$OUT/pi4-${g}g.log" 2>&1
	# The scenario's tree has one node more (a /reserved-memory 'qemu-has-no-ram' node), so
	# the unflattened tree's size (allocs) is compared on the scenario itself (layout-agreement).
	if python3 scripts/compare-layout.py --skip allocs tests/expected/rpi4b-${g}g.txt \
		"$OUT/pi4-${g}g.log" "$PI4" > "$OUT/pi4-${g}g.cmp" 2>&1; then
		ok "pi4 --ram ${g}G: layout equals Linux 6.1's (rpi4b-${g}g, $(tail -1 "$OUT/pi4-${g}g.cmp"))"
	else
		bad "pi4 --ram ${g}G: differs from Linux 6.1's rpi4b-${g}g" "$OUT/pi4-${g}g.cmp" 40
	fi
done
$TOOL --ram 1G --gpu-mem 16M --save-dtb "$OUT/pi4-gpu16.dtb" "$PI4" > /dev/null; st=$?
fdtget -t x "$OUT/pi4-gpu16.dtb" /memory@0 reg > "$OUT/gpu16.txt"
expect "pi4 --gpu-mem 16M: 1 GiB less 16 MiB" 0 $st "$OUT/gpu16.txt" '^0 0 3f000000$'
$TOOL --ram 1G --save-dtb "$OUT/pi3.dtb" "$PI3" > "$OUT/pi3.log" 2>&1; st=$?
fdtget -t x "$OUT/pi3.dtb" /memory@0 reg >> "$OUT/pi3.log"
expect "pi3 --ram 1G: <0 0x3b400000> (gpu_mem 76M), boots" 0 $st "$OUT/pi3.log" '^0 3b400000$' \
	'Memory: [0-9]+K/970752K available'
$TOOL --ram 2G "$PI3" > "$OUT/pi3-2g.log" 2>&1
expect "pi3 --ram 2G: refused, a BCM2837 has at most 1 GiB" 2 $? "$OUT/pi3-2g.log" 'at most 1 GiB'
# The firmware's stub page: added when the tree lacks /memreserve/ 0 0x1000.
dtc -q -I dtb -O dts "$PI4" | grep -v '^/memreserve/' > "$OUT/pi4-nomemrsv.dts"
$TOOL --ram 1G --json --save-dtb "$OUT/pi4-rsv.dtb" "$OUT/pi4-nomemrsv.dts" > "$OUT/pi4-rsv.json"; st=$?
fdtdump "$OUT/pi4-rsv.dtb" 2>/dev/null | grep memreserve >> "$OUT/pi4-rsv.json"
expect "pi4 without /memreserve/: --ram adds 0 0x1000 for the stub" 0 $st "$OUT/pi4-rsv.json" \
	'"added_memreserve": true' '^/memreserve/ 0 0x1000;' '"owner": "memreserve"'

# ---- --ram with U-Boot's fdt_fixup_memory_banks ----
$TOOL --ram 2G --save-dtb "$OUT/imx.dtb" tests/data/imx8mp-evk.dtb > "$OUT/imx.log" 2>&1; st=$?
fdtget -t x "$OUT/imx.dtb" /memory@40000000 reg >> "$OUT/imx.log"
expect "u-boot --ram 2G: the first memory node, at its own base" 0 $st "$OUT/imx.log" \
	'^0 40000000 0 80000000$' 'Memory: [0-9]+K/2097152K available'
$TOOL --ram 1G@0x40000000 --ram 3G --save-dtb "$OUT/imx2.dtb" tests/data/imx8mp-evk.dtb > "$OUT/imx2.log" 2>&1; st=$?
fdtget -t x "$OUT/imx2.dtb" /memory@40000000 reg >> "$OUT/imx2.log"
expect "u-boot two banks: the second follows the first" 0 $st "$OUT/imx2.log" \
	'^0 40000000 0 40000000 0 80000000 0 c0000000$' 'Memory: [0-9]+K/4194304K available'
$TOOL --ram 512M "$L/empty-memory.dts" --save-dtb "$OUT/empty.dtb" > "$OUT/empty.log" 2>&1; st=$?
fdtget -t x "$OUT/empty.dtb" /memory@80000000 reg >> "$OUT/empty.log"
expect "u-boot --ram 512M: fills reg <0x80000000 0>" 0 $st "$OUT/empty.log" '^0 80000000 0 20000000$'
$TOOL "$L/empty-memory.dts" > "$OUT/empty-hint.log" 2>&1
expect "empty memory node: exit 2, the message says --ram and the base" 2 $? "$OUT/empty-hint.log" \
	'memory@80000000 has no usable size.*--ram SIZE.*0x80000000'
$TOOL "$L/no-memory.dts" > "$OUT/nomem-hint.log" 2>&1
expect "no memory node: exit 2, the message says --ram SIZE@BASE" 2 $? "$OUT/nomem-hint.log" \
	'no memory node.*--ram SIZE@BASE'
$TOOL --ram 256M "$L/no-memory.dts" > "$OUT/nomem-nobase.log" 2>&1
expect "no memory node, --ram without @BASE: refused" 2 $? "$OUT/nomem-nobase.log" 'SIZE@BASE'
$TOOL --ram 256M@0x40000000 --save-dtb "$OUT/nomem.dtb" "$L/no-memory.dts" > "$OUT/nomem.log" 2>&1; st=$?
fdtget -t x "$OUT/nomem.dtb" /memory reg >> "$OUT/nomem.log"
fdtget -t s "$OUT/nomem.dtb" /memory device_type >> "$OUT/nomem.log"
expect "no memory node: /memory created, 1 address and 1 size cell" 0 $st "$OUT/nomem.log" \
	'^40000000 10000000$' '^memory$'
$TOOL --ram 4G@0x40000000 "$L/no-memory.dts" > "$OUT/nomem-4g.log" 2>&1
expect "#size-cells = 1 cannot say 4 GiB: refused, naming the cells" 2 $? "$OUT/nomem-4g.log" \
	'does not fit #size-cells = 1'
$TOOL --ram 1G@0x100000000 "$L/no-memory.dts" > "$OUT/nomem-hi.log" 2>&1
expect "#address-cells = 1 cannot say 4 GiB: refused" 2 $? "$OUT/nomem-hi.log" \
	'does not fit #address-cells = 1'
$TOOL --ram 0 "$PI4" > "$OUT/ram0.log" 2>&1
expect "--ram 0: usage error" 2 $? "$OUT/ram0.log" 'bad value'

# ---- --check: each pitfall, its exit status, the breakdown against the Memory: line ----
check() { # NAME STATUS INPUT PATTERN... (options before INPUT via CHECK_OPTS)
	local name=$1 want=$2 in=$3; shift 3
	$TOOL --check ${CHECK_OPTS:-} "$in" > "$OUT/check-$name.txt" 2>&1
	expect "--check $name" "$want" $? "$OUT/check-$name.txt" "$@"
	$TOOL --check --json ${CHECK_OPTS:-} "$in" > "$OUT/check-$name.json" 2>/dev/null
	if $VAL json "$OUT/check-$name.json" > "$OUT/check-$name.val" 2>&1; then
		ok "--check $name: JSON valid, owners add up to the Memory: line"
	else
		bad "--check $name: JSON" "$OUT/check-$name.val"
	fi
}
check cma 1 "$L/check-cma.dts" \
	'warning \[cma-placement\] the default CMA area \(1024 MiB\) could not be placed: below 0x60000000' \
	"warning \[cma-placement\] CMA pool 'gpu-pool' could not be placed" '^2 warnings, 0 notes$'
check resmem 1 "$L/check-resmem.dts" \
	"warning \[resmem-overlap\] reserved-memory 'ramoops@50000000' .* overlaps 'pstore@50100000'" \
	"warning \[nomap-memreserve\] no-map region 'secmon@48000000' .*overlaps /memreserve/ \[mem 0x48000000-0x480fffff\].*3072 KiB of it go to the page allocator" \
	'note \[nomap-split\] \[mem 0x80100000-0x801fffff\] splits the 1 GiB block at 0x80000000, the 2 MiB block at 0x80000000' \
	'rodata=on [0-9]+ \([0-9]+ without the no-map holes, \+8 KiB\), rodata=off [0-9]+ \([0-9]+, \+8 KiB\)' \
	"no-map reserved-memory 'tee@80100000' +1024K" "reserved-memory 'ramoops@50000000' +2048K"
check dma 1 "$L/check-dma.dts" \
	'warning \[dma-reach\] devices under /soc reach only \[0-0xffffffff\], and no memory lies there'
check linear 1 "$L/check-linear.dts" \
	'warning \[linear-map\] 1024 MiB of memory \[mem 0x800040000000-0x80007fffffff\] outside the linear map' \
	'warning \[linear-map\] 1024 MiB of memory \[mem 0x1000000000000-0x100003fffffff\] beyond the 48-bit' \
	'memory in the DT +3145728K' 'Memory: total +1048576K'
check over-image 1 tests/host/fixtures/resmem-over-dtb.dts \
	"warning \[resmem-over-image\] reserved-memory 'blob@48000000' \[mem 0x48000000-0x481fffff\] overlaps the device tree blob" \
	'^1 warning, 0 notes$'
check nomap-over-kernel 1 tests/scenarios/nomap-over-kernel.dts \
	"warning \[nomap-refused\] no-map region 'fw@40000000' .* overlaps the kernel image \[mem 0x40210000-0x4220ffff\]"
CHECK_OPTS="--ram 4G" check pi4-4g 0 "$PI4" \
	'note \[dma-reach\] devices under /soc reach only \[0-0x3fffffff\]: ZONE_DMA ends at 0x40000000; 3008 MiB' \
	'kept by the firmware: VideoCore \(gpu_mem\) +77824K' \
	'kept by the firmware: BCM2711 I/O window +65536K' "CMA 'linux,cma' +65536K" \
	'swiotlb bounce buffer +65536K' '^0 warnings, 1 note$'
CHECK_OPTS="--ram 1G --append mem=512M" check mem-limit 0 "$PI4" \
	'note \[mem-limit\] [0-9]+ MiB of memory .* is cut by mem=' '^0 warnings, 1 note$'
CHECK_OPTS="--ram 4G --initrd-size 16M --append crashkernel=256M" check initrd-crash 0 "$PI4" \
	'- initrd +16384K' '- crashkernel +262144K' '^0 warnings, 1 note$'
# 70 /reserved-memory regions: Linux keeps 64.
python3 - "$OUT/too-many.dts" <<'PY'
import sys
nodes = "".join("\t\tfw%d@%x { reg = <0x0 0x%x 0x0 0x10000>; };\n" % (i, 0x60000000 + i * 0x100000,
                0x60000000 + i * 0x100000) for i in range(70))
open(sys.argv[1], "w").write("""/dts-v1/;
/ { #address-cells = <2>; #size-cells = <2>; compatible = "bootmem,too-many"; chosen { };
	memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x40000000>; };
	reserved-memory { #address-cells = <2>; #size-cells = <2>; ranges;
%s	};
};
""" % nodes)
PY
check too-many 1 "$OUT/too-many.dts" \
	"warning \[resmem-too-many\] /reserved-memory has 70 regions, Linux keeps 64: 6 dropped \('fw64@64000000', 'fw65@64100000', 'fw66@64200000', 'fw67@64300000', \.\.\.\)" \
	'not enough space for all defined regions'
# A DT pool placed beyond the DMA reach: the Pi 4's linux,cma moved above 1 GiB.
cp "$OUT/pi4-4g.dtb" "$OUT/pi4-cma-high.dtb"
fdtput -t x "$OUT/pi4-cma-high.dtb" /reserved-memory/linux,cma alloc-ranges 0 0x40000000 0x40000000
check cma-high 1 "$OUT/pi4-cma-high.dtb" \
	"warning \[cma-dma-reach\] the default CMA area 'linux,cma' \[mem 0x7c000000-0x7fffffff\] lies \(partly\) beyond what devices under /soc reach"
# A clean tree: no finding, exit 0.
check clean 0 tests/scenarios/virt-1g.dts '^0 warnings, 0 notes$'

# ---- --svg: a 1 GiB Pi, a 16 GiB two-node board, both side by side ----
svg() { # NAME SVG EXPECTED-TEXT...
	local name=$1 file=$2; shift 2
	if $VAL svg "$file" $(printf -- "--expect\n%s\n" "$@") > "$OUT/$name.val" 2>&1; then
		ok "--svg $name: well-formed, pieces and addresses in order, labelled"
	else
		bad "--svg $name" "$OUT/$name.val"
	fi
}
$TOOL --ram 1G --svg "$OUT/pi4-1g.svg" "$PI4" > /dev/null
svg pi4-1g "$OUT/pi4-1g.svg" "CMA 'linux,cma' · 64 MiB" 'kernel image · 32' 'VideoCore (gpu_mem)' \
	'DMA' 'node 0' '0x3b400000' '/memreserve/' 'memmap'
$TOOL --svg "$OUT/numa-16g.svg" "$L/numa-16g.dts" > /dev/null
svg numa-16g "$OUT/numa-16g.svg" "no-map 'secure-firmware@50000000'" 'node 1' 'Normal' 'DMA' \
	'swiotlb' '0x440000000' "CMA 'linux,cma' · 256 MiB"
grep -c 'class="node ' "$OUT/numa-16g.svg" > "$OUT/numa-16g.nodes"
expect "--svg numa-16g: two node bars" 0 0 "$OUT/numa-16g.nodes" '^2$'
$TOOL --ram 1G --diff "$PI4" --svg "$OUT/diff.svg" "$PI4" > /dev/null
svg diff "$OUT/diff.svg" 'left: bcm2711-rpi-4-b.dtb' 'right: bcm2711-rpi-4-b.dtb'
grep -o 'data-map="[01]"' "$OUT/diff.svg" | sort -u | tr '\n' ' ' > "$OUT/diff.maps"
expect "--svg --diff: two map columns" 0 0 "$OUT/diff.maps" 'data-map="0" data-map="1"'
$TOOL --svg "$OUT/none.svg" "$L/empty-memory.dts" > "$OUT/none.log" 2>&1
expect "--svg of an unusable tree: exit 2, no picture" 2 $? "$OUT/none.log" 'no layout to draw'

# ---- the validators reject what is wrong ----
sed 's/"kind": "kernel", "name": "", "kb": \([0-9]*\)/"kind": "kernel", "name": "", "kb": 1\1/' \
	"$OUT/check-pi4-4g.json" > "$OUT/broken-sum.json"
$VAL json "$OUT/broken-sum.json" > "$OUT/broken-sum.val" 2>&1
expect "validator: owners that do not add up are rejected" 1 $? "$OUT/broken-sum.val" 'owners give total'
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); del d['zones']; d['schema']='x'; json.dump(d, open(sys.argv[2],'w'))" \
	"$OUT/check-pi4-4g.json" "$OUT/broken-schema.json"
$VAL json "$OUT/broken-schema.json" > "$OUT/broken-schema.val" 2>&1
expect "validator: the schema rejects a missing key and a wrong version" 1 $? "$OUT/broken-schema.val" \
	"'zones' is a required property" "'bootmem-layout/1' was expected"
python3 - "$OUT/pi4-1g.svg" "$OUT/broken.svg" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
ys = [m for m in re.finditer(r'(class="seg [^>]*y=")([0-9.]+)"', s)]
a, b = ys[1], ys[2]      # swap the y of two neighbouring pieces
s = s[:a.start(2)] + b.group(2) + s[a.end(2):b.start(2)] + a.group(2) + s[b.end(2):]
open(sys.argv[2], "w").write(s)
PY
$VAL svg "$OUT/broken.svg" > "$OUT/broken-svg.val" 2>&1
expect "validator: an SVG whose pieces are out of order is rejected" 1 $? "$OUT/broken-svg.val" 'not monotonic'
head -c 2000 "$OUT/pi4-1g.svg" > "$OUT/truncated.svg"
$VAL svg "$OUT/truncated.svg" > "$OUT/truncated-svg.val" 2>&1
expect "validator: a truncated SVG is rejected" 1 $? "$OUT/truncated-svg.val" 'not well-formed'

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
