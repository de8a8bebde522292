#!/usr/bin/env bash
# gdb-multiarch in batch mode: stop at the Image's first instruction, single-step the entry
# code, break at start_kernel (MMU on), check that the saved boot argument is the DTB address,
# continue past paging_init's TTBR1 switch to mem_init, then after the buddy hand-off
# (late_boot_actions) run the bm-* helpers of scripts/gdb/bootmem.py and check them against
# the kernel's own prints on the serial log: "buddyinfo", and /proc/iomem and debugfs
# memblock/memory and reserved (cat=).
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/build/qemu-tests
mkdir -p "$OUT"
rm -f "$OUT"/core "$OUT"/core.[0-9]*
PORT=$((20000 + RANDOM % 20000))
# 127.0.0.1, not ":PORT": gdb reads an empty host as "localhost", which does not resolve in a
# container without /etc/hosts.
qemu-system-aarch64 -M virt -cpu cortex-a57 -m 1G -nic none -display none -monitor none \
	-serial file:"$OUT/gdb-serial.log" -kernel build/Image \
	-append "poweroff buddyinfo cat=/proc/iomem,/sys/kernel/debug/memblock/memory,/sys/kernel/debug/memblock/reserved" \
	-gdb tcp:127.0.0.1:$PORT -S &
QPID=$!
trap 'kill $QPID 2>/dev/null; wait $QPID 2>/dev/null' EXIT
sleep 0.5
# A gdb internal error must fail the test, not leave a core file: in batch mode gdb answers
# its own "Create a core file of GDB?" with yes and raises the core limit before abort(), so
# a soft `ulimit -c 0` does not stop it. gdb runs in build/qemu-tests with the hard limit at
# 0 and "corefile no": it prints the internal-error and exits with status 1 (checked below).
(cd "$OUT" && ulimit -c 0 && exec timeout 120 gdb-multiarch -q -batch -nx \
	-iex 'maint set internal-error corefile no' -iex 'maint set internal-error quit yes' \
	-ex 'set architecture aarch64' -ex 'set pagination off' -ex 'set confirm off' \
	-ex "target remote 127.0.0.1:$PORT" \
	-ex "symbol-file -o 0x40200000-0xffff800008000000 $ROOT/build/bootmem.elf" \
	-ex 'break *0x40200000' -ex 'continue' \
	-ex 'printf "STOP1 pc=%#lx\n", $pc' -ex 'info symbol $pc' \
	-ex 'stepi' -ex 'printf "STEP1 pc=%#lx\n", $pc' -ex 'info symbol $pc' \
	-ex 'stepi' -ex 'stepi' -ex 'printf "STEP3 pc=%#lx x19=%#lx\n", $pc, $x19' \
	-ex 'printf "EL=%d\n", ($cpsr >> 2) & 3' \
	-ex "symbol-file $ROOT/build/bootmem.elf" \
	-ex 'hbreak start_kernel' -ex 'continue' \
	-ex 'printf "START_KERNEL pc=%#lx fdt=%#lx\n", $pc, __fdt_pointer' \
	-ex 'info symbol $pc' \
	-ex 'delete' -ex 'hbreak mem_init' -ex 'continue' \
	-ex 'printf "MEM_INIT pc=%#lx ttbr1=%#lx swapper=%#lx\n", $pc, $TTBR1_EL1, (unsigned long)&swapper_pg_dir' \
	-ex 'bt' \
	-ex "source $ROOT/scripts/gdb/bootmem.py" \
	-ex 'delete' -ex 'hbreak late_boot_actions' -ex 'continue' \
	-ex 'echo BM-MEMBLOCK\n' -ex 'bm-memblock' \
	-ex 'echo BM-IOMEM\n' -ex 'bm-iomem' \
	-ex 'echo BM-DEBUGFS-MEMORY\n' -ex 'bm-memblock memory' \
	-ex 'echo BM-DEBUGFS-RESERVED\n' -ex 'bm-memblock reserved' -ex 'bm-memblock nodes' \
	-ex 'echo BM-ZONES\n' -ex 'bm-zones' \
	-ex 'echo BM-BUDDYINFO\n' -ex 'bm-buddyinfo' \
	-ex 'echo BM-WALK\n' -ex 'bm-walk 0xffff000000000000' -ex 'bm-walk &memblock' \
	-ex 'bm-walk 0x1000' \
	-ex 'echo BM-PAGE\n' -ex 'bm-page 0x40000' -ex 'bm-page 0x40001' \
	-ex 'bm-page ((unsigned long)&_stext - kimage_voffset) >> 12' -ex 'bm-page 0x10' \
	-ex 'echo BM-HELP\n' -ex 'help bm-walk' \
	-ex 'delete' -ex 'continue') > "$OUT/gdb-batch.log" 2>&1
grc=$?
cat "$OUT/gdb-batch.log"
fail=0
# How gdb ended: the last command, "continue", returns when the kernel powers QEMU off.
if grep -q 'internal-error' "$OUT/gdb-batch.log"; then
	echo "gdb-test: gdb-multiarch crashed (a gdb bug): $(grep -m1 'internal-error' "$OUT/gdb-batch.log")"
	fail=1
elif [ "$grc" = 124 ]; then
	echo "gdb-test: gdb-multiarch did not finish within 120 s"; fail=1
elif [ "$grc" -gt 128 ]; then
	echo "gdb-test: gdb-multiarch was killed by signal $((grc - 128))"; fail=1
elif [ "$grc" != 0 ]; then
	echo "gdb-test: gdb-multiarch exited with status $grc"; fail=1
fi
grep -q '^\[Inferior 1 (process 1) exited normally\]' "$OUT/gdb-batch.log" ||
	{ echo "gdb-test: the session did not end with the kernel powering off"; fail=1; }
for c in "$OUT"/core "$OUT"/core.[0-9]*; do
	[ -e "$c" ] && { echo "gdb-test: a core file was left: $c (removed)"; rm -f "$c"; fail=1; }
done
check() { grep -qE "$1" "$OUT/gdb-batch.log" || { echo "gdb-test: missing /$1/"; fail=1; }; }
check '^STOP1 pc=0x40200000'
check '^(_head|_text) in section \.head\.text'
check '^STEP1 pc=0x40200[0-9a-f]+'
check 'primary_entry'
# primary_entry is in .text, after the Image and PE/COFF headers (64 KiB)
check '^STEP3 pc=0x402[0-9a-f]{5} x19=0x48000000'
check '^START_KERNEL pc=0xffff8000080[0-9a-f]+ fdt=0x48000000'
check 'start_kernel in section \.text'
check '^MEM_INIT pc=0xffff8000080[0-9a-f]+'
check 'in start_kernel|mm_core_init'
# The helpers, on the halted kernel's own data.
check '^ memory\[0x0\]	\[0x0000000040000000-0x000000007fffffff\], 0x0000000040000000 bytes on node 0 flags: 0x0$'
check '^ reserved\[0x0\]	\[0x00000000402[0-9a-f]{5}-0x[0-9a-f]{16}\], 0x[0-9a-f]{16} bytes flags: 0x0$'
check '^Node 0, zone      DMA  \[mem 0x0000000040000000-0x000000007fffffff\] pfns 0x40000-0x80000$'
check '^        spanned 262144 present 262144 managed [0-9]+$'
check '^Node 0, zone    DMA32  empty$'
# the per-CPU lists in /proc/zoneinfo's lines, Linux's high and batch for this 1 GiB
check '^  pagesets$'
check '^    cpu: 0$'
check '^              count: 0$'
check '^              high:  7040$'
check '^              batch: 63$'
check '^  vm stats threshold: 8$'
check '^  node_unreclaimable:  0$'
check '^  start_pfn:           262144$'
check '^        cpu 0: count 0, pages on its lists 0$'
check '^  PGD\[  0\] @ PA 0x[0-9a-f]+: 0x[0-9a-f]{16} table -> 0x[0-9a-f]+'
check '^  PTE\[  0\] @ PA 0x[0-9a-f]+: 0x[0-9a-f]{16} page 0x40000000 Normal RW .*AF.* PXN UXN$'
check '^VA 0xffff000000000000 -> PA 0x40000000 \(PTE level\)$'
check '^VA 0xffff8000080[0-9a-f]{5} -> PA 0x402[0-9a-f]{5} \(PTE level\)$'
check 'VA 0x1000 is a TTBR0 address'
check '^page:0xffff[0-9a-f]+ refcount:0 mapcount:0 pfn:0x40000 pa:0x40000000$'
check '^flags: 0x[0-9a-f]+\(buddy\|section=8\|node=0\|zone=0\)$'
check '^zone DMA, node 0, section 8 \(zone pfns 0x40000-0x80000: inside\)$'
check '^buddy: heads a free block of order [0-9]+$'
check '^free: inside the order-[0-9]+ free block at pfn 0x40000$'
check '^flags: 0x[0-9a-f]+\(reserved\|section=8\|node=0\|zone=0\)$'
check '^reserved: never handed to the buddy allocator$'
check 'pfn 0x10 has no struct page'
check '^Usage: bm-walk VA'
# bm-buddyinfo equals the kernel's own "buddyinfo" print (same state: nothing runs between).
ours=$(sed -n '/^BM-BUDDYINFO$/,/^BM-WALK$/p' "$OUT/gdb-batch.log" | grep '^Node ')
kernel=$(sed -n 's/^\[ *[0-9.]*\] \(Node [0-9]*, zone .*\)/\1/p' "$OUT/gdb-serial.log" | tr -d '\r')
if [ -z "$ours" ] || [ "$ours" != "$kernel" ]; then
	echo "gdb-test: bm-buddyinfo differs from the kernel's buddyinfo"
	printf 'bm-buddyinfo:\n%s\nkernel:\n%s\n' "$ours" "$kernel"
	fail=1
fi
grep -q '^Node 0, zone      DMA ' <<< "$ours" || { echo "gdb-test: no DMA line in bm-buddyinfo"; fail=1; }
# bm-iomem and bm-memblock memory/reserved equal the kernel's own cat= prints of the same files.
serial_file() { # the lines the kernel printed after "bootmem: cat $1"
	sed -n "/bootmem: cat ${1//\//\\/}\r*\$/,/bootmem: /p" "$OUT/gdb-serial.log" | tr -d '\r' |
		sed -e '1d' -e '/bootmem: /d' -e 's/^\[ *[0-9.]*\] //'
}
for f in "BM-IOMEM BM-DEBUGFS-MEMORY /proc/iomem" \
	 "BM-DEBUGFS-MEMORY BM-DEBUGFS-RESERVED /sys/kernel/debug/memblock/memory" \
	 "BM-DEBUGFS-RESERVED BM-ZONES /sys/kernel/debug/memblock/reserved"; do
	set -- $f
	ours=$(sed -n "/^$1\$/,/^$2\$/p" "$OUT/gdb-batch.log" | sed '1d;$d' | grep -v '^usage:')
	kernel=$(serial_file "$3")
	if [ -z "$ours" ] || [ "$ours" != "$kernel" ]; then
		printf 'gdb-test: %s differs from the kernel'"'"'s %s\ngdb:\n%s\nkernel:\n%s\n' "$1" "$3" "$ours" "$kernel"
		fail=1
	fi
done
check '^40000000-7fffffff : System RAM$'
check '^  40210000-4185ffff : Kernel code$'
check '^  41eb0000-4220ffff : Kernel data$'
check '^   0: 0x0000000040000000\.\.0x000000007fffffff$'
check 'usage: bm-memblock \[memory\|reserved\]' 
exit $fail
