#!/usr/bin/env python3
"""compare-layout.py [--expect-differ CASE,...] [--skip CASE,...] EXPECTED.txt OUR_LOG [DTB]

bootmem's own conformance check: compares the early memory layout our kernel printed
(OUR_LOG, the raw console log with "[    0.000000] " timestamps) with Linux's report for
the same device tree (EXPECTED.txt: 6.1's in tests/expected/, 6.12's in tests/expected-6.12/).
Only what precedes the first "Memory:" line counts, as in Linux's report. A report whose
Linux stopped before its "Memory:" line (# status: not ok) has no 'total' to compare: that
case is skipped, saying so. Cases, each passing or failing on its own:
  memory    'memory size', 'memory.cnt' and every memory[i] line of MEMBLOCK configuration
  zones     the 'Zone ranges:' block          movable  'Movable zone start for each node'
  nodes     'Early memory node ranges'        initmem  'Initmem setup node' lines
  unavail   '... pages in unavailable ranges' total    B and cma-reserved of 'Memory: A/BK'
  resmem    reserved-memory messages (OF: reserved mem, Reserved memory, OF: fdt:, OVERLAP,
            and every line that says crashkernel, as the oracle's report keeps them)
  cma       'cma: Reserved N MiB at ...': where the default CMA area landed
  allocs    memblock=debug allocation requests (size, alignment, node, limits, caller) that
            bootmem makes as Linux does: the page-table pages (early_pgtable_alloc:
            map_kernel, map_mem, create_idmap), the unflattened tree and aliases
            (early_init_dt_alloc_memory_arch), setup_arch's resources, the per-CPU first
            chunk, the hash tables, swiotlb; in order, addresses not compared (they follow
            the image and its page tables). Skipped when the log has no memblock=debug.
            When Linux stopped before 'Memory:' (# status: not ok), ours are compared up to
            as many requests as Linux made.
  dt-reserved (with DTB) every /memreserve/ entry and every reg of an available
            /reserved-memory child without no-map lies inside our reserved[] ranges
            (except a node whose init Linux reports as "compatible matching fail": Linux
            frees that region again)
When EXPECTED is a firmware report (scripts/firmware-report.py, section 12 not empty), also:
  efi       the firmware's identity and hand-over: 'EFI vX.Y by VENDOR', descriptor size and
            version, secure boot, the configuration tables' names (and the addresses of
            those the firmware builds before it loads the OS: SMBIOS, ACPI, RTPROP, ESRT),
            'Processing EFI memory map:'
  efi-fw-map  the descriptors the firmware owns (Reserved, Runtime, Unusable, ACPI NVS,
            MMIO, PAL, Persistent), line for line in Linux's efi=debug format
  efi-map   every descriptor, line for line
--expect-differ CASE,...: those cases are known to differ for a stated reason (see
tests/firmware/known-differences): differing counts as passed ('ok   CASE differs, as
known'); equal counts as failed, so that the list cannot go stale.
Prints a diff per failing case and ends with 'N passed, N failed'; exit 0 only if all pass.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fdtread import available, cells, fdtget, reg_tuples  # noqa: E402
from logblock import block  # noqa: E402

TS = re.compile(r"^\[\s*\d+\.\d{6}\] ")


def log_lines(path):
    raw = open(path, "rb").read().decode("utf-8", "replace").replace("\r", "")
    out = []
    for ln in raw.split("\n"):
        if TS.match(ln):
            out.append(TS.sub("", ln, count=1))
    for i, ln in enumerate(out):
        if ln.startswith("Memory: "):
            return out[:i + 1]
    return out


def memblock_dump(lines):
    out = []
    for i, ln in enumerate(lines):
        if ln == "MEMBLOCK configuration:":
            out = [ln]
            for nxt in lines[i + 1:]:
                if not re.match(r"^ (memory size|memory\.cnt|memory\[|reserved\.cnt|reserved\[)", nxt):
                    break
                out.append(nxt)
    return out


def our_sections(lines):
    return {
        1: memblock_dump(lines),
        2: block(lines, "Zone ranges:", r"^  \S+\s+(empty|\[mem )"),
        3: block(lines, "Movable zone start for each node", r"^  Node \d+: "),
        4: block(lines, "Early memory node ranges", r"^  node +\d+: \[mem "),
        5: [l for l in lines if l.startswith("Initmem setup node")],
        6: [l for l in lines if "pages in unavailable ranges" in l],
        7: [l for l in lines if l.startswith("Memory: ")],
        8: [l for l in lines if l.startswith(("OF: reserved mem:", "Reserved memory:", "cma:",
                                              "OF: fdt:", "Reserving "))
            or "overlaps with" in l or "OVERLAP" in l
            or ("crashkernel" in l
                and not l.startswith(("Kernel command line:", "memblock_")))],
        12: [l.rstrip() for l in lines if l.startswith(("efi:", "secureboot:"))],
    }


def expected_sections(path):
    secs, cur = {}, None
    for ln in open(path).read().split("\n"):
        if ln.startswith("# status: "):
            secs["status"] = ln[len("# status: "):]
        m = re.match(r"^## (\d+) ", ln)
        if m:
            cur = int(m.group(1))
            secs[cur] = []
        elif cur is not None and ln and ln != "(none)":
            secs[cur].append(ln)
    return secs


def memory_part(sec):
    out = []
    for ln in sec:
        if ln.startswith(" memory size"):
            out.append(ln.split(" reserved size")[0])
        elif ln.startswith((" memory.cnt", " memory[")):
            out.append(ln)
    return out


def total(sec):
    for ln in sec:
        m = re.match(r"Memory: \d+K/(\d+)K available.*?(\d+)K cma-reserved", ln)
        if m:
            return ["total %sK, cma-reserved %sK" % m.groups()]
    return []


RANGE = re.compile(r"\[0x([0-9a-f]+)-0x([0-9a-f]+)\]")


def reserved_ranges(sec):
    rs = []
    for ln in sec:
        if ln.startswith(" reserved["):
            m = RANGE.search(ln)
            rs.append((int(m.group(1), 16), int(m.group(2), 16)))
    return rs


def dt_reservations(dtb, freed=()):
    """/memreserve/ via dtc's dts output, reserved-memory reg entries via fdtget. Nodes in
    @freed are left out: Linux gives a static region back to memblock when its init fails
    ("node X compatible matching fail"), so it is no longer reserved."""
    want = []
    dts = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", dtb], capture_output=True,
                         text=True).stdout
    for a, s in re.findall(r"/memreserve/\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+);", dts):
        a, s = int(a, 16), int(s, 16)
        if s:
            want.append(("/memreserve/", a, a + s - 1))
    ac, sc = cells(dtb, "/", "#address-cells", 2), cells(dtb, "/", "#size-cells", 1)
    if fdtget(dtb, "-l", "/reserved-memory") is None:
        return want
    cac = cells(dtb, "/reserved-memory", "#address-cells", ac)
    csc = cells(dtb, "/reserved-memory", "#size-cells", sc)
    for child in (fdtget(dtb, "-l", "/reserved-memory") or "").split():
        node = "/reserved-memory/" + child
        if child in freed:
            continue
        props = (fdtget(dtb, "-p", node) or "").split()
        if "no-map" in props or "reg" not in props or not available(dtb, node):
            continue
        want += [(node, a, a + s - 1) for a, s in reg_tuples(dtb, node, cac, csc)]
    return want
    cac, csc = cells("/reserved-memory", "#address-cells", ac), cells("/reserved-memory", "#size-cells", sc)
    for child in (fdtget(dtb, "-l", "/reserved-memory") or "").split():
        node = "/reserved-memory/" + child
        if child in freed:
            continue
        props = (fdtget(dtb, "-p", node) or "").split()
        if "no-map" in props or "reg" not in props:
            continue
        if fdtget(dtb, "-ts", node, "status") not in (None, "okay", "ok"):
            continue
        words = [int(w, 16) for w in fdtget(dtb, "-tx", node, "reg").split()]
        step = cac + csc
        for i in range(0, len(words) - step + 1, step):
            a = s = 0
            for w in words[i:i + cac]:
                a = (a << 32) | w
            for w in words[i + cac:i + step]:
                s = (s << 32) | w
            if s:
                want.append((node, a, a + s - 1))
    return want


ALLOC_CALLERS = ("early_init_dt_alloc_memory_arch", "setup_arch", "pcpu_build_alloc_info",
                 "pcpu_embed_first_chunk", "pcpu_fc_alloc", "pcpu_setup_first_chunk",
                 "pcpu_alloc_first_chunk", "alloc_large_system_hash", "swiotlb_init_remap",
                 "early_pgtable_alloc")
ALLOC_REQ = re.compile(r"^memblock_(alloc|phys_alloc)\w*: .* ([A-Za-z0-9_.]+?)(\+0x[0-9a-f]+/0x[0-9a-f]+)?$")


def alloc_requests(lines, folded, skip=()):
    """The requests of ALLOC_CALLERS, callers without offsets. @folded: Linux's section 10
    ('request  -> ranges  xN'), else raw console lines."""
    out = []
    for ln in lines:
        n = 1
        if folded:
            m = re.search(r"  x(\d+)$", ln)
            n = int(m.group(1)) if m else 1
            ln = ln.split("  -> ")[0]
        m = ALLOC_REQ.match(ln)
        if not m or m.group(2) not in ALLOC_CALLERS or m.group(2) in skip:
            continue
        out += [ln[:m.start(3)] if m.group(3) else ln] * n
    return out


def covered(first, last, ranges):
    pos = first
    for a, b in sorted(ranges):
        if a <= pos <= b:
            pos = b + 1
            if pos > last:
                return True
    return pos > last


CMA_LINE = re.compile(r"^cma: Reserved \d+ MiB at ")
EFI_DESC = re.compile(r"^efi:   0x[0-9a-f]{12}-0x[0-9a-f]{12} \[([^|\]]+)")
FIRMWARE_OWNED = ("Reserved", "Runtime Code", "Runtime Data", "Unusable", "ACPI Mem NVS",
                  "MMIO", "MMIO Port", "PAL Code", "Persistent")
# Tables a firmware builds before it loads the OS: their addresses do not depend on the OS.
STABLE_TABLES = ("SMBIOS", "SMBIOS 3.0", "ACPI", "ACPI 2.0", "RTPROP", "ESRT")


def efi_header(sec):
    out = []
    for ln in sec:
        if EFI_DESC.match(ln) or ln.startswith(("efi:   System Table", "efi:   MemMap Address",
                                                "efi:   MemMap Size")):
            continue        # the descriptors have their own cases; addresses are the stub's
        if "=0x" in ln and ":" not in ln[5:]:
            tables = re.findall(r"([A-Za-z0-9 .]+?)=(0x[0-9a-f]+)", ln[5:])
            out.append("efi: tables " + " ".join(
                "%s=%s" % (n.strip(), a if n.strip() in STABLE_TABLES else "*")
                for n, a in tables))
        else:
            out.append(ln)
    return out


def efi_map(sec, owned_only):
    out = []
    for ln in sec:
        m = EFI_DESC.match(ln)
        if m and (not owned_only or m.group(1).strip() in FIRMWARE_OWNED):
            out.append(ln)
    return out


def main():
    args = sys.argv[1:]
    known, skipped = set(), set()
    if args[:1] == ["--expect-differ"] and len(args) > 1:
        known = set(c for c in args[1].split(",") if c)
        args = args[2:]
    if args[:1] == ["--skip"] and len(args) > 1:
        skipped = set(c for c in args[1].split(",") if c)
        args = args[2:]
    if len(args) not in (2, 3):
        sys.stderr.write(__doc__)
        return 2
    sys.argv[1:] = args
    exp = expected_sections(sys.argv[1])
    ours = our_sections(log_lines(sys.argv[2]))
    resmem = lambda sec: [l for l in sec if not CMA_LINE.match(l)]
    cma = lambda sec: [l for l in sec if CMA_LINE.match(l)]
    cases = [
        ("memory", memory_part(exp.get(1, [])), memory_part(ours[1])),
        ("zones", exp.get(2, []), ours[2]),
        ("movable", exp.get(3, []), ours[3]),
        ("nodes", exp.get(4, []), ours[4]),
        ("initmem", exp.get(5, []), ours[5]),
        ("unavail", exp.get(6, []), ours[6]),
        ("total", total(exp.get(7, [])), total(ours[7])),
        # The command line is there when it says crashkernel=; ours also says poweroff. So is
        # a memblock=debug line whose caller says crashkernel (6.12's
        # reserve_crashkernel_generic+0x6c/0x208): a call, compared nowhere, not a message.
        ("resmem", resmem([l for l in exp.get(8, []) if not l.startswith(("Kernel command line:", "memblock_"))]),
         resmem([l for l in ours[8] if not l.startswith(("Kernel command line:", "memblock_"))])),
        ("cma", cma(exp.get(8, [])), cma(ours[8])),
    ]
    if exp.get(12):
        cases.append(("efi", efi_header(exp[12]), efi_header(ours[12])))
    if efi_map(exp.get(12, []), False):
        cases += [
            ("efi-fw-map", efi_map(exp[12], True), efi_map(ours[12], True)),
            ("efi-map", efi_map(exp[12], False), efi_map(ours[12], False)),
        ]
    our_lines = log_lines(sys.argv[2])
    if any(l.startswith("memblock_") for l in our_lines):
        # Under U-Boot's bootefi bootmem's page tables take 12 pages more than Linux's
        # (docs/memblock.md): the page-table pages are not counted there until that is
        # understood; everywhere else they are.
        bootefi = re.search(r"^# firmware: uboot-efi\b", open(sys.argv[1]).read(), re.M)
        skip = ("early_pgtable_alloc",) if bootefi else ()
        cases.append(("allocs", alloc_requests(exp.get(10, []), True, skip),
                      alloc_requests(our_lines, False, skip)))
    else:
        print("skip allocs (no memblock=debug lines in %s)" % sys.argv[2])
    for name in sorted(skipped & set(c[0] for c in cases)):
        print("skip %s (--skip)" % name)
    cases = [c for c in cases if c[0] not in skipped]
    passed = failed = 0
    status = exp.get("status", "ok")
    for name, want, got in cases:
        if name == "total" and not want and status != "ok":
            print("skip total (Linux's report has no Memory: line: %s)" % status)
            continue
        if name == "allocs" and status != "ok" and len(got) > len(want):
            # Linux made no more requests: ours after its last one have nothing to meet.
            print("note allocs: Linux's report stops after %d requests (%s); ours compared up to there"
                  % (len(want), status))
            got = got[:len(want)]
        same = want == got and (want or name in ("movable", "unavail", "resmem", "cma"))
        if name in known:
            if same:
                failed += 1
                print("FAIL %s equals Linux's but is listed as a known difference: drop it" % name)
            else:
                passed += 1
                print("ok   %s differs, as known" % name)
            continue
        if same:
            passed += 1
            print("ok   %s" % name)
            continue
        failed += 1
        print("FAIL %s" % name)
        for ln in want:
            if ln not in got:
                print("   - " + ln)
        for ln in got:
            if ln not in want:
                print("   + " + ln)
        if want != got and set(want) == set(got):
            print("   (same lines, different order)")
        if not got:
            print("   (nothing printed for this block)")
    if len(sys.argv) == 4:
        rs = reserved_ranges(ours[1])
        freed = [m.group(1) for m in (re.match(r"OF: reserved mem: node (\S+) compatible matching fail", l)
                                      for l in exp.get(8, [])) if m]
        want = dt_reservations(sys.argv[3], freed)
        # (6.1 says it with "OF: fdt: ", 6.12 with of_reserved_mem.c's "OF: reserved mem: ".)
        if any(ln.endswith(": Reserved memory: unsupported node format, ignoring")
               for ln in exp.get(8, [])):
            # Linux ignored /reserved-memory as a whole (its cells differ from the root's).
            want = [w for w in want if not w[0].startswith("/reserved-memory/")]
        missing = [w for w in want if not covered(w[1], w[2], rs)]
        if missing or not rs:
            failed += 1
            print("FAIL dt-reserved")
            for what, a, b in missing:
                print("   missing %s [0x%016x-0x%016x]" % (what, a, b))
            if not rs:
                print("   (no reserved[] lines printed)")
        else:
            passed += 1
            print("ok   dt-reserved")
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
