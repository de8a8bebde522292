/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Contiguous Memory Allocator areas (Linux's mm/cma.c, boot part) and the default DMA area
 * (kernel/dma/contiguous.c): only their reservation at boot, which is what the memory map shows.
 */
#ifndef _BOOTMEM_LINUX_CMA_H
#define _BOOTMEM_LINUX_CMA_H

#include <linux/kernel.h>
#include <linux/mmzone.h>

/* Debian arm64: CONFIG_CMA_AREAS=19, CONFIG_CMA_SIZE_MBYTES=64 (CMA_SIZE_SEL_MBYTES). */
#define CONFIG_CMA_AREAS	19
#define MAX_CMA_AREAS		(1 + CONFIG_CMA_AREAS)
#define CMA_SIZE_MBYTES		64
#define CMA_MAX_NAME		64

/*
 * pageblock_nr_pages: pageblock_order = min(HUGETLB_PAGE_ORDER, MAX_ORDER - 1) = min(9, 10)
 * with 4 KiB pages, so CMA areas are aligned to 2 MiB (11 with 16 KiB pages: 32 MiB).
 */
#define CMA_MIN_ALIGNMENT_PAGES	(1UL << pageblock_order)
#define CMA_MIN_ALIGNMENT_BYTES	(PAGE_SIZE * CMA_MIN_ALIGNMENT_PAGES)

struct cma {
	unsigned long	base_pfn;
	unsigned long	count;		/* pages */
	unsigned int	order_per_bit;
	char		name[CMA_MAX_NAME];
};

extern struct cma cma_areas[MAX_CMA_AREAS];
extern unsigned int cma_area_count;
/* Pages in all CMA areas: the "cma-reserved" of the Memory: line (mm/page_alloc.c in Linux). */
extern unsigned long totalcma_pages;

phys_addr_t cma_get_base(const struct cma *cma);
unsigned long cma_get_size(const struct cma *cma);
const char *cma_get_name(const struct cma *cma);

int cma_init_reserved_mem(phys_addr_t base, phys_addr_t size, unsigned int order_per_bit,
			  const char *name, struct cma **res_cma);
int cma_declare_contiguous_nid(phys_addr_t base, phys_addr_t size, phys_addr_t limit,
			       phys_addr_t alignment, unsigned int order_per_bit, bool fixed,
			       const char *name, struct cma **res_cma, int nid);
int cma_declare_contiguous(phys_addr_t base, phys_addr_t size, phys_addr_t limit,
			   phys_addr_t alignment, unsigned int order_per_bit, bool fixed,
			   const char *name, struct cma **res_cma);

/* ---- kernel/dma/contiguous.c ---- */

/* The global CMA area: the "linux,cma-default" pool or the one dma_contiguous_reserve() made. */
extern struct cma *dma_contiguous_default_area;

/*
 * What dma_contiguous_reserve() asked memblock for, and the answer (0 or -errno); size 0
 * when it asked nothing (cma=0, or the DT's pool is the default area). Bookkeeping for
 * reports: Linux only prints "cma: Failed to reserve ...".
 */
struct cma_request {
	phys_addr_t size, base, limit;
	bool fixed;
	int ret;
};
extern struct cma_request dma_contiguous_default_request;

/* Reserve the default area below @limit (arm64: arm64_dma_phys_limit) unless the DT made one. */
void dma_contiguous_reserve(phys_addr_t limit);
int dma_contiguous_reserve_area(phys_addr_t size, phys_addr_t base, phys_addr_t limit,
				struct cma **res_cma, bool fixed);
/* The "cma=" early parameter: size[@base[-limit]]. */
int early_cma(char *p);

/* Host tests: forget every area and the cma= setting. */

#endif
