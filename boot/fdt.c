// SPDX-License-Identifier: GPL-2.0
/*
 * Early flattened device tree scanning, as Linux 6.1's drivers/of/fdt.c: the blob check, root
 * cells, /chosen, memory nodes into memblock, /memreserve/ and the /reserved-memory first pass.
 */
#define pr_fmt(fmt) "OF: fdt: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sizes.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/of_fdt.h>
#include <linux/of_reserved_mem.h>
#include <linux/version.h>
#include <linux/of_address.h>
#include <linux/serial.h>
#include <asm/memory.h>
#include <asm/image.h>
#include <linux/initrd.h>
#include <linux/crash_dump.h>

void *initial_boot_params;
phys_addr_t initial_boot_params_pa = PHYS_ADDR_MAX;

int dt_root_addr_cells;
int dt_root_size_cells;

u8 dt_rng_seed[DT_RNG_SEED_MAX];
int dt_rng_seed_len;
u64 dt_kaslr_seed;
bool dt_has_kaslr_seed;
int dt_rng_seed_nop_offset = -1;

/* arm64: MIN_MEMBLOCK_ADDR 0, MAX_MEMBLOCK_ADDR U64_MAX (the 48-bit clip is arm64_memblock_init's) */
#define MIN_MEMBLOCK_ADDR	0
#define MAX_MEMBLOCK_ADDR	U64_MAX

/*
 * Linux's strscpy(dst, src, min(len, dst_size)): at most min(len, dst_size) - 1 bytes, so a
 * value without its NUL loses its last byte, as in Linux.
 */
static void copy_prop_string(char *dst, size_t dst_size, const char *src, int len)
{
	size_t n = strnlen(src, min_t(size_t, len, dst_size) - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

const void *of_get_flat_dt_prop(unsigned long node, const char *name, int *size)
{
	return fdt_getprop(initial_boot_params, node, name, size);
}

/* ------------------------------------------------------------------ bad-input reports */

/*
 * A broken property is read many times (every scan that looks at the node); say so once.
 * Keyed by node offset and property name; when the table is full, every report is printed.
 */
static struct {
	int node;
	const char *prop;
} dt_warned[32];
static unsigned int dt_warned_cnt;

bool of_fdt_warn_once(int node, const char *prop)
{
	unsigned int i;

	for (i = 0; i < dt_warned_cnt; i++)
		if (dt_warned[i].node == node && !strcmp(dt_warned[i].prop, prop))
			return false;
	if (dt_warned_cnt < ARRAY_SIZE(dt_warned)) {
		dt_warned[dt_warned_cnt].node = node;
		dt_warned[dt_warned_cnt].prop = prop;
		dt_warned_cnt++;
	}
	return true;
}

static const char *dt_node_name(const void *blob, int node)
{
	const char *name = fdt_get_name(blob, node, NULL);

	if (!node)
		return "/";
	return name ? name : "?";
}

/* The end of the structure block (v16 blobs have no size field: the blob's end). */
static const char *dt_struct_end(const void *blob)
{
	if (fdt_version(blob) >= 17)
		return (const char *)blob + fdt_off_dt_struct(blob) + fdt_size_dt_struct(blob);
	return (const char *)blob + fdt_totalsize(blob);
}

/*
 * The string property @name of @node as Linux reads it, or NULL. Linux's str* functions do
 * not stop at the end of a value without its NUL: they go on into the padding or the next
 * tag, whose first byte is 0 in a sane blob. So a value missing its NUL still reads as
 * itself in Linux when the byte after it is 0; do the same, and say so. With anything else
 * after it, Linux would compare bytes that are not the property's: treated as absent.
 */
const char *of_fdt_get_string(const void *blob, int node, const char *name, int *lenp)
{
	const char *p;
	int len;

	p = fdt_getprop(blob, node, name, &len);
	if (!p || len < 0)
		return NULL;
	if (len > 0 && p[len - 1] == '\0') {
		if (lenp)
			*lenp = len;
		return p;
	}
	if (p + len < dt_struct_end(blob) && p[len] == '\0') {
		if (of_fdt_warn_once(node, name))
			bm_warn("node '%s': %s \"%.*s\" has no NUL; the 0 byte after it ends it, as in Linux\n",
				dt_node_name(blob, node), name, min(len, 64), p);
		if (lenp)
			*lenp = len + 1;
		return p;
	}
	if (of_fdt_warn_once(node, name))
		bm_warn("node '%s': %s is not a NUL-terminated string (%d bytes), ignored\n",
			dt_node_name(blob, node), name, len);
	return NULL;
}

/* The string property @name of @node equals @str (Linux's strcmp on it). */
bool of_fdt_prop_str_eq(const void *blob, int node, const char *name, const char *str)
{
	const char *p = of_fdt_get_string(blob, node, name, NULL);

	return p && !strcmp(p, str);
}

static int lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static bool compat_eq(const char *a, const char *b)
{
	while (*a && lower(*a) == lower(*b)) {
		a++;
		b++;
	}
	return lower(*a) == lower(*b);
}

/* Linux compares compatibles case-insensitively (of_compat_cmp is strcasecmp). */
int of_flat_dt_is_compatible(unsigned long node, const char *compat)
{
	const char *cp;
	int cplen, score = 1;

	cp = of_fdt_get_string(initial_boot_params, node, "compatible", &cplen);
	if (!cp)
		return 0;
	while (cplen > 0) {
		int l = strlen(cp) + 1;

		if (compat_eq(cp, compat))
			return score;
		cp += l;
		cplen -= l;
		score++;
	}
	return 0;
}

bool of_fdt_device_is_available(const void *blob, unsigned long node)
{
	if (!fdt_getprop(blob, node, "status", NULL))
		return true;
	return of_fdt_prop_str_eq(blob, node, "status", "okay") ||
	       of_fdt_prop_str_eq(blob, node, "status", "ok");
}

const char *of_flat_dt_get_machine_name(void)
{
	const char *name;

	name = of_fdt_get_string(initial_boot_params, 0, "model", NULL);
	if (!name)
		name = of_fdt_get_string(initial_boot_params, 0, "compatible", NULL);
	return name;
}

u64 dt_mem_next_cell(int s, const fdt32_t **cellp)
{
	const fdt32_t *p = *cellp;

	*cellp = p + s;
	return of_read_number(p, s);
}

/*
 * Linux reads dt_root_*_cells unchecked; 0 cells divide by zero in the reserved-memory
 * parser and more than 2 silently drop the high bits. Refuse them, naming the value.
 */
bool dt_root_cells_usable(void)
{
	return dt_root_addr_cells >= 1 && dt_root_addr_cells <= 2 &&
	       dt_root_size_cells >= 1 && dt_root_size_cells <= 2;
}

static bool dt_root_cells_ok(const char *who)
{
	if (dt_root_cells_usable())
		return true;
	bm_err("%s: unsupported root #address-cells = %d / #size-cells = %d (1 or 2 each), ignored\n",
	       who, dt_root_addr_cells, dt_root_size_cells);
	return false;
}

/* base + size must not wrap: such a tuple is reported and skipped, never clipped silently. */
static bool dt_range_wraps(const char *uname, const char *prop, u64 base, u64 size)
{
	if (!size || base + size - 1 >= base)
		return false;
	bm_err("node '%s': %s range base 0x%llx size 0x%llx wraps past 2^64, ignored\n",
	       uname, prop, base, size);
	return true;
}

/* ------------------------------------------------------------------ reserved memory */

/* 6.12 moved this code to of_reserved_mem.c: its messages carry that file's prefix. */
#define rmem_pr_err(fmt, ...)							\
	do {									\
		if (linux_since(6, 12))						\
			printk(KERN_ERR "OF: reserved mem: " fmt, ##__VA_ARGS__);	\
		else								\
			pr_err(fmt, ##__VA_ARGS__);				\
	} while (0)

static int early_init_dt_reserve_memory(phys_addr_t base, phys_addr_t size, bool nomap)
{
	if (nomap) {
		/*
		 * Memory another region already reserved may not become nomap; a range that
		 * is not memory at all is fine, it will not be mapped anyway.
		 */
		if (memblock_overlaps_region(&memblock.memory, base, size) &&
		    memblock_is_region_reserved(base, size))
			return -EBUSY;

		return memblock_mark_nomap(base, size);
	}
	return memblock_reserve(base, size);
}

struct reserve_conflict reserve_conflicts[MAX_RESERVE_CONFLICTS];
int nr_reserve_conflicts;

/*
 * What already-reserved memory [base, base + size) collides with: the kernel image or the
 * DTB (their range in *ob..*oe), another reservation, or nothing (NULL).
 */
static const char *reserved_owner(phys_addr_t base, phys_addr_t size, phys_addr_t *ob,
				  phys_addr_t *oe, bool *named)
{
	phys_addr_t end = base + size;

	if (kernel_image.end && base < kernel_image.end && end > kernel_image.reserve) {
		*ob = kernel_image.reserve;
		*oe = kernel_image.end;
		*named = true;
		return "the kernel image";
	}
	if (initial_boot_params && initial_boot_params_pa != PHYS_ADDR_MAX &&
	    base < initial_boot_params_pa + fdt_totalsize(initial_boot_params) &&
	    end > initial_boot_params_pa) {
		*ob = initial_boot_params_pa;
		*oe = initial_boot_params_pa + fdt_totalsize(initial_boot_params);
		*named = true;
		return "the device tree blob";
	}
	*named = false;
	*ob = base;
	*oe = end;
	return memblock_is_region_reserved(base, size) ? "a range reserved before it" : NULL;
}

/*
 * Linux says nothing when a /reserved-memory region lands on the kernel image or the DTB,
 * and only "failed to reserve" for a no-map one: say what it hit and what Linux does.
 * Recorded for bootmem-layout --check.
 */
static void explain_reserve_conflict(const char *uname, phys_addr_t base, phys_addr_t size,
				     bool nomap, bool failed)
{
	phys_addr_t end = base + size - 1, ob, oe;
	bool named;
	const char *with = reserved_owner(base, size, &ob, &oe, &named);
	struct reserve_conflict *c;

	if (!with)
		return;
	oe -= 1;
	if (nomap && failed && named)
		bm_warn("no-map node '%s' [mem %pa-%pa] overlaps %s [mem %pa-%pa]: Linux refuses it (-EBUSY), so the range stays ordinary memory in the linear map\n",
			uname, &base, &end, with, &ob, &oe);
	else if (nomap && failed)
		bm_warn("no-map node '%s' [mem %pa-%pa] overlaps %s (a /memreserve/ entry or an earlier node): Linux refuses it (-EBUSY), so the range stays ordinary memory in the linear map\n",
			uname, &base, &end, with);
	else if (!nomap && named)
		bm_warn("node '%s' [mem %pa-%pa] overlaps %s [mem %pa-%pa]: Linux reserves it all the same (the reservations merge), over memory the kernel uses\n",
			uname, &base, &end, with, &ob, &oe);
	else
		return;
	if (nr_reserve_conflicts >= MAX_RESERVE_CONFLICTS)
		return;
	c = &reserve_conflicts[nr_reserve_conflicts++];
	snprintf(c->node, sizeof(c->node), "%s", uname);
	c->base = base;
	c->size = size;
	c->with = with;
	c->nomap = nomap;
}

/*
 * Reserve every tuple of a /reserved-memory child's reg; 6.1 also saves the node with its
 * first one (6.12 saves it later, fdt_scan_reserved_mem_reg_nodes()).
 */
static int __reserved_mem_reserve_reg(unsigned long node, const char *uname)
{
	int t_len = (dt_root_addr_cells + dt_root_size_cells) * sizeof(fdt32_t);
	phys_addr_t base, size;
	int len;
	const fdt32_t *prop;
	bool first = true;
	bool nomap;

	prop = of_get_flat_dt_prop(node, "reg", &len);
	if (!prop)
		return -ENOENT;

	if (len && len % t_len != 0) {
		rmem_pr_err("Reserved memory: invalid reg property in '%s', skipping node.\n",
			    uname);
		return -EINVAL;
	}

	nomap = of_get_flat_dt_prop(node, "no-map", NULL) != NULL;

	while (len >= t_len) {
		base = dt_mem_next_cell(dt_root_addr_cells, &prop);
		size = dt_mem_next_cell(dt_root_size_cells, &prop);
		len -= t_len;

		if (dt_range_wraps(uname, "reg", base, size))
			continue;

		if (size && !nomap)
			explain_reserve_conflict(uname, base, size, nomap, false);
		if (size && early_init_dt_reserve_memory(base, size, nomap) == 0) {
			pr_debug("Reserved memory: reserved region for node '%s': base %pa, size %lu MiB\n",
				 uname, &base, (unsigned long)(size / SZ_1M));
		} else {
			rmem_pr_err("Reserved memory: failed to reserve memory for node '%s': base %pa, size %lu MiB\n",
				    uname, &base, (unsigned long)(size / SZ_1M));
			if (size)
				explain_reserve_conflict(uname, base, size, nomap, true);
		}

		if (first && !linux_since(6, 12)) {
			fdt_reserved_mem_save_node(node, uname, base, size);
			first = false;
		}
	}
	return 0;
}

/*
 * /reserved-memory must use the root's #address-cells/#size-cells (its children are parsed
 * with those) and have "ranges" (its children's addresses are CPU addresses).
 */
int __reserved_mem_check_root(unsigned long node)
{
	const fdt32_t *prop;
	int len;

	prop = of_get_flat_dt_prop(node, "#size-cells", &len);
	if (!prop || len < 4 || be32_to_cpup(prop) != (u32)dt_root_size_cells)
		return -EINVAL;

	prop = of_get_flat_dt_prop(node, "#address-cells", &len);
	if (!prop || len < 4 || be32_to_cpup(prop) != (u32)dt_root_addr_cells)
		return -EINVAL;

	prop = of_get_flat_dt_prop(node, "ranges", NULL);
	if (!prop)
		return -EINVAL;
	return 0;
}

static int fdt_scan_reserved_mem(void)
{
	const void *fdt = initial_boot_params;
	int node, child, i, count = 0, nr_dynamic = 0;
	int dynamic[MAX_RESERVED_REGIONS];

	node = of_fdt_path_offset(fdt, "/reserved-memory");
	if (node < 0)
		return -ENODEV;

	if (__reserved_mem_check_root(node) != 0) {
		rmem_pr_err("Reserved memory: unsupported node format, ignoring\n");
		return -EINVAL;
	}
	if (!dt_root_cells_ok("/reserved-memory"))
		return -EINVAL;

	fdt_for_each_subnode(child, fdt, node) {
		const char *uname;
		int err;

		if (!of_fdt_device_is_available(fdt, child))
			continue;

		uname = fdt_get_name(fdt, child, NULL);
		if (!uname)
			continue;

		err = __reserved_mem_reserve_reg(child, uname);
		if (linux_since(6, 12)) {
			if (!err)
				count++;
			if (err != -ENOENT || !of_get_flat_dt_prop(child, "size", NULL))
				continue;
			if (nr_dynamic == MAX_RESERVED_REGIONS) {
				rmem_pr_err("too many defined dynamic regions, skip '%s'\n", uname);
				continue;
			}
			dynamic[nr_dynamic++] = child;
		} else if (err == -ENOENT && of_get_flat_dt_prop(child, "size", NULL)) {
			fdt_reserved_mem_save_node(child, uname, 0, 0);
		}
	}

	/*
	 * 6.12 places the dynamic regions right after every static one is reserved or
	 * no-mapped, in DT order (6.1: after the sort, in fdt_init_reserved_mem()).
	 */
	for (i = 0; i < nr_dynamic; i++)
		if (!fdt_reserved_mem_alloc_node(dynamic[i], fdt_get_name(fdt, dynamic[i], NULL)))
			count++;
	if (linux_since(6, 12))
		fdt_reserved_mem_set_count(count);
	return 0;
}

/* The ELF core header of a kdump kernel, reserved after /reserved-memory (as Linux). */
static void fdt_reserve_elfcorehdr(void)
{
	if (!elfcorehdr_size)
		return;
	if (memblock_is_region_reserved(elfcorehdr_addr, elfcorehdr_size)) {
		pr_warn("elfcorehdr is overlapped\n");
		return;
	}
	memblock_reserve(elfcorehdr_addr, elfcorehdr_size);
	pr_info("Reserving %llu KiB of memory at 0x%llx for elfcorehdr\n",
		elfcorehdr_size >> 10, elfcorehdr_addr);
}

/*
 * How many 16-byte /memreserve/ entries fit before the block that follows the map (the
 * structure or strings block, else the blob's end): the map has no size of its own, its
 * zero-size entry ends it, and libfdt would read on up to totalsize.
 */
static int dt_memreserve_entries(const void *fdt, const char **next, u32 *next_off)
{
	u32 rsv = fdt_off_mem_rsvmap(fdt), end = fdt_totalsize(fdt);
	u32 st = fdt_off_dt_struct(fdt), str = fdt_off_dt_strings(fdt);

	*next = "end of the blob";
	if (st > rsv && st < end) {
		end = st;
		*next = "structure block";
	}
	if (str > rsv && str < end) {
		end = str;
		*next = "strings block";
	}
	*next_off = end;
	return (end - rsv) / sizeof(struct fdt_reserve_entry);
}

/**
 * early_init_fdt_scan_reserved_mem() - reserve what the DT reserves, then place and init
 * the /reserved-memory regions. Called once memblock knows all memory (arm64_memblock_init).
 */
void early_init_fdt_scan_reserved_mem(void)
{
	int n, max;
	uint64_t base, size;	/* libfdt's type */
	const char *next;
	u32 next_off;

	if (!initial_boot_params)
		return;

	/*
	 * 6.12 takes the elfcorehdr and /reserved-memory first (fdt_scan_reserved_mem() places
	 * the dynamic regions too), then /memreserve/: a no-map region over a /memreserve/
	 * entry is no longer refused. 6.1 takes /memreserve/ first, then /reserved-memory, the
	 * elfcorehdr and the second pass.
	 */
	if (linux_since(6, 12)) {
		fdt_reserve_elfcorehdr();
		fdt_scan_reserved_mem();
	}

	/* The header's /memreserve/ entries, up to the terminating zero-size one. */
	max = dt_memreserve_entries(initial_boot_params, &next, &next_off);
	for (n = 0; ; n++) {
		if (n == max) {
			/* Linux reads on, taking the next block's bytes for reservations. */
			bm_err("/memreserve/ block at offset %#x has no terminating entry before the %s at %#x: the %d entr%s before it %s reserved, the %s is not read as more\n",
			       fdt_off_mem_rsvmap(initial_boot_params), next, next_off, n,
			       n == 1 ? "y" : "ies", n == 1 ? "is" : "are", next);
			break;
		}
		if (fdt_get_mem_rsv(initial_boot_params, n, &base, &size) < 0) {
			bm_err("/memreserve/ entry %d unreadable, stopping there\n", n);
			break;
		}
		if (!size)
			break;
		if (dt_range_wraps("/memreserve/", "memreserve", base, size))
			continue;
		memblock_reserve(base, size);
	}

	if (!linux_since(6, 12)) {
		fdt_scan_reserved_mem();
		fdt_reserve_elfcorehdr();
		fdt_init_reserved_mem();
	}
}

/**
 * early_init_fdt_reserve_self() - reserve the blob itself. arm64 does this in
 * setup_machine_fdt() with the physical address it mapped; so do we when we know it.
 */
void early_init_fdt_reserve_self(void)
{
	phys_addr_t pa;

	if (!initial_boot_params)
		return;

	pa = initial_boot_params_pa;
	if (pa == PHYS_ADDR_MAX)
		pa = __pa(initial_boot_params);
	memblock_reserve(pa, fdt_totalsize(initial_boot_params));
}

/* ------------------------------------------------------------------ root, chosen */

/* Linux reads 4 bytes whatever the length; a shorter value keeps the default, and says so. */
static bool dt_root_cell_ok(const fdt32_t *prop, int len, const char *name, int def)
{
	if (!prop)
		return false;
	if (len >= 4)
		return true;
	bm_warn("root %s is %d bytes, not a 32-bit cell: the default %d is used\n", name, len, def);
	return false;
}

int early_init_dt_scan_root(void)
{
	const void *fdt = initial_boot_params;
	const fdt32_t *prop;
	int node = fdt_path_offset(fdt, "/");
	int len;

	if (node < 0)
		return -ENODEV;

	dt_root_size_cells = OF_ROOT_NODE_SIZE_CELLS_DEFAULT;
	dt_root_addr_cells = OF_ROOT_NODE_ADDR_CELLS_DEFAULT;

	prop = of_get_flat_dt_prop(node, "#size-cells", &len);
	if (dt_root_cell_ok(prop, len, "#size-cells", OF_ROOT_NODE_SIZE_CELLS_DEFAULT))
		dt_root_size_cells = be32_to_cpup(prop);

	prop = of_get_flat_dt_prop(node, "#address-cells", &len);
	if (dt_root_cell_ok(prop, len, "#address-cells", OF_ROOT_NODE_ADDR_CELLS_DEFAULT))
		dt_root_addr_cells = be32_to_cpup(prop);

	return 0;
}

static void early_init_dt_check_for_entropy(int node)
{
	const void *p;
	int l, prop;

	p = of_get_flat_dt_prop(node, "rng-seed", &l);
	if (p && l > 0) {
		dt_rng_seed_len = min(l, DT_RNG_SEED_MAX);
		memcpy(dt_rng_seed, p, dt_rng_seed_len);
		/* the property fdt_nop_property() would clear: the first one of that name */
		fdt_for_each_property_offset(prop, initial_boot_params, node) {
			const char *name;

			if (fdt_getprop_by_offset(initial_boot_params, prop, &name, NULL) &&
			    !strcmp(name, "rng-seed")) {
				dt_rng_seed_nop_offset = prop;
				break;
			}
		}
	}

	p = of_get_flat_dt_prop(node, "kaslr-seed", &l);
	if (p && l == sizeof(u64)) {
		dt_kaslr_seed = of_read_number(p, 2);
		dt_has_kaslr_seed = true;
	}
}

/*
 * /chosen/linux,initrd-start and -end: the initrd the boot loader loaded (one or two cells
 * each, whatever #address-cells says). Linux ignores an end before the start, silently.
 */
static void early_init_dt_check_for_initrd(int node)
{
	const fdt32_t *ps, *pe;
	int ls, le;
	u64 start, end;

	ps = of_get_flat_dt_prop(node, "linux,initrd-start", &ls);
	pe = of_get_flat_dt_prop(node, "linux,initrd-end", &le);
	if (!ps || !pe) {
		if (ps || pe)
			bm_warn("/chosen has linux,initrd-%s without linux,initrd-%s: no initrd, as in Linux\n",
				ps ? "start" : "end", ps ? "end" : "start");
		return;
	}
	if ((ls != 4 && ls != 8) || (le != 4 && le != 8))
		bm_warn("/chosen: linux,initrd-start/-end are %d/%d bytes (want 4 or 8): read as %d/%d cells\n",
			ls, le, ls / 4, le / 4);
	start = of_read_number(ps, ls / 4);
	end = of_read_number(pe, le / 4);
	if (start > end) {
		bm_warn("/chosen: linux,initrd-end %#llx is below linux,initrd-start %#llx: no initrd, as in Linux\n",
			end, start);
		return;
	}
	phys_initrd_start = start;
	phys_initrd_size = end - start;
}

/*
 * /chosen/linux,elfcorehdr (a kdump kernel): where the crashed kernel's ELF core header is.
 * Linux's length check compares bytes with cells, so a too-short property is read anyway.
 */
static void early_init_dt_check_for_elfcorehdr(int node)
{
	const fdt32_t *prop;
	int len;

	prop = of_get_flat_dt_prop(node, "linux,elfcorehdr", &len);
	if (!prop || len < dt_root_addr_cells + dt_root_size_cells)
		return;
	if (len < (int)((dt_root_addr_cells + dt_root_size_cells) * sizeof(fdt32_t))) {
		bm_warn("/chosen: linux,elfcorehdr is %d bytes, shorter than one address and size: ignored (Linux would read past it)\n",
			len);
		return;
	}
	elfcorehdr_addr = dt_mem_next_cell(dt_root_addr_cells, &prop);
	elfcorehdr_size = dt_mem_next_cell(dt_root_size_cells, &prop);
}

/*
 * The /chosen node (or /chosen@0). fdt_path_offset() walks every node before it, and three
 * early steps ask for it (Linux's too): the first answer for this blob is kept.
 */
static const void *chosen_blob;
static int chosen_offset;

int of_flat_dt_chosen_node(void)
{
	int node;

	if (chosen_blob && chosen_blob == initial_boot_params)
		return chosen_offset;
	node = of_fdt_path_offset(initial_boot_params, "/chosen");
	if (node < 0)
		node = of_fdt_path_offset(initial_boot_params, "/chosen@0");
	chosen_blob = initial_boot_params;
	chosen_offset = node;
	return node;
}

/* @n bytes of @s into @buf, or their head and tail around " ... " when they do not fit. */
static const char *dt_abbrev(char *buf, size_t size, const char *s, size_t n)
{
	size_t half = (size - 6) / 2;

	if (n < size)
		snprintf(buf, size, "%.*s", (int)n, s);
	else
		snprintf(buf, size, "%.*s ... %.*s", (int)half, s, (int)half, s + n - half);
	return buf;
}

/*
 * What Linux's copy of bootargs into the command line (strscpy, COMMAND_LINE_SIZE) loses
 * without a word: the bytes beyond 2047, the last byte of a value without its NUL, whatever
 * follows an embedded NUL. @kept bytes reached the command line.
 */
static void dt_check_bootargs(const char *p, int l, size_t kept)
{
	static char a[208], b[72];
	size_t full = strnlen(p, l);

	if (full > kept && kept == COMMAND_LINE_SIZE - 1) {
		size_t ws = kept, we = kept;

		bm_warn("/chosen/bootargs is %zu bytes, the command line holds %d: the last %zu bytes are cut, as Linux cuts them: \"%s\"\n",
			full, COMMAND_LINE_SIZE - 1, full - kept,
			dt_abbrev(a, sizeof(a), p + kept, full - kept));
		/* A word split in two is still parsed, as its head: name it. */
		while (ws > 0 && p[ws - 1] != ' ')
			ws--;
		while (we < full && p[we] != ' ')
			we++;
		if (ws < kept && p[kept] != ' ')
			bm_warn("/chosen/bootargs: the word \"%s\" is cut to \"%s\"\n",
				dt_abbrev(a, sizeof(a), p + ws, we - ws),
				dt_abbrev(b, sizeof(b), p + ws, kept - ws));
	} else if (full > kept) {
		bm_warn("/chosen/bootargs has no NUL: its last byte '%c' is dropped, as Linux drops it\n",
			p[full - 1]);
	}
	if (full + 1 < (size_t)l) {
		const char *rest = p + full + 1;
		size_t n = strnlen(rest, l - full - 1);

		if (n)
			bm_warn("/chosen/bootargs has a NUL at byte %zu of %d: \"%s\" after it is not on the command line, as in Linux\n",
				full, l, dt_abbrev(a, sizeof(a), rest, n));
	}
}

/*
 * /chosen: the command line into @cmdline (COMMAND_LINE_SIZE bytes), and the boot loader's
 * entropy. Linux also clears rng-seed in the blob (fdt_nop_property) so it cannot be read
 * twice; our blob may be mapped read-only, so the seed is copied and the property's offset
 * noted: the unflattened tree leaves it out, as Linux's does.
 */
int early_init_dt_scan_chosen(char *cmdline)
{
	const char *p;
	int l, node;

	node = of_flat_dt_chosen_node();
	if (node < 0)
		return 0;

	early_init_dt_check_for_initrd(node);
	early_init_dt_check_for_elfcorehdr(node);
	early_init_dt_check_for_entropy(node);

	p = of_get_flat_dt_prop(node, "bootargs", &l);
	if (p && l > 0) {
		copy_prop_string(cmdline, COMMAND_LINE_SIZE, p, l);
		dt_check_bootargs(p, l, strlen(cmdline));
	}

	pr_debug("Command line is: %s\n", cmdline);
	return 0;
}

/* /chosen/linux,usable-memory-range (kdump): cap memory to the first range, add the second. */
void early_init_dt_check_for_usable_mem_range(void)
{
	struct { u64 base, size; } rgn[2] = { };
	const fdt32_t *prop;
	int node, len, i, t_len;

	node = of_flat_dt_chosen_node();
	if (node < 0)
		return;
	prop = of_get_flat_dt_prop(node, "linux,usable-memory-range", &len);
	if (!prop)
		return;
	if (!dt_root_cells_ok("linux,usable-memory-range"))
		return;
	t_len = (dt_root_addr_cells + dt_root_size_cells) * sizeof(fdt32_t);
	if (len % (dt_root_addr_cells + dt_root_size_cells)) {
		/* Linux's own test (bytes modulo cells): it ignores the property, silently. */
		bm_warn("/chosen/linux,usable-memory-range is %d bytes, not a multiple of %d cells: ignored, as Linux ignores it\n",
			len, dt_root_addr_cells + dt_root_size_cells);
		return;
	}
	if (len % t_len)
		/* Linux would read the last, partial entry past the property's end. */
		bm_warn("/chosen/linux,usable-memory-range is %d bytes, not a multiple of %d cells; trailing %d bytes ignored\n",
			len, dt_root_addr_cells + dt_root_size_cells, len % t_len);

	len /= t_len;
	for (i = 0; i < (int)ARRAY_SIZE(rgn) && i < len; i++) {
		rgn[i].base = dt_mem_next_cell(dt_root_addr_cells, &prop);
		rgn[i].size = dt_mem_next_cell(dt_root_size_cells, &prop);
	}

	memblock_cap_memory_range(rgn[0].base, rgn[0].size);
	for (i = 1; i < (int)ARRAY_SIZE(rgn) && rgn[i].size; i++)
		memblock_add(rgn[i].base, rgn[i].size);
}

/* ------------------------------------------------------------------ memory nodes */

/*
 * Whole pages only: trim the unaligned head and tail, and drop a block with no whole page,
 * with Linux's messages.
 */
void early_init_dt_add_memory_arch(u64 base, u64 size)
{
	const u64 phys_offset = MIN_MEMBLOCK_ADDR;

	if (size < PAGE_SIZE - (base & ~PAGE_MASK)) {
		pr_warn("Ignoring memory block 0x%llx - 0x%llx\n", base, base + size);
		return;
	}

	if (!IS_ALIGNED(base, PAGE_SIZE)) {
		size -= PAGE_SIZE - (base & ~PAGE_MASK);
		base = PAGE_ALIGN(base);
	}
	size &= PAGE_MASK;

	if (base > MAX_MEMBLOCK_ADDR) {
		pr_warn("Ignoring memory block 0x%llx - 0x%llx\n", base, base + size);
		return;
	}

	if (base + size - 1 > MAX_MEMBLOCK_ADDR) {
		pr_warn("Ignoring memory range 0x%llx - 0x%llx\n",
			MAX_MEMBLOCK_ADDR + 1, base + size);
		size = MAX_MEMBLOCK_ADDR - base + 1;
	}

	if (base + size < phys_offset) {
		pr_warn("Ignoring memory block 0x%llx - 0x%llx\n", base, base + size);
		return;
	}
	if (base < phys_offset) {
		pr_warn("Ignoring memory range 0x%llx - 0x%llx\n", base, phys_offset);
		size -= phys_offset - base;
		base = phys_offset;
	}
	memblock_add(base, size);
}

static bool dt_node_is_memory(const void *fdt, int node)
{
	return of_fdt_prop_str_eq(fdt, node, "device_type", "memory");
}

/* One memory node: each (base, size) of linux,usable-memory or reg, in order. */
static bool early_init_dt_scan_memory_node(const void *fdt, int node)
{
	int t_cells = dt_root_addr_cells + dt_root_size_cells;
	const char *uname = fdt_get_name(fdt, node, NULL);
	const char *pname = "linux,usable-memory";
	const fdt32_t *reg, *endp;
	bool hotpluggable, found = false;
	int l;

	reg = of_get_flat_dt_prop(node, pname, &l);
	if (!reg) {
		pname = "reg";
		reg = of_get_flat_dt_prop(node, pname, &l);
	}
	if (!reg)
		return false;

	if (l % (t_cells * sizeof(fdt32_t)))
		bm_warn("memory node '%s': %s is %d bytes, not a multiple of %d cells; trailing %d bytes ignored\n",
			uname, pname, l, t_cells, (int)(l % (t_cells * sizeof(fdt32_t))));

	endp = reg + (l / sizeof(fdt32_t));
	hotpluggable = of_get_flat_dt_prop(node, "hotpluggable", NULL) != NULL;

	while ((endp - reg) >= t_cells) {
		u64 base, size;

		base = dt_mem_next_cell(dt_root_addr_cells, &reg);
		size = dt_mem_next_cell(dt_root_size_cells, &reg);

		if (size == 0) {
			/* Linux skips these silently; say so, it is a firmware bug */
			bm_warn("memory node '%s': %s entry at 0x%llx has size 0, skipped\n",
				uname, pname, base);
			continue;
		}
		if (dt_range_wraps(uname, pname, base, size))
			continue;

		early_init_dt_add_memory_arch(base, size);
		found = true;

		if (!hotpluggable)
			continue;

		if (memblock_mark_hotplug(base, size))
			pr_warn("failed to mark hotplug range 0x%llx - 0x%llx\n",
				base, base + size);
	}
	return found;
}

/**
 * early_init_dt_scan_memory() - add every available device_type = "memory" child of the
 * root to memblock.memory (page trimmed) and mark the hotpluggable ones. Node ids are
 * applied later, by of_numa_init(). Returns 1 if any memory was found.
 */
int early_init_dt_scan_memory(void)
{
	const void *fdt = initial_boot_params;
	int node, found_memory = 0;

	if (!dt_root_cells_ok("memory nodes"))
		return 0;

	fdt_for_each_subnode(node, fdt, 0) {
		if (!dt_node_is_memory(fdt, node))
			continue;

		if (!of_fdt_device_is_available(fdt, node))
			continue;

		if (early_init_dt_scan_memory_node(fdt, node))
			found_memory = 1;
	}
	return found_memory;
}

/* ------------------------------------------------------------------ entry points */

/* Which version rule of the header libfdt (and so Linux) refused the blob for. */
static void dt_report_version(const void *fdt)
{
	u32 v = fdt_version(fdt), lc = fdt_last_comp_version(fdt);

	if (lc > FDT_LAST_SUPPORTED_VERSION)
		bm_err("DTB header: last_comp_version %u is newer than %d, the newest format this kernel reads (version %u): blob refused\n",
		       lc, FDT_LAST_SUPPORTED_VERSION, v);
	else if (v < FDT_FIRST_SUPPORTED_VERSION)
		bm_err("DTB header: version %u is older than %d, the oldest format this kernel reads: blob refused\n",
		       v, FDT_FIRST_SUPPORTED_VERSION);
	else if (v < lc)
		bm_err("DTB header: version %u is older than its own last_comp_version %u: blob refused\n",
		       v, lc);
}

/* @n bytes of a node name that may hold anything, printable. */
static void dt_printable(char *buf, size_t size, const char *s, size_t n)
{
	size_t i;

	n = min(n, size - 1);
	for (i = 0; i < n; i++)
		buf[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	buf[n] = '\0';
}

/*
 * libfdt (Linux's as well) ends the tree at the first thing in the structure block it cannot
 * parse: a node name without its NUL, a property running past the block, an unknown tag.
 * Every scan then silently misses what follows. Walk the block once and say where it ends.
 */
static void dt_check_structure(const void *fdt)
{
	const char *base = (const char *)fdt + fdt_off_dt_struct(fdt);
	int size = dt_struct_end(fdt) - base;
	int off = 0, next, depth = 0;
	int stack[32];		/* the open nodes' offsets, outermost first */
	const char *in;
	char name[40];
	u32 tag;

	for (;;) {
		tag = fdt_next_tag(fdt, off, &next);
		if (tag == FDT_BEGIN_NODE) {
			if (depth < (int)ARRAY_SIZE(stack))
				stack[depth] = off;
			depth++;
		} else if (tag == FDT_END_NODE) {
			if (--depth <= 0)
				return;
		} else if (tag == FDT_END) {
			break;
		}
		off = next;
	}
	if (next >= 0 || (depth <= 0 && off))
		return;
	if (!depth)
		in = "(none: the root itself)";
	else if (depth <= (int)ARRAY_SIZE(stack))
		in = dt_node_name(fdt, stack[depth - 1]);
	else
		in = "(deeper than 32)";
	/* A premature end: what is at @off? */
	if (off + 4 > size) {
		bm_err("structure block: ends at %#x inside node '%s', without its end: the tree ends there\n",
		       size, in);
		return;
	}
	tag = fdt32_ld((const fdt32_t *)(base + off));
	if (tag == FDT_BEGIN_NODE) {
		dt_printable(name, sizeof(name), base + off + 4, size - off - 4);
		bm_err("structure block: the name of the node at offset %#x under '%s' (\"%s\") has no NUL before the block ends at %#x: the tree ends there, that node and all after it are not read\n",
		       off, in, name, size);
	} else if (tag == FDT_PROP) {
		bm_err("structure block: the property at offset %#x in node '%s' runs past the block's end at %#x: the tree ends there\n",
		       off, in, size);
	} else {
		bm_err("structure block: unknown tag %#x at offset %#x in node '%s': the tree ends there\n",
		       tag, off, in);
	}
}

/**
 * early_init_dt_verify_mapped() - accept @params as the boot DTB if its header is sane and
 * it fits in the @mapped bytes the caller could map at @dt_phys.
 */
bool early_init_dt_verify_mapped(void *params, phys_addr_t dt_phys, size_t mapped)
{
	int err;

	if (!params) {
		bm_err("bad DTB at %pa: no blob\n", &dt_phys);
		return false;
	}

	err = fdt_check_header(params);
	if (err) {
		bm_err("bad DTB at %pa: %s\n", &dt_phys, fdt_strerror(err));
		if (err == -FDT_ERR_BADVERSION)
			dt_report_version(params);
		return false;
	}
	if (fdt_totalsize(params) > mapped) {
		bm_err("bad DTB at %pa: totalsize 0x%x exceeds the 0x%zx bytes mapped\n",
		       &dt_phys, fdt_totalsize(params), mapped);
		return false;
	}

	initial_boot_params = params;
	initial_boot_params_pa = dt_phys;
	dt_check_structure(params);
	return true;
}

/* Linux's: the header check; arm64 also refuses blobs over MAX_FDT_SIZE when mapping them. */
bool early_init_dt_verify(void *params)
{
	phys_addr_t pa = PHYS_ADDR_MAX;
	bool ok;

	ok = early_init_dt_verify_mapped(params, pa, MAX_FDT_SIZE);
	if (ok)
		initial_boot_params_pa = PHYS_ADDR_MAX;
	return ok;
}

void early_init_dt_scan_nodes(void)
{
	/* Initialize {size,address}-cells info */
	early_init_dt_scan_root();

	/* Retrieve various information from the /chosen node */
	early_init_dt_scan_chosen(boot_command_line);

	/* linux=6.1|6.12 (the banner): before memblock holds a region, since memblock differs. */
	linux_version_setup(boot_command_line);

	/* Setup memory, calling early_init_dt_add_memory_arch */
	early_init_dt_scan_memory();

	/* Handle linux,usable-memory-range property */
	early_init_dt_check_for_usable_mem_range();
}

bool early_init_dt_scan(void *params)
{
	if (!early_init_dt_verify(params))
		return false;

	early_init_dt_scan_nodes();
	return true;
}

static void fdt_reset(void)
{
	dt_warned_cnt = 0;
	chosen_blob = NULL;
	chosen_offset = 0;
	initial_boot_params = NULL;
	initial_boot_params_pa = PHYS_ADDR_MAX;
	dt_root_addr_cells = dt_root_size_cells = 0;
	memset(dt_rng_seed, 0, sizeof(dt_rng_seed));
	dt_rng_seed_len = 0;
	dt_kaslr_seed = 0;
	dt_has_kaslr_seed = false;
	memset(reserve_conflicts, 0, sizeof(reserve_conflicts));
	nr_reserve_conflicts = 0;
	dt_rng_seed_nop_offset = -1;
}
host_reset(fdt_reset);

/* ------------------------------------------------------------------ early console */

/*
 * A bare "earlycon": the early console on the UART that /chosen/stdout-path names, if an
 * earlycon driver claims its compatible (arm64 calls this after paging_init). Only a path
 * that names no node is reported.
 */
int early_init_dt_scan_chosen_stdout(void)
{
	const void *fdt = initial_boot_params;
	const struct earlycon_id *match;
	const char *p, *options;
	int offset, l, ret;

	offset = of_stdout_node();
	if (offset == -ENODEV) {
		p = of_stdout_path(&l);
		pr_warn("earlycon: stdout-path %.*s not found\n", l, p);
		return 0;
	}
	if (offset < 0)
		return offset;	/* -ENOENT, or bootmem said why (Linux would loop or misread) */
	options = of_stdout_options();

	for (match = earlycon_table; match < earlycon_table_end; match++) {
		if (!match->compatible[0])
			continue;

		if (fdt_node_check_compatible(fdt, offset, match->compatible))
			continue;

		ret = of_setup_earlycon(match, offset, options);
		if (!ret || ret == -EALREADY)
			return 0;
	}
	return -ENODEV;
}
