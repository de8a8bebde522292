/* SPDX-License-Identifier: GPL-2.0 */
/* The "movable_node" switch (Linux: include/linux/memory_hotplug.h), read by memblock. */
#ifndef _LINUX_MEMORY_HOTPLUG_H
#define _LINUX_MEMORY_HOTPLUG_H

#include <linux/types.h>

/* Set by the "movable_node" early parameter (mm/memory_hotplug.c). */
extern bool movable_node_enabled;

/* With movable_node, memblock keeps its allocations out of MEMBLOCK_HOTPLUG memory. */
static inline bool movable_node_is_enabled(void)
{
	return movable_node_enabled;
}

#endif
