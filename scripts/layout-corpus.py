#!/usr/bin/env python3
"""layout-corpus.py [-j N] [--keep DIR]: bootmem-layout on every arm64 device tree Debian's
Linux 6.1 package ships (scripts/fetch-linux-dtbs.sh fetches it into build/linux-dtbs once;
LINUX_DTBS=DIR uses an unpacked tree instead).

Each tree runs with --check --json --svg under ASan/UBSan, as shipped; a Raspberry Pi tree
with --ram as its firmware fills it (the firmware always rewrites its memory node); a tree
whose memory the boot loader fills in gets --ram 2G when the first run says so (at the
memory node's base, or at the SoC family's DRAM base below when it has no memory node).
Passes when every run ends in 0 or 1 (laid out) or 2 with a message, never with a signal,
a sanitizer report or after the timeout, and every JSON and SVG passes layout_validate.py.
Prints the counts, the findings by id, the total time and the peak memory; ends with
"N passed, N failed" (one test per tree).
"""
import argparse
import collections
import concurrent.futures as cf
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import layout_validate  # noqa: E402

TOOL = os.path.join(ROOT, "build", "host", "bootmem-layout")
TIMEOUT = 120
# Where DRAM starts on SoC families whose trees have no memory node (U-Boot adds it).
DRAM_BASE = [
    ("sun", 0x40000000), ("imx8m", 0x40000000), ("imx8q", 0x80000000), ("imx93", 0x80000000),
    ("fsl-ls", 0x80000000), ("amd-overdrive", 0x8000000000), ("ipq", 0x40000000),
    ("rk", 0x0), ("px30", 0x0), ("armada", 0x0),
]
RPI_RAM = {"brcm,bcm2711": "4G", "brcm,bcm2837": "1G"}


def dtbs_dir():
    d = os.environ.get("LINUX_DTBS")
    if d:
        return d, os.environ.get("LINUX_DTBS_VERSION", d)
    cache = os.path.join(ROOT, "build", "linux-dtbs")
    r = subprocess.run([os.path.join(HERE, "fetch-linux-dtbs.sh"), cache],
                       stdout=subprocess.PIPE, universal_newlines=True)
    if r.returncode:
        return None, None
    try:
        version = open(os.path.join(cache, "VERSION")).read().strip()
    except OSError:
        version = "?"
    return r.stdout.strip(), version


def rpi_ram(path):
    r = subprocess.run(["fdtget", path, "/", "compatible"], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, universal_newlines=True)
    for compat, ram in RPI_RAM.items():
        if compat in r.stdout.split():
            return ram
    return None


def run(path, extra, out):
    """One bootmem-layout run: (kind, exit status, stderr); kind ok/crash/hang."""
    jpath, spath = out + ".json", out + ".svg"
    cmd = [TOOL, "--check", "--json", "--svg", spath] + extra + [path]
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=TIMEOUT, universal_newlines=True, errors="replace")
    except subprocess.TimeoutExpired:
        return "hang", None, "timeout after %d s" % TIMEOUT
    with open(jpath, "w") as f:
        f.write(r.stdout)
    err = r.stderr
    if r.returncode not in (0, 1, 2) or "Sanitizer" in err or "runtime error" in err or \
            "crashed (signal" in err:
        return "crash", r.returncode, err
    return "ok", r.returncode, err


def one(path, tmp):
    name = os.path.relpath(path, tmp["dtbs"])
    out = os.path.join(tmp["dir"], name.replace("/", "_"))
    extra, how = [], "as shipped"
    ram = rpi_ram(path)
    if ram:
        extra, how = ["--ram", ram], "Pi firmware --ram " + ram
    kind, st, err = run(path, extra, out)
    if kind == "ok" and st == 2 and "--ram" in err and not extra:
        base = ""
        if "no memory node" in err:
            base = next(("@%#x" % b for p, b in DRAM_BASE
                         if os.path.basename(path).startswith(p)), None)
        if base is not None:
            extra, how = ["--ram", "2G" + base], "U-Boot --ram 2G" + base
            kind, st, err = run(path, extra, out)
    res = {"name": name, "kind": kind, "status": st, "how": how, "problems": [], "ids": []}
    if kind != "ok":
        res["problems"].append("%s: %s (exit %s): %s" % (name, kind, st, err.strip()[-400:]))
        return res
    try:
        doc = json.load(open(out + ".json"))
    except ValueError as e:
        res["problems"].append("%s: JSON: %s" % (name, e))
        return res
    res["problems"] += layout_validate.check_json_doc(doc, name)
    if st == 2:
        said = err.strip() or "\n".join(doc.get("messages", [])[-2:])
        if not re.search(r"bootmem-layout: |Kernel panic|panic", said):
            res["problems"].append("%s: exit 2 without a message" % name)
        res["message"] = (err.strip().splitlines() or [doc["messages"][-1]])[-1][:160]
    else:
        res["problems"] += layout_validate.check_svg(out + ".svg")
        res["ids"] = [(x["severity"], x["id"]) for x in doc["checks"]["findings"]]
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-j", type=int, default=2, help="parallel runs (default 2)")
    ap.add_argument("--keep", help="keep every JSON and SVG in this directory")
    a = ap.parse_args()
    if not os.access(TOOL, os.X_OK):
        print("FAIL %s is not built (make)" % TOOL)
        print("0 passed, 1 failed")
        return 1
    dtbs, version = dtbs_dir()
    if not dtbs:
        print("FAIL cannot fetch the Linux 6.1 arm64 package (apt, arm64 architecture, network "
              "to the Debian mirror); LINUX_DTBS=DIR uses an unpacked one")
        print("0 passed, 1 failed")
        return 1
    paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(dtbs) for f in fs
                   if f.endswith(".dtb"))
    tmpdir = a.keep or tempfile.mkdtemp(prefix="layout-corpus-")
    os.makedirs(tmpdir, exist_ok=True)
    t0 = time.time()
    with cf.ThreadPoolExecutor(max_workers=a.j) as ex:
        results = list(ex.map(lambda p: one(p, {"dtbs": dtbs, "dir": tmpdir}), paths))
    took = time.time() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss

    kinds = collections.Counter(r["kind"] for r in results)
    status = collections.Counter(r["status"] for r in results if r["kind"] == "ok")
    hows = collections.Counter(r["how"].split(" --ram")[0] for r in results
                               if r["kind"] == "ok" and r["status"] in (0, 1))
    ids = collections.Counter(i for r in results for i in r["ids"])
    msgs = collections.Counter(re.sub(r"/\S+\.dtb", "FILE", r.get("message", ""))
                               for r in results if r.get("message"))
    failed = [r for r in results if r["problems"]]
    for r in failed:
        for p in r["problems"][:5]:
            print("FAIL " + p)
    print("layout corpus: %d device trees from %s" % (len(paths), version))
    print("  laid out: %d (%d as shipped, %d with a Pi firmware fill-in, %d with a U-Boot "
          "fill-in), %d of them with --check warnings"
          % (status[0] + status[1], hows["as shipped"], hows["Pi firmware"], hows["U-Boot"],
             status[1]))
    print("  exit 2 with a message: %d" % status[2])
    for m, n in msgs.most_common(4):
        print("    %4d  %s" % (n, m))
    print("  crashes: %d, hangs: %d" % (kinds["crash"], kinds["hang"]))
    print("  findings: " + (", ".join("%s %s %d" % (s, i, n) for (s, i), n in
                                      sorted(ids.items())) or "none"))
    print("  time: %.1f s with %d parallel runs; peak memory of one run: %.0f MiB"
          % (took, a.j, peak / 1024.0))
    if not a.keep:
        subprocess.run(["rm", "-rf", tmpdir])
    few = len(paths) < 100
    if few:
        print("FAIL only %d device trees: the package's set is incomplete" % len(paths))
    print("%d passed, %d failed" % (len(results) - len(failed), len(failed) + few))
    return 1 if failed or few else 0


if __name__ == "__main__":
    sys.exit(main())
