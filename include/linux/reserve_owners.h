/* SPDX-License-Identifier: GPL-2.0 */
/* Names for what lies in memblock.reserved (boot/reserve_owners.c). */
#ifndef _BOOTMEM_LINUX_RESERVE_OWNERS_H
#define _BOOTMEM_LINUX_RESERVE_OWNERS_H

/*
 * After memblock's dump: one "  reserved[N] holds WHAT [mem ...]" line for every named
 * reservation in region N (kernel image, DTB, initrd, crash kernel, elfcorehdr,
 * /reserved-memory nodes, CMA areas). Unnamed parts are memblock's own allocations.
 */
void memblock_reserved_owners_show(void);

#endif
