#!/usr/bin/env bash
# Prints the gdb session of docs/debugging.md, run for real: QEMU virt, 1 GiB, -kernel, gdb in
# batch mode with one -ex per command, each echoed as "(gdb) command". Regenerate the doc's
# transcript with it whenever the code it steps through changes.
set -u
cd "$(dirname "$0")/../.."
PORT=$((20000 + RANDOM % 20000))
CMDS=(
	"bootmem-phys-symbols 0x40200000" "break *0x40200000" "continue" "stepi 3" "info symbol \$pc"
	"p/x \$x19" "p (\$cpsr >> 2) & 3" "bootmem-phys-symbols-off 0x40200000" "delete"
	"hbreak paging_init" "continue" "next 4" "p/x \$TTBR1_EL1" "bm-walk 0xffff000000000000"
	"hbreak cpu_uninstall_idmap" "continue" "p/x \$TTBR1_EL1"
	"p/x (unsigned long)&swapper_pg_dir - kimage_voffset" "bm-walk 0xffff000000000000"
	"delete" "hbreak late_boot_actions" "continue" "bm-memblock" "bm-memblock reserved" "bm-iomem" "bm-zones" "bm-buddyinfo"
	"bm-page 0x40000" "bm-page 0x40210" "delete" "continue"
)
qemu-system-aarch64 -M virt -cpu cortex-a57 -m 1G -nic none -display none -monitor none \
	-serial null -kernel build/Image -append "poweroff" -gdb tcp:127.0.0.1:$PORT -S &
QPID=$!
trap 'kill $QPID 2>/dev/null; wait $QPID 2>/dev/null' EXIT
sleep 0.5
ARGS=()
for c in "${CMDS[@]}"; do
	ARGS+=(-ex "echo (gdb) ${c//\\/\\\\}\\n" -ex "$c")
done
GDBX=$(mktemp); trap 'kill $QPID 2>/dev/null; wait $QPID 2>/dev/null; rm -f "$GDBX"' EXIT
sed "s/127.0.0.1:1234/127.0.0.1:$PORT/" scripts/gdb/bootmem.gdb > "$GDBX"
(ulimit -c 0; timeout 120 gdb-multiarch -q -batch -nx -x "$GDBX" "${ARGS[@]}" build/bootmem.elf 2>&1) |
	sed "s|$PWD/||g"
