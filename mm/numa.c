// SPDX-License-Identifier: GPL-2.0
/*
 * NUMA core (Linux's drivers/base/arch_numa.c): the distance table, node registration from
 * memblock node ids, and NODE_DATA allocated top-down on each node; a fake node 0 when the
 * firmware describes no NUMA.
 */
#define pr_fmt(fmt) "NUMA: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/mmzone.h>
#include <linux/numa.h>
#include <asm/memory.h>

struct pglist_data *node_data[MAX_NUMNODES];
nodemask_t node_online_map;
nodemask_t numa_nodes_parsed;
unsigned int nr_node_ids = MAX_NUMNODES;
bool numa_off;

static int numa_distance_cnt;
static u8 *numa_distance;

static noinline void numa_free_distance(void)
{
	size_t size;

	if (!numa_distance)
		return;
	size = numa_distance_cnt * numa_distance_cnt * sizeof(numa_distance[0]);
	memblock_free(numa_distance, size);
	numa_distance_cnt = 0;
	numa_distance = NULL;
}

/* nr_node_ids^2 bytes, page aligned: Linux's 256-byte allocation that numa_init logs. */
static int numa_alloc_distance(void)
{
	size_t size = nr_node_ids * nr_node_ids * sizeof(numa_distance[0]);
	int i, j;

	numa_distance = memblock_alloc(size, PAGE_SIZE);
	if (WARN_ON(!numa_distance))
		return -ENOMEM;
	numa_distance_cnt = nr_node_ids;
	for (i = 0; i < numa_distance_cnt; i++)
		for (j = 0; j < numa_distance_cnt; j++)
			numa_distance[i * numa_distance_cnt + j] =
				i == j ? LOCAL_DISTANCE : REMOTE_DISTANCE;
	return 0;
}

void numa_set_distance(int from, int to, int distance)
{
	if (!numa_distance) {
		pr_warn("Warning: distance table not allocated yet\n");
		return;
	}
	if (from >= numa_distance_cnt || to >= numa_distance_cnt || from < 0 || to < 0) {
		pr_warn("Warning: node ids are out of bound, from=%d to=%d distance=%d\n",
			from, to, distance);
		return;
	}
	if ((u8)distance != distance || (from == to && distance != LOCAL_DISTANCE)) {
		pr_warn("Warning: invalid distance parameter, from=%d to=%d distance=%d\n",
			from, to, distance);
		return;
	}
	numa_distance[from * numa_distance_cnt + to] = distance;
}

int __node_distance(int from, int to)
{
	if (from >= numa_distance_cnt || to >= numa_distance_cnt || from < 0 || to < 0)
		return from == to ? LOCAL_DISTANCE : REMOTE_DISTANCE;
	return numa_distance[from * numa_distance_cnt + to];
}

/* Give [start, end) to node @nid in memblock.memory and note that the node exists. */
int numa_add_memblk(int nid, u64 start, u64 end)
{
	int ret;

	if (nid < 0 || nid >= MAX_NUMNODES) {
		pr_warn("Warning: invalid node id %d for [mem %#010llx-%#010llx]\n",
			nid, start, end - 1);
		return -EINVAL;
	}
	ret = memblock_set_node(start, end - start, &memblock.memory, nid);
	if (ret < 0) {
		pr_err("memblock [0x%llx - 0x%llx] failed to add on node %d\n",
		       start, end - 1, nid);
		return ret;
	}
	node_set(nid, &numa_nodes_parsed);
	return ret;
}

/* The node of the memblock.memory region holding @pfn; 0 if none (as Linux without NUMA). */
int early_pfn_to_nid(unsigned long pfn)
{
	unsigned long start, end;
	int nid = memblock_search_pfn_nid(pfn, &start, &end);

	return nid < 0 || nid >= MAX_NUMNODES ? 0 : nid;
}

static void get_pfn_range_for_nid(int nid, unsigned long *start_pfn, unsigned long *end_pfn)
{
	unsigned long this_start, this_end;
	int i;

	*start_pfn = -1UL;
	*end_pfn = 0;
	for_each_mem_pfn_range(i, nid, &this_start, &this_end, NULL) {
		*start_pfn = min(*start_pfn, this_start);
		*end_pfn = max(*end_pfn, this_end);
	}
	if (*start_pfn == -1UL)
		*start_pfn = 0;
}

static void setup_node_data(int nid, u64 start_pfn, u64 end_pfn)
{
	/* Linux's size, not ours: the next top-down allocations must land where Linux's do. */
	const size_t nd_size = roundup(LINUX_PGDAT_SIZE, SMP_CACHE_BYTES);
	phys_addr_t nd_pa;
	int tnid;

	_Static_assert(sizeof(pg_data_t) <= LINUX_PGDAT_SIZE, "pg_data_t outgrew Linux's");
	if (start_pfn >= end_pfn)
		pr_info("Initmem setup node %d [<memory-less node>]\n", nid);

	nd_pa = memblock_phys_alloc_try_nid(nd_size, SMP_CACHE_BYTES, nid);
	if (!nd_pa)
		panic("Cannot allocate %zu bytes for node %d data\n", nd_size, nid);

	pr_info("NODE_DATA [mem %#010Lx-%#010Lx]\n", nd_pa,
		(nd_pa + nd_size - 1));
	tnid = early_pfn_to_nid(nd_pa >> PAGE_SHIFT);
	if (tnid != nid)
		pr_info("NODE_DATA(%d) on node %d\n", nid, tnid);

	node_data[nid] = phys_to_virt(nd_pa);
	memset(node_data[nid], 0, sizeof(pg_data_t));
	node_data[nid]->node_id = nid;
	node_data[nid]->node_start_pfn = start_pfn;
	node_data[nid]->node_spanned_pages = end_pfn - start_pfn;
}

static int numa_register_nodes(void)
{
	struct memblock_region *mblk;
	int nid;

	for_each_mem_region(mblk) {
		int mblk_nid = memblock_get_region_node(mblk);
		phys_addr_t start = mblk->base, end = mblk->base + mblk->size - 1;

		if (mblk_nid == NUMA_NO_NODE || mblk_nid >= MAX_NUMNODES) {
			pr_warn("Warning: invalid memblk node %d [mem %#018llx-%#018llx]\n",
				mblk_nid, start, end);
			return -EINVAL;
		}
	}

	for_each_node_mask(nid, numa_nodes_parsed) {
		unsigned long start_pfn, end_pfn;

		get_pfn_range_for_nid(nid, &start_pfn, &end_pfn);
		setup_node_data(nid, start_pfn, end_pfn);
		node_set(nid, &node_online_map);
	}
	return 0;
}

static int numa_init(int (*init_func)(void))
{
	int ret;

	nodes_clear(&numa_nodes_parsed);
	nodes_clear(&node_online_map);

	ret = numa_alloc_distance();
	if (ret < 0)
		return ret;

	ret = init_func();
	if (ret < 0)
		goto out_free_distance;

	if (nodes_empty(&numa_nodes_parsed)) {
		pr_info("No NUMA configuration found\n");
		ret = -EINVAL;
		goto out_free_distance;
	}

	ret = numa_register_nodes();
	if (ret < 0)
		goto out_free_distance;
	return 0;

out_free_distance:
	numa_free_distance();
	return ret;
}

static int dummy_numa_init(void)
{
	phys_addr_t start = memblock_start_of_DRAM();
	phys_addr_t end = memblock_end_of_DRAM() - 1;
	int ret;

	if (numa_off)
		pr_info("NUMA disabled\n");
	pr_info("Faking a node at [mem %#018llx-%#018llx]\n",
		start, end);

	ret = numa_add_memblk(0, start, end + 1);
	if (ret) {
		pr_err("NUMA init failed\n");
		return ret;
	}
	numa_off = true;
	return 0;
}

/* arm64 bootmem_init's first step: nodes from the DT, else one node over everything. */
void arch_numa_init(void)
{
	if (!numa_off && !numa_init(of_numa_init))
		return;
	numa_init(dummy_numa_init);
}

static void numa_reset(void)
{
	memset(node_data, 0, sizeof(node_data));
	nodes_clear(&node_online_map);
	nodes_clear(&numa_nodes_parsed);
	nr_node_ids = MAX_NUMNODES;
	numa_off = false;
	numa_distance_cnt = 0;
	numa_distance = NULL;
}
host_reset(numa_reset);
