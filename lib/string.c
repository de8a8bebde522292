// SPDX-License-Identifier: GPL-2.0
/*
 * Freestanding string/memory functions (kernel only: the host uses glibc's) and the
 * number parsers Linux uses on the command line: simple_strtoull, memparse, kstrtoull.
 */
#include <linux/kernel.h>
#include <linux/string.h>

#ifndef BOOTMEM_HOST

/*
 * GCC turns a byte loop into a call to memset/memcpy even with -ffreestanding; inside those
 * very functions that would recurse forever, so loop distribution is switched off here.
 */
#define __no_libcall_loops __attribute__((optimize("no-tree-loop-distribute-patterns")))

__no_libcall_loops void *memcpy(void *dest, const void *src, size_t n)
{
	unsigned char *d = dest;
	const unsigned char *s = src;

	/* Word copies when both ends are aligned: memblock copies whole region arrays. */
	if ((((unsigned long)d | (unsigned long)s) & 7) == 0) {
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(u64 *)d = *(const u64 *)s;
	}
	while (n--)
		*d++ = *s++;
	return dest;
}

__no_libcall_loops void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	if (((unsigned long)p & 7) == 0) {
		u64 v = (u8)c * 0x0101010101010101ULL;

		/* 64 bytes a turn first: page tables are zeroed a page at a time. */
		for (; n >= 64; n -= 64, p += 64) {
			u64 *w = (u64 *)p;

			w[0] = v; w[1] = v; w[2] = v; w[3] = v;
			w[4] = v; w[5] = v; w[6] = v; w[7] = v;
		}
		for (; n >= 8; n -= 8, p += 8)
			*(u64 *)p = v;
	}
	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

__no_libcall_loops void *memmove(void *dest, const void *src, size_t n)
{
	unsigned char *d = dest;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dest, src, n);
	/* Overlapping with dest above src: copy backwards so nothing is read after being written. */
	d += n;
	s += n;
	while (n--)
		*--d = *--s;
	return dest;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p < *q ? -1 : 1;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	while (*p && *p == *q) {
		p++;
		q++;
	}
	return *p == *q ? 0 : (*p < *q ? -1 : 1);
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p < *q ? -1 : 1;
		if (!*p)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s != (char)c; s++)
		if (!*s)
			return NULL;
	return (char *)s;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

char *strstr(const char *haystack, const char *needle)
{
	size_t nl = strlen(needle), hl = strlen(haystack);

	if (!nl)
		return (char *)haystack;
	for (; hl >= nl; hl--, haystack++)
		if (!memcmp(haystack, needle, nl))
			return (char *)haystack;
	return NULL;
}

/* C's strtoull: whitespace, sign, base prefix; saturates at ULLONG_MAX on overflow. */
unsigned long long strtoull(const char *nptr, char **endptr, int base)
{
	const char *s = nptr;
	unsigned long long v = 0;
	bool neg = false, any = false, over = false;

	while (isspace_c(*s))
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] | 0x20) == 'x' &&
	    ((s[2] >= '0' && s[2] <= '9') || ((s[2] | 0x20) >= 'a' && (s[2] | 0x20) <= 'f'))) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = *s == '0' ? 8 : 10;
	}
	for (;; s++) {
		unsigned int d;
		char c = *s;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			d = (c | 0x20) - 'a' + 10;
		else
			break;
		if (d >= (unsigned int)base)
			break;
		any = true;
		if (v > (ULLONG_MAX - d) / base)
			over = true;
		v = v * base + d;
	}
	if (endptr)
		*endptr = (char *)(any ? s : nptr);
	if (over)
		return ULLONG_MAX;
	return neg ? -v : v;
}

unsigned long strtoul(const char *nptr, char **endptr, int base)
{
	return strtoull(nptr, endptr, base);	/* unsigned long is 64 bits on arm64 */
}

#endif /* !BOOTMEM_HOST */

/* ---- Linux's own parsers: compiled on the host too, they are what tests exercise. ---- */

#define KSTRTOX_OVERFLOW	(1U << 31)

static bool is_xdigit(char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* Linux's _parse_integer_fixup_radix: base 0 means 0x → 16, leading 0 → 8, else 10. */
static const char *parse_integer_fixup_radix(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] == '0') {
			if ((s[1] | 0x20) == 'x' && is_xdigit(s[2]))
				*base = 16;
			else
				*base = 8;
		} else {
			*base = 10;
		}
	}
	if (*base == 16 && s[0] == '0' && (s[1] | 0x20) == 'x')
		s += 2;
	return s;
}

/*
 * Linux's _parse_integer: returns the number of digits consumed, with KSTRTOX_OVERFLOW set if
 * the value did not fit (the result then wraps, as Linux's does).
 */
static unsigned int parse_integer(const char *s, unsigned int base, unsigned long long *p)
{
	unsigned long long res = 0;
	unsigned int rv = 0;

	for (;; s++) {
		unsigned int val;
		char c = *s;

		if (c >= '0' && c <= '9')
			val = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			val = (c | 0x20) - 'a' + 10;
		else
			break;
		if (val >= base)
			break;
		if (res > (ULLONG_MAX - val) / base)
			rv |= KSTRTOX_OVERFLOW;
		res = res * base + val;
		rv++;
	}
	*p = res;
	return rv;
}

unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
	unsigned long long result;
	unsigned int rv;

	cp = parse_integer_fixup_radix(cp, &base);
	rv = parse_integer(cp, base, &result);
	cp += rv & ~KSTRTOX_OVERFLOW;
	if (endp)
		*endp = (char *)cp;
	return result;
}

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return simple_strtoull(cp, endp, base);
}

long long simple_strtoll(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -(long long)simple_strtoull(cp + 1, endp, base);
	return simple_strtoull(cp, endp, base);
}

/* The multiplier of a memparse suffix, as a shift: K=10 ... E=60; 0 for anything else. */
static int memparse_suffix_shift(char c)
{
	static const char suffixes[] = "kmgtpe";
	int i;

	for (i = 0; suffixes[i]; i++)
		if ((c | 0x20) == suffixes[i])
			return 10 * (i + 1);
	return 0;
}

/*
 * Linux's memparse (lib/cmdline.c): a number (base 0 rules) and an optional K/M/G/T/P/E
 * suffix, each step multiplying by 1024. Like Linux's, an oversized value wraps silently;
 * callers that must catch that use memparse_safe().
 */
unsigned long long memparse(const char *ptr, char **retptr)
{
	char *endptr;
	unsigned long long ret = simple_strtoull(ptr, &endptr, 0);
	int shift = memparse_suffix_shift(*endptr);

	if (shift)
		endptr++;
	if (retptr)
		*retptr = endptr;
	return ret << shift;
}

/*
 * memparse that reports what Linux's swallows: -EINVAL when no digit was found, -ERANGE when
 * the number or its suffix multiplication does not fit in 64 bits. *res and *retptr are
 * what memparse would give.
 */
int memparse_safe(const char *ptr, char **retptr, unsigned long long *res)
{
	unsigned int base = 0, rv;
	unsigned long long v;
	const char *cp = parse_integer_fixup_radix(ptr, &base);
	char *end;
	int shift;

	rv = parse_integer(cp, base, &v);
	*res = memparse(ptr, &end);
	if (retptr)
		*retptr = end;
	if (!(rv & ~KSTRTOX_OVERFLOW))		/* no digit ("M" alone) */
		return -EINVAL;
	if (rv & KSTRTOX_OVERFLOW)
		return -ERANGE;
	shift = memparse_suffix_shift(*(cp + (rv & ~KSTRTOX_OVERFLOW)));
	if (shift && v > (ULLONG_MAX >> shift))
		return -ERANGE;
	return 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long v;
	unsigned int rv;

	if (s[0] == '+')
		s++;
	s = parse_integer_fixup_radix(s, &base);
	rv = parse_integer(s, base, &v);
	if (rv & KSTRTOX_OVERFLOW)
		return -ERANGE;
	if (rv == 0)
		return -EINVAL;
	s += rv;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = v;
	return 0;
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long v;
	int ret = kstrtoull(s, base, &v);

	if (!ret)
		*res = v;
	return ret;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	unsigned long long v;
	bool neg = s[0] == '-';
	int ret = kstrtoull(neg ? s + 1 : s, base, &v);

	if (ret)
		return ret;
	if (neg ? v > (unsigned long long)INT32_MAX + 1 : v > INT32_MAX)
		return -ERANGE;
	*res = neg ? (int)-(long long)v : (int)v;
	return 0;
}

/* Linux's kstrtobool: y/Y/1/on → true, n/N/0/off → false. */
int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'y': case 'Y': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		if ((s[1] | 0x20) == 'n') {
			*res = true;
			return 0;
		}
		if ((s[1] | 0x20) == 'f') {
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}

char *skip_spaces(const char *str)
{
	while (isspace_c(*str))
		str++;
	return (char *)str;
}
