// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for Linux's allocations between paging_init and "Memory:": the unflattened
 * tree's size and the aliases (boot/of_unflatten.c) on hand-made trees whose sizes are worked
 * out below from Linux 6.1's rules, cross-checked against every oracle report; hostile blobs;
 * the possible CPUs and the per-CPU chunk; the hash tables; the order in the boot.
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
#include <dirent.h>

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/cpumask.h>
#include <linux/of_fdt.h>
#include <linux/version.h>
#include <asm/memory.h>
#include "harness.h"
#include "host_boot.h"

#define SCENARIOS	"tests/scenarios"
#define EXPECTED	"tests/expected"
#define OUT		"build/host/fixtures"

/* ------------------------------------------------------------------ helpers */

/* A recording dt_alloc: what Linux's early_init_dt_alloc_memory_arch would be asked for. */
static u64 rec_size[512], rec_align[512];
static int nrec;
static char rec_buf[64];

static void *rec_alloc(u64 size, u64 align)
{
	if (nrec < (int)ARRAY_SIZE(rec_size)) {
		rec_size[nrec] = size;
		rec_align[nrec] = align;
	}
	nrec++;
	return rec_buf;
}

/* Unflatten @fdt with the recorder, then scan its aliases; returns the number of requests. */
static int record(const void *fdt)
{
	nrec = 0;
	host_reset_boot_state();
	__unflatten_device_tree(fdt, rec_alloc);
	of_alias_scan(rec_alloc);
	return nrec;
}

/* Copy a blob into a buffer of exactly its size, so that ASan sees any read past it. */
static void *exact_copy(const void *fdt)
{
	void *p = malloc(fdt_totalsize(fdt));

	assert_non_null(p);
	memcpy(p, fdt, fdt_totalsize(fdt));
	return p;
}

/* libfdt's sequential writer: whatever names and nesting a test needs, no dtc checks. */
static char sw_buf[4 << 20];

static void sw_begin(void)
{
	assert_int_equal(fdt_create(sw_buf, sizeof(sw_buf)), 0);
	assert_int_equal(fdt_finish_reservemap(sw_buf), 0);
}

static void sw_node(const char *name)
{
	assert_int_equal(fdt_begin_node(sw_buf, name), 0);
}

static void sw_end(void)
{
	assert_int_equal(fdt_end_node(sw_buf), 0);
}

static void sw_str(const char *name, const char *val)
{
	assert_int_equal(fdt_property_string(sw_buf, name, val), 0);
}

static void sw_u32(const char *name, u32 val)
{
	assert_int_equal(fdt_property_u32(sw_buf, name, val), 0);
}

static void sw_prop(const char *name, const void *val, int len)
{
	assert_int_equal(fdt_property(sw_buf, name, val, len), 0);
}

static void *sw_finish(void)
{
	assert_int_equal(fdt_finish(sw_buf), 0);
	return exact_copy(sw_buf);
}

static void expect_console(const char *s)
{
	if (!console_contains(s))
		print_message("missing: %s\nconsole:\n%s\n", s, console_capture());
	assert_true(console_contains(s));
}

/* ------------------------------------------------------------------ tree sizes by hand */

/*
 * Linux's dry run bumps a pointer from 0: each node takes ALIGN(p, 8) + 208 + strlen(name) + 1,
 * each property ALIGN(p, 8) + 96, and a node without "name" one more property of 96 bytes
 * plus its name up to the unit address, NUL included. The request is ALIGN(p, 4) + 4.
 */
static void test_empty_root(void **state)
{
	void *fdt;

	sw_begin();
	sw_node("");
	sw_end();
	fdt = sw_finish();
	/* root: 208 + 1 = 209; its made-up name: ALIGN(209) = 216, + 96 + 1 = 313 */
	assert_int_equal(unflatten_dt_size(fdt), 313);
	assert_int_equal(record(fdt), 1);
	assert_int_equal(rec_size[0], 316 + 4);
	assert_int_equal(rec_align[0], 8);
	free(fdt);
}

static void test_small_board(void **state)
{
	const fdt32_t reg[4] = { 0, cpu_to_fdt32(0x40000000), 0, cpu_to_fdt32(0x40000000) };
	void *fdt;

	sw_begin();
	sw_node("");
	sw_u32("#address-cells", 2);
	sw_u32("#size-cells", 2);
	sw_node("memory@40000000");
	sw_str("device_type", "memory");
	sw_prop("reg", reg, sizeof(reg));
	sw_end();
	sw_node("off");
	sw_str("status", "disabled");
	sw_end();
	sw_end();
	fdt = sw_finish();
	/*
	 * root 209, two properties 216 + 96 + 96 = 408, name 408 + 97 = 505;
	 * memory@40000000: 512 + 208 + 16 = 736, two properties 928, name "memory" 928 + 103 = 1031;
	 * off (disabled, but CONFIG_OF_KOBJ keeps it): 1032 + 212 = 1244, status 1248 + 96 = 1344,
	 * name "off" 1344 + 100 = 1444. Request ALIGN(1444, 4) + 4 = 1448.
	 */
	assert_int_equal(unflatten_dt_size(fdt), 1444);
	assert_int_equal(record(fdt), 1);
	assert_int_equal(rec_size[0], 1448);
	free(fdt);
}

static void test_name_property_and_unit_names(void **state)
{
	void *fdt;

	sw_begin();
	sw_node("");
	sw_node("n1");
	sw_str("name", "n1");		/* an old-style "name": Linux adds none */
	sw_end();
	sw_node("x@1@2");		/* the unit address starts at the last '@' */
	sw_end();
	sw_end();
	fdt = sw_finish();
	/*
	 * root 313; n1: 320 + 208 + 3 = 531, its "name" 536 + 96 = 632 (no made-up one);
	 * x@1@2: 632 + 208 + 6 = 846, made-up name "x@1" 848 + 96 + 4 = 948.
	 */
	assert_int_equal(unflatten_dt_size(fdt), 948);
	assert_int_equal(record(fdt), 1);
	assert_int_equal(rec_size[0], 952);
	free(fdt);
}

/* A chain of single-letter nodes @levels deep below the root. */
static void *deep_tree(int levels)
{
	int i;

	sw_begin();
	sw_node("");
	for (i = 0; i < levels; i++)
		sw_node("d");
	for (i = 0; i < levels; i++)
		sw_end();
	sw_end();
	return sw_finish();
}

static void test_depth_limit(void **state)
{
	void *fdt = deep_tree(62);

	host_reset_boot_state();
	/*
	 * Each "d" adds ALIGN + 208 + 2, then ALIGN + 96 + 2: after k of them the pointer is at
	 * 320 k + 314 (k = 1: 320 + 210 = 530, 536 + 98 = 634). 62 levels: 20154.
	 */
	assert_int_equal(unflatten_dt_size(fdt), 20154);
	assert_false(console_contains("levels deep"));
	free(fdt);

	/* Linux leaves out the nodes 63 or more levels deep (WARN_ON_ONCE): same size */
	fdt = deep_tree(70);
	assert_int_equal(record(fdt), 1);
	assert_int_equal(rec_size[0], 20156 + 4);
	expect_console("node 'd' is 63 levels deep");
	free(fdt);
}

/* ------------------------------------------------------------------ aliases */

static void *alias_tree(void)
{
	static const char raw[4] = { '/', 's', 'o', 'c' };	/* no NUL */

	sw_begin();
	sw_node("");
	sw_node("aliases");
	sw_str("serial0", "/soc/serial@1000");		/* stem "serial": 40 + 6 + 1 = 47 */
	sw_str("ethernet12", "/soc/eth@2000");		/* "ethernet": 49 */
	sw_str("mmc", "/soc/mmc@3000");			/* no id: skipped */
	sw_str("gone0", "/soc/none@1");			/* no such node: skipped */
	sw_str("uart1", "/soc/serial@1000:115200n8");	/* options after ':': 45 */
	sw_str("console2", "serial0");			/* through another alias: 48 */
	sw_str("deep3", "serial0/child");		/* alias, then a child: 45 */
	sw_str("big99999999999", "/soc");		/* id beyond int: skipped */
	sw_str("2", "/soc");				/* empty stem: 41 */
	sw_str("slash4", "/soc/");			/* trailing '/': no node, skipped */
	sw_str("loop5", "loop6");			/* a loop: skipped, with a message */
	sw_str("loop6", "loop5");
	sw_u32("phandle", 7);				/* skipped by name */
	sw_str("basename7", "/soc/serial");		/* full names only: skipped */
	sw_prop("rawval8", raw, sizeof(raw));		/* read up to its length: 47 */
	sw_end();
	sw_node("soc");
	sw_node("serial@1000");
	sw_node("child");
	sw_end();
	sw_end();
	sw_node("eth@2000");
	sw_end();
	sw_node("mmc@3000");
	sw_end();
	sw_end();
	sw_end();
	return sw_finish();
}

static void test_aliases(void **state)
{
	static const u64 want[] = { 47, 49, 45, 48, 45, 41, 47 };
	void *fdt = alias_tree();
	int i;

	assert_int_equal(record(fdt), 1 + ARRAY_SIZE(want));
	assert_int_equal(rec_size[0], ALIGN(unflatten_dt_size(fdt), 4) + 4);
	for (i = 0; i < (int)ARRAY_SIZE(want); i++) {
		assert_int_equal(rec_size[1 + i], want[i]);
		assert_int_equal(rec_align[1 + i], 8);
	}
	expect_console("'loop6' leads through more than 8 aliases");
	free(fdt);
}

static void test_no_tree_no_aliases(void **state)
{
	void *fdt = alias_tree(), *bad = exact_copy(fdt);

	/* A blob Linux refuses builds no tree: no request, and no alias either. */
	((u8 *)bad)[0] ^= 0xff;
	assert_int_equal(record(bad), 0);
	expect_console("OF: fdt: Invalid device tree blob header");
	assert_null(__unflatten_device_tree(NULL, rec_alloc));
	of_alias_scan(rec_alloc);
	assert_int_equal(nrec, 0);
	free(bad);
	free(fdt);
}

/* ------------------------------------------------------------------ bad blobs */

static void test_bad_structure(void **state)
{
	void *fdt = alias_tree(), *bad = exact_copy(fdt);
	u8 *p = bad;
	int soc = fdt_path_offset(fdt, "/soc"), prop;
	int full = unflatten_dt_size(fdt);

	/* An unknown tag where /soc begins: Linux's "Error -11 processing FDT", no tree. */
	assert_true(soc > 0);
	*(fdt32_t *)(p + fdt_off_dt_struct(fdt) + soc) = cpu_to_fdt32(0x77);
	assert_int_equal(record(bad), 0);
	expect_console("OF: fdt: Error -11 processing FDT");
	free(bad);

	/* A property whose name lies outside the strings: left out, reported in both passes. */
	bad = exact_copy(fdt);
	p = bad;
	prop = fdt_first_property_offset(fdt, fdt_path_offset(fdt, "/aliases"));
	*(fdt32_t *)(p + fdt_off_dt_struct(fdt) + prop + 8) = cpu_to_fdt32(0x7fffffff);
	assert_int_equal(unflatten_dt_size(bad), full - 96);
	assert_int_equal(record(bad), 5);	/* serial0 is gone: console2, deep3 resolve no more */
	assert_int_equal(rec_size[0], ALIGN(full - 96, 4) + 4);
	assert_int_equal(rec_size[1], 49);
	{
		char msg[64];
		const char *c;

		snprintf(msg, sizeof(msg), "OF: fdt: Cannot locate property at 0x%x", prop);
		c = strstr(console_capture(), msg);
		assert_non_null(c);
		assert_non_null(strstr(c + 1, msg));
	}
	free(bad);
	free(fdt);
}

/* Random damage to a good blob's structure and strings: never a crash, sizes consistent. */
static void test_mutations(void **state)
{
	void *fdt = alias_tree();
	u32 x = 0x2545f491;
	int i, j, trees = 0;

	for (i = 0; i < 3000; i++) {
		void *bad = exact_copy(fdt);
		u8 *p = bad;
		u32 lo = fdt_off_dt_struct(fdt), span = fdt_totalsize(fdt) - lo;
		int size;

		for (j = 0; j < 1 + (int)(x % 4); j++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			p[lo + x % span] = (u8)(x >> 8);
		}
		size = unflatten_dt_size(bad);
		record(bad);
		if (size > 0) {
			assert_true(nrec >= 1);
			assert_int_equal(rec_size[0], ALIGN(size, 4) + 4);
			trees++;
		} else {
			assert_int_equal(nrec, 0);
		}
		free(bad);
	}
	print_message("%d of 3000 damaged blobs still gave a tree\n", trees);
	assert_true(trees > 0 && trees < 3000);
	free(fdt);
}

/* ------------------------------------------------------------------ Linux's own figures */

/* Section 10's early_init_dt_alloc_memory_arch requests of a report, "xN" expanded. */
static int linux_dt_requests(const char *report, u64 *sizes, int max)
{
	const char *p = strstr(report, "\n## 10 ");
	int n = 0;

	assert_non_null(p);
	while ((p = strstr(p, "\nmemblock_alloc_try_nid: "))) {
		const char *eol = strchr(p + 1, '\n');
		const char *caller = strstr(p, " early_init_dt_alloc_memory_arch");
		const char *x;
		u64 sz = strtoull(p + 25, NULL, 10);
		int k, times = 1;

		p++;
		if (!caller || (eol && caller > eol))
			continue;
		x = strstr(caller, "  x");
		if (x && (!eol || x < eol))
			times = atoi(x + 3);
		for (k = 0; k < times && n < max; k++)
			sizes[n++] = sz;
	}
	return n;
}

/* The blob as the oracle booted it: dtc -p 4096, then /chosen/bootargs set (fdtput). */
static void *oracle_blob(const char *src, bool is_dts)
{
	char cmd[1024], out[512];
	size_t len;
	void *raw, *fdt;
	int chosen;

	snprintf(out, sizeof(out), OUT "/unflatten-oracle.dtb");
	snprintf(cmd, sizeof(cmd), "mkdir -p " OUT " && dtc -q -I %s -O dtb -p 4096 -o %s %s",
		 is_dts ? "dts" : "dtb", out, src);
	assert_int_equal(system(cmd), 0);
	raw = harness_read_file(out, &len);
	assert_non_null(raw);
	fdt = malloc(len + 8192);
	assert_int_equal(fdt_open_into(raw, fdt, len + 8192), 0);
	free(raw);
	chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen < 0)
		chosen = fdt_add_subnode(fdt, 0, "chosen");
	assert_true(chosen >= 0);
	assert_int_equal(fdt_setprop_string(fdt, chosen, "bootargs", "oracle bootargs"), 0);
	assert_int_equal(fdt_pack(fdt), 0);
	raw = exact_copy(fdt);
	free(fdt);
	return raw;
}

/*
 * Our requests for one tree against Linux's, in order; returns the mismatches. The blob is
 * scanned first as the boot does (/chosen: Linux clears the rng-seed it read).
 */
static int check_against_linux(const char *name, const char *src, bool is_dts,
			       const char *report_path, unsigned int version)
{
	static u64 want[512];
	char *report = harness_read_file(report_path, NULL);
	void *fdt;
	int n, i, bad = 0;

	if (!report)
		return 0;
	n = linux_dt_requests(report, want, ARRAY_SIZE(want));
	fdt = oracle_blob(src, is_dts);
	host_reset_boot_state();
	linux_version_code = version;
	assert_true(early_init_dt_verify(fdt));
	early_init_dt_scan_chosen(boot_command_line);
	nrec = 0;
	__unflatten_device_tree(fdt, rec_alloc);
	of_alias_scan(rec_alloc);
	if (n == 0 || nrec != n) {
		print_message("%s (%s): Linux made %d tree/alias requests, we make %d\n", name,
			      linux_version_name(), n, nrec);
		bad++;
	}
	for (i = 0; i < n && i < nrec; i++) {
		if (rec_size[i] != want[i]) {
			print_message("%s (%s): request %d: Linux %llu bytes, ours %llu\n", name,
				      linux_version_name(), i, want[i], rec_size[i]);
			bad++;
		}
	}
	free(fdt);
	free(report);
	host_reset_boot_state();
	return bad;
}

/*
 * Every scenario with a report in @expected (Linux @version's), and the imx8mp board: our
 * tree and alias requests equal Linux's.
 */
static void check_all_against_linux(const char *expected, unsigned int version)
{
	DIR *d = opendir(SCENARIOS);
	struct dirent *de;
	int bad = 0, count = 0;
	char src[512], exp[512];

	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		FILE *f;

		if (l < 5 || strcmp(de->d_name + l - 4, ".dts"))
			continue;
		snprintf(src, sizeof(src), SCENARIOS "/%s", de->d_name);
		snprintf(exp, sizeof(exp), "%s/%.*s.txt", expected, (int)(l - 4), de->d_name);
		f = fopen(exp, "r");
		if (!f)
			continue;
		fclose(f);
		bad += check_against_linux(de->d_name, src, true, exp, version);
		count++;
	}
	closedir(d);
	snprintf(exp, sizeof(exp), "%s/board-imx8mp-evk.txt", expected);
	bad += check_against_linux("imx8mp-evk", "tests/data/imx8mp-evk.dtb", false, exp, version);
	print_message("%d trees checked against Linux %s's requests, %d mismatches\n", count + 1,
		      version == KERNEL_VERSION(6, 12, 0) ? "6.12" : "6.1", bad);
	assert_true(count >= 40);
	assert_int_equal(bad, 0);
}

static void test_oracle_sizes(void **state)
{
	check_all_against_linux(EXPECTED, KERNEL_VERSION(6, 1, 0));
}

/* 6.12's struct property is 8 bytes larger: its requests, against 6.12's reports. */
static void test_oracle_sizes_612(void **state)
{
	check_all_against_linux(EXPECTED "-6.12", KERNEL_VERSION(6, 12, 0));
}

/* ------------------------------------------------------------------ in the boot */

static void *dtb;

static int boot(const void *fdt, size_t len, u64 dtb_at)
{
	struct host_boot_params p = {
		.fdt = fdt, .fdt_len = len, .kernel_at = HOST_BOOT_DEFAULT,
		.kernel_size = HOST_BOOT_DEFAULT, .dtb_at = dtb_at,
	};

	return host_boot(&p);
}

static int boot_layout(u64 size, bool numa, const char *args)
{
	struct host_dt_region r[2] = {
		{ 0x40000000, size / (numa ? 2 : 1), 0, 0 },
		{ 0x40000000 + size / 2, size / 2, 1, 0 },
	};
	size_t len;

	free(dtb);
	dtb = host_dt_build(r, numa ? 2 : 1, numa, 0, args, &len);
	assert_non_null(dtb);
	return boot(dtb, len, HOST_BOOT_DEFAULT);
}

/* Where @needle first appears in the console (as an offset: lines are compared by order). */
static long line_of(const char *needle)
{
	const char *text = console_text(), *p = strstr(text, needle);

	if (!p)
		print_message("missing: %s\nconsole:\n%s\n", needle, text);
	assert_non_null(p);
	return p - text;
}

/* Between paging_init's last step and bootmem_init's first allocation, as in Linux. */
static void test_boot_order(void **state)
{
	char want[160];
	long tree, pt_free, numa;
	int size;

	assert_int_equal(boot_layout(SZ_1G, false, "memblock=debug"), HOST_BOOT_OK);
	size = unflatten_dt_size(dtb);
	assert_true(size > 0);
	snprintf(want, sizeof(want),
		 "memblock_alloc_try_nid: %d bytes align=0x8 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 ",
		 ALIGN(size, 4) + 4);
	tree = line_of(want);
	pt_free = line_of("memblock_phys_free: ");
	numa = line_of("memblock_alloc_try_nid: 256 bytes align=0x1000");
	assert_true(pt_free < tree && tree < numa);
	/* one struct resource (64 bytes) per memory region, after bootmem_init's dump */
	assert_true(line_of("memblock_alloc_try_nid: 64 bytes align=0x40") >
		    line_of("MEMBLOCK configuration:"));
	sim_discard(0x40000000, SZ_1G);
}

/*
 * 1 GiB, one node: 262144 present pages less a 4096-page memmap gives nr_kernel_pages
 * 258048, rounded to whole MiB (already); one bucket per 8 KiB (scale 13): 129024, a power
 * of two up: 131072 buckets of 8 bytes. The inode table (scale 14): 65536.
 */
static void test_hash_tables(void **state)
{
	assert_int_equal(boot_layout(SZ_1G, false, ""), HOST_BOOT_OK);
	line_of("Dentry cache hash table entries: 131072 (order: 8, 1048576 bytes, linear)");
	line_of("Inode-cache hash table entries: 65536 (order: 7, 524288 bytes, linear)");
	sim_discard(0x40000000, SZ_1G);

	/* two nodes with memory: hashdist, the tables come later from vmalloc */
	assert_int_equal(boot_layout(SZ_2G, true, ""), HOST_BOOT_OK);
	assert_null(strstr(console_text(), "hash table entries"));
	sim_discard(0x40000000, SZ_2G);
}

/*
 * The per-CPU first chunk as Linux 6.12 sizes it (its boot log: "percpu: Embedded 34 pages/cpu
 * s101464 r8192 d29608 u139264"; its memblock=debug: the unit from __pa(MAX_DMA_ADDRESS),
 * which wraps above memory, and a 200-byte struct pcpu_chunk with its bitmap), beside 6.1's.
 */
static void test_percpu_612(void **state)
{
	assert_int_equal(boot_layout(SZ_1G, false, "linux=6.12 memblock=debug"), HOST_BOOT_OK);
	line_of("percpu: Embedded 34 pages/cpu s101464 r8192 d29608 u139264");
	line_of("memblock_alloc_try_nid: 139264 bytes align=0x1000 nid=0 from=0xfff1000040000000 max_addr=0x0000000000000000");
	line_of("memblock_alloc_try_nid: 304 bytes align=0x40 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000");
	line_of("memblock_alloc_try_nid: 200 bytes align=0x40 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000");
	assert_null(strstr(console_text(), " 144 bytes align=0x40 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000"));
	sim_discard(0x40000000, SZ_1G);

	assert_int_equal(boot_layout(SZ_1G, false, "memblock=debug"), HOST_BOOT_OK);
	line_of("percpu: Embedded 31 pages/cpu s87208 r8192 d31576 u126976");
	line_of("memblock_alloc_try_nid: 126976 bytes align=0x1000 nid=0 from=0x0000000040000000 max_addr=0x0000000000000000");
	line_of("memblock_alloc_try_nid: 144 bytes align=0x40 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000");
	sim_discard(0x40000000, SZ_1G);
}

/* A tree bigger than the free memory: Linux's allocator panics, naming the request. */
static void test_tree_too_big(void **state)
{
	const fdt32_t reg[4] = { 0, cpu_to_fdt32(0x40000000), 0, cpu_to_fdt32(SZ_64M) };
	char name[16];
	void *fdt;
	int i, st;

	sw_begin();
	sw_node("");
	sw_u32("#address-cells", 2);
	sw_u32("#size-cells", 2);
	sw_node("chosen");
	sw_str("bootargs", "");
	sw_end();
	sw_node("memory@40000000");
	sw_str("device_type", "memory");
	sw_prop("reg", reg, sizeof(reg));
	sw_end();
	/* 100000 nodes of 320 bytes each: 32 MB, more than 64 MiB less the 32 MiB image */
	for (i = 0; i < 100000; i++) {
		snprintf(name, sizeof(name), "a%d", i);
		sw_node(name);
		sw_end();
	}
	sw_end();
	fdt = sw_finish();
	assert_true(fdt_totalsize(fdt) < MAX_FDT_SIZE);
	st = boot(fdt, fdt_totalsize(fdt), 0x43800000);
	assert_int_equal(st, HOST_BOOT_PANIC);
	snprintf(name, sizeof(name), "%d", ALIGN(unflatten_dt_size(fdt), 4) + 4);
	assert_non_null(strstr(panic_message(), "early_init_dt_alloc_memory_arch: Failed to allocate"));
	assert_non_null(strstr(panic_message(), name));
	assert_non_null(strstr(panic_message(), "align=0x8"));
	sim_discard(0x40000000, SZ_64M);
	free(fdt);
}

/* ------------------------------------------------------------------ CPUs and per-CPU */

static void cpu_node(const char *name, u32 reg, const char *method, bool release)
{
	const fdt32_t rel[2] = { 0, cpu_to_fdt32(0xd8) };

	sw_node(name);
	sw_str("device_type", "cpu");
	sw_u32("reg", reg);
	if (method)
		sw_str("enable-method", method);
	if (release)
		sw_prop("cpu-release-addr", rel, sizeof(rel));
	sw_end();
}

/*
 * smp_init_cpus() on every case it handles: logical numbers are given in DT order (the boot
 * CPU is 0), and a CPU is possible only with a usable enable-method. Possible: 0, 1 and 5
 * (nr_cpu_ids 6): one group of three units, unit_map 6 ints, unit_off 6 longs.
 */
static void test_possible_cpus(void **state)
{
	const fdt32_t reg[4] = { 0, cpu_to_fdt32(0x40000000), 0, cpu_to_fdt32(SZ_1G) };

	sw_begin();
	sw_node("");
	sw_u32("#address-cells", 2);
	sw_u32("#size-cells", 2);
	sw_node("chosen");
	sw_str("bootargs", "memblock=debug ignore_loglevel");
	sw_end();
	sw_node("cpus");
	sw_u32("#address-cells", 1);
	sw_u32("#size-cells", 0);
	cpu_node("cpu@0", 0, NULL, false);		/* the boot CPU (MPIDR 0): no method needed */
	cpu_node("cpu@1", 1, "psci", false);		/* logical 1, possible */
	cpu_node("cpu@2", 2, "spin-table", false);	/* 2: no release address */
	cpu_node("cpu@3", 3, NULL, false);		/* 3: no enable-method */
	cpu_node("cpu@4", 1, "psci", false);		/* 4: duplicate reg, never set up */
	cpu_node("cpu@100", 0x100, "spin-table", true);	/* 5, possible */
	cpu_node("cpu@5", 5, "foo", false);		/* 6: unsupported method */
	sw_node("cpu@7");				/* failed: not a CPU at all */
	sw_str("device_type", "cpu");
	sw_u32("reg", 7);
	sw_str("status", "fail");
	sw_end();
	sw_node("l2-cache");				/* neither named nor typed "cpu" */
	sw_end();
	sw_end();
	sw_node("memory@40000000");
	sw_str("device_type", "memory");
	sw_prop("reg", reg, sizeof(reg));
	sw_end();
	sw_end();
	free(dtb);
	dtb = sw_finish();

	assert_int_equal(boot(dtb, fdt_totalsize(dtb), HOST_BOOT_DEFAULT), HOST_BOOT_OK);
	assert_int_equal(num_possible_cpus(), 3);
	assert_int_equal(nr_cpu_ids, 6);
	assert_true(cpu_possible(0) && cpu_possible(1) && cpu_possible(5));
	assert_false(cpu_possible(2) || cpu_possible(3) || cpu_possible(4) || cpu_possible(6));
	line_of("CPU 2: missing or invalid cpu-release-addr property");
	line_of("/cpus/cpu@3: missing enable-method property");
	line_of("/cpus/cpu@4: duplicate cpu reg properties in the DT");
	line_of("Unsupported enable-method: foo");
	/* 3 units of 126976 bytes on node 0, above PHYS_OFFSET */
	line_of("memblock_alloc_try_nid: 380928 bytes align=0x1000 nid=0 from=0x0000000040000000");
	line_of("memblock_alloc_try_nid: 24 bytes align=0x40");
	line_of("memblock_alloc_try_nid: 48 bytes align=0x40");
	line_of("percpu: Embedded 31 pages/cpu s87208 r8192 d31576 u126976");
	line_of("pcpu-alloc: [0] 0 [0] 1 [0] 5 \n");
	sim_discard(0x40000000, SZ_1G);
}

static void test_no_boot_cpu(void **state)
{
	const fdt32_t reg[4] = { 0, cpu_to_fdt32(0x40000000), 0, cpu_to_fdt32(SZ_1G) };

	sw_begin();
	sw_node("");
	sw_u32("#address-cells", 2);
	sw_u32("#size-cells", 2);
	sw_node("cpus");
	sw_u32("#address-cells", 1);
	sw_u32("#size-cells", 0);
	cpu_node("cpu@1", 1, "psci", false);
	sw_end();
	sw_node("memory@40000000");
	sw_str("device_type", "memory");
	sw_prop("reg", reg, sizeof(reg));
	sw_end();
	sw_end();
	free(dtb);
	dtb = sw_finish();
	/* No cpu node has the boot CPU's MPIDR: Linux starts no secondary, one unit. */
	assert_int_equal(boot(dtb, fdt_totalsize(dtb), HOST_BOOT_DEFAULT), HOST_BOOT_OK);
	line_of("missing boot CPU MPIDR, not enabling secondaries");
	assert_int_equal(num_possible_cpus(), 1);
	assert_int_equal(nr_cpu_ids, 1);
	sim_discard(0x40000000, SZ_1G);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_root),
		cmocka_unit_test(test_small_board),
		cmocka_unit_test(test_name_property_and_unit_names),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_no_tree_no_aliases),
		cmocka_unit_test(test_bad_structure),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_oracle_sizes),
		cmocka_unit_test(test_oracle_sizes_612),
		cmocka_unit_test(test_boot_order),
		cmocka_unit_test(test_hash_tables),
		cmocka_unit_test(test_percpu_612),
		cmocka_unit_test(test_tree_too_big),
		cmocka_unit_test(test_possible_cpus),
		cmocka_unit_test(test_no_boot_cpu),
	};
	int ret = cmocka_run_group_tests(tests, NULL, NULL);

	free(dtb);
	return ret;
}
