#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Linux 6.1 booted through real firmware is the reference for bootmem's firmware boots: this
# boots Debian's Linux 6.1 Image through EDK2, U-Boot booti or U-Boot bootefi on QEMU virt and
# prints a normalised report of its early memory layout (scripts/firmware-report.py).
#
#   scripts/linux-firmware.sh FIRMWARE [--dtb TREE.dts|TREE.dtb] [--append WORDS] [--initrd FILE]
#                             [-- QEMU ARGS]
#   scripts/linux-firmware.sh --scenarios [NAME...]   # regenerate tests/expected-firmware/
#
# FIRMWARE is edk2 (QEMU_EFI.fd runs the Image as an EFI application, -append = its load
# options), uboot (u-boot.bin loads it over fw_cfg and starts it with booti) or uboot-efi
# (u-boot.bin's distro boot runs EFI/BOOT/BOOTAA64.EFI = the Image from a FAT partition of type
# 0xef on a virtio disk; the command line goes in the DT's /chosen/bootargs). Without --dtb
# the firmware gets QEMU's own tree; with it, QEMU replaces the tree's /memory nodes by the
# RAM of -m (so choose -m to match) and keeps /reserved-memory and /memreserve/.
# A tree's "// qemu:" and "// bootargs:" header lines are honoured (--scenarios overrides -m).
# --initrd (edk2, uboot) is QEMU's -initrd: EDK2 offers it to the EFI stub through LoadFile2 on
# the LINUX_EFI_INITRD_MEDIA_GUID device path, U-Boot's distro boot loads it as the ramdisk.
#
# Kernel words: efi=debug memblock=debug loglevel=8 ignore_loglevel mminit_loglevel=4 nokaslr
# earlycon=pl011,0x9000000, plus the tree's and --append's. Linux is stopped at "Memory:".
# Environment: LINUX_IMAGE (default $ORACLE_CACHE/Image, ORACLE_CACHE default /tmp/oracle/cache;
# the oracle's fetch-linux.sh fetches it), FW_LINUX=6.12 (Linux 6.12: ORACLE_CACHE default
# /tmp/oracle/cache612, reports in tests/expected-firmware-6.12, and console=ttyAMA0 added to
# the words: 6.12 prints "Memory:" only after the consoles change hands, and without it the
# dummy tty0 takes over from the earlycon) or FW_LINUX=6.12-16k (Debian's arm64-16k 6.12:
# /tmp/oracle/cache612-16k, tests/expected-firmware-6.12-16k, -cpu cortex-a76, a CPU with
# the 16 KiB granule), FW_OUT (raw logs, default build/linux-firmware),
# FW_TIMEOUT (seconds, default 60). Exit 0 if Linux reached "Memory:", 3 otherwise (the report
# then records the firmware's or Linux's outcome), 2 on a usage error.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
FW_LINUX=${FW_LINUX:-6.1}
case "$FW_LINUX" in
6.1)	CACHE=${ORACLE_CACHE:-/tmp/oracle/cache} EXPECTED_DIR=expected-firmware ;;
6.12)	CACHE=${ORACLE_CACHE:-/tmp/oracle/cache612} EXPECTED_DIR=expected-firmware-6.12 ;;
6.12-16k)
	CACHE=${ORACLE_CACHE:-/tmp/oracle/cache612-16k} EXPECTED_DIR=expected-firmware-6.12-16k ;;
*)	echo "linux-firmware.sh: FW_LINUX=$FW_LINUX: 6.1, 6.12 or 6.12-16k" >&2; exit 2 ;;
esac
IMAGE=${LINUX_IMAGE:-$CACHE/Image}
OUT=${FW_OUT:-$ROOT/build/linux-firmware}
TIMEOUT=${FW_TIMEOUT:-60}
EDK2=/usr/share/qemu-efi-aarch64/QEMU_EFI.fd
UBOOT=/usr/lib/u-boot/qemu_arm64/u-boot.bin
WORDS="efi=debug memblock=debug loglevel=8 ignore_loglevel mminit_loglevel=4 nokaslr earlycon=pl011,0x9000000"
[ "$FW_LINUX" = 6.1 ] || WORDS="$WORDS console=ttyAMA0"
SCENARIOS=$ROOT/tests/firmware/scenarios.list
EXPECTED=${FW_EXPECTED:-$ROOT/tests/$EXPECTED_DIR}

usage() { sed -n '3,32p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# --scenarios: every line of tests/firmware/scenarios.list through every firmware it names.
if [ "${1:-}" = --scenarios ]; then
	shift
	want=" $* "
	grep -vE '^\s*(#|$)' "$SCENARIOS" | while read -r name tree mem fws words; do
		[ "$want" = "  " ] || [[ "$want" == *" $name "* ]] || continue
		args=()
		[ "$tree" = - ] || args+=(--dtb "$ROOT/tests/scenarios/$tree")
		[ "$words" = - ] || [ -z "$words" ] || args+=(--append "$words")
		for fw in ${fws//,/ }; do
			mkdir -p "$EXPECTED/$fw"
			echo "linux-firmware: $fw $name" >&2
			FW_NAME=$name "$0" "$fw" "${args[@]}" -- -m "$mem" > "$EXPECTED/$fw/$name.txt" || true
		done
	done
	exit 0
fi

[ $# -ge 1 ] || usage
FW=$1; shift
TREE= APPEND= INITRD= QEXTRA=()
while [ $# -gt 0 ]; do
	case "$1" in
	--dtb) TREE=$2; shift 2 ;;
	--append) APPEND=$2; shift 2 ;;
	--initrd) INITRD=$2; shift 2 ;;
	--) shift; QEXTRA=("$@"); break ;;
	*) usage ;;
	esac
done
case "$FW" in
edk2) [ -f "$EDK2" ] || { echo "linux-firmware: $EDK2 missing (apt-get install qemu-efi-aarch64)" >&2; exit 2; } ;;
uboot|uboot-efi) [ -f "$UBOOT" ] || { echo "linux-firmware: $UBOOT missing (apt-get install u-boot-qemu)" >&2; exit 2; } ;;
*) usage ;;
esac
[ -f "$IMAGE" ] || { echo "linux-firmware: no Linux Image at $IMAGE (set LINUX_IMAGE or ORACLE_CACHE)" >&2; exit 2; }
[ -z "$TREE" ] || [ -f "$TREE" ] || { echo "linux-firmware: no such tree: $TREE" >&2; exit 2; }
[ -z "$INITRD" ] || [ -f "$INITRD" ] || { echo "linux-firmware: no such initrd: $INITRD" >&2; exit 2; }
[ -z "$INITRD" ] || [ "$FW" != uboot-efi ] || { echo "linux-firmware: U-Boot's bootefi offers no initrd here" >&2; exit 2; }

directive() { [ "${TREE##*.}" = dts ] && sed -n "s|^//[[:space:]]*$1:[[:space:]]*||p" "$TREE" | head -1 || true; }
QOPTS=$(directive qemu)
TREE_WORDS=$(directive bootargs)
BOOTARGS="$WORDS${TREE_WORDS:+ $TREE_WORDS}${APPEND:+ $APPEND}"
# shellcheck disable=SC2206
QARGS=($QOPTS "${QEXTRA[@]}")
case " ${QARGS[*]} " in *" -m "*) ;; *) QARGS=(-m 1G "${QARGS[@]}") ;; esac

NAME=${FW_NAME:-$( [ -n "$TREE" ] && basename "${TREE%.*}" || echo virt)}
mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/linux-firmware.XXXXXX")
QPID=
cleanup() {
	if [ -n "$QPID" ] && kill -0 "$QPID" 2>/dev/null; then kill "$QPID" 2>/dev/null; wait "$QPID" 2>/dev/null || true; fi
	rm -rf "$WORK"
}
trap cleanup EXIT

MACH=virt,dtb-randomness=off
[ "$FW" = edk2 ] && MACH=virt,acpi=off,dtb-randomness=off
CPU=cortex-a57
[ "$FW_LINUX" = 6.12-16k ] && CPU=cortex-a76
BASE=(qemu-system-aarch64 -M "$MACH" -cpu "$CPU" -display none -nic none -monitor none)

DTB=
if [ -n "$TREE" ]; then
	DTB=$WORK/tree.dtb
	case "$TREE" in
	*.dts) dtc -q -I dts -O dtb -p 4096 -o "$DTB" "$TREE" ;;
	*) dtc -q -I dtb -O dtb -p 4096 -o "$DTB" "$TREE" ;;
	esac
fi

case "$FW" in
edk2)	LOADER=(-bios "$EDK2" -kernel "$IMAGE" -append "$BOOTARGS") ;;
uboot)	LOADER=(-bios "$UBOOT" -kernel "$IMAGE" -append "$BOOTARGS") ;;
uboot-efi)
	# No -kernel: the command line can only travel in the DT (/chosen/bootargs), which
	# Linux's EFI stub keeps when the load options are empty. Without a tree, QEMU's own.
	if [ -z "$DTB" ]; then
		DTB=$WORK/tree.dtb
		"${BASE[@]}" "${QARGS[@]}" -M "$MACH,dumpdtb=$WORK/qemu.dtb" >/dev/null 2>&1
		dtc -q -I dtb -O dtb -p 4096 -o "$DTB" "$WORK/qemu.dtb"
	fi
	fdtget -p "$DTB" /chosen >/dev/null 2>&1 || fdtput -c "$DTB" /chosen
	fdtput -t s "$DTB" /chosen bootargs "$BOOTARGS"
	DISK=$WORK/disk.img
	truncate -s 64M "$DISK"
	echo 'start=2048, type=ef' | sfdisk -q "$DISK"
	mformat -i "$DISK@@1M" -v EFI ::
	mmd -i "$DISK@@1M" ::/EFI ::/EFI/BOOT
	mcopy -i "$DISK@@1M" "$IMAGE" ::/EFI/BOOT/BOOTAA64.EFI
	LOADER=(-bios "$UBOOT" -drive "if=virtio,file=$DISK,format=raw")
	;;
esac
[ -z "$DTB" ] || LOADER+=(-dtb "$DTB")
[ -z "$INITRD" ] || LOADER+=(-initrd "$INITRD")

LOG=$OUT/$FW-$NAME.log
: > "$LOG"
"${BASE[@]}" -serial "file:$LOG" "${LOADER[@]}" "${QARGS[@]}" 2> "$WORK/qemu.err" &
QPID=$!
RESULT=timeout
T0=$SECONDS
while :; do
	if grep -qa '^\[[ 0-9.]*\] Memory: .*available' "$LOG"; then RESULT=ok; break; fi
	if grep -qaE 'Kernel panic - not syncing|Internal error:' "$LOG"; then sleep 0.5; RESULT=panic; break; fi
	kill -0 "$QPID" 2>/dev/null || { RESULT=qemu-exited; break; }
	[ $((SECONDS - T0)) -lt "$TIMEOUT" ] || break
	sleep 0.1
done
sleep 0.2
kill "$QPID" 2>/dev/null || true
wait "$QPID" 2>/dev/null || true
QPID=
[ -z "$DTB" ] || cp "$DTB" "$OUT/$FW-$NAME.dtb"
echo "linux-firmware: $FW $NAME: $RESULT after $((SECONDS - T0))s (raw log: $LOG)" >&2
[ "$RESULT" != qemu-exited ] || sed 's/^/linux-firmware: qemu: /' "$WORK/qemu.err" >&2

INPUT="QEMU's own device tree"
[ -z "$TREE" ] || INPUT=$(basename "$TREE")
fwver() { dpkg-query -W -f '${Package} ${Version}' "$1" 2>/dev/null || echo "$1 (version unknown)"; }
case "$FW" in
edk2) FWVER=$(fwver qemu-efi-aarch64) ;;
*) FWVER=$(fwver u-boot-qemu) ;;
esac
python3 "$HERE/firmware-report.py" "$LOG" \
	"firmware=$FW ($FWVER)" \
	"input=$INPUT" \
	"kernel=$(cat "$CACHE/VERSION" 2>/dev/null || echo "$(basename "$IMAGE")")" \
	"qemu=-M $MACH ${QARGS[*]}" \
	"bootargs=$BOOTARGS" \
	${INITRD:+"initrd=$(basename "$INITRD") ($(stat -c %s "$INITRD") bytes)"} \
	"result=$RESULT"
[ "$RESULT" = ok ] || exit 3
