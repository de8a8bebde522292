// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests that boot several device trees in one process: put every piece of boot state
 * (memblock, NUMA, CMA, reserved-memory, the DT pointer, the command line) back as a fresh
 * boot finds it.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/numa.h>
#include <linux/cma.h>
#include <linux/of_fdt.h>
#include <linux/of_reserved_mem.h>
#include "harness.h"
#include "boot_reset.h"

static void memblock_type_reset(struct memblock_type *t)
{
	t->cnt = 1;
	t->total_size = 0;
	memset(&t->regions[0], 0, sizeof(t->regions[0]));
	t->regions[0].nid = MAX_NUMNODES;
}

void host_reset_boot_state(void)
{
	memblock_type_reset(&memblock.memory);
	memblock_type_reset(&memblock.reserved);
	memblock.bottom_up = false;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	memblock_debug = 0;
	movable_node_enabled = false;
	mm_reset_for_test();
	cma_reset();
	of_reserved_mem_reset();
	nodes_clear(&numa_nodes_parsed);
	numa_off = false;
	totalcma_pages = 0;
	initial_boot_params = NULL;
	initial_boot_params_pa = PHYS_ADDR_MAX;
	dt_rng_seed_len = 0;
	dt_has_kaslr_seed = false;
	boot_command_line[0] = 0;
	console_capture_reset();
}
