/* SPDX-License-Identifier: GPL-2.0 */
/* String and memory helpers (lib/string.c) plus Linux's memparse/kstrtoull parsers. */
#ifndef _BOOTMEM_LINUX_STRING_H
#define _BOOTMEM_LINUX_STRING_H

#include <linux/types.h>

#ifdef BOOTMEM_HOST
/* On the host, glibc provides the libc-named functions (and ASan intercepts them). */
#include <string.h>
#include <stdlib.h>
#else
void *memcpy(void *dest, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
void *memmove(void *dest, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
unsigned long strtoul(const char *nptr, char **endptr, int base);
unsigned long long strtoull(const char *nptr, char **endptr, int base);
#endif

/* Linux's lib/vsprintf.c parser: no sign, no overflow check, base 0 auto-detects. */
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base);
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);
long long simple_strtoll(const char *cp, char **endp, unsigned int base);

/* "64M", "0x1000", "2G": number with an optional K/M/G/T/P/E suffix (lib/cmdline.c). */
unsigned long long memparse(const char *ptr, char **retptr);
/* Same, but -EINVAL for no number and -ERANGE when the value overflows 64 bits. */
int memparse_safe(const char *ptr, char **retptr, unsigned long long *res);

/* Strict parse of a whole string (one trailing newline allowed); -EINVAL or -ERANGE. */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtoint(const char *s, unsigned int base, int *res);
int kstrtobool(const char *s, bool *res);

/* Skip leading whitespace (lib/string_helpers.c). */
char *skip_spaces(const char *str);

static inline bool isspace_c(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

#endif
