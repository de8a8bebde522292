// SPDX-License-Identifier: GPL-2.0
/*
 * One walk of the boot blob that remembers each node's parent: the early lookups libfdt does by
 * walking the flat tree from its start (fdt_parent_offset, fdt_path_offset of a root child,
 * fdt_get_path) answered from it, as Linux's unflattened tree answers them later.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/of_fdt.h>
#include <libfdt.h>

/*
 * Nodes in blob order with their parents. A tree with more nodes or deeper nesting than this
 * is left to libfdt (the answers are the same, only slower).
 */
#define FDT_INDEX_NODES		1024
#define FDT_INDEX_DEPTH		32

static struct {
	const void *blob;	/* the blob indexed, NULL before the first lookup */
	bool usable;		/* false: the tree did not fit, or libfdt found it broken */
	int nr;
	int offset[FDT_INDEX_NODES];
	int parent[FDT_INDEX_NODES];
} idx;

static void fdt_index_build(const void *fdt)
{
	int stack[FDT_INDEX_DEPTH];
	int node, depth = 0;

	idx.blob = fdt;
	idx.usable = false;
	idx.nr = 0;
	/* from the root (offset 0, depth 0) in blob order, to the root's end (depth -1) */
	for (node = 0; node >= 0; node = fdt_next_node(fdt, node, &depth)) {
		if (depth < 0) {
			idx.usable = true;
			return;
		}
		if (depth >= FDT_INDEX_DEPTH || idx.nr == FDT_INDEX_NODES)
			return;
		stack[depth] = node;
		idx.offset[idx.nr] = node;
		idx.parent[idx.nr] = depth ? stack[depth - 1] : -1;
		idx.nr++;
	}
	/* a broken tree: libfdt answers, and says why */
}

static bool fdt_index_ready(const void *fdt)
{
	if (!fdt || fdt != initial_boot_params)
		return false;
	if (idx.blob != fdt)
		fdt_index_build(fdt);
	return idx.usable;
}

/* Position of @node in the index, or -1 if it is not the offset of a node. */
static int fdt_index_find(int node)
{
	int lo = 0, hi = idx.nr - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (idx.offset[mid] == node)
			return mid;
		if (idx.offset[mid] < node)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int of_fdt_parent_offset(const void *fdt, int node)
{
	int i;

	if (!fdt_index_ready(fdt))
		return fdt_parent_offset(fdt, node);
	i = fdt_index_find(node);
	if (i < 0)
		return fdt_parent_offset(fdt, node);	/* libfdt says why */
	return idx.parent[i] >= 0 ? idx.parent[i] : -FDT_ERR_NOTFOUND;
}

/* libfdt's name rule: "name" matches "name" and, if it has no unit address, "name@unit". */
static bool fdt_name_matches(const char *node_name, const char *s, int len)
{
	if (strncmp(node_name, s, len))
		return false;
	if (!node_name[len])
		return true;
	return node_name[len] == '@' && !memchr(s, '@', len);
}

int of_fdt_path_offset_namelen(const void *fdt, const char *path, int len)
{
	int i;

	/* Only "/name": deeper paths and aliases go to libfdt. */
	if (len < 2 || path[0] != '/' || memchr(path + 1, '/', len - 1) || !fdt_index_ready(fdt))
		return fdt_path_offset_namelen(fdt, path, len);
	for (i = 1; i < idx.nr; i++) {
		const char *name;

		if (idx.parent[i] != 0)
			continue;
		name = fdt_get_name(fdt, idx.offset[i], NULL);
		if (name && fdt_name_matches(name, path + 1, len - 1))
			return idx.offset[i];
	}
	return -FDT_ERR_NOTFOUND;
}

int of_fdt_path_offset(const void *fdt, const char *path)
{
	return of_fdt_path_offset_namelen(fdt, path, strlen(path));
}

int of_fdt_get_path(const void *fdt, int node, char *buf, int buflen)
{
	int chain[FDT_INDEX_DEPTH], n = 0, i, pos = 0;

	if (!fdt_index_ready(fdt) || (i = fdt_index_find(node)) < 0)
		return fdt_get_path(fdt, node, buf, buflen);
	/* the node and its parents up to (not including) the root */
	for (; i >= 0 && idx.parent[i] >= 0; i = fdt_index_find(idx.parent[i])) {
		if (n == FDT_INDEX_DEPTH)
			return fdt_get_path(fdt, node, buf, buflen);
		chain[n++] = idx.offset[i];
	}
	if (buflen < 2)
		return -FDT_ERR_NOSPACE;
	if (!n) {
		buf[0] = '/';
		buf[1] = 0;
		return 0;
	}
	while (n--) {
		int l;
		const char *name = fdt_get_name(fdt, chain[n], &l);

		if (!name)
			return l;
		if (pos + 1 + l + 1 > buflen)
			return -FDT_ERR_NOSPACE;
		buf[pos++] = '/';
		memcpy(buf + pos, name, l);
		pos += l;
	}
	buf[pos] = 0;
	return 0;
}

static void fdt_index_reset(void)
{
	idx.blob = NULL;
	idx.usable = false;
	idx.nr = 0;
}
host_reset(fdt_index_reset);
