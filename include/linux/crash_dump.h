/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A kdump capture kernel's view of the crashed one (boot/crash_dump.c, Linux's
 * kernel/crash_dump.c): where its ELF core header is, from /chosen/linux,elfcorehdr or
 * elfcorehdr=[SIZE@]ADDR; early_init_fdt_scan_reserved_mem reserves it.
 */
#ifndef _BOOTMEM_LINUX_CRASH_DUMP_H
#define _BOOTMEM_LINUX_CRASH_DUMP_H

#define ELFCORE_ADDR_MAX	(-1ULL)

extern unsigned long long elfcorehdr_addr;
extern unsigned long long elfcorehdr_size;

#endif
