// SPDX-License-Identifier: GPL-2.0
/*
 * UEFI's tables as Linux 6.1 reads them at boot (drivers/firmware/efi/efi.c, memattr.c,
 * memmap.c, secureboot.c): the system table header, the configuration tables and what they
 * reserve (Memory Attributes, LINUX_EFI_MEMRESERVE), the memory map mapping, efi=.
 */
#define pr_fmt(fmt) "efi: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/efi_init.h>
#include <linux/initrd.h>
#include <linux/version.h>
#include <asm-generic/early_ioremap.h>
#include <asm/memory.h>

#define NO_TABLE	EFI_INVALID_TABLE_ADDR

struct efi efi = {
	.acpi = NO_TABLE, .acpi20 = NO_TABLE, .smbios = NO_TABLE, .smbios3 = NO_TABLE,
	.esrt = NO_TABLE, .tpm_log = NO_TABLE, .tpm_final_log = NO_TABLE, .mokvar_table = NO_TABLE,
};

static unsigned long efi_mem_attr_table = EFI_INVALID_TABLE_ADDR;
static int memattr_tbl_size;	/* what efi_memattr_init() reserved: Linux's tbl_size */
bool efi_memattr_unknown;
static unsigned long efi_rng_seed = EFI_INVALID_TABLE_ADDR;
static unsigned long mem_reserve = EFI_INVALID_TABLE_ADDR;
static unsigned long rt_prop = EFI_INVALID_TABLE_ADDR;
static unsigned long initrd = EFI_INVALID_TABLE_ADDR;


/* efi=debug,noruntime,runtime,nosoftreserve (Linux's parse_efi_cmdline). */
static bool disable_runtime;

/* Linux's parse_option_str(): is @option one of the comma-separated words of @str? */
static bool parse_option_str(const char *str, const char *option)
{
	size_t n = strlen(option);

	while (*str) {
		if (!strncmp(str, option, n) && (str[n] == ',' || str[n] == '\0'))
			return true;
		while (*str && *str != ',')
			str++;
		if (*str == ',')
			str++;
	}
	return false;
}

static int __init parse_efi_cmdline(char *str)
{
	if (!str) {
		pr_warn("need at least one option\n");
		return -EINVAL;
	}
	if (parse_option_str(str, "debug"))
		efi.flags |= 1UL << EFI_DBG;
	if (parse_option_str(str, "noruntime"))
		disable_runtime = true;
	if (parse_option_str(str, "runtime"))
		disable_runtime = false;
	if (parse_option_str(str, "nosoftreserve"))
		efi.flags |= 1UL << EFI_MEM_NO_SOFT_RESERVE;
	return 0;
}
early_param("efi", parse_efi_cmdline);

static void efi_reset(void)
{
	memset(&efi, 0, sizeof(efi));
	efi.acpi = efi.acpi20 = efi.smbios = efi.smbios3 = NO_TABLE;
	efi.esrt = efi.tpm_log = efi.tpm_final_log = efi.mokvar_table = NO_TABLE;
	efi_mem_attr_table = efi_rng_seed = mem_reserve = NO_TABLE;
	rt_prop = initrd = NO_TABLE;
	memattr_tbl_size = 0;
	disable_runtime = false;
}
host_reset(efi_reset);

/* ---------------------------------------------------------------- the memory map */

int efi_memmap_init_early(struct efi_memory_map_data *data)
{
	struct efi_memory_map map;

	data->flags = 0;
	map.map = early_memremap(data->phys_map, data->size);
	if (!map.map) {
		pr_err("Could not map the memory map!\n");
		return -ENOMEM;
	}
	map.phys_map = data->phys_map;
	map.nr_map = data->size / data->desc_size;
	map.map_end = (char *)map.map + data->size;
	map.desc_version = data->desc_version;
	map.desc_size = data->desc_size;
	map.flags = data->flags;
	efi.flags |= 1UL << EFI_MEMMAP;
	efi.memmap = map;
	return 0;
}

void efi_memmap_unmap(void)
{
	if (!efi_enabled(EFI_MEMMAP))
		return;
	/* Linux unmaps desc_size * nr_map bytes, which is what it mapped when size is a multiple. */
	early_memunmap(efi.memmap.map, efi.memmap.desc_size * efi.memmap.nr_map);
	efi.memmap.map = NULL;
	efi.flags &= ~(1UL << EFI_MEMMAP);
}

u64 efi_mem_desc_end(const efi_memory_desc_t *md)
{
	return md->phys_addr + (md->num_pages << EFI_PAGE_SHIFT);
}

bool efi_table_readable(phys_addr_t phys, u64 size, unsigned int align, const char *what)
{
	efi_memory_desc_t *md;
	phys_addr_t pos = phys, end = phys + size;
	bool progress = true;

	if (phys % align) {
		printk(KERN_WARNING "bootmem: efi: %s at %#llx is not %u-byte aligned: not read\n",
		       what, phys, align);
		return false;
	}
	if (end < phys) {
		printk(KERN_WARNING "bootmem: efi: %s at %#llx (+%#llx) wraps around the address space\n",
			what, phys, size);
		return false;
	}
	/* Covered by the union of the descriptors, in whatever order the firmware listed them. */
	while (pos < end && progress) {
		progress = false;
		for_each_efi_memory_desc(md) {
			u64 dend = efi_mem_desc_end(md);

			if (md->phys_addr <= pos && pos < dend && dend > md->phys_addr) {
				pos = dend;
				progress = true;
				if (pos >= end)
					break;
			}
		}
	}
	if (pos >= end && efi_enabled(EFI_MEMMAP))
		return true;
	printk(KERN_WARNING "bootmem: efi: %s at [mem %#018llx-%#018llx] lies outside the EFI memory map: not read\n",
	       what, phys, end - 1);
	return false;
}

static const char memory_type_name[][13] = {
	"Reserved",
	"Loader Code",
	"Loader Data",
	"Boot Code",
	"Boot Data",
	"Runtime Code",
	"Runtime Data",
	"Conventional",
	"Unusable",
	"ACPI Reclaim",
	"ACPI Mem NVS",
	"MMIO",
	"MMIO Port",
	"PAL Code",
	"Persistent",
};

#define EFI_KNOWN_ATTRIBUTES (EFI_MEMORY_UC | EFI_MEMORY_WC | EFI_MEMORY_WT | EFI_MEMORY_WB |	\
	EFI_MEMORY_UCE | EFI_MEMORY_RO | EFI_MEMORY_WP | EFI_MEMORY_RP | EFI_MEMORY_XP |	\
	EFI_MEMORY_NV | EFI_MEMORY_SP | EFI_MEMORY_CPU_CRYPTO | EFI_MEMORY_MORE_RELIABLE |	\
	EFI_MEMORY_HOT_PLUGGABLE | EFI_MEMORY_RUNTIME)

static const char *attr(u64 a, u64 bit, const char *name)
{
	return (a & bit) ? name : "";
}

char *efi_md_typeattr_format(char *buf, size_t size, const efi_memory_desc_t *md)
{
	char *pos = buf;
	int type_len;
	u64 a = md->attribute;

	if (md->type >= ARRAY_SIZE(memory_type_name))
		type_len = snprintf(pos, size, "[type=%u", md->type);
	else
		type_len = snprintf(pos, size, "[%-*s", (int)(sizeof(memory_type_name[0]) - 1),
				    memory_type_name[md->type]);
	if (type_len >= (int)size)
		return buf;
	pos += type_len;
	size -= type_len;

	if (a & ~EFI_KNOWN_ATTRIBUTES)
		snprintf(pos, size, "|attr=0x%016llx]", a);
	else
		snprintf(pos, size, "|%3s|%2s|%2s|%2s|%2s|%2s|%2s|%2s|%2s|%2s|%3s|%2s|%2s|%2s|%2s]",
			 attr(a, EFI_MEMORY_RUNTIME, "RUN"), attr(a, EFI_MEMORY_HOT_PLUGGABLE, "HP"),
			 attr(a, EFI_MEMORY_MORE_RELIABLE, "MR"), attr(a, EFI_MEMORY_CPU_CRYPTO, "CC"),
			 attr(a, EFI_MEMORY_SP, "SP"), attr(a, EFI_MEMORY_NV, "NV"),
			 attr(a, EFI_MEMORY_XP, "XP"), attr(a, EFI_MEMORY_RP, "RP"),
			 attr(a, EFI_MEMORY_WP, "WP"), attr(a, EFI_MEMORY_RO, "RO"),
			 attr(a, EFI_MEMORY_UCE, "UCE"), attr(a, EFI_MEMORY_WB, "WB"),
			 attr(a, EFI_MEMORY_WT, "WT"), attr(a, EFI_MEMORY_WC, "WC"),
			 attr(a, EFI_MEMORY_UC, "UC"));
	return buf;
}

/* ---------------------------------------------------------------- the system table */

int efi_systab_check_header(const efi_table_hdr_t *systab_hdr, int min_major_version)
{
	if (systab_hdr->signature != EFI_SYSTEM_TABLE_SIGNATURE) {
		pr_err("System table signature incorrect!\n");
		return -EINVAL;
	}
	if ((systab_hdr->revision >> 16) < (u32)min_major_version)
		pr_err("Warning: System table version %d.%02d, expected %d.00 or greater!\n",
		       systab_hdr->revision >> 16, systab_hdr->revision & 0xffff,
		       min_major_version);
	return 0;
}

/* The vendor string is UCS-2 of unknown length: Linux maps 100 characters' worth. */
#define FW_VENDOR_CHARS	100

void efi_systab_report_header(const efi_table_hdr_t *systab_hdr, unsigned long fw_vendor)
{
	char vendor[FW_VENDOR_CHARS] = "unknown";
	const efi_char16_t *c16 = NULL;
	size_t i;

	if (efi_table_readable(fw_vendor, sizeof(vendor) * sizeof(efi_char16_t), 2,
			       "the firmware vendor string (system table fw_vendor)"))
		c16 = early_memremap_ro(fw_vendor, sizeof(vendor) * sizeof(efi_char16_t));
	if (c16) {
		for (i = 0; i < sizeof(vendor) - 1 && c16[i]; ++i)
			vendor[i] = c16[i];
		vendor[i] = '\0';
		early_memunmap((void *)c16, sizeof(vendor) * sizeof(efi_char16_t));
	} else {
		pr_err("Could not map the firmware vendor!\n");
	}
	/* 6.12 prints the minor revision as the specification writes it: v2.7, v2.3.1. */
	if (linux_since(6, 12)) {
		u16 rev = (u16)systab_hdr->revision;

		pr_info("EFI v%u.%u", systab_hdr->revision >> 16, rev / 10);
		if (rev % 10)
			pr_cont(".%u", rev % 10);
		pr_cont(" by %s\n", vendor);
		return;
	}
	pr_info("EFI v%u.%.02u by %s\n", systab_hdr->revision >> 16,
		systab_hdr->revision & 0xffff, vendor);
}

/* ---------------------------------------------------------------- configuration tables */

/* Linux 6.1's common_tables[], in its order (Debian's configuration). */
static const efi_config_table_type_t common_tables[] = {
	{ ACPI_20_TABLE_GUID,			&efi.acpi20,		"ACPI 2.0"	},
	{ ACPI_TABLE_GUID,			&efi.acpi,		"ACPI"		},
	{ SMBIOS_TABLE_GUID,			&efi.smbios,		"SMBIOS"	},
	{ SMBIOS3_TABLE_GUID,			&efi.smbios3,		"SMBIOS 3.0"	},
	{ EFI_SYSTEM_RESOURCE_TABLE_GUID,	&efi.esrt,		"ESRT"		},
	{ EFI_MEMORY_ATTRIBUTES_TABLE_GUID,	&efi_mem_attr_table,	"MEMATTR"	},
	{ LINUX_EFI_RANDOM_SEED_TABLE_GUID,	&efi_rng_seed,		"RNG"		},
	{ LINUX_EFI_TPM_EVENT_LOG_GUID,		&efi.tpm_log,		"TPMEventLog"	},
	{ LINUX_EFI_TPM_FINAL_LOG_GUID,		&efi.tpm_final_log,	"TPMFinalLog"	},
	{ LINUX_EFI_MEMRESERVE_TABLE_GUID,	&mem_reserve,		"MEMRESERVE"	},
	{ LINUX_EFI_INITRD_MEDIA_GUID,		&initrd,		"INITRD"	},
	{ EFI_RT_PROPERTIES_TABLE_GUID,		&rt_prop,		"RTPROP"	},
	{ LINUX_EFI_MOK_VARIABLE_TABLE_GUID,	&efi.mokvar_table,	"MOKvar"	},
};

const efi_config_table_type_t *efi_common_tables(unsigned int *n)
{
	*n = ARRAY_SIZE(common_tables);
	return common_tables;
}

static bool match_config_table(const efi_guid_t *guid, unsigned long table)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(common_tables); i++) {
		if (!efi_guidcmp(*guid, common_tables[i].guid)) {
			*common_tables[i].ptr = table;
			pr_cont("%s=0x%lx ", common_tables[i].name, table);
			return true;
		}
	}
	return false;
}

int efi_memattr_init(void)
{
	efi_memory_attributes_table_t *tbl;
	int tbl_size;
	u64 full;

	if (efi_mem_attr_table == EFI_INVALID_TABLE_ADDR)
		return 0;
	tbl = NULL;
	if (efi_table_readable(efi_mem_attr_table, sizeof(*tbl), __alignof__(*tbl),
			       "the Memory Attributes table"))
		tbl = early_memremap(efi_mem_attr_table, sizeof(*tbl));
	if (!tbl) {
		printk(KERN_ERR "efi: memattr: Failed to map EFI Memory Attributes table @ 0x%lx\n",
		       efi_mem_attr_table);
		return -ENOMEM;
	}
	if (tbl->version > 2) {
		printk(KERN_WARNING "efi: memattr: Unexpected EFI Memory Attributes table version %d\n",
		       tbl->version);
		goto unmap;
	}
	/*
	 * Linux's arithmetic exactly (a 32-bit product in an int, sign-extended into
	 * memblock_reserve); bootmem says when that is not the table's real size.
	 */
	tbl_size = (int)(sizeof(*tbl) + tbl->num_entries * tbl->desc_size);
	full = sizeof(*tbl) + (u64)tbl->num_entries * tbl->desc_size;
	if ((u64)(long long)tbl_size != full)
		printk(KERN_WARNING "bootmem: efi: memattr: %u entries of %u bytes are %#llx bytes; Linux's int size reserves %#llx\n",
		       tbl->num_entries, tbl->desc_size, full,
		       (u64)(s64)tbl_size);
	memblock_reserve(efi_mem_attr_table, (phys_addr_t)(long long)tbl_size);
	memattr_tbl_size = tbl_size;
	efi.flags |= 1UL << EFI_MEM_ATTR;
unmap:
	early_memunmap(tbl, sizeof(*tbl));
	return 0;
}

/*
 * Linux's entry_is_valid() (memattr.c): a Memory Attributes entry must be runtime code or data,
 * lie inside one runtime descriptor of the memory map, of the same type; @out gets the entry
 * with that descriptor's virtual address. Each refusal is Linux's warning.
 */
static bool memattr_entry_is_valid(const efi_memory_desc_t *in, efi_memory_desc_t *out)
{
	u64 in_size = in->num_pages << EFI_PAGE_SHIFT;
	efi_memory_desc_t *md;

	*out = *in;
	if (in->type != EFI_RUNTIME_SERVICES_CODE && in->type != EFI_RUNTIME_SERVICES_DATA) {
		printk(KERN_WARNING "efi: memattr: Entry type should be RuntimeServiceCode/Data\n");
		return false;
	}
	/* Only with pages larger than UEFI's 4 KiB can an entry split one of ours. */
	if (PAGE_SIZE > EFI_PAGE_SIZE &&
	    ((in->phys_addr | in_size) & (PAGE_SIZE - 1))) {
		printk(KERN_WARNING "efi: memattr: Entry address region misaligned\n");
		return false;
	}
	for_each_efi_memory_desc(md) {
		u64 md_size = md->num_pages << EFI_PAGE_SHIFT;

		if (!(md->attribute & EFI_MEMORY_RUNTIME))
			continue;
		if (md->virt_addr == 0 && md->phys_addr != 0)
			break;		/* the stub installed no virtual mapping */
		if (md->phys_addr > in->phys_addr || in->phys_addr - md->phys_addr >= md_size)
			continue;
		if (md->phys_addr + md_size < in->phys_addr + in_size) {
			printk(KERN_WARNING "efi: memattr: Entry covers multiple EFI memory map regions\n");
			return false;
		}
		if (md->type != in->type) {
			printk(KERN_WARNING "efi: memattr: Entry type deviates from EFI memory map region type\n");
			return false;
		}
		out->virt_addr = in->phys_addr + (md->virt_addr - md->phys_addr);
		return true;
	}
	printk(KERN_WARNING "efi: memattr: No matching entry found in the EFI memory map\n");
	return false;
}

/* Is all of [base, base + size) memory in the linear map (no NOMAP page, no hole)? */
static bool linear_mapped(phys_addr_t base, u64 size)
{
	phys_addr_t pa;

	if (!memblock_is_region_memory(base, size))
		return false;
	for (pa = base & PAGE_MASK; pa < base + size; pa += PAGE_SIZE)
		if (!memblock_is_map_memory(pa))
			return false;
	return true;
}

/*
 * Linux's efi_memattr_apply_permissions() as far as it shows: with efi=debug, each entry of
 * the Memory Attributes table and the permissions it asks for; an invalid one always, marked
 * "!". bootmem builds no efi_mm (it calls no runtime service), so nothing is applied.
 */
static void efi_memattr_show(void)
{
	efi_memory_attributes_table_t *tbl;
	u64 size = (u64)(long)memattr_tbl_size;	/* Linux compares the int as an unsigned long */
	char buf[64];
	bool linear;
	u32 i;

	if (size <= sizeof(*tbl))
		return;
	if (WARN_ON(!efi_enabled(EFI_MEMMAP)))
		return;
	if (efi_memattr_unknown) {
		printk(KERN_INFO "bootmem: efi: memattr: the table's entries are not shown: the hand-over was rebuilt from a log that does not list them (efi=debug, Linux 6.1 lists them after \"Memory:\")\n");
		return;
	}
	/* memremap(MEMREMAP_WB): the linear map for mapped RAM, else a mapping of its own */
	linear = linear_mapped(efi_mem_attr_table, size);
	tbl = linear ? phys_to_virt(efi_mem_attr_table) : early_memremap(efi_mem_attr_table, size);
	if (!tbl) {
		printk(KERN_ERR "efi: memattr: Failed to map EFI Memory Attributes table @ 0x%lx\n",
		       efi_mem_attr_table);
		return;
	}
	if (efi_enabled(EFI_DBG))
		printk(KERN_INFO "efi: memattr: Processing EFI Memory Attributes table:\n");
	for (i = 0; i < tbl->num_entries; i++) {
		const efi_memory_desc_t *in = (void *)tbl->entry + (u64)i * tbl->desc_size;
		efi_memory_desc_t md;
		bool valid;

		/* Linux reads on past what it mapped (a wrapped size, short descriptors): not here. */
		if (tbl->desc_size < sizeof(md) ||
		    sizeof(*tbl) + (u64)i * tbl->desc_size + sizeof(md) > size) {
			printk(KERN_WARNING "bootmem: efi: memattr: entry %u (of %u, %u bytes each) lies past the table's %#llx bytes: not read\n",
			       i, tbl->num_entries, tbl->desc_size, size);
			break;
		}
		valid = memattr_entry_is_valid(in, &md);

		if (efi_enabled(EFI_DBG) || !valid)
			printk(KERN_INFO "efi: memattr: %s 0x%012llx-0x%012llx %s\n", valid ? "" : "!",
				md.phys_addr, md.phys_addr + (md.num_pages << EFI_PAGE_SHIFT) - 1,
				efi_md_typeattr_format(buf, sizeof(buf), &md));
	}
	if (!linear)
		early_memunmap(tbl, size);
}

/*
 * Linux's arm_enable_runtime_services() (arm-runtime.c, an early_initcall: after "Memory:" in
 * 6.1, before it in 6.12, whose "Memory:" waits for page_alloc_init_late()). bootmem calls no
 * runtime service, so it neither says "Remapping and enabling EFI services." nor, without
 * UEFI, "EFI services will not be available."; it shows the rest of what Linux prints on
 * the way: a refusal, or the Memory Attributes table.
 */
void arm_enable_runtime_services(void)
{
	efi_memory_desc_t *md;

	if (!efi_enabled(EFI_BOOT) || !efi_enabled(EFI_MEMMAP))
		return;
	if (disable_runtime) {
		printk(KERN_INFO "EFI runtime services will be disabled.\n");
		return;
	}
	for_each_efi_memory_desc(md) {
		if ((md->attribute & EFI_MEMORY_RUNTIME) && md->virt_addr == U64_MAX) {
			printk(KERN_ERR "UEFI virtual mapping missing or invalid -- runtime services will not be available\n");
			return;
		}
	}
	efi_memattr_show();
}

/* The random seed's size (Linux feeds the bits to the entropy pool; nothing here needs them). */
static void efi_rng_seed_check(void)
{
	struct linux_efi_random_seed *seed = NULL;

	if (efi_table_readable(efi_rng_seed, sizeof(*seed), __alignof__(*seed), "the RNG seed table"))
		seed = early_memremap(efi_rng_seed, sizeof(*seed));
	if (!seed) {
		pr_err("Could not map UEFI random seed!\n");
		return;
	}
	early_memunmap(seed, sizeof(*seed));
}

/* A LINUX_EFI_MEMRESERVE chain can be hostile: loops and huge counts end with a message. */
#define MEMRESERVE_MAX_LINKS	1024
#define MEMRESERVE_HDR		offsetof(struct linux_efi_memreserve, entry)
#define MEMRESERVE_ENTRY	sizeof(((struct linux_efi_memreserve *)0)->entry[0])

static int efi_memreserve_one(unsigned long prsv, unsigned long *next)
{
	struct linux_efi_memreserve *rsv;
	int size, count, i;
	u64 len;

	rsv = NULL;
	if (efi_table_readable(prsv, MEMRESERVE_HDR, __alignof__(*rsv), "a LINUX_EFI_MEMRESERVE entry"))
		rsv = early_memremap(prsv, MEMRESERVE_HDR);
	if (!rsv) {
		pr_err("Could not map UEFI memreserve entry!\n");
		return -ENOMEM;
	}
	size = rsv->size;
	count = rsv->count;
	*next = rsv->next;
	early_memunmap(rsv, MEMRESERVE_HDR);

	/* Linux's struct_size() saturates a negative size to SIZE_MAX; name the value instead. */
	if (size < 0 || count < 0 || count > size) {
		printk(KERN_WARNING "bootmem: efi: LINUX_EFI_MEMRESERVE entry at %#lx has size %d, count %d: %s\n",
			prsv, size, count, size < 0 ? "not reserved" : "reserving min(count, size)");
		if (size < 0)
			return 0;
		count = max(0, min(count, size));
	}
	/* reserve the entry itself */
	memblock_reserve(prsv, MEMRESERVE_HDR + (u64)size * MEMRESERVE_ENTRY);

	for (i = 0; i < count; i++) {
		len = MEMRESERVE_HDR + (u64)(i + 1) * MEMRESERVE_ENTRY;
		rsv = NULL;
		if (efi_table_readable(prsv, len, __alignof__(*rsv), "a LINUX_EFI_MEMRESERVE entry's ranges"))
			rsv = early_memremap(prsv, len);
		if (!rsv) {
			pr_err("Could not map UEFI memreserve entry!\n");
			return -ENOMEM;
		}
		memblock_reserve(rsv->entry[i].base, rsv->entry[i].size);
		early_memunmap(rsv, len);
	}
	return 0;
}

static int efi_memreserve_walk(void)
{
	unsigned long prsv = mem_reserve, next;
	int links = 0, ret;

	while (prsv) {
		if (++links > MEMRESERVE_MAX_LINKS) {
			printk(KERN_WARNING "bootmem: efi: LINUX_EFI_MEMRESERVE chain longer than %d links (a loop?): stopped at %#lx\n",
				MEMRESERVE_MAX_LINKS, prsv);
			break;
		}
		ret = efi_memreserve_one(prsv, &next);
		if (ret)
			return ret;
		prsv = next;
	}
	return 0;
}

static void efi_rt_prop_init(void)
{
	efi_rt_properties_table_t *tbl = NULL;

	if (efi_table_readable(rt_prop, sizeof(*tbl), __alignof__(*tbl), "the RT properties table"))
		tbl = early_memremap(rt_prop, sizeof(*tbl));
	if (tbl) {
		efi.runtime_supported_mask &= tbl->runtime_services_supported;
		early_memunmap(tbl, sizeof(*tbl));
	}
}

static void efi_initrd_table_init(void)
{
	struct linux_efi_initrd *tbl = NULL;

	if (phys_initrd_size)
		return;
	if (efi_table_readable(initrd, sizeof(*tbl), __alignof__(*tbl),
			       "the LINUX_EFI_INITRD_MEDIA table"))
		tbl = early_memremap(initrd, sizeof(*tbl));
	if (tbl) {
		phys_initrd_start = tbl->base;
		phys_initrd_size = tbl->size;
		early_memunmap(tbl, sizeof(*tbl));
	}
}

/* Tables whose own reservations bootmem does not model: said once, plainly. */
static void efi_note_unmodelled_tables(void)
{
	static const struct { unsigned long *addr; const char *what; } t[] = {
		{ &efi.esrt, "ESRT (efi_esrt_init)" },
		{ &efi.tpm_log, "TPMEventLog (efi_tpm_eventlog_init)" },
		{ &efi.mokvar_table, "MOKvar (efi_mokvar_table_init)" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t); i++)
		if (*t[i].addr != EFI_INVALID_TABLE_ADDR)
			printk(KERN_NOTICE "bootmem: efi: %s table at %#lx: Linux may reserve it; bootmem does not\n",
				  t[i].what, *t[i].addr);
}

int efi_config_parse_tables(const efi_config_table_t *config_tables, int count)
{
	int i;

	efi.runtime_supported_mask = ~0U;
	pr_info("");
	for (i = 0; i < count; i++)
		match_config_table(&config_tables[i].guid,
				   (unsigned long)config_tables[i].table);
	pr_cont("\n");
	efi.flags |= 1UL << EFI_CONFIG_TABLES;

	if (efi_rng_seed != EFI_INVALID_TABLE_ADDR)
		efi_rng_seed_check();
	if (efi_enabled(EFI_MEMMAP))
		efi_memattr_init();
	if (mem_reserve != EFI_INVALID_TABLE_ADDR) {
		int ret = efi_memreserve_walk();

		if (ret)
			return ret;
	}
	if (rt_prop != EFI_INVALID_TABLE_ADDR)
		efi_rt_prop_init();
	if (initrd != EFI_INVALID_TABLE_ADDR)
		efi_initrd_table_init();
	efi_note_unmodelled_tables();
	return 0;
}

/* ---------------------------------------------------------------- the rest of efi_init */

void efi_set_secure_boot(enum efi_secureboot_mode mode)
{
	if (!efi_enabled(EFI_BOOT))
		return;
	switch (mode) {
	case efi_secureboot_mode_disabled:
		printk(KERN_INFO "secureboot: Secure boot disabled\n");
		break;
	case efi_secureboot_mode_enabled:
		efi.flags |= 1UL << EFI_SECURE_BOOT;
		printk(KERN_INFO "secureboot: Secure boot enabled\n");
		break;
	default:
		printk(KERN_WARNING "secureboot: Secure boot could not be determined (mode %u)\n",
		       mode);
		break;
	}
}

void efi_find_mirror(void)
{
	efi_memory_desc_t *md;
	u64 mirror_size = 0, total_size = 0;

	if (!efi_enabled(EFI_MEMMAP))
		return;
	for_each_efi_memory_desc(md) {
		u64 size = md->num_pages << EFI_PAGE_SHIFT;

		total_size += size;
		if (md->attribute & EFI_MEMORY_MORE_RELIABLE) {
			memblock_mark_mirror(md->phys_addr, size);
			mirror_size += size;
		}
	}
	if (mirror_size)
		pr_info("Memory: %lluM/%lluM mirrored memory\n",
		       mirror_size >> 20, total_size >> 20);
}

bool efi_first_runtime_region(phys_addr_t *base, u64 *size)
{
	efi_memory_desc_t *md;

	for_each_efi_memory_desc(md) {
		if ((md->attribute & EFI_MEMORY_RUNTIME) && (md->attribute & EFI_MEMORY_WB) &&
		    md->num_pages) {
			*base = md->phys_addr;
			*size = md->num_pages << EFI_PAGE_SHIFT;
			return true;
		}
	}
	return false;
}
