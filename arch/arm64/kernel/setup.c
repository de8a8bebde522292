// SPDX-License-Identifier: GPL-2.0
/*
 * From head.S to start_kernel, and setup_arch() in Linux 6.1 arm64's order: the DTB through
 * the fixmap, the console, early parameters, memblock, paging, then nodes and zones.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/of_fdt.h>
#include <linux/of_address.h>
#include <linux/serial.h>
#include <linux/debug_invariants.h>
#include <libfdt.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/fixmap.h>
#include <asm/sections.h>
#include <asm/barrier.h>

phys_addr_t __fdt_pointer;
int boot_entry_el;
u64 boot_image_pa;
u64 kimage_voffset;
s64 memstart_addr;
const char *machine_model = "unknown";
int fdt_size;

extern u64 boot_cntvct;
extern u64 init_pg_dir[];
extern unsigned long __stack_chk_guard;
void start_kernel(void) __noreturn;
void arm64_memblock_init(void);
void paging_init(void);
void bootmem_init(void);
void arm64_set_psci_conduit(const char *method);
void arm64_set_bcm2835_pm(phys_addr_t base);

bool arm64_cpu_is_cortex_a72(void)
{
	unsigned long midr = read_sysreg(midr_el1);

	return ((midr >> 24) & 0xff) == 0x41 && ((midr >> 4) & 0xfff) == 0xd08;
}

void __iomem *early_ioremap_console(phys_addr_t phys)
{
	return (void __iomem *)set_fixmap_offset(FIX_EARLYCON_MEM_BASE, phys, FIXMAP_PAGE_IO);
}

/* A second console UART gets a fixmap slot Linux reserves for a feature bootmem lacks. */
void __iomem *early_ioremap_console_n(int n, phys_addr_t phys)
{
	if (!n)
		return early_ioremap_console(phys);
	return (void __iomem *)set_fixmap_offset(FIX_APEI_GHES_IRQ, phys, FIXMAP_PAGE_IO);
}

static void fixmap_sync(void)
{
	dsb(ishst);
	isb();
}

/* The fixmap code is portable; the barriers and TLB maintenance it needs are ours. */
static const struct fixmap_ops arm64_fixmap_ops = {
	.sync = fixmap_sync,
	.flush_tlb = local_flush_tlb_kernel_page,
};

/*
 * The stack protector's canary: from the DTB's rng-seed / kaslr-seed when the boot loader
 * gave one (QEMU does), else from the counter. Called before any protected function
 * returns through a frame that saw the old value.
 */
static void __attribute__((optimize("no-stack-protector"))) seed_stack_guard(void)
{
	u64 seed = read_sysreg(cntvct_el0) * 0x9e3779b97f4a7c15ULL;
	int i;

	for (i = 0; i < dt_rng_seed_len; i++)
		seed = (seed ^ dt_rng_seed[i]) * 0x100000001b3ULL;
	if (dt_has_kaslr_seed)
		seed ^= dt_kaslr_seed;
	/* Linux keeps a zero byte in the canary so that string overflows stop at it. */
	__stack_chk_guard = seed & ~0xffUL;
}

static void find_power_off_method(void)
{
	const void *fdt = initial_boot_params;
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2");
	const char *method;
	u64 addr, size;

	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci");
	if (node >= 0) {
		method = fdt_getprop(fdt, node, "method", NULL);
		if (method)
			arm64_set_psci_conduit(method);
		return;
	}
	node = fdt_node_offset_by_compatible(fdt, -1, "brcm,bcm2835-pm-wdt");
	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "brcm,bcm2835-pm");
	if (node >= 0 && !of_node_reg_translated(node, &addr, &size))
		arm64_set_bcm2835_pm(addr);
}

/*
 * An earlycon= on the command line is the console, as in Linux; the DT's stdout-path UART
 * is added beside it (or is the console when there is no earlycon=). Messages printed so
 * far wait in the log buffer and are replayed.
 */
static void setup_console(void)
{
	const char *ec = strstr(boot_command_line, "earlycon=");

	if (ec && (ec == boot_command_line || ec[-1] == ' ')) {
		char spec[64];
		size_t n = 0;

		while (ec[9 + n] && ec[9 + n] != ' ')
			n++;

		snprintf(spec, sizeof(spec), "%.*s", (int)min_t(size_t, n, sizeof(spec) - 1), ec + 9);
		if (console_setup_earlycon(spec))
			ec = NULL;
	} else {
		ec = NULL;
	}
	if (console_setup_from_dt() && !ec)
		console_setup_fallback();
}

/*
 * Linux's setup_machine_fdt(): map, verify, scan memory and chosen, reserve the blob.
 * It reseeds the stack-protector canary, so neither it nor any caller still on the stack
 * may check a canary stored before (hence no-stack-protector here and in early_entry).
 */
static noinline void __attribute__((optimize("no-stack-protector")))
setup_machine_fdt(phys_addr_t dt_phys)
{
	void *dt_virt = fixmap_remap_fdt(dt_phys, &fdt_size, PAGE_KERNEL_RO);
	const char *name;

	if (!dt_virt || !early_init_dt_verify_mapped(dt_virt, dt_phys, MAX_FDT_SIZE)) {
		console_setup_fallback();
		pr_emerg("\n");
		if (!dt_phys)
			pr_emerg("Error: no device tree: the boot loader passed x0 = 0.\n");
		else if (!dt_virt && dt_phys % 8)
			pr_emerg("Error: invalid device tree pointer x0 = %pa (not 8-byte aligned).\n",
				 &dt_phys);
		else
			pr_emerg("Error: invalid device tree blob at physical address %pa "
				 "(bad magic, header or totalsize %#x).\n", &dt_phys, fdt_size);
		pr_emerg("The boot protocol (Documentation/arm64/booting.rst) wants x0 = the DTB's physical address.\n");
		panic("Cannot continue without a valid device tree (x0 = %pa)", &dt_phys);
	}
	early_init_dt_scan_nodes();
	setup_console();
	/* Linux reserves the blob here, before memblock=debug is parsed (so it is not logged). */
	early_init_fdt_reserve_self();
	name = of_flat_dt_get_machine_name();
	if (name) {
		machine_model = name;
		pr_info("Machine model: %s\n", name);
	}
	find_power_off_method();
	seed_stack_guard();
}

/* What the DT's memory nodes gave memblock, before anything else touches it. */
static void print_dt_memory(void)
{
	struct memblock_region *r;

	if (memblock.memory.total_size == 0) {
		pr_err("bootmem: the device tree describes no usable memory (no valid device_type = \"memory\" node)\n");
		/* Nothing to build page tables or a memmap from: stop here, plainly. */
		panic("No usable memory in the device tree at %pa", &__fdt_pointer);
	}
	for_each_mem_region(r)
		pr_info("bootmem: DT memory [mem %#018llx-%#018llx]%s\n",
			r->base, (r->base + r->size - 1),
			(r->flags & MEMBLOCK_HOTPLUG) ? " hotpluggable" : "");
}

static void print_banner(void)
{
	static const char *const el_names[] = { "EL0", "EL1", "EL2", "EL3" };

	pr_info("Booting bootmem on physical CPU 0x%010lx [0x%08lx]\n",
		read_sysreg(mpidr_el1) & 0xff00ffffffUL, read_sysreg(midr_el1));
	pr_info("bootmem: Linux 6.1 arm64 early memory bring-up, shown plainly\n");
	pr_info("Entered at %s, running at EL1; image at physical %#llx (virtual %#lx); DTB at %pa\n",
		el_names[boot_entry_el & 3], boot_image_pa,
		(unsigned long)_text, &__fdt_pointer);
	pr_info("Console: %s\n", console_describe());
}

void setup_arch(void)
{
	print_banner();
	print_dt_memory();
	parse_early_param(NULL);
	arm64_memblock_init();
	boot_phase_done("memblock");
	paging_init();
	boot_phase_done("map_mem");
	bootmem_init();
	boot_phase_done("memmap");
}

/* Called by head.S with the MMU on, at the image's virtual address, on init_stack. */
void __noreturn __attribute__((optimize("no-stack-protector")))
early_entry(phys_addr_t dtb, int entry_el, u64 cnt0, u64 image_pa)
{
	__fdt_pointer = dtb;
	boot_entry_el = entry_el;
	boot_cntvct = cnt0;
	boot_image_pa = image_pa;
	fixmap_set_ops(&arm64_fixmap_ops);
	early_fixmap_init((pgd_t *)init_pg_dir);
	/* Until paging_init has built the linear map, table pages are reached via the fixmap. */
	pgtable_set_accessor(&pgtable_fixmap_accessor);
	setup_machine_fdt(dtb);
	start_kernel();
}

/* nokaslr: bootmem has no KASLR (the image always runs at KIMAGE_VADDR); accepted as Linux does. */
static int __init early_nokaslr(char *val)
{
	return 0;
}
early_param("nokaslr", early_nokaslr);
