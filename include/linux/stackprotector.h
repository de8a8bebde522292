/* SPDX-License-Identifier: GPL-2.0 */
/* -fstack-protector's canary and failure handler (lib/stackprotector.c, kernel build only). */
#ifndef _BOOTMEM_LINUX_STACKPROTECTOR_H
#define _BOOTMEM_LINUX_STACKPROTECTOR_H

#include <linux/compiler.h>

extern unsigned long __stack_chk_guard;
void __noreturn __stack_chk_fail(void);

#endif
