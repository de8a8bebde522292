/* SPDX-License-Identifier: GPL-2.0 */
/* The software IO TLB's bounce buffer, as Linux's kernel/dma/swiotlb.c places it at boot. */
#ifndef _BOOTMEM_LINUX_SWIOTLB_H
#define _BOOTMEM_LINUX_SWIOTLB_H

#include <linux/types.h>

/* [start, end): physical; both 0 while no buffer was set up (arm64 mem_init). */
struct io_tlb_mem {
	phys_addr_t start;
	phys_addr_t end;
};

extern struct io_tlb_mem io_tlb_default_mem;

#endif
