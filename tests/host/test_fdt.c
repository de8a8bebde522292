// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for the early device tree code: memory nodes, /memreserve/ and /reserved-memory,
 * CMA, dma-ranges, ranges and stdout-path, NUMA; plus every oracle scenario replayed against
 * Linux 6.1's own report (tests/expected). Fixtures are compiled with dtc into build/host/fixtures.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/memory_hotplug.h>
#include <linux/numa.h>
#include <linux/cma.h>
#include <linux/of_fdt.h>
#include <linux/of_address.h>
#include <linux/of_numa.h>
#include <linux/of_reserved_mem.h>
#include <asm/memory.h>
#include <asm/image.h>
#include <asm/mmu.h>
#include "harness.h"
#include "host_boot.h"

#define FIXTURES	"tests/host/fixtures"
#define SCENARIOS	"tests/scenarios"
#define EXPECTED	"tests/expected"
#define OUT		"build/host/fixtures"

/* ------------------------------------------------------------------ helpers */

static void *dtb_buf;

/* dtc the source into build/host/fixtures and return the blob (kept until the next load). */
static void *load_dts(const char *dir, const char *name)
{
	char cmd[1024], out[512];

	snprintf(out, sizeof(out), OUT "/%s.dtb", name);
	snprintf(cmd, sizeof(cmd), "mkdir -p " OUT " && dtc -q -I dts -O dtb -o %s %s/%s.dts",
		 out, dir, name);
	assert_int_equal(system(cmd), 0);
	free(dtb_buf);
	dtb_buf = harness_read_file(out, NULL);
	assert_non_null(dtb_buf);
	return dtb_buf;
}

static void *load_dtb(const char *path)
{
	free(dtb_buf);
	dtb_buf = harness_read_file(path, NULL);
	assert_non_null(dtb_buf);
	return dtb_buf;
}

static void boot_dtb(void *fdt, phys_addr_t pa)
{
	host_reset_boot_state();
	assert_true(early_init_dt_verify_mapped(fdt, pa, MAX_FDT_SIZE));
	early_init_dt_scan_nodes();
}

struct rgn {
	phys_addr_t base, size;
	unsigned int flags;
};

static void check_type(struct memblock_type *t, const struct rgn *e, int n)
{
	int i;

	if ((int)t->cnt != n || (n == 0 && t->regions[0].size))
		for (i = 0; i < (int)t->cnt; i++)
			print_message("%s[%d] %#llx+%#llx flags %#x\n", t->name, i,
				      t->regions[i].base,
				      t->regions[i].size, t->regions[i].flags);
	if (n == 0) {
		assert_int_equal(t->regions[0].size, 0);
		return;
	}
	assert_int_equal(t->cnt, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(t->regions[i].base, e[i].base);
		assert_int_equal(t->regions[i].size, e[i].size);
		assert_int_equal(t->regions[i].flags, e[i].flags);
	}
}

#define CHECK_TYPE(t, ...) do {						\
	static const struct rgn _e[] = { __VA_ARGS__ };			\
	check_type(t, _e, ARRAY_SIZE(_e));				\
} while (0)

static void expect_console(const char *s)
{
	if (!console_contains(s))
		print_message("missing: %s\nconsole:\n%s\n", s, console_capture());
	assert_true(console_contains(s));
}

static void expect_no_console(const char *s)
{
	if (console_contains(s))
		print_message("unexpected: %s\nconsole:\n%s\n", s, console_capture());
	assert_false(console_contains(s));
}

/* ------------------------------------------------------------------ blob checks */

static void test_verify(void **state)
{
	void *fdt = load_dts(FIXTURES, "mem-1-1");
	char *bad = malloc(fdt_totalsize(fdt));

	host_reset_boot_state();
	memcpy(bad, fdt, fdt_totalsize(fdt));
	bad[0] ^= 0xff;
	assert_false(early_init_dt_verify_mapped(bad, 0x48000000, MAX_FDT_SIZE));
	expect_console("bootmem: bad DTB at 0x0000000048000000: FDT_ERR_BADMAGIC");
	assert_null(initial_boot_params);

	assert_false(early_init_dt_verify_mapped(fdt, 0x48000000, 64));
	expect_console("exceeds the 0x40 bytes mapped");
	assert_false(early_init_dt_verify_mapped(NULL, 0x48000000, MAX_FDT_SIZE));

	assert_true(early_init_dt_verify_mapped(fdt, 0x48000000, MAX_FDT_SIZE));
	assert_ptr_equal(initial_boot_params, fdt);
	early_init_fdt_reserve_self();
	assert_int_equal(memblock.reserved.cnt, 1);
	assert_int_equal(memblock.reserved.regions[0].base, 0x48000000);
	assert_int_equal(memblock.reserved.regions[0].size, fdt_totalsize(fdt));
	free(bad);
}

/* ------------------------------------------------------------------ memory nodes */

static void test_memory_2_1(void **state)
{
	void *fdt = load_dts(FIXTURES, "mem-2-1");

	boot_dtb(fdt, 0x48000000);
	assert_int_equal(dt_root_addr_cells, 2);
	assert_int_equal(dt_root_size_cells, 1);
	CHECK_TYPE(&memblock.memory,
		   { 0x0, 0x3b400000, 0 },
		   { 0x40000000, 0x10000000, 0 },
		   /* linux,usable-memory, not reg */
		   { 0x71000000, 0x1000000, 0 },
		   { 0x80000000, 0x8000000, MEMBLOCK_HOTPLUG },
		   /* 0x90000800 + 0x2900 trimmed to whole pages */
		   { 0x90001000, 0x2000, 0 },
		   { 0xb1000000, 0x100000, 0 },
		   { 0x100000000ULL, 0x20000000, 0 });
	expect_console("OF: fdt: Ignoring memory block 0xa0000800 - 0xa0000c00\n");
	/* 0xb0000800 + 0x800 ends on a page boundary: trimmed to nothing, silently (as Linux) */
	expect_no_console("0xb0000800");
	/* a zero-size tuple is skipped (and named) */
	expect_console("memory node 'memory@b0000000': reg entry at 0xb0000000 has size 0, skipped");
	/* nothing else was warned about */
	assert_int_equal(memblock.reserved.regions[0].size, 0);

	assert_string_equal(boot_command_line, "console=ttyAMA0 cma=32M");
	assert_int_equal(dt_rng_seed_len, 8);
	assert_int_equal(dt_rng_seed[7], 8);
	assert_true(dt_has_kaslr_seed);
	assert_int_equal(dt_kaslr_seed, 0x1122334455667788ULL);
	assert_string_equal(of_flat_dt_get_machine_name(), "Test board 2/1");
}

static void test_memory_1_1(void **state)
{
	void *fdt = load_dts(FIXTURES, "mem-1-1");
	u64 addr = 0, size = 0;
	int node;

	boot_dtb(fdt, 0x48000000);
	assert_int_equal(dt_root_addr_cells, 1);
	assert_int_equal(dt_root_size_cells, 1);
	CHECK_TYPE(&memblock.memory, { 0x40000000, 0x10000000, 0 }, { 0x60000000, 0x1000000, 0 });
	assert_string_equal(boot_command_line, "");

	/* linux,stdout-path is the fallback, no options */
	node = of_stdout_node();
	assert_int_equal(node, fdt_path_offset(fdt, "/uart@9000000"));
	assert_null(of_stdout_options());
	assert_int_equal(of_node_reg_translated(node, &addr, &size), 0);
	assert_int_equal(addr, 0x9000000);
	assert_int_equal(size, 0x1000);
}

static void test_memory_hostile(void **state)
{
	void *fdt = load_dts(FIXTURES, "mem-hostile");

	boot_dtb(fdt, 0x48000000);
	/* the two good ranges are adjacent: memblock merges them */
	CHECK_TYPE(&memblock.memory, { 0x40000000, 0x11000000, 0 });
	expect_console("bootmem: memory node 'memory@50000000': reg is 20 bytes, not a multiple of 4 cells; trailing 4 bytes ignored");
	expect_console("bootmem: node 'memory@fffffffffffff000': reg range base 0xfffffffffffff000 size 0x2000 wraps past 2^64, ignored");
	expect_console("memory node 'memory@60000000': reg entry at 0x60000000 has size 0, skipped");
}

static void test_bad_root_cells(void **state)
{
	void *fdt = load_dts(FIXTURES, "mem-badcells");

	boot_dtb(fdt, 0x48000000);
	assert_int_equal(dt_root_addr_cells, 3);
	CHECK_TYPE(&memblock.memory);
	expect_console("bootmem: memory nodes: unsupported root #address-cells = 3 / #size-cells = 1 (1 or 2 each), ignored");

	/* /memreserve/ has no cells: still honoured; /reserved-memory is refused */
	console_capture_reset();
	early_init_fdt_scan_reserved_mem();
	CHECK_TYPE(&memblock.reserved, { 0x40000000, 0x1000, 0 });
	expect_console("bootmem: /reserved-memory: unsupported root #address-cells = 3");
	assert_int_equal(reserved_mem_count, 0);
}

/* ------------------------------------------------------------------ reserved memory */

static void test_reserved_mem(void **state)
{
	void *fdt = load_dts(FIXTURES, "resmem");

	boot_dtb(fdt, 0x48000000);
	CHECK_TYPE(&memblock.memory, { 0x40000000, 0x10000000, 0 }, { 0x60000000, 0x10000000, 0 });
	console_capture_reset();
	early_init_fdt_scan_reserved_mem();

	/* no-map inside memory splits it; partial no-map flags only the part inside */
	CHECK_TYPE(&memblock.memory,
		   { 0x40000000, 0x2000000, 0 },
		   { 0x42000000, 0x400000, MEMBLOCK_NOMAP },
		   { 0x42400000, 0xdc00000, 0 },
		   { 0x60000000, 0xff00000, 0 },
		   { 0x6ff00000, 0x100000, MEMBLOCK_NOMAP });
	/* two adjacent /memreserve/ merge; plain reserves keep exact bytes, also outside memory;
	   the misaligned CMA pool was reserved and then given back */
	CHECK_TYPE(&memblock.reserved,
		   { 0x40001000, 0x2000, 0 },
		   { 0x41000000, 0x100000, 0 },
		   { 0x41200000, 0x100000, 0 },
		   { 0x80000000, 0x100000, 0 },
		   { 0x90000000, 0x10, 0 });

	expect_console("OF: fdt: Reserved memory: failed to reserve memory for node 'busy@41000000': base 0x0000000041000000, size 4 MiB\n");
	expect_console("OF: fdt: Reserved memory: failed to reserve memory for node 'busy2@40001000': base 0x0000000040001000, size 0 MiB\n");
	expect_console("OF: fdt: Reserved memory: invalid reg property in 'badreg@45000000', skipping node.\n");
	expect_console("bootmem: node 'wrap@ffffffffffff0000': reg range base 0xffffffffffff0000 size 0x20000 wraps past 2^64, ignored\n");
	expect_console("OF: reserved mem: OVERLAP DETECTED!\n");
	expect_console("plain@41000000 (0x0000000041000000--0x0000000041100000) overlaps with busy@41000000 (0x0000000041000000--0x0000000041400000)\n");
	/* the only overlap */
	assert_null(strstr(strstr(console_capture(), "OVERLAP") + 1, "OVERLAP"));
	expect_console("Reserved memory: created DMA memory pool at 0x0000000050000000, size 4 MiB\n");
	expect_console("OF: reserved mem: initialized node gap-pool@50000000, compatible id shared-dma-pool\n");
	expect_console("Reserved memory: incorrect alignment of CMA region\n");
	expect_console("OF: reserved mem: node badcma@44100000 compatible matching fail\n");
	expect_no_console("disabled@43000000");
	expect_no_console("plain@41000000, compatible");

	/* sorted by (base, size): the /memreserve/-overlapping node first */
	assert_int_equal(reserved_mem_count, 8);
	assert_string_equal(reserved_mem[0].name, "busy2@40001000");
	assert_string_equal(reserved_mem[1].name, "plain@41000000");
	assert_string_equal(reserved_mem[2].name, "busy@41000000");
	assert_string_equal(reserved_mem[7].name, "outside@80000000");
	assert_int_equal(totalcma_pages, 0);
}

static void test_reserved_mem_bad_root(void **state)
{
	void *fdt = load_dts(FIXTURES, "resmem-badroot");

	boot_dtb(fdt, 0x48000000);
	early_init_fdt_scan_reserved_mem();
	expect_console("OF: fdt: Reserved memory: unsupported node format, ignoring\n");
	CHECK_TYPE(&memblock.reserved);
	assert_int_equal(reserved_mem_count, 0);
}

/*
 * The oracle's resmem-dynamic run: the kernel image [0x40210000-0x4220ffff] and the DTB
 * [0x48000000, +0x1ffd) were reserved before the scan; the addresses are Linux's.
 */
static void test_reserved_mem_dynamic(void **state)
{
	void *fdt = load_dts(SCENARIOS, "resmem-dynamic");
	static const char *const order[] = {
		"linux,cma", "dyn-plain", "dyn-multi-ranges", "dyn-nomap", "dyn-fail",
		"cma-static@58000000",
	};
	const char *out, *p;
	int i;

	boot_dtb(fdt, 0x48000000);
	memblock_reserve(0x40210000, 0x2000000);
	memblock_reserve(0x48000000, 0x1ffd);
	console_capture_reset();
	early_init_fdt_scan_reserved_mem();

	CHECK_TYPE(&memblock.memory,
		   { 0x40000000, 0x2f800000, 0 },
		   { 0x6f800000, 0x800000, MEMBLOCK_NOMAP },
		   { 0x70000000, 0x10000000, 0 });
	CHECK_TYPE(&memblock.reserved,
		   { 0x40210000, 0x2000000, 0 },
		   { 0x48000000, 0x1ffd, 0 },
		   { 0x58000000, 0x2000000, 0 },
		   { 0x5e000000, 0x2000000, 0 },
		   { 0x6f800000, 0x800000, 0 },
		   { 0x70c00000, 0x400000, 0 },
		   { 0x7ff00000, 0x100000, 0 });

	/* heapsort left the five (0, 0) keys in this order: Linux's allocation order */
	assert_int_equal(reserved_mem_count, ARRAY_SIZE(order));
	for (i = 0; i < (int)ARRAY_SIZE(order); i++)
		assert_string_equal(reserved_mem[i].name, order[i]);

	/* Linux's section 8, in order */
	out = console_capture();
	p = strstr(out, "Reserved memory: created CMA memory pool at 0x000000005e000000, size 32 MiB\n");
	assert_non_null(p);
	p = strstr(p, "OF: reserved mem: initialized node linux,cma, compatible id shared-dma-pool\n");
	assert_non_null(p);
	p = strstr(p, "OF: reserved mem: failed to allocate memory for node 'dyn-fail': size 2048 MiB\n");
	assert_non_null(p);
	p = strstr(p, "Reserved memory: created CMA memory pool at 0x0000000058000000, size 32 MiB\n");
	assert_non_null(p);
	p = strstr(p, "OF: reserved mem: initialized node cma-static@58000000, compatible id shared-dma-pool\n");
	assert_non_null(p);

	/* two CMA pools of 32 MiB; the linux,cma-default one is the default area */
	assert_int_equal(totalcma_pages, 2 * (SZ_32M >> PAGE_SHIFT));
	assert_int_equal(cma_area_count, 2);
	assert_non_null(dma_contiguous_default_area);
	assert_int_equal(cma_get_base(dma_contiguous_default_area), 0x5e000000);
	console_capture_reset();
	dma_contiguous_reserve(0x80000000);
	expect_no_console("cma: Reserved");
	assert_int_equal(cma_area_count, 2);
}

/* ------------------------------------------------------------------ default CMA */

static void cma_setup_1g(void)
{
	CHECK_TYPE(&memblock.memory, { 0x40000000, 0x40000000, 0 });
	/* what virt-1g had reserved when bootmem_init reached the CMA: memmap and the rest */
	memblock_reserve(0x40210000, 0x1ffb000);
	memblock_reserve(0x7ec00000, 0x1000000);
	memblock_reserve(0x7fdcd000, 0x233000);
}

static void test_default_cma(void **state)
{
	boot_dtb(load_dts(SCENARIOS, "virt-1g"), 0x48000000);
	cma_setup_1g();
	dma_contiguous_reserve(0x80000000);
	expect_console("cma: Reserved 64 MiB at 0x000000007ac00000\n");
	assert_int_equal(totalcma_pages, SZ_64M >> PAGE_SHIFT);
	assert_true(memblock_is_region_reserved(0x7ac00000, SZ_64M));

	/* cma=0: no area */
	boot_dtb(load_dts(SCENARIOS, "virt-1g"), 0x48000000);
	cma_setup_1g();
	assert_int_equal(early_cma("0"), 0);
	dma_contiguous_reserve(0x80000000);
	expect_no_console("cma: Reserved");
	assert_int_equal(totalcma_pages, 0);

	/* cma=16M@0x50000000: fixed placement */
	boot_dtb(load_dts(SCENARIOS, "virt-1g"), 0x48000000);
	cma_setup_1g();
	assert_int_equal(early_cma("16M@0x50000000"), 0);
	dma_contiguous_reserve(0x80000000);
	expect_console("cma: Reserved 16 MiB at 0x0000000050000000\n");

	/* cma=2G cannot fit below the limit */
	boot_dtb(load_dts(SCENARIOS, "virt-1g"), 0x48000000);
	cma_setup_1g();
	assert_int_equal(early_cma("2G"), 0);
	dma_contiguous_reserve(0x80000000);
	expect_console("cma: Failed to reserve 2048 MiB\n");
	assert_int_equal(totalcma_pages, 0);

	/* a fixed base that is not pageblock aligned */
	boot_dtb(load_dts(SCENARIOS, "virt-1g"), 0x48000000);
	cma_setup_1g();
	assert_int_equal(early_cma("4M@0x50100000"), 0);
	dma_contiguous_reserve(0x80000000);
	expect_console("cma: Region at 0x0000000050100000 must be aligned to 0x0000000000200000 bytes\n");

	assert_int_equal(early_cma(NULL), -EINVAL);
	expect_console("cma: Config string not provided\n");
}

/* ------------------------------------------------------------------ translation */

static void test_translate(void **state)
{
	void *fdt = load_dts(FIXTURES, "translate");
	u64 addr = 0, size = 0;
	int node;

	boot_dtb(fdt, 0x48000000);

	node = of_stdout_node();
	assert_int_equal(node, fdt_path_offset(fdt, "/soc/bus@7e000000/serial@7e215040"));
	assert_string_equal(of_stdout_options(), "115200n8");
	assert_int_equal(of_node_reg_translated(node, &addr, &size), 0);
	assert_int_equal(addr, 0xfe215040);
	assert_int_equal(size, 0x40);
	assert_int_equal(of_translate_address(node, 0x7e201000), 0xfe201000);
	/* past the end of the soc's window */
	assert_int_equal(of_translate_address(node, 0x7f800000), OF_BAD_ADDR);

	node = fdt_path_offset(fdt, "/soc/outside@10000000");
	assert_int_equal(of_node_reg_translated(node, &addr, &size), -EINVAL);
	node = fdt_path_offset(fdt, "/soc/noranges/dev@100");
	assert_int_equal(of_node_reg_translated(node, &addr, &size), -EINVAL);

	/* PCI: flags cell, 64-bit bus address, mapped at 0x6_0000_0000 */
	node = fdt_path_offset(fdt, "/pcie@600000000/dev@0");
	assert_int_equal(of_node_reg_translated(node, &addr, &size), 0);
	assert_int_equal(addr, 0x600001000ULL);
	assert_int_equal(size, 0x1000);

	/* narrow's 512 MiB, through the soc's dma-ranges; the disabled subtree does not count */
	assert_int_equal(of_dma_get_max_cpu_address(), 0x1fffffff);
	assert_int_equal(of_dma_get_max_cpu_address_node(fdt_path_offset(fdt, "/soc/bus@7e000000")),
			 PHYS_ADDR_MAX);
}

static void test_rpi_boards(void **state)
{
	void *fdt = load_dtb("tests/data/bcm2711-rpi-4-b.dtb");
	u64 addr = 0, size = 0;
	int node;

	boot_dtb(fdt, 0x8000000);
	/* the firmware fills memory in; as shipped it is <0 0 0> */
	CHECK_TYPE(&memblock.memory);
	assert_int_equal(of_dma_get_max_cpu_address(), 0x3fffffff);
	assert_int_equal(fls64(of_dma_get_max_cpu_address()), 30);

	node = of_stdout_node();
	assert_true(node > 0);
	assert_string_equal(fdt_get_name(fdt, node, NULL), "serial@7e215040");
	assert_string_equal(of_stdout_options(), "115200n8");
	assert_int_equal(of_node_reg_translated(node, &addr, &size), 0);
	assert_int_equal(addr, 0xfe215040);

	node = fdt_path_offset(fdt, "/soc/serial@7e201000");
	assert_true(node > 0);
	assert_int_equal(of_node_reg_translated(node, &addr, &size), 0);
	assert_int_equal(addr, 0xfe201000);
	assert_int_equal(size, 0x200);
	assert_int_equal(of_translate_address(node, 0x7e201000), 0xfe201000);

	/* /memreserve/ 0 0x1000 and the size-only linux,cma (top of the first 1 GiB) */
	memblock_add(0, 0x3b400000);
	early_init_fdt_scan_reserved_mem();
	expect_console("Reserved memory: created CMA memory pool at 0x0000000037400000, size 64 MiB\n");
	assert_true(memblock_is_region_reserved(0, 0x1000));

	fdt = load_dtb("tests/data/bcm2837-rpi-3-b.dtb");
	boot_dtb(fdt, 0x8000000);
	CHECK_TYPE(&memblock.memory, { 0, 0x40000000, 0 });
	assert_int_equal(of_dma_get_max_cpu_address(), 0x3effffff);
	node = fdt_path_offset(fdt, "/soc/serial@7e201000");
	assert_int_equal(of_node_reg_translated(node, &addr, &size), 0);
	assert_int_equal(addr, 0x3f201000);
}

/* ------------------------------------------------------------------ NUMA */

static void test_numa_bad(void **state)
{
	boot_dtb(load_dts(FIXTURES, "numa-bad"), 0x48000000);
	assert_int_equal(of_numa_init(), -EINVAL);
	expect_console("OF: NUMA: Node id 17 exceeds maximum value\n");
	expect_console("OF: NUMA: Node id 16 exceeds maximum value\n");
	expect_console("OF: NUMA: bad property in memory node\n");
	expect_console("node 'memory@50000000'");

	boot_dtb(load_dts(FIXTURES, "numa-baddist"), 0x48000000);
	assert_int_equal(of_numa_init(), -EINVAL);
	expect_console("OF: NUMA: parsing numa-distance-map-v1\n");
	expect_console("OF: NUMA: Invalid distance[node1 -> node1] = 12\n");
	/* both memory nodes were assigned before the map failed */
	assert_int_equal(memblock.memory.regions[1].nid, 1);
}

/* ------------------------------------------------------------------ bad input (issue 16) */

/* A copy of @fdt (the loaded blob) with room for libfdt edits; it becomes dtb_buf. */
static void *editable(void *fdt)
{
	size_t n = ((size_t)fdt_totalsize(fdt) + 8192) & ~7UL;
	void *buf = aligned_alloc(8, n);

	assert_non_null(buf);
	assert_int_equal(fdt_open_into(fdt, buf, n), 0);
	free(dtb_buf);
	dtb_buf = buf;
	return buf;
}

static int console_count(const char *s)
{
	const char *p = console_capture();
	int n = 0;

	while ((p = strstr(p, s))) {
		n++;
		p++;
	}
	return n;
}

static void set_hdr(void *fdt, int word, u32 v)
{
	((fdt32_t *)fdt)[word] = cpu_to_fdt32(v);
}

/* The header's 32-bit words that the tests change. */
#define HDR_TOTALSIZE	1
#define HDR_OFF_STRUCT	2
#define HDR_OFF_STRINGS	3
#define HDR_VERSION	5
#define HDR_LAST_COMP	6
#define HDR_SIZE_STRUCT	9

static void test_memreserve_unterminated(void **state)
{
	char *fdt = load_dts(FIXTURES, "bad-blob");
	u32 rsv = fdt_off_mem_rsvmap(fdt), st = fdt_off_dt_struct(fdt), total = fdt_totalsize(fdt);
	uint64_t a, sz;

	/* As dtc writes it: one entry, the terminator, then the structure block; no report. */
	assert_int_equal(st, rsv + 32);
	boot_dtb(fdt, 0x48000000);
	early_init_fdt_scan_reserved_mem();
	CHECK_TYPE(&memblock.reserved, { 0x50000000, 0x100000, 0 });
	expect_no_console("/memreserve/ block");

	/* The terminator removed: the structure block follows the entry directly. */
	memmove(fdt + rsv + 16, fdt + st, total - st);
	set_hdr(fdt, HDR_TOTALSIZE, total - 16);
	set_hdr(fdt, HDR_OFF_STRUCT, st - 16);
	set_hdr(fdt, HDR_OFF_STRINGS, fdt_off_dt_strings(fdt) - 16);
	/* libfdt (Linux's too) would take the structure block's bytes for a second entry. */
	assert_int_equal(fdt_get_mem_rsv(fdt, 1, &a, &sz), 0);
	assert_true(sz != 0);

	boot_dtb(fdt, 0x48000000);
	CHECK_TYPE(&memblock.memory, { 0x40000000, 0x50000000, 0 });
	early_init_fdt_scan_reserved_mem();
	expect_console("bootmem: /memreserve/ block at offset 0x28 has no terminating entry before the structure block at 0x38: the 1 entry before it is reserved, the structure block is not read as more\n");
	CHECK_TYPE(&memblock.reserved, { 0x50000000, 0x100000, 0 });
}

static void test_node_name_unterminated(void **state)
{
	char *fdt = load_dts(FIXTURES, "bad-blob");
	const char *name;
	char msg[256];
	int off;

	name = memmem(fdt, fdt_totalsize(fdt), "zz-last", 8);
	assert_non_null(name);
	off = name - 4 - (fdt + fdt_off_dt_struct(fdt));
	/* The structure block ends after "zz-l": the name has no NUL inside it. */
	set_hdr(fdt, HDR_SIZE_STRUCT, off + 8);
	boot_dtb(fdt, 0x48000000);
	snprintf(msg, sizeof(msg), "bootmem: structure block: the name of the node at offset %#x under '/' (\"zz-l\") has no NUL before the block ends at %#x: the tree ends there, that node and all after it are not read\n",
		 off, off + 8);
	expect_console(msg);
	/* What came before it is read; memory@80000000 after it is not. */
	CHECK_TYPE(&memblock.memory, { 0x40000000, 0x40000000, 0 });
	assert_string_equal(boot_command_line, "console=ttyAMA0");
	assert_int_equal(console_count("structure block:"), 1);
}

static void test_version(void **state)
{
	char *fdt = load_dts(FIXTURES, "bad-blob");

	host_reset_boot_state();
	set_hdr(fdt, HDR_VERSION, 18);
	set_hdr(fdt, HDR_LAST_COMP, 18);
	assert_false(early_init_dt_verify_mapped(fdt, 0x48000000, MAX_FDT_SIZE));
	expect_console("bootmem: bad DTB at 0x0000000048000000: FDT_ERR_BADVERSION\n");
	expect_console("bootmem: DTB header: last_comp_version 18 is newer than 17, the newest format this kernel reads (version 18): blob refused\n");
	assert_null(initial_boot_params);

	/* A newer version that stays readable as 16 is fine, and said nothing about. */
	console_capture_reset();
	set_hdr(fdt, HDR_LAST_COMP, 16);
	assert_true(early_init_dt_verify_mapped(fdt, 0x48000000, MAX_FDT_SIZE));
	expect_no_console("bootmem:");

	host_reset_boot_state();
	set_hdr(fdt, HDR_VERSION, 16);
	set_hdr(fdt, HDR_LAST_COMP, 17);
	assert_false(early_init_dt_verify_mapped(fdt, 0x48000000, MAX_FDT_SIZE));
	expect_console("bootmem: DTB header: version 16 is older than its own last_comp_version 17: blob refused\n");

	host_reset_boot_state();
	set_hdr(fdt, HDR_VERSION, 1);
	set_hdr(fdt, HDR_LAST_COMP, 1);
	assert_false(early_init_dt_verify_mapped(fdt, 0x48000000, MAX_FDT_SIZE));
	expect_console("bootmem: DTB header: version 1 is older than 2, the oldest format this kernel reads: blob refused\n");
}

/* /chosen/bootargs set to @len raw bytes, then the /chosen scan. */
static void scan_bootargs(const void *val, int len)
{
	void *fdt = editable(load_dts(FIXTURES, "bad-blob"));

	assert_int_equal(fdt_setprop(fdt, fdt_path_offset(fdt, "/chosen"), "bootargs", val, len), 0);
	host_reset_boot_state();
	assert_true(early_init_dt_verify_mapped(fdt, 0x48000000, MAX_FDT_SIZE));
	early_init_dt_scan_root();
	early_init_dt_scan_chosen(boot_command_line);
}

static void test_bootargs_cut(void **state)
{
	char *args = malloc(4096);

	/* 2040 bytes, then " mem=512M": cut at 2047, inside the word. */
	memset(args, 'x', 2040);
	strcpy(args + 2040, " mem=512M");
	scan_bootargs(args, strlen(args) + 1);
	assert_int_equal(strlen(boot_command_line), COMMAND_LINE_SIZE - 1);
	assert_string_equal(boot_command_line + 2040, " mem=51");
	expect_console("bootmem: /chosen/bootargs is 2049 bytes, the command line holds 2047: the last 2 bytes are cut, as Linux cuts them: \"2M\"\n");
	expect_console("bootmem: /chosen/bootargs: the word \"mem=512M\" is cut to \"mem=51\"\n");

	/* Cut between words: no word is named. */
	strcpy(args + 2040, "1234567 mem=512M");
	scan_bootargs(args, strlen(args) + 1);
	assert_string_equal(boot_command_line + 2040, "1234567");
	expect_console("bootmem: /chosen/bootargs is 2056 bytes, the command line holds 2047: the last 9 bytes are cut, as Linux cuts them: \" mem=512M\"\n");
	expect_no_console("the word");

	/* Exactly 2047 bytes fit. */
	args[2047] = '\0';
	scan_bootargs(args, 2048);
	assert_int_equal(strlen(boot_command_line), 2047);
	expect_no_console("bootmem:");
	free(args);
}

static void test_bootargs_nul(void **state)
{
	/* No NUL: Linux's strscpy keeps len - 1 bytes. */
	scan_bootargs("console=ttyAMA0 poweroff", 24);
	assert_string_equal(boot_command_line, "console=ttyAMA0 powerof");
	expect_console("bootmem: /chosen/bootargs has no NUL: its last byte 'f' is dropped, as Linux drops it\n");

	/* Two strings: only the first is the command line. */
	scan_bootargs("a=1\0mem=512M", 13);
	assert_string_equal(boot_command_line, "a=1");
	expect_console("bootmem: /chosen/bootargs has a NUL at byte 3 of 13: \"mem=512M\" after it is not on the command line, as in Linux\n");

	/* A plain one: nothing said. */
	scan_bootargs("a=1", 4);
	assert_string_equal(boot_command_line, "a=1");
	expect_no_console("bootmem:");
}

/* The whole boot: a mem= cut off is not applied, and the line says it was lost. */
static void test_bootargs_cut_boot(void **state)
{
	static const struct host_dt_region mem[] = { { 0x40000000, SZ_1G, 0, 0 } };
	struct host_boot_params p = {
		.kernel_at = HOST_BOOT_DEFAULT, .kernel_size = HOST_BOOT_DEFAULT,
		.dtb_at = HOST_BOOT_DEFAULT,
	};
	char *args = malloc(2100);
	void *fdt;

	strcpy(args, "cma=0 pad=");
	memset(args + 10, 'x', 2040);
	strcpy(args + 2050, " mem=512M");
	fdt = host_dt_build(mem, 1, false, 0, args, &p.fdt_len);
	assert_non_null(fdt);
	p.fdt = fdt;
	assert_int_equal(host_boot(&p), HOST_BOOT_OK);
	expect_console("bootmem: /chosen/bootargs is 2059 bytes, the command line holds 2047: the last 12 bytes are cut, as Linux cuts them: \"xxx mem=512M\"\n");
	assert_int_equal(strlen(boot_command_line), 2047);
	assert_null(strstr(boot_command_line, "mem="));
	expect_no_console("Memory limited");
	assert_int_equal(memblock_phys_mem_size(), SZ_1G);
	sim_discard(0x40000000, SZ_1G);
	free(fdt);
	free(args);
}

static void test_string_props(void **state)
{
	char *fdt = load_dts(FIXTURES, "bad-strings");
	int node = fdt_path_offset(fdt, "/memory@60000000"), len;
	char *p = (char *)fdt_getprop(fdt, node, "device_type", &len);

	/* memory@60000000: "memory" followed by "xx" in the padding, then the next tag */
	assert_int_equal(len, 6);
	p[6] = p[7] = 'x';
	boot_dtb(fdt, 0x48000000);
	/* memory@40000000 and @50000000 read as Linux reads them; @60000000 is not memory */
	CHECK_TYPE(&memblock.memory, { 0x40000000, 0x20000000, 0 });
	expect_console("bootmem: node 'memory@40000000': device_type \"memory\" has no NUL; the 0 byte after it ends it, as in Linux\n");
	expect_console("bootmem: node 'memory@50000000': status \"okay\" has no NUL; the 0 byte after it ends it, as in Linux\n");
	expect_console("bootmem: node 'memory@60000000': device_type is not a NUL-terminated string (6 bytes), ignored\n");
	expect_no_console("memory@70000000");
	assert_string_equal(of_flat_dt_get_machine_name(), "Bad strings");
	expect_console("bootmem: node '/': model \"Bad strings\" has no NUL; the 0 byte after it ends it, as in Linux\n");

	/* Every scan reads them again; each is named once. */
	early_init_dt_scan_memory();
	assert_int_equal(console_count("memory@40000000': device_type"), 1);
	assert_int_equal(console_count("memory@50000000': status"), 1);
	assert_int_equal(console_count("memory@60000000': device_type"), 1);
}

static void test_root_cells_short(void **state)
{
	void *fdt = editable(load_dts(FIXTURES, "mem-1-1"));

	/* two bytes: Linux would read two more from whatever follows */
	assert_int_equal(fdt_setprop(fdt, 0, "#size-cells", "\0\2", 2), 0);
	boot_dtb(fdt, 0x48000000);
	expect_console("bootmem: root #size-cells is 2 bytes, not a 32-bit cell: the default 1 is used\n");
	assert_int_equal(dt_root_size_cells, 1);
	assert_int_equal(dt_root_addr_cells, 1);
	CHECK_TYPE(&memblock.memory, { 0x40000000, 0x10000000, 0 }, { 0x60000000, 0x1000000, 0 });
}

static void test_partial_entries(void **state)
{
	void *fdt = load_dts(FIXTURES, "bad-entries");
	u64 addr = 0, size = 0;
	int node;

	boot_dtb(fdt, 0x48000000);
	/* usable-memory-range: the whole first entry caps memory, the half one is dropped */
	CHECK_TYPE(&memblock.memory, { 0x40000000, 0x20000000, 0 });
	expect_console("bootmem: /chosen/linux,usable-memory-range is 24 bytes, not a multiple of 4 cells; trailing 8 bytes ignored\n");

	node = of_stdout_node();
	assert_int_equal(node, fdt_path_offset(fdt, "/soc/uart@0"));
	assert_int_equal(of_node_reg_translated(node, &addr, &size), 0);
	assert_int_equal(addr, 0x9000000);
	assert_int_equal(size, 0x1000);
	expect_console("bootmem: node 'soc': ranges is 20 bytes, not a multiple of 4 cells; trailing 4 bytes ignored\n");
	expect_console("bootmem: node 'uart@0': reg is 12 bytes, not a multiple of 2 cells; trailing 4 bytes ignored\n");

	assert_int_equal(of_dma_get_max_cpu_address(), 0x5fffffff);
	expect_console("bootmem: node 'soc': dma-ranges is 20 bytes, not a multiple of 4 cells; trailing 4 bytes ignored\n");

	/* Translated again: said once. */
	assert_int_equal(of_node_reg_translated(node, &addr, &size), 0);
	assert_int_equal(of_dma_get_max_cpu_address(), 0x5fffffff);
	assert_int_equal(console_count("ranges is 20 bytes"), 2);	/* ranges and dma-ranges */
	assert_int_equal(console_count("reg is 12 bytes"), 1);

	/* Not even whole cells modulo the entry (Linux's own test): the property is ignored. */
	fdt = editable(fdt);
	assert_int_equal(fdt_setprop(fdt, fdt_path_offset(fdt, "/chosen"), "linux,usable-memory-range",
				     "\0\0\0\0\x40\0\0\0\0\0", 10), 0);
	boot_dtb(fdt, 0x48000000);
	expect_console("bootmem: /chosen/linux,usable-memory-range is 10 bytes, not a multiple of 4 cells: ignored, as Linux ignores it\n");
	CHECK_TYPE(&memblock.memory, { 0x40000000, 0x40000000, 0 });
}

/* The dynamic region's base after the reserved-memory scan with @align as its alignment. */
static phys_addr_t place_aligned(u64 align)
{
	void *fdt = editable(load_dts(FIXTURES, "resmem-align"));
	fdt32_t a[2] = { cpu_to_fdt32(align >> 32), cpu_to_fdt32(align) };

	assert_int_equal(fdt_setprop(fdt, fdt_path_offset(fdt, "/reserved-memory/dyn"), "alignment",
				     a, sizeof(a)), 0);
	boot_dtb(fdt, 0x48000000);
	early_init_fdt_scan_reserved_mem();
	assert_int_equal(reserved_mem_count, 1);
	return reserved_mem[0].base;
}

static void test_resmem_alignment(void **state)
{
	static const fdt32_t zero[2];
	phys_addr_t valid = place_aligned(0x400000), base;
	void *fdt;

	/* A power of two: Linux's place (top-down, round_down), and nothing said. */
	assert_int_equal(valid, 0x7fc00000);
	expect_no_console("bootmem: reserved-memory");

	base = place_aligned(0x300000);
	expect_console("bootmem: reserved-memory node 'dyn': alignment 0x300000 is not a power of two; rounded up to 0x400000\n");
	assert_int_equal(base, valid);
	assert_int_equal(reserved_mem[0].size, 0x180000);
	CHECK_TYPE(&memblock.reserved, { 0x7fc00000, 0x180000, 0 });
	expect_console("OF: reserved mem: initialized node dyn, compatible id shared-dma-pool\n");

	/* size 0: Linux's "allocation" at the end of memory, and a word about it. */
	fdt = editable(load_dts(FIXTURES, "resmem-align"));
	assert_int_equal(fdt_setprop(fdt, fdt_path_offset(fdt, "/reserved-memory/dyn"), "size",
				     zero, sizeof(zero)), 0);
	boot_dtb(fdt, 0x48000000);
	early_init_fdt_scan_reserved_mem();
	expect_console("bootmem: reserved-memory node 'dyn': size is 0: no memory behind it\n");
	expect_console("Reserved memory: created DMA memory pool at 0x0000000080000000, size 0 MiB\n");
	assert_int_equal(reserved_mem[0].base, 0x80000000);
	CHECK_TYPE(&memblock.reserved);

	/* Nothing to round up to: the region is refused. */
	place_aligned(0x8000000000000001ULL);
	expect_console("bootmem: reserved-memory node 'dyn': alignment 0x8000000000000001 is not a power of two and none is above it: node skipped\n");
	assert_int_equal(reserved_mem[0].size, 0);
	CHECK_TYPE(&memblock.reserved);
	expect_no_console("initialized node dyn");
}

/* ------------------------------------------------------------------ the oracle's scenarios */

struct report {
	char *text;
	phys_addr_t dtb_pa, dtb_size;
	char bootargs[512];
};

static bool read_report(const char *name, struct report *r)
{
	char path[512], *p;

	snprintf(path, sizeof(path), EXPECTED "/%s.txt", name);
	r->text = harness_read_file(path, NULL);
	if (!r->text)
		return false;
	p = strstr(r->text, "DTB@");
	assert_non_null(p);
	r->dtb_pa = strtoull(p + 4, NULL, 16);
	p = strstr(p, "totalsize ");
	assert_non_null(p);
	r->dtb_size = strtoull(p + 10, NULL, 16);
	p = strstr(r->text, "# bootargs: ");
	assert_non_null(p);
	sscanf(p + 12, "%511[^\n]", r->bootargs);
	return true;
}

/* The lines of section @n of a report. */
static int section_lines(const struct report *r, int n, char lines[][256], int max)
{
	char hdr[16];
	const char *p;
	int cnt = 0;

	snprintf(hdr, sizeof(hdr), "\n## %d ", n);
	p = strstr(r->text, hdr);
	assert_non_null(p);
	p = strchr(p + 1, '\n') + 1;
	while (*p && strncmp(p, "## ", 2) && cnt < max) {
		const char *e = strchr(p, '\n');
		int len = e ? e - p : (int)strlen(p);

		if (len > 0 && strncmp(p, "(none)", 6)) {
			snprintf(lines[cnt], 256, "%.*s", len, p);
			cnt++;
		}
		p = e ? e + 1 : p + len;
	}
	return cnt;
}

/*
 * Our console, timestamps stripped, the lines the oracle puts in section 8 (but the command
 * line, which ours extends).
 */
static int our_resmem_lines(char lines[][256], int max)
{
	const char *p = console_capture();
	int cnt = 0;

	while (*p && cnt < max) {
		const char *e = strchr(p, '\n');
		int len = e ? e - p : (int)strlen(p);
		const char *l = p;

		if (*l == '[' && strchr(l, ']') && strchr(l, ']') < p + len)
			l = strchr(l, ']') + 2;
		len -= l - p;
		if (!strncmp(l, "OF: reserved mem:", 17) || !strncmp(l, "Reserved memory:", 16) ||
		    !strncmp(l, "cma:", 4) || !strncmp(l, "OF: fdt:", 8) || !strncmp(l, "Reserving ", 10) ||
		    (strstr(l, "overlaps with") && strstr(l, "overlaps with") < l + len) ||
		    (strncmp(l, "Kernel command line:", 20) && strstr(l, "crashkernel") &&
		     strstr(l, "crashkernel") < l + len)) {
			snprintf(lines[cnt], 256, "%.*s", len, l);
			cnt++;
		}
		p = e ? e + 1 : l + len;
	}
	return cnt;
}

/* The report's load address of "Image@" or "DTB@". */
static u64 report_load(const struct report *r, const char *what)
{
	const char *p = strstr(r->text, what);

	assert_non_null(p);
	return strtoull(p + strlen(what), NULL, 16);
}

/* memblock.memory as Linux's dump shows it at the end of bootmem_init ("memmap"). */
static char memory_at_dump[400][256];
static int nr_memory_at_dump;

static void snapshot_memory(const char *phase)
{
	struct memblock_region *rg;
	int j = 0;

	if (strcmp(phase, "memmap"))
		return;
	for_each_mem_region(rg) {
		if (j >= 400)
			break;
		/* Linux's %#x prints 0 as 0x0, glibc's as 0: spell the 0x out */
		snprintf(memory_at_dump[j], 256,
			 " memory[0x%x]\t[0x%016llx-0x%016llx], 0x%016llx bytes on node %d flags: 0x%x",
			 j, rg->base, rg->base + rg->size - 1, rg->size, memblock_get_region_node(rg),
			 rg->flags);
		j++;
	}
	nr_memory_at_dump = j;
}

/*
 * The kernel's whole boot (host_boot: the one sequence) on scenario @name, placed where
 * Linux's report says its Image and DTB were, with Linux's command line; then its memory
 * regions (flags and nodes) and its reserved-memory messages (CMA and crashkernel included)
 * against the report's, line for line.
 */
static int check_scenario(const char *name)
{
	static char exp[400][256], ours[400][256], buf[2 * MAX_FDT_SIZE];
	struct host_boot_params p = {
		.kernel_size = HOST_BOOT_DEFAULT, .fdt = buf, .phase = snapshot_memory,
	};
	struct report r;
	int n, m, i, j, fails = 0, chosen;

	if (!read_report(name, &r))
		return 0;
	assert_int_equal(fdt_open_into(load_dts(SCENARIOS, name), buf, sizeof(buf) / 2), 0);
	chosen = fdt_path_offset(buf, "/chosen");
	if (chosen < 0)
		chosen = fdt_add_subnode(buf, 0, "chosen");
	assert_int_equal(fdt_setprop_string(buf, chosen, "bootargs", r.bootargs), 0);
	assert_int_equal(fdt_pack(buf), 0);
	p.fdt_len = fdt_totalsize(buf);
	p.kernel_at = report_load(&r, "Image@");
	p.dtb_at = report_load(&r, "DTB@");
	if (host_boot(&p) != HOST_BOOT_OK) {
		print_message("%s: the boot did not finish: %s\n", name, panic_message());
		free(r.text);
		return 1;
	}

	/* memory regions at Linux's dump: exactly Linux's (flags and node included) */
	n = section_lines(&r, 1, exp, 400);
	for (i = 0, j = 0; i < n; i++) {
		if (strncmp(exp[i], " memory[", 8))
			continue;
		if (j >= nr_memory_at_dump || strcmp(memory_at_dump[j], exp[i])) {
			print_message("%s: memory mismatch\n  linux: %s\n  ours:  %s\n", name, exp[i],
				      j < nr_memory_at_dump ? memory_at_dump[j] : "(none)");
			fails++;
		}
		j++;
	}
	if (j != nr_memory_at_dump) {
		print_message("%s: %d memory regions, Linux has %d\n", name, nr_memory_at_dump, j);
		fails++;
	}

	/* reserved-memory messages (the command line aside: ours adds words), in order */
	n = section_lines(&r, 8, exp, 400);
	m = our_resmem_lines(ours, 400);
	for (i = 0, j = 0; i < n; i++) {
		if (!strncmp(exp[i], "Kernel command line:", 20))
			continue;
		if (j >= m || strcmp(exp[i], ours[j])) {
			print_message("%s: reserved-memory message mismatch\n  linux: %s\n  ours:  %s\n",
				      name, exp[i], j < m ? ours[j] : "(none)");
			fails++;
		}
		j++;
	}
	for (; j < m; j++) {
		print_message("%s: extra message: %s\n", name, ours[j]);
		fails++;
	}
	free(r.text);
	for (i = 0; i < (int)memblock.memory.cnt; i++)
		if (memblock.memory.regions[i].base < SIM_PHYS_LIMIT)
			sim_discard(memblock.memory.regions[i].base,
				    min_t(phys_addr_t, memblock.memory.regions[i].size,
					  SIM_PHYS_LIMIT - memblock.memory.regions[i].base));
	return fails;
}

static void test_oracle_scenarios(void **state)
{
	DIR *d = opendir(SCENARIOS);
	struct dirent *de;
	int fails = 0, count = 0;

	assert_non_null(d);
	while ((de = readdir(d))) {
		char name[256];
		size_t l = strlen(de->d_name);

		if (l < 5 || strcmp(de->d_name + l - 4, ".dts"))
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)(l - 4), de->d_name);
		fails += check_scenario(name);
		count++;
	}
	closedir(d);
	print_message("%d scenarios checked, %d mismatches\n", count, fails);
	assert_true(count >= 20);
	assert_int_equal(fails, 0);
}

/* ------------------------------------------------------------------ the node index */

/*
 * Every node of @fdt (the boot blob): of_fdt_parent_offset and of_fdt_get_path give libfdt's
 * answers, and so does of_fdt_path_offset for each root child by its full name and by its
 * name without the unit address. Returns the nodes checked.
 */
static int check_index_against_libfdt(void *fdt)
{
	char a[256], b[256];
	int node, depth = 0, n = 0;

	initial_boot_params = fdt;
	for (node = 0; node >= 0 && depth >= 0; node = fdt_next_node(fdt, node, &depth)) {
		const char *name = fdt_get_name(fdt, node, NULL);

		assert_int_equal(of_fdt_parent_offset(fdt, node), fdt_parent_offset(fdt, node));
		assert_int_equal(of_fdt_get_path(fdt, node, a, sizeof(a)),
				 fdt_get_path(fdt, node, b, sizeof(b)));
		assert_string_equal(a, b);
		assert_int_equal(of_fdt_get_path(fdt, node, a, 4), fdt_get_path(fdt, node, b, 4));
		if (depth == 1) {
			size_t unit = strcspn(name, "@");

			snprintf(a, sizeof(a), "/%s", name);
			assert_int_equal(of_fdt_path_offset(fdt, a), fdt_path_offset(fdt, a));
			assert_int_equal(of_fdt_path_offset_namelen(fdt, a, unit + 1),
					 fdt_path_offset_namelen(fdt, a, unit + 1));
		}
		n++;
	}
	assert_int_equal(of_fdt_path_offset(fdt, "/no-such-node"), -FDT_ERR_NOTFOUND);
	assert_int_equal(of_fdt_path_offset(fdt, "/"), 0);
	assert_int_equal(of_fdt_parent_offset(fdt, 0), -FDT_ERR_NOTFOUND);
	/* not a node's offset: libfdt's error */
	assert_int_equal(of_fdt_parent_offset(fdt, 3), fdt_parent_offset(fdt, 3));
	return n;
}

static void test_fdt_index(void **state)
{
	static const char *const boards[] = { "tests/data/bcm2711-rpi-4-b.dtb",
		"tests/data/bcm2837-rpi-3-b.dtb", "tests/data/imx8mp-evk.dtb" };
	char deep[4096], path[64];
	int i, node;

	for (i = 0; i < (int)ARRAY_SIZE(boards); i++) {
		host_reset_boot_state();
		assert_true(check_index_against_libfdt(load_dtb(boards[i])) > 100);
	}
	host_reset_boot_state();
	assert_true(check_index_against_libfdt(load_dts(SCENARIOS, "numa3")) > 5);

	/* deeper than the index keeps: libfdt answers, the same */
	assert_int_equal(fdt_create_empty_tree(deep, sizeof(deep)), 0);
	for (node = 0, i = 0; i < 40; i++) {
		snprintf(path, sizeof(path), "n%d@%d", i, i);
		node = fdt_add_subnode(deep, node, path);
		assert_true(node > 0);
	}
	host_reset_boot_state();
	assert_int_equal(check_index_against_libfdt(deep), 41);
	host_reset_boot_state();
	initial_boot_params = NULL;
}

/* ------------------------------------------------------------------ the image's footprint */

/* @str in what the boot printed, without printk's timestamps (multi-line is fine). */
static void expect_text(const char *str)
{
	if (!strstr(console_text(), str))
		print_message("missing: %s\nconsole:\n%s\n", str, console_text());
	assert_non_null(strstr(console_text(), str));
}

/* The kernel's whole boot on @fdt with /chosen/bootargs = @args, QEMU's placement. */
static int boot_with_args(const void *fdt, const char *args)
{
	static char buf[1 << 20];
	struct host_boot_params p = {
		.fdt = buf, .kernel_at = HOST_BOOT_DEFAULT, .kernel_size = HOST_BOOT_DEFAULT,
		.dtb_at = HOST_BOOT_DEFAULT,
	};
	int chosen;

	assert_int_equal(fdt_open_into(fdt, buf, sizeof(buf) / 2), 0);
	chosen = fdt_path_offset(buf, "/chosen");
	if (chosen < 0)
		chosen = fdt_add_subnode(buf, 0, "chosen");
	assert_true(chosen >= 0);
	assert_int_equal(fdt_setprop_string(buf, chosen, "bootargs", args), 0);
	assert_int_equal(fdt_pack(buf), 0);
	p.fdt_len = fdt_totalsize(buf);
	return host_boot(&p);
}

/*
 * By default the image reserves Debian's Linux 6.1 footprint from _stext, and paging_init
 * gives Linux's init_pg_dir back: reserved[0] is Linux's [0x40210000-0x4220afff].
 */
static void test_image_footprint(void **state)
{
	assert_int_equal(boot_with_args(load_dts(SCENARIOS, "virt-1g"), "memblock=debug"),
			 HOST_BOOT_OK);
	expect_text("memblock_reserve: [0x0000000040210000-0x000000004220ffff]");
	expect_text("memblock_phys_free: [0x000000004220b000-0x000000004220ffff]");
	expect_text(" reserved[0x0]\t[0x0000000040210000-0x000000004220afff], 0x0000000001ffb000 bytes flags: 0x0\n");
	expect_text("bootmem: kernel image footprint [mem 0x0000000040200000-0x000000004220ffff]: image_size 0x2010000 (Debian's Linux 6.1 Image)");
	/* [_text, _stext), the Image header, is not reserved, as in Linux. */
	assert_false(memblock_is_region_reserved(0x40200000, SZ_64K));
	expect_text("(13248K kernel code, 2806K rwdata, 9504K rodata, 6464K init, 627K bss,");
	sim_discard(0x40000000, SZ_1G);
}

/* ------------------------------------------------------------------ linux=6.12 */

/*
 * linux=6.12: Debian 6.12's footprint, reserved whole from _text (nothing freed later), its
 * image mapped in page tables of its own (none from memblock: all of those are map_mem's;
 * create_idmap's come from arrays in the image), and the Memory: line with its sections.
 */
static void test_612_image_footprint(void **state)
{
	assert_int_equal(boot_with_args(load_dts(SCENARIOS, "virt-1g"), "linux=6.12 memblock=debug"),
			 HOST_BOOT_OK);
	expect_text("memblock_reserve: [0x0000000040200000-0x0000000042d2ffff]");
	assert_null(strstr(console_text(), "memblock_phys_free: [0x0000000042d"));
	expect_text(" reserved[0x0]\t[0x0000000040200000-0x0000000042d2ffff], 0x0000000002b30000 bytes on node 0 flags: 0x0\n");
	expect_text("bootmem: kernel image footprint [mem 0x0000000040200000-0x0000000042d2ffff]: image_size 0x2b30000 (Debian's Linux 6.12 Image), reserved from _text");
	expect_text("(15616K kernel code, 3820K rwdata, 13948K rodata, 9664K init, 938K bss,");
	assert_true(map_mem_pgtable_pages > 0);
	assert_int_equal(idmap_pgtable_pages, 0);
	assert_int_equal(early_pgtable_pages, map_mem_pgtable_pages);
	sim_discard(0x40000000, SZ_1G);

	/* 6.1: map_kernel's seven pages came from memblock before map_mem's, create_idmap's four after. */
	assert_int_equal(boot_with_args(load_dts(SCENARIOS, "virt-1g"), ""), HOST_BOOT_OK);
	assert_int_equal(idmap_pgtable_pages, 4);
	assert_int_equal(early_pgtable_pages, map_mem_pgtable_pages + 7 + idmap_pgtable_pages);
	sim_discard(0x40000000, SZ_1G);
}

/*
 * virt-1g with a /reserved-memory of @n plain 64 KiB regions from 0x50000000 (a step of
 * 128 KiB), optionally a /memreserve/ entry: built into a static buffer.
 */
static void *resmem_tree(int n, u64 memreserve)
{
	static char buf[1 << 18];
	int rm, i;

	assert_int_equal(fdt_open_into(load_dts(SCENARIOS, "virt-1g"), buf, sizeof(buf)), 0);
	rm = fdt_add_subnode(buf, 0, "reserved-memory");
	assert_true(rm >= 0);
	assert_int_equal(fdt_setprop_u32(buf, rm, "#address-cells", 2), 0);
	assert_int_equal(fdt_setprop_u32(buf, rm, "#size-cells", 2), 0);
	assert_int_equal(fdt_setprop(buf, rm, "ranges", NULL, 0), 0);
	for (i = n - 1; i >= 0; i--) {	/* fdt_add_subnode prepends: DT order is 0..n-1 */
		char name[32];
		u64 base = 0x50000000 + (u64)i * SZ_128K;
		fdt64_t reg[2] = { cpu_to_fdt64(base), cpu_to_fdt64(SZ_64K) };
		int c;

		snprintf(name, sizeof(name), "r%d@%llx", i, base);
		c = fdt_add_subnode(buf, rm, name);
		assert_true(c >= 0);
		assert_int_equal(fdt_setprop(buf, c, "reg", reg, sizeof(reg)), 0);
		if (memreserve)
			assert_int_equal(fdt_setprop(buf, c, "no-map", NULL, 0), 0);
	}
	if (memreserve)
		assert_int_equal(fdt_add_mem_rsv(buf, memreserve, SZ_64K), 0);
	return buf;
}

static int count_text(const char *needle)
{
	const char *p = console_text();
	int n = 0;

	while ((p = strstr(p, needle))) {
		n++;
		p++;
	}
	return n;
}

/*
 * 6.1 keeps 64 /reserved-memory regions and says so for the others; 6.12 moves its table to
 * memblock memory sized for all of them (alloc_reserved_mem_array: 70 * 48 bytes) and
 * prints one line per region, when the tree would be unflattened.
 */
static void test_612_reserved_mem_table(void **state)
{
	assert_int_equal(boot_with_args(resmem_tree(70, 0), "memblock=debug"), HOST_BOOT_OK);
	assert_int_equal(reserved_mem_count, 64);
	assert_int_equal(count_text("OF: reserved mem: not enough space for all defined regions.\n"), 6);
	assert_int_equal(count_text("OF: reserved mem: 0x"), 0);
	sim_discard(0x40000000, SZ_1G);

	assert_int_equal(boot_with_args(resmem_tree(70, 0), "linux=6.12 memblock=debug"), HOST_BOOT_OK);
	assert_int_equal(reserved_mem_count, 70);
	assert_int_equal(count_text("not enough space"), 0);
	assert_int_equal(count_text(" (64 KiB) map non-reusable r"), 70);
	expect_text("OF: reserved mem: 0x0000000050000000..0x000000005000ffff (64 KiB) map non-reusable r0@50000000\n");
	expect_text("OF: reserved mem: 0x00000000508a0000..0x00000000508affff (64 KiB) map non-reusable r69@508a0000\n");
	expect_text("memblock_alloc_try_nid: 3360 bytes align=0x40 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000");
	/* the table now lives in memblock memory, in DT order */
	assert_true((char *)reserved_mem >= (char *)phys_to_virt(0x40000000));
	assert_string_equal(reserved_mem[69].name, "r69@508a0000");
	assert_true(memblock_is_region_reserved(0x508a0000, SZ_64K));
	sim_discard(0x40000000, SZ_1G);

	/* no /reserved-memory at all: 6.12 says so */
	assert_int_equal(boot_with_args(load_dts(SCENARIOS, "virt-1g"), "linux=6.12"), HOST_BOOT_OK);
	expect_text("OF: reserved mem: Reserved memory: No reserved-memory node in the DT\n");
	sim_discard(0x40000000, SZ_1G);
}

/*
 * /memreserve/ came first in 6.1, so a no-map region over one was refused (-EBUSY); 6.12
 * takes /reserved-memory first: the region is no-map, and the /memreserve/ still reserved.
 */
static void test_612_memreserve_after_reserved_memory(void **state)
{
	assert_int_equal(boot_with_args(resmem_tree(1, 0x50000000), ""), HOST_BOOT_OK);
	expect_text("OF: fdt: Reserved memory: failed to reserve memory for node 'r0@50000000': base 0x0000000050000000, size 0 MiB\n");
	assert_false(memblock_is_nomap(&memblock.memory.regions[0]));
	assert_true(memblock_is_region_reserved(0x50000000, SZ_64K));
	sim_discard(0x40000000, SZ_1G);

	assert_int_equal(boot_with_args(resmem_tree(1, 0x50000000), "linux=6.12"), HOST_BOOT_OK);
	assert_int_equal(count_text("failed to reserve"), 0);
	expect_text("OF: reserved mem: 0x0000000050000000..0x000000005000ffff (64 KiB) nomap non-reusable r0@50000000\n");
	assert_int_equal(memblock.memory.regions[1].base, 0x50000000);
	assert_true(memblock_is_nomap(&memblock.memory.regions[1]));
	assert_true(memblock_is_region_reserved(0x50000000, SZ_64K));
	sim_discard(0x40000000, SZ_1G);
}

/*
 * An alloc-ranges tuple that starts where a region placed before it ends: 6.12 allocates
 * bottom-up there, keeping the pools together (__reserved_mem_alloc_in_range; only the
 * dynamic regions are placed by then); 6.1 top-down, at the range's end.
 */
static void add_dynamic(void *fdt, int parent, const char *name, u64 start, u64 len)
{
	fdt64_t range[2] = { cpu_to_fdt64(start), cpu_to_fdt64(len) };
	fdt64_t size = cpu_to_fdt64(SZ_1M);
	int c = fdt_add_subnode(fdt, parent, name);

	assert_true(c >= 0);
	assert_int_equal(fdt_setprop(fdt, c, "size", &size, sizeof(size)), 0);
	assert_int_equal(fdt_setprop(fdt, c, "alloc-ranges", range, sizeof(range)), 0);
}

static phys_addr_t rmem_base(const char *name)
{
	int i;

	for (i = 0; i < reserved_mem_count; i++)
		if (!strcmp(reserved_mem[i].name, name))
			return reserved_mem[i].base;
	fail_msg("no reserved_mem entry %s", name);
	return 0;
}

static void test_612_alloc_in_range(void **state)
{
	static char buf[1 << 18];
	int rm, i;

	assert_int_equal(fdt_open_into(load_dts(SCENARIOS, "virt-1g"), buf, sizeof(buf)), 0);
	rm = fdt_add_subnode(buf, 0, "reserved-memory");
	assert_int_equal(fdt_setprop_u32(buf, rm, "#address-cells", 2), 0);
	assert_int_equal(fdt_setprop_u32(buf, rm, "#size-cells", 2), 0);
	assert_int_equal(fdt_setprop(buf, rm, "ranges", NULL, 0), 0);
	/* prepended: DT order is dyn-a, then dyn-b */
	add_dynamic(buf, rm, "dyn-b", 0x60100000, SZ_16M);
	add_dynamic(buf, rm, "dyn-a", 0x60000000, SZ_1M);

	for (i = 0; i < 2; i++) {
		assert_int_equal(boot_with_args(buf, i ? "linux=6.12" : ""), HOST_BOOT_OK);
		assert_int_equal(rmem_base("dyn-a"), 0x60000000);
		assert_int_equal(rmem_base("dyn-b"), i ? 0x60100000 : 0x61000000);
		sim_discard(0x40000000, SZ_1G);
	}
}

/* kernel_size= sets another footprint; one too small to hold the image is raised, saying so. */
static void test_kernel_size_param(void **state)
{
	assert_int_equal(boot_with_args(load_dts(SCENARIOS, "virt-1g"), "kernel_size=8M memblock=debug"),
			 HOST_BOOT_OK);
	assert_int_equal(kernel_image_size, SZ_8M);
	expect_text("memblock_reserve: [0x0000000040210000-0x00000000409fffff]");
	expect_text("memblock_phys_free: [0x00000000409fb000-0x00000000409fffff]");
	expect_text("image_size 0x800000 (kernel_size=)");
	assert_true(memblock_is_region_reserved(0x40210000, 0x9fb000 - 0x210000));
	assert_false(memblock_is_region_reserved(0x409fb000, 0x5000));
	sim_discard(0x40000000, SZ_1G);

	assert_int_equal(boot_with_args(load_dts(SCENARIOS, "virt-1g"), "kernel_size=4K"),
			 HOST_BOOT_OK);
	expect_text("bootmem: kernel_size=0x1000 cannot hold the image (bootmem's own is 0x0 bytes): reserving 0x16000\n");
	assert_int_equal(kernel_image.end - kernel_image.text, 0x16000);
	sim_discard(0x40000000, SZ_1G);

	assert_int_equal(boot_with_args(load_dts(SCENARIOS, "virt-1g"), "kernel_size=12Q"),
			 HOST_BOOT_OK);
	expect_text("bootmem: kernel_size=: cannot parse \"Q\", keeping 0x2010000\n");
	assert_int_equal(kernel_image.end - kernel_image.text, LINUX_IMAGE_SIZE);
	sim_discard(0x40000000, SZ_1G);
}

/*
 * A no-map region over the image (Linux: -EBUSY, the range stays mapped), one over another
 * reservation, and a plain reservation over the DTB: each named, and kept for --check.
 */
static void test_reserve_conflicts(void **state)
{
	assert_int_equal(boot_with_args(load_dts(SCENARIOS, "nomap-over-kernel"), ""), HOST_BOOT_OK);
	expect_text("OF: fdt: Reserved memory: failed to reserve memory for node 'fw@40000000': base 0x0000000040000000, size 16 MiB\n"
		       "bootmem: no-map node 'fw@40000000' [mem 0x0000000040000000-0x0000000040ffffff] overlaps the kernel image [mem 0x0000000040210000-0x000000004220ffff]: Linux refuses it (-EBUSY), so the range stays ordinary memory in the linear map\n");
	assert_int_equal(nr_reserve_conflicts, 1);
	assert_string_equal(reserve_conflicts[0].node, "fw@40000000");
	assert_string_equal(reserve_conflicts[0].with, "the kernel image");
	assert_true(reserve_conflicts[0].nomap);
	assert_false(memblock_is_nomap(&memblock.memory.regions[0]));
	sim_discard(0x40000000, SZ_1G);

	assert_int_equal(boot_with_args(load_dts(SCENARIOS, "resmem-overlap-busy"), ""), HOST_BOOT_OK);
	expect_text("bootmem: no-map node 'nm@60000000' [mem 0x0000000060000000-0x00000000603fffff] overlaps a range reserved before it (a /memreserve/ entry or an earlier node)");
	assert_int_equal(nr_reserve_conflicts, 1);
	sim_discard(0x40000000, SZ_1G);

	/* A plain reservation over the DTB (at 0x48000000 on virt 1 GiB): Linux merges them. */
	{
		void *fdt = load_dts(FIXTURES, "resmem-over-dtb");

		assert_int_equal(boot_with_args(fdt, ""), HOST_BOOT_OK);
		expect_text("bootmem: node 'blob@48000000' [mem 0x0000000048000000-0x00000000481fffff] overlaps the device tree blob [mem 0x0000000048000000-");
		assert_int_equal(nr_reserve_conflicts, 1);
		assert_false(reserve_conflicts[0].nomap);
		assert_true(memblock_is_region_reserved(0x48000000, SZ_2M));
		sim_discard(0x40000000, SZ_1G);
	}
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verify),
		cmocka_unit_test(test_fdt_index),
		cmocka_unit_test(test_memory_2_1),
		cmocka_unit_test(test_memory_1_1),
		cmocka_unit_test(test_memory_hostile),
		cmocka_unit_test(test_bad_root_cells),
		cmocka_unit_test(test_reserved_mem),
		cmocka_unit_test(test_reserved_mem_bad_root),
		cmocka_unit_test(test_reserved_mem_dynamic),
		cmocka_unit_test(test_default_cma),
		cmocka_unit_test(test_translate),
		cmocka_unit_test(test_rpi_boards),
		cmocka_unit_test(test_numa_bad),
		cmocka_unit_test(test_memreserve_unterminated),
		cmocka_unit_test(test_node_name_unterminated),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_bootargs_cut),
		cmocka_unit_test(test_bootargs_nul),
		cmocka_unit_test(test_bootargs_cut_boot),
		cmocka_unit_test(test_string_props),
		cmocka_unit_test(test_root_cells_short),
		cmocka_unit_test(test_partial_entries),
		cmocka_unit_test(test_resmem_alignment),
		cmocka_unit_test(test_oracle_scenarios),
		cmocka_unit_test(test_image_footprint),
		cmocka_unit_test(test_kernel_size_param),
		cmocka_unit_test(test_reserve_conflicts),
		cmocka_unit_test(test_612_image_footprint),
		cmocka_unit_test(test_612_reserved_mem_table),
		cmocka_unit_test(test_612_memreserve_after_reserved_memory),
		cmocka_unit_test(test_612_alloc_in_range),
	};
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	/* Run from the repository root: the binary is build/host/test_fdt. */
	if (n > 0) {
		char *s;

		exe[n] = 0;
		s = strstr(exe, "/build/host/");
		if (s) {
			*s = 0;
			if (chdir(exe))
				perror("chdir");
		}
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
