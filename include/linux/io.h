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

#endif
