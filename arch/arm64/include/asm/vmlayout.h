/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel half of the VA space, region by region: Linux 6.1's constants with 4 KiB pages
 * (48-bit VA), Linux 6.12's with 16 KiB (47-bit); no KASAN. What ptdump names and what the
 * fixmap sits under.
 * Derived only from VA_BITS and PAGE_OFFSET, so the host harness's asm/memory.h serves too.
 */
#ifndef _ASM_VMLAYOUT_H
#define _ASM_VMLAYOUT_H

#include <linux/sizes.h>
#include <asm/memory.h>


#define _PAGE_END(va)		(-(1UL << ((va) - 1)))
#define PAGE_END		_PAGE_END(VA_BITS)	/* end of the linear map */

/* struct page is at most 64 bytes: the vmemmap is 1/64th of the linear map. */
#define STRUCT_PAGE_MAX_SHIFT	6
#define VMEMMAP_SHIFT		(PAGE_SHIFT - STRUCT_PAGE_MAX_SHIFT)
#define VMEMMAP_SIZE		((PAGE_END - PAGE_OFFSET) >> VMEMMAP_SHIFT)
#define PCI_IO_SIZE		SZ_16M
/* arm64's vmemmap_populate(): PMD blocks with 4 KiB pages, base pages with 16 KiB. */
#define VMEMMAP_PMD_BLOCKS	(PAGE_SHIFT == 12)

#ifdef CONFIG_ARM64_16K_PAGES
/*
 * Linux 6.12's layout (the only kernel Debian ships with 16 KiB pages), for the 47 bits a
 * CPU without LPA2 runs: modules (2 GiB) and the image at PAGE_END, the vmemmap's used part
 * ending 1 GiB below the top, the PCI I/O window 8 MiB above it, the fixmap at -8 MiB.
 */
#define MODULES_VSIZE		SZ_2G
#define VMEMMAP_END		(-(1UL << 30))
#define VMEMMAP_START		(VMEMMAP_END - VMEMMAP_SIZE)
#define VMALLOC_END		(VMEMMAP_START - SZ_8M)
#define PCI_IO_START		(VMEMMAP_END + SZ_8M)
#define PCI_IO_END		(PCI_IO_START + PCI_IO_SIZE)
#else
#define MODULES_VSIZE		SZ_128M
#define VMEMMAP_START		(-(1UL << (VA_BITS - VMEMMAP_SHIFT)))
#define VMEMMAP_END		(VMEMMAP_START + VMEMMAP_SIZE)
#define VMALLOC_END		(VMEMMAP_START - SZ_256M)
#define PCI_IO_END		(VMEMMAP_START - SZ_8M)
#define PCI_IO_START		(PCI_IO_END - PCI_IO_SIZE)
#endif

#define MODULES_VADDR		PAGE_END
#define MODULES_END		(MODULES_VADDR + MODULES_VSIZE)
#define VMALLOC_START		MODULES_END

#ifndef KIMAGE_VADDR
#define KIMAGE_VADDR		MODULES_END
#endif
#ifndef FIXADDR_TOP
#define FIXADDR_TOP		(VMEMMAP_START - SZ_32M)
#endif

_Static_assert(KIMAGE_VADDR == MODULES_END, "the image is linked right above the modules");
#ifdef CONFIG_ARM64_16K_PAGES
_Static_assert(FIXADDR_TOP == -SZ_8M, "FIXADDR_TOP as in Linux 6.12");
#else
_Static_assert(FIXADDR_TOP == VMEMMAP_START - SZ_32M, "FIXADDR_TOP as in Linux 6.1");
#endif

/* Linear-map address of a physical address (no pointer: it may not be mapped yet). */
#define __phys_to_virt(pa)	((unsigned long)((pa) - PHYS_OFFSET) | PAGE_OFFSET)
#define __virt_to_phys_lm(va)	((phys_addr_t)((va) & ~PAGE_OFFSET) + PHYS_OFFSET)

#endif /* _ASM_VMLAYOUT_H */
