// SPDX-License-Identifier: GPL-2.0
/*
 * Boot self-test of the buddy allocator ("selftest" on the command line), reported as KTAP
 * like a KUnit suite. The host tests run the same function on simulated memory.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/mm.h>

int page_alloc_selftest_enabled;

int early_selftest_param(char *str)
{
	page_alloc_selftest_enabled = 1;
	return 0;
}
early_param("selftest", early_selftest_param);

#define ST_GFP_ALL	(GFP_HIGHUSER_MOVABLE | __GFP_MEMALLOC | __GFP_NOWARN | __GFP_THISNODE)
#define BITMAP_CHUNK_ORDER	(MAX_ORDER - 1)
#define BITMAP_CHUNK_BITS	((PAGE_SIZE << BITMAP_CHUNK_ORDER) * 8)
#define MAX_BITMAP_CHUNKS	64
#define MAGIC			0x5eed0000b0d4a11cUL

static int failures;

/* KTAP: one "ok"/"not ok" line per test, diagnostics as "# " lines before it. */
#define diag(fmt, ...)	pr_info("    # " fmt "\n", ##__VA_ARGS__)
#define check(cond, fmt, ...) ({					\
	bool _ok = (cond);						\
	if (!_ok)							\
		diag("%s:%d: " fmt, __func__, __LINE__, ##__VA_ARGS__);	\
	_ok;								\
})

struct snapshot {
	unsigned long free[MAX_NUMNODES][MAX_NR_ZONES];
	unsigned long nr_free[MAX_NUMNODES][MAX_NR_ZONES][MAX_ORDER];
};

/* The free state: what the per-CPU lists hold goes back to the buddy lists first. */
static void take_snapshot(struct snapshot *s)
{
	struct zone *zone;
	int nid, o;

	drain_all_pages(NULL);
	memset(s, 0, sizeof(*s));
	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			s->free[nid][zone_idx(zone)] = zone->free_pages;
			for (o = 0; o < MAX_ORDER; o++)
				s->nr_free[nid][zone_idx(zone)][o] = zone->free_area[o].nr_free;
		}
}

static bool same_snapshot(const struct snapshot *a, const struct snapshot *b)
{
	int nid, z, o;

	for (nid = 0; nid < MAX_NUMNODES; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			if (a->free[nid][z] != b->free[nid][z]) {
				diag("node %d zone %d: %lu free pages, expected %lu", nid, z,
				     b->free[nid][z], a->free[nid][z]);
				return false;
			}
			for (o = 0; o < MAX_ORDER; o++)
				if (a->nr_free[nid][z][o] != b->nr_free[nid][z][o]) {
					diag("node %d zone %d order %d: %lu blocks, expected %lu",
					     nid, z, o, b->nr_free[nid][z][o],
					     a->nr_free[nid][z][o]);
					return false;
				}
		}
	return true;
}

static void report(int n, const char *name, bool ok)
{
	if (!ok)
		failures++;
	pr_info("    %sok %d %s\n", ok ? "" : "not ", n, name);
}

/* ---- a bitmap over [base_pfn, end_pfn) in 4 MiB chunks from the allocator itself ---- */
struct pfn_bitmap {
	unsigned long base_pfn, end_pfn;
	unsigned long *chunk[MAX_BITMAP_CHUNKS];
	int nr_chunks;
};

static bool bitmap_create(struct pfn_bitmap *bm)
{
	int nid, i;

	memset(bm, 0, sizeof(*bm));
	bm->base_pfn = -1UL;
	for_each_online_node(nid) {
		bm->base_pfn = min(bm->base_pfn, NODE_DATA(nid)->node_start_pfn);
		bm->end_pfn = max(bm->end_pfn, pgdat_end_pfn(NODE_DATA(nid)));
	}
	bm->nr_chunks = DIV_ROUND_UP(bm->end_pfn - bm->base_pfn, BITMAP_CHUNK_BITS);
	if (bm->nr_chunks > MAX_BITMAP_CHUNKS) {
		diag("memory spans %lu pages: too many for the test bitmap",
		     bm->end_pfn - bm->base_pfn);
		return false;
	}
	for (i = 0; i < bm->nr_chunks; i++) {
		unsigned long addr = __get_free_pages(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN,
						      BITMAP_CHUNK_ORDER);

		if (!addr) {
			diag("no 4 MiB block for the test bitmap");
			bm->nr_chunks = i;
			return false;
		}
		bm->chunk[i] = (unsigned long *)addr;
	}
	return true;
}

static void bitmap_destroy(struct pfn_bitmap *bm)
{
	int i;

	for (i = 0; i < bm->nr_chunks; i++)
		free_pages((unsigned long)bm->chunk[i], BITMAP_CHUNK_ORDER);
}

/* Sets the bit of @pfn; returns its old value. */
static bool bitmap_test_and_set(struct pfn_bitmap *bm, unsigned long pfn)
{
	unsigned long bit = pfn - bm->base_pfn;
	unsigned long *w = &bm->chunk[bit / BITMAP_CHUNK_BITS][(bit % BITMAP_CHUNK_BITS) / 64];
	unsigned long mask = 1UL << (bit % 64);
	bool old = *w & mask;

	*w |= mask;
	return old;
}

/* ---- test 1+2: every page of every node, once ---- */

static void write_pattern(unsigned long *p, unsigned long pfn)
{
	int i;

	for (i = 1; i < 8; i++)
		p[i * (PAGE_SIZE / sizeof(long) / 8)] = pfn ^ MAGIC ^ i;
	p[PAGE_SIZE / sizeof(long) - 1] = ~pfn;
}

static bool read_pattern(const unsigned long *p, unsigned long pfn)
{
	int i;

	for (i = 1; i < 8; i++)
		if (p[i * (PAGE_SIZE / sizeof(long) / 8)] != (pfn ^ MAGIC ^ i))
			return false;
	return p[PAGE_SIZE / sizeof(long) - 1] == ~pfn;
}

static bool test_alloc_everything(struct pfn_bitmap *bm, unsigned long *chain_out,
				  unsigned long *count_out)
{
	unsigned long expected = nr_free_pages(), count = 0, chain = 0, bad = 0;
	int nid;

	for_each_online_node(nid) {
		struct page *page;

		while ((page = alloc_pages_node(nid, ST_GFP_ALL, 0))) {
			unsigned long pfn = page_to_pfn(page);
			phys_addr_t pa = PFN_PHYS(pfn);
			unsigned long *p = page_address(page);

			count++;
			if (bitmap_test_and_set(bm, pfn) && bad++ < 5)
				diag("pfn %#lx handed out twice", pfn);
			if (memblock_is_region_reserved(pa, PAGE_SIZE) && bad++ < 5)
				diag("pfn %#lx lies in memblock.reserved", pfn);
			if (!memblock_is_map_memory(pa) && bad++ < 5)
				diag("pfn %#lx is not mapped memory (hole or NOMAP)", pfn);
			if ((PageReserved(page) || page_to_nid(page) != nid) && bad++ < 5)
				diag("pfn %#lx: reserved or on the wrong node", pfn);
			write_pattern(p, pfn);
			p[0] = chain;		/* the free list of this test lives in the pages */
			chain = (unsigned long)p;
			if (!read_pattern(p, pfn) && bad++ < 5)
				diag("pfn %#lx does not keep what was written", pfn);
		}
	}
	*chain_out = chain;
	*count_out = count;
	check(count == expected, "allocated %lu pages, %lu were free", count, expected);
	check(nr_free_pages() == 0, "%lu pages still free", nr_free_pages());
	return count == expected && nr_free_pages() == 0 && !bad;
}

static bool test_free_everything(unsigned long chain, unsigned long count,
				 const struct snapshot *before)
{
	struct snapshot after;
	unsigned long freed = 0, bad = 0;

	while (chain) {
		unsigned long *p = (unsigned long *)chain;
		unsigned long pfn = virt_to_pfn(p);

		chain = p[0];
		if (!read_pattern(p, pfn) && bad++ < 5)
			diag("pfn %#lx changed while allocated", pfn);
		free_page((unsigned long)p);
		freed++;
	}
	take_snapshot(&after);
	check(freed == count, "freed %lu of %lu", freed, count);
	return freed == count && !bad && same_snapshot(before, &after);
}

/* ---- test 3: random mixed orders ---- */

static u64 rnd_state = 0x9e3779b97f4a7c15ULL;

static u64 rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

struct live { struct page *page; unsigned int order; };

static bool test_random(int rounds)
{
	struct snapshot before, after;
	struct live *slots;
	unsigned int nslots = PAGE_SIZE / sizeof(struct live), i;
	unsigned long bad = 0;
	int r;

	slots = (struct live *)get_zeroed_page(GFP_KERNEL);
	if (!check(slots, "no page for the slot table"))
		return false;
	take_snapshot(&before);
	for (r = 0; r < rounds; r++) {
		struct live *s = &slots[rnd() % nslots];

		if (s->page) {
			if (*(unsigned long *)page_address(s->page) !=
			    (page_to_pfn(s->page) ^ MAGIC) && bad++ < 5)
				diag("block at pfn %#lx was overwritten", page_to_pfn(s->page));
			__free_pages(s->page, s->order);
			s->page = NULL;
		} else {
			unsigned int order = rnd() % 100 < 70 ? 0 : rnd() % MAX_ORDER;
			static const gfp_t gfps[] = { GFP_KERNEL, GFP_DMA, GFP_DMA32,
						      GFP_HIGHUSER_MOVABLE, GFP_ATOMIC };

			s->page = alloc_pages(gfps[rnd() % ARRAY_SIZE(gfps)] | __GFP_NOWARN, order);
			if (!s->page)
				continue;
			s->order = order;
			if (page_to_pfn(s->page) & ((1UL << order) - 1) && bad++ < 5)
				diag("order-%u block at unaligned pfn %#lx", order,
				     page_to_pfn(s->page));
			*(unsigned long *)page_address(s->page) = page_to_pfn(s->page) ^ MAGIC;
		}
	}
	for (i = 0; i < nslots; i++)
		if (slots[i].page)
			__free_pages(slots[i].page, slots[i].order);
	take_snapshot(&after);
	free_page((unsigned long)slots);
	return !bad && same_snapshot(&before, &after);
}

/* ---- test 4: zone modifiers ---- */

/* The zone a request limited to @highest should get first on @nid. */
static int expected_zone(int nid, enum zone_type highest)
{
	int z;

	for (z = highest; z >= 0; z--)
		if (NODE_DATA(nid)->node_zones[z].free_pages >
		    low_wmark_pages(&NODE_DATA(nid)->node_zones[z]) + 1)
			return z;
	return -1;
}

static bool test_zone_modifiers(void)
{
	static const struct { gfp_t gfp; enum zone_type zone; } cases[] = {
		{ GFP_DMA, ZONE_DMA }, { GFP_DMA32, ZONE_DMA32 }, { GFP_KERNEL, ZONE_NORMAL },
		{ GFP_KERNEL | __GFP_MOVABLE, ZONE_NORMAL },
		{ GFP_HIGHUSER_MOVABLE, ZONE_MOVABLE },
	};
	bool ok = true;
	unsigned int i;
	int nid;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ok &= check(gfp_zone(cases[i].gfp) == cases[i].zone, "gfp %#x: zone %d, not %d",
			    cases[i].gfp, gfp_zone(cases[i].gfp), cases[i].zone);
		for_each_online_node(nid) {
			int want = expected_zone(nid, cases[i].zone);
			struct page *page = alloc_pages_node(nid, cases[i].gfp | __GFP_NOWARN |
							     __GFP_THISNODE, 0);

			if (want < 0) {
				ok &= check(!page, "node %d gfp %#x: a page from nowhere", nid,
					    cases[i].gfp);
				if (page)
					__free_page(page);
				continue;
			}
			if (!check(page, "node %d gfp %#x: no page", nid, cases[i].gfp)) {
				ok = false;
				continue;
			}
			ok &= check(page_zonenum(page) == want && page_to_nid(page) == nid,
				    "node %d gfp %#x: page from node %d zone %d, expected zone %d",
				    nid, cases[i].gfp, page_to_nid(page), page_zonenum(page), want);
			__free_page(page);
		}
	}

	/* __GFP_ZERO: dirty a page, free it, and get it back (free lists are LIFO) zeroed. */
	{
		struct page *page = alloc_page(GFP_KERNEL), *again;
		unsigned char *p;
		unsigned long j, nonzero = 0;

		if (!check(page, "no page for the __GFP_ZERO test"))
			return false;
		memset(page_address(page), 0x5a, PAGE_SIZE);
		__free_page(page);
		again = alloc_page(GFP_KERNEL | __GFP_ZERO);
		ok &= check(again == page, "the freed page did not come back first");
		p = page_address(again);
		for (j = 0; j < PAGE_SIZE; j++)
			nonzero += p[j] != 0;
		ok &= check(!nonzero, "__GFP_ZERO page has %lu nonzero bytes", nonzero);
		__free_page(again);
	}
	return ok;
}

/* ---- test 5: wrong frees are reported and change nothing ---- */

static struct page *find_reserved_page(void)
{
	int nid;

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);
		unsigned long pfn;

		for (pfn = pgdat->node_start_pfn; pfn < pgdat_end_pfn(pgdat); pfn++)
			if (pfn_valid(pfn) && PageReserved(pfn_to_page(pfn)))
				return pfn_to_page(pfn);
	}
	return NULL;
}

static bool test_bad_frees(void)
{
	struct snapshot before, after;
	unsigned long bad0 = nr_bad_pages;
	struct page *page, *big, *reserved;
	struct per_cpu_pages *pcp;
	int count;
	bool ok = true;

	page = alloc_pages(GFP_KERNEL, 2);
	if (!check(page, "no order-2 block"))
		return false;
	take_snapshot(&before);

	__free_pages(page, 0);			/* wrong order */
	ok &= check(nr_bad_pages == bad0 + 1, "wrong-order free not reported");
	__free_pages(page + 1, 0);		/* a tail page */
	ok &= check(nr_bad_pages == bad0 + 2, "tail-page free not reported");
	take_snapshot(&after);
	ok &= same_snapshot(&before, &after);

	/* A double free while the block waits on a per-CPU list. */
	pcp = &page_zone(page)->per_cpu_pageset[pcp_this_cpu()];
	__free_pages(page, 2);
	count = pcp->count;
	__free_pages(page, 2);
	ok &= check(nr_bad_pages == bad0 + 3, "double free of a block on a per-CPU list not reported");
	ok &= check(pcp->count == count, "the double free changed the per-CPU list");

	/* A double free of a block on a buddy list (the top order never waits on a list). */
	big = alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER - 1);
	if (big) {
		__free_pages(big, MAX_ORDER - 1);
		take_snapshot(&before);
		__free_pages(big, MAX_ORDER - 1);
		ok &= check(nr_bad_pages == bad0 + 4, "double free not reported");
		take_snapshot(&after);
		ok &= same_snapshot(&before, &after);
	} else {
		bad0--;		/* no block that large: nothing to count below */
		take_snapshot(&before);
	}

	reserved = find_reserved_page();
	if (reserved) {
		__free_pages(reserved, 0);
		ok &= check(nr_bad_pages == bad0 + 5, "free of a reserved page not reported");
		ok &= check(PageReserved(reserved) && !PageBuddy(reserved),
			    "reserved page changed state");
		take_snapshot(&after);
		ok &= same_snapshot(&before, &after);
	}
	return ok;
}

/* ---- test 6: page_poison catches a write to a free page ---- */

static bool test_poison(void)
{
	int saved = page_poisoning_enabled;
	unsigned long bad0 = nr_bad_pages;
	struct page *page, *again;
	bool ok = true;

	page_poisoning_enabled = 1;
	page = alloc_page(GFP_KERNEL);
	if (!check(page, "no page")) {
		page_poisoning_enabled = saved;
		return false;
	}
	__free_page(page);
	ok &= check(((unsigned char *)page_address(page))[100] == 0xaa, "freed page not poisoned");
	((unsigned char *)page_address(page))[100] = 0x11;	/* use after free */
	again = alloc_page(GFP_KERNEL);
	ok &= check(again == page, "the freed page did not come back first");
	ok &= check(nr_bad_pages == bad0 + 1, "corruption of a free page not reported");
	if (again)
		__free_page(again);
	again = alloc_page(GFP_KERNEL);		/* intact poison: no report */
	ok &= check(nr_bad_pages == bad0 + 1, "intact poison reported as corrupt");
	if (again)
		__free_page(again);
	page_poisoning_enabled = saved;
	return ok;
}

/* ---- test 7: the per-CPU lists ---- */

/*
 * Every page on @zone's per-CPU lists is free (count 0), not on a buddy list (no PG_buddy),
 * in @zone and aligned to its list's order, each list is a consistent ring (a page on two
 * lists would break one), and the pages add up to the lists' count.
 */
static bool pcp_lists_ok(struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset[pcp_this_cpu()];
	unsigned long total = 0, bad = 0;
	int pindex;

	for (pindex = 0; pindex < NR_PCP_LISTS; pindex++) {
		unsigned int order = pindex < NR_LOWORDER_PCP_LISTS ?
				     pindex / MIGRATE_PCPTYPES : pageblock_order;
		struct list_head *head = &pcp->lists[pindex], *p;

		for (p = head->next; p != head; p = p->next) {
			struct page *page = list_entry(p, struct page, lru);

			if ((p->next->prev != p || PageBuddy(page) || page_ref_count(page) ||
			     page_zone(page) != zone || page_to_pfn(page) & ((1UL << order) - 1)) &&
			    bad++ < 5)
				diag("%s list %d: pfn %#lx is not a free page of order %u there",
				     zone->name, pindex, page_to_pfn(page), order);
			total += 1UL << order;
			if (total > zone_managed_pages(zone))
				break;		/* a broken ring: stop walking it */
		}
	}
	return check(total == (unsigned long)pcp->count, "%s: lists hold %lu pages, count says %d",
		     zone->name, total, pcp->count) && !bad;
}

static bool test_pcp_lists(void)
{
	static struct page *pages[512];
	struct per_cpu_pages *pcp;
	struct zone *zone;
	struct page *page;
	unsigned long free0;
	bool ok = true;
	int i, n, nid;

	/* high and batch as Linux sizes them, on every populated zone */
	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			if (!populated_zone(zone))
				continue;
			pcp = &zone->per_cpu_pageset[pcp_this_cpu()];
			ok &= check(pcp->batch >= 1 && !((pcp->batch + 1) & pcp->batch),
				    "%s: batch %d is not 2^n - 1", zone->name, pcp->batch);
			ok &= check(pcp->high >= 4 * pcp->batch &&
				    pcp->high >= (int)low_wmark_pages(zone),
				    "%s: high %d, batch %d, low watermark %lu", zone->name,
				    pcp->high, pcp->batch, low_wmark_pages(zone));
			ok &= pcp_lists_ok(zone);
		}

	/* A freed page waits on the list and comes back first; the zone does not see it. */
	drain_all_pages(NULL);
	page = alloc_page(GFP_KERNEL);
	if (!check(page, "no page"))
		return false;
	zone = page_zone(page);
	pcp = &zone->per_cpu_pageset[pcp_this_cpu()];
	ok &= check(pcp->count == pcp->batch - 1 || pcp->batch == 1,
		    "%s: %d pages on the lists after the first allocation, batch %d",
		    zone->name, pcp->count, pcp->batch);
	free0 = zone->free_pages;
	__free_page(page);
	ok &= check(zone->free_pages == free0, "a page freed to the lists reached the zone");
	ok &= check(alloc_page(GFP_KERNEL) == page, "the freed page did not come back first");
	__free_page(page);

	/* Frees beyond high go back a batch at a time: the count never reaches high. */
	n = min_t(int, ARRAY_SIZE(pages), pcp->high + 2 * pcp->batch);
	for (i = 0; i < n; i++)
		if (!(pages[i] = alloc_pages_node(zone_to_nid(zone), GFP_KERNEL | __GFP_THISNODE |
						 __GFP_NOWARN, 0)))
			break;
	n = i;
	for (i = 0; i < n; i++) {
		__free_page(pages[i]);
		if (pcp->high && pcp->count >= pcp->high && ok) {
			ok = check(false, "%s: %d pages on the lists, high %d", zone->name,
				   pcp->count, pcp->high);
		}
	}
	ok &= pcp_lists_ok(zone);

	/* A drain gives everything back. */
	free0 = zone->free_pages + pcp->count;
	drain_all_pages(NULL);
	ok &= check(pcp->count == 0, "%s: %d pages left after the drain", zone->name, pcp->count);
	ok &= check(zone->free_pages == free0, "%s: %lu free pages after the drain, expected %lu",
		    zone->name, zone->free_pages, free0);
	ok &= pcp_lists_ok(zone);
	return ok;
}

/* Runs every test; returns the number that failed. */
int page_alloc_selftest_run(void)
{
	struct snapshot start;
	struct pfn_bitmap bm;
	unsigned long chain = 0, count = 0;
	bool ok;

	failures = 0;
	pr_info("KTAP version 1\n");
	pr_info("1..1\n");
	pr_info("    KTAP version 1\n");
	pr_info("    # Subtest: page_alloc\n");
	pr_info("    1..7\n");

	ok = bitmap_create(&bm);
	take_snapshot(&start);
	ok = ok && test_alloc_everything(&bm, &chain, &count);
	report(1, "alloc_every_page_once", ok);
	/* Free whatever was taken even if test 1 failed, then compare with the start. */
	report(2, "free_restores_counts", test_free_everything(chain, count, &start));
	bitmap_destroy(&bm);
	report(3, "random_mixed_orders", test_random(200000));
	report(4, "zone_modifiers", test_zone_modifiers());
	report(5, "bad_frees_caught", test_bad_frees());
	report(6, "page_poison", test_poison());
	report(7, "pcp_lists", test_pcp_lists());
	pr_info("%sok 1 page_alloc\n", failures ? "not " : "");
	return failures;
}

void page_alloc_selftest(void)
{
	if (page_alloc_selftest_enabled)
		page_alloc_selftest_run();
}

static void page_alloc_selftest_reset(void)
{
	page_alloc_selftest_enabled = 0;
	failures = 0;
	rnd_state = 0x9e3779b97f4a7c15ULL;
}
host_reset(page_alloc_selftest_reset);
