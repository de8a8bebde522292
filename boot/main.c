// SPDX-License-Identifier: GPL-2.0
/*
 * start_kernel: the generic boot flow after head.S, in Linux's order for memory:
 * setup_arch (memblock, paging, nodes and zones), zonelists, the command line, mem_init (the
 * buddy hand-off and the "Memory:" line), then the arch's rest (self-tests and the monitor or
 * power-off).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/reboot.h>
#include <linux/mm.h>
#include <linux/start_kernel.h>
#include <linux/memblock.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <linux/version.h>
#include <linux/efi_init.h>
#include <asm/setup.h>

static bool want_poweroff;

static int __init early_poweroff(char *val)
{
	want_poweroff = true;
	return 0;
}
early_param("poweroff", early_poweroff);

/*
 * Linux's setup_command_line(): saved_command_line and static_command_line, each the
 * command line and its NUL (no bootconfig here). Inlined, so memblock=debug names
 * start_kernel, as Linux's does.
 */
static __always_inline void setup_command_line(void)
{
	size_t len = strlen(boot_command_line) + 1;
	int i;

	for (i = 0; i < 2; i++)
		if (!memblock_alloc(len, SMP_CACHE_BYTES))
			panic("%s: Failed to allocate %zu bytes\n", "setup_command_line", len);
}

void do_pre_smp_initcalls(void)
{
	arm_enable_runtime_services();		/* early_initcall */
}

/*
 * The initcalls bootmem has. Linux runs them later, from kernel_init(), but nothing else
 * happens in between here: memblock.reserved is what Linux's arch_initcall would see.
 */
static void do_initcalls(void)
{
	/* 6.12 ran the early ones before its "Memory:", in mm_core_init() */
	if (!linux_since(6, 12))
		do_pre_smp_initcalls();
	reserve_memblock_reserved_regions();	/* arch_initcall: /proc/iomem's reserved */
}

/* Seeds the stack canary, so this frame must not check one (it never returns in the kernel). */
void __no_stack_protector start_kernel(void)
{
	smp_setup_processor_id();
	/* The banner waits for /chosen, which says which Linux to follow (linux_version_setup). */
	setup_arch();
	boot_init_stack_canary();
	setup_command_line();
	setup_nr_cpu_ids();
	setup_per_cpu_areas();
	/* Linux's order (6.1 and 6.12): the zonelists, then the command line, then mm_init. */
	build_all_zonelists();
	page_alloc_init();
	print_kernel_command_line();
	parse_boot_args();
	vfs_caches_init_early();
	mm_core_init();
	do_initcalls();
	arch_call_rest_init();
}

/* The kernel's rest: the command line's late requests, then power off or the monitor. */
void __noreturn rest_init(void)
{
	late_boot_actions();
	run_test_fault();
	if (want_poweroff) {
		pr_info("reboot: Power down\n");
		machine_power_off();
	}
	monitor_run();
}

static void main_reset(void)
{
	want_poweroff = false;
}
host_reset(main_reset);
