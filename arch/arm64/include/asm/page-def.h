/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The translation granule, arm64 policy as Linux's asm/page-def.h and its Kconfig: 4 KiB
 * pages, or 16 KiB with CONFIG_ARM64_16K_PAGES (`make PAGE_SIZE=16K`), and the largest
 * buddy order each comes with (CONFIG_ARCH_FORCE_MAX_ORDER, in 6.12's inclusive terms).
 */
#ifndef _ASM_PAGE_DEF_H
#define _ASM_PAGE_DEF_H

#ifdef CONFIG_ARM64_16K_PAGES
#define PAGE_SHIFT		14
#define ARCH_FORCE_MAX_ORDER	11	/* 32 MiB blocks, one PMD */
#else
#define PAGE_SHIFT		12
#define ARCH_FORCE_MAX_ORDER	10	/* 4 MiB blocks */
#endif

#endif /* _ASM_PAGE_DEF_H */
