/* SPDX-License-Identifier: GPL-2.0 */
/*
 * crashkernel= (boot/crash_core.c, Linux's kernel/crash_core.c): the command line's syntax,
 * and the ranges the arch reserved for a kdump kernel (arch/arm64/mm/init.c).
 */
#ifndef _BOOTMEM_LINUX_CRASH_CORE_H
#define _BOOTMEM_LINUX_CRASH_CORE_H

#include <linux/types.h>
#include <linux/ioport.h>

/*
 * crashkernel=SIZE[@OFFSET], crashkernel=RANGE:SIZE[,RANGE:SIZE...][@OFFSET] (RANGE is
 * START-[END], matched against @system_ram rounded up to 128 MiB), and the ,high / ,low
 * forms. The last crashkernel= of that kind on @cmdline counts. 0 and *crash_size (0: none),
 * -ENOENT without one, -EINVAL (with Linux's message) for bad syntax.
 */
int parse_crashkernel(char *cmdline, unsigned long long system_ram,
		      unsigned long long *crash_size, unsigned long long *crash_base);
int parse_crashkernel_high(char *cmdline, unsigned long long system_ram,
			   unsigned long long *crash_size, unsigned long long *crash_base);
int parse_crashkernel_low(char *cmdline, unsigned long long system_ram,
			  unsigned long long *crash_size, unsigned long long *crash_base);

/* 6.12: the ,low part a ,high (or fallen-back) crash kernel gets when none is given. */
#define DEFAULT_CRASH_KERNEL_LOW_SIZE	(128ULL << 20)
/*
 * 6.12's parse_crashkernel(): every form at once; *high set for X,high (with *low_size).
 * 0, or -EINVAL (also for no size, or one at or above @system_ram).
 */
int parse_crashkernel_generic(char *cmdline, unsigned long long system_ram,
			      unsigned long long *crash_size, unsigned long long *crash_base,
			      unsigned long long *low_size, bool *high);

/* The reservations made (end 0: none), as Linux's resources "Crash kernel". */
extern struct resource crashk_res;
extern struct resource crashk_low_res;

#endif
