#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""firmware-report.py RAW_LOG [KEY=VALUE ...]

The normalised report of a Linux (or bootmem) boot through firmware, from the raw serial log:
the same numbered sections as the oracle's reports in tests/expected/ (so that
scripts/compare-layout.py reads both), plus the EFI sections. Only what precedes the first
"Memory:" line counts.

  1  MEMBLOCK configuration (the last dump: memblock_dump_all at the end of bootmem_init)
  2  Zone ranges                 3  Movable zone start for each node
  4  Early memory node ranges    5  Initmem setup node
  6  unavailable ranges          7  Memory:
  8  reserved-memory messages (OF: reserved mem, Reserved memory, cma:, OF: fdt:, OVERLAP)
  9  NUMA and zonelist lines
  10 memblock=debug calls in order (callers without offsets; an allocation request joined
     with the range memblock_alloc_range_nid reserved for it)
  11 warnings and errors
  12 EFI: every "efi:" and "secureboot:" line (the /chosen parameters, the system table's
     version and vendor, the configuration tables, "Processing EFI memory map:" and one line
     per descriptor)
  13 MEMBLOCK configuration at reserve_regions (the DT's memory, about to be replaced by the
     EFI memory map; printed with memblock=debug)
  14 firmware and EFI stub console lines (without timestamps), in order
KEY=VALUE pairs become "# KEY: VALUE" header lines; result=ok|timeout|panic|qemu-exited sets
the status line.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from logblock import block  # noqa: E402

TS = re.compile(r"^\[\s*(\d+\.\d+)\] ?")
ANSI = re.compile(r"\x1b\[[0-9;=?]*[A-Za-z]|\x1b[()][A-Z0-9]|[\x00-\x08\x0b-\x1f]")
CALLER = re.compile(r" ([A-Za-z0-9_.]+)\+0x[0-9a-f]+/0x[0-9a-f]+$")
RANGE = re.compile(r"\[0x([0-9a-f]+)-0x([0-9a-f]+)\]")
LOADTIME = re.compile(r"read in \d+ ms \([^)]*\)")
BOOTCON_OFF = re.compile(r"\] printk: (legacy )?bootconsole \[[^]]*\] disabled$")
MEMORY = re.compile(r"^Memory: \d+K/\d+K available")
DUMP_ITEM = re.compile(r"^ (memory size|memory\.cnt|memory\[|reserved\.cnt|reserved\[|physmem)")


def split_log(path):
    """(kernel lines before and with the first Memory:, firmware lines before the kernel's)

    Linux 6.12 prints "Memory:" after the consoles have changed hands: its boot console (the
    earlycon) is disabled when tty0 registers, and the serial console that follows replays
    the kernel's log buffer from its oldest record: time goes back. The replayed copies, up to
    the replayed "bootconsole ... disabled" line, are dropped.
    """
    raw = open(path, "rb").read().decode("utf-8", "replace").replace("\r", "")
    kernel, firmware = [], []
    handover = None     # the "bootconsole [...] disabled" line, once seen
    replaying = False
    last = 0.0
    for ln in raw.split("\n"):
        clean = ANSI.sub("", ln).rstrip()
        m = TS.match(clean)
        if m:
            if replaying:
                replaying = clean != handover
                continue
            stamp = float(m.group(1))
            if handover and stamp < last:
                replaying = clean != handover
                continue
            last = stamp
            kernel.append(clean[m.end():])
            if BOOTCON_OFF.search(clean):
                handover = clean
            if MEMORY.match(kernel[-1]):
                break
        elif not kernel and clean.strip():
            # U-Boot times its loads: the one line that differs from run to run.
            firmware.append(LOADTIME.sub("read in (time)", clean))
    return kernel, firmware


def dumps(lines):
    """Every MEMBLOCK configuration block, as (index of its header, lines)."""
    out = []
    for i, ln in enumerate(lines):
        if ln == "MEMBLOCK configuration:":
            blk = [ln]
            for nxt in lines[i + 1:]:
                if not DUMP_ITEM.match(nxt):
                    break
                blk.append(nxt)
            out.append((i, blk))
    return out


def memblock_calls(lines):
    items = []  # [text, None | list of result ranges]
    for ln in lines:
        if not ln.startswith("memblock"):
            continue
        if (ln.startswith("memblock_reserve:") and "memblock_alloc_range_nid+" in ln and items
                and items[-1][1] is not None and not items[-1][1]):
            m = RANGE.search(ln)
            items[-1][1].append((int(m.group(1), 16), int(m.group(2), 16)))
            continue
        text = CALLER.sub(r" \1", ln)
        items.append([text, [] if re.match(r"memblock_(alloc|phys_alloc)\w*:", ln) else None])
    folded = []
    for text, res in items:
        if res is not None and folded and folded[-1][0] == text and folded[-1][1] is not None:
            folded[-1][1].extend(res)
            folded[-1][2] += 1
        else:
            folded.append([text, res, 1])
    out = []
    for text, res, n in folded:
        times = "  x%d" % n if n > 1 else ""
        if res is None:
            out.append(text)
        elif not res:
            out.append(text + "  -> (no reservation logged)" + times)
        else:
            merged = []
            for a, b in sorted(res):
                if merged and a == merged[-1][1] + 1:
                    merged[-1][1] = b
                else:
                    merged.append([a, b])
            out.append(text + "  -> " + " ".join("[0x%016x-0x%016x]" % (a, b) for a, b in merged)
                       + times)
    return out


FW_ERROR = re.compile(r"ERROR|[Ff]ailed|FAILED|would overwrite|resetting")


def firmware_loop(firmware):
    """A firmware that resets prints the same boot again and again: keep the first round."""
    n = sum(1 for l in firmware if l.strip() == "resetting ...")
    if n < 2:
        return firmware
    first = next(i for i, l in enumerate(firmware) if l.strip() == "resetting ...")
    return firmware[:first + 1] + ["(the firmware reset %d times before the run ended, "
                                   "printing the same each time)" % n]


def status(meta, kernel, firmware):
    result = meta.get("result", "ok")
    if kernel and MEMORY.match(kernel[-1]):
        return "ok"
    panic = [l for l in kernel if "Kernel panic" in l or "Internal error" in l]
    if panic:
        return "linux panicked: " + panic[0]
    if not kernel:
        errors = []
        for l in firmware:
            if FW_ERROR.search(l) and l.strip() not in errors:
                errors.append(l.strip())
        last = firmware[-1].strip() if firmware else "(nothing)"
        return "firmware did not start Linux (%s): %s" % (
            result, " | ".join(errors[:4]) if errors else "its last line: " + last)
    return "incomplete: no 'Memory:' line (%s)" % result


def report(path, kv):
    meta = dict(a.split("=", 1) for a in kv)
    kernel, firmware = split_log(path)
    o = ["# firmware boot report (normalised by scripts/firmware-report.py)"]
    for k in ("firmware", "input", "kernel", "qemu", "bootargs", "initrd"):
        if k in meta:
            o.append("# %s: %s" % (k, meta[k]))
    o.append("# status: %s" % status(meta, kernel, firmware))

    def sec(n, title, body):
        o.append("")
        o.append("## %d %s" % (n, title))
        o.extend(body if body else ["(none)"])

    ds = dumps(kernel)
    proc = next((i for i, l in enumerate(kernel) if l == "efi: Processing EFI memory map:"), None)
    early = [blk for i, blk in ds if proc is not None and i == proc + 1]
    final = [blk for i, blk in ds if proc is None or i != proc + 1]
    sec(1, "MEMBLOCK configuration (memblock_dump_all at the end of bootmem_init)",
        final[-1] if final else [])
    sec(2, "Zone ranges", block(kernel, "Zone ranges:", r"^  \S+\s+(empty|\[mem )"))
    sec(3, "Movable zone start for each node",
        block(kernel, "Movable zone start for each node", r"^  Node \d+: "))
    sec(4, "Early memory node ranges",
        block(kernel, "Early memory node ranges", r"^  node +\d+: \[mem "))
    sec(5, "Initmem setup node", [l for l in kernel if l.startswith("Initmem setup node")])
    sec(6, "Unavailable ranges", [l for l in kernel if "pages in unavailable ranges" in l])
    sec(7, "Memory", [l for l in kernel if MEMORY.match(l)])
    sec(8, "Reserved memory (OF: reserved mem / Reserved memory / cma / OF: fdt)",
        [l for l in kernel if l.startswith(("OF: reserved mem:", "Reserved memory:", "cma:",
                                            "OF: fdt:", "Reserving "))
         or "overlaps with" in l or "OVERLAP" in l])
    sec(9, "NUMA and zonelists",
        [l for l in kernel if l.startswith(("NUMA:", "OF: NUMA:", "Fallback order", "Built ",
                                            "Policy zone", "Movable zone", "Memory limited",
                                            "Kernel command line"))])
    sec(10, "memblock debug calls, in order (memblock=debug)", memblock_calls(kernel))
    warn = [l for l in kernel
            if re.search(r"Ignoring memory|failed|OVERLAP|WARNING|BUG|Unable|[Ee]rror|"
                         r"not supported|invalid|unsupported|skipping|Can't find", l)
            and not l.startswith("memblock")]
    sec(11, "Warnings and errors", warn)
    sec(12, "EFI (efi:, secureboot:)",
        [l for l in kernel if l.startswith(("efi:", "secureboot:"))])
    sec(13, "MEMBLOCK configuration at reserve_regions (before the EFI memory map replaces it)",
        early[0] if early else [])
    sec(14, "Firmware and EFI stub console", firmware_loop(firmware))
    print("\n".join(o))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__)
        sys.exit(2)
    report(sys.argv[1], sys.argv[2:])
