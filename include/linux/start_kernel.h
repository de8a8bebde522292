/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The boot sequence after head.S (boot/main.c): start_kernel runs setup_arch and the memory
 * bring-up, then hands over to the arch for the rest. One sequence for the kernel and the
 * host build (tests, bootmem-layout, the fuzzer).
 */
#ifndef _BOOTMEM_LINUX_START_KERNEL_H
#define _BOOTMEM_LINUX_START_KERNEL_H

#include <linux/compiler.h>

/* Returns only on the host (whose arch_call_rest_init returns). */
void start_kernel(void);

/*
 * After the buddy allocator is up: the kernel's is rest_init() (self-tests, then power-off or
 * the monitor, never returning); the host's runs the late reports and returns.
 */
void arch_call_rest_init(void);
void __noreturn rest_init(void);

/* The buddy hand-off and watermarks (Linux 6.1's mm_init; the zonelists are built before). */
void mm_core_init(void);
/*
 * The early initcalls bootmem has (Linux's do_pre_smp_initcalls(), from kernel_init): after
 * "Memory:" in 6.1, before it in 6.12.
 */
void do_pre_smp_initcalls(void);
/* The command line's requests once memory is up: self-tests, ptdump, buddyinfo, zoneinfo. */
void late_boot_actions(void);
/* test_fault=null|nomap|stack|undef: the deliberate fault asked for, if any (kernel only). */
void run_test_fault(void);
/* The interactive monitor on the console (boot/monitor.c). */
void __noreturn monitor_run(void);
/* The monitor's "free PFN ORDER" (its arguments), for the host tests too. */
void monitor_cmd_free(char *args);

#endif
