// SPDX-License-Identifier: GPL-2.0
/*
 * The linear map and the image's segments in swapper's tables, as Linux 6.1's map_mem()
 * and map_kernel_segment() (arch/arm64/mm/mmu.c), with the rodata= switch that decides
 * between 4 KiB pages and block mappings for the linear map.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/of_reserved_mem.h>
#include <asm/memory.h>
#include <asm/sections.h>
#include <asm/mmu.h>

bool rodata_enabled = true;
bool rodata_full = true;

unsigned long early_pgtable_pages;
unsigned long map_mem_pgtable_pages;

/* init/main.c's set_debug_rodata with arm64's arch_parse_debug_rodata. */
static int __init parse_rodata(char *arg)
{
	if (arg && !strcmp(arg, "full")) {
		rodata_enabled = rodata_full = true;
	} else if (arg && !strcmp(arg, "off")) {
		rodata_enabled = rodata_full = false;
	} else if (arg && !strcmp(arg, "on")) {
		rodata_enabled = true;
		rodata_full = false;
	} else {
		pr_warn("Invalid option string for rodata: '%s'\n", arg ? arg : "(null)");
	}
	return 0;
}
early_param("rodata", parse_rodata);

/* Neither DEBUG_PAGEALLOC nor KFENCE exists here: only rodata=full asks for pages. */
bool can_set_direct_map(void)
{
	return rodata_full;
}

noinline phys_addr_t __init early_pgtable_alloc(int shift)
{
	phys_addr_t phys;
	void *ptr;

	phys = memblock_phys_alloc_range(PAGE_SIZE, PAGE_SIZE, 0,
					 MEMBLOCK_ALLOC_NOLEAKTRACE);
	if (!phys) {
		/* Say why: usually the device tree reserved (or no-mapped) all of memory. */
		phys_addr_t mem = memblock_phys_mem_size(), rsv = memblock_reserved_size();

		pr_emerg("early_pgtable_alloc: no free page: memory %pa bytes, reserved %pa bytes\n",
			 &mem, &rsv);
		of_reserved_mem_report();
		panic("Failed to allocate page table page\n");
	}

	/* The PTE slot is never in use while a table is being allocated. */
	ptr = pgtable_map(phys, PGT_PTE);
	memset(ptr, 0, PAGE_SIZE);
	pgtable_unmap(PGT_PTE);

	early_pgtable_pages++;
	return phys;
}

static void __init __map_memblock(pgd_t *pgdp, phys_addr_t start, phys_addr_t end,
				  pgprot_t prot, int flags)
{
	/* arm64_memblock_init trims memory to the linear map; say so if it did not. */
	if (start < PHYS_OFFSET || end - PHYS_OFFSET > PAGE_END - PAGE_OFFSET) {
		pr_err("map_mem: [mem %#018llx-%#018llx] is outside the linear map (PHYS_OFFSET %#llx), not mapped\n",
		       start, end - 1,
		       PHYS_OFFSET);
		return;
	}
	__create_pgd_mapping(pgdp, start, __phys_to_virt(start), end - start, prot,
			     early_pgtable_alloc, flags);
}

void __init __map_mem(pgd_t *pgdp, phys_addr_t kernel_start, phys_addr_t kernel_end)
{
	unsigned long before = early_pgtable_pages;
	int flags = NO_EXEC_MAPPINGS;
	phys_addr_t start, end;
	bool image = kernel_end > kernel_start;
	u64 i;

	if (can_set_direct_map())
		flags |= NO_BLOCK_MAPPINGS | NO_CONT_MAPPINGS;

	/*
	 * Leave the image's text and rodata out of the pass below, so no writable alias
	 * of them is created with the rest of memory.
	 */
	if (image)
		memblock_mark_nomap(kernel_start, kernel_end - kernel_start);

	for_each_mem_range(i, &start, &end) {
		if (start >= end)
			break;
		__map_memblock(pgdp, start, end, pgprot_tagged(PAGE_KERNEL), flags);
	}

	/*
	 * The image's linear alias: non-executable, and without the contiguous hint so
	 * its permissions can later be changed entry by entry. Blocks are allowed, as in
	 * Linux, whatever rodata= says.
	 */
	if (image) {
		__map_memblock(pgdp, kernel_start, kernel_end, PAGE_KERNEL,
			       NO_CONT_MAPPINGS);
		memblock_clear_nomap(kernel_start, kernel_end - kernel_start);
	}

	map_mem_pgtable_pages = early_pgtable_pages - before;
}

#ifndef BOOTMEM_HOST
void __init map_mem(pgd_t *pgdp)
{
	__map_mem(pgdp, __pa_symbol(_stext), __pa_symbol(__init_begin));
}
#endif

void __init map_kernel_segment(pgd_t *pgdp, unsigned long va_start,
			       unsigned long va_end, phys_addr_t pa, pgprot_t prot,
			       int flags)
{
	if ((pa | va_start | va_end) & ~PAGE_MASK || va_end < va_start)
		panic("map_kernel_segment: [0x%016lx-0x%016lx) -> %#llx is not page aligned",
		      va_start, va_end, pa);
	__create_pgd_mapping(pgdp, pa, va_start, va_end - va_start, prot,
			     early_pgtable_alloc, flags);
}
