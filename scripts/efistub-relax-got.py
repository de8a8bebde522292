#!/usr/bin/env python3
"""efistub-relax-got.py IN.o OUT.o -- a copy of a PIC AArch64 object without GOT accesses.

The EFI stub runs at the physical address the firmware loaded the Image at, under the
firmware's identity map, before the kernel maps itself at KIMAGE_VADDR. Debian's libfdt.a is
PIC: it reaches __stack_chk_guard through the GOT, whose entries the static link fills with
the link-time (virtual, not yet mapped) address. The stub's private copy of libfdt is
rewritten here the way lld relaxes GOT loads of symbols bound in the image:

    adrp xN, :got:sym          R_AARCH64_ADR_GOT_PAGE      ->  R_AARCH64_ADR_PREL_PG_HI21
    ldr  xN, [xN, :got_lo12:]  R_AARCH64_LD64_GOT_LO12_NC  ->  R_AARCH64_ADD_ABS_LO12_NC
                                                                (the ldr becomes add xN, xN, #lo12)

so the address is formed PC-relative. Any other GOT relocation, or a GOT-lo12 relocation on an
instruction that is not a 64-bit LDR (immediate, unsigned offset), is an error.
"""
import struct
import sys

R_AARCH64_ADR_PREL_PG_HI21 = 275
R_AARCH64_ADD_ABS_LO12_NC = 277
R_AARCH64_ADR_GOT_PAGE = 311
R_AARCH64_LD64_GOT_LO12_NC = 312
GOT_TYPES = {309, 310, 311, 312, 313, 314, 315}   # every R_AARCH64_*GOT* static type
SHT_RELA = 4


def die(msg):
    sys.exit("efistub-relax-got.py: " + msg)


def main():
    if len(sys.argv) != 3:
        die("usage: efistub-relax-got.py IN.o OUT.o")
    data = bytearray(open(sys.argv[1], "rb").read())
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        die("%s: not a little-endian ELF64 object" % sys.argv[1])
    e_shoff, = struct.unpack_from("<Q", data, 0x28)
    e_shentsize, e_shnum = struct.unpack_from("<HH", data, 0x3a)
    sections = []
    for i in range(e_shnum):
        sh = struct.unpack_from("<IIQQQQIIQQ", data, e_shoff + i * e_shentsize)
        sections.append(sh)
    relaxed = 0
    for sh in sections:
        _, sh_type, _, _, sh_offset, sh_size, _, sh_info, _, sh_entsize = sh
        if sh_type != SHT_RELA:
            continue
        target_off = sections[sh_info][4]
        for r in range(sh_size // sh_entsize):
            roff = sh_offset + r * sh_entsize
            r_offset, r_info = struct.unpack_from("<QQ", data, roff)
            rtype, rsym = r_info & 0xffffffff, r_info >> 32
            if rtype not in GOT_TYPES:
                continue
            if rtype == R_AARCH64_ADR_GOT_PAGE:
                rtype = R_AARCH64_ADR_PREL_PG_HI21
            elif rtype == R_AARCH64_LD64_GOT_LO12_NC:
                insn, = struct.unpack_from("<I", data, target_off + r_offset)
                if insn & 0xffc00000 != 0xf9400000:
                    die("%s: GOT lo12 relocation at %#x on %#010x, not LDR Xt, [Xn, #imm]"
                        % (sys.argv[1], r_offset, insn))
                rn, rt = (insn >> 5) & 31, insn & 31
                struct.pack_into("<I", data, target_off + r_offset, 0x91000000 | rn << 5 | rt)
                rtype = R_AARCH64_ADD_ABS_LO12_NC
            else:
                die("%s: GOT relocation type %d at %#x cannot be relaxed"
                    % (sys.argv[1], rtype, r_offset))
            struct.pack_into("<Q", data, roff + 8, rsym << 32 | rtype)
            relaxed += 1
    open(sys.argv[2], "wb").write(data)


if __name__ == "__main__":
    main()
