#!/usr/bin/env python3
"""efi-handoff.py QMP_SOCKET DTB_ADDR [--save DIR] [--quit]

What an EFI stub handed the kernel, read from guest memory through QEMU's QMP monitor
(a unix socket, `-qmp unix:PATH,server,nowait`) while the kernel is up: the device tree
at DTB_ADDR (the x0 the kernel printed), its /memreserve/ entries, the UEFI properties of
/chosen, and the UEFI memory map they point to, one line per descriptor in the format of
Linux 6.1's `efi=debug` ("efi:   0x...-0x... [Type|attributes]"). Exit status 2 if the blob
or the map cannot be read.
"""
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile

TYPES = ["Reserved", "Loader Code", "Loader Data", "Boot Code", "Boot Data", "Runtime Code",
         "Runtime Data", "Conventional", "Unusable", "ACPI Reclaim", "ACPI Mem NVS", "MMIO",
         "MMIO Port", "PAL Code", "Persistent"]
# (bit, name, width) in the column order of Linux's efi_md_typeattr_format
ATTRS = [(1 << 63, "RUN", 3), (1 << 20, "HP", 2), (1 << 16, "MR", 2), (1 << 19, "CC", 2),
         (1 << 18, "SP", 2), (1 << 15, "NV", 2), (1 << 14, "XP", 2), (1 << 13, "RP", 2),
         (1 << 12, "WP", 2), (1 << 17, "RO", 2), (1 << 4, "UCE", 3), (1 << 3, "WB", 2),
         (1 << 2, "WT", 2), (1 << 1, "WC", 2), (1 << 0, "UC", 2)]
KNOWN_ATTRS = sum(a[0] for a in ATTRS)



def guid(text):
    """A GUID as it sits in memory (first three fields little-endian)."""
    a, b, c, d, e = text.split("-")
    return (struct.pack("<IHH", int(a, 16), int(b, 16), int(c, 16)) + bytes.fromhex(d + e))


TABLES = {guid("888eb0c6-8ede-4ff5-a8f0-9aee5cb977c2"): "MEMRESERVE",
          guid("1ce1e5bc-7ceb-42f2-81e5-8aadf180f57b"): "RNG seed",
          guid("800f683f-d08b-423a-a293-965c3c6fe2b4"): "LINUX_EFI_BOOT_MEMMAP",
          guid("b1b621d5-f19c-41a5-830b-d9152c69aae0"): "DEVICE_TREE",
          guid("f2fd1544-9794-4a2c-992e-e5bbcf20e394"): "SMBIOS 3.0",
          guid("eb9d2d31-2d88-11d3-9a16-0090273fc14d"): "SMBIOS",
          guid("dcfa911d-26eb-469f-a220-38b7dc461220"): "MEMATTR",
          guid("eb66918a-7eef-402a-842e-931d21c38ae9"): "RTPROP"}


def typeattr(mtype, attr):
    """Linux's efi_md_typeattr_format."""
    s = "[%-12s" % TYPES[mtype] if mtype < len(TYPES) else "[type=%u" % mtype
    if attr & ~KNOWN_ATTRS:
        return s + "|attr=0x%016x]" % attr
    return s + "".join("|%*s" % (w, n if attr & bit else "") for bit, n, w in ATTRS) + "]"


class Monitor:
    """QEMU's QMP: one JSON command, one JSON answer (events skipped)."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.sock.settimeout(10)
        self.buf = b""
        self.reply()                      # the greeting
        self.cmd("qmp_capabilities")

    def reply(self):
        while True:
            while b"\n" not in self.buf:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise OSError("QMP connection closed")
                self.buf += chunk
            line, self.buf = self.buf.split(b"\n", 1)
            msg = json.loads(line)
            if "event" not in msg:
                return msg

    def cmd(self, name, **args):
        self.sock.sendall(json.dumps({"execute": name, "arguments": args}).encode() + b"\n")
        msg = self.reply()
        if "error" in msg:
            raise OSError("QMP %s: %s" % (name, msg["error"].get("desc")))
        return msg

    def read_phys(self, addr, size):
        fd, path = tempfile.mkstemp(prefix="efi-handoff.")
        os.close(fd)
        try:
            self.cmd("pmemsave", val=addr, size=size, filename=path)
            return open(path, "rb").read()
        finally:
            os.unlink(path)


def fdtget(dtb, node, prop, kind):
    """Cells as hex words, or a string exactly as it is (spaces kept)."""
    r = subprocess.run(["fdtget", "-t", kind, dtb, node, prop], capture_output=True, text=True)
    if r.returncode != 0:
        return None
    return [r.stdout[:-1]] if kind == "s" else r.stdout.split()


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    mon = Monitor(sys.argv[1])
    try:
        return handoff(mon)
    finally:
        if "--quit" in sys.argv:
            try:
                mon.cmd("quit")
            except OSError:
                pass


def handoff(mon):
    dtb_addr = int(sys.argv[2], 0)
    save = sys.argv[sys.argv.index("--save") + 1] if "--save" in sys.argv else None

    head = mon.read_phys(dtb_addr, 40)
    magic, totalsize = struct.unpack_from(">II", head, 0)
    if magic != 0xd00dfeed or not 40 <= totalsize <= (2 << 20):
        print("efi-handoff: no device tree at %#x (magic %#x, totalsize %#x)" % (dtb_addr, magic, totalsize))
        return 2
    blob = mon.read_phys(dtb_addr, totalsize)
    off_rsvmap, = struct.unpack_from(">I", blob, 16)
    nrsv = 0
    while True:
        base, size = struct.unpack_from(">QQ", blob, off_rsvmap + 16 * nrsv)
        if base == 0 and size == 0:
            break
        print("efi-handoff: /memreserve/ %#018x %#x" % (base, size))
        nrsv += 1
    print("efi-handoff: device tree at %#x, %d bytes, %d /memreserve/ entries" % (dtb_addr, totalsize, nrsv))

    with tempfile.NamedTemporaryFile(suffix=".dtb") as f:
        f.write(blob)
        f.flush()
        if save:
            open(os.path.join(save, "handoff.dtb"), "wb").write(blob)
        props = {}
        for name, kind in [("linux,uefi-system-table", "x"), ("linux,uefi-mmap-start", "x"),
                           ("linux,uefi-mmap-size", "x"), ("linux,uefi-mmap-desc-size", "x"),
                           ("linux,uefi-mmap-desc-ver", "x"), ("linux,uefi-secure-boot", "x"),
                           ("kaslr-seed", "x"), ("bootargs", "s")]:
            v = fdtget(f.name, "/chosen", name, kind)
            if v is not None:
                props[name] = v
                shown = " ".join(v) if kind == "s" else " ".join("0x" + w for w in v)
                print("efi-handoff: /chosen/%s = %s" % (name, shown))
    need = ["linux,uefi-system-table", "linux,uefi-mmap-start", "linux,uefi-mmap-size",
            "linux,uefi-mmap-desc-size", "linux,uefi-mmap-desc-ver"]
    if any(n not in props for n in need):
        print("efi-handoff: /chosen has no UEFI memory map")
        return 2

    def num(words):
        v = 0
        for w in words:
            v = v << 32 | int(w, 16)
        return v

    # As Linux's efi_get_fdt_params prints them with efi=debug.
    print("efi: Getting UEFI parameters from /chosen in DT:")
    for label, prop in [("System Table         ", "linux,uefi-system-table"),
                        ("MemMap Address       ", "linux,uefi-mmap-start"),
                        ("MemMap Size          ", "linux,uefi-mmap-size"),
                        ("MemMap Desc. Size    ", "linux,uefi-mmap-desc-size"),
                        ("MemMap Desc. Version ", "linux,uefi-mmap-desc-ver")]:
        print("efi:   %s: 0x%016x" % (label, num(props[prop])))
    if "linux,uefi-secure-boot" in props:
        print("efi:   Secure Boot Enabled  : 0x%08x" % num(props["linux,uefi-secure-boot"]))

    systab = num(props["linux,uefi-system-table"])
    st = mon.read_phys(systab, 120)
    if struct.unpack_from("<Q", st, 0)[0] != 0x5453595320494249:
        print("efi-handoff: no EFI system table at %#x" % systab)
        return 2
    nr_tables, tables = struct.unpack_from("<QQ", st, 104)
    if nr_tables > 256:
        print("efi-handoff: implausible configuration table count %d" % nr_tables)
        return 2
    raw = mon.read_phys(tables, 24 * nr_tables)
    order = {"MEMRESERVE": 0, "RNG seed": 1}       # Linux prints them in this order
    entries = []
    for i in range(nr_tables):
        g = raw[24 * i:24 * i + 16]
        entries.append((order.get(TABLES.get(g), 2), i))
    for _, i in sorted(entries):
        guid, addr = raw[24 * i:24 * i + 16], struct.unpack_from("<Q", raw, 24 * i + 16)[0]
        name = TABLES.get(guid, "guid " + guid.hex())
        if name == "MEMRESERVE":
            rsize, rcount, rnext = struct.unpack_from("<iiQ", mon.read_phys(addr, 16))
            print("efi-handoff: MEMRESERVE=%#x (size %d, count %d, next %#x)" % (addr, rsize, rcount, rnext))
        elif name == "RNG seed":
            print("efi-handoff: RNG seed table at %#x, %d bytes"
                  % (addr, struct.unpack_from("<I", mon.read_phys(addr, 4))[0]))
        else:
            print("efi-handoff: configuration table %s at %#x" % (name, addr))

    start, size = num(props["linux,uefi-mmap-start"]), num(props["linux,uefi-mmap-size"])
    desc_size = num(props["linux,uefi-mmap-desc-size"])
    if desc_size < 40 or size % desc_size or size > (1 << 20):
        print("efi-handoff: implausible memory map: %#x bytes of %#x-byte descriptors" % (size, desc_size))
        return 2
    mmap = mon.read_phys(start, size)
    print("efi-handoff: UEFI memory map at %#x: %d descriptors of %d bytes, version %d"
          % (start, size // desc_size, desc_size, num(props["linux,uefi-mmap-desc-ver"])))
    for i in range(size // desc_size):
        mtype, _, phys, virt, pages, attr = struct.unpack_from("<IIQQQQ", mmap, i * desc_size)
        print("efi:   0x%012x-0x%012x %s" % (phys, phys + (pages << 12) - 1, typeattr(mtype, attr)))
    return 0


def run():
    try:
        status = main()
    except OSError as e:
        print("efi-handoff: %s" % e)
        status = 2
    return status


if __name__ == "__main__":
    sys.exit(run())
