#!/usr/bin/env python3
"""gen.py OUTDIR: write the hostile device trees (OUTDIR/NAME.dts or NAME.dtb) that
tests/hostile/run.sh boots. Each is a small QEMU virt tree (1 GiB at 0x40000000, PL011, PSCI)
with one thing wrong; binary corruptions are made with dtc and struct on a valid blob."""
import os
import struct
import subprocess
import sys

OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)

BASE_HEAD = """/dts-v1/;
%(memreserve)s
/ {
	#address-cells = <%(ac)s>;
	#size-cells = <%(sc)s>;
	compatible = "linux,dummy-virt";
	model = "hostile";
	psci { compatible = "arm,psci-0.2"; method = "hvc"; };
	pl011@9000000 { compatible = "arm,pl011", "arm,primecell"; reg = <0x0 0x9000000 0x0 0x1000>; };
	chosen { stdout-path = "%(stdout)s";%(chosen)s };
%(body)s
};
"""
MEM_1G = '\tmemory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x40000000>; };\n'


def dts(name, body=MEM_1G, ac="2", sc="2", stdout="/pl011@9000000", memreserve="", qemu="",
        chosen="", bootargs=""):
    with open(os.path.join(OUT, name + ".dts"), "w") as f:
        if qemu:
            f.write("// qemu: %s\n" % qemu)
        if bootargs:
            f.write("// bootargs: %s\n" % bootargs)
        f.write(BASE_HEAD % dict(body=body, ac=ac, sc=sc, stdout=stdout, memreserve=memreserve,
                                 chosen=(" " + chosen) if chosen else ""))


def compile_dts(name):
    """NAME.dts -> the blob (NAME.dts is removed: the case is the blob made from it)."""
    src, out = os.path.join(OUT, name + ".dts"), os.path.join(OUT, name + ".tmp.dtb")
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", out, src], check=True)
    data = open(out, "rb").read()
    os.remove(out)
    os.remove(src)
    return data


def header(data, field):
    return struct.unpack_from(">I", data, 4 * field)[0]


def set_header(data, field, value):
    return data[:4 * field] + struct.pack(">I", value) + data[4 * field + 4:]


# Header fields, as 32-bit words: 1 totalsize, 2 off_dt_struct, 3 off_dt_strings,
# 4 off_mem_rsvmap, 5 version, 6 last_comp_version, 9 size_dt_struct.
TOTALSIZE, OFF_STRUCT, OFF_STRINGS, OFF_RSVMAP, VERSION, LAST_COMP, SIZE_STRUCT = 1, 2, 3, 4, 5, 6, 9


def resmem(children):
    return MEM_1G + "\treserved-memory {\n\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n" \
        "\t\tranges;\n" + children + "\t};\n"


# A valid blob to corrupt.
dts("valid")
subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", os.path.join(OUT, "valid.dtb"),
                os.path.join(OUT, "valid.dts")], check=True)
blob = open(os.path.join(OUT, "valid.dtb"), "rb").read()


def dtb(name, data):
    with open(os.path.join(OUT, name + ".dtb"), "wb") as f:
        f.write(data)


def with_totalsize(data, n):
    return data[:4] + struct.pack(">I", n) + data[8:]


dtb("truncated", blob[: len(blob) // 2])
dtb("bad-magic", b"\xde\xad\xbe\xef" + blob[4:])
dtb("totalsize-over-2m", with_totalsize(blob, 0x300000))
dtb("totalsize-over-ram", with_totalsize(blob, 0x7ffff000))

dts("address-cells-0", body='\tmemory@40000000 { device_type = "memory"; reg = <0x40000000 0x40000000>; };\n',
    ac="0", sc="2")
dts("address-cells-5", body='\tmemory@40000000 { device_type = "memory"; reg = <0 0 0 0x0 0x40000000 0x0 0x40000000>; };\n',
    ac="5", sc="2")
dts("reg-not-multiple", body='\tmemory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x40000000 0x7>; };\n')
dts("mem-wraps-2-64", body=MEM_1G + '\tmemory@fffffffffffff000 { device_type = "memory"; reg = <0xffffffff 0xfffff000 0x0 0x2000>; };\n')
many = MEM_1G + "".join(
    '\tmemory@%x { device_type = "memory"; reg = <0x1 0x%08x 0x0 0x1000>; };\n' % (0x100000000 + i * 0x2000, i * 0x2000)
    for i in range(2000))
dts("memory-nodes-2000", body=many, qemu="-m 5G")
dts("resmem-covers-all", body=resmem('\t\tall@40000000 { reg = <0x0 0x40000000 0x0 0x40000000>; };\n'))
dts("everything-overlaps", memreserve="/memreserve/ 0x40000000 0x20000000;\n/memreserve/ 0x50000000 0x20000000;",
    body=MEM_1G + '\tmemory@50000000 { device_type = "memory"; reg = <0x0 0x50000000 0x0 0x20000000 0x0 0x40000000 0x0 0x10000000>; };\n'
    '\treserved-memory {\n\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n\t\tranges;\n'
    '\t\ta@60000000 { reg = <0x0 0x60000000 0x0 0x10000000>; no-map; };\n'
    '\t\tb@68000000 { reg = <0x0 0x68000000 0x0 0x10000000>; };\n'
    '\t\tc@6c000000 { reg = <0x0 0x6c000000 0x0 0x1000000>; no-map; };\n\t};\n')
dts("nomap-over-kernel", body=resmem('\t\tfw@40000000 { reg = <0x0 0x40000000 0x0 0x1000000>; no-map; };\n'))
dts("nomap-over-dtb", body=resmem('\t\tfw@47f00000 { reg = <0x0 0x47f00000 0x0 0x200000>; no-map; };\n'))
dts("stdout-path-nothing", stdout="/no/such/uart")
dts("aliases-loop", stdout="serial0",
    body=MEM_1G + '\taliases { serial0 = "serial1"; serial1 = "serial0"; };\n')
dts("ranges-bad", stdout="/soc/uart@1000",
    body=MEM_1G + '\tsoc { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>;\n'
    '\t\tranges = <0x0 0x0 0x9000000>;\n'
    '\t\tuart@1000 { compatible = "arm,pl011"; reg = <0x1000 0x1000>; };\n\t};\n')
dts("no-memory-node", body="")
# A reservation of nearly 2^64 bytes above all memory: harmless, but walking it page by page
# (memmap_init_reserved_pages) used to take minutes.
dts("memreserve-huge", memreserve="/memreserve/ 0x80000000 0xffffffff00000000;")

# The boot loader's other hand-overs (issue 14): initrd, crashkernel=, a kdump kernel's header.
dts("initrd-end-before-start",
    chosen="linux,initrd-start = <0x0 0x50300000>; linux,initrd-end = <0x0 0x50000000>;")
dts("initrd-over-kernel",
    chosen="linux,initrd-start = <0x0 0x41000000>; linux,initrd-end = <0x0 0x41400000>;")
dts("initrd-odd-cells",
    chosen="linux,initrd-start = <0x0 0x0 0x50000000>; linux,initrd-end = <0x0 0x0 0x50100000>;")
dts("initrd-start-only", chosen="linux,initrd-start = <0x0 0x50000000>;")
dts("initrd-unreachable",
    chosen="linux,initrd-start = <0x9000 0x0>; linux,initrd-end = <0x9000 0x400000>;")
dts("crashkernel-too-large", bootargs="crashkernel=2G")
dts("crashkernel-garbage", bootargs="crashkernel=x-1G:64M")
dts("elfcorehdr-short", chosen="linux,elfcorehdr = <0x0 0x50000000>;")

# ---- issue 16: inputs that used to pass silently ----
# A /memreserve/ map without its terminating entry: the structure block follows the one entry
# directly, and libfdt (Linux too) would read its bytes as more reservations.
dts("memreserve-unterminated", memreserve="/memreserve/ 0x50000000 0x100000;")
b = compile_dts("memreserve-unterminated")
rsv, st = header(b, OFF_RSVMAP), header(b, OFF_STRUCT)
assert st == rsv + 32 and b[rsv + 16:st] == bytes(16)
b = b[:rsv + 16] + b[st:]
for field in (TOTALSIZE, OFF_STRUCT, OFF_STRINGS):
    b = set_header(b, field, header(b, field) - 16)
dtb("memreserve-unterminated", b)

# A node name without its NUL inside the structure block: the block ends in the middle of the
# last node's name (the bytes after it are still in the blob). The command line is the blob's
# own: run-qemu.sh cannot add --append's words to a structure block that does not parse.
dts("node-name-unterminated", chosen='bootargs = "poweroff debug_invariants";',
    body=MEM_1G + "\tzz-last-node { };\n")
b = compile_dts("node-name-unterminated")
name_at = b.index(b"zz-last-node\0") - header(b, OFF_STRUCT)
dtb("node-name-unterminated", set_header(b, SIZE_STRUCT, name_at + 4))

# last_comp_version 18: a format newer than the version 17 that libfdt and Linux read.
dts("last-comp-version-18")
b = compile_dts("last-comp-version-18")
dtb("last-comp-version-18", set_header(set_header(b, VERSION, 18), LAST_COMP, 18))

# bootargs longer than COMMAND_LINE_SIZE - 1 (2047): run.sh passes them with --append
# (tests/hostile/run.sh); the tree itself is plain.
dts("bootargs-too-long")

# dma-ranges and ranges with a partial last entry (7 cells for 6; 5 for 4).
dts("dma-ranges-partial",
    body=MEM_1G + '\tsoc { compatible = "simple-bus"; #address-cells = <2>; #size-cells = <2>; ranges;\n'
    '\t\tdma-ranges = <0x0 0x40000000 0x0 0x40000000 0x0 0x20000000 0x1>;\n\t};\n')
dts("ranges-partial", stdout="/soc/uart@0",
    body=MEM_1G + '\tsoc { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>;\n'
    '\t\tranges = <0x0 0x0 0x9000000 0x10000 0x7>;\n'
    '\t\tuart@0 { compatible = "arm,pl011"; reg = <0x0 0x1000>; };\n\t};\n')

# A dynamic reserved-memory region whose alignment (3 MiB) is not a power of two.
dts("resmem-align-not-pow2",
    body=resmem('\t\tdyn { compatible = "shared-dma-pool"; size = <0x0 0x400000>;'
                ' alignment = <0x0 0x300000>; };\n'))

# device_type "memory" without its NUL (6 bytes): Linux's strcmp reads on into the padding.
dts("device-type-no-nul",
    body='\tmemory@40000000 { device_type = [6d 65 6d 6f 72 79]; reg = <0x0 0x40000000 0x0 0x40000000>; };\n')
