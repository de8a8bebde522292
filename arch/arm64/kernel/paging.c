// SPDX-License-Identifier: GPL-2.0
/*
 * paging_init: build swapper_pg_dir (the image W^X, the linear map of memblock memory,
 * the fixmap), switch TTBR1 to it break-before-make from the idmap, turn TTBR0 off and
 * give the early tables back to memblock, as Linux 6.1's paging_init does.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/debug_invariants.h>
#include <asm/memory.h>
#include <asm/sections.h>
#include <asm/pgtable.h>
#include <asm/fixmap.h>
#include <asm/barrier.h>
#include <asm/sysreg.h>

pgd_t swapper_pg_dir[PTRS_PER_PGD] __aligned(PAGE_SIZE);
/* An all-invalid table for TTBR1 while it changes, and for TTBR0 after boot. */
static u64 reserved_pg_dir[512] __aligned(PAGE_SIZE);

extern u64 init_pg_dir[], idmap_pg_end[];
extern char init_stack_guard[], init_stack[];
/* arch/arm64/kernel/head.S, .idmap.text: runs at its physical address. */
extern void idmap_cpu_replace_ttbr1(phys_addr_t new_ttbr1, phys_addr_t reserved);

phys_addr_t early_pgtable_alloc(int shift);
void map_mem(pgd_t *pgdp);

static void map_kernel_segment(pgd_t *pgdp, void *va_start, void *va_end, pgprot_t prot)
{
	phys_addr_t pa = __pa_symbol(va_start);
	unsigned long size = (unsigned long)va_end - (unsigned long)va_start;

	if (!size)
		return;
	__create_pgd_mapping(pgdp, pa, (unsigned long)va_start, size, prot,
			     early_pgtable_alloc, NO_CONT_MAPPINGS);
}

/*
 * The image, W^X: text read-only executable, rodata read-only, data and bss read-write
 * and never executable. The page under the boot stack stays unmapped: a stack overflow
 * faults there instead of silently running into bss.
 */
static void map_kernel(pgd_t *pgdp)
{
	map_kernel_segment(pgdp, _stext, _etext, PAGE_KERNEL_ROX);
	map_kernel_segment(pgdp, _text, _stext, PAGE_KERNEL_RO);
	map_kernel_segment(pgdp, __start_rodata, __end_rodata, PAGE_KERNEL_RO);
	map_kernel_segment(pgdp, __init_begin, init_stack_guard, PAGE_KERNEL);
	map_kernel_segment(pgdp, init_stack, _end, PAGE_KERNEL);
}

static void cpu_replace_ttbr1(phys_addr_t pgd_phys)
{
	void (*replace)(phys_addr_t, phys_addr_t);

	/* Call the idmap copy: TTBR1 (where we run) is briefly invalid during the switch. */
	replace = (void *)__pa_symbol(idmap_cpu_replace_ttbr1);
	dsb(ishst);
	replace(pgd_phys, __pa_symbol(reserved_pg_dir));
}

/* After boot nothing is left in TTBR0: a NULL dereference is a translation fault. */
static void cpu_uninstall_idmap(void)
{
	write_sysreg(__pa_symbol(reserved_pg_dir), ttbr0_el1);
	write_sysreg(read_sysreg(tcr_el1) | TCR_EPD0, tcr_el1);
	isb();
	flush_tlb_all();
}

void paging_init(void)
{
	pgd_t *pgdp = swapper_pg_dir;

	pgtable_set_accessor(&pgtable_fixmap_accessor);
	map_kernel(pgdp);
	map_mem(pgdp);
	fixmap_copy(pgdp);
	cpu_replace_ttbr1(__pa_symbol(swapper_pg_dir));
	pgtable_set_accessor(NULL);
	cpu_uninstall_idmap();
	memblock_phys_free(__pa_symbol(init_pg_dir),
			   (unsigned long)idmap_pg_end - (unsigned long)init_pg_dir);
	/* Now the linear map covers memory: memblock may double its arrays there (Linux's order). */
	memblock_allow_resize();
}

/* For the monitor: the walk of one virtual address through swapper_pg_dir, in words. */
void arch_show_walk(u64 va)
{
	int level;
	pte_t *ptep = walk_va(swapper_pg_dir, va, &level);
	phys_addr_t pa = pgtable_translate(swapper_pg_dir, va);
	char buf[160];

	if (!ptep) {
		pr_info("walk %#llx: outside the kernel's (TTBR1) half\n", va);
		return;
	}
	pgtable_describe(pte_val(*ptep), level, buf, sizeof(buf));
	pr_info("walk %#llx: level %d descriptor %#018llx: %s\n", va, level,
		pte_val(*ptep), buf);
	if (pa != PHYS_ADDR_MAX)
		pr_info("walk %#llx -> phys %pa\n", va, &pa);
	else
		pr_info("walk %#llx: not mapped (an access faults at level %d)\n",
			va, level);
}

bool arch_linear_mapped(phys_addr_t pa, u64 *va)
{
	u64 v = (u64)phys_to_virt(pa);

	if (pa < PHYS_OFFSET || pgtable_translate(swapper_pg_dir, v) != pa)
		return false;
	*va = v;
	return true;
}

void ptdump_show(pgd_t *pgd);
unsigned long ptdump_check_wx(pgd_t *pgd);

/* The `ptdump` command-line word and monitor command: swapper_pg_dir as Linux shows it. */
void ptdump_kernel(void)
{
	unsigned long wx;

	ptdump_show(swapper_pg_dir);
	wx = ptdump_check_wx(swapper_pg_dir);
	if (wx)
		pr_warn("Checked W+X mappings: FAILED, %lu W+X pages found\n", wx);
	else
		pr_info("Checked W+X mappings: passed, no W+X pages found\n");
}

/* Pages of [base, base + size) whose linear-map translation is (@mapped) or is not pa. */
static unsigned long count_linear(phys_addr_t base, phys_addr_t size, bool mapped,
				  phys_addr_t *first)
{
	unsigned long bad = 0;
	phys_addr_t pa;

	for (pa = base; pa < base + size; pa += PAGE_SIZE) {
		bool is = pgtable_translate(swapper_pg_dir, (u64)phys_to_virt(pa)) == pa;

		if (is != mapped && !bad++)
			*first = pa;
	}
	return bad;
}

/*
 * debug_invariants after map_mem: every memory page is in the linear map unless NOMAP, no
 * NOMAP page is (a speculative access there may hit secure memory), and nothing the kernel
 * maps is both writable and executable.
 */
int arch_check_pgtable_invariants(void)
{
	struct memblock_region *r;
	phys_addr_t first = 0;
	unsigned long n, wx;
	int bad = 0;

	for_each_mem_region(r) {
		bool nomap = memblock_is_nomap(r);
		phys_addr_t end = r->base + r->size - 1;
		phys_addr_t base = r->base, size = r->size;

		/*
		 * map_mem works in whole pages: a page a NOMAP region shares with mapped memory
		 * is mapped, as in Linux. Only pages wholly inside NOMAP must stay unmapped.
		 */
		if (nomap) {
			base = PAGE_ALIGN(r->base);
			size = ALIGN_DOWN(r->base + r->size, PAGE_SIZE) > base ?
			       ALIGN_DOWN(r->base + r->size, PAGE_SIZE) - base : 0;
		}
		n = count_linear(base, size, !nomap, &first);
		if (!n)
			continue;
		pr_err("invariants: %lu page(s) of %s [mem %pa-%pa] %s the linear map, first %pa\n",
		       n, nomap ? "NOMAP" : "memory", &r->base, &end,
		       nomap ? "mapped in" : "missing from", &first);
		bad++;
	}
	wx = ptdump_check_wx(swapper_pg_dir);
	if (wx) {
		pr_err("invariants: %lu W+X page(s) in swapper_pg_dir\n", wx);
		bad++;
	}
	return bad;
}
