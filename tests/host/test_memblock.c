// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for mm/memblock.c: whole-layout assertions per case (U-Boot lmb style), the
 * allocator's policies, limits and bad input, and the exact text of its messages.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/version.h>
#include <asm/memory.h>
#include "harness.h"

/* ---------------------------------------------------------------- page allocator stubs */
/*
 * memblock_free_all() hands pages over through mm.h; these record what it hands over.
 * pfn_to_page() is mm.h's real inline, so mem_section gets a fake table (see fake_sections).
 */
struct mem_section **mem_section;
unsigned long totalram_pages_count;

#define MAX_CALLS	4096
static struct { unsigned long pfn; unsigned int order; struct page *page; } freed[MAX_CALLS];
static int nr_freed;
static struct { phys_addr_t start, end; } bootmem_reserved[64];
static int nr_bootmem_reserved;
static int nr_reset_managed;

void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order)
{
	assert_true(nr_freed < MAX_CALLS);
	freed[nr_freed].pfn = pfn;
	freed[nr_freed].order = order;
	freed[nr_freed].page = page;
	nr_freed++;
}

void reserve_bootmem_region(phys_addr_t start, phys_addr_t end)
{
	assert_true(nr_bootmem_reserved < 64);
	bootmem_reserved[nr_bootmem_reserved].start = start;
	bootmem_reserved[nr_bootmem_reserved].end = end;
	nr_bootmem_reserved++;
}

void reset_all_zones_managed_pages(void)
{
	nr_reset_managed++;
}

/* ---------------------------------------------------------------- %pS for the host */
/*
 * The kernel resolves %pS from its kallsyms table; here a small table of the functions
 * whose names the debug lines must show. An address belongs to the nearest table entry
 * at or below it, if it is less than 512 bytes in.
 */
static noinline int caller_add(void);
static noinline int caller_add_node(void);
static noinline int caller_reserve(void);
static noinline int caller_remove_top(void);
static noinline int caller_phys_free(void);
static noinline void caller_free(void *p);
static noinline void *caller_alloc(void);
static noinline phys_addr_t caller_phys_alloc(void);
static noinline phys_addr_t caller_phys_alloc_try_nid(void);
static noinline void *caller_alloc_raw_node(void);
static noinline void *caller_alloc_exact(void);

static const struct { void *fn; const char *name; } symtab[] = {
	{ caller_add, "caller_add" },
	{ caller_add_node, "caller_add_node" },
	{ caller_reserve, "caller_reserve" },
	{ caller_remove_top, "caller_remove_top" },
	{ caller_phys_free, "caller_phys_free" },
	{ caller_free, "caller_free" },
	{ caller_alloc, "caller_alloc" },
	{ caller_phys_alloc, "caller_phys_alloc" },
	{ caller_phys_alloc_try_nid, "caller_phys_alloc_try_nid" },
	{ caller_alloc_raw_node, "caller_alloc_raw_node" },
	{ caller_alloc_exact, "caller_alloc_exact" },
	{ memblock_alloc_range_nid, "memblock_alloc_range_nid" },
	{ memblock_add, "memblock_add" },
	{ memblock_reserve, "memblock_reserve" },
	{ memblock_phys_free, "memblock_phys_free" },
	{ memblock_free, "memblock_free" },
	{ memblock_alloc_try_nid, "memblock_alloc_try_nid" },
	{ memblock_phys_alloc_range, "memblock_phys_alloc_range" },
};

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset)
{
	unsigned long best = 0;
	const char *name = NULL;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(symtab); i++) {
		unsigned long a = (unsigned long)symtab[i].fn;

		if (a <= addr && a >= best) {
			best = a;
			name = symtab[i].name;
		}
	}
	if (!name || addr - best >= 512)
		return NULL;
	*symbolsize = 512;
	*offset = addr - best;
	return name;
}

/* ---------------------------------------------------------------- helpers */
struct region_expect {
	phys_addr_t base;
	phys_addr_t size;
	unsigned int flags;
	int nid;
};

#define NONODE	MAX_NUMNODES

/* The whole of @type must be exactly these @n regions, and total_size their sum. */
static void assert_layout(struct memblock_type *type, unsigned long n,
			  const struct region_expect *e)
{
	phys_addr_t total = 0;
	unsigned long i;

	if (type->cnt != n) {
		print_error("%s: cnt %lu, expected %lu\n", type->name, type->cnt, n);
		for (i = 0; i < type->cnt; i++)
			print_error("  [%lu] %#llx+%#llx flags %#x nid %d\n", i,
				    (unsigned long long)type->regions[i].base,
				    (unsigned long long)type->regions[i].size,
				    type->regions[i].flags, type->regions[i].nid);
	}
	assert_int_equal(type->cnt, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(type->regions[i].base, e[i].base);
		assert_int_equal(type->regions[i].size, e[i].size);
		assert_int_equal(type->regions[i].flags, e[i].flags);
		assert_int_equal(type->regions[i].nid, e[i].nid);
		total += e[i].size;
	}
	assert_int_equal(type->total_size, total);
}

#define LAYOUT(type, ...)						\
	assert_layout(type,						\
		      sizeof((struct region_expect[]){ __VA_ARGS__ }) /	\
		      sizeof(struct region_expect),			\
		      (struct region_expect[]){ __VA_ARGS__ })

static void assert_empty(struct memblock_type *type)
{
	assert_int_equal(type->cnt, 1);
	assert_int_equal(type->regions[0].size, 0);
	assert_int_equal(type->regions[0].base, 0);
	assert_int_equal(type->total_size, 0);
}

static struct memblock_region *static_memory_regions, *static_reserved_regions;
static unsigned long static_memory_max, static_reserved_max;

/* Back to the boot state: every module's own reset (memblock's, hotplug's, printk's...). */
static int reset(void **state)
{
	host_reset_boot_state();
	return 0;
}

static void assert_console_has(const char *needle)
{
	if (!strstr(console_text(), needle))
		print_error("console lacks \"%s\"; it has:\n%s\n", needle, console_text());
	assert_non_null(strstr(console_text(), needle));
}

/* ---------------------------------------------------------------- boot state */
static void test_initial_state(void **state)
{
	/* Linux arm64 6.1 with EFI: 1024 memory and 385 reserved entries. */
	assert_int_equal(memblock.memory.max, 1024);
	assert_int_equal(memblock.reserved.max, 385);
	assert_empty(&memblock.memory);
	assert_empty(&memblock.reserved);
	assert_string_equal(memblock.memory.name, "memory");
	assert_string_equal(memblock.reserved.name, "reserved");
	assert_false(memblock.bottom_up);
	assert_false(memblock_bottom_up());
	assert_int_equal(memblock.current_limit, MEMBLOCK_ALLOC_ANYWHERE);
	assert_int_equal(memblock_get_current_limit(), ~0ULL);

	assert_int_equal(MEMBLOCK_NONE, 0);
	assert_int_equal(MEMBLOCK_HOTPLUG, 1);
	assert_int_equal(MEMBLOCK_MIRROR, 2);
	assert_int_equal(MEMBLOCK_NOMAP, 4);
	assert_int_equal(MEMBLOCK_DRIVER_MANAGED, 8);
	assert_int_equal(MEMBLOCK_ALLOC_ANYWHERE, ~0ULL);
	assert_int_equal(MEMBLOCK_ALLOC_ACCESSIBLE, 0);
	assert_int_equal(MEMBLOCK_ALLOC_NOLEAKTRACE, 1);

	static_memory_regions = memblock.memory.regions;
	static_reserved_regions = memblock.reserved.regions;
	static_memory_max = memblock.memory.max;
	static_reserved_max = memblock.reserved.max;
}

/* ---------------------------------------------------------------- add / merge */
static void test_add_simple(void **state)
{
	assert_int_equal(memblock_add(0x40000000, 0x10000000), 0);
	LAYOUT(&memblock.memory, { 0x40000000, 0x10000000, 0, NONODE });
	assert_empty(&memblock.reserved);

	assert_int_equal(memblock_add_node(0x80000000, 0x1000, 3, MEMBLOCK_HOTPLUG), 0);
	LAYOUT(&memblock.memory,
	       { 0x40000000, 0x10000000, 0, NONODE },
	       { 0x80000000, 0x1000, MEMBLOCK_HOTPLUG, 3 });
	assert_int_equal(memblock_phys_mem_size(), 0x10001000);
}

static void test_add_sorted_and_merged(void **state)
{
	/* Out of order: sorted on insertion. */
	memblock_add(0x60000000, 0x1000);
	memblock_add(0x20000000, 0x1000);
	memblock_add(0x40000000, 0x1000);
	LAYOUT(&memblock.memory,
	       { 0x20000000, 0x1000, 0, NONODE },
	       { 0x40000000, 0x1000, 0, NONODE },
	       { 0x60000000, 0x1000, 0, NONODE });

	/* Touching below and above: merged. */
	memblock_add(0x3ffff000, 0x1000);
	memblock_add(0x40001000, 0x1000);
	LAYOUT(&memblock.memory,
	       { 0x20000000, 0x1000, 0, NONODE },
	       { 0x3ffff000, 0x3000, 0, NONODE },
	       { 0x60000000, 0x1000, 0, NONODE });

	/* Already covered: nothing changes. */
	memblock_add(0x40000000, 0x800);
	LAYOUT(&memblock.memory,
	       { 0x20000000, 0x1000, 0, NONODE },
	       { 0x3ffff000, 0x3000, 0, NONODE },
	       { 0x60000000, 0x1000, 0, NONODE });

	/* Spanning everything: gaps filled, one region. */
	memblock_add(0x10000000, 0x60000000);
	LAYOUT(&memblock.memory, { 0x10000000, 0x60000000, 0, NONODE });

	/* Overlapping the end. */
	memblock_add(0x6ffff000, 0x2000);
	LAYOUT(&memblock.memory, { 0x10000000, 0x60001000, 0, NONODE });
}

static void test_merge_needs_same_flags_and_nid(void **state)
{
	memblock_add_node(0x40000000, 0x1000, 0, MEMBLOCK_NONE);
	memblock_add_node(0x40001000, 0x1000, 1, MEMBLOCK_NONE);
	memblock_add_node(0x40002000, 0x1000, 1, MEMBLOCK_HOTPLUG);
	memblock_add_node(0x40003000, 0x1000, 1, MEMBLOCK_HOTPLUG);
	memblock_add(0x40004000, 0x1000);
	LAYOUT(&memblock.memory,
	       { 0x40000000, 0x1000, 0, 0 },
	       { 0x40001000, 0x1000, 0, 1 },
	       { 0x40002000, 0x2000, MEMBLOCK_HOTPLUG, 1 },
	       { 0x40004000, 0x1000, 0, NONODE });

	/* memblock_set_node() makes them equal, and they merge. */
	assert_int_equal(memblock_set_node(0x40000000, 0x5000, &memblock.memory, 1), 0);
	LAYOUT(&memblock.memory,
	       { 0x40000000, 0x2000, 0, 1 },
	       { 0x40002000, 0x2000, MEMBLOCK_HOTPLUG, 1 },
	       { 0x40004000, 0x1000, 0, 1 });
	assert_int_equal(memblock_clear_hotplug(0x40000000, 0x5000), 0);
	LAYOUT(&memblock.memory, { 0x40000000, 0x5000, 0, 1 });
}

static void test_set_node_splits(void **state)
{
	memblock_add(0x40000000, 0x40000000);
	memblock_set_node(0x50000000, 0x10000000, &memblock.memory, 2);
	LAYOUT(&memblock.memory,
	       { 0x40000000, 0x10000000, 0, NONODE },
	       { 0x50000000, 0x10000000, 0, 2 },
	       { 0x60000000, 0x20000000, 0, NONODE });
	memblock_set_node(0, PHYS_ADDR_MAX, &memblock.memory, 0);
	LAYOUT(&memblock.memory, { 0x40000000, 0x40000000, 0, 0 });
	/* The reserved type too, if asked. */
	memblock_reserve(0x41000000, 0x1000);
	memblock_set_node(0x41000000, 0x1000, &memblock.reserved, 5);
	LAYOUT(&memblock.reserved, { 0x41000000, 0x1000, 0, 5 });
}

/* ---------------------------------------------------------------- remove / free */
static void test_remove(void **state)
{
	memblock_add(0x40000000, 0x10000000);
	memblock_add(0x60000000, 0x10000000);

	/* Middle: split in two. */
	assert_int_equal(memblock_remove(0x44000000, 0x1000000), 0);
	LAYOUT(&memblock.memory,
	       { 0x40000000, 0x4000000, 0, NONODE },
	       { 0x45000000, 0xb000000, 0, NONODE },
	       { 0x60000000, 0x10000000, 0, NONODE });

	/* Across a hole: the tail of one and the head of the next. */
	assert_int_equal(memblock_remove(0x4f000000, 0x11000000), 0);
	LAYOUT(&memblock.memory,
	       { 0x40000000, 0x4000000, 0, NONODE },
	       { 0x45000000, 0xa000000, 0, NONODE },
	       { 0x60000000, 0x10000000, 0, NONODE });

	/* Nothing there: no change. */
	assert_int_equal(memblock_remove(0x10000000, 0x1000), 0);
	assert_int_equal(memblock.memory.cnt, 3);

	/* Everything: back to the dummy entry, which now says "no node". */
	assert_int_equal(memblock_remove(0, PHYS_ADDR_MAX), 0);
	assert_empty(&memblock.memory);
	assert_int_equal(memblock.memory.regions[0].nid, MAX_NUMNODES);
	assert_int_equal(memblock.memory.regions[0].flags, 0);
}

static void test_reserve_and_free(void **state)
{
	void *virt;

	assert_int_equal(memblock_reserve(0x40000123, 0x100), 0);
	assert_int_equal(memblock_reserve(0x40000223, 0x100), 0);
	/* Reservations keep exact bytes, merge when touching, and need no memory. */
	LAYOUT(&memblock.reserved, { 0x40000123, 0x200, 0, NONODE });
	assert_empty(&memblock.memory);
	assert_int_equal(memblock_reserved_size(), 0x200);

	assert_int_equal(memblock_phys_free(0x40000123, 0x80), 0);
	LAYOUT(&memblock.reserved, { 0x400001a3, 0x180, 0, NONODE });

	/* memblock_free() takes the virtual address. */
	virt = phys_to_virt(0x40000223);
	memblock_free(virt, 0x80);
	LAYOUT(&memblock.reserved,
	       { 0x400001a3, 0x80, 0, NONODE },
	       { 0x400002a3, 0x80, 0, NONODE });
	memblock_free(NULL, 0x1000);
	assert_int_equal(memblock.reserved.cnt, 2);

	memblock_phys_free(0, PHYS_ADDR_MAX);
	assert_empty(&memblock.reserved);
}

/* ---------------------------------------------------------------- edges */
static void test_size_zero(void **state)
{
	assert_int_equal(memblock_add(0x40000000, 0), 0);
	assert_int_equal(memblock_reserve(0x40000000, 0), 0);
	assert_empty(&memblock.memory);
	assert_empty(&memblock.reserved);

	memblock_add(0x40000000, 0x1000);
	assert_int_equal(memblock_remove(0x40000000, 0), 0);
	assert_int_equal(memblock_mark_nomap(0x40000000, 0), 0);
	assert_int_equal(memblock_phys_free(0x40000000, 0), 0);
	LAYOUT(&memblock.memory, { 0x40000000, 0x1000, 0, NONODE });
}

static void test_base_zero_and_top_of_address_space(void **state)
{
	/* Base 0 is an ordinary base. */
	memblock_add(0, 0x1000);
	LAYOUT(&memblock.memory, { 0, 0x1000, 0, NONODE });
	assert_int_equal(memblock_start_of_DRAM(), 0);
	assert_true(memblock_is_memory(0));

	/*
	 * A range ending exactly at 2^64 cannot be represented: its size is clamped to
	 * PHYS_ADDR_MAX - base (memblock_cap_size), losing the last byte, as in Linux.
	 */
	memblock_add(0xfffffffffffff000ULL, 0x1000);
	LAYOUT(&memblock.memory,
	       { 0, 0x1000, 0, NONODE },
	       { 0xfffffffffffff000ULL, 0xfff, 0, NONODE });
	assert_int_equal(memblock_end_of_DRAM(), PHYS_ADDR_MAX);

	/* An overflowing size is clamped the same way, never wraps. */
	memblock_reserve(0xffffffff00000000ULL, ULLONG_MAX);
	LAYOUT(&memblock.reserved, { 0xffffffff00000000ULL, 0xffffffff, 0, NONODE });
	assert_true(memblock_is_region_reserved(0xfffffffffffffffeULL, 0x10));
	assert_false(memblock_is_region_reserved(0, 0x1000));

	/* arm64's memblock_remove(1 << 48, ULLONG_MAX) removes everything above 2^48. */
	memblock_remove(1ULL << 48, ULLONG_MAX);
	LAYOUT(&memblock.memory, { 0, 0x1000, 0, NONODE });
}

/* ---------------------------------------------------------------- flags */
static void test_flags(void **state)
{
	memblock_add(0x40000000, 0x10000000);

	assert_int_equal(memblock_mark_hotplug(0x48000000, 0x8000000), 0);
	LAYOUT(&memblock.memory,
	       { 0x40000000, 0x8000000, 0, NONODE },
	       { 0x48000000, 0x8000000, MEMBLOCK_HOTPLUG, NONODE });

	assert_int_equal(memblock_mark_nomap(0x44000000, 0x1000), 0);
	LAYOUT(&memblock.memory,
	       { 0x40000000, 0x4000000, 0, NONODE },
	       { 0x44000000, 0x1000, MEMBLOCK_NOMAP, NONODE },
	       { 0x44001000, 0x3fff000, 0, NONODE },
	       { 0x48000000, 0x8000000, MEMBLOCK_HOTPLUG, NONODE });
	/* Nomap over hotplug: the flags combine. */
	memblock_mark_nomap(0x4ffff000, 0x1000);
	LAYOUT(&memblock.memory,
	       { 0x40000000, 0x4000000, 0, NONODE },
	       { 0x44000000, 0x1000, MEMBLOCK_NOMAP, NONODE },
	       { 0x44001000, 0x3fff000, 0, NONODE },
	       { 0x48000000, 0x7fff000, MEMBLOCK_HOTPLUG, NONODE },
	       { 0x4ffff000, 0x1000, MEMBLOCK_HOTPLUG | MEMBLOCK_NOMAP, NONODE });

	assert_false(memblock_is_map_memory(0x44000000));
	assert_true(memblock_is_memory(0x44000000));
	assert_true(memblock_is_map_memory(0x44001000));

	assert_int_equal(memblock_clear_nomap(0, PHYS_ADDR_MAX), 0);
	assert_int_equal(memblock_clear_hotplug(0, PHYS_ADDR_MAX), 0);
	LAYOUT(&memblock.memory, { 0x40000000, 0x10000000, 0, NONODE });

	/* Without kernelcore=mirror, marking mirror is a no-op. */
	assert_false(mirrored_kernelcore);
	assert_int_equal(memblock_mark_mirror(0x40000000, 0x1000), 0);
	LAYOUT(&memblock.memory, { 0x40000000, 0x10000000, 0, NONODE });

	/* Flags on memory outside every region: nothing happens. */
	assert_int_equal(memblock_mark_nomap(0x10000000, 0x1000), 0);
	LAYOUT(&memblock.memory, { 0x40000000, 0x10000000, 0, NONODE });
}

/* ---------------------------------------------------------------- queries */
static void test_queries(void **state)
{
	unsigned long spfn = 0, epfn = 0;

	memblock_add_node(0x40000000, 0x10000000, 0, 0);
	memblock_add_node(0x60000000, 0x10000000, 1, 0);
	memblock_reserve(0x41000000, 0x2000);

	assert_int_equal(memblock_start_of_DRAM(), 0x40000000);
	assert_int_equal(memblock_end_of_DRAM(), 0x70000000);
	assert_int_equal(memblock_phys_mem_size(), 0x20000000);
	assert_int_equal(memblock_reserved_size(), 0x2000);

	assert_true(memblock_is_memory(0x4fffffff));
	assert_false(memblock_is_memory(0x50000000));
	assert_false(memblock_is_memory(0x3fffffff));
	assert_true(memblock_is_region_memory(0x40000000, 0x10000000));
	assert_false(memblock_is_region_memory(0x40000000, 0x10000001));
	assert_false(memblock_is_region_memory(0x4ffff000, 0x20000000));
	assert_true(memblock_is_reserved(0x41001fff));
	assert_false(memblock_is_reserved(0x41002000));
	assert_true(memblock_is_region_reserved(0x40fff000, 0x1001));
	assert_false(memblock_is_region_reserved(0x40fff000, 0x1000));
	assert_true(memblock_overlaps_region(&memblock.memory, 0x4ffff000, 0x2000));
	assert_false(memblock_overlaps_region(&memblock.memory, 0x50000000, 0x10000000));
	assert_true(memblock_addrs_overlap(0, 0x10, 0xf, 0x10));
	assert_false(memblock_addrs_overlap(0, 0x10, 0x10, 0x10));

	assert_int_equal(memblock_search_pfn_nid(0x60005, &spfn, &epfn), 1);
	assert_int_equal(spfn, 0x60000);
	assert_int_equal(epfn, 0x70000);
	assert_int_equal(memblock_search_pfn_nid(0x50000, &spfn, &epfn), -1);

	memblock_set_current_limit(0x48000000);
	assert_int_equal(memblock_get_current_limit(), 0x48000000);
	memblock_set_bottom_up(true);
	assert_true(memblock_bottom_up());
}

static void test_trim_memory(void **state)
{
	memblock_add(0x40000800, 0x3000);	/* -> [0x40001000, 0x40003000) */
	memblock_add(0x50000100, 0x800);	/* no whole page: removed */
	memblock_add(0x60000000, 0x2000);	/* aligned: untouched */
	memblock_trim_memory(PAGE_SIZE);
	/* Linux 6.1 does not correct total_size for a trimmed region; neither do we. */
	assert_int_equal(memblock.memory.cnt, 2);
	assert_int_equal(memblock.memory.regions[0].base, 0x40001000);
	assert_int_equal(memblock.memory.regions[0].size, 0x2000);
	assert_int_equal(memblock.memory.regions[1].base, 0x60000000);
	assert_int_equal(memblock.memory.regions[1].size, 0x2000);
}

/* ---------------------------------------------------------------- iterators */
static void test_iterators(void **state)
{
	phys_addr_t start, end, got[8][2];
	unsigned long spfn, epfn;
	struct memblock_region *r;
	int n, nid, i;
	u64 idx;

	memblock_add_node(0x40000000, 0x100000, 0, 0);
	memblock_add_node(0x40200000, 0x100000, 1, 0);
	memblock_add_node(0x40400000, 0x800, 1, 0);		/* no whole page */
	memblock_mark_nomap(0x40280000, 0x10000);
	memblock_reserve(0x40010000, 0x10000);
	memblock_reserve(0x400f0000, 0x20000);			/* across the hole */

	n = 0;
	for_each_free_mem_range(idx, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL) {
		got[n][0] = start;
		got[n][1] = end;
		n++;
	}
	assert_int_equal(n, 5);
	assert_int_equal(got[0][0], 0x40000000); assert_int_equal(got[0][1], 0x40010000);
	assert_int_equal(got[1][0], 0x40020000); assert_int_equal(got[1][1], 0x400f0000);
	assert_int_equal(got[2][0], 0x40200000); assert_int_equal(got[2][1], 0x40280000);
	assert_int_equal(got[3][0], 0x40290000); assert_int_equal(got[3][1], 0x40300000);
	assert_int_equal(got[4][0], 0x40400000); assert_int_equal(got[4][1], 0x40400800);

	/* Reverse gives the same ranges, highest first. */
	i = 4;
	for_each_free_mem_range_reverse(idx, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL) {
		assert_true(i >= 0);
		assert_int_equal(start, got[i][0]);
		assert_int_equal(end, got[i][1]);
		i--;
	}
	assert_int_equal(i, -1);

	/* Node filter, and node output. */
	n = 0;
	for_each_free_mem_range(idx, 1, MEMBLOCK_NONE, &start, &end, &nid) {
		assert_int_equal(nid, 1);
		n++;
	}
	assert_int_equal(n, 3);

	/* Asking for NOMAP includes the nomap region (a region of its own). */
	n = 0;
	for_each_free_mem_range(idx, NUMA_NO_NODE, MEMBLOCK_NOMAP, &start, &end, NULL) {
		if (n == 3) {
			assert_int_equal(start, 0x40280000);
			assert_int_equal(end, 0x40290000);
		}
		n++;
	}
	assert_int_equal(n, 6);

	/* for_each_mem_range: all memory regions except nomap. */
	n = 0;
	for_each_mem_range(idx, &start, &end)
		n++;
	assert_int_equal(n, 4);
	n = 0;
	for_each_mem_range_rev(idx, &start, &end) {
		if (!n) {
			assert_int_equal(start, 0x40400000);
			assert_int_equal(end, 0x40400800);
		}
		n++;
	}
	assert_int_equal(n, 4);

	n = 0;
	for_each_reserved_mem_range(idx, &start, &end) {
		if (n == 1) {
			assert_int_equal(start, 0x400f0000);
			assert_int_equal(end, 0x40110000);
		}
		n++;
	}
	assert_int_equal(n, 2);

	n = 0;
	for_each_mem_region(r)
		n++;
	assert_int_equal(n, 5);
	n = 0;
	for_each_reserved_mem_region(r)
		n++;
	assert_int_equal(n, 2);

	/* pfn ranges: whole pages only (the 0x800 region is skipped), nomap included. */
	n = 0;
	for_each_mem_pfn_range(i, MAX_NUMNODES, &spfn, &epfn, &nid) {
		if (n == 0) {
			assert_int_equal(spfn, 0x40000);
			assert_int_equal(epfn, 0x40100);
			assert_int_equal(nid, 0);
		}
		n++;
	}
	assert_int_equal(n, 4);
	n = 0;
	for_each_mem_pfn_range(i, 1, &spfn, &epfn, NULL) {
		assert_true(spfn >= 0x40200);
		n++;
	}
	assert_int_equal(n, 3);

	/* The iterator steps can be called directly. */
	i = -1;
	__next_mem_pfn_range(&i, 0, &spfn, &epfn, NULL);
	assert_int_equal(i, 0);
	__next_mem_pfn_range(&i, 0, &spfn, &epfn, NULL);
	assert_int_equal(i, -1);
	idx = 0;
	__next_mem_range(&idx, NUMA_NO_NODE, MEMBLOCK_NONE, &memblock.memory, NULL,
			 &start, &end, NULL);
	assert_int_equal(start, 0x40000000);
	idx = ULLONG_MAX;
	__next_mem_range_rev(&idx, NUMA_NO_NODE, MEMBLOCK_NONE, &memblock.reserved, NULL,
			     &start, &end, NULL);
	assert_int_equal(start, 0x400f0000);

	/* MAX_NUMNODES as a node selector is deprecated: warned, treated as any node. */
	n = 0;
	for_each_free_mem_range(idx, MAX_NUMNODES, MEMBLOCK_NONE, &start, &end, NULL)
		n++;
	assert_int_equal(n, 5);
	assert_console_has("Usage of MAX_NUMNODES is deprecated. Use NUMA_NO_NODE instead");
}

/* ---------------------------------------------------------------- allocation */
static void test_alloc_top_down(void **state)
{
	phys_addr_t a, b;

	memblock_add(0x40000000, 0x10000000);
	a = memblock_phys_alloc(0x1000, 0x1000);
	assert_int_equal(a, 0x4ffff000);
	b = memblock_phys_alloc(0x800, 0x1000);
	assert_int_equal(b, 0x4fffe000);
	LAYOUT(&memblock.reserved,
	       { 0x4fffe000, 0x800, 0, NONODE },
	       { 0x4ffff000, 0x1000, 0, NONODE });
	/* Small allocations fill in below, aligned. */
	a = memblock_phys_alloc(0x100, SZ_64);
	assert_int_equal(a, 0x4fffef00);
	LAYOUT(&memblock.reserved,
	       { 0x4fffe000, 0x800, 0, NONODE },
	       { 0x4fffef00, 0x1100, 0, NONODE });
	/* Too big: 0 and nothing reserved. */
	assert_int_equal(memblock_phys_alloc(0x10000000, 0x1000), 0);
	assert_int_equal(memblock.reserved.cnt, 2);
}

static void test_alloc_bottom_up(void **state)
{
	phys_addr_t a;

	memblock_add(0, 0x10000000);
	memblock_set_bottom_up(true);
	/* Page 0 is never handed out (0 means failure). */
	a = memblock_phys_alloc(0x100, 0x100);
	assert_int_equal(a, 0x1000);
	a = memblock_phys_alloc(0x100, 0x100);
	assert_int_equal(a, 0x1100);
	LAYOUT(&memblock.reserved, { 0x1000, 0x200, 0, NONODE });
	/* Reserved ranges are skipped. */
	memblock_reserve(0x1200, 0x10000);
	a = memblock_phys_alloc(0x1000, 0x1000);
	assert_int_equal(a, 0x12000);
}

static void test_alloc_align_zero(void **state)
{
	phys_addr_t a;

	memblock_add(0x40000000, 0x100000);
	memblock_reserve(0x400fffc0, 0x40);
	/* align 0 is replaced by SMP_CACHE_BYTES (64) with a warning. */
	a = memblock_phys_alloc_range(0x10, 0, 0, MEMBLOCK_ALLOC_ANYWHERE);
	assert_int_equal(a, 0x400fff80);
	assert_console_has("align 0 requested");
	assert_console_has("using SMP_CACHE_BYTES (64)");
}

static void fill(phys_addr_t base, size_t size, int c)
{
	memset(phys_to_virt(base), c, size);
}

static void test_alloc_zeroing(void **state)
{
	unsigned char *p, *q;
	size_t i;

	memblock_add(0x40000000, 0x100000);
	fill(0x40000000, 0x100000, 0xaa);

	p = memblock_alloc(0x200, SMP_CACHE_BYTES);
	assert_non_null(p);
	assert_int_equal(virt_to_phys(p), 0x400ffe00);
	for (i = 0; i < 0x200; i++)
		assert_int_equal(p[i], 0);

	q = memblock_alloc_raw(0x200, SMP_CACHE_BYTES);
	assert_non_null(q);
	assert_int_equal(virt_to_phys(q), 0x400ffc00);
	for (i = 0; i < 0x200; i++)
		assert_int_equal(q[i], 0xaa);

	q = memblock_alloc_try_nid_raw(0x100, 0x100, 0, MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
	assert_int_equal(virt_to_phys(q), 0x400ffb00);
	assert_int_equal(q[0], 0xaa);

	/* Failure is NULL, no panic. */
	assert_null(memblock_alloc(0x200000, SMP_CACHE_BYTES));
	sim_discard(0x40000000, 0x100000);
}

static void test_alloc_ranges_and_limits(void **state)
{
	phys_addr_t a;
	void *p;

	memblock_add(0x40000000, 0x40000000);		/* 1 GiB .. 2 GiB */
	memblock_add(0x100000000ULL, 0x40000000);	/* 4 GiB .. 5 GiB */

	/* Explicit range. */
	a = memblock_phys_alloc_range(0x1000, 0x1000, 0x50000000, 0x60000000);
	assert_int_equal(a, 0x5ffff000);
	/* Nothing fits: 0. */
	assert_int_equal(memblock_phys_alloc_range(0x1000, 0x1000, 0x90000000, 0xa0000000), 0);

	/* current_limit bounds ACCESSIBLE requests, not explicit ones. */
	memblock_set_current_limit(0x70000000);
	p = memblock_alloc(0x1000, 0x1000);
	assert_int_equal(virt_to_phys(p), 0x6ffff000);
	a = memblock_phys_alloc_range(0x1000, 0x1000, 0, MEMBLOCK_ALLOC_ANYWHERE);
	assert_int_equal(a, 0x13ffff000ULL);
	/* ...but the virtual-address allocators also clip an explicit max to it. */
	p = memblock_alloc_try_nid(0x1000, 0x1000, 0, MEMBLOCK_ALLOC_ANYWHERE, NUMA_NO_NODE);
	assert_int_equal(virt_to_phys(p), 0x6fffe000);
	memblock_set_current_limit(MEMBLOCK_ALLOC_ANYWHERE);

	/* memblock_alloc_low stays below 4 GiB. */
	p = memblock_alloc_low(0x1000, 0x1000);
	assert_int_equal(virt_to_phys(p), 0x7ffff000);

	/* memblock_alloc_from: above min_addr if possible... */
	p = memblock_alloc_from(0x1000, 0x1000, 0x100000000ULL);
	assert_int_equal(virt_to_phys(p), 0x13fffe000ULL);
	/* ...else min_addr is dropped and it comes from below. */
	p = memblock_alloc_from(0x1000, 0x1000, 0x140000000ULL);
	assert_int_equal(virt_to_phys(p), 0x13fffd000ULL);

	/* memblock_alloc_range_nid directly. */
	a = memblock_alloc_range_nid(0x1000, 0x1000, 0x40000000, 0x40002000, NUMA_NO_NODE, false);
	assert_int_equal(a, 0x40001000);
	assert_true(memblock_is_reserved(0x40001000));
}

static void test_alloc_numa(void **state)
{
	phys_addr_t a;
	void *p;

	memblock_add_node(0x40000000, 0x10000000, 0, 0);
	memblock_add_node(0x50000000, 0x10000000, 1, 0);

	/* Top-down, node 0: the top of node 0, not of memory. */
	p = memblock_alloc_node(0x1000, 0x1000, 0);
	assert_int_equal(virt_to_phys(p), 0x4ffff000);
	a = memblock_phys_alloc_try_nid(0x1000, 0x1000, 1);
	assert_int_equal(a, 0x5ffff000);

	/* Node 0 full: try_nid falls back to any node, exact_nid does not. */
	memblock_reserve(0x40000000, 0xffff000);
	p = memblock_alloc_try_nid(0x2000, 0x1000, 0, MEMBLOCK_ALLOC_ACCESSIBLE, 0);
	assert_int_equal(virt_to_phys(p), 0x5fffd000);
	assert_null(memblock_alloc_exact_nid_raw(0x2000, 0x1000, 0,
						 MEMBLOCK_ALLOC_ACCESSIBLE, 0));
	p = memblock_alloc_exact_nid_raw(0x2000, 0x1000, 0, MEMBLOCK_ALLOC_ACCESSIBLE, 1);
	assert_int_equal(virt_to_phys(p), 0x5fffb000);
	a = memblock_alloc_range_nid(0x2000, 0x1000, 0, MEMBLOCK_ALLOC_ACCESSIBLE, 0, true);
	assert_int_equal(a, 0);
	a = memblock_alloc_range_nid(0x2000, 0x1000, 0, MEMBLOCK_ALLOC_ACCESSIBLE, 0, false);
	assert_int_equal(a, 0x5fff9000);

	/* Bottom-up on node 1 starts at node 1's base. */
	memblock_set_bottom_up(true);
	p = memblock_alloc_node(0x1000, 0x1000, 1);
	assert_int_equal(virt_to_phys(p), 0x50000000);
}

static void test_hotplug_movable_node(void **state)
{
	phys_addr_t a;

	memblock_add(0x40000000, 0x40000000);
	memblock_add(0x80000000, 0x40000000);
	memblock_mark_hotplug(0x80000000, 0x40000000);

	/* Without movable_node, hotpluggable memory is used like any other. */
	a = memblock_phys_alloc(0x4000000, 0x200000);
	assert_int_equal(a, 0xbc000000);

	/* With it, allocations stay out. */
	movable_node_enabled = true;
	assert_true(movable_node_is_enabled());
	a = memblock_phys_alloc(0x4000000, 0x200000);
	assert_int_equal(a, 0x7c000000);
	/* A request that only fits there fails. */
	assert_int_equal(memblock_phys_alloc(0x40000000, 0x1000), 0);

	/* The region still counts for for_each_mem_range (it asks for MEMBLOCK_HOTPLUG). */
	{
		phys_addr_t s, e;
		u64 i;
		int n = 0;

		for_each_mem_range(i, &s, &e)
			n++;
		assert_int_equal(n, 2);
		n = 0;
		for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e, NULL)
			n++;
		/* Free memory skips the hotpluggable region: only below 0x7c000000. */
		assert_int_equal(n, 1);
		assert_int_equal(s, 0x40000000);
	}
}

/* ---------------------------------------------------------------- mem= and caps */
static void test_mem_limit_remove_map(void **state)
{
	memblock_add(0x40000000, 0x10000000);
	memblock_add(0x60000000, 0x10000000);
	memblock_mark_nomap(0x68000000, 0x100000);
	memblock_reserve(0x41000000, 0x1000);
	memblock_reserve(0x64000000, 0x1000);

	/* 0x18000000 bytes of memory end at 0x68000000 (holes do not count). */
	memblock_mem_limit_remove_map(0x18000000);
	LAYOUT(&memblock.memory,
	       { 0x40000000, 0x10000000, 0, NONODE },
	       { 0x60000000, 0x8000000, 0, NONODE },
	       { 0x68000000, 0x100000, MEMBLOCK_NOMAP, NONODE });
	LAYOUT(&memblock.reserved,
	       { 0x41000000, 0x1000, 0, NONODE },
	       { 0x64000000, 0x1000, 0, NONODE });

	/* A limit beyond the memory there is, and 0, change nothing. */
	memblock_mem_limit_remove_map(0x40000000);
	memblock_mem_limit_remove_map(0);
	assert_int_equal(memblock.memory.cnt, 3);
}

static void test_enforce_memory_limit(void **state)
{
	memblock_add(0x40000000, 0x10000000);
	memblock_add(0x60000000, 0x10000000);
	memblock_mark_nomap(0x68000000, 0x100000);
	memblock_reserve(0x64000000, 0x1000);
	memblock_reserve(0x6f000000, 0x1000);

	memblock_enforce_memory_limit(0x14000000);
	/* Everything above the limit goes, nomap included. */
	LAYOUT(&memblock.memory,
	       { 0x40000000, 0x10000000, 0, NONODE },
	       { 0x60000000, 0x4000000, 0, NONODE });
	assert_empty(&memblock.reserved);
	memblock_enforce_memory_limit(0);
	assert_int_equal(memblock.memory.cnt, 2);
}

static void test_cap_memory_range(void **state)
{
	/* Nothing registered yet: a warning, nothing done. */
	memblock_cap_memory_range(0x40000000, 0x1000);
	assert_console_has("memblock_cap_memory_range: No memory registered yet");

	memblock_add(0x40000000, 0x40000000);
	memblock_mark_nomap(0x40000000, 0x1000);
	memblock_reserve(0x40001000, 0x1000);
	memblock_reserve(0x50000000, 0x2000);
	memblock_cap_memory_range(0x50000000, 0x1000000);
	LAYOUT(&memblock.memory,
	       { 0x40000000, 0x1000, MEMBLOCK_NOMAP, NONODE },
	       { 0x50000000, 0x1000000, 0, NONODE });
	LAYOUT(&memblock.reserved, { 0x50000000, 0x2000, 0, NONODE });
}

/* ---------------------------------------------------------------- memblock=debug */
static noinline int caller_add(void)
{
	return memblock_add(0x40000000, 0x10000000);
}

static noinline int caller_add_node(void)
{
	return memblock_add_node(0x30000000, 0x1000, 1, MEMBLOCK_HOTPLUG);
}

static noinline int caller_reserve(void)
{
	return memblock_reserve(0x40000123, 0x100);
}

static noinline int caller_remove_top(void)
{
	return memblock_remove(1ULL << 48, ULLONG_MAX);
}

static noinline int caller_phys_free(void)
{
	return memblock_phys_free(0x40000123, 0x100);
}

static noinline void caller_free(void *p)
{
	memblock_free(p, 0x1000);
}

static noinline void *caller_alloc(void)
{
	return memblock_alloc(0x1000, 0x1000);
}

static noinline phys_addr_t caller_phys_alloc(void)
{
	return memblock_phys_alloc(0x1000, 0x1000);
}

static noinline phys_addr_t caller_phys_alloc_try_nid(void)
{
	return memblock_phys_alloc_try_nid(0x100, 0x100, 0);
}

static noinline void *caller_alloc_raw_node(void)
{
	return memblock_alloc_try_nid_raw(0x40, 0x40, 0x40000000, 0, 0);
}

static noinline void *caller_alloc_exact(void)
{
	return memblock_alloc_exact_nid_raw(16777216, 0x200000, 0x40000000, 0, 1);
}

static void test_debug_lines(void **state)
{
	void *p;

	/* Off: silence. */
	caller_add();
	caller_reserve();
	assert_string_equal(console_text(), "");
	reset(state);

	memblock_debug = 1;
	caller_add();
	assert_console_has("memblock_add: [0x0000000040000000-0x000000004fffffff] caller_add+0x");
	caller_add_node();
	assert_console_has("memblock_add_node: [0x0000000030000000-0x0000000030000fff] nid=1 flags=1 caller_add_node+0x");
	caller_reserve();
	assert_console_has("memblock_reserve: [0x0000000040000123-0x0000000040000222] caller_reserve+0x");
	caller_phys_free();
	assert_console_has("memblock_phys_free: [0x0000000040000123-0x0000000040000222] caller_phys_free+0x");
	caller_remove_top();
	assert_console_has("memblock_remove: [0x0001000000000000-0x0000fffffffffffe] caller_remove_top+0x");

	console_capture_reset();
	p = caller_alloc();
	assert_int_equal(virt_to_phys(p), 0x4ffff000);
	/* The inline wrapper is invisible: the caller is the code that called memblock_alloc. */
	assert_console_has("memblock_alloc_try_nid: 4096 bytes align=0x1000 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 caller_alloc+0x");
	assert_console_has("memblock_reserve: [0x000000004ffff000-0x000000004fffffff] memblock_alloc_range_nid+0x");

	caller_free(p);
	assert_console_has("memblock_phys_free: [0x000000004ffff000-0x000000004fffffff] caller_free+0x");

	console_capture_reset();
	caller_phys_alloc();
	assert_console_has("memblock_phys_alloc_range: 4096 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000000000 caller_phys_alloc+0x");

	/* memblock_phys_alloc_try_nid prints no request line, only the reserve. */
	console_capture_reset();
	caller_phys_alloc_try_nid();
	assert_null(strstr(console_text(), "bytes align"));
	assert_console_has("memblock_reserve: [0x000000004fffef00-0x000000004fffefff] memblock_alloc_range_nid+0x");

	console_capture_reset();
	caller_alloc_raw_node();
	assert_console_has("memblock_alloc_try_nid_raw: 64 bytes align=0x40 nid=0 from=0x0000000040000000 max_addr=0x0000000000000000 caller_alloc_raw_node+0x");
	console_capture_reset();
	assert_null(caller_alloc_exact());
	assert_console_has("memblock_alloc_exact_nid_raw: 16777216 bytes align=0x200000 nid=1 from=0x0000000040000000 max_addr=0x0000000000000000 caller_alloc_exact+0x");

	/* Flag changes are not logged. */
	console_capture_reset();
	memblock_mark_nomap(0x40000000, 0x1000);
	memblock_mark_hotplug(0x40001000, 0x1000);
	memblock_clear_nomap(0x40000000, 0x1000);
	assert_string_equal(console_text(), "");
}

/* The early parameters are registered with early_param() like Linux's (linux/init.h). */
static const struct obs_kernel_param *find_early_param(const char *name)
{
	const struct obs_kernel_param *p;

	for (p = __start_early_params; p < __stop_early_params; p++)
		if (p->early && !strcmp(p->str, name))
			return p;
	return NULL;
}

static void test_early_params(void **state)
{
	const struct obs_kernel_param *p = find_early_param("memblock");
	char other[] = "other", debug[] = "debug";

	assert_non_null(p);
	assert_int_equal(p->setup_func(other), 0);
	assert_int_equal(memblock_debug, 0);
	assert_int_equal(p->setup_func(NULL), 0);
	assert_int_equal(memblock_debug, 0);
	assert_int_equal(p->setup_func(debug), 0);
	assert_int_equal(memblock_debug, 1);

	p = find_early_param("movable_node");
	assert_non_null(p);
	assert_false(movable_node_is_enabled());
	assert_int_equal(p->setup_func(NULL), 0);
	assert_true(movable_node_is_enabled());
}

/* ---------------------------------------------------------------- memblock_dump_all */
/* Linux's own output for oracle scenario numa.dts, section 1, byte for byte. */
static const char numa_dump[] =
	"MEMBLOCK configuration:\n"
	" memory size = 0x0000000080000000 reserved size = 0x00000000084342e2\n"
	" memory.cnt  = 0x2\n"
	" memory[0x0]\t[0x0000000040000000-0x000000007fffffff], 0x0000000040000000 bytes on node 0 flags: 0x0\n"
	" memory[0x1]\t[0x0000000080000000-0x00000000bfffffff], 0x0000000040000000 bytes on node 1 flags: 0x0\n"
	" reserved.cnt  = 0xa\n"
	" reserved[0x0]\t[0x0000000040210000-0x000000004220afff], 0x0000000001ffb000 bytes flags: 0x0\n"
	" reserved[0x1]\t[0x0000000048000000-0x0000000048001f4d], 0x0000000000001f4e bytes flags: 0x0\n"
	" reserved[0x2]\t[0x000000007ee00000-0x000000007fdfffff], 0x0000000001000000 bytes flags: 0x0\n"
	" reserved[0x3]\t[0x000000007fffa000-0x000000007fffbfff], 0x0000000000002000 bytes flags: 0x0\n"
	" reserved[0x4]\t[0x000000007fffc1c0-0x000000007fffffff], 0x0000000000003e40 bytes flags: 0x0\n"
	" reserved[0x5]\t[0x00000000baa00000-0x00000000bf9fffff], 0x0000000005000000 bytes flags: 0x0\n"
	" reserved[0x6]\t[0x00000000bfbce380-0x00000000bfbf10ff], 0x0000000000022d80 bytes flags: 0x0\n"
	" reserved[0x7]\t[0x00000000bfbf1800-0x00000000bfbf19bf], 0x00000000000001c0 bytes flags: 0x0\n"
	" reserved[0x8]\t[0x00000000bfbf19e8-0x00000000bfbfbffb], 0x000000000000a614 bytes flags: 0x0\n"
	" reserved[0x9]\t[0x00000000bfbfc000-0x00000000bfffffff], 0x0000000000404000 bytes flags: 0x0\n";

static void test_dump_all_exact(void **state)
{
	static const phys_addr_t rsv[][2] = {
		{ 0x40210000, 0x1ffb000 }, { 0x48000000, 0x1f4e }, { 0x7ee00000, 0x1000000 },
		{ 0x7fffa000, 0x2000 }, { 0x7fffc1c0, 0x3e40 }, { 0xbaa00000, 0x5000000 },
		{ 0xbfbce380, 0x22d80 }, { 0xbfbf1800, 0x1c0 }, { 0xbfbf19e8, 0xa614 },
		{ 0xbfbfc000, 0x404000 },
	};
	size_t i;

	/* As the arm64 boot does it: memory first without a node, then NUMA assigns nodes. */
	memblock_add(0x40000000, 0x80000000);
	memblock_set_node(0x40000000, 0x40000000, &memblock.memory, 0);
	memblock_set_node(0x80000000, 0x40000000, &memblock.memory, 1);
	for (i = ARRAY_SIZE(rsv); i-- > 0;)
		memblock_reserve(rsv[i][0], rsv[i][1]);

	/* memblock_dump_all() prints only with memblock=debug. */
	memblock_dump_all();
	assert_string_equal(console_text(), "");

	__memblock_dump_all();
	assert_string_equal(console_text(), numa_dump);

	console_capture_reset();
	memblock_debug = 1;
	memblock_dump_all();
	assert_string_equal(console_text(), numa_dump);
}

static void test_dump_empty(void **state)
{
	__memblock_dump_all();
	/* The static dummy entry has node 0, as in Linux. */
	assert_string_equal(console_text(),
		"MEMBLOCK configuration:\n"
		" memory size = 0x0000000000000000 reserved size = 0x0000000000000000\n"
		" memory.cnt  = 0x1\n"
		" memory[0x0]\t[0x0000000000000000-0xffffffffffffffff], 0x0000000000000000 bytes on node 0 flags: 0x0\n"
		" reserved.cnt  = 0x1\n"
		" reserved[0x0]\t[0x0000000000000000-0xffffffffffffffff], 0x0000000000000000 bytes on node 0 flags: 0x0\n");
}

/* ---------------------------------------------------------------- full arrays */
static void test_full_array_drops_with_message(void **state)
{
	unsigned long i;

	/* Before memblock_allow_resize(): 1024 disjoint regions fit, the next is dropped. */
	for (i = 0; i < 1024; i++)
		assert_int_equal(memblock_add(0x40000000 + i * 0x2000, 0x1000), 0);
	assert_int_equal(memblock.memory.cnt, 1024);
	assert_string_equal(console_text(), "");

	assert_int_equal(memblock_add(0x50000000, 0x1000), -ENOMEM);
	assert_int_equal(memblock.memory.cnt, 1024);
	assert_ptr_equal(memblock.memory.regions, static_memory_regions);
	assert_console_has("memblock: memory array full (1024 regions): dropping [mem 0x0000000050000000-0x0000000050000fff]\n");

	/* Already covered: nothing to insert, fine even when full. */
	assert_int_equal(memblock_add(0x40000000, 0x800), 0);
	/*
	 * A gap filler needs a free entry before merging, even if the merge would free two
	 * (Linux 6.1 counts first): dropped too.
	 */
	console_capture_reset();
	assert_int_equal(memblock_add(0x40001000, 0x1000), -ENOMEM);
	assert_console_has("memblock: memory array full (1024 regions): dropping [mem 0x0000000040001000-0x0000000040001fff]\n");
	assert_int_equal(memblock.memory.cnt, 1024);

	/* Reserved: 385 entries. */
	for (i = 0; i < 385; i++) {
		if (memblock_reserve(0x60000000 + i * 0x2000, 0x10))
			print_error("reserve %lu failed: %s\n", i, console_text());
		assert_int_equal(memblock.reserved.cnt, i + 1);
	}
	console_capture_reset();
	assert_int_equal(memblock_reserve(0x70000000, 0x10), -ENOMEM);
	assert_console_has("memblock: reserved array full (385 regions): dropping [mem 0x0000000070000000-0x000000007000000f]\n");
	/* An allocation that cannot record its reservation fails. */
	assert_int_equal(memblock_phys_alloc(0x100, 0x100), 0);
	assert_int_equal(memblock.reserved.cnt, 385);

	/* A split that does not fit is refused too. */
	console_capture_reset();
	assert_int_equal(memblock_mark_nomap(0x40000800, 0x100), -ENOMEM);
	assert_console_has("memblock: memory array full (1024 regions): cannot split regions for [mem 0x0000000040000800-0x00000000400008ff]\n");
	assert_int_equal(memblock_remove(0x40000800, 0x100), -ENOMEM);
}

static void test_resize(void **state)
{
	struct memblock_region *first;
	phys_addr_t arr;
	unsigned long i;

	memblock_allow_resize();
	memblock_debug = 1;
	/* Room for the arrays, far from the small regions. */
	memblock_add(0x200000000ULL, 0x10000000);

	for (i = 0; i < 1500; i++)
		assert_int_equal(memblock_add(0x40000000 + i * 0x2000, 0x1000), 0);
	assert_int_equal(memblock.memory.cnt, 1501);
	assert_int_equal(memblock.memory.max, 2048);
	assert_ptr_not_equal(memblock.memory.regions, static_memory_regions);
	/* Sorted and intact after the move. */
	for (i = 0; i < 1500; i++) {
		assert_int_equal(memblock.memory.regions[i].base, 0x40000000 + i * 0x2000);
		assert_int_equal(memblock.memory.regions[i].size, 0x1000);
	}

	/* The new array: page-aligned, top-down, reserved in memblock itself. */
	arr = virt_to_phys(memblock.memory.regions);
	assert_int_equal(arr, 0x210000000ULL - PAGE_ALIGN(2048 * sizeof(struct memblock_region)));
	LAYOUT(&memblock.reserved, { arr, PAGE_ALIGN(2048 * sizeof(struct memblock_region)), 0, NONODE });
	assert_console_has("memblock: memory is doubled to 2048 at [0x000000020fff4000-0x000000020fffffff]");

	/* Doubling again frees the array that was allocated. */
	first = memblock.memory.regions;
	for (i = 1500; i < 2100; i++)
		memblock_add(0x40000000 + i * 0x2000, 0x1000);
	assert_int_equal(memblock.memory.max, 4096);
	assert_ptr_not_equal(memblock.memory.regions, first);
	LAYOUT(&memblock.reserved,
	       { virt_to_phys(memblock.memory.regions), PAGE_ALIGN(4096 * sizeof(struct memblock_region)), 0, NONODE });

	/* The reserved array grows the same way. */
	for (i = 0; i < 400; i++)
		assert_int_equal(memblock_reserve(0x100000000ULL + i * 0x2000, 0x10), 0);
	assert_int_equal(memblock.reserved.max, 770);
	assert_int_equal(memblock.reserved.cnt, 402);
	assert_true(memblock_is_reserved(virt_to_phys(memblock.reserved.regions)));
	assert_null(strstr(console_text(), "array full"));
}

/* ---------------------------------------------------------------- memblock_free_all */
static struct page *fake_pages;
#define FAKE_SECTION	8UL	/* [0x40000000, 0x48000000) */

static void fake_sections(void)
{
	if (mem_section)
		return;
	mem_section = calloc(NR_SECTION_ROOTS, sizeof(*mem_section));
	mem_section[0] = calloc(SECTIONS_PER_ROOT, sizeof(struct mem_section));
	fake_pages = calloc(PAGES_PER_SECTION, sizeof(struct page));
	assert_non_null(fake_pages);
	mem_section[0][FAKE_SECTION].mem_map = fake_pages;
	mem_section[0][FAKE_SECTION].flags = SECTION_MARKED_PRESENT | SECTION_HAS_MEM_MAP |
					     SECTION_IS_EARLY;
}

/* Checks the freed blocks cover exactly @ranges (pfn pairs), in naturally aligned blocks. */
static unsigned long check_freed(const unsigned long (*ranges)[2], int n)
{
	static unsigned char hit[0x4000];
	unsigned long base = FAKE_SECTION << PFN_SECTION_SHIFT, total = 0, pfn;
	int i, j, max_order = 0;

	memset(hit, 0, sizeof(hit));
	for (i = 0; i < nr_freed; i++) {
		unsigned long count = 1UL << freed[i].order;

		assert_true(freed[i].order <= MAX_ORDER - 1);
		assert_int_equal(freed[i].pfn & (count - 1), 0);
		assert_ptr_equal(freed[i].page, fake_pages + (freed[i].pfn - base));
		for (pfn = freed[i].pfn; pfn < freed[i].pfn + count; pfn++) {
			assert_true(pfn >= base && pfn < base + sizeof(hit));
			assert_int_equal(hit[pfn - base], 0);
			hit[pfn - base] = 1;
		}
		/* Greedy: a block is never smaller than alignment and room allow. */
		if (i + 1 < nr_freed && freed[i + 1].pfn == freed[i].pfn + count &&
		    freed[i].order < MAX_ORDER - 1)
			assert_true((freed[i].pfn & ((count << 1) - 1)) != 0 ||
				    freed[i].pfn + (count << 1) > ranges[n - 1][1] ||
				    freed[i + 1].order < freed[i].order);
		if (freed[i].order > max_order)
			max_order = freed[i].order;
		total += count;
	}
	for (pfn = 0; pfn < sizeof(hit); pfn++) {
		bool want = false;

		for (j = 0; j < n; j++)
			if (pfn + base >= ranges[j][0] && pfn + base < ranges[j][1])
				want = true;
		assert_int_equal(hit[pfn], want);
	}
	return total;
}

static void test_free_all(void **state)
{
	static const unsigned long want[][2] = {
		{ 0x40201, 0x42000 }, { 0x42100, 0x43000 }, { 0x43001, 0x44000 },
	};
	unsigned long before, total;
	int i, orders10 = 0;

	fake_sections();
	nr_freed = nr_bootmem_reserved = nr_reset_managed = 0;

	memblock_add(0x40000000, 0x4000000);
	memblock_reserve(0x40000000, 0x201000);
	memblock_reserve(0x43000123, 0x333);
	memblock_mark_nomap(0x42000000, 0x100000);
	memblock_mark_hotplug(0x43800000, 0x800000);
	max_low_pfn = 0x44000;
	before = totalram_pages_count;

	memblock_free_all();

	assert_int_equal(nr_reset_managed, 1);
	/* Reserved ranges, then nomap memory, get PageReserved struct pages. */
	assert_int_equal(nr_bootmem_reserved, 3);
	assert_int_equal(bootmem_reserved[0].start, 0x40000000);
	assert_int_equal(bootmem_reserved[0].end, 0x40201000);
	assert_int_equal(bootmem_reserved[1].start, 0x43000123);
	assert_int_equal(bootmem_reserved[1].end, 0x43000456);
	assert_int_equal(bootmem_reserved[2].start, 0x42000000);
	assert_int_equal(bootmem_reserved[2].end, 0x42100000);

	total = check_freed(want, 3);
	assert_int_equal(total, 0x1dff + 0xf00 + 0xfff);
	assert_int_equal(totalram_pages_count - before, total);
	for (i = 0; i < nr_freed; i++)
		orders10 += freed[i].order == MAX_ORDER - 1;
	assert_true(orders10 > 0);
	/* The first blocks climb from order 0 at the unaligned start. */
	assert_int_equal(freed[0].pfn, 0x40201);
	assert_int_equal(freed[0].order, 0);
	assert_int_equal(freed[1].pfn, 0x40202);
	assert_int_equal(freed[1].order, 1);
	/* Hotplug flags are cleared for good. */
	LAYOUT(&memblock.memory,
	       { 0x40000000, 0x2000000, 0, NONODE },
	       { 0x42000000, 0x100000, MEMBLOCK_NOMAP, NONODE },
	       { 0x42100000, 0x1f00000, 0, NONODE });

	/* Nothing above max_low_pfn is freed. */
	nr_freed = 0;
	max_low_pfn = 0x42000;
	memblock_free_all();
	total = check_freed(want, 1);
	assert_int_equal(total, 0x1dff);
}

static void test_free_late(void **state)
{
	fake_sections();
	nr_freed = 0;
	memblock_debug = 1;
	/* Whole pages only. */
	memblock_free_late(0x40000800, 0x3000);
	assert_int_equal(nr_freed, 2);
	assert_int_equal(freed[0].pfn, 0x40001);
	assert_int_equal(freed[1].pfn, 0x40002);
	assert_int_equal(freed[0].order, 0);
	assert_console_has("memblock_free_late: [0x0000000040000800-0x00000000400037ff]");
}

/* ---------------------------------------------------------------- mirror (changes global state) */
static void test_mirror(void **state)
{
	phys_addr_t a;

	mirrored_kernelcore = true;
	memblock_add(0x40000000, 0x10000000);
	assert_int_equal(memblock_mark_mirror(0x40000000, 0x1000000), 0);
	LAYOUT(&memblock.memory,
	       { 0x40000000, 0x1000000, MEMBLOCK_MIRROR, NONODE },
	       { 0x41000000, 0xf000000, 0, NONODE });

	/* Mirrored memory first, even though top-down would pick higher. */
	a = memblock_phys_alloc(0x1000, 0x1000);
	assert_int_equal(a, 0x40fff000);
	assert_string_equal(console_text(), "");

	/* Too big for the mirror: a warning, then any memory. */
	a = memblock_phys_alloc(0x2000000, 0x1000);
	assert_int_equal(a, 0x4e000000);
	assert_console_has("Could not allocate 0x0000000002000000 bytes of mirrored memory");
}

/* ---------------------------------------------------------------- linux=6.12 */
/* The boot's choice, as /chosen's bootargs make it (prints the banner). */
static void follow(const char *cmdline)
{
	linux_version_setup(cmdline);
	console_capture_reset();
}

/* linux=: the last one before "--" wins; anything but 6.1 and 6.12 is named and refused. */
static void test_linux_param(void **state)
{
	assert_int_equal(linux_version_setup("mem=1G linux=6.12 quiet"), KERNEL_VERSION(6, 12, 0));
	assert_true(linux_since(6, 12));
	assert_string_equal(linux_version_name(), "6.12");
	assert_console_has("bootmem: Linux 6.12 arm64 early memory bring-up, shown plainly\n");

	console_capture_reset();
	assert_int_equal(linux_version_setup("linux=6.12 linux=6.1"), KERNEL_VERSION(6, 1, 0));
	assert_false(linux_since(6, 12));
	assert_console_has("bootmem: Linux 6.1 arm64");

	assert_int_equal(linux_version_setup("linux=6.1 -- linux=6.12"), KERNEL_VERSION(6, 1, 0));
	assert_int_equal(linux_version_setup(""), KERNEL_VERSION(6, 1, 0));

	console_capture_reset();
	assert_int_equal(linux_version_setup("linux=5.10"), KERNEL_VERSION(6, 1, 0));
	assert_console_has("bootmem: linux=5.10: not a Linux bootmem follows (6.1 or 6.12): following 6.1\n");
	console_capture_reset();
	assert_int_equal(linux_version_setup("linux"), KERNEL_VERSION(6, 1, 0));
	assert_console_has("bootmem: linux=: not a Linux bootmem follows");

	/* The host's boot loader reads the same word, without a message. */
	console_capture_reset();
	assert_int_equal(linux_version_from_cmdline("a linux=6.12 b"), KERNEL_VERSION(6, 12, 0));
	assert_int_equal(linux_version_from_cmdline("linux=7"), KERNEL_VERSION(6, 1, 0));
	assert_int_equal(linux_version_from_cmdline(NULL), KERNEL_VERSION(6, 1, 0));
	assert_string_equal(console_text(), "");
}

/* 6.12: an empty array counts 0 (6.1: one dummy entry); 641 reserved entries (NR_CPUS 512). */
static void test_612_empty_arrays(void **state)
{
	follow("linux=6.12");
	assert_int_equal(memblock.memory.cnt, 0);
	assert_int_equal(memblock.reserved.cnt, 0);
	assert_int_equal(memblock.memory.max, 1024);
	assert_int_equal(memblock.reserved.max, 641);
	assert_int_equal(MEMBLOCK_RSRV_NOINIT, 0x10);

	memblock_add(0x40000000, 0x1000000);
	LAYOUT(&memblock.memory, { 0x40000000, 0x1000000, 0, NONODE });
	memblock_remove(0x40000000, 0x1000000);
	assert_int_equal(memblock.memory.cnt, 0);
	assert_int_equal(memblock.memory.total_size, 0);

	__memblock_dump_all();
	assert_string_equal(console_text(),
		"MEMBLOCK configuration:\n"
		" memory size = 0x0000000000000000 reserved size = 0x0000000000000000\n"
		" memory.cnt  = 0x0\n"
		" reserved.cnt  = 0x0\n");

	/* Back to 6.1 on an empty memblock: the dummy entries are counted again. */
	follow("linux=6.1");
	assert_empty(&memblock.memory);
	assert_empty(&memblock.reserved);
	assert_int_equal(memblock.reserved.max, 385);
}

/* 6.12 panics when an array is full before it may grow; 6.1 drops the range (tested above). */
static void fill_memory_array(void *arg)
{
	unsigned long i;

	for (i = 0; i <= 1024; i++)
		memblock_add(0x40000000 + i * 0x2000, 0x1000);
}

static void test_612_full_array_panics(void **state)
{
	follow("linux=6.12");
	assert_true(run_expect_panic(fill_memory_array, NULL));
	assert_int_equal(memblock.memory.cnt, 1024);
	assert_console_has("bootmem: memblock.memory is full (1024 regions) before memblock may grow it, at [mem 0x0000000040800000-0x0000000040800fff]\n");
	assert_console_has("Kernel panic - not syncing: memblock: cannot resize memory array");
}

/*
 * MEMBLOCK_RSRV_NOINIT: only 6.12 has it, only on reserved regions; memblock_free_all()
 * then gives every reserved region the node of its memory and leaves NOINIT ones alone.
 */
static void test_612_reserved_noinit_and_nodes(void **state)
{
	assert_int_equal(memblock_reserved_mark_noinit(0x40000000, 0x1000), -EINVAL);

	follow("linux=6.12");
	fake_sections();
	nr_freed = nr_bootmem_reserved = 0;
	memblock_add_node(0x40000000, 0x2000000, 0, MEMBLOCK_NONE);
	memblock_add_node(0x42000000, 0x2000000, 1, MEMBLOCK_NONE);
	memblock_reserve(0x40000000, 0x100000);
	memblock_reserve(0x41f00000, 0x200000);		/* across the node boundary */
	assert_int_equal(memblock_reserved_mark_noinit(0x40080000, 0x80000), 0);
	LAYOUT(&memblock.reserved,
	       { 0x40000000, 0x80000, 0, NONODE },
	       { 0x40080000, 0x80000, MEMBLOCK_RSRV_NOINIT, NONODE },
	       { 0x41f00000, 0x200000, 0, NONODE });
	/* memory is never flagged NOINIT */
	LAYOUT(&memblock.memory, { 0x40000000, 0x2000000, 0, 0 }, { 0x42000000, 0x2000000, 0, 1 });

	max_low_pfn = 0x44000;
	memblock_free_all();
	LAYOUT(&memblock.reserved,
	       { 0x40000000, 0x80000, 0, 0 },
	       { 0x40080000, 0x80000, MEMBLOCK_RSRV_NOINIT, 0 },
	       { 0x41f00000, 0x100000, 0, 0 },
	       { 0x42000000, 0x100000, 0, 1 });
	/* PageReserved for every reserved region but the NOINIT one */
	assert_int_equal(nr_bootmem_reserved, 3);
	assert_int_equal(bootmem_reserved[0].start, 0x40000000);
	assert_int_equal(bootmem_reserved[0].end, 0x40080000);
	assert_int_equal(bootmem_reserved[1].start, 0x41f00000);
	assert_int_equal(bootmem_reserved[2].end, 0x42100000);
}

/* The dump: " on node N" for a real node only in 6.12 (6.1: for anything but MAX_NUMNODES). */
static void test_612_dump_nodes(void **state)
{
	memblock_add_node(0x40000000, 0x1000, NUMA_NO_NODE, MEMBLOCK_NONE);
	__memblock_dump_all();
	assert_console_has(" memory[0x0]\t[0x0000000040000000-0x0000000040000fff], 0x0000000000001000 bytes on node -1 flags: 0x0\n");

	host_reset_boot_state();
	follow("linux=6.12");
	memblock_add_node(0x40000000, 0x1000, NUMA_NO_NODE, MEMBLOCK_NONE);
	memblock_add_node(0x40001000, 0x1000, 3, MEMBLOCK_NONE);
	memblock_reserve(0x40000000, 0x10);
	__memblock_dump_all();
	assert_console_has(" memory[0x0]\t[0x0000000040000000-0x0000000040000fff], 0x0000000000001000 bytes flags: 0x0\n");
	assert_console_has(" memory[0x1]\t[0x0000000040001000-0x0000000040001fff], 0x0000000000001000 bytes on node 3 flags: 0x0\n");
	assert_console_has(" reserved[0x0]\t[0x0000000040000000-0x000000004000000f], 0x0000000000000010 bytes flags: 0x0\n");
}

/* ---------------------------------------------------------------- discard (last: irreversible) */
static void test_discard(void **state)
{
	/* The arrays from test_resize are allocated ones: discard frees them page by page. */
	fake_sections();
	memblock.memory.regions = phys_to_virt(0x40000000);
	memblock.memory.max = 256;	/* 6 KiB: two pages */
	memblock.memory.cnt = 1;
	memblock.reserved.regions = static_reserved_regions;
	nr_freed = 0;
	memblock_discard();
	assert_int_equal(nr_freed, 2);
	assert_int_equal(freed[0].pfn, 0x40000);
	assert_int_equal(freed[1].pfn, 0x40001);
	memblock.memory.regions = static_memory_regions;
	memblock.memory.max = static_memory_max;
}

#define T(fn)	cmocka_unit_test_setup(fn, reset)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_initial_state),
		T(test_add_simple),
		T(test_add_sorted_and_merged),
		T(test_merge_needs_same_flags_and_nid),
		T(test_set_node_splits),
		T(test_remove),
		T(test_reserve_and_free),
		T(test_size_zero),
		T(test_base_zero_and_top_of_address_space),
		T(test_flags),
		T(test_queries),
		T(test_trim_memory),
		T(test_iterators),
		T(test_alloc_top_down),
		T(test_alloc_bottom_up),
		T(test_alloc_align_zero),
		T(test_alloc_zeroing),
		T(test_alloc_ranges_and_limits),
		T(test_alloc_numa),
		T(test_hotplug_movable_node),
		T(test_mem_limit_remove_map),
		T(test_enforce_memory_limit),
		T(test_cap_memory_range),
		T(test_debug_lines),
		T(test_early_params),
		T(test_dump_empty),
		T(test_dump_all_exact),
		T(test_full_array_drops_with_message),
		T(test_resize),
		T(test_free_all),
		T(test_free_late),
		T(test_mirror),
		T(test_linux_param),
		T(test_612_empty_arrays),
		T(test_612_full_array_panics),
		T(test_612_reserved_noinit_and_nodes),
		T(test_612_dump_nodes),
		T(test_discard),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
