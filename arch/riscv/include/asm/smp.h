/* SPDX-License-Identifier: MIT */
/*
 * This CPU on RISC-V: tp holds the base of this CPU's per-cpu area
 * (mm/percpu.h), whose first word is the logical CPU number, so
 * smp_processor_id() is one load.  head.S points tp at the per-cpu
 * template (__per_cpu_start, CPU 0's until setup_per_cpu_areas());
 * the compiler never uses tp (no TLS in the kernel).
 */
#ifndef _ASM_RISCV_SMP_H
#define _ASM_RISCV_SMP_H

#include <kernel/compiler.h>

static inline void *arch_percpu_base(void)
{
	void *base;

	__asm__("mv %0, tp" : "=r"(base));
	return base;
}

static inline void arch_set_percpu_base(void *base)
{
	__asm__ __volatile__("mv tp, %0" ::"r"(base) : "memory");
}

/* Not volatile: a CPU's number never changes under it, so the compiler
 * may reuse the value. */
static inline int raw_smp_processor_id(void)
{
	int cpu;

	__asm__("lw %0, 0(tp)" : "=r"(cpu));
	return cpu;
}

/* Zihintpause "pause" (a hint: a no-op fence on harts without it). */
static inline void cpu_relax(void)
{
	__asm__ __volatile__(".4byte 0x0100000f" ::: "memory");
}

/* Idle until an interrupt (the caller has them enabled). */
static inline void arch_cpu_idle(void)
{
	__asm__ __volatile__("wfi" ::: "memory");
}

/* What the log calls a CPU's hardware id (cpu_hwid[]). */
#define ARCH_HWID_NAME "hart"

/* smp_processor_id(): raw_smp_processor_id(), or 0 without SMP. */
#include <asm-generic/smp.h>

#endif /* _ASM_RISCV_SMP_H */
