/* SPDX-License-Identifier: GPL-2.0 */
/* System-register values the boot code programs: SCTLR, TCR, MAIR, HCR, SPSR. */
#ifndef _ASM_SYSREG_H
#define _ASM_SYSREG_H

#ifdef __ASSEMBLY__
#define UL(x)		x
#else
#define UL(x)		x##UL
#endif

/* SCTLR_EL1: RES1 bits of ARMv8.0 plus M (MMU), C (D-cache), SA (SP alignment), I (I-cache). */
#define SCTLR_EL1_RES1		0x30d00800
#define SCTLR_EL1_MMU_OFF	SCTLR_EL1_RES1
#define SCTLR_EL1_MMU_ON	(SCTLR_EL1_RES1 | (1 << 0) | (1 << 2) | (1 << 3) | (1 << 12))

/* MAIR_EL1 attribute indices, as Linux 6.1 (MT_NORMAL ... MT_DEVICE_nGnRE). */
#define MAIR_EL1_SET		UL(0x000000040044ffff)

/*
 * TCR_EL1: both halves 48-bit VA with the 4 KiB granule, 47-bit with 16 KiB (T0SZ/T1SZ is
 * 64 - VA bits); inner-shareable write-back walks. IPS added at runtime.
 */
#ifdef CONFIG_ARM64_16K_PAGES
#define TCR_T0SZ		(UL(17) << 0)
#define TCR_T1SZ		(UL(17) << 16)
#define TCR_TG0			(UL(2) << 14)	/* TG0 0b10: 16 KiB */
#define TCR_TG1			(UL(1) << 30)	/* TG1 0b01: 16 KiB */
#else
#define TCR_T0SZ		(UL(16) << 0)
#define TCR_T1SZ		(UL(16) << 16)
#define TCR_TG0			(UL(0) << 14)	/* TG0 0b00: 4 KiB */
#define TCR_TG1			(UL(2) << 30)	/* TG1 0b10: 4 KiB */
#endif
#define TCR_IRGN_WBWA		((UL(1) << 8) | (UL(1) << 24))
#define TCR_ORGN_WBWA		((UL(1) << 10) | (UL(1) << 26))
#define TCR_SHARED		((UL(3) << 12) | (UL(3) << 28))
#define TCR_EL1_SET		(TCR_T0SZ | TCR_T1SZ | TCR_IRGN_WBWA | TCR_ORGN_WBWA | \
				 TCR_SHARED | TCR_TG0 | TCR_TG1)
#define TCR_IPS_SHIFT		32
#define TCR_EPD0		(UL(1) << 7)	/* no walks through TTBR0 */

/* HCR_EL2.RW: EL1 is AArch64. */
#define HCR_EL2_RW		(UL(1) << 31)
/* SCR_EL3: NS, SMD off, HCE, RW (lower ELs AArch64), RES1 bits 4-5. */
#define SCR_EL3_VAL		((1 << 0) | (3 << 4) | (1 << 8) | (1 << 10))
/* SPSR for an exception return to ELxh with D, A, I, F masked. */
#define SPSR_EL1H_MASKED	0x3c5
#define SPSR_EL2H_MASKED	0x3c9
/* CPTR_EL2 with nothing trapped (TFP = 0), RES1 bits. */
#define CPTR_EL2_NOTRAP		0x33ff
/* CNTHCTL_EL2: EL1 may read the physical counter and timer. */
#define CNTHCTL_EL2_EL1PC	0x3
/* CPACR_EL1.FPEN = 0b11: FP/SIMD usable at EL1 (Debian's libfdt uses it). */
#define CPACR_EL1_FPEN		(3 << 20)

#endif
