/* SPDX-License-Identifier: MIT */
/*
 * This CPU, host edition: each pthread standing in for a CPU sets its
 * own host_current_cpu (thread-local); single-threaded tests switch it to
 * model work on several CPUs.  Per-cpu areas are not relocated on the
 * host: every CPU sees the template unless a test sets up copies
 * (host_smp_init(), tests/host/host_smp.c).
 *
 * Interrupts, host edition: each thread has its own "interrupts off"
 * flag (local_irq_save() and friends, asm/mm.h).  arch_send_ipi() marks
 * the target CPU's IPI pending; the thread standing in for that CPU takes
 * it (handle_ipi(), interrupts off) where hardware could deliver it: when
 * interrupts go back on, and in cpu_relax() with interrupts on.  A thread
 * that waits for others must therefore spin with cpu_relax(), interrupts
 * on, as a CPU would.
 */
#ifndef _ASM_HOST_SMP_H
#define _ASM_HOST_SMP_H

/*
 * The host programs are executables: their thread-locals sit at a fixed
 * offset from the thread pointer (local-exec), one access each, as the
 * guest's tp / GS-based per-cpu reads are.
 */
#define HOST_TLS __attribute__((tls_model("local-exec")))

extern _Thread_local int host_current_cpu HOST_TLS;
extern _Thread_local void *host_percpu_base HOST_TLS;

/* Whichever header came first, the host's CPU id is the thread's. */
#undef smp_processor_id
#define smp_processor_id() (host_current_cpu)
#define raw_smp_processor_id() (host_current_cpu)

static inline void *arch_percpu_base(void)
{
	return host_percpu_base;
}

static inline void arch_set_percpu_base(void *base)
{
	host_percpu_base = base;
}

extern _Thread_local unsigned long host_irqs_off HOST_TLS;
extern unsigned int host_ipi_pending[];
void host_ipi_deliver(void);

/* Take this CPU's pending IPI if interrupts are on (rare: the fast
 * paths that unmask interrupts keep the call out of their way). */
static inline void host_irq_poll(void)
{
	if (!host_irqs_off &&
	    __builtin_expect(
		    __atomic_load_n(&host_ipi_pending[host_current_cpu],
				    __ATOMIC_RELAXED) != 0,
		    0))
		host_ipi_deliver();
}

int sched_yield(void);

/* A spinning thread gives its host core away: with more threads than
 * cores, the one it waits for may not be running. */
static inline void cpu_relax(void)
{
	host_irq_poll();
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
	sched_yield();
	__asm__ __volatile__("" ::: "memory");
}

static inline void arch_cpu_idle(void)
{
	cpu_relax();
}

#define ARCH_HWID_NAME "thread"

#endif /* _ASM_HOST_SMP_H */
