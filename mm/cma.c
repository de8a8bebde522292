// SPDX-License-Identifier: GPL-2.0
/*
 * Contiguous Memory Allocator, boot part (Linux's mm/cma.c): declaring areas, placing them
 * with memblock and counting their pages in totalcma_pages. Allocation from them comes later.
 */
#define pr_fmt(fmt) "cma: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sizes.h>
#include <linux/sprintf.h>
#include <linux/memblock.h>
#include <linux/cma.h>
#include <linux/init.h>
#include <linux/version.h>

struct cma cma_areas[MAX_CMA_AREAS];
unsigned int cma_area_count;
unsigned long totalcma_pages;

phys_addr_t cma_get_base(const struct cma *cma)
{
	return PFN_PHYS(cma->base_pfn);
}

unsigned long cma_get_size(const struct cma *cma)
{
	return cma->count << PAGE_SHIFT;
}

const char *cma_get_name(const struct cma *cma)
{
	return cma->name;
}

static bool is_power_of_2(u64 n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

/**
 * cma_init_reserved_mem() - make an area of memory that is already reserved
 * @base: its base; @size: its size (both pageblock aligned)
 * @order_per_bit: order of pages represented by one bit of the area's bitmap
 * @name: its name (NULL: "cmaN")
 * @res_cma: where to store the new area
 */
int cma_init_reserved_mem(phys_addr_t base, phys_addr_t size, unsigned int order_per_bit,
			  const char *name, struct cma **res_cma)
{
	struct cma *cma;

	if (cma_area_count == ARRAY_SIZE(cma_areas)) {
		pr_err("Not enough slots for CMA reserved regions!\n");
		return -ENOSPC;
	}

	if (!size || !memblock_is_region_reserved(base, size))
		return -EINVAL;

	/* The page allocator hands CMA pages back a pageblock at a time. */
	if (!IS_ALIGNED(base | size, CMA_MIN_ALIGNMENT_BYTES))
		return -EINVAL;

	cma = &cma_areas[cma_area_count];

	if (name)
		snprintf(cma->name, CMA_MAX_NAME, "%s", name);
	else
		snprintf(cma->name, CMA_MAX_NAME, "cma%d\n", cma_area_count);

	cma->base_pfn = PFN_DOWN(base);
	cma->count = size >> PAGE_SHIFT;
	cma->order_per_bit = order_per_bit;
	*res_cma = cma;
	cma_area_count++;
	totalcma_pages += (size / PAGE_SIZE);

	return 0;
}

/**
 * cma_declare_contiguous_nid() - reserve a CMA area with memblock
 * @base: base of the area, 0 for anywhere
 * @size: its size in bytes
 * @limit: end of the memory it may use, 0 for anywhere
 * @alignment: its alignment (a power of 2, or 0), at least a pageblock
 * @order_per_bit: order of pages represented by one bit of its bitmap
 * @fixed: exactly at @base, rather than anywhere in [@base, @limit)
 * @name: its name
 * @res_cma: where to store the new area
 * @nid: node to allocate on, NUMA_NO_NODE for any
 */
int cma_declare_contiguous_nid(phys_addr_t base, phys_addr_t size, phys_addr_t limit,
			       phys_addr_t alignment, unsigned int order_per_bit, bool fixed,
			       const char *name, struct cma **res_cma, int nid)
{
	phys_addr_t memblock_end = memblock_end_of_DRAM();
	/* arm64 has no highmem: high_memory is the end of DRAM. */
	phys_addr_t highmem_start = memblock_end;
	int ret = 0;

	if (cma_area_count == ARRAY_SIZE(cma_areas)) {
		pr_err("Not enough slots for CMA reserved regions!\n");
		return -ENOSPC;
	}

	if (!size)
		return -EINVAL;

	if (alignment && !is_power_of_2(alignment))
		return -EINVAL;

	/* Sanitise input arguments. */
	alignment = max_t(phys_addr_t, alignment, CMA_MIN_ALIGNMENT_BYTES);
	if (fixed && base & (alignment - 1)) {
		ret = -EINVAL;
		pr_err("Region at %pa must be aligned to %pa bytes\n", &base, &alignment);
		goto err;
	}
	base = ALIGN(base, alignment);
	size = ALIGN(size, alignment);
	limit &= ~(alignment - 1);

	if (!base)
		fixed = false;

	/* size should be aligned with order_per_bit */
	if (!IS_ALIGNED(size >> PAGE_SHIFT, 1UL << order_per_bit))
		return -EINVAL;

	/* A fixed region must not cross the low/high memory boundary. */
	if (fixed && base < highmem_start && base + size > highmem_start) {
		ret = -EINVAL;
		pr_err("Region at %pa defined on low/high memory boundary (%pa)\n",
		       &base, &highmem_start);
		goto err;
	}

	/* An unspecified limit, or one past the end of memory, is the end of memory. */
	if (limit == 0 || limit > memblock_end)
		limit = memblock_end;

	if (base + size > limit) {
		ret = -EINVAL;
		pr_err("Size (%pa) of region at %pa exceeds limit (%pa)\n", &size, &base, &limit);
		goto err;
	}

	if (fixed) {
		if (memblock_is_region_reserved(base, size) || memblock_reserve(base, size) < 0) {
			ret = -EBUSY;
			goto err;
		}
	} else {
		phys_addr_t addr = 0;

		/* All pages of the area must come from the same zone: try high memory first. */
		if (base < highmem_start && limit > highmem_start) {
			addr = memblock_alloc_range_nid(size, alignment, highmem_start, limit,
							nid, true);
			limit = highmem_start;
		}

		/*
		 * With enough memory, try bottom-up above 4 GiB first: the area then sits low
		 * in its node, so compaction moves pages out of it rather than into it, and
		 * the 32-bit DMA zones are left alone.
		 */
		if (!memblock_bottom_up() && memblock_end >= SZ_4G + size) {
			memblock_set_bottom_up(true);
			addr = memblock_alloc_range_nid(size, alignment, SZ_4G, limit, nid, true);
			memblock_set_bottom_up(false);
		}

		if (!addr) {
			addr = memblock_alloc_range_nid(size, alignment, base, limit, nid, true);
			if (!addr) {
				ret = -ENOMEM;
				goto err;
			}
		}

		base = addr;
	}

	ret = cma_init_reserved_mem(base, size, order_per_bit, name, res_cma);
	if (ret)
		goto free_mem;

	/* 6.12's cma_declare_contiguous_nid() names the node asked for (-1: any). */
	if (linux_since(6, 12))
		pr_info("Reserved %ld MiB at %pa on node %d\n", (unsigned long)size / SZ_1M,
			&base, nid);
	else
		pr_info("Reserved %ld MiB at %pa\n", (unsigned long)size / SZ_1M, &base);
	return 0;

free_mem:
	memblock_phys_free(base, size);
err:
	if (linux_since(6, 12))
		pr_err("Failed to reserve %ld MiB on node %d\n", (unsigned long)size / SZ_1M, nid);
	else
		pr_err("Failed to reserve %ld MiB\n", (unsigned long)size / SZ_1M);
	return ret;
}

int cma_declare_contiguous(phys_addr_t base, phys_addr_t size, phys_addr_t limit,
			   phys_addr_t alignment, unsigned int order_per_bit, bool fixed,
			   const char *name, struct cma **res_cma)
{
	return cma_declare_contiguous_nid(base, size, limit, alignment, order_per_bit,
					  fixed, name, res_cma, NUMA_NO_NODE);
}

static void cma_reset(void)
{
	memset(cma_areas, 0, sizeof(cma_areas));
	cma_area_count = 0;
	totalcma_pages = 0;
}
host_reset(cma_reset);
