/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The writing half of Linux's seq_file: the show functions of /proc and debugfs files print
 * through it, and whoever reads the file (the monitor's cat, a host test) says where it goes.
 */
#ifndef _BOOTMEM_LINUX_SEQ_FILE_H
#define _BOOTMEM_LINUX_SEQ_FILE_H

#include <linux/types.h>
#include <linux/compiler.h>

/*
 * @write receives the file's bytes in order, in pieces of any size (no NUL added);
 * @private is the reader's. Linux buffers a page at a time and reads it out; here the
 * bytes go straight to the reader.
 */
struct seq_file {
	void (*write)(struct seq_file *m, const char *buf, size_t len);
	void *private;
};

/* One seq_printf() is formatted in a buffer of this size; longer output is cut there. */
#define SEQ_PRINTF_MAX	512

void seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);

#endif
