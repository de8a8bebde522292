// SPDX-License-Identifier: GPL-2.0
/*
 * arm64's memblock set-up and boot-memory init, in Linux 6.1's order (arch/arm64/mm/init.c):
 * clip memory to what the linear map can cover, reserve the image (the footprint of the Linux
 * Image bootmem stands for), scan the DT's reserved memory; later NUMA, sparse memmap, zones,
 * default CMA and the memblock dump.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/of_fdt.h>
#include <linux/cma.h>
#include <linux/mm.h>
#include <asm/memory.h>
#include <asm/sections.h>
#include <linux/of_address.h>
#include <linux/numa.h>
#include <asm/mmu.h>
#include <asm/image.h>
#include <linux/initrd.h>
#include <linux/crash_core.h>
#include <linux/swiotlb.h>
#include <asm/pgtable.h>
#include <asm/fixmap.h>
#include <linux/bootmem_checksum.h>
#include <linux/ioport.h>

#define PHYS_MASK_SHIFT		48
/* With 4 KiB pages and 48-bit VAs the linear map starts on a 1 GiB boundary (PUD). */
#define ARM64_MEMSTART_ALIGN	SZ_1G

phys_addr_t memory_limit = PHYS_ADDR_MAX;
/* The physical address the linear map starts at (PHYS_OFFSET). */
s64 memstart_addr;

/* mem=SIZE: use at most SIZE bytes of memory (Linux's early_mem). */
static int __init early_mem(char *p)
{
	if (!p)
		return 1;
	memory_limit = memparse(p, &p) & PAGE_MASK;
	pr_notice("Memory limited to %lluMB\n", memory_limit >> 20);
	return 0;
}
early_param("mem", early_mem);

/* ---- the Image's footprint (asm/image.h) ---- */

struct kernel_image kernel_image;
u64 kernel_image_size = LINUX_IMAGE_SIZE;

/*
 * Debian's 6.1 Image between _stext and init_pg_dir, as offsets from _text: _etext, rodata,
 * init text and data, _sdata, _edata, bss (asm/image.h says where each comes from).
 */
static const struct {
	u64 etext, start_rodata, end_rodata, init_begin, inittext_end, init_end;
	u64 sdata, edata, bss_start, bss_stop;
} linux_image = {
	.etext = 0xd00000, .start_rodata = 0xd00000, .end_rodata = 0x1648000,
	.init_begin = 0x1660000, .inittext_end = 0x1740000, .init_end = 0x1cb0000,
	.sdata = 0x1cb0000, .edata = 0x1f6da00, .bss_start = 0x1f6e000, .bss_stop = 0x200ac00,
};

/* kernel_size=SIZE: reserve the footprint of another Image (e.g. a user's own kernel). */
static int __init early_kernel_size(char *p)
{
	u64 size;

	if (!p || !*p)
		return 1;
	size = PAGE_ALIGN(memparse(p, &p));
	if (*p) {
		bm_warn("kernel_size=: cannot parse \"%s\", keeping %#llx\n", p,
			kernel_image_size);
		return 0;
	}
	kernel_image_size = size;
	return 0;
}
early_param("kernel_size", early_kernel_size);

/* An offset of Linux's Image, moved in proportion for a footprint of another size. */
static phys_addr_t scaled(phys_addr_t text, u64 off, u64 size, bool exact)
{
	off = (u64)((unsigned __int128)off * size / LINUX_IMAGE_SIZE);
	return text + (exact ? off : PAGE_ALIGN(off));
}

void __init kernel_image_setup(phys_addr_t text)
{
	struct kernel_image *k = &kernel_image;
	/* _stext, at least a page of text, and init_pg_dir; and bootmem's own image inside. */
	u64 min = max_t(u64, LINUX_STEXT + PAGE_SIZE + LINUX_INIT_PG_DIR_SIZE,
			ALIGN(boot_image_size + LINUX_INIT_PG_DIR_SIZE, SZ_64K));
	u64 size = kernel_image_size;

	if (size < min) {
		bm_warn("kernel_size=%#llx cannot hold the image (bootmem's own is %#llx bytes): reserving %#llx\n",
			size, boot_image_size, min);
		size = kernel_image_size = min;
	}
	k->text = text;
	k->stext = text + LINUX_STEXT;
	k->end = text + size;
	k->init_pg_dir = k->end - LINUX_INIT_PG_DIR_SIZE;
	k->etext = scaled(text, linux_image.etext, size, false);
	k->start_rodata = scaled(text, linux_image.start_rodata, size, false);
	k->end_rodata = scaled(text, linux_image.end_rodata, size, false);
	k->init_begin = scaled(text, linux_image.init_begin, size, false);
	k->inittext_end = scaled(text, linux_image.inittext_end, size, false);
	k->init_end = scaled(text, linux_image.init_end, size, false);
	k->sdata = scaled(text, linux_image.sdata, size, false);
	k->edata = scaled(text, linux_image.edata, size, true);
	k->bss_start = scaled(text, linux_image.bss_start, size, false);
	k->bss_stop = scaled(text, linux_image.bss_stop, size, true);
}

/* The "banner" line: which footprint is reserved, and where bootmem's own image lies in it. */
static void __init print_kernel_image(void)
{
	phys_addr_t end = kernel_image.end - 1;

	bm_info("kernel image footprint [mem %pa-%pa]: image_size %#llx (%s), reserved from _stext as Linux reserves its own\n",
		&kernel_image.text, &end, kernel_image_size,
		kernel_image_size == LINUX_IMAGE_SIZE ? "Debian's Linux 6.1 Image" : "kernel_size=");
	if (boot_image_size)
		bm_info("bootmem's own image uses %#llx bytes of it; the rest is reserved and never used\n",
			boot_image_size);
}

/*
 * The initrd, in whole pages, must be reachable through the linear map: then it is added
 * back (mem= may have removed it), made mappable and reserved, before the kernel; otherwise
 * Linux warns and boots without it (phys_initrd_size = 0).
 */
static void __init arm64_reserve_initrd(s64 linear_region_size)
{
	u64 base = phys_initrd_start & PAGE_MASK;
	u64 size = PAGE_ALIGN(phys_initrd_start + phys_initrd_size) - base;
	phys_addr_t dram = memblock_start_of_DRAM();

	bm_info("initrd [mem %#llx-%#llx] (%lu bytes)\n", phys_initrd_start,
		phys_initrd_start + phys_initrd_size - 1, phys_initrd_size);
	if (base < dram || base + size > dram + linear_region_size) {
		/* Linux's WARN(): this line and the message, then a register dump and call trace. */
		pr_warn("------------[ cut here ]------------\n");
		printk("initrd not fully accessible via the linear mapping -- please check your bootloader ...\n");
		bm_warn("initrd [mem %#llx-%#llx] is outside [mem %pa-%#llx], what the linear map covers: dropped (Linux then prints WARNING: ... arm64_memblock_init and a call trace)\n",
			base, base + size - 1, &dram, dram + linear_region_size - 1);
		phys_initrd_size = 0;
		return;
	}
	if (base < kernel_image.end && base + size > kernel_image.stext)
		bm_warn("initrd [mem %#llx-%#llx] overlaps the kernel image [mem %#llx-%#llx]: Linux reserves both (they merge); the kernel's memory is the initrd's\n",
			base, base + size - 1, kernel_image.stext, kernel_image.end - 1);
	if (initial_boot_params_pa != PHYS_ADDR_MAX && initial_boot_params &&
	    base < initial_boot_params_pa + fdt_totalsize(initial_boot_params) &&
	    base + size > initial_boot_params_pa)
		bm_warn("initrd [mem %#llx-%#llx] overlaps the device tree blob at %pa: Linux reserves both (they merge)\n",
			base, base + size - 1, &initial_boot_params_pa);
	memblock_add(base, size);
	memblock_clear_nomap(base, size);
	memblock_reserve(base, size);
}

void __init arm64_memblock_init(void)
{
	s64 linear_region_size = LINEAR_MAP_SIZE;

	kernel_image_setup(__pa_symbol(_text));
	print_kernel_image();

	/* Memory the CPU's physical address space cannot reach is never usable. */
	memblock_remove(1ULL << PHYS_MASK_SHIFT, ULLONG_MAX);

	/* The linear map starts at memstart_addr and is 2^47 bytes long: clip what lies above. */
	memstart_addr = round_down(memblock_start_of_DRAM(), ARM64_MEMSTART_ALIGN);
	if ((memblock_end_of_DRAM() - memstart_addr) > linear_region_size)
		pr_warn("Memory doesn't fit in the linear mapping, VA_BITS too small\n");
	memblock_remove(max_t(u64, memstart_addr + linear_region_size, kernel_image.end),
			ULLONG_MAX);
	if (memstart_addr + linear_region_size < memblock_end_of_DRAM()) {
		memstart_addr = round_up(memblock_end_of_DRAM() - linear_region_size,
					 ARM64_MEMSTART_ALIGN);
		memblock_remove(0, memstart_addr);
	}

	if (memory_limit != PHYS_ADDR_MAX) {
		memblock_mem_limit_remove_map(memory_limit);
		/* The image must stay usable whatever mem= said. */
		memblock_add(kernel_image.text, kernel_image.end - kernel_image.text);
	}

	if (phys_initrd_size)
		arm64_reserve_initrd(linear_region_size);

	memblock_reserve(kernel_image.stext, kernel_image.end - kernel_image.stext);
	early_init_fdt_scan_reserved_mem();
}

/* The end of ZONE_DMA: where the default CMA area and swiotlb must lie below. */
phys_addr_t arm64_dma_phys_limit;
unsigned int zone_dma_bits;

/*
 * The end (exclusive) of a zone reaching @zone_bits of physical address. Memory that
 * starts above 4 GiB gets no DMA limit at all; memory that starts above the mask (RAM at
 * 1 GiB with a 30-bit device) falls back to 4 GiB. Capped at the end of DRAM.
 */
static phys_addr_t __init max_zone_phys(unsigned int zone_bits)
{
	phys_addr_t zone_mask = zone_bits >= 64 ? PHYS_ADDR_MAX : (1ULL << zone_bits) - 1;
	phys_addr_t phys_start = memblock_start_of_DRAM();

	if (phys_start > U32_MAX)
		zone_mask = PHYS_ADDR_MAX;
	else if (phys_start > zone_mask)
		zone_mask = U32_MAX;

	return min(zone_mask, memblock_end_of_DRAM() - 1) + 1;
}

/*
 * Linux 6.1 arm64's zone_sizes_init(): ZONE_DMA up to what every DT device can address (at most
 * 32 bits), ZONE_DMA32 to 4 GiB, ZONE_NORMAL the rest; then free_area_init(). No ACPI
 * here, so the IORT limit is "no limit".
 */
static void __init zone_sizes_init(void)
{
	unsigned long max_zone_pfns[MAX_NR_ZONES] = { 0 };
	phys_addr_t dma32_phys_limit = max_zone_phys(32);
	unsigned int dt_zone_dma_bits = fls64(of_dma_get_max_cpu_address());

	zone_dma_bits = min(32U, dt_zone_dma_bits);
	arm64_dma_phys_limit = max_zone_phys(zone_dma_bits);
	max_zone_pfns[ZONE_DMA] = PFN_DOWN(arm64_dma_phys_limit);
	max_zone_pfns[ZONE_DMA32] = PFN_DOWN(dma32_phys_limit);
	if (!arm64_dma_phys_limit)
		arm64_dma_phys_limit = dma32_phys_limit;
	max_zone_pfns[ZONE_NORMAL] = max_pfn;

	free_area_init(max_zone_pfns);
}

/* ---- crashkernel= (Linux 6.1 arch/arm64/mm/init.c) ---- */

/* The kdump kernel is entered like any Image: 2 MiB alignment (the boot protocol's). */
#define CRASH_ALIGN		SZ_2M
#define CRASH_ADDR_LOW_MAX	arm64_dma_phys_limit
#define CRASH_ADDR_HIGH_MAX	(1ULL << PHYS_MASK_SHIFT)

/* crashkernel=Y,low: the part a ,high crash kernel needs below the DMA limit. */
static int __init reserve_crashkernel_low(unsigned long long low_size)
{
	unsigned long long low_base;

	low_base = memblock_phys_alloc_range(low_size, CRASH_ALIGN, 0, CRASH_ADDR_LOW_MAX);
	if (!low_base) {
		pr_err("cannot allocate crashkernel low memory (size:0x%llx).\n", low_size);
		return -ENOMEM;
	}
	pr_info("crashkernel low memory reserved: 0x%08llx - 0x%08llx (%lld MB)\n",
		low_base, low_base + low_size, low_size >> 20);
	crashk_low_res.start = low_base;
	crashk_low_res.end = low_base + low_size - 1;
	insert_resource(&iomem_resource, &crashk_low_res);
	return 0;
}

/*
 * Memory for a kdump kernel: crashkernel=X[@offset] below the DMA limit (or at offset),
 * or crashkernel=X,high anywhere (with crashkernel=Y,low below the limit). Top-down, as
 * every memblock allocation here; the range stays in the linear map.
 */
static void __init reserve_crashkernel(void)
{
	unsigned long long crash_base, crash_size, crash_low_size = 0;
	unsigned long long crash_max = CRASH_ADDR_LOW_MAX;
	char *cmdline = boot_command_line;
	int ret;

	ret = parse_crashkernel(cmdline, memblock_phys_mem_size(), &crash_size, &crash_base);
	if (ret == -ENOENT) {
		ret = parse_crashkernel_high(cmdline, 0, &crash_size, &crash_base);
		if (ret || !crash_size)
			return;
		/* A ,low is optional, but a bad one stops the ,high reservation too. */
		ret = parse_crashkernel_low(cmdline, 0, &crash_low_size, &crash_base);
		if (ret && ret != -ENOENT)
			return;
		crash_max = CRASH_ADDR_HIGH_MAX;
	} else if (ret || !crash_size) {
		return;
	}

	crash_size = PAGE_ALIGN(crash_size);
	if (crash_base)
		crash_max = crash_base + crash_size;
	crash_base = memblock_phys_alloc_range(crash_size, CRASH_ALIGN, crash_base, crash_max);
	if (!crash_base) {
		pr_warn("cannot allocate crashkernel (size:0x%llx)\n", crash_size);
		return;
	}
	if (crash_base >= CRASH_ADDR_LOW_MAX && crash_low_size &&
	    reserve_crashkernel_low(crash_low_size)) {
		memblock_phys_free(crash_base, crash_size);
		return;
	}
	pr_info("crashkernel reserved: 0x%016llx - 0x%016llx (%lld MB)\n",
		crash_base, crash_base + crash_size, crash_size >> 20);
	crashk_res.start = crash_base;
	crashk_res.end = crash_base + crash_size - 1;
	/* /proc/iomem's "Crash kernel", below the System RAM that request_standard_resources adds */
	insert_resource(&iomem_resource, &crashk_res);
}

/* Linux's bootmem_init(): nodes, the sparse memmap, zones, the default CMA, the dump. */
void __init bootmem_init(void)
{
	unsigned long min, max;

	min = PFN_UP(memblock_start_of_DRAM());
	max = PFN_DOWN(memblock_end_of_DRAM());
	max_pfn = max_low_pfn = max;
	min_low_pfn = min;
	arch_numa_init();
	sparse_init();
	zone_sizes_init();
	/* After the memmap: the CMA area lands right below it, where Linux's does. */
	dma_contiguous_reserve(arm64_dma_phys_limit);
	/* With ZONE_DMA, Linux reserves the crash kernel here, once the DMA limit is known. */
	reserve_crashkernel();
	memblock_dump_all();
}

#define IO_TLB_DEFAULT_SIZE	SZ_64M

/* Where the bounce buffer went (Linux's io_tlb_default_mem, kernel/dma/swiotlb.c). */
struct io_tlb_mem io_tlb_default_mem;

/*
 * Memory above what every DMA master reaches needs bounce buffers: Linux's mem_init sets up
 * swiotlb (64 MiB, low in memory) before handing memory to the buddy allocator.
 */
static void __init swiotlb_init(void)
{
	void *tlb;
	phys_addr_t pa;

	if (max_pfn <= PFN_DOWN(arm64_dma_phys_limit))
		return;
	tlb = memblock_alloc_try_nid(IO_TLB_DEFAULT_SIZE, PAGE_SIZE, 0,
				     arm64_dma_phys_limit - 1, NUMA_NO_NODE);
	if (!tlb) {
		pr_warn("software IO TLB: failed to allocate the bounce buffer\n");
		return;
	}
	pa = __pa(tlb);
	io_tlb_default_mem.start = pa;
	io_tlb_default_mem.end = pa + IO_TLB_DEFAULT_SIZE;
	pr_info("software IO TLB: mapped [mem %pa-%pa] (%luMB)\n", &pa,
		&(phys_addr_t){ pa + IO_TLB_DEFAULT_SIZE - 1 }, (unsigned long)(IO_TLB_DEFAULT_SIZE >> 20));
}

void __init mem_init(void)
{
	swiotlb_init();
	memblock_free_all();
	mem_init_print_info();
}

static void init_reset(void)
{
	memset(&kernel_image, 0, sizeof(kernel_image));
	kernel_image_size = LINUX_IMAGE_SIZE;
	memory_limit = PHYS_ADDR_MAX;
	memstart_addr = 0;
	arm64_dma_phys_limit = 0;
	zone_dma_bits = 0;
	io_tlb_default_mem.start = io_tlb_default_mem.end = 0;
}
host_reset(init_reset);

/*
 * bootmem_checksum: the three checksums of what the bring-up built. The kernel leaves out
 * what depends on its own build: the memory of the image footprint in force (kernel_image,
 * or bootmem's real image if larger) from the 2 MiB boundary below _text, its linear alias,
 * the image mapping, and the fixmap's slot (its tables are in the image's bss), so values
 * recorded from one build hold for the next.
 */
void bootmem_checksum_print(void)
{
	phys_addr_t text = __pa_symbol(_text);
	phys_addr_t start = round_down(text, SZ_2M);
	phys_addr_t end = round_up(max_t(phys_addr_t, kernel_image.end, __pa_symbol(_end)),
				   SZ_2M);
	struct checksum_skip skip = {
		.skip_start_pfn = PFN_DOWN(start), .skip_end_pfn = PFN_UP(end),
		.skip_va = {
			{ __phys_to_virt(start), __phys_to_virt(end) },
			{ KIMAGE_VADDR, KIMAGE_VADDR + (end - start) },
			{ round_down(FIXADDR_TOP - FIXADDR_TOT_SIZE, PGDIR_SIZE),
			  round_up(FIXADDR_TOP, PGDIR_SIZE) },
		},
		.nr_skip_va = 3,
	};

	pr_info("bootmem: checksum memmap %016llx page tables %016llx free lists %016llx\n",
		memmap_checksum(&skip), pgtable_checksum(swapper_pg_dir, &skip),
		free_lists_checksum(&skip));
}
