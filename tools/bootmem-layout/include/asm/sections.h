/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bootmem-layout's image symbols: the kernel image modelled at run time (--kernel-at,
 * --kernel-size), so arch/arm64/mm/init.c's __pa_symbol(_stext)... name simulated memory.
 */
#ifndef _BML_ASM_SECTIONS_H
#define _BML_ASM_SECTIONS_H

#include <asm/memory.h>

/* Each symbol points into the simulated physical window, at the image's load address. */
struct bml_sections {
	char *text, *stext, *etext, *start_rodata, *end_rodata, *init_begin, *init_end;
	char *sdata, *edata, *bss_start, *bss_stop, *init_pg_dir, *end;
};
extern struct bml_sections bml_sec;

#define _text		(bml_sec.text)
#define _stext		(bml_sec.stext)
#define _etext		(bml_sec.etext)
#define __start_rodata	(bml_sec.start_rodata)
#define __end_rodata	(bml_sec.end_rodata)
#define __init_begin	(bml_sec.init_begin)
#define __init_end	(bml_sec.init_end)
#define _sdata		(bml_sec.sdata)
#define _edata		(bml_sec.edata)
#define __bss_start	(bml_sec.bss_start)
#define __bss_stop	(bml_sec.bss_stop)
#define _end		(bml_sec.end)

/* The image lives in simulated memory, so its symbols' physical addresses are plain __pa. */
#define __pa_symbol(x)	__pa(x)

#endif
