// SPDX-License-Identifier: GPL-2.0
/*
 * Bus address translation on the flat tree, as Linux 6.1's drivers/of/address.c: "ranges" for
 * MMIO (the console), "dma-ranges" for the DMA limit that sizes ZONE_DMA, and stdout-path.
 */
#define pr_fmt(fmt) "OF: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/of_fdt.h>
#include <linux/of_address.h>
#include <linux/init.h>

/* Linux's IORESOURCE_* bits that the PCI and ISA translators compare. */
#define IORESOURCE_IO		0x00000100
#define IORESOURCE_MEM		0x00000200

static const void *blob(void)
{
	return initial_boot_params;
}

/* The parent of @node, or -1 at the root (and on a broken tree). */
static int of_get_parent(int node)
{
	int parent;

	if (node <= 0)
		return -1;
	parent = of_fdt_parent_offset(blob(), node);
	return parent < 0 ? -1 : parent;
}

static const char *of_node_name(int node)
{
	const char *name = fdt_get_name(blob(), node, NULL);

	return name ? name : "?";
}

/* Node name without its unit address equals @name (Linux's of_node_name_eq). */
static bool of_node_name_eq(int node, const char *name)
{
	const char *n = fdt_get_name(blob(), node, NULL);
	size_t len;

	if (!n)
		return false;
	len = strchr(n, '@') ? (size_t)(strchr(n, '@') - n) : strlen(n);
	return strlen(name) == len && !strncmp(n, name, len);
}

static bool of_node_is_type(int node, const char *type)
{
	return of_fdt_prop_str_eq(blob(), node, "device_type", type);
}

/*
 * Linux uses the whole entries of a ranges, dma-ranges or reg property and drops a partial
 * last one without a word; say so (once per node and property).
 */
static void of_check_entries(int node, const char *prop, int len, int cells)
{
	int one = cells * 4;

	if (one <= 0 || len % one == 0 || !of_fdt_warn_once(node, prop))
		return;
	bm_warn("node '%s': %s is %d bytes, not a multiple of %d cells; trailing %d bytes ignored\n",
		of_node_name(node), prop, len, cells, len % one);
}

/* A u32 property; false if absent or too short. */
static bool of_read_u32(int node, const char *name, u32 *val)
{
	int len;
	const fdt32_t *p = fdt_getprop(blob(), node, name, &len);

	if (!p || len < (int)sizeof(*p))
		return false;
	*val = fdt32_ld(p);
	return true;
}

/* #address-cells inherited from the nearest ancestor that has it (default 1, as Linux). */
int of_bus_n_addr_cells(int node)
{
	int depth;
	u32 cells;

	for (depth = 0; node >= 0 && depth <= OF_MAX_DEPTH; node = of_get_parent(node), depth++)
		if (of_read_u32(node, "#address-cells", &cells))
			return cells;
	return OF_ROOT_NODE_ADDR_CELLS_DEFAULT;
}

int of_bus_n_size_cells(int node)
{
	int depth;
	u32 cells;

	for (depth = 0; node >= 0 && depth <= OF_MAX_DEPTH; node = of_get_parent(node), depth++)
		if (of_read_u32(node, "#size-cells", &cells))
			return cells;
	return OF_ROOT_NODE_SIZE_CELLS_DEFAULT;
}

int of_n_addr_cells(int node)
{
	int parent = of_get_parent(node);

	return of_bus_n_addr_cells(parent >= 0 ? parent : node);
}

int of_n_size_cells(int node)
{
	int parent = of_get_parent(node);

	return of_bus_n_size_cells(parent >= 0 ? parent : node);
}

/* ------------------------------------------------------------------ bus translators */

struct of_bus {
	const char *name;
	const char *addresses;
	bool (*match)(int parent);
	void (*count_cells)(int child, int *addrc, int *sizec);
	u64 (*map)(fdt32_t *addr, const fdt32_t *range, int na, int ns, int pna);
	int (*translate)(fdt32_t *addr, u64 offset, int na);
	int flag_cells;
};

static void of_bus_default_count_cells(int dev, int *addrc, int *sizec)
{
	if (addrc)
		*addrc = of_n_addr_cells(dev);
	if (sizec)
		*sizec = of_n_size_cells(dev);
}

u64 of_bus_default_map(fdt32_t *addr, const fdt32_t *range, int na, int ns, int pna)
{
	u64 cp, s, da;

	cp = of_read_number(range, na);
	s = of_read_number(range + na + pna, ns);
	da = of_read_number(addr, na);

	if (da < cp || da >= (cp + s))
		return OF_BAD_ADDR;
	return da - cp;
}

int of_bus_default_translate(fdt32_t *addr, u64 offset, int na)
{
	u64 a = of_read_number(addr, na);

	memset(addr, 0, na * 4);
	a += offset;
	if (na > 1)
		addr[na - 2] = cpu_to_fdt32(a >> 32);
	addr[na - 1] = cpu_to_fdt32(a & 0xffffffffu);

	return 0;
}

/* Buses with a flags cell first (PCI, ISA, #address-cells = 3): compare the rest. */
static u64 of_bus_flags_map(fdt32_t *addr, const fdt32_t *range, int na, int ns, int pna)
{
	u64 cp, s, da;

	cp = of_read_number(range + 1, na - 1);
	s = of_read_number(range + na + pna, ns);
	da = of_read_number(addr + 1, na - 1);

	if (da < cp || da >= (cp + s))
		return OF_BAD_ADDR;
	return da - cp;
}

static int of_bus_default_flags_translate(fdt32_t *addr, u64 offset, int na)
{
	/* Keep the "flags" part (high cell) in the translated address. */
	return of_bus_default_translate(addr + 1, offset, na - 1);
}

static bool of_bus_default_flags_match(int node)
{
	return of_bus_n_addr_cells(node) == 3;
}

static u64 of_bus_default_flags_map(fdt32_t *addr, const fdt32_t *range, int na, int ns,
				    int pna)
{
	if (fdt32_ld(addr) != fdt32_ld(range))
		return OF_BAD_ADDR;
	return of_bus_flags_map(addr, range, na, ns, pna);
}

static unsigned int of_bus_pci_get_flags(const fdt32_t *addr)
{
	u32 w = fdt32_ld(addr);

	switch ((w >> 24) & 0x03) {
	case 0x01:
		return IORESOURCE_IO;
	case 0x02:
	case 0x03:
		return IORESOURCE_MEM;
	}
	return 0;
}

static bool of_bus_pci_match(int node)
{
	/* A node named "pcie" without device_type is accepted too (Linux warns once). */
	return of_node_is_type(node, "pci") || of_node_is_type(node, "pciex") ||
	       of_node_is_type(node, "vci") || of_node_is_type(node, "ht") ||
	       of_node_name_eq(node, "pcie");
}

static void of_bus_pci_count_cells(int node, int *addrc, int *sizec)
{
	if (addrc)
		*addrc = 3;
	if (sizec)
		*sizec = 2;
}

static u64 of_bus_pci_map(fdt32_t *addr, const fdt32_t *range, int na, int ns, int pna)
{
	unsigned int af = of_bus_pci_get_flags(addr), rf = of_bus_pci_get_flags(range);

	if ((af ^ rf) & (IORESOURCE_MEM | IORESOURCE_IO))
		return OF_BAD_ADDR;
	return of_bus_flags_map(addr, range, na, ns, pna);
}

static bool of_bus_isa_match(int node)
{
	return of_node_name_eq(node, "isa");
}

static void of_bus_isa_count_cells(int child, int *addrc, int *sizec)
{
	if (addrc)
		*addrc = 2;
	if (sizec)
		*sizec = 1;
}

static u64 of_bus_isa_map(fdt32_t *addr, const fdt32_t *range, int na, int ns, int pna)
{
	/* I/O or memory space must match */
	if ((fdt32_ld(addr) ^ fdt32_ld(range)) & 1)
		return OF_BAD_ADDR;
	return of_bus_flags_map(addr, range, na, ns, pna);
}

/* Linux's table, in its order (Debian has CONFIG_PCI). */
static const struct of_bus of_busses[] = {
	{
		.name = "pci",
		.addresses = "assigned-addresses",
		.match = of_bus_pci_match,
		.count_cells = of_bus_pci_count_cells,
		.map = of_bus_pci_map,
		.translate = of_bus_default_flags_translate,
		.flag_cells = 1,
	},
	{
		.name = "isa",
		.addresses = "reg",
		.match = of_bus_isa_match,
		.count_cells = of_bus_isa_count_cells,
		.map = of_bus_isa_map,
		.translate = of_bus_default_flags_translate,
		.flag_cells = 1,
	},
	{
		.name = "default-flags",
		.addresses = "reg",
		.match = of_bus_default_flags_match,
		.count_cells = of_bus_default_count_cells,
		.map = of_bus_default_flags_map,
		.translate = of_bus_default_flags_translate,
		.flag_cells = 1,
	},
	{
		.name = "default",
		.addresses = "reg",
		.match = NULL,
		.count_cells = of_bus_default_count_cells,
		.map = of_bus_default_map,
		.translate = of_bus_default_translate,
	},
};

static const struct of_bus *of_match_bus(int node)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(of_busses); i++)
		if (!of_busses[i].match || of_busses[i].match(node))
			return &of_busses[i];
	return &of_busses[ARRAY_SIZE(of_busses) - 1];
}

/*
 * One level up: map @addr (na cells of @parent's child bus) through @parent's @rprop into
 * pna cells of the bus above. Missing "ranges" stops the translation; missing or empty
 * "dma-ranges" is 1:1, as in Linux.
 */
static int of_translate_one(int parent, const struct of_bus *bus, const struct of_bus *pbus,
			    fdt32_t *addr, int na, int ns, int pna, const char *rprop)
{
	const fdt32_t *ranges;
	int rlen, rone;
	u64 offset = OF_BAD_ADDR;

	ranges = fdt_getprop(blob(), parent, rprop, &rlen);
	if (!ranges && strcmp(rprop, "dma-ranges"))
		return 1;
	if (!ranges || rlen == 0) {
		offset = of_read_number(addr, na);
		/* set address to zero, pass flags through */
		memset(addr + pbus->flag_cells, 0, (pna - pbus->flag_cells) * 4);
		goto finish;
	}

	rone = na + pna + ns;
	of_check_entries(parent, rprop, rlen, rone);
	rlen /= 4;
	for (; rlen >= rone; rlen -= rone, ranges += rone) {
		offset = bus->map(addr, ranges, na, ns, pna);
		if (offset != OF_BAD_ADDR)
			break;
	}
	if (offset == OF_BAD_ADDR)
		return 1;
	memcpy(addr, ranges + na, 4 * pna);

finish:
	/* Translate it into parent bus space */
	return pbus->translate(addr, offset, pna);
}

/*
 * Walk from @dev up to the root, translating @in_addr (cells of @dev's reg-style address)
 * at each level. OF_BAD_ADDR if some level cannot translate it.
 */
static u64 __of_translate_address(int dev, const fdt32_t *in_addr, const char *rprop)
{
	fdt32_t addr[OF_MAX_ADDR_CELLS];
	const struct of_bus *bus, *pbus;
	int parent, na, ns, pna, pns, depth;

	if (!initial_boot_params || dev < 0)
		return OF_BAD_ADDR;

	parent = of_get_parent(dev);
	if (parent < 0)
		return OF_BAD_ADDR;
	bus = of_match_bus(parent);

	bus->count_cells(dev, &na, &ns);
	if (!OF_CHECK_COUNTS(na, ns)) {
		/* Linux's is a pr_debug */
		bm_err("%s: #address-cells = %d, #size-cells = %d: reg not translated\n",
		       of_node_name(dev), na, ns);
		return OF_BAD_ADDR;
	}
	memcpy(addr, in_addr, na * 4);

	for (depth = 0; depth <= OF_MAX_DEPTH; depth++) {
		/* Switch to parent bus */
		dev = parent;
		parent = of_get_parent(dev);

		/* If root, we have finished */
		if (parent < 0)
			return of_read_number(addr, na);

		pbus = of_match_bus(parent);
		pbus->count_cells(dev, &pna, &pns);
		if (!OF_CHECK_COUNTS(pna, pns)) {
			char path[128];

			if (fdt_get_path(blob(), dev, path, sizeof(path)))
				snprintf(path, sizeof(path), "%s", of_node_name(dev));
			pr_err("Bad cell count for %s\n", path);
			bm_err("(%s: #address-cells = %d, #size-cells = %d)\n", path, pna, pns);
			return OF_BAD_ADDR;
		}

		if (of_translate_one(dev, bus, pbus, addr, na, ns, pna, rprop))
			return OF_BAD_ADDR;

		na = pna;
		ns = pns;
		bus = pbus;
	}
	bm_err("%s: tree deeper than %d levels, not translated\n", of_node_name(dev),
	       OF_MAX_DEPTH);
	return OF_BAD_ADDR;
}

u64 of_translate_address_cells(int node, const fdt32_t *in_addr)
{
	return __of_translate_address(node, in_addr, "ranges");
}

/* Linux first follows an interconnect named "dma-mem"; flat trees here have none. */
u64 of_translate_dma_address_cells(int node, const fdt32_t *in_addr)
{
	return __of_translate_address(node, in_addr, "dma-ranges");
}

u64 of_translate_address(int node, u64 bus_addr)
{
	fdt32_t cells[OF_MAX_ADDR_CELLS] = { 0 };
	int parent = of_get_parent(node);
	int na;

	if (parent < 0)
		return OF_BAD_ADDR;
	of_match_bus(parent)->count_cells(node, &na, NULL);
	if (!OF_CHECK_ADDR_COUNT(na) || (na == 1 && bus_addr > U32_MAX))
		return OF_BAD_ADDR;

	cells[na - 1] = cpu_to_fdt32(bus_addr & 0xffffffffu);
	if (na > 1)
		cells[na - 2] = cpu_to_fdt32(bus_addr >> 32);
	return of_translate_address_cells(node, cells);
}

const fdt32_t *of_get_address(int node, int index, u64 *size)
{
	const struct of_bus *bus;
	const fdt32_t *prop;
	int parent, psize, onesize, i, na, ns;

	parent = of_get_parent(node);
	if (parent < 0)
		return NULL;
	bus = of_match_bus(parent);
	bus->count_cells(node, &na, &ns);
	if (!OF_CHECK_ADDR_COUNT(na))
		return NULL;

	prop = fdt_getprop(blob(), node, bus->addresses, &psize);
	if (!prop)
		return NULL;
	onesize = na + ns;
	of_check_entries(node, bus->addresses, psize, onesize);
	psize /= 4;

	for (i = 0; psize >= onesize; psize -= onesize, prop += onesize, i++) {
		if (i == index) {
			if (size)
				*size = of_read_number(prop + na, ns);
			return prop;
		}
	}
	return NULL;
}

int of_address_to_resource(int node, int index, u64 *start, u64 *size)
{
	const fdt32_t *addrp;
	u64 taddr, sz = 0;

	addrp = of_get_address(node, index, &sz);
	if (!addrp)
		return -EINVAL;

	taddr = of_translate_address_cells(node, addrp);
	if (taddr == OF_BAD_ADDR)
		return -EINVAL;

	*start = taddr;
	*size = sz;
	return 0;
}

int of_node_reg_translated(int node, u64 *addr, u64 *size)
{
	if (!initial_boot_params || node < 0)
		return -ENODEV;
	return of_address_to_resource(node, 0, addr, size);
}

/* ------------------------------------------------------------------ dma-ranges */

/*
 * The highest CPU address reachable through @node's own dma-ranges (each entry's parent
 * address translated up through the ancestors' dma-ranges); PHYS_ADDR_MAX without any.
 */
static u64 of_dma_node_max_cpu_address(int node)
{
	const fdt32_t *range, *end;
	int len, na, pna, ns, one;
	u64 cpu_end = 0;
	bool any = false;

	range = fdt_getprop(blob(), node, "dma-ranges", &len);
	if (!range || len <= 0)
		return PHYS_ADDR_MAX;

	pna = of_n_addr_cells(node);
	na = of_bus_n_addr_cells(node);
	ns = of_bus_n_size_cells(node);
	if (!OF_CHECK_ADDR_COUNT(na) || !OF_CHECK_ADDR_COUNT(pna) || ns < 1 || ns > 2) {
		bm_err("%s: dma-ranges with #address-cells %d, parent %d, #size-cells %d ignored\n",
		       of_node_name(node), na, pna, ns);
		return PHYS_ADDR_MAX;
	}

	one = na + pna + ns;
	of_check_entries(node, "dma-ranges", len, one);
	end = range + len / 4;
	for (; range + one <= end; range += one) {
		u64 cpu_addr = of_translate_dma_address_cells(node, range + na);
		u64 size = of_read_number(range + na + pna, ns);

		if (cpu_addr == OF_BAD_ADDR) {
			bm_err("%s: dma-ranges entry for bus 0x%llx cannot be translated, ignored\n",
			       of_node_name(node), of_read_number(range, na));
			continue;
		}
		any = true;
		if (cpu_addr + size > cpu_end)
			cpu_end = cpu_addr + size - 1;
	}
	return any ? cpu_end : PHYS_ADDR_MAX;
}

/*
 * Linux recurses over the available children; min() does not care about order, so walk the
 * subtree iteratively (a hostile depth cannot exhaust the stack), skipping the subtrees of
 * unavailable nodes.
 */
u64 of_dma_get_max_cpu_address_node(int np)
{
	const void *fdt = blob();
	u64 max_cpu_addr;
	int node, depth = 0, skip_depth = -1;

	if (!fdt || np < 0)
		return PHYS_ADDR_MAX;

	max_cpu_addr = of_dma_node_max_cpu_address(np);
	for (node = fdt_next_node(fdt, np, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		if (skip_depth >= 0 && depth > skip_depth)
			continue;
		skip_depth = -1;
		if (!of_fdt_device_is_available(fdt, node)) {
			skip_depth = depth;
			continue;
		}
		max_cpu_addr = min(max_cpu_addr, of_dma_node_max_cpu_address(node));
	}
	if (node < 0 && node != -FDT_ERR_NOTFOUND)
		bm_err("dma-ranges scan stopped: %s\n", fdt_strerror(node));
	return max_cpu_addr;
}

u64 of_dma_get_max_cpu_address(void)
{
	return of_dma_get_max_cpu_address_node(0);
}

/* ------------------------------------------------------------------ stdout-path */

static const char *stdout_options, *stdout_path;
static int stdout_path_len;

/*
 * /chosen/stdout-path (or linux,stdout-path): a path or an alias, then ":options". The node,
 * or -ENOENT (no such property), -ENODEV (names no node: of_stdout_path() says what it
 * names) or -EINVAL (unusable, with a "bootmem: " line). Silent otherwise: Linux speaks of
 * stdout-path only when it starts an early console from it.
 */
int of_stdout_node(void)
{
	const void *fdt = blob();
	const char *p, *q;
	int offset, l;

	stdout_options = NULL;
	stdout_path = "";
	stdout_path_len = 0;
	if (!fdt)
		return -ENOENT;

	offset = of_flat_dt_chosen_node();
	if (offset < 0)
		return -ENOENT;

	p = fdt_getprop(fdt, offset, "stdout-path", &l);
	if (!p)
		p = fdt_getprop(fdt, offset, "linux,stdout-path", &l);
	if (!p || l <= 0)
		return -ENOENT;

	if (strnlen(p, l) == (size_t)l) {
		bm_warn("/chosen/stdout-path is not a NUL-terminated string, ignored\n");
		return -EINVAL;
	}
	l = strlen(p);
	q = memchr(p, ':', l);
	if (q) {
		stdout_options = q + 1;
		l = q - p;
	}
	stdout_path = p;
	stdout_path_len = l;

	/*
	 * libfdt resolves an alias by looking its value up as a path again, so an alias whose
	 * value is another alias loops forever (Linux's libfdt recurses until the stack
	 * overflows). Only alias values that are paths are followed.
	 */
	if (l && p[0] != '/') {
		const char *slash = memchr(p, '/', l);
		int alen = slash ? slash - p : l;
		int aliases = of_fdt_path_offset(fdt, "/aliases"), vlen = 0;
		const char *a = NULL;

		if (aliases >= 0)
			a = fdt_getprop_namelen(fdt, aliases, p, alen, &vlen);
		if (a && (vlen <= 0 || strnlen(a, vlen) == (size_t)vlen || a[0] != '/')) {
			bm_warn("/aliases/%.*s is not a NUL-terminated node path (an alias loop?), stdout-path ignored\n",
				alen, p);
			return -EINVAL;
		}
	}
	offset = of_fdt_path_offset_namelen(fdt, p, l);
	if (offset < 0)
		return -ENODEV;
	return offset;
}

const char *of_stdout_options(void)
{
	return stdout_options;
}

const char *of_stdout_path(int *len)
{
	*len = stdout_path_len;
	return stdout_path;
}
