// SPDX-License-Identifier: GPL-2.0
/*
 * arm64's memblock set-up and boot-memory init, in Linux 6.1's order (arch/arm64/mm/init.c):
 * clip memory to what the linear map can cover, reserve the image, scan the DT's reserved
 * memory; later NUMA, sparse memmap, zones, default CMA and the memblock dump.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/of_fdt.h>
#include <linux/cma.h>
#include <linux/mm.h>
#include <asm/memory.h>
#include <asm/sections.h>

#define PHYS_MASK_SHIFT		48
/* With 4 KiB pages and 48-bit VAs the linear map starts on a 1 GiB boundary (PUD). */
#define ARM64_MEMSTART_ALIGN	SZ_1G

phys_addr_t memory_limit = PHYS_ADDR_MAX;

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

void __init arm64_memblock_init(void)
{
	s64 linear_region_size = LINEAR_MAP_SIZE;

	/* Memory the CPU's physical address space cannot reach is never usable. */
	memblock_remove(1ULL << PHYS_MASK_SHIFT, ULLONG_MAX);

	/* The linear map starts at memstart_addr and is 2^47 bytes long: clip what lies above. */
	memstart_addr = round_down(memblock_start_of_DRAM(), ARM64_MEMSTART_ALIGN);
	memblock_remove(max_t(u64, memstart_addr + linear_region_size, __pa_symbol(_end)),
			ULLONG_MAX);
	if (memstart_addr + linear_region_size < memblock_end_of_DRAM()) {
		memstart_addr = round_up(memblock_end_of_DRAM() - linear_region_size,
					 ARM64_MEMSTART_ALIGN);
		memblock_remove(0, memstart_addr);
	}

	if (memory_limit != PHYS_ADDR_MAX) {
		memblock_mem_limit_remove_map(memory_limit);
		/* The image must stay usable whatever mem= said. */
		memblock_add(__pa_symbol(_text), (u64)(_end - _text));
	}

	memblock_reserve(__pa_symbol(_stext), _end - _stext);
	early_init_fdt_scan_reserved_mem();
}

extern phys_addr_t arm64_dma_phys_limit;
void arch_numa_init(void);
void sparse_init(void);
void zone_sizes_init_arm64(void);
void mem_init_print_info(void);

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
	zone_sizes_init_arm64();
	/* After the memmap: the CMA area lands right below it, where Linux's does. */
	dma_contiguous_reserve(arm64_dma_phys_limit);
	memblock_dump_all();
}

#define IO_TLB_DEFAULT_SIZE	SZ_64M

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
	pr_info("software IO TLB: mapped [mem %pa-%pa] (%luMB)\n", &pa,
		&(phys_addr_t){ pa + IO_TLB_DEFAULT_SIZE - 1 }, (unsigned long)(IO_TLB_DEFAULT_SIZE >> 20));
}

void __init mem_init(void)
{
	swiotlb_init();
	memblock_free_all();
	mem_init_print_info();
}
