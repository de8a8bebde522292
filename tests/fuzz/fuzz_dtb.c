// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: arbitrary bytes and mutated DTBs through the kernel's own boot sequence
 * (tests/host/host_boot.c: header check, memory and reserved-memory scan, memblock, page
 * tables, zones, memmap, buddy hand-off) under ASan/UBSan, with every invariant checked at the
 * end of each phase and all state reset per input; after a full boot, every file of the
 * monitor's tree (the blob as /sys/firmware/devicetree/base, /proc/iomem...) is read. The boot
 * loader's copy of the input sits at the DTB's physical address, so the EFI stub's
 * /chosen/linux,uefi-* properties can point at a system table and memory map inside it
 * (tests/fuzz/gen-efi-seeds.py): efi_init runs on them and the UEFI invariants are checked
 * with memblock's.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/debug_invariants.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>
#include <linux/efi_init.h>
#include <asm/memory.h>
#include "harness.h"
#include "host_boot.h"

/*
 * Host budget per input: page tables, the memmap and the buddy stages cost about 40 ms per
 * GiB of present memory under ASan; above FUZZ_MEM_CAP_GB (default 4) the boot stops after
 * memblock, so that huge memory never makes the harness allocate unbounded host memory.
 */
static phys_addr_t fuzz_mem_cap = 4ULL << 30;
static bool verbose;

static void check(const char *phase, int bad)
{
	if (!bad)
		return;
	fprintf(stderr, "fuzz_dtb: %d invariant violation(s) after %s\n%s\n", bad, phase,
		console_capture());
	abort();
}

static void fuzz_phase(const char *name)
{
	if (!strcmp(name, "memblock")) {
		check(name, memblock_check_invariants() + efi_check_invariants());
		/* The simulated machine ends at 4 TiB; a boot beyond it would touch nothing real. */
		if (memblock_phys_mem_size() > fuzz_mem_cap ||
		    memblock_end_of_DRAM() > SIM_PHYS_LIMIT)
			host_boot_stop();
	} else if (!strcmp(name, "map_mem")) {
		check(name, memblock_check_invariants() + arch_check_pgtable_invariants());
	} else if (!strcmp(name, "memmap")) {
		check(name, memblock_check_invariants());
	} else if (!strcmp(name, "free_all")) {
		check(name, memblock_check_invariants() + buddy_check_invariants());
	}
}

/* Release the host pages the simulated boot touched. */
static void fuzz_discard(void)
{
	struct memblock_region *r;

	for_each_mem_region(r)
		if (r->base < SIM_PHYS_LIMIT)
			sim_discard(r->base, min_t(phys_addr_t, r->size, SIM_PHYS_LIMIT - r->base));
	sim_discard(host_kernel_at, host_kernel_size);
	sim_discard(host_dtb_at, MAX_FDT_SIZE);
}

/* ---- the monitor's files on the blob: names made up or renamed, bytes read ---- */

#define FUZZ_WALK_FILES	4096	/* per input: hostile trees can be wide */
#define FUZZ_WALK_DEPTH	16

struct walk_names {
	char **name;
	bool *dir;
	int n, cap;
};

static int walk_budget;

static void walk_add(void *ctx, const char *name, bool is_dir)
{
	struct walk_names *w = ctx;

	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 64;
		w->name = realloc(w->name, w->cap * sizeof(*w->name));
		w->dir = realloc(w->dir, w->cap * sizeof(*w->dir));
		if (!w->name || !w->dir)
			abort();
	}
	w->name[w->n] = strdup(name);
	w->dir[w->n++] = is_dir;
}

static void null_write(struct seq_file *m, const char *buf, size_t len)
{
	volatile const char *p = buf;

	while (len--)
		(void)*p++;
}

static void walk(const char *dir, int depth)
{
	struct seq_file m = { .write = null_write };
	struct walk_names w = { };
	char *path;
	int i;

	if (asprintf(&path, "%s/", dir) < 0)
		abort();
	proc_complete(path, "", walk_add, &w);
	free(path);
	for (i = 0; i < w.n; i++) {
		if (asprintf(&path, "%s/%s", dir, w.name[i]) < 0)
			abort();
		if (w.dir[i] && depth < FUZZ_WALK_DEPTH && strcmp(w.name[i], "device-tree"))
			walk(path, depth + 1);
		else if (!w.dir[i] && walk_budget-- > 0)
			proc_read_file(path, &m);
		free(path);
		free(w.name[i]);
	}
	free(w.name);
	free(w.dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	verbose = getenv("FUZZ_VERBOSE") != NULL;
	if (getenv("FUZZ_MEM_CAP_GB"))
		fuzz_mem_cap = strtoull(getenv("FUZZ_MEM_CAP_GB"), NULL, 0) << 30;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy the size of the input exactly: ASan sees any read past its end. */
	void *fdt = malloc(size ? size : 1);
	struct host_boot_params p = {
		.fdt = fdt, .fdt_len = size, .kernel_at = HOST_BOOT_DEFAULT,
		.kernel_size = HOST_BOOT_DEFAULT, .dtb_at = HOST_BOOT_DEFAULT, .phase = fuzz_phase,
	};
	int st;

	memcpy(fdt, data, size);
	st = host_boot(&p);
	if (st == HOST_BOOT_OK) {
		walk_budget = FUZZ_WALK_FILES;
		walk("", 0);
	}
	if (verbose)
		fprintf(stderr, "%s%s%s\n", console_capture(), st == HOST_BOOT_PANIC ? "panic: " : "",
			st == HOST_BOOT_PANIC ? panic_message() : "");
	fuzz_discard();
	free(fdt);
	return 0;
}
