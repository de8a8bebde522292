/* SPDX-License-Identifier: GPL-2.0 */
/* Host test harness: simulated physical memory, captured console, panics caught as test events. */
#ifndef _HOST_HARNESS_H
#define _HOST_HARNESS_H

#include <setjmp.h>
#include <linux/types.h>

/* Everything printk printed since the last console_capture_reset(). */
const char *console_capture(void);
void console_capture_reset(void);
/* The captured output without printk's "[    0.000000] " prefixes (Linux's report lines). */
const char *console_text(void);
/* Nonzero if the captured console output contains @needle. */
int console_contains(const char *needle);

/*
 * Run fn(arg); returns 1 if it called panic() (the message is in panic_message()),
 * 0 if it returned normally.
 */
int run_expect_panic(void (*fn)(void *), void *arg);
const char *panic_message(void);

/* What local_clock() returns (printk timestamps), in nanoseconds; 0 by default. */
extern u64 host_clock_ns;

/*
 * Every linked module's host_reset function (include/linux/init.h): all boot state back to
 * what a fresh boot finds; the console capture emptied. host_boot() starts with it.
 */
void host_reset_boot_state(void);

/*
 * The whole of file @path, NUL-terminated, 8-byte aligned (a DTB can be read in place), @len
 * its size if not NULL; free() it. NULL if it cannot be opened; a short read stops the test
 * program with the path named.
 */
void *harness_read_file(const char *path, size_t *len);

/* Zero the simulated physical pages of [base, base + size) (releases host memory). */
void sim_discard(phys_addr_t base, phys_addr_t size);

#endif
