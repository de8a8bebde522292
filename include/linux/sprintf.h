/* SPDX-License-Identifier: GPL-2.0 */
/* snprintf and friends (lib/vsprintf.c), formatting exactly like Linux's printk. */
#ifndef _BOOTMEM_LINUX_SPRINTF_H
#define _BOOTMEM_LINUX_SPRINTF_H

#include <stdarg.h>
#include <linux/types.h>
#include <linux/compiler.h>

#ifdef BOOTMEM_HOST
/*
 * glibc owns these names on the host; ours get distinct symbols so tests call Linux's
 * formatting, not glibc's. Prototypes match glibc's, so <stdio.h> may come before or after.
 */
#define vsnprintf	bm_vsnprintf
#define snprintf	bm_snprintf
#define sprintf		bm_sprintf
#define vsprintf	bm_vsprintf
#endif

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vsprintf(char *buf, const char *fmt, va_list args);
int sprintf(char *buf, const char *fmt, ...) __printf(2, 3);
/* Like snprintf, but return what was really written (without the NUL), never more. */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/*
 * Symbol lookup for %pS/%ps/%pB. The kernel's generated kallsyms table provides it; the weak
 * default knows no symbols, so addresses print as 0x%lx.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset);

#endif
