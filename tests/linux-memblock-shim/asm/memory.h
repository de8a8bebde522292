/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim for Linux's memblock simulator: its "physical" addresses are host heap addresses,
 * so the linear map is the identity, as in the simulator's own stubs.
 */
#ifndef _SHIM_ASM_MEMORY_H
#define _SHIM_ASM_MEMORY_H

#include <linux/types.h>

#define __pa(x)			((phys_addr_t)(unsigned long)(x))
#define __va(x)			((void *)(unsigned long)(x))
#define virt_to_phys(x)		__pa(x)
#define phys_to_virt(x)		__va(x)

#endif
