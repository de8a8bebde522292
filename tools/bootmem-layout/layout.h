/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bootmem-layout: one layout run (layout.c), the boot loader's fill-ins (fill.c), the map of
 * who owns which memory (map.c), the pitfall checks (check.c), the picture (svg.c) and the
 * JSON report (report.c), for main.c.
 */
#ifndef _BML_LAYOUT_H
#define _BML_LAYOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdbool.h>
#include "efi_fw.h"

#define BML_EXIT_OK		0
#define BML_EXIT_WARN		1	/* --check found a warning */
#define BML_EXIT_BADINPUT	2

/* ---- --ram (fill.c) ---- */

#define BML_MAX_BANKS	16
#define BML_MAX_CARVE	4

struct bml_ram {
	uint64_t size, base;
	bool has_base;
};

struct bml_range {
	uint64_t base, size;
	char what[48];
};

#define BML_FILL_NONE	0
#define BML_FILL_UBOOT	1	/* U-Boot's fdt_fixup_memory_banks() */
#define BML_FILL_RPI	2	/* the Raspberry Pi firmware */

/* What --ram wrote into the DT, and the RAM the firmware kept out of it. */
struct bml_fill {
	int method;
	char node[64];
	int nbanks;
	struct bml_range bank[BML_MAX_BANKS];
	uint64_t ram_total;
	int ncarve;
	struct bml_range carve[BML_MAX_CARVE];
	bool added_memreserve;
};

/*
 * Rewrites *blob (malloc'd, replaced) with the memory node the boot loader would write for
 * @ram; 0, or -1 after a message naming @name and the value.
 */
int bml_fill_ram(const char *name, char **blob, size_t *len, const struct bml_ram *ram, int n,
		 uint64_t gpu_mem, struct bml_fill *fill);
/* After a boot that found no memory: what the DT lacks and which --ram would fill it. */
void bml_hint_empty_memory(const char *name, const void *fdt, size_t len);

/* ---- one run ---- */
/* --efi-memmap: the hand-over read back from a Linux efi=debug log or JSON (efi_input.c). */
#define BML_EFI_MAX_RSV	64
#define BML_EFI_MAX_MEMATTR	256
struct bml_efi {
	struct efi_fw fw;		/* descriptors, tables, desc size/version, addresses */
	char vendor[64];
	bool seen_map;
	uint64_t memattr_at, memattr_size;	/* MEMATTR= and its reservation (memblock=debug) */
	efi_memory_desc_t memattr[BML_EFI_MAX_MEMATTR];	/* its entries, from "efi: memattr:" lines */
	int nr_memattr;
	uint64_t memreserve_at, memreserve_head;	/* MEMRESERVE= and its head's reservation */
	uint64_t rsv[BML_EFI_MAX_RSV][2];	/* the ranges it reserved */
	int nr_rsv;
	uint64_t kernel_stext, kernel_size;	/* arm64_memblock_init's image reservation */
	uint64_t dtb_at;
	uint64_t early[BML_EFI_MAX_RSV][2];	/* memblock.reserved as reserve_regions dumped it */
	int nr_early;
};

/*
 * Parses @text (a log, a report or JSON) of Linux @version (linux/version.h; 0: not known);
 * 0, or -1 with bml_efi_error() saying why.
 */
int bml_efi_load(const char *text, struct bml_efi *e, unsigned int version);
const char *bml_efi_error(void);

struct bml_opts {
	const char *name;		/* the input's file name, for messages */
	char *blob;			/* the DTB as the boot loader would hand it over */
	size_t blob_len;
	const char *append;		/* NULL: leave /chosen/bootargs alone */
	uint64_t kernel_at, kernel_size, dtb_at;	/* ~0 = default placement */
	bool json, timestamps, check;
	int nram;			/* --ram given: the fill below was applied */
	struct bml_fill fill;
	FILE *map_out;			/* --svg: the child writes its map here */
	struct bml_efi *efi;		/* --efi-memmap, or NULL */
};

/* Runs the boot in this process (call it in a fresh child); BML_EXIT_*. */
int bml_run(const struct bml_opts *o);

/* The DT's memory as the scan left it (the "fdt" phase), for the map. */
struct bml_mem {
	uint64_t base, end;		/* [base, end) */
	unsigned int flags;		/* MEMBLOCK_* */
	int nid;
};
extern struct bml_mem *bml_dt_memory;
extern int bml_dt_memory_cnt;

/* ---- the map: who owns each page (map.c) ---- */

enum bml_kind {
	BK_FREE,		/* handed to the buddy allocator */
	BK_MEMRESERVE,		/* a /memreserve/ entry (the firmware's) */
	BK_NOMAP,		/* a no-map reserved-memory region (not in the linear map) */
	BK_RESMEM,		/* a reserved-memory region without no-map */
	BK_CMA,			/* a CMA area (default, cma= or a reusable pool) */
	BK_KERNEL,		/* the image, _stext.._end */
	BK_DTB,			/* the device tree blob */
	BK_MEMMAP,		/* struct pages (sparse's per-section maps) */
	BK_PGTABLE,		/* swapper's page-table pages */
	BK_SWIOTLB,		/* the bounce buffer */
	BK_INITRD,		/* the initrd (/chosen or initrd=) */
	BK_CRASHKERNEL,		/* crashkernel= reservations */
	BK_OTHER,		/* other early allocations: NODE_DATA, sparse roots, memblock arrays */
	BK_NR
};

extern const char *const bml_kind_name[BK_NR];
extern const char *const bml_kind_title[BK_NR];

/* A piece of the map: [base, end), its owner's kind and name (names[] index, or -1). */
struct bml_seg {
	uint64_t base, end;
	int kind;
	int name;
};

struct bml_zone {
	int nid;
	char name[12];
	uint64_t start, end;		/* spanned, [start, end) */
	unsigned long present, managed;
};

struct bml_map {
	const char *file;
	char *file_buf;			/* file, when read back by bml_map_read */
	/* memblock.memory after the boot, and as the DT scan left it */
	int nmem, ndt;
	struct bml_mem *mem, *dt;
	/* every page of memory, free or owned, in address order; owners outside memory too */
	int nseg, nout;
	struct bml_seg *seg, *out;
	int nname;
	char (*names)[64];
	int nzone, nnode;
	struct bml_zone *zone;
	struct bml_mem *node;		/* node spans: base, end, nid */
	/* the Memory: line, in pages: total = available + reserved + cma */
	uint64_t physpages, available, reserved, cma;
	/* pages per owner (kind, name) */
	int ntotal;
	struct { int kind, name; uint64_t pages; } *total;
	struct bml_fill fill;
	uint64_t dma_limit;		/* end of ZONE_DMA */
	/* DT memory the boot removed, and why (what: the reason) */
	int nremoved;
	struct bml_range *removed;
};

/* After a successful boot: the map from the kernel's state. */
void bml_map_collect(struct bml_map *m, const struct bml_opts *o);
void bml_map_free(struct bml_map *m);
/* The map as text lines (for the parent's --svg), and back. */
void bml_map_write(const struct bml_map *m, FILE *f);
int bml_map_read(struct bml_map *m, FILE *f);
/* "Where did my RAM go": the Memory: line's figures split by owner. */
void bml_map_print_breakdown(const struct bml_map *m, FILE *f);
void bml_map_json_breakdown(const struct bml_map *m);
/* The name of an owner (names[] index) or "". */
const char *bml_map_name(const struct bml_map *m, int name);

/* ---- --check (check.c) ---- */

#define BML_NOTE	0
#define BML_WARNING	1

/* Runs every check on the boot's state (and its own extra boots); BML_EXIT_OK or _WARN. */
int bml_check(const struct bml_opts *o, const struct bml_map *m);
/* The findings, where the RAM went, and "N warnings, N notes". */
void bml_check_print(FILE *f, const struct bml_map *m);
void bml_check_json(void);

/* ---- --svg (svg.c) ---- */

/* Draws one map, or two side by side (@b may be NULL); 0 or -1. */
int bml_svg(FILE *f, const struct bml_map *a, const struct bml_map *b);

/* ---- --json (report.c) ---- */

/* Prints the layout as JSON on stdout; @log is everything the kernel printed. */
void bml_report_json(const char *log, int status, const struct bml_map *m, bool check);
void bml_json_str(const char *s, size_t n);

#endif
