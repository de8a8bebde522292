#!/usr/bin/env bash
# Boot bootmem in QEMU. This script's options and exit status are a public contract.
#
#   ./run-qemu.sh [options] [-- extra QEMU arguments]
#     --dtb FILE        boot on exactly this device tree (.dts compiled with dtc, or .dtb);
#                       its /memory nodes reach the kernel untouched (boot stub + loader)
#     --append "ARGS"   kernel command line words (e.g. poweroff, memblock=debug, ptdump)
#     -m SIZE           QEMU RAM (default 1G, or the scenario's "// qemu: -m" line)
#     --smp N           CPUs (secondaries are parked)
#     --cpu NAME        CPU model (default cortex-a57 on virt)
#     --machine M       virt (default; virt,virtualization=on or virt,secure=on allowed) or raspi3b
#     --gdb             QEMU waits for gdb-multiarch on 127.0.0.1:1234 (the command to attach is printed)
#     --timeout S       stop after S seconds (exit 124); default 60 unless interactive
#     --log FILE        also write the console output to FILE
#     --no-build        do not run make first
# Exit status: 0 when the kernel powered off (poweroff on the command line), 1 on a kernel
# panic, 124 on timeout, 2 on a usage or set-up error.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
B="$HERE/build"
DTB_IN= APPEND= MEM= SMP= CPU= MACHINE=virt GDB=0 TIMEOUT= LOG=- BUILD=1
EXTRA=()

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
	case "$1" in
	--dtb) DTB_IN=$2; shift 2 ;;
	--append) APPEND=$2; shift 2 ;;
	-m) MEM=$2; shift 2 ;;
	--smp) SMP=$2; shift 2 ;;
	--cpu) CPU=$2; shift 2 ;;
	--machine) MACHINE=$2; shift 2 ;;
	--gdb) GDB=1; shift ;;
	--timeout) TIMEOUT=$2; shift 2 ;;
	--log) LOG=$2; shift 2 ;;
	--no-build) BUILD=0; shift ;;
	--) shift; EXTRA=("$@"); break ;;
	-h|--help) usage ;;
	*) echo "run-qemu.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
	esac
done

if [ "$BUILD" = 1 ]; then
	make -s -C "$HERE" kernel >&2 || { echo "run-qemu.sh: build failed" >&2; exit 2; }
fi
[ -f "$B/Image" ] || { echo "run-qemu.sh: $B/Image is missing (run make)" >&2; exit 2; }

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
	MARGS=(-M "$MACHINE" -cpu "${CPU:-cortex-a57}" -m "$MEM")
	RAM_BASE=0x40000000; RAM_SIZE=$(to_bytes "$MEM") ;;
raspi3b)
	# QEMU's raspi3b has exactly 1 GiB; the top 64 MiB is the VideoCore's.
	MARGS=(-M "$MACHINE" -m 1G -no-reboot -watchdog-action poweroff)
	[ -n "$CPU" ] && MARGS+=(-cpu "$CPU")
	RAM_BASE=0; RAM_SIZE=$((0x3c000000))
	[ -n "$DTB_IN" ] || DTB_IN="$HERE/tests/data/bcm2837-rpi-3-b.dtb"
	case " $APPEND " in *" earlycon="*) ;; *) APPEND="earlycon=pl011,0x3f201000${APPEND:+ $APPEND}" ;; esac ;;
*) echo "run-qemu.sh: unknown machine '$MACHINE' (virt or raspi3b)" >&2; exit 2 ;;
esac

LOADER=()
if [ -n "$DTB_IN" ]; then
	DTB="$WORK/boot.dtb"
	case "$DTB_IN" in
	*.dts) dtc -q -I dts -O dtb -p 4096 -o "$DTB" "$DTB_IN" ;;
	*) if ! dtc -q -I dtb -O dtb -p 4096 -o "$DTB" "$DTB_IN" 2>/dev/null; then
		# Not a valid DTB: hand it over as it is, the kernel must report it.
		cp "$DTB_IN" "$DTB"
	   fi ;;
	esac
	if fdtget "$DTB" / compatible >/dev/null 2>&1; then
		fdtget -p "$DTB" /chosen >/dev/null 2>&1 || fdtput -c "$DTB" /chosen
		fdtput -t s "$DTB" /chosen bootargs "$APPEND"
		PLACE=$(python3 "$HERE/scripts/dtb-place.py" "$DTB" "$B/Image" "$RAM_BASE" "$RAM_SIZE") || exit 2
	else
		# Hostile input: place it where QEMU would put a DTB.
		PLACE="$((RAM_BASE + 0x200000)) $((RAM_BASE + (RAM_SIZE / 2 < 0x8000000 ? RAM_SIZE / 2 : 0x8000000)))"
	fi
	KADDR=${PLACE% *}; DADDR=${PLACE#* }
	python3 "$HERE/scripts/bootstub.py" "$WORK/stub.bin" "$KADDR" "$DADDR"
	if [ "$MACH_NAME" = raspi3b ]; then
		LOADER=(-kernel "$WORK/stub.bin")
	else
		LOADER=(-bios "$WORK/stub.bin")
	fi
	LOADER+=(-device "loader,file=$B/Image,addr=$KADDR,force-raw=on"
		 -device "loader,file=$DTB,addr=$DADDR,force-raw=on")
	echo "run-qemu.sh: $(basename "$DTB_IN") on $MACHINE, Image at $(printf %#x "$KADDR"), DTB at $(printf %#x "$DADDR")" >&2
else
	LOADER=(-kernel "$B/Image")
	[ -n "$APPEND" ] && LOADER+=(-append "$APPEND")
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
