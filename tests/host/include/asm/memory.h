/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host test harness: simulated physical memory. Physical addresses map into one large
 * sparse, lazily committed host mapping, so tests can describe 64 GiB boards cheaply.
 */
#ifndef _HOST_ASM_MEMORY_H
#define _HOST_ASM_MEMORY_H

#include <linux/types.h>

/* The kernel's layout (arch/arm64/include/asm/memory.h): 47-bit VA with 16 KiB pages. */
#ifdef CONFIG_ARM64_16K_PAGES
#define VA_BITS			47
#define PAGE_OFFSET		0xffff800000000000UL
#define KIMAGE_VADDR		0xffffc00080000000UL	/* where the modelled image is mapped */
#define FIXADDR_TOP		0xffffffffff800000UL
#else
#define VA_BITS			48
#define PAGE_OFFSET		0xffff000000000000UL
#define KIMAGE_VADDR		0xffff800008000000UL	/* where the modelled image is mapped */
#endif
#define LINEAR_MAP_SIZE		(1UL << (VA_BITS - 1))
#define MAX_FDT_SIZE		0x200000UL

extern s64 memstart_addr;
#define PHYS_OFFSET		((phys_addr_t)memstart_addr)

/* Defined by tests/host/harness.c: the window is [0, SIM_PHYS_LIMIT). */
#define SIM_PHYS_LIMIT		(1ULL << 42)
extern char *sim_phys_base;
void *sim_phys_to_virt(phys_addr_t pa);
phys_addr_t sim_virt_to_phys(const volatile void *p);

#define phys_to_virt(pa)	sim_phys_to_virt(pa)
#define virt_to_phys(p)		sim_virt_to_phys(p)
#define __va(x)			phys_to_virt((phys_addr_t)(x))
#define __pa(x)			virt_to_phys((void *)(x))

#endif
