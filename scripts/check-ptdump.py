#!/usr/bin/env python3
"""check-ptdump.py LOG: from a boot log with `memblock=debug ptdump`, check that the linear
map (ptdump's "Linear Mapping" block) covers every memblock.memory region that is not NOMAP
and maps no page that lies wholly inside a NOMAP region. Prints what it checked; exit 1 on any mismatch.
The granule and the start of the linear map come from the log: a 16 KiB build says "16 KiB pages"
in its banner, and the Linear Mapping block starts at PAGE_OFFSET."""
import re
import sys

PAGE_OFFSET = 0xffff000000000000
TS = re.compile(r"^\[\s*\d+\.\d+\] ")


def main():
    lines = [TS.sub("", l) for l in open(sys.argv[1], errors="replace").read().replace("\r", "").split("\n")]
    mem = []
    for l in lines:
        if l == "MEMBLOCK configuration:":
            mem = []        # the last dump counts (efi_init prints one before it replaces memory)
        m = re.match(r" memory\[0x[0-9a-f]+\]\t\[0x([0-9a-f]+)-0x([0-9a-f]+)\].*flags: (0x[0-9a-f]+)", l)
        if m:
            mem.append((int(m.group(1), 16), int(m.group(2), 16) + 1, int(m.group(3), 16)))
    if not mem:
        print("no MEMBLOCK configuration in the log (boot with memblock=debug)")
        return 1
    memstart = mem[0][0] & ~((1 << 30) - 1)
    page = 0x4000 if any("bootmem: Linux" in l and "16 KiB pages" in l for l in lines) else 0x1000
    mapped, inside, page_offset = [], False, PAGE_OFFSET
    for l in lines:
        if "Linear Mapping start" in l:
            inside, mapped, page_offset = True, [], None
        elif "Linear Mapping end" in l:
            inside = False
        elif inside:
            m = re.match(r"0x([0-9a-f]+)-0x([0-9a-f]+)\s+\S+\s+(PTE|PMD|PUD|PGD)\s+(\S.*)?$", l)
            start = re.match(r"0x([0-9a-f]+)-0x", l)
            if start and page_offset is None:
                page_offset = int(start.group(1), 16)
            if m and m.group(4) and m.group(4).strip():
                a, b = int(m.group(1), 16), int(m.group(2), 16)
                mapped.append((a - page_offset + memstart, b - page_offset + memstart))
    if not mapped:
        print("no ptdump Linear Mapping block in the log (boot with ptdump)")
        return 1
    # Linux 6.12 (Debian 6.12.117) rounds each mapped range inwards: a page shared with a
    # no-map region stays unmapped, and only memory's whole pages must be mapped.
    inwards = any("bootmem: Linux 6.12 " in l for l in lines)
    bad = 0
    for base, end, flags in mem:
        if inwards and not flags & 0x4:
            base, end = (base + page - 1) & ~(page - 1), end & ~(page - 1)
            if base >= end:
                continue
        if flags & 0x4:
            # A page shared with mapped memory is mapped, as in Linux (map_mem works in whole
            # pages): only the pages wholly inside the no-map region must stay unmapped.
            base, end = (base + page - 1) & ~(page - 1), end & ~(page - 1)
            for a, b in mapped:
                if a < end and base < b:
                    print("NOMAP [%#x-%#x) is mapped at [%#x-%#x)" % (base, end, a, b))
                    bad += 1
        else:
            pos = base
            for a, b in sorted(mapped):
                if a <= pos < b:
                    pos = b
            if pos < end:
                print("memory [%#x-%#x) is not fully mapped (gap at %#x)" % (base, end, pos))
                bad += 1
    print("%d memory regions (%d NOMAP), %d mapped runs: %s" % (
        len(mem), sum(1 for m in mem if m[2] & 4), len(mapped), "ok" if not bad else "MISMATCH"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
