// SPDX-License-Identifier: MIT
/*
 * The SMP registry and the arch's IPI hooks, host edition, for programs
 * that link kernel/smp_call.c: pthreads stand in for CPUs (each sets its
 * host_current_cpu), arch_send_ipi() marks the target's IPI pending
 * (tests/host/host_irq.c delivers it), and each CPU gets its own copy of
 * the per-cpu template, as setup_per_cpu_areas() gives in the kernel.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <asm-generic/smp.h>
#include <mm/percpu.h>

#include "host_smp.h"

cpumask_t cpu_possible_mask_bits, cpu_online_mask_bits;
unsigned int nr_cpu_ids = 1;
unsigned long cpu_hwid[CONFIG_NR_CPUS];
unsigned long __per_cpu_offset[CONFIG_NR_CPUS];

/* The template is empty (no section at all) in a program without
 * DEFINE_PER_CPU variables. */
extern char __start_kite_percpu[] __attribute__((weak));
extern char __stop_kite_percpu[] __attribute__((weak));
/* Kept reachable for the leak checker. */
static void *percpu_copy[CONFIG_NR_CPUS];

void host_smp_init(unsigned int ncpus)
{
	size_t size = (size_t)(__stop_kite_percpu - __start_kite_percpu);
	unsigned int cpu;

	if (ncpus < 1 || ncpus > CONFIG_NR_CPUS) {
		fprintf(stderr, "host_smp_init: %u CPUs, 1..%d allowed\n",
			ncpus, CONFIG_NR_CPUS);
		abort();
	}
	cpumask_clear(cpu_possible_mask);
	cpumask_clear(cpu_online_mask);
	for (cpu = 0; cpu < ncpus; cpu++) {
		if (size) {
			free(percpu_copy[cpu]);
			percpu_copy[cpu] =
				aligned_alloc(64, (size + 63) & ~63UL);
			if (!percpu_copy[cpu])
				abort();
			memcpy(percpu_copy[cpu], __start_kite_percpu, size);
			__per_cpu_offset[cpu] =
				(unsigned long)percpu_copy[cpu] -
				(unsigned long)__start_kite_percpu;
		}
		cpu_hwid[cpu] = cpu;
		cpumask_set_cpu(cpu, cpu_possible_mask);
		cpumask_set_cpu(cpu, cpu_online_mask);
	}
	nr_cpu_ids = ncpus;
}

void arch_send_ipi(unsigned int cpu)
{
	__atomic_store_n(&host_ipi_pending[cpu], 1U, __ATOMIC_RELEASE);
}

__noreturn void arch_cpu_park(void)
{
	fprintf(stderr, "host: CPU %d parked (smp_send_stop)\n",
		host_current_cpu);
	abort();
}
