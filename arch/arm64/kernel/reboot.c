// SPDX-License-Identifier: GPL-2.0
/*
 * Stopping the machine: PSCI SYSTEM_OFF (hvc or smc, from the DT's /psci node) on QEMU virt,
 * the BCM2835 watchdog on a Raspberry Pi (QEMU run with -no-reboot then exits), else halt.
 */
#include <linux/kernel.h>
#include <linux/io.h>
#include <libfdt.h>
#include <asm/barrier.h>
#include <asm/pgtable.h>
#include <asm/fixmap.h>
#include <asm/exception.h>
#include <asm/setup.h>
#include <linux/reboot.h>

#define PSCI_0_2_FN_SYSTEM_OFF	0x84000008UL
#define PSCI_0_2_FN_PSCI_VERSION 0x84000000UL
#define PM_PASSWORD		0x5a000000
#define PM_RSTC			0x1c
#define PM_WDOG			0x24
#define PM_RSTC_WRCFG_FULL_RESET 0x20

enum psci_conduit { CONDUIT_NONE, CONDUIT_HVC, CONDUIT_SMC };
static enum psci_conduit psci_conduit;
static phys_addr_t bcm2835_pm_base;

void arm64_set_psci_conduit(const char *method)
{
	if (!strcmp(method, "hvc"))
		psci_conduit = CONDUIT_HVC;
	else if (!strcmp(method, "smc"))
		psci_conduit = CONDUIT_SMC;
	else
		bm_warn("psci: /psci method \"%s\" is neither hvc nor smc: no PSCI power-off\n",
			method);
}

void arm64_set_bcm2835_pm(phys_addr_t base)
{
	bcm2835_pm_base = base;
}

static unsigned long psci_call(unsigned long fn)
{
	register unsigned long x0 __asm__("x0") = fn;
	register unsigned long x1 __asm__("x1") = 0;
	register unsigned long x2 __asm__("x2") = 0;
	register unsigned long x3 __asm__("x3") = 0;

	if (psci_conduit == CONDUIT_HVC)
		__asm__ __volatile__("hvc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3) : "memory");
	else
		__asm__ __volatile__("smc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3) : "memory");
	return x0;
}

/* Returns false if the watchdog is not there (e.g. a Pi 4 DT on QEMU's raspi3b). */
static bool bcm2835_wdt_reset(void)
{
	void __iomem *pm = (void __iomem *)set_fixmap_offset(FIX_TEXT_POKE0, bcm2835_pm_base,
							    FIXMAP_PAGE_IO);

	/* The exception handler changes the flags behind the compiler's back: barriers. */
	WRITE_ONCE(arm64_mmio_probe_faulted, false);
	WRITE_ONCE(arm64_mmio_probing, true);
	barrier();
	writel(PM_PASSWORD | 10, (char *)pm + PM_WDOG);
	barrier();
	if (!READ_ONCE(arm64_mmio_probe_faulted))
		writel(PM_PASSWORD | PM_RSTC_WRCFG_FULL_RESET, (char *)pm + PM_RSTC);
	barrier();
	WRITE_ONCE(arm64_mmio_probing, false);
	if (READ_ONCE(arm64_mmio_probe_faulted))
		printk(KERN_EMERG "bootmem: reboot: the watchdog at %pa does not answer (not on this machine)\n",
			 &bcm2835_pm_base);
	return !READ_ONCE(arm64_mmio_probe_faulted);
}

static void __noreturn halt_forever(void)
{
	for (;;) {
		__asm__ __volatile__("msr daifset, #0xf");
		wfi();
	}
}

void machine_power_off(void)
{
	if (psci_conduit != CONDUIT_NONE) {
		psci_call(PSCI_0_2_FN_SYSTEM_OFF);
		printk(KERN_EMERG "bootmem: reboot: PSCI SYSTEM_OFF returned\n");
	} else if (bcm2835_pm_base) {
		bm_notice("reboot: no PSCI; resetting through the BCM2835 watchdog\n");
		/* The watchdog fires after 10 ticks (~150 us); wait for it. */
		if (bcm2835_wdt_reset())
			for (volatile int i = 0; i < 10000000; i++)
				;
	}
	printk(KERN_EMERG "bootmem: reboot: System halted\n");
	halt_forever();
}

void arch_panic_halt(const char *msg)
{
	halt_forever();
}
