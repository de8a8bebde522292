// SPDX-License-Identifier: GPL-2.0
/*
 * bootmem-layout --check: the pitfalls board people report, each read off the state the one
 * boot sequence left (memblock, reserved_mem[], the CMA request and areas, zones, the
 * swiotlb buffer) with the Linux 6.1 behaviour behind it; the no-map cost in page-table
 * pages comes from extra boots of the same sequence. docs/bootmem-layout.md cites the reports.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <unistd.h>
#include <sys/wait.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/numa.h>
#include <linux/cma.h>
#include <linux/swiotlb.h>
#include <linux/of_fdt.h>
#include <linux/of_address.h>
#include <linux/of_reserved_mem.h>
#include <libfdt.h>
#include <asm/memory.h>
#include <asm/image.h>
#include <asm/mmu.h>
#include "harness.h"
#include "host_boot.h"
#include "layout.h"

struct finding {
	int severity;
	const char *id;
	const char *behaviour;	/* what Linux 6.1 does */
	char msg[768];
};

static struct finding *found;
static int nfound, nwarn;

static void __attribute__((format(printf, 4, 5)))
report(int severity, const char *id, const char *behaviour, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	found = realloc(found, (nfound + 1) * sizeof(*found));
	if (!found)
		exit(BML_EXIT_BADINPUT);
	f = &found[nfound++];
	f->severity = severity;
	f->id = id;
	f->behaviour = behaviour;
	va_start(ap, fmt);
	vsnprintf(f->msg, sizeof(f->msg), fmt, ap);
	va_end(ap);
	if (severity == BML_WARNING)
		nwarn++;
}

static unsigned long long mib(u64 bytes)
{
	return (bytes + (1 << 20) - 1) >> 20;
}

/* Bytes of memblock.memory inside [b, e) (@nomap_only: only NOMAP memory). */
static u64 memory_in(u64 b, u64 e, bool nomap_only)
{
	struct memblock_region *r;
	u64 n = 0;

	for_each_mem_region(r) {
		u64 s = max(b, r->base), t = min(e, r->base + r->size);

		if (s < t && (!nomap_only || (r->flags & MEMBLOCK_NOMAP)))
			n += t - s;
	}
	return n;
}

/* Bytes inside [b, e) of memory that is neither reserved nor NOMAP: the buddy allocator's. */
static u64 free_in(u64 b, u64 e)
{
	phys_addr_t start, end;
	u64 i, n = 0;

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL) {
		u64 s = max(b, (u64)start), t = min(e, (u64)end);

		if (s < t)
			n += t - s;
	}
	return n;
}

static const void *fdt(void)
{
	return initial_boot_params;
}

static bool is_reusable_pool(unsigned long node)
{
	return of_flat_dt_is_compatible(node, "shared-dma-pool") &&
	       of_get_flat_dt_prop(node, "reusable", NULL) &&
	       !of_get_flat_dt_prop(node, "no-map", NULL);
}

/* ---- CMA ---- */

static const char linux_cma_default[] =
	"dma_contiguous_reserve() asks cma_declare_contiguous_nid() for the area below the end of "
	"ZONE_DMA (or cma=size@base-limit); when memblock has no such free block Linux prints "
	"\"cma: Failed to reserve N MiB\" and boots without a default area: every dma_alloc "
	"that needs contiguous memory later falls back or fails.";
static const char linux_cma_pool[] =
	"fdt_init_reserved_mem() allocates a size-only pool inside its alloc-ranges; when nothing "
	"fits it prints \"OF: reserved mem: failed to allocate memory for node\"; a pool that "
	"rmem_cma_setup() refuses (misaligned, or bypassed by cma=) is given back with "
	"\"node ... compatible matching fail\".";

static void check_cma(void)
{
	const struct cma_request *req = &dma_contiguous_default_request;
	int i;

	if (req->size && req->ret)
		report(BML_WARNING, "cma-placement", linux_cma_default,
		       "the default CMA area (%llu MiB%s) could not be placed: %s %#llx, where "
		       "memory holds %llu MiB (error %d)",
		       mib(req->size), req->fixed ? ", fixed by cma=" : "",
		       req->fixed ? "at" : "below",
		       (unsigned long long)(req->fixed ? req->base :
					    (req->limit ? req->limit : memblock_end_of_DRAM())),
		       mib(memory_in(req->fixed ? req->base : 0,
				     req->fixed ? req->base + req->size :
				     (req->limit ? req->limit : memblock_end_of_DRAM()), false)),
		       req->ret);

	for (i = 0; i < reserved_mem_count; i++) {
		struct reserved_mem *r = &reserved_mem[i];
		bool dflt = of_get_flat_dt_prop(r->fdt_node, "linux,cma-default", NULL);

		if (!is_reusable_pool(r->fdt_node) || r->priv)
			continue;
		if (!r->size)
			report(BML_WARNING, "cma-placement", linux_cma_pool,
			       "CMA pool '%s' could not be placed inside its alloc-ranges: no free "
			       "block of its size there", r->name);
		else if (dflt && req->size)
			report(BML_NOTE, "cma-bypassed", linux_cma_pool,
			       "cma= on the command line replaces the DT's default pool '%s' (%llu MiB "
			       "at %#llx): its alloc-ranges no longer apply, the area is placed %s",
			       r->name, mib(r->size), (unsigned long long)r->base,
			       req->ret ? "nowhere (it failed)" : "by dma_contiguous_reserve()");
		else
			report(BML_WARNING, "cma-placement", linux_cma_pool,
			       "CMA pool '%s' [mem %#llx-%#llx] was refused by rmem_cma_setup() and "
			       "given back (base and size must be %lu KiB aligned)", r->name,
			       (unsigned long long)r->base,
			       (unsigned long long)(r->base + r->size - 1),
			       CMA_MIN_ALIGNMENT_BYTES >> 10);
	}
}

/* ---- reserved-memory ---- */

static const char linux_overlap[] =
	"__rmem_check_for_overlap() sorts reserved_mem[] and prints \"OF: reserved mem: OVERLAP "
	"DETECTED!\" for neighbours that overlap, then carries on: both regions stay reserved and "
	"both drivers get the shared memory.";

static void check_overlap(void)
{
	int i, j;

	for (i = 0; i < reserved_mem_count; i++)
		for (j = i + 1; j < reserved_mem_count; j++) {
			struct reserved_mem *a = &reserved_mem[i], *b = &reserved_mem[j];

			if (!a->size || !b->size || a->base >= b->base + b->size ||
			    b->base >= a->base + a->size)
				continue;
			report(BML_WARNING, "resmem-overlap", linux_overlap,
			       "reserved-memory '%s' [mem %#llx-%#llx] overlaps '%s' [mem %#llx-%#llx]",
			       a->name, (unsigned long long)a->base,
			       (unsigned long long)(a->base + a->size - 1), b->name,
			       (unsigned long long)b->base,
			       (unsigned long long)(b->base + b->size - 1));
		}
}

static const char linux_nomap_busy[] =
	"early_init_dt_reserve_memory() refuses no-map over memory that is already reserved "
	"(/memreserve/ entries, the kernel and the DTB come first): -EBUSY, \"OF: fdt: Reserved "
	"memory: failed to reserve memory for node\". The region stays in the linear map and, "
	"outside what was reserved before, the page allocator hands it out.";
static const char linux_nomap_back[] =
	"A no-map region whose driver init fails (\"node ... compatible matching fail\") gets "
	"memblock_clear_nomap(): it is mapped again but stays reserved.";

/* What was reserved over [b, e) before /reserved-memory child @node: a description, or NULL. */
static const char *reserved_before(u64 b, u64 e, int node, char *buf, size_t len, bool *memrsv)
{
	const void *blob = fdt();
	uint64_t rb, rs;
	int n, child, rm, t = dt_root_addr_cells + dt_root_size_cells;
	u64 kb = kernel_image.stext, ke = kernel_image.end;

	*memrsv = false;
	for (n = 0; !fdt_get_mem_rsv(blob, n, &rb, &rs) && rs; n++)
		if (rb < e && b < rb + rs) {
			*memrsv = true;
			snprintf(buf, len, "/memreserve/ [mem %#llx-%#llx]", (unsigned long long)rb,
				 (unsigned long long)(rb + rs - 1));
			return buf;
		}
	if (kb < e && b < ke) {
		snprintf(buf, len, "the kernel image [mem %#llx-%#llx] (a boot loader that loads it "
			 "elsewhere avoids this: --kernel-at)", kb, ke - 1);
		return buf;
	}
	if (initial_boot_params_pa < e && b < initial_boot_params_pa + fdt_totalsize(blob)) {
		snprintf(buf, len, "the DTB at %#llx (--dtb-at moves it)", initial_boot_params_pa);
		return buf;
	}
	rm = fdt_path_offset(blob, "/reserved-memory");
	fdt_for_each_subnode(child, blob, rm) {
		int plen;
		const fdt32_t *reg = fdt_getprop(blob, child, "reg", &plen);

		if (child == node)
			break;
		if (!reg || fdt_getprop(blob, child, "no-map", NULL) ||
		    !of_fdt_device_is_available(blob, child))
			continue;
		for (; plen >= t * 4; plen -= t * 4) {
			u64 cb = dt_mem_next_cell(dt_root_addr_cells, &reg);
			u64 cs = dt_mem_next_cell(dt_root_size_cells, &reg);

			if (cb < e && b < cb + cs) {
				snprintf(buf, len, "reserved-memory '%s' [mem %#llx-%#llx]",
					 fdt_get_name(blob, child, NULL), cb, cb + cs - 1);
				return buf;
			}
		}
	}
	return NULL;
}

static void check_nomap(void)
{
	const void *blob = fdt();
	int rm = blob ? fdt_path_offset(blob, "/reserved-memory") : -1, child;
	int t = dt_root_addr_cells + dt_root_size_cells;
	char why[160];

	if (rm < 0 || t < 2 || t > 4)
		return;
	fdt_for_each_subnode(child, blob, rm) {
		int len;
		const fdt32_t *reg = fdt_getprop(blob, child, "reg", &len);
		const char *name = fdt_get_name(blob, child, NULL);

		if (!reg || !fdt_getprop(blob, child, "no-map", NULL) ||
		    !of_fdt_device_is_available(blob, child))
			continue;
		for (; len >= t * 4; len -= t * 4) {
			u64 b = dt_mem_next_cell(dt_root_addr_cells, &reg);
			u64 s = dt_mem_next_cell(dt_root_size_cells, &reg);
			u64 inmem = b + s > b ? memory_in(b, b + s, false) : 0;
			bool memrsv;

			if (!inmem || memory_in(b, b + s, true) == inmem)
				continue;
			if (reserved_before(b, b + s, child, why, sizeof(why), &memrsv))
				report(BML_WARNING, memrsv ? "nomap-memreserve" : "nomap-refused",
				       linux_nomap_busy,
				       "no-map region '%s' [mem %#llx-%#llx] overlaps %s: Linux refused "
				       "it; it stays mapped, and %llu KiB of it go to the page allocator",
				       name, b, b + s - 1, why,
				       free_in(b, b + s) >> 10);
			else
				report(BML_WARNING, "nomap-given-back", linux_nomap_back,
				       "no-map region '%s' [mem %#llx-%#llx] is mapped: its init failed "
				       "and Linux cleared no-map", name, b, b + s - 1);
		}
	}
}

static const char linux_reserve_merged[] =
	"__reserved_mem_reserve_reg() reserves a region without no-map with memblock_reserve() "
	"whatever it overlaps: over the kernel image or the DTB (reserved first) the two "
	"reservations merge without a word, and the node's driver later gets memory the kernel "
	"is using.";

/* A plain /reserved-memory region over the image or the DTB (the kernel's bootmem: line). */
static void check_reserve_over_image(void)
{
	int i;

	for (i = 0; i < nr_reserve_conflicts; i++) {
		const struct reserve_conflict *c = &reserve_conflicts[i];

		if (c->nomap)
			continue;	/* check_nomap says it, with what it costs */
		report(BML_WARNING, "resmem-over-image", linux_reserve_merged,
		       "reserved-memory '%s' [mem %#llx-%#llx] overlaps %s: Linux reserves it all "
		       "the same, over memory the kernel uses", c->node, c->base,
		       c->base + c->size - 1, c->with);
	}
}

static const char linux_too_many[] =
	"fdt_reserved_mem_save_node() keeps MAX_RESERVED_REGIONS (64) regions; past that it "
	"prints one line, \"OF: reserved mem: not enough space for all defined regions.\", and "
	"drops the rest silently: static ones stay reserved in memblock but are never "
	"initialised (no CMA or DMA pool, no 'initialized node' line), dynamic ones are never "
	"allocated.";

static void check_too_many(void)
{
	const void *blob = fdt();
	int rm = blob ? fdt_path_offset(blob, "/reserved-memory") : -1, child, n = 0, i;
	char names[256] = "";
	int dropped = 0;

	if (rm < 0)
		return;
	fdt_for_each_subnode(child, blob, rm) {
		bool saved = false;

		if (!of_fdt_device_is_available(blob, child) ||
		    (!fdt_getprop(blob, child, "reg", NULL) && !fdt_getprop(blob, child, "size", NULL)))
			continue;
		n++;
		for (i = 0; i < reserved_mem_count && !saved; i++)
			saved = reserved_mem[i].fdt_node == (unsigned long)child;
		if (saved)
			continue;
		if (dropped++ < 4)
			snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s'%s'",
				 dropped > 1 ? ", " : "", fdt_get_name(blob, child, NULL));
	}
	if (n > MAX_RESERVED_REGIONS && dropped)
		report(BML_WARNING, "resmem-too-many", linux_too_many,
		       "/reserved-memory has %d regions, Linux keeps %d: %d dropped (%s%s)", n,
		       MAX_RESERVED_REGIONS, dropped, names, dropped > 4 ? ", ..." : "");
}

/* ---- the linear map ---- */

static const char linux_nomap_split[] =
	"map_mem() maps memory with 1 GiB and 2 MiB blocks under rodata=on/off and skips NOMAP "
	"memory: a no-map boundary inside a block makes that block a table of smaller entries "
	"(a PMD table for a 1 GiB block, a PTE table for a 2 MiB block): more page-table pages "
	"and more TLB entries for the linear map. rodata=full (Debian's default) maps every "
	"page with 4 KiB entries anyway.";

/* The blob with @arg appended to /chosen/bootargs. */
static char *blob_with_arg(const struct bml_opts *o, const char *arg, size_t *len)
{
	size_t size = o->blob_len + 4096;
	char *b = malloc(size), *args;
	const char *old;
	int chosen, l;

	if (!b || fdt_open_into(o->blob, b, size)) {
		free(b);
		return NULL;
	}
	chosen = fdt_path_offset(b, "/chosen");
	if (chosen < 0)
		chosen = fdt_add_subnode(b, 0, "chosen");
	old = chosen >= 0 ? fdt_getprop(b, chosen, "bootargs", &l) : NULL;
	if (chosen < 0 || asprintf(&args, "%.*s%s%s", old && l > 0 ? (int)strnlen(old, l) : 0,
				   old ? old : "", old && l > 1 ? " " : "", arg) < 0) {
		free(b);
		return NULL;
	}
	l = fdt_setprop_string(b, chosen, "bootargs", args);
	free(args);
	if (l) {
		free(b);
		return NULL;
	}
	*len = fdt_totalsize(b);
	return b;
}

static bool cf_clear_nomap;
static unsigned long cf_pages;

/* The extra boots: no-map cleared before paging_init (if asked), stopped after map_mem. */
static void cf_phase(const char *name)
{
	if (!strcmp(name, "memblock") && cf_clear_nomap) {
		struct memblock_region *r;
		u64 *bs = calloc(2 * memblock.memory.cnt, sizeof(u64));
		int n = 0, i;

		for_each_mem_region(r)
			if (bs && (r->flags & MEMBLOCK_NOMAP)) {
				bs[2 * n] = r->base;
				bs[2 * n++ + 1] = r->size;
			}
		/* Collected first: clearing merges regions under the iterator. */
		for (i = 0; i < n; i++)
			memblock_clear_nomap(bs[2 * i], bs[2 * i + 1]);
		free(bs);
	}
	if (!strcmp(name, "map_mem")) {
		cf_pages = map_mem_pgtable_pages;
		host_boot_stop();
	}
}

/* map_mem's table pages for rodata=on/off, with and without the no-map holes (-1: failed). */
static void nomap_costs(const struct bml_opts *o, long pages[2][2])
{
	static const char *const ro[2] = { "rodata=on", "rodata=off" };
	int i, j;

	for (i = 0; i < 2; i++) {
		size_t len;
		char *b = blob_with_arg(o, ro[i], &len);

		for (j = 0; j < 2; j++) {
			struct host_boot_params p = {
				.fdt = b, .fdt_len = len, .kernel_at = host_kernel_at,
				.kernel_size = host_kernel_size, .dtb_at = host_dtb_at,
				.phase = cf_phase,
			};

			cf_clear_nomap = j;
			cf_pages = 0;
			pages[i][j] = b && host_boot(&p) == HOST_BOOT_STOPPED ? (long)cf_pages : -1;
		}
		free(b);
	}
}

/* Runs nomap_costs() in a child, so that this process keeps the boot's state. */
static bool nomap_costs_forked(const struct bml_opts *o, long pages[2][2])
{
	int fd[2], st;
	pid_t pid;

	fflush(NULL);
	if (pipe(fd))
		return false;
	pid = fork();
	if (pid == 0) {
		close(fd[0]);
		nomap_costs(o, pages);
		_exit(write(fd[1], pages, sizeof(long[2][2])) == sizeof(long[2][2]) ? 0 : 1);
	}
	close(fd[1]);
	st = pid > 0 && read(fd[0], pages, sizeof(long[2][2])) == sizeof(long[2][2]);
	close(fd[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return st;
}

/* "splits the 1 GiB block at X" for a no-map boundary @a that is inside mapped memory. */
static int describe_split(char *buf, size_t len, u64 a)
{
	static const struct { u64 size; const char *name; } blk[] = {
		{ 1ULL << 30, "1 GiB" }, { 1ULL << 21, "2 MiB" },
	};
	unsigned int i;
	int n = 0;

	for (i = 0; i < ARRAY_SIZE(blk); i++) {
		u64 base = a & ~(blk[i].size - 1);

		if (a == base || memory_in(base, base + blk[i].size, false) != blk[i].size)
			continue;
		n += snprintf(buf + n, len - n, "%s the %s block at %#llx", n ? "," : "",
			      blk[i].name, base);
		if ((size_t)n >= len)
			break;
	}
	return n;
}

static void check_nomap_split(const struct bml_opts *o)
{
	struct memblock_region *r;
	long pages[2][2];
	char where[512] = "";
	int n = 0, regions = 0;

	for_each_mem_region(r) {
		char buf[200];

		if (!(r->flags & MEMBLOCK_NOMAP))
			continue;
		regions++;
		if (describe_split(buf, sizeof(buf), r->base) ||
		    describe_split(buf, sizeof(buf), r->base + r->size))
			n += snprintf(where + n, sizeof(where) - n, "%s[mem %#llx-%#llx] splits%s",
				      n ? "; " : "", r->base, r->base + r->size - 1, buf);
		if ((size_t)n >= sizeof(where))
			break;
	}
	if (!regions || !n || !nomap_costs_forked(o, pages))
		return;
	if (pages[0][0] < 0 || pages[0][1] < 0 || pages[1][0] < 0 || pages[1][1] < 0)
		return;
	if (pages[0][0] <= pages[0][1] && pages[1][0] <= pages[1][1])
		return;
	report(BML_NOTE, "nomap-split", linux_nomap_split,
	       "%s. Linear-map page-table pages: rodata=on %ld (%ld without the no-map holes, "
	       "%+ld KiB), rodata=off %ld (%ld, %+ld KiB)", where, pages[0][0], pages[0][1],
	       (pages[0][0] - pages[0][1]) * 4, pages[1][0], pages[1][1],
	       (pages[1][0] - pages[1][1]) * 4);
}

static const char linux_linear[] =
	"arm64_memblock_init() removes memory above the 48-bit physical address space and "
	"whatever the linear map (2^47 bytes from the lowest memory, 1 GiB aligned) cannot "
	"cover, printing only \"Memory doesn't fit in the linear mapping, VA_BITS too small\".";
static const char linux_mem[] =
	"mem= makes arm64_memblock_init() cut memory with memblock_mem_limit_remove_map().";

static void check_linear(const struct bml_map *m)
{
	int i;

	for (i = 0; i < m->nremoved; i++) {
		const struct bml_range *r = &m->removed[i];
		bool mem = !strcmp(r->what, "mem=");

		report(mem ? BML_NOTE : BML_WARNING, mem ? "mem-limit" : "linear-map",
		       mem ? linux_mem : linux_linear,
		       "%llu MiB of memory [mem %#llx-%#llx] %s: Linux does not use it", mib(r->size),
		       (unsigned long long)r->base, (unsigned long long)(r->base + r->size - 1),
		       mem ? "is cut by mem=" : r->what);
	}
}

/* ---- DMA reach ---- */

static const char linux_dma[] =
	"zone_sizes_init() ends ZONE_DMA where every device the DT describes can still reach "
	"(of_dma_get_max_cpu_address() over all dma-ranges, at most 32 bits); memory above it is "
	"reached through the 64 MiB swiotlb bounce buffer, which mem_init() places below that "
	"limit, and GFP_DMA / the default CMA area must come from below it.";
static const char linux_dma_zone[] =
	"max_zone_phys() lets ZONE_DMA cover up to 4 GiB (or everything) when memory starts above "
	"the DMA limit, so GFP_DMA and the default CMA area may lie where the narrowest devices "
	"cannot reach.";

static const char linux_dma_bits[] =
	"zone_sizes_init() sizes ZONE_DMA in address bits, zone_dma_bits = fls64() of the DT's "
	"DMA limit, so a limit that is no power of two is rounded up.";

/* The node whose dma-ranges set the limit (a path into @buf), or "the DT". */
static const char *dma_limiter(u64 limit, char *buf, int len)
{
	const void *blob = fdt();
	int node;

	for (node = fdt_next_node(blob, -1, NULL); node >= 0; node = fdt_next_node(blob, node, NULL))
		if (fdt_getprop(blob, node, "dma-ranges", NULL) &&
		    of_dma_get_max_cpu_address_node(node) == limit &&
		    !fdt_get_path(blob, node, buf, len))
			return buf;
	return "the DT";
}

static void check_dma(const struct bml_map *m)
{
	u64 limit = of_dma_get_max_cpu_address(), reach, above;
	struct cma *dflt = dma_contiguous_default_area;
	char who[256];

	if (limit == PHYS_ADDR_MAX || !m->nmem)
		return;
	reach = limit + 1;
	above = memory_in(reach, ~0ULL, false);
	dma_limiter(limit, who, sizeof(who));
	if (above == memblock_phys_mem_size()) {
		report(BML_WARNING, "dma-reach", linux_dma_zone,
		       "devices under %s reach only [0-%#llx], and no memory lies there: none of the "
		       "%llu MiB is reachable for DMA (ZONE_DMA ends at %#llx all the same)", who,
		       limit, mib(above), (unsigned long long)m->dma_limit);
		return;
	}
	if (m->dma_limit > reach)
		report(BML_NOTE, "dma-zone-rounded", linux_dma_bits,
		       "ZONE_DMA ends at %#llx (zone_dma_bits = %u) but devices under %s reach only "
		       "[0-%#llx]: GFP_DMA pages above that still need the bounce buffer",
		       (unsigned long long)m->dma_limit, zone_dma_bits, who, limit);
	if (above && !io_tlb_default_mem.end)
		report(BML_WARNING, "dma-reach", linux_dma,
		       "devices under %s reach only [0-%#llx], %llu MiB of memory lies above, and the "
		       "swiotlb bounce buffer could not be placed below the limit", who, limit,
		       mib(above));
	else if (above && io_tlb_default_mem.end > reach)
		report(BML_WARNING, "dma-reach", linux_dma,
		       "the swiotlb bounce buffer [mem %#llx-%#llx] lies beyond what devices under %s "
		       "reach ([0-%#llx])", (unsigned long long)io_tlb_default_mem.start,
		       (unsigned long long)io_tlb_default_mem.end - 1, who, limit);
	else if (above)
		report(BML_NOTE, "dma-reach", linux_dma,
		       "devices under %s reach only [0-%#llx]: ZONE_DMA ends at %#llx; %llu MiB of "
		       "memory above is reached through the swiotlb bounce buffer [mem %#llx-%#llx]",
		       who, limit, (unsigned long long)m->dma_limit, mib(above),
		       (unsigned long long)io_tlb_default_mem.start,
		       (unsigned long long)io_tlb_default_mem.end - 1);
	if (dflt && PFN_PHYS(dflt->base_pfn + dflt->count) > reach)
		report(BML_WARNING, "cma-dma-reach", linux_dma,
		       "the default CMA area '%s' [mem %#llx-%#llx] lies (partly) beyond what devices "
		       "under %s reach ([0-%#llx])", dflt->name,
		       (unsigned long long)PFN_PHYS(dflt->base_pfn),
		       (unsigned long long)PFN_PHYS(dflt->base_pfn + dflt->count) - 1, who, limit);
}

/* ---- the report ---- */

int bml_check(const struct bml_opts *o, const struct bml_map *m)
{
	free(found);
	found = NULL;
	nfound = nwarn = 0;
	check_cma();
	check_overlap();
	check_nomap();
	check_reserve_over_image();
	check_too_many();
	check_linear(m);
	check_dma(m);
	check_nomap_split(o);
	return nwarn ? BML_EXIT_WARN : BML_EXIT_OK;
}

void bml_check_print(FILE *f, const struct bml_map *m)
{
	int i, notes = nfound - nwarn;

	for (i = 0; i < nfound; i++) {
		fprintf(f, "%s [%s] %s\n", found[i].severity == BML_WARNING ? "warning" : "note",
			found[i].id, found[i].msg);
		fprintf(f, "    Linux 6.1: %s\n", found[i].behaviour);
	}
	if (nfound)
		fputc('\n', f);
	bml_map_print_breakdown(m, f);
	fprintf(f, "\n%d warning%s, %d note%s\n", nwarn, nwarn == 1 ? "" : "s", notes,
		notes == 1 ? "" : "s");
}

void bml_check_json(void)
{
	int i;

	printf("  \"checks\": {\"warnings\": %d, \"notes\": %d, \"findings\": [", nwarn,
	       nfound - nwarn);
	for (i = 0; i < nfound; i++) {
		printf("%s\n    {\"severity\": \"%s\", \"id\": \"%s\", \"message\": ", i ? "," : "",
		       found[i].severity == BML_WARNING ? "warning" : "note", found[i].id);
		bml_json_str(found[i].msg, strlen(found[i].msg));
		printf(", \"linux\": ");
		bml_json_str(found[i].behaviour, strlen(found[i].behaviour));
		putchar('}');
	}
	printf("%s]},\n", nfound ? "\n  " : "");
}
