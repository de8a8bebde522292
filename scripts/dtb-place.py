#!/usr/bin/env python3
"""dtb-place.py DTB IMAGE RAM_BASE RAM_SIZE [INITRD_SIZE] -> "KERNEL_ADDR DTB_ADDR [INITRD_ADDR]"

Where QEMU's own -kernel loader would put the Image and the DTB, so that booting through
a stub (which keeps the DT's memory nodes intact) puts them at the same addresses:
the Image at the lowest DT memory range inside QEMU's RAM, 2 MiB aligned, plus 2 MiB; the DTB
at that base + min(size/2, 128 MiB); with an initrd, the initrd goes there and the DTB after it,
2 MiB aligned (QEMU's arm_setup_direct_kernel_boot). A DTB with no usable memory falls back to QEMU's RAM,
so that the kernel itself gets to report the problem. Reads the DTB with fdtget.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fdtread import available, cells, fdtget, reg_tuples  # noqa: E402

SZ_2M = 0x200000
SZ_128M = 0x8000000


def memory_ranges(dtb):
    ac = cells(dtb, "/", "#address-cells", 2)
    sc = cells(dtb, "/", "#size-cells", 1)
    if ac > 2 or sc > 2:
        return []
    out = []
    for name in (fdtget(dtb, "-l", "/") or "").split():
        node = "/" + name
        if fdtget(dtb, "-ts", node, "device_type") == "memory" and available(dtb, node):
            out += reg_tuples(dtb, node, ac, sc)
    # By address, not DT order: QEMU's loader (and the oracle) place the Image in the lowest.
    return sorted(out)


def main():
    dtb, image, ram_base, ram_size = sys.argv[1], sys.argv[2], int(sys.argv[3], 0), int(sys.argv[4], 0)
    initrd_size = int(sys.argv[5], 0) if len(sys.argv) > 5 else None
    with open(image, "rb") as f:
        hdr = f.read(64)
    image_size = int.from_bytes(hdr[16:24], "little") or 0x4000000
    # The loader copies the file: its size, whatever the header's totalsize claims.
    dtb_size = os.path.getsize(dtb)
    ram_end = ram_base + ram_size
    for b, s in memory_ranges(dtb) + [(ram_base, ram_size)]:
        lo, hi = max(b, ram_base), min(b + s, ram_end)
        if hi <= lo:
            continue
        base = (lo + SZ_2M - 1) & ~(SZ_2M - 1)
        k = base + SZ_2M
        kend = k + image_size
        if kend > hi:
            continue
        d = (base + min((hi - base) // 2, SZ_128M)) & ~(SZ_2M - 1)
        if d < kend:
            d = (kend + SZ_2M - 1) & ~(SZ_2M - 1)
        i = None
        if initrd_size is not None:
            i, d = d, (d + initrd_size + SZ_2M - 1) & ~(SZ_2M - 1)
        if d + dtb_size > hi:
            continue
        print("0x%x 0x%x" % (k, d) + (" 0x%x" % i if i is not None else ""))
        return 0
    sys.stderr.write("dtb-place: nowhere in QEMU's RAM fits the Image and the DTB\n")
    return 2


if __name__ == "__main__":
    sys.exit(main())
