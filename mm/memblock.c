// SPDX-License-Identifier: GPL-2.0
/*
 * memblock: the boot-time map of memory and reserved ranges, and the allocator built on it.
 * Linux 6.1's interface, semantics and messages (6.12's with linux=6.12); the hand-over to
 * the page allocator too.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/version.h>
#include <linux/seq_file.h>
#include <asm/memory.h>

/*
 * Initial array sizes. Linux arm64 with EFI: 128 * 8 memory regions and
 * 128 + NR_CPUS + 1 reserved ones (asm/memory.h there). Debian's CONFIG_NR_CPUS is 256 in
 * 6.1 and 512 in 6.12, so the static reserved array holds 6.12's 641 and 6.1 uses 385 of
 * them. Either size may be overridden (Linux's memblock simulator uses 128 and 128).
 */
#ifndef INIT_MEMBLOCK_REGIONS
#define INIT_MEMBLOCK_REGIONS		128
#endif
#ifndef INIT_MEMBLOCK_MEMORY_REGIONS
#define INIT_MEMBLOCK_MEMORY_REGIONS	(INIT_MEMBLOCK_REGIONS * 8)
#endif
#ifndef INIT_MEMBLOCK_RESERVED_REGIONS
#define INIT_MEMBLOCK_RESERVED_REGIONS		(INIT_MEMBLOCK_REGIONS + 512 + 1)
#define INIT_MEMBLOCK_RESERVED_REGIONS_6_1	(INIT_MEMBLOCK_REGIONS + 256 + 1)
#else
#define INIT_MEMBLOCK_RESERVED_REGIONS_6_1	INIT_MEMBLOCK_RESERVED_REGIONS
#endif

#ifndef MAX_ORDER
#define MAX_ORDER			11	/* buddy orders 0..10, as Linux 6.1 arm64 4K */
#endif
#ifndef MAX_PAGE_ORDER
#define MAX_PAGE_ORDER			(MAX_ORDER - 1)	/* 6.12's name for order 10 */
#endif

/*
 * From the page allocator (include/linux/mm.h, mm/page_alloc.c): pfn_to_page(),
 * memblock_free_pages(), reserve_bootmem_region(), reset_all_zones_managed_pages() and
 * totalram_pages_add(), used only to hand memory over in memblock_free_all().
 */
/*
 * kernelcore=mirror would set this (Linux: mm/page_alloc.c). bootmem has no such option,
 * so MEMBLOCK_MIRROR is never set and the mirror retry never triggers, exactly as on a
 * Linux boot without kernelcore=mirror.
 */
bool mirrored_kernelcore;

unsigned long max_low_pfn;
unsigned long min_low_pfn;
unsigned long max_pfn;
unsigned long long max_possible_pfn;

static struct memblock_region memblock_memory_init_regions[INIT_MEMBLOCK_MEMORY_REGIONS] __initdata_memblock;
static struct memblock_region memblock_reserved_init_regions[INIT_MEMBLOCK_RESERVED_REGIONS] __initdata_memblock;

/*
 * In 6.1 each array starts with one zero-size dummy entry, so cnt is never 0 (6.12 counts an
 * empty array as 0: memblock_follow_linux_version()).
 */
struct memblock memblock __initdata_memblock = {
	.memory.regions		= memblock_memory_init_regions,
	.memory.cnt		= 1,
	.memory.max		= INIT_MEMBLOCK_MEMORY_REGIONS,
	.memory.name		= "memory",

	.reserved.regions	= memblock_reserved_init_regions,
	.reserved.cnt		= 1,
	.reserved.max		= INIT_MEMBLOCK_RESERVED_REGIONS_6_1,
	.reserved.name		= "reserved",

	.bottom_up		= false,
	.current_limit		= MEMBLOCK_ALLOC_ANYWHERE,
};

/*
 * The iterators compare against this pointer to know they walk memory (where node and
 * flag filters apply). memblock_discard() clears it once the arrays are gone.
 */
static struct memblock_type *memblock_memory = &memblock.memory;

#define for_each_memblock_type(i, memblock_type, rgn)			\
	for (i = 0, rgn = &memblock_type->regions[0];			\
	     i < memblock_type->cnt;					\
	     i++, rgn = &memblock_type->regions[i])

#define memblock_dbg(fmt, ...)						\
	do {								\
		if (memblock_debug)					\
			pr_info(fmt, ##__VA_ARGS__);			\
	} while (0)

#ifndef pr_warn_ratelimited
#define pr_warn_ratelimited(fmt, ...)	pr_warn(fmt, ##__VA_ARGS__)
#endif

int memblock_debug __initdata_memblock;
static bool system_has_some_mirror __initdata_memblock;
static int memblock_can_resize __initdata_memblock;

/*
 * The count of an empty array: 6.1 keeps one zero-size dummy entry (cnt 1); 6.12 counts 0
 * (its struct memblock initialiser has no .cnt = 1, memblock_remove_region() no cnt = 1,
 * and memblock_add_range() sets cnt = 1 for the first region).
 */
static unsigned long memblock_empty_cnt(void)
{
	return linux_since(6, 12) ? 0 : 1;
}

/* 128 + NR_CPUS + 1: Debian's NR_CPUS went from 256 (6.1) to 512 (6.12). */
static unsigned long memblock_init_reserved_max(void)
{
	return linux_since(6, 12) ? INIT_MEMBLOCK_RESERVED_REGIONS :
				    INIT_MEMBLOCK_RESERVED_REGIONS_6_1;
}

void __init_memblock memblock_follow_linux_version(void)
{
	struct memblock_type *types[] = { &memblock.memory, &memblock.reserved };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(types); i++)
		if (!types[i]->total_size && !types[i]->regions[0].size)
			types[i]->cnt = memblock_empty_cnt();
	if (memblock.reserved.regions == memblock_reserved_init_regions)
		memblock.reserved.max = memblock_init_reserved_max();
}

/* 6.12's numa_valid_node(): a real node id, neither NUMA_NO_NODE nor MAX_NUMNODES. */
static bool numa_valid_nid(int nid)
{
	return nid >= 0 && nid < MAX_NUMNODES;
}

static enum memblock_flags __init_memblock choose_memblock_flags(void)
{
	return system_has_some_mirror ? MEMBLOCK_MIRROR : MEMBLOCK_NONE;
}

/* Shrink *@size so that @base + *@size cannot wrap past the top of the address space. */
static inline phys_addr_t memblock_cap_size(phys_addr_t base, phys_addr_t *size)
{
	return *size = min(*size, PHYS_ADDR_MAX - base);
}

/*
 * Linux 6.1 WARN_ONCEs on MAX_NUMNODES as a node selector and treats it as "any node"; 6.12
 * takes it for "any node" without a word (numa_valid_node() in memblock_alloc_range_nid()).
 */
static int __init_memblock memblock_any_node(int nid)
{
	static bool warned;

	if (nid != MAX_NUMNODES)
		return nid;
	if (!warned && !linux_since(6, 12)) {
		warned = true;
		pr_warn("WARNING: Usage of MAX_NUMNODES is deprecated. Use NUMA_NO_NODE instead\n");
	}
	return NUMA_NO_NODE;
}

unsigned long __init_memblock
memblock_addrs_overlap(phys_addr_t base1, phys_addr_t size1, phys_addr_t base2,
		       phys_addr_t size2)
{
	return (base1 < (base2 + size2)) && (base2 < (base1 + size1));
}

bool __init_memblock memblock_overlaps_region(struct memblock_type *type,
					      phys_addr_t base, phys_addr_t size)
{
	unsigned long i;

	memblock_cap_size(base, &size);

	for (i = 0; i < type->cnt; i++)
		if (memblock_addrs_overlap(base, size, type->regions[i].base,
					   type->regions[i].size))
			return true;
	return false;
}

/* Lowest aligned fit of @size inside [@start, @end) among free ranges; 0 if none. */
static phys_addr_t __init_memblock
__memblock_find_range_bottom_up(phys_addr_t start, phys_addr_t end,
				phys_addr_t size, phys_addr_t align, int nid,
				enum memblock_flags flags)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range(i, nid, flags, &this_start, &this_end, NULL) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);

		cand = round_up(this_start, align);
		if (cand < this_end && this_end - cand >= size)
			return cand;
	}
	return 0;
}

/* Highest aligned fit of @size inside [@start, @end) among free ranges; 0 if none. */
static phys_addr_t __init_memblock
__memblock_find_range_top_down(phys_addr_t start, phys_addr_t end,
			       phys_addr_t size, phys_addr_t align, int nid,
			       enum memblock_flags flags)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range_reverse(i, nid, flags, &this_start, &this_end,
					NULL) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);

		if (this_end < size)
			continue;

		cand = round_down(this_end - size, align);
		if (cand >= this_start)
			return cand;
	}
	return 0;
}

/*
 * Find (do not reserve) @size bytes aligned to @align in [@start, @end) on @nid.
 * Page 0 is never handed out: 0 is the failure value.
 */
static phys_addr_t __init_memblock
memblock_find_in_range_node(phys_addr_t size, phys_addr_t align,
			    phys_addr_t start, phys_addr_t end, int nid,
			    enum memblock_flags flags)
{
	if (end == MEMBLOCK_ALLOC_ACCESSIBLE ||
	    end == MEMBLOCK_ALLOC_NOLEAKTRACE)
		end = memblock.current_limit;

	start = max_t(phys_addr_t, start, PAGE_SIZE);
	end = max(start, end);

	if (memblock_bottom_up())
		return __memblock_find_range_bottom_up(start, end, size, align,
						       nid, flags);
	return __memblock_find_range_top_down(start, end, size, align,
					      nid, flags);
}

/* As above on any node, retrying without MEMBLOCK_MIRROR if mirrored memory ran out. */
static phys_addr_t __init_memblock memblock_find_in_range(phys_addr_t start,
							  phys_addr_t end,
							  phys_addr_t size,
							  phys_addr_t align)
{
	enum memblock_flags flags = choose_memblock_flags();
	phys_addr_t ret;

again:
	ret = memblock_find_in_range_node(size, align, start, end,
					  NUMA_NO_NODE, flags);
	if (!ret && (flags & MEMBLOCK_MIRROR)) {
		pr_warn_ratelimited("Could not allocate %pap bytes of mirrored memory\n",
				    &size);
		flags &= ~MEMBLOCK_MIRROR;
		goto again;
	}
	return ret;
}

static void __init_memblock memblock_remove_region(struct memblock_type *type,
						   unsigned long r)
{
	type->total_size -= type->regions[r].size;
	memmove(&type->regions[r], &type->regions[r + 1],
		(type->cnt - (r + 1)) * sizeof(type->regions[r]));
	type->cnt--;

	/* An empty type goes back to its single dummy entry (6.12: and counts 0). */
	if (type->cnt == 0) {
		WARN_ON(type->total_size != 0);
		type->cnt = memblock_empty_cnt();
		type->regions[0].base = 0;
		type->regions[0].size = 0;
		type->regions[0].flags = 0;
		memblock_set_region_node(&type->regions[0], MAX_NUMNODES);
	}
}

/**
 * memblock_discard - give back region arrays that memblock_double_array() allocated
 *
 * Only for architectures without ARCH_KEEP_MEMBLOCK (arm64 keeps memblock and never
 * calls this). The static arrays stay; allocated ones go straight to the page allocator.
 */
void __init memblock_discard(void)
{
	phys_addr_t addr, size;

	if (memblock.reserved.regions != memblock_reserved_init_regions) {
		addr = __pa(memblock.reserved.regions);
		size = PAGE_ALIGN(sizeof(struct memblock_region) *
				  memblock.reserved.max);
		memblock_free_late(addr, size);
	}

	if (memblock.memory.regions != memblock_memory_init_regions) {
		addr = __pa(memblock.memory.regions);
		size = PAGE_ALIGN(sizeof(struct memblock_region) *
				  memblock.memory.max);
		memblock_free_late(addr, size);
	}

	memblock_memory = NULL;
}

/**
 * memblock_double_array - double the capacity of @type's region array
 * @type: the type that ran out of room
 * @new_area_start: start of a range about to be reserved, which the new array must avoid
 * @new_area_size: its size
 *
 * The new array comes from memblock itself (page aligned, so it can be freed whole) and
 * is reserved; the old one is freed unless it is the static boot array. Allowed only
 * after memblock_allow_resize(), once every range that must not be overwritten (the
 * kernel, the DTB, an initrd) is known to memblock.
 *
 * Return: 0 on success, -1 if resizing is not allowed yet or no memory was found.
 */
static noinline int __init_memblock memblock_double_array(struct memblock_type *type,
							  phys_addr_t new_area_start,
							  phys_addr_t new_area_size)
{
	struct memblock_region *new_array, *old_array;
	phys_addr_t old_alloc_size, new_alloc_size;
	phys_addr_t old_size, new_size, addr, new_end;

	if (!memblock_can_resize) {
		/* 6.12 panics here (memblock_double_array()); 6.1 returns -1 and drops the range. */
		if (linux_since(6, 12)) {
			new_end = new_area_start + new_area_size - 1;
			bm_err("memblock.%s is full (%lu regions) before memblock may grow it, at [mem %pa-%pa]\n",
			       type->name, type->max, &new_area_start, &new_end);
			panic("memblock: cannot resize %s array\n", type->name);
		}
		return -1;
	}

	old_size = type->max * sizeof(struct memblock_region);
	new_size = old_size << 1;
	old_alloc_size = PAGE_ALIGN(old_size);
	new_alloc_size = PAGE_ALIGN(new_size);

	/* Only a new reserved array must keep clear of the range being reserved. */
	if (type != &memblock.reserved)
		new_area_start = new_area_size = 0;

	addr = memblock_find_in_range(new_area_start + new_area_size,
				      memblock.current_limit,
				      new_alloc_size, PAGE_SIZE);
	if (!addr && new_area_size)
		addr = memblock_find_in_range(0,
				min(new_area_start, memblock.current_limit),
				new_alloc_size, PAGE_SIZE);
	if (!addr) {
		pr_err("memblock: Failed to double %s array from %ld to %ld entries !\n",
		       type->name, type->max, type->max * 2);
		return -1;
	}
	new_array = phys_to_virt(addr);

	new_end = addr + new_size - 1;
	memblock_dbg("memblock: %s is doubled to %ld at [%pa-%pa]\n",
		     type->name, type->max * 2, &addr, &new_end);

	/*
	 * Move the regions before reserving the new array: the array that is full may be
	 * the reserved one itself.
	 */
	memcpy(new_array, type->regions, old_size);
	memset(new_array + type->max, 0, old_size);
	old_array = type->regions;
	type->regions = new_array;
	type->max <<= 1;

	if (old_array != memblock_memory_init_regions &&
	    old_array != memblock_reserved_init_regions)
		memblock_free(old_array, old_alloc_size);

	BUG_ON(memblock_reserve(addr, new_alloc_size));
	return 0;
}

/*
 * Linux drops the range silently when the array is full and may not grow yet; we say
 * which range was lost.
 */
static void __init_memblock memblock_report_full(struct memblock_type *type,
						 const char *what,
						 phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size - 1;

	pr_err("memblock: %s array full (%lu regions): %s [mem %pa-%pa]\n",
	       type->name, type->max, what, &base, &end);
}

/*
 * Merge neighbours that touch and have the same node and flags. 6.1 scans the whole array;
 * 6.12's memblock_merge_regions(type, start_rgn, end_rgn) only [@start_rgn - 1, @end_rgn)
 * around what changed, which is the same on arrays that were merged before.
 */
static void __init_memblock memblock_merge_regions(struct memblock_type *type,
						   unsigned long start_rgn,
						   unsigned long end_rgn)
{
	int i = 0;

	if (!linux_since(6, 12)) {
		start_rgn = 0;
		end_rgn = ULONG_MAX;
	}
	if (start_rgn)
		i = start_rgn - 1;
	end_rgn = min(end_rgn, type->cnt - 1);
	while (i < end_rgn) {
		struct memblock_region *this = &type->regions[i];
		struct memblock_region *next = &type->regions[i + 1];

		if (this->base + this->size != next->base ||
		    memblock_get_region_node(this) !=
		    memblock_get_region_node(next) ||
		    this->flags != next->flags) {
			BUG_ON(this->base + this->size > next->base);
			i++;
			continue;
		}

		this->size += next->size;
		memmove(next, next + 1, (type->cnt - (i + 2)) * sizeof(*next));
		type->cnt--;
		end_rgn--;
	}
}

/* Insert [@base, @base + @size) at index @idx; the caller made sure there is room. */
static void __init_memblock memblock_insert_region(struct memblock_type *type,
						   int idx, phys_addr_t base,
						   phys_addr_t size, int nid,
						   enum memblock_flags flags)
{
	struct memblock_region *rgn = &type->regions[idx];

	BUG_ON(type->cnt >= type->max);
	memmove(rgn + 1, rgn, (type->cnt - idx) * sizeof(*rgn));
	rgn->base = base;
	rgn->size = size;
	rgn->flags = flags;
	memblock_set_region_node(rgn, nid);
	type->cnt++;
	type->total_size += size;
}

/**
 * memblock_add_range - add [@base, @base + @size) to @type
 *
 * Only the parts not already covered are inserted: existing regions keep their node
 * and flags. Afterwards compatible neighbours are merged, so @type stays minimal.
 *
 * Return: 0 on success, -ENOMEM if the array is full and cannot grow.
 */
static int __init_memblock memblock_add_range(struct memblock_type *type,
					      phys_addr_t base, phys_addr_t size,
					      int nid, enum memblock_flags flags)
{
	bool insert = false;
	phys_addr_t obase = base;
	phys_addr_t end = base + memblock_cap_size(base, &size);
	int idx, nr_new, start_rgn = -1, end_rgn = 0;
	struct memblock_region *rgn;

	if (!size)
		return 0;

	/* The dummy entry of an empty type is simply overwritten. */
	if (type->regions[0].size == 0) {
		WARN_ON(type->cnt != memblock_empty_cnt() || type->total_size);
		type->regions[0].base = base;
		type->regions[0].size = size;
		type->regions[0].flags = flags;
		memblock_set_region_node(&type->regions[0], nid);
		type->total_size = size;
		type->cnt = 1;
		return 0;
	}

	/*
	 * At worst the new range fills a hole before every region and one after them all:
	 * cnt + 1 new entries. With that much room, insert on the first pass; otherwise
	 * count first, grow the array, then insert. 6.1 wants one entry to spare; 6.12's
	 * memblock_add_range() does not ("cnt * 2 + 1 <= max").
	 */
	if (type->cnt * 2 + 1 < type->max ||
	    (linux_since(6, 12) && type->cnt * 2 + 1 == type->max))
		insert = true;

repeat:
	base = obase;
	nr_new = 0;

	for_each_memblock_type(idx, type, rgn) {
		phys_addr_t rbase = rgn->base;
		phys_addr_t rend = rbase + rgn->size;

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;
		/* The part of the new range below this region is a gap to fill. */
		if (rbase > base) {
			WARN_ON(nid != memblock_get_region_node(rgn));
			WARN_ON(flags != rgn->flags);
			nr_new++;
			if (insert) {
				if (start_rgn == -1)
					start_rgn = idx;
				end_rgn = idx + 1;
				memblock_insert_region(type, idx++, base,
						       rbase - base, nid,
						       flags);
			}
		}
		base = min(rend, end);
	}

	/* Whatever is left lies above every overlapping region. */
	if (base < end) {
		nr_new++;
		if (insert) {
			if (start_rgn == -1)
				start_rgn = idx;
			end_rgn = idx + 1;
			memblock_insert_region(type, idx, base, end - base,
					       nid, flags);
		}
	}

	if (!nr_new)
		return 0;

	if (!insert) {
		while (type->cnt + nr_new > type->max) {
			if (memblock_double_array(type, obase, size) < 0) {
				memblock_report_full(type, "dropping", obase, size);
				return -ENOMEM;
			}
		}
		insert = true;
		goto repeat;
	}

	memblock_merge_regions(type, start_rgn, end_rgn);
	return 0;
}

/**
 * memblock_add_node - add memory on a given node with given flags
 * @base: physical base
 * @size: size in bytes
 * @nid: NUMA node
 * @flags: enum memblock_flags
 *
 * Return: 0 on success, -ENOMEM if memblock.memory is full.
 */
noinline int __init_memblock memblock_add_node(phys_addr_t base, phys_addr_t size,
					       int nid, enum memblock_flags flags)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] nid=%d flags=%x %pS\n", __func__,
		     &base, &end, nid, flags, (void *)_RET_IP_);

	return memblock_add_range(&memblock.memory, base, size, nid, flags);
}

/**
 * memblock_add - add memory not yet assigned to a node (nid MAX_NUMNODES)
 * @base: physical base
 * @size: size in bytes
 *
 * Return: 0 on success, -ENOMEM if memblock.memory is full.
 */
noinline int __init_memblock memblock_add(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] %pS\n", __func__,
		     &base, &end, (void *)_RET_IP_);

	return memblock_add_range(&memblock.memory, base, size, MAX_NUMNODES, 0);
}

/**
 * memblock_isolate_range - split @type so that no region crosses @base or @base + @size
 * @start_rgn: set to the first region inside the range
 * @end_rgn: set to one past the last region inside the range (0 if none)
 *
 * Return: 0 on success, -ENOMEM if the (at most two) extra entries do not fit.
 */
static int __init_memblock memblock_isolate_range(struct memblock_type *type,
						  phys_addr_t base, phys_addr_t size,
						  int *start_rgn, int *end_rgn)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	int idx;
	struct memblock_region *rgn;

	*start_rgn = *end_rgn = 0;

	if (!size)
		return 0;

	while (type->cnt + 2 > type->max) {
		if (memblock_double_array(type, base, size) < 0) {
			memblock_report_full(type, "cannot split regions for",
					     base, size);
			return -ENOMEM;
		}
	}

	for_each_memblock_type(idx, type, rgn) {
		phys_addr_t rbase = rgn->base;
		phys_addr_t rend = rbase + rgn->size;

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;

		if (rbase < base) {
			/* Starts below: split off the bottom, look at the top half next. */
			rgn->base = base;
			rgn->size -= base - rbase;
			type->total_size -= base - rbase;
			memblock_insert_region(type, idx, rbase, base - rbase,
					       memblock_get_region_node(rgn),
					       rgn->flags);
		} else if (rend > end) {
			/* Ends above: split off the top, look at the bottom half again. */
			rgn->base = end;
			rgn->size -= end - rbase;
			type->total_size -= end - rbase;
			memblock_insert_region(type, idx--, rbase, end - rbase,
					       memblock_get_region_node(rgn),
					       rgn->flags);
		} else {
			if (!*end_rgn)
				*start_rgn = idx;
			*end_rgn = idx + 1;
		}
	}

	return 0;
}

static int __init_memblock memblock_remove_range(struct memblock_type *type,
						 phys_addr_t base, phys_addr_t size)
{
	int start_rgn, end_rgn;
	int i, ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = end_rgn - 1; i >= start_rgn; i--)
		memblock_remove_region(type, i);
	return 0;
}

/* Take [@base, @base + @size) out of memblock.memory. */
noinline int __init_memblock memblock_remove(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] %pS\n", __func__,
		     &base, &end, (void *)_RET_IP_);

	return memblock_remove_range(&memblock.memory, base, size);
}

static int __init_memblock __memblock_phys_free(phys_addr_t base, phys_addr_t size,
						unsigned long caller)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] %pS\n", "memblock_phys_free",
		     &base, &end, (void *)caller);

	return memblock_remove_range(&memblock.reserved, base, size);
}

/**
 * memblock_free - free a memblock allocation by its virtual address
 * @ptr: what memblock_alloc*() returned (NULL is ignored)
 * @size: its size
 *
 * The range only leaves memblock.reserved; it reaches the page allocator with the rest
 * of free memory in memblock_free_all(). The debug line names our caller.
 */
noinline void __init_memblock memblock_free(void *ptr, size_t size)
{
	if (ptr)
		__memblock_phys_free(__pa(ptr), size, _RET_IP_);
}

/* The same by physical address. Return: 0, or -ENOMEM if a split did not fit. */
noinline int __init_memblock memblock_phys_free(phys_addr_t base, phys_addr_t size)
{
	return __memblock_phys_free(base, size, _RET_IP_);
}

/* Mark [@base, @base + @size) as taken. Return: 0, or -ENOMEM if reserved is full. */
noinline int __init_memblock memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] %pS\n", __func__,
		     &base, &end, (void *)_RET_IP_);

	return memblock_add_range(&memblock.reserved, base, size, MAX_NUMNODES, 0);
}

/*
 * Set or clear @flag on @type's regions inside [@base, @base + @size), splitting as needed.
 * 6.1 only ever flags memory; 6.12 also flags reserved regions (memblock_reserved_mark_noinit).
 */
static int __init_memblock memblock_setclr_flag(struct memblock_type *type, phys_addr_t base,
						phys_addr_t size, int set, int flag)
{
	int i, ret, start_rgn, end_rgn;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = start_rgn; i < end_rgn; i++) {
		struct memblock_region *r = &type->regions[i];

		if (set)
			r->flags |= flag;
		else
			r->flags &= ~flag;
	}

	memblock_merge_regions(type, start_rgn, end_rgn);
	return 0;
}

int __init_memblock memblock_mark_hotplug(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(&memblock.memory, base, size, 1, MEMBLOCK_HOTPLUG);
}

int __init_memblock memblock_clear_hotplug(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(&memblock.memory, base, size, 0, MEMBLOCK_HOTPLUG);
}

/* Does nothing unless kernelcore=mirror asked for mirrored memory (Linux 6.1). */
int __init_memblock memblock_mark_mirror(phys_addr_t base, phys_addr_t size)
{
	if (!mirrored_kernelcore)
		return 0;

	system_has_some_mirror = true;

	return memblock_setclr_flag(&memblock.memory, base, size, 1, MEMBLOCK_MIRROR);
}

/*
 * NOMAP memory stays in memblock.memory (it is covered by the memory map, its pages are
 * PageReserved) but is left out of the linear map and never allocated from.
 */
int __init_memblock memblock_mark_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(&memblock.memory, base, size, 1, MEMBLOCK_NOMAP);
}

int __init_memblock memblock_clear_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(&memblock.memory, base, size, 0, MEMBLOCK_NOMAP);
}

/*
 * 6.12: a reserved range whose struct pages memblock_free_all() leaves uninitialised
 * (MEMBLOCK_RSRV_NOINIT; Linux's hugetlb boot pages use it). 6.1 has no such flag: -EINVAL.
 */
int __init_memblock memblock_reserved_mark_noinit(phys_addr_t base, phys_addr_t size)
{
	if (!linux_since(6, 12))
		return -EINVAL;
	return memblock_setclr_flag(&memblock.reserved, base, size, 1, MEMBLOCK_RSRV_NOINIT);
}

/* Which memory regions an iteration with @nid and @flags must pass over. */
static bool should_skip_region(struct memblock_type *type,
			       struct memblock_region *m,
			       int nid, int flags)
{
	int m_nid = memblock_get_region_node(m);

	/* Node and flag filters apply to memory only, never to reserved. */
	if (type != memblock_memory)
		return false;

	/* 6.12: numa_valid_node(nid); the same once memblock_any_node() turned MAX_NUMNODES. */
	if (linux_since(6, 12) ? numa_valid_nid(nid) && nid != m_nid :
				 nid != NUMA_NO_NODE && nid != m_nid)
		return true;

	if (movable_node_is_enabled() && memblock_is_hotpluggable(m) &&
	    !(flags & MEMBLOCK_HOTPLUG))
		return true;

	if ((flags & MEMBLOCK_MIRROR) && !memblock_is_mirror(m))
		return true;

	if (!(flags & MEMBLOCK_NOMAP) && memblock_is_nomap(m))
		return true;

	if (!(flags & MEMBLOCK_DRIVER_MANAGED) && memblock_is_driver_managed(m))
		return true;

	return false;
}

/**
 * __next_mem_range - one step of __for_each_mem_range()
 * @idx: cursor: low 32 bits index @type_a, high 32 bits index the gaps of @type_b
 *	(gap k lies between region k - 1 and region k; gap 0 starts at 0, the last
 *	gap ends at PHYS_ADDR_MAX). ULLONG_MAX when done.
 *
 * Both arrays are sorted, so the two indexes advance together and each call returns
 * the next intersection of a region of @type_a with a gap of @type_b.
 */
void __init_memblock __next_mem_range(u64 *idx, int nid, enum memblock_flags flags,
				      struct memblock_type *type_a,
				      struct memblock_type *type_b,
				      phys_addr_t *out_start,
				      phys_addr_t *out_end, int *out_nid)
{
	int idx_a = *idx & 0xffffffff;
	int idx_b = *idx >> 32;

	nid = memblock_any_node(nid);

	for (; idx_a < type_a->cnt; idx_a++) {
		struct memblock_region *m = &type_a->regions[idx_a];
		phys_addr_t m_start = m->base;
		phys_addr_t m_end = m->base + m->size;
		int m_nid = memblock_get_region_node(m);

		if (should_skip_region(type_a, m, nid, flags))
			continue;

		if (!type_b) {
			if (out_start)
				*out_start = m_start;
			if (out_end)
				*out_end = m_end;
			if (out_nid)
				*out_nid = m_nid;
			idx_a++;
			*idx = (u32)idx_a | (u64)idx_b << 32;
			return;
		}

		for (; idx_b < type_b->cnt + 1; idx_b++) {
			struct memblock_region *r = &type_b->regions[idx_b];
			phys_addr_t r_start = idx_b ? r[-1].base + r[-1].size : 0;
			phys_addr_t r_end = idx_b < type_b->cnt ?
					    r->base : PHYS_ADDR_MAX;

			/* This gap starts above the region: next region. */
			if (r_start >= m_end)
				break;
			if (m_start < r_end) {
				if (out_start)
					*out_start = max(m_start, r_start);
				if (out_end)
					*out_end = min(m_end, r_end);
				if (out_nid)
					*out_nid = m_nid;
				/* Advance whichever of the two ends first. */
				if (m_end <= r_end)
					idx_a++;
				else
					idx_b++;
				*idx = (u32)idx_a | (u64)idx_b << 32;
				return;
			}
		}
	}

	*idx = ULLONG_MAX;
}

/* One step of __for_each_mem_range_rev(): __next_mem_range() walking downwards. */
void __init_memblock __next_mem_range_rev(u64 *idx, int nid,
					  enum memblock_flags flags,
					  struct memblock_type *type_a,
					  struct memblock_type *type_b,
					  phys_addr_t *out_start,
					  phys_addr_t *out_end, int *out_nid)
{
	int idx_a = *idx & 0xffffffff;
	int idx_b = *idx >> 32;

	nid = memblock_any_node(nid);

	if (*idx == (u64)ULLONG_MAX) {
		idx_a = type_a->cnt - 1;
		idx_b = type_b ? type_b->cnt : 0;
	}

	for (; idx_a >= 0; idx_a--) {
		struct memblock_region *m = &type_a->regions[idx_a];
		phys_addr_t m_start = m->base;
		phys_addr_t m_end = m->base + m->size;
		int m_nid = memblock_get_region_node(m);

		if (should_skip_region(type_a, m, nid, flags))
			continue;

		if (!type_b) {
			if (out_start)
				*out_start = m_start;
			if (out_end)
				*out_end = m_end;
			if (out_nid)
				*out_nid = m_nid;
			idx_a--;
			*idx = (u32)idx_a | (u64)idx_b << 32;
			return;
		}

		for (; idx_b >= 0; idx_b--) {
			struct memblock_region *r = &type_b->regions[idx_b];
			phys_addr_t r_start = idx_b ? r[-1].base + r[-1].size : 0;
			phys_addr_t r_end = idx_b < type_b->cnt ?
					    r->base : PHYS_ADDR_MAX;

			/* This gap ends below the region: previous region. */
			if (r_end <= m_start)
				break;
			if (m_end > r_start) {
				if (out_start)
					*out_start = max(m_start, r_start);
				if (out_end)
					*out_end = min(m_end, r_end);
				if (out_nid)
					*out_nid = m_nid;
				if (m_start >= r_start)
					idx_a--;
				else
					idx_b--;
				*idx = (u32)idx_a | (u64)idx_b << 32;
				return;
			}
		}
	}

	*idx = ULLONG_MAX;
}

/*
 * One step of for_each_mem_pfn_range(): the next memory region of @nid (MAX_NUMNODES:
 * any) holding at least one whole page. *@idx becomes -1 at the end.
 */
void __init_memblock __next_mem_pfn_range(int *idx, int nid,
					  unsigned long *out_start_pfn,
					  unsigned long *out_end_pfn, int *out_nid)
{
	struct memblock_type *type = &memblock.memory;
	struct memblock_region *r = NULL;
	int r_nid = 0;

	while (++*idx < type->cnt) {
		r = &type->regions[*idx];
		r_nid = memblock_get_region_node(r);

		if (PFN_UP(r->base) >= PFN_DOWN(r->base + r->size))
			continue;
		/* 6.12 takes NUMA_NO_NODE for "any node" too (!numa_valid_node(nid)). */
		if ((linux_since(6, 12) ? !numa_valid_nid(nid) : nid == MAX_NUMNODES) ||
		    nid == r_nid)
			break;
	}
	if (*idx >= type->cnt) {
		*idx = -1;
		return;
	}

	if (out_start_pfn)
		*out_start_pfn = PFN_UP(r->base);
	if (out_end_pfn)
		*out_end_pfn = PFN_DOWN(r->base + r->size);
	if (out_nid)
		*out_nid = r_nid;
}

/*
 * 6.12's memblock_validate_numa_coverage(): false, with Linux's message, when more than
 * @threshold_bytes of memory belongs to no node.
 */
bool __init_memblock memblock_validate_numa_coverage(unsigned long threshold_bytes)
{
	unsigned long nr_pages = 0, start_pfn, end_pfn;
	int nid, i;

	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, &nid)
		if (!numa_valid_nid(nid))
			nr_pages += end_pfn - start_pfn;

	if ((nr_pages << PAGE_SHIFT) > threshold_bytes) {
		pr_err("NUMA: no nodes coverage for %luMB of %luMB RAM\n",
		       (nr_pages << PAGE_SHIFT) >> 20,
		       (unsigned long)(memblock_phys_mem_size() >> 20));
		return false;
	}
	return true;
}

/**
 * memblock_set_node - assign [@base, @base + @size) of @type to node @nid
 *
 * Regions crossing the bounds are split; equal neighbours merge afterwards.
 * Return: 0 on success, -ENOMEM if a split did not fit.
 */
int __init_memblock memblock_set_node(phys_addr_t base, phys_addr_t size,
				      struct memblock_type *type, int nid)
{
	int start_rgn, end_rgn;
	int i, ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = start_rgn; i < end_rgn; i++)
		memblock_set_region_node(&type->regions[i], nid);

	memblock_merge_regions(type, start_rgn, end_rgn);
	return 0;
}

/*
 * Linux calls dump_stack() for a zero alignment and uses SMP_CACHE_BYTES; we name the
 * caller instead of printing a backtrace.
 */
static phys_addr_t __init_memblock memblock_fix_align(phys_addr_t align,
						      const char *func,
						      unsigned long caller)
{
	if (align)
		return align;
	pr_warn("memblock: %s: align 0 requested by %pS, using SMP_CACHE_BYTES (%d)\n",
		func, (void *)caller, SMP_CACHE_BYTES);
	return SMP_CACHE_BYTES;
}

/**
 * memblock_alloc_range_nid - find and reserve a block
 * @size: bytes
 * @align: alignment (0: SMP_CACHE_BYTES, with a warning)
 * @start: lowest acceptable address
 * @end: highest (exclusive); MEMBLOCK_ALLOC_ACCESSIBLE means memblock.current_limit
 * @nid: preferred node, NUMA_NO_NODE for any
 * @exact_nid: fail rather than fall back to other nodes
 *
 * Mirrored memory first if the system has some, then any. Top-down unless
 * memblock_set_bottom_up(true).
 *
 * Return: the physical address, 0 on failure.
 */
noinline phys_addr_t __init memblock_alloc_range_nid(phys_addr_t size,
						     phys_addr_t align, phys_addr_t start,
						     phys_addr_t end, int nid,
						     bool exact_nid)
{
	enum memblock_flags flags = choose_memblock_flags();
	phys_addr_t found;

	nid = memblock_any_node(nid);
	align = memblock_fix_align(align, __func__, _RET_IP_);

again:
	found = memblock_find_in_range_node(size, align, start, end, nid,
					    flags);
	if (found && !memblock_reserve(found, size))
		return found;

	if (nid != NUMA_NO_NODE && !exact_nid) {
		found = memblock_find_in_range_node(size, align, start,
						    end, NUMA_NO_NODE,
						    flags);
		if (found && !memblock_reserve(found, size))
			return found;
	}

	if (flags & MEMBLOCK_MIRROR) {
		flags &= ~MEMBLOCK_MIRROR;
		pr_warn_ratelimited("Could not allocate %pap bytes of mirrored memory\n",
				    &size);
		goto again;
	}

	return 0;
}

/**
 * memblock_phys_alloc_range - allocate @size bytes inside [@start, @end)
 *
 * Any node. Return: the physical address, 0 on failure.
 */
noinline phys_addr_t __init memblock_phys_alloc_range(phys_addr_t size,
						      phys_addr_t align,
						      phys_addr_t start,
						      phys_addr_t end)
{
	memblock_dbg("%s: %llu bytes align=0x%llx from=%pa max_addr=%pa %pS\n",
		     __func__, (unsigned long long)size,
		     (unsigned long long)align, &start, &end,
		     (void *)_RET_IP_);
	align = memblock_fix_align(align, __func__, _RET_IP_);
	return memblock_alloc_range_nid(size, align, start, end, NUMA_NO_NODE,
					false);
}

/* Allocate preferably on @nid, below memblock.current_limit. Logs nothing (as Linux). */
noinline phys_addr_t __init memblock_phys_alloc_try_nid(phys_addr_t size,
							phys_addr_t align, int nid)
{
	align = memblock_fix_align(align, __func__, _RET_IP_);
	return memblock_alloc_range_nid(size, align, 0,
					MEMBLOCK_ALLOC_ACCESSIBLE, nid, false);
}

/*
 * The virtual-address allocators' common part: clip to current_limit, and if nothing
 * fits above @min_addr, try again from 0 (node and mirror fallbacks happen inside
 * memblock_alloc_range_nid()).
 */
static void * __init memblock_alloc_internal(phys_addr_t size, phys_addr_t align,
					     phys_addr_t min_addr, phys_addr_t max_addr,
					     int nid, bool exact_nid)
{
	phys_addr_t alloc;

	if (max_addr > memblock.current_limit)
		max_addr = memblock.current_limit;

	alloc = memblock_alloc_range_nid(size, align, min_addr, max_addr, nid,
					 exact_nid);

	if (!alloc && min_addr)
		alloc = memblock_alloc_range_nid(size, align, 0, max_addr, nid,
						 exact_nid);

	if (!alloc)
		return NULL;

	return phys_to_virt(alloc);
}

/* On @nid only, not zeroed. Return: virtual address or NULL. */
noinline void * __init memblock_alloc_exact_nid_raw(phys_addr_t size, phys_addr_t align,
						    phys_addr_t min_addr,
						    phys_addr_t max_addr, int nid)
{
	memblock_dbg("%s: %llu bytes align=0x%llx nid=%d from=%pa max_addr=%pa %pS\n",
		     __func__, (unsigned long long)size,
		     (unsigned long long)align, nid, &min_addr,
		     &max_addr, (void *)_RET_IP_);
	align = memblock_fix_align(align, __func__, _RET_IP_);

	return memblock_alloc_internal(size, align, min_addr, max_addr, nid,
				       true);
}

/* Preferably on @nid, not zeroed. Return: virtual address or NULL. */
noinline void * __init memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align,
						  phys_addr_t min_addr,
						  phys_addr_t max_addr, int nid)
{
	memblock_dbg("%s: %llu bytes align=0x%llx nid=%d from=%pa max_addr=%pa %pS\n",
		     __func__, (unsigned long long)size,
		     (unsigned long long)align, nid, &min_addr,
		     &max_addr, (void *)_RET_IP_);
	align = memblock_fix_align(align, __func__, _RET_IP_);

	return memblock_alloc_internal(size, align, min_addr, max_addr, nid,
				       false);
}

/* Preferably on @nid, zeroed. Return: virtual address or NULL (no panic). */
noinline void * __init memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
					      phys_addr_t min_addr,
					      phys_addr_t max_addr, int nid)
{
	void *ptr;

	memblock_dbg("%s: %llu bytes align=0x%llx nid=%d from=%pa max_addr=%pa %pS\n",
		     __func__, (unsigned long long)size,
		     (unsigned long long)align, nid, &min_addr,
		     &max_addr, (void *)_RET_IP_);
	align = memblock_fix_align(align, __func__, _RET_IP_);

	ptr = memblock_alloc_internal(size, align, min_addr, max_addr, nid,
				      false);
	if (ptr)
		memset(ptr, 0, size);

	return ptr;
}

/**
 * memblock_free_late - hand pages straight to the page allocator
 *
 * For after memblock_free_all(): whole pages inside [@base, @base + @size) are freed one
 * by one; memblock's own arrays are not touched.
 */
noinline void __init memblock_free_late(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t cursor, end;

	end = base + size - 1;
	memblock_dbg("%s: [%pa-%pa] %pS\n",
		     __func__, &base, &end, (void *)_RET_IP_);
	cursor = PFN_UP(base);
	end = PFN_DOWN(base + size);

	for (; cursor < end; cursor++) {
		memblock_free_pages(pfn_to_page(cursor), cursor, 0);
		totalram_pages_add(1);
	}
}

phys_addr_t __init_memblock memblock_phys_mem_size(void)
{
	return memblock.memory.total_size;
}

phys_addr_t __init_memblock memblock_reserved_size(void)
{
	return memblock.reserved.total_size;
}

phys_addr_t __init_memblock memblock_start_of_DRAM(void)
{
	return memblock.memory.regions[0].base;
}

phys_addr_t __init_memblock memblock_end_of_DRAM(void)
{
	int idx = memblock.memory.cnt - 1;

	return memblock.memory.regions[idx].base + memblock.memory.regions[idx].size;
}

/*
 * The address at which the first @limit bytes of memory end (holes not counted), or
 * PHYS_ADDR_MAX if there is no more memory than that.
 */
static phys_addr_t __init_memblock __find_max_addr(phys_addr_t limit)
{
	phys_addr_t max_addr = PHYS_ADDR_MAX;
	struct memblock_region *r;

	for_each_mem_region(r) {
		if (limit <= r->size) {
			max_addr = r->base + limit;
			break;
		}
		limit -= r->size;
	}

	return max_addr;
}

/* Keep only the first @limit bytes of memory; drop memory and reservations above. */
void __init memblock_enforce_memory_limit(phys_addr_t limit)
{
	phys_addr_t max_addr;

	if (!limit)
		return;

	max_addr = __find_max_addr(limit);
	if (max_addr == PHYS_ADDR_MAX)
		return;

	memblock_remove_range(&memblock.memory, max_addr, PHYS_ADDR_MAX);
	memblock_remove_range(&memblock.reserved, max_addr, PHYS_ADDR_MAX);
}

/*
 * Keep only the memory inside [@base, @base + @size), except NOMAP regions (firmware
 * tables must stay described), and the reservations inside it.
 */
void __init memblock_cap_memory_range(phys_addr_t base, phys_addr_t size)
{
	int start_rgn, end_rgn;
	int i, ret;

	if (!size)
		return;

	if (!memblock.memory.total_size) {
		pr_warn("%s: No memory registered yet\n", __func__);
		return;
	}

	ret = memblock_isolate_range(&memblock.memory, base, size,
				     &start_rgn, &end_rgn);
	if (ret)
		return;

	for (i = memblock.memory.cnt - 1; i >= end_rgn; i--)
		if (!memblock_is_nomap(&memblock.memory.regions[i]))
			memblock_remove_region(&memblock.memory, i);

	for (i = start_rgn - 1; i >= 0; i--)
		if (!memblock_is_nomap(&memblock.memory.regions[i]))
			memblock_remove_region(&memblock.memory, i);

	memblock_remove_range(&memblock.reserved, 0, base);
	memblock_remove_range(&memblock.reserved, base + size, PHYS_ADDR_MAX);
}

/* "mem=": keep the first @limit bytes of memory, and NOMAP regions above them. */
void __init memblock_mem_limit_remove_map(phys_addr_t limit)
{
	phys_addr_t max_addr;

	if (!limit)
		return;

	max_addr = __find_max_addr(limit);
	if (max_addr == PHYS_ADDR_MAX)
		return;

	memblock_cap_memory_range(0, max_addr);
}

/* Binary search: the index of the region of @type holding @addr, or -1. */
static int __init_memblock memblock_search(struct memblock_type *type, phys_addr_t addr)
{
	unsigned int left = 0, right = type->cnt;

	do {
		unsigned int mid = (right + left) / 2;

		if (addr < type->regions[mid].base)
			right = mid;
		else if (addr >= (type->regions[mid].base +
				  type->regions[mid].size))
			left = mid + 1;
		else
			return mid;
	} while (left < right);
	return -1;
}

bool __init_memblock memblock_is_reserved(phys_addr_t addr)
{
	return memblock_search(&memblock.reserved, addr) != -1;
}

bool __init_memblock memblock_is_memory(phys_addr_t addr)
{
	return memblock_search(&memblock.memory, addr) != -1;
}

/* Memory that is in the linear map: in memblock.memory and not NOMAP. */
bool __init_memblock memblock_is_map_memory(phys_addr_t addr)
{
	int i = memblock_search(&memblock.memory, addr);

	if (i == -1)
		return false;
	return !memblock_is_nomap(&memblock.memory.regions[i]);
}

/* The node of the region holding @pfn (and its pfn bounds), or -1 if not memory. */
int __init_memblock memblock_search_pfn_nid(unsigned long pfn,
					    unsigned long *start_pfn,
					    unsigned long *end_pfn)
{
	struct memblock_type *type = &memblock.memory;
	int mid = memblock_search(type, PFN_PHYS(pfn));

	if (mid == -1)
		return -1;

	*start_pfn = PFN_DOWN(type->regions[mid].base);
	*end_pfn = PFN_DOWN(type->regions[mid].base + type->regions[mid].size);

	return memblock_get_region_node(&type->regions[mid]);
}

/* True if [@base, @base + @size) lies inside one memory region. */
bool __init_memblock memblock_is_region_memory(phys_addr_t base, phys_addr_t size)
{
	int idx = memblock_search(&memblock.memory, base);
	phys_addr_t end = base + memblock_cap_size(base, &size);

	if (idx == -1)
		return false;
	return (memblock.memory.regions[idx].base +
		memblock.memory.regions[idx].size) >= end;
}

/* True if [@base, @base + @size) touches any reserved region. */
bool __init_memblock memblock_is_region_reserved(phys_addr_t base, phys_addr_t size)
{
	return memblock_overlaps_region(&memblock.reserved, base, size);
}

/* Round every memory region inwards to @align; drop those that vanish. */
void __init_memblock memblock_trim_memory(phys_addr_t align)
{
	phys_addr_t start, end, orig_start, orig_end;
	struct memblock_region *r;

	for_each_mem_region(r) {
		orig_start = r->base;
		orig_end = r->base + r->size;
		start = round_up(orig_start, align);
		end = round_down(orig_end, align);

		if (start == orig_start && end == orig_end)
			continue;

		if (start < end) {
			/* total_size is left alone, exactly as Linux 6.1 does. */
			r->base = start;
			r->size = end - start;
		} else {
			memblock_remove_region(&memblock.memory,
					       r - memblock.memory.regions);
			r--;
		}
	}
}

void __init_memblock memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

phys_addr_t __init_memblock memblock_get_current_limit(void)
{
	return memblock.current_limit;
}

static void __init_memblock memblock_dump(struct memblock_type *type)
{
	phys_addr_t base, end, size;
	enum memblock_flags flags;
	int idx, nid;
	struct memblock_region *rgn;

	pr_info(" %s.cnt  = 0x%lx\n", type->name, type->cnt);

	for_each_memblock_type(idx, type, rgn) {
		base = rgn->base;
		size = rgn->size;
		end = base + size - 1;
		flags = rgn->flags;
		nid = memblock_get_region_node(rgn);

		/*
		 * Regions never given a node print no " on node": in 6.1 those with MAX_NUMNODES
		 * (every reserved one); in 6.12 any outside 0..MAX_NUMNODES - 1 (numa_valid_node()),
		 * and reserved regions get a node from NUMA init (numa_clear_kernel_node_hotplug).
		 */
		if (linux_since(6, 12) ? numa_valid_nid(nid) : nid != MAX_NUMNODES)
			pr_info(" %s[%#x]\t[%pa-%pa], %pa bytes on node %d flags: %#x\n",
				type->name, idx, &base, &end, &size, nid, flags);
		else
			pr_info(" %s[%#x]\t[%pa-%pa], %pa bytes flags: %#x\n",
				type->name, idx, &base, &end, &size, flags);
	}
}

void __init_memblock __memblock_dump_all(void)
{
	pr_info("MEMBLOCK configuration:\n");
	pr_info(" memory size = %pa reserved size = %pa\n",
		&memblock.memory.total_size,
		&memblock.reserved.total_size);

	memblock_dump(&memblock.memory);
	memblock_dump(&memblock.reserved);
}

void __init_memblock memblock_dump_all(void)
{
	if (memblock_debug)
		__memblock_dump_all();
}

/*
 * 6.12's memblock_debug_show() also names each region's node ('x' for none) and its flags
 * (NONE, or flagname[]'s words joined by '|'); 6.1 prints the range alone.
 */
static void memblock_debug_show_node_flags(struct seq_file *m, struct memblock_region *reg)
{
	static const char * const flagname[] = {
		"HOTPLUG", "MIRROR", "NOMAP", "DRV_MNG", "RSV_NIT",
	};
	unsigned int flags = reg->flags, j;
	int nid = memblock_get_region_node(reg);
	bool first = true;

	if (numa_valid_nid(nid))
		seq_printf(m, "%4d ", nid);
	else
		seq_printf(m, "%4c ", 'x');
	if (!flags) {
		seq_puts(m, "NONE\n");
		return;
	}
	for (j = 0; flags; j++, flags >>= 1) {
		if (!(flags & 1))
			continue;
		if (!first)
			seq_putc(m, '|');
		seq_puts(m, j < ARRAY_SIZE(flagname) ? flagname[j] : "UNKNOWN");
		first = false;
	}
	seq_putc(m, '\n');
}

/* debugfs memblock/memory and memblock/reserved: "   0: 0x...0000..0x...ffff" per region. */
void memblock_debug_show(struct seq_file *m, struct memblock_type *type)
{
	struct memblock_region *reg;
	phys_addr_t end;
	int i;

	for (i = 0; i < type->cnt; i++) {
		reg = &type->regions[i];
		end = reg->base + reg->size - 1;
		seq_printf(m, "%4d: %pa..%pa", i, &reg->base, &end);
		if (linux_since(6, 12)) {
			seq_putc(m, ' ');
			memblock_debug_show_node_flags(m, reg);
		} else {
			seq_putc(m, '\n');
		}
	}
}

/*
 * From here on the arrays may grow by allocating from memblock; call it once every
 * range that must not be handed out is reserved.
 */
void __init memblock_allow_resize(void)
{
	memblock_can_resize = 1;
}

static int __init early_memblock(char *p)
{
	if (p && strstr(p, "debug"))
		memblock_debug = 1;
	return 0;
}
early_param("memblock", early_memblock);

/* Free [@start, @end) pfns in the largest naturally aligned blocks that fit. */
static void __init __free_pages_memory(unsigned long start, unsigned long end)
{
	int order;

	while (start < end) {
		/* __ffs(0) is undefined: pfn 0 is aligned to every order (6.12 says so too). */
		order = start ? min_t(unsigned long, MAX_PAGE_ORDER, __ffs64(start))
			      : MAX_PAGE_ORDER;

		while (start + (1UL << order) > end)
			order--;

		/*
		 * A block never crosses a section; a section whose memmap could not be
		 * allocated has no struct pages, and its memory cannot be handed out.
		 */
		if (pfn_valid(start))
			memblock_free_pages(pfn_to_page(start), start, order);

		start += (1UL << order);
	}
}

/* Free the whole pages of [@start, @end) below max_low_pfn; return how many. */
static unsigned long __init __free_memory_core(phys_addr_t start,
					       phys_addr_t end)
{
	unsigned long start_pfn = PFN_UP(start);
	unsigned long end_pfn = min_t(unsigned long, PFN_DOWN(end), max_low_pfn);

	if (start_pfn >= end_pfn)
		return 0;

	__free_pages_memory(start_pfn, end_pfn);

	return end_pfn - start_pfn;
}

/*
 * 6.12: every reserved region takes the node of the memory under it (memblock_set_node on
 * memblock.reserved, again if that doubled the array), NOMAP memory gets PageReserved, and
 * then every reserved region not marked MEMBLOCK_RSRV_NOINIT.
 */
static void __init memmap_init_reserved_pages_612(void)
{
	struct memblock_region *region;
	unsigned long max_reserved;

repeat:
	max_reserved = memblock.reserved.max;
	for_each_mem_region(region) {
		if (memblock_is_nomap(region))
			reserve_bootmem_region(region->base, region->base + region->size);
		memblock_set_node(region->base, region->size, &memblock.reserved,
				  memblock_get_region_node(region));
	}
	if (max_reserved != memblock.reserved.max)
		goto repeat;

	for_each_reserved_mem_region(region)
		if (!memblock_is_reserved_noinit(region))
			reserve_bootmem_region(region->base, region->base + region->size);
}

/* Reserved ranges and NOMAP memory get PageReserved struct pages. */
static void __init memmap_init_reserved_pages(void)
{
	struct memblock_region *region;
	phys_addr_t start, end;
	u64 i;

	if (linux_since(6, 12)) {
		memmap_init_reserved_pages_612();
		return;
	}
	for_each_reserved_mem_range(i, &start, &end)
		reserve_bootmem_region(start, end);

	for_each_mem_region(region) {
		if (memblock_is_nomap(region)) {
			start = region->base;
			end = start + region->size;
			reserve_bootmem_region(start, end);
		}
	}
}

static unsigned long __init free_low_memory_core_early(void)
{
	unsigned long count = 0;
	phys_addr_t start, end;
	u64 i;

	/* Hotpluggable memory is freed like any other from now on. */
	memblock_clear_hotplug(0, -1);

	memmap_init_reserved_pages();

	/* NUMA_NO_NODE: node 0 may have no memory at all. */
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				NULL)
		count += __free_memory_core(start, end);

	return count;
}

/**
 * memblock_free_all - release all free memory to the page allocator
 *
 * arm64 uses SPARSEMEM_VMEMMAP, so Linux's free_unused_memmap() does nothing there and
 * is left out.
 */
void __init memblock_free_all(void)
{
	unsigned long pages;

	reset_all_zones_managed_pages();

	pages = free_low_memory_core_early();
	totalram_pages_add(pages);
}

/*
 * 6.12's reserve_mem=SIZE:ALIGN:NAME (a __setup parameter, so after setup_arch): up to 8
 * named areas from memblock, found again by name (reserve_mem_find_by_name(), for
 * ramoops and the like). 6.1 has no such parameter: the word goes to init, unknown.
 */
#define RESERVE_MEM_MAX_ENTRIES		8
#define RESERVE_MEM_NAME_SIZE		16

static struct {
	char name[RESERVE_MEM_NAME_SIZE];
	phys_addr_t start, size;
} reserved_mem_table[RESERVE_MEM_MAX_ENTRIES];
static int reserved_mem_table_count;

int reserve_mem_find_by_name(const char *name, phys_addr_t *start, phys_addr_t *size)
{
	int i;

	for (i = 0; i < reserved_mem_table_count; i++) {
		if (reserved_mem_table[i].size && !strcmp(name, reserved_mem_table[i].name)) {
			*start = reserved_mem_table[i].start;
			*size = reserved_mem_table[i].size;
			return 1;
		}
	}
	return 0;
}

static int __init reserve_mem(char *p)
{
	phys_addr_t start, size, align, tmp;
	char *name, *oldp = p;
	size_t len;

	if (!linux_since(6, 12))
		return 0;	/* not handled: an unknown parameter, as in 6.1 */
	if (!p)
		return -EINVAL;
	if (reserved_mem_table_count >= RESERVE_MEM_MAX_ENTRIES)
		return -EBUSY;

	size = memparse(p, &p);
	if (!size || p == oldp || *p != ':')
		return -EINVAL;
	align = memparse(p + 1, &p);
	if (*p != ':')
		return -EINVAL;
	/* memblock_phys_alloc() does not like a zero alignment; the parameter may say 0. */
	if (align < SMP_CACHE_BYTES)
		align = SMP_CACHE_BYTES;

	name = p + 1;
	len = strlen(name);
	if (!len || len >= RESERVE_MEM_NAME_SIZE)
		return -EINVAL;
	for (p = name; *p && isspace_c(*p); p++)
		;
	if (!*p)
		return -EINVAL;
	if (reserve_mem_find_by_name(name, &start, &tmp))
		return -EBUSY;

	start = memblock_phys_alloc(size, align);
	if (!start)
		return -ENOMEM;

	snprintf(reserved_mem_table[reserved_mem_table_count].name, RESERVE_MEM_NAME_SIZE,
		 "%s", name);
	reserved_mem_table[reserved_mem_table_count].start = start;
	reserved_mem_table[reserved_mem_table_count].size = size;
	reserved_mem_table_count++;
	return 1;
}
__setup("reserve_mem=", reserve_mem);

/* Back to the static arrays, empty: Linux's tools/testing/memblock reset_memblock_regions(). */
static void memblock_reset(void)
{
	memset(memblock_memory_init_regions, 0, sizeof(memblock_memory_init_regions));
	memset(memblock_reserved_init_regions, 0, sizeof(memblock_reserved_init_regions));
	memblock.memory.regions = memblock_memory_init_regions;
	memblock.memory.cnt = 1;
	memblock.memory.max = INIT_MEMBLOCK_MEMORY_REGIONS;
	memblock.memory.total_size = 0;
	memblock.reserved.regions = memblock_reserved_init_regions;
	memblock.reserved.cnt = 1;
	memblock.reserved.max = INIT_MEMBLOCK_RESERVED_REGIONS_6_1;
	memblock.reserved.total_size = 0;
	memblock.bottom_up = false;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	memblock_memory = &memblock.memory;
	memblock_debug = 0;
	system_has_some_mirror = false;
	memblock_can_resize = 0;
	mirrored_kernelcore = false;
	max_low_pfn = min_low_pfn = max_pfn = 0;
	max_possible_pfn = 0;
	memset(reserved_mem_table, 0, sizeof(reserved_mem_table));
	reserved_mem_table_count = 0;
}
host_reset(memblock_reset);
