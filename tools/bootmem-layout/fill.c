// SPDX-License-Identifier: GPL-2.0
/*
 * bootmem-layout's --ram: the memory node a boot loader writes before Linux starts, on the
 * tool's copy of the DT. U-Boot's fdt_fixup_memory_banks() for any board; the Raspberry Pi
 * firmware's split (VideoCore carve-out, BCM2711 I/O window, 2 GiB tuples) for Pi trees.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include "layout.h"

#define SZ_1M		0x100000ULL
#define SZ_1G		0x40000000ULL
#define SZ_2G		0x80000000ULL
#define SZ_4G		0x100000000ULL
/* BCM2711 (low-peripheral mode): the ARM sees its I/O from 0xfc000000 to 4 GiB. */
#define BCM2711_IO_BASE	0xfc000000ULL
/* The firmware's armstub and spin table live in the first page (raspberrypi/firmware#1340). */
#define RPI_STUB_SIZE	0x1000ULL

static int __attribute__((format(printf, 2, 3))) fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "bootmem-layout: %s: --ram: ", name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static bool root_compatible(const void *fdt, const char *compat)
{
	return fdt_node_check_compatible(fdt, 0, compat) == 0;
}

/* 0: not a Pi; 2711 or 2837 (any BCM283x: RAM below 1 GiB only). */
static int rpi_soc(const void *fdt)
{
	if (root_compatible(fdt, "brcm,bcm2711"))
		return 2711;
	if (root_compatible(fdt, "brcm,bcm2837") || root_compatible(fdt, "brcm,bcm2836") ||
	    root_compatible(fdt, "brcm,bcm2835"))
		return 2837;
	return 0;
}

/* U-Boot's lookup: the first child of / named "memory" or "memory@...", by libfdt. */
static int memory_node(const void *fdt)
{
	return fdt_subnode_offset(fdt, 0, "memory");
}

/* Where the DT says memory starts: the first memory node's reg, else its unit address. */
static bool dt_memory_base(const void *fdt, uint64_t *base)
{
	int node = memory_node(fdt), len, ac = fdt_address_cells(fdt, 0), i;
	const fdt32_t *reg;
	const char *name, *at;

	if (node < 0)
		return false;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (reg && ac >= 1 && ac <= 2 && len >= ac * 4) {
		*base = 0;
		for (i = 0; i < ac; i++)
			*base = *base << 32 | fdt32_to_cpu(reg[i]);
		return true;
	}
	name = fdt_get_name(fdt, node, NULL);
	at = name ? strchr(name, '@') : NULL;
	if (at && at[1]) {
		char *end;

		*base = strtoull(at + 1, &end, 16);
		return !*end;
	}
	return false;
}

/* Appends (base, size) to the fill's banks, as @cells cells each (checked by the caller). */
static void add_bank(struct bml_fill *f, uint64_t base, uint64_t size)
{
	f->bank[f->nbanks].base = base;
	f->bank[f->nbanks].size = size;
	f->nbanks++;
}

static void add_carve(struct bml_fill *f, uint64_t base, uint64_t size, const char *what)
{
	if (!size || f->ncarve >= BML_MAX_CARVE)
		return;
	f->carve[f->ncarve].base = base;
	f->carve[f->ncarve].size = size;
	snprintf(f->carve[f->ncarve].what, sizeof(f->carve[0].what), "%s", what);
	f->ncarve++;
}

/*
 * The Pi firmware (start*.elf): RAM from 0, less gpu_mem at the top of the first GiB (64 MiB
 * below 1 GiB of RAM, 76 MiB from 1 GiB: the config.txt documentation); on a BCM2711 the rest
 * up to the I/O window at 0xfc000000, then above 4 GiB in 2 GiB tuples (one size cell).
 */
static int fill_rpi(const char *name, const void *fdt, int soc, uint64_t ram, uint64_t gpu_mem,
		    struct bml_fill *f)
{
	uint64_t low = ram < SZ_1G ? ram : SZ_1G, top, b;

	if (soc == 2837 && ram > SZ_1G)
		return fail(name, "%#llx bytes: a BCM283x Raspberry Pi has at most 1 GiB",
			    (unsigned long long)ram);
	if (!gpu_mem)
		gpu_mem = ram >= SZ_1G ? 76 * SZ_1M : 64 * SZ_1M;
	if (gpu_mem >= low)
		return fail(name, "gpu_mem %#llx leaves nothing of the first %#llx bytes",
			    (unsigned long long)gpu_mem, (unsigned long long)low);
	f->method = BML_FILL_RPI;
	add_bank(f, 0, low - gpu_mem);
	add_carve(f, low - gpu_mem, gpu_mem, "VideoCore (gpu_mem)");
	if (ram > SZ_1G) {
		top = ram < BCM2711_IO_BASE ? ram : BCM2711_IO_BASE;
		add_bank(f, SZ_1G, top - SZ_1G);
	}
	if (ram > BCM2711_IO_BASE)
		add_carve(f, BCM2711_IO_BASE, (ram < SZ_4G ? ram : SZ_4G) - BCM2711_IO_BASE,
			  "BCM2711 I/O window");
	for (b = SZ_4G; b < ram && f->nbanks < BML_MAX_BANKS; b += SZ_2G)
		add_bank(f, b, ram - b < SZ_2G ? ram - b : SZ_2G);
	if (b < ram)
		return fail(name, "%#llx bytes need more than %d reg tuples",
			    (unsigned long long)ram, BML_MAX_BANKS);
	return 0;
}

/*
 * U-Boot: one bank per --ram; a bank without @BASE follows the previous one (the first
 * starts where the DT's memory node says).
 */
static int fill_uboot(const char *name, const void *fdt, const struct bml_ram *ram, int n,
		      struct bml_fill *f)
{
	uint64_t next = 0;
	int i;

	for (i = 0; i < n; i++) {
		uint64_t base = ram[i].base;

		if (!ram[i].has_base) {
			if (i == 0 && !dt_memory_base(fdt, &next))
				return fail(name, "the DT has no memory node to say where RAM starts: "
					    "give it, --ram SIZE@BASE (e.g. --ram 2G@0x40000000)");
			base = next;
		}
		if (base + ram[i].size < base)
			return fail(name, "%#llx + %#llx wraps past 2^64", (unsigned long long)base,
				    (unsigned long long)ram[i].size);
		add_bank(f, base, ram[i].size);
		next = base + ram[i].size;
	}
	f->method = BML_FILL_UBOOT;
	return 0;
}

/* What fdt_pack_reg() writes: each value in 1 or 2 cells, as the root says. */
static int pack_reg(const char *name, const void *fdt, const struct bml_fill *f, fdt32_t *out)
{
	int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0), i, k = 0;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return fail(name, "root #address-cells = %d / #size-cells = %d: U-Boot's "
			    "fdt_pack_reg writes 1 or 2 cells only", ac, sc);
	for (i = 0; i < f->nbanks; i++) {
		uint64_t b = f->bank[i].base, s = f->bank[i].size;

		if (ac == 1 && b > 0xffffffffULL)
			return fail(name, "base %#llx does not fit #address-cells = 1 (U-Boot would "
				    "write %#llx)", (unsigned long long)b,
				    (unsigned long long)(b & 0xffffffffULL));
		if (sc == 1 && s > 0xffffffffULL)
			return fail(name, "size %#llx does not fit #size-cells = 1 (U-Boot would write "
				    "%#llx): split it into several --ram", (unsigned long long)s,
				    (unsigned long long)(s & 0xffffffffULL));
		if (ac == 2)
			out[k++] = cpu_to_fdt32(b >> 32);
		out[k++] = cpu_to_fdt32(b);
		if (sc == 2)
			out[k++] = cpu_to_fdt32(s >> 32);
		out[k++] = cpu_to_fdt32(s);
	}
	return k;
}

/* The Pi's stub page: /memreserve/ 0 0x1000 unless an entry already covers it. */
static int rpi_memreserve(void *fdt, struct bml_fill *f)
{
	uint64_t b, s;
	int i, n = fdt_num_mem_rsv(fdt);

	for (i = 0; i < n; i++)
		if (!fdt_get_mem_rsv(fdt, i, &b, &s) && b == 0 && s >= RPI_STUB_SIZE)
			return 0;
	f->added_memreserve = true;
	return fdt_add_mem_rsv(fdt, 0, RPI_STUB_SIZE);
}

int bml_fill_ram(const char *name, char **blob, size_t *len, const struct bml_ram *ram, int n,
		 uint64_t gpu_mem, struct bml_fill *f)
{
	fdt32_t reg[BML_MAX_BANKS * 4];
	size_t size;
	char *fdt;
	int soc, node, cells, i, err;
	uint64_t total = 0;

	memset(f, 0, sizeof(*f));
	if (*len < sizeof(struct fdt_header) || fdt_check_header(*blob))
		return fail(name, "the input is no valid DTB");
	size = fdt_totalsize(*blob) + 4096;
	fdt = malloc(size);
	if (!fdt || fdt_open_into(*blob, fdt, size))
		return free(fdt), fail(name, "cannot open the DTB for writing");
	for (i = 0; i < n; i++)
		total += ram[i].size;
	f->ram_total = total;

	soc = rpi_soc(fdt);
	if (soc && n == 1 && !ram[0].has_base)
		err = fill_rpi(name, fdt, soc, ram[0].size, gpu_mem, f);
	else
		err = fill_uboot(name, fdt, ram, n, f);
	cells = err ? -1 : pack_reg(name, fdt, f, reg);
	if (cells < 0)
		return free(fdt), -1;

	/* fdt_fixup_memory_banks(): find or add /memory, device_type, then reg. */
	node = memory_node(fdt);
	if (node < 0)
		node = fdt_add_subnode(fdt, 0, "memory");
	err = node < 0 ? node : fdt_setprop_string(fdt, node, "device_type", "memory");
	if (!err)
		err = fdt_setprop(fdt, node, "reg", reg, cells * sizeof(fdt32_t));
	/* Not packed: the padding stays, as dtc -p leaves it, for --initrd-size and bootargs. */
	if (!err && f->method == BML_FILL_RPI)
		err = rpi_memreserve(fdt, f);
	if (err) {
		free(fdt);
		return fail(name, "libfdt: %s", fdt_strerror(err));
	}
	snprintf(f->node, sizeof(f->node), "/%s", fdt_get_name(fdt, node, NULL));
	free(*blob);
	*blob = fdt;
	*len = fdt_totalsize(fdt);
	return 0;
}

/* After a boot that found no memory: say why in the DT's terms, and what --ram would do. */
void bml_hint_empty_memory(const char *name, const void *fdt, size_t len)
{
	uint64_t base;
	int node;

	if (len < sizeof(struct fdt_header) || fdt_check_header(fdt))
		return;
	node = memory_node(fdt);
	if (rpi_soc(fdt)) {
		fprintf(stderr, "bootmem-layout: %s: a Raspberry Pi tree: the firmware fills in its memory; "
			"say how much RAM the board has, e.g. --ram 4G (1G, 2G, 4G or 8G on a Pi 4)\n", name);
	} else if (node >= 0 && dt_memory_base(fdt, &base)) {
		fprintf(stderr, "bootmem-layout: %s: %s has no usable size: the boot loader fills it in; "
			"say how much RAM the board has: --ram SIZE (e.g. --ram 2G, at 0x%llx as the node says) "
			"or --ram SIZE@BASE\n", name, fdt_get_name(fdt, node, NULL),
			(unsigned long long)base);
	} else {
		fprintf(stderr, "bootmem-layout: %s: no memory node: the boot loader adds one; say how much "
			"RAM the board has and where: --ram SIZE@BASE (e.g. --ram 2G@0x40000000)\n", name);
	}
}
