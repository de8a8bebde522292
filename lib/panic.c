// SPDX-License-Identifier: GPL-2.0
/* panic(): Linux's "Kernel panic - not syncing" report, then the arch halts the machine. */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/printk.h>
#include <linux/serial.h>

/* Linux prints a backtrace here; arch code overrides this default that has none. */
__attribute__((weak)) void dump_stack(void)
{
}

/* boot/console.c gives the log a console if none is up yet; builds without it have none. */
__attribute__((weak)) void console_emergency(void)
{
}

static bool in_panic;

void panic(const char *fmt, ...)
{
	static char buf[1024];
	va_list args;
	int len;

	/*
	 * A panic while printing the panic (say, from a console driver): printing again would
	 * only recurse, so stop with whatever message we have.
	 */
	if (in_panic) {
		in_panic = false;
		bust_spinlocks(1);
		arch_panic_halt(buf);
	}
	in_panic = true;

	console_verbose();
	bust_spinlocks(1);
	console_emergency();
	va_start(args, fmt);
	len = vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = '\0';

	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	dump_stack();
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);

	/* The host harness returns from here by longjmp; the next panic is not a recursion. */
	in_panic = false;
	arch_panic_halt(buf);
}

static void panic_reset(void)
{
	in_panic = false;
}
host_reset(panic_reset);
