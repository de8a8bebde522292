// SPDX-License-Identifier: GPL-2.0
/*
 * The default CMA area and the "shared-dma-pool" reserved-memory initialisers, as Linux 6.1's
 * kernel/dma/contiguous.c (rmem_cma_setup, cma=) and kernel/dma/coherent.c (rmem_dma_setup).
 */
#define pr_fmt(fmt) "cma: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sizes.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/cma.h>
#include <linux/of_fdt.h>
#include <linux/of_reserved_mem.h>

struct cma *dma_contiguous_default_area;
struct cma_request dma_contiguous_default_request;

/* Debian's CONFIG_CMA_SIZE_SEL_MBYTES: the default area is CMA_SIZE_MBYTES. */
#define size_bytes ((phys_addr_t)CMA_SIZE_MBYTES * SZ_1M)

/* cma=size[@base[-limit]]; size_cmdline stays -1 when the option is absent. */
static phys_addr_t size_cmdline = -1;
static phys_addr_t base_cmdline;
static phys_addr_t limit_cmdline;

int early_cma(char *p)
{
	if (!p) {
		pr_err("Config string not provided\n");
		return -EINVAL;
	}

	size_cmdline = memparse(p, &p);
	if (*p != '@')
		return 0;
	base_cmdline = memparse(p + 1, &p);
	if (*p != '-') {
		limit_cmdline = base_cmdline + size_cmdline;
		return 0;
	}
	limit_cmdline = memparse(p + 1, &p);

	return 0;
}
early_param("cma", early_cma);

static void dma_contiguous_reset(void)
{
	dma_contiguous_default_area = NULL;
	memset(&dma_contiguous_default_request, 0, sizeof(dma_contiguous_default_request));
	size_cmdline = -1;
	base_cmdline = 0;
	limit_cmdline = 0;
}
host_reset(dma_contiguous_reset);

static phys_addr_t min_not_zero_phys(phys_addr_t a, phys_addr_t b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return min(a, b);
}

/**
 * dma_contiguous_reserve() - reserve the default CMA area
 * @limit: end address of the memory it may use (0 for any)
 *
 * Called once memblock holds everything the early boot reserved (arm64: bootmem_init, with
 * arm64_dma_phys_limit). A reserved-memory "linux,cma-default" pool already is the default
 * area, and then nothing is reserved here.
 */
void dma_contiguous_reserve(phys_addr_t limit)
{
	phys_addr_t selected_size = 0;
	phys_addr_t selected_base = 0;
	phys_addr_t selected_limit = limit;
	bool fixed = false;

	if (size_cmdline != (phys_addr_t)-1) {
		selected_size = size_cmdline;
		selected_base = base_cmdline;
		selected_limit = min_not_zero_phys(limit_cmdline, limit);
		if (base_cmdline + size_cmdline == limit_cmdline)
			fixed = true;
	} else {
		selected_size = size_bytes;
	}

	if (selected_size && !dma_contiguous_default_area) {
		struct cma_request *req = &dma_contiguous_default_request;

		pr_debug("%s: reserving %ld MiB for global area\n", __func__,
			 (unsigned long)selected_size / SZ_1M);

		req->size = selected_size;
		req->base = selected_base;
		req->limit = selected_limit;
		req->fixed = fixed;
		req->ret = dma_contiguous_reserve_area(selected_size, selected_base,
						       selected_limit,
						       &dma_contiguous_default_area, fixed);
	}
}

int dma_contiguous_reserve_area(phys_addr_t size, phys_addr_t base, phys_addr_t limit,
				struct cma **res_cma, bool fixed)
{
	/* arm64 has no dma_contiguous_early_fixup(). */
	return cma_declare_contiguous(base, size, limit, 0, 0, fixed, "reserved", res_cma);
}

/* The reserved-memory initialisers print without the "cma: " prefix, as in Linux. */
#undef pr_fmt
#define pr_fmt(fmt) fmt

/* A reusable shared-dma-pool becomes a CMA area (and the default one with linux,cma-default). */
int rmem_cma_setup(struct reserved_mem *rmem)
{
	unsigned long node = rmem->fdt_node;
	bool default_cma = of_get_flat_dt_prop(node, "linux,cma-default", NULL) != NULL;
	struct cma *cma;
	int err;

	if (size_cmdline != (phys_addr_t)-1 && default_cma) {
		pr_info("Reserved memory: bypass %s node, using cmdline CMA params instead\n",
			rmem->name);
		return -EBUSY;
	}

	if (!of_get_flat_dt_prop(node, "reusable", NULL) ||
	    of_get_flat_dt_prop(node, "no-map", NULL))
		return -EINVAL;

	if (!IS_ALIGNED(rmem->base | rmem->size, CMA_MIN_ALIGNMENT_BYTES)) {
		pr_err("Reserved memory: incorrect alignment of CMA region\n");
		return -EINVAL;
	}

	err = cma_init_reserved_mem(rmem->base, rmem->size, 0, rmem->name, &cma);
	if (err) {
		pr_err("Reserved memory: unable to setup CMA region\n");
		return err;
	}

	if (default_cma)
		dma_contiguous_default_area = cma;

	rmem->priv = cma;

	pr_info("Reserved memory: created CMA memory pool at %pa, size %ld MiB\n",
		&rmem->base, (unsigned long)rmem->size / SZ_1M);

	return 0;
}

/* kernel/dma/coherent.c: a non-reusable shared-dma-pool is a per-device coherent pool. */
int rmem_dma_setup(struct reserved_mem *rmem)
{
	unsigned long node = rmem->fdt_node;

	if (of_get_flat_dt_prop(node, "reusable", NULL))
		return -EINVAL;

	pr_info("Reserved memory: created DMA memory pool at %pa, size %ld MiB\n",
		&rmem->base, (unsigned long)rmem->size / SZ_1M);
	return 0;
}
