// SPDX-License-Identifier: GPL-2.0
/*
 * What start_kernel does once memory is up: the buddy hand-off and watermarks (mm_core_init),
 * then the command line's requests: self-tests, ptdump, buddyinfo/zoneinfo, files (cat=), and
 * deliberate faults for the tests.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/debug_invariants.h>
#include <linux/bootmem_checksum.h>
#include <linux/start_kernel.h>
#include <linux/version.h>
#include <linux/proc_fs.h>
#include <linux/efi_init.h>
#include <asm/memory.h>
#include <asm/mmu.h>
#include <asm/ptdump.h>

static bool opt_selftest, opt_ptdump, opt_buddyinfo, opt_zoneinfo, opt_checksum;
static char test_fault[16];

static int __init set_selftest(char *v) { opt_selftest = true; return 0; }
static int __init set_ptdump(char *v) { opt_ptdump = true; return 0; }
static int __init set_buddyinfo(char *v) { opt_buddyinfo = true; return 0; }
static int __init set_zoneinfo(char *v) { opt_zoneinfo = true; return 0; }
early_param("selftest", set_selftest);
early_param("ptdump", set_ptdump);
early_param("buddyinfo", set_buddyinfo);
early_param("zoneinfo", set_zoneinfo);

/* bootmem_checksum: what the bring-up built, as three numbers (see docs/performance.md). */
static int __init set_checksum(char *v) { opt_checksum = true; return 0; }
early_param("bootmem_checksum", set_checksum);

/*
 * test_fault=null|nomap|efi-runtime|stack|undef: a deliberate fault, for the tests of the
 * exception reports (Linux has lkdtm for this). nomap touches the first no-map region through
 * the linear map, efi-runtime the first UEFI runtime-services region: both must fault, never hang.
 */
static int __init set_test_fault(char *v)
{
	if (v)
		snprintf(test_fault, sizeof(test_fault), "%s", v);
	return 0;
}
early_param("test_fault", set_test_fault);

/* Linux 6.1's mm_init(); build_all_zonelists() ran before, in start_kernel. */
void mm_core_init(void)
{
	mem_init();
	/*
	 * 6.1's mm_init() prints "Memory:" right after mem_init(); 6.12 waits for the deferred
	 * struct pages, in page_alloc_init_late(), long after the rest of mm_core_init().
	 */
	if (!linux_since(6, 12))
		mem_init_print_info();
	boot_phase_done("free_all");
	/* Linux: setup_per_cpu_pageset() in start_kernel, then two initcalls (postcore, subsys). */
	setup_per_cpu_pageset();
	init_per_zone_wmark_min();
	if (linux_since(6, 12)) {
		do_pre_smp_initcalls();
		mem_init_print_info();
	}
	hugepage_init();
}

static noinline void fault_null(void)
{
	volatile u64 *p = (volatile u64 *)(unsigned long)READ_ONCE(test_fault[15]);

	bm_info("test_fault: reading through a NULL pointer\n");
	(void)*p;
}

static noinline void fault_nomap(void)
{
	struct memblock_region *r;

	for_each_mem_region(r) {
		if (r->flags & MEMBLOCK_NOMAP) {
			volatile u64 *p = phys_to_virt(r->base);

			bm_info("test_fault: reading no-map memory at %#llx through the linear map (%px)\n",
				r->base, p);
			(void)*p;
			return;
		}
	}
	bm_err("test_fault=nomap: this device tree has no no-map region\n");
}

/* Runtime services code and data are NOMAP (reserve_regions), so never in the linear map. */
static noinline void fault_efi_runtime(void)
{
	phys_addr_t base;
	u64 size;
	volatile u64 *p;

	if (!efi_enabled(EFI_MEMMAP) || !efi_first_runtime_region(&base, &size)) {
		bm_err("test_fault=efi-runtime: not booted through UEFI, or its memory map has no runtime-services region\n");
		return;
	}
	p = phys_to_virt(base);
	bm_info("test_fault: reading UEFI runtime-services memory [mem %#018llx-%#018llx] through the linear map (%px)\n",
		(unsigned long long)base, (unsigned long long)(base + size - 1), p);
	(void)*p;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winfinite-recursion"
/* Recurses until the guard page below the stack stops it: that is the point. */
static noinline int fault_stack(int depth)
{
	volatile char pad[1024];

	pad[0] = (char)depth;
	return fault_stack(depth + 1) + pad[0];
}
#pragma GCC diagnostic pop

void run_test_fault(void)
{
	if (!test_fault[0])
		return;
	if (!strcmp(test_fault, "null"))
		fault_null();
	else if (!strcmp(test_fault, "nomap"))
		fault_nomap();
	else if (!strcmp(test_fault, "efi-runtime"))
		fault_efi_runtime();
	else if (!strcmp(test_fault, "stack"))
		fault_stack(0);
	else if (!strcmp(test_fault, "undef"))
		__builtin_trap();
	else
		bm_err("test_fault=%s: unknown (null, nomap, efi-runtime, stack, undef)\n", test_fault);
}

void late_boot_actions(void)
{
	/* First: the self-test below reorders the free lists. */
	if (opt_checksum)
		bootmem_checksum_print();
	if (opt_selftest)
		page_alloc_selftest();
	if (opt_ptdump)
		ptdump_kernel();
	if (opt_buddyinfo)
		show_buddyinfo();
	if (opt_zoneinfo)
		show_zoneinfo();
	proc_print_boot_files();
	bm_info("buddy allocator ready\n");
	boot_phases_print();
}

static void late_reset(void)
{
	opt_selftest = opt_ptdump = opt_buddyinfo = opt_zoneinfo = opt_checksum = false;
	test_fault[0] = '\0';
}
host_reset(late_reset);
