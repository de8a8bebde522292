#!/usr/bin/env bash
# Boot bootmem in QEMU. This script's options and exit status are a public contract.
#
#   ./run-qemu.sh [options] [-- extra QEMU arguments]
#     --dtb FILE        boot on exactly this device tree (.dts compiled with dtc, or .dtb);
#                       its /memory nodes reach the kernel untouched (boot stub + loader);
#                       a .dtb byte for byte, but for --append's /chosen/bootargs (a blob
#                       that cannot take them boots unchanged, said on stderr)
#     --append "ARGS"   kernel command line words (e.g. poweroff, memblock=debug, ptdump)
#     -m SIZE           QEMU RAM (default 1G, or the scenario's "// qemu: -m" line)
#     --smp N           CPUs (secondaries are parked)
#     --cpu NAME        CPU model (default cortex-a57 on virt; cortex-a76 for a 16 KiB Image,
#                       which needs a CPU with the 16 KiB granule)
#     --page-size 4K|16K  the granule: 16K builds and boots build-16k/Image (make PAGE_SIZE=16K,
#                       Linux 6.12 arm64-16k's behaviour); a --kernel Image's own header
#                       says its page size too
#     --machine M       virt (default; virt,virtualization=on or virt,secure=on allowed) or raspi3b
#     --firmware FW     boot through real firmware on virt instead of directly:
#                       edk2      UEFI (Debian's qemu-efi-aarch64): the Image runs as an EFI
#                                 application, its EFI stub hands the kernel the UEFI memory map
#                       uboot     U-Boot (u-boot-qemu) distro boot: booti, after a 2 s countdown
#                       uboot-efi U-Boot's bootefi of EFI/BOOT/BOOTAA64.EFI on a FAT disk image;
#                                 the command line goes into the tree's /chosen/bootargs
#                       With --dtb, QEMU replaces the tree's /memory nodes by the RAM of -m
#                       (the firmware reads it from there); /reserved-memory and /memreserve/
#                       reach the firmware as written.
#                       edk2 and uboot get build/Image.linux-size, the Image zero-padded to
#                       the size of Linux's Image file (32954880 bytes): both firmwares copy the
#                       whole file (EDK2 before LoadImage, booti as its "ramdisk"), so its size
#                       decides where the relocated kernel and CMA land (docs/boot-paths.md);
#                       with linux=6.12, build/Image.linux612-size: 6.12's file size (44216832
#                       bytes) and image_size (also on uboot-efi's disk: bootefi's LoadImage
#                       allocates image_size)
#     --small-image     with --firmware edk2|uboot: hand over build/Image itself (about 0.3 MiB)
#     --gdb             QEMU waits for gdb-multiarch on 127.0.0.1:1234 (the command to attach is printed)
#     --timeout S       stop after S seconds (exit 124); default 60 unless interactive
#     --log FILE        also write the console output to FILE
#     --kernel IMAGE    boot this arm64 Image instead of build/Image (e.g. Linux's, to compare)
#     --initrd FILE     an initrd, placed where QEMU's loader (or U-Boot, with --firmware uboot)
#                       puts one and named in /chosen/linux,initrd-start and -end; with
#                       --firmware edk2 the EFI stub loads it (LoadFile2) and hands it over in
#                       the INITRD configuration table, as Linux's (not with uboot-efi)
#     --no-build        do not run make first
# Exit status: 0 when the kernel powered off (poweroff on the command line), 1 on a kernel
# panic, 124 on timeout, 2 on a usage or set-up error.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
B="$HERE/build"
DTB_IN= APPEND= MEM= SMP= CPU= MACHINE=virt GDB=0 TIMEOUT= LOG=- BUILD=1 FIRMWARE= IMAGE= INITRD=
PAGE=
SMALL=0
EXTRA=() LOADER_INITRD=()

usage() { sed -n '2,/^set -euo/{/^set -euo/!p}' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
	case "$1" in
	--dtb) DTB_IN=$2; shift 2 ;;
	--append) APPEND=$2; shift 2 ;;
	-m) MEM=$2; shift 2 ;;
	--smp) SMP=$2; shift 2 ;;
	--cpu) CPU=$2; shift 2 ;;
	--machine) MACHINE=$2; shift 2 ;;
	--firmware) FIRMWARE=$2; shift 2 ;;
	--gdb) GDB=1; shift ;;
	--timeout) TIMEOUT=$2; shift 2 ;;
	--log) LOG=$2; shift 2 ;;
	--no-build) BUILD=0; shift ;;
	--kernel) IMAGE=$2; BUILD=0; shift 2 ;;
	--initrd) INITRD=$2; shift 2 ;;
	--small-image) SMALL=1; shift ;;
	--page-size) PAGE=$2; shift 2 ;;
	--) shift; EXTRA=("$@"); break ;;
	-h|--help) usage ;;
	*) echo "run-qemu.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
	esac
done

case "$PAGE" in
''|4K) ;;
16K) B="$HERE/build-16k" ;;
*) echo "run-qemu.sh: --page-size $PAGE: 4K or 16K" >&2; exit 2 ;;
esac
if [ "$BUILD" = 1 ]; then
	make -s -C "$HERE" ${PAGE:+PAGE_SIZE=$PAGE} kernel >&2 ||
		{ echo "run-qemu.sh: build failed" >&2; exit 2; }
fi
# The Linux followed: the last linux= of the command line (the kernel reads it the same way);
# a 16 KiB build follows 6.12 whatever it says.
follows() {
	local w v=6.1
	[ "$PAGE" = 16K ] && { echo 6.12; return; }
	for w in $APPEND; do
		[ "$w" = -- ] && break
		case "$w" in linux=6.12) v=6.12 ;; linux=*) v=6.1 ;; esac
	done
	echo "$v"
}
if [ -z "$IMAGE" ] && [ "$SMALL" = 0 ]; then
	case "$FIRMWARE:$(follows)" in
	edk2:6.1|uboot:6.1) IMAGE=$B/Image.linux-size ;;
	edk2:6.12|uboot:6.12|uboot-efi:6.12) IMAGE=$B/Image.linux612-size ;;
	esac
fi
IMAGE=${IMAGE:-$B/Image}
[ -f "$IMAGE" ] || { echo "run-qemu.sh: $IMAGE is missing (run make)" >&2; exit 2; }
# The arm64 Image header's flags (offset 24), bits 1-2: the page size (1 4K, 2 16K, 3 64K).
IMAGE_16K=0
if [ "$(head -c 60 "$IMAGE" | tail -c 4)" = $'ARM\x64' ] &&
   [ $(( ($(od -An -t u8 -j 24 -N 8 "$IMAGE") >> 1) & 3 )) = 2 ]; then
	IMAGE_16K=1
fi
if [ -n "$INITRD" ]; then
	[ -f "$INITRD" ] || { echo "run-qemu.sh: no such initrd: $INITRD" >&2; exit 2; }
	case "$FIRMWARE" in uboot-efi)
		echo "run-qemu.sh: --initrd with --firmware uboot-efi: U-Boot 2023.01 offers an EFI application an initrd (LoadFile2 on LINUX_EFI_INITRD_MEDIA_GUID) only from a Boot#### load option (efidebug boot add -i, bootefi bootmgr); its distro boot of EFI/BOOT/BOOTAA64.EFI has none. Use --firmware edk2, uboot or a direct boot" >&2
		exit 2 ;;
	esac
fi

WORK=$(mktemp -d /tmp/bootmem-run.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# "// name: value" header lines of a scenario .dts.
directive() {
	case "$DTB_IN" in *.dts) sed -n "s|^//[[:space:]]*$1:[[:space:]]*||p" "$DTB_IN" | head -1 ;; esac
}

if [ -n "$DTB_IN" ]; then
	[ -f "$DTB_IN" ] || { echo "run-qemu.sh: no such device tree: $DTB_IN" >&2; exit 2; }
	dm=$(directive machine)
	[ -n "$dm" ] && [ "$MACHINE" = virt ] && MACHINE=$dm
fi
MACH_NAME=${MACHINE%%,*}
QOPTS=()
if [ -n "$DTB_IN" ]; then
	read -r -a QOPTS <<< "$(directive qemu)"
	extra_args=$(directive bootargs)
	[ -n "$extra_args" ] && APPEND="${APPEND:+$APPEND }$extra_args"
fi
# -m from the command line wins over the scenario's.
for ((i = 0; i < ${#QOPTS[@]}; i++)); do
	if [ "${QOPTS[$i]}" = -m ]; then
		[ -z "$MEM" ] && MEM=${QOPTS[$((i + 1))]}
		unset 'QOPTS[i]' 'QOPTS[i+1]'
		i=$((i + 1))
	fi
done
QOPTS=(${QOPTS[@]+"${QOPTS[@]}"})
MEM=${MEM:-1G}
[ -n "$SMP" ] && QOPTS+=(-smp "$SMP")

to_bytes() {
	local v=${1#size=}; v=${v%%,*}
	case "$v" in
	*[Gg]) echo $(( ${v%?} << 30 )) ;;
	*[Mm]) echo $(( ${v%?} << 20 )) ;;
	*[Tt]) echo $(( ${v%?} << 40 )) ;;
	*) echo $(( v << 20 )) ;;
	esac
}

case "$MACH_NAME" in
virt)
	[ "$IMAGE_16K" = 1 ] && CPU=${CPU:-cortex-a76}
	case "$IMAGE_16K:$CPU" in 1:cortex-a53|1:cortex-a57|1:cortex-a72)
		echo "run-qemu.sh: $CPU has no 16 KiB granule: this Image parks before its MMU is on, printing nothing" >&2 ;;
	esac
	MARGS=(-M "$MACHINE" -cpu "${CPU:-cortex-a57}" -m "$MEM")
	RAM_BASE=0x40000000; RAM_SIZE=$(to_bytes "$MEM") ;;
raspi3b)
	[ "$IMAGE_16K" = 1 ] && { echo "run-qemu.sh: $IMAGE has 16 KiB pages: raspi3b's Cortex-A53 has no 16 KiB granule" >&2; exit 2; }
	# QEMU's raspi3b has exactly 1 GiB; the top 64 MiB is the VideoCore's.
	MARGS=(-M "$MACHINE" -m 1G -no-reboot -watchdog-action poweroff)
	[ -n "$CPU" ] && MARGS+=(-cpu "$CPU")
	RAM_BASE=0; RAM_SIZE=$((0x3c000000))
	[ -n "$DTB_IN" ] || DTB_IN="$HERE/tests/data/bcm2837-rpi-3-b.dtb"
	case " $APPEND " in *" earlycon="*) ;; *) APPEND="earlycon=pl011,0x3f201000${APPEND:+ $APPEND}" ;; esac ;;
*) echo "run-qemu.sh: unknown machine '$MACHINE' (virt or raspi3b)" >&2; exit 2 ;;
esac

# A tree for a firmware boot: QEMU itself loads it, so it must be a valid blob.
firmware_dtb() {
	local err
	case "$DTB_IN" in
	*.dts) err=$(dtc -q -I dts -O dtb -p 4096 -o "$1" "$DTB_IN" 2>&1) ;;
	*) err=$(dtc -q -I dtb -O dtb -p 4096 -o "$1" "$DTB_IN" 2>&1) ;;
	esac || {
		echo "run-qemu.sh: $DTB_IN is not a valid device tree (${err:-dtc failed}); a firmware" \
		     "boot hands the tree to QEMU, which cannot load it" >&2
		exit 2
	}
}

# U-Boot's bootefi finds EFI/BOOT/BOOTAA64.EFI on an EFI system partition: a 64 MiB raw disk,
# one MBR partition of type 0xef from 1 MiB, FAT, built without root or loop devices.
efi_disk() {
	local img=$1 part="$1@@1M"
	truncate -s 64M "$img"
	echo 'start=2048, type=ef' | sfdisk -q "$img" >/dev/null &&
	mformat -i "$part" -F :: &&
	mmd -i "$part" ::/EFI ::/EFI/BOOT &&
	mcopy -i "$part" "$IMAGE" ::/EFI/BOOT/BOOTAA64.EFI || {
		echo "run-qemu.sh: could not build the EFI system partition image (sfdisk, mtools)" >&2
		exit 2
	}
}

LOADER=()
if [ -n "$FIRMWARE" ]; then
	case "$FIRMWARE" in
	edk2) FW=/usr/share/qemu-efi-aarch64/QEMU_EFI.fd PKG=qemu-efi-aarch64 ;;
	uboot|uboot-efi) FW=/usr/lib/u-boot/qemu_arm64/u-boot.bin PKG=u-boot-qemu ;;
	*) echo "run-qemu.sh: unknown firmware '$FIRMWARE' (edk2, uboot or uboot-efi)" >&2; exit 2 ;;
	esac
	[ "$MACH_NAME" = virt ] || { echo "run-qemu.sh: --firmware needs --machine virt" >&2; exit 2; }
	[ -f "$FW" ] || { echo "run-qemu.sh: --firmware $FIRMWARE needs $FW (apt-get install $PKG)" >&2; exit 2; }
	for tool in sfdisk mformat; do
		[ "$FIRMWARE" != uboot-efi ] || command -v $tool >/dev/null ||
			{ echo "run-qemu.sh: --firmware uboot-efi needs $tool (apt-get install fdisk mtools)" >&2; exit 2; }
	done
	# Without acpi=off EDK2 gives the OS ACPI tables and no device tree.
	if [ "$FIRMWARE" = edk2 ]; then
		case ",$MACHINE," in *,acpi=*) ;; *) MARGS[1]="$MACHINE,acpi=off" ;; esac
	fi
	FWDTB=
	if [ -n "$DTB_IN" ]; then
		FWDTB="$WORK/boot.dtb"
		firmware_dtb "$FWDTB"
	fi
	if [ "$FIRMWARE" = uboot-efi ]; then
		if [ -z "$FWDTB" ]; then
			# QEMU's own tree for this machine, to carry the command line.
			FWDTB="$WORK/boot.dtb"
			qemu-system-aarch64 -M "$MACHINE,dumpdtb=$FWDTB" "${MARGS[@]:2}" \
				${QOPTS[@]+"${QOPTS[@]}"} -display none >/dev/null 2>&1
			[ -s "$FWDTB" ] || { echo "run-qemu.sh: QEMU did not dump its device tree" >&2; exit 2; }
		fi
		fdtget -p "$FWDTB" /chosen >/dev/null 2>&1 || fdtput -c "$FWDTB" /chosen
		fdtput -t s "$FWDTB" /chosen bootargs "$APPEND"
		efi_disk "$WORK/disk.img"
		LOADER=(-bios "$FW" -dtb "$FWDTB" -drive "if=virtio,file=$WORK/disk.img,format=raw")
	else
		LOADER=(-bios "$FW" -kernel "$IMAGE")
		[ -n "$APPEND" ] && LOADER+=(-append "$APPEND")
		# U-Boot's distro boot loads QEMU's -initrd from fw_cfg as its "ramdisk".
		[ -n "$INITRD" ] && LOADER+=(-initrd "$INITRD")
		[ -n "$FWDTB" ] && LOADER+=(-dtb "$FWDTB")
	fi
	echo "run-qemu.sh: ${DTB_IN:+$(basename "$DTB_IN") on }$MACHINE through $FIRMWARE ($FW), $(basename "$IMAGE")" >&2
elif [ -n "$DTB_IN" ]; then
	DTB="$WORK/boot.dtb"
	case "$DTB_IN" in
	*.dts)
		dtc -q -I dts -O dtb -p 4096 -o "$DTB" "$DTB_IN" ||
			{ echo "run-qemu.sh: dtc cannot compile $DTB_IN" >&2; exit 2; }
		if fdtget "$DTB" / compatible >/dev/null 2>&1; then
			fdtget -p "$DTB" /chosen >/dev/null 2>&1 || fdtput -c "$DTB" /chosen
			fdtput -t s "$DTB" /chosen bootargs "$APPEND"
		fi ;;
	*)
		# What a boot loader hands over: the blob as it is (dtc would repair some damage
		# and fdtput refuse other), with only the command line put in, as QEMU's -append.
		cp "$DTB_IN" "$DTB"
		if [ -n "$APPEND" ] &&
		   ! why=$(python3 "$HERE/scripts/dtb-chosen.py" "$DTB_IN" "$DTB" -s bootargs "$APPEND" 2>&1); then
			cp "$DTB_IN" "$DTB"
			echo "run-qemu.sh: $(basename "$DTB_IN") cannot take bootargs ($why): booting it unchanged, without \"$APPEND\"" >&2
		fi ;;
	esac
	if fdtget "$DTB" / compatible >/dev/null 2>&1; then
		PLACE=$(python3 "$HERE/scripts/dtb-place.py" "$DTB" "$IMAGE" "$RAM_BASE" "$RAM_SIZE" \
			${INITRD:+$(stat -c %s "$INITRD")}) || exit 2
	else
		# Hostile input: place it where QEMU would put a DTB.
		PLACE="$((RAM_BASE + 0x200000)) $((RAM_BASE + (RAM_SIZE / 2 < 0x8000000 ? RAM_SIZE / 2 : 0x8000000)))"
	fi
	read -r KADDR DADDR IADDR <<< "$PLACE"
	# As QEMU's loader: the initrd where the DTB would go, the DTB after it; /chosen names it
	# (without touching anything else in the blob).
	if [ -n "$INITRD" ] && [ -n "$IADDR" ] &&
	   python3 "$HERE/scripts/dtb-chosen.py" "$DTB" "$WORK/initrd.dtb" \
		-x linux,initrd-start "$IADDR" \
		-x linux,initrd-end "$((IADDR + $(stat -c %s "$INITRD")))" 2>/dev/null; then
		mv "$WORK/initrd.dtb" "$DTB"
		LOADER_INITRD=(-device "loader,file=$INITRD,addr=$IADDR,force-raw=on")
	elif [ -n "$INITRD" ]; then
		echo "run-qemu.sh: --initrd: this tree cannot take /chosen properties; booting it without the initrd" >&2
	fi
	python3 "$HERE/scripts/bootstub.py" "$WORK/stub.bin" "$KADDR" "$DADDR"
	if [ "$MACH_NAME" = raspi3b ]; then
		LOADER=(-kernel "$WORK/stub.bin")
	else
		LOADER=(-bios "$WORK/stub.bin")
	fi
	LOADER+=(-device "loader,file=$IMAGE,addr=$KADDR,force-raw=on"
		 -device "loader,file=$DTB,addr=$DADDR,force-raw=on" ${LOADER_INITRD[@]+"${LOADER_INITRD[@]}"})
	echo "run-qemu.sh: $(basename "$DTB_IN") on $MACHINE, Image at $(printf %#x "$KADDR"), DTB at $(printf %#x "$DADDR")" >&2
else
	LOADER=(-kernel "$IMAGE")
	[ -n "$APPEND" ] && LOADER+=(-append "$APPEND")
	[ -n "$INITRD" ] && LOADER+=(-initrd "$INITRD")
fi

if [ "$MACH_NAME" = raspi3b ]; then
	# The PL011 (serial0, earlycon) is on stdout; the mini-UART (serial1, the Pi 3 DT's
	# stdout-path) goes to a file.
	SERIAL=(-serial stdio -serial "file:$B/raspi3b-miniuart.log")
	ISERIAL=(-serial mon:stdio -serial "file:$B/raspi3b-miniuart.log")
else
	SERIAL=(-serial stdio)
	ISERIAL=(-serial mon:stdio)
fi
CMD=(qemu-system-aarch64 "${MARGS[@]}" -nic none -display none -monitor none
     "${LOADER[@]}" ${QOPTS[@]+"${QOPTS[@]}"} ${EXTRA[@]+"${EXTRA[@]}"})

if [ "$GDB" = 1 ]; then
	CMD+=(-gdb tcp:127.0.0.1:1234 -S)
	echo "run-qemu.sh: QEMU waits for gdb on 127.0.0.1:1234. Attach with:" >&2
	echo "  gdb-multiarch -x $HERE/scripts/gdb/bootmem.gdb $B/bootmem.elf" >&2
fi

interactive=0
case " $APPEND " in *" poweroff "*) ;; *) [ -t 0 ] && [ -z "$TIMEOUT" ] && interactive=1 ;; esac
if [ "$interactive" = 1 ]; then
	exec "${CMD[@]}" "${ISERIAL[@]}"
fi
if [ -z "$TIMEOUT" ]; then
	TIMEOUT=60
	[ "$GDB" = 1 ] && TIMEOUT=0
fi
python3 "$HERE/scripts/qemu-runner.py" "$TIMEOUT" "$LOG" -- "${CMD[@]}" "${SERIAL[@]}"
