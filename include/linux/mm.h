/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct page helpers (flags, pfn <-> page <-> address), totalram accounting and the boot
 * entry points of the memory-model code in mm/ (nodes, zones, memmap, buddy).
 */
#ifndef _BOOTMEM_LINUX_MM_H
#define _BOOTMEM_LINUX_MM_H

#include <linux/kernel.h>
#include <linux/mmzone.h>
#include <linux/gfp.h>
#include <asm/memory.h>

/* ---- page->flags: page bits low, then zone, node, section at the top (Linux's order) ---- */
enum pageflags {
	PG_reserved,	/* not for the allocator: kernel, memblock.reserved, NOMAP, holes */
	PG_buddy,	/* heads a free block on a free_area list (Linux keeps this in page_type) */
	PG_poisoned,	/* filled with PAGE_POISON while free (page_poison=1) */
	NR_PAGEFLAGS
};

#define SECTIONS_WIDTH		SECTIONS_SHIFT
#define NODES_WIDTH		NODES_SHIFT
#define ZONES_WIDTH		ZONES_SHIFT
#define SECTIONS_PGSHIFT	(64 - SECTIONS_WIDTH)
#define NODES_PGSHIFT		(SECTIONS_PGSHIFT - NODES_WIDTH)
#define ZONES_PGSHIFT		(NODES_PGSHIFT - ZONES_WIDTH)
#define SECTIONS_MASK		((1UL << SECTIONS_WIDTH) - 1)
#define NODES_MASK		((1UL << NODES_WIDTH) - 1)
#define ZONES_MASK		((1UL << ZONES_WIDTH) - 1)

#define __PAGEFLAG(name, bit)						\
static inline bool Page##name(const struct page *p)			\
{ return p->flags >> (bit) & 1; }					\
static inline void __SetPage##name(struct page *p)			\
{ p->flags |= 1UL << (bit); }						\
static inline void __ClearPage##name(struct page *p)			\
{ p->flags &= ~(1UL << (bit)); }
__PAGEFLAG(Reserved, PG_reserved)
__PAGEFLAG(Buddy, PG_buddy)
__PAGEFLAG(Poisoned, PG_poisoned)
#define SetPageReserved		__SetPageReserved
#define ClearPageReserved	__ClearPageReserved

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (page->flags >> ZONES_PGSHIFT) & ZONES_MASK;
}

static inline int page_to_nid(const struct page *page)
{
	return (page->flags >> NODES_PGSHIFT) & NODES_MASK;
}

static inline unsigned long page_to_section(const struct page *page)
{
	return (page->flags >> SECTIONS_PGSHIFT) & SECTIONS_MASK;
}

static inline void set_page_links(struct page *page, enum zone_type zone, int nid,
				  unsigned long pfn)
{
	page->flags &= (1UL << ZONES_PGSHIFT) - 1;
	page->flags |= (unsigned long)zone << ZONES_PGSHIFT;
	page->flags |= (unsigned long)nid << NODES_PGSHIFT;
	page->flags |= pfn_to_section_nr(pfn) << SECTIONS_PGSHIFT;
}

static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(page_to_nid(page))->node_zones[page_zonenum(page)];
}

static inline int page_ref_count(const struct page *page) { return page->_refcount; }
static inline void set_page_count(struct page *page, int v) { page->_refcount = v; }
static inline void set_page_refcounted(struct page *page) { page->_refcount = 1; }
/* We never map pages into user space: the mapcount Linux prints is always 0. */
static inline int page_mapcount(const struct page *page) { return 0; }

/* ---- pfn <-> struct page <-> linear-map address (classic SPARSEMEM) ---- */
static inline struct page *pfn_to_page(unsigned long pfn)
{
	return __pfn_to_section(pfn)->mem_map + (pfn & ~PAGE_SECTION_MASK);
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	unsigned long sec = page_to_section(page);

	return section_nr_to_pfn(sec) + (page - __nr_to_section(sec)->mem_map);
}

#define page_to_phys(page)	PFN_PHYS(page_to_pfn(page))
#define page_address(page)	phys_to_virt(page_to_phys(page))
#define virt_to_page(addr)	pfn_to_page(PHYS_PFN(virt_to_phys(addr)))
#define virt_to_pfn(addr)	PHYS_PFN(virt_to_phys(addr))

/* ---- page counts ---- */
extern unsigned long max_pfn, min_low_pfn, max_low_pfn;
extern unsigned long totalram_pages_count;
extern unsigned long totalcma_pages;		/* mm/cma.c */
static inline unsigned long totalram_pages(void) { return totalram_pages_count; }
static inline void totalram_pages_add(long count) { totalram_pages_count += count; }
unsigned long get_num_physpages(void);
/* Each zone's high watermark plus its largest lowmem_reserve, summed (Linux's). */
extern unsigned long totalreserve_pages;
unsigned long nr_free_pages(void);

/* ---- boot (see docs/zones.md for the order) ---- */
extern int mminit_loglevel;
extern int page_alloc_selftest_enabled;
extern int page_poisoning_enabled;
extern int min_free_kbytes;
extern int watermark_scale_factor;

int set_mminit_loglevel(char *str);
int early_page_poison_param(char *str);
int early_selftest_param(char *str);

void free_area_init(unsigned long *max_zone_pfn);
/* free_area_init's sums of the zones' present pages less their memmap (the hash tables' base). */
extern unsigned long nr_kernel_pages, nr_all_pages;
/* start_kernel: page_alloc_init (one node with memory: no hashdist), then the early hash tables. */
void page_alloc_init(void);
void vfs_caches_init_early(void);
void build_all_zonelists(void);
void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order);
void __free_pages_core(struct page *page, unsigned int order);
void reset_all_zones_managed_pages(void);
void reserve_bootmem_region(phys_addr_t start, phys_addr_t end);
void init_per_zone_wmark_min(void);
/* Pages of the zones up to ZONE_NORMAL above their high watermark (Linux's name). */
unsigned long nr_free_buffer_pages(void);
void setup_per_zone_wmarks(void);
void setup_per_zone_lowmem_reserve(void);
void mem_init_print_info(void);
/* The arch's hand-off of memblock's free memory to the buddy allocator (Linux's mem_init). */
void mem_init(void);
void show_buddyinfo(void);
void show_zoneinfo(void);
/*
 * /proc/zoneinfo's "pagesets" block of a populated zone, Linux's format, each line begun
 * with "\n" as in its zoneinfo_show_print(); returns the length written to @buf.
 */
size_t zoneinfo_pagesets(const struct zone *zone, char *buf, size_t size);
#define ZONEINFO_PAGESETS_MAX	(16 + 160 * PCP_NR_CPUS)	/* enough for its @size */

/* ---- per-CPU page lists (mm/page_alloc.c) ---- */
/* No mobility grouping on small machines: every request is MIGRATE_UNMOVABLE. */
extern int page_group_by_mobility_disabled;
/* Each zone's pageset before setup_per_cpu_pageset(): high 0, batch 1 (Linux's boot_pageset). */
void zone_pcp_init(struct zone *zone);
/* start_kernel's setup_per_cpu_pageset(): each populated zone's lists get their high/batch. */
void setup_per_cpu_pageset(void);
/* A zone's managed pages or watermarks changed: recompute its lists' high and batch. */
void zone_pcp_update(struct zone *zone);
/* Linux's zone_pcp_disable()/enable(): high 0, batch 1 and drained, then back. */
void zone_pcp_disable(struct zone *zone);
void zone_pcp_enable(struct zone *zone);
/* Linux's refresh_zone_stat_thresholds(): the "vm stats threshold" of each zone. */
void refresh_zone_stat_thresholds(void);
/* Give every page on the CPUs' lists of @zone (all zones if NULL) back to the buddy lists. */
void drain_all_pages(struct zone *zone);
void drain_local_pages(struct zone *zone);
/* Pages on the per-CPU lists of @zone, all CPUs. */
unsigned long zone_pcp_count(const struct zone *zone);
/* The boot hand-off's free (memblock_free_all): straight to the buddy lists, as Linux's. */
void __free_pages_ok(struct page *page, unsigned int order);
/* The same for a block __free_pages_core() has prepared and checked on its way. */
void __free_pages_ok_checked(struct page *page, unsigned int order);

/* ---- transparent hugepages (mm/huge_memory.c) ---- */
/* subsys_initcall hugepage_init(): THP on (512 MiB or more), and its min_free_kbytes. */
void hugepage_init(void);
void page_alloc_selftest(void);
/* The same tests, always run; returns how many failed (host tests call this). */
int page_alloc_selftest_run(void);

/* Bad-page reports since boot (the selftest checks that a double free is caught). */
extern unsigned long nr_bad_pages;

#endif
