// SPDX-License-Identifier: GPL-2.0
/*
 * Checksums of what the memory bring-up produced: every struct page of the memmap and every
 * buddy free list. With the page tables' (arch/arm64/mm/pgtable_build.c) they show that a
 * faster bring-up changed nothing ("bootmem_checksum"; tests/host/test_checksum.c).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/bootmem_checksum.h>
#include <asm/memory.h>

static bool skipped(const struct checksum_skip *skip, unsigned long pfn)
{
	return skip && pfn >= skip->skip_start_pfn && pfn < skip->skip_end_pfn;
}

/*
 * What a list link points at, as something that depends neither on where the host test's
 * simulated memory is mapped nor on the layout of struct zone: nothing (a cleared link),
 * the page itself (an empty list), a zone's free list (node, zone, order), or another
 * struct page (its physical address).
 */
static u64 list_head_id(const pg_data_t *pgdat, const struct list_head *p)
{
	const struct zone *zone;
	int order;

	for_each_zone_in_node(zone, pgdat)
		for (order = 0; order < MAX_ORDER; order++)
			if (p == &zone->free_area[order].free_list)
				return 3ULL << 62 | (u64)pgdat->node_id << 16 | zone_idx(zone) << 8 | order;
	return 2ULL << 62 | ((const char *)p - (const char *)pgdat);
}

static u64 link_value(const struct page *page, const struct list_head *p)
{
	int nid;

	if (!p)
		return 0;
	if (p == &page->lru)
		return 1;
	for_each_online_node(nid) {
		const pg_data_t *pgdat = NODE_DATA(nid);

		if ((const char *)p >= (const char *)pgdat && (const char *)p < (const char *)(pgdat + 1))
			return list_head_id(pgdat, p);
	}
	return virt_to_phys(p);
}

static u64 page_checksum(u64 h, const struct page *page, bool links)
{
	h = checksum_mix(h, page->flags);
	if (links) {
		h = checksum_mix(h, link_value(page, page->lru.next));
		h = checksum_mix(h, link_value(page, page->lru.prev));
	}
	return checksum_mix(h, (u64)page->private << 32 | (u32)page->_refcount);
}

u64 memmap_checksum(const struct checksum_skip *skip)
{
	bool skipping = skip && skip->skip_end_pfn > skip->skip_start_pfn;
	unsigned long root, nr, i;
	u64 h = 0;

	if (!mem_section)
		return 0;
	for (root = 0; root < NR_SECTION_ROOTS; root++) {
		if (!mem_section[root])
			continue;
		for (nr = root * SECTIONS_PER_ROOT; nr < (root + 1) * SECTIONS_PER_ROOT; nr++) {
			const struct mem_section *ms = __nr_to_section(nr);
			unsigned long pfn = section_nr_to_pfn(nr);

			if (!valid_section(ms))
				continue;
			h = checksum_mix(h, nr);
			for (i = 0; i < PAGES_PER_SECTION; i++) {
				const struct page *page = ms->mem_map + i;

				if (skipped(skip, pfn + i))
					continue;
				h = page_checksum(h, page, !skipping || !PageBuddy(page));
			}
		}
	}
	return h;
}

u64 free_lists_checksum(const struct checksum_skip *skip)
{
	struct zone *zone;
	u64 h = 0;
	int nid, order;

	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			unsigned long free = 0;

			h = checksum_mix(h, (u64)nid << 8 | zone_idx(zone));
			for (order = 0; order < MAX_ORDER; order++) {
				struct free_area *area = &zone->free_area[order];
				unsigned long n = 0;
				struct page *page;

				list_for_each_entry(page, &area->free_list, lru) {
					if (skipped(skip, page_to_pfn(page)))
						continue;
					h = checksum_mix(h, page_to_pfn(page));
					n++;
				}
				h = checksum_mix(h, n);
				free += n << order;
				/* Unskipped, the counts themselves must agree with the lists. */
				if (!skip || skip->skip_end_pfn <= skip->skip_start_pfn)
					h = checksum_mix(h, area->nr_free);
			}
			h = checksum_mix(h, free);
			if (!skip || skip->skip_end_pfn <= skip->skip_start_pfn)
				h = checksum_mix(checksum_mix(h, zone->free_pages), zone->managed_pages);
		}
	return h;
}
