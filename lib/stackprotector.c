// SPDX-License-Identifier: GPL-2.0
/*
 * -fstack-protector support for the kernel build (libfdt.a is built with it too): the canary
 * and its failure handler. The host gets both from glibc.
 */
#include <linux/kernel.h>
#include <linux/stackprotector.h>

#ifndef BOOTMEM_HOST

/*
 * A fixed canary: there is no entropy this early. Arch code may store a better value before
 * the first protected function that will return.
 */
unsigned long __stack_chk_guard = 0x2f8e6c9b5d3a1047UL;

void __stack_chk_fail(void)
{
	panic("stack-protector: Kernel stack is corrupted in: %pS",
	      __builtin_return_address(0));
}

#endif
