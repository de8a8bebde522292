// SPDX-License-Identifier: GPL-2.0
/*
 * The page-table geometry of the granule it is built for, held by a walker of its own:
 * four levels with 4 KiB pages (build/host), three with 16 KiB (build-16k/host, the PUD
 * folded into the PGD as Linux's pgtable-nopud.h), which tables __create_pgd_mapping
 * allocates, where its blocks go, and what walk_va and pgtable_describe make of them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/fixmap.h>
#include "harness.h"

static pgd_t root[PTRS_PER_PGD] __attribute__((aligned(1 << PAGE_SHIFT)));

/* Table pages from a bump pool in simulated memory, recording each request's shift. */
#define POOL_BASE	0x7000000000ULL
static phys_addr_t pool_next;
static int shifts[64], nr_shifts;

static phys_addr_t pool_alloc(int shift)
{
	phys_addr_t pa = pool_next;

	assert_true(nr_shifts < (int)ARRAY_SIZE(shifts));
	shifts[nr_shifts++] = shift;
	pool_next += PAGE_SIZE;
	memset(phys_to_virt(pa), 0, PAGE_SIZE);
	return pa;
}

static void reset(void)
{
	if (pool_next > POOL_BASE)
		sim_discard(POOL_BASE, pool_next - POOL_BASE);
	memset(root, 0, sizeof(root));
	pool_next = POOL_BASE;
	nr_shifts = 0;
}

/* The entry of @va in the table at @table_pa (or the root), resolving @shift bits. */
static u64 entry_at(const u64 *table, unsigned long va, int shift)
{
	return table[(va >> shift) & (PTRS_PER_TABLE - 1)];
}

static const u64 *table_of(u64 desc)
{
	assert_int_equal(desc & 3, 3);	/* a table descriptor */
	return phys_to_virt(__desc_phys(desc));
}

/* The constants: what each granule's VA_BITS and levels give, as Linux derives them. */
static void test_geometry(void **state)
{
	assert_int_equal(PTRS_PER_TABLE, PAGE_SIZE / 8);
	assert_int_equal(PMD_SHIFT, PAGE_SHIFT + (PAGE_SHIFT - 3));
	assert_int_equal(PGDIR_SHIFT, PAGE_SHIFT + (PAGE_SHIFT - 3) * (PGTABLE_LEVELS - 1));
	/* The root table covers exactly the VA bits, one entry per PGDIR_SIZE. */
	assert_int_equal((unsigned long)PTRS_PER_PGD << PGDIR_SHIFT, 1UL << VA_BITS);
	assert_int_equal(pgd_index(PAGE_OFFSET), 0);
	assert_int_equal(pgd_index(~0UL), PTRS_PER_PGD - 1);
#ifdef CONFIG_ARM64_16K_PAGES
	assert_int_equal(PAGE_SHIFT, 14);
	assert_int_equal(PGTABLE_LEVELS, 3);
	assert_int_equal(VA_BITS, 47);
	assert_int_equal(PMD_SIZE, SZ_32M);
	assert_int_equal(PGDIR_SIZE, 64UL << 30);
	assert_int_equal(PTRS_PER_PUD, 1);
	assert_int_equal(PGT_ROOT, PGT_PUD);
	assert_int_equal(PAGE_OFFSET, 0xffff800000000000UL);
#else
	assert_int_equal(PAGE_SHIFT, 12);
	assert_int_equal(PGTABLE_LEVELS, 4);
	assert_int_equal(VA_BITS, 48);
	assert_int_equal(PMD_SIZE, SZ_2M);
	assert_int_equal(PUD_SIZE, SZ_1G);
	assert_int_equal(PGDIR_SIZE, 512UL << 30);
	assert_int_equal(PGT_ROOT, PGT_PGD);
#endif
}

/*
 * Two PMD blocks and three pages from a PMD boundary that is not a PUD one: one table per
 * level below the root (PUD, PMD, PTE with four levels; PMD, PTE with three), in that order,
 * and the root entry leads to them through exactly PGTABLE_LEVELS - 1 tables.
 */
static void test_blocks_and_pages(void **state)
{
	phys_addr_t base = 0x40000000 + PMD_SIZE;
	unsigned long va = __phys_to_virt(base);
	u64 size = 2 * PMD_SIZE + 3 * PAGE_SIZE;
	const u64 *t = (const u64 *)root;
	int level, i;
	u64 d;

	reset();
	__create_pgd_mapping(root, base, va, size, PAGE_KERNEL, pool_alloc, NO_CONT_MAPPINGS);
	assert_int_equal(nr_shifts, PGTABLE_LEVELS - 1);
	i = 0;
	if (PGTABLE_LEVELS == 4)
		assert_int_equal(shifts[i++], PUD_SHIFT);
	assert_int_equal(shifts[i++], PMD_SHIFT);
	assert_int_equal(shifts[i++], PAGE_SHIFT);

	/* Our own walk: root -> (PUD ->) PMD: blocks, then a PTE table of pages. */
	d = entry_at(t, va, PGDIR_SHIFT);
	t = table_of(d);
	if (PGTABLE_LEVELS == 4)
		t = table_of(entry_at(t, va, PUD_SHIFT));
	for (i = 0; i < 2; i++) {
		d = entry_at(t, va + i * PMD_SIZE, PMD_SHIFT);
		assert_int_equal(d & 3, 1);			/* a block */
		assert_int_equal(__desc_phys(d), base + i * PMD_SIZE);
	}
	t = table_of(entry_at(t, va + 2 * PMD_SIZE, PMD_SHIFT));
	for (i = 0; i < 3; i++) {
		d = t[((va + 2 * PMD_SIZE) >> PAGE_SHIFT) % PTRS_PER_TABLE + i];
		assert_int_equal(d & 3, 3);			/* a page */
		assert_int_equal(__desc_phys(d), base + 2 * PMD_SIZE + i * PAGE_SIZE);
	}
	assert_int_equal(t[((va + 2 * PMD_SIZE) >> PAGE_SHIFT) % PTRS_PER_TABLE + 3], 0);

	/* walk_va agrees, with architectural levels. */
	walk_va(root, va + PMD_SIZE + 5, &level);
	assert_int_equal(level, PGT_PMD);
	assert_int_equal(pgtable_translate(root, va + PMD_SIZE + 5), base + PMD_SIZE + 5);
	walk_va(root, va + 2 * PMD_SIZE + PAGE_SIZE + 7, &level);
	assert_int_equal(level, PGT_PTE);
	assert_int_equal(pgtable_translate(root, va + 2 * PMD_SIZE + PAGE_SIZE + 7),
			 base + 2 * PMD_SIZE + PAGE_SIZE + 7);
	assert_int_equal(pgtable_translate(root, va + size), PHYS_ADDR_MAX);
	assert_int_equal(pgtable_translate(root, va - 1), PHYS_ADDR_MAX);
}

/*
 * 64 GiB, aligned: with four levels 64 PUD blocks (1 GiB) in one PUD table; with three
 * there are no level-1 blocks, so 2048 PMD blocks of 32 MiB fill one PMD table.
 */
static void test_no_level1_blocks(void **state)
{
	phys_addr_t base = 64ULL << 30;
	unsigned long va = __phys_to_virt(base);
	const u64 *t;
	int level, i, blocks = 0;

	reset();
	__create_pgd_mapping(root, base, va, 64ULL << 30, PAGE_KERNEL, pool_alloc,
			     NO_CONT_MAPPINGS);
	assert_int_equal(nr_shifts, 1);
	t = table_of(entry_at((const u64 *)root, va, PGDIR_SHIFT));
	for (i = 0; i < PTRS_PER_TABLE; i++)
		blocks += (t[i] & 3) == 1;
	walk_va(root, va + SZ_1G + 3, &level);
#ifdef CONFIG_ARM64_16K_PAGES
	assert_int_equal(shifts[0], PMD_SHIFT);
	assert_int_equal(blocks, 2048);
	assert_int_equal(level, PGT_PMD);
#else
	assert_int_equal(shifts[0], PUD_SHIFT);
	assert_int_equal(blocks, 64);
	assert_int_equal(level, PGT_PUD);
#endif
	assert_int_equal(pgtable_translate(root, va + SZ_1G + 3), base + SZ_1G + 3);
}

/* A block in the root: a level-0 block (4K), or level-1 without LPA2 (16K), faults. */
static void test_root_block_faults(void **state)
{
	unsigned long va = PAGE_OFFSET + 5 * PGDIR_SIZE;
	char buf[160];

	reset();
	root[pgd_index(va)] = __pgd(0x80000000UL | PMD_TYPE_SECT | PTE_AF);
	assert_int_equal(pgtable_translate(root, va), PHYS_ADDR_MAX);
	pgtable_describe(pgd_val(root[pgd_index(va)]), PGT_ROOT, buf, sizeof(buf));
	assert_non_null(strstr(buf, "reserved encoding"));
}

/* The fixmap: the root entry leads to bm_pmd directly with three levels; a slot maps a page. */
static void test_fixmap_levels(void **state)
{
	phys_addr_t t = POOL_BASE;
	unsigned long va = __fix_to_virt(FIX_EARLYCON_MEM_BASE);
	const u64 *tab;

	reset();
	__early_fixmap_init(root, phys_to_virt(t), t, phys_to_virt(t + PAGE_SIZE), t + PAGE_SIZE,
			    phys_to_virt(t + 2 * PAGE_SIZE), t + 2 * PAGE_SIZE);
	pool_next = t + 3 * PAGE_SIZE;
	__set_fixmap(FIX_EARLYCON_MEM_BASE, 0x9000000, FIXMAP_PAGE_IO);
	tab = table_of(entry_at((const u64 *)root, va, PGDIR_SHIFT));
	assert_int_equal(__desc_phys(entry_at((const u64 *)root, va, PGDIR_SHIFT)),
			 PGTABLE_LEVELS == 3 ? t + PAGE_SIZE : t);
	if (PGTABLE_LEVELS == 4)
		tab = table_of(entry_at(tab, va, PUD_SHIFT));
	tab = table_of(entry_at(tab, va, PMD_SHIFT));
	assert_int_equal(__desc_phys(tab[(va >> PAGE_SHIFT) % PTRS_PER_TABLE]), 0x9000000);
	assert_int_equal(pgtable_translate(root, va + 0x10), 0x9000010);
	clear_fixmap(FIX_EARLYCON_MEM_BASE);
	assert_int_equal(pgtable_translate(root, va), PHYS_ADDR_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_geometry),
		cmocka_unit_test(test_blocks_and_pages),
		cmocka_unit_test(test_no_level1_blocks),
		cmocka_unit_test(test_root_block_faults),
		cmocka_unit_test(test_fixmap_levels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
