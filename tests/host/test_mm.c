// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for mm/: nodes, zones, memmap and the buddy allocator on simulated memory,
 * checked against the lines Linux 6.1 printed for the oracle scenarios.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <asm/memory.h>
#include <linux/numa.h>
#include <asm/mmu.h>
#include <linux/start_kernel.h>
#include "harness.h"
#include "host_boot.h"

/* A layout: its memory ranges, described by a DT as QEMU virt or a board would. */
#define region host_dt_region

struct layout {
	const struct region *mem;
	int nr;
	u64 dma_max;		/* the highest CPU address DMA reaches (dma-ranges); 0: none */
	bool numa, movable_node;
	u64 cma_size;		/* the default CMA (64 MiB, Linux's), or 0: cma=0 */
	const char *args;	/* more kernel words (linux=6.12) */
};

static void *dtb;

/* The kernel's boot on a DT that describes @l, with the mminit lines and every level shown. */
static void boot_mm(const struct layout *l)
{
	struct host_boot_params p = {
		.kernel_at = HOST_BOOT_DEFAULT, .kernel_size = HOST_BOOT_DEFAULT,
		.dtb_at = HOST_BOOT_DEFAULT,
	};
	char args[256];
	int st;

	snprintf(args, sizeof(args), "mminit_loglevel=4 ignore_loglevel%s%s%s%s",
		 l->movable_node ? " movable_node" : "", l->cma_size ? "" : " cma=0",
		 l->args ? " " : "", l->args ? l->args : "");
	assert_true(!l->cma_size || l->cma_size == SZ_64M);
	free(dtb);
	dtb = host_dt_build(l->mem, l->nr, l->numa, l->dma_max, args, &p.fdt_len);
	assert_non_null(dtb);
	p.fdt = dtb;
	st = host_boot(&p);
	if (st != HOST_BOOT_OK)
		fprintf(stderr, "boot: %d %s\n%s\n", st, panic_message(), console_text());
	assert_int_equal(st, HOST_BOOT_OK);
}

/* Forget the simulated memory a test touched. */
static void discard(const struct layout *l)
{
	int i;

	for (i = 0; i < l->nr; i++)
		sim_discard(l->mem[i].base, l->mem[i].size);
	sim_discard(host_kernel_at, host_kernel_size);
	sim_discard(host_dtb_at, MAX_FDT_SIZE);
}

#define expect_line(s) do { if (!strstr(console_text(), s)) { \
	fprintf(stderr, "missing: [%s]\n--- console:\n%s\n", s, console_text()); \
	fail(); } } while (0)
#define expect_no(s) do { if (strstr(console_text(), s)) { \
	fprintf(stderr, "unexpected: [%s]\n", s); fail(); } } while (0)

static unsigned long memory_B_kib(void)
{
	const char *m = strstr(console_text(), "Memory: ");
	const char *slash = m ? strchr(m, '/') : NULL;

	assert_non_null(slash);
	return strtoul(slash + 1, NULL, 10);
}

static void expect_cma_kib(unsigned long kib)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "K reserved, %luK cma-reserved)\n", kib);
	expect_line(buf);
}

/* ---- oracle scenarios ---- */

static const struct region virt1g[] = { { 0x40000000, SZ_1G, 0, 0 } };

static void test_virt_1g(void **state)
{
	struct layout l = { virt1g, 1, .cma_size = SZ_64M };
	phys_addr_t map;

	boot_mm(&l);
	expect_line("NUMA: No NUMA configuration found\n");
	expect_line("NUMA: Faking a node at [mem 0x0000000040000000-0x000000007fffffff]\n");
	expect_line("Zone ranges:\n  DMA      [mem 0x0000000040000000-0x000000007fffffff]\n"
		    "  DMA32    empty\n  Normal   empty\nMovable zone start for each node\n"
		    "Early memory node ranges\n"
		    "  node   0: [mem 0x0000000040000000-0x000000007fffffff]\n"
		    "Initmem setup node 0 [mem 0x0000000040000000-0x000000007fffffff]\n");
	expect_line("mminit::memmap_init Initialising map node 0 zone 0 pfns 262144 -> 524288\n");
	expect_no("unavailable ranges");
	expect_line("Fallback order for Node 0: 0 \n");
	expect_line("Built 1 zonelists, mobility grouping on.  Total pages: 258048\n");
	expect_line("Policy zone: DMA\n");
	assert_int_equal(memory_B_kib(), 1048576);
	expect_cma_kib(65536);
	/* Linux's memmap buffer: 8 sections x 2 MiB, 2 MiB aligned, top of the node. */
	map = virt_to_phys(pfn_to_page(0x40000));
	assert_int_equal(map & (SZ_2M - 1), 0);
	assert_true(memblock_is_region_reserved(map, SZ_16M));
	assert_true(pfn_valid(0x40000) && pfn_valid(0x7ffff));
	assert_false(pfn_valid(0x3ffff));
	assert_false(pfn_valid(0x80000));
	assert_int_equal(page_to_pfn(pfn_to_page(0x54321)), 0x54321);
	assert_int_equal(sizeof(struct page), 32);
	discard(&l);
}

static const struct region virt4g[] = { { 0x40000000, SZ_4G, 0, 0 } };

/*
 * crashkernel= in 6.12 (the generic reservation): a size at or above memory is refused
 * without a word (6.1 tries and says it cannot); X,high gets a 128 MiB ,low part when none
 * is given (6.1: none); X that does not fit below the DMA limit goes above it, with 128 MiB
 * below (6.1: it fails).
 */
static const struct region virt4g_at_1g[] = { { 0x40000000, SZ_4G, 0, 0 } };
static const struct region virt8g_at_1g[] = { { 0x40000000, 2 * SZ_4G, 0, 0 } };

static void test_crashkernel_612(void **state)
{
	struct layout l = { virt1g, 1, .cma_size = SZ_64M, .args = "crashkernel=2G" };
	struct layout h = { virt4g_at_1g, 1, .cma_size = SZ_64M, .args = "crashkernel=512M,high" };
	struct layout f = { virt8g_at_1g, 1, .cma_size = SZ_64M, .args = "crashkernel=3G" };

	boot_mm(&l);
	expect_line("cannot allocate crashkernel (size:0x80000000)\n");
	discard(&l);
	l.args = "linux=6.12 crashkernel=2G";
	boot_mm(&l);
	expect_no("crashkernel reserved");
	expect_no("cannot allocate crashkernel");
	discard(&l);

	boot_mm(&h);
	expect_no("crashkernel low memory reserved");
	expect_line("crashkernel reserved: 0x");
	discard(&h);
	h.args = "linux=6.12 crashkernel=512M,high";
	boot_mm(&h);
	expect_line("crashkernel low memory reserved: 0xf4000000 - 0xfc000000 (128 MB)\n");
	expect_line("crashkernel reserved: 0x0000000");
	discard(&h);

	boot_mm(&f);
	expect_line("cannot allocate crashkernel (size:0xc0000000)\n");
	discard(&f);
	f.args = "linux=6.12 crashkernel=3G";
	boot_mm(&f);
	/* above the DMA limit (4 GiB), top-down; 128 MiB below it */
	expect_line("crashkernel low memory reserved: 0xf4000000 - 0xfc000000 (128 MB)\n"
		    "crashkernel reserved: 0x00000001");
	expect_line(" (3072 MB)\n");
	expect_no("cannot allocate crashkernel");
	discard(&f);
}

/* 6.12's reserve_mem=: a named area from memblock after setup_arch; an unknown word in 6.1. */
static void test_reserve_mem_param(void **state)
{
	struct layout l = { virt1g, 1, .cma_size = SZ_64M,
			    .args = "reserve_mem=16M:4096:trace reserve_mem=1M:0:trace" };
	struct layout l612 = l;
	phys_addr_t start, size;

	boot_mm(&l);
	expect_line("Unknown kernel command line parameters \"reserve_mem=16M:4096:trace reserve_mem=1M:0:trace\"");
	assert_int_equal(reserve_mem_find_by_name("trace", &start, &size), 0);
	discard(&l);

	l612.args = "linux=6.12 reserve_mem=16M:4096:trace reserve_mem=1M:0:trace reserve_mem=0:0:x";
	boot_mm(&l612);
	expect_no("Unknown kernel command line");
	assert_int_equal(reserve_mem_find_by_name("trace", &start, &size), 1);
	assert_int_equal(size, SZ_16M);
	assert_int_equal(start & (SZ_4K - 1), 0);
	assert_true(memblock_is_region_reserved(start, size));
	/* the second "trace" and the empty one are refused (-EBUSY, -EINVAL), nothing reserved */
	assert_int_equal(reserve_mem_find_by_name("x", &start, &size), 0);
	discard(&l612);
}

/*
 * linux=6.12 on the same 1 GiB: no "No NUMA configuration found", 6.12's NODE_DATA line, the
 * Device zone, Total pages = present pages, and a 1 MiB bounce buffer although nothing is
 * above the DMA limit (Linux 6.12's own lines for virt-1g).
 */
static void test_virt_1g_612(void **state)
{
	struct layout l = { virt1g, 1, .cma_size = SZ_64M, .args = "linux=6.12" };

	boot_mm(&l);
	expect_no("No NUMA configuration found");
	expect_line("NUMA: Faking a node at [mem 0x0000000040000000-0x000000007fffffff]\n"
		    "NODE_DATA(0) allocated [mem 0x");
	expect_line("Zone ranges:\n  DMA      [mem 0x0000000040000000-0x000000007fffffff]\n"
		    "  DMA32    empty\n  Normal   empty\n  Device   empty\n"
		    "Movable zone start for each node\n");
	expect_line("cma: Reserved 64 MiB at 0x000000007ac00000 on node -1\n");
	expect_line("Built 1 zonelists, mobility grouping on.  Total pages: 262144\n");
	/* One CPU: one area; 512 slabs are a power of two, so no roundup. */
	expect_line("software IO TLB: SWIOTLB bounce buffer size adjusted to 1MB\n"
		    "software IO TLB: area num 1.\n"
		    "software IO TLB: mapped [mem 0x");
	{
		/* The end printed is exclusive, as Linux's swiotlb_print_info(). */
		const char *m = strstr(console_text(), "software IO TLB: mapped [mem ");
		unsigned long long a, b;

		assert_int_equal(sscanf(m, "software IO TLB: mapped [mem %llx-%llx]", &a, &b), 2);
		assert_int_equal(b - a, SZ_1M);
		assert_true(b <= 0x80000000);
	}
	/* 6.12 prints Memory: after the rest of mm_core_init, the same figures. */
	assert_int_equal(memory_B_kib(), 1048576);
	expect_cma_kib(65536);
	discard(&l);
}

static void test_virt_4g(void **state)
{
	struct layout l = { virt4g, 1, .cma_size = SZ_64M };

	boot_mm(&l);
	expect_line("  DMA      [mem 0x0000000040000000-0x00000000ffffffff]\n  DMA32    empty\n"
		    "  Normal   [mem 0x0000000100000000-0x000000013fffffff]\n");
	expect_line("mminit::memmap_init Initialising map node 0 zone 0 pfns 262144 -> 1048576\n");
	expect_line("mminit::memmap_init Initialising map node 0 zone 2 pfns 1048576 -> 1310720\n");
	expect_line("Built 1 zonelists, mobility grouping on.  Total pages: 1032192\n");
	expect_line("Policy zone: Normal\n");
	assert_int_equal(memory_B_kib(), 4194304);
	expect_cma_kib(65536);
	/* The default CMA goes top-down below the ZONE_DMA limit, as Linux's 0xfc000000. */
	assert_int_equal(arm64_dma_phys_limit, SZ_4G);
	assert_true(memblock_is_region_reserved(0xfc000000, SZ_64M));
	discard(&l);
}

static const struct region virt6g[] = { { 0x40000000, 6ULL * SZ_1G, 0, 0 } };

static void test_virt_6g(void **state)
{
	struct layout l = { virt6g, 1, .cma_size = SZ_64M };

	boot_mm(&l);
	expect_line("  Normal   [mem 0x0000000100000000-0x00000001bfffffff]\n");
	expect_line("Built 1 zonelists, mobility grouping on.  Total pages: 1548288\n");
	assert_int_equal(memory_B_kib(), 6291456);
	discard(&l);
}

static const struct region gaps[] = {
	{ 0x40000000, 0x10000000, 0, 0 }, { 0x58000000, 0x08000000, 0, 0 },
	{ 0x64000000, 0x04000000, 0, 0 }, { 0x6a000000, 0x02000000, 0, 0 },
	{ 0x70200000, 0x1fe00000, 0, 0 },
};

static void test_mem_gaps(void **state)
{
	struct layout l = { gaps, 5, .cma_size = SZ_64M };

	boot_mm(&l);
	expect_line("Early memory node ranges\n"
		    "  node   0: [mem 0x0000000040000000-0x000000004fffffff]\n"
		    "  node   0: [mem 0x0000000058000000-0x000000005fffffff]\n"
		    "  node   0: [mem 0x0000000064000000-0x0000000067ffffff]\n"
		    "  node   0: [mem 0x000000006a000000-0x000000006bffffff]\n"
		    "  node   0: [mem 0x0000000070200000-0x000000008fffffff]\n"
		    "Initmem setup node 0 [mem 0x0000000040000000-0x000000008fffffff]\n");
	expect_line("On node 0, zone DMA: 16384 pages in unavailable ranges\n"
		    "On node 0, zone DMA: 8192 pages in unavailable ranges\n"
		    "On node 0, zone DMA: 16896 pages in unavailable ranges");
	expect_line("Total pages: 249480\n");
	assert_int_equal(memory_B_kib(), 1013760);
	/* Hole pages in present sections have reserved struct pages; empty sections none. */
	assert_true(pfn_valid(0x60000) && PageReserved(pfn_to_page(0x60000)));
	assert_false(pfn_valid(0x50000));
	discard(&l);
}

static const struct region numa2[] = {
	{ 0x40000000, SZ_1G, 0, 0 }, { 0x80000000, SZ_1G, 1, 0 },
};

static void test_numa_2nodes(void **state)
{
	struct layout l = { numa2, 2, .numa = true, .cma_size = SZ_64M };

	boot_mm(&l);
	expect_no("No NUMA configuration found");
	expect_no("NODE_DATA(");
	expect_line("Initmem setup node 0 [mem 0x0000000040000000-0x000000007fffffff]\n"
		    "mminit::memmap_init Initialising map node 0 zone 0 pfns 262144 -> 524288\n"
		    "Initmem setup node 1 [mem 0x0000000080000000-0x00000000bfffffff]\n"
		    "mminit::memmap_init Initialising map node 1 zone 0 pfns 524288 -> 786432\n");
	expect_line("  DMA      [mem 0x0000000040000000-0x00000000bfffffff]\n");
	expect_line("  node   1: [mem 0x0000000080000000-0x00000000bfffffff]\n");
	expect_line("Fallback order for Node 0: 0 1 \n");
	expect_line("Fallback order for Node 1: 1 0 \n");
	expect_line("Built 2 zonelists, mobility grouping on.  Total pages: 516096\n");
	assert_int_equal(memory_B_kib(), 2097152);
	/* NODE_DATA and the memmap live on their own node. */
	assert_true(virt_to_phys(NODE_DATA(1)) >= 0x80000000);
	assert_true(virt_to_phys(NODE_DATA(0)) < 0x80000000);
	assert_true(virt_to_phys(pfn_to_page(0x80000)) >= 0x80000000);
	assert_int_equal(page_to_nid(pfn_to_page(0x90000)), 1);
	/* Local node first: a page for node 1 comes from node 1. */
	{
		struct page *p = alloc_pages_node(1, GFP_KERNEL, 0);

		assert_non_null(p);
		assert_int_equal(page_to_nid(p), 1);
		__free_page(p);
	}
	discard(&l);
}

/* A node whose memory crosses 4 GiB: it holds part of ZONE_DMA and ZONE_NORMAL. */
static const struct region numa_span[] = {
	{ 0x40000000, SZ_2G, 0, 0 }, { 0xc0000000, SZ_2G, 1, 0 },
};

static void test_node_spanning_4g(void **state)
{
	struct layout l = { numa_span, 2, .numa = true };

	boot_mm(&l);
	expect_line("mminit::memmap_init Initialising map node 1 zone 0 pfns 786432 -> 1048576\n"
		    "mminit::memmap_init Initialising map node 1 zone 2 pfns 1048576 -> 1310720\n");
	assert_int_equal(NODE_DATA(1)->node_zones[ZONE_NORMAL].present_pages, 262144);
	assert_int_equal(NODE_DATA(0)->node_zones[ZONE_NORMAL].spanned_pages, 0);
	expect_line("Fallback order for Node 1: 1 0 \n");
	discard(&l);
}

static const struct region hot[] = {
	{ 0x40000000, SZ_1G, 0, 0 }, { 0x80000000, SZ_1G, 0, MEMBLOCK_HOTPLUG },
};

static void test_hotplug_movable(void **state)
{
	struct layout l = { hot, 2, .movable_node = true, .cma_size = SZ_64M };
	struct page *p;

	boot_mm(&l);
	expect_line("Movable zone start for each node\n  Node 0: 0x0000000080000000\n");
	expect_line("mminit::memmap_init Initialising map node 0 zone 0 pfns 262144 -> 524288\n"
		    "mminit::memmap_init Initialising map node 0 zone 3 pfns 524288 -> 786432\n");
	expect_line("  DMA      [mem 0x0000000040000000-0x00000000bfffffff]\n");
	expect_line("Total pages: 516096\n");
	/* memblock kept its allocations out of the hotpluggable range. */
	assert_true(virt_to_phys(pfn_to_page(0x40000)) < 0x80000000);
	/* GFP_HIGHUSER_MOVABLE lands in ZONE_MOVABLE; GFP_KERNEL never does. */
	p = alloc_page(GFP_HIGHUSER_MOVABLE);
	assert_non_null(p);
	assert_int_equal(page_zonenum(p), ZONE_MOVABLE);
	__free_page(p);
	p = alloc_page(GFP_KERNEL | __GFP_MOVABLE);
	assert_non_null(p);
	assert_int_equal(page_zonenum(p), ZONE_DMA);
	__free_page(p);
	discard(&l);
}

static void test_hotplug_without_movable_node(void **state)
{
	struct layout l = { hot, 2, .cma_size = SZ_64M };

	boot_mm(&l);
	expect_line("Movable zone start for each node\nEarly memory node ranges\n");
	expect_line("mminit::memmap_init Initialising map node 0 zone 0 pfns 262144 -> 786432\n");
	expect_no("zone 3");
	discard(&l);
}

/* Raspberry Pi 4 layouts: RAM at 0, 30-bit dma-ranges (expected-rpi and the README). */
static const struct region pi1g[] = { { 0, 0x3b400000, 0, 0 } };
static const struct region pi4g[] = { { 0, 0x3b400000, 0, 0 }, { 0x40000000, 0xbc000000, 0, 0 } };
static const struct region pi8g[] = { { 0, 0x3b400000, 0, 0 }, { 0x40000000, 0xbc000000, 0, 0 },
				      { 0x100000000, SZ_4G, 0, 0 } };

static void test_rpi4_1g(void **state)
{
	struct layout l = { pi1g, 1, .dma_max = 0x3fffffff, .cma_size = SZ_64M };

	boot_mm(&l);
	expect_line("  DMA      [mem 0x0000000000000000-0x000000003b3fffff]\n  DMA32    empty\n"
		    "  Normal   empty\n");
	expect_line("Initmem setup node 0 [mem 0x0000000000000000-0x000000003b3fffff]\n");
	expect_line("On node 0, zone DMA: 19456 pages in unavailable ranges");
	expect_line("mminit::memmap_init Initialising map node 0 zone 0 pfns 0 -> 242688\n");
	expect_line("Total pages: 238896\n");
	assert_int_equal(memory_B_kib(), 970752);
	assert_int_equal(zone_dma_bits, 30);
	discard(&l);
}

static void test_rpi4_4g(void **state)
{
	struct layout l = { pi4g, 2, .dma_max = 0x3fffffff };

	boot_mm(&l);
	expect_line("  DMA      [mem 0x0000000000000000-0x000000003fffffff]\n"
		    "  DMA32    [mem 0x0000000040000000-0x00000000fbffffff]\n  Normal   empty\n");
	expect_line("On node 0, zone DMA32: 19456 pages in unavailable ranges\n"
		    "On node 0, zone DMA32: 16384 pages in unavailable ranges");
	expect_line("Initialising map node 0 zone 0 pfns 0 -> 262144\n");
	assert_int_equal(arm64_dma_phys_limit, SZ_1G);
	/* The hole's struct pages get the zone Linux names (DMA32), though it lies in DMA. */
	assert_int_equal(page_zonenum(pfn_to_page(0x3b400)), ZONE_DMA32);
	discard(&l);
}

static void test_rpi4_8g(void **state)
{
	struct layout l = { pi8g, 3, .dma_max = 0x3fffffff };

	boot_mm(&l);
	expect_line("  DMA      [mem 0x0000000000000000-0x000000003fffffff]\n"
		    "  DMA32    [mem 0x0000000040000000-0x00000000ffffffff]\n"
		    "  Normal   [mem 0x0000000100000000-0x00000001ffffffff]\n");
	expect_line("On node 0, zone DMA32: 19456 pages in unavailable ranges\n"
		    "On node 0, zone Normal: 16384 pages in unavailable ranges");
	discard(&l);
}

/* virt with 30-bit dma-ranges: RAM starts above the mask, so ZONE_DMA falls back to 4 GiB. */
static void test_virt_30bit(void **state)
{
	struct layout l = { virt4g, 1, .dma_max = 0x3fffffff };

	boot_mm(&l);
	expect_line("  DMA      [mem 0x0000000040000000-0x00000000ffffffff]\n  DMA32    empty\n");
	discard(&l);
}

static void test_virt_31bit(void **state)
{
	struct layout l = { virt4g, 1, .dma_max = 0x7fffffff };

	boot_mm(&l);
	expect_line("  DMA      [mem 0x0000000040000000-0x000000007fffffff]\n"
		    "  DMA32    [mem 0x0000000080000000-0x00000000ffffffff]\n"
		    "  Normal   [mem 0x0000000100000000-0x000000013fffffff]\n");
	discard(&l);
}

static const struct region high_only[] = { { 0x800000000, SZ_2G, 0, 0 } };

static void test_ram_above_4g(void **state)
{
	struct layout l = { high_only, 1, .dma_max = 0x3fffffff };

	boot_mm(&l);
	expect_line("  DMA      [mem 0x0000000800000000-0x000000087fffffff]\n  DMA32    empty\n"
		    "  Normal   empty\n");
	expect_line("Built 1 zonelists");
	discard(&l);
}

static const struct region far[] = {
	{ 0xAA00CC0000, SZ_256M, 0, 0 }, { 0xBB00000000, SZ_128M, 1, 0 },
};

static void test_far_nodes(void **state)
{
	struct layout l = { far, 2, .numa = true };

	boot_mm(&l);
	expect_line("  DMA      [mem 0x000000aa00cc0000-0x000000bb07ffffff]\n");
	expect_line("Initmem setup node 0 [mem 0x000000aa00cc0000-0x000000aa10cbffff]\n");
	expect_line("Initmem setup node 1 [mem 0x000000bb00000000-0x000000bb07ffffff]\n");
	/*
	 * Node 0 starts 0xcc0000 into its section: 3264 hole pages. The rest of node 0's
	 * last section is counted before node 1's first range, so Linux names node 1.
	 */
	expect_line("On node 0, zone DMA: 3264 pages in unavailable ranges\n"
		    "On node 1, zone DMA: 29504 pages in unavailable ranges\n");
	assert_int_equal(page_alloc_selftest_run(), 0);
	discard(&l);
}

static const struct region nomap[] = {
	{ 0x40000000, 0x10000000, 0, 0 }, { 0x50000000, SZ_16M, 0, MEMBLOCK_NOMAP },
	{ 0x51000000, 0x0f000000, 0, 0 },
};

static void test_nomap(void **state)
{
	struct layout l = { nomap, 3 };

	boot_mm(&l);
	expect_line("  node   0: [mem 0x0000000050000000-0x0000000050ffffff]\n");
	expect_no("unavailable ranges");
	assert_int_equal(memory_B_kib(), 512 * 1024);
	assert_true(pfn_valid(0x50000));
	assert_true(PageReserved(pfn_to_page(0x50000)));
	assert_true(PageReserved(pfn_to_page(0x50fff)));
	assert_false(PageReserved(pfn_to_page(0x51000)));
	assert_int_equal(page_alloc_selftest_run(), 0);	/* never hands out a NOMAP page */
	discard(&l);
}

/* ---- the Memory: line ---- */
static void test_memory_line(void **state)
{
	struct layout l = { virt1g, 1, .cma_size = SZ_64M };
	char buf[256];
	unsigned long reserved;

	boot_mm(&l);
	reserved = (get_num_physpages() - totalram_pages() - totalcma_pages) * 4;
	/* The section sizes are the image model's: Debian 6.1's, as Linux prints them. */
	snprintf(buf, sizeof(buf), "Memory: %luK/1048576K available (13248K kernel code, "
		 "2806K rwdata, 9504K rodata, 6464K init, 627K bss, %luK reserved, "
		 "65536K cma-reserved)\n", nr_free_pages() * 4, reserved);
	expect_line(buf);
	/* Free = present - every reserved page: the accounting closes. */
	assert_int_equal(nr_free_pages(), totalram_pages());
	assert_true(reserved > 16 * 1024);	/* at least the 16 MiB memmap */
	discard(&l);
}

/* ---- watermarks and the per-CPU lists' sizes ---- */
static const struct region st256[] = { { 0x40000000, SZ_256M, 0, 0 } };

static unsigned long isqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

/* Linux's zone_batchsize(): 0.1% of the zone / 4, at most 64, * 1.5 down to 2^n, - 1. */
static int expected_batch(unsigned long managed)
{
	unsigned long b = min(managed >> 10, 256UL) / 4;

	if (b < 1)
		b = 1;
	b += b / 2;
	while (b & (b - 1))
		b &= b - 1;
	return b - 1;
}

static void check_wmarks_and_pcp(unsigned long pages_min, unsigned long lowmem)
{
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[z];
		struct per_cpu_pages *pcp = &zone->per_cpu_pageset[0];
		unsigned long m = zone->managed_pages, min = pages_min * m / lowmem;

		if (!populated_zone(zone))
			continue;
		assert_int_equal(min_wmark_pages(zone), min);
		assert_int_equal(low_wmark_pages(zone) - min, max(min / 4, m * 10 / 10000));
		assert_int_equal(high_wmark_pages(zone) - min, 2 * (low_wmark_pages(zone) - min));
		/* high: the low watermark over one CPU, at least 4 batches */
		assert_int_equal(pcp->batch, expected_batch(m));
		assert_int_equal(pcp->high, max(low_wmark_pages(zone), 4UL * pcp->batch));
		assert_int_equal(pcp->count, 0);
		assert_int_equal(zone->stat_threshold, 2 * 1 * (1 + fls64(m >> 15)));
	}
}

static void test_watermarks(void **state)
{
	struct layout l = { virt4g, 1 };
	unsigned long managed, recommended;

	boot_mm(&l);
	managed = NODE_DATA(0)->node_zones[0].managed_pages +
		  NODE_DATA(0)->node_zones[2].managed_pages;
	/*
	 * int_sqrt(lowmem_kbytes * 16), then khugepaged's floor (4 GiB, so THP is on): two
	 * zones (DMA, Normal) x 512-page pageblocks x (2 + 3 * 3), in KiB.
	 */
	recommended = 2 * 512 * 11 * 4;
	assert_true(isqrt(managed * 4 * 16) < recommended);
	assert_int_equal(min_free_kbytes, recommended);
	check_wmarks_and_pcp(min_free_kbytes / 4, managed);
	console_capture_reset();
	show_buddyinfo();
	show_zoneinfo();
	expect_line("Node 0, zone      DMA ");
	expect_line("Node 0, zone   Normal ");
	expect_line("        managed  ");
	expect_line("  pagesets\n    cpu: 0\n              count: 0\n              high:  ");
	expect_line("              batch: 63\n  vm stats threshold: ");
	discard(&l);

	/* transparent_hugepage=never: no khugepaged, min_free_kbytes stays the square root */
	l.args = "transparent_hugepage=never";
	boot_mm(&l);
	assert_int_equal(min_free_kbytes, isqrt(managed * 4 * 16));
	check_wmarks_and_pcp(min_free_kbytes / 4, managed);
	discard(&l);

	/* Below 512 MiB THP is off: the same */
	l = (struct layout){ st256, 1 };
	boot_mm(&l);
	managed = NODE_DATA(0)->node_zones[0].managed_pages;
	assert_int_equal(min_free_kbytes, max(128UL, isqrt(managed * 4 * 16)));
	check_wmarks_and_pcp(min_free_kbytes / 4, managed);
	discard(&l);

	l = (struct layout){ virt4g, 1, .args = "transparent_hugepage=sometimes" };
	boot_mm(&l);
	expect_line("transparent_hugepage= cannot parse, ignored\n");
	assert_int_equal(min_free_kbytes, recommended);
	discard(&l);
}

/*
 * Linux 6.1's /proc/zoneinfo (linux-proc.sh, one CPU) shows "high:  7040" and "batch: 63"
 * for a 1 GiB DMA zone: min_free_kbytes 22528 (khugepaged: 512 x 11 pages), min 5632,
 * low = 5632 + 5632 / 4. The same here, whatever the exact managed count.
 */
static void test_pagesets_as_linux(void **state)
{
	struct layout l = { virt1g, 1, .cma_size = SZ_64M };
	char buf[256];

	boot_mm(&l);
	assert_int_equal(min_free_kbytes, 22528);
	zoneinfo_pagesets(&NODE_DATA(0)->node_zones[ZONE_DMA], buf, sizeof(buf));
	assert_string_equal(buf, "\n  pagesets\n    cpu: 0\n              count: 0"
			    "\n              high:  7040\n              batch: 63"
			    "\n  vm stats threshold: 8");
	discard(&l);
}

/* ---- the allocator against a shadow model ---- */
static const struct region small[] = { { 0x40000000, SZ_64M, 0, 0 } };

/*
 * The buddy lists and the per-CPU lists of the small layout's zone, against @owner (1: the
 * test holds the page): every listed page is free in the shadow, none is listed twice
 * (@seen), buddy heads carry their order, per-CPU pages are plain free pages, and the lists
 * add up to the zone's free count and the lists' count. Returns the pages on per-CPU lists.
 */
static unsigned long check_free_lists(const unsigned char *owner, unsigned char *seen,
				      unsigned long base, unsigned long npages)
{
	struct zone *zone = &NODE_DATA(0)->node_zones[0];
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset[0];
	unsigned long total = 0, on_pcp = 0, k;
	int o, pindex;

	memset(seen, 0, npages);
	for (o = 0; o < MAX_ORDER; o++) {
		struct page *p;
		unsigned long n = 0;

		list_for_each_entry(p, &zone->free_area[o].free_list, lru) {
			unsigned long pfn = page_to_pfn(p);

			assert_true(PageBuddy(p));
			assert_int_equal(p->private, o);
			assert_int_equal(pfn & ((1UL << o) - 1), 0);
			for (k = 0; k < (1UL << o); k++) {
				assert_int_equal(owner[pfn - base + k], 0);
				assert_int_equal(seen[pfn - base + k]++, 0);
			}
			n++;
		}
		assert_int_equal(n, zone->free_area[o].nr_free);
		total += n << o;
	}
	assert_int_equal(total, zone->free_pages);
	for (pindex = 0; pindex < NR_PCP_LISTS; pindex++) {
		unsigned int order = pindex < NR_LOWORDER_PCP_LISTS ? pindex / MIGRATE_PCPTYPES :
				     pageblock_order;
		struct page *p;

		list_for_each_entry(p, &pcp->lists[pindex], lru) {
			unsigned long pfn = page_to_pfn(p);

			assert_false(PageBuddy(p));
			assert_int_equal(page_ref_count(p), 0);
			assert_true(p->lru.next->prev == &p->lru);
			assert_int_equal(pfn & ((1UL << order) - 1), 0);
			for (k = 0; k < (1UL << order); k++) {
				assert_int_equal(owner[pfn - base + k], 0);
				assert_int_equal(seen[pfn - base + k]++, 0);
			}
			on_pcp += 1UL << order;
		}
	}
	assert_int_equal(on_pcp, pcp->count);
	assert_true(pcp->count < pcp->high || !pcp->high);
	return on_pcp;
}

static void test_shadow_model(void **state)
{
	struct layout l = { small, 1 };
	enum { SLOTS = 4096 };
	static struct { struct page *page; unsigned int order; } live[SLOTS];
	static const gfp_t gfps[] = { GFP_KERNEL, GFP_HIGHUSER_MOVABLE,
				      GFP_KERNEL | __GFP_RECLAIMABLE };
	unsigned char *owner, *seen;
	unsigned long base = 0x40000, npages = SZ_64M >> PAGE_SHIFT, used = 0, free0;
	struct zone *zone;
	u64 x = 88172645463325252ULL;
	long op;

	boot_mm(&l);
	zone = &NODE_DATA(0)->node_zones[0];
	min_free_kbytes = 0;
	setup_per_zone_wmarks();
	/* Nearly no watermark: high is a few pages, so the lists fill and spill often. */
	assert_int_equal(zone->per_cpu_pageset[0].high,
			 max(low_wmark_pages(zone), 4UL * zone->per_cpu_pageset[0].batch));
	assert_true(zone->per_cpu_pageset[0].high < 16);
	free0 = nr_free_pages();
	owner = calloc(npages, 1);
	seen = calloc(npages, 1);
	assert_non_null(owner);
	assert_non_null(seen);
	memset(live, 0, sizeof(live));
	for (op = 0; op < 1200000; op++) {
		unsigned int i;

		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		i = x % SLOTS;
		if (live[i].page) {
			unsigned long pfn = page_to_pfn(live[i].page), k;

			for (k = 0; k < (1UL << live[i].order); k++) {
				assert_int_equal(owner[pfn - base + k], 1);
				owner[pfn - base + k] = 0;
			}
			__free_pages(live[i].page, live[i].order);
			used -= 1UL << live[i].order;
			live[i].page = NULL;
		} else {
			unsigned int order = (x >> 20) % 8 ? (x >> 40) % 4 : (x >> 24) % MAX_ORDER;
			struct page *p = alloc_pages(gfps[(x >> 30) % 3] | __GFP_NOWARN, order);
			unsigned long pfn, k;

			if (!p)
				continue;
			pfn = page_to_pfn(p);
			assert_int_equal(pfn & ((1UL << order) - 1), 0);
			assert_true(pfn >= base && pfn + (1UL << order) <= base + npages);
			assert_false(memblock_is_region_reserved(PFN_PHYS(pfn), PAGE_SIZE << order));
			for (k = 0; k < (1UL << order); k++) {
				assert_int_equal(owner[pfn - base + k], 0);
				owner[pfn - base + k] = 1;
			}
			live[i].page = p;
			live[i].order = order;
			used += 1UL << order;
		}
		/* Free in the zone + waiting on the per-CPU lists + held = what was free. */
		assert_int_equal(nr_free_pages() + zone_pcp_count(zone) + used, free0);
		if (op % 100000 == 0)
			check_free_lists(owner, seen, base, npages);
	}
	for (op = 0; op < SLOTS; op++)
		if (live[op].page) {
			unsigned long pfn = page_to_pfn(live[op].page), k;

			for (k = 0; k < (1UL << live[op].order); k++)
				owner[pfn - base + k] = 0;
			__free_pages(live[op].page, live[op].order);
		}
	assert_int_equal(nr_free_pages() + zone_pcp_count(zone), free0);
	check_free_lists(owner, seen, base, npages);
	/* The drain gives every waiting page back: the zone has them all again, merged. */
	drain_all_pages(NULL);
	assert_int_equal(zone_pcp_count(zone), 0);
	assert_int_equal(nr_free_pages(), free0);
	assert_int_equal(check_free_lists(owner, seen, base, npages), 0);
	assert_int_equal(nr_bad_pages, 0);
	free(owner);
	free(seen);
	discard(&l);
}

/* ---- the in-kernel self-test, and bad input ---- */

static void test_selftest(void **state)
{
	struct layout l = { st256, 1 };

	boot_mm(&l);
	console_capture_reset();
	assert_int_equal(page_alloc_selftest_run(), 0);
	expect_line("KTAP version 1\n1..1\n");
	expect_line("    ok 1 alloc_every_page_once\n");
	expect_line("    ok 5 bad_frees_caught\n");
	expect_line("ok 1 page_alloc\n");
	expect_line("BUG: Bad page state in process swapper/0  pfn:");
	expect_line("page dumped because: double free: page is already on a free list\n");
	expect_line("page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set\n");
	expect_line("page dumped because: freed as order 0, allocated as order 2\n");
	expect_line("pagealloc: memory corruption\n");
	expect_no("not ok");
	discard(&l);
}

static void test_bad_input(void **state)
{
	struct layout l = { small, 1 };
	unsigned long before;

	boot_mm(&l);
	before = nr_free_pages();
	console_capture_reset();
	assert_null(alloc_pages(GFP_KERNEL, MAX_ORDER));
	expect_line("page allocation of order 11");
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 20));
	assert_int_equal(nr_free_pages(), before);
	assert_int_equal(early_page_poison_param("maybe"), -EINVAL);
	assert_int_equal(early_page_poison_param("1"), 0);
	assert_int_equal(page_poisoning_enabled, 1);
	page_poisoning_enabled = 0;
	assert_int_equal(set_mminit_loglevel("4"), 0);
	/* numa_add_memblk refuses a node id beyond MAX_NUMNODES */
	assert_int_equal(numa_add_memblk(16, 0x40000000, 0x50000000), -EINVAL);
	discard(&l);
}

/* The monitor's "free PFN ORDER" with @fmt's arguments; the free page count it left. */
static unsigned long mon_free(const char *fmt, ...)
{
	char args[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	console_capture_reset();
	monitor_cmd_free(args);
	/* Free pages: in the zones, and waiting on the per-CPU lists. */
	return nr_free_pages() + zone_pcp_count(&NODE_DATA(0)->node_zones[ZONE_DMA]);
}

static void test_monitor_free(void **state)
{
	struct layout l = { small, 1 };
	unsigned long before, pfn, dtb_pfn;
	struct page *page;
	char line[160];

	boot_mm(&l);
	page = alloc_pages(GFP_KERNEL, 3);
	assert_non_null(page);
	pfn = page_to_pfn(page);
	before = nr_free_pages() + zone_pcp_count(page_zone(page));

	/* Not a block start for order 3: refused before the allocator sees it. */
	assert_int_equal(mon_free("%#lx 3", pfn + 1), before);
	snprintf(line, sizeof(line), "free: pfn %#lx is not aligned to order 3 (a multiple of 8 pages): refused, nothing freed\n",
		 pfn + 1);
	expect_line(line);
	expect_no("Bad page state");

	/* The order parsed after the PFN (it always read as 0): the block goes back whole. */
	assert_int_equal(mon_free("%#lx 3", pfn), before + 8);
	snprintf(line, sizeof(line), "free: pfn %#lx order 3\n", pfn);
	expect_line(line);

	/* Again, while it waits on the per-CPU list: Linux's report, and plainly nothing freed. */
	assert_int_equal(mon_free("%#lx  3", pfn), before + 8);
	expect_line("page dumped because: page is not allocated (refcount 0): double free or tail page\n");
	snprintf(line, sizeof(line), "free: nothing freed: the allocator refused pfn %#lx order 3 (see the report above)\n",
		 pfn);
	expect_line(line);
	expect_no("free: pfn");

	/* A reserved page: the DTB's. */
	dtb_pfn = host_dtb_at >> PAGE_SHIFT;
	assert_int_equal(mon_free("%#lx 0", dtb_pfn), before + 8);
	expect_line("page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set\n");
	snprintf(line, sizeof(line), "free: nothing freed: the allocator refused pfn %#lx order 0 (see the report above)\n",
		 dtb_pfn);
	expect_line(line);

	/* Malformed requests. */
	assert_int_equal(mon_free("%#lx", pfn), before + 8);
	expect_line("free: want PFN ORDER (numbers)\n");
	assert_int_equal(mon_free("%#lx 3 x", pfn), before + 8);
	expect_line("free: want PFN ORDER (numbers)\n");
	assert_int_equal(mon_free("0 %d", MAX_ORDER), before + 8);
	expect_line("free: order 11 is not below MAX_ORDER (11): refused, nothing freed\n");
	assert_int_equal(mon_free("0x10 0"), before + 8);
	expect_line("free: pfn 0x10 has no struct page: refused, nothing freed\n");
	discard(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_virt_1g),
		cmocka_unit_test(test_virt_1g_612),
		cmocka_unit_test(test_reserve_mem_param),
		cmocka_unit_test(test_crashkernel_612),
		cmocka_unit_test(test_virt_4g),
		cmocka_unit_test(test_virt_6g),
		cmocka_unit_test(test_mem_gaps),
		cmocka_unit_test(test_numa_2nodes),
		cmocka_unit_test(test_node_spanning_4g),
		cmocka_unit_test(test_hotplug_movable),
		cmocka_unit_test(test_hotplug_without_movable_node),
		cmocka_unit_test(test_rpi4_1g),
		cmocka_unit_test(test_rpi4_4g),
		cmocka_unit_test(test_rpi4_8g),
		cmocka_unit_test(test_virt_30bit),
		cmocka_unit_test(test_virt_31bit),
		cmocka_unit_test(test_ram_above_4g),
		cmocka_unit_test(test_far_nodes),
		cmocka_unit_test(test_nomap),
		cmocka_unit_test(test_memory_line),
		cmocka_unit_test(test_watermarks),
		cmocka_unit_test(test_pagesets_as_linux),
		cmocka_unit_test(test_shadow_model),
		cmocka_unit_test(test_selftest),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_monitor_free),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
