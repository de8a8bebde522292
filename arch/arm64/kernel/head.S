/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Image header and the first instructions: any EL to EL1, secondaries parked,
 * early page tables for the image, MMU on, then start_kernel at the image's virtual address.
 * Everything before the MMU is on is position independent (adr/adrp only).
 */
#include <asm/sysreg.h>
#include <asm/memory.h>
#include <asm/pgtable-hwdef.h>

#define PTE_TABLE	0x3
#define PTE_PAGE	0x3
#define PMD_BLOCK	0x1
/* AF | inner shareable | AttrIndx 0 (normal write-back): the early map is RWX on purpose. */
#define PTE_NORMAL_RWX	((1 << 10) | (3 << 8) | (0 << 2))

/*
 * The granule (asm/page-def.h): a table is a page of PAGE_SHIFT - 3 index bits. The image's
 * early map takes L3 tables of 2 MiB (4 KiB pages, four of them) or one of 32 MiB (16 KiB).
 */
#define EP_PAGE		(1 << PAGE_SHIFT)
#define EP_BITS		(PAGE_SHIFT - 3)
#if PGTABLE_LEVELS == 4
#define EP_L3_TABLES	4
#define IMAGE_FLAGS	0xa		/* LE, 4 KiB pages, placement anywhere */
#else
#define EP_L3_TABLES	1
#define IMAGE_FLAGS	0xc		/* LE, 16 KiB pages, placement anywhere */
#endif

#include "efi-header.S"

	.section ".head.text", "ax"
	.globl	_head
_head:
	efi_signature_nop			// code0: "MZ", a harmless instruction
	b	primary_entry			// code1
	.quad	0				// text_offset: 2 MiB-aligned base + 0
	.quad	_kernel_size_le			// image_size, bss included
	.quad	IMAGE_FLAGS			// flags: LE, the page size, placement anywhere
	.quad	0
	.quad	0
	.quad	0
	.ascii	"ARM\x64"			// magic
	.long	.Lpe_header_offset		// where the PE header is (0x40)

	__EFI_PE_HEADER

	/*
	 * The code starts in .text: the header page is no PE/COFF section, and a PE loader need
	 * not copy more of it than the headers (U-Boot's does not).
	 */
	.text
	.globl	primary_entry			// the EFI stub jumps here too
primary_entry:
	mov	x19, x0				// x19 = DTB physical address (boot protocol)
	mov	x20, x1
	mrs	x21, mpidr_el1
	ldr	x1, =0xff00ffffff
	and	x21, x21, x1			// affinity fields
	cbnz	x21, secondary_park		// only the CPU with affinity 0 runs the kernel
	mrs	x22, cntvct_el0			// boot timestamp origin (before EL changes)
	bl	el_to_el1
	mov	x21, x0				// x21 = exception level we were entered at
	mov	x0, #CPACR_EL1_FPEN
	msr	cpacr_el1, x0
	isb
	adrp	x25, _text			// x25 = physical address of the image
	bl	create_early_tables
	b	enable_mmu

/*
 * Secondaries must never run kernel C code: they sleep here forever. (On a Pi the firmware
 * keeps them in its spin table; on QEMU virt they are powered off until PSCI CPU_ON.)
 */
secondary_park:
	wfe
	b	secondary_park

/* Drop from EL3 or EL2 to EL1h; returns the entry EL in x0. */
el_to_el1:
	mov	x23, x30
	mrs	x24, CurrentEL
	lsr	x24, x24, #2			// x24 = the EL we were entered at
	cmp	x24, #3
	b.ne	2f
	/* EL3: make EL2 AArch64 non-secure, then continue at EL2. */
	mov	x1, #SCR_EL3_VAL
	msr	scr_el3, x1
	mov	x1, #SPSR_EL2H_MASKED
	msr	spsr_el3, x1
	adr	x1, 2f
	msr	elr_el3, x1
	eret
2:	mrs	x1, CurrentEL
	lsr	x1, x1, #2
	cmp	x1, #2
	b.ne	6f
	/* EL2: EL1 is AArch64, no FP traps, EL1 may use the counters. */
	mov	x1, #HCR_EL2_RW
	msr	hcr_el2, x1
	mov	x1, #CPTR_EL2_NOTRAP
	msr	cptr_el2, x1
	mov	x1, #CNTHCTL_EL2_EL1PC
	msr	cnthctl_el2, x1
	msr	cntvoff_el2, xzr
	msr	vttbr_el2, xzr
	ldr	x1, =SCTLR_EL1_MMU_OFF
	msr	sctlr_el1, x1
	mov	x1, #SPSR_EL1H_MASKED
	msr	spsr_el2, x1
	adr	x1, 6f
	msr	elr_el2, x1
	eret
6:	mov	x0, x24
	mov	x30, x23
	ret

/*
 * init_pg_dir (TTBR1): KIMAGE_VADDR.. -> the image's physical pages, in pages, so the image
 * may sit at any page-aligned address. idmap_pg_dir (TTBR0): the image identity-mapped with
 * PMD blocks (2 MiB, or 32 MiB with 16 KiB pages), only for the instructions around the MMU
 * switch. Four levels (L0 -> L1 -> L2 -> L3) with 4 KiB pages, three (L1 -> L2 -> L3) with 16.
 */
create_early_tables:
	/* Zero both table areas (they are NOLOAD, after bss). */
	adrp	x0, init_pg_dir
	adrp	x1, idmap_pg_end
1:	stp	xzr, xzr, [x0], #16
	cmp	x0, x1
	b.lo	1b

	/* TTBR1: the root -> (L1 ->) L2 -> up to EP_L3_TABLES L3 tables. */
	adrp	x0, init_pg_dir			// the root table
	ldr	x4, =KIMAGE_VADDR
	add	x3, x0, #((PGTABLE_LEVELS - 1) * EP_PAGE)	// first L3
#if PGTABLE_LEVELS == 4
	add	x1, x0, #EP_PAGE		// L1
	add	x2, x0, #(2 * EP_PAGE)		// L2
	ubfx	x5, x4, #PGDIR_SHIFT, #EP_BITS
	orr	x6, x1, #PTE_TABLE
	str	x6, [x0, x5, lsl #3]
	ubfx	x5, x4, #PUD_SHIFT, #EP_BITS
	orr	x6, x2, #PTE_TABLE
	str	x6, [x1, x5, lsl #3]
#else
	add	x2, x0, #EP_PAGE		// L2: the root is level 1
	ubfx	x5, x4, #PGDIR_SHIFT, #EP_BITS
	orr	x6, x2, #PTE_TABLE
	str	x6, [x0, x5, lsl #3]
#endif
	ubfx	x5, x4, #PMD_SHIFT, #EP_BITS	// L2 index of KIMAGE_VADDR (PMD aligned)
	mov	x7, #EP_L3_TABLES
2:	orr	x6, x3, #PTE_TABLE
	str	x6, [x2, x5, lsl #3]
	add	x5, x5, #1
	add	x3, x3, #EP_PAGE
	subs	x7, x7, #1
	b.ne	2b
	/* Fill L3: page i of the image -> PA(_text) + i pages. */
	add	x3, x0, #((PGTABLE_LEVELS - 1) * EP_PAGE)
	adrp	x8, _text			// PA of _text
	adrp	x9, _end
	sub	x9, x9, x8			// image size (page multiple)
	lsr	x9, x9, #PAGE_SHIFT
	mov	x10, #PTE_NORMAL_RWX
	orr	x10, x10, #PTE_PAGE
	orr	x10, x10, x8
3:	str	x10, [x3], #8
	add	x10, x10, #EP_PAGE
	subs	x9, x9, #1
	b.ne	3b

	/* TTBR0: identity map of the image, PMD blocks. */
	adrp	x0, idmap_pg_dir
	adrp	x8, _text
#if PGTABLE_LEVELS == 4
	add	x1, x0, #EP_PAGE
	add	x2, x0, #(2 * EP_PAGE)
	ubfx	x5, x8, #PGDIR_SHIFT, #EP_BITS
	orr	x6, x1, #PTE_TABLE
	str	x6, [x0, x5, lsl #3]
	ubfx	x5, x8, #PUD_SHIFT, #EP_BITS
	orr	x6, x2, #PTE_TABLE
	str	x6, [x1, x5, lsl #3]
#else
	add	x2, x0, #EP_PAGE
	ubfx	x5, x8, #PGDIR_SHIFT, #EP_BITS
	orr	x6, x2, #PTE_TABLE
	str	x6, [x0, x5, lsl #3]
#endif
	lsr	x10, x8, #PMD_SHIFT
	lsl	x10, x10, #PMD_SHIFT		// the PMD block containing _text
	adrp	x9, _end
	ubfx	x5, x8, #PMD_SHIFT, #EP_BITS
	mov	x11, #PTE_NORMAL_RWX
	orr	x11, x11, #PMD_BLOCK
	mov	x12, #(1 << PMD_SHIFT)
4:	orr	x6, x10, x11
	str	x6, [x2, x5, lsl #3]
	add	x5, x5, #1
	add	x10, x10, x12
	cmp	x10, x9
	b.lo	4b

	/* The tables were written with the MMU and caches off: drop any stale cache lines. */
	adrp	x0, init_pg_dir
	adrp	x1, idmap_pg_end
5:	dc	ivac, x0
	add	x0, x0, #64
	cmp	x0, x1
	b.lo	5b
	dsb	sy
	ret

	.section ".idmap.text", "ax"
enable_mmu:
#ifdef CONFIG_ARM64_16K_PAGES
	/*
	 * A CPU without the 16 KiB granule (ID_AA64MMFR0_EL1.TGran16 = 0: QEMU's cortex-a57,
	 * the Pi 4's Cortex-A72) cannot run this build; nothing can be printed yet: park.
	 */
	mrs	x1, id_aa64mmfr0_el1
	ubfx	x1, x1, #20, #4
	cbz	x1, secondary_park
#endif
	ldr	x0, =MAIR_EL1_SET
	msr	mair_el1, x0
	ldr	x0, =TCR_EL1_SET
	mrs	x1, id_aa64mmfr0_el1
	and	x1, x1, #0x7			// PARange
	cmp	x1, #5				// at most 48 bits (no LPA2)
	mov	x2, #5
	csel	x1, x1, x2, ls
	orr	x0, x0, x1, lsl #TCR_IPS_SHIFT
	msr	tcr_el1, x0
	adrp	x0, idmap_pg_dir
	msr	ttbr0_el1, x0
	adrp	x0, init_pg_dir
	msr	ttbr1_el1, x0
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	ldr	x0, =SCTLR_EL1_MMU_ON
	msr	sctlr_el1, x0
	isb
	ic	iallu
	dsb	nsh
	isb
	ldr	x0, =__primary_switched		// the image's virtual address
	br	x0

	.text
/* Runs at KIMAGE_VADDR with the MMU on. x19 = DTB PA, x21 = entry EL, x22 = boot counter. */
__primary_switched:
	ldr	x0, =init_stack_top
	mov	sp, x0
	mov	x29, xzr
	mov	x30, xzr
	ldr	x0, =vectors
	msr	vbar_el1, x0
	isb
	/* Clear BSS now that it is mapped cacheable (doing it earlier risks stale lines). */
	ldr	x0, =__bss_start
	ldr	x1, =__bss_stop
1:	stp	xzr, xzr, [x0], #16
	cmp	x0, x1
	b.lo	1b
	/* kimage_voffset = VA - PA of the image. */
	ldr	x0, =KIMAGE_VADDR
	sub	x0, x0, x25
	ldr	x1, =kimage_voffset
	str	x0, [x1]
	mov	x0, x19
	mov	x1, x21
	mov	x2, x22
	mov	x3, x25
	bl	early_entry			// never returns
1:	wfe
	b	1b

/*
 * idmap_cpu_replace_ttbr1(new_ttbr1 = x0, reserved = x1): called at its physical address
 * through TTBR0's identity map, because TTBR1 (the kernel's own mapping) is switched off
 * for a moment: break-before-make for every kernel VA. Uses no stack.
 */
	.section ".idmap.text", "ax"
	.globl	idmap_cpu_replace_ttbr1
idmap_cpu_replace_ttbr1:
	msr	ttbr1_el1, x1
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	msr	ttbr1_el1, x0
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	ret
