/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NUMA node ids, node masks and the arch_numa interface (drivers/base/arch_numa.c in
 * Linux): node registration, the distance table and NODE_DATA.
 */
#ifndef _BOOTMEM_LINUX_NUMA_H
#define _BOOTMEM_LINUX_NUMA_H

#include <linux/kernel.h>

#define LOCAL_DISTANCE		10
#define REMOTE_DISTANCE		20
#define DISTANCE_BITS		8
/* cpumask_size() with Debian 6.12's NR_CPUS 512 and CPUMASK_OFFSTACK: 512 bits. */
#define LINUX_612_CPUMASK_SIZE	64

/* A node mask is one word: MAX_NUMNODES is 16. */
typedef struct { unsigned long bits; } nodemask_t;

static inline void node_set(int nid, nodemask_t *m) { m->bits |= 1UL << nid; }
static inline void node_clear(int nid, nodemask_t *m) { m->bits &= ~(1UL << nid); }
static inline bool node_isset(int nid, const nodemask_t *m) { return m->bits >> nid & 1; }
static inline void nodes_clear(nodemask_t *m) { m->bits = 0; }
static inline bool nodes_empty(const nodemask_t *m) { return !m->bits; }
static inline int nodes_weight(const nodemask_t *m) { return __builtin_popcountl(m->bits); }

/* Nodes with memory (node_online_map in Linux) and nodes named by firmware. */
extern nodemask_t node_online_map;
extern nodemask_t numa_nodes_parsed;
extern unsigned int nr_node_ids;

#define node_online(nid)	node_isset(nid, &node_online_map)
#define for_each_node_mask(nid, mask) \
	for ((nid) = 0; (nid) < MAX_NUMNODES; (nid)++) if (node_isset(nid, &(mask)))
#define for_each_online_node(nid)	for_each_node_mask(nid, node_online_map)
#define num_online_nodes()	nodes_weight(&node_online_map)

/* mm/numa.c: arch_numa.c's API, called by the DT parser (of_numa_init). */
int numa_add_memblk(int nid, u64 start, u64 end);
void numa_set_distance(int from, int to, int distance);
int __node_distance(int from, int to);
/* arm64's node_distance() is the table's (asm/numa.h: #define node_distance __node_distance). */
static inline int node_distance(int from, int to)
{
	return __node_distance(from, to);
}
int early_pfn_to_nid(unsigned long pfn);

/* Boot: of_numa_init() from the DT, else one fake node over all memory. */
void arch_numa_init(void);
int of_numa_init(void);			/* boot/of_numa.c */
extern bool numa_off;

#endif
