// SPDX-License-Identifier: GPL-2.0
/*
 * Invariant checks for `debug_invariants`: after each boot phase, verify that memblock is
 * sorted, disjoint and merged with consistent totals; after map_mem the page tables (an arch
 * hook); after free_all the buddy allocator's free lists against the page state and memblock.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/numa.h>
#include <linux/debug_invariants.h>
#include <linux/version.h>
#include <linux/efi_init.h>

static int check_type(struct memblock_type *type, bool nid_matters)
{
	phys_addr_t total = 0;
	unsigned long i;
	int bad = 0;

	if (type->cnt == 0 || type->cnt > type->max) {
		pr_err("invariants: memblock.%s: cnt %lu outside 1..max %lu\n", type->name,
		       type->cnt, type->max);
		return 1;
	}
	for (i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];

		total += r->size;
		if (!r->size && type->cnt > 1) {
			pr_err("invariants: memblock.%s[%lu] has size 0\n", type->name, i);
			bad++;
		}
		if (r->size && r->base + r->size - 1 < r->base) {
			pr_err("invariants: memblock.%s[%lu] wraps: base %pa size %pa\n", type->name,
			       i, &r->base, &r->size);
			bad++;
		}
		if (i == 0)
			continue;
		if (r[-1].base + r[-1].size > r->base) {
			pr_err("invariants: memblock.%s[%lu] [%pa+%pa] overlaps or is out of order with [%lu]\n",
			       type->name, i, &r->base, &r->size, i - 1);
			bad++;
		} else if (r[-1].base + r[-1].size == r->base && r[-1].flags == r->flags &&
			   (!nid_matters || memblock_get_region_node(&r[-1]) ==
					    memblock_get_region_node(r))) {
			pr_err("invariants: memblock.%s[%lu] and [%lu] touch with equal flags/nid but are not merged\n",
			       type->name, i - 1, i);
			bad++;
		}
	}
	if (total != type->total_size) {
		pr_err("invariants: memblock.%s total_size %pa but the regions add up to %pa\n",
		       type->name, &type->total_size, &total);
		bad++;
	}
	return bad;
}

int memblock_check_invariants(void)
{
	/* Reserved regions carry a node only in 6.12 (numa_clear_kernel_node_hotplug()). */
	return check_type(&memblock.memory, true) +
	       check_type(&memblock.reserved, linux_since(6, 12));
}

/*
 * [base, base + size) is covered by memory regions none of which is NOMAP. A block may span
 * two adjacent regions (hotplug flags differ, buddy merging does not care).
 */
static bool block_is_mapped_memory(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t p = base, end = base + size;
	struct memblock_region *r;

	for_each_mem_region(r) {
		if (r->base + r->size <= p)
			continue;
		if (r->base > p || memblock_is_nomap(r))
			return false;
		p = r->base + r->size;
		if (p >= end)
			return true;
	}
	return false;
}

/* A free block must be plain usable RAM: in memblock.memory, not NOMAP, not reserved. */
static int check_free_block(struct zone *zone, struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), nr = 1UL << order;
	phys_addr_t base = PFN_PHYS(pfn), size = PFN_PHYS(nr);

	if (!PageBuddy(page) || page->private != order || PageReserved(page)) {
		pr_err("invariants: %s free_area[%u]: pfn %#lx has flags %#lx order %u\n",
		       zone->name, order, pfn, page->flags, page->private);
		return 1;
	}
	if (pfn & (nr - 1) || !zone_spans_pfn(zone, pfn) || !zone_spans_pfn(zone, pfn + nr - 1) ||
	    page_zone(page) != zone) {
		pr_err("invariants: %s free_area[%u]: block at pfn %#lx misaligned or outside the zone\n",
		       zone->name, order, pfn);
		return 1;
	}
	if (memblock_is_region_reserved(base, size)) {
		pr_err("invariants: %s: free block [mem %pa+%pa] overlaps memblock.reserved\n",
		       zone->name, &base, &size);
		return 1;
	}
	if (!block_is_mapped_memory(base, size)) {
		pr_err("invariants: %s: free block [mem %pa+%pa] is not memory or is NOMAP\n",
		       zone->name, &base, &size);
		return 1;
	}
	return 0;
}

static int check_zone_free_lists(struct zone *zone)
{
	unsigned long counted = 0, listed = 0, pfn, limit = zone->spanned_pages + 1;
	unsigned int order;
	int bad = 0;

	for (order = 0; order < MAX_ORDER; order++) {
		struct free_area *area = &zone->free_area[order];
		struct list_head *pos;
		unsigned long n = 0;

		list_for_each(pos, &area->free_list) {
			struct page *page = list_entry(pos, struct page, lru);

			if (++n > limit) {
				pr_err("invariants: %s free_area[%u]: list longer than the zone (a loop?)\n",
				       zone->name, order);
				return bad + 1;
			}
			if (pos->next->prev != pos) {
				pr_err("invariants: %s free_area[%u]: broken list link at pfn %#lx\n",
				       zone->name, order, page_to_pfn(page));
				return bad + 1;
			}
			bad += check_free_block(zone, page, order);
		}
		if (n != area->nr_free) {
			pr_err("invariants: %s free_area[%u]: %lu blocks listed, nr_free %lu\n",
			       zone->name, order, n, area->nr_free);
			bad++;
		}
		listed += n;
		counted += n << order;
	}
	if (counted != zone->free_pages) {
		pr_err("invariants: %s: free lists hold %lu pages, free_pages %lu\n", zone->name,
		       counted, zone->free_pages);
		bad++;
	}
	/* The other way round: every PageBuddy head is on a list. */
	for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++) {
		if (pfn_valid(pfn) && PageBuddy(pfn_to_page(pfn)))
			listed--;
	}
	if (listed) {
		pr_err("invariants: %s: PageBuddy heads and listed blocks differ by %ld\n",
		       zone->name, (long)listed);
		bad++;
	}
	return bad;
}

/* The buddy allocator after memblock_free_all(): free lists, counts, what is free. */
int buddy_check_invariants(void)
{
	unsigned long total = 0;
	int nid, bad = 0;

	for_each_online_node(nid) {
		struct zone *zone;

		if (!NODE_DATA(nid))
			continue;
		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			if (!zone->spanned_pages)
				continue;
			bad += check_zone_free_lists(zone);
			total += zone->free_pages;
		}
	}
	if (total != nr_free_pages()) {
		pr_err("invariants: zones hold %lu free pages, nr_free_pages() says %lu\n", total,
		       nr_free_pages());
		bad++;
	}
	return bad;
}

void debug_invariants_check(const char *phase)
{
	int bad = memblock_check_invariants();
	const char *what = "memblock ok";

	if (efi_enabled(EFI_MEMMAP)) {
		/* Booted through UEFI: what reserve_regions decided must still hold. */
		bad += efi_check_invariants();
		what = "memblock, UEFI map (what is not usable RAM is NOMAP, ACPI reclaim reserved) ok";
	}
	if (!strcmp(phase, "map_mem")) {
		bad += arch_check_pgtable_invariants();
		what = "memblock, page tables (linear map = memory minus NOMAP, W^X) ok";
	} else if (!strcmp(phase, "free_all")) {
		bad += buddy_check_invariants();
		what = "memblock, buddy free lists (orders, counts, nothing reserved or NOMAP) ok";
	}
	if (bad)
		panic("invariants: %d violation(s) after phase %s", bad, phase);
	pr_info("invariants: after %s: %s\n", phase, what);
}
