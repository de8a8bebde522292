#!/usr/bin/env python3
"""bench-walltime.py [--runs N] [--linux IMAGE] [--append ARGS] [--quiet] SCENARIO.dts...

Wall time from the first console line to the "Memory:" line, bootmem beside Linux 6.1, on the
same QEMU (virt, cortex-a57, TCG without -icount), the same device tree, the same command line
and the same load addresses (the boot stub and -device loader, as run-qemu.sh and the oracle's
linux-layout.sh boot them), in alternating runs; medians printed, never asserted. Each line is
timestamped on the host as it arrives on QEMU's serial (stdio). Also printed: the CPU time QEMU's
threads used between the two lines (/proc schedstat: steadier than wall time on a busy host),
and QEMU start to "Memory:", what linux-layout.sh's timing file measures (50 ms polling there).

--linux: Debian's 6.1 Image (default: $ORACLE_CACHE/Image, /tmp/oracle/cache/Image, which
../shared/oracle/fetch-linux.sh downloads). --append: the command line (default: the oracle's,
with memblock=debug and loglevel=8); --quiet: earlycon and console only. --translated: instead
of timing, how much guest code QEMU translated up to "Memory:" (-d in_asm: translation blocks
and instructions), one boot each; about half of bootmem's wall time goes there.
"""
import os
import re
import select
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ORACLE_ARGS = ("earlycon=pl011,0x9000000 console=ttyAMA0 memblock=debug loglevel=8 "
               "ignore_loglevel mminit_loglevel=4 nokaslr")
QUIET_ARGS = "earlycon=pl011,0x9000000 console=ttyAMA0 nokaslr"
MEMORY = re.compile(rb"\] Memory: .*available")


def header(dts, name):
    with open(dts) as f:
        for line in f:
            m = re.match(r"//\s*%s:\s*(.*)" % name, line)
            if m:
                return m.group(1).strip()
    return ""


def to_bytes(v):
    mult = {"G": 30, "M": 20, "T": 40}
    return int(v[:-1]) << mult[v[-1]] if v[-1] in mult else int(v) << 20


def prepare(dts, args, work):
    """The blob with /chosen/bootargs, the stub, and the QEMU options: like run-qemu.sh."""
    dtb = os.path.join(work, "boot.dtb")
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-p", "4096", "-o", dtb, dts],
                   check=True)
    extra = header(dts, "bootargs")
    full = args + (" " + extra if extra else "")
    if subprocess.run(["fdtget", "-p", dtb, "/chosen"], capture_output=True).returncode:
        subprocess.run(["fdtput", "-c", dtb, "/chosen"], check=True)
    subprocess.run(["fdtput", "-t", "s", dtb, "/chosen", "bootargs", full], check=True)
    qopts = header(dts, "qemu").split() or ["-m", "1G"]
    mem = qopts[qopts.index("-m") + 1] if "-m" in qopts else "1G"
    place = subprocess.run([sys.executable, os.path.join(HERE, "dtb-place.py"), dtb,
                            os.path.join(ROOT, "build", "Image"), "0x40000000",
                            str(to_bytes(mem))], capture_output=True, text=True, check=True)
    kaddr, daddr = place.stdout.split()
    stub = os.path.join(work, "stub.bin")
    subprocess.run([sys.executable, os.path.join(HERE, "bootstub.py"), stub, kaddr, daddr],
                   check=True)
    if "-m" not in qopts:
        qopts = ["-m", mem] + qopts
    return dtb, stub, kaddr, daddr, qopts


def cpu_time(pid):
    """Seconds QEMU's threads have run so far (schedstat: nanoseconds on a CPU)."""
    total = 0
    try:
        for tid in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                total += int(f.read().split()[0])
    except OSError:
        pass
    return total / 1e9


def boot(image, dtb, stub, kaddr, daddr, qopts, timeout=60):
    """(first line, Memory: line, QEMU's CPU time between them) in seconds, or None."""
    cmd = ["qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a57", "-display", "none",
           "-nic", "none", "-monitor", "none", "-serial", "stdio", "-bios", stub,
           "-device", "loader,file=%s,addr=%s,force-raw=on" % (image, kaddr),
           "-device", "loader,file=%s,addr=%s,force-raw=on" % (dtb, daddr)] + qopts
    t0 = time.monotonic()
    q = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    buf, first, mem, cpu0, cpu1 = b"", None, None, 0, 0
    try:
        while time.monotonic() - t0 < timeout:
            r, _, _ = select.select([q.stdout], [], [], 0.5)
            if not r:
                if q.poll() is not None:
                    break
                continue
            data = os.read(q.stdout.fileno(), 65536)
            now = time.monotonic() - t0
            if not data:
                break
            buf += data
            if first is None and b"\n" in buf:
                first, cpu0 = now, cpu_time(q.pid)
            if MEMORY.search(buf) and buf.rfind(b"\n") > MEMORY.search(buf).start():
                mem, cpu1 = now, cpu_time(q.pid)
                break
    finally:
        q.kill()
        q.wait()
    return (first, mem, cpu1 - cpu0) if first is not None and mem is not None else None


def translated(image, dtb, stub, kaddr, daddr, qopts, timeout=60):
    """(translation blocks, guest instructions) QEMU translated up to the Memory: line."""
    with tempfile.TemporaryDirectory() as work:
        log = os.path.join(work, "in_asm.log")
        cmd = ["qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a57", "-display", "none",
               "-nic", "none", "-monitor", "none", "-serial", "stdio", "-bios", stub,
               "-device", "loader,file=%s,addr=%s,force-raw=on" % (image, kaddr),
               "-device", "loader,file=%s,addr=%s,force-raw=on" % (dtb, daddr),
               "-d", "in_asm", "-D", log] + qopts
        q = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
        buf, t0, seen = b"", time.monotonic(), False
        while time.monotonic() - t0 < timeout and not seen:
            r, _, _ = select.select([q.stdout], [], [], 0.5)
            if r:
                data = os.read(q.stdout.fileno(), 65536)
                if not data:
                    break
                buf += data
                m = MEMORY.search(buf)
                seen = bool(m) and buf.rfind(b"\n") > m.start()
            elif q.poll() is not None:
                break
        q.terminate()	# SIGTERM: QEMU shuts down and flushes its log
        q.wait()
        if not seen:
            return None
        tbs = insns = 0
        with open(log, errors="replace") as f:
            for line in f:
                if line.startswith("IN:"):
                    tbs += 1
                elif line.startswith("0x"):
                    insns += 1
        return tbs, insns


def main():
    argv = sys.argv[1:]
    runs, args, count = 5, ORACLE_ARGS, False
    linux = os.path.join(os.environ.get("ORACLE_CACHE", "/tmp/oracle/cache"), "Image")
    while argv and argv[0].startswith("--"):
        opt = argv.pop(0)
        if opt == "--runs":
            runs = int(argv.pop(0))
        elif opt == "--linux":
            linux = argv.pop(0)
        elif opt == "--append":
            args = argv.pop(0)
        elif opt == "--quiet":
            args = QUIET_ARGS
        elif opt == "--translated":
            count = True
        else:
            sys.exit(__doc__)
    if not argv:
        sys.exit(__doc__)
    if not os.path.exists(linux):
        print("bench-walltime: no Linux Image at %s (../shared/oracle/fetch-linux.sh fetches it):"
              " skipped" % linux)
        return
    ours = os.path.join(ROOT, "build", "Image")
    if count:
        print("guest code QEMU translated up to Memory: (-d in_asm; translating it is about half "
              "of bootmem's wall time); command line: %s" % args)
        for dts in argv:
            with tempfile.TemporaryDirectory() as work:
                setup = prepare(dts, args, work)
                b, lx = translated(ours, *setup), translated(linux, *setup)
            name = os.path.basename(dts)[:-4]
            if not b or not lx:
                print("  %-14s no Memory: line" % name)
                continue
            print("  %-14s bootmem %5d blocks, %6d instructions | Linux %5d blocks, %6d "
                  "instructions | %.2fx, %.2fx" % (name, b[0], b[1], lx[0], lx[1],
                                                   b[0] / lx[0], b[1] / lx[1]))
        return
    print("first console line -> Memory:, wall time, median of %d alternating runs (goal: "
          "bootmem <= 0.10x Linux's); command line: %s" % (runs, args))
    for dts in argv:
        with tempfile.TemporaryDirectory() as work:
            setup = prepare(dts, args, work)
            times = {"bootmem": [], "linux": []}
            starts = {"bootmem": [], "linux": []}
            cpus = {"bootmem": [], "linux": []}
            for _ in range(runs):
                for name, image in (("bootmem", ours), ("linux", linux)):
                    t = boot(image, *setup)
                    if t:
                        times[name].append(t[1] - t[0])
                        starts[name].append(t[1])
                        cpus[name].append(t[2])
        name = os.path.basename(dts)[:-4]
        if not times["bootmem"] or not times["linux"]:
            print("  %-22s no Memory: line from %s" % (
                name, "bootmem" if not times["bootmem"] else "Linux"))
            continue
        b, lx = statistics.median(times["bootmem"]), statistics.median(times["linux"])
        bs, ls = statistics.median(starts["bootmem"]), statistics.median(starts["linux"])
        bc, lc = statistics.median(cpus["bootmem"]), statistics.median(cpus["linux"])
        print("  %-14s bootmem %7.1f ms, Linux %7.1f ms: %.3fx | QEMU's CPU time %6.1f vs %6.1f ms:"
              " %.3fx | QEMU start -> Memory: %.0f vs %.0f ms" % (
                  name, b * 1e3, lx * 1e3, b / lx, bc * 1e3, lc * 1e3, bc / lc, bs * 1e3, ls * 1e3))


if __name__ == "__main__":
    main()
