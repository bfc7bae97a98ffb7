/* SPDX-License-Identifier: MIT */
/*
 * This CPU, host edition: each pthread standing in for a CPU sets its
 * own host_current_cpu (thread-local); single-threaded tests switch it to
 * model work on several CPUs.  Per-cpu areas are not relocated on the
 * host: every CPU sees the template unless a test sets up copies.
 */
#ifndef _ASM_HOST_SMP_H
#define _ASM_HOST_SMP_H

extern _Thread_local int host_current_cpu;
extern _Thread_local void *host_percpu_base;

#define smp_processor_id() (host_current_cpu)

static inline void *arch_percpu_base(void)
{
	return host_percpu_base;
}

static inline void arch_set_percpu_base(void *base)
{
	host_percpu_base = base;
}

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
	__asm__ __volatile__("" ::: "memory");
}

static inline void arch_cpu_idle(void)
{
	cpu_relax();
}

#define ARCH_HWID_NAME "thread"

#endif /* _ASM_HOST_SMP_H */
