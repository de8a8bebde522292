#!/usr/bin/env bash
# QEMU boot tests of the 16 KiB build (make PAGE_SIZE=16K, build-16k/Image, -cpu cortex-a76):
# the Image header, every scenario against Debian's arm64-16k Linux 6.12 (tests/expected-6.12-16k)
# with the invariants, ptdump's three-level linear map (and on virt-1g the self-test),
# rodata=off's blocks, the three firmware boots, linux=6.1 refused, and a CPU without the
# granule. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
OUT=${OUT:-$PWD/build-16k/qemu-tests}
mkdir -p "$OUT"
DEBUG="earlycon=pl011,0x9000000 console=ttyAMA0 memblock=debug loglevel=8 ignore_loglevel mminit_loglevel=4 nokaslr"
BOOT_ARGS=(--page-size 16K)
. tests/qemu/lib.sh

make -s PAGE_SIZE=16K kernel || { echo "FAIL build"; echo "0 passed, 1 failed"; exit 1; }

# The Image header: 16 KiB pages in the flags, Debian's 6.12 arm64-16k image_size.
flags=$(od -An -t u8 -j 24 -N 8 build-16k/Image | tr -d ' ')
isz=$(printf '0x%x' "$(od -An -t u8 -j 16 -N 8 build-16k/Image | tr -d ' ')")
if [ $(( (flags >> 1) & 3 )) = 2 ] && [ "$isz" = 0x2be0000 ]; then
	ok "Image header: 16 KiB pages, image_size 0x2be0000 (Debian's 6.12 arm64-16k)"
else
	echo "flags $flags image_size $isz" > "$OUT/header.txt"
	bad "Image header: want the 16 KiB flag and image_size 0x2be0000" "$OUT/header.txt"
fi

# Every scenario Linux 6.12-16k has a report for (63, about two minutes); QUICK=1: a handful.
if [ "${QUICK:-0}" = 1 ]; then
	names="virt-1g virt-4g numa resmem-nomap-inside resmem-nomap-partial mem-gaps crashkernel-256m cma-size"
else
	names=$(ls tests/expected-6.12-16k/ | sed -n 's/\.txt$//p')
fi
for name in $names; do
	dts=tests/scenarios/$name.dts exp=tests/expected-6.12-16k/$name.txt
	[ -f "$exp" ] && [ -f "$dts" ] || { bad "$name: no $exp or $dts"; continue; }
	dtb="$OUT/$name.dtb"
	dtc -q -I dts -O dtb -p 4096 -o "$dtb" "$dts"
	st=
	[ "$name" = virt-1g ] && st=selftest
	boot "$name" 0 --dtb "$dts" --append "$DEBUG $st ptdump debug_invariants poweroff" || continue
	expect "$name" "$OUT/$name.log" 'bootmem: Linux 6.12 arm64 early memory bring-up \(16 KiB pages' \
		'invariants: after map_mem: .*page tables' 'invariants: after free_all: .*buddy' \
		'Checked W\+X mappings: passed' && ok "$name: invariants after every phase, no W+X"
	if python3 scripts/compare-layout.py "$exp" "$OUT/$name.log" "$dtb" > "$OUT/$name.cmp" 2>&1; then
		ok "$name: layout equals Linux 6.12-16k's ($(tail -1 "$OUT/$name.cmp"))"
	else
		bad "$name: layout differs from Linux 6.12-16k's" "$OUT/$name.cmp" 40
	fi
	if python3 scripts/check-ptdump.py "$OUT/$name.log" > "$OUT/$name.ptdump" 2>&1; then
		ok "$name: ptdump maps all memory but no NOMAP range ($(tail -1 "$OUT/$name.ptdump"))"
	else
		bad "$name: ptdump" "$OUT/$name.ptdump"
	fi
	# Three levels: no PUD entries, 16K pages and 32M blocks in the linear map.
	if sed -n '/Linear Mapping start/,/Linear Mapping end/p' "$OUT/$name.log" | grep -qa ' PUD '; then
		bad "$name: a PUD entry in the linear map (the PUD is folded with 16 KiB pages)" "$OUT/$name.log"
	elif sed -n '/Linear Mapping start/,/Linear Mapping end/p' "$OUT/$name.log" | grep -qaE '^\[[ 0-9.]+\] 0x[0-9a-f]+-0x[0-9a-f]+ +[0-9]+[KMG] PTE +RW NX SHD AF'; then
		ok "$name: ptdump: the linear map in 16 KiB PTEs under PMD tables, no PUD level"
	else
		bad "$name: ptdump: no PTE run in the linear map" "$OUT/$name.log"
	fi
	if [ -n "$st" ]; then
		if grep -qaE '^\[[ 0-9.]+\] +not ok' "$OUT/$name.log"; then
			bad "$name: in-kernel self-tests" "$OUT/$name.log"
		elif grep -qa 'KTAP version 1' "$OUT/$name.log"; then
			ok "$name: in-kernel self-tests ($(grep -ac '^\[.*\] ok ' "$OUT/$name.log") ok)"
		else
			bad "$name: the self-test did not run" "$OUT/$name.log"
		fi
	fi
done

# rodata=off: the linear map in 32 MiB PMD blocks past the PMD that holds the image (whose
# alias is mapped apart, so the 1 GiB contiguous hint cannot apply).
if boot rodata-off 0 --dtb tests/scenarios/virt-1g.dts --append "$DEBUG rodata=off ptdump poweroff" &&
   expect rodata-off "$OUT/rodata-off.log" \
	'0xffff800000000000-0xffff800000200000 +2M PTE +RW NX SHD AF +CON +UXN +MEM/NORMAL' \
	'0xffff800002000000-0xffff800040000000 +992M PMD +RW NX SHD AF +BLK UXN +MEM/NORMAL'; then
	ok "rodata=off: 32 MiB PMD blocks above the image's PMD, 2 MiB contiguous PTE runs in it"
fi

# Through firmware: EDK2 (the EFI stub), U-Boot's booti and bootefi reach Memory: and power
# off with the 16 KiB footprint (not compared with Linux 6.12-16k booted the same way).
for fw in edk2 uboot uboot-efi; do
	if boot "fw-$fw" 0 --firmware "$fw" --append poweroff &&
	   expect "fw-$fw" "$OUT/fw-$fw.log" 'bootmem: Linux 6.12 arm64 .*16 KiB pages' \
		'kernel image footprint \[mem 0x[0-9a-f]+-0x[0-9a-f]+\]: image_size 0x2be0000' \
		'Memory: [0-9]+K/[0-9]+K available \(15616K kernel code, 3844K rwdata, 14064K rodata, 9984K init, 1038K bss' \
		'reboot: Power down'; then
		ok "through $fw: 16 KiB pages to Memory: and power-off"
	fi
done

# linux=6.1: Debian ships no 6.1 with 16 KiB pages; the build says so and follows 6.12.
if boot linux-61 0 --dtb tests/scenarios/virt-1g.dts --append "linux=6.1 poweroff" &&
   expect linux-61 "$OUT/linux-61.log" 'bootmem: Linux 6.12 arm64' \
	'linux=6.1: not a Linux this 16 KiB build follows .*following 6.12' 'reboot: Power down'; then
	ok "linux=6.1 on the 16 KiB build: a bootmem: warning, 6.12 followed"
fi

# A CPU without the 16 KiB granule cannot run the Image: run-qemu.sh says so, the boot times out.
if boot a57 124 --cpu cortex-a57 --timeout 5 --append poweroff &&
   expect a57 "$OUT/a57.log" 'cortex-a57 has no 16 KiB granule' &&
   ! grep -qa 'Booting bootmem' "$OUT/a57.log"; then
	ok "-cpu cortex-a57: no 16 KiB granule, said by run-qemu.sh; the Image parks (exit 124)"
fi

# Usage errors (exit 2, said): raspi3b's Cortex-A53 has no 16 KiB granule; no 8K granule.
if boot raspi3b 2 --machine raspi3b --append poweroff &&
   expect raspi3b "$OUT/raspi3b.log" "raspi3b's Cortex-A53 has no 16 KiB granule"; then
	ok "--machine raspi3b with the 16 KiB Image: exit 2, said why"
fi
./run-qemu.sh --no-build --page-size 8K > "$OUT/8k.log" 2>&1 < /dev/null
st=$?
if [ "$st" = 2 ] && grep -q -- '--page-size 8K: 4K or 16K' "$OUT/8k.log"; then
	ok "--page-size 8K: exit 2, 4K or 16K"
else
	bad "--page-size 8K: exit $st, want 2 and '4K or 16K'" "$OUT/8k.log"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
