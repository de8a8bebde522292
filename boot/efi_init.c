// SPDX-License-Identifier: GPL-2.0
/*
 * efi_init() as Linux 6.1's drivers/firmware/efi/efi-init.c and fdtparams.c: the EFI stub's
 * /chosen properties, the system table, then reserve_regions(): the UEFI memory map replaces
 * the DT's memory, and whatever is not usable RAM becomes MEMBLOCK_NOMAP.
 */
#define pr_fmt(fmt) "efi: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/of_fdt.h>
#include <linux/efi_init.h>
#include <asm-generic/early_ioremap.h>

/* ---------------------------------------------------------------- /chosen (fdtparams.c) */

enum { SYSTAB, MMBASE, MMSIZE, DCSIZE, DCVERS, SBMODE, PARAMCOUNT };

static const char name[PARAMCOUNT][22] = {
	[SYSTAB] = "System Table         ",
	[MMBASE] = "MemMap Address       ",
	[MMSIZE] = "MemMap Size          ",
	[DCSIZE] = "MemMap Desc. Size    ",
	[DCVERS] = "MemMap Desc. Version ",
	[SBMODE] = "Secure Boot Enabled  ",
};

static const char params[PARAMCOUNT][26] = {
	[SYSTAB] = "linux,uefi-system-table",
	[MMBASE] = "linux,uefi-mmap-start",
	[MMSIZE] = "linux,uefi-mmap-size",
	[DCSIZE] = "linux,uefi-mmap-desc-size",
	[DCVERS] = "linux,uefi-mmap-desc-ver",
	[SBMODE] = "linux,uefi-secure-boot",
};

/* 0: read (and printed with efi=debug); 1: absent; -1: present but unreadable (said so). */
static int efi_get_fdt_prop(const void *fdt, int node, const char *pname, const char *rname,
			    void *var, int size)
{
	const fdt32_t *prop;
	int len;
	u64 val;

	prop = fdt_getprop(fdt, node, pname, &len);
	if (!prop)
		return 1;
	/* Linux reads 8 bytes unless the property has exactly 4: other lengths are garbage. */
	if (len != 4 && len != 8) {
		printk(KERN_WARNING "bootmem: efi: /chosen/%s is %d bytes long, not 4 or 8: ignoring UEFI\n",
			pname, len);
		return -1;
	}
	val = (len == 4) ? (u64)fdt32_ld(prop) : ((u64)fdt32_ld(prop) << 32 | fdt32_ld(prop + 1));
	if (size == 8)
		*(u64 *)var = val;
	else
		*(u32 *)var = (val < U32_MAX) ? val : U32_MAX;	/* saturate */
	if (efi_enabled(EFI_DBG))
		pr_info("  %s: 0x%0*llx\n", rname, size * 2, val);
	return 0;
}

u64 efi_get_fdt_params(struct efi_memory_map_data *mm, u32 *secure_boot)
{
	const void *fdt = initial_boot_params;
	u64 systab, phys_map, msize, dsize, dver;
	struct { void *var; int size; } target[PARAMCOUNT] = {
		[SYSTAB] = { &systab, sizeof(systab) },
		[MMBASE] = { &phys_map, sizeof(phys_map) },
		[MMSIZE] = { &msize, sizeof(msize) },
		[DCSIZE] = { &dsize, sizeof(dsize) },
		[DCVERS] = { &dver, sizeof(dver) },
		[SBMODE] = { secure_boot, sizeof(*secure_boot) },
	};
	int j, node, r;

	if (!fdt)
		return 0;
	node = of_fdt_path_offset(fdt, "/chosen");
	if (node < 0)
		goto notfound;
	if (efi_enabled(EFI_DBG))
		pr_info("Getting UEFI parameters from /chosen in DT:\n");
	for (j = 0; j < PARAMCOUNT; j++) {
		r = efi_get_fdt_prop(fdt, node, params[j], name[j], target[j].var, target[j].size);
		if (r < 0)
			return 0;
		if (!r)
			continue;
		if (!j)
			goto notfound;
		pr_err("Can't find property '%s' in DT!\n", params[j]);
		return 0;
	}
	mm->phys_map = phys_map;
	mm->size = msize;
	mm->desc_size = dsize;
	mm->desc_version = dver;
	return systab;
notfound:
	pr_info("UEFI not found.\n");
	return 0;
}

/* ---------------------------------------------------------------- the checks Linux leaves out */

/* Bigger strides than this are no memory descriptor a firmware would write. */
#define EFI_DESC_SIZE_MAX	4096

static bool efi_memmap_data_ok(const struct efi_memory_map_data *d)
{
	struct memblock_region *r;
	phys_addr_t end = d->phys_map + d->size;
	bool in_dt = false;

	if (d->desc_size < sizeof(efi_memory_desc_t) || d->desc_size > EFI_DESC_SIZE_MAX) {
		printk(KERN_WARNING "bootmem: efi: /chosen/linux,uefi-mmap-desc-size %lu is %s (a descriptor is %zu bytes)\n",
			d->desc_size, d->desc_size < sizeof(efi_memory_desc_t) ? "too small" : "absurd",
			sizeof(efi_memory_desc_t));
		return false;
	}
	if (d->desc_size % 8 || d->phys_map % 8) {
		printk(KERN_WARNING "bootmem: efi: the memory map at /chosen/linux,uefi-mmap-start %#llx with /chosen/linux,uefi-mmap-desc-size %lu leaves descriptors misaligned (8 bytes needed)\n",
		       d->phys_map, d->desc_size);
		return false;
	}
	if (d->size < d->desc_size) {
		printk(KERN_WARNING "bootmem: efi: /chosen/linux,uefi-mmap-size %#lx holds no %lu-byte descriptor\n",
			d->size, d->desc_size);
		return false;
	}
	if (end < d->phys_map) {
		printk(KERN_WARNING "bootmem: efi: the memory map at /chosen/linux,uefi-mmap-start %#llx, size %#lx, wraps around the address space\n",
			d->phys_map, d->size);
		return false;
	}
	if (d->size % d->desc_size)
		printk(KERN_WARNING "bootmem: efi: /chosen/linux,uefi-mmap-size %#lx is not a multiple of the descriptor size %lu: the last %lu bytes are ignored\n",
			d->size, d->desc_size, d->size % d->desc_size);
	/*
	 * Reading memory that is not there is an external abort. When the DT describes memory,
	 * the map must lie in it (the stub allocates it from RAM); with no memory node there is
	 * nothing to check against.
	 */
	if (memblock.memory.total_size == 0)
		return true;
	for_each_mem_region(r)
		if (r->base <= d->phys_map && end <= r->base + r->size)
			in_dt = true;
	if (!in_dt)
		printk(KERN_WARNING "bootmem: efi: the memory map at /chosen/linux,uefi-mmap-start [mem %#018llx-%#018llx] lies outside the DT's memory\n",
			d->phys_map, end - 1);
	return in_dt;
}

/*
 * A descriptor that wraps, or that overlaps one before it: Linux adds it as it is (the
 * overlap takes the strictest flags); bootmem says so. Returns false for one to skip.
 */
#define EFI_OVERLAP_REPORTS	8

static bool efi_desc_sane(const efi_memory_desc_t *md, int idx, int *overlaps)
{
	const efi_memory_desc_t *o;
	u64 end = efi_mem_desc_end(md);
	int i = 0;

	if ((md->num_pages >> (64 - EFI_PAGE_SHIFT)) || end < md->phys_addr) {
		printk(KERN_WARNING "bootmem: efi: descriptor %d at %#llx with %#llx pages runs past the end of the address space: skipped\n",
			idx, md->phys_addr, md->num_pages);
		return false;
	}
	for_each_efi_memory_desc(o) {
		if (i++ >= idx)
			break;
		if (o->phys_addr < end && md->phys_addr < efi_mem_desc_end(o) && md->num_pages &&
		    o->num_pages && efi_mem_desc_end(o) > o->phys_addr) {
			if (++*overlaps <= EFI_OVERLAP_REPORTS)
				printk(KERN_WARNING "bootmem: efi: descriptor %d [mem %#018llx-%#018llx] overlaps descriptor %d [mem %#018llx-%#018llx]\n",
					idx, md->phys_addr,
					end - 1, i - 1,
					o->phys_addr,
					efi_mem_desc_end(o) - 1);
			break;
		}
	}
	return true;
}

/* ---------------------------------------------------------------- efi-init.c */

static int is_memory(const efi_memory_desc_t *md)
{
	return !!(md->attribute & (EFI_MEMORY_WB | EFI_MEMORY_WT | EFI_MEMORY_WC));
}

/*
 * A virtual address in the system table (the stub's SetVirtualAddressMap() moved the
 * runtime regions) back to a physical one, through the runtime descriptors' virt_addr.
 */
static phys_addr_t efi_to_phys(unsigned long addr)
{
	efi_memory_desc_t *md;

	for_each_efi_memory_desc(md) {
		if (!(md->attribute & EFI_MEMORY_RUNTIME))
			continue;
		if (md->virt_addr == 0)
			break;		/* no virtual mapping has been installed by the stub */
		if (md->virt_addr <= addr &&
		    (addr - md->virt_addr) < (md->num_pages << EFI_PAGE_SHIFT))
			return md->phys_addr + addr - md->virt_addr;
	}
	return addr;
}

static int uefi_init(u64 efi_system_table)
{
	efi_config_table_t *config_tables = NULL;
	efi_system_table_t *systab = NULL;
	phys_addr_t tables;
	u64 table_size;
	int retval;

	if (efi_table_readable(efi_system_table, sizeof(*systab), __alignof__(*systab),
			       "the system table (/chosen/linux,uefi-system-table)"))
		systab = early_memremap_ro(efi_system_table, sizeof(*systab));
	if (!systab) {
		pr_warn("Unable to map EFI system table.\n");
		return -ENOMEM;
	}
	efi.flags |= 1UL << EFI_BOOT | 1UL << EFI_64BIT;

	retval = efi_systab_check_header(&systab->hdr, 2);
	if (retval)
		goto out;
	efi.runtime = (unsigned long)systab->runtime;
	efi.runtime_version = systab->hdr.revision;
	efi_systab_report_header(&systab->hdr, efi_to_phys(systab->fw_vendor));

	tables = efi_to_phys(systab->tables);
	table_size = (u64)sizeof(efi_config_table_t) * systab->nr_tables;
	if (systab->nr_tables && table_size / systab->nr_tables == sizeof(efi_config_table_t) &&
	    efi_table_readable(tables, table_size, __alignof__(*config_tables),
			       "the configuration table array"))
		config_tables = early_memremap_ro(tables, table_size);
	if (!config_tables) {
		pr_warn("Unable to map EFI config table array.\n");
		retval = -ENOMEM;
		goto out;
	}
	retval = efi_config_parse_tables(config_tables, systab->nr_tables);
	early_memunmap(config_tables, table_size);
out:
	early_memunmap(systab, sizeof(*systab));
	return retval;
}

/* Regions that can be System RAM: free after ExitBootServices, if write-back cacheable. */
static int is_usable_memory(const efi_memory_desc_t *md)
{
	switch (md->type) {
	case EFI_LOADER_CODE:
	case EFI_LOADER_DATA:
	case EFI_ACPI_RECLAIM_MEMORY:
	case EFI_BOOT_SERVICES_CODE:
	case EFI_BOOT_SERVICES_DATA:
	case EFI_CONVENTIONAL_MEMORY:
	case EFI_PERSISTENT_MEMORY:
		return !!(md->attribute & EFI_MEMORY_WB);
	default:
		break;
	}
	return false;
}

static bool efi_soft_reserve_enabled(void)
{
	return !efi_enabled(EFI_MEM_NO_SOFT_RESERVE);	/* Debian: CONFIG_EFI_SOFT_RESERVE=y */
}

/* 4 KiB pages: EFI pages are ours, so this only rounds a misaligned base down. */
static void memrange_efi_to_native(u64 *addr, u64 *npages)
{
	*npages = PFN_UP(*addr + (*npages << EFI_PAGE_SHIFT)) - PFN_DOWN(*addr);
	*addr &= PAGE_MASK;
}

/* A memblock call in reserve_regions failed (array full): the invariants cannot hold. */
static bool efi_memblock_incomplete;
/* reserve_regions() ran: memblock.memory is UEFI's. */
static bool efi_regions_done;

static void reserve_regions(void)
{
	efi_memory_desc_t *md;
	u64 paddr, npages, size;
	int idx = 0, overlaps = 0;

	if (efi_enabled(EFI_DBG))
		pr_info("Processing EFI memory map:\n");

	/*
	 * What memblock holds now came from the DT's memory nodes: UEFI's map replaces it.
	 * (memblock=debug shows it first.)
	 */
	memblock_dump_all();
	memblock_remove(0, PHYS_ADDR_MAX);

	for_each_efi_memory_desc(md) {
		paddr = md->phys_addr;
		npages = md->num_pages;

		if (efi_enabled(EFI_DBG)) {
			char buf[64];

			pr_info("  0x%012llx-0x%012llx %s\n", paddr,
				paddr + (npages << EFI_PAGE_SHIFT) - 1,
				efi_md_typeattr_format(buf, sizeof(buf), md));
		}
		if (!efi_desc_sane(md, idx++, &overlaps))
			continue;

		memrange_efi_to_native(&paddr, &npages);
		size = npages << PAGE_SHIFT;

		if (is_memory(md)) {
			/* Special purpose memory stays out: it may be hotplugged or given to dax. */
			if (efi_soft_reserve_enabled() && (md->attribute & EFI_MEMORY_SP))
				continue;

			early_init_dt_add_memory_arch(paddr, size);

			if (!is_usable_memory(md) && memblock_mark_nomap(paddr, size))
				efi_memblock_incomplete = true;

			/* keep ACPI reclaim memory intact for kexec etc. */
			if (md->type == EFI_ACPI_RECLAIM_MEMORY && memblock_reserve(paddr, size))
				efi_memblock_incomplete = true;
		}
	}
	if (overlaps > EFI_OVERLAP_REPORTS)
		printk(KERN_WARNING "bootmem: efi: %d overlapping descriptors in all\n", overlaps);
}

void efi_init(void)
{
	struct efi_memory_map_data data;
	u64 efi_system_table;
	u32 secure_boot;

	/* Grab UEFI information placed in FDT by stub */
	efi_system_table = efi_get_fdt_params(&data, &secure_boot);
	if (!efi_system_table)
		return;

	if (!efi_memmap_data_ok(&data)) {
		printk(KERN_WARNING "bootmem: efi: ignoring UEFI: memory comes from the DT's memory nodes\n");
		return;
	}
	if (PAGE_ALIGN(data.size + (data.phys_map & ~PAGE_MASK)) >
	    EARLY_IOREMAP_SLOT_PAGES * PAGE_SIZE)
		printk(KERN_ERR "bootmem: efi: the memory map (/chosen/linux,uefi-mmap-size %#lx) is larger than an early_memremap slot (%lu KiB)\n",
		       data.size, EARLY_IOREMAP_SLOT_PAGES * PAGE_SIZE / 1024);
	if (efi_memmap_init_early(&data) < 0) {
		/* Booted through UEFI, its memory map is the only description of memory there is. */
		panic("Unable to map EFI memory map.\n");
	}

	if (efi.memmap.desc_version != 1) {
		/* Linux's WARN(): the message without the "efi: " prefix, then the warning. */
		printk(KERN_WARNING "Unexpected EFI_MEMORY_DESCRIPTOR version %ld\n",
		       efi.memmap.desc_version);
		WARN_ON(efi.memmap.desc_version != 1);
	}

	if (uefi_init(efi_system_table) < 0) {
		efi_memmap_unmap();
		return;
	}

	efi_set_secure_boot(secure_boot);

	reserve_regions();
	efi_regions_done = true;
	/* memblock is fully populated only now: cap it to linux,usable-memory-range. */
	early_init_dt_check_for_usable_mem_range();
	efi_find_mirror();

	memblock_reserve(data.phys_map & PAGE_MASK,
			 PAGE_ALIGN(data.size + (data.phys_map & ~PAGE_MASK)));
}

static void efi_init_reset(void)
{
	efi_memblock_incomplete = false;
	efi_regions_done = false;
}
host_reset(efi_init_reset);

/* ---------------------------------------------------------------- invariants */

/* The part of [base, end) that is still memory lies inside the union of memblock.reserved. */
static bool reserved_covers(phys_addr_t base, phys_addr_t end)
{
	struct memblock_region *m, *r;

	for_each_mem_region(m) {
		phys_addr_t p = max(base, m->base), e = min(end, m->base + m->size);

		/* mem= and the linear map's clip remove reserved ranges with the memory */
		for_each_reserved_mem_region(r) {
			if (p >= e || r->base > p)
				break;
			if (r->base + r->size > p)
				p = r->base + r->size;
		}
		if (p < e)
			return false;
	}
	return true;
}

int efi_check_invariants(void)
{
	efi_memory_desc_t *md;
	struct memblock_region *r;
	int bad = 0;

	if (!efi_regions_done || !efi_enabled(EFI_MEMMAP) || efi_memblock_incomplete)
		return 0;
	for_each_efi_memory_desc(md) {
		u64 base = md->phys_addr, npages = md->num_pages, end;

		if (!is_memory(md) || (md->num_pages >> (64 - EFI_PAGE_SHIFT)) ||
		    efi_mem_desc_end(md) < md->phys_addr ||
		    (efi_soft_reserve_enabled() && (md->attribute & EFI_MEMORY_SP)))
			continue;
		memrange_efi_to_native(&base, &npages);
		end = base + (npages << PAGE_SHIFT);
		if (!is_usable_memory(md)) {
			for_each_mem_region(r) {
				if (r->base >= end || r->base + r->size <= base ||
				    (r->flags & MEMBLOCK_NOMAP))
					continue;
				bm_err("invariants: efi: non-usable descriptor [mem %#018llx-%#018llx] is in memblock.memory [%pa+%pa] without NOMAP\n",
				       base, end - 1,
				       &r->base, &r->size);
				bad++;
			}
		}
		if (md->type == EFI_ACPI_RECLAIM_MEMORY && end > base && !reserved_covers(base, end)) {
			bm_err("invariants: efi: ACPI reclaim [mem %#018llx-%#018llx] is not reserved\n",
			       base, end - 1);
			bad++;
		}
	}
	if (early_ioremap_slots_used() != 1) {
		bm_err("invariants: efi: %d early_memremap slots in use, want 1 (the memory map)\n",
		       early_ioremap_slots_used());
		bad++;
	}
	return bad;
}
