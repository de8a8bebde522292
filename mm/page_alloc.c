// SPDX-License-Identifier: GPL-2.0
/*
 * The buddy page allocator (Linux 6.1 mm/page_alloc.c core): per-zone free_area lists,
 * merging on free, splitting on allocation, the per-CPU page lists in front of them,
 * zonelist fallback, watermarks, GFP zone modifiers, bad_page reports and page poisoning;
 * /proc/buddyinfo and zoneinfo reports.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/version.h>
#include <asm/memory.h>

#define PAGE_POISON	0xaa

int page_poisoning_enabled;
unsigned long nr_bad_pages;

/* Why an allocation may dip below the watermarks (Linux's ALLOC_* flags, the few we use). */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_NO_WATERMARKS	0x04
#define ALLOC_HIGH		0x20

/* Linux's CONFIG_PCP_BATCH_SCALE_MAX (default): how far free_factor may scale a batch. */
#define PCP_BATCH_SCALE_MAX	5
/* Linux's boot_pageset, until setup_per_cpu_pageset(): every page goes straight through. */
#define BOOT_PAGESET_HIGH	0
#define BOOT_PAGESET_BATCH	1

int page_group_by_mobility_disabled;

int early_page_poison_param(char *buf)
{
	bool on;

	if (!buf || kstrtobool(buf, &on)) {
		bm_err("page_poison: expected a boolean, got \"%s\"\n", buf ? buf : "");
		return -EINVAL;
	}
	page_poisoning_enabled = on;
	return 0;
}
early_param("page_poison", early_page_poison_param);

static __always_inline enum zone_type __gfp_zone(gfp_t flags)
{
	gfp_t bit = flags & GFP_ZONEMASK;

	if (likely(!bit))
		return ZONE_NORMAL;
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

int gfp_migratetype(gfp_t flags)
{
	int migratetype = (flags & GFP_MOVABLE_MASK) >> GFP_MOVABLE_SHIFT;

	if (unlikely(migratetype == MIGRATE_PCPTYPES)) {
		WARN_ON(1);		/* Linux's VM_WARN_ON: movable and reclaimable at once */
		return MIGRATE_UNMOVABLE;
	}
	if (unlikely(page_group_by_mobility_disabled))
		return MIGRATE_UNMOVABLE;
	return migratetype;
}

/*
 * An allocated page's private: the order it was allocated with (checked when it is freed)
 * and, from bit 8, the migrate type it was allocated for. Linux frees a page to the per-CPU
 * list of its pageblock's type; bootmem has no pageblock types, so the page goes back to the
 * list of the type it was allocated for, which is what Linux's fallback makes a pageblock
 * the first time it hands out a page of another type from it.
 */
#define ALLOC_MT_SHIFT		8

static inline unsigned int alloc_private(unsigned int order, int migratetype)
{
	return order | (unsigned int)migratetype << ALLOC_MT_SHIFT;
}

static inline unsigned int alloc_order(const struct page *page)
{
	return page->private & ((1U << ALLOC_MT_SHIFT) - 1);
}

static inline int alloc_migratetype(const struct page *page)
{
	return page->private >> ALLOC_MT_SHIFT;
}

enum zone_type gfp_zone(gfp_t flags)
{
	return __gfp_zone(flags);
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
	bm_err("pagealloc: pfn %#lx offset %#x: %02x (expected %02x), allocated by %pS\n",
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

/* ---- per-CPU page lists (Linux 6.1's per_cpu_pages) ---- */

/*
 * The list of @order pages of @migratetype: three per order up to PAGE_ALLOC_COSTLY_ORDER,
 * then the two THP lists (pageblock_order), one for movable pages and one for the rest.
 */
static inline unsigned int order_to_pindex(int migratetype, unsigned int order)
{
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		return NR_LOWORDER_PCP_LISTS + (migratetype == MIGRATE_MOVABLE);
	return MIGRATE_PCPTYPES * order + migratetype;
}

static inline unsigned int pindex_to_order(unsigned int pindex)
{
	return pindex >= NR_LOWORDER_PCP_LISTS ? pageblock_order : pindex / MIGRATE_PCPTYPES;
}

static inline bool pcp_allowed_order(unsigned int order)
{
	return order <= PAGE_ALLOC_COSTLY_ORDER || order == pageblock_order;
}

static inline struct per_cpu_pages *this_cpu_pcp(struct zone *zone)
{
	return &zone->per_cpu_pageset[pcp_this_cpu()];
}

/*
 * Give @count pages of @pcp back to the buddy lists of @zone, the list @pindex first, then
 * round robin over the others; from each list the pages that waited longest (its tail).
 */
static noinline void free_pcppages_bulk(struct zone *zone, int count,
					struct per_cpu_pages *pcp, int pindex)
{
	int min_pindex = 0, max_pindex = NR_PCP_LISTS - 1;

	count = min(pcp->count, count);
	pindex = pindex - 1;
	while (count > 0) {
		struct list_head *list;
		unsigned int order;

		do {
			if (++pindex > max_pindex)
				pindex = min_pindex;
			list = &pcp->lists[pindex];
			if (!list_empty(list))
				break;
			if (pindex == max_pindex)
				max_pindex--;
			if (pindex == min_pindex)
				min_pindex++;
			if (max_pindex < min_pindex) {
				/* A count without pages: a bug. Linux would spin here forever. */
				WARN_ON(1);
				pcp->count = 0;
				return;
			}
		} while (1);

		order = pindex_to_order(pindex);
		do {
			struct page *page = list_last_entry(list, struct page, lru);

			list_del(&page->lru);
			count -= 1 << order;
			pcp->count -= 1 << order;
			__free_one_page(page, page_to_pfn(page), zone, order);
		} while (count > 0 && !list_empty(list));
	}
}

/* How many pages to free once the lists reach @high: a batch, doubling while only frees come. */
static noinline int nr_pcp_free(struct per_cpu_pages *pcp, int high, int batch, bool free_high)
{
	int min_nr_free, max_nr_free;

	if (free_high)
		return pcp->count;
	/* The boot pageset (or high below batch): one page at a time. */
	if (high < batch)
		return 1;
	min_nr_free = batch;
	max_nr_free = high - batch;
	batch <<= pcp->free_factor;
	if (batch < max_nr_free && pcp->free_factor < PCP_BATCH_SCALE_MAX)
		pcp->free_factor++;
	return clamp(batch, min_nr_free, max_nr_free);
}

/* Linux's nr_pcp_high(): reclaim never runs here, so ZONE_RECLAIM_ACTIVE never lowers it. */
static inline int nr_pcp_high(struct per_cpu_pages *pcp, bool free_high)
{
	if (!pcp->high || free_high)
		return 0;
	return pcp->high;
}

/* Linux's free_unref_page() and free_unref_page_commit(). */
static __always_inline void free_unref_page(struct page *page, unsigned int order,
					    int migratetype)
{
	struct zone *zone = page_zone(page);
	struct per_cpu_pages *pcp = this_cpu_pcp(zone);
	int pindex = order_to_pindex(migratetype, order), high;
	bool free_high;

	list_add(&page->lru, &pcp->lists[pindex]);
	pcp->count += 1 << order;
	/*
	 * High orders other than THP fragment memory while they wait: when frees come
	 * without allocations, keep none of them.
	 */
	free_high = order && order <= PAGE_ALLOC_COSTLY_ORDER && pcp->free_factor;
	high = nr_pcp_high(pcp, free_high);
	if (unlikely(pcp->count >= high))
		free_pcppages_bulk(zone, nr_pcp_free(pcp, high, pcp->batch, free_high), pcp,
				   pindex);
}

/* Take up to @count blocks of @order from the buddy lists onto @list, in address order. */
static noinline int rmqueue_bulk(struct zone *zone, unsigned int order, int count,
			struct list_head *list)
{
	int i;

	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue_smallest(zone, order);

		if (!page)
			break;
		list_add_tail(&page->lru, list);
	}
	return i;
}

/* Linux's rmqueue_pcplist() and __rmqueue_pcplist(): refill an empty list by a batch. */
static __always_inline struct page *rmqueue_pcplist(struct zone *zone, unsigned int order,
						    int migratetype)
{
	struct per_cpu_pages *pcp = this_cpu_pcp(zone);
	struct list_head *list = &pcp->lists[order_to_pindex(migratetype, order)];
	struct page *page;

	/* An allocation: frees that follow start again from one batch. */
	pcp->free_factor >>= 1;
	if (list_empty(list)) {
		int batch = pcp->batch;

		/* A real pageset moves fewer high-order pages; the boot pageset only one. */
		if (batch > 1)
			batch = max(batch >> order, 2);
		pcp->count += rmqueue_bulk(zone, order, batch, list) << order;
		if (list_empty(list))
			return NULL;
	}
	page = list_first_entry(list, struct page, lru);
	list_del(&page->lru);
	pcp->count -= 1 << order;
	return page;
}

static __always_inline struct page *rmqueue(struct zone *zone, unsigned int order,
					    int migratetype)
{
	if (pcp_allowed_order(order)) {
		struct page *page = rmqueue_pcplist(zone, order, migratetype);

		if (page)
			return page;
	}
	return __rmqueue_smallest(zone, order);
}

static void drain_pages_zone(unsigned int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];

	while (pcp->count)
		free_pcppages_bulk(zone, min(pcp->count, pcp->batch << PCP_BATCH_SCALE_MAX),
				   pcp, 0);
}

static void drain_pages(unsigned int cpu)
{
	struct zone *zone;
	int nid;

	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid))
			if (populated_zone(zone))
				drain_pages_zone(cpu, zone);
}

void drain_local_pages(struct zone *zone)
{
	if (zone)
		drain_pages_zone(pcp_this_cpu(), zone);
	else
		drain_pages(pcp_this_cpu());
}

void drain_all_pages(struct zone *zone)
{
	unsigned int cpu;

	for_each_pcp_cpu(cpu) {
		if (zone)
			drain_pages_zone(cpu, zone);
		else
			drain_pages(cpu);
	}
}

unsigned long zone_pcp_count(const struct zone *zone)
{
	unsigned long count = 0;
	unsigned int cpu;

	for_each_pcp_cpu(cpu)
		count += zone->per_cpu_pageset[cpu].count;
	return count;
}

/* ---- per-CPU list sizes (Linux's zone_batchsize, zone_highsize) ---- */

/*
 * About a quarter of 0.1% of the zone, at most a quarter of 1 MiB, times 1.5 rounded down
 * to a power of two, minus one (2^n - 1 spreads page colours better than 2^n).
 */
static int zone_batchsize(const struct zone *zone)
{
	int batch = min(zone_managed_pages(zone) >> 10, (unsigned long)(SZ_1M / PAGE_SIZE));

	batch /= 4;
	if (batch < 1)
		batch = 1;
	return (1 << (fls64(batch + batch / 2) - 1)) - 1;
}

/*
 * The zone's low watermark split over the CPUs of its node (all online CPUs for a node
 * without any), so that full lists do not wake reclaim early; at least 4 batches. Linux
 * counts the node's online CPUs; bootmem runs on one CPU, so both counts are 1. With
 * @high_fraction (6.12's high_max: 8), 1/@high_fraction of the zone instead.
 */
static int zone_highsize(const struct zone *zone, int batch, int high_fraction)
{
	int nr_split_cpus = PCP_NR_CPUS;	/* online CPUs */
	unsigned long total = high_fraction ? zone_managed_pages(zone) / high_fraction :
					      low_wmark_pages(zone);

	return max((int)(total / nr_split_cpus), batch << 2);
}

/* 6.12's MIN_PERCPU_PAGELIST_HIGH_FRACTION: a CPU's list may grow to 1/8 of its zone. */
#define MIN_PERCPU_PAGELIST_HIGH_FRACTION	8

static void per_cpu_pages_init(struct per_cpu_pages *pcp)
{
	int pindex;

	memset(pcp, 0, sizeof(*pcp));
	for (pindex = 0; pindex < NR_PCP_LISTS; pindex++)
		INIT_LIST_HEAD(&pcp->lists[pindex]);
	pcp->high = pcp->high_min = pcp->high_max = BOOT_PAGESET_HIGH;
	pcp->batch = BOOT_PAGESET_BATCH;
}

void zone_pcp_init(struct zone *zone)
{
	unsigned int cpu;

	for_each_pcp_cpu(cpu)
		per_cpu_pages_init(&zone->per_cpu_pageset[cpu]);
	zone->pageset_high = zone->pageset_high_max = BOOT_PAGESET_HIGH;
	zone->pageset_batch = BOOT_PAGESET_BATCH;
	zone->stat_threshold = 0;
}

/* 6.12's pageset_update() sets the bounds; high itself stays at high_min here (see mmzone.h). */
static void __zone_set_pageset_high_and_batch(struct zone *zone, int high, int high_max,
					      int batch)
{
	unsigned int cpu;

	for_each_pcp_cpu(cpu) {
		struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];

		pcp->high = pcp->high_min = high;
		pcp->high_max = high_max;
		pcp->batch = batch;
	}
}

/*
 * 6.1: high from the low watermark. 6.12 (mm/page_alloc.c, the PCP auto-tuning of 6.7): that
 * value becomes high_min, and high_max is 1/8 of the zone.
 */
static void zone_set_pageset_high_and_batch(struct zone *zone)
{
	int new_batch = max(1, zone_batchsize(zone));
	int new_high = zone_highsize(zone, new_batch, 0);
	int new_high_max = linux_since(6, 12) ?
		zone_highsize(zone, new_batch, MIN_PERCPU_PAGELIST_HIGH_FRACTION) : new_high;

	if (zone->pageset_high == new_high && zone->pageset_high_max == new_high_max &&
	    zone->pageset_batch == new_batch)
		return;
	zone->pageset_high = new_high;
	zone->pageset_high_max = new_high_max;
	zone->pageset_batch = new_batch;
	__zone_set_pageset_high_and_batch(zone, new_high, new_high_max, new_batch);
}

/* Linux's zone_pcp_disable() (memory offlining): every page straight to the buddy lists. */
void zone_pcp_disable(struct zone *zone)
{
	__zone_set_pageset_high_and_batch(zone, BOOT_PAGESET_HIGH, BOOT_PAGESET_HIGH,
					  BOOT_PAGESET_BATCH);
	drain_all_pages(zone);
}

void zone_pcp_enable(struct zone *zone)
{
	__zone_set_pageset_high_and_batch(zone, zone->pageset_high, zone->pageset_high_max,
					  zone->pageset_batch);
}

void zone_pcp_update(struct zone *zone)
{
	zone_set_pageset_high_and_batch(zone);
}

static void setup_zone_pageset(struct zone *zone)
{
	unsigned int cpu;

	/* The boot pageset never keeps a page (high 0): there is nothing to carry over. */
	for_each_pcp_cpu(cpu)
		per_cpu_pages_init(&zone->per_cpu_pageset[cpu]);
	zone_set_pageset_high_and_batch(zone);
}

/* Populated zones get their lists; the empty ones stay on the boot pageset, as in Linux. */
void setup_per_cpu_pageset(void)
{
	struct zone *zone;
	int nid;

	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid))
			if (populated_zone(zone))
				setup_zone_pageset(zone);
}

/*
 * Linux's calculate_normal_threshold(): how far a CPU's counters may drift, more with more
 * CPUs and more memory (in 128 MiB units), at most 125.
 */
static int calculate_normal_threshold(const struct zone *zone)
{
	int mem = zone_managed_pages(zone) >> (27 - PAGE_SHIFT);
	int threshold = 2 * fls64(PCP_NR_CPUS /* online CPUs */) * (1 + fls64(mem));

	return min(125, threshold);
}

void refresh_zone_stat_thresholds(void)
{
	struct zone *zone;
	int nid;

	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid))
			if (populated_zone(zone))
				zone->stat_threshold = calculate_normal_threshold(zone);
}

/* ---- free ---- */

/* The report for a block free_page_is_ok() refused: the first check that fails, in order. */
static noinline void free_page_report(struct page *page, unsigned int order,
				      unsigned long caller)
{
	unsigned long i;

	if (PageBuddy(page)) {
		bad_page(page, "double free: page is already on a free list", caller);
	} else if (PageReserved(page)) {
		bad_page(page, "PAGE_FLAGS_CHECK_AT_FREE flag(s) set", caller);
	} else if (page_ref_count(page) != 1) {
		bad_page(page, page_ref_count(page) == 0 ?
			 "page is not allocated (refcount 0): double free or tail page" :
			 "nonzero _refcount", caller);
	} else if (alloc_order(page) != order) {
		char why[64];

		scnprintf(why, sizeof(why), "freed as order %u, allocated as order %u",
			  order, alloc_order(page));
		bad_page(page, why, caller);
	} else {
		for (i = 1; i < (1UL << order); i++)
			if (PageBuddy(page + i) || PageReserved(page + i) ||
			    page_ref_count(page + i)) {
				bad_page(page + i, "tail page of the freed block is not allocated",
					 caller);
				break;
			}
	}
}

#define PAGE_FLAGS_CHECK_AT_FREE	(1UL << PG_buddy | 1UL << PG_reserved)

/*
 * False (after a report) if @page may not be freed as a 2^order block: it is free already,
 * reserved, not allocated, allocated with another order, or a tail page is not part of it.
 */
static inline bool free_page_is_ok(struct page *page, unsigned int order, unsigned long caller)
{
	unsigned long i;

	if (unlikely((page->flags & PAGE_FLAGS_CHECK_AT_FREE) || page_ref_count(page) != 1 ||
		     alloc_order(page) != order))
		goto bad;
	for (i = 1; i < (1UL << order); i++)
		if (unlikely((page[i].flags & PAGE_FLAGS_CHECK_AT_FREE) || page_ref_count(page + i)))
			goto bad;
	return true;
bad:
	free_page_report(page, order, caller);
	return false;
}

/*
 * Linux's free_pages_prepare(): the checks, then the block is free (count 0, no order) and
 * poisoned if asked. False (after a report) if it must not be freed.
 */
static inline bool free_pages_prepare(struct page *page, unsigned int order,
				      unsigned long caller)
{
	if (unlikely(order >= MAX_ORDER)) {
		bad_page(page, "order beyond MAX_ORDER", caller);
		return false;
	}
	if (!free_page_is_ok(page, order, caller))
		return false;
	set_page_count(page, 0);
	page->private = 0;
	if (unlikely(page_poisoning_enabled))
		kernel_poison_pages(page, 1U << order);
	return true;
}

/* The boot hand-off (__free_pages_core) frees here: past the per-CPU lists, as Linux's. */
void __free_pages_ok(struct page *page, unsigned int order)
{
	if (free_pages_prepare(page, order, _RET_IP_))
		__free_one_page(page, page_to_pfn(page), page_zone(page), order);
}

/*
 * The same for a block __free_pages_core() has just prepared (every page free of PG_buddy
 * and PG_reserved, count 0, the head allocated as @order): the checks would all pass.
 */
void __free_pages_ok_checked(struct page *page, unsigned int order)
{
	set_page_count(page, 0);
	page->private = 0;
	if (unlikely(page_poisoning_enabled))
		kernel_poison_pages(page, 1U << order);
	__free_one_page(page, page_to_pfn(page), page_zone(page), order);
}

static __always_inline void free_the_page(struct page *page, unsigned int order,
					  unsigned long caller)
{
	int migratetype = alloc_migratetype(page);

	if (!free_pages_prepare(page, order, caller))
		return;
	if (pcp_allowed_order(order)) {
		/* Linux keeps only the first three types on the lists; others count as movable. */
		if (migratetype >= MIGRATE_PCPTYPES)
			migratetype = MIGRATE_MOVABLE;
		free_unref_page(page, order, migratetype);
		return;
	}
	__free_one_page(page, page_to_pfn(page), page_zone(page), order);
}

/* free_the_page() for any order, poisoning on or off (out of line: the order-0 path stays short). */
static noinline void free_the_page_any(struct page *page, unsigned int order, unsigned long caller)
{
	free_the_page(page, order, caller);
}

/*
 * free_the_page() with the order known to be 0 in the common case, an order-0 page with
 * poisoning off: the same code, compiled for order 0 (Linux's free_pages_prepare() checks
 * tail pages only "if (unlikely(order))", and its kernel_poison_pages() is behind a static
 * key), so the short path makes no call.
 */
static __always_inline void free_the_page_fast(struct page *page, unsigned int order,
					       unsigned long caller)
{
	if (likely(!order && !page_poisoning_enabled))
		free_the_page(page, 0, caller);
	else
		free_the_page_any(page, order, caller);
}

void __free_pages(struct page *page, unsigned int order)
{
	free_the_page_fast(page, order, _RET_IP_);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		free_the_page_fast(virt_to_page((void *)addr), order, _RET_IP_);
}

/* ---- allocate ---- */

/* A free block of @order or larger in @z (out of line: the order-0 path stays short). */
static noinline bool zone_has_free_block(const struct zone *z, unsigned int order)
{
	unsigned int o;

	for (o = order; o < MAX_ORDER; o++)
		if (z->free_area[o].nr_free)
			return true;
	return false;
}

static inline bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
				     unsigned int alloc_flags)
{
	long free_pages;

	/* Linux's zone_watermark_fast(): an order-0 request above the mark needs no more. */
	if (!order && (long)z->free_pages > (long)mark)
		return true;
	free_pages = (long)z->free_pages - (1L << order) + 1;
	long min = mark;

	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (free_pages <= min)
		return false;
	return !order || zone_has_free_block(z, order);
}

/* A page from the free lists that is poisoned, reserved or in use: check and report it. */
static noinline void check_new_page_bad(struct page *page, unsigned long caller)
{
	if (PagePoisoned(page))
		check_poison_page(page, caller);
	if (PageReserved(page) || page_ref_count(page))
		bad_page(page, "free page is reserved or in use", caller);
}

static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp, int migratetype,
			  unsigned long caller)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++)
		if (unlikely((page[i].flags & (1UL << PG_poisoned | 1UL << PG_reserved)) ||
			     page_ref_count(page + i)))
			check_new_page_bad(page + i, caller);
	page->private = alloc_private(order, migratetype);	/* checked by __free_pages */
	set_page_refcounted(page);
	if (unlikely(gfp & __GFP_ZERO))
		memset(page_address(page), 0, PAGE_SIZE << order);
}

static inline int first_online_node(void)
{
	return node_online_map.bits ? __builtin_ctzl(node_online_map.bits) : NUMA_NO_NODE;
}

/*
 * Linux's zone_statistics(): did the page come from the node it was meant for, and from the
 * allocating CPU's? bootmem runs on the boot CPU alone, on the first online node.
 */
static __always_inline void zone_statistics(struct zone *preferred_zone, struct zone *z)
{
	if (zone_to_nid(z) == zone_to_nid(preferred_zone)) {
		z->vm_numa_event[NUMA_HIT]++;
	} else {
		z->vm_numa_event[NUMA_MISS]++;
		preferred_zone->vm_numa_event[NUMA_FOREIGN]++;
	}
	z->vm_numa_event[zone_to_nid(z) == first_online_node() ? NUMA_LOCAL : NUMA_OTHER]++;
}

static __always_inline struct page *get_page_from_freelist(gfp_t gfp, unsigned int order,
							   int nid, enum zone_type highest,
							   unsigned int alloc_flags,
							   int migratetype)
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
		/* Linux counts in rmqueue_pcplist() and rmqueue_buddy(), for either source. */
		page = rmqueue(zone, order, migratetype);
		if (page) {
			zone_statistics(preferred_zone, zone);
			return page;
		}
	}
	return NULL;
}

/*
 * get_page_from_freelist()'s first step for an order-0 request above the low watermark, in
 * straight code: the zonelist's first zone the request may use (Linux's preferred_zoneref),
 * its watermark, the page from its per-CPU list and the counts; NULL wherever the loop would
 * go further (another zone, a refill, __GFP_THISNODE on another node), and the caller then
 * runs the loop from the start: nothing has changed yet, so the result is the loop's.
 */
static __always_inline struct page *rmqueue_pcplist_preferred(gfp_t gfp, int nid,
							     enum zone_type highest,
							     int migratetype)
{
	struct zoneref *z = NODE_DATA(nid)->node_zonelists[0]._zonerefs;
	struct zone *zone = z->zone;
	struct per_cpu_pages *pcp;
	struct list_head *list;
	struct page *page;

	if (unlikely(!zone || z->zone_idx > highest ||
		     ((gfp & __GFP_THISNODE) && zone_to_nid(zone) != nid)))
		return NULL;
	/* zone_watermark_ok()'s order-0 test, the one that can pass on its own */
	if (unlikely((long)zone->free_pages <= (long)low_wmark_pages(zone)))
		return NULL;
	pcp = this_cpu_pcp(zone);
	list = &pcp->lists[order_to_pindex(migratetype, 0)];
	if (unlikely(list_empty(list)))
		return NULL;
	/* rmqueue_pcplist() on a list that has pages */
	pcp->free_factor >>= 1;
	page = list_first_entry(list, struct page, lru);
	list_del(&page->lru);
	pcp->count--;
	zone_statistics(zone, zone);
	return page;
}

/*
 * Linux's __alloc_pages_slowpath(), what is left of it without reclaim or compaction: down
 * to the min watermark (half of it for __GFP_HIGH); then, as __alloc_pages_direct_reclaim()
 * does after reclaiming, the per-CPU lists go back to the buddy lists and one more attempt
 * is made, for requests that may reclaim.
 */
static noinline struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order, int nid,
						    enum zone_type highest,
						    unsigned int alloc_flags, int migratetype,
						    unsigned long caller)
{
	struct page *page = NULL;

	if (alloc_flags != ALLOC_NO_WATERMARKS) {
		alloc_flags = ALLOC_WMARK_MIN | ((gfp & __GFP_HIGH) ? ALLOC_HIGH : 0);
		page = get_page_from_freelist(gfp, order, nid, highest, alloc_flags,
					      migratetype);
	}
	if (!page && (gfp & __GFP_DIRECT_RECLAIM)) {
		drain_all_pages(NULL);
		page = get_page_from_freelist(gfp, order, nid, highest, alloc_flags,
					      migratetype);
	}
	if (!page && !(gfp & __GFP_NOWARN))
		bm_warn("%s: page allocation failure: order:%u, mode:%#x, nodemask=(null) caller %pS\n",
			"swapper/0", order, gfp, (void *)caller);
	return page;
}

static noinline struct page *alloc_order_too_big(gfp_t gfp, unsigned int order,
						 unsigned long caller)
{
	if (!(gfp & __GFP_NOWARN))
		bm_warn("WARNING: page allocation of order %u (max %d) from %pS\n",
			order, MAX_ORDER - 1, (void *)caller);
	return NULL;
}

/* Linux's __alloc_pages(): the fast path above the low watermark, else the slow path. */
static struct page *__alloc_pages_nid(gfp_t gfp, unsigned int order, int nid,
						     unsigned long caller)
{
	enum zone_type highest = __gfp_zone(gfp);
	int migratetype = gfp_migratetype(gfp);
	unsigned int alloc_flags = ALLOC_WMARK_LOW;
	struct page *page;

	if (unlikely(order >= MAX_ORDER))
		return alloc_order_too_big(gfp, order, caller);
	if (unlikely(gfp & __GFP_MEMALLOC))
		alloc_flags = ALLOC_NO_WATERMARKS;
	page = NULL;
	if (likely(!order && alloc_flags == ALLOC_WMARK_LOW))
		page = rmqueue_pcplist_preferred(gfp, nid, highest, migratetype);
	if (unlikely(!page))
		page = get_page_from_freelist(gfp, order, nid, highest, alloc_flags, migratetype);
	if (unlikely(!page)) {
		page = __alloc_pages_slowpath(gfp, order, nid, highest, alloc_flags, migratetype,
					      caller);
		if (!page)
			return NULL;
	}
	prep_new_page(page, order, gfp, migratetype, caller);
	return page;
}

/* @nid as asked for if it is an online node with its NODE_DATA, else the first online node. */
static __always_inline int usable_nid(int nid)
{
	if (likely(nid >= 0 && nid < MAX_NUMNODES && node_online(nid) && NODE_DATA(nid)))
		return nid;
	return first_online_node();
}

static struct page *__alloc_pages_caller(gfp_t gfp, unsigned int order, int nid,
						  unsigned long caller)
{
	nid = usable_nid(nid);
	if (nid == NUMA_NO_NODE)
		return NULL;
	return __alloc_pages_nid(gfp, order, nid, caller);
}

struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid, void *nodemask)
{
	return __alloc_pages_caller(gfp, order, preferred_nid, _RET_IP_);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	int nid = first_online_node();

	if (unlikely(nid == NUMA_NO_NODE || !NODE_DATA(nid)))
		return NULL;
	return __alloc_pages_nid(gfp, order, nid, _RET_IP_);
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

size_t zoneinfo_pagesets(const struct zone *zone, char *buf, size_t size)
{
	size_t len = scnprintf(buf, size, "\n  pagesets");
	unsigned int cpu;

	for_each_pcp_cpu(cpu) {
		const struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];

		len += scnprintf(buf + len, size - len,
				 "\n    cpu: %i\n              count: %i\n              high:  %i"
				 "\n              batch: %i\n  vm stats threshold: %d",
				 cpu, pcp->count, pcp->high, pcp->batch, zone->stat_threshold);
	}
	return len;
}

/* The head of each zone's /proc/zoneinfo entry, and the per-CPU lists of populated zones. */
void show_zoneinfo(void)
{
	struct zone *zone;
	char buf[ZONEINFO_PAGESETS_MAX], *line, *next;
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
			if (populated_zone(zone)) {
				zoneinfo_pagesets(zone, buf, sizeof(buf));
				for (line = buf + 1; line; line = next) {
					next = strchr(line, '\n');
					if (next)
						*next++ = 0;
					pr_info("%s\n", line);
				}
			}
			pr_info("  start_pfn:           %lu\n", zone->zone_start_pfn);
		}
}

static void page_alloc_reset(void)
{
	page_poisoning_enabled = 0;
	nr_bad_pages = 0;
	page_group_by_mobility_disabled = 0;
}
host_reset(page_alloc_reset);
