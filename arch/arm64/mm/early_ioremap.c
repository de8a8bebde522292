// SPDX-License-Identifier: GPL-2.0
/*
 * The arm64 half of early_memremap(): each slot is NR_FIX_BTMAPS fixmap pages of the
 * FIX_BTMAP range, as in Linux 6.1 (mm/early_ioremap.c with arm64's fixmap.h).
 */
#include <linux/kernel.h>
#include <asm-generic/early_ioremap.h>
#include <asm/fixmap.h>

_Static_assert(EARLY_IOREMAP_SLOTS == FIX_BTMAPS_SLOTS, "early_ioremap slots differ from the fixmap's");
_Static_assert(EARLY_IOREMAP_SLOT_PAGES == NR_FIX_BTMAPS, "early_ioremap slot size differs from the fixmap's");

/* The host build reads simulated memory instead (tests/host/harness.c). */
#ifndef BOOTMEM_HOST

/* Slot @slot's first page is FIX_BTMAP_BEGIN - NR_FIX_BTMAPS * slot; later pages count down. */
static enum fixed_addresses slot_idx(int slot)
{
	return FIX_BTMAP_BEGIN - NR_FIX_BTMAPS * slot;
}

void *early_ioremap_map_slot(int slot, phys_addr_t phys, unsigned int nrpages, bool ro)
{
	unsigned int i;

	for (i = 0; i < nrpages; i++)
		__set_fixmap(slot_idx(slot) - i, phys + (phys_addr_t)i * PAGE_SIZE,
			     ro ? FIXMAP_PAGE_RO : FIXMAP_PAGE_NORMAL);
	return (void *)fix_to_virt(slot_idx(slot));
}

void early_ioremap_unmap_slot(int slot, unsigned int nrpages)
{
	unsigned int i;

	for (i = 0; i < nrpages; i++)
		clear_fixmap(slot_idx(slot) - i);
}

#endif /* !BOOTMEM_HOST */
