#!/usr/bin/env python3
"""layout_validate.py json FILE...  |  svg FILE [--expect TEXT]...

Checks bootmem-layout's outputs, for the tests and the DTB corpus.
json: valid against docs/bootmem-layout.schema.json (jsonschema), and consistent: the
      breakdown's owners add up to the Memory: line the kernel printed (total, available,
      reserved, cma-reserved), the map's memory pieces are in order, disjoint, page-aligned
      and add up to the total, and equal the breakdown owner by owner.
svg:  well-formed XML with the legend, address ticks and a map column; each column's pieces
      in address order, touching, with y going down as addresses go up; ticks monotonic;
      every --expect TEXT among the labels.
Prints one line per problem; exit 0 only if there is none.
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "..", "docs", "bootmem-layout.schema.json")
MEMLINE = re.compile(r"^Memory: (\d+)K/(\d+)K available \(.*?(\d+)K reserved, (\d+)K cma-reserved\)")
_validator = None


def validator():
    global _validator
    if _validator is None:
        import jsonschema
        with open(SCHEMA) as f:
            schema = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        _validator = cls(schema)
    return _validator


def check_json_doc(doc, name):
    errs = ["%s: schema: %s at %s" % (name, e.message, "/".join(map(str, e.path)))
            for e in validator().iter_errors(doc)]
    if errs or doc["status"] == 2:
        return errs
    b = doc["breakdown"]
    lines = [m for m in doc["messages"] if m.startswith("Memory: ")]
    if not lines or not MEMLINE.match(lines[-1]):
        return errs + ["%s: no Memory: line in the messages" % name]
    avail, total, reserved, cma = map(int, MEMLINE.match(lines[-1]).groups())
    owners = {}
    for o in b["owners"]:
        owners[o["kind"]] = owners.get(o["kind"], 0) + o["kb"]
    got = {"total": sum(owners.values()), "available": owners.get("free", 0),
           "cma": owners.get("cma", 0),
           "reserved": sum(v for k, v in owners.items() if k not in ("free", "cma"))}
    want = {"total": total, "available": avail, "cma": cma, "reserved": reserved}
    for k in want:
        if got[k] != want[k]:
            errs.append("%s: owners give %s %dK, the Memory: line %dK" % (name, k, got[k], want[k]))
        if b[k + "_kb" if k != "cma" else "cma_kb"] != want[k]:
            errs.append("%s: breakdown %s_kb differs from the Memory: line" % (name, k))
    prev_end, per_kind = -1, {}
    for s in doc["map"]:
        base, end = int(s["base"], 16), int(s["end"], 16)
        if not s["in_memory"]:
            continue
        if end < base or base <= prev_end or base % 4096 or (end + 1) % 4096:
            errs.append("%s: map piece %s-%s out of order, overlapping or unaligned"
                        % (name, s["base"], s["end"]))
        prev_end = end
        per_kind[s["owner"]] = per_kind.get(s["owner"], 0) + (end + 1 - base) // 1024
    if per_kind != {k: v for k, v in owners.items() if v}:
        errs.append("%s: map %s != breakdown %s" % (name, per_kind, owners))
    return errs


def check_json(path):
    try:
        with open(path) as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        return ["%s: not JSON: %s" % (path, e)]
    return check_json_doc(doc, path)


def num(el, attr):
    return float(el.get(attr))


def check_svg(path, expect=()):
    ns = "{http://www.w3.org/2000/svg}"
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        return ["%s: not well-formed XML: %s" % (path, e)]
    errs = []
    if root.tag != ns + "svg":
        errs.append("%s: the root is %s, not svg" % (path, root.tag))
    height = float(root.get("height", "0"))
    if root.find(".//%sg[@id='legend']" % ns) is None:
        errs.append("%s: no legend" % path)
    rects = [r for r in root.iter(ns + "rect") if "seg" in r.get("class", "").split()]
    maps = sorted({r.get("data-map") for r in rects})
    if not rects:
        errs.append("%s: no map pieces" % path)
    for m in maps:
        col = sorted((r for r in rects if r.get("data-map") == m),
                     key=lambda r: int(r.get("data-base"), 16))
        for a, b in zip(col, col[1:]):
            ab, ae = int(a.get("data-base"), 16), int(a.get("data-end"), 16)
            bb = int(b.get("data-base"), 16)
            if not ab < ae or ae != bb:
                errs.append("%s: map %s: pieces %s-%s and %s do not follow each other"
                            % (path, m, a.get("data-base"), a.get("data-end"), b.get("data-base")))
            if num(a, "y") + num(a, "height") > num(b, "y") + 0.02 or num(b, "y") < num(a, "y"):
                errs.append("%s: map %s: y not monotonic at %s" % (path, m, b.get("data-base")))
        if col and num(col[-1], "y") + num(col[-1], "height") > height:
            errs.append("%s: map %s runs past the picture's height" % (path, m))
    ticks = sorted(((int(t.get("data-addr"), 16), num(t, "y"))
                    for t in root.iter(ns + "text") if t.get("class") == "addr"))
    if len(ticks) < 2:
        errs.append("%s: fewer than two address ticks" % path)
    for (a, ya), (b, yb) in zip(ticks, ticks[1:]):
        if yb <= ya:
            errs.append("%s: address %#x above %#x" % (path, b, a))
    labels = " | ".join("".join(t.itertext()) for t in root.iter(ns + "text"))
    for e in expect:
        if e not in labels:
            errs.append("%s: no text %r" % (path, e))
    return errs


def main(argv):
    if len(argv) < 3 or argv[1] not in ("json", "svg"):
        print(__doc__)
        return 2
    errs = []
    if argv[1] == "json":
        for p in argv[2:]:
            errs += check_json(p)
    else:
        expect = [argv[i + 1] for i, a in enumerate(argv) if a == "--expect" and i + 1 < len(argv)]
        errs = check_svg(argv[2], expect)
    for e in errs:
        print(e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
