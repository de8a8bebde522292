// SPDX-License-Identifier: GPL-2.0
/*
 * The host machine under the kernel's one boot sequence: the boot loader's placement, the
 * image model, head.S's hand-over, and the hooks of asm/setup.h (no fixmap, no TTBR, no
 * UART), so that start_kernel runs unchanged on simulated physical memory.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/of_fdt.h>
#include <linux/serial.h>
#include <linux/reboot.h>
#include <linux/start_kernel.h>
#include <linux/debug_invariants.h>
#include <linux/version.h>
#include <libfdt.h>
#include <asm/memory.h>
#include <asm/sections.h>
#include <asm/fixmap.h>
#include <asm/setup.h>
#include <asm/image.h>
#include "harness.h"
#include "host_boot.h"

#define HOST_RAM_BASE	0x40000000ULL	/* QEMU virt's, for a blob with no memory node */
#define HOST_RAM_SIZE	SZ_1G
#define HOST_MIDR	0x411fd070ULL	/* Cortex-A57, QEMU's -cpu in every test */

u64 host_kernel_at, host_kernel_size, host_dtb_at;
struct host_own_image host_own;

static const struct host_boot_params *boot_params;
static bool booting, stopped;

/*
 * The image's own sections inside the footprint, from _stext: none (every bound at _stext),
 * or a small synthetic kernel: 64 KiB text, 32 KiB rodata, 16 KiB init, 16 KiB data+bss,
 * a guard page, a 64 KiB stack.
 */
static void place_own_image(bool synthetic)
{
	char *s = phys_to_virt(kernel_image.stext);
	struct host_own_image *o = &host_own;

	if (!synthetic) {
		o->stext = o->etext = o->start_rodata = o->end_rodata = o->init_begin = s;
		o->init_end = o->sdata = o->edata = o->bss_start = o->bss_stop = s;
		o->stack_guard = o->stack = o->end = s;
		boot_image_size = 0;
		return;
	}
	o->stext = s;
	o->etext = o->start_rodata = s + SZ_64K;
	o->end_rodata = o->init_begin = s + SZ_64K + SZ_32K;
	o->init_end = o->sdata = s + SZ_128K - SZ_16K;
	o->edata = o->bss_start = s + SZ_128K - SZ_8K;
	o->bss_stop = o->stack_guard = s + SZ_128K;
	o->stack = s + SZ_128K + PAGE_SIZE;
	o->end = o->stack + SZ_64K;
	boot_image_size = o->end - _text;
}

/* ---- where QEMU's loader puts the Image and the DTB ---- */

static u32 cells_of(const void *fdt, int node, const char *name, u32 dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	return p && len >= 4 ? fdt32_to_cpu(*p) : dflt;
}

struct range {
	u64 base, size;
};

static int cmp_range(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

/* The available memory nodes' ranges, by address (at most @max). */
static int memory_ranges(const void *fdt, size_t len, struct range *r, int max)
{
	int n = 0, node, plen, i, j;
	u32 ac, sc;

	if (len < 64 || fdt_check_header(fdt) || fdt_totalsize(fdt) > len)
		return 0;
	ac = cells_of(fdt, 0, "#address-cells", 2);
	sc = cells_of(fdt, 0, "#size-cells", 1);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return 0;
	fdt_for_each_subnode(node, fdt, 0) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const char *status = fdt_getprop(fdt, node, "status", NULL);
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &plen);

		if (!type || strcmp(type, "memory") || !reg)
			continue;
		if (status && strcmp(status, "okay") && strcmp(status, "ok"))
			continue;
		for (i = 0; i + (int)(ac + sc) * 4 <= plen && n < max; i += (ac + sc) * 4) {
			const fdt32_t *c = reg + i / 4;
			u64 b = 0, s = 0;

			for (j = 0; j < (int)ac; j++)
				b = b << 32 | fdt32_to_cpu(c[j]);
			for (j = 0; j < (int)sc; j++)
				s = s << 32 | fdt32_to_cpu(c[ac + j]);
			if (s) {
				r[n].base = b;
				r[n++].size = s;
			}
		}
	}
	qsort(r, n, sizeof(*r), cmp_range);
	return n;
}

void host_default_placement(const void *fdt, size_t len, u64 ksize, u64 *kernel_at, u64 *dtb_at)
{
	struct range r[65];
	u32 dtb_size = len >= 8 ? fdt_totalsize(fdt) : 0;
	int n = memory_ranges(fdt, len, r, 64), i;

	r[n].base = HOST_RAM_BASE;
	r[n++].size = HOST_RAM_SIZE;
	*kernel_at = HOST_RAM_BASE + SZ_2M;
	*dtb_at = HOST_RAM_BASE + SZ_128M;
	for (i = 0; i < n; i++) {
		u64 b = ALIGN(r[i].base, SZ_2M), hi = r[i].base + r[i].size;
		u64 k = b + SZ_2M, kend = k + ksize, d;

		if (kend > hi)
			continue;
		d = ALIGN_DOWN(b + min_t(u64, (hi - b) / 2, SZ_128M), SZ_2M);
		if (d < kend)
			d = ALIGN(kend, SZ_2M);
		if (i < n - 1 && d + dtb_size > hi)
			continue;
		*kernel_at = k;
		*dtb_at = d;
		return;
	}
}

/* ---- the hooks of asm/setup.h, for a machine that is only memory ---- */

u64 read_cpuid_id(void)
{
	return HOST_MIDR;
}

u64 read_cpuid_mpidr(void)
{
	return 0x80000000ULL;
}

/*
 * The blob is read where the boot loader's copy is, exactly its length (so ASan catches a
 * read past it); the kernel's fixmap checks come with it: alignment, magic, MAX_FDT_SIZE.
 */
void *early_fdt_map(phys_addr_t dt_phys, size_t *mapped)
{
	const void *fdt = boot_params->fdt;

	*mapped = 0;
	if (!dt_phys || dt_phys % 8 || dt_phys != host_dtb_at)
		return NULL;
	if (boot_params->fdt_len < sizeof(struct fdt_header) || fdt_magic(fdt) != FDT_MAGIC)
		return NULL;
	if (fdt_totalsize(fdt) > MAX_FDT_SIZE) {
		*mapped = fdt_totalsize(fdt);
		return NULL;
	}
	*mapped = boot_params->fdt_len;
	return (void *)fdt;
}

/* A UART's registers: plain memory that reads as "transmitter ready". */
void __iomem *earlycon_map(int n, phys_addr_t phys)
{
	static u32 regs[2][1024];

	memset(regs[n & 1], 0, sizeof(regs[0]));
	return regs[n & 1];
}

void arm64_set_psci_conduit(const char *method)
{
}

void arm64_set_bcm2835_pm(phys_addr_t base)
{
}

void boot_init_stack_canary(void)
{
}

void cpu_replace_ttbr1(pgd_t *pgdp)
{
}

void cpu_uninstall_idmap(void)
{
}

void machine_power_off(void)
{
	host_boot_stop();
}

/* After the memory bring-up: the late reports the command line asks for, then back. */
void arch_call_rest_init(void)
{
	late_boot_actions();
}

/* ---- booting ---- */

void host_boot_stop(void)
{
	if (!booting) {
		fprintf(stderr, "host_boot_stop() outside host_boot()\n");
		abort();
	}
	/* Out through run_expect_panic's landing, without panic()'s report. */
	stopped = true;
	arch_panic_halt("host_boot_stop");
}

static void phase_hook(const char *name)
{
	if (boot_params->phase)
		boot_params->phase(name);
}

/* head.S's part: the early tables with the fixmap linked in, then start_kernel. */
static void host_entry(void *arg)
{
	static pgd_t early_pgd[PTRS_PER_PGD] __aligned(PAGE_SIZE);
	phys_addr_t t = PAGE_ALIGN(__pa(_end));

	memset(early_pgd, 0, sizeof(early_pgd));
	/* bm_pud/bm_pmd/bm_pte live in the kernel's bss: here, right after the own image. */
	__early_fixmap_init(early_pgd, phys_to_virt(t), t, phys_to_virt(t + PAGE_SIZE),
			    t + PAGE_SIZE, phys_to_virt(t + 2 * PAGE_SIZE), t + 2 * PAGE_SIZE);
	__fdt_pointer = host_dtb_at;
	boot_entry_el = 1;
	boot_image_pa = host_kernel_at;
	start_kernel();
}

/* /chosen/bootargs of the blob, "" if it has none (or is no valid blob). */
static const char *host_bootargs(const void *fdt, size_t len)
{
	const char *args;
	int node, plen;

	if (len < sizeof(struct fdt_header) || fdt_check_header(fdt) || fdt_totalsize(fdt) > len)
		return "";
	node = fdt_path_offset(fdt, "/chosen");
	args = node >= 0 ? fdt_getprop(fdt, node, "bootargs", &plen) : NULL;
	if (!args || plen <= 0 || strnlen(args, plen) == (size_t)plen)
		return "";
	return args;
}

int host_boot(const struct host_boot_params *p)
{
	size_t copy = min_t(size_t, p->fdt_len, MAX_FDT_SIZE);
	int ret;

	/* The boot loader sees the Image of the Linux that /chosen/bootargs' linux= names. */
	host_reset_boot_state();
	linux_version_code = linux_version_from_cmdline(host_bootargs(p->fdt, p->fdt_len));
	host_kernel_size = p->kernel_size != HOST_BOOT_DEFAULT ? p->kernel_size :
				linux_image_size(linux_version_code);
	host_default_placement(p->fdt, p->fdt_len, host_kernel_size, &host_kernel_at, &host_dtb_at);
	if (p->kernel_at != HOST_BOOT_DEFAULT)
		host_kernel_at = p->kernel_at;
	if (p->dtb_at != HOST_BOOT_DEFAULT)
		host_dtb_at = p->dtb_at;
	if (host_kernel_at % PAGE_SIZE || !host_kernel_size || host_kernel_size > SZ_1G ||
	    host_kernel_at + host_kernel_size >= SIM_PHYS_LIMIT ||
	    host_dtb_at + MAX_FDT_SIZE >= SIM_PHYS_LIMIT)
		return HOST_BOOT_BADPARAM;

	boot_params = p;
	boot_phase_hook = phase_hook;
	/* The Image's footprint, as a boot loader sees it; kernel_size= may still change it. */
	kernel_image_size = p->kernel_size != HOST_BOOT_DEFAULT ? p->kernel_size : 0;
	kernel_image_setup(host_kernel_at);
	place_own_image(p->own_image);
	/* The boot loader's copy in memory, for whatever reads it by physical address. */
	memcpy(phys_to_virt(host_dtb_at), p->fdt, copy);

	booting = true;
	stopped = false;
	ret = run_expect_panic(host_entry, NULL) ? HOST_BOOT_PANIC : HOST_BOOT_OK;
	booting = false;
	return stopped ? HOST_BOOT_STOPPED : ret;
}

/* ---- device trees for tests that describe a layout instead of a board ---- */

#define DT_CHECK(x)	do { if ((x) < 0) goto fail; } while (0)

static int dt_reg(void *fdt, int node, u64 base, u64 size)
{
	fdt32_t reg[4] = {
		cpu_to_fdt32(base >> 32), cpu_to_fdt32(base),
		cpu_to_fdt32(size >> 32), cpu_to_fdt32(size),
	};

	return fdt_setprop(fdt, node, "reg", reg, sizeof(reg));
}

/*
 * A QEMU-virt-like tree (2 address and 2 size cells) with one memory node per region, what
 * a DT says for each flag (numa-node-id, hotpluggable, a no-map /reserved-memory child),
 * a bus whose dma-ranges reach up to @dma_max (0: none), a distance map when @numa, and
 * @bootargs. Returns a malloc'd blob.
 */
void *host_dt_build(const struct host_dt_region *r, int n, bool numa, u64 dma_max,
		    const char *bootargs, size_t *len)
{
	size_t size = 16384 + n * 256;
	void *fdt = malloc(size);
	int root, node, rmem = -1, i;
	char name[64];

	if (!fdt || fdt_create_empty_tree(fdt, size) < 0)
		goto fail;
	root = 0;
	DT_CHECK(fdt_setprop_u32(fdt, root, "#address-cells", 2));
	DT_CHECK(fdt_setprop_u32(fdt, root, "#size-cells", 2));
	DT_CHECK(fdt_setprop_string(fdt, root, "compatible", "linux,dummy-virt"));
	DT_CHECK(node = fdt_add_subnode(fdt, root, "chosen"));
	DT_CHECK(fdt_setprop_string(fdt, node, "bootargs", bootargs ? bootargs : ""));
	for (i = n - 1; i >= 0; i--) {
		if (r[i].flags & MEMBLOCK_NOMAP) {
			if (rmem < 0) {
				DT_CHECK(rmem = fdt_add_subnode(fdt, root, "reserved-memory"));
				DT_CHECK(fdt_setprop_u32(fdt, rmem, "#address-cells", 2));
				DT_CHECK(fdt_setprop_u32(fdt, rmem, "#size-cells", 2));
				DT_CHECK(fdt_setprop(fdt, rmem, "ranges", NULL, 0));
			}
			snprintf(name, sizeof(name), "nomap@%llx", r[i].base);
			DT_CHECK(node = fdt_add_subnode(fdt, rmem, name));
			DT_CHECK(dt_reg(fdt, node, r[i].base, r[i].size));
			DT_CHECK(fdt_setprop(fdt, node, "no-map", NULL, 0));
		}
		snprintf(name, sizeof(name), "memory@%llx", r[i].base);
		DT_CHECK(node = fdt_add_subnode(fdt, root, name));
		DT_CHECK(fdt_setprop_string(fdt, node, "device_type", "memory"));
		DT_CHECK(dt_reg(fdt, node, r[i].base, r[i].size));
		if (numa)
			DT_CHECK(fdt_setprop_u32(fdt, node, "numa-node-id", r[i].nid));
		if (r[i].flags & MEMBLOCK_HOTPLUG)
			DT_CHECK(fdt_setprop(fdt, node, "hotpluggable", NULL, 0));
	}
	if (dma_max) {
		/* A bus whose devices see CPU addresses 0..dma_max one to one. */
		fdt32_t dr[6] = { 0, 0, 0, 0, cpu_to_fdt32((dma_max + 1) >> 32),
				  cpu_to_fdt32(dma_max + 1) };

		DT_CHECK(node = fdt_add_subnode(fdt, root, "soc"));
		DT_CHECK(fdt_setprop_string(fdt, node, "compatible", "simple-bus"));
		DT_CHECK(fdt_setprop_u32(fdt, node, "#address-cells", 2));
		DT_CHECK(fdt_setprop_u32(fdt, node, "#size-cells", 2));
		DT_CHECK(fdt_setprop(fdt, node, "ranges", NULL, 0));
		DT_CHECK(fdt_setprop(fdt, node, "dma-ranges", dr, sizeof(dr)));
	}
	if (numa) {
		fdt32_t m[4 * 3];
		int k = 0, a, b;

		/* Nodes 0 and 1 (every layout here has at most two): local 10, remote 20. */
		for (a = 0; a < 2; a++)
			for (b = 0; b < 2; b++) {
				m[k++] = cpu_to_fdt32(a);
				m[k++] = cpu_to_fdt32(b);
				m[k++] = cpu_to_fdt32(a == b ? 10 : 20);
			}
		DT_CHECK(node = fdt_add_subnode(fdt, root, "distance-map"));
		DT_CHECK(fdt_setprop_string(fdt, node, "compatible", "numa-distance-map-v1"));
		DT_CHECK(fdt_setprop(fdt, node, "distance-matrix", m, sizeof(m)));
	}
	DT_CHECK(fdt_pack(fdt));
	*len = fdt_totalsize(fdt);
	return fdt;
fail:
	free(fdt);
	return NULL;
}
