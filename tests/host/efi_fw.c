// SPDX-License-Identifier: GPL-2.0
/*
 * A UEFI firmware's hand-over built in simulated physical memory (see efi_fw.h): what
 * EDK2 or U-Boot plus Linux's EFI stub leave behind for the kernel's efi_init().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <linux/kernel.h>
#include <asm/memory.h>
#include "efi_fw.h"

static void fw_fail(const char *what)
{
	fprintf(stderr, "efi_fw: %s\n", what);
	abort();
}

void efi_fw_init(struct efi_fw *fw, phys_addr_t scratch, phys_addr_t scratch_end, u32 desc_size)
{
	memset(fw, 0, sizeof(*fw));
	fw->scratch = scratch;
	fw->scratch_end = scratch_end;
	fw->desc_size = desc_size;
	fw->desc_ver = 1;
	fw->vendor = "EDK II";
	fw->revision = 0x00020046;
	fw->secure_boot = 2;
}

void efi_fw_add_desc(struct efi_fw *fw, u32 type, u64 phys, u64 pages, u64 attr)
{
	efi_memory_desc_t *md;

	if (fw->nr_desc >= EFI_FW_MAX_DESC)
		fw_fail("too many descriptors");
	md = &fw->desc[fw->nr_desc++];
	memset(md, 0, sizeof(*md));
	md->type = type;
	md->phys_addr = phys;
	md->num_pages = pages;
	md->attribute = attr;
}

void efi_fw_add_table(struct efi_fw *fw, efi_guid_t guid, u64 table)
{
	if (fw->nr_tables >= EFI_FW_MAX_TABLES)
		fw_fail("too many configuration tables");
	fw->tables[fw->nr_tables].guid = guid;
	fw->tables[fw->nr_tables++].table = table;
}

phys_addr_t efi_fw_alloc(struct efi_fw *fw, u64 size)
{
	phys_addr_t p = ALIGN(fw->scratch, 8);

	if (p + size > fw->scratch_end || p + size < p)
		fw_fail("scratch area full");
	fw->scratch = p + size;
	memset(phys_to_virt(p), 0, size);
	return p;
}

/* @size bytes at @at, zeroed, or from the scratch area when @at is 0. */
static phys_addr_t place(struct efi_fw *fw, phys_addr_t at, u64 size)
{
	if (!at)
		return efi_fw_alloc(fw, size);
	if (at >= SIM_PHYS_LIMIT || size > SIM_PHYS_LIMIT - at)
		fw_fail("a table outside the simulated memory");
	memset(phys_to_virt(at), 0, size);
	return at;
}

phys_addr_t efi_fw_add_memreserve_at(struct efi_fw *fw, phys_addr_t at, const u64 (*ranges)[2],
				     int n)
{
	size_t len = offsetof(struct linux_efi_memreserve, entry) + n * 16;
	phys_addr_t p = place(fw, at, len);
	struct linux_efi_memreserve *rsv = phys_to_virt(p);
	int i;

	rsv->size = n;
	rsv->count = n;
	for (i = 0; i < n; i++) {
		rsv->entry[i].base = ranges[i][0];
		rsv->entry[i].size = ranges[i][1];
	}
	efi_fw_add_table(fw, LINUX_EFI_MEMRESERVE_TABLE_GUID, p);
	return p;
}

phys_addr_t efi_fw_add_memattr_at(struct efi_fw *fw, phys_addr_t at, int n)
{
	phys_addr_t p = place(fw, at, 16 + (u64)n * fw->desc_size);
	u32 *hdr = phys_to_virt(p);

	hdr[0] = 1;		/* version */
	hdr[1] = n;		/* num_entries */
	hdr[2] = fw->desc_size;
	efi_fw_add_table(fw, EFI_MEMORY_ATTRIBUTES_TABLE_GUID, p);
	return p;
}

int efi_fw_set_chosen(void *fdt, const char *name, u64 val, int len)
{
	int node = fdt_path_offset(fdt, "/chosen");
	fdt32_t v[4] = { 0 };

	if (node < 0)
		node = fdt_add_subnode(fdt, 0, "chosen");
	if (node < 0)
		return node;
	if (len == 4)
		v[0] = cpu_to_fdt32((u32)val);
	else if (len == 8) {
		v[0] = cpu_to_fdt32(val >> 32);
		v[1] = cpu_to_fdt32((u32)val);
	}
	return fdt_setprop(fdt, node, name, v, len);
}

int efi_fw_finish(struct efi_fw *fw, void *fdt, int bufsize)
{
	size_t vlen = strlen(fw->vendor) + 1, i;
	phys_addr_t vendor = efi_fw_alloc(fw, vlen * 2);
	phys_addr_t tables = efi_fw_alloc(fw, fw->nr_tables * sizeof(efi_config_table_64_t) + 1);
	phys_addr_t systab = place(fw, fw->systab_at, sizeof(efi_system_table_t));
	phys_addr_t memmap = place(fw, fw->memmap_at, (u64)fw->nr_desc * fw->desc_size + 1);
	efi_system_table_t *st = phys_to_virt(systab);
	u16 *v = phys_to_virt(vendor);
	int n, err = 0;

	for (i = 0; i < vlen; i++)
		v[i] = (unsigned char)fw->vendor[i];
	memcpy(phys_to_virt(tables), fw->tables, fw->nr_tables * sizeof(efi_config_table_64_t));
	st->hdr.signature = EFI_SYSTEM_TABLE_SIGNATURE;
	st->hdr.revision = fw->revision;
	st->hdr.headersize = sizeof(*st);
	st->fw_vendor = vendor;
	st->nr_tables = fw->nr_tables;
	st->tables = tables;
	for (n = 0; n < fw->nr_desc; n++)
		memcpy((char *)phys_to_virt(memmap) + (size_t)n * fw->desc_size, &fw->desc[n],
		       min_t(size_t, fw->desc_size, sizeof(efi_memory_desc_t)));
	fw->systab = systab;
	fw->memmap = memmap;
	fw->memmap_size = (u64)fw->nr_desc * fw->desc_size;

	if (fdt_open_into(fdt, fdt, bufsize))
		return -FDT_ERR_NOSPACE;
	/* Linux's stub: every /memreserve/ entry goes, UEFI's map has the reservations. */
	for (n = fdt_num_mem_rsv(fdt); n > 0; n--)
		fdt_del_mem_rsv(fdt, n - 1);
	err |= efi_fw_set_chosen(fdt, "linux,uefi-system-table", systab, 8);
	err |= efi_fw_set_chosen(fdt, "linux,uefi-mmap-start", memmap, 8);
	err |= efi_fw_set_chosen(fdt, "linux,uefi-mmap-size", fw->memmap_size, 4);
	err |= efi_fw_set_chosen(fdt, "linux,uefi-mmap-desc-size", fw->desc_size, 4);
	err |= efi_fw_set_chosen(fdt, "linux,uefi-mmap-desc-ver", fw->desc_ver, 4);
	err |= efi_fw_set_chosen(fdt, "linux,uefi-secure-boot", fw->secure_boot, 4);
	if (!err)
		err = fdt_pack(fdt);
	return err;
}
