/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel half of the 48-bit VA space, region by region, with Linux 6.1's constants
 * (4 KiB pages, no KASAN): what ptdump names and what the fixmap sits under.
 * Derived only from VA_BITS and PAGE_OFFSET, so the host harness's asm/memory.h serves too.
 */
#ifndef _ASM_VMLAYOUT_H
#define _ASM_VMLAYOUT_H

#include <linux/sizes.h>
#include <asm/memory.h>

#ifdef CONFIG_ARM64_16K_PAGES
#error "make PAGE_SIZE=16K: the 16 KiB granule's virtual layout (47-bit VA, fixmap) and page tables (three levels, head.S's TCR_EL1.TG0/TG1, pgtable_build.c, ptdump.c) are not done yet; see docs/linux-versions.md"
#endif

#define _PAGE_END(va)		(-(1UL << ((va) - 1)))
#define PAGE_END		_PAGE_END(VA_BITS)	/* end of the linear map */

#define MODULES_VADDR		PAGE_END
#define MODULES_VSIZE		SZ_128M
#define MODULES_END		(MODULES_VADDR + MODULES_VSIZE)
#define VMALLOC_START		MODULES_END

/* struct page is at most 64 bytes: the vmemmap is 1/64th of the linear map. */
#define STRUCT_PAGE_MAX_SHIFT	6
#define VMEMMAP_SHIFT		(PAGE_SHIFT - STRUCT_PAGE_MAX_SHIFT)
#define VMEMMAP_SIZE		((PAGE_END - PAGE_OFFSET) >> VMEMMAP_SHIFT)
#define VMEMMAP_START		(-(1UL << (VA_BITS - VMEMMAP_SHIFT)))
#define VMEMMAP_END		(VMEMMAP_START + VMEMMAP_SIZE)
#define VMALLOC_END		(VMEMMAP_START - SZ_256M)

#define PCI_IO_SIZE		SZ_16M
#define PCI_IO_END		(VMEMMAP_START - SZ_8M)
#define PCI_IO_START		(PCI_IO_END - PCI_IO_SIZE)

#ifndef KIMAGE_VADDR
#define KIMAGE_VADDR		MODULES_END
#endif
#ifndef FIXADDR_TOP
#define FIXADDR_TOP		(VMEMMAP_START - SZ_32M)
#endif

_Static_assert(KIMAGE_VADDR == MODULES_END, "the image is linked right above the modules");
_Static_assert(FIXADDR_TOP == VMEMMAP_START - SZ_32M, "FIXADDR_TOP as in Linux 6.1");

/* Linear-map address of a physical address (no pointer: it may not be mapped yet). */
#define __phys_to_virt(pa)	((unsigned long)((pa) - PHYS_OFFSET) | PAGE_OFFSET)
#define __virt_to_phys_lm(va)	((phys_addr_t)((va) & ~PAGE_OFFSET) + PHYS_OFFSET)

#endif /* _ASM_VMLAYOUT_H */
