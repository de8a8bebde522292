/* SPDX-License-Identifier: GPL-2.0 */
/* /reserved-memory regions (Linux's drivers/of/of_reserved_mem.c) and their init hooks. */
#ifndef _BOOTMEM_LINUX_OF_RESERVED_MEM_H
#define _BOOTMEM_LINUX_OF_RESERVED_MEM_H

#include <linux/types.h>

#define MAX_RESERVED_REGIONS	64

struct reserved_mem {
	const char	*name;
	unsigned long	fdt_node;	/* offset of the node in initial_boot_params */
	unsigned long	phandle;
	phys_addr_t	base;
	phys_addr_t	size;
	void		*priv;		/* the struct cma of a CMA pool */
};

typedef int (*reservedmem_of_init_fn)(struct reserved_mem *rmem);

void fdt_reserved_mem_save_node(unsigned long node, const char *uname,
				phys_addr_t base, phys_addr_t size);
/* 6.1: sort, overlap check, place the dynamic regions, init all of them. */
void fdt_init_reserved_mem(void);
/* 6.12, first pass: place, save and init one dynamic region (0 or -errno). */
int fdt_reserved_mem_alloc_node(unsigned long node, const char *uname);
/* 6.12, first pass: the number of regions found, which sizes the table. */
void fdt_reserved_mem_set_count(int count);
/* 6.12, from unflatten_device_tree(): save and init the static regions, check overlaps. */
void fdt_scan_reserved_mem_reg_nodes(void);

/*
 * The saved regions, in the order fdt_init_reserved_mem() (6.1) or the overlap check
 * (6.12) left them (sorted); 6.12 moves the table to memblock memory for more than 64.
 */
extern struct reserved_mem *reserved_mem;
extern int reserved_mem_count;
/* Forget every saved region (host tests scan several trees in one process). */

/* RESERVEDMEM_OF_DECLARE(.., "shared-dma-pool", ..) initialisers (mm/dma_contiguous.c). */
int rmem_cma_setup(struct reserved_mem *rmem);
int rmem_dma_setup(struct reserved_mem *rmem);

/* Print every saved /reserved-memory region (for out-of-memory panics). */
void of_reserved_mem_report(void);

#endif
