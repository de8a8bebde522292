// SPDX-License-Identifier: GPL-2.0
/*
 * bootmem-layout's --json report: memblock, nodes, zones, CMA areas, the Memory: totals
 * and buddyinfo, read from the generic code's own structures after the boot.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/numa.h>
#include <linux/cma.h>
#include "layout.h"

static void json_str(const char *s, size_t n)
{
	size_t i;

	putchar('"');
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void json_regions(const char *name, struct memblock_type *t, bool nid)
{
	unsigned long i;

	printf("  \"%s\": [", name);
	for (i = 0; i < t->cnt; i++) {
		struct memblock_region *r = &t->regions[i];

		if (!r->size)
			continue;
		printf("%s\n    {\"base\": \"%#llx\", \"end\": \"%#llx\", \"size\": \"%#llx\", \"flags\": %u",
		       i ? "," : "", r->base,
		       (r->base + r->size - 1), r->size,
		       (unsigned int)r->flags);
		if (nid)
			printf(", \"nid\": %d", r->nid);
		putchar('}');
	}
	printf("\n  ],\n");
}

static void json_zones(void)
{
	bool first = true;
	struct zone *z;
	int nid, o;

	printf("  \"nodes\": [");
	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);

		printf("%s\n    {\"nid\": %d, \"start_pfn\": %lu, \"spanned_pages\": %lu, \"present_pages\": %lu}",
		       first ? "" : ",", nid, pgdat->node_start_pfn, pgdat->node_spanned_pages,
		       pgdat->node_present_pages);
		first = false;
	}
	printf("\n  ],\n  \"zones\": [");
	first = true;
	for_each_online_node(nid) {
		for_each_zone_in_node(z, NODE_DATA(nid)) {
			printf("%s\n    {\"node\": %d, \"name\": \"%s\", \"start\": \"%#llx\", \"end\": \"%#llx\", "
			       "\"spanned_pages\": %lu, \"present_pages\": %lu, \"managed_pages\": %lu, "
			       "\"free_pages\": %lu, \"buddyinfo\": [",
			       first ? "" : ",", nid, z->name,
			       PFN_PHYS(z->zone_start_pfn),
			       PFN_PHYS(zone_end_pfn(z)) - (z->spanned_pages ? 1 : 0),
			       z->spanned_pages, z->present_pages, z->managed_pages, z->free_pages);
			for (o = 0; o < MAX_ORDER; o++)
				printf("%s%lu", o ? ", " : "", z->free_area[o].nr_free);
			printf("]}");
			first = false;
		}
	}
	printf("\n  ],\n");
}

static void json_cma(void)
{
	unsigned int i;

	printf("  \"cma\": [");
	for (i = 0; i < cma_area_count; i++)
		printf("%s\n    {\"name\": \"%s\", \"base\": \"%#llx\", \"size\": \"%#llx\"}",
		       i ? "," : "", cma_areas[i].name,
		       PFN_PHYS(cma_areas[i].base_pfn),
		       PFN_PHYS(cma_areas[i].count));
	printf("\n  ],\n");
}

static void json_messages(const char *log)
{
	bool first = true;

	printf("  \"messages\": [");
	while (*log) {
		const char *nl = strchr(log, '\n');
		size_t n = nl ? (size_t)(nl - log) : strlen(log);

		printf("%s\n    ", first ? "" : ",");
		json_str(log, n);
		first = false;
		log += n + (nl ? 1 : 0);
	}
	printf("\n  ]");
}

/* @log: the printed lines, timestamps already stripped. */
void bml_report_json(const char *log, int status)
{
	printf("{\n  \"status\": %d,\n", status);
	if (status == BML_EXIT_OK) {
		unsigned long phys = get_num_physpages();

		json_regions("memory", &memblock.memory, true);
		json_regions("reserved", &memblock.reserved, false);
		json_zones();
		json_cma();
		printf("  \"totals\": {\"available_kb\": %lu, \"physpages_kb\": %lu, "
		       "\"reserved_kb\": %lu, \"cma_reserved_kb\": %lu},\n",
		       nr_free_pages() << (PAGE_SHIFT - 10), phys << (PAGE_SHIFT - 10),
		       (phys - totalram_pages() - totalcma_pages) << (PAGE_SHIFT - 10),
		       totalcma_pages << (PAGE_SHIFT - 10));
	}
	json_messages(log);
	printf("\n}\n");
}
