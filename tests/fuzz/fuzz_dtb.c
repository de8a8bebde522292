// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: arbitrary bytes and mutated DTBs through the kernel's own early memory
 * code (header check, memory and reserved-memory scan, memblock, zones, memmap, buddy
 * hand-off) under ASan/UBSan, with every invariant checked and all state reset per input.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * memblock.c is included, not linked, so that the reset below can put back its static
 * arrays and its resize switch: the only way to run many boots in one process.
 */
#include "../../mm/memblock.c"

#include <linux/init.h>
#include <linux/mm.h>
#include <linux/numa.h>
#include <linux/cma.h>
#include <linux/of_fdt.h>
#include <linux/of_reserved_mem.h>
#include <linux/memory_hotplug.h>
#include <linux/debug_invariants.h>
#include <libfdt.h>
#include <asm/memory.h>
#include "harness.h"
#include "boot_reset.h"

/* Where the kernel would find the blob and its image on QEMU virt. */
#define FUZZ_DTB_PA		0x48000000ULL
#define FUZZ_IMAGE_PA		0x40210000ULL
#define FUZZ_IMAGE_SIZE		0x1ffb000ULL
/*
 * Host budget per input: the memmap and buddy stages cost about 40 ms per GiB of present
 * memory under ASan; above FUZZ_MEM_CAP_GB (default 4) they are skipped, so that huge
 * memory never makes the harness allocate or touch unbounded host memory.
 */
static phys_addr_t fuzz_mem_cap = 4ULL << 30;
#define PHYS_MASK_SHIFT		48

extern phys_addr_t arm64_dma_phys_limit;
void arch_numa_init(void);
void zone_sizes_init_arm64(void);
void build_all_zonelists(void);
void init_per_zone_wmark_min(void);
void mem_init_print_info(void);
void dma_contiguous_reserve(phys_addr_t limit);

/* Stand-ins for the arch hooks debug_invariants.c calls; the page tables have their own tests. */
int arch_check_pgtable_invariants(void)
{
	return 0;
}

static struct memblock pristine;
static bool verbose;

/* memblock may have doubled its arrays into simulated memory: back to the static ones. */
static void reset_arrays(void)
{
	memblock = pristine;
	memblock.memory.regions = memblock_memory_init_regions;
	memblock.reserved.regions = memblock_reserved_init_regions;
	memblock_can_resize = 0;
}

/* Everything back to a fresh boot. */
static void fuzz_reset(void)
{
	reset_arrays();
	host_reset_boot_state();
}

/* Release the host pages the simulated boot touched. */
static void fuzz_discard(void)
{
	struct memblock_region *r;

	for_each_mem_region(r)
		if (r->base < SIM_PHYS_LIMIT)
			sim_discard(r->base, min_t(phys_addr_t, r->size, SIM_PHYS_LIMIT - r->base));
}

static void check(const char *phase, int bad)
{
	if (!bad)
		return;
	fprintf(stderr, "fuzz_dtb: %d invariant violation(s) after %s\n%s\n", bad, phase,
		console_capture());
	abort();
}

/* arm64_memblock_init(), with the harness's image and its simulated address space. */
static void fuzz_memblock_init(void)
{
	memblock_remove(1ULL << PHYS_MASK_SHIFT, ULLONG_MAX);
	/* The simulated window is 2^42 bytes: as if the CPU had 42 PA bits. */
	memblock_remove(SIM_PHYS_LIMIT, ULLONG_MAX);
	if (!memblock.memory.total_size)
		return;
	memstart_addr = round_down(memblock_start_of_DRAM(), SZ_1G);
	memblock_reserve(FUZZ_IMAGE_PA, FUZZ_IMAGE_SIZE);
	early_init_fdt_scan_reserved_mem();
}

struct blob {
	void *fdt;
	size_t mapped;
};

static void fuzz_boot(void *arg)
{
	struct blob *b = arg;

	/* The kernel maps min(totalsize, 2 MiB); here exactly the input is "mapped". */
	if (!early_init_dt_verify_mapped(b->fdt, FUZZ_DTB_PA, b->mapped))
		return;
	early_init_dt_scan_nodes();
	early_init_fdt_reserve_self();
	fuzz_memblock_init();
	check("memblock", memblock_check_invariants());
	if (!memblock.memory.total_size || memblock_phys_mem_size() > fuzz_mem_cap)
		return;

	/* paging_init would map memory here; memblock may now double its arrays. */
	memblock_allow_resize();
	max_pfn = max_low_pfn = PFN_DOWN(memblock_end_of_DRAM());
	min_low_pfn = PFN_UP(memblock_start_of_DRAM());
	arch_numa_init();
	sparse_init();
	zone_sizes_init_arm64();
	dma_contiguous_reserve(arm64_dma_phys_limit);
	check("memmap", memblock_check_invariants());

	build_all_zonelists();
	memblock_free_all();
	init_per_zone_wmark_min();
	mem_init_print_info();
	check("free_all", memblock_check_invariants() + buddy_check_invariants());
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	pristine = memblock;
	verbose = getenv("FUZZ_VERBOSE") != NULL;
	if (getenv("FUZZ_MEM_CAP_GB"))
		fuzz_mem_cap = strtoull(getenv("FUZZ_MEM_CAP_GB"), NULL, 0) << 30;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy the size of the input exactly: ASan sees any read past its end. */
	size_t len = max_t(size_t, size, 64);
	struct blob b = { .fdt = malloc(len), .mapped = min_t(size_t, len, MAX_FDT_SIZE) };
	void *fdt = b.fdt;
	int panicked;

	/* The header check reads 40 bytes whatever totalsize says: short input is zero-padded. */
	memset(fdt, 0, len);
	memcpy(fdt, data, size);
	fuzz_reset();
	panicked = run_expect_panic(fuzz_boot, &b);
	if (verbose)
		fprintf(stderr, "%s%s%s\n", console_capture(), panicked ? "panic: " : "",
			panicked ? panic_message() : "");
	fuzz_discard();
	free(fdt);
	return 0;
}
