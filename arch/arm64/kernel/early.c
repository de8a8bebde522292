// SPDX-License-Identifier: GPL-2.0
/*
 * The machine under the boot sequence (kernel only): head.S's C entry, and the hooks of
 * asm/setup.h that need system registers, the fixmap or the MMU. The host build has its own.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/of_fdt.h>
#include <linux/serial.h>
#include <linux/start_kernel.h>
#include <linux/stackprotector.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/fixmap.h>
#include <asm/sections.h>
#include <asm/barrier.h>
#include <asm/sysreg.h>
#include <asm/setup.h>
#include <asm/image.h>

u64 kimage_voffset;

/* An all-invalid table for TTBR1 while it changes, and for TTBR0 after boot. */
static u64 reserved_pg_dir[PTRS_PER_TABLE] __aligned(PAGE_SIZE);

u64 read_cpuid_id(void)
{
	return read_sysreg(midr_el1);
}

u64 read_cpuid_mpidr(void)
{
	return read_sysreg(mpidr_el1);
}

void *early_fdt_map(phys_addr_t dt_phys, size_t *mapped)
{
	int size = 0;
	void *virt = fixmap_remap_fdt(dt_phys, &size, PAGE_KERNEL_RO);

	/* fixmap_remap_fdt maps the whole blob (at most MAX_FDT_SIZE) or fails. */
	*mapped = virt ? MAX_FDT_SIZE : (size_t)size;
	return virt;
}

void __iomem *earlycon_map(int n, phys_addr_t phys)
{
	/* A second console UART gets a fixmap slot Linux reserves for a feature bootmem lacks. */
	enum fixed_addresses slot = n ? FIX_APEI_GHES_IRQ : FIX_EARLYCON_MEM_BASE;

	return (void __iomem *)set_fixmap_offset(slot, phys, FIXMAP_PAGE_IO);
}

/*
 * The stack protector's canary: from the DTB's rng-seed / kaslr-seed when the boot loader
 * gave one (QEMU does), else from the counter. start_kernel calls it once the DT is read;
 * no function on the stack then returns (start_kernel never does).
 */
void __no_stack_protector boot_init_stack_canary(void)
{
	u64 seed = read_sysreg(cntvct_el0) * 0x9e3779b97f4a7c15ULL;
	int i;

	for (i = 0; i < dt_rng_seed_len; i++)
		seed = (seed ^ dt_rng_seed[i]) * 0x100000001b3ULL;
	if (dt_has_kaslr_seed)
		seed ^= dt_kaslr_seed;
	/* Linux keeps a zero byte in the canary so that string overflows stop at it. */
	__stack_chk_guard = seed & ~0xffUL;
}

void cpu_replace_ttbr1(pgd_t *pgdp)
{
	void (*replace)(phys_addr_t, phys_addr_t);

	/* Call the idmap copy: TTBR1 (where we run) is briefly invalid during the switch. */
	replace = (void *)__pa_symbol(idmap_cpu_replace_ttbr1);
	dsb(ishst);
	replace(__pa_symbol(pgdp), __pa_symbol(reserved_pg_dir));
	/* From here table pages are reached through the linear map. */
	pgtable_set_accessor(NULL);
}

/* After boot nothing is left in TTBR0: a NULL dereference is a translation fault. */
void cpu_uninstall_idmap(void)
{
	write_sysreg(__pa_symbol(reserved_pg_dir), ttbr0_el1);
	write_sysreg(read_sysreg(tcr_el1) | TCR_EPD0, tcr_el1);
	isb();
	flush_tlb_all();
}

static void fixmap_sync(void)
{
	dsb(ishst);
	isb();
}

/* The fixmap code is portable; the barriers and TLB maintenance it needs are ours. */
static const struct fixmap_ops arm64_fixmap_ops = {
	.sync = fixmap_sync,
	.flush_tlb = local_flush_tlb_kernel_page,
};

/* After the memory bring-up: the kernel's rest (self-tests, power-off or the monitor). */
void arch_call_rest_init(void)
{
	rest_init();
}

/* Called by head.S with the MMU on, at the image's virtual address, on init_stack. */
void __noreturn early_entry(phys_addr_t dtb, int entry_el, u64 cnt0, u64 image_pa)
{
	__fdt_pointer = dtb;
	boot_entry_el = entry_el;
	boot_cntvct = cnt0;
	boot_image_pa = image_pa;
	boot_image_size = (u64)(_end - _text);
	fixmap_set_ops(&arm64_fixmap_ops);
	early_fixmap_init((pgd_t *)init_pg_dir);
	/* Until paging_init has built the linear map, table pages are reached via the fixmap. */
	pgtable_set_accessor(&pgtable_fixmap_accessor);
	start_kernel();
	panic("start_kernel returned");
}
