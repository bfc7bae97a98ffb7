/* SPDX-License-Identifier: MIT */
/*
 * RISC-V entry from SBI firmware (OpenSBI, or U-Boot on top of it):
 * S-mode, MMU off, a0 = hart id, a1 = physical address of the devicetree.
 * Only the boot hart arrives here; the others stay stopped in the
 * firmware until smp_init() starts them with SBI HSM hart_start, at
 * secondary_entry below.
 *
 * The first 64 bytes are the Linux RISC-V Image header, so U-Boot's booti
 * accepts the raw binary (Documentation/riscv/boot-image-header.rst).
 */
	.section .head.text, "ax"
	.globl _start
_start:
	/* code0/code1: jump over the header.  No compressed jump here: the
	 * field is 4 bytes and code1 must follow it. */
	.option push
	.option norvc
	j	_start_real
	.word	0
	.option pop
	.balign	8
	.dword	0x200000		/* text_offset from RAM start */
	.dword	__image_size		/* image_size (bytes, with BSS) */
	.dword	0			/* flags: little endian kernel */
	.word	2			/* header version 0.2 */
	.word	0			/* res1 */
	.dword	0			/* res2 */
	.ascii	"RISCV\0\0\0"		/* magic (deprecated) */
	.ascii	"RSC\x05"		/* magic2 */
	.word	0			/* res3: no PE/COFF header */

_start_real:
	/* No interrupts until the kernel has a trap vector. */
	csrw	sie, zero
	csrw	sip, zero
#ifdef CONFIG_SMP
	/* One hart boots.  Firmware without HSM may release every hart
	 * here at once: the first one through wins, the others park (and
	 * smp_init() logs them as failed to start). */
	la	t0, boot_lottery
	li	t1, 1
	amoadd.w t1, t1, (t0)
	bnez	t1, 3f
#endif

	la	sp, boot_stack_top
	/* The per-cpu base: the template is CPU 0's area until
	 * setup_per_cpu_areas() (asm/smp.h, mm/percpu.h). */
	la	tp, __per_cpu_start
	mv	s1, a0			/* hart id */
	mv	s2, a1			/* DTB */

	/* Clear BSS (it also holds the stack: we have not used it yet). */
	la	t0, __bss_start
	la	t1, __bss_stop
	addi	t2, t1, -64		/* 64 bytes a step while they fit */
1:	bgtu	t0, t2, 2f
	sd	zero, 0(t0)
	sd	zero, 8(t0)
	sd	zero, 16(t0)
	sd	zero, 24(t0)
	sd	zero, 32(t0)
	sd	zero, 40(t0)
	sd	zero, 48(t0)
	sd	zero, 56(t0)
	addi	t0, t0, 64
	j	1b
2:	bgeu	t0, t1, 3f		/* then 8 */
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	2b
3:
	mv	a0, s1
	mv	a1, s2
	li	fp, 0			/* terminates backtraces */
	li	ra, 0
	call	riscv_boot
	/* riscv_boot does not return; park if it ever does. */
3:	wfi
	j	3b

#ifdef CONFIG_SMP
	/* In .data: the BSS is cleared only after the lottery. */
	.data
	.balign	4
boot_lottery:
	.word	0

	/*
	 * A secondary hart, started by SBI HSM hart_start (kernel/smp.c):
	 * S-mode, MMU off, a0 = hart id, a1 = its struct riscv_secondary_boot
	 * { sp, tp, satp, cpu }.  No BSS clear: the boot hart has done it
	 * and the kernel is running.
	 */
	.text
	.balign	4
	.globl	secondary_entry
secondary_entry:
	csrw	sie, zero
	csrw	sip, zero
	ld	t0, 16(a1)		/* satp: the kernel's page tables, or 0 */
	beqz	t0, 4f
	sfence.vma
	csrw	satp, t0
	sfence.vma
4:	ld	sp, 0(a1)
	ld	tp, 8(a1)
	ld	a0, 24(a1)		/* logical CPU number */
	li	fp, 0
	li	ra, 0
	call	riscv_secondary_start
5:	wfi
	j	5b
#endif
