/* SPDX-License-Identifier: GPL-2.0 */
/* Stopping the machine (the kernel's arch/arm64/kernel/reboot.c). */
#ifndef _BOOTMEM_LINUX_REBOOT_H
#define _BOOTMEM_LINUX_REBOOT_H

#include <linux/compiler.h>

/* PSCI SYSTEM_OFF, else the BCM2835 watchdog, else halt: never returns. */
void __noreturn machine_power_off(void);

#endif
