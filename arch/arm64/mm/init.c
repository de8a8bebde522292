// SPDX-License-Identifier: GPL-2.0
/*
 * arm64's memblock set-up and boot-memory init, in Linux's order (arch/arm64/mm/init.c):
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
#include <linux/version.h>
#include <linux/cpumask.h>
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
u64 kernel_image_size;

/*
 * Debian's Images between _stext and init_pg_dir, as offsets from _text: _etext, rodata,
 * init text and data, _sdata, _edata, bss (asm/image.h says where each comes from).
 * 6.12.117: .text [0x10000, 0x1e00000) and .data from 0x1e00000 (0xc2b200 bytes of raw
 * data: _edata) in the PE section table; /proc/iomem's Kernel code [_text, __init_begin)
 * = [0x0, 0x1d00000) and Kernel data [_sdata, _end) = [0x2670000, 0x2b30000); Memory:'s
 * 15616K code, 13948K rodata, 9664K init, 3820K rwdata, 938K bss.
 */
struct linux_image_layout {
	u64 size, etext, start_rodata, end_rodata, init_begin, inittext_end, init_end;
	u64 sdata, edata, bss_start, bss_stop;
};

static const struct linux_image_layout linux_61_image = {
	.size = LINUX_IMAGE_SIZE,
	.etext = 0xd00000, .start_rodata = 0xd00000, .end_rodata = 0x1648000,
	.init_begin = 0x1660000, .inittext_end = 0x1740000, .init_end = 0x1cb0000,
	.sdata = 0x1cb0000, .edata = 0x1f6da00, .bss_start = 0x1f6e000, .bss_stop = 0x200ac00,
};

#ifdef CONFIG_ARM64_16K_PAGES
/*
 * 6.12.117-arm64-16k: .text [0x10000, 0x1e30000), .data from 0x1e30000 (0xc81200 bytes:
 * _edata); Kernel code [0x0, 0x1d30000), Kernel data [0x26f0000, 0x2be0000); Memory:'s
 * 15616K code, 14064K rodata, 9984K init, 3844K rwdata, 1038K bss (bss from the next page).
 */
static const struct linux_image_layout linux_612_image = {
	.size = LINUX_612_IMAGE_SIZE,
	.etext = 0xf50000, .start_rodata = 0xf50000, .end_rodata = 0x1d0c000,
	.init_begin = 0x1d30000, .inittext_end = 0x1e30000, .init_end = 0x26f0000,
	.sdata = 0x26f0000, .edata = 0x2ab1200, .bss_start = 0x2ab4000, .bss_stop = 0x2bb7800,
};
#else
static const struct linux_image_layout linux_612_image = {
	.size = LINUX_612_IMAGE_SIZE,
	.etext = 0xf50000, .start_rodata = 0xf50000, .end_rodata = 0x1cef000,
	.init_begin = 0x1d00000, .inittext_end = 0x1e00000, .init_end = 0x2670000,
	.sdata = 0x2670000, .edata = 0x2a2b200, .bss_start = 0x2a2c000, .bss_stop = 0x2b16800,
};
#endif

static const struct linux_image_layout *linux_image_of(unsigned int version)
{
	return version >= KERNEL_VERSION(6, 12, 0) ? &linux_612_image : &linux_61_image;
}

u64 linux_image_size(unsigned int version)
{
	return linux_image_of(version)->size;
}

/* kernel_size=SIZE: reserve the footprint of another Image (e.g. a user's own kernel). */
static int __init early_kernel_size(char *p)
{
	u64 size;

	if (!p || !*p)
		return 1;
	size = PAGE_ALIGN(memparse(p, &p));
	if (*p) {
		bm_warn("kernel_size=: cannot parse \"%s\", keeping %#llx\n", p,
			kernel_image_size ? kernel_image_size :
					    linux_image_size(linux_version_code));
		return 0;
	}
	kernel_image_size = size;
	return 0;
}
early_param("kernel_size", early_kernel_size);

/* An offset of Linux's Image, moved in proportion for a footprint of another size. */
static phys_addr_t scaled(phys_addr_t text, u64 off, u64 size, u64 linux_size, bool exact)
{
	off = (u64)((unsigned __int128)off * size / linux_size);
	return text + (exact ? off : PAGE_ALIGN(off));
}

void __init kernel_image_setup(phys_addr_t text)
{
	const struct linux_image_layout *l = linux_image_of(linux_version_code);
	struct kernel_image *k = &kernel_image;
	/* _stext, at least a page of text, and init_pg_dir; and bootmem's own image inside. */
	u64 min = max_t(u64, LINUX_STEXT + PAGE_SIZE + LINUX_INIT_PG_DIR_SIZE,
			ALIGN(boot_image_size + LINUX_INIT_PG_DIR_SIZE, SZ_64K));
	u64 size = kernel_image_size ? kernel_image_size : l->size;

	if (size < min) {
		bm_warn("kernel_size=%#llx cannot hold the image (bootmem's own is %#llx bytes): reserving %#llx\n",
			size, boot_image_size, min);
		size = kernel_image_size = min;
	}
	k->text = text;
	k->stext = text + LINUX_STEXT;
	k->end = text + size;
	k->etext = scaled(text, l->etext, size, l->size, false);
	k->start_rodata = scaled(text, l->start_rodata, size, l->size, false);
	k->end_rodata = scaled(text, l->end_rodata, size, l->size, false);
	k->init_begin = scaled(text, l->init_begin, size, l->size, false);
	k->inittext_end = scaled(text, l->inittext_end, size, l->size, false);
	k->init_end = scaled(text, l->init_end, size, l->size, false);
	k->sdata = scaled(text, l->sdata, size, l->size, false);
	k->edata = scaled(text, l->edata, size, l->size, true);
	k->bss_start = scaled(text, l->bss_start, size, l->size, false);
	k->bss_stop = scaled(text, l->bss_stop, size, l->size, true);
	/*
	 * 6.1 reserves [_stext, _end) and paging_init frees init_pg_dir, its last 0x5000 bytes;
	 * 6.12's arm64_memblock_init() reserves [_text, _end) and keeps its early tables, which
	 * map the image before paging_init (pi/map_kernel.c). Ours go right after bootmem's own
	 * image: a boot loader only keeps the image_size our header declares (6.1's) free.
	 */
	if (linux_since(6, 12)) {
		k->reserve = k->text;
		k->init_pg_dir = PAGE_ALIGN(k->text + boot_image_size);
	} else {
		k->reserve = k->stext;
		k->init_pg_dir = k->end - LINUX_INIT_PG_DIR_SIZE;
	}
}

/* The "banner" line: which footprint is reserved, and where bootmem's own image lies in it. */
static void __init print_kernel_image(void)
{
	phys_addr_t end = kernel_image.end - 1;
	u64 size = kernel_image.end - kernel_image.text;

	char what[32];

	if (kernel_image_size)
		snprintf(what, sizeof(what), "kernel_size=");
	else
		snprintf(what, sizeof(what), "Debian's Linux %s Image", linux_version_name());
	bm_info("kernel image footprint [mem %pa-%pa]: image_size %#llx (%s), reserved from %s as Linux reserves its own\n",
		&kernel_image.text, &end, size, what,
		kernel_image.reserve == kernel_image.text ? "_text" : "_stext");
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
	if (base < kernel_image.end && base + size > kernel_image.reserve)
		bm_warn("initrd [mem %#llx-%#llx] overlaps the kernel image [mem %#llx-%#llx]: Linux reserves both (they merge); the kernel's memory is the initrd's\n",
			base, base + size - 1, kernel_image.reserve, kernel_image.end - 1);
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

	memblock_reserve(kernel_image.reserve, kernel_image.end - kernel_image.reserve);
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
 * 6.12's max_zone_phys(zone_limit): the limit itself, capped at the end of DRAM, with no
 * fallback for DRAM that starts above it: RAM at 1 GiB with a 30-bit device gets an empty
 * ZONE_DMA, and ZONE_DMA32 from the start of DRAM.
 */
static phys_addr_t __init max_zone_phys_612(phys_addr_t zone_limit)
{
	return min(zone_limit, memblock_end_of_DRAM() - 1) + 1;
}

/*
 * arm64's zone_sizes_init(): ZONE_DMA up to what every DT device can address, ZONE_DMA32 to
 * 4 GiB, ZONE_NORMAL the rest; then free_area_init(). No ACPI here, so the IORT limit is "no
 * limit". 6.1 works in bits (zone_dma_bits = min(32, fls64(max address))); 6.12 in the
 * address itself (zone_dma_limit), clamped to 4 GiB only when DRAM starts below 4 GiB.
 */
static void __init zone_sizes_init(void)
{
	unsigned long max_zone_pfns[MAX_NR_ZONES] = { 0 };
	phys_addr_t dma32_phys_limit = max_zone_phys(32);
	unsigned int dt_zone_dma_bits = fls64(of_dma_get_max_cpu_address());

	zone_dma_bits = min(32U, dt_zone_dma_bits);
	if (linux_since(6, 12)) {
		phys_addr_t zone_dma_limit = of_dma_get_max_cpu_address();

		if (memblock_start_of_DRAM() < U32_MAX)
			zone_dma_limit = min_t(phys_addr_t, zone_dma_limit, U32_MAX);
		dma32_phys_limit = max_zone_phys_612(U32_MAX);
		arm64_dma_phys_limit = max_zone_phys_612(zone_dma_limit);
	} else {
		arm64_dma_phys_limit = max_zone_phys(zone_dma_bits);
	}
	max_zone_pfns[ZONE_DMA] = PFN_DOWN(arm64_dma_phys_limit);
	max_zone_pfns[ZONE_DMA32] = PFN_DOWN(dma32_phys_limit);
	if (!arm64_dma_phys_limit)
		arm64_dma_phys_limit = dma32_phys_limit;
	max_zone_pfns[ZONE_NORMAL] = max_pfn;

	free_area_init(max_zone_pfns);
}

/* ---- crashkernel= (Linux 6.1 arch/arm64/mm/init.c; 6.12's kernel/crash_reserve.c) ---- */

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
/*
 * 6.12's reserve_crashkernel_generic(): crashkernel=X tries below the DMA limit, then above
 * it with a 128 MiB ,low part; crashkernel=X,high tries above the limit first, then below;
 * X@offset there or nowhere ("memory is in use").
 */
static void __init reserve_crashkernel_generic(unsigned long long crash_size,
					       unsigned long long crash_base,
					       unsigned long long crash_low_size, bool high)
{
	unsigned long long search_end = CRASH_ADDR_LOW_MAX, search_base = 0;
	bool fixed_base = false;

	if (crash_base) {
		fixed_base = true;
		search_base = crash_base;
		search_end = crash_base + crash_size;
	} else if (high) {
		search_base = CRASH_ADDR_LOW_MAX;
		search_end = CRASH_ADDR_HIGH_MAX;
	}

retry:
	crash_base = memblock_phys_alloc_range(crash_size, CRASH_ALIGN, search_base, search_end);
	if (!crash_base) {
		if (fixed_base) {
			pr_warn("crashkernel reservation failed - memory is in use.\n");
			return;
		}
		if (!high && search_end == CRASH_ADDR_LOW_MAX) {
			search_end = CRASH_ADDR_HIGH_MAX;
			search_base = CRASH_ADDR_LOW_MAX;
			crash_low_size = DEFAULT_CRASH_KERNEL_LOW_SIZE;
			goto retry;
		}
		if (high && search_end == CRASH_ADDR_HIGH_MAX) {
			search_end = CRASH_ADDR_LOW_MAX;
			search_base = 0;
			goto retry;
		}
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
	/*
	 * 6.12 inserts it in /proc/iomem from an early_initcall (insert_crashkernel_resources);
	 * insert_resource() nests it under its System RAM all the same.
	 */
	insert_resource(&iomem_resource, &crashk_res);
}

static void __init reserve_crashkernel(void)
{
	unsigned long long crash_base, crash_size, crash_low_size = 0;
	unsigned long long crash_max = CRASH_ADDR_LOW_MAX;
	char *cmdline = boot_command_line;
	bool high = false;
	int ret;

	/*
	 * 6.12's arch_reserve_crashkernel(): one parse_crashkernel() for every form (a size
	 * at or above the memory's is refused without a word), then the generic reservation.
	 */
	if (linux_since(6, 12)) {
		if (!parse_crashkernel_generic(cmdline, memblock_phys_mem_size(), &crash_size,
					       &crash_base, &crash_low_size, &high))
			reserve_crashkernel_generic(crash_size, crash_base, crash_low_size, high);
		return;
	}

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

/* kernel/dma/swiotlb.c: 2 KiB slabs, 64 MiB by default, in segments of 128 slabs. */
#define IO_TLB_SHIFT		11
#define IO_TLB_SEGSIZE		128
#define IO_TLB_DEFAULT_SIZE	SZ_64M
#define IO_TLB_MIN_SLABS	((1 << 20) >> IO_TLB_SHIFT)
/* struct io_tlb_slot: orig_addr, alloc_size, list (+4); struct io_tlb_area: used, index, lock */
#define SIZEOF_IO_TLB_SLOT	24
#define SIZEOF_IO_TLB_AREA	16

static unsigned long roundup_pow_of_two(unsigned long n)
{
	return n <= 1 ? 1 : 1UL << fls64(n - 1);
}

/* Where the bounce buffer went (Linux's io_tlb_default_mem, kernel/dma/swiotlb.c). */
struct io_tlb_mem io_tlb_default_mem;

/*
 * 6.12's swiotlb_adjust_size(): the buffer in whole segments of slabs (256 KiB), said in
 * MiB (rounded down, "0MB" below 1 MiB), without a newline, as Linux prints it.
 */
static unsigned long __init swiotlb_adjust_size(unsigned long size)
{
	unsigned long nslabs = ALIGN(ALIGN(size, 1UL << IO_TLB_SHIFT) >> IO_TLB_SHIFT,
				     IO_TLB_SEGSIZE);

	size = nslabs << IO_TLB_SHIFT;
	pr_info("software IO TLB: SWIOTLB bounce buffer size adjusted to %luMB", size >> 20);
	return nslabs;
}

/*
 * swiotlb_adjust_nareas(num_possible_cpus()) and round_up_default_nslabs(): one area per
 * possible CPU, a power of two; the slabs at least a segment per area and a power of two,
 * said when rounded up (both Linux 6.1.192 and 6.12).
 */
static unsigned long __init swiotlb_adjust_nareas(unsigned long nareas, unsigned long nslabs)
{
	pr_info("software IO TLB: area num %lu.\n", nareas);
	if (nslabs < IO_TLB_SEGSIZE * nareas)
		nslabs = IO_TLB_SEGSIZE * nareas;
	else if (!(nslabs & (nslabs - 1)))
		return nslabs;
	nslabs = roundup_pow_of_two(nslabs);
	pr_info("software IO TLB: SWIOTLB bounce buffer size roundup to %luMB",
		(nslabs << IO_TLB_SHIFT) >> 20);
	return nslabs;
}

/*
 * Linux's swiotlb_init_remap(): memory above what every DMA master reaches needs bounce
 * buffers, 64 MiB low in memory (halved until it fits), then the slot array and one area
 * per possible CPU (a power of two). The messages are swiotlb's ("software IO TLB: ...").
 * 6.12 also sets one up when nothing needs bouncing (arm64's mem_init with
 * CONFIG_DMA_BOUNCE_UNALIGNED_KMALLOC: kmalloc() buffers smaller than a cache line), of
 * 1 MiB per GiB of memory.
 */
static __noipa void __init swiotlb_init_remap(bool addressing_limit)
{
	unsigned long nslabs = IO_TLB_DEFAULT_SIZE >> IO_TLB_SHIFT, want, nareas;
	size_t bytes, alloc_size;
	phys_addr_t start, end;
	void *tlb;

	if (linux_since(6, 12) && !addressing_limit) {
		nslabs = swiotlb_adjust_size(min_t(unsigned long, IO_TLB_DEFAULT_SIZE,
						   DIV_ROUND_UP(memblock_phys_mem_size(), 1024)));
		addressing_limit = true;
	}
	if (!addressing_limit)
		return;
	nareas = roundup_pow_of_two(num_possible_cpus());
	nslabs = want = swiotlb_adjust_nareas(nareas, nslabs);
	for (;;) {
		bytes = PAGE_ALIGN(nslabs << IO_TLB_SHIFT);
		/* memblock_alloc_low(): arm64's ARCH_LOW_ADDRESS_LIMIT is the DMA limit - 1 */
		tlb = memblock_alloc_try_nid(bytes, PAGE_SIZE, MEMBLOCK_LOW_LIMIT,
					     arm64_dma_phys_limit - 1, NUMA_NO_NODE);
		if (tlb)
			break;
		pr_warn("software IO TLB: %s: Failed to allocate %zu bytes tlb structure\n",
			"swiotlb_memblock_alloc", bytes);
		if (nslabs <= IO_TLB_MIN_SLABS) {
			bm_warn("software IO TLB: no room below %pa for the bounce buffer\n",
				&arm64_dma_phys_limit);
			return;
		}
		nslabs = ALIGN(nslabs >> 1, IO_TLB_SEGSIZE);
	}
	if (nslabs != want)
		pr_info("software IO TLB: SWIOTLB bounce buffer size adjusted %lu -> %lu slabs",
			want, nslabs);

	alloc_size = PAGE_ALIGN(nslabs * SIZEOF_IO_TLB_SLOT);
	if (!memblock_alloc(alloc_size, PAGE_SIZE)) {
		pr_warn("software IO TLB: %s: Failed to allocate %zu bytes align=0x%lx\n",
			__func__, alloc_size, PAGE_SIZE);
		return;
	}
	if (!memblock_alloc(nareas * SIZEOF_IO_TLB_AREA, SMP_CACHE_BYTES)) {
		pr_warn("software IO TLB: %s: Failed to allocate mem->areas.\n", __func__);
		return;
	}
	/* swiotlb_print_info(): the end is exclusive there */
	start = __pa(tlb);
	end = start + bytes;
	io_tlb_default_mem.start = start;
	io_tlb_default_mem.end = end;
	pr_info("software IO TLB: mapped [mem %pa-%pa] (%luMB)\n", &start, &end,
		(nslabs << IO_TLB_SHIFT) >> 20);
}

void __init mem_init(void)
{
	swiotlb_init_remap(max_pfn > PFN_DOWN(arm64_dma_phys_limit));
	memblock_free_all();
}

static void init_reset(void)
{
	memset(&kernel_image, 0, sizeof(kernel_image));
	kernel_image_size = 0;
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
