/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fixmap: compile-time virtual pages below FIXADDR_TOP whose physical target is set
 * at run time (earlycon, the FDT, and the page-table pages being built). Slot numbers
 * follow Linux 6.1's enum fixed_addresses for Debian's configuration (6.12's FDT window with
 * 16 KiB pages), so FIXADDR_START and every slot's address are Linux's.
 */
#ifndef _ASM_FIXMAP_H
#define _ASM_FIXMAP_H

#include <linux/types.h>
#include <linux/sizes.h>
#include <asm/pgtable.h>

enum fixed_addresses {
	FIX_HOLE,

#ifdef CONFIG_ARM64_16K_PAGES
	/*
	 * Linux 6.12 maps the FDT with pages: the window is a page larger than the largest
	 * FDT (and one more slot), so it maps wherever it sits in its page.
	 */
#define FDT_WINDOW_ALIGN	PAGE_SIZE
	FIX_FDT_END,
	FIX_FDT = FIX_FDT_END + (MAX_FDT_SIZE + PAGE_SIZE - 1) / PAGE_SIZE + 1,
#else
	/*
	 * The FDT window is 2 MiB larger than the largest FDT, so an FDT of up to
	 * MAX_FDT_SIZE maps wherever it sits; at the top, so it stays 2 MiB aligned.
	 */
#define FDT_WINDOW_ALIGN	SZ_2M
#define FIX_FDT_SIZE		(MAX_FDT_SIZE + SZ_2M)
	FIX_FDT_END,
	FIX_FDT = FIX_FDT_END + FIX_FDT_SIZE / PAGE_SIZE - 1,
#endif

	FIX_EARLYCON_MEM_BASE,
	/* Slots Linux has for features bootmem lacks, kept so the layout is Linux's. */
	FIX_TEXT_POKE0,
	FIX_APEI_GHES_IRQ,
	FIX_APEI_GHES_SEA,
	FIX_APEI_GHES_SDEI_NORMAL,
	FIX_APEI_GHES_SDEI_CRITICAL,
	FIX_ENTRY_TRAMP_TEXT4,
	FIX_ENTRY_TRAMP_TEXT3,
	FIX_ENTRY_TRAMP_TEXT2,
	FIX_ENTRY_TRAMP_TEXT1,
	__end_of_permanent_fixed_addresses,

	/* early_memremap()'s slots (7 x 65 pages): the EFI tables are read through them. */
#define NR_FIX_BTMAPS		(SZ_256K / PAGE_SIZE + 1)
#define FIX_BTMAPS_SLOTS	7
#define TOTAL_FIX_BTMAPS	(NR_FIX_BTMAPS * FIX_BTMAPS_SLOTS)
	FIX_BTMAP_END = __end_of_permanent_fixed_addresses,
	FIX_BTMAP_BEGIN = FIX_BTMAP_END + TOTAL_FIX_BTMAPS - 1,

	/* Used while building the kernel page tables, so unmapped memory can hold tables. */
	FIX_PTE,
	FIX_PMD,
	FIX_PUD,
	FIX_PGD,

	__end_of_fixed_addresses
};

#define FIXADDR_SIZE		(__end_of_permanent_fixed_addresses << PAGE_SHIFT)
#define FIXADDR_START		(FIXADDR_TOP - FIXADDR_SIZE)
#define FIXADDR_TOT_SIZE	(__end_of_fixed_addresses << PAGE_SHIFT)
#define FIXADDR_TOT_START	(FIXADDR_TOP - FIXADDR_TOT_SIZE)

#define __fix_to_virt(x)	(FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))

static inline unsigned long fix_to_virt(enum fixed_addresses idx)
{
	return __fix_to_virt(idx);
}

/*
 * What the fixmap needs from the CPU side (arch/arm64/kernel supplies it; NULL members,
 * or no ops at all, mean "nothing to do", right with the MMU off and on the host):
 * @sync after a new valid entry: dsb ishst; isb (Linux's set_pte for kernel mappings);
 * @flush_tlb after an entry was cleared: dsb ishst; tlbi vaale1is, va>>12; dsb ish; isb.
 */
struct fixmap_ops {
	void (*sync)(void);
	void (*flush_tlb)(unsigned long vaddr);
};
void fixmap_set_ops(const struct fixmap_ops *ops);

/*
 * Link the fixmap's tables into @pgdp (the tables the CPU runs on now): PGD entry ->
 * bm_pud -> bm_pmd -> bm_pte (with three levels the PGD entry points at bm_pmd and @pud
 * stays unused). The kernel version uses the static bm_* tables in the
 * image; __early_fixmap_init takes them by physical address and virtual pointer.
 */
void early_fixmap_init(pgd_t *pgdp);
void __early_fixmap_init(pgd_t *pgdp, pud_t *pud, phys_addr_t pud_pa, pmd_t *pmd,
			 phys_addr_t pmd_pa, pte_t *pte, phys_addr_t pte_pa);
/* Make @pgdp (a new swapper_pg_dir) share the fixmap's PGD entry, as map_kernel does. */
void fixmap_copy(pgd_t *pgdp);

/* Point slot @idx at @phys with @prot; a zero prot clears it (then flushes its TLB entry). */
void __set_fixmap(enum fixed_addresses idx, phys_addr_t phys, pgprot_t prot);
#define set_fixmap(idx, phys)		__set_fixmap(idx, phys, FIXMAP_PAGE_NORMAL)
#define set_fixmap_io(idx, phys)	__set_fixmap(idx, phys, FIXMAP_PAGE_IO)
#define clear_fixmap(idx)		__set_fixmap(idx, 0, __pgprot(0))
/* Map the page holding @phys into slot @idx and return @phys's virtual address. */
unsigned long set_fixmap_offset(enum fixed_addresses idx, phys_addr_t phys, pgprot_t prot);

/*
 * Map the FDT at @dt_phys through the FIX_FDT window: 2 MiB blocks with 4 KiB pages,
 * the fixmap's own PTEs with 16 KiB. Returns its
 * virtual address and its totalsize in *size, or NULL (misaligned, bad magic, too big).
 */
void *fixmap_remap_fdt(phys_addr_t dt_phys, int *size, pgprot_t prot);

/* Page-table access through FIX_PGD/FIX_PUD/FIX_PMD/FIX_PTE (see pgtable_set_accessor). */
extern const struct pgtable_accessor pgtable_fixmap_accessor;

#endif /* _ASM_FIXMAP_H */
