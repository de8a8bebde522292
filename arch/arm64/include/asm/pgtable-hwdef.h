/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMSAv8-64 translation table geometry and descriptor bits, from the granule (asm/page-def.h).
 * The 4 KiB granule: 48-bit VA, four levels (PGD -> PUD -> PMD -> PTE). The 16 KiB granule
 * (Debian's arm64-16k 6.12 on a CPU without LPA2): 47-bit VA, three levels, the PUD folded
 * into the PGD as Linux's pgtable-nopud.h does (the root table is architectural level 1,
 * 2048 entries of 64 GiB), 32 MiB PMD blocks.
 */
#ifndef _ASM_PGTABLE_HWDEF_H
#define _ASM_PGTABLE_HWDEF_H

#include <asm/page-def.h>

#define PTRS_PER_TABLE		(1 << (PAGE_SHIFT - 3))	/* a page of 8-byte descriptors */

/* Level n (0..3) of the architecture resolves VA bits [shift + PAGE_SHIFT - 4, shift]. */
#define ARM64_HW_PGTABLE_LEVEL_SHIFT(n)	((PAGE_SHIFT - 3) * (4 - (n)) + 3)

#ifdef CONFIG_ARM64_16K_PAGES
#define PGTABLE_LEVELS		3
#else
#define PGTABLE_LEVELS		4
#endif

#define PTRS_PER_PTE		PTRS_PER_TABLE
#define PMD_SHIFT		ARM64_HW_PGTABLE_LEVEL_SHIFT(2)		/* 21; 16K: 25 */
#define PMD_SIZE		(1UL << PMD_SHIFT)
#define PMD_MASK		(~(PMD_SIZE - 1))
#define PTRS_PER_PMD		PTRS_PER_TABLE
#define PUD_SHIFT		ARM64_HW_PGTABLE_LEVEL_SHIFT(1)		/* 30; 16K: 36 */
#define PUD_SIZE		(1UL << PUD_SHIFT)
#define PUD_MASK		(~(PUD_SIZE - 1))
#if PGTABLE_LEVELS > 3
#define PTRS_PER_PUD		PTRS_PER_TABLE
#else
#define PTRS_PER_PUD		1	/* folded: the PGD entry is the PUD entry */
#endif
/* The root table's level: 0 with four levels, 1 with three (Linux's 4 - CONFIG_PGTABLE_LEVELS). */
#define PGTABLE_ROOT_LEVEL	(4 - PGTABLE_LEVELS)
#define PGDIR_SHIFT		ARM64_HW_PGTABLE_LEVEL_SHIFT(PGTABLE_ROOT_LEVEL) /* 39; 16K: 36 */
#define PGDIR_SIZE		(1UL << PGDIR_SHIFT)
#define PGDIR_MASK		(~(PGDIR_SIZE - 1))
#define PTRS_PER_PGD		PTRS_PER_TABLE
#define PGD_SIZE		(PTRS_PER_PGD * 8)

/*
 * The contiguous hint (CONFIG_ARM64_CONT_PTE_SHIFT/CONT_PMD_SHIFT): 16 naturally aligned
 * PTEs (64 KiB) or PMDs (32 MiB) with 4 KiB pages; 128 PTEs (2 MiB) or 32 PMDs (1 GiB)
 * with 16 KiB.
 */
#ifdef CONFIG_ARM64_16K_PAGES
#define CONT_PTE_SHIFT		(7 + PAGE_SHIFT)
#define CONT_PMD_SHIFT		(5 + PMD_SHIFT)
#else
#define CONT_PTE_SHIFT		(4 + PAGE_SHIFT)
#define CONT_PMD_SHIFT		(4 + PMD_SHIFT)
#endif
#define CONT_PTES		(1 << (CONT_PTE_SHIFT - PAGE_SHIFT))
#define CONT_PTE_SIZE		(CONT_PTES * (1UL << PAGE_SHIFT))
#define CONT_PTE_MASK		(~(CONT_PTE_SIZE - 1))
#define CONT_PMDS		(1 << (CONT_PMD_SHIFT - PMD_SHIFT))
#define CONT_PMD_SIZE		(CONT_PMDS * PMD_SIZE)
#define CONT_PMD_MASK		(~(CONT_PMD_SIZE - 1))

/* Table descriptors (any level but the last). */
#define PGD_TYPE_TABLE		(3UL << 0)
#define PUD_TYPE_TABLE		(3UL << 0)
#define PUD_TYPE_MASK		(3UL << 0)
#define PUD_TYPE_SECT		(1UL << 0)
#define PUD_TABLE_BIT		(1UL << 1)
#define PUD_TABLE_PXN		(1UL << 59)	/* PXNTable: nothing below runs at EL1 */
#define PUD_TABLE_UXN		(1UL << 60)	/* UXNTable: nothing below runs at EL0 */
#define PGD_TABLE_PXN		PUD_TABLE_PXN
#define PGD_TABLE_UXN		PUD_TABLE_UXN
#define PMD_TYPE_MASK		(3UL << 0)
#define PMD_TYPE_TABLE		(3UL << 0)
#define PMD_TYPE_SECT		(1UL << 0)
#define PMD_TABLE_BIT		(1UL << 1)
#define PMD_TABLE_PXN		(1UL << 59)
#define PMD_TABLE_UXN		(1UL << 60)

/* Block ("section") descriptors at PUD (1 GiB) and PMD (2 MiB) level. */
#define PMD_SECT_VALID		(1UL << 0)
#define PMD_SECT_USER		(1UL << 6)
#define PMD_SECT_RDONLY		(1UL << 7)
#define PMD_SECT_S		(3UL << 8)
#define PMD_SECT_AF		(1UL << 10)
#define PMD_SECT_NG		(1UL << 11)
#define PMD_SECT_CONT		(1UL << 52)
#define PMD_SECT_PXN		(1UL << 53)
#define PMD_SECT_UXN		(1UL << 54)

/* Page descriptors (level 3); the attribute bits have the same places in blocks. */
#define PTE_VALID		(1UL << 0)
#define PTE_TYPE_MASK		(3UL << 0)
#define PTE_TYPE_PAGE		(3UL << 0)
#define PTE_TABLE_BIT		(1UL << 1)	/* set: page (level 3) or table; clear: block */
#define PTE_USER		(1UL << 6)	/* AP[1]: EL0 access */
#define PTE_RDONLY		(1UL << 7)	/* AP[2]: read-only */
#define PTE_SHARED		(3UL << 8)	/* SH[1:0]: inner shareable */
#define PTE_AF			(1UL << 10)	/* access flag */
#define PTE_NG			(1UL << 11)	/* not global (ASID tagged) */
#define PTE_GP			(1UL << 50)	/* BTI guarded page */
#define PTE_DBM			(1UL << 51)	/* dirty bit management; Linux's PTE_WRITE */
#define PTE_CONT		(1UL << 52)	/* one of 16 contiguous entries */
#define PTE_PXN			(1UL << 53)	/* privileged execute never */
#define PTE_UXN			(1UL << 54)	/* unprivileged execute never */

/* Output address bits [47:PAGE_SHIFT] (48-bit PA, no LPA). */
#define PTE_ADDR_MASK		(((1UL << (48 - PAGE_SHIFT)) - 1) << PAGE_SHIFT)

/* AttrIndx[2:0]: which MAIR_EL1 byte describes the memory type. */
#define PTE_ATTRINDX(t)		((unsigned long)(t) << 2)
#define PTE_ATTRINDX_MASK	(7UL << 2)
#define PMD_ATTRINDX(t)		PTE_ATTRINDX(t)
#define PMD_ATTRINDX_MASK	PTE_ATTRINDX_MASK

#endif /* _ASM_PGTABLE_HWDEF_H */
