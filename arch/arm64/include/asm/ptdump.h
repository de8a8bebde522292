/* SPDX-License-Identifier: GPL-2.0 */
/* Dump the kernel page tables in the format of Linux's /sys/kernel/debug/kernel_page_tables. */
#ifndef _ASM_PTDUMP_H
#define _ASM_PTDUMP_H

#include <asm/pgtable.h>

/*
 * Walk the TTBR1 tables under @pgd from PAGE_OFFSET to the top, calling @emit once per
 * output line (each ends in '\n'): "---[ Linear Mapping start ]---" markers and one line
 * per run of entries with the same attributes at the same level.
 */
void ptdump_walk(pgd_t *pgd, void (*emit)(void *priv, const char *line), void *priv);
/* The same, printed with printk. */
void ptdump_show(pgd_t *pgd);
/*
 * Linux's ptdump_check_wx(): prints "Checked W+X mappings: passed, no W+X pages found"
 * or the FAILED line with the counts. Returns the number of W+X pages.
 */
unsigned long ptdump_check_wx(pgd_t *pgd);

/* The `ptdump` command-line word and monitor command: swapper_pg_dir as Linux shows it. */
void ptdump_kernel(void);
/* For the monitor: the walk of one virtual address through swapper_pg_dir, in words. */
void arch_show_walk(u64 va);
/* For the monitor: is @pa in the linear map, and at which virtual address. */
bool arch_linear_mapped(phys_addr_t pa, u64 *va);

#endif /* _ASM_PTDUMP_H */
