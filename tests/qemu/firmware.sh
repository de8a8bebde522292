#!/usr/bin/env bash
# Boots through real firmware: the Image's PE/COFF header; bootmem reaching Memory: and
# powering off through EDK2, U-Boot's booti and U-Boot's bootefi, with and without --dtb, and
# following Linux 6.12 (linux=6.12);
# the EFI stub's console lines, /chosen and UEFI memory map against Linux 6.1's stub booted
# the same way (tests/expected/efi-stub); bad input. Ends with "N passed, N failed".
#
#   tests/qemu/firmware.sh            run the tests
#   tests/qemu/firmware.sh --record   boot Debian's Linux 6.1 (ORACLE_CACHE, default
#                                     /tmp/oracle/cache) through each firmware and rewrite
#                                     tests/expected/efi-stub/*.txt from its efi=debug lines
set -u
cd "$(dirname "$0")/../.."
OUT=${OUT:-$PWD/build/firmware-tests}
EXP=tests/expected/efi-stub
mkdir -p "$OUT"
pass=0 fail=0
# mem=512M keeps both kernels' own allocations below the firmware's structures at the top of
# RAM, so that they can still be read from guest memory after the boot.
BASE="earlycon=pl011,0x9000000 efi=debug mem=512M"

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     /' "$2" | tail -${3:-15}; }

# The comparison cases: name|firmware|machine|device tree|more kernel words. @long: a command
# line longer than the stub's 2048 bytes; @rng: a virtio-rng device, so EDK2 has an
# EFI_RNG_PROTOCOL and the stub places the kernel at random (only the stub's lines, /chosen's
# fixed parts and the tables are compared then; the placement is checked against the map).
CASES="edk2|edk2|virt||
edk2-nokaslr|edk2|virt||nokaslr
edk2-quiet|edk2|virt||quiet ignore_loglevel
edk2-memreserve|edk2|virt|tests/scenarios/memreserve.dts|
edk2-el2|edk2|virt,virtualization=on||
uboot-efi|uboot-efi|virt||
uboot-efi-memreserve|uboot-efi|virt|tests/scenarios/memreserve.dts|
edk2-longcmd|edk2|virt||@long
edk2-rng|edk2|virt||@rng"

# The kernel words of a case; $1 = the word that ends the run (Linux: panic=-1, bootmem:
# poweroff, as long; END in the recorded bootargs), first so that a truncated line keeps it.
words() {
	local extra=$2
	[ "$extra" = @long ] && extra=$(seq -f 'bootmem_filler_%03g=y' 1 150 | tr '\n' ' ')
	[ "$extra" = @rng ] && extra=

	echo "$BASE $1 ${extra% }"
}

# virt-1g.dts with a property that makes the tree larger than the stub's 2 MiB (MAX_FDT_SIZE).
big_dts() {
	python3 - "$1" <<-'EOF'
	import sys
	src = open("tests/scenarios/virt-1g.dts").read()
	i = src.index("/ {") + 3
	pad = "\n\tbootmem-padding = [" + " 00" * (2 * 1024 * 1024 + 4096) + "];\n"
	open(sys.argv[1], "w").write(src[:i] + pad + src[i:])
	EOF
}

# More QEMU arguments for a case.
qemu_extra() {
	[ "$1" = @rng ] && echo "-device virtio-rng-pci"
	return 0
}

# What a stub handed over, from a console log (Linux's efi=debug lines, or ours with the lines
# efi-handoff.py printed): the stub's lines, /chosen's UEFI parameters, MEMRESERVE, the map.
handoff_lines() {
	# Only the first of each: Linux's console replays its log when the real console starts.
	tr -d '\r' < "$1" | awk '
		/EFI stub: / && !kernel { sub(/.*EFI stub: /, "EFI stub: "); print; next }
		/^\[ *[0-9]+\.[0-9]+\] / { kernel = 1; sub(/^\[ *[0-9]+\.[0-9]+\] /, "") }
		/^efi: Getting UEFI parameters/ { if (chosen++) chosen_done = 1 }
		(/^efi: Getting UEFI parameters/ || /^efi:   [A-Z][A-Za-z. ]+: 0x/) && !chosen_done { print; next }
		/MEMRESERVE=0x/ && !rsv++ { match($0, /MEMRESERVE=0x[0-9a-f]+/); print substr($0, RSTART, RLENGTH) }
		/ RNG=0x/ && !rng++ { match($0, /RNG=0x[0-9a-f]+/); print substr($0, RSTART, RLENGTH) }
		/^efi-handoff: RNG seed table at 0x/ && !rng++ { sub(/,$/, "", $6); print "RNG=" $6 }
		/MEMRESERVE=0x/ || / RNG=0x/ || /RNG seed table/ { next }
		/^efi:   0x[0-9a-f]+-0x[0-9a-f]+ \[/ { if (!map_done) { in_map = 1; print }; next }
		{ if (in_map) map_done = 1 }'
}

record() {
	local cache=${ORACLE_CACHE:-/tmp/oracle/cache} name fw mach dtb extra
	[ -f "$cache/Image" ] || { echo "no Linux Image in $cache (../shared/oracle/fetch-linux.sh)"; exit 2; }
	mkdir -p "$EXP"
	while IFS='|' read -r name fw mach dtb extra; do
		./run-qemu.sh --kernel "$cache/Image" --firmware "$fw" --machine "$mach" \
			${dtb:+--dtb "$dtb"} --append "$(words panic=-1 "$extra")" --timeout 60 -- -no-reboot \
			$(qemu_extra "$extra") > "$OUT/linux-$name.log" 2>&1 < /dev/null
		{
			echo "# Linux $(cat "$cache/VERSION" 2>/dev/null) through $fw on $mach${dtb:+ with $dtb}: $BASE $extra"
			echo "# image-size $(python3 -c "import struct,sys; print(hex(struct.unpack_from('<Q', open(sys.argv[1],'rb').read(24), 16)[0]))" "$cache/Image") file-size $(stat -c %s "$cache/Image")"
			handoff_lines "$OUT/linux-$name.log"
			grep -a -m1 'Kernel command line: ' "$OUT/linux-$name.log" | tr -d '\r' |
				sed 's/.*Kernel command line: /bootargs: /; s/ panic=-1 / END /'
		} > "$EXP/$name.txt"
		echo "recorded $EXP/$name.txt ($(grep -c '^efi:   0x' "$EXP/$name.txt") descriptors)"
	done <<< "$CASES"
	# A tree the stub cannot copy into its 2 MiB: Linux's stub gives up, in these words.
	big_dts "$OUT/big.dts"
	./run-qemu.sh --kernel "$cache/Image" --firmware edk2 --dtb "$OUT/big.dts" \
		--append "$(words panic=-1 "")" --timeout 60 -- -no-reboot > "$OUT/linux-bigdtb.log" 2>&1 < /dev/null
	{
		echo "# Linux $(cat "$cache/VERSION" 2>/dev/null) through edk2 on a tree larger than 2 MiB"
		handoff_lines "$OUT/linux-bigdtb.log"
	} > "$EXP/edk2-bigdtb.txt"
	echo "recorded $EXP/edk2-bigdtb.txt"
}
[ "${1:-}" = --record ] && { record; exit 0; }

make -s kernel || { echo "FAIL build"; echo "0 passed, 1 failed"; exit 1; }

# 1. The PE/COFF header, field by field, and that the check catches a broken one.
if python3 scripts/pe-image.py check build/Image build/bootmem.elf > "$OUT/pe.txt" 2>&1; then
	ok "PE/COFF header: MZ/ccmp, PE at 0x40, entry = efi_pe_entry, SizeOfImage = image_size"
else
	bad "PE/COFF header" "$OUT/pe.txt"
fi
python3 scripts/pe-image.py footprint build/Image "$OUT/Image-bad" 0x3000000 > /dev/null
if python3 scripts/pe-image.py check "$OUT/Image-bad" build/bootmem.elf > "$OUT/pe-bad.txt" 2>&1; then
	bad "PE/COFF check accepts an Image whose SizeOfImage is not the linker's image_size" "$OUT/pe-bad.txt"
elif grep -q "image_size is 0x3000000, want" "$OUT/pe-bad.txt"; then
	ok "PE/COFF check rejects a wrong footprint, naming the field"
else
	bad "PE/COFF check: wrong message for a bad footprint" "$OUT/pe-bad.txt"
fi

# The build refuses stub code that would need its link address: a table of pointers.
mkdir -p "$OUT/stubcheck"
printf '%s\n' 'static const char *const names[] = { "a", "b" };' \
	'const char *stub_name(int i);' 'const char *stub_name(int i) { return names[i]; }' \
	> "$OUT/stubcheck/ptrtable.c"
rel=${OUT#$PWD/}/stubcheck/ptrtable
rm -f "build/stub/$rel.o"
if make -s "build/stub/$rel.o" > "$OUT/stubcheck.log" 2>&1; then
	bad "the stub's relocation check let a pointer table (R_AARCH64_ABS64) through" "$OUT/stubcheck.log"
elif grep -q 'R_AARCH64_ABS64' "$OUT/stubcheck.log" &&
     grep -q 'absolute or GOT relocations are not allowed in the EFI stub' "$OUT/stubcheck.log"; then
	ok "the build rejects an EFI stub object with an absolute relocation (R_AARCH64_ABS64)"
else
	bad "the stub's relocation check failed for another reason" "$OUT/stubcheck.log"
fi

# 2. bootmem through each firmware, with QEMU's tree and with a scenario's, to Memory: and off.
boot() { # boot NAME EXPECTED_STATUS run-qemu args...
	local name=$1 want=$2 log="$OUT/$1.log" st
	shift 2
	./run-qemu.sh --no-build --timeout 60 "$@" > "$log" 2>&1 < /dev/null
	st=$?
	[ "$st" = "$want" ] && return 0
	bad "$name: exit $st, want $want" "$log"
	return 1
}
# Linux 6.1's stub on a firmware without EFI_RNG_PROTOCOL, word for word.
STUB_LINES=$(printf '%s\n' "EFI stub: Booting Linux Kernel..." "EFI stub: EFI_RNG_PROTOCOL unavailable" \
	"EFI stub: Using DTB from configuration table" "EFI stub: Exiting boot services...")
for fw in edk2 uboot uboot-efi; do
	for dtb in "" tests/scenarios/virt-1g.dts; do
		name=$fw${dtb:+-dtb}
		start=$(date +%s%N)
		boot "$name" 0 --firmware "$fw" ${dtb:+--dtb "$dtb"} --append "earlycon=pl011,0x9000000 poweroff" ||
			continue
		secs=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
		log="$OUT/$name.log"
		stub=$(grep -ao 'EFI stub: .*' "$log" | tr -d '\r')
		# EDK2's map adds the 64 MiB flash (MMIO, WC) as NOMAP memory, which Linux counts too.
		total=1048576
		[ "$fw" = edk2 ] && total=1114112
		if ! grep -qa "Memory: [0-9]*K/${total}K available" "$log" || ! grep -qa 'reboot: Power down' "$log"; then
			bad "$name: no Memory: line or no power-off" "$log"
		elif [ "$fw" = uboot ] && [ -n "$stub" ]; then
			bad "$name: booti must not run the EFI stub" "$log"
		elif [ "$fw" != uboot ] && [ "$stub" != "$STUB_LINES" ]; then
			bad "$name: EFI stub lines differ from Linux's" "$log"
		else
			ok "$name: through $fw${dtb:+ with --dtb} to Memory: and power-off (${secs} s)"
		fi
	done
done

# linux=6.12 through each firmware: the command line reaches the kernel (in /chosen), which
# follows 6.12 and reserves its footprint from _text, wherever the firmware put the Image.
for fw in edk2 uboot uboot-efi; do
	name=$fw-612
	boot "$name" 0 --firmware "$fw" --append "linux=6.12 earlycon=pl011,0x9000000 poweroff" ||
		continue
	log="$OUT/$name.log"
	# Under EDK2 the 64 MiB flash is memory too (NOMAP), as in Linux's Memory: line, and the
	# bounce buffer of 1 MiB per GiB (1088 KiB) becomes whole segments, then a power of two
	# of slabs (2 MiB), as Linux 6.12 through EDK2 prints it.
	total=1048576K
	tlb='software IO TLB: area num 1\.'
	if [ "$fw" = edk2 ]; then
		total=1114112K
		tlb='software IO TLB: SWIOTLB bounce buffer size roundup to 2MB'
	fi
	if grep -qa 'bootmem: Linux 6.12 arm64 early memory bring-up' "$log" &&
	   grep -qa 'image_size 0x2b30000 (Debian.s Linux 6.12 Image), reserved from _text' "$log" &&
	   grep -qa '  Device   empty' "$log" &&
	   grep -qa "Memory: [0-9]*K/$total available (15616K kernel code" "$log" &&
	   grep -qa "$tlb" "$log" &&
	   grep -qa 'reboot: Power down' "$log"; then
		ok "$name: linux=6.12 through $fw to Memory: and power-off"
	else
		bad "$name: linux=6.12 through $fw: not 6.12's lines" "$log"
	fi
done

# linux=6.12 with an initrd through EDK2: the EFI stub loads it, the kernel reserves it.
head -c 3000000 /dev/zero > "$OUT/initrd-612.img"
if boot edk2-initrd-612 0 --firmware edk2 --initrd "$OUT/initrd-612.img" \
	--append "linux=6.12 earlycon=pl011,0x9000000 poweroff"; then
	log="$OUT/edk2-initrd-612.log"
	if grep -qa 'EFI stub: Loaded initrd from LINUX_EFI_INITRD_MEDIA_GUID device path' "$log" &&
	   grep -qa 'bootmem: Linux 6.12 arm64' "$log" &&
	   grep -qaE 'bootmem: initrd \[mem 0x[0-9a-f]+-0x[0-9a-f]+\] \(3000000 bytes\)' "$log" &&
	   grep -qa 'reboot: Power down' "$log"; then
		ok "edk2-initrd-612: linux=6.12 through edk2 with an initrd loaded by the stub and reserved"
	else
		bad "edk2-initrd-612: linux=6.12 through edk2 with an initrd" "$log"
	fi
fi

# KASLR's physical placement: a 64 KiB-aligned Loader Code descriptor of exactly the footprint
# at the address the kernel reports, away from where the firmware loaded the image.
random_placement() {
	local name=$1 log=$2 size=$3 at
	at=$(grep -ao 'image at physical 0x[0-9a-f]*' "$log" | head -1 | awk '{print $4}')
	if [ -z "$at" ] || [ $((at % 0x10000)) != 0 ]; then
		bad "$name: the kernel runs at '$at', not 64 KiB aligned" "$log"
	elif ! grep -q "$(printf 'efi:   0x%012x-0x%012x \\[Loader Code ' "$at" $((at + size - 1)))" "$log"; then
		bad "$name: no Loader Code descriptor of $size bytes at $at in the map" "$log" 40
	else
		ok "$name: the kernel placed at random, $at, in a Loader Code allocation of its footprint"
	fi
}

# Boot NAME (IMAGE FIRMWARE MACHINE DTB APPEND [more QEMU args]) to power-off, keep QEMU up and
# append to $OUT/cmp-NAME.log what efi-handoff.py reads from guest memory.
handoff_boot() {
	local name=$1 img=$2 fw=$3 mach=$4 dtb=$5 append=$6 qemu dtbaddr
	local sock="$OUT/qmp-$name.sock" log="$OUT/cmp-$name.log"
	shift 6
	rm -f "$sock" "$OUT/handoff-$name.txt"
	./run-qemu.sh --kernel "$img" --firmware "$fw" --machine "$mach" ${dtb:+--dtb "$dtb"} \
		--append "$append" --timeout 60 -- -no-shutdown -qmp "unix:$sock,server,nowait" "$@" \
		> "$log" 2>&1 < /dev/null &
	qemu=$!
	for _ in $(seq 600); do
		grep -qa 'reboot: Power down\|Kernel panic' "$log" && break
		kill -0 $qemu 2>/dev/null || break
		sleep 0.1
	done
	dtbaddr=$(grep -ao 'DTB at 0x[0-9a-f]*' "$log" | head -1 | awk '{print $3}')
	if [ -n "$dtbaddr" ] && grep -qa 'reboot: Power down' "$log"; then
		python3 scripts/efi-handoff.py "$sock" "$dtbaddr" --quit > "$OUT/handoff-$name.txt" 2>&1
	else
		kill $qemu 2>/dev/null
	fi
	wait $qemu
	[ -f "$OUT/handoff-$name.txt" ] && cat "$OUT/handoff-$name.txt" >> "$log"
}

# 3. Against Linux: the same firmware, tree and command line, our Image presenting Linux's
#    footprint and file size; the stub's lines, /chosen and the UEFI memory map must be Linux's.
while IFS='|' read -r name fw mach dtb extra; do
	exp=$EXP/$name.txt
	[ -f "$exp" ] || { bad "$name: no $exp (tests/qemu/firmware.sh --record)"; continue; }
	read -r _ _ size _ fsize < <(sed -n 2p "$exp")
	img="$OUT/Image-$size-$fsize"
	[ -f "$img" ] || python3 scripts/pe-image.py footprint build/Image "$img" "$size" "$fsize"
	log="$OUT/cmp-$name.log"
	handoff_boot "$name" "$img" "$fw" "$mach" "$dtb" "$(words poweroff "$extra")" $(qemu_extra "$extra")
	args=$(grep -a -m1 'efi-handoff: /chosen/bootargs = ' "$log" | sed 's/.* = //')
	if [ "$extra" = @long ]; then
		# Linux's printk shows only the first ~1000 bytes of its command line: compare those,
		# and the whole length with the one the stub announced.
		cut=$(sed -n 's/.*truncated to \([0-9]*\) bytes/\1/p' "$exp")
		[ "${#args}" = "$cut" ] && ok "$name: the stub cut the command line at $cut bytes, as Linux's" ||
			bad "$name: bootargs are ${#args} bytes, Linux's stub cut at $cut" "$log"
		args=${args/ poweroff / END }
		linux_args=$(sed -n 's/^bootargs: //p' "$exp")
		args=${args:0:${#linux_args}}
	else
		args=${args/ poweroff / END }
	fi
	{
		handoff_lines "$log"
		echo "bootargs: $args"
	} > "$OUT/cmp-$name.txt"
	if [ "$extra" = @rng ]; then
		random_placement "$name" "$log" "$size"
		# The rest depends on where the kernel went: the map and its size.
		sed -i '/^efi:   0x/d; /MemMap Size/d' "$OUT/cmp-$name.txt"
		filter='^#|^efi:   0x|MemMap Size'
	else
		filter='^#'
	fi
	if ! grep -q '^efi:   System Table' "$OUT/cmp-$name.txt"; then
		bad "$name: no handoff read back" "$log"
	elif diff <(grep -Ev "$filter" "$exp") "$OUT/cmp-$name.txt" > "$OUT/cmp-$name.diff"; then
		if [ "$extra" = @rng ]; then
			ok "$name: stub lines, /chosen's fixed part, MEMRESERVE and the RNG seed table equal Linux's"
		else
			ok "$name: stub lines, /chosen (bootargs too), MEMRESERVE and the $(grep -c '^efi:   0x' "$exp")-descriptor UEFI map equal Linux's"
		fi
	else
		bad "$name: the handoff differs from Linux's (< Linux, > bootmem)" "$OUT/cmp-$name.diff" 30
	fi
	grep -q "0 /memreserve/ entries" "$log" || bad "$name: /memreserve/ entries left in the kernel's tree" "$log"
done <<< "$CASES"

# 4. Bad input: a clear message and a clean exit status.
head -c 4096 /dev/urandom > "$OUT/garbage.dtb"
if boot garbage-dtb 2 --firmware edk2 --dtb "$OUT/garbage.dtb" --append poweroff; then
	expect_msg() { grep -qa "$2" "$OUT/$1.log" && ok "$1: $3" || bad "$1: $3" "$OUT/$1.log"; }
	expect_msg garbage-dtb "garbage.dtb is not a valid device tree" \
		"a broken --dtb through edk2: run-qemu.sh names it, exit 2 (QEMU could not load it)"
fi
big_dts "$OUT/big.dts"
if boot bigdtb 1 --firmware edk2 --dtb "$OUT/big.dts" --append "$(words poweroff "")"; then
	if [ ! -f "$EXP/edk2-bigdtb.txt" ]; then
		bad "bigdtb: no $EXP/edk2-bigdtb.txt (tests/qemu/firmware.sh --record)"
	elif ! diff <(grep -v '^#' "$EXP/edk2-bigdtb.txt") <(handoff_lines "$OUT/bigdtb.log") > "$OUT/bigdtb.diff"; then
		bad "bigdtb: the stub's lines differ from Linux's on a tree over 2 MiB" "$OUT/bigdtb.diff"
	elif ! grep -qa 'bootmem: the EFI stub failed (status 0x8000000000000001): back to the firmware' "$OUT/bigdtb.log" ||
	     ! grep -qa 'run-qemu.sh: the EFI stub failed: QEMU stopped' "$OUT/bigdtb.log"; then
		bad "bigdtb: no bootmem: line or no stop after the stub gave up" "$OUT/bigdtb.log"
	else
		ok "bigdtb: a tree over 2 MiB: Linux's ERROR lines, the stub returns EFI_LOAD_ERROR, exit 1"
	fi
fi
if boot dtb-option 0 --firmware edk2 --append "earlycon=pl011,0x9000000 dtb=board.dtb poweroff"; then
	grep -qa 'EFI stub: ERROR: Ignoring DTB from command line.' "$OUT/dtb-option.log" &&
		grep -qa 'Memory: ' "$OUT/dtb-option.log" &&
		ok "dtb=: the stub says it ignores it (bootmem loads no files) and boots on" ||
		bad "dtb=: no message or no boot" "$OUT/dtb-option.log"
fi
boot bad-firmware 2 --firmware coreboot --append poweroff &&
	grep -qa "unknown firmware 'coreboot'" "$OUT/bad-firmware.log" &&
	ok "--firmware coreboot: usage error, exit 2"
boot firmware-raspi 2 --firmware edk2 --machine raspi3b --append poweroff &&
	grep -qa -- "--firmware needs --machine virt" "$OUT/firmware-raspi.log" &&
	ok "--firmware on raspi3b: usage error, exit 2"

echo
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
