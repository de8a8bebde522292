// SPDX-License-Identifier: GPL-2.0
/*
 * setup_arch() in Linux arm64's order: the DTB, the console, early parameters, memblock,
 * paging, then nodes and zones. Portable: the kernel and every host build run this sequence;
 * what touches the CPU goes through the hooks of asm/setup.h.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/of_fdt.h>
#include <linux/of_address.h>
#include <linux/ioport.h>
#include <linux/serial.h>
#include <linux/debug_invariants.h>
#include <linux/start_kernel.h>
#include <linux/of_reserved_mem.h>
#include <linux/version.h>
#include <linux/efi_init.h>
#include <libfdt.h>
#include <asm/memory.h>
#include <asm/mmu.h>
#include <asm/setup.h>
#include <asm/image.h>

phys_addr_t __fdt_pointer;
int boot_entry_el;
u64 boot_image_pa;
u64 boot_image_size;
const char *machine_model = "unknown";

#define MIDR_IMPLEMENTOR(midr)	(((midr) >> 24) & 0xff)
#define MIDR_PARTNUM(midr)	(((midr) >> 4) & 0xfff)
#define ARM_CPU_IMP_ARM		0x41
#define ARM_CPU_PART_CORTEX_A72	0xd08

/* Linux's smp_setup_processor_id(): the boot CPU's MPIDR affinity and MIDR. */
void smp_setup_processor_id(void)
{
	pr_info("Booting bootmem on physical CPU 0x%010llx [0x%08llx]\n",
		read_cpuid_mpidr() & 0xff00ffffffULL, read_cpuid_id());
}

/*
 * No DTB to say where the console is: QEMU virt loads us at or above 1 GiB and has a PL011
 * at 0x09000000; a Raspberry Pi loads us low: BCM2711 (Pi 4, Cortex-A72) or BCM2837 (Pi 3).
 */
void earlycon_fallback(const char **driver, phys_addr_t *base, const char **how)
{
	u64 midr = read_cpuid_id();

	if (boot_image_pa >= 0x40000000) {
		*driver = "pl011";
		*base = 0x09000000;
		*how = "fallback: QEMU virt";
	} else if (MIDR_IMPLEMENTOR(midr) == ARM_CPU_IMP_ARM &&
		   MIDR_PARTNUM(midr) == ARM_CPU_PART_CORTEX_A72) {
		*driver = "bcm2835aux";
		*base = 0xfe215040;
		*how = "fallback: Raspberry Pi 4 mini-UART";
	} else {
		*driver = "pl011";
		*base = 0x3f201000;
		*how = "fallback: Raspberry Pi 3 PL011";
	}
}

/*
 * How the machine powers off: the /psci node's conduit, else a BCM2835 watchdog (Linux
 * finds these later, in psci_dt_init() and the watchdog driver; the monitor needs them).
 */
void psci_dt_init(void)
{
	const void *fdt = initial_boot_params;
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2");
	const char *method;
	u64 addr, size;

	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci");
	if (node >= 0) {
		method = of_fdt_get_string(fdt, node, "method", NULL);
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

/* Why the boot loader's x0 is unusable, on whatever console we can find; then stop. */
static void __noreturn bad_fdt(phys_addr_t dt_phys, void *dt_virt, size_t mapped)
{
	u32 size = dt_virt ? fdt_totalsize(dt_virt) : (u32)mapped;

	console_setup_fallback();
	pr_emerg("\n");
	if (!dt_phys)
		pr_emerg("Error: no device tree: the boot loader passed x0 = 0.\n");
	else if (!dt_virt && dt_phys % 8)
		pr_emerg("Error: invalid device tree pointer x0 = %pa (not 8-byte aligned).\n",
			 &dt_phys);
	else
		pr_emerg("Error: invalid device tree blob at physical address %pa "
			 "(bad magic, header or totalsize %#x).\n", &dt_phys, size);
	pr_emerg("The boot protocol (Documentation/arm64/booting.rst) wants x0 = the DTB's physical address.\n");
	panic("Cannot continue without a valid device tree (x0 = %pa)", &dt_phys);
}

/* Linux's setup_machine_fdt(): map, verify, scan memory and chosen, reserve the blob. */
void setup_machine_fdt(phys_addr_t dt_phys)
{
	size_t mapped = 0;
	void *dt_virt = early_fdt_map(dt_phys, &mapped);
	const char *name;

	if (!dt_virt || !early_init_dt_verify_mapped(dt_virt, dt_phys, mapped))
		bad_fdt(dt_phys, dt_virt, mapped);
	early_init_dt_scan_nodes();
	setup_console();
	/* Linux reserves the blob here, before memblock=debug is parsed (so it is not logged). */
	early_init_fdt_reserve_self();
	name = of_flat_dt_get_machine_name();
	if (name) {
		machine_model = name;
		pr_info("Machine model: %s\n", name);
	}
	psci_dt_init();
}

/* What the DT's memory nodes gave memblock, before anything else touches it. */
static void print_dt_memory(void)
{
	struct memblock_region *r;

	for_each_mem_region(r)
		pr_info("bootmem: DT memory [mem %#018llx-%#018llx]%s\n", r->base,
			r->base + r->size - 1,
			(r->flags & MEMBLOCK_HOTPLUG) ? " hotpluggable" : "");
}

/* After efi_init: the DT's memory nodes, or UEFI's memory map, must have given some memory. */
static void check_memory(void)
{
	if (memblock.memory.total_size)
		return;
	if (efi_enabled(EFI_BOOT))
		pr_err("bootmem: the EFI memory map describes no usable memory (no WB/WT/WC descriptor)\n");
	else
		pr_err("bootmem: the device tree describes no usable memory (no valid device_type = \"memory\" node)\n");
	/* Nothing to build page tables or a memmap from: stop here, plainly. */
	panic("No usable memory in the device tree at %pa", &__fdt_pointer);
}

static void print_entry(void)
{
	static const char *const el_names[] = { "EL0", "EL1", "EL2", "EL3" };

	pr_info("Entered at %s, running at EL1; image at physical %#llx (virtual %#lx); DTB at %pa\n",
		el_names[boot_entry_el & 3], boot_image_pa, KIMAGE_VADDR, &__fdt_pointer);
	pr_info("Console: %s\n", console_describe());
}

/* /proc/iomem's top level: the image's two parts, then one entry per memblock.memory region. */
static struct resource kernel_code = { .name = "Kernel code", .flags = IORESOURCE_SYSTEM_RAM };
static struct resource kernel_data = { .name = "Kernel data", .flags = IORESOURCE_SYSTEM_RAM };
static struct resource *standard_resources;
static unsigned long num_standard_resources;

/*
 * Linux's request_standard_resources(): "System RAM" for each mapped region (whole pages
 * inside it), "reserved" for each NOMAP one (every page it touches), the kernel inside them:
 * code from _stext (6.12: _text, with the image header) to __init_begin, data from _sdata
 * to _end.
 * Devices (UARTs, PCIe windows) never become resources here: bootmem probes no drivers.
 */
void request_standard_resources(void)
{
	struct memblock_region *region;
	struct resource *res;
	unsigned long i = 0;
	size_t res_size;

	/* The footprint of the Image bootmem stands for (asm/image.h), as memblock has it. */
	kernel_code.start = linux_since(6, 12) ? kernel_image.text : kernel_image.stext;
	kernel_code.end = kernel_image.init_begin - 1;
	kernel_data.start = kernel_image.sdata;
	kernel_data.end = kernel_image.end - 1;
	insert_resource(&iomem_resource, &kernel_code);
	insert_resource(&iomem_resource, &kernel_data);

	num_standard_resources = memblock.memory.cnt;
	res_size = num_standard_resources * sizeof(*standard_resources);
	standard_resources = memblock_alloc(res_size, SMP_CACHE_BYTES);
	if (!standard_resources)
		panic("%s: Failed to allocate %zu bytes\n", __func__, res_size);

	for_each_mem_region(region) {
		res = &standard_resources[i++];
		if (memblock_is_nomap(region)) {
			res->name = "reserved";
			res->flags = IORESOURCE_MEM;
			res->start = PFN_PHYS(memblock_region_reserved_base_pfn(region));
			res->end = PFN_PHYS(memblock_region_reserved_end_pfn(region)) - 1;
		} else {
			res->name = "System RAM";
			res->flags = IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY;
			res->start = PFN_PHYS(memblock_region_memory_base_pfn(region));
			res->end = PFN_PHYS(memblock_region_memory_end_pfn(region)) - 1;
		}
		insert_resource(&iomem_resource, res);
	}
}

/*
 * Linux's arch_initcall of the same name: every memblock.reserved range (whole pages) that
 * falls in a standard resource becomes a "reserved" child of it, split around the kernel.
 */
int reserve_memblock_reserved_regions(void)
{
	u64 i, j;

	for (i = 0; i < num_standard_resources; ++i) {
		struct resource *mem = &standard_resources[i];
		phys_addr_t r_start, r_end, mem_size = resource_size(mem);

		if (!memblock_is_region_reserved(mem->start, mem_size))
			continue;

		for_each_reserved_mem_range(j, &r_start, &r_end) {
			resource_size_t start, end;

			start = max(PFN_PHYS(PFN_DOWN(r_start)), mem->start);
			end = min(PFN_PHYS(PFN_UP(r_end)) - 1, mem->end);
			if (start > mem->end || end < mem->start)
				continue;
			reserve_region_with_split(mem, start, end, "reserved");
		}
	}
	return 0;
}

void setup_arch(void)
{
	setup_machine_fdt(__fdt_pointer);
	print_entry();
	print_dt_memory();
	/* The DT's memory as scanned, before the command line and the arch clip it. */
	boot_phase_done("fdt");
	parse_early_param(NULL);
	efi_init();
	check_memory();
	arm64_memblock_init();
	boot_phase_done("memblock");
	paging_init();
	boot_phase_done("map_mem");
	/* 6.12's unflatten_device_tree() starts by saving the static /reserved-memory regions. */
	if (linux_since(6, 12))
		fdt_scan_reserved_mem_reg_nodes();
	bootmem_init();
	boot_phase_done("memmap");
	request_standard_resources();
}

static void setup_reset(void)
{
	__fdt_pointer = 0;
	boot_entry_el = 0;
	boot_image_pa = 0;
	boot_image_size = 0;
	machine_model = "unknown";
	standard_resources = NULL;
	num_standard_resources = 0;
	kernel_code = (struct resource){ .name = "Kernel code", .flags = IORESOURCE_SYSTEM_RAM };
	kernel_data = (struct resource){ .name = "Kernel data", .flags = IORESOURCE_SYSTEM_RAM };
}
host_reset(setup_reset);

/* nokaslr: bootmem has no KASLR (the image always runs at KIMAGE_VADDR); accepted as Linux does. */
static int __init early_nokaslr(char *val)
{
	return 0;
}
early_param("nokaslr", early_nokaslr);
