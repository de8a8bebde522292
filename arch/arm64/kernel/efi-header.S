/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PE/COFF header that makes the Image an EFI application too (PE/COFF specification,
 * UEFI 2.9 section 2.1.1), placed as Linux 6.1's arm64 Image places it: "MZ" at offset 0,
 * the PE header at 0x40 (the Image header's word at 0x3c points to it), two sections that
 * map the file 1:1 (file offset = RVA), and the footprint (image_size) as SizeOfImage.
 * Included by head.S.
 */

#define PE_MAGIC			0x00004550	/* "PE\0\0" */
#define IMAGE_FILE_MACHINE_ARM64	0xaa64
#define IMAGE_FILE_EXECUTABLE_IMAGE	0x0002
#define IMAGE_FILE_LINE_NUMS_STRIPPED	0x0004
#define IMAGE_FILE_DEBUG_STRIPPED	0x0200
#define PE_OPT_MAGIC_PE32PLUS		0x020b
#define IMAGE_SUBSYSTEM_EFI_APPLICATION	10
#define IMAGE_DLL_CHARACTERISTICS_NX_COMPAT 0x0100
#define IMAGE_SCN_CNT_CODE		0x00000020
#define IMAGE_SCN_CNT_INITIALIZED_DATA	0x00000040
#define IMAGE_SCN_MEM_EXECUTE		0x20000000
#define IMAGE_SCN_MEM_READ		0x40000000
#define IMAGE_SCN_MEM_WRITE		0x80000000
/* Linux 6.1's LINUX_EFISTUB_MAJOR/MINOR_VERSION: entered through LoadImage/StartImage. */
#define LINUX_EFISTUB_MAJOR_VERSION	1
#define LINUX_EFISTUB_MINOR_VERSION	0

/*
 * The first instruction. Its low half is "MZ", the DOS/PE magic; as an instruction it only
 * sets the condition flags (ccmp x18, #0, #0xd, pl), so the Linux boot protocol, which
 * enters at offset 0, runs through it to the branch at offset 4.
 */
	.macro	efi_signature_nop
	ccmp	x18, #0, #0xd, pl
	.endm

	.macro	__EFI_PE_HEADER
	.set	.Lpe_header_offset, . - _head
	.long	PE_MAGIC
	/* COFF file header */
	.short	IMAGE_FILE_MACHINE_ARM64		// Machine
	.short	.Lsection_count				// NumberOfSections
	.long	0					// TimeDateStamp
	.long	0					// PointerToSymbolTable
	.long	0					// NumberOfSymbols
	.short	.Lsection_table - .Loptional_header	// SizeOfOptionalHeader
	.short	IMAGE_FILE_DEBUG_STRIPPED | IMAGE_FILE_EXECUTABLE_IMAGE | \
		IMAGE_FILE_LINE_NUMS_STRIPPED		// Characteristics

.Loptional_header:
	.short	PE_OPT_MAGIC_PE32PLUS			// Magic
	.byte	0x02					// MajorLinkerVersion (Linux's)
	.byte	0x14					// MinorLinkerVersion
	.long	__pecoff_text_size			// SizeOfCode
	.long	__pecoff_data_size			// SizeOfInitializedData
	.long	0					// SizeOfUninitializedData
	.long	__efistub_efi_pe_entry - _head		// AddressOfEntryPoint
	.long	_stext - _head				// BaseOfCode
	.quad	0					// ImageBase: relocatable, no fixups
	.long	SEGMENT_ALIGN				// SectionAlignment
	.long	PECOFF_FILE_ALIGNMENT			// FileAlignment
	.short	0, 0					// Major/MinorOperatingSystemVersion
	.short	LINUX_EFISTUB_MAJOR_VERSION		// MajorImageVersion
	.short	LINUX_EFISTUB_MINOR_VERSION		// MinorImageVersion
	.short	0, 0					// Major/MinorSubsystemVersion
	.long	0					// Win32VersionValue
	.long	_kernel_size_le				// SizeOfImage: the Image header's image_size
	.long	_stext - _head				// SizeOfHeaders
	.long	0					// CheckSum
	.short	IMAGE_SUBSYSTEM_EFI_APPLICATION		// Subsystem
	.short	IMAGE_DLL_CHARACTERISTICS_NX_COMPAT	// DllCharacteristics
	.quad	0, 0, 0, 0				// SizeOfStack/HeapReserve/Commit
	.long	0					// LoaderFlags
	.long	(.Lsection_table - .) / 8		// NumberOfRvaAndSizes
	.quad	0					// ExportTable
	.quad	0					// ImportTable
	.quad	0					// ResourceTable
	.quad	0					// ExceptionTable
	.quad	0					// CertificationTable
	.quad	0					// BaseRelocationTable: none needed

.Lsection_table:
	/* .text: headers end .. read-only data end; code, read, execute. */
	.ascii	".text\0\0\0"
	.long	__pecoff_text_size			// VirtualSize
	.long	_stext - _head				// VirtualAddress
	.long	__pecoff_text_size			// SizeOfRawData
	.long	_stext - _head				// PointerToRawData
	.long	0, 0					// PointerToRelocations, PointerToLineNumbers
	.short	0, 0					// NumberOfRelocations, NumberOfLineNumbers
	.long	IMAGE_SCN_CNT_CODE | IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_EXECUTE

	/* .data: data, then BSS and the early tables (zero filled) up to the footprint. */
	.ascii	".data\0\0\0"
	.long	__pecoff_data_size			// VirtualSize
	.long	__init_begin - _head			// VirtualAddress
	.long	__pecoff_data_rawsize			// SizeOfRawData
	.long	__init_begin - _head			// PointerToRawData
	.long	0, 0
	.short	0, 0
	.long	IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_WRITE

	.set	.Lsection_count, (. - .Lsection_table) / 40
	.endm
