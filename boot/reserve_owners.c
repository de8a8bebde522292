// SPDX-License-Identifier: GPL-2.0
/*
 * Who reserved what: the named pieces inside memblock.reserved (the kernel image, the DTB,
 * the initrd, the crash kernel, a kdump core header, /reserved-memory nodes, CMA areas), for
 * the monitor's memblock view. What is left unnamed is memblock's own allocations.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/of_fdt.h>
#include <linux/of_reserved_mem.h>
#include <linux/cma.h>
#include <linux/initrd.h>
#include <linux/crash_core.h>
#include <linux/crash_dump.h>
#include <linux/reserve_owners.h>
#include <asm/image.h>

/* Calls @fn for every named reservation: [base, end) and what it is. */
static void for_each_owner(void (*fn)(phys_addr_t base, phys_addr_t end, const char *what,
				      void *arg), void *arg)
{
	char what[96];
	unsigned int i;

	if (kernel_image.end)
		fn(kernel_image.reserve, kernel_image.end, "kernel image (footprint)", arg);
	if (initial_boot_params && initial_boot_params_pa != PHYS_ADDR_MAX)
		fn(initial_boot_params_pa,
		   initial_boot_params_pa + fdt_totalsize(initial_boot_params), "device tree blob", arg);
	if (phys_initrd_size)
		fn(phys_initrd_start & PAGE_MASK, PAGE_ALIGN(phys_initrd_start + phys_initrd_size),
		   "initrd", arg);
	if (crashk_res.end)
		fn(crashk_res.start, crashk_res.end + 1, "crash kernel (crashkernel=)", arg);
	if (crashk_low_res.end)
		fn(crashk_low_res.start, crashk_low_res.end + 1, "crash kernel low (crashkernel=,low)", arg);
	if (elfcorehdr_size)
		fn(elfcorehdr_addr, elfcorehdr_addr + elfcorehdr_size, "elfcorehdr (kdump)", arg);
	for (i = 0; i < (unsigned int)reserved_mem_count; i++) {
		if (!reserved_mem[i].size)
			continue;
		snprintf(what, sizeof(what), "/reserved-memory node '%s'", reserved_mem[i].name);
		fn(reserved_mem[i].base, reserved_mem[i].base + reserved_mem[i].size, what, arg);
	}
	for (i = 0; i < cma_area_count; i++) {
		snprintf(what, sizeof(what), "CMA area '%s'", cma_areas[i].name);
		fn(PFN_PHYS(cma_areas[i].base_pfn),
		   PFN_PHYS(cma_areas[i].base_pfn + cma_areas[i].count), what, arg);
	}
}

struct show_arg {
	phys_addr_t base, end;
	int idx;
};

static void show_one(phys_addr_t base, phys_addr_t end, const char *what, void *arg)
{
	struct show_arg *a = arg;
	phys_addr_t last = end - 1;

	if (base < a->end && end > a->base)
		pr_info("  reserved[%#x] holds %s [mem %pa-%pa]\n", a->idx, what, &base, &last);
}

void memblock_reserved_owners_show(void)
{
	struct show_arg a;
	int i;

	for (i = 0; i < (int)memblock.reserved.cnt; i++) {
		struct memblock_region *r = &memblock.reserved.regions[i];

		if (!r->size)
			continue;
		a.base = r->base;
		a.end = r->base + r->size;
		a.idx = i;
		for_each_owner(show_one, &a);
	}
}
