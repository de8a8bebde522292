/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 page-table entries as Linux 6.1 has them: the pgd/pud/pmd/pte types, the memory
 * types (MAIR indices), the PROT_* / PAGE_KERNEL* attribute sets, and the builder's API
 * (arch/arm64/mm/pgtable_build.c). Pure data and arithmetic: nothing here touches a register.
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <linux/types.h>
#include <asm/pgtable-hwdef.h>
#include <asm/vmlayout.h>

/*
 * Memory types: the index of the MAIR_EL1 byte a descriptor's AttrIndx selects.
 * MT_NORMAL must stay 0 (Linux ORs MT_NORMAL_TAGGED into MT_NORMAL prots).
 */
#define MT_NORMAL		0
#define MT_NORMAL_TAGGED	1
#define MT_NORMAL_NC		2
#define MT_DEVICE_nGnRnE	3
#define MT_DEVICE_nGnRE		4

/* MAIR attribute encodings, and the MAIR_EL1 value Linux 6.1 programs at boot. */
#define MAIR_ATTR_DEVICE_nGnRnE	0x00UL
#define MAIR_ATTR_DEVICE_nGnRE	0x04UL
#define MAIR_ATTR_NORMAL_NC	0x44UL
#define MAIR_ATTR_NORMAL_TAGGED	0xf0UL
#define MAIR_ATTR_NORMAL	0xffUL
#define MAIR_ATTRIDX(attr, idx)	((attr) << ((idx) * 8))
/*
 * MAIR_EL1 itself is in asm/sysreg.h (0x000000040044ffff): these bytes at these indices,
 * the tagged slot holding plain Normal because MTE is never switched on.
 */

typedef u64 pteval_t;
typedef u64 pmdval_t;
typedef u64 pudval_t;
typedef u64 pgdval_t;

/* Wrapped in structs, as in Linux, so a pmd cannot be stored into a pte by mistake. */
typedef struct { pteval_t pte; } pte_t;
typedef struct { pmdval_t pmd; } pmd_t;
typedef struct { pudval_t pud; } pud_t;
typedef struct { pgdval_t pgd; } pgd_t;
typedef struct { pteval_t pgprot; } pgprot_t;

#define pte_val(x)		((x).pte)
#define pmd_val(x)		((x).pmd)
#define pud_val(x)		((x).pud)
#define pgd_val(x)		((x).pgd)
#define pgprot_val(x)		((x).pgprot)
#define __pte(x)		((pte_t) { (x) })
#define __pmd(x)		((pmd_t) { (x) })
#define __pud(x)		((pud_t) { (x) })
#define __pgd(x)		((pgd_t) { (x) })
#define __pgprot(x)		((pgprot_t) { (x) })

/* Linux's software names for hardware bits. */
#define PTE_WRITE		PTE_DBM
/* Global mappings: KPTI (which would make them nG) is not used by this kernel. */
#define PTE_MAYBE_NG		0UL
#define PMD_MAYBE_NG		0UL

#define _PROT_DEFAULT		(PTE_TYPE_PAGE | PTE_AF | PTE_SHARED)
#define _PROT_SECT_DEFAULT	(PMD_TYPE_SECT | PMD_SECT_AF | PMD_SECT_S)
#define PROT_DEFAULT		(_PROT_DEFAULT | PTE_MAYBE_NG)
#define PROT_SECT_DEFAULT	(_PROT_SECT_DEFAULT | PMD_MAYBE_NG)

#define PROT_DEVICE_nGnRnE	(PROT_DEFAULT | PTE_PXN | PTE_UXN | PTE_WRITE | \
				 PTE_ATTRINDX(MT_DEVICE_nGnRnE))
#define PROT_DEVICE_nGnRE	(PROT_DEFAULT | PTE_PXN | PTE_UXN | PTE_WRITE | \
				 PTE_ATTRINDX(MT_DEVICE_nGnRE))
#define PROT_NORMAL_NC		(PROT_DEFAULT | PTE_PXN | PTE_UXN | PTE_WRITE | \
				 PTE_ATTRINDX(MT_NORMAL_NC))
#define PROT_NORMAL		(PROT_DEFAULT | PTE_PXN | PTE_UXN | PTE_WRITE | \
				 PTE_ATTRINDX(MT_NORMAL))
#define PROT_NORMAL_TAGGED	(PROT_DEFAULT | PTE_PXN | PTE_UXN | PTE_WRITE | \
				 PTE_ATTRINDX(MT_NORMAL_TAGGED))
#define PROT_SECT_DEVICE_nGnRE	(PROT_SECT_DEFAULT | PMD_SECT_PXN | PMD_SECT_UXN | \
				 PMD_ATTRINDX(MT_DEVICE_nGnRE))
#define PROT_SECT_NORMAL	(PROT_SECT_DEFAULT | PMD_SECT_PXN | PMD_SECT_UXN | \
				 PTE_WRITE | PMD_ATTRINDX(MT_NORMAL))
#define PROT_SECT_NORMAL_EXEC	(PROT_SECT_DEFAULT | PMD_SECT_UXN | PMD_ATTRINDX(MT_NORMAL))

#define PAGE_KERNEL		__pgprot(PROT_NORMAL)
#define PAGE_KERNEL_RO		__pgprot((PROT_NORMAL & ~PTE_WRITE) | PTE_RDONLY)
#define PAGE_KERNEL_ROX		__pgprot((PROT_NORMAL & ~(PTE_WRITE | PTE_PXN)) | PTE_RDONLY)
#define PAGE_KERNEL_EXEC	__pgprot(PROT_NORMAL & ~PTE_PXN)
#define PAGE_KERNEL_EXEC_CONT	__pgprot((PROT_NORMAL & ~PTE_PXN) | PTE_CONT)
#define PAGE_KERNEL_NC		__pgprot(PROT_NORMAL_NC)
#define PAGE_KERNEL_DEVICE	__pgprot(PROT_DEVICE_nGnRE)
#define FIXMAP_PAGE_NORMAL	PAGE_KERNEL
#define FIXMAP_PAGE_RO		PAGE_KERNEL_RO
#define FIXMAP_PAGE_IO		__pgprot(PROT_DEVICE_nGnRE)

/*
 * Linux maps the linear map MT_NORMAL_TAGGED when the CPU has MTE. Neither QEMU's
 * cortex-a57 nor the Pi 4's Cortex-A72 has it, so this is the identity, as there.
 */
static inline pgprot_t pgprot_tagged(pgprot_t prot)
{
	return prot;
}

/* Index of @addr's entry in each level's table. */
#define pgd_index(addr)		(((addr) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))
#define pud_index(addr)		(((addr) >> PUD_SHIFT) & (PTRS_PER_PUD - 1))
#define pmd_index(addr)		(((addr) >> PMD_SHIFT) & (PTRS_PER_PMD - 1))
#define pte_index(addr)		(((addr) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))

/* The next boundary of a level's entry after @addr, or @end if that comes first. */
#define __pXd_addr_end(addr, end, size)					\
({	unsigned long __boundary = ((addr) + (size)) & ~((size) - 1);	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})
#define pgd_addr_end(addr, end)		__pXd_addr_end(addr, end, PGDIR_SIZE)
#define pud_addr_end(addr, end)		__pXd_addr_end(addr, end, PUD_SIZE)
#define pmd_addr_end(addr, end)		__pXd_addr_end(addr, end, PMD_SIZE)
#define pmd_cont_addr_end(addr, end)	__pXd_addr_end(addr, end, CONT_PMD_SIZE)
#define pte_cont_addr_end(addr, end)	__pXd_addr_end(addr, end, CONT_PTE_SIZE)

#define pgd_none(pgd)		(!pgd_val(pgd))
#define pud_none(pud)		(!pud_val(pud))
#define pmd_none(pmd)		(!pmd_val(pmd))
#define pte_none(pte)		(!pte_val(pte))
#define pte_valid(pte)		(!!(pte_val(pte) & PTE_VALID))
#define pgd_bad(pgd)		(!(pgd_val(pgd) & PUD_TABLE_BIT))
#define pud_table(pud)		((pud_val(pud) & PUD_TYPE_MASK) == PUD_TYPE_TABLE)
#define pud_sect(pud)		((pud_val(pud) & PUD_TYPE_MASK) == PUD_TYPE_SECT)
#define pud_bad(pud)		(!pud_table(pud))
#define pmd_table(pmd)		((pmd_val(pmd) & PMD_TYPE_MASK) == PMD_TYPE_TABLE)
#define pmd_sect(pmd)		((pmd_val(pmd) & PMD_TYPE_MASK) == PMD_TYPE_SECT)
#define pmd_bad(pmd)		(!pmd_table(pmd))

/* Output address of any descriptor (table, block or page). */
#define __desc_phys(v)		((phys_addr_t)((v) & PTE_ADDR_MASK))
#define pgd_page_paddr(pgd)	__desc_phys(pgd_val(pgd))
#define pud_page_paddr(pud)	__desc_phys(pud_val(pud))
#define pmd_page_paddr(pmd)	__desc_phys(pmd_val(pmd))
#define pte_phys(pte)		__desc_phys(pte_val(pte))

static inline pte_t pfn_pte_phys(phys_addr_t phys, pgprot_t prot)
{
	return __pte((phys & PTE_ADDR_MASK) | pgprot_val(prot));
}

/* A block descriptor: the page attributes with the table bit cleared. */
static inline pteval_t mk_sect_prot(pgprot_t prot)
{
	return pgprot_val(prot) & ~PTE_TABLE_BIT;
}

/* ------------------------------------------------------------------------------------
 * The builder (arch/arm64/mm/pgtable_build.c). Linux 6.1 arch/arm64/mm/mmu.c semantics.
 *
 * It only writes memory. After building or changing live tables the CALLER must:
 *  - `dsb ishst` so the table walker sees the new descriptors before they are used;
 *  - when an entry that was valid was replaced or removed (break-before-make: the builder
 *    never replaces a valid entry except by the permission-only changes Linux allows),
 *    `tlbi vaae1is, va>>12` per page (or `tlbi vmalle1is` for everything), then
 *    `dsb ish`;
 *  - `isb` before relying on the new translation in this instruction stream.
 * Installing a fresh swapper_pg_dir in TTBR1 needs the TLBs of the old one flushed
 * (`tlbi vmalle1` + `dsb nsh` + `isb` after the msr), as cpu_replace_ttbr1 does.
 */
#define NO_BLOCK_MAPPINGS	(1 << 0)	/* 4 KiB pages only */
#define NO_CONT_MAPPINGS	(1 << 1)	/* never set the contiguous hint */
#define NO_EXEC_MAPPINGS	(1 << 2)	/* PXNTable in the new table descriptors */

/*
 * How the builder reaches a table page, given its physical address. Each level has its
 * own slot (the kernel uses FIX_PGD/FIX_PUD/FIX_PMD/FIX_PTE, several live at once);
 * unmap says the builder is done with that level's slot. The default accessor is the
 * linear map (phys_to_virt), right on the host and once the kernel's linear map is live.
 */
enum pgtable_level {
	PGT_PGD = 0,
	PGT_PUD = 1,
	PGT_PMD = 2,
	PGT_PTE = 3,
};
/*
 * The level the root table (swapper_pg_dir, the PGD) resolves: PGT_PGD with four levels,
 * PGT_PUD with three (16 KiB pages), where the PGD is the architecture's level-1 table.
 */
#define PGT_ROOT		((enum pgtable_level)PGTABLE_ROOT_LEVEL)

struct pgtable_accessor {
	void *(*map)(phys_addr_t pa, enum pgtable_level level);
	void (*unmap)(enum pgtable_level level);
};

extern const struct pgtable_accessor pgtable_linear_accessor;
/* Sets the accessor for every later build or walk; NULL restores the linear one. */
void pgtable_set_accessor(const struct pgtable_accessor *acc);
void *pgtable_map(phys_addr_t pa, enum pgtable_level level);
void pgtable_unmap(enum pgtable_level level);

/*
 * Map [virt, virt + size) to [phys, ...) with @prot in the tables under @pgdir (a
 * pointer the caller can write). New table pages come from @pgtable_alloc(shift), which
 * returns a zeroed page's physical address (shift: PUD_SHIFT, PMD_SHIFT or PAGE_SHIFT
 * for the level the table maps); NULL means "no new tables may be needed".
 * Panics (BUG) on an unsafe change of a live entry, as Linux does.
 */
void __create_pgd_mapping(pgd_t *pgdir, phys_addr_t phys, unsigned long virt,
			  phys_addr_t size, pgprot_t prot,
			  phys_addr_t (*pgtable_alloc)(int shift), int flags);
/* True if a live descriptor may go from @old to @new without break-before-make. */
bool pgattr_change_is_safe(u64 old, u64 new);

/*
 * Translate @va through @pgd. Returns the descriptor the walk ended on (a block or page,
 * or the invalid entry that stops it) and its architectural level in *level (0 = PGD,
 * 1 = PUD, 2 = PMD, 3 = PTE). The pointer is reached through the accessor.
 */
pte_t *walk_va(pgd_t *pgd, u64 va, int *level);
/* The physical address @va translates to through @pgd, or PHYS_ADDR_MAX if unmapped. */
phys_addr_t pgtable_translate(pgd_t *pgd, u64 va);
/*
 * Describe descriptor @desc found at architectural @level in words, e.g.
 * "PMD block 2M -> 0x40000000: RW NX UXN SHD AF MEM/NORMAL". Returns the length.
 */
int pgtable_describe(u64 desc, int level, char *buf, size_t len);
/*
 * A checksum of every entry of the tables under @pgd (index, value, and the tables they
 * point to), leaving out entries that map only @skip's virtual ranges (NULL: none): equal
 * before and after a change of the builder means the same tables.
 */
struct checksum_skip;
u64 pgtable_checksum(pgd_t *pgd, const struct checksum_skip *skip);

#endif /* _ASM_PGTABLE_H */
