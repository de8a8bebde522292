// SPDX-License-Identifier: GPL-2.0
/*
 * /reserved-memory second pass, as Linux's drivers/of/of_reserved_mem.c. 6.1: sort and
 * overlap-check the saved regions, place the dynamic ones, then init them by compatible.
 * 6.12: place and init each dynamic region during the first pass, then, when the tree is
 * unflattened, save and init the static ones in a table sized for them all, and check overlaps.
 */
#define pr_fmt(fmt) "OF: reserved mem: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/sizes.h>
#include <linux/sort.h>
#include <linux/memblock.h>
#include <linux/cma.h>
#include <linux/of_fdt.h>
#include <linux/of_reserved_mem.h>
#include <linux/version.h>
#include <libfdt.h>

/*
 * 6.1: the static table of 64. 6.12 starts with it too, then alloc_reserved_mem_array()
 * moves it to memblock memory sized for every region the first pass counted.
 */
static struct reserved_mem reserved_mem_array[MAX_RESERVED_REGIONS];
struct reserved_mem *reserved_mem = reserved_mem_array;
int reserved_mem_count;
static int total_reserved_mem_cnt = MAX_RESERVED_REGIONS;

/*
 * Linux collects these with RESERVEDMEM_OF_DECLARE in a linker section; the order is link
 * order, kernel/dma/contiguous.o before coherent.o. Both match "shared-dma-pool": the CMA
 * one takes reusable pools, the coherent one the others.
 */
static const struct {
	const char *compatible;
	reservedmem_of_init_fn init;
} reservedmem_of_table[] = {
	{ "shared-dma-pool", rmem_cma_setup },
	{ "shared-dma-pool", rmem_dma_setup },
};

static void of_reserved_mem_reset(void)
{
	memset(reserved_mem_array, 0, sizeof(reserved_mem_array));
	reserved_mem = reserved_mem_array;
	reserved_mem_count = 0;
	total_reserved_mem_cnt = MAX_RESERVED_REGIONS;
}
host_reset(of_reserved_mem_reset);

static int early_init_dt_alloc_reserved_memory_arch(phys_addr_t size, phys_addr_t align,
						    phys_addr_t start, phys_addr_t end,
						    bool nomap, phys_addr_t *res_base)
{
	phys_addr_t base;
	int err = 0;

	end = !end ? MEMBLOCK_ALLOC_ANYWHERE : end;
	align = !align ? SMP_CACHE_BYTES : align;
	base = memblock_phys_alloc_range(size, align, start, end);
	if (!base)
		return -ENOMEM;

	*res_base = base;
	if (nomap) {
		err = memblock_mark_nomap(base, size);
		if (err)
			memblock_phys_free(base, size);
	}

	return err;
}

static void fdt_init_reserved_mem_node(struct reserved_mem *rmem);

/*
 * Remember a region. 6.1: for fdt_init_reserved_mem(), dynamic ones with base = size = 0.
 * 6.12: placed already, and initialised right here (fdt_init_reserved_mem_node()).
 */
void fdt_reserved_mem_save_node(unsigned long node, const char *uname,
				phys_addr_t base, phys_addr_t size)
{
	struct reserved_mem *rmem;

	if (reserved_mem_count == total_reserved_mem_cnt) {
		pr_err("not enough space for all defined regions.\n");
		return;
	}

	rmem = &reserved_mem[reserved_mem_count];
	rmem->fdt_node = node;
	rmem->name = uname;
	rmem->base = base;
	rmem->size = size;

	if (linux_since(6, 12))
		fdt_init_reserved_mem_node(rmem);

	reserved_mem_count++;
}

/*
 * 6.12's __reserved_mem_alloc_in_range(): inside one alloc-ranges tuple, allocate bottom-up
 * when the range starts at (or inside) a region already placed, top-down when it ends at
 * one, so that neighbouring pools stay contiguous; memblock's direction otherwise.
 */
static int __reserved_mem_alloc_in_range(phys_addr_t size, phys_addr_t align, phys_addr_t start,
					 phys_addr_t end, bool nomap, phys_addr_t *res_base)
{
	bool prev_bottom_up = memblock_bottom_up();
	bool bottom_up = false, top_down = false;
	int ret, i;

	for (i = 0; i < reserved_mem_count; i++) {
		struct reserved_mem *rmem = &reserved_mem[i];

		if (rmem->size == 0)
			continue;
		if (start >= rmem->base && start <= rmem->base + rmem->size)
			bottom_up = true;
		if (end >= rmem->base && end <= rmem->base + rmem->size)
			top_down = true;
	}

	if (bottom_up != top_down)
		memblock_set_bottom_up(bottom_up);
	ret = early_init_dt_alloc_reserved_memory_arch(size, align, start, end, nomap, res_base);
	if (bottom_up != top_down)
		memblock_set_bottom_up(prev_bottom_up);
	return ret;
}

/*
 * memblock aligns with a mask (round_down/round_up), which only means something for a power
 * of two: with 0x300000 a region lands on a 1 MiB boundary, not a 3 MiB one. Round such an
 * alignment up to the next power of two (the stricter boundary serves whatever the device
 * needs from a power of two below it); refuse the region when there is none.
 */
static bool rmem_align_ok(const char *uname, phys_addr_t *align)
{
	phys_addr_t a = *align, up = 1;

	if (!(a & (a - 1)))
		return true;
	if (a > (1ULL << 63)) {
		bm_err("reserved-memory node '%s': alignment %#llx is not a power of two and none is above it: node skipped\n",
		       uname, a);
		return false;
	}
	while (up < a)
		up <<= 1;
	bm_warn("reserved-memory node '%s': alignment %#llx is not a power of two; rounded up to %#llx\n",
		uname, a, up);
	*align = up;
	return true;
}

/* Allocate a region described by size, alignment and alloc-ranges. */
static int __reserved_mem_alloc_size(unsigned long node, const char *uname,
				     phys_addr_t *res_base, phys_addr_t *res_size)
{
	int t_len = (dt_root_addr_cells + dt_root_size_cells) * sizeof(fdt32_t);
	phys_addr_t start = 0, end = 0;
	phys_addr_t base = 0, align = 0, size;
	const fdt32_t *prop;
	bool nomap;
	int len;
	int ret = -ENOMEM;

	prop = of_get_flat_dt_prop(node, "size", &len);
	if (!prop)
		return -EINVAL;

	if (len != dt_root_size_cells * (int)sizeof(fdt32_t)) {
		pr_err("invalid size property in '%s' node.\n", uname);
		return -EINVAL;
	}
	size = dt_mem_next_cell(dt_root_size_cells, &prop);
	if (!size)
		/* Linux goes on: a 0-byte region at the end of the highest free range. */
		bm_warn("reserved-memory node '%s': size is 0: no memory behind it\n", uname);

	prop = of_get_flat_dt_prop(node, "alignment", &len);
	if (prop) {
		if (len != dt_root_addr_cells * (int)sizeof(fdt32_t)) {
			pr_err("invalid alignment property in '%s' node.\n", uname);
			return -EINVAL;
		}
		align = dt_mem_next_cell(dt_root_addr_cells, &prop);
		if (!rmem_align_ok(uname, &align))
			return -EINVAL;
	}

	nomap = of_get_flat_dt_prop(node, "no-map", NULL) != NULL;

	/* A CMA pool must start and end on a pageblock. */
	if (of_flat_dt_is_compatible(node, "shared-dma-pool") &&
	    of_get_flat_dt_prop(node, "reusable", NULL) && !nomap)
		align = max_t(phys_addr_t, align, CMA_MIN_ALIGNMENT_BYTES);

	prop = of_get_flat_dt_prop(node, "alloc-ranges", &len);
	if (prop) {
		if (len % t_len != 0) {
			pr_err("invalid alloc-ranges property in '%s', skipping node.\n",
			       uname);
			return -EINVAL;
		}

		base = 0;

		while (len > 0) {
			u64 rsize;

			start = dt_mem_next_cell(dt_root_addr_cells, &prop);
			rsize = dt_mem_next_cell(dt_root_size_cells, &prop);
			len -= t_len;
			end = start + rsize;
			if (end < start) {
				bm_err("alloc-ranges of '%s': base 0x%llx size 0x%llx wraps past 2^64, tuple skipped\n",
				       uname, start, rsize);
				continue;
			}

			/* 6.12 picks the direction by the regions already placed. */
			if (linux_since(6, 12))
				ret = __reserved_mem_alloc_in_range(size, align, start, end,
								    nomap, &base);
			else
				ret = early_init_dt_alloc_reserved_memory_arch(size, align, start,
									       end, nomap, &base);
			if (ret == 0) {
				pr_debug("allocated memory for '%s' node: base %pa, size %lu MiB\n",
					 uname, &base, (unsigned long)(size / SZ_1M));
				break;
			}
		}

	} else {
		ret = early_init_dt_alloc_reserved_memory_arch(size, align, 0, 0, nomap, &base);
		if (ret == 0)
			pr_debug("allocated memory for '%s' node: base %pa, size %lu MiB\n",
				 uname, &base, (unsigned long)(size / SZ_1M));
	}

	if (base == 0) {
		pr_err("failed to allocate memory for node '%s': size %lu MiB\n",
		       uname, (unsigned long)(size / SZ_1M));
		return -ENOMEM;
	}

	*res_base = base;
	*res_size = size;

	return 0;
}

/* Run the first initialiser whose compatible matches and that accepts the region. */
static int __reserved_mem_init_node(struct reserved_mem *rmem)
{
	int ret = -ENOENT;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(reservedmem_of_table); i++) {
		const char *compat = reservedmem_of_table[i].compatible;

		if (!of_flat_dt_is_compatible(rmem->fdt_node, compat))
			continue;

		ret = reservedmem_of_table[i].init(rmem);
		if (ret == 0) {
			pr_info("initialized node %s, compatible id %s\n", rmem->name, compat);
			break;
		}
	}
	return ret;
}

static int __rmem_cmp(const void *a, const void *b)
{
	const struct reserved_mem *ra = a, *rb = b;

	if (ra->base < rb->base)
		return -1;

	if (ra->base > rb->base)
		return 1;

	/*
	 * Dynamic regions (base 0, size 0) sort before a static one at 0x0, so that the
	 * overlap check does not see them.
	 */
	if (ra->size < rb->size)
		return -1;
	if (ra->size > rb->size)
		return 1;

	/* 6.12's __rmem_cmp() breaks the last ties by node offset: DT order. */
	if (linux_since(6, 12)) {
		if (ra->fdt_node < rb->fdt_node)
			return -1;
		if (ra->fdt_node > rb->fdt_node)
			return 1;
	}

	return 0;
}

/*
 * Sorting uses Linux's heapsort: it is not stable, and since every dynamic region has the
 * key (0, 0), it alone decides the order in which they are allocated.
 */
static void __rmem_check_for_overlap(void)
{
	int i;

	if (reserved_mem_count < 2)
		return;

	sort(reserved_mem, reserved_mem_count, sizeof(reserved_mem[0]), __rmem_cmp, NULL);
	for (i = 0; i < reserved_mem_count - 1; i++) {
		struct reserved_mem *this, *next;

		this = &reserved_mem[i];
		next = &reserved_mem[i + 1];

		if (this->base + this->size > next->base) {
			phys_addr_t this_end, next_end;

			this_end = this->base + this->size;
			next_end = next->base + next->size;
			pr_err("OVERLAP DETECTED!\n%s (%pa--%pa) overlaps with %s (%pa--%pa)\n",
			       this->name, &this->base, &this_end,
			       next->name, &next->base, &next_end);
		}
	}
}

/**
 * fdt_init_reserved_mem() - allocate and init all saved reserved memory regions
 */
void fdt_init_reserved_mem(void)
{
	int i;

	__rmem_check_for_overlap();

	for (i = 0; i < reserved_mem_count; i++) {
		struct reserved_mem *rmem = &reserved_mem[i];
		unsigned long node = rmem->fdt_node;
		const fdt32_t *prop;
		int len, err = 0;
		bool nomap;

		nomap = of_get_flat_dt_prop(node, "no-map", NULL) != NULL;
		prop = of_get_flat_dt_prop(node, "phandle", &len);
		if (!prop)
			prop = of_get_flat_dt_prop(node, "linux,phandle", &len);
		if (prop && len >= 4)
			rmem->phandle = be32_to_cpup(prop);

		if (rmem->size == 0)
			err = __reserved_mem_alloc_size(node, rmem->name, &rmem->base, &rmem->size);
		if (err == 0) {
			err = __reserved_mem_init_node(rmem);
			if (err != 0 && err != -ENOENT) {
				pr_info("node %s compatible matching fail\n", rmem->name);
				if (nomap)
					memblock_clear_nomap(rmem->base, rmem->size);
				else
					memblock_phys_free(rmem->base, rmem->size);
			}
		}
	}
}

/*
 * 6.12: init one region by compatible as soon as it is saved; a failing init gives the
 * memory back (as 6.1's fdt_init_reserved_mem()), anything else says what the region is.
 */
static void fdt_init_reserved_mem_node(struct reserved_mem *rmem)
{
	unsigned long node = rmem->fdt_node;
	bool nomap = of_get_flat_dt_prop(node, "no-map", NULL) != NULL;
	bool reusable = of_get_flat_dt_prop(node, "reusable", NULL) != NULL;
	int err = __reserved_mem_init_node(rmem);

	if (err != 0 && err != -ENOENT) {
		pr_info("node %s compatible matching fail\n", rmem->name);
		if (nomap)
			memblock_clear_nomap(rmem->base, rmem->size);
		else
			memblock_phys_free(rmem->base, rmem->size);
	} else {
		phys_addr_t end = rmem->base + rmem->size - 1;

		pr_info("%pa..%pa (%lu KiB) %s %s %s\n", &rmem->base, &end,
			(unsigned long)(rmem->size / SZ_1K), nomap ? "nomap" : "map",
			reusable ? "reusable" : "non-reusable", rmem->name ? rmem->name : "unknown");
	}
}

/* 6.12: a dynamic region, placed and saved (and so initialised) in the first pass. */
int fdt_reserved_mem_alloc_node(unsigned long node, const char *uname)
{
	phys_addr_t base, size;
	int err = __reserved_mem_alloc_size(node, uname, &base, &size);

	if (err)
		return err;
	fdt_reserved_mem_save_node(node, uname, base, size);
	return 0;
}

/* 6.12: how many regions the first pass found, the size of the table to come. */
void fdt_reserved_mem_set_count(int count)
{
	total_reserved_mem_cnt = count;
}

/*
 * 6.12's alloc_reserved_mem_array(): the table, sized for every region the first pass
 * counted, moves from the static 64 entries to memblock memory (sizeof(struct
 * reserved_mem) is Linux's 48 bytes), with the dynamic regions saved so far.
 */
static int alloc_reserved_mem_array(void)
{
	struct reserved_mem *new_array;
	size_t alloc_size, copy_size;

	_Static_assert(sizeof(struct reserved_mem) == 48, "Linux 6.12's struct reserved_mem is 48 bytes");
	if (!total_reserved_mem_cnt)
		return 0;

	alloc_size = (size_t)total_reserved_mem_cnt * sizeof(*new_array);
	new_array = memblock_alloc(alloc_size, SMP_CACHE_BYTES);
	if (!new_array) {
		pr_err("Failed to allocate memory for reserved_mem array with err: %d", -ENOMEM);
		reserved_mem_count = 0;
		return -ENOMEM;
	}

	copy_size = (size_t)reserved_mem_count * sizeof(*new_array);
	memcpy(new_array, reserved_mem, copy_size);
	memset(new_array + reserved_mem_count, 0, alloc_size - copy_size);
	reserved_mem = new_array;
	return 0;
}

/*
 * 6.12's fdt_scan_reserved_mem_reg_nodes(), the start of unflatten_device_tree(): save (and
 * init) the statically placed regions, by the first tuple of their reg, then check overlaps.
 */
void fdt_scan_reserved_mem_reg_nodes(void)
{
	int t_len = (dt_root_addr_cells + dt_root_size_cells) * sizeof(fdt32_t);
	const void *fdt = initial_boot_params;
	phys_addr_t base, size;
	const fdt32_t *prop;
	int node, child, len;

	if (!fdt)
		return;

	node = fdt_path_offset(fdt, "/reserved-memory");
	if (node < 0) {
		pr_info("Reserved memory: No reserved-memory node in the DT\n");
		return;
	}

	if (alloc_reserved_mem_array())
		return;

	if (__reserved_mem_check_root(node) || !dt_root_cells_usable()) {
		pr_err("Reserved memory: unsupported node format, ignoring\n");
		return;
	}

	fdt_for_each_subnode(child, fdt, node) {
		const char *uname;

		prop = of_get_flat_dt_prop(child, "reg", &len);
		if (!prop)
			continue;
		if (!of_fdt_device_is_available(fdt, child))
			continue;

		uname = fdt_get_name(fdt, child, NULL);
		if (!uname)
			continue;
		if (len && len % t_len != 0) {
			pr_err("Reserved memory: invalid reg property in '%s', skipping node.\n",
			       uname);
			continue;
		}
		/* Linux reads a first tuple even from an empty reg (past the property). */
		if (len < t_len) {
			bm_warn("node '%s': empty reg, not saved (Linux would read past the property)\n",
				uname);
			continue;
		}

		if (len > t_len)
			pr_warn("%s() ignores %d regions in node '%s'\n",
				__func__, len / t_len - 1, uname);

		base = dt_mem_next_cell(dt_root_addr_cells, &prop);
		size = dt_mem_next_cell(dt_root_size_cells, &prop);

		if (size)
			fdt_reserved_mem_save_node(child, uname, base, size);
	}

	__rmem_check_for_overlap();
}

/*
 * For panics that mean "no memory left": name every /reserved-memory region, so the user
 * sees which node took the memory.
 */
void of_reserved_mem_report(void)
{
	int i;

	for (i = 0; i < reserved_mem_count; i++) {
		struct reserved_mem *rmem = &reserved_mem[i];
		phys_addr_t end = rmem->base + rmem->size - 1;

		if (!rmem->size)
			continue;
		pr_emerg("  reserved-memory node '%s': [mem %pa-%pa] (%llu MiB)\n", rmem->name,
			 &rmem->base, &end, (rmem->size >> 20));
	}
}
