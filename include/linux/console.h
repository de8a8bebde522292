/* SPDX-License-Identifier: GPL-2.0 */
/* Consoles that printk writes to (lib/printk.c): the early UART, the host test capture. */
#ifndef _BOOTMEM_LINUX_CONSOLE_H
#define _BOOTMEM_LINUX_CONSOLE_H

#define CON_BOOT	(1 << 0)	/* an early console: "bootconsole [...] enabled" */
#define CON_QUIET	(1 << 1)	/* do not announce the registration */
#define CON_PRINTBUFFER	(1 << 2)	/* a later console that also gets the log so far */

struct console {
	const char *name;	/* printed in "console [name] enabled" */
	void (*write)(struct console *con, const char *s, unsigned int n);
	unsigned long data;	/* the driver's own (e.g. the UART base) */
	struct console *next;
	unsigned int flags;	/* CON_* */
};

/* The registered consoles, in registration order. */
extern struct console *console_drivers;

/*
 * Adds @con. The first console registered first gets every message logged so far (Linux's
 * boot console replay); later ones see new messages only.
 */
void register_console(struct console *con);

/* Removes @con; 0, or -ENODEV if it was not registered. */
int unregister_console(struct console *con);

#endif
