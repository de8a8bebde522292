// SPDX-License-Identifier: GPL-2.0
/*
 * The initrd's location from the command line (Linux's init/do_mounts_initrd.c):
 * initrd=START,SIZE and initrdmem=START,SIZE. /chosen's properties are read in boot/fdt.c.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/initrd.h>

phys_addr_t phys_initrd_start;
unsigned long phys_initrd_size;

static int __init early_initrdmem(char *p)
{
	phys_addr_t start;
	unsigned long size;
	char *endp;

	if (!p)
		return 1;
	start = memparse(p, &endp);
	if (*endp != ',') {
		/* Linux ignores it without a word: the /chosen initrd (if any) stays. */
		bm_warn("initrd=%s: not START,SIZE; ignored, as Linux does\n", p);
		return 0;
	}
	size = memparse(endp + 1, NULL);
	phys_initrd_start = start;
	phys_initrd_size = size;
	return 0;
}
early_param("initrdmem", early_initrdmem);

static int __init early_initrd(char *p)
{
	return early_initrdmem(p);
}
early_param("initrd", early_initrd);

static void initrd_reset(void)
{
	phys_initrd_start = 0;
	phys_initrd_size = 0;
}
host_reset(initrd_reset);
