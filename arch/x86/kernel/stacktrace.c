// SPDX-License-Identifier: MIT
/*
 * Frame-pointer backtraces on x86: every frame starts with push %rbp;
 * mov %rsp, %rbp, so [rbp] is the caller's rbp and [rbp + 8] the return
 * address.  The walker is asm-generic/stacktrace.h; the one x86 twist is
 * the double-fault handler's own stack (one per CPU), which dump_stack()
 * from there walks; an AP's kernel stack is the one smp_init() gave it.
 */
#include <asm-generic/sections.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <mm/percpu.h>

#define FRAME_RECORD_OFFSET 0

static void x86_stack_bounds(unsigned long fp, unsigned long *lo,
			     unsigned long *hi)
{
	unsigned int cpu = (unsigned int)smp_processor_id();

	*lo = (unsigned long)boot_stack;
	*hi = (unsigned long)boot_stack_top;
#ifdef CONFIG_SMP
	/* The others run on what smp_init() gave them. */
	if (cpu) {
		const struct pcpu_hot *hot = per_cpu_ptr(&pcpu_hot, cpu);

		*lo = hot->stack_base;
		*hi = hot->stack_top;
	}
#endif
	if (fp < *lo || fp > *hi - 16) {
		*lo = (unsigned long)df_stack[cpu];
		*hi = *lo + DF_STACK_SIZE;
	}
}
#define arch_stack_bounds x86_stack_bounds

#define ASM_GENERIC_STACKTRACE_IMPL
#include <asm-generic/stacktrace.h>
