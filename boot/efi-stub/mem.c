// SPDX-License-Identifier: GPL-2.0
/*
 * The EFI stub's memory calls, shaped as Linux 6.1's libstub (mem.c, alignedmem.c,
 * randomalloc.c) shapes them, so that the firmware's memory map ends up the way Linux leaves
 * it: the same allocation types, sizes, alignments and limits, in the same order.
 */
#include "efistub.h"

/*
 * The current map in a pool allocation with room for EFI_MMAP_NR_SLACK_SLOTS more
 * descriptors. The final one (@install_cfg_tbl) is EFI_ACPI_RECLAIM_MEMORY and is published
 * as the LINUX_EFI_BOOT_MEMMAP table first, because installing a table may itself allocate.
 */
efi_status_t efi_get_memory_map(struct efi_boot_memmap **map, bool install_cfg_tbl)
{
	int memtype = install_cfg_tbl ? EFI_ACPI_RECLAIM_MEMORY : EFI_LOADER_DATA;
	efi_guid_t tbl_guid = LINUX_EFI_BOOT_MEMMAP_GUID;
	struct efi_boot_memmap *m, tmp;
	efi_status_t status;
	unsigned long size;

	tmp.map_size = 0;
	status = efi_bs_call(get_memory_map, &tmp.map_size, NULL, &tmp.map_key,
			     &tmp.desc_size, &tmp.desc_ver);
	if (status != EFI_BUFFER_TOO_SMALL)
		return EFI_LOAD_ERROR;

	size = tmp.map_size + tmp.desc_size * EFI_MMAP_NR_SLACK_SLOTS;
	status = efi_bs_call(allocate_pool, memtype, sizeof(*m) + size, (void **)&m);
	if (status != EFI_SUCCESS)
		return status;

	if (install_cfg_tbl) {
		status = efi_bs_call(install_configuration_table, &tbl_guid, m);
		if (status != EFI_SUCCESS)
			goto free_map;
	}
	m->buff_size = m->map_size = size;
	status = efi_bs_call(get_memory_map, &m->map_size, m->map, &m->map_key,
			     &m->desc_size, &m->desc_ver);
	if (status != EFI_SUCCESS)
		goto uninstall_table;
	*map = m;
	return EFI_SUCCESS;

uninstall_table:
	if (install_cfg_tbl)
		efi_bs_call(install_configuration_table, &tbl_guid, NULL);
free_map:
	efi_bs_call(free_pool, m);
	return status;
}

/*
 * EFI_LOADER_DATA pages, as high as possible below @max (and below 2^48), 64 KiB aligned:
 * arm64's EFI_ALLOC_ALIGN is bigger than a UEFI page, so this is always the aligned path.
 */
efi_status_t efi_allocate_pages(unsigned long size, unsigned long *addr, unsigned long max)
{
	return efi_allocate_pages_aligned(size, addr, min(max, EFI_ALLOC_LIMIT),
					  EFI_ALLOC_ALIGN, EFI_LOADER_DATA);
}

/*
 * @size bytes aligned to @align, below @max: ask for align/4K - 1 pages more than needed
 * (AllocateMaxAddress gives the highest fit), then give back the pages below the aligned base
 * and above its end.
 */
efi_status_t efi_allocate_pages_aligned(unsigned long size, unsigned long *addr,
					unsigned long max, unsigned long align, int memory_type)
{
	efi_physical_addr_t alloc_addr;
	efi_status_t status;
	int slack;

	max = min(max, EFI_ALLOC_LIMIT);
	if (align < EFI_ALLOC_ALIGN)
		align = EFI_ALLOC_ALIGN;

	alloc_addr = ALIGN_DOWN(max + 1, align) - 1;
	size = round_up(size, EFI_ALLOC_ALIGN);
	slack = align / EFI_PAGE_SIZE - 1;

	status = efi_bs_call(allocate_pages, EFI_ALLOCATE_MAX_ADDRESS, memory_type,
			     size / EFI_PAGE_SIZE + slack, &alloc_addr);
	if (status != EFI_SUCCESS)
		return status;

	*addr = ALIGN((unsigned long)alloc_addr, align);
	if (slack > 0) {
		int below = (alloc_addr & (align - 1)) / EFI_PAGE_SIZE;

		if (below) {
			efi_bs_call(free_pages, alloc_addr, slack - below + 1);
			slack = below - 1;
		}
		if (slack)
			efi_bs_call(free_pages, *addr + size, slack);
	}
	return EFI_SUCCESS;
}

void efi_free(unsigned long size, unsigned long addr)
{
	if (!size)
		return;
	efi_bs_call(free_pages, addr, round_up(size, EFI_ALLOC_ALIGN) / EFI_PAGE_SIZE);
}

/* How many @align-aligned places for @size bytes this descriptor offers (randomalloc.c). */
static unsigned long get_entry_num_slots(const efi_memory_desc_t *md, unsigned long size,
					 unsigned long align, u64 alloc_min, u64 alloc_max)
{
	u64 first_slot, last_slot, region_end;

	if (md->type != EFI_CONVENTIONAL_MEMORY)
		return 0;
	if (md->attribute & EFI_MEMORY_HOT_PLUGGABLE)
		return 0;
	if (efi_soft_reserve_enabled() && (md->attribute & EFI_MEMORY_SP))
		return 0;

	region_end = min(md->phys_addr + md->num_pages * EFI_PAGE_SIZE - 1, alloc_max);
	if (region_end < size)
		return 0;
	first_slot = round_up(max(md->phys_addr, alloc_min), (u64)align);
	last_slot = round_down(region_end - size + 1, (u64)align);
	if (first_slot > last_slot)
		return 0;
	return (last_slot - first_slot) / align + 1;
}

/*
 * KASLR's physical placement: count every suitable slot of conventional memory (only the
 * "more reliable" ones if any are), pick slot number (total * seed) >> 32 and allocate it
 * at its exact address. The descriptors' virt_addr fields hold the per-entry counts meanwhile.
 */
efi_status_t efi_random_alloc(unsigned long size, unsigned long align, unsigned long *addr,
			      unsigned long random_seed, int memory_type,
			      unsigned long alloc_min, unsigned long alloc_max)
{
	unsigned long total_slots = 0, total_mirrored_slots = 0, target_slot;
	struct efi_boot_memmap *map;
	efi_status_t status;
	unsigned long off;

	status = efi_get_memory_map(&map, false);
	if (status != EFI_SUCCESS)
		return status;

	if (align < EFI_ALLOC_ALIGN)
		align = EFI_ALLOC_ALIGN;
	if (alloc_min == 0)
		alloc_min = align;		/* never hand out address 0 */
	size = round_up(size, EFI_ALLOC_ALIGN);

	for (off = 0; off < map->map_size; off += map->desc_size) {
		efi_memory_desc_t *md = (void *)((char *)map->map + off);
		unsigned long slots = get_entry_num_slots(md, size, align, alloc_min, alloc_max);

		md->virt_addr = slots;
		total_slots += slots;
		if (md->attribute & EFI_MEMORY_MORE_RELIABLE)
			total_mirrored_slots += slots;
	}
	if (total_mirrored_slots > 0)
		total_slots = total_mirrored_slots;

	target_slot = (total_slots * (u64)(random_seed & U32_MAX)) >> 32;
	status = EFI_NOT_FOUND;
	for (off = 0; off < map->map_size; off += map->desc_size) {
		efi_memory_desc_t *md = (void *)((char *)map->map + off);
		efi_physical_addr_t target;

		if (total_mirrored_slots > 0 && !(md->attribute & EFI_MEMORY_MORE_RELIABLE))
			continue;
		if (target_slot >= md->virt_addr) {
			target_slot -= md->virt_addr;
			continue;
		}
		target = round_up(max_t(u64, md->phys_addr, alloc_min), (u64)align) +
			 target_slot * align;
		status = efi_bs_call(allocate_pages, EFI_ALLOCATE_ADDRESS, memory_type,
				     size / EFI_PAGE_SIZE, &target);
		if (status == EFI_SUCCESS)
			*addr = target;
		break;
	}
	efi_bs_call(free_pool, map);
	return status;
}

/* Where the runtime regions go when the stub calls SetVirtualAddressMap (Linux's). */
#define EFI_RT_VIRTUAL_BASE	0x20000000UL	/* SZ_512M */

efi_status_t efi_alloc_virtmap(efi_memory_desc_t **virtmap, unsigned long *desc_size,
			       u32 *desc_ver)
{
	unsigned long size = 0, mmap_key;
	efi_status_t status;

	/* the whole current map bounds the runtime part of the final one */
	status = efi_bs_call(get_memory_map, &size, NULL, &mmap_key, desc_size, desc_ver);
	if (status != EFI_BUFFER_TOO_SMALL)
		return EFI_LOAD_ERROR;
	return efi_bs_call(allocate_pool, EFI_LOADER_DATA, size, (void **)virtmap);
}

/*
 * Linux's efi_get_virtmap() (libstub/efi-stub.c; here beside the other memory-map calls, which
 * the host tests build): each runtime region's virtual address. With efi_novamap, its
 * physical one (the kernel maps them 1:1). Otherwise regions are packed upwards from 512 MiB
 * in map order, each from its 64 KiB-aligned start (so a 64 KiB-page kernel could map them
 * too), 2 MiB-aligned when the region is 2 MiB-aligned and at least that big; @runtime_map
 * gets a copy of each for SetVirtualAddressMap().
 */
void efi_get_virtmap(efi_memory_desc_t *memory_map, unsigned long map_size,
		     unsigned long desc_size, efi_memory_desc_t *runtime_map, int *count)
{
	u64 virt_base = EFI_RT_VIRTUAL_BASE;
	efi_memory_desc_t *out = runtime_map;
	unsigned long off;

	*count = 0;
	for (off = 0; off + desc_size <= map_size; off += desc_size) {
		efi_memory_desc_t *in = (void *)((char *)memory_map + off);
		u64 paddr, size;

		if (!(in->attribute & EFI_MEMORY_RUNTIME))
			continue;
		in->virt_addr = in->phys_addr;
		if (efi_novamap)
			continue;
		paddr = round_down(in->phys_addr, 0x10000UL);
		size = in->num_pages * EFI_PAGE_SIZE + (in->phys_addr - paddr);
		if (IS_ALIGNED(in->phys_addr, 0x200000UL) && size >= 0x200000UL)
			virt_base = round_up(virt_base, 0x200000UL);
		else
			virt_base = round_up(virt_base, 0x10000UL);
		in->virt_addr += virt_base - paddr;
		virt_base += size;
		memcpy(out, in, desc_size);
		out = (void *)((char *)out + desc_size);
		++*count;
	}
}
