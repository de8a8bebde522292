/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The UEFI ABI as Linux 6.1 names it (include/linux/efi.h): status codes, GUIDs, memory
 * descriptors, types and attributes, the system and configuration tables, MEMRESERVE.
 * Shared by the EFI stub (boot/efi-stub) and the kernel's EFI memory path; boot services and
 * protocols are the stub's business and live in boot/efi-stub/efistub.h, as in Linux.
 */
#ifndef _BOOTMEM_LINUX_EFI_H
#define _BOOTMEM_LINUX_EFI_H

#include <linux/types.h>

typedef unsigned long efi_status_t;
typedef u8 efi_bool_t;
typedef u16 efi_char16_t;		/* UCS-2 */
typedef u64 efi_physical_addr_t;
typedef void *efi_handle_t;

/* A GUID as it sits in memory: the first three fields little-endian. */
typedef struct {
	u8 b[16];
} __attribute__((aligned(4))) efi_guid_t;

#define EFI_GUID(a, b, c, d...)	((efi_guid_t){ {				\
	(a) & 0xff, ((a) >> 8) & 0xff, ((a) >> 16) & 0xff, ((a) >> 24) & 0xff,	\
	(b) & 0xff, ((b) >> 8) & 0xff,						\
	(c) & 0xff, ((c) >> 8) & 0xff, d } })

static inline int efi_guidcmp(efi_guid_t left, efi_guid_t right)
{
	int i;

	for (i = 0; i < 16; i++)
		if (left.b[i] != right.b[i])
			return left.b[i] < right.b[i] ? -1 : 1;
	return 0;
}

#define EFI_ERROR_BIT		(1UL << 63)
#define EFI_SUCCESS		0
#define EFI_LOAD_ERROR		(1 | EFI_ERROR_BIT)
#define EFI_INVALID_PARAMETER	(2 | EFI_ERROR_BIT)
#define EFI_UNSUPPORTED		(3 | EFI_ERROR_BIT)
#define EFI_BAD_BUFFER_SIZE	(4 | EFI_ERROR_BIT)
#define EFI_BUFFER_TOO_SMALL	(5 | EFI_ERROR_BIT)
#define EFI_NOT_READY		(6 | EFI_ERROR_BIT)
#define EFI_DEVICE_ERROR	(7 | EFI_ERROR_BIT)
#define EFI_OUT_OF_RESOURCES	(9 | EFI_ERROR_BIT)
#define EFI_NOT_FOUND		(14 | EFI_ERROR_BIT)
#define EFI_TIMEOUT		(18 | EFI_ERROR_BIT)
#define EFI_ABORTED		(21 | EFI_ERROR_BIT)
#define EFI_SECURITY_VIOLATION	(26 | EFI_ERROR_BIT)

/* Memory types (UEFI 2.9 table 7-5). */
#define EFI_RESERVED_TYPE		 0
#define EFI_LOADER_CODE			 1
#define EFI_LOADER_DATA			 2
#define EFI_BOOT_SERVICES_CODE		 3
#define EFI_BOOT_SERVICES_DATA		 4
#define EFI_RUNTIME_SERVICES_CODE	 5
#define EFI_RUNTIME_SERVICES_DATA	 6
#define EFI_CONVENTIONAL_MEMORY		 7
#define EFI_UNUSABLE_MEMORY		 8
#define EFI_ACPI_RECLAIM_MEMORY		 9
#define EFI_ACPI_MEMORY_NVS		10
#define EFI_MEMORY_MAPPED_IO		11
#define EFI_MEMORY_MAPPED_IO_PORT_SPACE	12
#define EFI_PAL_CODE			13
#define EFI_PERSISTENT_MEMORY		14
#define EFI_MAX_MEMORY_TYPE		15

/* Memory attributes. */
#define EFI_MEMORY_UC			0x0000000000000001ULL
#define EFI_MEMORY_WC			0x0000000000000002ULL
#define EFI_MEMORY_WT			0x0000000000000004ULL
#define EFI_MEMORY_WB			0x0000000000000008ULL
#define EFI_MEMORY_UCE			0x0000000000000010ULL
#define EFI_MEMORY_WP			0x0000000000001000ULL
#define EFI_MEMORY_RP			0x0000000000002000ULL
#define EFI_MEMORY_XP			0x0000000000004000ULL
#define EFI_MEMORY_NV			0x0000000000008000ULL
#define EFI_MEMORY_MORE_RELIABLE	0x0000000000010000ULL
#define EFI_MEMORY_RO			0x0000000000020000ULL
#define EFI_MEMORY_SP			0x0000000000040000ULL
#define EFI_MEMORY_CPU_CRYPTO		0x0000000000080000ULL
#define EFI_MEMORY_HOT_PLUGGABLE	0x0000000000100000ULL
#define EFI_MEMORY_RUNTIME		0x8000000000000000ULL
#define EFI_MEMORY_DESCRIPTOR_VERSION	1

#define EFI_PAGE_SHIFT		12
#define EFI_PAGE_SIZE		(1UL << EFI_PAGE_SHIFT)

/* One descriptor; the firmware's stride (desc_size) may be larger than this struct. */
typedef struct {
	u32 type;
	u32 pad;
	u64 phys_addr;
	u64 virt_addr;
	u64 num_pages;
	u64 attribute;
} efi_memory_desc_t;

typedef struct {
	u64 signature;
	u32 revision;
	u32 headersize;
	u32 crc32;
	u32 reserved;
} efi_table_hdr_t;

#define EFI_SYSTEM_TABLE_SIGNATURE	0x5453595320494249ULL	/* "IBI SYST" */

/* Opaque here: the stub defines them (efistub.h). */
typedef union efi_boot_services efi_boot_services_t;
typedef union efi_simple_text_input_protocol efi_simple_text_input_protocol_t;
typedef union efi_simple_text_output_protocol efi_simple_text_output_protocol_t;
typedef struct efi_runtime_services efi_runtime_services_t;

typedef struct {
	efi_table_hdr_t hdr;
	unsigned long fw_vendor;			/* physical address of a UCS-2 string */
	u32 fw_revision;
	unsigned long con_in_handle;
	efi_simple_text_input_protocol_t *con_in;
	unsigned long con_out_handle;
	efi_simple_text_output_protocol_t *con_out;
	unsigned long stderr_handle;
	unsigned long stderr;
	efi_runtime_services_t *runtime;
	efi_boot_services_t *boottime;
	unsigned long nr_tables;
	unsigned long tables;				/* physical address of efi_config_table_t[] */
} efi_system_table_t;

typedef struct {
	efi_guid_t guid;
	void *table;
} efi_config_table_t;

/* The same entry as the kernel reads it (a physical address, whatever the pointer size). */
typedef struct {
	efi_guid_t guid;
	u64 table;
} efi_config_table_64_t;

#define ACPI_TABLE_GUID			EFI_GUID(0xeb9d2d30, 0x2d88, 0x11d3, 0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d)
#define ACPI_20_TABLE_GUID		EFI_GUID(0x8868e871, 0xe4f1, 0x11d3, 0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81)
#define SMBIOS_TABLE_GUID		EFI_GUID(0xeb9d2d31, 0x2d88, 0x11d3, 0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d)
#define SMBIOS3_TABLE_GUID		EFI_GUID(0xf2fd1544, 0x9794, 0x4a2c, 0x99, 0x2e, 0xe5, 0xbb, 0xcf, 0x20, 0xe3, 0x94)
#define EFI_GLOBAL_VARIABLE_GUID	EFI_GUID(0x8be4df61, 0x93ca, 0x11d2, 0xaa, 0x0d, 0x00, 0xe0, 0x98, 0x03, 0x2b, 0x8c)
#define LOADED_IMAGE_PROTOCOL_GUID	EFI_GUID(0x5b1b31a1, 0x9562, 0x11d2, 0x8e, 0x3f, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b)
#define EFI_GRAPHICS_OUTPUT_PROTOCOL_GUID EFI_GUID(0x9042a9de, 0x23dc, 0x4a38, 0x96, 0xfb, 0x7a, 0xde, 0xd0, 0x80, 0x51, 0x6a)
#define DEVICE_TREE_GUID		EFI_GUID(0xb1b621d5, 0xf19c, 0x41a5, 0x83, 0x0b, 0xd9, 0x15, 0x2c, 0x69, 0xaa, 0xe0)
#define EFI_PROPERTIES_TABLE_GUID	EFI_GUID(0x880aaca3, 0x4adc, 0x4a04, 0x90, 0x79, 0xb7, 0x47, 0x34, 0x08, 0x25, 0xe5)
#define EFI_RNG_PROTOCOL_GUID		EFI_GUID(0x3152bca5, 0xeade, 0x433d, 0x86, 0x2e, 0xc0, 0x1c, 0xdc, 0x29, 0x1f, 0x44)
#define EFI_MEMORY_ATTRIBUTES_TABLE_GUID EFI_GUID(0xdcfa911d, 0x26eb, 0x469f, 0xa2, 0x20, 0x38, 0xb7, 0xdc, 0x46, 0x12, 0x20)
#define EFI_TCG2_PROTOCOL_GUID		EFI_GUID(0x607f766c, 0x7455, 0x42be, 0x93, 0x0b, 0xe4, 0xd7, 0x6d, 0xb2, 0x72, 0x0f)
#define EFI_LOAD_FILE2_PROTOCOL_GUID	EFI_GUID(0x4006c0c1, 0xfcb3, 0x403e, 0x99, 0x6d, 0x4a, 0x6c, 0x87, 0x24, 0xe0, 0x6d)
#define EFI_RT_PROPERTIES_TABLE_GUID	EFI_GUID(0xeb66918a, 0x7eef, 0x402a, 0x84, 0x2e, 0x93, 0x1d, 0x21, 0xc3, 0x8a, 0xe9)
#define LINUX_EFI_RANDOM_SEED_TABLE_GUID EFI_GUID(0x1ce1e5bc, 0x7ceb, 0x42f2, 0x81, 0xe5, 0x8a, 0xad, 0xf1, 0x80, 0xf5, 0x7b)
#define LINUX_EFI_TPM_EVENT_LOG_GUID	EFI_GUID(0xb7799cb0, 0xeca2, 0x4943, 0x96, 0x67, 0x1f, 0xae, 0x07, 0xb7, 0x47, 0xfa)
#define LINUX_EFI_MEMRESERVE_TABLE_GUID	EFI_GUID(0x888eb0c6, 0x8ede, 0x4ff5, 0xa8, 0xf0, 0x9a, 0xee, 0x5c, 0xb9, 0x77, 0xc2)
#define LINUX_EFI_INITRD_MEDIA_GUID	EFI_GUID(0x5568e427, 0x68fc, 0x4f3d, 0xac, 0x74, 0xca, 0x55, 0x52, 0x31, 0xcc, 0x68)
#define LINUX_EFI_BOOT_MEMMAP_GUID	EFI_GUID(0x800f683f, 0xd08b, 0x423a, 0xa2, 0x93, 0x96, 0x5c, 0x3c, 0x6f, 0xe2, 0xb4)
#define LINUX_EFI_LOADED_IMAGE_FIXED_GUID EFI_GUID(0xf5a37b6d, 0x3344, 0x42a5, 0xb6, 0xbb, 0x97, 0x86, 0x48, 0xc1, 0x89, 0x0a)

/* The LINUX_EFI_INITRD_MEDIA_GUID table: where the EFI stub loaded the initrd. */
struct linux_efi_initrd {
	unsigned long base;
	unsigned long size;
};

/*
 * The LINUX_EFI_MEMRESERVE table: a chain of arrays of ranges that a kernel asks the next one
 * (kexec) to keep reserved. The stub installs an empty head; efi_init reserves every entry.
 */
struct linux_efi_memreserve {
	int size;			/* allocated entries */
	int count;			/* entries used (an atomic_t in Linux) */
	phys_addr_t next;		/* physical address of the next array, 0 at the end */
	struct {
		phys_addr_t base;
		phys_addr_t size;
	} entry[];
};

#endif /* _BOOTMEM_LINUX_EFI_H */
