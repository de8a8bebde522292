/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct page: one per page frame of present memory (the memmap). 32 bytes: Linux's 64-byte
 * page also carries mapping/index/memcg for page cache and user mappings, which we never have.
 */
#ifndef _BOOTMEM_LINUX_MM_TYPES_H
#define _BOOTMEM_LINUX_MM_TYPES_H

#include <linux/kernel.h>
#include <linux/list.h>

struct page {
	/*
	 * Page flags in the low bits; the section, node and zone numbers in the top bits,
	 * as Linux's classic SPARSEMEM layout (page_to_pfn finds the section from them).
	 */
	unsigned long flags;
	/* Free pages: the link in their zone's free_area[order] list. */
	struct list_head lru;
	/* Buddy pages: the order of the free block this page heads (Linux's page->private). */
	unsigned int private;
	/* 0 while free, 1 while allocated; a page is never mapped so there is no mapcount. */
	int _refcount;
};

#endif
