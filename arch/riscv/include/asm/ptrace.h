/* SPDX-License-Identifier: MIT */
/* Register frame saved by the trap entry (arch/riscv/kernel/entry.S). */
#ifndef _ASM_RISCV_PTRACE_H
#define _ASM_RISCV_PTRACE_H

#ifndef __ASSEMBLY__
struct pt_regs {
	unsigned long epc; /* x0 slot: holds sepc */
	unsigned long ra, sp, gp, tp, t0, t1, t2, s0, s1, a0, a1, a2, a3, a4,
		a5, a6, a7, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, t3, t4,
		t5, t6;
	unsigned long status, cause, tval;
};
#endif

#define PT_SIZE (35 * 8)
#define PT_STATUS (32 * 8)
#define PT_CAUSE (33 * 8)
#define PT_TVAL (34 * 8)

/* struct pcpu_hot (mm/percpu.h) at tp: this CPU's kernel stack. */
#define PCPU_STACK_BASE 16
#define PCPU_STACK_TOP 24

#endif
