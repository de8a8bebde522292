/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim for Linux's memblock simulator: the few page-allocator names mm/memblock.c uses,
 * without bootmem's sparse memory model behind them (see shim.c).
 */
#ifndef _SHIM_LINUX_MM_H
#define _SHIM_LINUX_MM_H

#include <linux/kernel.h>

#define MAX_ORDER	11

struct page {
	unsigned long flags;
};

extern unsigned long max_pfn, min_low_pfn, max_low_pfn;

/* The simulator never frees to a buddy allocator: every pfn maps to one dummy page. */
struct page *pfn_to_page(unsigned long pfn);
void totalram_pages_add(long count);
void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order);
void reserve_bootmem_region(phys_addr_t start, phys_addr_t end);
void reset_all_zones_managed_pages(void);
/* Every simulated pfn has its (dummy) page. */
static inline int pfn_valid(unsigned long pfn)
{
	return 1;
}

#endif
