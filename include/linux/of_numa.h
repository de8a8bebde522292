/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NUMA from the device tree (Linux's drivers/of/of_numa.c). The node masks, numa_add_memblk()
 * and the distance table belong to the NUMA core (<linux/numa.h>, mm/numa.c).
 */
#ifndef _BOOTMEM_LINUX_OF_NUMA_H
#define _BOOTMEM_LINUX_OF_NUMA_H

#include <linux/numa.h>

/*
 * numa-node-id of the cpus, then of every memory node (numa_add_memblk per reg entry, so
 * memblock_set_node), then the numa-distance-map-v1 matrix. 0 or -errno, as Linux.
 */
int of_numa_init(void);
/* numa-node-id of @node (a libfdt offset) or its nearest ancestor; NUMA_NO_NODE if none. */
int of_node_to_nid(int node);
/* The distance between two nodes, as the NUMA core's table has it. */
int node_distance(int from, int to);

#endif
