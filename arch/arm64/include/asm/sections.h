/* SPDX-License-Identifier: GPL-2.0 */
/* Linker-script symbols that bound the kernel image's parts (see linker.ld). */
#ifndef _ASM_SECTIONS_H
#define _ASM_SECTIONS_H

extern char _text[], _stext[], _etext[];
extern char __start_rodata[], __end_rodata[];
extern char __init_begin[], __init_end[];
extern char _sdata[], _edata[];
extern char __bss_start[], __bss_stop[];
extern char _end[];
/* The page under the boot stack, left unmapped, and the stack above it (bss). */
extern char init_stack_guard[], init_stack[], init_stack_top[];
/* The stack the exception entry switches to when init_stack has overflowed. */
extern char overflow_stack[], overflow_stack_top[];
/* head.S's early tables (the image's and the idmap), given back by paging_init. */
extern char init_pg_dir[], init_pg_end[];

#endif
