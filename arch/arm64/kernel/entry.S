/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exception vectors. bootmem runs no user code and takes no interrupts, so every
 * exception is a report: save the registers and hand them to do_exception() (traps.c).
 */
#include <asm/ptrace.h>

/* Which vector fired, passed to do_exception as x1. */
#define VEC_SYNC	0
#define VEC_IRQ		1
#define VEC_FIQ		2
#define VEC_SERROR	3

	.macro	vector_entry, kind, group
	.balign	0x80
	/*
	 * A frame pushed below init_stack would land in the unmapped guard page and fault
	 * again forever: in that case (stack overflow) switch to the overflow stack first.
	 * TPIDR_EL1 and TPIDRRO_EL0 are free scratch registers here (no threads, no EL0).
	 */
	msr	tpidr_el1, x0
	msr	tpidrro_el0, x1
	mov	x0, sp
	msr	sp_el0, x0			// the interrupted SP, for the report
	sub	x0, x0, #S_FRAME_SIZE
	adrp	x1, init_stack
	add	x1, x1, :lo12:init_stack
	cmp	x0, x1
	b.hs	1f
	adrp	x1, overflow_stack_top
	add	x1, x1, :lo12:overflow_stack_top
	mov	sp, x1
1:	mrs	x0, tpidr_el1
	mrs	x1, tpidrro_el0
	sub	sp, sp, #S_FRAME_SIZE
	stp	x0, x1, [sp, #16 * 0]
	mov	x0, #\kind
	mov	x1, #\group
	b	save_and_report
	.endm

	.section ".vectors", "ax"
	.balign	2048
	.globl	vectors
vectors:
	vector_entry VEC_SYNC, 0		// EL1t
	vector_entry VEC_IRQ, 0
	vector_entry VEC_FIQ, 0
	vector_entry VEC_SERROR, 0
	vector_entry VEC_SYNC, 1		// EL1h
	vector_entry VEC_IRQ, 1
	vector_entry VEC_FIQ, 1
	vector_entry VEC_SERROR, 1
	vector_entry VEC_SYNC, 2		// EL0 AArch64
	vector_entry VEC_IRQ, 2
	vector_entry VEC_FIQ, 2
	vector_entry VEC_SERROR, 2
	vector_entry VEC_SYNC, 3		// EL0 AArch32
	vector_entry VEC_IRQ, 3
	vector_entry VEC_FIQ, 3
	vector_entry VEC_SERROR, 3

	.text
save_and_report:
	/* x0/x1 of the interrupted context are at [sp]; x0 = kind, x1 = group now. */
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	mrs	x2, sp_el0
	stp	x30, x2, [sp, #S_LR]
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x2, x3, [sp, #S_PC]
	mrs	x2, esr_el1
	mrs	x3, far_el1
	stp	x2, x3, [sp, #S_ESR]
	/* A frame record so that the backtrace continues into the interrupted code. */
	ldr	x29, [sp, #S_X29]
	mov	x2, x0
	mov	x3, x1
	mov	x0, sp
	mov	x1, x2
	mov	x2, x3
	bl	do_exception
	/* do_exception returned: the fault was recoverable; restore and return. */
	ldp	x2, x3, [sp, #S_PC]
	msr	elr_el1, x2
	msr	spsr_el1, x3
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	ldr	x30, [sp, #S_LR]
	add	sp, sp, #S_FRAME_SIZE
	eret
