/* SPDX-License-Identifier: GPL-2.0 */
/* MMIO accessors: volatile accesses to Device memory are neither merged nor reordered. */
#ifndef _BOOTMEM_LINUX_IO_H
#define _BOOTMEM_LINUX_IO_H

#include <linux/types.h>

#define __iomem

static inline u32 readl(const volatile void __iomem *addr)
{
	return *(const volatile u32 *)addr;
}

static inline void writel(u32 val, volatile void __iomem *addr)
{
	*(volatile u32 *)addr = val;
}

/* Map one page of device registers for an early console or driver (arch: a fixmap slot). */
void __iomem *early_ioremap_console(phys_addr_t phys);
/* The same for the @n-th console UART (0 or 1). */
void __iomem *early_ioremap_console_n(int n, phys_addr_t phys);

#endif
