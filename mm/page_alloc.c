// SPDX-License-Identifier: GPL-2.0
/*
 * The buddy page allocator (Linux 6.1 mm/page_alloc.c core): per-zone free_area lists,
 * merging on free, splitting on allocation, zonelist fallback, watermarks, GFP zone
 * modifiers, bad_page reports and page poisoning; /proc/buddyinfo and zoneinfo reports.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <asm/memory.h>

#define PAGE_POISON	0xaa

int page_poisoning_enabled;
unsigned long nr_bad_pages;

/* Why an allocation may dip below the watermarks (Linux's ALLOC_* flags, the few we use). */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_NO_WATERMARKS	0x04
#define ALLOC_HIGH		0x20

int early_page_poison_param(char *buf)
{
	bool on;

	if (!buf || kstrtobool(buf, &on)) {
		pr_err("page_poison: expected a boolean, got \"%s\"\n", buf ? buf : "");
		return -EINVAL;
	}
	page_poisoning_enabled = on;
	return 0;
}
early_param("page_poison", early_page_poison_param);

enum zone_type gfp_zone(gfp_t flags)
{
	gfp_t bit = flags & GFP_ZONEMASK;

	if ((bit & __GFP_DMA) && (bit & (__GFP_DMA32 | __GFP_HIGHMEM))) {
		WARN_ON(1);		/* Linux's GFP_ZONE_BAD */
		return ZONE_DMA;
	}
	if (bit & __GFP_DMA)
		return ZONE_DMA;
	if (bit & __GFP_DMA32) {
		WARN_ON(bit & __GFP_HIGHMEM);
		return ZONE_DMA32;
	}
	if ((bit & (__GFP_MOVABLE | __GFP_HIGHMEM)) == (__GFP_MOVABLE | __GFP_HIGHMEM))
		return ZONE_MOVABLE;
	return ZONE_NORMAL;
}

/* ---- bad_page ---- */

static void dump_page(const struct page *page, const char *reason)
{
	static const char * const names[NR_PAGEFLAGS] = { "reserved", "buddy", "poisoned" };
	char buf[96];
	int i, len = 0;

	pr_warn("page:%p refcount:%d mapcount:%d mapping:%016lx index:0x0 pfn:%#lx\n",
		page, page_ref_count(page), page_mapcount(page), 0UL, page_to_pfn(page));
	for (i = 0; i < NR_PAGEFLAGS; i++)
		if (page->flags >> i & 1)
			len += scnprintf(buf + len, sizeof(buf) - len, "%s|", names[i]);
	scnprintf(buf + len, sizeof(buf) - len, "node=%d|zone=%d", page_to_nid(page),
		  page_zonenum(page));
	pr_warn("flags: %#lx(%s)\n", page->flags, buf);
	pr_warn("page dumped because: %s\n", reason);
}

/*
 * Linux's report for a page in a state it must not be in. The page is left alone (not
 * freed, not allocated), so a wrong free cannot corrupt the free lists.
 */
static void bad_page(struct page *page, const char *reason, unsigned long caller)
{
	nr_bad_pages++;
	pr_alert("BUG: Bad page state in process %s  pfn:%05lx\n", "swapper/0",
		 page_to_pfn(page));
	dump_page(page, reason);
	pr_warn("Call trace:\n");
	pr_warn(" %pS\n", (void *)caller);
}

/* ---- poisoning ---- */

static void kernel_poison_pages(struct page *page, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		memset(page_address(page + i), PAGE_POISON, PAGE_SIZE);
		__SetPagePoisoned(page + i);
	}
}

static void check_poison_page(struct page *page, unsigned long caller)
{
	const unsigned char *mem = page_address(page);
	unsigned int i;

	__ClearPagePoisoned(page);
	for (i = 0; i < PAGE_SIZE; i++)
		if (mem[i] != PAGE_POISON)
			break;
	if (i == PAGE_SIZE)
		return;
	nr_bad_pages++;
	pr_err("pagealloc: memory corruption\n");
	pr_err("pfn:%#lx offset:%#x: %02x (expected %02x), allocated by %pS\n",
	       page_to_pfn(page), i, mem[i], PAGE_POISON, (void *)caller);
}

/* ---- free lists ---- */

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	page->private = order;
	__SetPageBuddy(page);
}

static inline void add_to_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	struct free_area *area = &zone->free_area[order];

	list_add(&page->lru, &area->free_list);
	area->nr_free++;
}

static inline void del_page_from_free_list(struct page *page, struct zone *zone,
					   unsigned int order)
{
	list_del(&page->lru);
	__ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
}

/* @buddy heads a free block of @order in @page's zone: the two may merge. */
static inline bool page_is_buddy(const struct page *page, const struct page *buddy,
				 unsigned int order)
{
	return PageBuddy(buddy) && buddy->private == order &&
	       page_zonenum(page) == page_zonenum(buddy) &&
	       page_to_nid(page) == page_to_nid(buddy);
}

/* Free a 2^order block at @pfn, merging with its buddy as long as the buddy is free too. */
static void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
			    unsigned int order)
{
	zone->free_pages += 1UL << order;
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy = page + (long)(buddy_pfn - pfn);	/* may be below @page */
		unsigned long combined_pfn;

		if (!page_is_buddy(page, buddy, order))
			break;
		del_page_from_free_list(buddy, zone, order);
		combined_pfn = buddy_pfn & pfn;
		page += (long)(combined_pfn - pfn);
		pfn = combined_pfn;
		order++;
	}
	set_buddy_order(page, order);
	add_to_free_list(page, zone, order);
}

/* Split a 2^high block down to 2^low, returning the upper halves to the free lists. */
static void expand(struct zone *zone, struct page *page, unsigned int low, unsigned int high)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		set_buddy_order(&page[size], high);
		add_to_free_list(&page[size], zone, high);
	}
}

static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order)
{
	unsigned int current_order;

	for (current_order = order; current_order < MAX_ORDER; current_order++) {
		struct free_area *area = &zone->free_area[current_order];
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, lru);
		del_page_from_free_list(page, zone, current_order);
		expand(zone, page, order, current_order);
		zone->free_pages -= 1UL << order;
		return page;
	}
	return NULL;
}

/* ---- free ---- */

/* Returns false (after a report) if @page may not be freed as a 2^order block. */
static bool free_page_is_ok(struct page *page, unsigned int order, unsigned long caller)
{
	unsigned long i;

	if (PageBuddy(page)) {
		bad_page(page, "double free: page is already on a free list", caller);
		return false;
	}
	if (PageReserved(page)) {
		bad_page(page, "PAGE_FLAGS_CHECK_AT_FREE flag(s) set", caller);
		return false;
	}
	if (page_ref_count(page) != 1) {
		bad_page(page, page_ref_count(page) == 0 ?
			 "page is not allocated (refcount 0): double free or tail page" :
			 "nonzero _refcount", caller);
		return false;
	}
	if (page->private != order) {
		char why[64];

		scnprintf(why, sizeof(why), "freed as order %u, allocated as order %u",
			  order, page->private);
		bad_page(page, why, caller);
		return false;
	}
	for (i = 1; i < (1UL << order); i++) {
		if (PageBuddy(page + i) || PageReserved(page + i) || page_ref_count(page + i)) {
			bad_page(page + i, "tail page of the freed block is not allocated", caller);
			return false;
		}
	}
	return true;
}

static void free_the_page(struct page *page, unsigned int order, unsigned long caller)
{
	if (order >= MAX_ORDER) {
		bad_page(page, "order beyond MAX_ORDER", caller);
		return;
	}
	if (!free_page_is_ok(page, order, caller))
		return;
	set_page_count(page, 0);
	page->private = 0;
	if (page_poisoning_enabled)
		kernel_poison_pages(page, 1U << order);
	__free_one_page(page, page_to_pfn(page), page_zone(page), order);
}

static void __free_pages_caller(struct page *page, unsigned int order, unsigned long caller)
{
	free_the_page(page, order, caller);
}

void __free_pages(struct page *page, unsigned int order)
{
	__free_pages_caller(page, order, _RET_IP_);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages_caller(virt_to_page((void *)addr), order, _RET_IP_);
}

/* ---- allocate ---- */

static bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			      unsigned int alloc_flags)
{
	long free_pages = (long)z->free_pages - (1L << order) + 1;
	long min = mark;
	unsigned int o;

	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (free_pages <= min)
		return false;
	if (!order)
		return true;
	for (o = order; o < MAX_ORDER; o++)
		if (z->free_area[o].nr_free)
			return true;
	return false;
}

static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp,
			  unsigned long caller)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++) {
		if (PagePoisoned(page + i))
			check_poison_page(page + i, caller);
		if (PageReserved(page + i) || page_ref_count(page + i))
			bad_page(page + i, "free page is reserved or in use", caller);
	}
	page->private = order;		/* checked again by __free_pages */
	set_page_refcounted(page);
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
}

static int first_online_node(void)
{
	int nid;

	for_each_online_node(nid)
		return nid;
	return NUMA_NO_NODE;
}

/*
 * Linux's zone_statistics(): did the page come from the node it was meant for, and from the
 * allocating CPU's? bootmem runs on the boot CPU alone, on the first online node.
 */
static void zone_statistics(struct zone *preferred_zone, struct zone *z)
{
	if (zone_to_nid(z) == zone_to_nid(preferred_zone)) {
		z->vm_numa_event[NUMA_HIT]++;
	} else {
		z->vm_numa_event[NUMA_MISS]++;
		preferred_zone->vm_numa_event[NUMA_FOREIGN]++;
	}
	z->vm_numa_event[zone_to_nid(z) == first_online_node() ? NUMA_LOCAL : NUMA_OTHER]++;
}

static struct page *get_page_from_freelist(gfp_t gfp, unsigned int order, int nid,
					   enum zone_type highest, unsigned int alloc_flags)
{
	struct zoneref *z = NODE_DATA(nid)->node_zonelists[0]._zonerefs;
	struct zone *preferred_zone = NULL;

	for (; z->zone; z++) {
		struct zone *zone = z->zone;
		struct page *page;

		if (z->zone_idx > highest)
			continue;
		if (!preferred_zone)
			preferred_zone = zone;
		if ((gfp & __GFP_THISNODE) && zone_to_nid(zone) != nid)
			continue;
		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !zone_watermark_ok(zone, order, wmark_pages(zone, alloc_flags & 3),
				       alloc_flags))
			continue;
		page = __rmqueue_smallest(zone, order);
		if (page) {
			zone_statistics(preferred_zone, zone);
			return page;
		}
	}
	return NULL;
}

static struct page *__alloc_pages_caller(gfp_t gfp, unsigned int order, int nid,
					 unsigned long caller)
{
	enum zone_type highest = gfp_zone(gfp);
	unsigned int alloc_flags = ALLOC_WMARK_LOW;
	struct page *page;

	if (order >= MAX_ORDER) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("WARNING: page allocation of order %u (max %d) from %pS\n",
				order, MAX_ORDER - 1, (void *)caller);
		return NULL;
	}
	if (nid < 0 || nid >= MAX_NUMNODES || !node_online(nid) || !NODE_DATA(nid))
		nid = first_online_node();
	if (nid == NUMA_NO_NODE)
		return NULL;

	/* Fast path above the low mark; then down to min (half of it for __GFP_HIGH). */
	if (gfp & __GFP_MEMALLOC)
		alloc_flags = ALLOC_NO_WATERMARKS;
	page = get_page_from_freelist(gfp, order, nid, highest, alloc_flags);
	if (!page && alloc_flags != ALLOC_NO_WATERMARKS) {
		alloc_flags = ALLOC_WMARK_MIN | ((gfp & __GFP_HIGH) ? ALLOC_HIGH : 0);
		page = get_page_from_freelist(gfp, order, nid, highest, alloc_flags);
	}
	if (!page) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("%s: page allocation failure: order:%u, mode:%#x, nodemask=(null) caller %pS\n",
				"swapper/0", order, gfp, (void *)caller);
		return NULL;
	}
	prep_new_page(page, order, gfp, caller);
	return page;
}

struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid, void *nodemask)
{
	return __alloc_pages_caller(gfp, order, preferred_nid, _RET_IP_);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	return __alloc_pages_caller(gfp, order, first_online_node(), _RET_IP_);
}

struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order)
{
	return __alloc_pages_caller(gfp, order, nid, _RET_IP_);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = __alloc_pages_caller(gfp & ~__GFP_HIGHMEM, order,
						 first_online_node(), _RET_IP_);

	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	struct page *page = __alloc_pages_caller((gfp | __GFP_ZERO) & ~__GFP_HIGHMEM, 0,
						 first_online_node(), _RET_IP_);

	return page ? (unsigned long)page_address(page) : 0;
}

/* ---- reports ---- */

unsigned long nr_free_pages(void)
{
	unsigned long sum = 0;
	struct zone *zone;
	int nid;

	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid))
			sum += zone->free_pages;
	return sum;
}

/* /proc/buddyinfo (Linux's frag_show_print), one line per populated zone. */
void show_buddyinfo(void)
{
	struct zone *zone;
	char line[160];
	int nid, order, len;

	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			if (!populated_zone(zone))
				continue;
			len = scnprintf(line, sizeof(line), "Node %d, zone %8s ", nid, zone->name);
			for (order = 0; order < MAX_ORDER; order++)
				len += scnprintf(line + len, sizeof(line) - len, "%6lu ",
						 zone->free_area[order].nr_free);
			pr_info("%s\n", line);
		}
}

/* The head of each zone's /proc/zoneinfo entry. */
void show_zoneinfo(void)
{
	struct zone *zone;
	int nid;

	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			pr_info("Node %d, zone %8s\n", nid, zone->name);
			pr_info("  pages free     %lu\n", zone->free_pages);
			pr_info("        min      %lu\n", min_wmark_pages(zone));
			pr_info("        low      %lu\n", low_wmark_pages(zone));
			pr_info("        high     %lu\n", high_wmark_pages(zone));
			pr_info("        spanned  %lu\n", zone->spanned_pages);
			pr_info("        present  %lu\n", zone->present_pages);
			pr_info("        managed  %lu\n", zone->managed_pages);
			pr_info("  start_pfn:           %lu\n", zone->zone_start_pfn);
		}
}

static void page_alloc_reset(void)
{
	page_poisoning_enabled = 0;
	nr_bad_pages = 0;
}
host_reset(page_alloc_reset);
