/* SPDX-License-Identifier: GPL-2.0 */
/* A named physical range, as Linux's struct resource (what /proc/iomem lists). */
#ifndef _BOOTMEM_LINUX_IOPORT_H
#define _BOOTMEM_LINUX_IOPORT_H

#include <linux/types.h>

struct resource {
	phys_addr_t start;
	phys_addr_t end;	/* inclusive; 0 with start 0: unset */
	const char *name;
};

static inline phys_addr_t resource_size(const struct resource *res)
{
	return res->end - res->start + 1;
}

#endif
