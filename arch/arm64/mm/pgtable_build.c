// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel page-table builder: Linux 6.1's __create_pgd_mapping() and its per-level
 * helpers (arch/arm64/mm/mmu.c), plus a VA walker and a descriptor describer.
 * It only reads and writes memory; the barriers and TLB maintenance belong to the caller
 * (see asm/pgtable.h). Table pages are reached through a pluggable accessor.
 */
#define pr_fmt(fmt) "pgtable: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/bootmem_checksum.h>
#include <asm/memory.h>
#include <asm/pgtable.h>

static void *linear_map(phys_addr_t pa, enum pgtable_level level)
{
	return phys_to_virt(pa);
}

static void linear_unmap(enum pgtable_level level)
{
}

const struct pgtable_accessor pgtable_linear_accessor = {
	.map	= linear_map,
	.unmap	= linear_unmap,
};

static const struct pgtable_accessor *accessor = &pgtable_linear_accessor;

void pgtable_set_accessor(const struct pgtable_accessor *acc)
{
	accessor = acc ? acc : &pgtable_linear_accessor;
}

void *pgtable_map(phys_addr_t pa, enum pgtable_level level)
{
	return accessor->map(pa, level);
}

void pgtable_unmap(enum pgtable_level level)
{
	accessor->unmap(level);
}

static const char *const level_name[] = { "PGD", "PUD", "PMD", "PTE" };

/*
 * Levels whose descriptors cannot be blocks: level 0, and with 16 KiB pages level 1 too
 * (its 64 GiB blocks need FEAT_LPA2). There bit 1 clear is a reserved encoding that faults.
 */
static bool no_blocks_at(int level)
{
	return level == PGT_PGD || (PGTABLE_LEVELS == 3 && level == PGT_PUD);
}

bool pgattr_change_is_safe(u64 old, u64 new)
{
	/* Attributes Linux lets a live kernel mapping change without break-before-make. */
	pteval_t mask = PTE_PXN | PTE_RDONLY | PTE_WRITE | PTE_NG;

	/* Rewriting what is there changes nothing (Linux 6.1 would BUG on a CONT one). */
	if (old == new)
		return true;

	/* Creating or taking down a mapping is always safe. */
	if (old == 0 || new == 0)
		return true;

	/* Live contiguous mappings may not be touched at all. */
	if ((old | new) & PTE_CONT)
		return false;

	/* Non-global to global would leave stale ASID-tagged entries. */
	if (old & ~new & PTE_NG)
		return false;

	/* Normal <-> Normal-Tagged only changes a permission, in effect. */
	if (((old & PTE_ATTRINDX_MASK) == PTE_ATTRINDX(MT_NORMAL) ||
	     (old & PTE_ATTRINDX_MASK) == PTE_ATTRINDX(MT_NORMAL_TAGGED)) &&
	    ((new & PTE_ATTRINDX_MASK) == PTE_ATTRINDX(MT_NORMAL) ||
	     (new & PTE_ATTRINDX_MASK) == PTE_ATTRINDX(MT_NORMAL_TAGGED)))
		mask |= PTE_ATTRINDX_MASK;

	return ((old ^ new) & ~mask) == 0;
}

/*
 * Write one leaf descriptor. A change that would need break-before-make (a live block
 * turned into a table, a different output address, a CONT entry rewritten) is a bug in
 * the caller: stop with the details instead of corrupting a live translation.
 */
static void set_leaf(u64 *entry, u64 new, unsigned long addr, int level)
{
	u64 old = READ_ONCE(*entry);

	if (old == new)
		return;
	if (!pgattr_change_is_safe(old, new))
		panic("pgtable: unsafe change of the live %s entry for 0x%016lx: 0x%016llx -> 0x%016llx (needs break-before-make)",
		      level_name[level], addr, old,
		      new);
	WRITE_ONCE(*entry, new);
}

/* The entry at @level for @addr already maps a block: no table can go under it. */
static void __noreturn live_block_bug(u64 val, unsigned long addr, int level)
{
	panic("pgtable: 0x%016lx lies in a live %s block (0x%016llx); splitting it needs break-before-make",
	      addr, level_name[level], val);
}

static phys_addr_t alloc_table(phys_addr_t (*pgtable_alloc)(int), int shift,
			       unsigned long addr)
{
	phys_addr_t pa;

	if (!pgtable_alloc)
		panic("pgtable: mapping 0x%016lx needs a new table but no allocator was given",
		      addr);
	pa = pgtable_alloc(shift);
	if (!pa || (pa & ~PAGE_MASK))
		panic("pgtable: table allocator returned %#llx for 0x%016lx",
		      pa, addr);
	return pa;
}

/*
 * Linux's init_pte(): the entries of [addr, end) from @ptep on. Linux maps the PTE table
 * (pte_set_fixmap_offset) in every call; here alloc_init_cont_pte() maps it once for all
 * its contiguous ranges, which writes the same entries.
 *
 * In a table alloc_init_cont_pte() has just allocated (@fresh) every entry is 0, and 0 may
 * become anything (pgattr_change_is_safe), so the check Linux makes per entry cannot fail:
 * there the entries are written straight, each the one before plus a page. (Adding
 * PAGE_SIZE to the descriptor adds it to the output address: @prot has no address bits,
 * and __create_pgd_mapping refused ranges beyond the 48-bit PA space.)
 */
static void init_pte(pte_t *ptep, unsigned long addr, unsigned long end, phys_addr_t phys,
		     pgprot_t prot, bool fresh)
{
	if (fresh && !(pgprot_val(prot) & PTE_ADDR_MASK)) {
		u64 *entry = &pte_val(*ptep), *last = entry + ((end - addr) >> PAGE_SHIFT);
		u64 val = pte_val(pfn_pte_phys(phys, prot));

#pragma GCC unroll 8
		for (; entry < last; entry++, val += PAGE_SIZE)
			*entry = val;
		return;
	}
	do {
		set_leaf(&pte_val(*ptep), pte_val(pfn_pte_phys(phys, prot)), addr,
			 PGT_PTE);
		phys += PAGE_SIZE;
	} while (ptep++, addr += PAGE_SIZE, addr != end);
}

static void alloc_init_cont_pte(pmd_t *pmdp, unsigned long addr,
				unsigned long end, phys_addr_t phys,
				pgprot_t prot,
				phys_addr_t (*pgtable_alloc)(int), int flags)
{
	unsigned long next;
	pmd_t pmd = READ_ONCE(*pmdp);
	bool fresh = false;
	pte_t *ptep;

	if (pmd_sect(pmd))
		live_block_bug(pmd_val(pmd), addr, PGT_PMD);
	if (pmd_none(pmd)) {
		pmdval_t pmdval = PMD_TYPE_TABLE | PMD_TABLE_UXN;
		phys_addr_t pte_phys;

		if (flags & NO_EXEC_MAPPINGS)
			pmdval |= PMD_TABLE_PXN;
		pte_phys = alloc_table(pgtable_alloc, PAGE_SHIFT, addr);
		WRITE_ONCE(*pmdp, __pmd(pte_phys | pmdval));
		pmd = READ_ONCE(*pmdp);
		fresh = true;
	}
	BUG_ON(pmd_bad(pmd));

	ptep = (pte_t *)pgtable_map(pmd_page_paddr(pmd), PGT_PTE) + pte_index(addr);
	do {
		pgprot_t __prot = prot;

		next = pte_cont_addr_end(addr, end);

		/* use a contiguous mapping if the range is suitably aligned */
		if ((((addr | next | phys) & ~CONT_PTE_MASK) == 0) &&
		    (flags & NO_CONT_MAPPINGS) == 0)
			__prot = __pgprot(pgprot_val(prot) | PTE_CONT);

		init_pte(ptep, addr, next, phys, __prot, fresh);

		ptep += (next - addr) >> PAGE_SHIFT;
		phys += next - addr;
	} while (addr = next, addr != end);
	pgtable_unmap(PGT_PTE);
}

static void init_pmd(pud_t *pudp, unsigned long addr, unsigned long end,
		     phys_addr_t phys, pgprot_t prot,
		     phys_addr_t (*pgtable_alloc)(int), int flags)
{
	unsigned long next;
	pmd_t *pmdp;

	pmdp = (pmd_t *)pgtable_map(pud_page_paddr(READ_ONCE(*pudp)), PGT_PMD);
	pmdp += pmd_index(addr);
	do {
		pmd_t old_pmd = READ_ONCE(*pmdp);

		next = pmd_addr_end(addr, end);

		/* try a 2 MiB block first */
		if (((addr | next | phys) & ~PMD_MASK) == 0 &&
		    (flags & NO_BLOCK_MAPPINGS) == 0) {
			set_leaf(&pmd_val(*pmdp), (phys & PTE_ADDR_MASK) | mk_sect_prot(prot),
				 addr, PGT_PMD);
		} else {
			alloc_init_cont_pte(pmdp, addr, next, phys, prot,
					    pgtable_alloc, flags);
			/* An existing table is reused, never replaced. */
			BUG_ON(pmd_val(old_pmd) != 0 &&
			       pmd_val(old_pmd) != READ_ONCE(pmd_val(*pmdp)));
		}
		phys += next - addr;
	} while (pmdp++, addr = next, addr != end);
	pgtable_unmap(PGT_PMD);
}

static void alloc_init_cont_pmd(pud_t *pudp, unsigned long addr,
				unsigned long end, phys_addr_t phys,
				pgprot_t prot,
				phys_addr_t (*pgtable_alloc)(int), int flags)
{
	unsigned long next;
	pud_t pud = READ_ONCE(*pudp);

	if (pud_sect(pud))
		live_block_bug(pud_val(pud), addr, PGT_PUD);
	if (pud_none(pud)) {
		pudval_t pudval = PUD_TYPE_TABLE | PUD_TABLE_UXN;
		phys_addr_t pmd_phys;

		if (flags & NO_EXEC_MAPPINGS)
			pudval |= PUD_TABLE_PXN;
		pmd_phys = alloc_table(pgtable_alloc, PMD_SHIFT, addr);
		WRITE_ONCE(*pudp, __pud(pmd_phys | pudval));
		pud = READ_ONCE(*pudp);
	}
	BUG_ON(pud_bad(pud));

	do {
		pgprot_t __prot = prot;

		next = pmd_cont_addr_end(addr, end);

		/* use a contiguous mapping if the range is suitably aligned */
		if ((((addr | next | phys) & ~CONT_PMD_MASK) == 0) &&
		    (flags & NO_CONT_MAPPINGS) == 0)
			__prot = __pgprot(pgprot_val(prot) | PTE_CONT);

		init_pmd(pudp, addr, next, phys, __prot, pgtable_alloc, flags);

		phys += next - addr;
	} while (addr = next, addr != end);
}

/*
 * The p4d level is folded: a pgd entry points straight at a PUD table. With three levels
 * (16 KiB pages) the PUD is folded too, as Linux's pgtable-nopud.h does it: the pgd entry
 * is the pud entry, there are no PUD blocks (pud_sect_supported() is 4 KiB only), and the
 * range goes straight to the PMD level.
 */
static void alloc_init_pud(pgd_t *pgdp, unsigned long addr, unsigned long end,
			   phys_addr_t phys, pgprot_t prot,
			   phys_addr_t (*pgtable_alloc)(int), int flags)
{
	unsigned long next;
	pud_t *pudp;
	pgd_t pgd = READ_ONCE(*pgdp);

	if (PGTABLE_LEVELS == 3) {
		alloc_init_cont_pmd((pud_t *)pgdp, addr, end, phys, prot, pgtable_alloc, flags);
		return;
	}
	if (pgd_none(pgd)) {
		pgdval_t pgdval = PGD_TYPE_TABLE | PGD_TABLE_UXN;
		phys_addr_t pud_phys;

		if (flags & NO_EXEC_MAPPINGS)
			pgdval |= PGD_TABLE_PXN;
		pud_phys = alloc_table(pgtable_alloc, PUD_SHIFT, addr);
		WRITE_ONCE(*pgdp, __pgd(pud_phys | pgdval));
		pgd = READ_ONCE(*pgdp);
	}
	BUG_ON(pgd_bad(pgd));

	pudp = (pud_t *)pgtable_map(pgd_page_paddr(pgd), PGT_PUD);
	pudp += pud_index(addr);
	do {
		pud_t old_pud = READ_ONCE(*pudp);

		next = pud_addr_end(addr, end);

		/* 4 KiB granule: try a 1 GiB block */
		if (((addr | next | phys) & ~PUD_MASK) == 0 &&
		    (flags & NO_BLOCK_MAPPINGS) == 0) {
			set_leaf(&pud_val(*pudp), (phys & PTE_ADDR_MASK) | mk_sect_prot(prot),
				 addr, PGT_PUD);
		} else {
			alloc_init_cont_pmd(pudp, addr, next, phys, prot,
					    pgtable_alloc, flags);
			BUG_ON(pud_val(old_pud) != 0 &&
			       pud_val(old_pud) != READ_ONCE(pud_val(*pudp)));
		}
		phys += next - addr;
	} while (pudp++, addr = next, addr != end);
	pgtable_unmap(PGT_PUD);
}

void __create_pgd_mapping(pgd_t *pgdir, phys_addr_t phys, unsigned long virt,
			  phys_addr_t size, pgprot_t prot,
			  phys_addr_t (*pgtable_alloc)(int shift), int flags)
{
	unsigned long addr, end, next;
	pgd_t *pgdp = pgdir + pgd_index(virt);

	/*
	 * If the virtual and physical address don't have the same offset within a page,
	 * the region cannot be mapped as the caller expects.
	 */
	if (WARN_ON((phys ^ virt) & ~PAGE_MASK))
		return;
	if (!size)
		return;
	if (virt + size - 1 < virt || phys + size - 1 < phys ||
	    phys + size - 1 >= (1ULL << 48)) {
		bm_err("pgtable: refusing to map %#llx bytes at 0x%016lx -> %#llx: the range wraps or exceeds the 48-bit PA space\n",
		       size, virt, phys);
		return;
	}

	phys &= PAGE_MASK;
	addr = virt & PAGE_MASK;
	end = PAGE_ALIGN(virt + size);

	do {
		next = pgd_addr_end(addr, end);
		alloc_init_pud(pgdp, addr, next, phys, prot, pgtable_alloc, flags);
		phys += next - addr;
	} while (pgdp++, addr = next, addr != end);
}

/* ---------------------------------------------------------------- walking */

static bool is_leaf(u64 val, int level)
{
	/* Level 3 entries are pages when valid; levels 1-2 hold blocks with bit 1 clear. */
	if (level == PGT_PTE)
		return true;
	return (val & PTE_TYPE_MASK) == PMD_TYPE_SECT;
}

pte_t *walk_va(pgd_t *pgd, u64 va, int *level)
{
	static const int shift[] = { PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT, PAGE_SHIFT };
	u64 *table = (u64 *)pgd;
	int l;

	/* Only TTBR1 (kernel) addresses translate through swapper's tables. */
	if ((va >> VA_BITS) != (~0UL >> VA_BITS)) {
		*level = -1;
		return NULL;
	}

	/* Levels count architecturally: with three the walk starts at level 1. */
	for (l = PGT_ROOT; ; l++) {
		u64 *entry = table + ((va >> shift[l]) & (PTRS_PER_TABLE - 1));
		u64 val = READ_ONCE(*entry);

		if (!(val & PTE_VALID) || is_leaf(val, l) || l == PGT_PTE) {
			*level = l;
			return (pte_t *)entry;
		}
		/* Level 0 (and 1 with 16 KiB pages) has no blocks; treat one as invalid. */
		if (no_blocks_at(l) && !(val & PUD_TABLE_BIT)) {
			*level = l;
			return (pte_t *)entry;
		}
		table = (u64 *)pgtable_map(__desc_phys(val), (enum pgtable_level)(l + 1));
	}
}

phys_addr_t pgtable_translate(pgd_t *pgd, u64 va)
{
	static const u64 size[] = { PGDIR_SIZE, PUD_SIZE, PMD_SIZE, PAGE_SIZE };
	int level;
	pte_t *ptep = walk_va(pgd, va, &level);
	u64 val;

	if (!ptep)
		return PHYS_ADDR_MAX;
	val = pte_val(*ptep);
	if (!(val & PTE_VALID) || no_blocks_at(level))
		return PHYS_ADDR_MAX;
	return __desc_phys(val & ~(size[level] - 1)) + (va & (size[level] - 1));
}

static bool va_skipped(const struct checksum_skip *skip, u64 start, u64 size)
{
	int i;

	for (i = 0; skip && i < skip->nr_skip_va; i++)
		if (start >= skip->skip_va[i].start && start + size - 1 <= skip->skip_va[i].end - 1)
			return true;
	return false;
}

/*
 * Every non-empty entry under @table (at @level, mapping from @va), depth first: index,
 * value, then the table it points to. Entries that map only skipped addresses are left out.
 */
static u64 table_checksum(const u64 *table, int level, u64 va, const struct checksum_skip *skip,
			  u64 h)
{
	static const int shift[] = { PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT, PAGE_SHIFT };
	int i;

	for (i = 0; i < PTRS_PER_TABLE; i++) {
		u64 val = READ_ONCE(table[i]), start = va + ((u64)i << shift[level]);

		if (!val || va_skipped(skip, start, 1ULL << shift[level]))
			continue;
		h = checksum_mix(h, (u64)level << 16 | i);
		h = checksum_mix(h, val);
		if (level < PGT_PTE && (val & PTE_VALID) && !is_leaf(val, level)) {
			const u64 *next = pgtable_map(__desc_phys(val),
						      (enum pgtable_level)(level + 1));

			h = table_checksum(next, level + 1, start, skip, h);
			pgtable_unmap((enum pgtable_level)(level + 1));
		}
	}
	return h;
}

u64 pgtable_checksum(pgd_t *pgd, const struct checksum_skip *skip)
{
	/* swapper_pg_dir translates the TTBR1 half: index 0 is the lowest kernel address. */
	return table_checksum((const u64 *)pgd, PGT_ROOT, ~0ULL << VA_BITS, skip, 0);
}

static const char *mem_type_name(u64 val)
{
	switch ((val & PTE_ATTRINDX_MASK) >> 2) {
	case MT_NORMAL:		return "MEM/NORMAL";
	case MT_NORMAL_TAGGED:	return "MEM/NORMAL-TAGGED";
	case MT_NORMAL_NC:	return "MEM/NORMAL-NC";
	case MT_DEVICE_nGnRnE:	return "DEVICE/nGnRnE";
	case MT_DEVICE_nGnRE:	return "DEVICE/nGnRE";
	default:		return "ATTR/unknown";
	}
}

int pgtable_describe(u64 desc, int level, char *buf, size_t len)
{
#ifdef CONFIG_ARM64_16K_PAGES
	static const char *const leaf_kind[] = { "?", "block 64G", "block 32M", "page 16K" };
#else
	static const char *const leaf_kind[] = { "?", "block 1G", "block 2M", "page 4K" };
#endif
	const char *name = (level >= 0 && level <= PGT_PTE) ? level_name[level] : "???";

	if (!(desc & PTE_VALID))
		return scnprintf(buf, len, "%s invalid (0x%016llx): not mapped", name,
				 desc);
	if (level < 0 || level > PGT_PTE || (no_blocks_at(level) && !(desc & PUD_TABLE_BIT)) ||
	    (level == PGT_PTE && !(desc & PTE_TABLE_BIT)))
		return scnprintf(buf, len, "%s reserved encoding (0x%016llx): faults", name,
				 desc);
	if (!is_leaf(desc, level))
		return scnprintf(buf, len, "%s table -> %#llx%s%s", name,
				 __desc_phys(desc),
				 (desc & PMD_TABLE_PXN) ? " PXNTable" : "",
				 (desc & PMD_TABLE_UXN) ? " UXNTable" : "");
	return scnprintf(buf, len, "%s %s -> %#llx: %s %s%s %s%s%s%s%s%s%s %s", name,
			 leaf_kind[level], __desc_phys(desc),
			 (desc & PTE_RDONLY) ? "ro" : "RW",
			 (desc & PTE_PXN) ? "NX" : "x",
			 (desc & PTE_UXN) ? " UXN" : "",
			 (desc & PTE_SHARED) == PTE_SHARED ? "SHD" : "non-shareable",
			 (desc & PTE_AF) ? " AF" : " no-AF",
			 (desc & PTE_USER) ? " USR" : "",
			 (desc & PTE_NG) ? " NG" : "",
			 (desc & PTE_CONT) ? " CON" : "",
			 (desc & PTE_GP) ? " GP" : "",
			 (desc & PTE_DBM) ? " DBM" : "",
			 mem_type_name(desc));
}
