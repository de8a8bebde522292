#!/usr/bin/env python3
"""pe-image.py: the Image as a PE/COFF EFI application.

  pe-image.py check IMAGE ELF
      Parse the arm64 Image header and the PE/COFF headers of IMAGE and check every field
      against the linker's symbols in ELF (bootmem.elf): "MZ" as the ccmp at offset 0, the
      branch to primary_entry at 4, image_size, the PE header at 0x40, the entry point at the
      EFI stub, two sections mapping the file 1:1, SizeOfImage = image_size. Prints the
      fields; exit status 1 with the first wrong field named.
  pe-image.py footprint IN OUT SIZE [FILE_SIZE]
      Copy IN to OUT announcing SIZE as the memory footprint (image_size, SizeOfImage and
      .data's VirtualSize), the file zero-padded to FILE_SIZE: the same Image presenting the
      firmware with another kernel's footprint (Linux's), so their allocations can be compared.
"""
import struct
import subprocess
import sys

SECTION_ALIGN = 0x10000
FILE_ALIGN = 0x200


class Bad(Exception):
    pass


def want(name, got, expected):
    if got != expected:
        raise Bad("%s is %#x, want %#x" % (name, got, expected))
    print("  %-28s %#x" % (name, got))


def parse(data):
    """The fields of both headers, by their spec names."""
    if len(data) < 0x40 or data[:2] != b"MZ":
        raise Bad("no MZ signature at offset 0")
    f = {}
    f["code0"], f["code1"], f["text_offset"], f["image_size"], f["flags"] = \
        struct.unpack_from("<IIQQQ", data, 0)
    f["magic"] = data[0x38:0x3c]
    pe = f["pe_offset"] = struct.unpack_from("<I", data, 0x3c)[0]
    if pe + 24 > len(data) or data[pe:pe + 4] != b"PE\0\0":
        raise Bad("no PE signature at the offset in 0x3c (%#x)" % pe)
    (f["Machine"], f["NumberOfSections"], _, _, _, f["SizeOfOptionalHeader"],
     f["Characteristics"]) = struct.unpack_from("<HHIIIHH", data, pe + 4)
    opt = pe + 24
    (f["Magic"], _, _, f["SizeOfCode"], f["SizeOfInitializedData"],
     f["SizeOfUninitializedData"], f["AddressOfEntryPoint"], f["BaseOfCode"],
     f["ImageBase"], f["SectionAlignment"], f["FileAlignment"]) = \
        struct.unpack_from("<HBBIIIIIQII", data, opt)
    (f["SizeOfImage"], f["SizeOfHeaders"], f["CheckSum"], f["Subsystem"],
     f["DllCharacteristics"]) = struct.unpack_from("<IIIHH", data, opt + 56)
    f["NumberOfRvaAndSizes"] = struct.unpack_from("<I", data, opt + 108)[0]
    f["DataDirectories"] = struct.unpack_from("<%dQ" % f["NumberOfRvaAndSizes"], data, opt + 112)
    f["sections"] = []
    sec = opt + f["SizeOfOptionalHeader"]
    for i in range(f["NumberOfSections"]):
        name, vsize, va, rawsize, rawptr = struct.unpack_from("<8sIIII", data, sec + 40 * i)
        chars = struct.unpack_from("<I", data, sec + 40 * i + 36)[0]
        f["sections"].append({"name": name.rstrip(b"\0").decode(), "VirtualSize": vsize,
                              "VirtualAddress": va, "SizeOfRawData": rawsize,
                              "PointerToRawData": rawptr, "Characteristics": chars,
                              "header_offset": sec + 40 * i})
    f["optional_header"] = opt
    return f


def symbols(elf):
    out = subprocess.run(["aarch64-linux-gnu-nm", elf], capture_output=True, text=True,
                         check=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = int(parts[0], 16)
    return syms


def check(image, elf):
    data = open(image, "rb").read()
    s = symbols(elf)
    text = s["_text"]
    f = parse(data)
    print("arm64 Image header:")
    want("code0 (ccmp x18,#0,#0xd,pl)", f["code0"], 0xfa405a4d)
    # code1: B primary_entry (imm26 words, from offset 4)
    if f["code1"] >> 26 != 0b000101:
        raise Bad("code1 %#x is not a B instruction" % f["code1"])
    target = 4 + ((f["code1"] & 0x3ffffff) << 2)
    want("code1 branch target", target, s["primary_entry"] - text)
    want("text_offset", f["text_offset"], 0)
    want("image_size", f["image_size"], s["_kernel_size_le"])
    want("flags", f["flags"], 0xa)
    if f["magic"] != b"ARM\x64":
        raise Bad("magic at 0x38 is %r" % f["magic"])
    print("  %-28s %r" % ("magic", f["magic"]))
    want("PE header offset (0x3c)", f["pe_offset"], 0x40)
    print("PE/COFF header:")
    want("Machine (ARM64)", f["Machine"], 0xaa64)
    want("NumberOfSections", f["NumberOfSections"], 2)
    want("Characteristics", f["Characteristics"], 0x206)
    want("Magic (PE32+)", f["Magic"], 0x20b)
    want("AddressOfEntryPoint", f["AddressOfEntryPoint"], s["__efistub_efi_pe_entry"] - text)
    want("BaseOfCode", f["BaseOfCode"], s["_stext"] - text)
    want("ImageBase", f["ImageBase"], 0)
    want("SectionAlignment", f["SectionAlignment"], SECTION_ALIGN)
    want("FileAlignment", f["FileAlignment"], FILE_ALIGN)
    want("SizeOfImage (= image_size)", f["SizeOfImage"], f["image_size"])
    want("SizeOfImage % SectionAlign", f["SizeOfImage"] % SECTION_ALIGN, 0)
    want("SizeOfHeaders", f["SizeOfHeaders"], s["_stext"] - text)
    want("Subsystem (EFI application)", f["Subsystem"], 10)
    want("DllCharacteristics", f["DllCharacteristics"], 0x100)
    want("NumberOfRvaAndSizes", f["NumberOfRvaAndSizes"], 6)
    if any(f["DataDirectories"]):
        raise Bad("a data directory is not empty: %r" % (f["DataDirectories"],))
    t, d = f["sections"]
    print("sections:")
    want(".text name", t["name"] == ".text", True)
    want(".text VirtualAddress", t["VirtualAddress"], s["_stext"] - text)
    want(".text PointerToRawData", t["PointerToRawData"], t["VirtualAddress"])
    want(".text VirtualSize", t["VirtualSize"], s["__init_begin"] - s["_stext"])
    want(".text SizeOfRawData", t["SizeOfRawData"], t["VirtualSize"])
    want(".text Characteristics", t["Characteristics"], 0x60000020)
    want(".data name", d["name"] == ".data", True)
    want(".data VirtualAddress", d["VirtualAddress"], s["__init_begin"] - text)
    want(".data PointerToRawData", d["PointerToRawData"], d["VirtualAddress"])
    want(".data SizeOfRawData", d["SizeOfRawData"], s["_edata"] - s["__init_begin"])
    want(".data SizeOfRawData % FileAlign", d["SizeOfRawData"] % FILE_ALIGN, 0)
    want(".data end (= SizeOfImage)", d["VirtualAddress"] + d["VirtualSize"], f["SizeOfImage"])
    want(".data Characteristics", d["Characteristics"], 0xc0000040)
    want("SizeOfCode", f["SizeOfCode"], t["VirtualSize"])
    want("SizeOfInitializedData", f["SizeOfInitializedData"], d["VirtualSize"])
    want(".text ends where .data starts", t["VirtualAddress"] + t["VirtualSize"], d["VirtualAddress"])
    want("file size (= end of .data raw)", len(data), d["PointerToRawData"] + d["SizeOfRawData"])
    if not t["VirtualAddress"] <= f["AddressOfEntryPoint"] < d["VirtualAddress"]:
        raise Bad("the entry point %#x is outside .text" % f["AddressOfEntryPoint"])
    out = subprocess.run(["aarch64-linux-gnu-objdump", "-f", image], capture_output=True, text=True)
    if "file format pei-aarch64-little" not in out.stdout:
        raise Bad("objdump does not read it as pei-aarch64-little: %s" % out.stdout.strip())
    print("objdump: pei-aarch64-little")


def footprint(src, dst, size, file_size=None):
    data = bytearray(open(src, "rb").read())
    f = parse(data)
    d = f["sections"][-1]
    if size % SECTION_ALIGN or size < d["VirtualAddress"] + d["SizeOfRawData"]:
        raise Bad("footprint %#x is not aligned or smaller than the file's sections" % size)
    struct.pack_into("<Q", data, 16, size)
    struct.pack_into("<I", data, f["optional_header"] + 56, size)
    struct.pack_into("<I", data, d["header_offset"] + 8, size - d["VirtualAddress"])
    struct.pack_into("<I", data, f["optional_header"] + 8, size - d["VirtualAddress"])
    if file_size is not None:
        if file_size < len(data):
            raise Bad("file size %d is smaller than the Image (%d)" % (file_size, len(data)))
        data += bytes(file_size - len(data))
    open(dst, "wb").write(data)


def main():
    try:
        if len(sys.argv) == 4 and sys.argv[1] == "check":
            check(sys.argv[2], sys.argv[3])
            print("PE/COFF header OK")
        elif len(sys.argv) in (5, 6) and sys.argv[1] == "footprint":
            footprint(sys.argv[2], sys.argv[3], int(sys.argv[4], 0),
                      int(sys.argv[5], 0) if len(sys.argv) == 6 else None)
        else:
            sys.exit(__doc__)
    except Bad as e:
        print("pe-image.py: %s" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
