/* SPDX-License-Identifier: GPL-2.0 */
/* Boot command line parameters, as Linux's early_param()/__setup() (boot/params.c). */
#ifndef _BOOTMEM_LINUX_INIT_H
#define _BOOTMEM_LINUX_INIT_H

#include <linux/types.h>
#include <linux/compiler.h>

#define COMMAND_LINE_SIZE	2048

struct obs_kernel_param {
	const char *str;
	int (*setup_func)(char *);
	int early;
};

/*
 * Every parameter lands in the "early_params" section: a C identifier, so GNU ld defines
 * __start_early_params/__stop_early_params on the host; linker.ld KEEPs it for the kernel.
 * Sanitizers leave globals in named sections alone, so the array stays dense.
 */
#define __setup_param(str, unique_id, fn, early)				\
	static const char __setup_str_##unique_id[] = str;			\
	static const struct obs_kernel_param __setup_##unique_id		\
		__used __section("early_params") __aligned(8) =			\
		{ __setup_str_##unique_id, fn, early }

/* The section's bounds (linker.ld for the kernel, GNU ld itself on the host). */
extern const struct obs_kernel_param __start_early_params[] __attribute__((weak));
extern const struct obs_kernel_param __stop_early_params[] __attribute__((weak));

/*
 * early_param("mem", fn): fn gets the text after "mem=", or NULL for a bare "mem".
 * Nonzero return prints "Malformed early option 'mem'". Runs from parse_early_param().
 */
#define early_param(str, fn)	__setup_param(str, fn, fn, 1)

/*
 * __setup("foo=", fn): a later parameter (Linux's obsolete_checksetup rules: prefix match,
 * fn gets the rest of the word, returns 1 when it handled it). Runs from parse_boot_args().
 */
#define __setup(str, fn)	__setup_param(str, fn, fn, 0)

/*
 * host_reset(fn): the host build boots many times in one process (tests, the fuzzer), so a
 * module that keeps boot state names a function that puts it back as a fresh boot finds it
 * (tests/host/host_boot.c calls them all). The kernel boots once: there the function is an
 * unused static and is not built into the Image.
 */
#ifdef BOOTMEM_HOST
#define host_reset(fn)								\
	static void (*const __host_reset_##fn)(void)				\
		__used __section("host_resets") __aligned(8) = fn
#else
#define host_reset(fn)		static inline void __maybe_unused __host_reset_##fn(void) { fn(); }
#endif

/* The arch's part of start_kernel: DT, memblock, paging, nodes and zones (Linux's order). */
void setup_arch(void);

/* The command line as the bootloader gave it (/chosen/bootargs). */
extern char boot_command_line[COMMAND_LINE_SIZE];

/*
 * Copies @cmdline into boot_command_line (NULL: keep what is there) and runs every
 * early_param handler for it, in command line order (Linux's parse_early_param()).
 */
void parse_early_param(const char *cmdline);
/* Linux's parse_early_options(): runs early handlers over a writable string. */
void parse_early_options(char *cmdline);

/* pr_notice("Kernel command line: %s\n"), as start_kernel prints it. */
void print_kernel_command_line(void);

/*
 * Linux's "Booting kernel" pass of start_kernel: runs __setup handlers, then prints the words
 * nobody claimed: Unknown kernel command line parameters "foo bar", will be passed to user space.
 */
void parse_boot_args(void);

/* True if boot_command_line has parameter @name, bare ("name") or with a value ("name=..."). */
bool cmdline_has_word(const char *name);

/* lib/cmdline.c: Linux's parsing helpers. */
char *next_arg(char *args, char **param, char **val);
int get_option(char **str, int *pint);
bool parameqn(const char *a, const char *b, size_t n);
bool parameq(const char *a, const char *b);

#endif
