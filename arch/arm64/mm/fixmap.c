// SPDX-License-Identifier: GPL-2.0
/*
 * The fixmap (Linux 6.1 arch/arm64/mm/mmu.c early_fixmap_init, __set_fixmap,
 * fixmap_remap_fdt): one PTE table for the page slots under the FDT window, and 2 MiB
 * blocks for the FDT (with 16 KiB pages, 6.12's FDT pages in that same table). Writes
 * descriptors only; barriers and TLBI come from fixmap_ops.
 */
#define pr_fmt(fmt) "fixmap: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <libfdt.h>
#include <asm/memory.h>
#include <asm/fixmap.h>

/* Every page slot shares one PTE table: the PMD below the FDT window. */
_Static_assert((__fix_to_virt(FIX_EARLYCON_MEM_BASE) >> PMD_SHIFT) ==
	       (__fix_to_virt(FIX_PGD) >> PMD_SHIFT), "fixmap slots span two PMDs");
#ifdef CONFIG_ARM64_16K_PAGES
/* With 16 KiB pages the FDT window's pages share that table too (Linux 6.12). */
_Static_assert((__fix_to_virt(FIX_FDT) >> PMD_SHIFT) == (__fix_to_virt(FIX_PGD) >> PMD_SHIFT),
	       "the FDT window and the slots span two PMDs");
_Static_assert(FIXADDR_START == 0xffffffffff5cc000UL,
	       "FIXADDR_START differs from Linux 6.12-16k (Debian config: 141 permanent slots)");
#else
_Static_assert((__fix_to_virt(FIX_FDT) & ~PMD_MASK) == 0, "FDT window not 2 MiB aligned");
_Static_assert(FIXADDR_START == 0xfffffbfffdbf5000UL,
	       "FIXADDR_START differs from Linux 6.1 (Debian config: 1035 permanent slots)");
#endif

#define FIX_SLOT_PMD_VA		(__fix_to_virt(FIX_PGD) & PMD_MASK)

static pgd_t *fixmap_pgdp;	/* the tables the fixmap was linked into */
static pgd_t fixmap_pgd_entry;	/* their fixmap PGD entry, for fixmap_copy() */
static pte_t *fixmap_ptes;	/* bm_pte, as the CPU reaches it */
static const struct fixmap_ops *fixmap_ops;

void fixmap_set_ops(const struct fixmap_ops *ops)
{
	fixmap_ops = ops;
}

static void fixmap_sync(void)
{
	if (fixmap_ops && fixmap_ops->sync)
		fixmap_ops->sync();
}

static void fixmap_flush(unsigned long vaddr)
{
	if (fixmap_ops && fixmap_ops->flush_tlb)
		fixmap_ops->flush_tlb(vaddr);
}

void __early_fixmap_init(pgd_t *pgdp, pud_t *pud, phys_addr_t pud_pa, pmd_t *pmd,
			 phys_addr_t pmd_pa, pte_t *pte, phys_addr_t pte_pa)
{
	const unsigned long addr = FIX_SLOT_PMD_VA;

	memset(pud, 0, PAGE_SIZE);
	memset(pmd, 0, PAGE_SIZE);
	memset(pte, 0, PAGE_SIZE);
	pmd[pmd_index(addr)] = __pmd(pte_pa | PMD_TYPE_TABLE | PMD_TABLE_UXN);
	if (PGTABLE_LEVELS == 3) {
		/* The PUD is folded: the PGD entry points at bm_pmd. */
		fixmap_pgd_entry = __pgd(pmd_pa | PGD_TYPE_TABLE | PGD_TABLE_UXN);
	} else {
		pud[pud_index(addr)] = __pud(pmd_pa | PUD_TYPE_TABLE | PUD_TABLE_UXN);
		fixmap_pgd_entry = __pgd(pud_pa | PGD_TYPE_TABLE | PGD_TABLE_UXN);
	}
	WRITE_ONCE(pgdp[pgd_index(addr)], fixmap_pgd_entry);
	fixmap_pgdp = pgdp;
	fixmap_ptes = pte;
}

#ifndef BOOTMEM_HOST
static pte_t bm_pte[PTRS_PER_PTE] __aligned(PAGE_SIZE);
static pmd_t bm_pmd[PTRS_PER_PMD] __aligned(PAGE_SIZE);
static pud_t bm_pud[PTRS_PER_PUD] __aligned(PAGE_SIZE);

void early_fixmap_init(pgd_t *pgdp)
{
	__early_fixmap_init(pgdp, bm_pud, __pa_symbol(bm_pud), bm_pmd,
			    __pa_symbol(bm_pmd), bm_pte, __pa_symbol(bm_pte));
}
#endif

void fixmap_copy(pgd_t *pgdp)
{
	unsigned long addr = FIX_SLOT_PMD_VA;

	if (!fixmap_pgdp)
		panic("fixmap_copy() before early_fixmap_init()");
	if (pgd_val(pgdp[pgd_index(addr)]) &&
	    pgd_val(pgdp[pgd_index(addr)]) != pgd_val(fixmap_pgd_entry))
		panic("fixmap: the new tables already use the fixmap's PGD entry (0x%016llx)",
		      pgd_val(pgdp[pgd_index(addr)]));
	WRITE_ONCE(pgdp[pgd_index(addr)], fixmap_pgd_entry);
}

/* Write a slot's entry; break before make: a live slot is emptied and flushed before it moves. */
static void set_leaf_pte(pte_t *ptep, pte_t new, unsigned long addr)
{
	if (pte_val(*ptep) == pte_val(new))
		return;
	if (pte_valid(*ptep)) {
		WRITE_ONCE(*ptep, __pte(0));
		fixmap_flush(addr);
	}
	WRITE_ONCE(*ptep, new);
}

void __set_fixmap(enum fixed_addresses idx, phys_addr_t phys, pgprot_t prot)
{
	unsigned long addr = __fix_to_virt(idx);
	pte_t *ptep, new;

	if (idx <= FIX_FDT || idx >= __end_of_fixed_addresses)
		panic("__set_fixmap: slot %d is not a 4 KiB fixmap slot", idx);
	if (!fixmap_ptes)
		panic("__set_fixmap(%d) before early_fixmap_init()", idx);

	ptep = &fixmap_ptes[pte_index(addr)];
	if (!pgprot_val(prot)) {
		WRITE_ONCE(*ptep, __pte(0));
		fixmap_flush(addr);
		return;
	}
	new = pfn_pte_phys(phys & PAGE_MASK, prot);
	set_leaf_pte(ptep, new, addr);
	fixmap_sync();
}

unsigned long set_fixmap_offset(enum fixed_addresses idx, phys_addr_t phys, pgprot_t prot)
{
	__set_fixmap(idx, phys & PAGE_MASK, prot);
	return fix_to_virt(idx) + (phys & ~PAGE_MASK);
}

static const enum fixed_addresses pgtable_slot[] = {
	[PGT_PGD] = FIX_PGD, [PGT_PUD] = FIX_PUD, [PGT_PMD] = FIX_PMD, [PGT_PTE] = FIX_PTE,
};

static void *fixmap_pgtable_map(phys_addr_t pa, enum pgtable_level level)
{
	return (void *)set_fixmap_offset(pgtable_slot[level], pa, FIXMAP_PAGE_NORMAL);
}

static void fixmap_pgtable_unmap(enum pgtable_level level)
{
	clear_fixmap(pgtable_slot[level]);
}

const struct pgtable_accessor pgtable_fixmap_accessor = {
	.map	= fixmap_pgtable_map,
	.unmap	= fixmap_pgtable_unmap,
};

#ifdef CONFIG_ARM64_16K_PAGES
/* Map [base, base + size) into the FDT window's pages of the fixmap's PTE table. */
static void fdt_window_map(phys_addr_t base, unsigned long size, pgprot_t prot)
{
	unsigned long va = __fix_to_virt(FIX_FDT), end = va + size;

	for (; va < end; va += PAGE_SIZE, base += PAGE_SIZE)
		set_leaf_pte(&fixmap_ptes[pte_index(va)], pfn_pte_phys(base, prot), va);
	fixmap_sync();
}
#else
/* Map [base, base + size) of the 2 MiB-aligned FDT window with blocks; no allocation. */
static void fdt_window_map(phys_addr_t base, unsigned long size, pgprot_t prot)
{
	__create_pgd_mapping(fixmap_pgdp, base, __fix_to_virt(FIX_FDT), size, prot,
			     NULL, NO_CONT_MAPPINGS);
	fixmap_sync();
}
#endif

void *fixmap_remap_fdt(phys_addr_t dt_phys, int *size, pgprot_t prot)
{
	const unsigned long dt_virt_base = __fix_to_virt(FIX_FDT);
	phys_addr_t offset = dt_phys & (FDT_WINDOW_ALIGN - 1);
	void *dt_virt = (void *)(dt_virt_base + offset);

	/* The FDT must be 8-byte aligned (Documentation/arm64/booting.rst). */
	if (!dt_phys || (dt_phys & 7)) {
		bm_err("fixmap: FDT at %#llx is not 8-byte aligned\n", dt_phys);
		return NULL;
	}
	if (!fixmap_pgdp)
		panic("fixmap_remap_fdt() before early_fixmap_init()");

	/* Map the first block (page), so the header can say how much more there is. */
	fdt_window_map(dt_phys - offset, FDT_WINDOW_ALIGN, prot);
	if (fdt_magic(dt_virt) != FDT_MAGIC)
		return NULL;
	*size = fdt_totalsize(dt_virt);
	if (*size > MAX_FDT_SIZE) {
		bm_err("fixmap: FDT at %#llx: totalsize %d exceeds %lu\n",
		       dt_phys, *size, (unsigned long)MAX_FDT_SIZE);
		return NULL;
	}
	if (offset + *size > FDT_WINDOW_ALIGN)
		fdt_window_map(dt_phys - offset, round_up(offset + *size, FDT_WINDOW_ALIGN), prot);
	return dt_virt;
}

static void fixmap_reset(void)
{
	fixmap_pgdp = NULL;
	fixmap_pgd_entry = __pgd(0);
	fixmap_ptes = NULL;
}
host_reset(fixmap_reset);
