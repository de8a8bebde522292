// SPDX-License-Identifier: GPL-2.0
/*
 * Transparent hugepages at boot (Linux 6.1 mm/huge_memory.c's hugepage_init and
 * mm/khugepaged.c's set_recommended_min_free_kbytes): THP is on from 512 MiB of memory
 * (Debian: TRANSPARENT_HUGEPAGE_ALWAYS), and starting khugepaged raises min_free_kbytes so
 * that whole pageblocks stay free. bootmem makes no huge page; what remains visible are the
 * raised watermarks and the per-CPU lists' high, which follows the low watermark.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/mm.h>

static bool thp_enabled = true;		/* "always" (Debian's default) or "madvise" */

/* transparent_hugepage=always|madvise|never, Linux's words. */
static int __init setup_transparent_hugepage(char *str)
{
	if (str && (!strcmp(str, "always") || !strcmp(str, "madvise"))) {
		thp_enabled = true;
		return 0;
	}
	if (str && !strcmp(str, "never")) {
		thp_enabled = false;
		return 0;
	}
	pr_warn("transparent_hugepage= cannot parse, ignored\n");
	return 0;
}
early_param("transparent_hugepage", setup_transparent_hugepage);

/*
 * Two free pageblocks per zone a kernel allocation may use, plus enough for each of the
 * three migrate types to fall back to each other's: pageblock_nr_pages * zones * (2 + 3 * 3),
 * at most 5% of those zones' pages. Only ever raises min_free_kbytes.
 */
static void set_recommended_min_free_kbytes(void)
{
	unsigned long recommended_min;
	struct zone *zone;
	int nid, nr_zones = 0;

	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid))
			if (populated_zone(zone) && zone_idx(zone) <= gfp_zone(GFP_USER))
				nr_zones++;

	recommended_min = pageblock_nr_pages * nr_zones * 2;
	recommended_min += pageblock_nr_pages * nr_zones * MIGRATE_PCPTYPES * MIGRATE_PCPTYPES;
	recommended_min = min(recommended_min, nr_free_buffer_pages() / 20);
	recommended_min <<= PAGE_SHIFT - 10;
	if (recommended_min > (unsigned long)min_free_kbytes)
		min_free_kbytes = recommended_min;
	setup_per_zone_wmarks();
}

void hugepage_init(void)
{
	/* Small machines: THP off, so khugepaged never starts (Linux's hugepage_init). */
	if (totalram_pages() < (512UL << (20 - PAGE_SHIFT)))
		thp_enabled = false;
	/* start_stop_khugepaged(): with THP off it recomputes what is already there. */
	if (thp_enabled)
		set_recommended_min_free_kbytes();
}

static void huge_memory_reset(void)
{
	thp_enabled = true;
}
host_reset(huge_memory_reset);
