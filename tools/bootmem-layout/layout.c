// SPDX-License-Identifier: GPL-2.0
/*
 * bootmem-layout's boot: the kernel's setup_arch() and mm_core_init() order, on the host,
 * running the same generic and arch/arm64/mm code on simulated physical memory.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/of_fdt.h>
#include <linux/mm.h>
#include <libfdt.h>
#include <asm/memory.h>
#include <asm/sections.h>
#include <asm/pgtable.h>
#include <asm/mmu.h>
#include "harness.h"
#include "layout.h"

#define BML_DEFAULT_RAM_BASE	0x40000000ULL	/* QEMU virt's, for blobs without memory */
#define BML_DEFAULT_RAM_SIZE	SZ_1G

struct bml_sections bml_sec;

/* Kernel words the tool accepts but has nothing to do for (the kernel has them). */
#define BML_IGNORE(word, fn)				\
	static int __init fn(char *v) { return 0; }	\
	early_param(word, fn)
BML_IGNORE("poweroff", bml_ignore_poweroff);
BML_IGNORE("ptdump", bml_ignore_ptdump);
BML_IGNORE("buddyinfo", bml_ignore_buddyinfo);
BML_IGNORE("zoneinfo", bml_ignore_zoneinfo);
BML_IGNORE("test_fault", bml_ignore_test_fault);
BML_IGNORE("earlycon", bml_ignore_earlycon);
BML_IGNORE("console", bml_ignore_console);
BML_IGNORE("nokaslr", bml_ignore_nokaslr);
BML_IGNORE("boot_phases", bml_ignore_boot_phases);
BML_IGNORE("debug_invariants", bml_ignore_debug_invariants);

void arm64_memblock_init(void);
void bootmem_init(void);
void mem_init(void);

/*
 * The image modelled on Linux 6.1 arm64 (Debian's 6.1.0 Image, as in tests/expected):
 * _stext at +64K, 13248K text, 9504K rodata, 6464K init, 2806K data, 627K bss, and the
 * 20K of init_pg_dir that paging_init gives back, ending at +0x2010000. A --kernel-size
 * scales every offset.
 */
#define LINUX_IMAGE_SIZE	0x2010000ULL
static const struct {
	u64 stext, etext, start_rodata, end_rodata, init_begin, init_end, sdata, edata,
	    bss_start, bss_stop, init_pg_dir;
} linux_image = {
	.stext = 0x10000, .etext = 0xd00000, .start_rodata = 0xd00000, .end_rodata = 0x1648000,
	.init_begin = 0x1650000, .init_end = 0x1ca0000, .sdata = 0x1ca0000, .edata = 0x1f5d800,
	.bss_start = 0x1f60000, .bss_stop = 0x1ffcc00, .init_pg_dir = 0x200b000,
};

static char *image_at(u64 base, u64 off, u64 size)
{
	off = (u64)((unsigned __int128)off * size / LINUX_IMAGE_SIZE);
	return phys_to_virt(base + (off & ~0xfffULL));
}

static void model_image(u64 base, u64 size)
{
	bml_sec.text = phys_to_virt(base);
	bml_sec.stext = image_at(base, linux_image.stext, size);
	bml_sec.etext = image_at(base, linux_image.etext, size);
	bml_sec.start_rodata = image_at(base, linux_image.start_rodata, size);
	bml_sec.end_rodata = image_at(base, linux_image.end_rodata, size);
	bml_sec.init_begin = image_at(base, linux_image.init_begin, size);
	bml_sec.init_end = image_at(base, linux_image.init_end, size);
	bml_sec.sdata = image_at(base, linux_image.sdata, size);
	bml_sec.edata = image_at(base, linux_image.edata, size);
	bml_sec.bss_start = image_at(base, linux_image.bss_start, size);
	bml_sec.bss_stop = image_at(base, linux_image.bss_stop, size);
	bml_sec.init_pg_dir = image_at(base, linux_image.init_pg_dir, size);
	bml_sec.end = phys_to_virt(base + PAGE_ALIGN(size));
}

/* ---- where QEMU's loader would put the Image and the DTB (scripts/dtb-place.py) ---- */

static u32 cells_of(const void *fdt, int node, const char *name, u32 dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	return p && len >= 4 ? fdt32_to_cpu(*p) : dflt;
}

static int first_memory_ranges(const void *fdt, size_t len_avail, u64 *base, u64 *size, int max)
{
	int n = 0, node, len, i, j;
	u32 ac, sc;

	if (len_avail < 64 || fdt_check_header(fdt) || fdt_totalsize(fdt) > len_avail)
		return 0;
	ac = cells_of(fdt, 0, "#address-cells", 2);
	sc = cells_of(fdt, 0, "#size-cells", 1);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return 0;
	fdt_for_each_subnode(node, fdt, 0) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const char *status = fdt_getprop(fdt, node, "status", NULL);
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

		if (!type || strcmp(type, "memory") || !reg)
			continue;
		if (status && strcmp(status, "okay") && strcmp(status, "ok"))
			continue;
		for (i = 0; i + (int)(ac + sc) * 4 <= len && n < max; i += (ac + sc) * 4) {
			const fdt32_t *c = reg + i / 4;
			u64 b = 0, s = 0;

			for (j = 0; j < (int)ac; j++)
				b = b << 32 | fdt32_to_cpu(c[j]);
			for (j = 0; j < (int)sc; j++)
				s = s << 32 | fdt32_to_cpu(c[ac + j]);
			if (s) {
				base[n] = b;
				size[n++] = s;
			}
		}
	}
	return n;
}

static void default_placement(const struct bml_opts *o, u64 ksize, u64 *kat, u64 *dat)
{
	u64 base[64], size[64];
	u32 dtb_size = o->blob_len >= 8 ? fdt_totalsize(o->blob) : 0;
	int n = first_memory_ranges(o->blob, o->blob_len, base, size, 63), i;

	base[n] = BML_DEFAULT_RAM_BASE;
	size[n++] = BML_DEFAULT_RAM_SIZE;
	for (i = 0; i < n; i++) {
		u64 lo = base[i], hi = base[i] + size[i];
		u64 b = ALIGN(lo, SZ_2M), k = b + SZ_2M, kend = k + ksize, d;

		if (kend > hi)
			continue;
		d = ALIGN_DOWN(b + min_t(u64, (hi - b) / 2, SZ_128M), SZ_2M);
		if (d < kend)
			d = ALIGN(kend, SZ_2M);
		if (i < n - 1 && d + dtb_size > hi)
			continue;
		*kat = k;
		*dat = d;
		return;
	}
}

/* ---- the boot ---- */

static pgd_t bml_swapper[PTRS_PER_PGD] __aligned(PAGE_SIZE);

/* Linux's map_kernel(): the image's segments at KIMAGE_VADDR, W^X. */
static void map_kernel_host(pgd_t *pgdp)
{
	static const struct { int from, to; } segs[] = { { 1, 2 }, { 0, 1 }, { 3, 4 }, { 5, 6 } };
	const pgprot_t prots[] = { PAGE_KERNEL_ROX, PAGE_KERNEL_RO, PAGE_KERNEL_RO, PAGE_KERNEL };
	char *bounds[7] = { _text, _stext, _etext, __start_rodata, __end_rodata,
			    __init_begin, _end };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(segs); i++) {
		char *a = bounds[segs[i].from], *b = bounds[segs[i].to];

		if (b <= a)
			continue;
		map_kernel_segment(pgdp, KIMAGE_VADDR + (a - _text), KIMAGE_VADDR + (b - _text),
				   __pa_symbol(a), prots[i], 0);
	}
}

/* paging_init(): the image, the linear map, then init_pg_dir back to memblock. */
static void paging_init_host(void)
{
	memset(bml_swapper, 0, sizeof(bml_swapper));
	map_kernel_host(bml_swapper);
	__map_mem(bml_swapper, __pa_symbol(_stext), __pa_symbol(__init_begin));
	memblock_phys_free(__pa_symbol(bml_sec.init_pg_dir), _end - bml_sec.init_pg_dir);
}

static const struct bml_opts *run_opts;
static int run_status;

/* arm64's setup_machine_fdt(), with its messages for a blob it cannot use. */
static bool setup_machine_fdt_host(phys_addr_t dt_phys)
{
	void *dt_virt = phys_to_virt(dt_phys);
	int size = run_opts->blob_len >= 8 ? (int)fdt_totalsize(run_opts->blob) : 0;
	const char *name;

	if (!early_init_dt_verify_mapped(dt_virt, dt_phys, MAX_FDT_SIZE)) {
		pr_emerg("\n");
		pr_emerg("Error: invalid device tree blob at physical address %pa "
			 "(bad magic, header or totalsize %#x).\n", &dt_phys, size);
		pr_emerg("The boot protocol (Documentation/arm64/booting.rst) wants x0 = the DTB's physical address.\n");
		panic("Cannot continue without a valid device tree (x0 = %pa)", &dt_phys);
	}
	early_init_dt_scan_nodes();
	early_init_fdt_reserve_self();
	name = of_flat_dt_get_machine_name();
	if (name)
		pr_info("Machine model: %s\n", name);
	return true;
}

static void boot(void *arg)
{
	const struct bml_opts *o = run_opts;
	u64 ksize = o->kernel_size != ~0ULL ? o->kernel_size : LINUX_IMAGE_SIZE;
	u64 kat = BML_DEFAULT_RAM_BASE + SZ_2M, dat = BML_DEFAULT_RAM_BASE + SZ_128M;

	default_placement(o, ksize, &kat, &dat);
	if (o->kernel_at != ~0ULL)
		kat = o->kernel_at;
	if (o->dtb_at != ~0ULL)
		dat = o->dtb_at;
	if (kat % PAGE_SIZE || kat + ksize >= SIM_PHYS_LIMIT || !ksize || ksize > SZ_1G ||
	    dat % 8 || dat + MAX_FDT_SIZE >= SIM_PHYS_LIMIT) {
		fprintf(stderr, "bootmem-layout: image [%#llx +%#llx] or DTB at %#llx outside the simulated 4 TiB (or misaligned)\n",
			kat, ksize, dat);
		run_status = BML_EXIT_BADINPUT;
		return;
	}
	model_image(kat, ksize);
	memcpy(phys_to_virt(dat), o->blob, min_t(size_t, o->blob_len, MAX_FDT_SIZE));

	/* setup_arch() */
	setup_machine_fdt_host(dat);
	if (memblock.memory.total_size == 0) {
		pr_err("bootmem: the device tree describes no usable memory (no valid device_type = \"memory\" node)\n");
		run_status = BML_EXIT_BADINPUT;
		return;
	}
	parse_early_param(NULL);
	arm64_memblock_init();
	if (memblock_end_of_DRAM() > SIM_PHYS_LIMIT) {
		fprintf(stderr, "bootmem-layout: memory up to %#llx: only the first 4 TiB can be simulated (try mem=)\n",
			memblock_end_of_DRAM());
		run_status = BML_EXIT_BADINPUT;
		return;
	}
	paging_init_host();
	bootmem_init();
	if (!memblock_debug)
		__memblock_dump_all();

	/* start_kernel() */
	print_kernel_command_line();
	parse_boot_args();
	/* mm_core_init() */
	build_all_zonelists();
	mem_init();
	init_per_zone_wmark_min();
	show_buddyinfo();
}

int bml_run(const struct bml_opts *o)
{
	run_opts = o;
	run_status = BML_EXIT_OK;
	if (run_expect_panic(boot, NULL))
		run_status = BML_EXIT_BADINPUT;
	return run_status;
}
