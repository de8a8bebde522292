// SPDX-License-Identifier: GPL-2.0
/*
 * NUMA from the device tree, as Linux's drivers/of/of_numa.c: numa-node-id of cpus and
 * memory nodes, and the numa-distance-map-v1 matrix. The NUMA core (mm/numa.c) calls us.
 */
#define pr_fmt(fmt) "OF: NUMA: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/of_fdt.h>
#include <linux/of_address.h>
#include <linux/of_numa.h>
#include <linux/version.h>

/* Linux's of_property_read_u32 results: -EINVAL absent, -ENODATA empty, -EOVERFLOW short. */
static int of_property_read_u32(int node, const char *name, u32 *val)
{
	int len;
	const fdt32_t *p = fdt_getprop(initial_boot_params, node, name, &len);

	if (!p)
		return -EINVAL;
	if (len == 0)
		return -ENODATA;
	if (len < (int)sizeof(*p))
		return -EOVERFLOW;
	*val = fdt32_ld(p);
	return 0;
}

static bool of_prop_str_eq(int node, const char *name, const char *str)
{
	return of_fdt_prop_str_eq(initial_boot_params, node, name, str);
}

/* status = "fail" or "fail-..." (Linux's __of_device_is_fail) */
static bool of_device_is_fail(int node)
{
	const char *s = of_fdt_get_string(initial_boot_params, node, "status", NULL);

	return s && (!strcmp(s, "fail") || !strncmp(s, "fail-", 5));
}

/* A "cpu" node by name (unit address aside) or by device_type. */
static bool of_node_is_cpu(int node)
{
	const char *name = fdt_get_name(initial_boot_params, node, NULL);

	if (name && !strncmp(name, "cpu", 3) && (name[3] == '\0' || name[3] == '@'))
		return true;
	return of_prop_str_eq(node, "device_type", "cpu");
}

/*
 * The cpus' node ids are needed now, although cpus join their nodes later in SMP init:
 * a node with only cpus must still be known.
 */
static void of_numa_parse_cpu_nodes(void)
{
	const void *fdt = initial_boot_params;
	int cpus, np;
	u32 nid;

	cpus = of_fdt_path_offset(fdt, "/cpus");
	if (cpus < 0)
		return;

	fdt_for_each_subnode(np, fdt, cpus) {
		if (of_device_is_fail(np) || !of_node_is_cpu(np))
			continue;
		if (of_property_read_u32(np, "numa-node-id", &nid))
			continue;

		if (nid >= MAX_NUMNODES)
			pr_warn("Node id %u exceeds maximum value\n", nid);
		else
			node_set(nid, &numa_nodes_parsed);
	}
}

/* Every device_type = "memory" node in the tree: its reg entries go to its numa-node-id. */
static int of_numa_parse_memory_nodes(void)
{
	const void *fdt = initial_boot_params;
	/*
	 * 6.12 returns what the last memory node gave: -EINVAL when none (or the last one)
	 * has a numa-node-id, so NUMA falls back to a fake node without "No NUMA
	 * configuration found". 6.1 returns 0 there.
	 */
	int np, i, r = -EINVAL;
	u64 start, size;
	u32 nid = 0;

	for (np = fdt_next_node(fdt, -1, NULL); np >= 0; np = fdt_next_node(fdt, np, NULL)) {
		if (!of_prop_str_eq(np, "device_type", "memory"))
			continue;

		r = of_property_read_u32(np, "numa-node-id", &nid);
		if (r == -EINVAL)
			/* no property: look for more memory nodes that have one */
			continue;

		if (!r && nid >= MAX_NUMNODES) {
			pr_warn("Node id %u exceeds maximum value\n", nid);
			r = -EINVAL;
		}

		for (i = 0; !r && !of_address_to_resource(np, i, &start, &size); i++)
			r = numa_add_memblk(nid, start, start + size);

		if (!i || r) {
			pr_err("bad property in memory node\n");
			bm_err("(node '%s': numa-node-id %s%u, %d reg entries)\n",
			       fdt_get_name(fdt, np, NULL),
			       r == -ENODATA || r == -EOVERFLOW ? "unreadable, " : "", nid, i);
			return r ? : -EINVAL;
		}
	}

	return linux_since(6, 12) ? r : 0;
}

static int of_numa_parse_distance_map_v1(int map)
{
	const fdt32_t *matrix;
	int entry_count, len, i;

	pr_info("parsing numa-distance-map-v1\n");

	matrix = fdt_getprop(initial_boot_params, map, "distance-matrix", &len);
	if (!matrix) {
		pr_err("No distance-matrix property in distance-map\n");
		return -EINVAL;
	}

	/* of_property_count_u32_elems(): a length that is not whole u32s is invalid. */
	entry_count = (len % 4) ? -EINVAL : len / 4;
	if (entry_count <= 0) {
		pr_err("Invalid distance-matrix\n");
		return -EINVAL;
	}

	for (i = 0; i + 2 < entry_count; i += 3) {
		u32 nodea, nodeb, distance;

		nodea = fdt32_ld(matrix++);
		nodeb = fdt32_ld(matrix++);
		distance = fdt32_ld(matrix++);

		if ((nodea == nodeb && distance != LOCAL_DISTANCE) ||
		    (nodea != nodeb && distance <= LOCAL_DISTANCE)) {
			pr_err("Invalid distance[node%d -> node%d] = %d\n",
			       nodea, nodeb, distance);
			return -EINVAL;
		}

		/* Linux would set a bit past its node mask here. */
		if (nodea >= MAX_NUMNODES || nodeb >= MAX_NUMNODES) {
			bm_err("NUMA: distance[node%u -> node%u]: node id exceeds maximum value %d; distance map ignored\n",
			       nodea, nodeb, MAX_NUMNODES - 1);
			return -EINVAL;
		}

		node_set(nodea, &numa_nodes_parsed);

		numa_set_distance(nodea, nodeb, distance);

		/* Set default distance of node B->A same as A->B */
		if (nodeb > nodea)
			numa_set_distance(nodeb, nodea, distance);
	}

	return 0;
}

static int of_numa_parse_distance_map(void)
{
	int np;

	np = fdt_node_offset_by_compatible(initial_boot_params, -1, "numa-distance-map-v1");
	if (np >= 0)
		return of_numa_parse_distance_map_v1(np);
	return 0;
}

int of_node_to_nid(int node)
{
	int r = -ENODATA, depth = 0;
	u32 nid = 0;

	while (node >= 0 && depth++ <= OF_MAX_DEPTH) {
		r = of_property_read_u32(node, "numa-node-id", &nid);
		/* absent: ask the parent; anything else is the answer or a broken tree */
		if (r != -EINVAL)
			break;
		node = node ? of_fdt_parent_offset(initial_boot_params, node) : -1;
	}
	if (node >= 0 && r)
		pr_warn("Invalid \"numa-node-id\" property in node %s\n",
			fdt_get_name(initial_boot_params, node, NULL));

	if (!r && nid < MAX_NUMNODES && node_possible(nid))
		return nid;

	return NUMA_NO_NODE;
}

int of_numa_init(void)
{
	int r;

	if (!initial_boot_params)
		return -ENODEV;

	of_numa_parse_cpu_nodes();
	r = of_numa_parse_memory_nodes();
	if (r)
		return r;
	return of_numa_parse_distance_map();
}
