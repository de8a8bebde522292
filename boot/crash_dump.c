// SPDX-License-Identifier: GPL-2.0
/*
 * A kdump kernel's ELF core header (Linux's kernel/crash_dump.c): elfcorehdr=[SIZE@]ADDR on
 * the command line; /chosen/linux,elfcorehdr is read by boot/fdt.c, which reserves it.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/crash_dump.h>

unsigned long long elfcorehdr_addr = ELFCORE_ADDR_MAX;
unsigned long long elfcorehdr_size;

static int __init setup_elfcorehdr(char *arg)
{
	char *end;

	if (!arg)
		return -EINVAL;
	elfcorehdr_addr = memparse(arg, &end);
	if (*end == '@') {
		elfcorehdr_size = elfcorehdr_addr;
		elfcorehdr_addr = memparse(end + 1, &end);
	}
	return end > arg ? 0 : -EINVAL;
}
early_param("elfcorehdr", setup_elfcorehdr);

static void crash_dump_reset(void)
{
	elfcorehdr_addr = ELFCORE_ADDR_MAX;
	elfcorehdr_size = 0;
}
host_reset(crash_dump_reset);
