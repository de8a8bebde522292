/* SPDX-License-Identifier: GPL-2.0 */
/* Invariant checks run after each boot phase with `debug_invariants` (on in the tests). */
#ifndef _BOOTMEM_LINUX_DEBUG_INVARIANTS_H
#define _BOOTMEM_LINUX_DEBUG_INVARIANTS_H

#include <linux/types.h>

/* Record the end of a boot phase; run the invariant checks when asked to. */
void boot_phase_done(const char *name);
/*
 * Called at the end of each phase, after the invariant checks: the host build's tests, the
 * fuzzer and bootmem-layout look (or stop) there. NULL in the kernel.
 */
extern void (*boot_phase_hook)(const char *name);
void boot_phases_print(void);

/*
 * Check what must hold after @phase ("memblock", "map_mem", "memmap", "free_all"): panics
 * with a message naming the broken invariant, prints one "invariants ok" line otherwise.
 */
void debug_invariants_check(const char *phase);
/* The memblock part alone (sorted, disjoint, merged, totals): number of violations found. */
int memblock_check_invariants(void);
/* After free_all: free lists agree with PageBuddy/order and the counts; nothing free is reserved or NOMAP. */
int buddy_check_invariants(void);
/*
 * Arch hook after map_mem: nothing NOMAP in the linear map, every other memory page mapped,
 * no writable+executable kernel mapping. Number of violations found (printed).
 */
int arch_check_pgtable_invariants(void);

#endif
