/* SPDX-License-Identifier: GPL-2.0 */
/* host_reset_boot_state(): all boot state back to what a fresh boot finds (boot_reset.c). */
#ifndef _HOST_BOOT_RESET_H
#define _HOST_BOOT_RESET_H

void host_reset_boot_state(void);

#endif
