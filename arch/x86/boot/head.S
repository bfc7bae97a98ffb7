/* SPDX-License-Identifier: MIT */
/*
 * x86 entry.  One ELF serves two loaders, both of which enter in 32-bit
 * protected mode with paging off:
 *   - PVH (QEMU -kernel): entry from the Xen ELF note, ebx = physical
 *     address of struct hvm_start_info.  eax is undefined.
 *   - multiboot2 (GRUB): the ELF entry point, eax = 0x36d76289,
 *     ebx = physical address of the multiboot2 information.
 * Both record the pointer, load our own GDT (the loader's may be gone),
 * clear BSS, build an identity map of the low 4 GiB with 2 MiB pages,
 * enable PAE, long mode and NX, and call x86_boot() in 64-bit C.  The C
 * code replaces this map with a direct map of all RAM later.
 *
 * No multiboot1 header on purpose: QEMU would prefer it to the PVH note.
 */
#include <asm/boot.h>
#include <asm/processor.h>

/* EXIT_BADFW from kernel/exit.h (a C header). */
#define HEAD_EXIT_BADFW 123

	.section .head.text, "ax"
	.code32

	/* Must sit in the first 32 KiB of the file, 8-byte aligned. */
	.balign 8
	.globl mb2_header
mb2_header:
	.long	MB2_HEADER_MAGIC
	.long	MB2_ARCH_I386
	.long	mb2_header_end - mb2_header
	/* The four fields must sum to 0 mod 2^32. */
	.long	0x100000000 - (MB2_HEADER_MAGIC + MB2_ARCH_I386 + \
			       (mb2_header_end - mb2_header))
	/* End tag: no optional requests; GRUB's defaults (memory map,
	 * basic meminfo, command line) are all we read. */
	.short	0
	.short	0
	.long	8
mb2_header_end:

	/* multiboot2 entry (ELF e_entry). */
	.globl startup_32
startup_32:
	cli
	cld
	movl	$BOOT_PROTO_UNKNOWN, %edi
	cmpl	$MB2_BOOTLOADER_MAGIC, %eax
	jne	1f
	movl	$BOOT_PROTO_MB2, %edi
1:	jmp	common_startup_32

	/* PVH entry (XEN_ELFNOTE_PHYS32_ENTRY). */
	.globl pvh_start32
pvh_start32:
	cli
	cld
	movl	$BOOT_PROTO_PVH, %edi

common_startup_32:
	/* Into .data, which the BSS clear below leaves alone, until
	 * x86_boot() takes them as arguments (its struct boot_info). */
	movl	%edi, entry_protocol
	movl	%ebx, entry_info

	lgdt	early_gdt_desc
	movl	$__KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	ljmp	$__BOOT_CS32, $2f
2:
	movl	$boot_stack_top, %esp

	/* BSS holds the stack and the page tables built next. */
	movl	$__bss_start, %edi
	movl	$__bss_stop, %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx
	xorl	%eax, %eax
	rep stosl

	/* A 32-bit-only CPU cannot run us: say so on COM1 and stop. */
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jb	no_long_mode
	movl	$0x80000001, %eax
	cpuid
	btl	$X86_FEATURE_LM_BIT, %edx
	jnc	no_long_mode
	movl	%edx, %ebp		/* keep: NX is tested below */

	/* PML4[0] -> PDPT, PDPT[0..3] -> four PDs of 512 2 MiB pages. */
	movl	$early_pdpt + (_PAGE_PRESENT | _PAGE_RW), early_pml4
	movl	$early_pd + (_PAGE_PRESENT | _PAGE_RW), %eax
	movl	$early_pdpt, %edi
	movl	$4, %ecx
3:	movl	%eax, (%edi)
	addl	$4096, %eax
	addl	$8, %edi
	loop	3b

	movl	$(_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE), %eax
	movl	$early_pd, %edi
	movl	$2048, %ecx
4:	movl	%eax, (%edi)		/* high half stays 0: below 4 GiB */
	addl	$0x200000, %eax
	addl	$8, %edi
	loop	4b

	movl	%cr4, %eax
	orl	$X86_CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$early_pml4, %eax
	movl	%eax, %cr3

	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	/* NXE is a reserved bit (#GP) on CPUs without NX. */
	btl	$X86_FEATURE_NX_BIT, %ebp
	jnc	5f
	orl	$EFER_NXE, %eax
5:	wrmsr

	movl	%cr0, %eax
	orl	$(X86_CR0_PG | X86_CR0_WP | X86_CR0_PE), %eax
	movl	%eax, %cr0
	ljmp	$__KERNEL_CS, $startup_64

no_long_mode:
	movl	$no_lm_msg, %esi
	movw	$0x3f8, %dx
6:	lodsb
	testb	%al, %al
	jz	7f
	outb	%al, %dx
	jmp	6b
7:	movb	$HEAD_EXIT_BADFW, %al	/* QEMU isa-debug-exit, if present */
	outb	%al, $0xf4
8:	hlt
	jmp	8b

	.code64
startup_64:
	LOAD_SEGMENTS_64
	/* The GS base is the per-cpu base: the template is CPU 0's area
	 * until setup_per_cpu_areas() (asm/smp.h, mm/percpu.h).  The
	 * image is below 2 GiB, so the high half is 0. */
	movl	$0xc0000101, %ecx	/* MSR_GS_BASE */
	movl	$__per_cpu_start, %eax
	xorl	%edx, %edx
	wrmsr
	movq	$boot_stack_top, %rsp
	xorl	%ebp, %ebp		/* terminates backtraces */
	movl	entry_protocol(%rip), %edi
	movl	entry_info(%rip), %esi
	call	x86_boot
9:	hlt				/* x86_boot does not return */
	jmp	9b

	/* Same layout as the final GDT (asm/boot.h selectors); the AP
	 * trampoline (kernel/trampoline.S) loads it too. */
	.balign 16
	.globl early_gdt
early_gdt:
	.quad	0
	.quad	0x00af9a000000ffff	/* 64-bit code, DPL 0 */
	.quad	0x00cf92000000ffff	/* flat data */
	.quad	0x00cf9a000000ffff	/* flat 32-bit code */
early_gdt_end:
early_gdt_desc:
	.word	early_gdt_end - early_gdt - 1
	.quad	early_gdt

no_lm_msg:
	.asciz	"Kite: this CPU has no 64-bit long mode; stopping\r\n"

	/* PVH: QEMU finds the 32-bit entry here (a PT_NOTE segment). */
	.pushsection .note.Xen, "a", @note
	.balign 4
	.long	4			/* name size: "Xen\0" */
	.long	4			/* descriptor size */
	.long	XEN_ELFNOTE_PHYS32_ENTRY
	.asciz	"Xen"
	.balign 4
	.long	pvh_start32
	.balign 4
	.popsection

	/* Scratch for the two entry registers, local to this file. */
	.data
	.balign 4
entry_protocol:
	.long	0
entry_info:
	.long	0

	.section .bss..page_aligned, "aw", @nobits
	.balign 4096
early_pml4:
	.skip	4096
early_pdpt:
	.skip	4096
early_pd:
	.skip	4 * 4096
