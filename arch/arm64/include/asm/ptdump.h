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

#endif /* _ASM_PTDUMP_H */
