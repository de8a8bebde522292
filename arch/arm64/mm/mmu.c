// SPDX-License-Identifier: GPL-2.0
/*
 * paging_init as Linux's (arch/arm64/mm/mmu.c): swapper_pg_dir with the image W^X
 * (map_kernel), the linear map of memblock memory (map_mem, 4 KiB pages or blocks as rodata=
 * says), the fixmap; then the switch to it and (6.1) the early tables back to memblock.
 * Portable: the TTBR switch is the machine's (asm/setup.h).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/of_reserved_mem.h>
#include <asm/memory.h>
#include <asm/sections.h>
#include <asm/mmu.h>
#include <asm/fixmap.h>
#include <asm/setup.h>
#include <asm/image.h>
#include <linux/version.h>

pgd_t swapper_pg_dir[PTRS_PER_PGD] __aligned(PAGE_SIZE);

bool rodata_enabled = true;
bool rodata_full = true;

unsigned long early_pgtable_pages;
unsigned long map_mem_pgtable_pages;
unsigned long idmap_pgtable_pages;

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

/*
 * crashkernel= on the command line: with ZONE_DMA the reservation comes after map_mem, so
 * Linux maps all memory with pages, that the crash kernel's range can be unmapped later.
 * (The value itself is parsed by reserve_crashkernel.)
 */
static bool crash_mem_map;

static int __init enable_crash_mem_map(char *arg)
{
	crash_mem_map = true;
	return 0;
}
early_param("crashkernel", enable_crash_mem_map);

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

		printk(KERN_EMERG "bootmem: early_pgtable_alloc: no free page: memory %pa bytes, reserved %pa bytes\n",
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
		bm_err("map_mem: [mem %#018llx-%#018llx] is outside the linear map (PHYS_OFFSET %#llx), not mapped\n",
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

	/* 6.12's map_mem() has no crashkernel case: the reservation can stay in blocks. */
	if (can_set_direct_map() || (crash_mem_map && !linux_since(6, 12)))
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
		/*
		 * Debian's 6.12.117 rounds each range inwards, so that a page a no-map region
		 * only partly covers is left unmapped; 6.1 maps every page a range touches.
		 */
		if (linux_since(6, 12)) {
			start = PAGE_ALIGN(start);
			end &= PAGE_MASK;
			if (start >= end)
				continue;
		}
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

/*
 * The image's text and rodata, as the footprint has them: Linux's [_stext, __init_begin) in
 * 6.1, [_text, __init_begin) in 6.12 (map_mem's kernel_start = __pa_symbol(_text)).
 */
void __init map_mem(pgd_t *pgdp)
{
	__map_mem(pgdp, linux_since(6, 12) ? kernel_image.text : kernel_image.stext,
		  kernel_image.init_begin);
}

/*
 * 6.12 maps the image before paging_init, into the page tables it carries after bss
 * (pi/map_kernel.c, init_pg_dir): none of them comes from memblock. bootmem does the same
 * with the footprint's pages from kernel_image.init_pg_dir on (right after its own image).
 */
static phys_addr_t kernel_pgtable_next;

static phys_addr_t __init kernel_pgtable_alloc(int shift)
{
	phys_addr_t phys = kernel_pgtable_next;
	void *ptr;

	/*
	 * A footprint larger than the memory the loader found it room in: memblock's, then.
	 * An image outside memblock's memory (a kdump kernel's, under
	 * linux,usable-memory-range) still lies in RAM, and Linux maps it from there.
	 */
	if (phys + PAGE_SIZE > kernel_image.end ||
	    (memblock_is_memory(kernel_image.text) && !memblock_is_region_memory(phys, PAGE_SIZE)))
		return early_pgtable_alloc(shift);
	kernel_pgtable_next += PAGE_SIZE;
	ptr = pgtable_map(phys, PGT_PTE);
	memset(ptr, 0, PAGE_SIZE);
	pgtable_unmap(PGT_PTE);
	return phys;
}

static phys_addr_t (*map_kernel_pgtable_alloc(void))(int)
{
	kernel_pgtable_next = kernel_image.init_pg_dir;
	return linux_since(6, 12) ? kernel_pgtable_alloc : early_pgtable_alloc;
}

static phys_addr_t (*kernel_pgtable)(int) = early_pgtable_alloc;

void __init map_kernel_segment(pgd_t *pgdp, unsigned long va_start,
			       unsigned long va_end, phys_addr_t pa, pgprot_t prot,
			       int flags)
{
	if ((pa | va_start | va_end) & ~PAGE_MASK || va_end < va_start)
		panic("map_kernel_segment: [0x%016lx-0x%016lx) -> %#llx is not page aligned",
		      va_start, va_end, pa);
	__create_pgd_mapping(pgdp, pa, va_start, va_end - va_start, prot,
			     kernel_pgtable, flags);
}

static void __init map_kernel_range(pgd_t *pgdp, char *va_start, char *va_end, pgprot_t prot,
				    int flags)
{
	if (va_end <= va_start)
		return;
	map_kernel_segment(pgdp, KIMAGE_VADDR + (va_start - _text), KIMAGE_VADDR + (va_end - _text),
			   __pa_symbol(va_start), prot, flags);
}

/*
 * The rest of the footprint, [from, kernel_image.end) of Linux's five segments (its
 * map_kernel: text, rodata, init text, init data, data), read-only and never executable:
 * nothing lives there, but the tables come out as Linux's (the same blocks and PTE tables).
 */
static void __init map_footprint_from(pgd_t *pgdp, phys_addr_t from)
{
	const struct kernel_image *k = &kernel_image;
	const struct { phys_addr_t start, end; int flags; } seg[] = {
		{ k->stext, k->etext, 0 },
		{ k->start_rodata, k->init_begin, NO_CONT_MAPPINGS },
		{ k->init_begin, k->inittext_end, 0 },
		{ k->inittext_end, k->init_end, 0 },
		{ k->sdata, k->end, 0 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(seg); i++) {
		phys_addr_t start = max(seg[i].start, from);

		if (start < seg[i].end)
			map_kernel_segment(pgdp, KIMAGE_VADDR + (start - k->text),
					   KIMAGE_VADDR + (seg[i].end - k->text), start,
					   PAGE_KERNEL_RO, seg[i].flags);
	}
}

/*
 * The image at KIMAGE_VADDR, W^X: text read-only executable, rodata read-only, init, data
 * and bss read-write and never executable. The page under the boot stack stays unmapped: a
 * stack overflow faults there instead of silently running into bss. Rodata has no
 * contiguous hint, as in Linux (its permissions change entry by entry there). Like Linux,
 * [_text, _stext) is not mapped. (The host build has no image of its own: only the rest.)
 */
static void __init map_kernel(pgd_t *pgdp)
{
	kernel_pgtable = map_kernel_pgtable_alloc();
	map_kernel_range(pgdp, _stext, _etext, PAGE_KERNEL_ROX, 0);
	map_kernel_range(pgdp, __start_rodata, __end_rodata, PAGE_KERNEL_RO, NO_CONT_MAPPINGS);
	map_kernel_range(pgdp, __init_begin, init_stack_guard, PAGE_KERNEL, 0);
	map_kernel_range(pgdp, init_stack, _end, PAGE_KERNEL, 0);
	map_footprint_from(pgdp, PAGE_ALIGN(__pa_symbol(_end)));
	kernel_pgtable = early_pgtable_alloc;
}

/*
 * Linux's create_idmap(): once init_pg_dir is freed, Linux maps its .idmap.text and the KPTI
 * flag 1:1 in idmap_pg_dir (a static PGD), with PUD, PMD and PTE tables from
 * early_pgtable_alloc. bootmem keeps the idmap head.S built; it takes the same pages, so that
 * everything allocated later lands where Linux's does. Debian's .idmap.text closes .text
 * (just below _etext) and __idmap_kpti_flag lies in .data: another 2 MiB block, so 4 pages,
 * more when a 1 GiB (or 512 GiB) boundary falls between the two. 6.12's create_idmap() takes
 * its tables from arrays in the image (idmap_ptes, kpti_ptes): none from memblock.
 */
static void __init create_idmap(void)
{
	phys_addr_t text = kernel_image.etext - 1, flag = kernel_image.sdata;
	int tables = 3;

	if (linux_since(6, 12))
		return;
	if (pgd_index(text) != pgd_index(flag))
		tables += 3;
	else if (pud_index(text) != pud_index(flag))
		tables += 2;
	else if (pmd_index(text) != pmd_index(flag))
		tables += 1;
	idmap_pgtable_pages = tables;
	while (tables--)
		early_pgtable_alloc(PAGE_SHIFT);
}

void __init paging_init(void)
{
	pgd_t *pgdp = swapper_pg_dir;

	map_kernel(pgdp);
	map_mem(pgdp);
	fixmap_copy(pgdp);
	cpu_replace_ttbr1(pgdp);
	cpu_uninstall_idmap();
	/*
	 * 6.1 frees init_pg_dir, the footprint's last pages (bootmem's own tables stay inside
	 * it); 6.12's paging_init frees nothing: its early tables map the image for good.
	 */
	if (!linux_since(6, 12))
		memblock_phys_free(kernel_image.init_pg_dir,
				   kernel_image.end - kernel_image.init_pg_dir);
	/* Now the linear map covers memory: memblock may double its arrays there (Linux's order). */
	memblock_allow_resize();
	create_idmap();
}

static void mmu_reset(void)
{
	rodata_enabled = rodata_full = true;
	crash_mem_map = false;
	early_pgtable_pages = map_mem_pgtable_pages = idmap_pgtable_pages = 0;
	kernel_pgtable = early_pgtable_alloc;
	kernel_pgtable_next = 0;
	memset(swapper_pg_dir, 0, sizeof(swapper_pg_dir));
}
host_reset(mmu_reset);
