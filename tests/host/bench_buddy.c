// SPDX-License-Identifier: GPL-2.0
/*
 * Buddy allocator figures on the host: order-0 and order-3 alloc+free pairs per second
 * beside a plain LIFO list of pages, and memmap initialisation beside a memset of the same
 * bytes. Prints numbers only; it asserts nothing.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <asm/memory.h>
#include "harness.h"

u64 of_dma_get_max_cpu_address(void) { return PHYS_ADDR_MAX; }
int of_numa_init(void) { return 0; }

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void reset_memblock(void)
{
	memblock.memory.cnt = 1;
	memblock.memory.total_size = 0;
	memset(&memblock.memory.regions[0], 0, sizeof(struct memblock_region));
	memblock.reserved.cnt = 1;
	memblock.reserved.total_size = 0;
	memset(&memblock.reserved.regions[0], 0, sizeof(struct memblock_region));
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
}

/* Boots mm on [1 GiB, 1 GiB + size); returns the seconds spent building the memmap. */
static double boot(u64 size, bool free_all)
{
	double t0, t1;

	reset_memblock();
	mm_reset_for_test();
	memblock_add(SZ_1G, size);
	memstart_addr = SZ_1G;
	max_pfn = max_low_pfn = PFN_DOWN(SZ_1G + size);
	arch_numa_init();
	t0 = now();
	sparse_init();
	zone_sizes_init_arm64();
	t1 = now();
	if (free_all) {
		build_all_zonelists();
		memblock_free_all();
		init_per_zone_wmark_min();
	}
	return t1 - t0;
}

static void bench_pairs(unsigned int order, long n)
{
	static struct page *lifo[1 << 16];
	long top = 0, i, fill = min((long)ARRAY_SIZE(lifo), (long)(nr_free_pages() >> (order + 1)));
	double t0, t_buddy, t_lifo;

	for (i = 0; i < fill; i++) {
		struct page *p = alloc_pages(GFP_KERNEL, order);

		if (!p)
			break;
		lifo[top++] = p;
	}
	/* Give half back so the buddy lists are not empty. */
	while (top > fill / 2)
		__free_pages(lifo[--top], order);

	t0 = now();
	for (i = 0; i < n; i++)
		__free_pages(alloc_pages(GFP_KERNEL, order), order);
	t_buddy = now() - t0;

	t0 = now();
	for (i = 0; i < n; i++) {
		struct page *p = lifo[--top];

		lifo[top++] = p;
		__asm__ volatile("" : : "r"(p) : "memory");
	}
	t_lifo = now() - t0;

	printf("order-%u alloc+free: buddy %.1f M pairs/s, plain LIFO list %.1f M pairs/s\n",
	       order, n / t_buddy / 1e6, n / t_lifo / 1e6);
	while (top)
		__free_pages(lifo[--top], order);
}

int main(void)
{
	static const unsigned int gib[] = { 1, 4, 16 };
	unsigned int i;

	boot(SZ_1G, true);
	bench_pairs(0, 5000000);
	bench_pairs(3, 2000000);
	sim_discard(SZ_1G, SZ_1G);

	for (i = 0; i < ARRAY_SIZE(gib); i++) {
		u64 size = (u64)gib[i] << 30;
		unsigned long bytes = (size >> PAGE_SHIFT) * sizeof(struct page);
		double t = boot(size, false), t0;
		char *buf = malloc(bytes);

		t0 = now();
		memset(buf, 1, bytes);
		__asm__ volatile("" : : "r"(buf) : "memory");	/* keep the stores */
		t0 = now() - t0;
		printf("memmap init %2u GiB (%lu MiB of struct page): %.3f s; memset of the same bytes %.3f s\n",
		       gib[i], bytes >> 20, t, t0);
		free(buf);
		sim_discard(SZ_1G, size);
	}
	return 0;
}
