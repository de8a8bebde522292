// SPDX-License-Identifier: GPL-2.0
/*
 * The granule's constants (asm/page-def.h and what derives from it) against the figures Linux
 * 6.12 printed on virt-1g: Debian's arm64 build for 4 KiB pages (build/host/test_granule),
 * its arm64-16k build for 16 KiB (build/host/test_granule_16k, CONFIG_ARM64_16K_PAGES).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/kernel.h>
#include <linux/mmzone.h>
#include <asm/pgtable-hwdef.h>

#ifdef CONFIG_ARM64_16K_PAGES
#define REPORT		"tests/expected-6.12-16k/virt-1g.txt"
#define PROC		"tests/linux-proc-6.12-16k/virt-1g.txt"
#else
#define REPORT		"tests/expected-6.12/virt-1g.txt"
#define PROC		"tests/linux-proc-6.12/virt-1g.txt"
#endif
#define RAM		(1UL << 30)	/* virt-1g: 1 GiB at 0x40000000 */
#define RAM_BASE	0x40000000UL

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, n, f), n);
	fclose(f);
	return buf;
}

/* The line of @text containing @key (must exist). */
static const char *line_with(const char *text, const char *key)
{
	const char *p = strstr(text, key);

	if (!p)
		fail_msg("no line with '%s'", key);
	while (p > text && p[-1] != '\n')
		p--;
	return p;
}

/* One 1 GiB zone: 1 GiB of PAGE_SIZE pages, PFNs from RAM_BASE >> PAGE_SHIFT. */
static void test_page_size(void **state)
{
	char *r = slurp(REPORT);
	unsigned long total, lo, hi;

	assert_int_equal(sscanf(strstr(r, "Total pages: "), "Total pages: %lu", &total), 1);
	assert_int_equal(total, RAM >> PAGE_SHIFT);
	assert_int_equal(sscanf(strstr(r, "zone 0 pfns "), "zone 0 pfns %lu -> %lu", &lo, &hi), 2);
	assert_int_equal(lo, RAM_BASE >> PAGE_SHIFT);
	assert_int_equal(hi, (RAM_BASE + RAM) >> PAGE_SHIFT);
	free(r);
}

/* A page table is one page, page aligned (map_kernel's and map_mem's early_pgtable_alloc). */
static void test_table_size(void **state)
{
	char *r = slurp(REPORT);
	unsigned long bytes, align;

	assert_int_equal(sscanf(line_with(r, "early_pgtable_alloc"),
				"memblock_phys_alloc_range: %lu bytes align=%lx", &bytes, &align), 2);
	assert_int_equal(bytes, PAGE_SIZE);
	assert_int_equal(align, PAGE_SIZE);
	assert_int_equal(PTRS_PER_TABLE * 8, PAGE_SIZE);
	free(r);
}

/*
 * sparse_init's buffer: every present section's memmap (PAGES_PER_SECTION struct pages of
 * 64 bytes) rounded up to a PMD block, PMD aligned: 8 x 2 MiB with 4 KiB pages, 8 x 32 MiB
 * (for 512 KiB of struct pages each) with 16 KiB.
 */
static void test_section_memmap(void **state)
{
	char *r = slurp(REPORT);
	unsigned long bytes, align, per_section;

	assert_int_equal(sscanf(line_with(r, "memmap_alloc"),
				"memblock_alloc_exact_nid_raw: %lu bytes align=%lx", &bytes, &align), 2);
	assert_int_equal(align, PMD_SIZE);
	per_section = ALIGN((1UL << (SECTION_SIZE_BITS - PAGE_SHIFT)) * 64, PMD_SIZE);
	assert_int_equal(bytes, (RAM >> SECTION_SIZE_BITS) * per_section);
	free(r);
}

/* buddyinfo: one column per order, 0 .. MAX_PAGE_ORDER. */
static void test_orders(void **state)
{
	char *p = slurp(PROC);
	const char *l = line_with(strstr(p, "=== /proc/buddyinfo"), "Node 0, zone      DMA");
	int cols = 0;

	l += strlen("Node 0, zone      DMA");
	while (*l && *l != '\n') {
		char *end;

		strtoul(l, &end, 10);
		if (end == l)
			break;
		cols++;
		l = end;
	}
	assert_int_equal(cols, MAX_PAGE_ORDER + 1);
	free(p);
}

/* The default CMA area sits on a pageblock (CMA_MIN_ALIGNMENT_BYTES, a PMD's worth). */
static void test_pageblock(void **state)
{
	char *r = slurp(REPORT);
	unsigned long base;

	assert_int_equal(sscanf(line_with(r, "cma: Reserved 64 MiB at "),
				"cma: Reserved 64 MiB at %lx", &base), 1);
	assert_int_equal(PAGE_SIZE << pageblock_order, PMD_SIZE);
	assert_int_equal(base % (PAGE_SIZE << pageblock_order), 0);
	free(r);
}

int main(void)
{
	char exe[4096], *s;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_size),
		cmocka_unit_test(test_table_size),
		cmocka_unit_test(test_section_memmap),
		cmocka_unit_test(test_orders),
		cmocka_unit_test(test_pageblock),
	};

	/* Run from the repository root: the binary is build/host/ or build-16k/host/. */
	if (n > 0) {
		exe[n] = 0;
		s = strstr(exe, "/build");
		if (s) {
			*s = 0;
			if (chdir(exe))
				perror("chdir");
		}
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
