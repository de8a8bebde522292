// SPDX-License-Identifier: GPL-2.0
/*
 * The device tree the EFI stub hands the kernel, as Linux 6.1's libstub/fdt.c builds it:
 * a copy of the firmware's tree (or an empty one) without /memreserve/ entries, with the
 * command line and the UEFI system table and memory map in /chosen; then ExitBootServices.
 */
#include <libfdt.h>
#include "efistub.h"

#define EFI_DT_ADDR_CELLS_DEFAULT 2
#define EFI_DT_SIZE_CELLS_DEFAULT 2

/* An empty tree says how wide its (missing) memory nodes' cells would be. */
static void fdt_update_cell_size(void *fdt)
{
	int offset = fdt_path_offset(fdt, "/");

	fdt_setprop_u32(fdt, offset, "#address-cells", EFI_DT_ADDR_CELLS_DEFAULT);
	fdt_setprop_u32(fdt, offset, "#size-cells", EFI_DT_SIZE_CELLS_DEFAULT);
}

static int setprop_u64(void *fdt, int node, const char *name, u64 val)
{
	fdt64_t v = cpu_to_fdt64(val);

	return fdt_setprop(fdt, node, name, &v, sizeof(v));
}

static int setprop_u32(void *fdt, int node, const char *name, u32 val)
{
	fdt32_t v = cpu_to_fdt32(val);

	return fdt_setprop(fdt, node, name, &v, sizeof(v));
}

/*
 * Copy @orig_fdt (or create an empty tree) into @fdt. Memory nodes stay as they are (the
 * kernel takes memory from the UEFI map, efi_init drops what they added); every /memreserve/
 * entry goes, because the UEFI map says what is reserved. /chosen gets bootargs (only when
 * the load options gave a command line), the system table, placeholders for the memory map
 * (filled by update_fdt_memmap after the last GetMemoryMap), kaslr-seed when the firmware
 * has an RNG and KASLR is on, and the Secure Boot state. Then the tree is packed.
 */
efi_status_t update_fdt(void *orig_fdt, unsigned long orig_fdt_size, void *fdt,
			int new_fdt_size, char *cmdline_ptr)
{
	int node, num_rsv, status;

	if (orig_fdt) {
		if (fdt_check_header(orig_fdt)) {
			efi_err("Device Tree header not valid!\n");
			return EFI_LOAD_ERROR;
		}
		/* A configuration-table tree has no size to check against (0). */
		if (orig_fdt_size && fdt_totalsize(orig_fdt) > orig_fdt_size) {
			efi_err("Truncated device tree! foo!\n");
			return EFI_LOAD_ERROR;
		}
		status = fdt_open_into(orig_fdt, fdt, new_fdt_size);
	} else {
		status = fdt_create_empty_tree(fdt, new_fdt_size);
		if (status == 0)
			fdt_update_cell_size(fdt);	/* failures here are not fatal */
	}
	if (status != 0)
		goto fdt_set_fail;

	num_rsv = fdt_num_mem_rsv(fdt);
	while (num_rsv-- > 0)
		fdt_del_mem_rsv(fdt, num_rsv);

	node = fdt_subnode_offset(fdt, 0, "chosen");
	if (node < 0) {
		node = fdt_add_subnode(fdt, 0, "chosen");
		if (node < 0) {
			status = node;
			goto fdt_set_fail;
		}
	}
	if (cmdline_ptr && strlen(cmdline_ptr) > 0) {
		status = fdt_setprop(fdt, node, "bootargs", cmdline_ptr, strlen(cmdline_ptr) + 1);
		if (status)
			goto fdt_set_fail;
	}

	node = fdt_subnode_offset(fdt, 0, "chosen");
	status = setprop_u64(fdt, node, "linux,uefi-system-table",
			     (unsigned long)efi_system_table);
	if (status)
		goto fdt_set_fail;
	status = setprop_u64(fdt, node, "linux,uefi-mmap-start", U64_MAX);
	if (!status)
		status = setprop_u32(fdt, node, "linux,uefi-mmap-size", U32_MAX);
	if (!status)
		status = setprop_u32(fdt, node, "linux,uefi-mmap-desc-size", U32_MAX);
	if (!status)
		status = setprop_u32(fdt, node, "linux,uefi-mmap-desc-ver", U32_MAX);
	if (status)
		goto fdt_set_fail;

	if (!efi_nokaslr) {
		u64 seed;

		if (efi_get_random_bytes(sizeof(seed), (u8 *)&seed) == EFI_SUCCESS) {
			/* Raw random bytes: no byte order to convert. */
			status = fdt_setprop(fdt, node, "kaslr-seed", &seed, sizeof(seed));
			if (status)
				goto fdt_set_fail;
		}
	}
	status = setprop_u32(fdt, node, "linux,uefi-secure-boot", efi_get_secureboot());
	if (status)
		goto fdt_set_fail;

	fdt_pack(fdt);
	return EFI_SUCCESS;

fdt_set_fail:
	if (status == -FDT_ERR_NOSPACE)
		return EFI_BUFFER_TOO_SMALL;
	return EFI_LOAD_ERROR;
}

/* The final map into the placeholders, in place: the tree must not move or grow now. */
static efi_status_t update_fdt_memmap(void *fdt, struct efi_boot_memmap *map)
{
	int node = fdt_path_offset(fdt, "/chosen");
	fdt64_t v64;
	fdt32_t v32;

	if (node < 0)
		return EFI_LOAD_ERROR;
	v64 = cpu_to_fdt64((unsigned long)map->map);
	if (fdt_setprop_inplace(fdt, node, "linux,uefi-mmap-start", &v64, sizeof(v64)))
		return EFI_LOAD_ERROR;
	v32 = cpu_to_fdt32(map->map_size);
	if (fdt_setprop_inplace(fdt, node, "linux,uefi-mmap-size", &v32, sizeof(v32)))
		return EFI_LOAD_ERROR;
	v32 = cpu_to_fdt32(map->desc_size);
	if (fdt_setprop_inplace(fdt, node, "linux,uefi-mmap-desc-size", &v32, sizeof(v32)))
		return EFI_LOAD_ERROR;
	v32 = cpu_to_fdt32(map->desc_ver);
	if (fdt_setprop_inplace(fdt, node, "linux,uefi-mmap-desc-ver", &v32, sizeof(v32)))
		return EFI_LOAD_ERROR;
	return EFI_SUCCESS;
}

struct exit_boot_struct {
	struct efi_boot_memmap *boot_memmap;
	efi_memory_desc_t *runtime_map;
	int runtime_entry_count;
	void *new_fdt_addr;
};

/*
 * The runtime descriptors' virtual addresses (efi_get_virtmap: 1:1 with efi_novamap, see
 * check_platform_features), then the map's place and shape into /chosen.
 */
static efi_status_t exit_boot_func(struct efi_boot_memmap *map, void *priv)
{
	struct exit_boot_struct *p = priv;

	p->boot_memmap = map;
	efi_get_virtmap(map->map, map->map_size, map->desc_size, p->runtime_map,
			&p->runtime_entry_count);
	return update_fdt_memmap(p->new_fdt_addr, map);
}

/*
 * SetVirtualAddressMap() with the runtime descriptors. Past ExitBootServices there is no
 * way back: if it fails, the kernel is told by virtual addresses of U64_MAX (it then leaves
 * the runtime services alone), as Linux's stub does.
 */
static void set_virtual_address_map(struct exit_boot_struct *p, unsigned long desc_size,
				    u32 desc_ver)
{
	struct efi_boot_memmap *map = p->boot_memmap;
	unsigned long off;
	efi_status_t status;

	status = efi_system_table->runtime->set_virtual_address_map(
			p->runtime_entry_count * desc_size, desc_size, desc_ver, p->runtime_map);
	if (status == EFI_SUCCESS)
		return;
	for (off = 0; off + map->desc_size <= map->map_size; off += map->desc_size) {
		efi_memory_desc_t *md = (void *)((char *)map->map + off);

		if (md->attribute & EFI_MEMORY_RUNTIME)
			md->virt_addr = U64_MAX;
	}
}

/*
 * The device tree from the configuration table, NULL (and a message) if its header is bad.
 */
void *get_fdt(unsigned long *fdt_size)
{
	void *fdt = get_efi_config_table(DEVICE_TREE_GUID);

	if (!fdt)
		return NULL;
	if (fdt_check_header(fdt) != 0) {
		efi_err("Invalid header detected on UEFI supplied FDT, ignoring ...\n");
		return NULL;
	}
	*fdt_size = fdt_totalsize(fdt);
	return fdt;
}

/*
 * A 2 MiB EFI_LOADER_DATA buffer for the new tree (as high as the firmware gives it), the tree
 * built into it, then ExitBootServices: nothing may be allocated between the last
 * GetMemoryMap and ExitBootServices, so the tree already has room for the map's properties.
 */
static efi_status_t allocate_new_fdt_and_exit_boot(void *handle, efi_loaded_image_t *image,
						   unsigned long *new_fdt_addr, char *cmdline_ptr)
{
	struct exit_boot_struct priv = { 0 };
	unsigned long fdt_addr = 0, fdt_size = 0, desc_size = 0;
	u32 desc_ver = 0;
	efi_status_t status;

	if (!efi_novamap) {
		status = efi_alloc_virtmap(&priv.runtime_map, &desc_size, &desc_ver);
		if (status != EFI_SUCCESS) {
			efi_err("Unable to retrieve UEFI memory map.\n");
			return status;
		}
	}

	/*
	 * Debian's Linux (CONFIG_EFI_ARMSTUB_DTB_LOADER=y) loads a dtb= file from the boot volume
	 * when Secure Boot is off and ignores it otherwise; bootmem reads no files: it always
	 * ignores it, with Linux's words for that. The Secure Boot check is made either way.
	 */
	efi_get_secureboot();
	if (strstr(cmdline_ptr, "dtb="))
		efi_err("Ignoring DTB from command line.\n");

	fdt_addr = (unsigned long)get_fdt(&fdt_size);
	if (fdt_addr)
		efi_info("Using DTB from configuration table\n");
	else
		efi_info("Generating empty DTB\n");

	efi_info("Exiting boot services...\n");

	status = efi_allocate_pages(MAX_FDT_SIZE, new_fdt_addr, ULONG_MAX);
	if (status != EFI_SUCCESS) {
		efi_err("Unable to allocate memory for new device tree.\n");
		goto fail;
	}
	status = update_fdt((void *)fdt_addr, fdt_size, (void *)*new_fdt_addr, MAX_FDT_SIZE,
			    cmdline_ptr);
	if (status != EFI_SUCCESS) {
		efi_err("Unable to construct new device tree.\n");
		goto fail_free_new_fdt;
	}

	priv.new_fdt_addr = (void *)*new_fdt_addr;
	status = efi_exit_boot_services(handle, &priv, exit_boot_func);
	if (status == EFI_SUCCESS) {
		if (!efi_novamap)
			set_virtual_address_map(&priv, desc_size, desc_ver);
		return EFI_SUCCESS;
	}

	efi_err("Exit boot services failed.\n");
fail_free_new_fdt:
	efi_free(MAX_FDT_SIZE, *new_fdt_addr);
fail:
	return EFI_LOAD_ERROR;
}

efi_status_t efi_boot_kernel(void *handle, efi_loaded_image_t *image,
			     unsigned long kernel_addr, char *cmdline_ptr)
{
	unsigned long fdt_addr;
	efi_status_t status;

	status = allocate_new_fdt_and_exit_boot(handle, image, &fdt_addr, cmdline_ptr);
	if (status != EFI_SUCCESS) {
		efi_err("Failed to update FDT and exit boot services\n");
		return status;
	}
	efi_enter_kernel_at(kernel_addr, fdt_addr);
}
