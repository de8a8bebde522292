# gdb-multiarch script for bootmem: symbols before and after the MMU is on, and the bm-*
# helpers (scripts/gdb/bootmem.py: bm-memblock, bm-zones, bm-buddyinfo, bm-walk, bm-page).
#   ./run-qemu.sh --gdb   then   gdb-multiarch -x scripts/gdb/bootmem.gdb build/bootmem.elf
# Before the MMU, the CPU runs the image at its physical load address; the ELF is linked at
# KIMAGE_VADDR. `bootmem-phys-symbols LOADADDR` loads a second copy of the symbols offset to
# the physical addresses (QEMU -kernel loads at 0x40200000, the Pi firmware at 0x80000 or
# 0x200000). Breakpoints on virtual addresses before the mapping exists must be hardware
# ones (hbreak): QEMU cannot write a software breakpoint into unmapped memory.
set architecture aarch64
set pagination off
set confirm off

# The helpers sit beside this script; find them from the ELF's path (build/../scripts/gdb),
# so gdb may be started from any directory.
python
import os
_elf = gdb.current_progspace().filename or "build/bootmem.elf"
_py = os.path.join(os.path.dirname(os.path.abspath(_elf)), "..", "scripts", "gdb", "bootmem.py")
if not os.path.exists(_py):
    _py = "scripts/gdb/bootmem.py"
gdb.execute("source " + _py)
end

# The ELF gdb was started with, loaded again with every address moved by LOADADDR - KIMAGE_VADDR.
define bootmem-phys-symbols
	python gdb.execute("add-symbol-file %s -o %#x" % (gdb.current_progspace().filename, (int(gdb.parse_and_eval("$arg0")) - 0xffff800008000000) & (2**64 - 1)))
end
document bootmem-phys-symbols
Load the kernel's symbols at its physical load address ARG0 (for stepping before the MMU is on).
end

define bootmem-phys-symbols-off
	remove-symbol-file -a $arg0
end
document bootmem-phys-symbols-off
Drop the physical copy of the symbols loaded at ARG0 (so hbreak start_kernel has one location).
end

# An address, not ":1234": gdb resolves an empty host as "localhost", which needs /etc/hosts.
target remote 127.0.0.1:1234
