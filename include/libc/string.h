/* SPDX-License-Identifier: GPL-2.0 */
/* Freestanding <string.h> for the kernel build (libfdt_env.h wants it); lib/string.c implements it. */
#ifndef _BOOTMEM_LIBC_STRING_H
#define _BOOTMEM_LIBC_STRING_H

#include <linux/string.h>

#endif
