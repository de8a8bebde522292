/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Resources (kernel/resource.c): the tree of physical address ranges that /proc/iomem shows,
 * with Linux 6.1's struct resource, flags and insertion rules.
 */
#ifndef _BOOTMEM_LINUX_IOPORT_H
#define _BOOTMEM_LINUX_IOPORT_H

#include <linux/types.h>

typedef phys_addr_t resource_size_t;

/* 64 bytes, as Linux's: arm64 memblock_alloc()s one per memory region, and that size shows. */
struct resource {
	resource_size_t start;
	resource_size_t end;		/* inclusive */
	const char *name;
	unsigned long flags;
	unsigned long desc;
	struct resource *parent, *sibling, *child;
};

#define IORESOURCE_TYPE_BITS	0x00001f00
#define IORESOURCE_MEM		0x00000200
#define IORESOURCE_SYSRAM	0x01000000
#define IORESOURCE_BUSY		0x80000000
#define IORESOURCE_SYSTEM_RAM	(IORESOURCE_MEM | IORESOURCE_SYSRAM)

#define IORES_DESC_NONE		0

/* Linux's r_show() indents at most this deep. */
#define MAX_IORES_LEVEL		5

/* The root of /proc/iomem: all of the physical address space. */
extern struct resource iomem_resource;

static inline resource_size_t resource_size(const struct resource *res)
{
	return res->end - res->start + 1;
}

static inline unsigned long resource_type(const struct resource *res)
{
	return res->flags & IORESOURCE_TYPE_BITS;
}

/* 0, or -EBUSY when @new overlaps a child of @root or does not fit in it. */
int request_resource(struct resource *root, struct resource *new);
/*
 * Put @new into the tree under @parent: below the deepest resource that holds it, and above
 * the ones it holds. 0, or -EBUSY when it overlaps one only partly.
 */
int insert_resource(struct resource *parent, struct resource *new);
/*
 * Mark [start, end] busy as @name directly under @root, in pieces around the children that
 * are already there (each piece is a new resource).
 */
void reserve_region_with_split(struct resource *root, resource_size_t start,
			       resource_size_t end, const char *name);

struct seq_file;
/* /proc/iomem: every resource, indented by depth (Linux's r_show). */
void iomem_show(struct seq_file *m);

#endif
