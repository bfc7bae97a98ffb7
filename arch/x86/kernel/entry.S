/* SPDX-License-Identifier: MIT */
/*
 * Exception entry.  One 16-byte stub per vector (0..31), so cpu.c finds
 * stub N at exc_stubs + 16 * N.  Vectors without a CPU error code push a
 * 0 to keep struct pt_regs uniform.  exc_common saves every general
 * register and calls x86_exception(regs), which reports and powers off;
 * the iretq path is there for completeness.  The IPI vector's stub
 * builds the same frame for x86_call_function_interrupt().
 */
#include <asm/apic.h>

	.section .text.entry, "ax"
	.code64

/* Vectors for which the CPU pushes an error code (SDM vol. 3, 6.13). */
#define HAS_ERR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || \
		    (v) == 21 || (v) == 29 || (v) == 30)

	.balign 16
	.globl exc_stubs
exc_stubs:
	.set vec, 0
	.rept 32
	.balign 16
	.if !HAS_ERR(vec)
	pushq	$0
	.endif
	pushq	$vec
	jmp	exc_common
	.set vec, vec + 1
	.endr

	.macro SAVE_REGS
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	.endm

	/* Pops the registers and the two stub words, and returns. */
	.macro RESTORE_REGS_IRET
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	addq	$16, %rsp
	iretq
	.endm

exc_common:
	SAVE_REGS
	/* 5 CPU words + 2 stub words + 15 registers: 16-byte aligned,
	 * as the C ABI wants at the call. */
	movq	%rsp, %rdi
	cld
	call	x86_exception
	RESTORE_REGS_IRET

#ifdef CONFIG_SMP
	/* The cross-call IPI (apic.h CALL_FUNCTION_VECTOR): the same frame,
	 * handled by x86_call_function_interrupt(regs). */
	.balign 16
	.globl call_function_interrupt
call_function_interrupt:
	pushq	$0
	pushq	$CALL_FUNCTION_VECTOR
	SAVE_REGS
	movq	%rsp, %rdi
	cld
	call	x86_call_function_interrupt
	RESTORE_REGS_IRET
#endif

	/* Spurious APIC interrupts take no EOI (SDM vol. 3, 11.9). */
	.balign 16
	.globl spurious_interrupt
spurious_interrupt:
	iretq
