// SPDX-License-Identifier: GPL-2.0
/*
 * Linux 6.1's drivers/of/fdt_address.c: the flat tree's own address translation, default
 * bus only, which of_setup_earlycon uses for a stdout-path UART (with its messages).
 */
#define pr_fmt(fmt) "OF: fdt: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/of_fdt.h>
#include <linux/of_address.h>

/* The cells of @parent's children: its own properties, else the root's (not inherited). */
static void fdt_bus_default_count_cells(const void *blob, int parentoffset, int *addrc,
					int *sizec)
{
	const fdt32_t *prop;
	int len;

	prop = fdt_getprop(blob, parentoffset, "#address-cells", &len);
	*addrc = prop && len >= 4 ? (int)be32_to_cpup(prop) : dt_root_addr_cells;
	prop = fdt_getprop(blob, parentoffset, "#size-cells", &len);
	*sizec = prop && len >= 4 ? (int)be32_to_cpup(prop) : dt_root_size_cells;
}

/*
 * One level up through @parent's "ranges": missing ranges stop the translation. The default
 * bus's map and translate are of_address.c's (Linux keeps a copy of them in fdt_address.c).
 */
static int fdt_translate_one(const void *blob, int parent, fdt32_t *addr, int na, int ns,
			     int pna)
{
	const fdt32_t *ranges;
	int rlen, rone;
	u64 offset = OF_BAD_ADDR;

	ranges = fdt_getprop(blob, parent, "ranges", &rlen);
	if (!ranges)
		return 1;
	if (rlen == 0) {
		offset = of_read_number(addr, na);
		memset(addr, 0, pna * 4);
		goto finish;
	}

	rlen /= 4;
	rone = na + pna + ns;
	for (; rlen >= rone; rlen -= rone, ranges += rone) {
		offset = of_bus_default_map(addr, ranges, na, ns, pna);
		if (offset != OF_BAD_ADDR)
			break;
	}
	if (offset == OF_BAD_ADDR)
		return 1;
	memcpy(addr, ranges + na, 4 * pna);

finish:
	return of_bus_default_translate(addr, offset, pna);
}

u64 of_flat_dt_translate_address(unsigned long node)
{
	const void *blob = initial_boot_params;
	int node_offset = node, parent, len, na, ns, pna, pns;
	fdt32_t addr[OF_MAX_ADDR_CELLS];
	const fdt32_t *reg;

	reg = fdt_getprop(blob, node_offset, "reg", &len);
	if (!reg) {
		pr_err("warning: device tree node '%s' has no address.\n",
		       fdt_get_name(blob, node_offset, NULL));
		return OF_BAD_ADDR;
	}

	parent = fdt_parent_offset(blob, node_offset);
	if (parent < 0)
		return OF_BAD_ADDR;

	fdt_bus_default_count_cells(blob, parent, &na, &ns);
	if (!OF_CHECK_COUNTS(na, ns)) {
		pr_err("Bad cell count for %s\n", fdt_get_name(blob, node_offset, NULL));
		return OF_BAD_ADDR;
	}
	/* Linux reads na cells whatever the length of reg. */
	if (len < na * 4) {
		bm_err("%s: reg is %d bytes, shorter than #address-cells = %d\n",
		       fdt_get_name(blob, node_offset, NULL), len, na);
		return OF_BAD_ADDR;
	}
	memcpy(addr, reg, na * 4);

	for (;;) {
		/* Switch to parent bus */
		node_offset = parent;
		parent = fdt_parent_offset(blob, node_offset);

		/* If root, we have finished */
		if (parent < 0)
			return of_read_number(addr, na);

		fdt_bus_default_count_cells(blob, parent, &pna, &pns);
		if (!OF_CHECK_COUNTS(pna, pns)) {
			pr_err("Bad cell count for %s\n", fdt_get_name(blob, node_offset, NULL));
			return OF_BAD_ADDR;
		}

		if (fdt_translate_one(blob, node_offset, addr, na, ns, pna))
			return OF_BAD_ADDR;

		na = pna;
		ns = pns;
	}
}
