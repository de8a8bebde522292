/* SPDX-License-Identifier: GPL-2.0 */
/* Freestanding <stdlib.h> for the kernel build: only the strtoul family, from lib/string.c. */
#ifndef _BOOTMEM_LIBC_STDLIB_H
#define _BOOTMEM_LIBC_STDLIB_H

#include <stddef.h>

unsigned long strtoul(const char *nptr, char **endptr, int base);
unsigned long long strtoull(const char *nptr, char **endptr, int base);

#endif
