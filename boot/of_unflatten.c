// SPDX-License-Identifier: GPL-2.0
/*
 * The memory Linux 6.1's unflatten_device_tree() and of_alias_scan() take from memblock
 * (drivers/of/fdt.c, drivers/of/base.c): the unflattened tree's size computed exactly as its
 * two-pass walk does for arm64 with Debian's config, and one allocation per usable alias.
 * bootmem never builds the struct device_node tree; it makes the same allocations.
 */
#define pr_fmt(fmt) "OF: fdt: " fmt

#include <linux/kernel.h>
#include <linux/version.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/of_fdt.h>

/*
 * Debian's arm64 config has CONFIG_OF_KOBJ=y and no CONFIG_OF_DYNAMIC, so (LP64):
 * struct device_node = name, phandle (+4 padding), full_name, fwnode_handle (64: secondary,
 * ops, dev, two list_heads, flags), properties, deadprops, parent, child, sibling,
 * kobject (64: name, entry, parent, kset, ktype, sd, kref, the state bits), _flags, data;
 * struct property = name, length (+4), value, next, bin_attribute (64: attribute (16),
 * size, private, f_mapping, read, write, mmap) in 6.1; no _flags without OF_DYNAMIC.
 * Both are 8-byte aligned. Checked against Linux's own requests: 39772 bytes for QEMU
 * virt's tree, 187608 for ti/k3-am642-evm.dtb.
 */
#define SIZEOF_DEVICE_NODE	208
#define ALIGNOF_DEVICE_NODE	8
#define ALIGNOF_PROPERTY	8

/*
 * struct property: 6.12's bin_attribute has an llseek method more (72 bytes), so 104; the
 * device_node, the unflatten rules and of_alias_scan() are 6.1's (checked against Linux
 * 6.12's own requests: 41964 bytes for QEMU virt's tree).
 */
static unsigned long sizeof_property(void)
{
	return linux_since(6, 12) ? 104 : 96;
}

/* struct alias_prop: link (16), alias, np, id; stem[] follows at 36, sizeof rounds to 40. */
#define SIZEOF_ALIAS_PROP	40
#define ALIGNOF_ALIAS_PROP	8

/* Linux's tree holds nodes less than FDT_MAX_DEPTH - 1 deep (the root is depth 0). */
#define FDT_MAX_DEPTH		64
/* bootmem's bound on alias-to-alias chains; Linux recurses until its stack runs out. */
#define ALIAS_CHAIN_MAX		8

/* The blob whose tree Linux would have built (its root is offset 0), or NULL. */
static const void *of_root_blob;
static bool depth_warned;
/* The "Cannot locate property" lines the last pass printed. */
static unsigned int prop_warnings;

/* unflatten_dt_alloc() of the dry run: bump @mem to @align, then past @size bytes. */
static unsigned long dt_bump(unsigned long mem, unsigned long size, unsigned long align)
{
	return ALIGN(mem, align) + size;
}

/*
 * The value of the "name" property Linux makes for a node without one: the node's name
 * after its last '/' and before its last '@' (the unit address).
 */
static const char *unit_name(const char *nodename, size_t *len)
{
	const char *p = nodename, *ps = p, *pa = NULL;

	for (; *p; p++) {
		if (*p == '@')
			pa = p;
		else if (*p == '/')
			ps = p + 1;
	}
	if (!pa || pa < ps)
		pa = p;
	*len = pa - ps;
	return ps;
}

/* Linux's blob no longer has the rng-seed that early_init_dt_scan_chosen() read (a NOP). */
static bool prop_cleared(const void *blob, int prop)
{
	return blob == initial_boot_params && prop == dt_rng_seed_nop_offset;
}

/* populate_properties() of the dry run: one struct property per readable property. */
static unsigned long dt_size_properties(const void *blob, int offset, const char *nodename,
					unsigned long mem)
{
	bool has_name = false;
	int cur;

	fdt_for_each_property_offset(cur, blob, offset) {
		const char *pname;
		int sz;

		if (prop_cleared(blob, cur))
			continue;
		if (!fdt_getprop_by_offset(blob, cur, &pname, &sz)) {
			pr_warn("Cannot locate property at 0x%x\n", cur);
			prop_warnings++;
			continue;
		}
		if (!strcmp(pname, "name"))
			has_name = true;
		mem = dt_bump(mem, sizeof_property(), ALIGNOF_PROPERTY);
	}

	/* No "name" (every DTB of version 16 or more): made from the unit name, NUL included. */
	if (!has_name) {
		size_t len;

		unit_name(nodename, &len);
		mem = dt_bump(mem, sizeof_property() + len + 1, ALIGNOF_PROPERTY);
	}
	return mem;
}

/*
 * One pass of Linux's unflatten_dt_nodes() over the whole blob: every node (OF_KOBJ keeps
 * disabled ones) gets a struct device_node plus its name, then its properties. Returns the
 * bytes the pass covers, or a negative libfdt error when Linux gives up on the blob.
 */
static int unflatten_dt_nodes_size(const void *blob)
{
	unsigned long mem = 0;
	int offset, depth = 0;

	prop_warnings = 0;
	for (offset = 0; offset >= 0 && depth >= 0; offset = fdt_next_node(blob, offset, &depth)) {
		const char *pathp;
		int len;

		if (depth >= FDT_MAX_DEPTH - 1) {
			if (!depth_warned) {
				pathp = fdt_get_name(blob, offset, NULL);
				bm_warn("unflatten_dt_nodes: node '%s' is %d levels deep: Linux 6.1 leaves nodes %d or more deep out of the tree (WARN_ON_ONCE)\n",
					pathp ? pathp : "?", depth, FDT_MAX_DEPTH - 1);
				depth_warned = true;
			}
			continue;
		}
		pathp = fdt_get_name(blob, offset, &len);
		if (!pathp) {
			bm_warn("unflatten_dt_nodes: the node at offset %d has no readable name (%s): Linux 6.1 builds no tree\n",
				offset, fdt_strerror(len));
			return len;
		}
		mem = dt_bump(mem, SIZEOF_DEVICE_NODE + len + 1, ALIGNOF_DEVICE_NODE);
		mem = dt_size_properties(blob, offset, pathp, mem);
		if (mem > INT_MAX) {
			bm_warn("unflatten_dt_nodes: the tree would need more than %d bytes\n",
				INT_MAX);
			return -FDT_ERR_NOSPACE;
		}
	}
	if (offset < 0 && offset != -FDT_ERR_NOTFOUND) {
		pr_err("Error %d processing FDT\n", offset);
		return -FDT_ERR_BADSTRUCTURE;
	}
	return (int)mem;
}

int unflatten_dt_size(const void *blob)
{
	return unflatten_dt_nodes_size(blob);
}

/* Linux's __unflatten_device_tree() for the whole blob: size, allocate, fill (second pass). */
void *__unflatten_device_tree(const void *blob, void *(*dt_alloc)(u64 size, u64 align))
{
	int size, ret;
	void *mem;

	of_root_blob = NULL;
	if (!blob)
		return NULL;
	if (fdt_check_header(blob)) {
		pr_err("Invalid device tree blob header\n");
		return NULL;
	}

	/* First pass, scan for size */
	size = unflatten_dt_nodes_size(blob);
	if (size <= 0)
		return NULL;
	size = ALIGN(size, 4);

	/* The tree and a 4-byte end marker (0xdeadbeef) that the second pass must not reach. */
	mem = dt_alloc(size + 4, ALIGNOF_DEVICE_NODE);
	if (!mem)
		return NULL;

	/*
	 * Linux's second pass fills the tree. Here it would find the same size in the same blob,
	 * so it is walked again only for what the walk prints, that Linux prints twice: of the
	 * lines a pass that succeeded can print, only "Cannot locate property" comes again (the
	 * depth warning is Linux's WARN_ON_ONCE). A clean blob is walked once.
	 */
	if (prop_warnings) {
		ret = unflatten_dt_nodes_size(blob);
		if (ret <= 0)
			return NULL;
	}
	of_root_blob = blob;
	return mem;
}

/* drivers/of/fdt.c's allocator for the tree and the aliases: memblock, or panic. */
static __noipa void *early_init_dt_alloc_memory_arch(u64 size, u64 align)
{
	void *ptr = memblock_alloc(size, align);

	if (!ptr)
		panic("%s: Failed to allocate %llu bytes align=0x%llx\n",
		      __func__, size, align);
	return ptr;
}

void unflatten_device_tree(void)
{
	__unflatten_device_tree(initial_boot_params, early_init_dt_alloc_memory_arch);

	/* Get pointer to "/chosen" and "/aliases" nodes for use everywhere */
	of_alias_scan(early_init_dt_alloc_memory_arch);
}

/* ------------------------------------------------------------------ path lookup */

/* A node of Linux's tree: its offset in the blob and its depth (the root is 0). */
struct dt_node {
	int off;
	int depth;
};

static const struct dt_node no_node = { -1, -1 };

/* Bounded string helpers: alias values are property bytes, not always NUL-terminated. */
static size_t span_until(const char *s, size_t n, const char *stop)
{
	size_t i;

	for (i = 0; i < n && s[i] && !strchr(stop, s[i]); i++)
		;
	return i;
}

/*
 * __of_find_node_by_path(): the first child (DT order) whose full name, after its last '/',
 * is exactly the component up to the next '/' or ':'.
 */
static struct dt_node find_child(const void *fdt, struct dt_node parent, const char *path,
				 size_t n)
{
	size_t len = span_until(path, n, "/:");
	int child;

	if (!len || parent.depth + 1 >= FDT_MAX_DEPTH - 1)
		return no_node;
	fdt_for_each_subnode(child, fdt, parent.off) {
		const char *name = fdt_get_name(fdt, child, NULL);
		const char *base;

		if (!name)
			continue;
		base = strrchr(name, '/');
		base = base ? base + 1 : name;
		if (strlen(base) == len && !strncmp(path, base, len))
			return (struct dt_node){ child, parent.depth + 1 };
	}
	return no_node;
}

/* __of_find_node_by_full_path(): step down from @node while the path goes on with '/'. */
static struct dt_node find_by_full_path(const void *fdt, struct dt_node node, const char *path,
					size_t n)
{
	size_t sep = span_until(path, n, ":");
	bool has_sep = sep < n && path[sep] == ':';
	size_t pos = 0;

	while (node.off >= 0 && pos < n && path[pos] == '/') {
		pos++;
		node = find_child(fdt, node, path + pos, n - pos);
		pos += span_until(path + pos, n - pos, "/");
		if (has_sep && sep < pos)
			break;
	}
	return node;
}

static struct dt_node find_node_by_path(const void *fdt, struct dt_node aliases, const char *path,
					size_t n, int chain);

/*
 * A path that starts with an alias: the first property of /aliases with exactly that name
 * (the "name" Linux adds to a node without one included) names the node to start from.
 */
static struct dt_node find_alias_start(const void *fdt, struct dt_node aliases, const char *path,
				       size_t len, int chain)
{
	bool has_name = false;
	const char *val;
	int prop, vlen;

	fdt_for_each_property_offset(prop, fdt, aliases.off) {
		const char *pname;

		val = fdt_getprop_by_offset(fdt, prop, &pname, &vlen);
		if (!val || prop_cleared(fdt, prop))
			continue;
		if (!strcmp(pname, "name"))
			has_name = true;
		if (strlen(pname) == len && !strncmp(pname, path, len))
			return find_node_by_path(fdt, aliases, val, vlen, chain + 1);
	}
	if (!has_name && len == 4 && !strncmp(path, "name", 4)) {
		const char *nm = fdt_get_name(fdt, aliases.off, NULL);
		size_t nlen;

		if (!nm)
			return no_node;
		nm = unit_name(nm, &nlen);
		return find_node_by_path(fdt, aliases, nm, nlen, chain + 1);
	}
	return no_node;
}

/* Linux's of_find_node_opts_by_path() on the tree it would have built from @fdt. */
static struct dt_node find_node_by_path(const void *fdt, struct dt_node aliases, const char *path,
					size_t n, int chain)
{
	struct dt_node root = { 0, 0 }, np = no_node;

	n = strnlen(path, n);
	if (n == 1 && path[0] == '/')
		return root;

	if (!n || path[0] != '/') {
		size_t len = span_until(path, n, "/:");

		if (aliases.off < 0)
			return no_node;
		if (chain >= ALIAS_CHAIN_MAX) {
			bm_warn("of_alias_scan: /aliases: '%.*s' leads through more than %d aliases (a loop?): Linux 6.1 would recurse without end; not followed\n",
				(int)n, path, ALIAS_CHAIN_MAX);
			return no_node;
		}
		np = find_alias_start(fdt, aliases, path, len, chain);
		if (np.off < 0)
			return no_node;
		path += len;
		n -= len;
	}
	if (np.off < 0)
		np = root;
	return find_by_full_path(fdt, np, path, n);
}

/* ------------------------------------------------------------------ aliases */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Linux's of_alias_scan(): for each property of /aliases (but name and phandles) that names
 * an existing node and ends in a decimal id, one struct alias_prop with room for the stem.
 */
void of_alias_scan(void *(*dt_alloc)(u64 size, u64 align))
{
	const void *fdt = of_root_blob;
	struct dt_node aliases;
	int prop;

	if (!fdt)
		return;
	aliases = find_node_by_path(fdt, no_node, "/aliases", 8, 0);
	if (aliases.off < 0)
		return;

	fdt_for_each_property_offset(prop, fdt, aliases.off) {
		const char *start, *end, *val;
		int vlen, id;

		val = fdt_getprop_by_offset(fdt, prop, &start, &vlen);
		if (!val || prop_cleared(fdt, prop))
			continue;
		if (!strcmp(start, "name") || !strcmp(start, "phandle") ||
		    !strcmp(start, "linux,phandle"))
			continue;
		if (find_node_by_path(fdt, aliases, val, vlen, 0).off < 0)
			continue;

		/* walk the alias backwards to extract the id and the stem */
		end = start + strlen(start);
		while (end > start && is_digit(end[-1]))
			end--;
		if (kstrtoint(end, 10, &id) < 0)
			continue;
		dt_alloc(SIZEOF_ALIAS_PROP + (end - start) + 1, ALIGNOF_ALIAS_PROP);
	}
}

static void of_unflatten_reset(void)
{
	of_root_blob = NULL;
	depth_warned = false;
	prop_warnings = 0;
}
host_reset(of_unflatten_reset);
