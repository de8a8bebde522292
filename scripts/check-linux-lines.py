#!/usr/bin/env python3
"""check-linux-lines.py LINUX_LOG BOOTMEM_LOG: bootmem's lines in Linux's words are Linux's.

LINUX_LOG is Linux 6.1's console log for a tree and command line (tests/linux-log/NAME.txt:
up to its "Memory:" line, without timestamps and memblock=debug calls). BOOTMEM_LOG is
bootmem's raw console log for the same tree and command line (QEMU, or bootmem-layout
--timestamps). Every line bootmem prints up to and including its own "Memory:" line (the part
Linux's log covers) must either carry the "bootmem: " prefix (bootmem's own words) or be a
line of Linux's log, numbers and addresses included, apart from these documented exceptions:

Compared after a change, for the reason given:
  Booting bootmem on physical CPU ...   the kernel's name: compared as "Booting Linux ...".
  Kernel command line: ...              without bootmem's own words (poweroff, selftest,
                                        ptdump, debug_invariants, buddyinfo, zoneinfo,
                                        boot_phases, bootmem_checksum, test_fault=), which Linux does not have.
   memory size = M reserved size = R    M only: R is the sum of memblock.reserved (below).
  NUMA: NODE_DATA [mem A-B]             B - A only: NODE_DATA, and the bounce buffer, are
  software IO TLB: mapped [mem A-B] (N)   allocated after allocations of Linux's own (its
                                        page tables, unflattened DT, percpu, hash tables).
  Memory: A/B available (...)           B and cma-reserved only: A counts Linux's deferred
                                        struct page init; code, rwdata, rodata, init, bss and
                                        reserved are the kernel's own sizes.
Not compared here, for the reason given:
  memblock_*: [...] caller+off/size     memblock=debug: the callers' offsets are the
                                        kernel's own; compare-layout.py compares the calls.
   reserved.cnt / reserved[...]         memblock.reserved holds the kernel image and Linux's
                                        own allocations (page tables, the unflattened DT,
                                        percpu); compare-layout.py compares the reservations
                                        the device tree makes.
With --host (a bootmem-layout log): "Booting ... on physical CPU" is not compared either,
the host models a Cortex-A57 on every machine.

With --differ KIND,... (a boot through firmware, tests/linux-log/firmware): the lines of those
kinds may differ from Linux's, for the reason tests/firmware/known-differences gives for that
firmware and tree (the Image file's size moves what the firmware allocates after loading it);
a listed kind that no longer differs fails, so that the list stays true. The kinds, named as
compare-layout.py's cases:
  efi-map   efi:   0x...-0x... [type|attrs]   the descriptors, and the tables the firmware
            efi:   MemMap Address : ...       allocates after the file (the map itself,
            efi: ... MEMATTR=... MEMRESERVE=  MEMATTR, MEMRESERVE)
  cma       cma: Reserved N MiB at ...
  memory    memory[...] / memory size = ...   (MEMBLOCK configuration)
  nodes     node N: [mem ...]                 (Early memory node ranges)
  unavail   On node N, zone Z: P pages in unavailable ranges
  total     Built N zonelists ... Total pages / Memory: A/B available (B)

Prints the lines that break the rule and exits 1 if there are any.
Usage: check-linux-lines.py [--host] [--differ KIND,...] LINUX_LOG BOOTMEM_LOG
"""
import re
import sys

BOOTMEM_WORDS = re.compile(r"^(poweroff|selftest|ptdump|debug_invariants|buddyinfo|zoneinfo|"
                           r"boot_phases|bootmem_checksum|test_fault=.*)$")
MEMORY = re.compile(r"^Memory: (\d+)K/(\d+)K available \(.*, (\d+)K cma-reserved\)$")
SKIP = [re.compile(p) for p in (r"^memblock_[a-z_]+: ", r"^ reserved\.cnt  = ",
                                r"^ reserved\[0x[0-9a-f]+\]\t")]
# Lines whose range is compared by its size: NODE_DATA, the swiotlb bounce buffer.
SIZED = re.compile(r"^(NUMA: NODE_DATA|software IO TLB: mapped) \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\](.*)$")


DIFFER = {
    "efi-map": re.compile(r"^efi:   (0x[0-9a-f]+-0x[0-9a-f]+ \[|MemMap Address +: )|"
                          r"^efi: .*\b(MEMATTR|MEMRESERVE)=0x"),
    "cma": re.compile(r"^cma: Reserved \d+ MiB at 0x"),
    "memory": re.compile(r"^ memory(\[0x[0-9a-f]+\]\t| size = )"),
    "nodes": re.compile(r"^  node +\d+: \[mem "),
    "unavail": re.compile(r"^On node \d+, zone \w+: \d+ pages in unavailable ranges$"),
    "total": re.compile(r"^(Built \d+ zonelists, .* Total pages: |Memory: )"),
}


def sized(line):
    m = SIZED.match(line)
    return m and (m.group(1), int(m.group(3), 16) - int(m.group(2), 16), m.group(4))
STAMP = re.compile(r"^\[\s*\d+\.\d+\] (.*)$")


def linux_lines(path):
    return [l.rstrip("\n") for l in open(path, errors="replace") if not l.startswith("#")]


def bootmem_lines(path):
    out = []
    for l in open(path, errors="replace").read().splitlines():
        m = STAMP.match(l)
        if not m:
            continue
        out.append(m.group(1).rstrip("\r"))
        if m.group(1).startswith("Memory: "):
            break
    return out


def words(cmdline):
    return [w for w in cmdline.split() if not BOOTMEM_WORDS.match(w)]


def main():
    args = sys.argv[1:]
    host = args[:1] == ["--host"]
    if host:
        args = args[1:]
    differ = []
    if args[:1] == ["--differ"] and len(args) > 1:
        differ = [k for k in args[1].split(",") if k]
        args = args[2:]
    unknown = [k for k in differ if k not in DIFFER]
    if unknown or len(args) != 2:
        sys.exit("unknown kind %s" % unknown if unknown else __doc__.split("\n")[0])
    linux = linux_lines(args[0])
    have = set(linux)
    ours = bootmem_lines(args[1])
    if not ours:
        print("no timestamped lines in %s" % args[1])
        return 1
    lsized = [sized(l) for l in linux if sized(l)]
    lcmd = [l for l in linux if l.startswith("Kernel command line: ")]
    lmem = [MEMORY.match(l) for l in linux if MEMORY.match(l)]
    lsize = [l.split(" reserved size")[0] for l in linux if l.startswith(" memory size = ")]
    bad, counts = [], {"equal": 0, "normalised": 0, "not compared": 0, "bootmem's own": 0}
    known = dict((k, 0) for k in differ)

    for l in ours:
        if l.startswith("bootmem: "):
            counts["bootmem's own"] += 1
            continue
        if any(p.match(l) for p in SKIP) or (host and l.startswith("Booting bootmem on ")):
            counts["not compared"] += 1
            continue
        if l in have:
            counts["equal"] += 1
            continue
        ok = False
        if l.startswith("Booting bootmem on physical CPU "):
            ok = l.replace("Booting bootmem", "Booting Linux", 1) in have
        elif l.startswith("Kernel command line: "):
            ok = bool(lcmd) and words(l[21:]) == words(lcmd[0][21:])
        elif l.startswith(" memory size = "):
            ok = l.split(" reserved size")[0] in lsize
        elif sized(l):
            ok = sized(l) in lsized
        elif MEMORY.match(l):
            m = MEMORY.match(l)
            ok = any(m.group(2) == x.group(2) and m.group(3) == x.group(3) for x in lmem)
        if ok:
            counts["normalised"] += 1
            continue
        kind = [k for k in differ if DIFFER[k].match(l)]
        if kind:
            known[kind[0]] += 1
        else:
            bad.append(l)

    for l in bad:
        print("not in Linux's log: %s" % l)
    gone = [k for k in differ if not known[k]]
    for k in gone:
        print("known difference %s no longer differs: take it out of tests/firmware/known-differences" % k)
    if differ:
        counts["known differences (%s)" % ",".join(differ)] = sum(known.values())
    print("%d lines: %s" % (len(ours), ", ".join("%d %s" % (v, k) for k, v in counts.items())))
    return 1 if bad or gone else 0


if __name__ == "__main__":
    sys.exit(main())
