// SPDX-License-Identifier: GPL-2.0
/*
 * NUMA core (Linux's drivers/base/arch_numa.c): the distance table, node registration from
 * memblock node ids, and NODE_DATA allocated top-down on each node; a fake node 0 when the
 * firmware describes no NUMA. 6.12 collects the firmware's ranges in numa_meminfo first, as
 * x86 does (mm/numa_memblks.c, below), and only then gives memblock its node ids.
 */
#define pr_fmt(fmt) "NUMA: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/mmzone.h>
#include <linux/numa.h>
#include <asm/memory.h>
#include <linux/version.h>

struct pglist_data *node_data[MAX_NUMNODES];
nodemask_t node_online_map;
nodemask_t numa_nodes_parsed;
unsigned int nr_node_ids = MAX_NUMNODES;
bool numa_off;

static int numa_distance_cnt;
static u8 *numa_distance;

/*
 * ---- 6.12: mm/numa_memblks.c, the firmware's node ranges before memblock gets them ----
 * That file has no pr_fmt: its messages carry no "NUMA: " unless they say it themselves.
 */

#define NR_NODE_MEMBLKS		(MAX_NUMNODES * 2)

struct numa_memblk {
	u64 start, end;
	int nid;
};

struct numa_meminfo {
	int nr_blks;
	struct numa_memblk blk[NR_NODE_MEMBLKS];
};

static struct numa_meminfo numa_meminfo, numa_reserved_meminfo;

static int numa_add_memblk_to(int nid, u64 start, u64 end, struct numa_meminfo *mi)
{
	if (start == end)
		return 0;
	if (start > end || nid < 0 || nid >= MAX_NUMNODES) {
		printk(KERN_WARNING "Warning: invalid memblk node %d [mem %#010llx-%#010llx]\n",
		       nid, start, end - 1);
		return 0;
	}
	if (mi->nr_blks >= NR_NODE_MEMBLKS) {
		printk(KERN_ERR "too many memblk ranges\n");
		return -EINVAL;
	}
	mi->blk[mi->nr_blks].start = start;
	mi->blk[mi->nr_blks].end = end;
	mi->blk[mi->nr_blks].nid = nid;
	mi->nr_blks++;
	return 0;
}

static void numa_remove_memblk_from(int idx, struct numa_meminfo *mi)
{
	mi->nr_blks--;
	memmove(&mi->blk[idx], &mi->blk[idx + 1], (mi->nr_blks - idx) * sizeof(mi->blk[0]));
}

static void numa_move_tail_memblk(struct numa_meminfo *dst, int idx, struct numa_meminfo *src)
{
	dst->blk[dst->nr_blks++] = src->blk[idx];
	numa_remove_memblk_from(idx, src);
}

/*
 * numa_cleanup_meminfo(): ranges that are no memory go aside, the rest are clipped to
 * DRAM; ranges of one node merge unless another node's memory lies between them.
 */
static int numa_cleanup_meminfo(struct numa_meminfo *mi)
{
	const u64 low = memblock_start_of_DRAM();
	const u64 high = memblock_end_of_DRAM();
	int i, j, k;

	for (i = 0; i < mi->nr_blks; i++) {
		struct numa_memblk *bi = &mi->blk[i];

		if (!memblock_overlaps_region(&memblock.memory, bi->start, bi->end - bi->start)) {
			if (numa_reserved_meminfo.nr_blks < NR_NODE_MEMBLKS)
				numa_move_tail_memblk(&numa_reserved_meminfo, i--, mi);
			else
				numa_remove_memblk_from(i--, mi);
			continue;
		}
		bi->start = max(bi->start, low);
		if (bi->end > high) {
			numa_add_memblk_to(bi->nid, high, bi->end, &numa_reserved_meminfo);
			bi->end = high;
		}
		if (bi->start >= bi->end)
			numa_remove_memblk_from(i--, mi);
	}

	for (i = 0; i < mi->nr_blks; i++) {
		struct numa_memblk *bi = &mi->blk[i];

		for (j = i + 1; j < mi->nr_blks; j++) {
			struct numa_memblk *bj = &mi->blk[j];
			u64 start, end;

			if (bi->end > bj->start && bi->start < bj->end) {
				if (bi->nid != bj->nid) {
					printk(KERN_ERR "node %d [mem %#010llx-%#010llx] overlaps with node %d [mem %#010llx-%#010llx]\n",
					       bi->nid, bi->start, bi->end - 1,
					       bj->nid, bj->start, bj->end - 1);
					return -EINVAL;
				}
				printk(KERN_WARNING "Warning: node %d [mem %#010llx-%#010llx] overlaps with itself [mem %#010llx-%#010llx]\n",
				       bi->nid, bi->start, bi->end - 1, bj->start, bj->end - 1);
			}
			if (bi->nid != bj->nid)
				continue;
			start = min(bi->start, bj->start);
			end = max(bi->end, bj->end);
			for (k = 0; k < mi->nr_blks; k++) {
				struct numa_memblk *bk = &mi->blk[k];

				if (bi->nid == bk->nid)
					continue;
				if (start < bk->end && end > bk->start)
					break;
			}
			if (k < mi->nr_blks)
				continue;
			printk(KERN_INFO "NUMA: Node %d [mem %#010llx-%#010llx] + [mem %#010llx-%#010llx] -> [mem %#010llx-%#010llx]\n",
			       bi->nid, bi->start, bi->end - 1, bj->start, bj->end - 1,
			       start, end - 1);
			bi->start = start;
			bi->end = end;
			numa_remove_memblk_from(j--, mi);
		}
	}

	for (i = mi->nr_blks; i < NR_NODE_MEMBLKS; i++) {
		mi->blk[i].start = mi->blk[i].end = 0;
		mi->blk[i].nid = NUMA_NO_NODE;
	}
	return 0;
}

static void numa_nodemask_from_meminfo(nodemask_t *mask, const struct numa_meminfo *mi)
{
	int i;

	for (i = 0; i < mi->nr_blks; i++)
		if (mi->blk[i].start != mi->blk[i].end && mi->blk[i].nid != NUMA_NO_NODE)
			node_set(mi->blk[i].nid, mask);
}

/*
 * numa_clear_kernel_node_hotplug(): memblock.reserved is split along the nodes and each
 * piece gets its node; a node holding any reservation cannot be unplugged, so its ranges
 * lose MEMBLOCK_HOTPLUG (numa_memblks_init() cleared every other one already).
 */
static void numa_clear_kernel_node_hotplug(void)
{
	nodemask_t reserved = { 0 };
	struct memblock_region *r;
	int i;

	for (i = 0; i < numa_meminfo.nr_blks; i++) {
		struct numa_memblk *mb = &numa_meminfo.blk[i];

		WARN_ON(memblock_set_node(mb->start, mb->end - mb->start, &memblock.reserved,
					  mb->nid));
	}
	for_each_reserved_mem_region(r) {
		int nid = memblock_get_region_node(r);

		if (nid >= 0 && nid < MAX_NUMNODES)
			node_set(nid, &reserved);
	}
	for (i = 0; i < numa_meminfo.nr_blks; i++) {
		struct numa_memblk *mb = &numa_meminfo.blk[i];

		if (node_isset(mb->nid, &reserved))
			memblock_clear_hotplug(mb->start, mb->end - mb->start);
	}
}

static int numa_register_meminfo(struct numa_meminfo *mi)
{
	nodemask_t possible = numa_nodes_parsed;
	int i;

	numa_nodemask_from_meminfo(&possible, mi);
	if (WARN_ON(nodes_empty(&possible)))
		return -EINVAL;
	for (i = 0; i < mi->nr_blks; i++)
		memblock_set_node(mi->blk[i].start, mi->blk[i].end - mi->blk[i].start,
				  &memblock.memory, mi->blk[i].nid);
	numa_clear_kernel_node_hotplug();
	return 0;
}

static void numa_reset_distance(void);

/*
 * numa_memblks_init(): every node id in memblock forgotten and every MEMBLOCK_HOTPLUG flag
 * cleared ("in case parsing SRAT failed": a device tree's hotpluggable too), then the
 * firmware's ranges collected, cleaned up and handed to memblock.
 */
static int numa_memblks_init(int (*init_func)(void))
{
	int ret;

	memset(&numa_meminfo, 0, sizeof(numa_meminfo));
	WARN_ON(memblock_set_node(0, PHYS_ADDR_MAX, &memblock.memory, NUMA_NO_NODE));
	WARN_ON(memblock_set_node(0, PHYS_ADDR_MAX, &memblock.reserved, NUMA_NO_NODE));
	WARN_ON(memblock_clear_hotplug(0, PHYS_ADDR_MAX));
	numa_reset_distance();

	ret = init_func();
	if (ret < 0)
		return ret;
	ret = numa_cleanup_meminfo(&numa_meminfo);
	if (ret < 0)
		return ret;
	return numa_register_meminfo(&numa_meminfo);
}

/*
 * 6.12's numa_alloc_distance(), on the first numa_set_distance(): as many rows as the
 * highest node named, not nr_node_ids.
 */
static int numa_alloc_distance_612(void)
{
	nodemask_t nodes = numa_nodes_parsed;
	int i, j, cnt = 0;

	numa_nodemask_from_meminfo(&nodes, &numa_meminfo);
	for_each_node_mask(i, nodes)
		cnt = i;
	cnt++;
	numa_distance = memblock_alloc(cnt * cnt, PAGE_SIZE);
	if (!numa_distance) {
		printk(KERN_WARNING "Warning: can't allocate distance table!\n");
		numa_distance = (void *)1UL;
		return -ENOMEM;
	}
	numa_distance_cnt = cnt;
	for (i = 0; i < cnt; i++)
		for (j = 0; j < cnt; j++)
			numa_distance[i * cnt + j] = i == j ? LOCAL_DISTANCE : REMOTE_DISTANCE;
	printk(KERN_DEBUG "NUMA: Initialized distance table, cnt=%d\n", cnt);
	return 0;
}

/* 6.12's numa_reset_distance(): the table (if any) back to memblock, and may be made anew. */
static void numa_reset_distance(void)
{
	if (numa_distance_cnt)
		memblock_free(numa_distance, numa_distance_cnt * numa_distance_cnt);
	numa_distance_cnt = 0;
	numa_distance = NULL;
}

/* ---- common to 6.1 and 6.12 ---- */

static void numa_free_distance(void)
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

/* 6.1 says these from arch_numa.c ("NUMA: "), 6.12 from numa_memblks.c (no prefix). */
#define distance_warn(fmt, ...)							\
	printk(KERN_WARNING "%s" fmt, linux_since(6, 12) ? "" : "NUMA: ", ##__VA_ARGS__)

void numa_set_distance(int from, int to, int distance)
{
	/* 6.1 made the table in numa_init(); 6.12 makes it now, for the nodes known. */
	if (linux_since(6, 12) && !numa_distance && numa_alloc_distance_612() < 0)
		return;
	if (!numa_distance || numa_distance == (void *)1UL) {
		distance_warn("Warning: distance table not allocated yet\n");
		return;
	}
	if (from >= numa_distance_cnt || to >= numa_distance_cnt || from < 0 || to < 0) {
		distance_warn("Warning: node ids are out of bound, from=%d to=%d distance=%d\n",
			      from, to, distance);
		return;
	}
	if ((u8)distance != distance || (from == to && distance != LOCAL_DISTANCE)) {
		distance_warn("Warning: invalid distance parameter, from=%d to=%d distance=%d\n",
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

/*
 * Give [start, end) to node @nid in memblock.memory and note that the node exists; 6.12
 * only notes the range in numa_meminfo (memblock gets it in numa_register_meminfo()).
 */
int numa_add_memblk(int nid, u64 start, u64 end)
{
	int ret;

	if (linux_since(6, 12)) {
		ret = numa_add_memblk_to(nid, start, end, &numa_meminfo);
		if (!ret && nid >= 0 && nid < MAX_NUMNODES)
			node_set(nid, &numa_nodes_parsed);
		return ret;
	}

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
	const size_t nd_size = roundup(linux_since(6, 12) ? LINUX_612_PGDAT_SIZE : LINUX_PGDAT_SIZE,
				       SMP_CACHE_BYTES);
	phys_addr_t nd_pa;
	int tnid;

	_Static_assert(sizeof(pg_data_t) <= LINUX_PGDAT_SIZE, "pg_data_t outgrew Linux's");
	if (start_pfn >= end_pfn)
		pr_info("Initmem setup node %d [<memory-less node>]\n", nid);

	nd_pa = memblock_phys_alloc_try_nid(nd_size, SMP_CACHE_BYTES, nid);
	if (!nd_pa)
		panic("Cannot allocate %zu bytes for node %d data\n", nd_size, nid);

	tnid = early_pfn_to_nid(nd_pa >> PAGE_SHIFT);
	/* 6.12 allocates it in mm/numa.c's alloc_node_data(), which has no "NUMA: " prefix. */
	if (linux_since(6, 12)) {
		printk(KERN_INFO "NODE_DATA(%d) allocated [mem %#010Lx-%#010Lx]\n", nid, nd_pa,
		       nd_pa + nd_size - 1);
		if (tnid != nid)
			printk(KERN_INFO "    NODE_DATA(%d) on node %d\n", nid, tnid);
	} else {
		pr_info("NODE_DATA [mem %#010Lx-%#010Lx]\n", nd_pa, (nd_pa + nd_size - 1));
		if (tnid != nid)
			pr_info("NODE_DATA(%d) on node %d\n", nid, tnid);
	}

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

	/* 6.12: memblock_validate_numa_coverage(0), any memory without a node fails. */
	if (linux_since(6, 12) && !memblock_validate_numa_coverage(0))
		return -EINVAL;
	for_each_mem_region(mblk) {
		if (linux_since(6, 12))
			break;
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

/*
 * 6.12's setup_node_to_cpumask_map(): Debian's 6.12 has CPUMASK_OFFSTACK (NR_CPUS 512), so
 * each node's CPU mask is a 64-byte memblock allocation, one per node up to the highest.
 */
static void setup_node_to_cpumask_map(void)
{
	int nid, last = 0;

	if (!linux_since(6, 12))
		return;
	for_each_node_mask(nid, numa_nodes_parsed)
		last = nid;
	for (nid = 0; nid <= last; nid++)
		if (!memblock_alloc(LINUX_612_CPUMASK_SIZE, SMP_CACHE_BYTES))
			panic("%s: Failed to allocate %d bytes\n", __func__, LINUX_612_CPUMASK_SIZE);
}

static int numa_init(int (*init_func)(void))
{
	int ret;

	nodes_clear(&numa_nodes_parsed);
	nodes_clear(&node_online_map);

	/* 6.12: numa_memblks_init(); the distance table waits for a distance map. */
	if (linux_since(6, 12)) {
		ret = numa_memblks_init(init_func);
	} else {
		ret = numa_alloc_distance();
		if (ret < 0)
			return ret;
		ret = init_func();
	}
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
	setup_node_to_cpumask_map();
	return 0;

out_free_distance:
	if (linux_since(6, 12))
		numa_reset_distance();
	else
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
	memset(&numa_meminfo, 0, sizeof(numa_meminfo));
	memset(&numa_reserved_meminfo, 0, sizeof(numa_reserved_meminfo));
}
host_reset(numa_reset);
