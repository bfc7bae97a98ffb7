/* SPDX-License-Identifier: MIT */
/*
 * SMP for the kernel and the application (kernel/smp.c): which CPUs
 * exist and run, and cross-CPU function calls.
 *
 * A cross-call runs @func(@info) on the target CPU in its IPI handler,
 * interrupts off; with @wait the caller spins until it has returned.  A
 * call to the calling CPU itself runs inline.  Never wait for a call
 * with interrupts off on a CPU that may be the target of another
 * waiting call (the Linux rule).
 *
 * With CONFIG_SMP=n there is one CPU, and the calls run inline.
 */
#ifndef _KERNEL_SMP_H
#define _KERNEL_SMP_H

#include <kernel/compiler.h>
#include <kernel/cpumask.h>
#include <kernel/errno.h>
#include <kernel/types.h>
#include <asm-generic/smp.h>
#include <asm/mm.h>
#include <asm/smp.h>
#include <mm/page_alloc.h>

/* cpu_possible_mask, cpu_online_mask, nr_cpu_ids: asm-generic/smp.h. */

static inline unsigned int num_online_cpus(void)
{
	return cpumask_weight(cpu_online_mask);
}

static inline unsigned int num_possible_cpus(void)
{
	return cpumask_weight(cpu_possible_mask);
}

typedef void (*smp_call_func_t)(void *info);

struct boot_info;
/* start_kernel(), after setup_arch(): CPU 0 possible and online. */
void __init smp_prepare_boot_cpu(const struct boot_info *bi);

#ifdef CONFIG_SMP
/* 0, or -ENXIO when @cpu is not online; runs inline on this CPU. */
int smp_call_function_single(int cpu, smp_call_func_t func, void *info,
			     int wait);
/* Every other online CPU. */
void smp_call_function(smp_call_func_t func, void *info, int wait);
/* Every online CPU, this one included (inline, interrupts off). */
void on_each_cpu(smp_call_func_t func, void *info, int wait);
/* Start the secondary CPUs (start_kernel(), after mm_init()). */
void __init smp_init(void);
#else
static inline int smp_call_function_single(int cpu, smp_call_func_t func,
					   void *info, int wait)
{
	irqflags_t flags;

	(void)wait;
	if (cpu != 0)
		return -ENXIO;
	local_irq_save(flags);
	func(info);
	local_irq_restore(flags);
	return 0;
}

static inline void smp_call_function(smp_call_func_t func, void *info, int wait)
{
	(void)func, (void)info, (void)wait;
}

static inline void on_each_cpu(smp_call_func_t func, void *info, int wait)
{
	smp_call_function_single(0, func, info, wait);
}

void __init smp_init(void);
#endif

#endif /* _KERNEL_SMP_H */
