/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arm64 virtual memory layout (4 KiB granule: 48-bit VA, as Linux 6.1 has it; 16 KiB: 47-bit):
 * the linear map of all memory at PAGE_OFFSET and the kernel image at KIMAGE_VADDR.
 */
#ifndef _ASM_MEMORY_H
#define _ASM_MEMORY_H

#ifdef __ASSEMBLY__
#define _UL(x)		x
#else
#define _UL(x)		x##UL
#endif

#ifdef CONFIG_ARM64_16K_PAGES
/*
 * Debian's arm64-16k 6.12 is built for 52-bit VAs (LPA2); on a CPU without LPA2 it runs
 * VA_BITS_MIN, 47 bits, with the linear map at _PAGE_OFFSET(47) and 6.12's layout above it:
 * 2 GiB of modules under the image, the fixmap 8 MiB below the top.
 */
#define VA_BITS			47
#define PAGE_OFFSET		_UL(0xffff800000000000)	/* start of the linear map */
#define KIMAGE_VADDR		_UL(0xffffc00080000000)	/* _PAGE_END(47) + SZ_2G */
#define FIXADDR_TOP		_UL(0xffffffffff800000)	/* -SZ_8M */
#else
#define VA_BITS			48
#define PAGE_OFFSET		_UL(0xffff000000000000)	/* start of the linear map */
#define KIMAGE_VADDR		_UL(0xffff800008000000)	/* the image's link address */
#define FIXADDR_TOP		_UL(0xfffffbfffe000000)	/* top of the fixmap (early I/O, FDT) */
#endif
#define LINEAR_MAP_SIZE		(_UL(1) << (VA_BITS - 1))	/* half the kernel VA space */
#define MAX_FDT_SIZE		_UL(0x200000)

#ifndef __ASSEMBLY__
#include <linux/types.h>

/* Physical address of the start of the linear map (Linux's memstart_addr). */
extern s64 memstart_addr;
#define PHYS_OFFSET		((phys_addr_t)memstart_addr)

/* Offset between the image's virtual and physical addresses, set by head.S. */
extern u64 kimage_voffset;

static inline void *phys_to_virt(phys_addr_t pa)
{
	return (void *)((pa - PHYS_OFFSET) | PAGE_OFFSET);
}

static inline int __is_lm_address(unsigned long va)
{
	return (va - PAGE_OFFSET) < LINEAR_MAP_SIZE;
}

static inline phys_addr_t virt_to_phys(const volatile void *p)
{
	unsigned long va = (unsigned long)p;

	if (__is_lm_address(va))
		return (va & ~PAGE_OFFSET) + PHYS_OFFSET;
	return va - kimage_voffset;
}

#define __va(x)			phys_to_virt((phys_addr_t)(x))
#define __pa(x)			virt_to_phys((void *)(x))
#define __pa_symbol(x)		((phys_addr_t)((unsigned long)(x) - kimage_voffset))
#define lm_alias(x)		__va(__pa_symbol(x))

#endif /* __ASSEMBLY__ */
#endif
