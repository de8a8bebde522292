#!/usr/bin/env python3
"""dtb-chosen.py IN.dtb OUT.dtb [-s NAME STRING | -x NAME NUMBER]...: OUT is IN with those
/chosen properties set (-s a string, -x a 64-bit number as two cells: linux,initrd-start) and
every other byte as it was: the header's versions and boot CPU, the /memreserve/ map
(whatever its state), the blocks' order, the nodes and properties, trailing bytes. Only the
structure block (the property, or a /chosen node for it) and the strings block (its name)
grow, and the offsets and sizes after them move. run-qemu.sh uses it for --append and
--initrd on a .dtb, where dtc and fdtput would rebuild the blob (repairing some damage,
refusing other).

Exit status 1, with the reason on stderr, when IN cannot take them without rewriting more
than that: not a version 17 blob, blocks overlapping, a structure block that does not parse
(the reason names the offset). run-qemu.sh then boots IN unchanged.
"""
import struct
import sys

FDT_MAGIC = 0xd00dfeed
BEGIN_NODE, END_NODE, PROP, NOP, END = 1, 2, 3, 4, 9
HEADER = ">10I"		# magic totalsize off_struct off_strings off_rsvmap version
			# last_comp_version boot_cpuid size_strings size_struct
HEADER_LEN = 40


class Refused(Exception):
    pass


def be32(data, off):
    return struct.unpack_from(">I", data, off)[0]


def pad4(n):
    return (n + 3) & ~3


def walk(st, strings):
    """The structure block's nodes: for each, (depth, name, start of its contents, offset of
    its first subnode or END_NODE, offset after its END_NODE) and its properties' (name,
    start, end). Raises Refused where libfdt would stop reading."""
    nodes, stack, off = [], [], 0
    while True:
        if off + 4 > len(st):
            raise Refused("structure block ends at %#x without FDT_END" % len(st))
        tag = be32(st, off)
        if tag == BEGIN_NODE:
            nul = st.find(b"\0", off + 4)
            if nul < 0:
                raise Refused("node name at structure offset %#x has no NUL" % off)
            node = {"depth": len(stack), "name": st[off + 4:nul].decode("latin-1"),
                    "body": pad4(nul + 1), "props": [], "first_child": None, "end": None}
            if stack and stack[-1]["first_child"] is None:
                stack[-1]["first_child"] = off
            nodes.append(node)
            stack.append(node)
            off = node["body"]
        elif tag == PROP:
            if off + 12 > len(st) or not stack:
                raise Refused("property at structure offset %#x outside a node or cut" % off)
            plen, nameoff = be32(st, off + 4), be32(st, off + 8)
            end = pad4(off + 12 + plen)
            if off + 12 + plen > len(st):
                raise Refused("property at structure offset %#x runs past the block" % off)
            nul = strings.find(b"\0", nameoff)
            if nameoff >= len(strings) or nul < 0:
                raise Refused("property at structure offset %#x: name offset %#x outside the strings block"
                              % (off, nameoff))
            stack[-1]["props"].append((strings[nameoff:nul].decode("latin-1"), off, end))
            off = end
        elif tag == END_NODE:
            if not stack:
                raise Refused("FDT_END_NODE at structure offset %#x closes no node" % off)
            node = stack.pop()
            if node["first_child"] is None:
                node["first_child"] = off
            off += 4
            node["end"] = off
        elif tag == NOP:
            off += 4
        elif tag == END:
            if stack:
                raise Refused("FDT_END at structure offset %#x inside node '%s'" % (off, stack[-1]["name"]))
            return nodes
        else:
            raise Refused("unknown tag %#x at structure offset %#x" % (tag, off))


def set_chosen_prop(data, name, value):
    if len(data) < HEADER_LEN or be32(data, 0) != FDT_MAGIC:
        raise Refused("no DTB header (bad magic or too short)")
    (_, total, o_st, o_str, o_rsv, ver, last_comp, _, s_str, s_st) = struct.unpack_from(HEADER, data)
    if ver < 17 or last_comp > 17 or last_comp > ver:
        raise Refused("version %d, last_comp_version %d: not a version 17 blob" % (ver, last_comp))
    if total > len(data):
        raise Refused("totalsize %#x exceeds the file's %#x bytes" % (total, len(data)))
    blocks = sorted([(o_st, o_st + s_st), (o_str, o_str + s_str)])
    if o_st == o_str or blocks[0][1] > blocks[1][0] or blocks[0][0] < HEADER_LEN or blocks[1][1] > total:
        raise Refused("structure block [%#x, %#x) and strings block [%#x, %#x) overlap or leave the blob"
                      % (o_st, o_st + s_st, o_str, o_str + s_str))
    if o_rsv < HEADER_LEN or o_rsv >= total or any(b < o_rsv < e for b, e in blocks):
        raise Refused("/memreserve/ map offset %#x outside the blob or inside a block" % o_rsv)
    st, strings = bytearray(data[o_st:o_st + s_st]), bytearray(data[o_str:o_str + s_str])
    nodes = walk(bytes(st), bytes(strings))
    if not nodes or nodes[0]["depth"] != 0:
        raise Refused("no root node")

    # The name: an existing string (libfdt matches any string ending in it), else a new one.
    bname = name.encode() + b"\0"
    nameoff = bytes(strings).find(bname)
    if nameoff < 0:
        nameoff = len(strings)
        strings += bname
        follows = [o for o in (o_st, o_rsv) if o >= o_str + s_str]
        if follows:
            strings += b"\0" * (-len(strings) % 8)	# keep what follows 8-byte aligned
    prop = struct.pack(">3I", PROP, len(value), nameoff) + value + b"\0" * (-len(value) % 4)

    # Linux reads /chosen, else /chosen@0.
    root = nodes[0]
    chosen = [n for n in nodes if n["depth"] == 1 and n["name"] == "chosen"] or \
        [n for n in nodes if n["depth"] == 1 and n["name"] == "chosen@0"]
    if chosen:
        old = [p for p in chosen[0]["props"] if p[0] == name]
        if old:
            st[old[0][1]:old[0][2]] = prop
        else:
            # After the node's last property, where libfdt adds one.
            at = chosen[0]["props"][-1][2] if chosen[0]["props"] else chosen[0]["body"]
            st[at:at] = prop
    else:
        node = struct.pack(">I", BEGIN_NODE) + b"chosen\0\0" + prop + struct.pack(">I", END_NODE)
        at = root["props"][-1][2] if root["props"] else root["body"]
        st[at:at] = node

    # Rebuild: the two blocks replaced, everything else kept; offsets after a block move.
    grow = {o_st: (s_st, st), o_str: (s_str, strings)}
    out, pos = bytearray(), 0
    moved = {}
    for start in sorted(grow):
        size, new = grow[start]
        out += data[pos:start]
        moved[start] = len(out)
        out += new
        pos = start + size
    out += data[pos:]

    def new_off(o):
        if o in moved:
            return moved[o]
        delta = sum(len(grow[s][1]) - grow[s][0] for s in grow if s + grow[s][0] <= o)
        return o + delta

    struct.pack_into(">I", out, 4, total + len(st) - s_st + len(strings) - s_str)
    struct.pack_into(">I", out, 8, moved[o_st])
    struct.pack_into(">I", out, 12, moved[o_str])
    struct.pack_into(">I", out, 16, new_off(o_rsv))
    struct.pack_into(">I", out, 32, len(strings))
    struct.pack_into(">I", out, 36, len(st))
    return bytes(out)


def main():
    args, props = sys.argv[3:], []
    if len(sys.argv) < 3 or len(args) % 3:
        sys.exit("usage: dtb-chosen.py IN.dtb OUT.dtb [-s NAME STRING | -x NAME NUMBER]...")
    for i in range(0, len(args), 3):
        kind, name, val = args[i:i + 3]
        if kind == "-s":
            props.append((name, val.encode() + b"\0"))
        elif kind == "-x":
            props.append((name, struct.pack(">Q", int(val, 0))))
        else:
            sys.exit("dtb-chosen.py: unknown option %s (-s or -x)" % kind)
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    try:
        for name, val in props:
            data = set_chosen_prop(data, name, val)
    except Refused as e:
        print(e, file=sys.stderr)
        sys.exit(1)
    with open(sys.argv[2], "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
