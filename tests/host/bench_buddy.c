// SPDX-License-Identifier: GPL-2.0
/*
 * Buddy allocator figures on the host: order-0 and order-3 alloc+free pairs per second with
 * the per-CPU lists, without them (as before they existed) and beside a plain LIFO list of
 * pages; the memmap phase of the kernel's boot beside a memset of the same bytes. Prints
 * numbers only; it asserts nothing.
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
#include "host_boot.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* When each boot phase ended (this thread's CPU time), and whether to stop before the hand-off. */
static double phase_end[2];
static bool stop_after_memmap;

static void phase(const char *name)
{
	if (!strcmp(name, "map_mem"))
		phase_end[0] = now();
	if (!strcmp(name, "memmap")) {
		phase_end[1] = now();
		if (stop_after_memmap)
			host_boot_stop();
	}
}

/*
 * The kernel's boot on [1 GiB, 1 GiB + size) (cma=0, so every page is the allocator's);
 * returns the seconds of the memmap phase (nodes, sparse memmap, zones).
 */
static double boot(u64 size, bool free_all)
{
	struct host_dt_region mem = { SZ_1G, size, 0, 0 };
	struct host_boot_params p = {
		.kernel_at = HOST_BOOT_DEFAULT, .kernel_size = HOST_BOOT_DEFAULT,
		.dtb_at = HOST_BOOT_DEFAULT, .phase = phase,
	};
	void *fdt = host_dt_build(&mem, 1, false, 0, "cma=0", &p.fdt_len);
	int st;

	p.fdt = fdt;
	stop_after_memmap = !free_all;
	st = host_boot(&p);
	free(fdt);
	if (st != HOST_BOOT_OK && st != HOST_BOOT_STOPPED) {
		fprintf(stderr, "bench_buddy: boot failed (%d): %s\n", st, panic_message());
		exit(1);
	}
	return phase_end[1] - phase_end[0];
}

/* Seconds of this thread's CPU time for @n alloc+free pairs of @order (the lists warm). */
static double time_pairs(unsigned int order, long n)
{
	double t0 = now();
	long i;

	for (i = 0; i < n; i++)
		__free_pages(alloc_pages(GFP_KERNEL, order), order);
	return now() - t0;
}

/* The floor of any list allocator: take the first struct page off a list, put it back. */
static double time_lifo(struct list_head *head, long n)
{
	double t0 = now();
	long i;

	for (i = 0; i < n; i++) {
		struct page *p = list_first_entry(head, struct page, lru);

		list_del(&p->lru);
		__asm__ volatile("" : : "r"(p) : "memory");
		list_add(&p->lru, head);
	}
	return now() - t0;
}

#define RUNS	5

/*
 * Pairs per second, best of RUNS: with the per-CPU lists, with them off (Linux's
 * zone_pcp_disable: every page through the buddy lists, as before the lists existed), and
 * a plain LIFO list of struct pages. Half the zone is allocated first, so the buddy lists
 * are not trivially empty or full.
 */
static void bench_pairs(unsigned int order, long n)
{
	static struct page *held[1 << 16];
	struct zone *zone = &NODE_DATA(0)->node_zones[ZONE_DMA];
	long top = 0, fill = min((long)ARRAY_SIZE(held), (long)(nr_free_pages() >> (order + 1)));
	double best_pcp = 1e9, best_off = 1e9, best_lifo = 1e9;
	LIST_HEAD(lifo);
	int r;

	for (top = 0; top < fill; top++)
		if (!(held[top] = alloc_pages(GFP_KERNEL, order)))
			break;
	while (top > fill / 2)
		__free_pages(held[--top], order);
	for (r = 0; r < 64 && r < top; r++)
		list_add(&held[top - 1 - r]->lru, &lifo);

	for (r = 0; r < RUNS; r++) {
		best_pcp = min(best_pcp, time_pairs(order, n));
		zone_pcp_disable(zone);
		best_off = min(best_off, time_pairs(order, n));
		zone_pcp_enable(zone);
		best_lifo = min(best_lifo, time_lifo(&lifo, n));
	}
	while (!list_empty(&lifo))
		list_del(lifo.next);
	printf("order-%u alloc+free pairs: per-CPU lists %6.1f M/s, per-CPU lists off (zone_pcp_disable) %6.1f M/s (%.2fx), plain LIFO list %6.1f M/s (%.2fx of it)",
	       order, n / best_pcp / 1e6, n / best_off / 1e6, best_off / best_pcp,
	       n / best_lifo / 1e6, best_lifo / best_pcp);
	/* issue 17's goal for order 0 */
	if (!order)
		printf(", goal 100 M/s (%.2fx of it)", n / best_pcp / 1e8);
	printf("\n");
	while (top)
		__free_pages(held[--top], order);
}

int main(void)
{
	static const unsigned int gib[] = { 1, 4, 16 };
	unsigned int i;

	boot(SZ_1G, true);
	printf("Host, this thread's CPU time, best of %d runs:\n", RUNS);
	bench_pairs(0, 2000000);
	bench_pairs(3, 1000000);
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
		printf("memmap phase %2u GiB (%lu MiB of struct page): %.4f s; a memset of the same bytes %.4f s (%.1fx of it)\n",
		       gib[i], bytes >> 20, t, t0, t / t0);
		free(buf);
		sim_discard(SZ_1G, size);
		sim_discard(host_kernel_at, host_kernel_size);
	}
	return 0;
}
