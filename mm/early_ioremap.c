// SPDX-License-Identifier: GPL-2.0
/*
 * early_memremap()/early_memunmap(), as Linux 6.1's mm/early_ioremap.c: a handful of slots
 * for reading firmware tables (the EFI system table, memory map, ...) before paging_init.
 * The slot bookkeeping and its checks are here; the architecture maps the pages.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <asm-generic/early_ioremap.h>

static void *prev_map[EARLY_IOREMAP_SLOTS];
static unsigned long prev_size[EARLY_IOREMAP_SLOTS];

static void *__early_ioremap(phys_addr_t phys_addr, unsigned long size, bool ro)
{
	phys_addr_t last_addr = phys_addr + size - 1;
	unsigned long offset;
	unsigned long nrpages;
	int i, slot = -1;
	char *virt;

	for (i = 0; i < EARLY_IOREMAP_SLOTS; i++) {
		if (!prev_map[i]) {
			slot = i;
			break;
		}
	}
	if (slot < 0) {
		pr_warn("__early_ioremap(%pa, %08lx) not found slot\n", &phys_addr, size);
		WARN_ON(slot < 0);
		return NULL;
	}
	/* Neither a zero size nor a range that wraps past the top of the address space. */
	if (WARN_ON(!size || last_addr < phys_addr))
		return NULL;

	offset = phys_addr & ~PAGE_MASK;
	/* Modulo 2^64, so a range ending in the last page of the address space counts right. */
	nrpages = (PAGE_ALIGN(last_addr + 1) - (phys_addr & PAGE_MASK)) >> PAGE_SHIFT;
	if (WARN_ON(nrpages > EARLY_IOREMAP_SLOT_PAGES))
		return NULL;

	virt = early_ioremap_map_slot(slot, phys_addr & PAGE_MASK, nrpages, ro);
	if (!virt)
		return NULL;
	prev_size[slot] = size;
	prev_map[slot] = virt + offset;
	return prev_map[slot];
}

void *early_memremap(phys_addr_t phys_addr, unsigned long size)
{
	return __early_ioremap(phys_addr, size, false);
}

void *early_memremap_ro(phys_addr_t phys_addr, unsigned long size)
{
	return __early_ioremap(phys_addr, size, true);
}

void early_memunmap(void *addr, unsigned long size)
{
	unsigned long offset;
	int i, slot = -1;

	for (i = 0; i < EARLY_IOREMAP_SLOTS; i++) {
		if (prev_map[i] == addr) {
			slot = i;
			break;
		}
	}
	if (slot < 0) {
		pr_warn("early_iounmap(%p, %08lx) not found slot\n", addr, size);
		WARN_ON(slot < 0);
		return;
	}
	/* Linux refuses (and warns about) an unmap whose size differs from the map's. */
	if (prev_size[slot] != size) {
		pr_warn("early_iounmap(%p, %08lx) [%d] size not consistent %08lx\n",
			addr, size, slot, prev_size[slot]);
		WARN_ON(prev_size[slot] != size);
		return;
	}
	offset = (unsigned long)addr & ~PAGE_MASK;
	early_ioremap_unmap_slot(slot, PAGE_ALIGN(offset + size) >> PAGE_SHIFT);
	prev_map[slot] = NULL;
}

int early_ioremap_slots_used(void)
{
	int i, n = 0;

	for (i = 0; i < EARLY_IOREMAP_SLOTS; i++)
		n += prev_map[i] != NULL;
	return n;
}

static void early_ioremap_reset(void)
{
	int i;

	for (i = 0; i < EARLY_IOREMAP_SLOTS; i++) {
		prev_map[i] = NULL;
		prev_size[i] = 0;
	}
}
host_reset(early_ioremap_reset);
