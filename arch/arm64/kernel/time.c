// SPDX-License-Identifier: GPL-2.0
/* local_clock() from the generic timer: nanoseconds since the kernel was entered. */
#include <linux/kernel.h>
#include <asm/barrier.h>
#include <asm/setup.h>

u64 boot_cntvct;

static u64 cntfrq(void)
{
	u64 f = read_sysreg(cntfrq_el0);

	/* Firmware must program CNTFRQ; guard against a zero so printk never divides by 0. */
	return f ? f : 62500000;
}

static u64 arch_counter_read(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

u64 local_clock(void)
{
	u64 f = cntfrq();
	u64 t = arch_counter_read() - boot_cntvct;

	return (t / f) * 1000000000ULL + (t % f) * 1000000000ULL / f;
}
