#!/usr/bin/env bash
# Regenerates Linux 6.1's side of the /proc, debugfs and device-tree comparisons, with the oracle's
# linux-proc.sh (Debian's Linux 6.1 on QEMU virt with a busybox initramfs):
#   tests/linux-proc/NAME.txt   for every scenario QEMU virt boots: linux-proc.sh's output (/proc/iomem,
#                               debugfs memblock/memory, meminfo's first lines, zoneinfo's counts and
#                               pagesets, buddyinfo) without debugfs memblock/reserved, which depends on
#                               what each kernel allocates and is not compared; and the size of the
#                               initramfs linux-proc.sh loads (its place follows from the DTB's)
#   tests/linux-proc/dt-test.txt for dt-test.dts: each line of commands.txt as busybox prints it on the
#                               console (tests/qemu/run.sh and test_procfs hold the monitor to it), every
#                               property's bytes, and the whole /proc/zoneinfo and /proc/meminfo
# Usage: tests/linux-proc/regen.sh [NAME...]   (ORACLE=dir of linux-layout.sh/linux-proc.sh, default
# ../shared/oracle; ORACLE_CACHE as for the oracle, default /tmp/oracle/cache). About 3 s a tree.
# LINUX=6.12: Debian's Linux 6.12 (ORACLE_CACHE default /tmp/oracle/cache612), into tests/linux-proc-6.12;
# LINUX=6.12-16k: its arm64-16k flavour (/tmp/oracle/cache612-16k) on -cpu cortex-a76 (QEMU's
# cortex-a57 has no 16 KiB granule), into tests/linux-proc-6.12-16k.
set -euo pipefail
cd "$(dirname "$0")/../.."
ORACLE=${ORACLE:-../shared/oracle}
LINUX=${LINUX:-6.1}
QEMU_ARGS=()
case $LINUX in
6.1) CACHE=${ORACLE_CACHE:-/tmp/oracle/cache}; DIR=tests/linux-proc ;;
6.12) CACHE=${ORACLE_CACHE:-/tmp/oracle/cache612}; DIR=tests/linux-proc-6.12; mkdir -p "$DIR" ;;
6.12-16k) CACHE=${ORACLE_CACHE:-/tmp/oracle/cache612-16k}; DIR=tests/linux-proc-6.12-16k
	QEMU_ARGS=(-cpu cortex-a76); mkdir -p "$DIR" ;;
*) echo "regen: LINUX=6.1 or 6.12" >&2; exit 2 ;;
esac
[ -x "$ORACLE/linux-proc.sh" ] || { echo "regen: no $ORACLE/linux-proc.sh (set ORACLE=)" >&2; exit 2; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

# 1. The scenarios. The raspi3b ones put RAM at 0, which linux-proc.sh's -M virt cannot boot.
names=("$@")
[ ${#names[@]} = 0 ] && names=($(ls tests/scenarios/*.dts | xargs -n1 basename | sed 's/\.dts$//'))
for name in "${names[@]}"; do
	dts=tests/scenarios/$name.dts
	[ -f "$dts" ] || continue
	grep -q '^// machine: raspi3b' "$dts" && continue
	if ! ORACLE_CACHE=$CACHE "$ORACLE/linux-proc.sh" "$dts" "${QEMU_ARGS[@]}" > "$W/out" 2> "$W/err"; then
		echo "regen: $name: linux-proc.sh failed: $(tail -1 "$W/err")" >&2
		continue
	fi
	{
		echo "# Linux $LINUX (linux-proc.sh) on tests/scenarios/$name.dts; memblock/reserved left out"
		# what linux-proc.sh adds to /chosen besides bootargs (test_procfs does the same)
		echo "# initramfs: $(stat -c %s "$CACHE/proc-initrd.cpio.gz") bytes at the DTB + 4 MiB, 2 MiB aligned"
		awk '/^=== /{keep = ($2 != "/sys/kernel/debug/memblock/reserved")} keep' "$W/out"
	} > "$DIR/$name.txt"
	echo "regen: $DIR/$name.txt"
done

# 2. The device-tree test tree, with an initramfs of our own (linux-proc.sh's busybox) that runs
# commands.txt on the console: a terminal, as the monitor is, so ls prints columns.
[ -s "$CACHE/proc-initrd.cpio.gz" ] || { echo "regen: run linux-proc.sh once first" >&2; exit 1; }
mkdir -p "$W/ir" "$W/cache"
(cd "$W/ir" && zcat "$CACHE/proc-initrd.cpio.gz" | cpio -id --quiet)
cp tests/linux-proc/commands.txt "$W/ir/commands.txt"
cat > "$W/ir/init" <<'INIT'
#!/bin/busybox sh
B=/bin/busybox
$B mount -t proc proc /proc; $B mount -t sysfs sys /sys; $B mount -t debugfs none /sys/kernel/debug
echo "=== /proc/iomem"; $B cat /proc/iomem
while IFS= read -r c; do printf '\n=== %s\n' "$c"; eval "\$B $c"; done < /commands.txt
printf '\n=== properties\n'
$B find /sys/firmware/devicetree/base -type f | $B sort | while IFS= read -r f; do
	printf '%s ' "$f"; $B hexdump -ve '1/1 "%02x"' "$f"; echo
done
echo "=== /proc/zoneinfo"; $B cat /proc/zoneinfo
echo "=== /proc/meminfo"; $B cat /proc/meminfo
echo "=== end"
$B poweroff -f
INIT
chmod +x "$W/ir/init"
(cd "$W/ir" && find . | cpio -o -H newc --quiet | gzip -9) > "$W/cache/proc-initrd.cpio.gz"
for f in "$CACHE"/*; do
	[ "$(basename "$f")" = proc-initrd.cpio.gz ] || ln -s "$f" "$W/cache/"
done
# quiet: no kernel message may land in the middle of a command's output.
ORACLE_CACHE=$W/cache ORACLE_APPEND=quiet "$ORACLE/linux-proc.sh" tests/linux-proc/dt-test.dts "${QEMU_ARGS[@]}" > "$W/dt"
grep -q '^\[ *[0-9]*\.[0-9]*\]' "$W/dt" && { echo "regen: kernel messages in the transcript" >&2; exit 1; }
{
	echo "# Linux $LINUX (linux-proc.sh, our initramfs: tests/linux-proc/regen.sh) on tests/linux-proc/dt-test.dts"
	cat "$W/dt"
} > "$DIR/dt-test.txt"
echo "regen: $DIR/dt-test.txt"
