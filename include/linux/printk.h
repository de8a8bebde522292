/* SPDX-License-Identifier: GPL-2.0 */
/* printk and the pr_* helpers, with Linux's log levels and message prefixes. */
#ifndef _BOOTMEM_LINUX_PRINTK_H
#define _BOOTMEM_LINUX_PRINTK_H

#include <stdarg.h>
#include <linux/compiler.h>

#include <linux/types.h>

/* Linux's defaults (Debian: CONFIG_MESSAGE_LOGLEVEL_DEFAULT=4, CONSOLE_LOGLEVEL_DEFAULT=7). */
#define MESSAGE_LOGLEVEL_DEFAULT	4
#define CONSOLE_LOGLEVEL_DEFAULT	7
#define CONSOLE_LOGLEVEL_MOTORMOUTH	15
#define LOGLEVEL_DEFAULT		(-1)

/* Messages with a level below this reach the consoles (loglevel=, ignore_loglevel). */
extern int console_loglevel;
extern bool ignore_loglevel;

/* Print everything from now on (Linux's console_verbose(), used by panic paths). */
void console_verbose(void);
/* panic(): let printk reach the consoles even from inside a console's write(). */
void bust_spinlocks(int yes);

/* Nanoseconds since boot for the "[%5lu.%06lu] " prefix: arch timer code, or the host harness. */
u64 local_clock(void);

/*
 * Replays the whole log buffer, formatted as a console shows it (timestamps, levels filtered
 * by the current console_loglevel unless @all), through @emit.
 */
/* Linux prints a backtrace in panic(); arch code provides it (default: nothing). */
void dump_stack(void);

void log_buf_dump(void (*emit)(const char *s, unsigned int n), bool all);
/* Bytes of message text held in the log buffer, and how many messages were dropped from it. */
unsigned long log_buf_len_used(void);
unsigned long log_buf_dropped(void);

#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_DEFAULT	""
#define KERN_CONT	KERN_SOH "c"

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list args);

#define pr_emerg(fmt, ...)	printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...)	printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...)	printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)
/*
 * bootmem's own diagnostics, for input Linux accepts silently or mishandles: they carry a
 * "bootmem: " prefix of their own, so they never mix with the Linux lines users compare.
 */
#define bm_err(fmt, ...)	printk(KERN_ERR "bootmem: " fmt, ##__VA_ARGS__)
#define bm_warn(fmt, ...)	printk(KERN_WARNING "bootmem: " fmt, ##__VA_ARGS__)
#define bm_notice(fmt, ...)	printk(KERN_NOTICE "bootmem: " fmt, ##__VA_ARGS__)
#define bm_info(fmt, ...)	printk(KERN_INFO "bootmem: " fmt, ##__VA_ARGS__)
/* Linux's pr_debug is compiled out without DEBUG/dynamic debug; so is ours. */
#define pr_debug(fmt, ...)	do { if (0) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__); } while (0)

#endif
