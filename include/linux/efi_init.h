/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's side of UEFI at boot (Linux 6.1 declares it in include/linux/efi.h; here it is
 * apart from the ABI header the EFI stub shares): struct efi, the memory map, efi_init().
 */
#ifndef _BOOTMEM_LINUX_EFI_INIT_H
#define _BOOTMEM_LINUX_EFI_INIT_H

#include <linux/types.h>
#include <linux/efi.h>

/* Bits of efi.flags (Linux's numbers). */
#define EFI_BOOT		0	/* booted through UEFI: the memory map is the truth */
#define EFI_CONFIG_TABLES	2
#define EFI_RUNTIME_SERVICES	3
#define EFI_MEMMAP		4	/* efi.memmap is mapped */
#define EFI_64BIT		5
#define EFI_PARAVIRT		6
#define EFI_ARCH_1		7
#define EFI_DBG			8	/* efi=debug */
#define EFI_NX_PE_DATA		9
#define EFI_MEM_ATTR		10	/* a Memory Attributes table was found */
#define EFI_MEM_NO_SOFT_RESERVE	11	/* efi=nosoftreserve */
#define EFI_PRESERVE_BS_REGIONS	12
#define EFI_SECURE_BOOT		13

#define EFI_INVALID_TABLE_ADDR	(~0UL)

/* What the stub put in /chosen (efi_get_fdt_params). */
struct efi_memory_map_data {
	phys_addr_t phys_map;
	unsigned long size;
	unsigned long desc_version;
	unsigned long desc_size;
	unsigned long flags;
};

/* The mapped memory map: descriptors of desc_size bytes from map to map_end. */
struct efi_memory_map {
	phys_addr_t phys_map;
	void *map;
	void *map_end;
	int nr_map;
	unsigned long desc_version;
	unsigned long desc_size;
	unsigned long flags;
};

extern struct efi {
	unsigned long runtime;			/* physical address of the runtime services */
	unsigned int runtime_version;
	unsigned int runtime_supported_mask;
	unsigned long acpi, acpi20, smbios, smbios3, esrt, tpm_log, tpm_final_log, mokvar_table;
	struct efi_memory_map memmap;
	unsigned long flags;
} efi;

static inline bool efi_enabled(int feature)
{
	return (efi.flags >> feature) & 1;
}

#define for_each_efi_memory_desc_in_map(m, md)					\
	for ((md) = (m)->map;							\
	     (md) && ((void *)(md) + (m)->desc_size) <= (m)->map_end;		\
	     (md) = (void *)(md) + (m)->desc_size)

#define for_each_efi_memory_desc(md)	for_each_efi_memory_desc_in_map(&efi.memmap, md)

/* The Memory Attributes table header (its descriptors follow). */
typedef struct {
	u32 version;
	u32 num_entries;
	u32 desc_size;
	u32 reserved;
	efi_memory_desc_t entry[];
} efi_memory_attributes_table_t;

typedef struct {
	u16 version;
	u16 length;
	u32 runtime_services_supported;
} efi_rt_properties_table_t;

struct linux_efi_random_seed {
	u32 size;
	u8 bits[];
};

/* Configuration tables Linux 6.1 knows besides those in linux/efi.h (Debian's configuration). */
#define LINUX_EFI_MOK_VARIABLE_TABLE_GUID \
	EFI_GUID(0xc451ed2b, 0x9694, 0x45d3, 0xba, 0xba, 0xed, 0x9f, 0x89, 0x88, 0xa3, 0x89)
#define LINUX_EFI_TPM_FINAL_LOG_GUID \
	EFI_GUID(0x1e2ed096, 0x30e2, 0x4254, 0xbd, 0x89, 0x86, 0x3b, 0xbe, 0xf8, 0x23, 0x25)
#define EFI_SYSTEM_RESOURCE_TABLE_GUID \
	EFI_GUID(0xb122a263, 0x3661, 0x4f68, 0x99, 0x29, 0x78, 0xf8, 0xb0, 0xd6, 0x21, 0x80)

/* One of Linux's common_tables[]: its GUID, where its address goes, its name in the log. */
typedef struct {
	efi_guid_t guid;
	unsigned long *ptr;
	const char name[16];
} efi_config_table_type_t;

/* Linux's common_tables[] in its order (for tools that read "efi: NAME=0x..." lines back). */
const efi_config_table_type_t *efi_common_tables(unsigned int *n);

enum efi_secureboot_mode {
	efi_secureboot_mode_unset,
	efi_secureboot_mode_unknown,
	efi_secureboot_mode_disabled,
	efi_secureboot_mode_enabled,
};

/*
 * setup_arch's step between parse_early_param and arm64_memblock_init: with the /chosen
 * properties of an EFI stub, memory comes from the UEFI memory map (reserve_regions), not
 * from the DT's memory nodes. Without them it prints "efi: UEFI not found." (efi=debug) and
 * changes nothing.
 */
void efi_init(void);

/* drivers/firmware/efi/fdtparams.c: the system table's address, or 0 (no or partial UEFI). */
u64 efi_get_fdt_params(struct efi_memory_map_data *mm, u32 *secure_boot);

int efi_memmap_init_early(struct efi_memory_map_data *data);
void efi_memmap_unmap(void);
u64 efi_mem_desc_end(const efi_memory_desc_t *md);
/* Linux's "[Conventional|   |  |...|WB|  |  |  ]": the type and attributes of @md in @buf. */
char *efi_md_typeattr_format(char *buf, size_t size, const efi_memory_desc_t *md);

int efi_systab_check_header(const efi_table_hdr_t *systab_hdr, int min_major_version);
void efi_systab_report_header(const efi_table_hdr_t *systab_hdr, unsigned long fw_vendor);
int efi_config_parse_tables(const efi_config_table_t *config_tables, int count);
int efi_memattr_init(void);
/*
 * The Memory Attributes table's entries are not known: bootmem-layout --efi-memmap rebuilt the
 * hand-over from a log that reserves the table but does not list it. Only bootmem-layout sets
 * it, before its one boot (so no reset clears it).
 */
extern bool efi_memattr_unknown;
/* Linux's arm_enable_runtime_services() as far as it prints (boot/efi.c). */
void arm_enable_runtime_services(void);
void efi_set_secure_boot(enum efi_secureboot_mode mode);
void efi_find_mirror(void);

/*
 * bootmem's checks where Linux trusts the firmware: true if [phys, phys + size) is @align-
 * aligned and lies inside the descriptors of the EFI memory map (memory the firmware
 * described); otherwise prints "bootmem: efi: @what at ... lies outside the EFI memory map"
 * (or "is not N-byte aligned") and returns false, and the caller fails as if Linux's
 * early_memremap had.
 */
bool efi_table_readable(phys_addr_t phys, u64 size, unsigned int align, const char *what);

/* The first runtime-services region that is memory, for test_fault=efi-runtime; false if none. */
bool efi_first_runtime_region(phys_addr_t *base, u64 *size);

/*
 * After efi_init (for debug_invariants and the fuzzer): every memory descriptor that is not
 * usable RAM is NOMAP wherever it is still memory, ACPI reclaim is reserved, one
 * early_memremap slot (the map) is in use. Number of violations found (printed).
 */
int efi_check_invariants(void);


#endif
