// SPDX-License-Identifier: GPL-2.0
/*
 * SPARSEMEM memory model (Linux's mm/sparse.c): memory is cut into 128 MiB sections and
 * only sections holding memblock.memory get a memmap, allocated from memblock on their node.
 */
#include <linux/kernel.h>
#include <linux/version.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <asm/dma.h>
#include <asm/pgtable-hwdef.h>
#include <asm/vmlayout.h>

struct mem_section **mem_section;
static unsigned long memmap_bytes;

/*
 * Linux arm64 (SPARSEMEM_VMEMMAP) sizes, reproduced so the memblock layout is Linux's: a
 * 64-byte struct page; the memmap buffer holds a PMD-aligned slot per section
 * (section_map_size()); each mem_section_usage is an rcu_head, the subsection bitmap (64
 * bits) and 4 pageblock bits per pageblock in longs: 56 bytes with 4 KiB pages, 32 with 16.
 * The geometry (PMD_SIZE, PGDIR_SHIFT, PUD_SHIFT) is arm64's, from asm/pgtable-hwdef.h.
 */
#define LINUX_STRUCT_PAGE_SIZE	64
#define NR_PAGEBLOCK_BITS	4
#define LINUX_USAGE_SIZE	(16 + 8 + 8 * DIV_ROUND_UP((PAGES_PER_SECTION >> pageblock_order) * \
							NR_PAGEBLOCK_BITS, 64))

static unsigned long section_map_size(void)
{
	_Static_assert(sizeof(struct page) <= LINUX_STRUCT_PAGE_SIZE, "struct page too big");
	return ALIGN(LINUX_STRUCT_PAGE_SIZE * PAGES_PER_SECTION, PMD_SIZE);
}

/*
 * What one section's memmap takes of the buffer: arm64's vmemmap_populate() maps the
 * vmemmap with PMD blocks only with 4 KiB pages (the whole slot); otherwise with base
 * pages (vmemmap_populate_basepages), only the section's struct pages, and
 * sparse_buffer_fini() frees the rest of the buffer again.
 */
static unsigned long section_memmap_used(void)
{
	if (VMEMMAP_PMD_BLOCKS)
		return section_map_size();
	return LINUX_STRUCT_PAGE_SIZE * PAGES_PER_SECTION;
}

unsigned long sparse_memmap_bytes(void)
{
	return memmap_bytes;
}

unsigned long sparse_section_map_size(void)
{
	return section_map_size();
}

/*
 * The allocation helpers carry Linux's function names and are kept out of line, so the
 * memblock=debug lines name the same callers as Linux's.
 */
static noinline struct mem_section *sparse_index_alloc(int nid)
{
	unsigned long size = SECTIONS_PER_ROOT * sizeof(struct mem_section);
	struct mem_section *section = memblock_alloc_node(size, SMP_CACHE_BYTES, nid);

	if (!section)
		panic("%s: Failed to allocate %lu bytes nid=%d\n", __func__, size, nid);
	return section;
}

static __noipa void *memmap_alloc(phys_addr_t size, phys_addr_t align,
				   phys_addr_t min_addr, int nid)
{
	return memblock_alloc_exact_nid_raw(size, align, min_addr,
					    MEMBLOCK_ALLOC_ACCESSIBLE, nid);
}

static noinline void *__earlyonly_bootmem_alloc(int node, unsigned long size,
						unsigned long align, unsigned long goal)
{
	return memblock_alloc_try_nid_raw(size, align, goal, MEMBLOCK_ALLOC_ACCESSIBLE, node);
}

static void sparse_index_init(unsigned long section_nr, int nid)
{
	unsigned long root = SECTION_NR_TO_ROOT(section_nr);

	if (!mem_section[root])
		mem_section[root] = sparse_index_alloc(nid);
}

/* Mark the sections of [start, end) present on @nid (memory_present). */
static __always_inline void memory_present(int nid, unsigned long start, unsigned long end)
{
	unsigned long pfn;

	if (unlikely(!mem_section)) {
		unsigned long size = sizeof(struct mem_section *) * NR_SECTION_ROOTS;

		mem_section = memblock_alloc(size, SMP_CACHE_BYTES);
		if (!mem_section)
			panic("%s: Failed to allocate %lu bytes align=0x%x\n", "memory_present",
			      size, SMP_CACHE_BYTES);
	}

	start &= PAGE_SECTION_MASK;
	if (end > PHYS_PFN(1ULL << MAX_PHYSMEM_BITS)) {
		bm_err("memory_present: pfn %#lx beyond %d physical address bits, clipped\n",
		       end, MAX_PHYSMEM_BITS);
		end = PHYS_PFN(1ULL << MAX_PHYSMEM_BITS);
	}
	for (pfn = start; pfn < end; pfn += PAGES_PER_SECTION) {
		unsigned long nr = pfn_to_section_nr(pfn);
		struct mem_section *ms;

		sparse_index_init(nr, nid);
		ms = __nr_to_section(nr);
		if (!ms->flags) {
			ms->nid = nid;
			ms->flags = SECTION_MARKED_PRESENT;
		}
	}
}

static unsigned long next_present_section_nr(unsigned long nr)
{
	while (++nr < NR_MEM_SECTIONS) {
		struct mem_section *ms;

		if (!mem_section[SECTION_NR_TO_ROOT(nr)]) {
			nr |= SECTION_ROOT_MASK;	/* skip a whole empty root */
			continue;
		}
		ms = __nr_to_section(nr);
		if (present_section(ms))
			return nr;
	}
	return -1UL;
}

#define for_each_present_section_nr(start, nr) \
	for ((nr) = next_present_section_nr((start) - 1); (nr) != -1UL; \
	     (nr) = next_present_section_nr(nr))

/*
 * The page-table pages Linux's vmemmap_populate() takes for a section's map. With 4 KiB
 * pages: a PUD table per new 512 GiB and a PMD table per new 1 GiB of vmemmap (the map is
 * PMD blocks). With 16 KiB (PUD folded, base pages): a PMD table per new 64 GiB and a PTE
 * table per new 32 MiB. We reach the memmap through the linear map and need no tables;
 * the pages are only taken to keep Linux's layout.
 */
static void vmemmap_layout_tables(unsigned long pnum, int nid)
{
	static unsigned long last_pgd = -1UL, last_next = -1UL;
	const int next_shift = VMEMMAP_PMD_BLOCKS ? PUD_SHIFT : PMD_SHIFT;
	unsigned long memstart_pfn = PHYS_PFN(PHYS_OFFSET);
	unsigned long va = VMEMMAP_START +
			   (section_nr_to_pfn(pnum) - memstart_pfn) * LINUX_STRUCT_PAGE_SIZE;
	unsigned long end = va + section_memmap_used();
	unsigned long step = VMEMMAP_PMD_BLOCKS ? PMD_SIZE : PAGE_SIZE;

	if (pnum == -1UL) {		/* reset between boots in host tests */
		last_pgd = last_next = -1UL;
		return;
	}
	for (; va < end; va += step) {
		if (va >> PGDIR_SHIFT != last_pgd) {
			last_pgd = va >> PGDIR_SHIFT;
			__earlyonly_bootmem_alloc(nid, PAGE_SIZE, PAGE_SIZE, max_dma_phys());
		}
		if (va >> next_shift != last_next) {
			last_next = va >> next_shift;
			__earlyonly_bootmem_alloc(nid, PAGE_SIZE, PAGE_SIZE, max_dma_phys());
		}
	}
}

/*
 * No buffer on the node (all its memory hotpluggable with movable_node, say): like Linux's
 * vmemmap_populate, take each section's memmap on its own, from any node if need be.
 */
static void sparse_init_nid_per_section(int nid, unsigned long pnum_begin,
					unsigned long pnum_end, char *usage)
{
	unsigned long pnum;

	for_each_present_section_nr(pnum_begin, pnum) {
		struct mem_section *ms = __nr_to_section(pnum);
		void *map;

		if (pnum >= pnum_end)
			break;
		vmemmap_layout_tables(pnum, nid);
		/*
		 * With base pages Linux takes the map page by page here (vmemmap_alloc_block);
		 * ours is one block the size of the section's map, since our memmap is reached
		 * through the linear map and must be contiguous.
		 */
		map = __earlyonly_bootmem_alloc(nid, section_memmap_used(),
						VMEMMAP_PMD_BLOCKS ? section_map_size() : PAGE_SIZE,
						max_dma_phys());
		if (!map) {
			pr_err("%s: node[%d] memory map backing failed. Some memory will not be available.",
			       "sparse_init_nid", nid);
			ms->flags = 0;
			continue;
		}
		memmap_bytes += PAGES_PER_SECTION * sizeof(struct page);
		ms->mem_map = map;
		ms->usage = (void *)usage;
		ms->flags |= SECTION_HAS_MEM_MAP | SECTION_IS_EARLY;
		usage += LINUX_USAGE_SIZE;
	}
}

/*
 * Sections [pnum_begin, pnum_end) of node @nid, @map_count of them present: the usemaps
 * next to NODE_DATA, then one memmap buffer on the node (sparse_buffer_init), a PMD slot
 * per section; what the sections' memmaps leave of it is freed again (sparse_buffer_fini).
 */
static noinline void sparse_init_nid(int nid, unsigned long pnum_begin, unsigned long pnum_end,
			    unsigned long map_count)
{
	phys_addr_t goal, limit;
	unsigned long pnum, size = map_count * section_map_size();
	char *usage, *buf, *buf_end;

	goal = virt_to_phys(NODE_DATA(nid)) & ~((phys_addr_t)SZ_128M - 1);
	limit = goal + SZ_128M;
	usage = memblock_alloc_try_nid(LINUX_USAGE_SIZE * map_count, SMP_CACHE_BYTES,
				       goal, limit, early_pfn_to_nid(PHYS_PFN(goal)));
	if (!usage)
		usage = memblock_alloc_try_nid(LINUX_USAGE_SIZE * map_count, SMP_CACHE_BYTES,
					       goal, 0, early_pfn_to_nid(PHYS_PFN(goal)));
	if (!usage) {
		/* Linux gives up on the node before trying its memmap. */
		pr_err("%s: node[%d] usemap allocation failed", "sparse_init_nid", nid);
		for_each_present_section_nr(pnum_begin, pnum) {
			if (pnum >= pnum_end)
				break;
			__nr_to_section(pnum)->flags = 0;
		}
		return;
	}
	buf = memmap_alloc(size, section_map_size(), max_dma_phys(), nid);
	if (!buf) {
		sparse_init_nid_per_section(nid, pnum_begin, pnum_end, usage);
		return;
	}
	buf_end = buf + size;
	memmap_bytes += map_count * PAGES_PER_SECTION * sizeof(struct page);

	for_each_present_section_nr(pnum_begin, pnum) {
		struct mem_section *ms = __nr_to_section(pnum);

		if (pnum >= pnum_end)
			break;
		vmemmap_layout_tables(pnum, nid);
		ms->mem_map = (struct page *)buf;
		ms->usage = usage;
		ms->flags |= SECTION_HAS_MEM_MAP | SECTION_IS_EARLY;
		buf += section_memmap_used();
		usage += LINUX_USAGE_SIZE;
	}
	/* sparse_buffer_fini(): the unused rest back to memblock. */
	if (buf < buf_end)
		memblock_free(buf, buf_end - buf);
}

/* Linux's sparse_init(): every section with memory gets its memmap, node by node. */
void sparse_init(void)
{
	unsigned long start, end, pnum_begin, pnum_end, map_count = 1;
	int i, nid, nid_begin;

	vmemmap_layout_tables(-1UL, 0);
	memmap_bytes = 0;
	for_each_mem_pfn_range(i, MAX_NUMNODES, &start, &end, &nid)
		memory_present(nid, start, end);

	if (!mem_section)
		return;
	pnum_begin = next_present_section_nr(-1UL);
	if (pnum_begin == -1UL)
		return;
	nid_begin = __nr_to_section(pnum_begin)->nid;

	for_each_present_section_nr(pnum_begin + 1, pnum_end) {
		int nid = __nr_to_section(pnum_end)->nid;

		if (nid == nid_begin) {
			map_count++;
			continue;
		}
		sparse_init_nid(nid_begin, pnum_begin, pnum_end, map_count);
		nid_begin = nid;
		pnum_begin = pnum_end;
		map_count = 1;
	}
	sparse_init_nid(nid_begin, pnum_begin, -1UL, map_count);
}

static void sparse_reset(void)
{
	mem_section = NULL;
	memmap_bytes = 0;
}
host_reset(sparse_reset);
