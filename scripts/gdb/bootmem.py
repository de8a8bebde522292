# SPDX-License-Identifier: GPL-2.0
# gdb helpers for bootmem, in the spirit of Linux's scripts/gdb lx-* commands: they read the
# halted kernel's own data (memblock, node_data, mem_section, swapper_pg_dir) through
# gdb.parse_and_eval and print it in Linux's formats. Sourced by scripts/gdb/bootmem.gdb.
#
#   bm-memblock      memblock.memory and memblock.reserved ("MEMBLOCK configuration:");
#                    with memory or reserved: /sys/kernel/debug/memblock/<that>'s format
#   bm-iomem         the resource tree as /proc/iomem shows it
#   bm-zones         per node and zone: range, spanned/present/managed, free, watermarks
#   bm-buddyinfo     free blocks per order (/proc/buddyinfo)
#   bm-walk VA       page-table walk of VA through swapper_pg_dir
#   bm-page PFN      the struct page of PFN: flags, zone, node, refcount, buddy order

import struct

import gdb

PAGE_SHIFT = 12
PAGE_OFFSET = 0xffff000000000000
# include/linux/mmzone.h and include/linux/mm.h: 128 MiB sections, 48-bit PA, NODES_SHIFT 4,
# ZONES_SHIFT 2; page->flags has the section, node and zone numbers at the top.
SECTION_SIZE_BITS = 27
PFN_SECTION_SHIFT = SECTION_SIZE_BITS - PAGE_SHIFT
SECTION_HAS_MEM_MAP = 1 << 1
SECTIONS_WIDTH = 48 - SECTION_SIZE_BITS
NODES_WIDTH = 4
ZONES_WIDTH = 2
SECTIONS_PGSHIFT = 64 - SECTIONS_WIDTH
NODES_PGSHIFT = SECTIONS_PGSHIFT - NODES_WIDTH
ZONES_PGSHIFT = NODES_PGSHIFT - ZONES_WIDTH
U64 = (1 << 64) - 1


def val(expr):
    return gdb.parse_and_eval(expr)


def u64(v):
    return int(v) & U64


def pa_str(x):
    """%pa: a phys_addr_t as 0x and 16 hex digits."""
    return "0x%016x" % (x & U64)


def array_len(v):
    lo, hi = v.type.range()
    return hi - lo + 1


def max_numnodes():
    return array_len(val("node_data"))


def online_pgdats():
    """(nid, pg_data_t) of every node whose NODE_DATA exists, in order."""
    nd = val("node_data")
    out = []
    for nid in range(array_len(nd)):
        if int(nd[nid]) != 0:
            out.append((nid, nd[nid].dereference()))
    return out


def zones_of(pgdat):
    zones = pgdat["node_zones"]
    return [zones[i] for i in range(array_len(zones))]


def zone_name(zone):
    try:
        return zone["name"].string()
    except gdb.error:
        return "?"


def need_nodes():
    nodes = online_pgdats()
    if not nodes:
        raise gdb.GdbError("no node has NODE_DATA yet (stop after bootmem_init, e.g. "
                           "hbreak mem_init or hbreak late_boot_actions)")
    return nodes


def read_u64(addr):
    data = gdb.selected_inferior().read_memory(addr, 8)
    return struct.unpack("<Q", bytes(data))[0]


def lm_va(pa):
    """The linear-map address of pa (Linux's __va): gdb reads through the CPU's mapping."""
    return ((pa - u64(val("memstart_addr"))) & U64) | PAGE_OFFSET


class BmMemblock(gdb.Command):
    """Print memblock.memory and memblock.reserved in Linux's memblock_dump_all() format.

Usage: bm-memblock [memory|reserved]
Each region: [base-end], size, node (memory regions once a node is assigned) and
enum memblock_flags (0x1 HOTPLUG, 0x2 MIRROR, 0x4 NOMAP, 0x8 DRIVER_MANAGED).
With "memory" or "reserved": that type as /sys/kernel/debug/memblock/memory (or reserved)
shows it on Linux, "   0: 0x0000000040000000..0x000000007fffffff" per region."""

    def __init__(self):
        super().__init__("bm-memblock", gdb.COMMAND_DATA)

    @staticmethod
    def dump(t, nonode):
        name = t["name"].string()
        cnt = int(t["cnt"])
        gdb.write(" %s.cnt  = 0x%x\n" % (name, cnt))
        for i in range(cnt):
            r = t["regions"][i]
            base, size = u64(r["base"]), u64(r["size"])
            nid, flags = int(r["nid"]), int(r["flags"])
            on = "" if nid == nonode else " on node %d" % nid
            gdb.write(" %s[0x%x]\t[%s-%s], %s bytes%s flags: 0x%x\n" %
                      (name, i, pa_str(base), pa_str(base + size - 1), pa_str(size), on, flags))

    @staticmethod
    def debugfs(t):
        """Linux's memblock_debug_show(): index, then base..end."""
        for i in range(int(t["cnt"])):
            r = t["regions"][i]
            base, size = u64(r["base"]), u64(r["size"])
            gdb.write("%4d: %s..%s\n" % (i, pa_str(base), pa_str(base + size - 1)))

    def invoke(self, arg, from_tty):
        mb = val("memblock")
        arg = arg.strip()
        if arg in ("memory", "reserved"):
            self.debugfs(mb[arg])
            return
        if arg:
            raise gdb.GdbError("usage: bm-memblock [memory|reserved]")
        gdb.write("MEMBLOCK configuration:\n")
        gdb.write(" memory size = %s reserved size = %s\n" %
                  (pa_str(u64(mb["memory"]["total_size"])),
                   pa_str(u64(mb["reserved"]["total_size"]))))
        self.dump(mb["memory"], max_numnodes())
        self.dump(mb["reserved"], max_numnodes())


class BmIomem(gdb.Command):
    """Print the resource tree under iomem_resource as Linux's /proc/iomem does.

Usage: bm-iomem
Depth first, two spaces per level (at most 5), start-end in at least 8 hex digits and the
name: System RAM per mapped memblock.memory region, NOMAP regions as top-level "reserved",
Kernel code / Kernel data and memblock.reserved's pages inside them (after
reserve_memblock_reserved_regions, i.e. from late_boot_actions on). bootmem registers no
device resources."""

    MAX_IORES_LEVEL = 5

    def __init__(self):
        super().__init__("bm-iomem", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        root = val("&iomem_resource")
        width = 4 if u64(root.dereference()["end"]) < 0x10000 else 8
        r = root.dereference()["child"]
        if int(r) == 0:
            raise gdb.GdbError("iomem_resource has no children yet (request_standard_resources "
                               "runs at the end of setup_arch)")
        while int(r) != 0:
            res = r.dereference()
            depth, p = 0, res
            while depth < self.MAX_IORES_LEVEL and int(p["parent"]) != int(root):
                depth += 1
                p = p["parent"].dereference()
            name = res["name"].string() if int(res["name"]) else "<BAD>"
            gdb.write("%s%0*x-%0*x : %s\n" % ("  " * depth, width, u64(res["start"]), width,
                                               u64(res["end"]), name))
            # next_resource(): the child, else the next sibling of the nearest ancestor
            if int(res["child"]):
                r = res["child"]
                continue
            while not int(r.dereference()["sibling"]) and int(r.dereference()["parent"]):
                r = r.dereference()["parent"]
            r = r.dereference()["sibling"]


class BmZones(gdb.Command):
    """Print every zone of every node: PFN range, page counts, free pages and watermarks.

Usage: bm-zones
spanned = end - start (holes included), present = RAM in it, managed = handed to the buddy
allocator; free = NR_FREE_PAGES, cross-checked with the sum of free_area[order].nr_free << order;
min/low/high are the watermarks (/proc/zoneinfo's names). A populated zone's per-CPU page lists
follow in /proc/zoneinfo's lines (pagesets, cpu, count, high, batch, vm stats threshold,
node_unreclaimable, start_pfn), then each CPU's count cross-checked with the pages on its lists."""

    def __init__(self):
        super().__init__("bm-zones", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        for nid, pgdat in need_nodes():
            for zone in zones_of(pgdat):
                start = int(zone["zone_start_pfn"])
                spanned = int(zone["spanned_pages"])
                name = zone_name(zone)
                if not spanned:
                    gdb.write("Node %d, zone %8s  empty\n" % (nid, name))
                    continue
                fa = zone["free_area"]
                in_lists = sum(int(fa[o]["nr_free"]) << o for o in range(array_len(fa)))
                wm = zone["_watermark"]
                gdb.write("Node %d, zone %8s  [mem %s-%s] pfns 0x%x-0x%x\n" %
                          (nid, name, pa_str(start << PAGE_SHIFT),
                           pa_str(((start + spanned) << PAGE_SHIFT) - 1), start, start + spanned))
                gdb.write("        spanned %d present %d managed %d\n" %
                          (spanned, int(zone["present_pages"]), int(zone["managed_pages"])))
                gdb.write("        free %d (free lists: %d)  min %d low %d high %d\n" %
                          (int(zone["free_pages"]), in_lists, int(wm[0]), int(wm[1]), int(wm[2])))
                if int(zone["present_pages"]):
                    self.pagesets(zone)

    @staticmethod
    def pagesets(zone):
        """/proc/zoneinfo's block (Linux 6.1's zoneinfo_show_print), then the cross-checks."""
        psets = zone["per_cpu_pageset"]
        gdb.write("  pagesets\n")
        for cpu in range(array_len(psets)):
            pcp = psets[cpu]
            gdb.write("    cpu: %d\n              count: %d\n              high:  %d\n"
                      "              batch: %d\n  vm stats threshold: %d\n" %
                      (cpu, int(pcp["count"]), int(pcp["high"]), int(pcp["batch"]),
                       int(zone["stat_threshold"])))
        gdb.write("  node_unreclaimable:  0\n  start_pfn:           %d\n" %
                  int(zone["zone_start_pfn"]))
        for cpu in range(array_len(psets)):
            BmZones.pageset_lists(cpu, psets[cpu])

    @staticmethod
    def pageset_lists(cpu, pcp):
        """One CPU's lists: Linux's order_to_pindex() says which order each list holds."""
        lists = pcp["lists"]
        nlists = array_len(lists)
        on_lists = 0
        for i in range(nlists):
            order = i // 3 if i < nlists - 2 else 9      # MIGRATE_PCPTYPES; the THP lists
            head = lists[i].address
            node = lists[i]["next"]
            n = 0
            while int(node) != int(head) and n < 1 << 20:
                n += 1
                node = node["next"]
            on_lists += n << order
        gdb.write("        cpu %d: count %d, pages on its lists %d\n" %
                  (cpu, int(pcp["count"]), on_lists))


class BmBuddyinfo(gdb.Command):
    """Print the free blocks of each populated zone per order, as /proc/buddyinfo.

Usage: bm-buddyinfo
Column N is zone->free_area[N].nr_free: free blocks of 2^N pages."""

    def __init__(self):
        super().__init__("bm-buddyinfo", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        for nid, pgdat in need_nodes():
            for zone in zones_of(pgdat):
                if int(zone["present_pages"]) == 0:
                    continue
                fa = zone["free_area"]
                line = "Node %d, zone %8s " % (nid, zone_name(zone))
                line += "".join("%6d " % int(fa[o]["nr_free"]) for o in range(array_len(fa)))
                gdb.write(line + "\n")


MT_NAMES = {0: "Normal", 1: "Normal-Tagged", 2: "Normal-NC", 3: "Device-nGnRnE",
            4: "Device-nGnRE"}
SH_NAMES = {0: "non-shareable", 2: "outer-shareable", 3: "inner-shareable"}
LEVELS = [("PGD", 39), ("PUD", 30), ("PMD", 21), ("PTE", 12)]
ADDR_MASK = ((1 << 48) - 1) & ~((1 << PAGE_SHIFT) - 1)


def leaf_attrs(d):
    a = [MT_NAMES.get((d >> 2) & 7, "AttrIndx=%d" % ((d >> 2) & 7))]
    a.append("RO" if d & (1 << 7) else "RW")
    if d & (1 << 6):
        a.append("USER")
    a.append(SH_NAMES.get((d >> 8) & 3, "SH=1"))
    for bit, name in ((10, "AF"), (11, "nG"), (50, "GP"), (51, "DBM"), (52, "CONT"),
                      (53, "PXN"), (54, "UXN")):
        if d & (1 << bit):
            a.append(name)
    if not d & (1 << 53):
        a.append("kernel-exec")
    return " ".join(a)


def table_attrs(d):
    a = []
    for bit, name in ((59, "PXNTable"), (60, "UXNTable"), (63, "NSTable")):
        if d & (1 << bit):
            a.append(name)
    if (d >> 61) & 3:
        a.append("APTable=%d" % ((d >> 61) & 3))
    return " ".join(a)


class BmWalk(gdb.Command):
    """Walk a virtual address through swapper_pg_dir and print each level's descriptor.

Usage: bm-walk VA        (VA is any expression: 0xffff000000000000, &memblock, $sp)
Tables below the PGD are read at their linear-map address, (pa - memstart_addr) |
PAGE_OFFSET, so this works once paging_init has switched TTBR1 to swapper_pg_dir
(hbreak mem_init). Each level: index, descriptor, and table or block/page attributes
(memory type, RW/RO, shareability, AF, nG, PXN/UXN, CONT)."""

    def __init__(self):
        super().__init__("bm-walk", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: bm-walk VA")
        va = u64(val(arg))
        top = va >> 48
        if top == 0:
            raise gdb.GdbError("VA 0x%x is a TTBR0 address: bootmem keeps TTBR0 walks "
                               "disabled (EPD0) after paging_init" % va)
        if top != 0xffff:
            raise gdb.GdbError("VA 0x%x is not canonical for 48-bit VAs" % va)
        pgd_va = u64(val("&swapper_pg_dir"))
        pgd_pa = (pgd_va - u64(val("kimage_voffset"))) & U64
        gdb.write("VA 0x%016x: swapper_pg_dir at 0x%x (PA 0x%x)\n" % (va, pgd_va, pgd_pa))
        table_pa, table_va = pgd_pa, pgd_va
        for level, (name, shift) in enumerate(LEVELS):
            idx = (va >> shift) & 511
            entry_va = table_va + 8 * idx
            try:
                d = read_u64(entry_va)
            except gdb.MemoryError:
                raise gdb.GdbError("%s: cannot read 0x%x (is the linear map up?)"
                                   % (name, entry_va))
            head = "  %s[%3d] @ PA 0x%x: 0x%016x " % (name, idx, table_pa + 8 * idx, d)
            if not d & 1:
                gdb.write(head + "invalid\n")
                gdb.write("VA 0x%016x is not mapped (fault at level %d)\n" % (va, level))
                return
            out = d & ADDR_MASK
            if name != "PTE" and d & 2:
                gdb.write(head + "table -> 0x%x %s\n" % (out, table_attrs(d)))
                table_pa, table_va = out, lm_va(out)
                continue
            if name == "PTE" and not d & 2:
                gdb.write(head + "reserved (invalid at level 3)\n")
                return
            if name == "PGD":
                gdb.write(head + "block at level 0 (reserved with 4K pages)\n")
                return
            size = 1 << shift
            pa = out + (va & (size - 1))
            kind = "page" if name == "PTE" else "block (%s)" % {30: "1G", 21: "2M"}[shift]
            gdb.write(head + "%s 0x%x %s\n" % (kind, out, leaf_attrs(d)))
            gdb.write("VA 0x%016x -> PA 0x%x (%s level)\n" % (va, pa, name))
            return


def pageflag_names():
    """enum pageflags from the kernel's debug info: bit -> name without PG_."""
    names = {}
    for f in gdb.lookup_type("enum pageflags").fields():
        if f.name.startswith("PG_"):
            names[f.enumval] = f.name[3:]
    return names


def pfn_to_page(pfn):
    """pfn_to_page(): the section's memmap plus the pfn's offset in it, or None."""
    ms_root = val("mem_section")
    if int(ms_root) == 0:
        return None
    per_root = 4096 // gdb.lookup_type("struct mem_section").sizeof
    nr = pfn >> PFN_SECTION_SHIFT
    if nr >= 1 << SECTIONS_WIDTH:
        return None
    root = ms_root[nr // per_root]
    if int(root) == 0:
        return None
    ms = root[nr % per_root]
    if not int(ms["flags"]) & SECTION_HAS_MEM_MAP:
        return None
    return ms["mem_map"] + (pfn & ((1 << PFN_SECTION_SHIFT) - 1))


class BmPage(gdb.Command):
    """Print the struct page of a page frame number, decoded.

Usage: bm-page PFN       (PFN is any expression: 0x40000, 'max_pfn - 1')
Shows the struct page's address, refcount, flags (enum pageflags: reserved, buddy...),
the zone, node and section from the top bits of page->flags, whether the pfn lies in that
zone's span, and for free memory the order of its free block (page->private of the head)."""

    def __init__(self):
        super().__init__("bm-page", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: bm-page PFN")
        pfn = u64(val(arg))
        page = pfn_to_page(pfn)
        if page is None:
            raise gdb.GdbError("pfn 0x%x has no struct page (no valid memory section; "
                               "stop after sparse_init)" % pfn)
        p = page.dereference()
        flags = u64(p["flags"])
        names = pageflag_names()
        set_names = [n for b, n in sorted(names.items()) if flags >> b & 1]
        zid = (flags >> ZONES_PGSHIFT) & ((1 << ZONES_WIDTH) - 1)
        nid = (flags >> NODES_PGSHIFT) & ((1 << NODES_WIDTH) - 1)
        sec = flags >> SECTIONS_PGSHIFT
        pgdat = val("node_data")[nid]
        zname, span = "?", ""
        zone = None
        if int(pgdat) != 0:
            zone = pgdat["node_zones"][zid]
            zname = zone_name(zone)
            zs = int(zone["zone_start_pfn"])
            ze = zs + int(zone["spanned_pages"])
            inside = "inside" if zs <= pfn < ze else "OUTSIDE"
            span = " (zone pfns 0x%x-0x%x: %s)" % (zs, ze, inside)
        gdb.write("page:0x%x refcount:%d mapcount:0 pfn:0x%x pa:0x%x\n" %
                  (u64(page), int(p["_refcount"]), pfn, pfn << PAGE_SHIFT))
        gdb.write("flags: 0x%x(%s)\n" % (flags, "|".join(set_names + [
            "section=%d" % sec, "node=%d" % nid, "zone=%d" % zid])))
        gdb.write("zone %s, node %d, section %d%s\n" % (zname, nid, sec, span))
        if "buddy" in set_names:
            gdb.write("buddy: heads a free block of order %d\n" % int(p["private"]))
            return
        head = self.free_block_of(pfn, names)
        if head:
            gdb.write("free: inside the order-%d free block at pfn 0x%x\n" % (head[1], head[0]))
        elif "reserved" in set_names:
            gdb.write("reserved: never handed to the buddy allocator\n")
        else:
            gdb.write("in use (allocated, or not free yet)\n")

    @staticmethod
    def free_block_of(pfn, names):
        buddy_bit = [b for b, n in names.items() if n == "buddy"]
        if not buddy_bit:
            return None
        max_order = array_len(val("((struct zone *)0)->free_area"))
        for order in range(1, max_order):
            head = pfn & ~((1 << order) - 1)
            page = pfn_to_page(head)
            if page is None:
                return None
            p = page.dereference()
            if u64(p["flags"]) >> buddy_bit[0] & 1 and int(p["private"]) == order:
                return head, order
        return None


BmMemblock()
BmIomem()
BmZones()
BmBuddyinfo()
BmWalk()
BmPage()
