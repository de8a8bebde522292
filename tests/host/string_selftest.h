/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel's libc functions, compiled for the host under st_* names by string_selftest.c. */
#ifndef _HOST_STRING_SELFTEST_H
#define _HOST_STRING_SELFTEST_H

#include <stddef.h>

void *st_memcpy(void *d, const void *s, size_t n);
void *st_memset(void *s, int c, size_t n);
void *st_memmove(void *d, const void *s, size_t n);
int st_memcmp(const void *a, const void *b, size_t n);
void *st_memchr(const void *s, int c, size_t n);
size_t st_strlen(const char *s);
size_t st_strnlen(const char *s, size_t n);
int st_strcmp(const char *a, const char *b);
int st_strncmp(const char *a, const char *b, size_t n);
char *st_strchr(const char *s, int c);
char *st_strrchr(const char *s, int c);
char *st_strstr(const char *h, const char *n);
unsigned long long st_strtoull(const char *s, char **end, int base);
unsigned long st_strtoul(const char *s, char **end, int base);

#endif
