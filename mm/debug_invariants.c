// SPDX-License-Identifier: GPL-2.0
/*
 * Invariant checks for `debug_invariants`: after each boot phase, verify that memblock is
 * sorted, disjoint and merged with consistent totals (more checks join per phase).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/debug_invariants.h>

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
	return check_type(&memblock.memory, true) + check_type(&memblock.reserved, false);
}

void debug_invariants_check(const char *phase)
{
	int bad = memblock_check_invariants();

	if (bad)
		panic("invariants: %d violation(s) after phase %s", bad, phase);
	pr_info("invariants: after %s: memblock ok\n", phase);
}
