// SPDX-License-Identifier: GPL-2.0
/*
 * vsnprintf with Linux's printk semantics (lib/vsprintf.c): Linux's number() padding rules,
 * %#x of 0 as "0x0", and the %pa/%pS/%ps/%pB/%px/%pK pointer extensions.
 */
#include <linux/kernel.h>
#include <linux/sprintf.h>

/* spec.flags, as Linux names them */
#define SIGN	1		/* unsigned/signed */
#define LEFT	2		/* left justified */
#define PLUS	4		/* show plus */
#define SPACE	8		/* space if plus */
#define ZEROPAD	16		/* pad with zero */
#define SMALL	32		/* use lowercase in hex */
#define SPECIAL	64		/* prefix hex with "0x", octal with "0" */

#define FIELD_WIDTH_MAX	((1 << 23) - 1)
#define PRECISION_MAX	((1 << 15) - 1)

struct printf_spec {
	unsigned int flags;
	int field_width;	/* -1: none */
	int precision;		/* -1: none */
	unsigned int base;
};

/* The output cursor: counts every character, stores only those that fit. */
struct outbuf {
	char *buf;
	size_t size;
	size_t pos;
};

static void put(struct outbuf *o, char c)
{
	if (o->pos < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void put_repeat(struct outbuf *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

/* Linux's number(): the order sign, prefix, zero padding, digits is what gives %#018Lx. */
static void number(struct outbuf *o, unsigned long long num, struct printf_spec spec)
{
	static const char digits[] = "0123456789ABCDEF";
	char tmp[3 * sizeof(num)];
	char sign = 0;
	char locase = (spec.flags & SMALL) ? 0x20 : 0;
	bool is_zero = num == 0;
	bool need_pfx = (spec.flags & SPECIAL) && spec.base != 10;
	int field_width = spec.field_width;
	int precision = spec.precision;
	int i = 0;

	if (spec.flags & LEFT)
		spec.flags &= ~ZEROPAD;
	if (spec.flags & SIGN) {
		if ((long long)num < 0) {
			sign = '-';
			num = 0ULL - num;	/* unsigned negate: LLONG_MIN stays defined */
			field_width--;
		} else if (spec.flags & PLUS) {
			sign = '+';
			field_width--;
		} else if (spec.flags & SPACE) {
			sign = ' ';
			field_width--;
		}
	}
	if (need_pfx) {
		if (spec.base == 16)
			field_width -= 2;
		else if (!is_zero)
			field_width--;
	}

	do {
		tmp[i++] = digits[num % spec.base] | locase;
		num /= spec.base;
	} while (num);

	/* Digits never get cut: %2d of 100 prints "100". */
	if (i > precision)
		precision = i;
	field_width -= precision;
	if (!(spec.flags & (ZEROPAD | LEFT))) {
		put_repeat(o, ' ', field_width);
		field_width = 0;
	}
	if (sign)
		put(o, sign);
	if (need_pfx) {
		if (spec.base == 16 || !is_zero)
			put(o, '0');
		if (spec.base == 16)
			put(o, 'X' | locase);
	}
	if (!(spec.flags & LEFT)) {
		put_repeat(o, (spec.flags & ZEROPAD) ? '0' : ' ', field_width);
		field_width = 0;
	}
	put_repeat(o, '0', precision - i);
	while (--i >= 0)
		put(o, tmp[i]);
	put_repeat(o, ' ', field_width);
}

/* Linux's string(): at most precision bytes, then padded to the field width. */
static void string(struct outbuf *o, const char *s, struct printf_spec spec)
{
	int len = 0, lim = spec.precision;

	if (!s)
		s = "(null)";
	while (lim--) {
		if (!s[len])
			break;
		len++;
	}
	if (!(spec.flags & LEFT))
		put_repeat(o, ' ', spec.field_width - len);
	for (lim = 0; lim < len; lim++)
		put(o, s[lim]);
	if (spec.flags & LEFT)
		put_repeat(o, ' ', spec.field_width - len);
}

__attribute__((weak)) const char *kallsyms_lookup(unsigned long addr,
						  unsigned long *symbolsize,
						  unsigned long *offset)
{
	return NULL;
}

/*
 * %pS "name+0x1c/0x40", %ps "name", %pB as %pS but for a return address (looked up one byte
 * back, so a call that ends a function still names its caller). Unknown: "0x%lx".
 */
static void symbol_string(struct outbuf *o, unsigned long addr, char ext,
			  struct printf_spec spec)
{
	unsigned long size = 0, offset = 0;
	const char *name;
	char sym[160];
	int back = ext == 'B' ? 1 : 0;

	name = kallsyms_lookup(addr - back, &size, &offset);
	if (!name)
		snprintf(sym, sizeof(sym), "0x%lx", addr);
	else if (ext == 's')
		snprintf(sym, sizeof(sym), "%s", name);
	else
		snprintf(sym, sizeof(sym), "%s+%#lx/%#lx", name, offset + back, size);
	string(o, sym, spec);
}

/* Raw pointer value: %px, and %p/%pK (Linux hashes these; we have no secrets to hide). */
static void pointer_string(struct outbuf *o, unsigned long ptr, struct printf_spec spec)
{
	spec.base = 16;
	spec.flags |= SMALL;
	if (spec.field_width == -1) {
		spec.field_width = 2 * sizeof(void *);
		spec.flags |= ZEROPAD;
	}
	number(o, ptr, spec);
}

static void pointer(struct outbuf *o, const char *fmt, void *ptr, struct printf_spec spec)
{
	switch (*fmt) {
	case 'S':
	case 's':
	case 'B':
		symbol_string(o, (unsigned long)ptr, *fmt, spec);
		return;
	case 'a':	/* %pa, %pap: phys_addr_t; %pad: dma_addr_t; both by reference */
		if (!ptr) {
			string(o, "(null)", spec);
			return;
		}
		spec.flags |= SPECIAL | SMALL | ZEROPAD;
		spec.field_width = 2 + 2 * sizeof(phys_addr_t);
		spec.base = 16;
		number(o, fmt[1] == 'd' ? *(dma_addr_t *)ptr : *(phys_addr_t *)ptr, spec);
		return;
	default:	/* %p, %px, %pK and extensions we do not implement */
		pointer_string(o, (unsigned long)ptr, spec);
		return;
	}
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
	return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int skip_atoi(const char **s)
{
	int i = 0;

	while (is_digit(**s)) {
		if (i < FIELD_WIDTH_MAX)
			i = i * 10 + (*((*s)++) - '0');
		else
			(*s)++;
	}
	return i;
}

static int clamp_width(int w)
{
	return w > FIELD_WIDTH_MAX ? FIELD_WIDTH_MAX : w;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct outbuf o = { .buf = buf, .size = size, .pos = 0 };
	va_list ap;

	/* Linux refuses sizes that cannot be a real buffer (a negative int passed in). */
	if (size > INT32_MAX)
		return 0;
	va_copy(ap, args);
	while (*fmt) {
		struct printf_spec spec = { .field_width = -1, .precision = -1, .base = 10 };
		char qual = 0;
		unsigned long long num;

		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				spec.flags |= LEFT;
			else if (*fmt == '+')
				spec.flags |= PLUS;
			else if (*fmt == ' ')
				spec.flags |= SPACE;
			else if (*fmt == '#')
				spec.flags |= SPECIAL;
			else if (*fmt == '0')
				spec.flags |= ZEROPAD;
			else
				break;
		}
		if (is_digit(*fmt)) {
			spec.field_width = skip_atoi(&fmt);
		} else if (*fmt == '*') {
			int w = va_arg(ap, int);

			fmt++;
			if (w < 0) {
				spec.flags |= LEFT;
				w = w == INT32_MIN ? FIELD_WIDTH_MAX : -w;
			}
			spec.field_width = clamp_width(w);
		}
		if (*fmt == '.') {
			fmt++;
			if (is_digit(*fmt)) {
				spec.precision = skip_atoi(&fmt);
			} else if (*fmt == '*') {
				spec.precision = va_arg(ap, int);
				fmt++;
			} else {
				spec.precision = 0;
			}
			/* Linux clamps a negative precision to 0 (C would ignore it). */
			if (spec.precision < 0)
				spec.precision = 0;
			if (spec.precision > PRECISION_MAX)
				spec.precision = PRECISION_MAX;
		}
		if (*fmt == 'h' || *fmt == 'l' || *fmt == 'L' || *fmt == 'z' || *fmt == 'Z' ||
		    *fmt == 't' || *fmt == 'j' || *fmt == 'q') {
			qual = *fmt++;
			if (qual == 'l' && *fmt == 'l') {
				qual = 'L';
				fmt++;
			} else if (qual == 'h' && *fmt == 'h') {
				qual = 'H';
				fmt++;
			} else if (qual == 'j' || qual == 'q') {
				qual = 'L';
			} else if (qual == 'Z') {
				qual = 'z';
			}
		}

		switch (*fmt) {
		case 'c':
			fmt++;
			if (!(spec.flags & LEFT))
				put_repeat(&o, ' ', spec.field_width - 1);
			put(&o, (unsigned char)va_arg(ap, int));
			if (spec.flags & LEFT)
				put_repeat(&o, ' ', spec.field_width - 1);
			continue;
		case 's':
			fmt++;
			string(&o, va_arg(ap, const char *), spec);
			continue;
		case 'p':
			fmt++;
			pointer(&o, fmt, va_arg(ap, void *), spec);
			/* Linux swallows every alphanumeric after %p as the extension's name. */
			while (is_alnum(*fmt))
				fmt++;
			continue;
		case '%':
			fmt++;
			put(&o, '%');
			continue;
		case 'o':
			spec.base = 8;
			break;
		case 'x':
			spec.flags |= SMALL;
			/* fallthrough */
		case 'X':
			spec.base = 16;
			break;
		case 'd':
		case 'i':
			spec.flags |= SIGN;
			break;
		case 'u':
			break;
		default:
			/*
			 * As Linux: an unknown conversion leaves the va_list out of step with the
			 * format, so nothing after it can be trusted; stop here.
			 */
			goto out;
		}
		fmt++;

		switch (qual) {
		case 'L':
			num = va_arg(ap, unsigned long long);
			break;
		case 'l':
			num = va_arg(ap, unsigned long);
			if (spec.flags & SIGN)
				num = (long)num;
			break;
		case 'z':
			num = va_arg(ap, size_t);
			if (spec.flags & SIGN)
				num = (long)num;	/* ssize_t */
			break;
		case 't':
			num = va_arg(ap, ptrdiff_t);
			break;
		case 'H':
			num = va_arg(ap, int);
			num = (spec.flags & SIGN) ? (unsigned long long)(signed char)num :
						    (unsigned char)num;
			break;
		case 'h':
			num = va_arg(ap, int);
			num = (spec.flags & SIGN) ? (unsigned long long)(short)num :
						    (unsigned short)num;
			break;
		default:
			num = (spec.flags & SIGN) ? (unsigned long long)va_arg(ap, int) :
						    va_arg(ap, unsigned int);
			break;
		}
		number(&o, num, spec);
	}
out:
	va_end(ap);
	if (size > 0)
		buf[o.pos < size ? o.pos : size - 1] = '\0';
	return o.pos;
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int i = vsnprintf(buf, size, fmt, args);

	if (likely((size_t)i < size))
		return i;
	return size ? size - 1 : 0;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return i;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return i;
}

/* Unbounded, as in Linux: only for buffers sized for the worst case. */
int vsprintf(char *buf, const char *fmt, va_list args)
{
	return vsnprintf(buf, INT32_MAX, fmt, args);
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = vsnprintf(buf, INT32_MAX, fmt, args);
	va_end(args);
	return i;
}
