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
#include <asm/mm.h>
#include <asm/smp.h>
#include <asm-generic/smp.h>
#include <asm-generic/smp_call.h>
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

struct boot_info;
/* start_kernel(), after setup_arch(): CPU 0 possible and online. */
void __init smp_prepare_boot_cpu(const struct boot_info *bi);

/* The cross-calls (smp_call_function_single(), smp_call_function(),
 * on_each_cpu()) are declared in asm-generic/smp_call.h, which mm/ uses
 * too. */

/* Start the secondary CPUs (start_kernel(), after mm_init()); with
 * CONFIG_SMP=n it only logs the one CPU. */
void __init smp_init(void);

#endif /* _KERNEL_SMP_H */
