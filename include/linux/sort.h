/* SPDX-License-Identifier: GPL-2.0 */
/* sort(): Linux's in-place heapsort (lib/sort.c); not stable, and its exact order matters. */
#ifndef _BOOTMEM_LINUX_SORT_H
#define _BOOTMEM_LINUX_SORT_H

#include <linux/types.h>

typedef int (*cmp_func_t)(const void *a, const void *b);
typedef void (*swap_func_t)(void *a, void *b, int size);

/*
 * Sorts @num elements of @size bytes. Elements that compare equal end up in the same order
 * as with Linux 6.1's sort(), which /reserved-memory allocation order depends on.
 * @swap_func may be NULL (elements are swapped bytewise).
 */
void sort(void *base, size_t num, size_t size, cmp_func_t cmp, swap_func_t swap_func);

#endif
