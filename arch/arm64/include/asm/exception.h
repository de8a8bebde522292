/* SPDX-License-Identifier: GPL-2.0 */
/* The exception entry's C side (arch/arm64/kernel/traps.c, called from entry.S). */
#ifndef _ASM_EXCEPTION_H
#define _ASM_EXCEPTION_H

#include <linux/types.h>
#include <asm/ptrace.h>

/* Every exception: decoded, reported as Linux does, then a panic (or a probed MMIO skip). */
void do_exception(struct pt_regs *regs, unsigned long kind, unsigned long group);

/*
 * Set around an MMIO access that may hit a device the machine lacks (the BCM2835 watchdog
 * on a raspi3b): an external abort there sets arm64_mmio_probe_faulted and is skipped.
 */
extern bool arm64_mmio_probing;
extern bool arm64_mmio_probe_faulted;

#endif
