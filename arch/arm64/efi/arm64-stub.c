// SPDX-License-Identifier: GPL-2.0
/*
 * The arm64 half of the EFI stub, as Linux 6.1's libstub/arm64-stub.c decides it: whether to
 * call SetVirtualAddressMap, where the kernel image runs (in place or a copy) and the jump.
 */
#include <libfdt.h>
#include <asm/image.h>
#include "efistub.h"

#define MIN_KIMG_ALIGN	0x200000UL	/* 2 MiB: Linux's placement when KASLR is off */
#define EFI_KIMG_ALIGN	0x10000UL	/* max(SEGMENT_ALIGN 64K, THREAD_ALIGN 32K) */

/*
 * The fewest VA bits the kernel may run with (Linux's VA_BITS_MIN): Debian's 6.12 kernels are
 * built for 52-bit VAs, which fall back to 48 with 4 KiB pages and to 47 with 16 KiB ones on
 * a CPU without LPA2.
 */
#ifdef CONFIG_ARM64_16K_PAGES
#define STUB_VA_BITS_MIN	47
#else
#define STUB_VA_BITS_MIN	48
#endif

/*
 * With 48 bits of VA for TTBR0 the kernel maps runtime services 1:1, so Linux sets
 * efi_novamap and never calls SetVirtualAddressMap; with fewer (16 KiB pages) the stub calls
 * it, runtime regions packed from 512 MiB (efi_get_virtmap). (Linux also calls it on Ampere
 * eMAG and Altra machines, recognised by their SMBIOS type 4 record; bootmem does not, see
 * docs/boot.md.) The granule itself needs no check: head.S parks a CPU without it.
 */
efi_status_t check_platform_features(void)
{
	if (STUB_VA_BITS_MIN >= 48)
		efi_novamap = true;
	return EFI_SUCCESS;
}

/*
 * Some loaders (GRUB) do not allocate or clear the image's BSS: check that the whole memory
 * footprint from @base lies in one descriptor of the current map.
 */
static bool check_image_region(u64 base, u64 size)
{
	struct efi_boot_memmap *map;
	unsigned long off;
	bool ret = false;

	if (efi_get_memory_map(&map, false) != EFI_SUCCESS)
		return false;
	for (off = 0; off < map->map_size; off += map->desc_size) {
		efi_memory_desc_t *md = (void *)((char *)map->map + off);
		u64 end = md->phys_addr + md->num_pages * EFI_PAGE_SIZE;

		if (base >= md->phys_addr && base < end) {
			ret = base + size <= end;
			break;
		}
	}
	efi_bs_call(free_pool, map);
	return ret;
}

/* The Image header's image_size: the memory footprint, BSS and early page tables included. */
static u64 image_memsize(void)
{
	const u8 *p = (const u8 *)_text + 16;
	u64 v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/*
 * The Linux whose Image this file stands for, by its header's image_size: 6.12's with
 * build/Image.linux612-size (scripts/pe-image.py footprint), else 6.1. The stub follows it
 * until linux= on its own command line says otherwise; under U-Boot's bootefi that command
 * line is empty (the kernel's words are in /chosen/bootargs), as it is for Linux.
 */
unsigned int efi_image_linux_version(void)
{
	return image_memsize() == LINUX_612_IMAGE_SIZE ? KERNEL_VERSION(6, 12, 0) :
							 KERNEL_VERSION(6, 1, 0);
}

/*
 * The seed for a random placement, or 0 (Linux 6.12's efi_kaslr_get_phys_seed(); 6.1 has the
 * same steps inline). Without an EFI_RNG_PROTOCOL it turns nokaslr on.
 */
static u32 efi_kaslr_get_phys_seed(efi_handle_t image_handle)
{
	efi_guid_t li_fixed_proto = LINUX_EFI_LOADED_IMAGE_FIXED_GUID;
	efi_status_t status;
	u32 phys_seed = 0;
	void *p;

	if (efi_nokaslr) {
		efi_info("KASLR disabled on kernel command line\n");
	} else if (efi_bs_call(handle_protocol, image_handle, &li_fixed_proto, &p) == EFI_SUCCESS) {
		efi_info("Image placement fixed by loader\n");
	} else {
		status = efi_get_random_bytes(sizeof(phys_seed), (u8 *)&phys_seed);
		if (status == EFI_NOT_FOUND) {
			efi_info("EFI_RNG_PROTOCOL unavailable\n");
			efi_nokaslr = true;
		} else if (status != EFI_SUCCESS) {
			efi_err("efi_get_random_bytes() failed (0x%lx)\n", status);
			efi_nokaslr = true;
		}
	}
	return phys_seed;
}

static void check_image_base(efi_loaded_image_t *image, unsigned long text)
{
	if ((unsigned long)image->image_base != text)
		efi_err("FIRMWARE BUG: efi_loaded_image_t::image_base has bogus value\n");
	if (!IS_ALIGNED(text, EFI_KIMG_ALIGN))
		efi_err("FIRMWARE BUG: kernel image not aligned on %dk boundary\n",
			(int)(EFI_KIMG_ALIGN >> 10));
}

/*
 * Linux's placement: with KASLR possible (no nokaslr, an EFI_RNG_PROTOCOL, no loader that
 * fixed the placement) a random 64 KiB-aligned slot of conventional memory and a copy there.
 * Otherwise run where the firmware's PE loader put the image if it is aligned (64 KiB, or
 * 2 MiB when nokaslr was asked for), else copy it to the highest aligned place. bootmem
 * runs at any 4 KiB-aligned address; it follows Linux so the firmware's map ends as Linux's.
 *
 * The two Linux versions differ in order. 6.1 reads the alignment before the seed, so a
 * missing EFI_RNG_PROTOCOL leaves it at 64 KiB; 6.12 (handle_kernel_image() calling
 * efi_kaslr_relocate_kernel(), arm64 KASLR moved into libstub's kaslr.c) checks the image
 * first and reads the alignment after the seed, so the nokaslr that a missing RNG sets
 * asks for 2 MiB: under U-Boot's bootefi its kernel moves, 6.1's does not.
 */
efi_status_t handle_kernel_image(unsigned long *image_addr, unsigned long *image_size,
				 unsigned long *reserve_addr, unsigned long *reserve_size,
				 efi_loaded_image_t *image, efi_handle_t image_handle)
{
	bool v612 = efi_linux_version >= KERNEL_VERSION(6, 12, 0);
	u64 min_kimg_align = efi_nokaslr ? MIN_KIMG_ALIGN : EFI_KIMG_ALIGN;
	unsigned long text = (unsigned long)_text;
	unsigned long kernel_size, kernel_memsize;
	u32 phys_seed;
	efi_status_t status;

	if (v612)
		check_image_base(image, text);
	phys_seed = efi_kaslr_get_phys_seed(image_handle);
	if (v612)
		min_kimg_align = efi_nokaslr ? MIN_KIMG_ALIGN : EFI_KIMG_ALIGN;
	else
		check_image_base(image, text);

	kernel_size = (unsigned long)_edata - text;
	kernel_memsize = image_memsize();
	*reserve_size = kernel_memsize;

	if (phys_seed != 0) {
		status = efi_random_alloc(*reserve_size, min_kimg_align, reserve_addr, phys_seed,
					  EFI_LOADER_CODE, 0, EFI_ALLOC_LIMIT);
		if (status != EFI_SUCCESS)
			efi_warn("efi_random_alloc() failed: 0x%lx\n", status);
	} else {
		status = EFI_OUT_OF_RESOURCES;
	}

	if (status != EFI_SUCCESS) {
		if (!check_image_region(text, kernel_memsize)) {
			efi_err("FIRMWARE BUG: Image BSS overlaps adjacent EFI memory region\n");
		} else if (IS_ALIGNED(text, min_kimg_align) && text + kernel_memsize < EFI_ALLOC_LIMIT) {
			*image_addr = text;
			*reserve_size = 0;
			return EFI_SUCCESS;
		}
		status = efi_allocate_pages_aligned(*reserve_size, reserve_addr, ULONG_MAX,
						    min_kimg_align, EFI_LOADER_CODE);
		if (status != EFI_SUCCESS) {
			efi_err("Failed to relocate kernel\n");
			*reserve_size = 0;
			return status;
		}
	}
	*image_addr = *reserve_addr;
	memcpy((void *)*image_addr, _text, kernel_size);
	return EFI_SUCCESS;
}

/* The kernel's entry, at the same offset in the copy as in the image running now. */
void efi_enter_kernel_at(unsigned long image_addr, unsigned long fdt_addr)
{
	unsigned long entry = image_addr + ((unsigned long)primary_entry - (unsigned long)_text);

	efi_enter_kernel(entry, fdt_addr, fdt_totalsize((const void *)fdt_addr), image_addr, image_memsize());
}
