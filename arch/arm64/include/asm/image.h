/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Image bootmem stands for: the footprint of Debian's Linux 6.1 arm64 Image, which the
 * boot loader places, memblock reserves, map_mem leaves out of the linear-map pass and
 * paging_init partly frees, exactly as Linux's own. bootmem's real image lies inside it.
 */
#ifndef _ASM_IMAGE_H
#define _ASM_IMAGE_H

/*
 * Debian's linux-image-6.1.0-*-arm64 Image: the header's image_size (also the PE header's
 * SizeOfImage, and what bootmem's own Image header declares). The section bounds are in
 * arch/arm64/mm/init.c, with 6.12's (linux=6.12), from each Image's PE section table,
 * /proc/iomem's "Kernel code" and "Kernel data", and the Memory: line's sizes.
 */
#define LINUX_IMAGE_SIZE	0x2010000
#ifdef CONFIG_ARM64_16K_PAGES
#define LINUX_612_IMAGE_SIZE	0x2be0000	/* Debian's linux-image-6.12.117+deb12-arm64-16k */
#else
#define LINUX_612_IMAGE_SIZE	0x2b30000	/* Debian's linux-image-6.12.117+deb12-arm64 */
#endif
#define LINUX_STEXT		0x10000		/* _stext: SEGMENT_ALIGN (64 KiB) after _text */
#define LINUX_INIT_PG_DIR_SIZE	0x5000		/* 6.1: init_pg_dir..init_pg_end at the very end */

#ifndef __ASSEMBLY__
#include <linux/types.h>

/*
 * The footprint's bounds, as physical addresses (Linux's symbol names). With another
 * size (kernel_size=), _stext and init_pg_dir keep their distance from the ends and the
 * sections between scale with the size. @reserve is where memblock's reservation starts:
 * _stext in 6.1, _text in 6.12.
 */
struct kernel_image {
	phys_addr_t text, stext, etext, start_rodata, end_rodata;
	phys_addr_t init_begin, inittext_end, init_end;		/* init: text, then data */
	phys_addr_t sdata, edata, bss_start, bss_stop, init_pg_dir, end;
	phys_addr_t reserve;
};

/* The footprint in force (arm64_memblock_init sets it; the host's image model reads it). */
extern struct kernel_image kernel_image;
/*
 * Its size: 0 for the Image of the Linux followed (linux_image_size()), else kernel_size=
 * (or bootmem-layout's --kernel-size).
 */
extern u64 kernel_image_size;
/* image_size of Debian's Image of that Linux (version code as linux/version.h). */
u64 linux_image_size(unsigned int version);
/* The real image loaded (head.S: _end - _text); 0 on the host, which has none. */
extern u64 boot_image_size;

/* Lays the footprint out from the Image's load address @text (page aligned). */
void kernel_image_setup(phys_addr_t text);

#endif /* __ASSEMBLY__ */
#endif /* _ASM_IMAGE_H */
