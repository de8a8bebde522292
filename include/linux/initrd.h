/* SPDX-License-Identifier: GPL-2.0 */
/* The initial ramdisk the boot loader handed over (boot/initrd.c, Linux's init/do_mounts_initrd.c). */
#ifndef _BOOTMEM_LINUX_INITRD_H
#define _BOOTMEM_LINUX_INITRD_H

#include <linux/types.h>

/*
 * Where it is: /chosen/linux,initrd-start and -end (early_init_dt_check_for_initrd), or
 * initrd=/initrdmem=START,SIZE on the command line, which wins (it is parsed later).
 * arm64_memblock_init reserves it, or clears the size when the linear map cannot reach it.
 */
extern phys_addr_t phys_initrd_start;
extern unsigned long phys_initrd_size;

#endif
