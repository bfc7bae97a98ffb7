// SPDX-License-Identifier: MIT
/*
 * Frame-pointer backtraces on RISC-V: gcc keeps the frame pointer (s0)
 * just above each frame, with the caller's frame pointer at fp - 16 and
 * the return address at fp - 8.  The walker is asm-generic/stacktrace.h.
 * With SMP each CPU has its own stack: the bounds come from its per-cpu
 * area (struct pcpu_hot at tp).
 */
#define FRAME_RECORD_OFFSET (-16)

#ifdef CONFIG_SMP
#include <asm/smp.h>
#include <mm/percpu.h>

static void riscv_stack_bounds(unsigned long fp, unsigned long *lo,
			       unsigned long *hi)
{
	const struct pcpu_hot *hot = arch_percpu_base();

	(void)fp;
	*lo = hot->stack_base;
	*hi = hot->stack_top;
}
#define arch_stack_bounds riscv_stack_bounds
#endif

#define ASM_GENERIC_STACKTRACE_IMPL
#include <asm-generic/stacktrace.h>
