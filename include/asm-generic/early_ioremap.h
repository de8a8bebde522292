/* SPDX-License-Identifier: GPL-2.0 */
/*
 * early_memremap(): temporary mappings of physical memory before the linear map exists
 * (Linux's mm/early_ioremap.c), in FIX_BTMAPS_SLOTS slots of NR_FIX_BTMAPS pages each.
 */
#ifndef _ASM_GENERIC_EARLY_IOREMAP_H_
#define _ASM_GENERIC_EARLY_IOREMAP_H_

#include <linux/types.h>
#include <asm/page-def.h>

/* arm64's FIX_BTMAPS_SLOTS and NR_FIX_BTMAPS (the arch code checks that they agree). */
#define EARLY_IOREMAP_SLOTS		7
#define EARLY_IOREMAP_SLOT_PAGES	(256 * 1024 / (1 << PAGE_SHIFT) + 1)

/*
 * Map [phys_addr, phys_addr + size) and return its virtual address, or NULL (with Linux's
 * WARN) when every slot is taken, the size is 0 or wraps, or it spans more than a slot.
 * _ro maps it read-only. Undo with early_memunmap(addr, the same size).
 */
void *early_memremap(phys_addr_t phys_addr, unsigned long size);
void *early_memremap_ro(phys_addr_t phys_addr, unsigned long size);
void early_memunmap(void *addr, unsigned long size);

/* Slots in use (for tests and invariant checks: nothing may leak one). */
int early_ioremap_slots_used(void);

/*
 * What the architecture provides: map @nrpages pages from the page-aligned @phys into slot
 * @slot (read-only if @ro) and return the slot's virtual base, or NULL if it cannot; and
 * clear them again. The kernel uses the FIX_BTMAP fixmap range; the host harness returns
 * the simulated memory (NULL outside it).
 */
void *early_ioremap_map_slot(int slot, phys_addr_t phys, unsigned int nrpages, bool ro);
void early_ioremap_unmap_slot(int slot, unsigned int nrpages);

#endif
