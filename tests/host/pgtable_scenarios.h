/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory layouts shared by test_pgtable.c and bench_pgtable.c, and an independent
 * model of how many table pages Linux 6.1's map_mem needs for one of them.
 */
#ifndef _PGTABLE_SCENARIOS_H
#define _PGTABLE_SCENARIOS_H

#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <asm/pgtable.h>
#include <asm/mmu.h>

#define SCN_MAX_REGIONS	8

struct scn_region {
	phys_addr_t base, size;
	int nid;
	bool nomap;
};

struct scenario {
	const char *name;
	struct scn_region r[SCN_MAX_REGIONS];
	phys_addr_t kernel_start, kernel_end;	/* [_stext, __init_begin), 0/0: none */
};

/* Linux 6.1's Debian image on QEMU virt: _stext 0x40210000, __init_begin ~0x41860000. */
#define VIRT_KSTART	0x40210000ULL
#define VIRT_KEND	0x41860000ULL
#define PI_KSTART	0x00210000ULL
#define PI_KEND		0x01860000ULL

static const struct scenario scenarios[] = {
	{ "virt-1g", { { 0x40000000, SZ_1G } }, VIRT_KSTART, VIRT_KEND },
	{ "virt-4g", { { 0x40000000, 4ULL << 30 } }, VIRT_KSTART, VIRT_KEND },
	{ "virt-6g", { { 0x40000000, 6ULL << 30 } }, VIRT_KSTART, VIRT_KEND },
	{ "mem-gaps", { { 0x40000000, 0x0a123000 }, { 0x4c005000, 0x13ffb000 },
			{ 0x70010000, 0x1fff0000 }, { 0x100000000ULL, 0x3f7ff000 } },
	  VIRT_KSTART, VIRT_KEND },
	{ "nomap-inside", { { 0x40000000, 0x10000000 },
			    { 0x50000000, 0x00400000, 0, true },
			    { 0x50400000, 0x0fc03000 },
			    { 0x60003000, 0x00102000, 0, true },
			    { 0x60105000, 0x1fefb000 } }, VIRT_KSTART, VIRT_KEND },
	{ "numa-2x1g", { { 0x40000000, SZ_1G, 0 }, { 0x80000000, SZ_1G, 1 } },
	  VIRT_KSTART, VIRT_KEND },
	{ "pi4-1g", { { 0, 0x3b400000 } }, PI_KSTART, PI_KEND },
	{ "pi4-8g", { { 0, 0x3b400000 }, { 0x40000000, 0xbc000000 },
		      { 0x100000000ULL, 0x100000000ULL } }, PI_KSTART, PI_KEND },
	{ "no-image", { { 0x80000000, 0x7ff000 } }, 0, 0 },
};

#define NR_SCENARIOS	ARRAY_SIZE(scenarios)

static inline void memblock_reset(void)
{
	memblock_remove(0, PHYS_ADDR_MAX);
	memblock_phys_free(0, PHYS_ADDR_MAX);
}

/* Load @s into memblock and set PHYS_OFFSET as arm64_memblock_init would (1 GiB aligned). */
static inline void scenario_load(const struct scenario *s)
{
	const struct scn_region *r;

	memblock_reset();
	for (r = s->r; r->size; r++) {
		memblock_add_node(r->base, r->size, r->nid, MEMBLOCK_NONE);
		if (r->nomap)
			memblock_mark_nomap(r->base, r->size);
	}
	memstart_addr = (s64)round_down(s->r[0].base, SZ_1G);
}

/* One __create_pgd_mapping call as map_mem makes it: physical range and block permission. */
struct map_call {
	phys_addr_t start, end;
	bool blocks;
};

/*
 * The calls map_mem makes for @s: each mapped region minus the image, split where the
 * image cuts it, then the image alone (blocks allowed). Returns how many.
 */
static inline int scenario_calls(const struct scenario *s, bool full, struct map_call *c)
{
	const struct scn_region *r;
	phys_addr_t ks = s->kernel_start, ke = s->kernel_end;
	int n = 0;

	for (r = s->r; r->size; r++) {
		phys_addr_t a = r->base, b = r->base + r->size;

		if (r->nomap)
			continue;
		if (ke > ks && ks < b && ke > a) {
			if (a < ks)
				c[n++] = (struct map_call){ a, ks, !full };
			if (ke < b)
				c[n++] = (struct map_call){ ke, b, !full };
		} else {
			c[n++] = (struct map_call){ a, b, !full };
		}
	}
	if (ke > ks)
		c[n++] = (struct map_call){ ks, ke, true };
	return n;
}

/*
 * The fewest table pages those calls can be built with, by counting chunks: a PUD table
 * per 512 GiB touched, a PMD table per 1 GiB touched that no single block-allowed call
 * covers whole, a PTE table per 2 MiB touched that is neither inside such a 1 GiB block
 * nor covered whole by one block-allowed call. (PHYS_OFFSET is 1 GiB aligned, so
 * physical and virtual chunk boundaries coincide.)
 */
static inline unsigned long scenario_min_tables(const struct map_call *c, int n)
{
	unsigned long pages = 0;
	u64 lo = ~0ULL, hi = 0, chunk;
	int i, j;

	for (i = 0; i < n; i++) {
		lo = min(lo, (u64)c[i].start);
		hi = max(hi, (u64)c[i].end);
	}
	/* PUD tables: 512 GiB VA chunks that some call touches. */
	for (chunk = __phys_to_virt(lo) >> PGDIR_SHIFT;
	     chunk <= (__phys_to_virt(hi - 1) >> PGDIR_SHIFT); chunk++) {
		for (i = 0; i < n; i++)
			if ((__phys_to_virt(c[i].start) >> PGDIR_SHIFT) <= chunk &&
			    (__phys_to_virt(c[i].end - 1) >> PGDIR_SHIFT) >= chunk)
				break;
		pages += i < n;
	}
	for (chunk = lo >> PUD_SHIFT; chunk <= (hi - 1) >> PUD_SHIFT; chunk++) {
		u64 cs = chunk << PUD_SHIFT, ce = cs + PUD_SIZE;
		bool touched = false, block = false;

		for (i = 0; i < n; i++) {
			if (c[i].start < ce && c[i].end > cs)
				touched = true;
			if (c[i].blocks && c[i].start <= cs && c[i].end >= ce)
				block = true;
		}
		if (!touched || block)
			continue;
		pages++;
		for (u64 m = cs; m < ce; m += PMD_SIZE) {
			bool t2 = false, b2 = false;

			for (j = 0; j < n; j++) {
				if (c[j].start < m + PMD_SIZE && c[j].end > m)
					t2 = true;
				if (c[j].blocks && c[j].start <= m && c[j].end >= m + PMD_SIZE)
					b2 = true;
			}
			pages += t2 && !b2;
		}
	}
	return pages;
}

#endif /* _PGTABLE_SCENARIOS_H */
