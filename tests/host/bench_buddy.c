// SPDX-License-Identifier: GPL-2.0
/*
 * Buddy allocator figures on the host: order-0 and order-3 alloc+free pairs per second
 * beside a plain LIFO list of pages, and the memmap phase of the kernel's boot beside a
 * memset of the same bytes. Prints numbers only; it asserts nothing.
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

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* When each boot phase ended (host time), and whether to stop before the buddy hand-off. */
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
		sim_discard(host_kernel_at, host_kernel_size);
	}
	return 0;
}
