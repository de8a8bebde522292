/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checksums of the bring-up's results (mm/checksum.c, and the page tables' in
 * arch/arm64/mm/pgtable_build.c): equal values before and after a change prove it changed
 * no struct page, no free list and no page-table entry.
 */
#ifndef _BOOTMEM_LINUX_BOOTMEM_CHECKSUM_H
#define _BOOTMEM_LINUX_BOOTMEM_CHECKSUM_H

#include <linux/types.h>

/* One step of a multiplicative hash: order matters, every bit of @v counts. */
static inline u64 checksum_mix(u64 h, u64 v)
{
	h ^= v;
	h *= 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 29);
}

/*
 * What a checksum leaves out: the pfns [skip_start_pfn, skip_end_pfn) and the virtual
 * ranges in skip_va[]. The kernel leaves out its own image, whose size changes with every
 * build (see docs/performance.md); the host's image model never changes, so it skips nothing.
 */
struct checksum_skip {
	unsigned long skip_start_pfn, skip_end_pfn;
	struct { u64 start, end; } skip_va[4];
	int nr_skip_va;
};

/*
 * Every struct page of every section with a memmap, in pfn order: flags, order, count and
 * both links (as physical addresses). Links of free pages are left out in the pages next
 * to a skipped range's, which they may point into; free_lists_checksum covers those lists.
 */
u64 memmap_checksum(const struct checksum_skip *skip);
/* Each zone's free blocks, list by list in list order (their pfns), and their counts. */
u64 free_lists_checksum(const struct checksum_skip *skip);

/* "bootmem: checksum memmap ... page tables ... free lists ..." (arch/arm64/mm/init.c). */
void bootmem_checksum_print(void);

#endif
