#!/usr/bin/env python3
"""bootstub.py OUT KERNEL_ADDR DTB_ADDR: a 40-byte AArch64 stub that enters the Image the
way the boot protocol wants (x0 = DTB, x1..x3 = 0), run from QEMU's flash (-bios) on virt or
as a raw -kernel on raspi3b. Used instead of QEMU's loader, which rewrites /memory nodes."""
import struct
import sys

out, kaddr, daddr = sys.argv[1], int(sys.argv[2], 0), int(sys.argv[3], 0)
insns = [
    0x580000C0,  # ldr x0, 24f      (the DTB's address)
    0xAA1F03E1,  # mov x1, xzr
    0xAA1F03E2,  # mov x2, xzr
    0xAA1F03E3,  # mov x3, xzr
    0x58000084,  # ldr x4, 32f      (the Image's address)
    0xD61F0080,  # br x4
]
with open(out, "wb") as f:
    f.write(b"".join(struct.pack("<I", i) for i in insns) + struct.pack("<QQ", daddr, kaddr))
