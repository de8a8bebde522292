// SPDX-License-Identifier: GPL-2.0
/*
 * The resource tree behind /proc/iomem, as Linux 6.1's kernel/resource.c builds and prints
 * it: request/insert into sorted sibling lists, reserve_region_with_split(), r_show().
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/ioport.h>
#include <linux/seq_file.h>

struct resource iomem_resource = {
	.name	= "PCI mem",
	.start	= 0,
	.end	= (resource_size_t)-1,
	.flags	= IORESOURCE_MEM,
};

/*
 * Linux takes the pieces of a split from the slab allocator; bootmem has none, so they come
 * from this pool (and its end is reported, never overrun).
 */
#define RESOURCE_POOL	512
static struct resource resource_pool[RESOURCE_POOL];
static int resource_pool_used;
static bool resource_pool_warned;

static struct resource *alloc_resource(void)
{
	if (resource_pool_used < RESOURCE_POOL) {
		struct resource *res = &resource_pool[resource_pool_used++];

		memset(res, 0, sizeof(*res));
		return res;
	}
	if (!resource_pool_warned)
		pr_warn("bootmem: iomem: all %d split resources in use, /proc/iomem leaves out the rest\n",
			RESOURCE_POOL);
	resource_pool_warned = true;
	return NULL;
}

/* Only the last one taken can go back: a split that did not need it. */
static void free_resource(struct resource *res)
{
	if (resource_pool_used && res == &resource_pool[resource_pool_used - 1])
		resource_pool_used--;
}

/*
 * Link @new among @root's children, which are sorted and never overlap. NULL when it is in;
 * otherwise what is in the way: @root itself when @new does not fit in it, or the child
 * that overlaps it.
 */
static struct resource *__request_resource(struct resource *root, struct resource *new)
{
	struct resource **link = &root->child, *cur;

	if (new->end < new->start || new->start < root->start || new->end > root->end)
		return root;
	for (cur = *link; cur && cur->start <= new->end; link = &cur->sibling, cur = *link)
		if (cur->end >= new->start)
			return cur;
	new->sibling = cur;
	new->parent = root;
	*link = new;
	return NULL;
}

int request_resource(struct resource *root, struct resource *new)
{
	return __request_resource(root, new) ? -EBUSY : 0;
}

/*
 * Linux's __insert_resource(): go down while one child holds all of @new; there, @new
 * either goes in as a leaf or becomes the parent of the run of children it covers.
 */
static struct resource *__insert_resource(struct resource *parent, struct resource *new)
{
	struct resource *first, *last, *prev;

	for (;;) {
		first = __request_resource(parent, new);
		if (!first || first == parent)
			return first;
		if (first == new)		/* already in the tree */
			return first;
		if (first->start > new->start || first->end < new->end)
			break;			/* @new covers @first: adopt it below */
		if (first->start == new->start && first->end == new->end)
			break;			/* the same range: @new goes above it */
		parent = first;
	}

	/* The run first..last must lie inside @new, or nothing changes. */
	for (last = first; ; last = last->sibling) {
		if (last->start < new->start || last->end > new->end)
			return last;
		if (!last->sibling || last->sibling->start > new->end)
			break;
	}

	new->parent = parent;
	new->sibling = last->sibling;
	new->child = first;
	last->sibling = NULL;
	for (last = first; last; last = last->sibling)
		last->parent = new;

	if (parent->child == first) {
		parent->child = new;
	} else {
		for (prev = parent->child; prev->sibling != first; prev = prev->sibling)
			;
		prev->sibling = new;
	}
	return NULL;
}

int insert_resource(struct resource *parent, struct resource *new)
{
	return __insert_resource(parent, new) ? -EBUSY : 0;
}

static void __reserve_region_with_split(struct resource *root, resource_size_t start,
					resource_size_t end, const char *name)
{
	unsigned long flags = resource_type(root) | IORESOURCE_BUSY;
	struct resource *res = alloc_resource(), *next_res = NULL, *conflict;

	if (!res)
		return;
	res->name = name;
	res->start = start;
	res->end = end;
	res->flags = flags;
	res->desc = IORES_DESC_NONE;

	for (;;) {
		conflict = __request_resource(root, res);
		if (!conflict) {
			if (!next_res)
				break;
			res = next_res;
			next_res = NULL;
			continue;
		}
		/* Something already covers all of it: nothing left to mark. */
		if (conflict->start <= res->start && conflict->end >= res->end) {
			free_resource(res);
			WARN_ON(next_res);
			break;
		}
		if (conflict->start > res->start) {
			/* Keep the part below the conflict; the part above becomes next_res. */
			resource_size_t old_end = res->end;

			res->end = conflict->start - 1;
			if (conflict->end < old_end) {
				next_res = alloc_resource();
				if (!next_res) {
					free_resource(res);
					break;
				}
				next_res->name = name;
				next_res->start = conflict->end + 1;
				next_res->end = old_end;
				next_res->flags = flags;
				next_res->desc = IORES_DESC_NONE;
			}
		} else {
			res->start = conflict->end + 1;
		}
	}
}

void reserve_region_with_split(struct resource *root, resource_size_t start,
			       resource_size_t end, const char *name)
{
	if (root->start > start || root->end < end) {
		pr_err("requested range [0x%llx-0x%llx] not in root %s\n", start, end,
		       root->name);
		if (start > root->end || end < root->start)
			return;
		end = min(end, root->end);
		start = max(start, root->start);
		pr_err("fixing request to [0x%llx-0x%llx]\n", start, end);
	}
	__reserve_region_with_split(root, start, end, name);
}

/* Depth first: the child, else the next sibling of the nearest ancestor that has one. */
static struct resource *next_resource(struct resource *p)
{
	if (p->child)
		return p->child;
	while (!p->sibling && p->parent)
		p = p->parent;
	return p->sibling;
}

void iomem_show(struct seq_file *m)
{
	struct resource *root = &iomem_resource, *r, *p;
	int width = root->end < 0x10000 ? 4 : 8;
	int depth;

	for (r = root->child; r; r = next_resource(r)) {
		for (depth = 0, p = r; depth < MAX_IORES_LEVEL; depth++, p = p->parent)
			if (p->parent == root)
				break;
		seq_printf(m, "%*s%0*llx-%0*llx : %s\n", depth * 2, "", width, r->start,
			   width, r->end, r->name ? r->name : "<BAD>");
	}
}

static void resource_reset(void)
{
	iomem_resource.child = NULL;
	resource_pool_used = 0;
	resource_pool_warned = false;
}
host_reset(resource_reset);
