/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The EFI stub's last step (Linux 6.1's efi_enter_kernel): after ExitBootServices, make the
 * image and the new device tree visible without caches, switch the MMU and D-cache off at the
 * EL the firmware left us in, and enter the kernel as the Linux boot protocol wants it:
 * x0 = the device tree's physical address, x1..x3 = 0, interrupts masked.
 * Position independent (adr only): it runs wherever the firmware loaded the image.
 */

#define SCTLR_M		(1 << 0)
#define SCTLR_C		(1 << 2)

	.text
/*
 * void efi_enter_kernel(entry, fdt, fdt_size, image, image_size)
 */
	.globl	efi_enter_kernel
	.type	efi_enter_kernel, %function
efi_enter_kernel:
	msr	daifset, #0xf			// no interrupt may reach the firmware's vectors now
	mov	x19, x0				// entry point
	mov	x20, x1				// device tree
	mov	x21, x2

	/* The whole footprint to the point of coherency: the kernel starts with caches off. */
	mov	x0, x3
	add	x1, x3, x4
	bl	dcache_clean_inval_poc
	mov	x0, x20
	add	x1, x20, x21
	bl	dcache_clean_inval_poc
	ic	ialluis				// no stale instructions from before a copy
	dsb	ish
	isb

	/* This routine's own lines too, so that it runs on with the D-cache off. */
	adr	x0, 0f
	adr	x1, 3f
	bl	dcache_clean_inval_poc
0:	mrs	x0, CurrentEL
	cmp	x0, #(2 << 2)
	b.ne	1f
	mrs	x0, sctlr_el2
	bic	x0, x0, #SCTLR_M
	bic	x0, x0, #SCTLR_C
	msr	sctlr_el2, x0
	isb
	b	2f
1:	mrs	x0, sctlr_el1
	bic	x0, x0, #SCTLR_M
	bic	x0, x0, #SCTLR_C
	msr	sctlr_el1, x0
	isb
2:	mov	x0, x20
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	br	x19
3:
	.size	efi_enter_kernel, . - efi_enter_kernel

/* dc civac over [x0, x1), by the smallest D-cache line (CTR_EL0.DminLine); clobbers x2, x3. */
	.type	dcache_clean_inval_poc, %function
dcache_clean_inval_poc:
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4
	mov	x2, #4
	lsl	x2, x2, x3			// line size in bytes
	sub	x3, x2, #1
	bic	x0, x0, x3
4:	dc	civac, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	4b
	dsb	sy
	ret
	.size	dcache_clean_inval_poc, . - dcache_clean_inval_poc
