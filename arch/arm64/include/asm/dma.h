/* SPDX-License-Identifier: GPL-2.0 */
/*
 * __pa(MAX_DMA_ADDRESS): where Linux's memmap and per-CPU allocations ask memblock to start.
 */
#ifndef _ASM_DMA_H
#define _ASM_DMA_H

#include <linux/types.h>
#include <linux/version.h>
#include <asm/memory.h>

/*
 * MAX_DMA_ADDRESS is PAGE_OFFSET on arm64, so in 6.1 __pa() of it is the start of the linear
 * map. Debian's 6.12 is built for 52-bit VAs: on a CPU without LPA2 arm64_memblock_init()
 * moves memstart_addr down by _PAGE_OFFSET(48) - _PAGE_OFFSET(52), so this "from" wraps above
 * all memory (0xfff1000040000000 on virt, in memblock=debug) and memblock retries from 0.
 */
static inline phys_addr_t max_dma_phys(void)
{
	/* _PAGE_OFFSET(VA_BITS_MIN) - _PAGE_OFFSET(52): VA_BITS_MIN is 47 with 16 KiB pages. */
	if (linux_since(6, 12))
		return PHYS_OFFSET - ((1ULL << 52) - (1ULL << VA_BITS));
	return PHYS_OFFSET;
}

#endif
