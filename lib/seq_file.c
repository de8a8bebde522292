// SPDX-License-Identifier: GPL-2.0
/* seq_printf and friends: format, then hand the bytes to the file's reader (linux/seq_file.h). */
#include <stdarg.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/seq_file.h>

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (len)
		m->write(m, data, len);
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	char buf[SEQ_PRINTF_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	seq_write(m, buf, n);
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}
