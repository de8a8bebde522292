/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host build's kernel image: a model of Linux 6.1's Image placed in simulated physical
 * memory at boot (tests/host/host_boot.c), so <asm/sections.h> users (the reservation, the
 * image mapping, the "Memory:" line) work on it as on the kernel's own linker symbols.
 */
#ifndef _HOST_ASM_SECTIONS_H
#define _HOST_ASM_SECTIONS_H

#include <asm/memory.h>

/* Each bound points into the simulated physical window, at the image's load address. */
struct host_image {
	char *text, *stext, *etext, *start_rodata, *end_rodata, *init_begin, *init_end;
	char *sdata, *edata, *bss_start, *bss_stop, *pg_dir, *end;
};
extern struct host_image host_image;

#define _text		(host_image.text)
#define _stext		(host_image.stext)
#define _etext		(host_image.etext)
#define __start_rodata	(host_image.start_rodata)
#define __end_rodata	(host_image.end_rodata)
#define __init_begin	(host_image.init_begin)
#define __init_end	(host_image.init_end)
#define _sdata		(host_image.sdata)
#define _edata		(host_image.edata)
#define __bss_start	(host_image.bss_start)
#define __bss_stop	(host_image.bss_stop)
#define _end		(host_image.end)
/* No stack in the model: the guard hole is empty. */
#define init_stack_guard	(host_image.end)
#define init_stack		(host_image.end)
/* Linux's init_pg_dir: the early tables at the image's end that paging_init gives back. */
#define init_pg_dir		(host_image.pg_dir)
#define init_pg_end		(host_image.end)

/* The image lives in simulated memory, so its symbols' physical addresses are plain __pa. */
#define __pa_symbol(x)	__pa(x)

#endif
