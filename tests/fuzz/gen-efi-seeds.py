#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""gen-efi-seeds.py OUTDIR

Seeds for the DTB fuzzer's UEFI path: each file is a DTB (padded to 4 KiB) whose /chosen holds
the EFI stub's properties, followed by a firmware hand-over that the properties point into
(the fuzzer places the whole input at 0x48000000 in simulated memory): a system table with its
vendor string and configuration tables, a memory map, a Memory Attributes table and a
LINUX_EFI_MEMRESERVE chain. Variants: EDK2-like (48-byte descriptors), U-Boot-like (40),
virtual addresses after SetVirtualAddressMap, overlapping descriptors, a looping MEMRESERVE.
"""
import os
import struct
import subprocess
import sys
import tempfile

BASE = 0x48000000          # where fuzz_dtb.c puts the input
FW = 0x1000                # the hand-over starts after the padded DTB
RUN, WB, WC, UC, SP = 1 << 63, 0x8, 0x2, 0x1, 0x40000

CONV, LCODE, LDATA, BCODE, BDATA, RCODE, RDATA, RESV, ACPI_RECL, MMIO = 7, 1, 2, 3, 4, 5, 6, 0, 9, 11


def guid(a, b, c, *d):
    return struct.pack("<IHH", a, b, c) + bytes(d)


SMBIOS3 = guid(0xf2fd1544, 0x9794, 0x4a2c, 0x99, 0x2e, 0xe5, 0xbb, 0xcf, 0x20, 0xe3, 0x94)
MEMATTR = guid(0xdcfa911d, 0x26eb, 0x469f, 0xa2, 0x20, 0x38, 0xb7, 0xdc, 0x46, 0x12, 0x20)
MEMRESERVE = guid(0x888eb0c6, 0x8ede, 0x4ff5, 0xa8, 0xf0, 0x9a, 0xee, 0x5c, 0xb9, 0x77, 0xc2)
RTPROP = guid(0xeb66918a, 0x7eef, 0x402a, 0x84, 0x2e, 0x93, 0x1d, 0x21, 0xc3, 0x8a, 0xe9)

DTS = """/dts-v1/;
/memreserve/ 0x50000000 0x1000;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0x40000000>; };
	reserved-memory {
		#address-cells = <2>; #size-cells = <2>; ranges;
		nomap@60000000 { no-map; reg = <0 0x60000000 0 0x100000>; };
		cma { compatible = "shared-dma-pool"; reusable; size = <0 0x1000000>; linux,cma-default; };
	};
	chosen {
		linux,uefi-system-table = /bits/ 64 <%#x>;
		linux,uefi-mmap-start = /bits/ 64 <%#x>;
		linux,uefi-mmap-size = <%#x>;
		linux,uefi-mmap-desc-size = <%d>;
		linux,uefi-mmap-desc-ver = <1>;
		linux,uefi-secure-boot = <2>;
	};
};
"""


def build(descs, desc_size, vendor="EDK II", virt=0, memreserve_loop=False):
    fw = bytearray(0x3000)
    off = {"vendor": 0x000, "tables": 0x100, "systab": 0x200, "memattr": 0x300,
           "rsv": 0x400, "memmap": 0x800}
    pa = {k: BASE + FW + v for k, v in off.items()}

    def put(at, data):
        fw[off[at]:off[at] + len(data)] = data

    put("vendor", vendor.encode("utf-16-le") + b"\0\0")
    # MEMRESERVE: size 2, count 2, next (itself when looping), two ranges
    put("rsv", struct.pack("<iiQ", 2, 2, pa["rsv"] if memreserve_loop else 0) +
        struct.pack("<QQQQ", 0x70000000, 0x10000, 0x90000000, 0x1000))
    put("memattr", struct.pack("<IIII", 1, 2, desc_size, 0) + bytes(2 * desc_size))
    tables = [(SMBIOS3, 0x7fed0000), (MEMATTR, pa["memattr"]), (MEMRESERVE, pa["rsv"]),
              (RTPROP, pa["memattr"])]
    # SetVirtualAddressMap moves the system table's own pointers, not the tables' entries
    put("tables", b"".join(g + struct.pack("<Q", t) for g, t in tables))
    systab = struct.pack("<QIIII", 0x5453595320494249, 0x00020046, 120, 0, 0)
    systab += struct.pack("<QI4x", pa["vendor"] + virt, 0x10000)
    systab += struct.pack("<QQQQQQQQ", 0, 0, 0, 0, 0, 0, 0, 0)
    systab += struct.pack("<QQ", len(tables), pa["tables"] + virt)
    put("systab", systab)
    mm = b""
    for t, p, n, a in descs:
        va = p + virt if (virt and a & RUN) else 0
        d = struct.pack("<IIQQQQ", t, 0, p, va, n, a)
        mm += d + bytes(desc_size - len(d))
    put("memmap", mm)

    dts = DTS % (pa["systab"], pa["memmap"], len(mm), desc_size)
    with tempfile.NamedTemporaryFile("w", suffix=".dts") as f:
        f.write(dts)
        f.flush()
        dtb = subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-S", str(FW), f.name],
                             check=True, capture_output=True).stdout
    assert len(dtb) == FW
    return dtb + bytes(fw)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    # The hand-over lives in Loader Data at 0x48000000 (the fuzzer's DTB address).
    edk2 = [(CONV, 0x40000000, 0x8000, WB), (LDATA, 0x48000000, 0x200, WB),
            (CONV, 0x48200000, 0x33e00, WB), (ACPI_RECL, 0x7c000000, 0x10, WB),
            (RCODE, 0x7c010000, 0xf0, RUN | WB), (RDATA, 0x7c100000, 0x100, RUN | WB),
            (BDATA, 0x7c200000, 0x100, WB), (RESV, 0x7c300000, 0x100, WB),
            (CONV, 0x7c400000, 0x3c00, WB), (CONV, 0x80000000, 0x1000, WB | SP),
            (MMIO, 0x04000000, 0x4000, RUN | WC), (MMIO, 0x09010000, 1, RUN | UC)]
    seeds = {
        "efi-edk2": build(edk2, 48),
        "efi-uboot": build([(CONV, 0x40000000, 0x3c100, WB), (LDATA, 0x48000000, 0x200, WB),
                            (RDATA, 0x7c100000, 0x100, RUN | WB),
                            (BCODE, 0x7c200000, 0x3e00, WB)], 40, "Das U-Boot"),
        # after SetVirtualAddressMap: the hand-over in runtime data, pointers virtual
        "efi-virtual": build([(RDATA, 0x48000000, 0x200, RUN | WB) if d[1] == 0x48000000 else d
                              for d in edk2], 48, virt=0xffff000000000000),
        "efi-overlap-loop": build(edk2 + [(RDATA, 0x50000000, 0x800, RUN | WB),
                                          (LCODE, 0x40000000, 0x40000, WB)], 48,
                                  memreserve_loop=True),
    }
    for name, blob in seeds.items():
        with open(os.path.join(out, name + ".bin"), "wb") as f:
            f.write(blob)


if __name__ == "__main__":
    main()
