/* SPDX-License-Identifier: MIT */
/*
 * This CPU on x86_64: the GS base is the base of this CPU's per-cpu area
 * (mm/percpu.h), whose first word is the logical CPU number, so
 * smp_processor_id() is one %gs-relative load.  head.S points the GS
 * base at the per-cpu template (__per_cpu_start, CPU 0's until
 * setup_per_cpu_areas()).
 */
#ifndef _ASM_X86_SMP_H
#define _ASM_X86_SMP_H

#include <kernel/compiler.h>
#include <kernel/types.h>

#define MSR_GS_BASE 0xc0000101

static inline void *arch_percpu_base(void)
{
	unsigned int lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(MSR_GS_BASE));
	return (void *)(uintptr_t)(((u64)hi << 32) | lo);
}

static inline void arch_set_percpu_base(void *base)
{
	u64 v = (u64)(uintptr_t)base;

	__asm__ __volatile__("wrmsr" ::"c"(MSR_GS_BASE), "a"((u32)v),
			     "d"((u32)(v >> 32))
			     : "memory");
}

static inline int raw_smp_processor_id(void)
{
	int cpu;

	__asm__("movl %%gs:0, %0" : "=r"(cpu));
	return cpu;
}

static inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

/* Idle until an interrupt (the caller has them enabled). */
static inline void arch_cpu_idle(void)
{
	__asm__ __volatile__("hlt" ::: "memory");
}

/* What the log calls a CPU's hardware id (cpu_hwid[]). */
#define ARCH_HWID_NAME "APIC id"

/* smp_processor_id(): raw_smp_processor_id(), or 0 without SMP. */
#include <asm-generic/smp.h>

#endif /* _ASM_X86_SMP_H */
