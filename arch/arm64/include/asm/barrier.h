/* SPDX-License-Identifier: GPL-2.0 */
/* Barriers, TLB and cache maintenance used while page tables change. */
#ifndef _ASM_BARRIER_H
#define _ASM_BARRIER_H

#define isb()		__asm__ __volatile__("isb" ::: "memory")
#define dsb(opt)	__asm__ __volatile__("dsb " #opt ::: "memory")
#define dmb(opt)	__asm__ __volatile__("dmb " #opt ::: "memory")
#define wfe()		__asm__ __volatile__("wfe")
#define wfi()		__asm__ __volatile__("wfi")

#define read_sysreg(r) ({ unsigned long _v; __asm__ __volatile__("mrs %0, " #r : "=r"(_v)); _v; })
#define write_sysreg(v, r) __asm__ __volatile__("msr " #r ", %0" :: "r"((unsigned long)(v)) : "memory")

static inline void local_flush_tlb_kernel_page(unsigned long va)
{
	dsb(ishst);
	__asm__ __volatile__("tlbi vaale1is, %0" :: "r"(va >> 12) : "memory");
	dsb(ish);
	isb();
}

static inline void flush_tlb_all(void)
{
	dsb(ishst);
	__asm__ __volatile__("tlbi vmalle1is" ::: "memory");
	dsb(ish);
	isb();
}

#endif
