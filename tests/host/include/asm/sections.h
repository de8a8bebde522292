/* SPDX-License-Identifier: GPL-2.0 */
/* Host harness stand-ins for the kernel image's linker symbols (see harness.c). */
#ifndef _HOST_ASM_SECTIONS_H
#define _HOST_ASM_SECTIONS_H

/*
 * GNU ld defines _edata, __bss_start and _end itself for host executables, so the host
 * symbols get their own assembler names (defined in tests/host/harness.c).
 */
extern char _text[] __asm__("bm_host_text");
extern char _stext[] __asm__("bm_host_stext");
extern char _etext[] __asm__("bm_host_etext");
extern char __start_rodata[] __asm__("bm_host__start_rodata");
extern char __end_rodata[] __asm__("bm_host__end_rodata");
extern char __init_begin[] __asm__("bm_host__init_begin");
extern char __init_end[] __asm__("bm_host__init_end");
extern char _sdata[] __asm__("bm_host_sdata");
extern char _edata[] __asm__("bm_host_edata");
extern char __bss_start[] __asm__("bm_host__bss_start");
extern char __bss_stop[] __asm__("bm_host__bss_stop");
extern char _end[] __asm__("bm_host_end");

#endif
