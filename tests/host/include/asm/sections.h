/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host build's kernel image, in simulated memory: _text is the start of the footprint
 * of Linux's Image (asm/image.h) that tests/host/host_boot.c lays out. bootmem-layout and the
 * fuzzer boot with no image of their own (every bound at _stext); a test may ask for a small
 * synthetic one (text, rodata, data, a stack under a guard page) to see map_kernel map it.
 */
#ifndef _HOST_ASM_SECTIONS_H
#define _HOST_ASM_SECTIONS_H

#include <asm/memory.h>
#include <asm/image.h>

struct host_own_image {
	char *stext, *etext, *start_rodata, *end_rodata, *init_begin, *init_end;
	char *sdata, *edata, *bss_start, *bss_stop, *stack_guard, *stack, *end;
};
extern struct host_own_image host_own;

#define _text		((char *)phys_to_virt(kernel_image.text))
#define _stext		(host_own.stext)
#define _etext		(host_own.etext)
#define __start_rodata	(host_own.start_rodata)
#define __end_rodata	(host_own.end_rodata)
#define __init_begin	(host_own.init_begin)
#define __init_end	(host_own.init_end)
#define _sdata		(host_own.sdata)
#define _edata		(host_own.edata)
#define __bss_start	(host_own.bss_start)
#define __bss_stop	(host_own.bss_stop)
#define init_stack_guard	(host_own.stack_guard)
#define init_stack	(host_own.stack)
#define _end		(host_own.end)

/* The image lives in simulated memory, so its symbols' physical addresses are plain __pa. */
#define __pa_symbol(x)	__pa(x)

#endif
