#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""check-monitor-files.py LOG LINUX.txt COMMANDS.txt

The monitor's answers to Linux's paths over the serial console (LOG: run-qemu.sh's output for
tests/linux-proc/dt-test.dts, fed COMMANDS.txt and the extra lines of tests/qemu/run.sh),
against what busybox printed on Linux 6.1 for the same tree (LINUX.txt, tests/linux-proc):
  - every command of COMMANDS.txt prints byte for byte what it printed on Linux
  - /proc/iomem: System RAM and top-level reserved lines equal; Kernel code, the reserved init
    part and Kernel data equal
  - /proc/zoneinfo: Linux's lines in Linux's order (the pagesets block too), spanned/present
    and the per-CPU lists' high and batch equal
  - /proc/buddyinfo and /proc/meminfo in Linux's formats
  - Tab completed a path, a command, and listed candidates on a second Tab
Prints one line per failure and "N passed, N failed"; exit 0 only if all pass.
"""
import difflib
import re
import sys

PROMPT = b"bootmem> "


def sections(linux):
    """Linux's transcript: {command: bytes}; splitting drops regen.sh's separator newline."""
    out = {}
    parts = re.split(rb"\n=== ", b"\n" + linux)
    for part in parts[1:]:
        head, _, body = part.partition(b"\n")
        out[head.decode()] = body
    return out


def answers(log):
    """
    The monitor's output per command line: {typed line: bytes}, as the console showed it.
    A prompt follows the output directly: a file need not end with a newline.
    """
    log = log.replace(b"\r\n", b"\n")
    out = {}
    chunks = log.split(PROMPT)
    for chunk in chunks[1:]:
        line, _, body = chunk.partition(b"\n")
        out.setdefault(line.decode("latin-1"), body)
    return out


def main():
    log = open(sys.argv[1], "rb").read()
    linux = sections(open(sys.argv[2], "rb").read())
    commands = open(sys.argv[3]).read().splitlines()
    ours = answers(log)
    passed = failed = 0

    def check(ok, what, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL %s%s" % (what, ("\n" + detail) if detail else ""))

    for c in commands:
        want = linux.get(c)
        got = ours.get(c)
        if want is None or got is None:
            check(False, "%s: %s" % (c, "not in Linux's transcript" if want is None else
                                     "no answer in the log"))
            continue
        diff = difflib.unified_diff(want.decode("latin-1").splitlines(),
                                    got.decode("latin-1").splitlines(), "linux", "ours", lineterm="")
        check(got == want, "%s differs from busybox on Linux" % c, "\n".join(list(diff)[:20]))

    def text(cmd):
        return ours.get(cmd, b"").decode("latin-1")

    top = re.compile(r"^[0-9a-f]{8,}-[0-9a-f]{8,} : (System RAM|reserved)$", re.M)
    l_iomem = linux["/proc/iomem"].decode()
    iomem = text("cat /proc/iomem")
    check([m.group(0) for m in top.finditer(iomem)] == [m.group(0) for m in top.finditer(l_iomem)],
          "/proc/iomem: System RAM and reserved differ from Linux's", iomem)
    # The footprint of Debian's Image, loaded where QEMU loads it: code, init, data as Linux's.
    kernel = re.compile(r"^  [0-9a-f]{8}-[0-9a-f]{8} : Kernel code\n.*\n"
                        r"  [0-9a-f]{8}-[0-9a-f]{8} : Kernel data\n", re.M)
    ours_k, linux_k = kernel.search(iomem), kernel.search(l_iomem)
    check(ours_k is not None and linux_k is not None and ours_k.group(0) == linux_k.group(0),
          "/proc/iomem: Kernel code, init and data differ from Linux's", iomem)

    def shape(t):
        return [re.sub(r"\d+", "#", ln) for ln in t.splitlines()]

    def pagesets(t):
        return re.findall(r"^              high:  (\d+)\n              batch: (\d+)$", t, re.M)

    def counts(t):
        return [ln for ln in t.splitlines() if re.match(r"^(Node |        (spanned|present) )", ln)]

    l_zone = linux["/proc/zoneinfo"].decode()
    zone = text("cat /proc/zoneinfo")
    check(shape(zone) == shape(l_zone), "/proc/zoneinfo's lines are not Linux's", zone)
    check(counts(zone) == counts(l_zone) and counts(zone), "/proc/zoneinfo spanned/present differ",
          "\n".join(counts(zone)))
    check(pagesets(zone) == pagesets(l_zone) and pagesets(zone),
          "/proc/zoneinfo pagesets high/batch differ from Linux's %s" % pagesets(l_zone),
          str(pagesets(zone)))
    buddy = text("cat /proc/buddyinfo")
    check(re.fullmatch(r"(Node \d+, zone +\w+ (  *\d+ ){11}\n)+", buddy) is not None,
          "/proc/buddyinfo's format", buddy)
    mem = text("cat /proc/meminfo")
    check(re.fullmatch(r"MemTotal: {7}[ \d]{8} kB\nMemFree: {8}[ \d]{8} kB\n"
                       r"MemAvailable: {3}[ \d]{8} kB\nCmaTotal: {7}[ \d]{8} kB\n", mem) is not None,
          "/proc/meminfo's format", mem)

    # Tab: a path, a command, and the candidates on a second Tab.
    check("cat /proc/zoneinfo " in ours and ours["cat /proc/zoneinfo "].startswith(b"Node 0, zone "),
          "Tab did not complete cat /proc/zon to /proc/zoneinfo")
    check("hexdump -C /proc/device-tree/name " in ours and
          ours["hexdump -C /proc/device-tree/name "].startswith(b"00000000  00  "),
          "Tab did not complete the command hexd and the path /proc/device-tree/na")
    check(re.search(rb"\n" + re.escape(PROMPT) + rb"ls /proc/device-tree/bootmem-test/dup\x07?\n"
                    rb"dup +dup#1\n" + re.escape(PROMPT) + rb"ls /proc/device-tree/bootmem-test/dup\n"
                    rb"/proc/device-tree/bootmem-test/dup\n", log.replace(b"\r\n", b"\n")) is not None,
          "a second Tab did not list dup and dup#1")
    print("monitor files: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
