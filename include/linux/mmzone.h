/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Nodes (pg_data_t), zones, buddy free areas, zonelists and the sparse memory sections
 * that hold the memmap, with Linux 6.1's names and meanings.
 */
#ifndef _BOOTMEM_LINUX_MMZONE_H
#define _BOOTMEM_LINUX_MMZONE_H

#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/numa.h>
#include <linux/mm_types.h>
#include <linux/vmstat.h>

/* orders 0 .. MAX_ORDER-1: 4 MiB blocks with 4 KiB pages, 32 MiB with 16 KiB */
#define MAX_ORDER		(ARCH_FORCE_MAX_ORDER + 1)
/*
 * Linux 6.12's name for the largest order, MAX_ORDER - 1 in 6.1's terms: the same orders
 * (0..10 with 4 KiB pages), renamed; 6.12's MAX_ORDER is gone.
 */
#define MAX_PAGE_ORDER		(MAX_ORDER - 1)
#define MAX_ORDER_NR_PAGES	(1UL << (MAX_ORDER - 1))
/*
 * A PMD's worth (HUGETLB_PAGE_ORDER): the pages one last-level table of PAGE_SIZE / 8
 * entries maps, order 9 with 4 KiB pages (2 MiB), 11 with 16 KiB (32 MiB).
 */
#define pageblock_order		(PAGE_SHIFT - 3)
#define pageblock_nr_pages	(1UL << pageblock_order)
#define pageblock_start_pfn(pfn)	round_down(pfn, pageblock_nr_pages)
#define pageblock_end_pfn(pfn)	ALIGN((pfn) + 1, pageblock_nr_pages)

/*
 * Linux's migrate types. bootmem keeps one free list per order (no mobility grouping, no
 * pageblock types); the types choose a page's per-CPU list (see mm/page_alloc.c).
 */
enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES,	/* the types the per-CPU lists keep apart */
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	MIGRATE_CMA,
	MIGRATE_ISOLATE,
	MIGRATE_TYPES
};

enum zone_type {
	ZONE_DMA,
	ZONE_DMA32,
	ZONE_NORMAL,
	ZONE_MOVABLE,
	MAX_NR_ZONES
};
#define ZONES_SHIFT	2

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	WMARK_PROMO,	/* memory tiering's promotion mark; /proc/zoneinfo shows it from 6.12 */
	NR_WMARK
};

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;
};

/*
 * Per-CPU page lists (Linux 6.1's struct per_cpu_pages, CONFIG_TRANSPARENT_HUGEPAGE): one
 * list per migrate type for orders 0 to PAGE_ALLOC_COSTLY_ORDER, and two (unmovable and
 * reclaimable, movable) for pageblock-order THP pages. Allocations and frees of those orders
 * use the current CPU's lists and move pages to and from the buddy lists batch at a time.
 */
#define PAGE_ALLOC_COSTLY_ORDER	3
#define NR_PCP_THP		2
#define NR_LOWORDER_PCP_LISTS	(MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1))
#define NR_PCP_LISTS		(NR_LOWORDER_PCP_LISTS + NR_PCP_THP)

/*
 * The CPUs that have per-CPU lists: bootmem runs on the boot CPU alone (with -smp N the
 * secondaries stay parked), so a zone has one pageset, CPU 0's, and one CPU is online.
 * Linux has one per possible CPU.
 */
#define PCP_NR_CPUS		1
#define pcp_this_cpu()		0
#define for_each_pcp_cpu(cpu)	for ((cpu) = 0; (cpu) < PCP_NR_CPUS; (cpu)++)

struct per_cpu_pages {
	int count;		/* pages on the lists (an order-n page counts 2^n) */
	int high;		/* at this count, a batch goes back to the buddy lists */
	/*
	 * 6.12's bounds of high (its auto-tuning moves high between them as pages come and go,
	 * and decays it to high_min when idle; bootmem keeps it at high_min). 6.1: both high.
	 */
	int high_min, high_max;
	int batch;		/* pages moved to or from the buddy lists at a time */
	short free_factor;	/* batch scaling while frees come without allocations */
	struct list_head lists[NR_PCP_LISTS];
};

struct pglist_data;

struct zone {
	unsigned long _watermark[NR_WMARK];
	/*
	 * Pages an allocation that could have used zone i kept free here (zoneinfo's
	 * "protection"): the managed pages of the zones above, / sysctl_lowmem_reserve_ratio.
	 */
	long lowmem_reserve[MAX_NR_ZONES];
	struct pglist_data *zone_pgdat;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* zone_end_pfn - zone_start_pfn, holes included */
	unsigned long present_pages;	/* spanned minus holes (memblock.memory, nomap too) */
	unsigned long managed_pages;	/* pages handed to the buddy allocator */
	unsigned long free_pages;	/* NR_FREE_PAGES */
	const char *name;
	int node;
	struct free_area free_area[MAX_ORDER];
	/*
	 * Linux's zone->per_cpu_pageset (one per possible CPU), what setup_zone_pageset()
	 * last gave them, and per_cpu_zonestats' "vm stats threshold" (the same on every CPU).
	 */
	struct per_cpu_pages per_cpu_pageset[PCP_NR_CPUS];
	int pageset_high, pageset_high_max, pageset_batch;	/* pageset_high: high_min */
	int stat_threshold;
	unsigned long vm_numa_event[NR_VM_NUMA_EVENT_ITEMS];	/* numa_hit ... numa_other */
};

#define min_wmark_pages(z)	((z)->_watermark[WMARK_MIN])
#define low_wmark_pages(z)	((z)->_watermark[WMARK_LOW])
#define high_wmark_pages(z)	((z)->_watermark[WMARK_HIGH])
#define promo_wmark_pages(z)	((z)->_watermark[WMARK_PROMO])
#define wmark_pages(z, i)	((z)->_watermark[i])

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return zone->zone_start_pfn <= pfn && pfn < zone_end_pfn(zone);
}

static inline unsigned long zone_managed_pages(const struct zone *zone)
{
	return zone->managed_pages;
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline bool managed_zone(const struct zone *zone)
{
	return zone->managed_pages != 0;
}

/* One zoneref per (node, zone) pair in fallback order, NULL-terminated. */
struct zoneref {
	struct zone *zone;
	int zone_idx;
};

#define MAX_ZONES_PER_ZONELIST	(MAX_NUMNODES * MAX_NR_ZONES)
struct zonelist {
	struct zoneref _zonerefs[MAX_ZONES_PER_ZONELIST + 1];
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[1];	/* ZONELIST_FALLBACK */
	int nr_zones;
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	int node_id;
} pg_data_t;

/*
 * Linux 6.1 arm64 allocates NODE_DATA with sizeof(pg_data_t) = 0x2c80 bytes; we allocate
 * the same so the top-down allocations after it land where Linux's do (ours is smaller).
 */
#define LINUX_PGDAT_SIZE	0x2c80
/* Linux 6.12's (Debian 6.12.117: NODE_DATA(0) allocated [mem 0x7fd07a80-0x7fd0b1bf]). */
#define LINUX_612_PGDAT_SIZE	0x3740

extern struct pglist_data *node_data[MAX_NUMNODES];
#define NODE_DATA(nid)		(node_data[nid])
#define pgdat_end_pfn(pgdat)	((pgdat)->node_start_pfn + (pgdat)->node_spanned_pages)

static inline int zone_idx(const struct zone *zone)
{
	return zone - zone->zone_pgdat->node_zones;
}

static inline int zone_to_nid(const struct zone *zone)
{
	return zone->node;
}

extern const char * const zone_names[MAX_NR_ZONES];

#define for_each_zone_in_node(zone, pgdat) \
	for ((zone) = (pgdat)->node_zones; (zone) < (pgdat)->node_zones + MAX_NR_ZONES; (zone)++)

/* ---- SPARSEMEM: 128 MiB sections, each with its own piece of memmap ---- */
#define SECTION_SIZE_BITS	27
#define MAX_PHYSMEM_BITS	48
#define PFN_SECTION_SHIFT	(SECTION_SIZE_BITS - PAGE_SHIFT)
#define PAGES_PER_SECTION	(1UL << PFN_SECTION_SHIFT)
#define PAGE_SECTION_MASK	(~(PAGES_PER_SECTION - 1))
#define SECTIONS_SHIFT		(MAX_PHYSMEM_BITS - SECTION_SIZE_BITS)
#define NR_MEM_SECTIONS		(1UL << SECTIONS_SHIFT)

/*
 * 32 bytes, like Linux 6.1 arm64's mem_section (map, usage, page_ext, pad), so the root
 * array and the per-root arrays are the sizes Linux allocates (128 KiB and 4 KiB).
 */
struct mem_section {
	struct page *mem_map;		/* struct page of the section's first pfn */
	void *usage;			/* Linux's mem_section_usage (pageblock flags) */
	unsigned long flags;
	unsigned long nid;
};
#define SECTION_MARKED_PRESENT	(1UL << 0)	/* some memblock.memory in it */
#define SECTION_HAS_MEM_MAP	(1UL << 1)
#define SECTION_IS_EARLY	(1UL << 2)

#define SECTIONS_PER_ROOT	(PAGE_SIZE / sizeof(struct mem_section))
#define NR_SECTION_ROOTS	DIV_ROUND_UP(NR_MEM_SECTIONS, SECTIONS_PER_ROOT)
#define SECTION_NR_TO_ROOT(sec)	((sec) / SECTIONS_PER_ROOT)
#define SECTION_ROOT_MASK	(SECTIONS_PER_ROOT - 1)

extern struct mem_section **mem_section;

static inline unsigned long pfn_to_section_nr(unsigned long pfn)
{
	return pfn >> PFN_SECTION_SHIFT;
}

static inline unsigned long section_nr_to_pfn(unsigned long sec)
{
	return sec << PFN_SECTION_SHIFT;
}

static inline struct mem_section *__nr_to_section(unsigned long nr)
{
	unsigned long root = SECTION_NR_TO_ROOT(nr);

	if (nr >= NR_MEM_SECTIONS || !mem_section || !mem_section[root])
		return NULL;
	return &mem_section[root][nr & SECTION_ROOT_MASK];
}

static inline struct mem_section *__pfn_to_section(unsigned long pfn)
{
	return __nr_to_section(pfn_to_section_nr(pfn));
}

static inline bool present_section(const struct mem_section *ms)
{
	return ms && (ms->flags & SECTION_MARKED_PRESENT);
}

static inline bool valid_section(const struct mem_section *ms)
{
	return ms && (ms->flags & SECTION_HAS_MEM_MAP);
}

/*
 * As Linux 6.1 (generic SPARSEMEM pfn_valid): true for every pfn of an early section that
 * has a memmap, holes and NOMAP pages included. It says "has a struct page", not "is RAM".
 */
static inline int pfn_valid(unsigned long pfn)
{
	if (PHYS_PFN(PFN_PHYS(pfn)) != pfn)
		return 0;
	if (pfn_to_section_nr(pfn) >= NR_MEM_SECTIONS)
		return 0;
	return valid_section(__pfn_to_section(pfn));
}

/* mm/sparse.c */
void sparse_init(void);
unsigned long sparse_memmap_bytes(void);
/* The memblock bytes behind each present section's memmap (Linux's 2 MiB vmemmap slot). */
unsigned long sparse_section_map_size(void);

#endif
