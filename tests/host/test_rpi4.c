// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests on the real Raspberry Pi 4 device tree (tests/data/bcm2711-rpi-4-b.dtb) with
 * memory@0 filled in as the Pi 4 firmware fills it for 1, 2, 4 and 8 GiB boards, booted
 * through memblock, nodes, zones, CMA and the buddy hand-off on simulated memory.
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
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/memory_hotplug.h>
#include <linux/numa.h>
#include <linux/cma.h>
#include <linux/mm.h>
#include <linux/of_fdt.h>
#include <linux/of_reserved_mem.h>
#include <asm/memory.h>
#include <asm/mmu.h>
#include <libfdt.h>
#include "harness.h"
#include "host_boot.h"

#define RPI4_DTB	"tests/data/bcm2711-rpi-4-b.dtb"
/* Where the Pi 4 firmware loads kernel8.img (an Image with text_offset 0) and its DTB. */
#define KERNEL_PA	0x200000
#define DTB_PA		0x2eff2000

static void *dtb;

/* The shipped blob, opened into a bigger buffer so memory@0's reg can grow. */
static void *load_rpi4_dtb(void)
{
	FILE *f = fopen(RPI4_DTB, "rb");
	static char raw[128 * 1024];
	size_t n;

	assert_non_null(f);
	n = fread(raw, 1, sizeof(raw), f);
	fclose(f);
	assert_true(n > 0 && n < sizeof(raw));
	free(dtb);
	dtb = aligned_alloc(8, ALIGN(n + 4096, 8));
	assert_non_null(dtb);
	assert_int_equal(fdt_open_into(raw, dtb, ALIGN(n + 4096, 8)), 0);
	return dtb;
}

/*
 * What start4.elf writes into memory@0 (#address-cells 2, #size-cells 1): the first 1 GiB
 * less the VideoCore's top (gpu_mem=76), then the rest below 4 GiB above the peripherals'
 * 0xfc000000, then 8 GiB boards' upper 4 GiB as two 2 GiB tuples (a cell cannot say 4 GiB).
 */
static const u32 reg_1g[] = { 0, 0, 0x3b400000 };
static const u32 reg_2g[] = { 0, 0, 0x3b400000,
				  0, 0x40000000, 0x40000000 };
static const u32 reg_4g[] = { 0, 0, 0x3b400000,
				  0, 0x40000000, 0xbc000000 };
static const u32 reg_8g[] = { 0, 0, 0x3b400000,
				  0, 0x40000000, 0xbc000000,
				  1, 0, 0x80000000,
				  1, 0x80000000, 0x80000000 };

/* Cells in host order, written big-endian as fdtput would. */
static void fill_memory(void *fdt, const u32 *cells, int len)
{
	int node = fdt_path_offset(fdt, "/memory@0");
	fdt32_t reg[16];
	int i;

	assert_true(node >= 0 && len <= (int)sizeof(reg));
	for (i = 0; i < len / 4; i++)
		reg[i] = cpu_to_fdt32(cells[i]);
	assert_int_equal(fdt_setprop(fdt, node, "reg", reg, len), 0);
}

/* Where memblock=debug would print it: at the end of bootmem_init. */
static void dump_after_memmap(const char *phase)
{
	if (!strcmp(phase, "memmap"))
		__memblock_dump_all();
}

/* The kernel's boot on this DT, placed where the Pi 4 firmware places kernel8.img and the DT. */
static void boot_rpi4(void *fdt)
{
	struct host_boot_params p = {
		.fdt = fdt, .fdt_len = fdt_totalsize(fdt), .kernel_at = KERNEL_PA,
		.kernel_size = HOST_BOOT_DEFAULT, .dtb_at = DTB_PA, .phase = dump_after_memmap,
	};
	int st = host_boot(&p);

	if (st != HOST_BOOT_OK)
		fprintf(stderr, "boot: %d %s\n%s\n", st, panic_message(), console_capture());
	assert_int_equal(st, HOST_BOOT_OK);
}

static void discard(void)
{
	struct memblock_region *r;

	for_each_mem_region(r)
		sim_discard(r->base, r->size);
}

#define expect_line(s) do { if (!strstr(console_text(), s)) { \
	fprintf(stderr, "missing: [%s]\n--- console:\n%s\n", s, console_text()); \
	fail(); } } while (0)

/* The free block of @zone that holds @pfn, as its order, or -1. */
static int free_block_order(struct zone *zone, unsigned long pfn)
{
	struct page *page;
	int order;

	for (order = 0; order < MAX_ORDER; order++)
		list_for_each_entry(page, &zone->free_area[order].free_list, lru) {
			unsigned long head = page_to_pfn(page);

			if (head <= pfn && pfn < head + (1UL << order))
				return order;
		}
	return -1;
}

/*
 * Common to every board: the stub page /memreserve/ 0 0x1000 comes first in
 * memblock.reserved, stays in memblock.memory and ZONE_DMA, and after the hand-off pfn 0 is
 * PageReserved and inside no free block, while its neighbour pfn 1 is free memory.
 */
static void check_common(void)
{
	struct zone *dma = &NODE_DATA(0)->node_zones[ZONE_DMA];

	expect_line(" reserved[0x0]\t[0x0000000000000000-0x0000000000000fff], "
		    "0x0000000000001000 bytes flags: 0x0\n");
	expect_line("Reserved memory: created CMA memory pool at 0x0000000037400000, size 64 MiB\n");
	expect_line("OF: reserved mem: initialized node linux,cma, compatible id shared-dma-pool\n");
	expect_line("Initmem setup node 0 [mem 0x0000000000000000-");
	assert_true(memblock_is_region_reserved(0, PAGE_SIZE));
	assert_true(memblock_is_memory(0));
	assert_int_equal(zone_dma_bits, 30);
	assert_int_equal(totalcma_pages, SZ_64M >> PAGE_SHIFT);
	assert_true(memblock_is_region_reserved(0x37400000, SZ_64M));

	assert_true(pfn_valid(0));
	assert_true(PageReserved(pfn_to_page(0)));
	assert_false(PageBuddy(pfn_to_page(0)));
	assert_int_equal(page_zonenum(pfn_to_page(0)), ZONE_DMA);
	assert_int_equal(free_block_order(dma, 0), -1);
	assert_true(free_block_order(dma, 1) >= 0);
	assert_false(PageReserved(pfn_to_page(1)));
	/*
	 * The image from _stext on and the DTB are not free either; [_text, _stext), the
	 * Image's 64 KiB head, is never reserved, as in Linux (reserved[] starts at 0x210000).
	 */
	assert_int_equal(free_block_order(dma, PFN_DOWN(KERNEL_PA + SZ_64K)), -1);
	assert_true(free_block_order(dma, PFN_DOWN(KERNEL_PA)) >= 0);
	assert_int_equal(free_block_order(dma, PFN_DOWN(DTB_PA)), -1);
}

static void test_rpi4_1g(void **state)
{
	void *fdt = load_rpi4_dtb();

	fill_memory(fdt, reg_1g, sizeof(reg_1g));
	boot_rpi4(fdt);
	expect_line(" memory.cnt  = 0x1\n memory[0x0]\t[0x0000000000000000-0x000000003b3fffff], "
		    "0x000000003b400000 bytes on node 0 flags: 0x0\n");
	expect_line("Zone ranges:\n"
		    "  DMA      [mem 0x0000000000000000-0x000000003b3fffff]\n"
		    "  DMA32    empty\n"
		    "  Normal   empty\n");
	expect_line("  node   0: [mem 0x0000000000000000-0x000000003b3fffff]\n");
	expect_line("On node 0, zone DMA: 19456 pages in unavailable ranges\n");
	check_common();
	discard();
}

static void test_rpi4_2g(void **state)
{
	void *fdt = load_rpi4_dtb();

	fill_memory(fdt, reg_2g, sizeof(reg_2g));
	boot_rpi4(fdt);
	expect_line(" memory.cnt  = 0x2\n"
		    " memory[0x0]\t[0x0000000000000000-0x000000003b3fffff], "
		    "0x000000003b400000 bytes on node 0 flags: 0x0\n"
		    " memory[0x1]\t[0x0000000040000000-0x000000007fffffff], "
		    "0x0000000040000000 bytes on node 0 flags: 0x0\n");
	expect_line("Zone ranges:\n"
		    "  DMA      [mem 0x0000000000000000-0x000000003fffffff]\n"
		    "  DMA32    [mem 0x0000000040000000-0x000000007fffffff]\n"
		    "  Normal   empty\n");
	expect_line("  node   0: [mem 0x0000000000000000-0x000000003b3fffff]\n"
		    "  node   0: [mem 0x0000000040000000-0x000000007fffffff]\n");
	check_common();
	discard();
}

static void test_rpi4_4g(void **state)
{
	void *fdt = load_rpi4_dtb();

	fill_memory(fdt, reg_4g, sizeof(reg_4g));
	boot_rpi4(fdt);
	expect_line(" memory.cnt  = 0x2\n"
		    " memory[0x0]\t[0x0000000000000000-0x000000003b3fffff], "
		    "0x000000003b400000 bytes on node 0 flags: 0x0\n"
		    " memory[0x1]\t[0x0000000040000000-0x00000000fbffffff], "
		    "0x00000000bc000000 bytes on node 0 flags: 0x0\n");
	expect_line("Zone ranges:\n"
		    "  DMA      [mem 0x0000000000000000-0x000000003fffffff]\n"
		    "  DMA32    [mem 0x0000000040000000-0x00000000fbffffff]\n"
		    "  Normal   empty\n");
	expect_line("On node 0, zone DMA32: 19456 pages in unavailable ranges\n"
		    "On node 0, zone DMA32: 16384 pages in unavailable ranges\n");
	check_common();
	discard();
}

static void test_rpi4_8g(void **state)
{
	void *fdt = load_rpi4_dtb();

	fill_memory(fdt, reg_8g, sizeof(reg_8g));
	boot_rpi4(fdt);
	/* The two adjacent 2 GiB tuples above 4 GiB merge into one region. */
	expect_line(" memory.cnt  = 0x3\n"
		    " memory[0x0]\t[0x0000000000000000-0x000000003b3fffff], "
		    "0x000000003b400000 bytes on node 0 flags: 0x0\n"
		    " memory[0x1]\t[0x0000000040000000-0x00000000fbffffff], "
		    "0x00000000bc000000 bytes on node 0 flags: 0x0\n"
		    " memory[0x2]\t[0x0000000100000000-0x00000001ffffffff], "
		    "0x0000000100000000 bytes on node 0 flags: 0x0\n");
	expect_line("Zone ranges:\n"
		    "  DMA      [mem 0x0000000000000000-0x000000003fffffff]\n"
		    "  DMA32    [mem 0x0000000040000000-0x00000000ffffffff]\n"
		    "  Normal   [mem 0x0000000100000000-0x00000001ffffffff]\n");
	expect_line("On node 0, zone DMA32: 19456 pages in unavailable ranges\n"
		    "On node 0, zone Normal: 16384 pages in unavailable ranges\n");
	check_common();
	discard();
}

/* As shipped (<0 0 0>) there is no memory at all; a firmware bug must be named, not eaten. */
static void test_rpi4_bad_reg(void **state)
{
	static const u32 odd[] = { 0, 0, 0x3b400000, 0, 0x40000000 };
	void *fdt = load_rpi4_dtb();

	host_reset_boot_state();
	assert_true(early_init_dt_verify_mapped(fdt, DTB_PA, MAX_FDT_SIZE));
	early_init_dt_scan_nodes();
	assert_int_equal(memblock.memory.total_size, 0);

	fill_memory(fdt, odd, sizeof(odd));
	host_reset_boot_state();
	assert_true(early_init_dt_verify_mapped(fdt, DTB_PA, MAX_FDT_SIZE));
	early_init_dt_scan_nodes();
	expect_line("memory node 'memory@0': reg is 20 bytes, not a multiple of 3 cells; "
		    "trailing 8 bytes ignored\n");
	assert_int_equal(memblock.memory.cnt, 1);
	assert_int_equal(memblock.memory.total_size, 0x3b400000);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rpi4_1g),
		cmocka_unit_test(test_rpi4_2g),
		cmocka_unit_test(test_rpi4_4g),
		cmocka_unit_test(test_rpi4_8g),
		cmocka_unit_test(test_rpi4_bad_reg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
