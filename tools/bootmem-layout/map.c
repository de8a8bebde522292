// SPDX-License-Identifier: GPL-2.0
/*
 * bootmem-layout's map: which owner holds each page after the boot, read from the state the
 * boot left (memblock, reserved_mem[], the CMA areas, sparse's section maps, swapper's
 * tables, the swiotlb buffer), page by page as memblock_free_all() counts them; the
 * breakdown of the Memory: line by owner, and the map as text for --svg.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/numa.h>
#include <linux/cma.h>
#include <linux/swiotlb.h>
#include <linux/initrd.h>
#include <linux/crash_core.h>
#include <linux/of_fdt.h>
#include <linux/of_reserved_mem.h>
#include <libfdt.h>
#include <asm/memory.h>
#include <asm/image.h>
#include <asm/mmu.h>
#include <asm/pgtable.h>
#include "layout.h"

const char *const bml_kind_name[BK_NR] = {
	"free", "memreserve", "nomap", "reserved", "cma", "kernel", "dtb", "memmap", "pgtable",
	"swiotlb", "initrd", "crashkernel", "other",
};

const char *const bml_kind_title[BK_NR] = {
	"available (buddy allocator)", "/memreserve/ (firmware)", "no-map reserved-memory",
	"reserved-memory", "CMA", "kernel image", "DTB", "memmap (struct pages)", "page tables",
	"swiotlb bounce buffer", "initrd", "crashkernel", "other early allocations",
};

/* Who wins where owners overlap: the earlier here. */
static const int kind_prio[] = {
	BK_KERNEL, BK_DTB, BK_MEMRESERVE, BK_CMA, BK_CRASHKERNEL, BK_INITRD, BK_NOMAP, BK_RESMEM,
	BK_SWIOTLB, BK_MEMMAP, BK_PGTABLE,
};

/* ---- growing arrays ---- */

struct segv {
	struct bml_seg *v;
	int n, cap;
};

static void segv_add(struct segv *a, uint64_t base, uint64_t end, int kind, int name)
{
	if (base >= end)
		return;
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 64;
		a->v = realloc(a->v, a->cap * sizeof(*a->v));
		if (!a->v) {
			perror("bootmem-layout");
			exit(BML_EXIT_BADINPUT);
		}
	}
	a->v[a->n++] = (struct bml_seg){ base, end, kind, name };
}

static int cmp_seg(const void *x, const void *y)
{
	const struct bml_seg *a = x, *b = y;

	return a->base < b->base ? -1 : a->base > b->base;
}

/* Sorts and merges touching pieces of the same owner. */
static void segv_normalize(struct segv *a)
{
	int i, k = 0;

	if (!a->n)
		return;
	qsort(a->v, a->n, sizeof(*a->v), cmp_seg);
	for (i = 1; i < a->n; i++) {
		struct bml_seg *p = &a->v[k], *s = &a->v[i];

		if (s->base <= p->end && s->kind == p->kind && s->name == p->name)
			p->end = max(p->end, s->end);
		else
			a->v[++k] = *s;
	}
	a->n = k + 1;
}

static int name_id(struct bml_map *m, const char *s)
{
	int i;

	if (!s)
		return -1;
	for (i = 0; i < m->nname; i++)
		if (!strcmp(m->names[i], s))
			return i;
	m->names = realloc(m->names, (m->nname + 1) * sizeof(*m->names));
	if (!m->names) {
		perror("bootmem-layout");
		exit(BML_EXIT_BADINPUT);
	}
	snprintf(m->names[m->nname], sizeof(m->names[0]), "%s", s);
	return m->nname++;
}

const char *bml_map_name(const struct bml_map *m, int name)
{
	return name >= 0 && name < m->nname ? m->names[name] : "";
}

/* ---- what each owner claims, from the kernel's own state ---- */

static u64 read_cells(const fdt32_t **p, int n)
{
	u64 v = 0;

	while (n-- > 0)
		v = v << 32 | fdt32_to_cpu(*(*p)++);
	return v;
}

/*
 * /reserved-memory: every tuple of every available child with reg (also past the 64
 * reserved_mem[] slots: memblock has them all), the placed dynamic ones from reserved_mem[].
 */
static void claim_reserved_memory(struct bml_map *m, struct segv *c)
{
	const void *fdt = initial_boot_params;
	int rm, child, len, i, t = dt_root_addr_cells + dt_root_size_cells;

	rm = fdt ? fdt_path_offset(fdt, "/reserved-memory") : -1;
	if (rm >= 0 && dt_root_addr_cells >= 1 && dt_root_addr_cells <= 2 &&
	    dt_root_size_cells >= 1 && dt_root_size_cells <= 2) {
		fdt_for_each_subnode(child, fdt, rm) {
			const fdt32_t *reg = fdt_getprop(fdt, child, "reg", &len);
			bool nomap = fdt_getprop(fdt, child, "no-map", NULL);
			int id = name_id(m, fdt_get_name(fdt, child, NULL));

			if (!reg || !of_fdt_device_is_available(fdt, child))
				continue;
			for (; len >= t * 4; len -= t * 4) {
				u64 b = read_cells(&reg, dt_root_addr_cells);
				u64 s = read_cells(&reg, dt_root_size_cells);

				if (b + s > b)
					segv_add(c, b, b + s, nomap ? BK_NOMAP : BK_RESMEM, id);
			}
		}
	}
	for (i = 0; i < reserved_mem_count; i++) {
		struct reserved_mem *r = &reserved_mem[i];
		bool nomap = of_get_flat_dt_prop(r->fdt_node, "no-map", NULL);

		if (r->size && !of_get_flat_dt_prop(r->fdt_node, "reg", NULL))
			segv_add(c, r->base, r->base + r->size, nomap ? BK_NOMAP : BK_RESMEM,
				 name_id(m, r->name));
	}
}

/* swapper's table pages below the root (the root is in the image): a walk of its tables. */
static void walk_tables(struct segv *c, u64 *table, int level)
{
	int i;

	for (i = 0; i < PTRS_PER_TABLE; i++) {
		u64 v = table[i];
		phys_addr_t pa = __desc_phys(v);

		if ((v & PTE_TYPE_MASK) != PTE_TYPE_MASK || level >= PGT_PTE)
			continue;
		if (pa + PAGE_SIZE > SIM_PHYS_LIMIT)
			continue;
		segv_add(c, pa, pa + PAGE_SIZE, BK_PGTABLE, -1);
		if (level + 1 < PGT_PTE)
			walk_tables(c, phys_to_virt(pa), level + 1);
	}
}

static void claim_memmap(struct segv *c)
{
	unsigned long nr, sz = sparse_section_map_size();

	for (nr = 0; mem_section && nr < NR_MEM_SECTIONS; nr++) {
		struct mem_section *ms;

		if (!mem_section[SECTION_NR_TO_ROOT(nr)]) {
			nr |= SECTION_ROOT_MASK;
			continue;
		}
		ms = __nr_to_section(nr);
		if (ms->flags & SECTION_HAS_MEM_MAP)
			segv_add(c, __pa(ms->mem_map), __pa(ms->mem_map) + sz, BK_MEMMAP, -1);
	}
}

static void collect_claims(struct bml_map *m, struct segv *c)
{
	uint64_t b, s;
	unsigned int i;
	int n;

	segv_add(c, kernel_image.stext, kernel_image.end, BK_KERNEL, -1);
	if (initial_boot_params) {
		segv_add(c, initial_boot_params_pa,
			 initial_boot_params_pa + fdt_totalsize(initial_boot_params), BK_DTB, -1);
		for (n = 0; !fdt_get_mem_rsv(initial_boot_params, n, &b, &s) && s; n++)
			if (b + s > b)
				segv_add(c, b, b + s, BK_MEMRESERVE, -1);
	}
	claim_reserved_memory(m, c);
	for (i = 0; i < cma_area_count; i++)
		segv_add(c, PFN_PHYS(cma_areas[i].base_pfn),
			 PFN_PHYS(cma_areas[i].base_pfn + cma_areas[i].count), BK_CMA,
			 name_id(m, cma_areas[i].name));
	claim_memmap(c);
	walk_tables(c, (u64 *)swapper_pg_dir, PGT_PGD);
	if (io_tlb_default_mem.end)
		segv_add(c, io_tlb_default_mem.start, io_tlb_default_mem.end, BK_SWIOTLB, -1);
	if (phys_initrd_size)
		segv_add(c, phys_initrd_start, phys_initrd_start + phys_initrd_size, BK_INITRD, -1);
	if (crashk_res.end)
		segv_add(c, crashk_res.start, crashk_res.end + 1, BK_CRASHKERNEL, -1);
	if (crashk_low_res.end)
		segv_add(c, crashk_low_res.start, crashk_low_res.end + 1, BK_CRASHKERNEL,
			 name_id(m, "low"));
	segv_normalize(c);
}

/* ---- the attribution: memory pages, free or not, and who holds the others ---- */

/* Takes [b, e) out of the sorted disjoint set @r, adding the taken pieces to @out. */
static void take(struct segv *r, uint64_t b, uint64_t e, int kind, int name, struct segv *out)
{
	int lo = 0, hi = r->n, i;

	while (lo < hi) {		/* first piece ending after b */
		int mid = (lo + hi) / 2;

		if (r->v[mid].end <= b)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < r->n && r->v[i].base < e;) {
		struct bml_seg p = r->v[i];
		uint64_t tb = max(p.base, b), te = min(p.end, e);

		segv_add(out, tb, te, kind, name);
		if (p.base < tb && te < p.end) {		/* split in two */
			segv_add(r, 0, 1, 0, 0);		/* room for one more */
			memmove(&r->v[i + 2], &r->v[i + 1], (r->n - i - 2) * sizeof(p));
			r->v[i].end = tb;
			r->v[i + 1] = (struct bml_seg){ te, p.end, p.kind, p.name };
			return;
		} else if (p.base < tb) {
			r->v[i++].end = tb;
		} else if (te < p.end) {
			r->v[i].base = te;
			return;
		} else {
			memmove(&r->v[i], &r->v[i + 1], (r->n - i - 1) * sizeof(p));
			r->n--;
		}
	}
}

/*
 * Present pages are the whole pages of each memory region (a page two regions share is in
 * neither, as for_each_mem_pfn_range() counts them). Free pages are those
 * memblock_free_all() handed over: the whole pages of memory that is neither reserved nor
 * NOMAP. The others go to the first owner (kind_prio) claiming them.
 */
static void attribute(struct bml_map *m, struct segv *claims, struct segv *segs)
{
	struct segv rest = { 0 }, present = { 0 };
	phys_addr_t start, end;
	uint64_t prev;
	unsigned int p;
	u64 i;
	int k;

	for (k = 0; k < m->nmem; k++) {
		uint64_t b = PFN_PHYS(PFN_UP(m->mem[k].base)), e = PFN_PHYS(PFN_DOWN(m->mem[k].end));

		if (b >= e)
			continue;
		if (present.n && present.v[present.n - 1].end == b)
			present.v[present.n - 1].end = e;
		else
			segv_add(&present, b, e, BK_OTHER, -1);
	}
	for (k = 0; k < present.n; k++) {
		const struct bml_seg *r = &present.v[k];

		prev = r->base;
		for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL) {
			uint64_t fb = max((uint64_t)PFN_PHYS(PFN_UP(start)), r->base);
			uint64_t fe = min((uint64_t)PFN_PHYS(min_t(u64, PFN_DOWN(end), max_low_pfn)),
					  r->end);

			if (fb >= fe)
				continue;
			segv_add(&rest, prev, fb, BK_OTHER, -1);
			segv_add(segs, fb, fe, BK_FREE, -1);
			prev = fe;
		}
		segv_add(&rest, prev, r->end, BK_OTHER, -1);
	}
	free(present.v);
	for (p = 0; p < ARRAY_SIZE(kind_prio); p++)
		for (k = 0; k < claims->n; k++) {
			struct bml_seg *c = &claims->v[k];

			if (c->kind == kind_prio[p])
				take(&rest, c->base & PAGE_MASK, PAGE_ALIGN(c->end), c->kind, c->name,
				     segs);
		}
	for (k = 0; k < rest.n; k++)
		segv_add(segs, rest.v[k].base, rest.v[k].end, BK_OTHER, -1);
	free(rest.v);
	segv_normalize(segs);
}

/* The DT-declared owners outside memory (reserved-memory for devices, firmware windows). */
static void outside(struct bml_map *m, struct segv *claims, struct segv *out)
{
	int k, j;

	for (k = 0; k < claims->n; k++) {
		struct bml_seg c = claims->v[k];
		uint64_t b = c.base;

		if (c.kind != BK_MEMRESERVE && c.kind != BK_NOMAP && c.kind != BK_RESMEM)
			continue;
		for (j = 0; j < m->nmem && b < c.end; j++) {
			if (m->mem[j].end <= b)
				continue;
			segv_add(out, b, min(c.end, m->mem[j].base), c.kind, c.name);
			b = max(b, m->mem[j].end);
		}
		segv_add(out, b, c.end, c.kind, c.name);
	}
	segv_normalize(out);
}

static void tally(struct bml_map *m)
{
	int i, j;

	for (i = 0; i < m->nseg; i++) {
		struct bml_seg *s = &m->seg[i];
		uint64_t pages = (s->end - s->base) >> PAGE_SHIFT;
		int name = s->kind == BK_MEMRESERVE ? -1 : s->name;

		for (j = 0; j < m->ntotal; j++)
			if (m->total[j].kind == s->kind && m->total[j].name == name)
				break;
		if (j == m->ntotal) {
			m->total = realloc(m->total, (m->ntotal + 1) * sizeof(*m->total));
			if (!m->total)
				exit(BML_EXIT_BADINPUT);
			m->total[m->ntotal].kind = s->kind;
			m->total[m->ntotal].name = name;
			m->total[m->ntotal++].pages = 0;
		}
		m->total[j].pages += pages;
		if (s->kind == BK_FREE)
			m->available += pages;
		else if (s->kind == BK_CMA)
			m->cma += pages;
		else
			m->reserved += pages;
	}
}

/* DT memory the boot did not keep, and why (arm64_memblock_init's clips, mem=). */
static void removed(struct bml_map *m)
{
	struct segv r = { 0 };
	int i, j;

	for (i = 0; i < m->ndt; i++) {
		uint64_t b = m->dt[i].base;

		for (j = 0; j < m->nmem && b < m->dt[i].end; j++) {
			if (m->mem[j].end <= b)
				continue;
			segv_add(&r, b, min(m->dt[i].end, m->mem[j].base), 0, -1);
			b = max(b, m->mem[j].end);
		}
		segv_add(&r, b, m->dt[i].end, 0, -1);
	}
	m->nremoved = r.n;
	m->removed = calloc(r.n ? r.n : 1, sizeof(*m->removed));
	for (i = 0; i < r.n && m->removed; i++) {
		uint64_t b = r.v[i].base;
		const char *why;

		if (b >= (1ULL << 48))
			why = "beyond the 48-bit physical address space";
		else if (b < (uint64_t)memstart_addr || b >= memstart_addr + LINEAR_MAP_SIZE)
			why = "outside the linear map";
		else if (memory_limit != PHYS_ADDR_MAX)
			why = "mem=";
		else
			why = "removed";
		m->removed[i].base = b;
		m->removed[i].size = r.v[i].end - b;
		snprintf(m->removed[i].what, sizeof(m->removed[i].what), "%s", why);
	}
	free(r.v);
}

static void collect_zones(struct bml_map *m)
{
	struct zone *z;
	int nid;

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);

		m->node = realloc(m->node, (m->nnode + 1) * sizeof(*m->node));
		if (!m->node)
			exit(BML_EXIT_BADINPUT);
		m->node[m->nnode++] = (struct bml_mem){ PFN_PHYS(pgdat->node_start_pfn),
			PFN_PHYS(pgdat->node_start_pfn + pgdat->node_spanned_pages), 0, nid };
		for_each_zone_in_node(z, pgdat) {
			struct bml_zone *bz;

			if (!z->spanned_pages)
				continue;
			m->zone = realloc(m->zone, (m->nzone + 1) * sizeof(*m->zone));
			if (!m->zone)
				exit(BML_EXIT_BADINPUT);
			bz = &m->zone[m->nzone++];
			bz->nid = nid;
			snprintf(bz->name, sizeof(bz->name), "%s", z->name);
			bz->start = PFN_PHYS(z->zone_start_pfn);
			bz->end = PFN_PHYS(zone_end_pfn(z));
			bz->present = z->present_pages;
			bz->managed = z->managed_pages;
		}
	}
}

void bml_map_collect(struct bml_map *m, const struct bml_opts *o)
{
	struct segv claims = { 0 }, segs = { 0 }, out = { 0 };
	struct memblock_region *r;
	int n = 0;

	memset(m, 0, sizeof(*m));
	m->file = o->name;
	m->fill = o->fill;
	m->dma_limit = arm64_dma_phys_limit;
	m->mem = calloc(memblock.memory.cnt, sizeof(*m->mem));
	for_each_mem_region(r)
		m->mem[n++] = (struct bml_mem){ r->base, r->base + r->size, r->flags, r->nid };
	m->nmem = n;
	m->ndt = bml_dt_memory_cnt;
	m->dt = malloc((m->ndt ? m->ndt : 1) * sizeof(*m->dt));
	memcpy(m->dt, bml_dt_memory, m->ndt * sizeof(*m->dt));
	m->physpages = get_num_physpages();

	collect_claims(m, &claims);
	attribute(m, &claims, &segs);
	outside(m, &claims, &out);
	free(claims.v);
	m->seg = segs.v;
	m->nseg = segs.n;
	m->out = out.v;
	m->nout = out.n;
	tally(m);
	removed(m);
	collect_zones(m);
}

void bml_map_free(struct bml_map *m)
{
	free(m->file_buf);
	free(m->mem);
	free(m->dt);
	free(m->seg);
	free(m->out);
	free(m->names);
	free(m->zone);
	free(m->node);
	free(m->total);
	free(m->removed);
	memset(m, 0, sizeof(*m));
}

/* ---- "where did my RAM go" ---- */

static uint64_t kib(uint64_t bytes)
{
	return bytes >> 10;
}

static void row(FILE *f, int indent, const char *what, uint64_t k, const char *extra)
{
	fprintf(f, "%*s%-*s %10" PRIu64 "K%s%s\n", indent, "", 52 - indent, what, k,
		extra ? "  " : "", extra ? extra : "");
}

static int cmp_total(const void *x, const void *y, void *arg)
{
	const struct bml_map *m = arg;
	const typeof(*m->total) *a = x, *b = y;
	static const int order[BK_NR] = {
		[BK_MEMRESERVE] = 1, [BK_NOMAP] = 2, [BK_RESMEM] = 3, [BK_CMA] = 4,
		[BK_KERNEL] = 5, [BK_DTB] = 6, [BK_INITRD] = 7, [BK_CRASHKERNEL] = 8,
		[BK_MEMMAP] = 9, [BK_PGTABLE] = 10, [BK_SWIOTLB] = 11, [BK_OTHER] = 12,
		[BK_FREE] = 13,
	};

	if (order[a->kind] != order[b->kind])
		return order[a->kind] - order[b->kind];
	if (a->pages != b->pages)
		return a->pages < b->pages ? 1 : -1;
	return strcmp(bml_map_name(m, a->name), bml_map_name(m, b->name));
}

static void sorted_totals(struct bml_map *m)
{
	qsort_r(m->total, m->ntotal, sizeof(*m->total), cmp_total, m);
}

static uint64_t sum(const struct bml_mem *v, int n)
{
	uint64_t s = 0;

	while (n-- > 0)
		s += v[n].end - v[n].base;
	return s;
}

void bml_map_print_breakdown(const struct bml_map *cm, FILE *f)
{
	struct bml_map *m = (struct bml_map *)cm;
	char what[128], extra[96];
	int i;

	sorted_totals(m);
	fprintf(f, "Where did my RAM go (Memory: %" PRIu64 "K/%" PRIu64 "K available, %" PRIu64
		"K reserved, %" PRIu64 "K cma-reserved)\n",
		m->available << 2, m->physpages << 2, m->reserved << 2, m->cma << 2);
	if (m->fill.method != BML_FILL_NONE) {
		row(f, 2, "RAM (--ram)", kib(m->fill.ram_total), NULL);
		for (i = 0; i < m->fill.ncarve; i++) {
			const struct bml_range *c = &m->fill.carve[i];

			snprintf(what, sizeof(what), "- kept by the firmware: %s", c->what);
			snprintf(extra, sizeof(extra), "[mem %#010" PRIx64 "-%#010" PRIx64 "]", c->base,
				 c->base + c->size - 1);
			row(f, 4, what, kib(c->size), extra);
		}
	}
	row(f, 2, "memory in the DT", kib(sum(m->dt, m->ndt)), NULL);
	for (i = 0; i < m->nremoved; i++) {
		snprintf(what, sizeof(what), "- removed by Linux: %s", m->removed[i].what);
		snprintf(extra, sizeof(extra), "[mem %#010" PRIx64 "-%#010" PRIx64 "]",
			 m->removed[i].base, m->removed[i].base + m->removed[i].size - 1);
		row(f, 4, what, kib(m->removed[i].size), extra);
	}
	row(f, 2, "Memory: total", m->physpages << 2, NULL);
	for (i = 0; i < m->ntotal; i++) {
		int k = m->total[i].kind;

		if (m->total[i].name >= 0)
			snprintf(what, sizeof(what), "- %s '%s'", bml_kind_title[k],
				 bml_map_name(m, m->total[i].name));
		else
			snprintf(what, sizeof(what), "%s %s", k == BK_FREE ? "=" : "-",
				 bml_kind_title[k]);
		row(f, 4, what, m->total[i].pages << 2, NULL);
	}
}

void bml_map_json_breakdown(const struct bml_map *cm)
{
	struct bml_map *m = (struct bml_map *)cm;
	int i;

	sorted_totals(m);
	printf("  \"breakdown\": {\n    \"dt_memory_kb\": %" PRIu64 ", \"total_kb\": %" PRIu64
	       ", \"available_kb\": %" PRIu64 ", \"reserved_kb\": %" PRIu64 ", \"cma_kb\": %" PRIu64
	       ",\n", kib(sum(m->dt, m->ndt)), m->physpages << 2, m->available << 2,
	       m->reserved << 2, m->cma << 2);
	printf("    \"ram_kb\": %" PRIu64 ",\n    \"firmware\": [", kib(m->fill.ram_total));
	for (i = 0; i < m->fill.ncarve; i++) {
		printf("%s\n      {\"what\": ", i ? "," : "");
		bml_json_str(m->fill.carve[i].what, strlen(m->fill.carve[i].what));
		printf(", \"base\": \"0x%" PRIx64 "\", \"kb\": %" PRIu64 "}", m->fill.carve[i].base,
		       kib(m->fill.carve[i].size));
	}
	printf("%s],\n    \"removed\": [", m->fill.ncarve ? "\n    " : "");
	for (i = 0; i < m->nremoved; i++) {
		printf("%s\n      {\"why\": ", i ? "," : "");
		bml_json_str(m->removed[i].what, strlen(m->removed[i].what));
		printf(", \"base\": \"0x%" PRIx64 "\", \"kb\": %" PRIu64 "}", m->removed[i].base,
		       kib(m->removed[i].size));
	}
	printf("%s],\n    \"owners\": [", m->nremoved ? "\n    " : "");
	for (i = 0; i < m->ntotal; i++) {
		const char *nm = bml_map_name(m, m->total[i].name);

		printf("%s\n      {\"kind\": \"%s\", \"name\": ", i ? "," : "",
		       bml_kind_name[m->total[i].kind]);
		bml_json_str(nm, strlen(nm));
		printf(", \"kb\": %" PRIu64 "}", m->total[i].pages << 2);
	}
	printf("\n    ]\n  },\n");
}

/* ---- the map as text, for the parent process's --svg ---- */

static void write_name(FILE *f, const struct bml_map *m, int name)
{
	const char *s = bml_map_name(m, name);

	fprintf(f, " %s\n", *s ? s : "-");
}

void bml_map_write(const struct bml_map *m, FILE *f)
{
	int i;

	fprintf(f, "file %s\nmemline %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 "\n", m->file,
		m->physpages, m->available, m->reserved, m->cma);
	fprintf(f, "dma %" PRIu64 "\nfill %d %" PRIu64 "\n", m->dma_limit, m->fill.method,
		m->fill.ram_total);
	for (i = 0; i < m->nmem; i++)
		fprintf(f, "mem %" PRIu64 " %" PRIu64 " %u %d\n", m->mem[i].base, m->mem[i].end,
			m->mem[i].flags, m->mem[i].nid);
	for (i = 0; i < m->nseg; i++) {
		fprintf(f, "seg %" PRIu64 " %" PRIu64 " %d", m->seg[i].base, m->seg[i].end,
			m->seg[i].kind);
		write_name(f, m, m->seg[i].name);
	}
	for (i = 0; i < m->nout; i++) {
		fprintf(f, "out %" PRIu64 " %" PRIu64 " %d", m->out[i].base, m->out[i].end,
			m->out[i].kind);
		write_name(f, m, m->out[i].name);
	}
	for (i = 0; i < m->nzone; i++)
		fprintf(f, "zone %d %s %" PRIu64 " %" PRIu64 "\n", m->zone[i].nid, m->zone[i].name,
			m->zone[i].start, m->zone[i].end);
	for (i = 0; i < m->nnode; i++)
		fprintf(f, "node %d %" PRIu64 " %" PRIu64 "\n", m->node[i].nid, m->node[i].base,
			m->node[i].end);
	for (i = 0; i < m->fill.ncarve; i++)
		fprintf(f, "carve %" PRIu64 " %" PRIu64 " %s\n", m->fill.carve[i].base,
			m->fill.carve[i].size, m->fill.carve[i].what);
	fprintf(f, "end\n");
}

static void *grow(void *p, int n, size_t size)
{
	p = realloc(p, (n + 1) * size);
	if (!p)
		exit(BML_EXIT_BADINPUT);
	return p;
}

/* Reads what bml_map_write wrote; 0, or -1 if the text ends early. */
int bml_map_read(struct bml_map *m, FILE *f)
{
	char line[512], word[16], rest[256];
	uint64_t a, b, c, d;
	int x, y;

	memset(m, 0, sizeof(*m));
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (sscanf(line, "%15s", word) != 1)
			continue;
		if (!strcmp(word, "end"))
			return 0;
		if (!strcmp(word, "file")) {
			free(m->file_buf);
			m->file = m->file_buf = strdup(line + 5);
		} else if (sscanf(line, "memline %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64,
				  &a, &b, &c, &d) == 4) {
			m->physpages = a;
			m->available = b;
			m->reserved = c;
			m->cma = d;
		} else if (sscanf(line, "dma %" SCNu64, &a) == 1) {
			m->dma_limit = a;
		} else if (sscanf(line, "fill %d %" SCNu64, &x, &a) == 2) {
			m->fill.method = x;
			m->fill.ram_total = a;
		} else if (sscanf(line, "mem %" SCNu64 " %" SCNu64 " %d %d", &a, &b, &x, &y) == 4) {
			m->mem = grow(m->mem, m->nmem, sizeof(*m->mem));
			m->mem[m->nmem++] = (struct bml_mem){ a, b, x, y };
		} else if (sscanf(line, "%15s %" SCNu64 " %" SCNu64 " %d %255[^\n]", word, &a, &b,
				  &x, rest) == 5 && (!strcmp(word, "seg") || !strcmp(word, "out"))) {
			struct bml_seg s = { a, b, x, strcmp(rest, "-") ? name_id(m, rest) : -1 };

			if (word[0] == 's') {
				m->seg = grow(m->seg, m->nseg, sizeof(s));
				m->seg[m->nseg++] = s;
			} else {
				m->out = grow(m->out, m->nout, sizeof(s));
				m->out[m->nout++] = s;
			}
		} else if (sscanf(line, "zone %d %15s %" SCNu64 " %" SCNu64, &x, rest, &a, &b) == 4) {
			m->zone = grow(m->zone, m->nzone, sizeof(*m->zone));
			memset(&m->zone[m->nzone], 0, sizeof(*m->zone));
			m->zone[m->nzone].nid = x;
			snprintf(m->zone[m->nzone].name, sizeof(m->zone[0].name), "%s", rest);
			m->zone[m->nzone].start = a;
			m->zone[m->nzone++].end = b;
		} else if (sscanf(line, "node %d %" SCNu64 " %" SCNu64, &x, &a, &b) == 3) {
			m->node = grow(m->node, m->nnode, sizeof(*m->node));
			m->node[m->nnode++] = (struct bml_mem){ a, b, 0, x };
		} else if (sscanf(line, "carve %" SCNu64 " %" SCNu64 " %255[^\n]", &a, &b, rest) == 3 &&
			   m->fill.ncarve < BML_MAX_CARVE) {
			struct bml_range *r = &m->fill.carve[m->fill.ncarve++];

			r->base = a;
			r->size = b;
			snprintf(r->what, sizeof(r->what), "%s", rest);
		}
	}
	return -1;
}
