// SPDX-License-Identifier: GPL-2.0
/*
 * bootmem-layout's run: the kernel's own boot sequence on the host (tests/host/host_boot.c),
 * with the tool's two additions at phase ends: the memblock dump always, and a stop where
 * the simulated machine ends. Then the buddy allocator's free lists.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <asm/memory.h>
#include "harness.h"
#include "host_boot.h"
#include "layout.h"

static int run_status;

struct bml_mem *bml_dt_memory;
int bml_dt_memory_cnt;

/* The DT's memory as early_init_dt_scan_memory left it: what the board says it has. */
static void snapshot_dt_memory(void)
{
	struct memblock_region *r;
	int n = 0;

	free(bml_dt_memory);
	bml_dt_memory = calloc(memblock.memory.cnt, sizeof(*bml_dt_memory));
	if (!bml_dt_memory) {
		bml_dt_memory_cnt = 0;
		return;
	}
	for_each_mem_region(r) {
		bml_dt_memory[n].base = r->base;
		bml_dt_memory[n].end = r->base + r->size;
		bml_dt_memory[n].flags = r->flags;
		bml_dt_memory[n].nid = r->nid;
		n++;
	}
	bml_dt_memory_cnt = n;
}

/*
 * After the DT scan: its memory, for the map. After arm64_memblock_init: memory beyond the
 * simulated 4 TiB cannot be booted on the host. At the end of bootmem_init (where Linux's
 * memblock=debug dump stands): the dump, always.
 */
static void layout_phase(const char *name)
{
	if (!strcmp(name, "fdt"))
		snapshot_dt_memory();
	if (!strcmp(name, "memblock") && memblock_end_of_DRAM() > SIM_PHYS_LIMIT) {
		fprintf(stderr, "bootmem-layout: memory up to %#llx: only the first 4 TiB can be simulated (try mem=)\n",
			memblock_end_of_DRAM());
		run_status = BML_EXIT_BADINPUT;
		host_boot_stop();
	}
	if (!strcmp(name, "memmap") && !memblock_debug)
		__memblock_dump_all();
}

int bml_run(const struct bml_opts *o)
{
	struct host_boot_params p = {
		.fdt = o->blob, .fdt_len = o->blob_len,
		.kernel_at = o->kernel_at, .kernel_size = o->kernel_size, .dtb_at = o->dtb_at,
		.phase = layout_phase,
	};

	run_status = BML_EXIT_OK;
	bml_dt_memory_cnt = 0;
	switch (host_boot(&p)) {
	case HOST_BOOT_OK:
		show_buddyinfo();
		break;
	case HOST_BOOT_BADPARAM:
		fprintf(stderr, "bootmem-layout: image [%#llx +%#llx] or DTB at %#llx outside the simulated 4 TiB (or misaligned)\n",
			host_kernel_at, host_kernel_size, host_dtb_at);
		run_status = BML_EXIT_BADINPUT;
		break;
	case HOST_BOOT_PANIC:
		run_status = BML_EXIT_BADINPUT;
		if (!memblock.memory.total_size && !o->nram)
			bml_hint_empty_memory(o->name, o->blob, o->blob_len);
		break;
	}
	return run_status;
}
