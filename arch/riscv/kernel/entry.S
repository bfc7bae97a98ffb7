/* SPDX-License-Identifier: MIT */
/*
 * Trap entry: save every register into a struct pt_regs on the current
 * stack, call handle_trap(regs), restore, sret.  The kernel has a single
 * stack (no user mode), so normally no stack switch is needed.
 *
 * The exception: sp outside this CPU's stack (with SMP, the bounds in
 * its per-cpu area at tp; else the boot stack), or too close to its bottom to
 * hold a pt_regs - typically a stack overflow that just hit the unmapped
 * guard page below it.  Saving registers there would fault again, forever,
 * so such traps run on a small emergency stack instead (x86 does the same
 * with an IST stack for double faults).  sscratch holds t0 meanwhile.
 */
#include <asm/ptrace.h>

	.section .text.trap, "ax"
	.balign 4
	.globl trap_vector
trap_vector:
	csrw	sscratch, t0
#ifdef CONFIG_SMP
	/* This CPU's stack bounds, from its per-cpu area at tp. */
	ld	t0, PCPU_STACK_BASE(tp)
	addi	t0, t0, PT_SIZE
	bltu	sp, t0, 1f
	ld	t0, PCPU_STACK_TOP(tp)
#else
	la	t0, boot_stack + PT_SIZE
	bltu	sp, t0, 1f
	la	t0, boot_stack_top
#endif
	bleu	sp, t0, 3f
1:	/* Not on the boot stack: already on the emergency stack? */
	la	t0, trap_stack + PT_SIZE
	bltu	sp, t0, 2f
	la	t0, trap_stack_top
	bleu	sp, t0, 3f
2:	/* Switch; the frame records the old sp for the report. */
	la	t0, trap_stack_top - PT_SIZE
	sd	sp, 2*8(t0)
	mv	sp, t0
	j	4f
3:	addi	sp, sp, -PT_SIZE
	addi	t0, sp, PT_SIZE		/* sp before the trap */
	sd	t0, 2*8(sp)
4:	csrr	t0, sscratch
	sd	x1, 1*8(sp)
	sd	x3, 3*8(sp)
	sd	x4, 4*8(sp)
	sd	x5, 5*8(sp)
	sd	x6, 6*8(sp)
	sd	x7, 7*8(sp)
	sd	x8, 8*8(sp)
	sd	x9, 9*8(sp)
	sd	x10, 10*8(sp)
	sd	x11, 11*8(sp)
	sd	x12, 12*8(sp)
	sd	x13, 13*8(sp)
	sd	x14, 14*8(sp)
	sd	x15, 15*8(sp)
	sd	x16, 16*8(sp)
	sd	x17, 17*8(sp)
	sd	x18, 18*8(sp)
	sd	x19, 19*8(sp)
	sd	x20, 20*8(sp)
	sd	x21, 21*8(sp)
	sd	x22, 22*8(sp)
	sd	x23, 23*8(sp)
	sd	x24, 24*8(sp)
	sd	x25, 25*8(sp)
	sd	x26, 26*8(sp)
	sd	x27, 27*8(sp)
	sd	x28, 28*8(sp)
	sd	x29, 29*8(sp)
	sd	x30, 30*8(sp)
	sd	x31, 31*8(sp)
	csrr	t0, sepc
	sd	t0, 0(sp)
	csrr	t0, sstatus
	sd	t0, PT_STATUS(sp)
	csrr	t0, scause
	sd	t0, PT_CAUSE(sp)
	csrr	t0, stval
	sd	t0, PT_TVAL(sp)

	mv	a0, sp
	call	handle_trap

	ld	t0, 0(sp)
	csrw	sepc, t0
	ld	t0, PT_STATUS(sp)
	csrw	sstatus, t0
	ld	x1, 1*8(sp)
	ld	x3, 3*8(sp)
	ld	x4, 4*8(sp)
	ld	x5, 5*8(sp)
	ld	x6, 6*8(sp)
	ld	x7, 7*8(sp)
	ld	x8, 8*8(sp)
	ld	x9, 9*8(sp)
	ld	x10, 10*8(sp)
	ld	x11, 11*8(sp)
	ld	x12, 12*8(sp)
	ld	x13, 13*8(sp)
	ld	x14, 14*8(sp)
	ld	x15, 15*8(sp)
	ld	x16, 16*8(sp)
	ld	x17, 17*8(sp)
	ld	x18, 18*8(sp)
	ld	x19, 19*8(sp)
	ld	x20, 20*8(sp)
	ld	x21, 21*8(sp)
	ld	x22, 22*8(sp)
	ld	x23, 23*8(sp)
	ld	x24, 24*8(sp)
	ld	x25, 25*8(sp)
	ld	x26, 26*8(sp)
	ld	x27, 27*8(sp)
	ld	x28, 28*8(sp)
	ld	x29, 29*8(sp)
	ld	x30, 30*8(sp)
	ld	x31, 31*8(sp)
	ld	sp, 2*8(sp)		/* last: the frame is addressed through it */
	sret

	/* The emergency stack (see the top of this file). */
	.section .bss, "aw", @nobits
	.balign 16
	.globl trap_stack, trap_stack_top
trap_stack:
	.skip	8192
trap_stack_top:
