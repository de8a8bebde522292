// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/zoneinfo, /proc/buddyinfo and /proc/meminfo in Linux 6.1's (or 6.12's) formats and
 * order (its mm/vmstat.c and fs/proc/meminfo.c), from the zones and counters bootmem keeps.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/numa.h>
#include <linux/seq_file.h>
#include <linux/version.h>
#include <linux/vmstat.h>

/*
 * The counters of Debian's Linux 6.1 arm64 build, in vmstat_text[]'s order. bootmem has no
 * page cache, anonymous memory, slab, swap, zsmalloc, transparent huge pages or user page
 * tables, so these count nothing and print 0: the value, not a guess.
 */
static const char * const node_stat_names[] = {
	"nr_inactive_anon", "nr_active_anon", "nr_inactive_file", "nr_active_file",
	"nr_unevictable", "nr_slab_reclaimable", "nr_slab_unreclaimable", "nr_isolated_anon",
	"nr_isolated_file", "workingset_nodes", "workingset_refault_anon",
	"workingset_refault_file", "workingset_activate_anon", "workingset_activate_file",
	"workingset_restore_anon", "workingset_restore_file", "workingset_nodereclaim",
	"nr_anon_pages", "nr_mapped", "nr_file_pages", "nr_dirty", "nr_writeback",
	"nr_writeback_temp", "nr_shmem", "nr_shmem_hugepages", "nr_shmem_pmdmapped",
	"nr_file_hugepages", "nr_file_pmdmapped", "nr_anon_transparent_hugepages",
	"nr_vmscan_write", "nr_vmscan_immediate_reclaim", "nr_dirtied", "nr_written",
	"nr_throttled_written", "nr_kernel_misc_reclaimable", "nr_foll_pin_acquired",
	"nr_foll_pin_released", "nr_kernel_stack", "nr_page_table_pages",
	"nr_sec_page_table_pages", "nr_swapcached", "pgpromote_success", "pgpromote_candidate",
};

/* 6.12's node counters: nr_iommu_pages (6.8) after the secondary page tables, demotion's three. */
static void print_node_stats(struct seq_file *m)
{
	static const char * const demote_612[] = {
		"pgdemote_kswapd", "pgdemote_direct", "pgdemote_khugepaged",
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(node_stat_names); i++) {
		seq_printf(m, "\n      %-12s %lu", node_stat_names[i], 0UL);
		if (linux_since(6, 12) && !strcmp(node_stat_names[i], "nr_sec_page_table_pages"))
			seq_printf(m, "\n      %-12s %lu", "nr_iommu_pages", 0UL);
	}
	for (i = 0; linux_since(6, 12) && i < ARRAY_SIZE(demote_612); i++)
		seq_printf(m, "\n      %-12s %lu", demote_612[i], 0UL);
}

/* After nr_free_pages; nr_free_cma is 0 too: bootmem's CMA areas stay out of the buddy lists. */
static const char * const zone_stat_names[] = {
	"nr_zone_inactive_anon", "nr_zone_active_anon", "nr_zone_inactive_file",
	"nr_zone_active_file", "nr_zone_unevictable", "nr_zone_write_pending", "nr_mlock",
	"nr_bounce", "nr_zspages", "nr_free_cma",
};

static const char * const numa_stat_names[NR_VM_NUMA_EVENT_ITEMS] = {
	"numa_hit", "numa_miss", "numa_foreign", "numa_interleave", "numa_local", "numa_other",
};

/* Linux prints the per-node counters once, under the node's first populated zone. */
static bool is_zone_first_populated(pg_data_t *pgdat, struct zone *zone)
{
	struct zone *z;

	for_each_zone_in_node(z, pgdat)
		if (populated_zone(z))
			return z == zone;
	return false;
}

static void zoneinfo_show_print(struct seq_file *m, pg_data_t *pgdat, struct zone *zone)
{
	char pagesets[ZONEINFO_PAGESETS_MAX];
	int i;

	seq_printf(m, "Node %d, zone %8s", pgdat->node_id, zone->name);
	if (is_zone_first_populated(pgdat, zone)) {
		seq_puts(m, "\n  per-node stats");
		print_node_stats(m);
	}
	/* No watermark boosting (it follows fragmentation events) and no CMA pages here. */
	seq_printf(m, "\n  pages free     %lu\n        boost    %lu\n        min      %lu"
		   "\n        low      %lu\n        high     %lu",
		   zone->free_pages, 0UL, min_wmark_pages(zone), low_wmark_pages(zone),
		   high_wmark_pages(zone));
	/* 6.12's zoneinfo_show_print() adds the promotion mark (6.1 keeps it unprinted). */
	if (linux_since(6, 12))
		seq_printf(m, "\n        promo    %lu", promo_wmark_pages(zone));
	seq_printf(m, "\n        spanned  %lu\n        present  %lu\n        managed  %lu"
		   "\n        cma      %lu",
		   zone->spanned_pages, zone->present_pages, zone_managed_pages(zone), 0UL);
	seq_printf(m, "\n        protection: (%ld", zone->lowmem_reserve[0]);
	for (i = 1; i < MAX_NR_ZONES; i++)
		seq_printf(m, ", %ld", zone->lowmem_reserve[i]);
	/*
	 * Debian's 6.12 has CONFIG_ZONE_DEVICE: a fifth, always empty zone above Movable. It adds
	 * no managed pages, so setup_per_zone_lowmem_reserve() gives it Movable's entry.
	 */
	if (linux_since(6, 12))
		seq_printf(m, ", %ld", zone->lowmem_reserve[MAX_NR_ZONES - 1]);
	seq_putc(m, ')');

	if (!populated_zone(zone)) {
		seq_putc(m, '\n');
		return;
	}
	seq_printf(m, "\n      %-12s %lu", "nr_free_pages", zone->free_pages);
	for (i = 0; i < ARRAY_SIZE(zone_stat_names); i++)
		seq_printf(m, "\n      %-12s %lu", zone_stat_names[i], 0UL);
	for (i = 0; i < NR_VM_NUMA_EVENT_ITEMS; i++)
		seq_printf(m, "\n      %-12s %lu", numa_stat_names[i], zone->vm_numa_event[i]);
	zoneinfo_pagesets(zone, pagesets, sizeof(pagesets));
	seq_puts(m, pagesets);
	seq_printf(m, "\n  node_unreclaimable:  %u\n  start_pfn:           %lu\n", 0U,
		   zone->zone_start_pfn);
}

/* 6.12's ZONE_DEVICE, as zoneinfo_show_print() prints an unpopulated zone: all zeros. */
static void zone_device_show_print(struct seq_file *m, int nid)
{
	seq_printf(m, "Node %d, zone %8s\n  pages free     0\n        boost    0\n"
		   "        min      0\n        low      0\n        high     0\n"
		   "        promo    0\n        spanned  0\n        present  0\n"
		   "        managed  0\n        cma      0\n        protection: (0, 0, 0, 0, 0)\n",
		   nid, "Device");
}

void zoneinfo_show(struct seq_file *m)
{
	struct zone *zone;
	int nid;

	for_each_online_node(nid) {
		for_each_zone_in_node(zone, NODE_DATA(nid))
			zoneinfo_show_print(m, NODE_DATA(nid), zone);
		if (linux_since(6, 12))
			zone_device_show_print(m, nid);
	}
}

void frag_show(struct seq_file *m)
{
	struct zone *zone;
	int nid, order;

	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			if (!populated_zone(zone))
				continue;
			seq_printf(m, "Node %d, zone %8s ", nid, zone->name);
			for (order = 0; order < MAX_ORDER; order++)
				seq_printf(m, "%6lu ", zone->free_area[order].nr_free);
			seq_putc(m, '\n');
		}
}

long si_mem_available(void)
{
	/* No page cache and no reclaimable slab: what is free beyond the zones' reserves. */
	long available = (long)nr_free_pages() - (long)totalreserve_pages;

	return available < 0 ? 0 : available;
}

static void show_val_kb(struct seq_file *m, const char *s, unsigned long num)
{
	seq_printf(m, "%s%8lu kB\n", s, num << (PAGE_SHIFT - 10));
}

/*
 * Linux's first three lines and CmaTotal. The ~50 others count page cache, slab, swap,
 * vmalloc, per-CPU areas and huge pages, none of which bootmem has; CmaFree counts CMA pages
 * in the buddy lists, where bootmem never puts them.
 */
void meminfo_proc_show(struct seq_file *m)
{
	show_val_kb(m, "MemTotal:       ", totalram_pages());
	show_val_kb(m, "MemFree:        ", nr_free_pages());
	show_val_kb(m, "MemAvailable:   ", si_mem_available());
	show_val_kb(m, "CmaTotal:       ", totalcma_pages);
}
