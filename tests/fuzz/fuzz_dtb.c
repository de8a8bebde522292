// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: arbitrary bytes and mutated DTBs through the kernel's own boot sequence
 * (tests/host/host_boot.c: header check, memory and reserved-memory scan, memblock, page
 * tables, zones, memmap, buddy hand-off) under ASan/UBSan, with every invariant checked at the
 * end of each phase and all state reset per input.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/debug_invariants.h>
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
		check(name, memblock_check_invariants());
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
	if (verbose)
		fprintf(stderr, "%s%s%s\n", console_capture(), st == HOST_BOOT_PANIC ? "panic: " : "",
			st == HOST_BOOT_PANIC ? panic_message() : "");
	fuzz_discard();
	free(fdt);
	return 0;
}
