// SPDX-License-Identifier: GPL-2.0
/*
 * Nodes and zones at boot (Linux 6.1 mm/page_alloc.c's free_area_init family and arm64's
 * zone_sizes_init): zone boundaries, spanned/present pages, ZONE_MOVABLE, the memmap
 * initialisation with its unavailable ranges, zonelists, watermarks and the hand-off of
 * free memblock pages to the buddy allocator.
 */
#include <linux/kernel.h>
#include <linux/version.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/memory_hotplug.h>
#include <linux/of_address.h>
#include <linux/mm.h>
#include <asm/memory.h>
#include <asm/image.h>

const char * const zone_names[MAX_NR_ZONES] = { "DMA", "DMA32", "Normal", "Movable" };

enum mminit_level { MMINIT_WARNING, MMINIT_VERIFY, MMINIT_TRACE };
int mminit_loglevel;
/* The Linux 5.x per-zone lines ("DMA zone: N pages used for memmap") are pr_debug in 6.1. */
#define MMINIT_OLD_ZONE_LINES	5

#define mminit_dprintk(level, prefix, fmt, ...)				\
do {									\
	if ((level) < mminit_loglevel)					\
		printk(KERN_DEBUG "mminit::" prefix " " fmt, ##__VA_ARGS__); \
} while (0)

unsigned long totalram_pages_count;
int min_free_kbytes = 1024;
int watermark_scale_factor = 10;

static unsigned long arch_zone_lowest_possible_pfn[MAX_NR_ZONES];
static unsigned long arch_zone_highest_possible_pfn[MAX_NR_ZONES];
static unsigned long zone_movable_pfn[MAX_NUMNODES];
static int movable_zone;
unsigned long nr_kernel_pages, nr_all_pages;

int set_mminit_loglevel(char *str)
{
	if (!str)
		return -EINVAL;
	mminit_loglevel = simple_strtoul(str, NULL, 0);
	return 0;
}
early_param("mminit_loglevel", set_mminit_loglevel);

/* ---- node and zone sizes ---- */

static void get_pfn_range_for_nid(int nid, unsigned long *start_pfn, unsigned long *end_pfn)
{
	unsigned long this_start, this_end;
	int i;

	*start_pfn = -1UL;
	*end_pfn = 0;
	for_each_mem_pfn_range(i, nid, &this_start, &this_end, NULL) {
		*start_pfn = min(*start_pfn, this_start);
		*end_pfn = max(*end_pfn, this_end);
	}
	if (*start_pfn == -1UL)
		*start_pfn = 0;
}

/* The highest zone with pages: where ZONE_MOVABLE takes its pages from. */
static void find_usable_zone_for_movable(void)
{
	int zone_index;

	for (zone_index = MAX_NR_ZONES - 1; zone_index >= 0; zone_index--) {
		if (zone_index == ZONE_MOVABLE)
			continue;
		if (arch_zone_highest_possible_pfn[zone_index] >
				arch_zone_lowest_possible_pfn[zone_index])
			break;
	}
	movable_zone = zone_index < 0 ? 0 : zone_index;
}

/*
 * kernelcore= / movablecore=: how much memory must stay usable for any allocation (or may
 * be movable only), in pages or as a percentage of all memory. Linux's command line.
 */
static unsigned long required_kernelcore, required_kernelcore_percent;
static unsigned long required_movablecore, required_movablecore_percent;

static int __init parse_core_size(const char *name, char *p, unsigned long *pages,
				  unsigned long *percent)
{
	unsigned long long v;
	char *end;

	if (!p || !*p)
		return -EINVAL;
	v = simple_strtoull(p, &end, 0);
	if (*end == '%') {
		if (v > 100) {
			bm_warn("%s=%llu%%: more than 100%%, using 100%%\n", name, v);
			v = 100;
		}
		*percent = v;
		return 0;
	}
	*pages = memparse(p, &p) >> PAGE_SHIFT;
	*percent = 0;
	return 0;
}

static int __init cmdline_parse_kernelcore(char *p)
{
	if (p && !strcmp(p, "mirror")) {
		bm_warn("kernelcore=mirror is not supported (no mirrored memory); ignored\n");
		return 0;
	}
	return parse_core_size("kernelcore", p, &required_kernelcore,
			       &required_kernelcore_percent);
}
early_param("kernelcore", cmdline_parse_kernelcore);

static int __init cmdline_parse_movablecore(char *p)
{
	return parse_core_size("movablecore", p, &required_movablecore,
			       &required_movablecore_percent);
}
early_param("movablecore", cmdline_parse_movablecore);

/* All memory pages, and which nodes have any (Linux's early_calculate_totalpages). */
static unsigned long early_calculate_totalpages(bool *node_has_memory)
{
	unsigned long total = 0, start, end;
	int i, nid;

	for_each_mem_pfn_range(i, MAX_NUMNODES, &start, &end, &nid) {
		total += end - start;
		if (end > start && nid >= 0 && nid < MAX_NUMNODES)
			node_has_memory[nid] = true;
	}
	return total;
}

/*
 * Give each node with memory its share of @kernelcore pages from its lowest pfns up;
 * ZONE_MOVABLE begins where a node's share ends. Memory below the movable zone's lowest
 * possible pfn counts as kernelcore whatever happens. A node too small for its share
 * leaves the rest to be spread again over fewer nodes, as Linux does.
 */
static void spread_kernelcore(unsigned long kernelcore, const bool *node_has_memory,
			      int usable_nodes)
{
	unsigned long usable_startpfn = arch_zone_lowest_possible_pfn[movable_zone];
	unsigned long per_node, remaining, start, end;
	int i, nid;

	while (usable_nodes) {
		per_node = kernelcore / usable_nodes;
		for (nid = 0; nid < MAX_NUMNODES; nid++) {
			if (!node_has_memory[nid])
				continue;
			if (kernelcore < per_node)
				per_node = kernelcore / usable_nodes;
			remaining = per_node;
			for_each_mem_pfn_range(i, nid, &start, &end, NULL) {
				unsigned long take;

				start = max(start, zone_movable_pfn[nid]);
				if (start >= end)
					continue;
				if (start < usable_startpfn) {
					take = min(end, usable_startpfn) - start;
					remaining -= min(take, remaining);
					kernelcore -= min(take, kernelcore);
					if (end <= usable_startpfn) {
						zone_movable_pfn[nid] = end;
						continue;
					}
					start = usable_startpfn;
				}
				take = min(end - start, remaining);
				zone_movable_pfn[nid] = start + take;
				kernelcore -= min(kernelcore, take);
				remaining -= take;
				if (!remaining)
					break;
			}
		}
		usable_nodes--;
		if (!usable_nodes || kernelcore <= (unsigned long)usable_nodes)
			break;
	}
}

/*
 * Where ZONE_MOVABLE starts in each node (Linux's find_zone_movable_pfns_for_nodes):
 * with "movable_node", at each node's lowest hotpluggable region (kernelcore= and
 * movablecore= are then ignored); else from kernelcore=/movablecore=. Aligned up to
 * MAX_ORDER blocks; a start at or past the node's end means no movable zone there.
 */
static void find_zone_movable_pfns_for_nodes(void)
{
	bool node_has_memory[MAX_NUMNODES] = { false };
	unsigned long totalpages = early_calculate_totalpages(node_has_memory);
	unsigned long kernelcore = required_kernelcore, movablecore = required_movablecore;
	struct memblock_region *r;
	int nid, usable_nodes = 0;

	find_usable_zone_for_movable();
	for (nid = 0; nid < MAX_NUMNODES; nid++)
		usable_nodes += node_has_memory[nid];

	if (movable_node_is_enabled()) {
		for_each_mem_region(r) {
			unsigned long usable_startpfn;

			if (!memblock_is_hotpluggable(r))
				continue;
			nid = memblock_get_region_node(r);
			if (nid < 0 || nid >= MAX_NUMNODES)
				continue;
			usable_startpfn = PFN_DOWN(r->base);
			zone_movable_pfn[nid] = zone_movable_pfn[nid] ?
				min(usable_startpfn, zone_movable_pfn[nid]) : usable_startpfn;
		}
		goto align;
	}

	if (required_kernelcore_percent)
		kernelcore = totalpages * required_kernelcore_percent / 100;
	if (required_movablecore_percent)
		movablecore = totalpages * required_movablecore_percent / 100;
	if (movablecore) {
		/* At least what was asked for is movable: round up, then what is left is core. */
		movablecore = min(totalpages, roundup(movablecore, MAX_ORDER_NR_PAGES));
		kernelcore = max(kernelcore, totalpages - movablecore);
	}
	if (!kernelcore || kernelcore >= totalpages)
		return;
	spread_kernelcore(kernelcore, node_has_memory, usable_nodes);

align:
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		unsigned long start_pfn, end_pfn;

		zone_movable_pfn[nid] = roundup(zone_movable_pfn[nid], MAX_ORDER_NR_PAGES);
		get_pfn_range_for_nid(nid, &start_pfn, &end_pfn);
		if (zone_movable_pfn[nid] >= end_pfn)
			zone_movable_pfn[nid] = 0;
	}
}

static void adjust_zone_range_for_zone_movable(int nid, unsigned long zone_type,
					       unsigned long node_start_pfn,
					       unsigned long node_end_pfn,
					       unsigned long *zone_start_pfn,
					       unsigned long *zone_end_pfn)
{
	if (!zone_movable_pfn[nid])
		return;
	if (zone_type == ZONE_MOVABLE) {
		*zone_start_pfn = zone_movable_pfn[nid];
		*zone_end_pfn = min(node_end_pfn, arch_zone_highest_possible_pfn[movable_zone]);
	} else if (*zone_start_pfn < zone_movable_pfn[nid] &&
		   *zone_end_pfn > zone_movable_pfn[nid]) {
		*zone_end_pfn = zone_movable_pfn[nid];
	} else if (*zone_start_pfn >= zone_movable_pfn[nid]) {
		*zone_start_pfn = *zone_end_pfn;
	}
}

static unsigned long zone_spanned_pages_in_node(int nid, unsigned long zone_type,
						unsigned long node_start_pfn,
						unsigned long node_end_pfn,
						unsigned long *zone_start_pfn,
						unsigned long *zone_end_pfn)
{
	unsigned long zone_low = arch_zone_lowest_possible_pfn[zone_type];
	unsigned long zone_high = arch_zone_highest_possible_pfn[zone_type];

	if (!node_start_pfn && !node_end_pfn)
		return 0;

	*zone_start_pfn = clamp(node_start_pfn, zone_low, zone_high);
	*zone_end_pfn = clamp(node_end_pfn, zone_low, zone_high);
	adjust_zone_range_for_zone_movable(nid, zone_type, node_start_pfn, node_end_pfn,
					   zone_start_pfn, zone_end_pfn);

	if (*zone_end_pfn < node_start_pfn || *zone_start_pfn > node_end_pfn)
		return 0;

	*zone_end_pfn = min(*zone_end_pfn, node_end_pfn);
	*zone_start_pfn = max(*zone_start_pfn, node_start_pfn);
	return *zone_end_pfn - *zone_start_pfn;
}

/* Pages of [start_pfn, end_pfn) that no memblock.memory region of @nid covers. */
static unsigned long __absent_pages_in_range(int nid, unsigned long range_start_pfn,
					     unsigned long range_end_pfn)
{
	unsigned long nr_absent = range_end_pfn - range_start_pfn;
	unsigned long start_pfn, end_pfn;
	int i;

	for_each_mem_pfn_range(i, nid, &start_pfn, &end_pfn, NULL) {
		start_pfn = clamp(start_pfn, range_start_pfn, range_end_pfn);
		end_pfn = clamp(end_pfn, range_start_pfn, range_end_pfn);
		nr_absent -= end_pfn - start_pfn;
	}
	return nr_absent;
}

static unsigned long zone_absent_pages_in_node(int nid, unsigned long zone_type,
					       unsigned long node_start_pfn,
					       unsigned long node_end_pfn)
{
	unsigned long zone_low = arch_zone_lowest_possible_pfn[zone_type];
	unsigned long zone_high = arch_zone_highest_possible_pfn[zone_type];
	unsigned long zone_start_pfn, zone_end_pfn;

	if (!node_start_pfn && !node_end_pfn)
		return 0;

	zone_start_pfn = clamp(node_start_pfn, zone_low, zone_high);
	zone_end_pfn = clamp(node_end_pfn, zone_low, zone_high);
	adjust_zone_range_for_zone_movable(nid, zone_type, node_start_pfn, node_end_pfn,
					   &zone_start_pfn, &zone_end_pfn);
	if (zone_end_pfn <= zone_start_pfn)
		return 0;
	return __absent_pages_in_range(nid, zone_start_pfn, zone_end_pfn);
}

static void calculate_node_totalpages(struct pglist_data *pgdat, unsigned long node_start_pfn,
				      unsigned long node_end_pfn)
{
	unsigned long realtotalpages = 0, totalpages = 0;
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = pgdat->node_zones + i;
		unsigned long zone_start_pfn, zone_end_pfn, spanned, absent;

		spanned = zone_spanned_pages_in_node(pgdat->node_id, i, node_start_pfn,
						     node_end_pfn, &zone_start_pfn, &zone_end_pfn);
		absent = zone_absent_pages_in_node(pgdat->node_id, i, node_start_pfn,
						   node_end_pfn);
		zone->zone_start_pfn = spanned ? zone_start_pfn : 0;
		zone->spanned_pages = spanned;
		zone->present_pages = spanned - absent;
		totalpages += spanned;
		realtotalpages += spanned - absent;
	}
	pgdat->node_spanned_pages = totalpages;
	pgdat->node_present_pages = realtotalpages;
	if (mminit_loglevel >= MMINIT_OLD_ZONE_LINES)
		printk(KERN_DEBUG "bootmem: On node %d totalpages: %lu\n", pgdat->node_id, realtotalpages);
}

/*
 * Linux's estimate of a zone's memmap, in pages: 64-byte struct pages (the footprint we
 * reserve too, see mm/sparse.c) for the span, or for the present pages if holes are big.
 */
static unsigned long calc_memmap_size(unsigned long spanned_pages, unsigned long present_pages)
{
	unsigned long pages = spanned_pages;

	if (spanned_pages > present_pages + (present_pages >> 4))
		pages = present_pages;
	return PAGE_ALIGN(pages * 64) >> PAGE_SHIFT;
}

/* Linux 5.x zone_batchsize(), only for the old "LIFO batch" line. */
static int zone_batchsize_5x(unsigned long managed)
{
	unsigned long batch = managed / 1024;

	if (batch * PAGE_SIZE > 512 * 1024)
		batch = (512 * 1024) / PAGE_SIZE;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	batch += batch / 2;
	return (1 << (fls64(batch) - 1)) - 1;
}

static void zone_init_free_lists(struct zone *zone)
{
	int order;

	for (order = 0; order < MAX_ORDER; order++) {
		INIT_LIST_HEAD(&zone->free_area[order].free_list);
		zone->free_area[order].nr_free = 0;
	}
}

/* 6.12: the pages memblock has free now (no highmem on arm64: all of them are kernel pages). */
static void calc_nr_kernel_pages(void)
{
	phys_addr_t start, end;
	u64 i;

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL) {
		if (PFN_UP(start) < PFN_DOWN(end)) {
			nr_all_pages += PFN_DOWN(end) - PFN_UP(start);
			nr_kernel_pages += PFN_DOWN(end) - PFN_UP(start);
		}
	}
}

static void free_area_init_core(struct pglist_data *pgdat)
{
	int nid = pgdat->node_id, j;

	for (j = 0; j < MAX_NR_ZONES; j++) {
		struct zone *zone = pgdat->node_zones + j;
		unsigned long size = zone->spanned_pages, freesize = zone->present_pages;
		unsigned long memmap_pages = calc_memmap_size(size, freesize);

		if (freesize >= memmap_pages) {
			freesize -= memmap_pages;
			if (memmap_pages && mminit_loglevel >= MMINIT_OLD_ZONE_LINES)
				printk(KERN_DEBUG "bootmem:   %s zone: %lu pages used for memmap\n",
				       zone_names[j], memmap_pages);
		} else {
			pr_warn("  %s zone: %lu memmap pages exceeds freesize %lu\n",
				zone_names[j], memmap_pages, freesize);
		}
		/* Linux's dma_reserve is always 0 on arm64, but 5.x still printed it. */
		if (j == 0 && freesize > 0 && mminit_loglevel >= MMINIT_OLD_ZONE_LINES)
			printk(KERN_DEBUG "bootmem:   %s zone: %lu pages reserved\n", zone_names[0], 0UL);
		/*
		 * An estimate until memblock_free_all() counts the real ones: 6.1 takes present
		 * minus the memmap's pages; 6.12's free_area_init_core() the present pages (and
		 * counts nr_kernel_pages from memblock's free ranges, calc_nr_kernel_pages()).
		 * build_all_zonelists() prints their sum as "Total pages".
		 */
		if (linux_since(6, 12)) {
			zone->managed_pages = zone->present_pages;
		} else {
			nr_kernel_pages += freesize;
			nr_all_pages += freesize;
			zone->managed_pages = freesize;
		}
		zone->free_pages = 0;
		zone->node = nid;
		zone->name = zone_names[j];
		zone->zone_pgdat = pgdat;
		zone_init_free_lists(zone);
		zone_pcp_init(zone);
		if (mminit_loglevel >= MMINIT_OLD_ZONE_LINES && zone->present_pages)
			printk(KERN_DEBUG "bootmem:   %s zone: %lu pages, LIFO batch:%u\n", zone->name,
			       zone->present_pages, zone_batchsize_5x(freesize));
		if (!size)
			continue;
		if (j + 1 > pgdat->nr_zones)
			pgdat->nr_zones = j + 1;
		mminit_dprintk(MMINIT_TRACE, "memmap_init",
			       "Initialising map node %d zone %lu pfns %lu -> %lu\n",
			       nid, (unsigned long)j, zone->zone_start_pfn,
			       zone->zone_start_pfn + size);
	}
}

static void free_area_init_node(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	unsigned long start_pfn, end_pfn;

	get_pfn_range_for_nid(nid, &start_pfn, &end_pfn);
	pgdat->node_id = nid;
	pgdat->node_start_pfn = start_pfn;
	if (start_pfn != end_pfn)
		pr_info("Initmem setup node %d [mem %#018Lx-%#018Lx]\n", nid,
			PFN_PHYS(start_pfn),
			PFN_PHYS(end_pfn) - 1);
	calculate_node_totalpages(pgdat, start_pfn, end_pfn);
	free_area_init_core(pgdat);
}

/* ---- the memmap ---- */

/*
 * @nr struct pages from @page on, as Linux's __init_single_page() and __SetPageReserved()
 * leave each: zeroed, then flags = the links (@links: zone, node and section, the same for a
 * whole section; set_page_links) and PG_reserved, count 1, an empty lru list (pointing at
 * itself), private 0. Those are all of struct page's fields, so writing them directly gives
 * the same bytes as the per-page calls, at a few stores a page.
 */
static void init_reserved_pages(struct page *page, unsigned long nr, unsigned long links)
{
	unsigned long flags = links | 1UL << PG_reserved;
	struct page *end = page + nr;

	_Static_assert(sizeof(struct page) == sizeof(unsigned long) + sizeof(struct list_head) +
		       sizeof(unsigned int) + sizeof(int), "struct page has fields not set here");
#pragma GCC unroll 4
	for (; page < end; page++) {
		page->flags = flags;
		page->lru.next = &page->lru;
		page->lru.prev = &page->lru;
		page->private = 0;
		page->_refcount = 1;
	}
}

/* The zone, node and section bits set_page_links() gives every page of @pfn's section. */
static unsigned long section_page_links(unsigned long pfn, int zone, int nid)
{
	struct page tmp = { 0 };

	set_page_links(&tmp, zone, nid, pfn);
	return tmp.flags;
}

/*
 * Every page starts reserved; memblock_free_all() frees what memblock has not reserved.
 * Linux's memmap_init_range() runs __init_single_page() and __SetPageReserved() on each
 * pfn. Here a section at a time (its memmap is one array and pfn_valid() is the same for
 * all of it) through init_reserved_pages(), which writes what those two calls write.
 */
static void memmap_init_range(unsigned long size, int nid, int zone, unsigned long start_pfn)
{
	unsigned long pfn = start_pfn, end_pfn = start_pfn + size;

	while (pfn < end_pfn) {
		unsigned long next = min(ALIGN_DOWN(pfn, PAGES_PER_SECTION) + PAGES_PER_SECTION,
					 end_pfn);

		/*
		 * A section whose memmap could not be allocated ("memory map backing failed")
		 * has no struct pages: skip it whole rather than write through a NULL map.
		 */
		if (pfn_valid(pfn))
			init_reserved_pages(pfn_to_page(pfn), next - pfn,
					    section_page_links(pfn, zone, nid));
		pfn = next;
	}
}

/*
 * Struct pages of holes: only in pageblocks that have a memmap, i.e. in sections with
 * some memory. Linux names the zone of the range *after* the hole (see docs/zones.md).
 * Linux tests pfn_valid() on each pfn's pageblock; the answer is the same for a whole
 * pageblock (and section), so this goes a pageblock at a time.
 */
static void init_unavailable_range(unsigned long spfn, unsigned long epfn, int zone, int node)
{
	unsigned long pfn = spfn;
	u64 pgcnt = 0;

	while (pfn < epfn) {
		unsigned long next = min(pageblock_end_pfn(pfn), epfn);

		if (pfn_valid(pageblock_start_pfn(pfn))) {
			init_reserved_pages(pfn_to_page(pfn), next - pfn,
					    section_page_links(pfn, zone, node));
			pgcnt += next - pfn;
		}
		pfn = next;
	}
	if (pgcnt)
		pr_info("On node %d, zone %s: %lld pages in unavailable ranges",
			node, zone_names[zone], (long long)pgcnt);
}

static void memmap_init_zone_range(struct zone *zone, unsigned long start_pfn,
				   unsigned long end_pfn, unsigned long *hole_pfn)
{
	unsigned long zone_start_pfn = zone->zone_start_pfn;
	unsigned long zone_end = zone_end_pfn(zone);
	int nid = zone_to_nid(zone), zone_id = zone_idx(zone);

	start_pfn = clamp(start_pfn, zone_start_pfn, zone_end);
	end_pfn = clamp(end_pfn, zone_start_pfn, zone_end);
	if (start_pfn >= end_pfn)
		return;

	memmap_init_range(end_pfn - start_pfn, nid, zone_id, start_pfn);
	if (*hole_pfn < start_pfn)
		init_unavailable_range(*hole_pfn, start_pfn, zone_id, nid);
	*hole_pfn = end_pfn;
}

static void memmap_init(void)
{
	unsigned long start_pfn, end_pfn = 0, hole_pfn = 0;
	int i, j, zone_id = 0, nid = 0;

	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, &nid) {
		struct pglist_data *node = NODE_DATA(nid);

		for (j = 0; j < MAX_NR_ZONES; j++) {
			struct zone *zone = node->node_zones + j;

			if (!populated_zone(zone))
				continue;
			memmap_init_zone_range(zone, start_pfn, end_pfn, &hole_pfn);
			zone_id = j;
		}
	}
	/* The hole from the end of memory to the end of its section: the last zone's. */
	end_pfn = round_up(end_pfn, PAGES_PER_SECTION);
	if (hole_pfn < end_pfn)
		init_unavailable_range(hole_pfn, end_pfn, zone_id, nid);
}

/*
 * Linux's free_area_init(): zone boundaries from @max_zone_pfn (each zone ends where the
 * next begins), ZONE_MOVABLE, the three boot reports, then each node and the memmap.
 */
void free_area_init(unsigned long *max_zone_pfn)
{
	unsigned long start_pfn, end_pfn;
	int i, nid;

	memset(arch_zone_lowest_possible_pfn, 0, sizeof(arch_zone_lowest_possible_pfn));
	memset(arch_zone_highest_possible_pfn, 0, sizeof(arch_zone_highest_possible_pfn));
	start_pfn = PHYS_PFN(memblock_start_of_DRAM());
	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (i == ZONE_MOVABLE)
			continue;
		end_pfn = max(max_zone_pfn[i], start_pfn);
		arch_zone_lowest_possible_pfn[i] = start_pfn;
		arch_zone_highest_possible_pfn[i] = end_pfn;
		start_pfn = end_pfn;
	}

	memset(zone_movable_pfn, 0, sizeof(zone_movable_pfn));
	find_zone_movable_pfns_for_nodes();

	pr_info("Zone ranges:\n");
	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (i == ZONE_MOVABLE)
			continue;
		pr_info("  %-8s ", zone_names[i]);
		if (arch_zone_lowest_possible_pfn[i] == arch_zone_highest_possible_pfn[i])
			pr_cont("empty\n");
		else
			pr_cont("[mem %#018Lx-%#018Lx]\n",
				PFN_PHYS(arch_zone_lowest_possible_pfn[i]),
				PFN_PHYS(arch_zone_highest_possible_pfn[i]) - 1);
	}
	/*
	 * Debian builds 6.12 with CONFIG_ZONE_DEVICE (6.1 without): a fifth zone, after Movable,
	 * for device memory that memremap_pages() adds later. Boot memory never goes there.
	 */
	if (linux_since(6, 12))
		pr_info("  %-8s empty\n", "Device");

	pr_info("Movable zone start for each node\n");
	for (i = 0; i < MAX_NUMNODES; i++) {
		if (zone_movable_pfn[i])
			pr_info("  Node %d: %#018Lx\n", i,
				PFN_PHYS(zone_movable_pfn[i]));
	}

	pr_info("Early memory node ranges\n");
	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, &nid)
		pr_info("  node %3d: [mem %#018Lx-%#018Lx]\n", nid,
			PFN_PHYS(start_pfn),
			PFN_PHYS(end_pfn) - 1);

	nr_kernel_pages = nr_all_pages = 0;
	for_each_online_node(nid) {
		if (!NODE_DATA(nid)) {
			bm_err("node %d is online but has no NODE_DATA\n", nid);
			continue;
		}
		free_area_init_node(nid);
	}
	if (linux_since(6, 12))
		calc_nr_kernel_pages();
	memmap_init();
}

/* ---- zonelists ---- */

/*
 * Linux's find_next_best_node(): the local node first, then the nearest node with memory;
 * nodes below @local get one more unit of distance ("prefer the next node"), and among
 * equals the less loaded one wins. No node has CPUs yet when the boot builds the zonelists.
 */
static int node_load[MAX_NUMNODES];

static int find_next_best_node(int node, bool *used)
{
	int n, val, min_val = INT_MAX, best_node = NUMA_NO_NODE;

	if (!used[node]) {
		used[node] = true;
		return node;
	}
	for_each_online_node(n) {
		if (used[n] || !NODE_DATA(n) || !NODE_DATA(n)->node_present_pages)
			continue;
		val = node_distance(node, n);
		val += (n < node);
		val *= MAX_NUMNODES;
		val += node_load[n];
		if (val < min_val) {
			min_val = val;
			best_node = n;
		}
	}
	if (best_node >= 0)
		used[best_node] = true;
	return best_node;
}

/* Linux's build_zonelists() order: the first node of each new distance gets more load. */
static int build_node_order(int local, int *order)
{
	bool used[MAX_NUMNODES] = { false };
	int n = 0, node, prev_node = local;

	while ((node = find_next_best_node(local, used)) >= 0) {
		if (node_distance(local, node) != node_distance(local, prev_node))
			node_load[node] += 1;
		order[n++] = node;
		prev_node = node;
	}
	return n;
}

static unsigned long nr_free_zone_pages(int offset)
{
	unsigned long sum = 0;
	struct zone *zone;
	int nid;

	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			unsigned long size = zone->managed_pages, high = high_wmark_pages(zone);

			if (zone_idx(zone) <= offset && size > high)
				sum += size - high;
		}
	return sum;
}

/*
 * Each node's fallback zonelist: for each node in order, its zones from the highest down
 * (Linux's build_zonerefs_node). Prints Linux's three lines.
 */
void build_all_zonelists(void)
{
	int order[MAX_NUMNODES], nid, n, i, policy = ZONE_DMA;
	unsigned long vm_total_pages;
	struct zone *zone;

	memset(node_load, 0, sizeof(node_load));
	for_each_online_node(nid) {
		struct zoneref *zref = NODE_DATA(nid)->node_zonelists[0]._zonerefs;

		n = build_node_order(nid, order);
		pr_info("Fallback order for Node %d: ", nid);
		for (i = 0; i < n; i++) {
			int z = MAX_NR_ZONES;
			pg_data_t *pgdat = NODE_DATA(order[i]);

			pr_cont("%d ", order[i]);
			while (z--) {
				if (!managed_zone(&pgdat->node_zones[z]))
					continue;
				zref->zone = &pgdat->node_zones[z];
				zref->zone_idx = z;
				zref++;
			}
		}
		pr_cont("\n");
		zref->zone = NULL;
		zref->zone_idx = 0;
	}

	vm_total_pages = nr_free_zone_pages(ZONE_MOVABLE);
	/* Too few pages to keep migrate types apart: every request is unmovable. */
	page_group_by_mobility_disabled = vm_total_pages < pageblock_nr_pages * MIGRATE_TYPES;
	pr_info("Built %u zonelists, mobility grouping %s.  Total pages: %ld\n",
		num_online_nodes(), page_group_by_mobility_disabled ? "off" : "on",
		(long)vm_total_pages);
	/* mempolicy's policy_zone: the highest zone below ZONE_MOVABLE with pages. */
	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid))
			if (zone_idx(zone) < ZONE_MOVABLE && populated_zone(zone) &&
			    zone_idx(zone) > policy)
				policy = zone_idx(zone);
	pr_info("Policy zone: %s\n", zone_names[policy]);
}

/* ---- hand-off from memblock (called by memblock_free_all) ---- */

void reset_all_zones_managed_pages(void)
{
	struct zone *zone;
	int nid;

	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid))
			zone->managed_pages = 0;
}

/*
 * Pages memblock keeps (reserved ranges) stay PageReserved; say so again, as Linux does.
 * Linux tests pfn_valid() and sets the bit pfn by pfn; the answer is the same for a whole
 * section, so this goes a section at a time.
 */
void reserve_bootmem_region(phys_addr_t start, phys_addr_t end)
{
	unsigned long pfn, end_pfn = PFN_UP(end);
	unsigned long mem_lo = ALIGN_DOWN(PFN_DOWN(memblock_start_of_DRAM()), PAGES_PER_SECTION);
	unsigned long mem_hi = ALIGN(PFN_UP(memblock_end_of_DRAM()), PAGES_PER_SECTION);

	/* Only sections that hold memory have struct pages: nothing to mark outside them. */
	pfn = max(PFN_DOWN(start), mem_lo);
	end_pfn = min(end_pfn, mem_hi);
	/*
	 * A reservation may span terabytes without memory (a hostile /memreserve/): each
	 * section without struct pages is skipped whole.
	 */
	while (pfn < end_pfn) {
		unsigned long next = ALIGN_DOWN(pfn, PAGES_PER_SECTION) + PAGES_PER_SECTION;
		struct page *page, *last;

		if (next <= pfn)
			break;
		next = min(next, end_pfn);
		if (pfn_valid(pfn))
			for (page = pfn_to_page(pfn), last = page + (next - pfn); page < last; page++)
				__SetPageReserved(page);
		pfn = next;
	}
}

/*
 * The hand-off of a free block: Linux's loop clears PG_reserved and the count of each page,
 * then __free_pages_ok() checks every tail page (no PG_buddy, no PG_reserved, count 0) and
 * the head before freeing. The loop has just cleared PG_reserved and the count itself, so
 * of those checks only PG_buddy can fail: the loop notes it on its way (one bit test a
 * page instead of a second pass), and only a block where it is set takes the full checks,
 * with their report.
 */
void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned long nr_pages = 1UL << order, seen = 0;
	struct page *p, *end = page + nr_pages;

	/* Blocks are 2^order pages: unrolled, the loop costs less than the stores it does. */
#pragma GCC unroll 4
	for (p = page; p < end; p++) {
		unsigned long flags = p->flags;

		seen |= flags;
		p->flags = flags & ~(1UL << PG_reserved);
		set_page_count(p, 0);
	}
	page_zone(page)->managed_pages += nr_pages;
	set_page_refcounted(page);
	page->private = order;		/* allocated as order @order: what the free checks */
	/* Past the per-CPU lists, straight to the buddy lists, as Linux's. */
	if (unlikely(seen & (1UL << PG_buddy)))
		__free_pages_ok(page, order);
	else
		__free_pages_ok_checked(page, order);
}

/* memblock's __free_pages_memory() hands every free aligned block over through here. */
void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order)
{
	if (WARN_ON(!pfn_valid(pfn) || pfn_to_page(pfn) != page))
		return;
	/* A block must not straddle a section: its struct pages would not be contiguous. */
	if (order && pfn_to_section_nr(pfn) != pfn_to_section_nr(pfn + (1UL << order) - 1)) {
		unsigned long i;

		for (i = 0; i < (1UL << order); i++)
			memblock_free_pages(pfn_to_page(pfn + i), pfn + i, 0);
		return;
	}
	__free_pages_core(page, order);
}

/* ---- watermarks ---- */

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << 62;

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

/* Linux's sysctl_lowmem_reserve_ratio defaults (Movable: none). */
static const int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = {
	[ZONE_DMA] = 256, [ZONE_DMA32] = 256, [ZONE_NORMAL] = 32, [ZONE_MOVABLE] = 0,
};

unsigned long totalreserve_pages;

/* What each zone keeps out of reach: its high watermark and largest lowmem_reserve. */
static void calculate_totalreserve_pages(void)
{
	unsigned long reserve_pages = 0;
	struct zone *zone;
	int nid, j;

	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			long max = 0;

			for (j = zone_idx(zone); j < MAX_NR_ZONES; j++)
				if (zone->lowmem_reserve[j] > max)
					max = zone->lowmem_reserve[j];
			max += high_wmark_pages(zone);
			if (max > (long)zone_managed_pages(zone))
				max = zone_managed_pages(zone);
			reserve_pages += max;
		}
	totalreserve_pages = reserve_pages;
}

/*
 * Linux's setup_per_zone_lowmem_reserve(): an allocation that may use zone j leaves
 * lowmem_reserve[j] pages of a lower zone i alone, the managed pages of zones i+1..j divided
 * by zone i's ratio (0 when the ratio is 0 or zone i has no pages).
 */
void setup_per_zone_lowmem_reserve(void)
{
	int nid, i, j;

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);

		for (i = 0; i < MAX_NR_ZONES - 1; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			int ratio = sysctl_lowmem_reserve_ratio[i];
			bool clear = !ratio || !zone_managed_pages(zone);
			unsigned long managed_pages = 0;

			for (j = i + 1; j < MAX_NR_ZONES; j++) {
				managed_pages += zone_managed_pages(&pgdat->node_zones[j]);
				zone->lowmem_reserve[j] = clear ? 0 : managed_pages / ratio;
			}
		}
	}
	calculate_totalreserve_pages();
}

/*
 * Linux's __setup_per_zone_wmarks(). In 6.1 only highmem zones get the small fixed minimum;
 * arm64 has none, so every zone, Movable too, gets its share of min_free_kbytes by managed
 * pages. 6.12 treats ZONE_MOVABLE as highmem: out of the lowmem total, and a minimum of
 * managed / 1024 clamped to [SWAP_CLUSTER_MAX, 128] (32 for an empty Movable zone).
 */
void setup_per_zone_wmarks(void)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	bool movable_capped = linux_since(6, 12);
	struct zone *zone;
	int nid;

	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid))
			if (!(movable_capped && zone_idx(zone) == ZONE_MOVABLE))
				lowmem_pages += zone_managed_pages(zone);

	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			unsigned long managed = zone_managed_pages(zone);
			u64 tmp = lowmem_pages ? (u64)pages_min * managed / lowmem_pages : 0;

			if (movable_capped && zone_idx(zone) == ZONE_MOVABLE)
				zone->_watermark[WMARK_MIN] = clamp(managed / 1024, 32UL, 128UL);
			else
				zone->_watermark[WMARK_MIN] = tmp;
			tmp = max(tmp >> 2, (u64)managed * watermark_scale_factor / 10000);
			zone->_watermark[WMARK_LOW] = min_wmark_pages(zone) + tmp;
			zone->_watermark[WMARK_HIGH] = min_wmark_pages(zone) + tmp * 2;
			zone->_watermark[WMARK_PROMO] = high_wmark_pages(zone) + tmp;
		}
	calculate_totalreserve_pages();

	/* The per-CPU lists' high follows the low watermark. */
	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid))
			zone_pcp_update(zone);
}

unsigned long nr_free_buffer_pages(void)
{
	return nr_free_zone_pages(ZONE_NORMAL);
}

/* Linux's init_per_zone_wmark_min(): min_free_kbytes = sqrt(16 * lowmem KiB), clamped. */
void init_per_zone_wmark_min(void)
{
	unsigned long lowmem_kbytes = nr_free_buffer_pages() * (PAGE_SIZE >> 10);
	long new_min = int_sqrt(lowmem_kbytes * 16);

	if (new_min < 128)
		new_min = 128;
	if (new_min > 262144)
		new_min = 262144;
	min_free_kbytes = new_min;
	setup_per_zone_wmarks();
	refresh_zone_stat_thresholds();
	setup_per_zone_lowmem_reserve();
}

/* ---- reports ---- */

unsigned long get_num_physpages(void)
{
	unsigned long phys = 0;
	int nid;

	for_each_online_node(nid)
		phys += NODE_DATA(nid)->node_present_pages;
	return phys;
}

/*
 * Linux's mem_init_print_info(): B counts present pages (NOMAP included). The section sizes
 * are the image footprint's (asm/image.h), the Image whose memory is reserved.
 */
void mem_init_print_info(void)
{
	const struct kernel_image *k = &kernel_image;
	unsigned long physpages = get_num_physpages();
	unsigned long codesize = k->etext - k->stext;
	unsigned long datasize = k->edata - k->sdata;
	unsigned long rosize = k->end_rodata - k->start_rodata;
	unsigned long bss_size = k->bss_stop - k->bss_start;
	unsigned long init_size = k->init_end - k->init_begin;

	/* Sections nested in others count once, as Linux's adj_init_size(). */
#define inside(pos, start, end) ((pos) >= (start) && (pos) < (end))
	if (inside(k->start_rodata, k->stext, k->etext) && codesize > rosize)
		codesize -= rosize;
	if (inside(k->start_rodata, k->sdata, k->edata) && datasize > rosize)
		datasize -= rosize;
	if (inside(k->init_begin, k->sdata, k->edata) && datasize > init_size)
		datasize -= init_size;
#undef inside

	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, "
		"%luK init, %luK bss, %luK reserved, %luK cma-reserved)\n",
		nr_free_pages() << (PAGE_SHIFT - 10), physpages << (PAGE_SHIFT - 10),
		codesize >> 10, datasize >> 10, rosize >> 10, init_size >> 10, bss_size >> 10,
		(physpages - totalram_pages() - totalcma_pages) << (PAGE_SHIFT - 10),
		totalcma_pages << (PAGE_SHIFT - 10));
}

static void mm_init_reset(void)
{
	mminit_loglevel = 0;
	totalram_pages_count = 0;
	min_free_kbytes = 1024;
	watermark_scale_factor = 10;
	totalreserve_pages = 0;
	memset(arch_zone_lowest_possible_pfn, 0, sizeof(arch_zone_lowest_possible_pfn));
	memset(arch_zone_highest_possible_pfn, 0, sizeof(arch_zone_highest_possible_pfn));
	memset(zone_movable_pfn, 0, sizeof(zone_movable_pfn));
	movable_zone = 0;
	nr_kernel_pages = nr_all_pages = 0;
	required_kernelcore = required_kernelcore_percent = 0;
	required_movablecore = required_movablecore_percent = 0;
}
host_reset(mm_init_reset);
