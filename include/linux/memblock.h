/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memblock: the early boot memory map (memory and reserved regions) and its allocator.
 * Same structures, names, flags and semantics as Linux 6.1's include/linux/memblock.h (and
 * 6.12's, with linux=6.12: MEMBLOCK_RSRV_NOINIT, memblock_reserved_mark_noinit()).
 */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kernel.h>

/* Set up by the architecture (arm64 bootmem_init); Linux defines them in mm/memblock.c. */
extern unsigned long max_low_pfn;
extern unsigned long min_low_pfn;
extern unsigned long max_pfn;
extern unsigned long long max_possible_pfn;

/**
 * enum memblock_flags - attributes of a memory region (values as in Linux 6.1 and 6.12)
 * @MEMBLOCK_NONE: nothing special
 * @MEMBLOCK_HOTPLUG: firmware says it may be unplugged later; with "movable_node"
 *	memblock does not allocate from it
 * @MEMBLOCK_MIRROR: mirrored memory (only with kernelcore=mirror)
 * @MEMBLOCK_NOMAP: not in the linear map; its struct pages are PageReserved
 * @MEMBLOCK_DRIVER_MANAGED: added by a driver, never from the firmware memory map
 * @MEMBLOCK_RSRV_NOINIT: 6.12 only, on reserved regions: their struct pages are left
 *	uninitialised by memblock_free_all() (memblock_reserved_mark_noinit())
 */
enum memblock_flags {
	MEMBLOCK_NONE		= 0x0,
	MEMBLOCK_HOTPLUG	= 0x1,
	MEMBLOCK_MIRROR		= 0x2,
	MEMBLOCK_NOMAP		= 0x4,
	MEMBLOCK_DRIVER_MANAGED	= 0x8,
	MEMBLOCK_RSRV_NOINIT	= 0x10,
};

/**
 * struct memblock_region - one contiguous range of a memblock type
 * @base: physical base address
 * @size: size in bytes
 * @flags: enum memblock_flags
 * @nid: NUMA node; MAX_NUMNODES while no node has been assigned (6.1: reserved regions
 *	always; 6.12: NUMA init gives reserved regions the node of the memory under them)
 */
struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	enum memblock_flags flags;
	int nid;
};

/**
 * struct memblock_type - a sorted array of non-overlapping regions
 * @cnt: regions in use; an empty type holds one zero-size dummy region, so cnt >= 1
 *	(6.12: cnt is 0 for an empty type)
 * @max: capacity of @regions
 * @total_size: sum of all region sizes
 * @regions: the array (static at boot, doubled by memblock_double_array())
 * @name: "memory" or "reserved", used in messages
 */
struct memblock_type {
	unsigned long cnt;
	unsigned long max;
	phys_addr_t total_size;
	struct memblock_region *regions;
	char *name;
};

/**
 * struct memblock - the allocator's state
 * @bottom_up: allocate from low addresses up (default: top-down)
 * @current_limit: allocations with MEMBLOCK_ALLOC_ACCESSIBLE stay below this
 * @memory: the RAM the kernel may use
 * @reserved: the parts of it (and of anything else) already taken
 */
struct memblock {
	bool bottom_up;
	phys_addr_t current_limit;
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

/* Set by kernelcore=mirror in Linux (declared in linux/mm.h there); memblock owns it here. */
extern bool mirrored_kernelcore;

/*
 * Nonzero after "memblock=debug": every call logs a line and memblock_dump_all() prints.
 * (Linux keeps this static; it is visible here so tests and callers can check it.)
 */
extern int memblock_debug;

/*
 * arm64 selects ARCH_KEEP_MEMBLOCK, so it never discards; memblock_discard() is the generic
 * version for callers that do.
 */
void memblock_discard(void);
void memblock_allow_resize(void);
/* linux=: memblock's empty arrays and the reserved array's size follow that Linux. */
void memblock_follow_linux_version(void);
/* 6.12's reserve_mem=SIZE:ALIGN:NAME areas: 1 and the area if @name is one, else 0. */
int reserve_mem_find_by_name(const char *name, phys_addr_t *start, phys_addr_t *size);
/* 6.12: no more than @threshold_bytes of memory without a node (else a message, false). */
bool memblock_validate_numa_coverage(unsigned long threshold_bytes);
/* 6.12: mark reserved regions MEMBLOCK_RSRV_NOINIT (-EINVAL when following 6.1). */
int memblock_reserved_mark_noinit(phys_addr_t base, phys_addr_t size);
int memblock_add_node(phys_addr_t base, phys_addr_t size, int nid,
		      enum memblock_flags flags);
int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_remove(phys_addr_t base, phys_addr_t size);
int memblock_phys_free(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
void memblock_trim_memory(phys_addr_t align);
unsigned long memblock_addrs_overlap(phys_addr_t base1, phys_addr_t size1,
				     phys_addr_t base2, phys_addr_t size2);
bool memblock_overlaps_region(struct memblock_type *type,
			      phys_addr_t base, phys_addr_t size);
int memblock_mark_hotplug(phys_addr_t base, phys_addr_t size);
int memblock_clear_hotplug(phys_addr_t base, phys_addr_t size);
int memblock_mark_mirror(phys_addr_t base, phys_addr_t size);
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size);
int memblock_clear_nomap(phys_addr_t base, phys_addr_t size);

void memblock_free_all(void);
void memblock_free(void *ptr, size_t size);
void memblock_free_late(phys_addr_t base, phys_addr_t size);

/* Low-level iterator steps behind the for_each_* macros below. */
void __next_mem_range(u64 *idx, int nid, enum memblock_flags flags,
		      struct memblock_type *type_a,
		      struct memblock_type *type_b, phys_addr_t *out_start,
		      phys_addr_t *out_end, int *out_nid);

void __next_mem_range_rev(u64 *idx, int nid, enum memblock_flags flags,
			  struct memblock_type *type_a,
			  struct memblock_type *type_b, phys_addr_t *out_start,
			  phys_addr_t *out_end, int *out_nid);

/**
 * __for_each_mem_range - ranges of @type_a not covered by @type_b (all of @type_a if NULL)
 * @i: u64 loop cursor
 * @nid: node to walk, NUMA_NO_NODE for all
 * @flags: which special regions to include (see should_skip_region())
 * @p_start, @p_end, @p_nid: outputs, each may be NULL
 */
#define __for_each_mem_range(i, type_a, type_b, nid, flags,		\
			     p_start, p_end, p_nid)			\
	for (i = 0, __next_mem_range(&i, nid, flags, type_a, type_b,	\
				     p_start, p_end, p_nid);		\
	     i != (u64)ULLONG_MAX;					\
	     __next_mem_range(&i, nid, flags, type_a, type_b,		\
			      p_start, p_end, p_nid))

/* The same, from the highest address down. */
#define __for_each_mem_range_rev(i, type_a, type_b, nid, flags,	\
				 p_start, p_end, p_nid)			\
	for (i = (u64)ULLONG_MAX,					\
	     __next_mem_range_rev(&i, nid, flags, type_a, type_b,	\
				  p_start, p_end, p_nid);		\
	     i != (u64)ULLONG_MAX;					\
	     __next_mem_range_rev(&i, nid, flags, type_a, type_b,	\
				  p_start, p_end, p_nid))

/* Every memory region, hotpluggable and driver-managed ones included, nomap excluded. */
#define for_each_mem_range(i, p_start, p_end)				\
	__for_each_mem_range(i, &memblock.memory, NULL, NUMA_NO_NODE,	\
			     MEMBLOCK_HOTPLUG | MEMBLOCK_DRIVER_MANAGED,	\
			     p_start, p_end, NULL)

#define for_each_mem_range_rev(i, p_start, p_end)			\
	__for_each_mem_range_rev(i, &memblock.memory, NULL, NUMA_NO_NODE, \
				 MEMBLOCK_HOTPLUG | MEMBLOCK_DRIVER_MANAGED, \
				 p_start, p_end, NULL)

/* Every reserved range, as [start, end). */
#define for_each_reserved_mem_range(i, p_start, p_end)			\
	__for_each_mem_range(i, &memblock.reserved, NULL, NUMA_NO_NODE,	\
			     MEMBLOCK_NONE, p_start, p_end, NULL)

/* Free ranges: memory and not reserved. */
#define for_each_free_mem_range(i, nid, flags, p_start, p_end, p_nid)	\
	__for_each_mem_range(i, &memblock.memory, &memblock.reserved,	\
			     nid, flags, p_start, p_end, p_nid)

#define for_each_free_mem_range_reverse(i, nid, flags, p_start, p_end,	\
					p_nid)				\
	__for_each_mem_range_rev(i, &memblock.memory, &memblock.reserved, \
				 nid, flags, p_start, p_end, p_nid)

static inline bool memblock_is_hotpluggable(struct memblock_region *m)
{
	return m->flags & MEMBLOCK_HOTPLUG;
}

static inline bool memblock_is_mirror(struct memblock_region *m)
{
	return m->flags & MEMBLOCK_MIRROR;
}

static inline bool memblock_is_nomap(struct memblock_region *m)
{
	return m->flags & MEMBLOCK_NOMAP;
}

static inline bool memblock_is_driver_managed(struct memblock_region *m)
{
	return m->flags & MEMBLOCK_DRIVER_MANAGED;
}

static inline bool memblock_is_reserved_noinit(struct memblock_region *m)
{
	return m->flags & MEMBLOCK_RSRV_NOINIT;
}

int memblock_search_pfn_nid(unsigned long pfn, unsigned long *start_pfn,
			    unsigned long *end_pfn);
void __next_mem_pfn_range(int *idx, int nid, unsigned long *out_start_pfn,
			  unsigned long *out_end_pfn, int *out_nid);

/**
 * for_each_mem_pfn_range - whole pages of each memory region
 * @i: int loop cursor
 * @nid: node to walk, MAX_NUMNODES for all (not NUMA_NO_NODE: this one is Linux's odd one out)
 * @p_start, @p_end, @p_nid: outputs (PFN_UP(base), PFN_DOWN(end), node), each may be NULL
 */
#define for_each_mem_pfn_range(i, nid, p_start, p_end, p_nid)		\
	for (i = -1, __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid); \
	     i >= 0; __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid))

int memblock_set_node(phys_addr_t base, phys_addr_t size,
		      struct memblock_type *type, int nid);

static inline void memblock_set_region_node(struct memblock_region *r, int nid)
{
	r->nid = nid;
}

static inline int memblock_get_region_node(const struct memblock_region *r)
{
	return r->nid;
}

/* @end values with a special meaning for the allocation functions. */
#define MEMBLOCK_ALLOC_ANYWHERE		(~(phys_addr_t)0)
#define MEMBLOCK_ALLOC_ACCESSIBLE	0	/* up to memblock.current_limit */
#define MEMBLOCK_ALLOC_NOLEAKTRACE	1	/* the same, without kmemleak tracking */

/* Allocations default to top-down, so 0 is a safe lower bound. */
#define MEMBLOCK_LOW_LIMIT		0

#ifndef ARCH_LOW_ADDRESS_LIMIT
#define ARCH_LOW_ADDRESS_LIMIT		0xffffffffUL
#endif

phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end);
phys_addr_t memblock_alloc_range_nid(phys_addr_t size,
				     phys_addr_t align, phys_addr_t start,
				     phys_addr_t end, int nid, bool exact_nid);
phys_addr_t memblock_phys_alloc_try_nid(phys_addr_t size, phys_addr_t align, int nid);

/*
 * The wrappers are always inlined so that the debug line's caller (_RET_IP_ of the
 * function they call) is the code that called the wrapper, as in Linux.
 */
static __always_inline phys_addr_t memblock_phys_alloc(phys_addr_t size,
						       phys_addr_t align)
{
	return memblock_phys_alloc_range(size, align, 0,
					 MEMBLOCK_ALLOC_ACCESSIBLE);
}

void *memblock_alloc_exact_nid_raw(phys_addr_t size, phys_addr_t align,
				   phys_addr_t min_addr, phys_addr_t max_addr,
				   int nid);
void *memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align,
				 phys_addr_t min_addr, phys_addr_t max_addr,
				 int nid);
void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
			     phys_addr_t min_addr, phys_addr_t max_addr,
			     int nid);

static __always_inline void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
}

static __always_inline void *memblock_alloc_raw(phys_addr_t size,
						phys_addr_t align)
{
	return memblock_alloc_try_nid_raw(size, align, MEMBLOCK_LOW_LIMIT,
					  MEMBLOCK_ALLOC_ACCESSIBLE,
					  NUMA_NO_NODE);
}

static __always_inline void *memblock_alloc_from(phys_addr_t size,
						 phys_addr_t align,
						 phys_addr_t min_addr)
{
	return memblock_alloc_try_nid(size, align, min_addr,
				      MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
}

static __always_inline void *memblock_alloc_low(phys_addr_t size,
						phys_addr_t align)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      ARCH_LOW_ADDRESS_LIMIT, NUMA_NO_NODE);
}

static __always_inline void *memblock_alloc_node(phys_addr_t size,
						 phys_addr_t align, int nid)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      MEMBLOCK_ALLOC_ACCESSIBLE, nid);
}

/* Choose the allocation direction: bottom-up (true) or top-down (false, the default). */
static inline void memblock_set_bottom_up(bool enable)
{
	memblock.bottom_up = enable;
}

static inline bool memblock_bottom_up(void)
{
	return memblock.bottom_up;
}

phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_reserved_size(void);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
void memblock_enforce_memory_limit(phys_addr_t memory_limit);
void memblock_cap_memory_range(phys_addr_t base, phys_addr_t size);
void memblock_mem_limit_remove_map(phys_addr_t limit);
bool memblock_is_memory(phys_addr_t addr);
bool memblock_is_map_memory(phys_addr_t addr);
bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size);
bool memblock_is_reserved(phys_addr_t addr);
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size);

/* Prints the configuration only with memblock=debug, like Linux... */
void memblock_dump_all(void);
/* ...while this one always prints it (static in Linux). */
void __memblock_dump_all(void);
struct seq_file;
/* /sys/kernel/debug/memblock/{memory,reserved}: Linux's memblock_debug_show(). */
void memblock_debug_show(struct seq_file *m, struct memblock_type *type);

/* Limit for MEMBLOCK_ALLOC_ACCESSIBLE allocations (physical address). */
void memblock_set_current_limit(phys_addr_t limit);
phys_addr_t memblock_get_current_limit(void);

/*
 * Memory regions should be page aligned but reserved ones need not be: memory rounds
 * inwards (whole pages only), reserved rounds outwards (every page touched).
 */
static inline unsigned long memblock_region_memory_base_pfn(const struct memblock_region *reg)
{
	return PFN_UP(reg->base);
}

static inline unsigned long memblock_region_memory_end_pfn(const struct memblock_region *reg)
{
	return PFN_DOWN(reg->base + reg->size);
}

static inline unsigned long memblock_region_reserved_base_pfn(const struct memblock_region *reg)
{
	return PFN_DOWN(reg->base);
}

static inline unsigned long memblock_region_reserved_end_pfn(const struct memblock_region *reg)
{
	return PFN_UP(reg->base + reg->size);
}

/* Walk the region structs themselves (the dummy entry of an empty type included). */
#define for_each_mem_region(region)					\
	for (region = memblock.memory.regions;				\
	     region < (memblock.memory.regions + memblock.memory.cnt);	\
	     region++)

#define for_each_reserved_mem_region(region)				\
	for (region = memblock.reserved.regions;			\
	     region < (memblock.reserved.regions + memblock.reserved.cnt); \
	     region++)

#endif /* _LINUX_MEMBLOCK_H */
