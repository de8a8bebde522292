// SPDX-License-Identifier: GPL-2.0
/*
 * The bring-up's results do not change when its code gets faster: the checksums of the
 * memmap, the page tables and the free lists after the kernel's boot on several layouts
 * equal the values recorded from main before the change (tests/data/bootmem-checksums.txt).
 * BOOTMEM_CHECKSUM_RECORD=1 prints the values in that file's format instead of checking.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/bootmem_checksum.h>
#include <asm/memory.h>
#include <asm/mmu.h>
#include <asm/pgtable.h>
#include "harness.h"
#include "host_boot.h"

#define SCENARIOS	"tests/scenarios"
#define RECORDED	"tests/data/bootmem-checksums.txt"
#define OUT		"build/host/fixtures"

/* A scenario of tests/scenarios, with its header's bootargs and these extra words. */
static const struct { const char *name, *extra; } cases[] = {
	{ "virt-1g", "" },
	{ "virt-1g", "rodata=off" },
	{ "virt-1g-cma0", "" },
	{ "virt-4g", "" },
	{ "virt-6g", "" },
	{ "virt-16g", "" },
	{ "numa", "" },
	{ "mem-gaps", "" },
	{ "resmem-nomap-inside", "" },
	{ "rpi4b-4g", "" },
	{ "hotplug-movable", "" },
	{ "kernelcore-4g", "" },
};

struct sums {
	u64 memmap, pgtables, freelists;
};

/* The scenario's "// bootargs:" header, then @extra. */
static void scenario_args(const char *name, const char *extra, char *args, size_t len)
{
	char path[256], *src, *p;

	snprintf(path, sizeof(path), SCENARIOS "/%s.dts", name);
	src = harness_read_file(path, NULL);
	assert_non_null(src);
	args[0] = 0;
	p = strstr(src, "// bootargs:");
	if (p) {
		p += strlen("// bootargs:");
		while (*p == ' ')
			p++;
		snprintf(args, len, "%.*s", (int)strcspn(p, "\n"), p);
	}
	if (*extra)
		snprintf(args + strlen(args), len - strlen(args), "%s%s", *args ? " " : "", extra);
	free(src);
}

/* The kernel's boot on the scenario (placed as QEMU's loader would); the three checksums. */
static struct sums boot_and_sum(const char *name, const char *extra)
{
	char cmd[512], dtb_path[256], args[256];
	struct host_boot_params p = {
		.kernel_at = HOST_BOOT_DEFAULT, .kernel_size = HOST_BOOT_DEFAULT,
		.dtb_at = HOST_BOOT_DEFAULT,
	};
	struct sums s;
	size_t n;
	char *raw, *fdt;
	int st;

	snprintf(dtb_path, sizeof(dtb_path), OUT "/checksum-%s.dtb", name);
	snprintf(cmd, sizeof(cmd), "mkdir -p " OUT " && dtc -q -I dts -O dtb -o %s " SCENARIOS "/%s.dts",
		 dtb_path, name);
	assert_int_equal(system(cmd), 0);
	raw = harness_read_file(dtb_path, &n);
	assert_non_null(raw);
	fdt = aligned_alloc(8, ALIGN(n + 4096, 8));
	assert_non_null(fdt);
	assert_int_equal(fdt_open_into(raw, fdt, ALIGN(n + 4096, 8)), 0);
	scenario_args(name, extra, args, sizeof(args));
	if (fdt_path_offset(fdt, "/chosen") < 0)
		assert_true(fdt_add_subnode(fdt, 0, "chosen") >= 0);
	assert_int_equal(fdt_setprop_string(fdt, fdt_path_offset(fdt, "/chosen"), "bootargs",
					    args), 0);
	p.fdt = fdt;
	p.fdt_len = fdt_totalsize(fdt);
	st = host_boot(&p);
	if (st != HOST_BOOT_OK)
		fprintf(stderr, "%s: boot %d: %s\n", name, st, panic_message());
	assert_int_equal(st, HOST_BOOT_OK);
	s.memmap = memmap_checksum(NULL);
	s.pgtables = pgtable_checksum(swapper_pg_dir, NULL);
	s.freelists = free_lists_checksum(NULL);
	free(raw);
	free(fdt);
	return s;
}

static void forget_memory(void)
{
	sim_discard(0, SIM_PHYS_LIMIT);
}

/* The recorded line for @name/@extra: "NAME EXTRA|- MEMMAP PGTABLES FREELISTS". */
static bool recorded(const char *name, const char *extra, struct sums *s)
{
	static char *text;
	const char *line;
	char n[64], e[64];

	if (!text)
		text = harness_read_file(RECORDED, NULL);
	assert_non_null(text);
	for (line = text; *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : "") {
		if (*line == '#' || *line == '\n')
			continue;
		if (sscanf(line, "%63s %63s %llx %llx %llx", n, e, &s->memmap, &s->pgtables,
			   &s->freelists) != 5)
			continue;
		if (!strcmp(n, name) && !strcmp(e, *extra ? extra : "-"))
			return true;
	}
	return false;
}

static void test_recorded_checksums(void **state)
{
	bool record = getenv("BOOTMEM_CHECKSUM_RECORD") != NULL;
	unsigned int i, bad = 0;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sums got = boot_and_sum(cases[i].name, cases[i].extra), want;
		const char *extra = *cases[i].extra ? cases[i].extra : "-";

		forget_memory();
		if (record) {
			printf("%s %s %016llx %016llx %016llx\n", cases[i].name, extra,
			       got.memmap, got.pgtables, got.freelists);
			continue;
		}
		if (!recorded(cases[i].name, cases[i].extra, &want)) {
			print_message("%s %s: no recorded checksums in " RECORDED "\n",
				      cases[i].name, extra);
			bad++;
			continue;
		}
		if (got.memmap != want.memmap || got.pgtables != want.pgtables ||
		    got.freelists != want.freelists) {
			print_message("%s %s: memmap %016llx page tables %016llx free lists %016llx;"
				      " recorded %016llx %016llx %016llx\n", cases[i].name, extra,
				      got.memmap, got.pgtables, got.freelists, want.memmap,
				      want.pgtables, want.freelists);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Each checksum notices a one-bit change in what it covers, and a reordered free list. */
static void test_checksums_see_changes(void **state)
{
	struct sums s = boot_and_sum("virt-1g", "");
	struct zone *zone = &NODE_DATA(0)->node_zones[ZONE_DMA];
	struct list_head *head = &zone->free_area[MAX_ORDER - 1].free_list;
	struct page *page = pfn_to_page(0x50001), *first;
	int level;
	pte_t *ptep = walk_va(swapper_pg_dir, __phys_to_virt(0x50000000), &level);
	u64 saved;

	/* rodata=full: the linear map of 0x50000000 is a 4 KiB page entry */
	assert_int_equal(level, PGT_PTE);
	assert_int_equal(memmap_checksum(NULL), s.memmap);
	assert_int_equal(pgtable_checksum(swapper_pg_dir, NULL), s.pgtables);
	assert_int_equal(free_lists_checksum(NULL), s.freelists);

	page->_refcount ^= 1;
	assert_true(memmap_checksum(NULL) != s.memmap);
	page->_refcount ^= 1;
	assert_int_equal(memmap_checksum(NULL), s.memmap);

	saved = pte_val(*ptep);
	pte_val(*ptep) = saved ^ PTE_RDONLY;
	assert_true(pgtable_checksum(swapper_pg_dir, NULL) != s.pgtables);
	pte_val(*ptep) = saved;
	assert_int_equal(pgtable_checksum(swapper_pg_dir, NULL), s.pgtables);

	/* Move the first 4 MiB block to the end of its list: same blocks, another order. */
	assert_true(zone->free_area[MAX_ORDER - 1].nr_free >= 2);
	first = list_first_entry(head, struct page, lru);
	list_del(&first->lru);
	list_add_tail(&first->lru, head);
	assert_true(free_lists_checksum(NULL) != s.freelists);
	assert_true(memmap_checksum(NULL) != s.memmap);		/* the links moved */
	forget_memory();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recorded_checksums),
		cmocka_unit_test(test_checksums_see_changes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
