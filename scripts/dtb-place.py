#!/usr/bin/env python3
"""dtb-place.py DTB IMAGE RAM_BASE RAM_SIZE -> "KERNEL_ADDR DTB_ADDR"

Where QEMU's own -kernel loader would put the Image and the DTB, so that booting through
a stub (which keeps the DT's memory nodes intact) puts them at the same addresses:
the Image at the first DT memory range inside QEMU's RAM, 2 MiB aligned, plus 2 MiB; the DTB
at that base + min(size/2, 128 MiB). A DTB with no usable memory falls back to QEMU's RAM,
so that the kernel itself gets to report the problem. Reads the DTB with fdtget.
"""
import subprocess
import sys

SZ_2M = 0x200000
SZ_128M = 0x8000000


def fdtget(dtb, *args):
    r = subprocess.run(["fdtget", dtb] + list(args), capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else None


def cells(dtb, node, prop, default):
    v = fdtget(dtb, "-tx", node, prop)
    return int(v.split()[0], 16) if v else default


def memory_ranges(dtb):
    ac = cells(dtb, "/", "#address-cells", 2)
    sc = cells(dtb, "/", "#size-cells", 1)
    out = []
    for name in (fdtget(dtb, "-l", "/") or "").split():
        node = "/" + name
        if fdtget(dtb, "-ts", node, "device_type") != "memory":
            continue
        status = fdtget(dtb, "-ts", node, "status")
        if status not in (None, "okay", "ok"):
            continue
        reg = fdtget(dtb, "-tx", node, "reg")
        if not reg or ac < 1 or sc < 1 or ac > 2 or sc > 2:
            continue
        words = [int(w, 16) for w in reg.split()]
        step = ac + sc
        for i in range(0, len(words) - step + 1, step):
            base = size = 0
            for w in words[i:i + ac]:
                base = (base << 32) | w
            for w in words[i + ac:i + step]:
                size = (size << 32) | w
            if size:
                out.append((base, size))
    return out


def main():
    dtb, image, ram_base, ram_size = sys.argv[1], sys.argv[2], int(sys.argv[3], 0), int(sys.argv[4], 0)
    with open(image, "rb") as f:
        hdr = f.read(64)
    image_size = int.from_bytes(hdr[16:24], "little") or 0x4000000
    with open(dtb, "rb") as f:
        dtb_size = int.from_bytes(f.read(8)[4:8], "big")
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
        if d + dtb_size > hi:
            continue
        print("0x%x 0x%x" % (k, d))
        return 0
    sys.stderr.write("dtb-place: nowhere in QEMU's RAM fits the Image and the DTB\n")
    return 2


if __name__ == "__main__":
    sys.exit(main())
