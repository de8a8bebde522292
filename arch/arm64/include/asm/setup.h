/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What head.S hands over, and the machine services the one boot sequence (setup_arch,
 * paging_init, the console) asks for. The kernel's are in arch/arm64/kernel/early.c; the
 * host build (tests, bootmem-layout, the fuzzer) provides its own in tests/host/host_boot.c.
 */
#ifndef _ASM_SETUP_H
#define _ASM_SETUP_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/pgtable.h>

/* Set by early_entry from head.S's registers before start_kernel runs. */
extern phys_addr_t __fdt_pointer;	/* x0 at entry: the DTB's physical address */
extern int boot_entry_el;		/* the exception level the boot loader entered us at */
extern u64 boot_image_pa;		/* where the Image was loaded (physical) */
extern const char *machine_model;	/* the DT's /model, or "unknown" */
extern u64 boot_cntvct;			/* the virtual counter at entry: local_clock()'s zero */

/* head.S's C entry, with the MMU on (arch/arm64/kernel/early.c; kernel only). */
void __noreturn early_entry(phys_addr_t dtb, int entry_el, u64 cnt0, u64 image_pa);
/* head.S, .idmap.text: switches TTBR1 with the MMU still on, run at its physical address. */
void idmap_cpu_replace_ttbr1(phys_addr_t new_ttbr1, phys_addr_t reserved);

/*
 * Linux's early_fdt_map(): the blob at @dt_phys where the CPU can read it, and how many
 * bytes of it are readable in *@mapped (the kernel maps it through the fixmap). NULL when
 * @dt_phys is 0, misaligned, or holds no usable FDT header (then *@mapped is the header's
 * totalsize if one was read, else 0); the caller says why.
 */
void *early_fdt_map(phys_addr_t dt_phys, size_t *mapped);

/* The DT's /psci method or BCM2835 watchdog, for machine_power_off (arch/arm64/kernel/reboot.c). */
void arm64_set_psci_conduit(const char *method);
void arm64_set_bcm2835_pm(phys_addr_t base);

/* Seeds the stack-protector canary from the DT's rng-seed / kaslr-seed (start_kernel). */
void boot_init_stack_canary(void);

/* The CPU's MIDR_EL1 and MPIDR_EL1, for the banner and the fallback console. */
u64 read_cpuid_id(void);
u64 read_cpuid_mpidr(void);

/*
 * paging_init's switch to swapper_pg_dir: break-before-make through the idmap (Linux's
 * cpu_replace_ttbr1), then TTBR0 off (cpu_uninstall_idmap). No-ops on the host.
 */
void cpu_replace_ttbr1(pgd_t *pgdp);
void cpu_uninstall_idmap(void);

/* setup_arch()'s steps, in Linux 6.1 arm64's order (arch/arm64/kernel/setup.c). */
void setup_machine_fdt(phys_addr_t dt_phys);
void psci_dt_init(void);
void smp_setup_processor_id(void);
/* After bootmem_init: /proc/iomem's System RAM, NOMAP "reserved" and kernel entries. */
void request_standard_resources(void);
/* An arch_initcall in Linux (start_kernel's initcalls here): /proc/iomem's reserved children. */
int reserve_memblock_reserved_regions(void);

#endif
