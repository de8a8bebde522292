/* SPDX-License-Identifier: GPL-2.0 */
/* Host harness stand-ins for the kernel image's linker symbols (see harness.c). */
#ifndef _HOST_ASM_SECTIONS_H
#define _HOST_ASM_SECTIONS_H

extern char _text[], _stext[], _etext[];
extern char __start_rodata[], __end_rodata[];
extern char __init_begin[], __init_end[];
extern char _sdata[], _edata[];
extern char __bss_start[], __bss_stop[];
extern char _end[];

#endif
