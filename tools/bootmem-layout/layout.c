// SPDX-License-Identifier: GPL-2.0
/*
 * bootmem-layout's run: the kernel's own boot sequence on the host (tests/host/host_boot.c),
 * with the tool's two additions at phase ends: the memblock dump always, and a stop where
 * the simulated machine ends. Then the buddy allocator's free lists. With --efi-memmap, a
 * UEFI firmware's hand-over is built in simulated memory first (tests/host/efi_fw.c).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <asm/memory.h>
#include <linux/efi_init.h>
#include <linux/version.h>
#include <libfdt.h>
#include "harness.h"
#include "host_boot.h"
#include "layout.h"

static int run_status;

struct bml_mem *bml_dt_memory;
int bml_dt_memory_cnt;

/* The DT's memory as early_init_dt_scan_memory left it: what the board says it has. */
static void snapshot_dt_memory(void)
{
	struct memblock_region *r;
	int n = 0;

	free(bml_dt_memory);
	bml_dt_memory = calloc(memblock.memory.cnt, sizeof(*bml_dt_memory));
	if (!bml_dt_memory) {
		bml_dt_memory_cnt = 0;
		return;
	}
	for_each_mem_region(r) {
		bml_dt_memory[n].base = r->base;
		bml_dt_memory[n].end = r->base + r->size;
		bml_dt_memory[n].flags = r->flags;
		bml_dt_memory[n].nid = r->nid;
		n++;
	}
	bml_dt_memory_cnt = n;
}

/* _stext - _text in Linux 6.1's Image (tests/host/host_boot.c models the rest). */
#define LINUX_STEXT_OFFSET	0x10000ULL

/* ---- --efi-memmap: the firmware's hand-over in simulated memory ---- */

static const efi_memory_desc_t *desc_at(const struct efi_fw *fw, u64 pa)
{
	int i;

	for (i = 0; i < fw->nr_desc; i++) {
		const efi_memory_desc_t *d = &fw->desc[i];

		if (d->phys_addr <= pa && pa - d->phys_addr < d->num_pages << EFI_PAGE_SHIFT)
			return d;
	}
	return NULL;
}

/* The first descriptor of @type with at least @bytes, or NULL. */
static const efi_memory_desc_t *desc_of(const struct efi_fw *fw, u32 type, u64 bytes)
{
	int i;

	for (i = 0; i < fw->nr_desc; i++)
		if (fw->desc[i].type == type && fw->desc[i].num_pages << EFI_PAGE_SHIFT >= bytes)
			return &fw->desc[i];
	return NULL;
}

static bool is_table_reservation(const struct bml_efi *e, u64 base, u64 size)
{
	int i;

	if ((e->memattr_at && base == e->memattr_at) || (e->memreserve_at && base == e->memreserve_at))
		return true;
	for (i = 0; i < e->nr_rsv; i++)
		if (base == e->rsv[i][0] && size == e->rsv[i][1])
			return true;
	return false;
}

/*
 * Where Linux's stub put the DTB: --dtb-at, the input's "dtb", the first reservation in the
 * dump reserve_regions printed that is no EFI table, or a 2 MiB Loader Data descriptor (the
 * stub allocates MAX_FDT_SIZE).
 */
static bool efi_dtb_at(const struct bml_efi *e, u64 *dat)
{
	const efi_memory_desc_t *d;
	int i;

	if (e->dtb_at) {
		*dat = e->dtb_at;
		return true;
	}
	for (i = 0; i < e->nr_early; i++)
		if (!is_table_reservation(e, e->early[i][0], e->early[i][1])) {
			*dat = e->early[i][0];
			return true;
		}
	d = desc_of(&e->fw, EFI_LOADER_DATA, SZ_2M);
	if (d && d->num_pages << EFI_PAGE_SHIFT == SZ_2M) {
		*dat = d->phys_addr;
		return true;
	}
	return false;
}

/*
 * The image: --kernel-at, Linux's own reservation of it (from _stext in 6.1, from _text in
 * 6.12: arm64_memblock_init), or a Loader Code range its size.
 */
static bool efi_kernel_at(const struct bml_efi *e, u64 ksize, unsigned int version, u64 *kat)
{
	const efi_memory_desc_t *d;
	int i;

	if (e->kernel_stext && version >= KERNEL_VERSION(6, 12, 0)) {
		*kat = e->kernel_stext;
		return true;
	}
	if (e->kernel_stext) {
		*kat = e->kernel_stext - (u64)((unsigned __int128)LINUX_STEXT_OFFSET * ksize /
					       LINUX_IMAGE_SIZE);
		return true;
	}
	for (i = 0; i < e->fw.nr_desc; i++) {
		d = &e->fw.desc[i];
		if (d->type == EFI_LOADER_CODE && d->num_pages << EFI_PAGE_SHIFT == ALIGN(ksize, SZ_64K)) {
			*kat = d->phys_addr;
			return true;
		}
	}
	return false;
}

/*
 * The Memory Attributes table's @n entries at @at: those the log showed ("efi: memattr:"
 * lines: Linux 6.12 prints them before "Memory:", 6.1 after it). When it showed none, or not
 * as many, their contents are unknown and the kernel is told so rather than shown zeros.
 */
static void fill_memattr(const struct bml_efi *e, phys_addr_t at, u64 n)
{
	u64 i;

	efi_memattr_unknown = n && (u64)e->nr_memattr != n;
	if (efi_memattr_unknown)
		return;
	for (i = 0; i < n; i++)
		memcpy(phys_to_virt(at + 16 + i * e->fw.desc_size), &e->memattr[i],
		       sizeof(e->memattr[i]));
}

/* Builds the system table, memory map and tables; gives the DT the stub's /chosen. */
static bool efi_handover(struct bml_efi *e, void *fdt, int bufsize)
{
	struct efi_fw *fw = &e->fw;
	const efi_memory_desc_t *d;
	u64 n;
	int i;

	fw->vendor = e->vendor;
	/* The vendor string and the table array go after the system table, in its descriptor. */
	if (!fw->systab_at) {
		d = desc_of(fw, EFI_RUNTIME_SERVICES_DATA, SZ_64K);
		if (!d)
			d = desc_of(fw, EFI_BOOT_SERVICES_DATA, SZ_64K);
		if (!d) {
			fprintf(stderr, "bootmem-layout: --efi-memmap: no system table address and no Runtime or Boot Data range of 64 KiB to put one in\n");
			return false;
		}
		fw->systab_at = d->phys_addr;
	}
	d = desc_at(fw, fw->systab_at);
	fw->scratch = ALIGN(fw->systab_at + sizeof(efi_system_table_t), 64);
	fw->scratch_end = d ? d->phys_addr + (d->num_pages << EFI_PAGE_SHIFT) : fw->scratch + SZ_64K;
	if (e->memattr_at) {
		n = e->memattr_size > 16 ? (e->memattr_size - 16) / fw->desc_size : 0;
		fill_memattr(e, efi_fw_add_memattr_at(fw, e->memattr_at, n), n);
	}
	if (!e->memreserve_at) {
		/* Linux's stub always installs one (install_memreserve_table): an empty head. */
		efi_fw_add_memreserve(fw, NULL, 0);
	} else {
		const u64 (*r)[2] = (const u64 (*)[2])e->rsv;
		int size = e->memreserve_head > 16 ? (e->memreserve_head - 16) / 16 : 0;
		phys_addr_t p = efi_fw_add_memreserve_at(fw, e->memreserve_at, r, e->nr_rsv);
		struct linux_efi_memreserve *rsv = phys_to_virt(p);

		rsv->size = max(size, e->nr_rsv);
	}
	/* Linux's stub (efi_novamap, arm64): runtime regions keep virt = phys (fdt.c). */
	for (i = 0; i < fw->nr_desc; i++)
		if (fw->desc[i].attribute & EFI_MEMORY_RUNTIME)
			fw->desc[i].virt_addr = fw->desc[i].phys_addr;
	if (efi_fw_finish(fw, fdt, bufsize)) {
		fprintf(stderr, "bootmem-layout: --efi-memmap: cannot add the /chosen UEFI properties to the device tree\n");
		return false;
	}
	return true;
}


/*
 * After the DT scan: its memory, for the map. After arm64_memblock_init: memory beyond the
 * simulated 4 TiB cannot be booted on the host. At the end of bootmem_init (where Linux's
 * memblock=debug dump stands): the dump, always.
 */
static void layout_phase(const char *name)
{
	if (!strcmp(name, "fdt"))
		snapshot_dt_memory();
	if (!strcmp(name, "memblock") && memblock_end_of_DRAM() > SIM_PHYS_LIMIT) {
		fprintf(stderr, "bootmem-layout: memory up to %#llx: only the first 4 TiB can be simulated (try mem=)\n",
			memblock_end_of_DRAM());
		run_status = BML_EXIT_BADINPUT;
		host_boot_stop();
	}
	if (!strcmp(name, "memmap") && !memblock_debug)
		__memblock_dump_all();
}

/*
 * --efi-memmap: where Linux's stub put the image and the DTB (unless given), the firmware's
 * tables in simulated memory, and the DT as the stub leaves it. False (said) if impossible.
 */
static bool efi_prepare(const struct bml_opts *o, struct host_boot_params *p, void **amended)
{
	unsigned int version = linux_version_from_cmdline(o->append);
	u64 ksize = o->kernel_size != HOST_BOOT_DEFAULT ? o->kernel_size : linux_image_size(version);
	bool k = o->kernel_at != HOST_BOOT_DEFAULT ||
		 efi_kernel_at(o->efi, ksize, version, &p->kernel_at);
	bool d = o->dtb_at != HOST_BOOT_DEFAULT || efi_dtb_at(o->efi, &p->dtb_at);
	size_t room = o->blob_len + SZ_64K;
	void *fdt;

	if (!k || !d) {
		fprintf(stderr, "bootmem-layout: --efi-memmap: where the stub put the %s is not in the input (boot Linux with memblock=debug, or give --%s)\n",
			!d ? "DTB" : "kernel", !d ? "dtb-at" : "kernel-at");
		return false;
	}
	if (o->blob_len < 8 || fdt_check_header(o->blob)) {
		fprintf(stderr, "bootmem-layout: --efi-memmap: %s is no device tree the stub could amend\n",
			o->name);
		return false;
	}
	fdt = malloc(room);
	if (!fdt)
		return false;
	memcpy(fdt, o->blob, o->blob_len);
	if (!efi_handover(o->efi, fdt, room)) {
		free(fdt);
		return false;
	}
	p->fdt = fdt;
	p->fdt_len = fdt_totalsize(fdt);
	*amended = fdt;
	return true;
}

int bml_run(const struct bml_opts *o)
{
	struct host_boot_params p = {
		.fdt = o->blob, .fdt_len = o->blob_len,
		.kernel_at = o->kernel_at, .kernel_size = o->kernel_size, .dtb_at = o->dtb_at,
		.phase = layout_phase,
	};
	/*
	 * The amended DT stays allocated until the next run: the map of owners
	 * (map.c) reads initial_boot_params after the boot.
	 */
	static void *amended;
	int st;

	free(amended);
	amended = NULL;
	run_status = BML_EXIT_OK;
	bml_dt_memory_cnt = 0;
	if (o->efi && !efi_prepare(o, &p, &amended))
		return BML_EXIT_BADINPUT;
	st = host_boot(&p);
	switch (st) {
	case HOST_BOOT_OK:
		show_buddyinfo();
		break;
	case HOST_BOOT_BADPARAM:
		fprintf(stderr, "bootmem-layout: image [%#llx +%#llx] or DTB at %#llx outside the simulated 4 TiB (or misaligned)\n",
			host_kernel_at, host_kernel_size, host_dtb_at);
		run_status = BML_EXIT_BADINPUT;
		break;
	case HOST_BOOT_PANIC:
		run_status = BML_EXIT_BADINPUT;
		if (!memblock.memory.total_size && !o->nram)
			bml_hint_empty_memory(o->name, o->blob, o->blob_len);
		break;
	}
	return run_status;
}
