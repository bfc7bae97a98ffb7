/* SPDX-License-Identifier: MIT */
/*
 * The AP start-up path.  A STARTUP IPI starts an application processor
 * in 16-bit real mode at CS:IP = (page >> 4):0, so the 16-bit part is
 * copied (smpboot.c) to a page below 1 MiB: trampoline_start ..
 * trampoline_end is position independent (it addresses its own bytes
 * through CS) and holds only code and the GDT pointer.  It loads head.S's
 * early GDT, enters protected mode and far-jumps into the kernel image
 * (identity mapped at its link address, so every absolute address below
 * holds).  secondary_startup_32 loads the boot CPU's CR4, its page tables
 * (smpboot_cr3, below 4 GiB) and EFER, turns paging on and enters long
 * mode; secondary_startup_64 takes the stack smp_init() allocated and
 * calls x86_secondary_start(cpu); the stack and the number are looked up
 * by the AP's APIC id, the rest is the same for every AP.
 */
#include <asm/boot.h>
#include <asm/processor.h>

	.section .rodata, "a"
	.code16
	.balign 16
	.globl trampoline_start
trampoline_start:
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds
	lgdtl	tr_gdt_desc - trampoline_start
	movl	%cr0, %eax
	orl	$X86_CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	$__BOOT_CS32, $secondary_startup_32

	.balign 8
tr_gdt_desc:
	.word	(GDT_ENTRY_BOOT_CS32 + 1) * 8 - 1	/* head.S: null, CS, DS, CS32 */
	.long	early_gdt
	.globl trampoline_end
trampoline_end:

	.text
	.code32
secondary_startup_32:
	movl	$__KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	smpboot_cr4, %eax
	movl	%eax, %cr4
	movl	smpboot_cr3, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	movl	smpboot_efer, %eax
	xorl	%edx, %edx
	wrmsr
	movl	%cr0, %eax
	orl	$(X86_CR0_PG | X86_CR0_WP | X86_CR0_PE), %eax
	movl	%eax, %cr0
	ljmp	$__KERNEL_CS, $secondary_startup_64

	.code64
secondary_startup_64:
	LOAD_SEGMENTS_64
	/* Own stack and number by APIC id (CPUID 1, ebx bits 31:24): an AP
	 * that comes up late never takes the next one's. */
	movl	$1, %eax
	cpuid
	shrl	$24, %ebx
	movq	smpboot_stack(, %rbx, 8), %rsp
	movl	smpboot_cpu(, %rbx, 4), %edi
	xorl	%ebp, %ebp		/* terminates backtraces */
	call	x86_secondary_start
1:	hlt				/* does not return */
	jmp	1b

	/* Written by arch_boot_secondary() before each SIPI; the stack and
	 * logical number per APIC id (0..254, xAPIC). */
	.data
	.balign 8
	.globl smpboot_stack, smpboot_cr3, smpboot_cr4, smpboot_efer, smpboot_cpu
smpboot_stack:
	.skip	8 * 256
smpboot_cpu:
	.skip	4 * 256
smpboot_cr3:
	.long	0
smpboot_cr4:
	.long	0
smpboot_efer:
	.long	0
