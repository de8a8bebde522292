// SPDX-License-Identifier: GPL-2.0
/*
 * How many page-table pages map_mem uses per memory layout, with rodata=full (4 KiB
 * pages) and rodata=off (blocks), beside the independent minimum and, where the oracle
 * has it, what Linux 6.1 itself allocated.
 */
#include <stdio.h>
#include <time.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <asm/pgtable.h>
#include <asm/mmu.h>
#include "pgtable_scenarios.h"

static pgd_t swapper[PTRS_PER_PGD] __attribute__((aligned(4096)));

/*
 * Linux 6.1 (Debian 6.1.176, nokaslr) early_pgtable_alloc calls in paging_init, from the
 * oracle's memblock=debug logs: map_kernel's 7 tables plus map_mem's. (create_idmap adds
 * 4 more right after paging_init frees init_pg_dir: 515 and 2054 in all.)
 */
static const struct { const char *name; long paging_init; } linux_counts[] = {
	{ "virt-1g", 511 },	/* expected/virt-1g.txt */
	{ "virt-4g", 2050 },	/* expected/dma-ranges-30bit.txt (4 GiB) */
	{ "pi4-1g", 473 },	/* expected-rpi/pi4like-1g.txt */
};

static long linux_map_mem(const char *name)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(linux_counts); i++)
		if (!strcmp(linux_counts[i].name, name))
			return linux_counts[i].paging_init - 7;
	return -1;
}

static unsigned long run(const struct scenario *s, bool full, double *usec)
{
	struct timespec a, b;

	memset(swapper, 0, sizeof(swapper));
	rodata_full = full;
	scenario_load(s);
	clock_gettime(CLOCK_MONOTONIC, &a);
	__map_mem(swapper, s->kernel_start, s->kernel_end);
	clock_gettime(CLOCK_MONOTONIC, &b);
	*usec = (b.tv_sec - a.tv_sec) * 1e6 + (b.tv_nsec - a.tv_nsec) / 1e3;
	return map_mem_pgtable_pages;
}

int main(void)
{
	printf("map_mem page-table pages (Linux 6.1 semantics; image alias [_stext,__init_begin) as on Debian)\n");
	printf("Linux column: the oracle's paging_init early_pgtable_alloc count minus 7 for map_kernel;\n"
	       "one constant 7 fits all three logs, which cross-checks the linear-map count.\n\n");
	printf("%-13s %9s | %10s %8s %9s | %10s %8s %9s | %s\n", "layout", "memory",
	       "rodata=full", "minimum", "time", "rodata=off", "minimum", "time",
	       "Linux 6.1 map_mem (paging_init - map_kernel's 7)");
	for (unsigned int i = 0; i < NR_SCENARIOS; i++) {
		const struct scenario *s = &scenarios[i];
		struct map_call c[2 * SCN_MAX_REGIONS + 1];
		unsigned long full, off, min_full, min_off;
		double t_full, t_off;
		u64 mem = 0;
		long lx = linux_map_mem(s->name);

		for (const struct scn_region *r = s->r; r->size; r++)
			mem += r->size;
		full = run(s, true, &t_full);
		min_full = scenario_min_tables(c, scenario_calls(s, true, c));
		off = run(s, false, &t_off);
		min_off = scenario_min_tables(c, scenario_calls(s, false, c));
		printf("%-13s %7lluMB | %10lu %8lu %7.0fus | %10lu %8lu %7.0fus | ",
		       s->name, (mem >> 20), full, min_full, t_full,
		       off, min_off, t_off);
		if (lx >= 0)
			printf("%ld%s\n", lx, lx == (long)full ? " (same)" : " (DIFFERENT)");
		else
			printf("-\n");
	}
	return 0;
}
