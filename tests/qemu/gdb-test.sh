#!/usr/bin/env bash
# gdb-multiarch in batch mode: stop at the Image's first instruction, single-step the entry
# code, break at start_kernel (MMU on), check that the saved boot argument is the DTB address,
# continue past paging_init's TTBR1 switch to mem_init, then tear QEMU down.
set -u
cd "$(dirname "$0")/../.."
OUT=build/qemu-tests
mkdir -p "$OUT"
PORT=$((20000 + RANDOM % 20000))
qemu-system-aarch64 -M virt -cpu cortex-a57 -m 1G -nic none -display none -monitor none \
	-serial file:"$OUT/gdb-serial.log" -kernel build/Image -append poweroff \
	-gdb tcp::$PORT -S &
QPID=$!
trap 'kill $QPID 2>/dev/null; wait $QPID 2>/dev/null' EXIT
sleep 0.5
timeout 120 gdb-multiarch -q -batch -nx \
	-ex 'set architecture aarch64' -ex 'set pagination off' -ex 'set confirm off' \
	-ex "target remote :$PORT" \
	-ex 'add-symbol-file build/bootmem.elf -o (0x40200000 - 0xffff800008000000)' \
	-ex 'break *0x40200000' -ex 'continue' \
	-ex 'printf "STOP1 pc=%#lx\n", $pc' -ex 'info symbol $pc' \
	-ex 'stepi' -ex 'printf "STEP1 pc=%#lx\n", $pc' -ex 'info symbol $pc' \
	-ex 'stepi' -ex 'stepi' -ex 'printf "STEP3 pc=%#lx x19=%#lx\n", $pc, $x19' \
	-ex 'printf "EL=%d\n", ($cpsr >> 2) & 3' \
	-ex 'symbol-file build/bootmem.elf' \
	-ex 'hbreak start_kernel' -ex 'continue' \
	-ex 'printf "START_KERNEL pc=%#lx fdt=%#lx\n", $pc, __fdt_pointer' \
	-ex 'info symbol $pc' \
	-ex 'delete' -ex 'hbreak mem_init' -ex 'continue' \
	-ex 'printf "MEM_INIT pc=%#lx ttbr1=%#lx swapper=%#lx\n", $pc, $TTBR1_EL1, (unsigned long)&swapper_pg_dir' \
	-ex 'bt' \
	-ex 'kill' > "$OUT/gdb-batch.log" 2>&1
cat "$OUT/gdb-batch.log"
fail=0
check() { grep -qE "$1" "$OUT/gdb-batch.log" || { echo "gdb-test: missing /$1/"; fail=1; }; }
check '^STOP1 pc=0x40200000'
check '_head in section \.head\.text'
check '^STEP1 pc=0x40200[0-9a-f]+'
check 'primary_entry'
check '^STEP3 pc=0x40200[0-9a-f]+ x19=0x48000000'
check '^START_KERNEL pc=0xffff8000080[0-9a-f]+ fdt=0x48000000'
check 'start_kernel in section \.text'
check '^MEM_INIT pc=0xffff8000080[0-9a-f]+'
check 'in start_kernel|mm_core_init'
exit $fail
