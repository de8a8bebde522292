/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A UEFI firmware's hand-over to the kernel, built in simulated physical memory: the memory
 * map, the system table with its vendor string and configuration tables, MEMRESERVE and
 * Memory Attributes tables, and the EFI stub's /chosen properties in a DTB. Used by the host
 * tests, the fuzzer's seeds and bootmem-layout --efi-memmap.
 */
#ifndef _HOST_EFI_FW_H
#define _HOST_EFI_FW_H

#include <linux/types.h>
#include <linux/efi.h>

#define EFI_FW_MAX_DESC		4096
#define EFI_FW_MAX_TABLES	16

struct efi_fw {
	phys_addr_t scratch, scratch_end;	/* where the tables are written (bump allocated) */
	u32 desc_size, desc_ver;
	int nr_desc, nr_tables;
	efi_memory_desc_t desc[EFI_FW_MAX_DESC];
	efi_config_table_64_t tables[EFI_FW_MAX_TABLES];
	const char *vendor;
	u32 revision;				/* e.g. 0x00020046 for 2.70 */
	u32 secure_boot;			/* linux,uefi-secure-boot (2: disabled) */
	phys_addr_t systab_at, memmap_at;	/* where to put them (0: in the scratch area) */
	phys_addr_t systab, memmap;		/* results of efi_fw_finish() */
	u64 memmap_size;
};

/*
 * Start a firmware whose tables go to [scratch, scratch_end) (that range should be covered
 * by a descriptor, as a firmware's own allocations are). desc_size 48 is EDK2's, 40 U-Boot's.
 */
void efi_fw_init(struct efi_fw *fw, phys_addr_t scratch, phys_addr_t scratch_end, u32 desc_size);
void efi_fw_add_desc(struct efi_fw *fw, u32 type, u64 phys, u64 pages, u64 attr);
void efi_fw_add_table(struct efi_fw *fw, efi_guid_t guid, u64 table);
/* @size bytes (8-aligned) of the scratch area, zeroed; panics the test if it is full. */
phys_addr_t efi_fw_alloc(struct efi_fw *fw, u64 size);
/*
 * A LINUX_EFI_MEMRESERVE head with @n ranges {base, size} (count = size = n) and its table,
 * at @at (0: in the scratch area).
 */
phys_addr_t efi_fw_add_memreserve_at(struct efi_fw *fw, phys_addr_t at, const u64 (*ranges)[2],
				     int n);
#define efi_fw_add_memreserve(fw, ranges, n)	efi_fw_add_memreserve_at(fw, 0, ranges, n)
/* A Memory Attributes table of @n entries and its configuration table entry, at @at (or 0). */
phys_addr_t efi_fw_add_memattr_at(struct efi_fw *fw, phys_addr_t at, int n);
#define efi_fw_add_memattr(fw, n)		efi_fw_add_memattr_at(fw, 0, n)

/*
 * Write the memory map and the system table into simulated memory and give the DTB in @fdt
 * (a buffer of @bufsize bytes) the stub's /chosen properties; the DTB's /memreserve/ entries
 * are deleted, as Linux's stub does. 0, or a libfdt error.
 */
int efi_fw_finish(struct efi_fw *fw, void *fdt, int bufsize);
/* Set /chosen/@name to a @len-byte value (4 or 8 bytes big-endian; other lengths: zeros). */
int efi_fw_set_chosen(void *fdt, const char *name, u64 val, int len);

#endif
