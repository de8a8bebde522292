// SPDX-License-Identifier: GPL-2.0
/*
 * The swapper page-table builder, map_mem, the fixmap and ptdump on simulated memory:
 * every mapped byte translates right with the right attributes, nothing else is mapped,
 * blocks are maximal (rodata=off) or absent (rodata=full), rebuilding changes nothing,
 * table counts equal an independent minimum, and unsafe changes stop the kernel.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/init.h>
#include <asm/pgtable.h>
#include <asm/mmu.h>
#include <asm/fixmap.h>
#include <asm/ptdump.h>
#include <stdio.h>
#include <stdlib.h>
#include "harness.h"
#include "pgtable_scenarios.h"
#include "host_boot.h"
#include <asm/sections.h>
#include <asm/image.h>

static pgd_t swapper[PTRS_PER_PGD] __attribute__((aligned(4096)));

/* Attribute bits a leaf must carry exactly (everything but the output address). */
#define ATTR_MASK	(~PTE_ADDR_MASK)

struct leaf {
	unsigned long va;
	u64 size;
	u64 desc;
	int level;		/* 1 PUD, 2 PMD, 3 PTE */
};

struct walk {
	struct leaf *leaves;
	size_t n, cap;
	phys_addr_t tables[8192];	/* every table page below the PGD */
	size_t ntables;
};

static void add_leaf(struct walk *w, unsigned long va, u64 size, u64 desc, int level)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 4096;
		w->leaves = realloc(w->leaves, w->cap * sizeof(*w->leaves));
		assert_non_null(w->leaves);
	}
	w->leaves[w->n++] = (struct leaf){ va, size, desc, level };
}

static void add_table(struct walk *w, phys_addr_t pa)
{
	assert_true(w->ntables < ARRAY_SIZE(w->tables));
	w->tables[w->ntables++] = pa;
}

/* A walk of its own (not walk_va): every valid leaf and every table page. */
static void walk_all(pgd_t *pgd, struct walk *w)
{
	for (unsigned int i = 0; i < PTRS_PER_PGD; i++) {
		u64 g = pgd_val(pgd[i]);
		unsigned long va0 = 0xffff000000000000UL + ((unsigned long)i << PGDIR_SHIFT);

		if (!g)
			continue;
		assert_int_equal(g & 3, 3);
		add_table(w, __desc_phys(g));
		u64 *pud = phys_to_virt(__desc_phys(g));
		for (unsigned int j = 0; j < 512; j++) {
			unsigned long va1 = va0 + ((unsigned long)j << PUD_SHIFT);

			if (!pud[j])
				continue;
			if ((pud[j] & 3) == 1) {
				add_leaf(w, va1, PUD_SIZE, pud[j], 1);
				continue;
			}
			assert_int_equal(pud[j] & 3, 3);
			add_table(w, __desc_phys(pud[j]));
			u64 *pmd = phys_to_virt(__desc_phys(pud[j]));
			for (unsigned int k = 0; k < 512; k++) {
				unsigned long va2 = va1 + ((unsigned long)k << PMD_SHIFT);

				if (!pmd[k])
					continue;
				if ((pmd[k] & 3) == 1) {
					add_leaf(w, va2, PMD_SIZE, pmd[k], 2);
					continue;
				}
				assert_int_equal(pmd[k] & 3, 3);
				add_table(w, __desc_phys(pmd[k]));
				u64 *pte = phys_to_virt(__desc_phys(pmd[k]));
				for (unsigned int l = 0; l < 512; l++) {
					if (!pte[l])
						continue;
					assert_int_equal(pte[l] & 3, 3);
					add_leaf(w, va2 + ((unsigned long)l << 12), PAGE_SIZE,
						 pte[l], 3);
				}
			}
		}
	}
}

static void walk_free(struct walk *w)
{
	free(w->leaves);
	memset(w, 0, sizeof(*w));
}

static bool phys_mapped_expected(const struct scenario *s, phys_addr_t pa, u64 size)
{
	for (const struct scn_region *r = s->r; r->size; r++)
		if (!r->nomap && pa >= r->base && pa + size <= r->base + r->size)
			return true;
	/* The image alias may straddle regions only if they are adjacent and mapped. */
	return false;
}

static int call_of(const struct map_call *c, int n, phys_addr_t a, phys_addr_t b)
{
	for (int i = 0; i < n; i++)
		if (c[i].start <= a && c[i].end >= b)
			return i;
	return -1;
}

static void build(const struct scenario *s, bool full)
{
	memset(swapper, 0, sizeof(swapper));
	rodata_full = full;
	rodata_enabled = true;
	scenario_load(s);
	__map_mem(swapper, s->kernel_start, s->kernel_end);
}

/* Everything the brief asks of one scenario under one rodata= setting. */
static void check_scenario(const struct scenario *s, bool full)
{
	struct map_call calls[2 * SCN_MAX_REGIONS + 1];
	int ncalls = scenario_calls(s, full, calls);
	struct walk w = { 0 };
	u64 expect_bytes = 0, mapped = 0;

	build(s, full);
	walk_all(swapper, &w);

	for (int i = 0; i < ncalls; i++)
		expect_bytes += calls[i].end - calls[i].start;

	for (size_t i = 0; i < w.n; i++) {
		struct leaf *lf = &w.leaves[i];
		phys_addr_t pa = __desc_phys(lf->desc);
		u64 attrs = lf->desc & ATTR_MASK & ~PTE_CONT;
		u64 want = PROT_NORMAL;
		int ci;

		mapped += lf->size;
		/* Linear: VA - PAGE_OFFSET == PA - PHYS_OFFSET. */
		assert_int_equal(lf->va - PAGE_OFFSET, pa - PHYS_OFFSET);
		assert_true(phys_mapped_expected(s, pa, lf->size));
		if (lf->level < 3)
			want &= ~PTE_TABLE_BIT;
		assert_int_equal(attrs, want);

		ci = call_of(calls, ncalls, pa, pa + lf->size);
		assert_true(ci >= 0);

		/* Size: blocks only where allowed, and as large as the call permits. */
		if (!calls[ci].blocks) {
			assert_int_equal(lf->level, 3);
		} else if (lf->level == 3) {
			phys_addr_t b = round_down(pa, PMD_SIZE);

			assert_true(call_of(calls, ncalls, b, b + PMD_SIZE) != ci);
		} else if (lf->level == 2) {
			phys_addr_t b = round_down(pa, PUD_SIZE);

			assert_true(call_of(calls, ncalls, b, b + PUD_SIZE) != ci);
		}

		/* The contiguous bit: exactly on naturally aligned runs of 16 inside one call. */
		if (lf->level >= 2) {
			u64 run = lf->size * 16;
			phys_addr_t b = round_down(pa, run);
			bool may = !full && ci == call_of(calls, ncalls, b, b + run) &&
				   calls[ci].start != s->kernel_start;

			if (s->kernel_end > s->kernel_start && calls[ci].start == s->kernel_start)
				may = false;
			assert_int_equal(!!(lf->desc & PTE_CONT), may);
		}
	}
	assert_int_equal(mapped, expect_bytes);

	/* Nothing NOMAP, nothing in the gaps: walk_va agrees, byte addresses included. */
	for (const struct scn_region *r = s->r; r->size; r++) {
		phys_addr_t probe[] = { r->base, r->base + r->size / 2 + 123, r->base + r->size - 1 };

		for (unsigned int k = 0; k < ARRAY_SIZE(probe); k++) {
			phys_addr_t got = pgtable_translate(swapper, __phys_to_virt(probe[k]));

			assert_int_equal(got, r->nomap ? PHYS_ADDR_MAX : probe[k]);
		}
		if (r->base > PHYS_OFFSET)
			assert_int_equal(pgtable_translate(swapper, __phys_to_virt(r->base) - 1) ==
					 PHYS_ADDR_MAX,
					 !phys_mapped_expected(s, r->base - 1, 1));
	}

	/* Table pages: equal to the independent minimum. */
	assert_int_equal(map_mem_pgtable_pages, scenario_min_tables(calls, ncalls));
	assert_int_equal(map_mem_pgtable_pages, w.ntables);

	/* A second map_mem over the same tables changes no byte and allocates nothing. */
	{
		size_t bytes = w.ntables * PAGE_SIZE + sizeof(swapper);
		char *snap = malloc(bytes);
		unsigned long before = early_pgtable_pages;

		assert_non_null(snap);
		for (size_t t = 0; t < w.ntables; t++)
			memcpy(snap + t * PAGE_SIZE, phys_to_virt(w.tables[t]), PAGE_SIZE);
		memcpy(snap + w.ntables * PAGE_SIZE, swapper, sizeof(swapper));
		__map_mem(swapper, s->kernel_start, s->kernel_end);
		assert_int_equal(early_pgtable_pages, before);
		assert_int_equal(map_mem_pgtable_pages, 0);
		for (size_t t = 0; t < w.ntables; t++)
			assert_memory_equal(snap + t * PAGE_SIZE, phys_to_virt(w.tables[t]),
					    PAGE_SIZE);
		assert_memory_equal(snap + w.ntables * PAGE_SIZE, swapper, sizeof(swapper));
		free(snap);
	}
	/* map_mem put the image back: no NOMAP flag left on it. */
	if (s->kernel_end > s->kernel_start)
		assert_true(memblock_is_map_memory(s->kernel_start));

	walk_free(&w);
}

static void test_all_scenarios_rodata_full(void **state)
{
	for (unsigned int i = 0; i < NR_SCENARIOS; i++)
		check_scenario(&scenarios[i], true);
}

static void test_all_scenarios_rodata_off(void **state)
{
	for (unsigned int i = 0; i < NR_SCENARIOS; i++)
		check_scenario(&scenarios[i], false);
}

/* Known answers: Linux 6.1's own counts, derived from the oracle's early_pgtable_alloc runs. */
static void test_known_counts(void **state)
{
	/* virt 1G: 511 allocations in paging_init = map_kernel's 7 + map_mem's 504. */
	build(&scenarios[0], true);
	assert_int_equal(map_mem_pgtable_pages, 504);
	/* virt 4G (oracle dma-ranges-30bit): 2050 = 7 + 2043. */
	build(&scenarios[1], true);
	assert_int_equal(map_mem_pgtable_pages, 2043);
	/* pi4like-1g (memory [0, 0x3b400000)): 473 = 7 + 466. */
	build(&scenarios[6], true);
	assert_int_equal(map_mem_pgtable_pages, 466);
	/* rodata=off, virt 1G: PUD + PMD + the two PTE tables at the image's edges. */
	build(&scenarios[0], false);
	assert_int_equal(map_mem_pgtable_pages, 4);
	/* rodata=off, 6G from 1G: the whole GiBs are PUD blocks; only the image's GiB splits. */
	build(&scenarios[2], false);
	assert_int_equal(map_mem_pgtable_pages, 4);
}

static void test_rodata_param(void **state)
{
	parse_early_param("rodata=off");
	assert_false(rodata_full);
	assert_false(rodata_enabled);
	assert_false(can_set_direct_map());
	parse_early_param("rodata=on");
	assert_false(rodata_full);
	assert_true(rodata_enabled);
	parse_early_param("rodata=full");
	assert_true(rodata_full);
	assert_true(can_set_direct_map());
	console_capture_reset();
	parse_early_param("rodata=maybe");
	assert_true(console_contains("Invalid option string for rodata: 'maybe'"));
	assert_true(rodata_full);
}

/* ---------------------------------------------------------------- direct builder use */

static phys_addr_t test_alloc(int shift)
{
	return early_pgtable_alloc(shift);
}

static void load_plain_1g(void)
{
	memset(swapper, 0, sizeof(swapper));
	memblock_reset();
	memblock_add(0x40000000, SZ_1G);
	memstart_addr = 0x40000000;
}

struct bad_map {
	phys_addr_t pa;
	unsigned long va;
	u64 size;
	pgprot_t prot;
	int flags;
};

static void do_bad_map(void *arg)
{
	struct bad_map *b = arg;

	__create_pgd_mapping(swapper, b->pa, b->va, b->size, b->prot, test_alloc, b->flags);
}

static void test_break_before_make(void **state)
{
	unsigned long va = 0xffff800010000000UL;
	struct bad_map b;
	int level;
	pte_t *ptep;

	load_plain_1g();
	/* A 2 MiB block, then pages inside it: refused, block untouched. */
	__create_pgd_mapping(swapper, 0x40200000, va, SZ_2M, PAGE_KERNEL, test_alloc, 0);
	ptep = walk_va(swapper, va + 0x1000, &level);
	assert_int_equal(level, 2);
	u64 block = pte_val(*ptep);
	b = (struct bad_map){ 0x40200000, va, SZ_4K, PAGE_KERNEL, NO_BLOCK_MAPPINGS };
	assert_int_equal(run_expect_panic(do_bad_map, &b), 1);
	assert_non_null(strstr(panic_message(), "live PMD block"));
	assert_int_equal(pte_val(*walk_va(swapper, va, &level)), block);

	/* The same VA to another PA: needs break-before-make, refused. */
	b = (struct bad_map){ 0x40400000, va, SZ_2M, PAGE_KERNEL, 0 };
	assert_int_equal(run_expect_panic(do_bad_map, &b), 1);
	assert_non_null(strstr(panic_message(), "break-before-make"));
	assert_int_equal(pte_val(*walk_va(swapper, va, &level)), block);

	/* Device memory over normal: a memory-type change, refused. */
	b = (struct bad_map){ 0x40200000, va, SZ_2M, __pgprot(PROT_DEVICE_nGnRE), 0 };
	assert_int_equal(run_expect_panic(do_bad_map, &b), 1);

	/* Permission-only change (RW -> RO) is allowed in place, like mark_rodata_ro. */
	__create_pgd_mapping(swapper, 0x40200000, va, SZ_2M, PAGE_KERNEL_RO, test_alloc, 0);
	assert_true(pte_val(*walk_va(swapper, va, &level)) & PTE_RDONLY);

	/* A 64 KiB contiguous run may not be rewritten, even to RO. */
	__create_pgd_mapping(swapper, 0x40800000, va + SZ_8M, SZ_64K, PAGE_KERNEL, test_alloc, 0);
	assert_true(pte_val(*walk_va(swapper, va + SZ_8M, &level)) & PTE_CONT);
	assert_int_equal(level, 3);
	b = (struct bad_map){ 0x40800000, va + SZ_8M, SZ_64K, PAGE_KERNEL_RO, 0 };
	assert_int_equal(run_expect_panic(do_bad_map, &b), 1);
	/* ...but rewriting it identically is a no-op. */
	__create_pgd_mapping(swapper, 0x40800000, va + SZ_8M, SZ_64K, PAGE_KERNEL, test_alloc, 0);

	/* A misaligned run (not 64 KiB aligned) gets no contiguous bit. */
	__create_pgd_mapping(swapper, 0x40a01000, va + SZ_16M + 0x1000, SZ_64K, PAGE_KERNEL,
			     test_alloc, 0);
	assert_false(pte_val(*walk_va(swapper, va + SZ_16M + 0x1000, &level)) & PTE_CONT);
}

static void test_bad_input(void **state)
{
	int level;

	load_plain_1g();
	/* PA and VA with different page offsets: warned and not mapped. */
	console_capture_reset();
	__create_pgd_mapping(swapper, 0x40000800, 0xffff800010000000UL, SZ_4K, PAGE_KERNEL,
			     test_alloc, 0);
	assert_true(console_contains("WARNING"));
	assert_int_equal(pgd_val(swapper[pgd_index(0xffff800010000000UL)]), 0);

	/* A range that wraps the address space. */
	console_capture_reset();
	__create_pgd_mapping(swapper, 0x40000000, 0xfffffffffff00000UL, SZ_2M, PAGE_KERNEL,
			     test_alloc, 0);
	assert_true(console_contains("refusing to map"));
	assert_int_equal(pgd_val(swapper[511]), 0);

	/* A PA beyond 48 bits. */
	console_capture_reset();
	__create_pgd_mapping(swapper, 1ULL << 48, 0xffff800010000000UL, SZ_4K, PAGE_KERNEL,
			     test_alloc, 0);
	assert_true(console_contains("48-bit PA"));

	/* Size 0: nothing at all. */
	__create_pgd_mapping(swapper, 0, 0, 0, PAGE_KERNEL, NULL, 0);
	assert_int_equal(pgd_val(swapper[0]), 0);

	/* walk_va on a user (TTBR0) address. */
	assert_null(walk_va(swapper, 0x1000, &level));
	assert_int_equal(level, -1);

	/* Memory below PHYS_OFFSET cannot be linearly mapped: said, not mapped. */
	memblock_reset();
	memblock_add(0x40000000, SZ_1G);
	memstart_addr = 0x80000000;
	memset(swapper, 0, sizeof(swapper));
	console_capture_reset();
	rodata_full = true;
	__map_mem(swapper, 0, 0);
	assert_true(console_contains("outside the linear map"));
	memstart_addr = 0x40000000;
}

static void noalloc(void *arg)
{
	__create_pgd_mapping(swapper, 0x40000000, 0xffff800010000000UL, SZ_4K, PAGE_KERNEL,
			     NULL, 0);
}

static void test_no_allocator(void **state)
{
	load_plain_1g();
	assert_int_equal(run_expect_panic(noalloc, NULL), 1);
	assert_non_null(strstr(panic_message(), "no allocator"));
}

static void oom(void *arg)
{
	rodata_full = true;
	__map_mem(swapper, 0, 0);
}

static void test_out_of_memory(void **state)
{
	/* Every byte reserved: the first table page cannot be had. */
	load_plain_1g();
	memblock_reserve(0x40000000, SZ_1G);
	assert_int_equal(run_expect_panic(oom, NULL), 1);
	assert_non_null(strstr(panic_message(), "Failed to allocate page table page"));
}

static void test_walk_and_describe(void **state)
{
	char buf[160];
	int level;
	pte_t *ptep;

	build(&scenarios[0], false);	/* virt-1g, blocks */
	ptep = walk_va(swapper, __phys_to_virt(0x7fe00123), &level);
	assert_int_equal(level, 2);
	pgtable_describe(pte_val(*ptep), level, buf, sizeof(buf));
	assert_string_equal(buf, "PMD block 2M -> 0x7fe00000: RW NX UXN SHD AF CON DBM MEM/NORMAL");
	assert_int_equal(pgtable_translate(swapper, __phys_to_virt(0x7fe00123)), 0x7fe00123);

	ptep = walk_va(swapper, __phys_to_virt(0x40201000), &level);
	assert_int_equal(level, 3);
	pgtable_describe(pte_val(*ptep), level, buf, sizeof(buf));
	assert_string_equal(buf, "PTE page 4K -> 0x40201000: RW NX UXN SHD AF CON DBM MEM/NORMAL");

	ptep = walk_va(swapper, __phys_to_virt(0x40210000), &level);
	pgtable_describe(pte_val(*ptep), level, buf, sizeof(buf));
	assert_string_equal(buf, "PTE page 4K -> 0x40210000: RW NX UXN SHD AF DBM MEM/NORMAL");

	/* Beyond memory: the walk stops at the empty PUD entry. */
	ptep = walk_va(swapper, __phys_to_virt(0x80000000), &level);
	assert_int_equal(level, 1);
	pgtable_describe(pte_val(*ptep), level, buf, sizeof(buf));
	assert_string_equal(buf, "PUD invalid (0x0000000000000000): not mapped");
	assert_int_equal(pgtable_translate(swapper, __phys_to_virt(0x80000000)), PHYS_ADDR_MAX);

	ptep = walk_va(swapper, PAGE_OFFSET, &level);
	pgtable_describe(pgd_val(swapper[0]), 0, buf, sizeof(buf));
	assert_non_null(strstr(buf, "PGD table -> 0x"));
	assert_non_null(strstr(buf, "PXNTable UXNTable"));

	pgtable_describe(PROT_DEVICE_nGnRE | 0x9000000, 3, buf, sizeof(buf));
	assert_string_equal(buf, "PTE page 4K -> 0x9000000: RW NX UXN SHD AF DBM DEVICE/nGnRE");
	pgtable_describe(pgprot_val(PAGE_KERNEL_ROX) | 0x40200000, 3, buf, sizeof(buf));
	assert_string_equal(buf, "PTE page 4K -> 0x40200000: ro x UXN SHD AF MEM/NORMAL");
}

static void test_kernel_segments_wx(void **state)
{
	unsigned long text = 0xffff800008010000UL;

	build(&scenarios[0], true);
	/* W^X image: text ROX, rodata RO, data RW NX, at KIMAGE_VADDR like Linux's. */
	map_kernel_segment(swapper, text, text + 0xcf0000, 0x40210000, PAGE_KERNEL_ROX, 0);
	map_kernel_segment(swapper, text + 0xcf0000, text + 0x1650000, 0x40f00000,
			   PAGE_KERNEL_RO, NO_CONT_MAPPINGS);
	map_kernel_segment(swapper, text + 0x1650000, text + 0x2000000, 0x41860000,
			   PAGE_KERNEL, 0);
	assert_int_equal(pgtable_translate(swapper, text), 0x40210000);
	assert_int_equal(pgtable_translate(swapper, text + 0x1650000 + 5), 0x41860005);
	console_capture_reset();
	assert_int_equal(ptdump_check_wx(swapper), 0);
	assert_true(console_contains("Checked W+X mappings: passed, no W+X pages found"));

	/* An RWX segment is caught. */
	map_kernel_segment(swapper, 0xffff800010000000UL, 0xffff800010002000UL, 0x41860000,
			   PAGE_KERNEL_EXEC, 0);
	console_capture_reset();
	assert_int_equal(ptdump_check_wx(swapper), 2);
	assert_true(console_contains("Checked W+X mappings: FAILED, 2 W+X pages found"));
}

static void kseg_misaligned(void *arg)
{
	map_kernel_segment(swapper, 0xffff800008010800UL, 0xffff800008020000UL, 0x40210800,
			   PAGE_KERNEL, 0);
}

static void test_kernel_segment_misaligned(void **state)
{
	load_plain_1g();
	assert_int_equal(run_expect_panic(kseg_misaligned, NULL), 1);
	assert_non_null(strstr(panic_message(), "not page aligned"));
}

/* ---------------------------------------------------------------- ptdump */

static char dump[1 << 16];
static size_t dump_len;

static void collect(void *priv, const char *line)
{
	size_t n = strlen(line);

	assert_true(dump_len + n < sizeof(dump));
	memcpy(dump + dump_len, line, n + 1);
	dump_len += n;
}

static void test_ptdump_format(void **state)
{
	static const char *const want =
		"---[ Linear Mapping start ]---\n"
		"0xffff000000000000-0xffff000040000000           1G PUD       RW NX SHD AF        BLK UXN    MEM/NORMAL\n"
		"0xffff000040000000-0xffff008000000000         511G PUD\n"
		"0xffff008000000000-0xffff800000000000      130560G PGD\n"
		"---[ Linear Mapping end ]---\n"
		"---[ Modules start ]---\n";
	static const struct scenario one_gig = { "1g-noimage", { { 0x40000000, SZ_1G } }, 0, 0 };

	build(&one_gig, false);
	dump_len = 0;
	ptdump_walk(swapper, collect, NULL);
	if (getenv("HARNESS_VERBOSE"))
		fputs(dump, stderr);
	assert_memory_equal(dump, want, strlen(want));
	/* Every marker, in order, once. */
	{
		static const char *const markers[] = {
			"Linear Mapping start", "Linear Mapping end", "Modules start",
			"Modules end", "vmalloc() area", "vmalloc() end", "Fixmap start",
			"Fixmap end", "PCI I/O start", "PCI I/O end", "vmemmap start",
			"vmemmap end",
		};
		const char *p = dump;

		for (unsigned int i = 0; i < ARRAY_SIZE(markers); i++) {
			char m[64];

			snprintf(m, sizeof(m), "---[ %s ]---\n", markers[i]);
			p = strstr(p, m);
			assert_non_null(p);
		}
	}
	/* Linux prints an "end" marker (and the next start) after the run that crossed it. */
	assert_non_null(strstr(dump, "---[ vmalloc() end ]---\n---[ Fixmap start ]---\n"));
	assert_non_null(strstr(dump, "0xfffffe0000000000-0x0000000000000000           2T PGD\n"));

	/* 4 KiB pages with the image alias in blocks (rodata=full) and the PTE/PMD lines. */
	build(&scenarios[0], true);
	dump_len = 0;
	ptdump_walk(swapper, collect, NULL);
	if (getenv("HARNESS_VERBOSE"))
		fputs(dump, stderr);
	/* Linux 6.1 with rodata=full: pages everywhere but the 2M-aligned middle of the image. */
	assert_non_null(strstr(dump,
		"---[ Linear Mapping start ]---\n"
		"0xffff000000000000-0xffff000000400000           4M PTE       RW NX SHD AF            UXN    MEM/NORMAL\n"
		"0xffff000000400000-0xffff000001800000          20M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL\n"
		"0xffff000001800000-0xffff000040000000        1000M PTE       RW NX SHD AF            UXN    MEM/NORMAL\n"
		"0xffff000040000000-0xffff008000000000         511G PUD\n"));
}

static void test_ptdump_contiguous(void **state)
{
	build(&scenarios[6], false);	/* pi4-1g, rodata=off */
	dump_len = 0;
	ptdump_walk(swapper, collect, NULL);
	if (getenv("HARNESS_VERBOSE"))
		fputs(dump, stderr);
	/*
	 * A 2M block below the image, a 64K CON run up to _stext, the image alias (no CON,
	 * blocks inside), CON pages up to 2M, plain blocks up to 32M, CON blocks, and the
	 * 20M of plain blocks that do not fill a 32M run at the end.
	 */
	static const char *const want =
		"---[ Linear Mapping start ]---\n"
		"0xffff000000000000-0xffff000000200000           2M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL\n"
		"0xffff000000200000-0xffff000000210000          64K PTE       RW NX SHD AF    CON     UXN    MEM/NORMAL\n"
		"0xffff000000210000-0xffff000000400000        1984K PTE       RW NX SHD AF            UXN    MEM/NORMAL\n"
		"0xffff000000400000-0xffff000001800000          20M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL\n"
		"0xffff000001800000-0xffff000001860000         384K PTE       RW NX SHD AF            UXN    MEM/NORMAL\n"
		"0xffff000001860000-0xffff000001a00000        1664K PTE       RW NX SHD AF    CON     UXN    MEM/NORMAL\n"
		"0xffff000001a00000-0xffff000002000000           6M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL\n"
		"0xffff000002000000-0xffff00003a000000         896M PMD       RW NX SHD AF    CON BLK UXN    MEM/NORMAL\n"
		"0xffff00003a000000-0xffff00003b400000          20M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL\n"
		"0xffff00003b400000-0xffff000040000000          76M PMD\n"
		"0xffff000040000000-0xffff008000000000         511G PUD\n";

	assert_memory_equal(dump, want, strlen(want));
}

/* ---------------------------------------------------------------- fixmap */

static unsigned long flushed[16];
static int nflushed, nsync;

static void rec_flush(unsigned long va)
{
	flushed[nflushed++ % 16] = va;
}

static void rec_sync(void)
{
	nsync++;
}

static const struct fixmap_ops rec_ops = { .sync = rec_sync, .flush_tlb = rec_flush };

static void fix_bad_slot(void *arg)
{
	__set_fixmap(FIX_FDT, 0x40000000, PAGE_KERNEL);
}

static void test_fixmap(void **state)
{
	phys_addr_t pud = 0x7fff0000, pmd = 0x7fff1000, pte = 0x7fff2000;
	int level;

	load_plain_1g();
	__early_fixmap_init(swapper, phys_to_virt(pud), pud, phys_to_virt(pmd), pmd,
			    phys_to_virt(pte), pte);
	fixmap_set_ops(&rec_ops);
	nflushed = nsync = 0;

	/* Layout: Linux 6.1's addresses. */
	assert_int_equal(FIXADDR_TOP, 0xfffffbfffe000000UL);
	assert_int_equal(fix_to_virt(FIX_FDT), 0xfffffbfffdc00000UL);
	assert_int_equal(fix_to_virt(FIX_EARLYCON_MEM_BASE), 0xfffffbfffdbff000UL);
	assert_true(fix_to_virt(FIX_PGD) >= (fix_to_virt(FIX_EARLYCON_MEM_BASE) & PMD_MASK));

	set_fixmap_io(FIX_EARLYCON_MEM_BASE, 0x09000000);
	assert_int_equal(pgtable_translate(swapper, fix_to_virt(FIX_EARLYCON_MEM_BASE) + 0x18),
			 0x09000018);
	assert_int_equal(pte_val(*walk_va(swapper, fix_to_virt(FIX_EARLYCON_MEM_BASE), &level)) &
			 PTE_ATTRINDX_MASK, PTE_ATTRINDX(MT_DEVICE_nGnRE));
	assert_int_equal(nsync, 1);
	assert_int_equal(nflushed, 0);

	/* Moving a live slot goes through invalid, with a TLB flush of that page. */
	assert_int_equal(set_fixmap_offset(FIX_PTE, 0x40001234, PAGE_KERNEL),
			 fix_to_virt(FIX_PTE) + 0x234);
	set_fixmap_offset(FIX_PTE, 0x40005000, PAGE_KERNEL);
	assert_int_equal(nflushed, 1);
	assert_int_equal(flushed[0], fix_to_virt(FIX_PTE));
	assert_int_equal(pgtable_translate(swapper, fix_to_virt(FIX_PTE)), 0x40005000);
	clear_fixmap(FIX_PTE);
	assert_int_equal(nflushed, 2);
	assert_int_equal(pgtable_translate(swapper, fix_to_virt(FIX_PTE)), PHYS_ADDR_MAX);

	/* The FDT window takes blocks, not 4 KiB slots. */
	assert_int_equal(run_expect_panic(fix_bad_slot, NULL), 1);

	/* A new swapper gets the fixmap's PGD entry. */
	{
		static pgd_t other[PTRS_PER_PGD] __attribute__((aligned(4096)));

		fixmap_copy(other);
		assert_int_equal(pgtable_translate(other, fix_to_virt(FIX_EARLYCON_MEM_BASE)),
				 0x09000000);
	}
	fixmap_set_ops(NULL);
}

/* The fixmap accessor maps each table level into its own slot, and unmaps it after. */
static void test_fixmap_accessor(void **state)
{
	phys_addr_t pud = 0x7fff0000, pmd = 0x7fff1000, pte = 0x7fff2000;
	int level;

	load_plain_1g();
	__early_fixmap_init(swapper, phys_to_virt(pud), pud, phys_to_virt(pmd), pmd,
			    phys_to_virt(pte), pte);
	/* Host memory is not at the fixmap's VAs: only check the slot bookkeeping. */
	assert_int_equal((unsigned long)pgtable_fixmap_accessor.map(0x40003008, PGT_PMD),
			 fix_to_virt(FIX_PMD) + 8);
	assert_int_equal(pte_phys(*walk_va(swapper, fix_to_virt(FIX_PMD), &level)), 0x40003000);
	pgtable_fixmap_accessor.unmap(PGT_PMD);
	assert_false(pte_valid(*walk_va(swapper, fix_to_virt(FIX_PMD), &level)));
}

/* ---------------------------------------------------------------- paging_init, whole */

/* The leaf descriptor that maps the image's byte at physical @pa in swapper_pg_dir (0 if none). */
static u64 image_leaf_pa(phys_addr_t pa)
{
	int level;
	pte_t *ptep = walk_va(swapper_pg_dir, KIMAGE_VADDR + (pa - kernel_image.text), &level);

	return ptep ? pte_val(*ptep) : 0;
}

#define image_leaf(sym)	image_leaf_pa(__pa(sym))

/*
 * The kernel's own paging_init (the one map_kernel and map_mem) on virt-1g's layout, with a
 * small own image: its sections W^X at KIMAGE_VADDR, the guard page and [_text, _stext)
 * unmapped, the rest of Linux's footprint read-only and never executable in Linux's
 * segments (so map_kernel takes Linux's 7 table pages), the linear alias never executable,
 * no W+X page, the fixmap linked in, and Linux's init_pg_dir given back to memblock.
 */
static void test_paging_init_boot(void **state)
{
	struct host_dt_region mem = { 0x40000000, SZ_1G, 0, 0 };
	struct host_boot_params p = {
		.kernel_at = HOST_BOOT_DEFAULT, .kernel_size = HOST_BOOT_DEFAULT,
		.dtb_at = HOST_BOOT_DEFAULT, .own_image = true,
	};
	void *fdt = host_dt_build(&mem, 1, false, 0, "", &p.fdt_len);
	u64 d;
	int level;

	assert_non_null(fdt);
	p.fdt = fdt;
	assert_int_equal(host_boot(&p), HOST_BOOT_OK);
	assert_int_equal(host_kernel_at, 0x40200000);
	assert_int_equal(kernel_image.stext, 0x40210000);
	assert_int_equal(kernel_image.end, 0x40200000 + LINUX_IMAGE_SIZE);

	d = image_leaf(_stext);			/* text: read-only, executable */
	assert_true(d & PTE_VALID);
	assert_true(d & PTE_RDONLY);
	assert_false(d & PTE_PXN);
	d = image_leaf(__start_rodata);		/* rodata: read-only, not executable */
	assert_true((d & PTE_RDONLY) && (d & PTE_PXN));
	d = image_leaf(_sdata);			/* data: writable, not executable */
	assert_true(d & PTE_VALID);
	assert_false(d & PTE_RDONLY);
	assert_true(d & PTE_PXN);
	assert_int_equal(image_leaf(init_stack_guard) & PTE_VALID, 0);	/* the guard page */
	assert_false(image_leaf(init_stack) & PTE_RDONLY);		/* the stack */
	assert_int_equal(image_leaf(_text) & PTE_VALID, 0);		/* the header, as Linux */
	assert_int_equal(pgtable_translate(swapper_pg_dir, KIMAGE_VADDR + (_sdata - _text)),
			 __pa(_sdata));
	/* The rest of the footprint (Linux's rodata, 13 MiB in): read-only, never executable. */
	d = image_leaf_pa(kernel_image.start_rodata);
	assert_true((d & PTE_VALID) && (d & PTE_RDONLY) && (d & PTE_PXN));
	assert_int_equal(image_leaf_pa(kernel_image.end) & PTE_VALID, 0);
	/*
	 * Linux's paging_init takes 7 table pages for its image before map_mem's, and
	 * create_idmap 4 after them: .idmap.text and the KPTI flag in two 2 MiB blocks.
	 */
	assert_int_equal(idmap_pgtable_pages, 4);
	assert_int_equal(early_pgtable_pages - map_mem_pgtable_pages, 7 + 4);

	/* The linear alias of text: mapped, never executable. */
	assert_int_equal(pgtable_translate(swapper_pg_dir, __phys_to_virt(__pa(_stext))),
			 __pa(_stext));
	assert_true(pte_val(*walk_va(swapper_pg_dir, __phys_to_virt(__pa(_stext)), &level)) &
		    PTE_PXN);
	assert_int_equal(ptdump_check_wx(swapper_pg_dir), 0);

	/* fixmap_copy linked the fixmap's tables in; init_pg_dir went back to memblock. */
	assert_true(pgd_val(swapper_pg_dir[pgd_index(FIXADDR_START)]) != 0);
	assert_false(memblock_is_region_reserved(kernel_image.init_pg_dir, LINUX_INIT_PG_DIR_SIZE));
	assert_true(memblock_is_region_reserved(kernel_image.stext,
						kernel_image.init_pg_dir - kernel_image.stext));
	assert_false(memblock_is_region_reserved(kernel_image.text, LINUX_STEXT));
	free(fdt);
	sim_discard(0x40000000, SZ_1G);
}

/*
 * create_idmap's tables: 4 pages while .idmap.text (end of .text) and the KPTI flag (.data)
 * share a 1 GiB block; an Image across a 1 GiB boundary between them needs a second PMD page.
 */
static void test_create_idmap_tables(void **state)
{
	struct host_dt_region mem = { 0x40000000, SZ_2G, 0, 0 };
	struct host_boot_params p = {
		.kernel_at = 0x7f000000, .kernel_size = HOST_BOOT_DEFAULT,
		.dtb_at = HOST_BOOT_DEFAULT,
	};
	void *fdt = host_dt_build(&mem, 1, false, 0, "", &p.fdt_len);

	assert_non_null(fdt);
	p.fdt = fdt;
	assert_int_equal(host_boot(&p), HOST_BOOT_OK);
	assert_int_equal(kernel_image.etext, 0x7fd00000);
	assert_true(kernel_image.sdata >= 0x80000000);
	assert_int_equal(idmap_pgtable_pages, 5);

	p.kernel_at = 0x7c000000;	/* both below 2 GiB again */
	assert_int_equal(host_boot(&p), HOST_BOOT_OK);
	assert_true(kernel_image.sdata < 0x80000000);
	assert_int_equal(idmap_pgtable_pages, 4);
	free(fdt);
	sim_discard(0x40000000, SZ_2G);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_scenarios_rodata_full),
		cmocka_unit_test(test_all_scenarios_rodata_off),
		cmocka_unit_test(test_known_counts),
		cmocka_unit_test(test_rodata_param),
		cmocka_unit_test(test_break_before_make),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_no_allocator),
		cmocka_unit_test(test_out_of_memory),
		cmocka_unit_test(test_walk_and_describe),
		cmocka_unit_test(test_kernel_segments_wx),
		cmocka_unit_test(test_kernel_segment_misaligned),
		cmocka_unit_test(test_ptdump_format),
		cmocka_unit_test(test_ptdump_contiguous),
		cmocka_unit_test(test_fixmap),
		cmocka_unit_test(test_fixmap_accessor),
		cmocka_unit_test(test_paging_init_boot),
		cmocka_unit_test(test_create_idmap_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
