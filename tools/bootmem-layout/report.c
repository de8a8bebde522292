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
#include <asm/mmu.h>
#include "layout.h"

void bml_json_str(const char *s, size_t n)
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
		printf("%s\n    {\"base\": \"0x%llx\", \"end\": \"0x%llx\", \"size\": \"0x%llx\", \"flags\": %u",
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
			printf("%s\n    {\"node\": %d, \"name\": \"%s\", \"start\": \"0x%llx\", \"end\": \"0x%llx\", "
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
	for (i = 0; i < cma_area_count; i++) {
		printf("%s\n    {\"name\": ", i ? "," : "");
		bml_json_str(cma_areas[i].name, strlen(cma_areas[i].name));
		printf(", \"base\": \"0x%llx\", \"size\": \"0x%llx\"}",
		       PFN_PHYS(cma_areas[i].base_pfn), PFN_PHYS(cma_areas[i].count));
	}
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
		bml_json_str(log, n);
		first = false;
		log += n + (nl ? 1 : 0);
	}
	printf("\n  ]");
}

static void json_fill(const struct bml_fill *f)
{
	int i;

	printf("  \"ram_fill\": {\"method\": \"%s\", \"node\": ",
	       f->method == BML_FILL_RPI ? "rpi-firmware" : "u-boot");
	bml_json_str(f->node, strlen(f->node));
	printf(", \"added_memreserve\": %s, \"banks\": [", f->added_memreserve ? "true" : "false");
	for (i = 0; i < f->nbanks; i++)
		printf("%s{\"base\": \"0x%llx\", \"size\": \"0x%llx\"}", i ? ", " : "",
		       (unsigned long long)f->bank[i].base, (unsigned long long)f->bank[i].size);
	printf("]},\n");
}

/* Every page of memory by owner, in address order: the picture's data. */
static void json_map(const struct bml_map *m)
{
	int i;

	printf("  \"map\": [");
	for (i = 0; i < m->nseg + m->nout; i++) {
		const struct bml_seg *s = i < m->nseg ? &m->seg[i] : &m->out[i - m->nseg];
		const char *name = bml_map_name(m, s->name);

		printf("%s\n    {\"base\": \"0x%llx\", \"end\": \"0x%llx\", \"owner\": \"%s\", "
		       "\"name\": ", i ? "," : "", (unsigned long long)s->base,
		       (unsigned long long)s->end - 1, bml_kind_name[s->kind]);
		bml_json_str(name, strlen(name));
		printf(", \"in_memory\": %s}", i < m->nseg ? "true" : "false");
	}
	printf("\n  ],\n");
}

/* @log: the printed lines, timestamps already stripped; @m: NULL unless the boot succeeded. */
void bml_report_json(const char *log, int status, const struct bml_map *m, bool check)
{
	printf("{\n  \"schema\": \"bootmem-layout/1\",\n  \"status\": %d,\n", status);
	if (m && m->fill.method != BML_FILL_NONE)
		json_fill(&m->fill);
	if (m) {
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
		printf("  \"page_tables\": {\"early_pgtable_pages\": %lu, \"map_mem_pages\": %lu},\n",
		       early_pgtable_pages, map_mem_pgtable_pages);
		bml_map_json_breakdown(m);
		json_map(m);
		if (check)
			bml_check_json();
	}
	json_messages(log);
	printf("\n}\n");
}
