// SPDX-License-Identifier: GPL-2.0
/*
 * ptdump: the kernel page tables as Linux 6.1's /sys/kernel/debug/kernel_page_tables
 * shows them (arch/arm64/mm/ptdump.c over mm/ptdump.c's walk), and the W+X check.
 * Runs of entries with the same level and attributes become one line. Also the walks the
 * monitor and debug_invariants make of swapper_pg_dir.
 */
#include <linux/kernel.h>
#include <linux/version.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/memblock.h>
#include <linux/debug_invariants.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/mmu.h>
#include <asm/fixmap.h>
#include <asm/ptdump.h>

struct addr_marker {
	unsigned long start_address;
	const char *name;
};

/*
 * Linux 6.1 without KASAN (6.12's layout with 16 KiB pages, asm/vmlayout.h): the regions
 * of the kernel half, in address order.
 */
static const struct addr_marker address_markers[] = {
	{ PAGE_OFFSET,			"Linear Mapping start" },
	{ PAGE_END,			"Linear Mapping end" },
	{ MODULES_VADDR,		"Modules start" },
	{ MODULES_END,			"Modules end" },
	{ VMALLOC_START,		"vmalloc() area" },
	{ VMALLOC_END,			"vmalloc() end" },
#ifdef CONFIG_ARM64_16K_PAGES
	/* 6.12: the vmemmap, then the PCI I/O window, the fixmap (all of it) at the top. */
	{ VMEMMAP_START,		"vmemmap start" },
	{ VMEMMAP_END,			"vmemmap end" },
	{ PCI_IO_START,			"PCI I/O start" },
	{ PCI_IO_END,			"PCI I/O end" },
	{ FIXADDR_TOT_START,		"Fixmap start" },
	{ FIXADDR_TOP,			"Fixmap end" },
#else
	{ FIXADDR_START,		"Fixmap start" },
	{ FIXADDR_TOP,			"Fixmap end" },
	{ PCI_IO_START,			"PCI I/O start" },
	{ PCI_IO_END,			"PCI I/O end" },
	{ VMEMMAP_START,		"vmemmap start" },
	{ VMEMMAP_START + VMEMMAP_SIZE,	"vmemmap end" },
#endif
	{ -1UL,				NULL },
};

struct prot_bits {
	u64 mask;
	u64 val;
	const char *set;
	const char *clear;
};

/* One column each, in Linux's order; the memory type prints only its match. */
static const struct prot_bits pte_bits[] = {
	{ PTE_VALID,		PTE_VALID,		" ",		"F" },
	{ PTE_USER,		PTE_USER,		"USR",		"   " },
	{ PTE_RDONLY,		PTE_RDONLY,		"ro",		"RW" },
	{ PTE_PXN,		PTE_PXN,		"NX",		"x " },
	{ PTE_SHARED,		PTE_SHARED,		"SHD",		"   " },
	{ PTE_AF,		PTE_AF,			"AF",		"  " },
	{ PTE_NG,		PTE_NG,			"NG",		"  " },
	{ PTE_CONT,		PTE_CONT,		"CON",		"   " },
	{ PTE_TABLE_BIT,	PTE_TABLE_BIT,		"   ",		"BLK" },
	{ PTE_UXN,		PTE_UXN,		"UXN",		"   " },
	{ PTE_GP,		PTE_GP,			"GP",		"  " },
	{ PTE_ATTRINDX_MASK, PTE_ATTRINDX(MT_DEVICE_nGnRnE),	"DEVICE/nGnRnE", NULL },
	{ PTE_ATTRINDX_MASK, PTE_ATTRINDX(MT_DEVICE_nGnRE),	"DEVICE/nGnRE",	NULL },
	{ PTE_ATTRINDX_MASK, PTE_ATTRINDX(MT_NORMAL_NC),	"MEM/NORMAL-NC", NULL },
	{ PTE_ATTRINDX_MASK, PTE_ATTRINDX(MT_NORMAL),		"MEM/NORMAL",	NULL },
	{ PTE_ATTRINDX_MASK, PTE_ATTRINDX(MT_NORMAL_TAGGED),	"MEM/NORMAL-TAGGED", NULL },
};

/* Linux's ptdump levels: 0 PGD, 1 P4D (folded), 2 PUD, 3 PMD, 4 PTE. */
static const char *const pg_level_name[] = { "PGD", "P4D", "PUD", "PMD", "PTE" };

/* The bits that make two entries "the same" (every column's mask; no address). */
#define PROT_MASK	(PTE_VALID | PTE_USER | PTE_RDONLY | PTE_PXN | PTE_SHARED | \
			 PTE_AF | PTE_NG | PTE_CONT | PTE_TABLE_BIT | PTE_UXN | \
			 PTE_GP | PTE_ATTRINDX_MASK)

struct pg_state {
	void (*emit)(void *priv, const char *line);
	void *priv;
	const struct addr_marker *marker;
	unsigned long start_address;
	int level;
	u64 current_prot;
	bool check_wx;
	bool quiet;		/* counting only: no messages */
	bool warned;		/* Linux's WARN_ONCE */
	unsigned long wx_pages;
	unsigned long uxn_pages;
	char line[256];
	size_t len;
};

static void st_printf(struct pg_state *st, const char *fmt, ...) __printf(2, 3);

static void st_printf(struct pg_state *st, const char *fmt, ...)
{
	va_list ap;

	if (!st->emit)
		return;
	va_start(ap, fmt);
	st->len += vscnprintf(st->line + st->len, sizeof(st->line) - st->len, fmt, ap);
	va_end(ap);
	if (st->len && st->line[st->len - 1] == '\n') {
		st->emit(st->priv, st->line);
		st->len = 0;
	}
}

static void dump_prot(struct pg_state *st)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pte_bits); i++) {
		const struct prot_bits *b = &pte_bits[i];
		const char *s = (st->current_prot & b->mask) == b->val ? b->set : b->clear;

		if (s)
			st_printf(st, " %s", s);
	}
}

static void note_prot_wx(struct pg_state *st, unsigned long addr)
{
	if (!st->check_wx)
		return;
	if (!(st->current_prot & PTE_UXN))
		st->uxn_pages += (addr - st->start_address) / PAGE_SIZE;
	if ((st->current_prot & PTE_RDONLY) || (st->current_prot & PTE_PXN))
		return;
	if (!st->quiet && !st->warned)
		bm_warn("arm64/mm: Found insecure W+X mapping at address 0x%016lx\n",
			st->start_address);
	st->warned = true;
	st->wx_pages += (addr - st->start_address) / PAGE_SIZE;
}

/* Linux's note_page(): close the current run when anything about it changes. */
static void note_page(struct pg_state *st, unsigned long addr, int level, u64 val)
{
	static const char units[] = "KMGTPE";
	u64 prot = level >= 0 ? val & PROT_MASK : 0;

	if (st->level == -1) {
		st->level = level;
		st->current_prot = prot;
		st->start_address = addr;
		st_printf(st, "---[ %s ]---\n", st->marker->name);
	} else if (prot != st->current_prot || level != st->level ||
		   addr >= st->marker[1].start_address) {
		const char *unit = units;
		unsigned long delta;

		if (st->current_prot)
			note_prot_wx(st, addr);

		st_printf(st, "0x%016lx-0x%016lx   ", st->start_address, addr);
		delta = (addr - st->start_address) >> 10;
		while (!(delta & 1023) && unit[1]) {
			delta >>= 10;
			unit++;
		}
		st_printf(st, "%9lu%c %s", delta, *unit, pg_level_name[st->level]);
		if (st->current_prot)
			dump_prot(st);
		st_printf(st, "\n");

		if (addr >= st->marker[1].start_address) {
			st->marker++;
			st_printf(st, "---[ %s ]---\n", st->marker->name);
		}
		st->start_address = addr;
		st->current_prot = prot;
		st->level = level;
	}

	if (addr >= st->marker[1].start_address) {
		st->marker++;
		st_printf(st, "---[ %s ]---\n", st->marker->name);
	}
}

/*
 * The generic page walk over [PAGE_OFFSET, 2^64): every present table is descended, every
 * empty entry is a hole at its own level, every page entry is noted, valid or not.
 */
static void walk_pmd(struct pg_state *st, pmd_t *pmdp, unsigned long addr)
{
	unsigned int i, j;

	for (i = 0; i < PTRS_PER_PMD; i++, addr += PMD_SIZE) {
		pmd_t pmd = READ_ONCE(pmdp[i]);
		pte_t *ptep;

		if (!(pmd_val(pmd) & PTE_VALID)) {
			note_page(st, addr, 3, 0);
			continue;
		}
		if (pmd_sect(pmd)) {
			note_page(st, addr, 3, pmd_val(pmd));
			continue;
		}
		ptep = (pte_t *)pgtable_map(pmd_page_paddr(pmd), PGT_PTE);
		for (j = 0; j < PTRS_PER_PTE; j++)
			note_page(st, addr + j * PAGE_SIZE, 4, pte_val(READ_ONCE(ptep[j])));
		pgtable_unmap(PGT_PTE);
	}
}

static void walk_pud(struct pg_state *st, pud_t *pudp, unsigned long addr)
{
	unsigned int i;

	for (i = 0; i < PTRS_PER_PUD; i++, addr += PUD_SIZE) {
		pud_t pud = READ_ONCE(pudp[i]);

		if (!(pud_val(pud) & PTE_VALID)) {
			note_page(st, addr, 2, 0);
			continue;
		}
		if (pud_sect(pud)) {
			note_page(st, addr, 2, pud_val(pud));
			continue;
		}
		walk_pmd(st, (pmd_t *)pgtable_map(pud_page_paddr(pud), PGT_PMD), addr);
		pgtable_unmap(PGT_PMD);
	}
}

static void ptdump_walk_pgd(struct pg_state *st, pgd_t *pgd)
{
	unsigned long addr = PAGE_OFFSET;
	unsigned int i;

	for (i = pgd_index(PAGE_OFFSET); i < PTRS_PER_PGD; i++, addr += PGDIR_SIZE) {
		pgd_t pgdv = READ_ONCE(pgd[i]);

		/*
		 * The folded levels report an empty top-level entry at depth 0 (mm/pagewalk.c's
		 * real_depth: the p4d, and with three levels the pud too).
		 */
		if (!(pgd_val(pgdv) & PTE_VALID) || pgd_bad(pgdv)) {
			note_page(st, addr, 0, 0);
			continue;
		}
		if (PGTABLE_LEVELS == 3) {
			/* The PUD is folded: the PGD entry points at a PMD table. */
			walk_pmd(st, (pmd_t *)pgtable_map(pgd_page_paddr(pgdv), PGT_PMD), addr);
			pgtable_unmap(PGT_PMD);
			continue;
		}
		walk_pud(st, (pud_t *)pgtable_map(pgd_page_paddr(pgdv), PGT_PUD), addr);
		pgtable_unmap(PGT_PUD);
	}
	/* Flush out the last run. */
	note_page(st, 0, -1, 0);
}

void ptdump_walk(pgd_t *pgd, void (*emit)(void *priv, const char *line), void *priv)
{
	struct pg_state st = {
		.emit = emit,
		.priv = priv,
		.marker = address_markers,
		.level = -1,
	};

	ptdump_walk_pgd(&st, pgd);
}

static void emit_printk(void *priv, const char *line)
{
	printk("%s", line);
}

void ptdump_show(pgd_t *pgd)
{
	ptdump_walk(pgd, emit_printk, NULL);
}

static unsigned long ptdump_walk_wx(pgd_t *pgd, bool quiet, unsigned long *uxn_pages)
{
	static const struct addr_marker no_markers[] = { { 0, NULL }, { -1UL, NULL } };
	struct pg_state st = {
		.marker = no_markers,
		.level = -1,
		.check_wx = true,
		.quiet = quiet,
	};

	ptdump_walk_pgd(&st, pgd);
	*uxn_pages = st.uxn_pages;
	return st.wx_pages;
}

unsigned long ptdump_check_wx(pgd_t *pgd)
{
	unsigned long uxn, wx = ptdump_walk_wx(pgd, false, &uxn);

	if (wx || uxn)
		pr_warn("Checked W+X mappings: FAILED, %lu W+X pages found, %lu non-UXN pages found\n",
			wx, uxn);
	else
		pr_info("Checked W+X mappings: passed, no W+X pages found\n");
	return wx;
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
	u64 v = __phys_to_virt(pa);

	if (pa < PHYS_OFFSET || pgtable_translate(swapper_pg_dir, v) != pa)
		return false;
	*va = v;
	return true;
}

/* The `ptdump` command-line word and monitor command: swapper_pg_dir as Linux shows it. */
void ptdump_kernel(void)
{
	ptdump_show(swapper_pg_dir);
	ptdump_check_wx(swapper_pg_dir);
}

/* Pages of [base, base + size) whose linear-map translation is (@mapped) or is not pa. */
static unsigned long count_linear(phys_addr_t base, phys_addr_t size, bool mapped,
				  phys_addr_t *first)
{
	unsigned long bad = 0;
	phys_addr_t pa;

	for (pa = base; pa < base + size; pa += PAGE_SIZE) {
		bool is = pgtable_translate(swapper_pg_dir, __phys_to_virt(pa)) == pa;

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
	unsigned long n, wx, uxn;
	int bad = 0;

	for_each_mem_region(r) {
		bool nomap = memblock_is_nomap(r);
		phys_addr_t end = r->base + r->size - 1;
		phys_addr_t base = r->base, size = r->size;

		/*
		 * map_mem works in whole pages: a page a NOMAP region shares with mapped memory
		 * is mapped, as in Linux 6.1. Only pages wholly inside NOMAP must stay unmapped.
		 * 6.12.117 rounds mapped ranges inwards: there a shared page stays unmapped.
		 */
		if (nomap || linux_since(6, 12)) {
			base = PAGE_ALIGN(r->base);
			size = ALIGN_DOWN(r->base + r->size, PAGE_SIZE) > base ?
			       ALIGN_DOWN(r->base + r->size, PAGE_SIZE) - base : 0;
		}
		n = count_linear(base, size, !nomap, &first);
		if (!n)
			continue;
		bm_err("invariants: %lu page(s) of %s [mem %pa-%pa] %s the linear map, first %pa\n",
		       n, nomap ? "NOMAP" : "memory", &r->base, &end,
		       nomap ? "mapped in" : "missing from", &first);
		bad++;
	}
	/* Quietly: Linux prints its "Checked W+X mappings" line once, much later. */
	wx = ptdump_walk_wx(swapper_pg_dir, true, &uxn);
	if (wx) {
		bm_err("invariants: %lu W+X page(s) in swapper_pg_dir\n", wx);
		bad++;
	}
	return bad;
}
