/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Building swapper's tables at boot (Linux 6.1 arch/arm64/mm/mmu.c): the linear map of
 * memblock memory (map_mem), the kernel image's segments, and their table allocator.
 */
#ifndef _ASM_MMU_H
#define _ASM_MMU_H

#include <linux/types.h>
#include <asm/pgtable.h>

/* rodata= (full | on | off); Debian's default is full (CONFIG_RODATA_FULL_DEFAULT_ENABLED). */
extern bool rodata_enabled;
extern bool rodata_full;
/* True when the linear map must be made of pages so it can change later (rodata=full). */
bool can_set_direct_map(void);

/*
 * Linux's early_pgtable_alloc: one zeroed page from memblock_phys_alloc_range(PAGE_SIZE,
 * PAGE_SIZE, 0, MEMBLOCK_ALLOC_NOLEAKTRACE), cleared through the accessor's PTE slot.
 * Panics when memory is exhausted.
 */
phys_addr_t early_pgtable_alloc(int shift);
/* Table pages early_pgtable_alloc has handed out, and how many of them map_mem used. */
extern unsigned long early_pgtable_pages;
extern unsigned long map_mem_pgtable_pages;
/* The pages create_idmap takes as Linux's does (4, more across a 1 GiB boundary). */
extern unsigned long idmap_pgtable_pages;

/*
 * Map every memblock.memory range that is not MEMBLOCK_NOMAP at its linear address,
 * PAGE_KERNEL (non-executable): 4 KiB pages with rodata=full, else the largest blocks
 * that fit and the contiguous hint. The kernel image's [_stext, __init_begin) is left out
 * of that pass and then mapped on its own (PAGE_KERNEL, blocks allowed, no contiguous
 * hint) so its permissions can be tightened later. The caller must set PHYS_OFFSET
 * (memstart_addr) first, then do the barriers of asm/pgtable.h.
 */
void map_mem(pgd_t *pgdp);
/* The same with the image's physical bounds given (empty range: no image in memory). */
void __map_mem(pgd_t *pgdp, phys_addr_t kernel_start, phys_addr_t kernel_end);

/*
 * Map the image segment [va_start, va_end) to @pa with @prot (page-aligned; panics
 * otherwise). Linux 6.1's map_kernel uses: text PAGE_KERNEL_ROX (PAGE_KERNEL_EXEC with
 * rodata=off) flags 0; rodata PAGE_KERNEL flags NO_CONT_MAPPINGS (made RO later), or
 * PAGE_KERNEL_RO straight away; init text ROX; init data and data/bss PAGE_KERNEL.
 */
void map_kernel_segment(pgd_t *pgdp, unsigned long va_start, unsigned long va_end,
			phys_addr_t pa, pgprot_t prot, int flags);

/* The kernel's tables after paging_init (swapper's TTBR1 root). */
extern pgd_t swapper_pg_dir[PTRS_PER_PGD];

/* The end of ZONE_DMA (what every DT device can address) and its width in bits. */
extern phys_addr_t arm64_dma_phys_limit;
extern unsigned int zone_dma_bits;
/* mem=: at most this much memory (PHYS_ADDR_MAX: no limit). */
extern phys_addr_t memory_limit;

/* setup_arch's memory steps (Linux 6.1's arch/arm64/mm/init.c and mmu.c). */
void arm64_memblock_init(void);
void paging_init(void);
void bootmem_init(void);

#endif /* _ASM_MMU_H */
