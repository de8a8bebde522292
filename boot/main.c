// SPDX-License-Identifier: GPL-2.0
/*
 * start_kernel: the generic boot flow after head.S, in Linux 6.1's order for memory:
 * setup_arch (memblock, paging, nodes and zones), zonelists, mem_init (the buddy hand-off
 * and the "Memory:" line), then self-tests and the monitor or power-off.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>

void setup_arch(void);
void mm_core_init(void);
void machine_power_off(void);
void late_boot_actions(void);
void monitor_run(void);

static bool want_poweroff;

static int __init early_poweroff(char *val)
{
	want_poweroff = true;
	return 0;
}
early_param("poweroff", early_poweroff);

void __noreturn start_kernel(void)
{
	setup_arch();
	print_kernel_command_line();
	parse_boot_args();
	mm_core_init();
	late_boot_actions();
	if (want_poweroff) {
		pr_info("reboot: Power down\n");
		machine_power_off();
	}
	monitor_run();
	panic("the monitor returned");
}
