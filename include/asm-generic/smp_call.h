/* SPDX-License-Identifier: MIT */
/*
 * Cross-CPU calls (kernel/smp_call.c), declared at the level of the
 * asm/ contract like asm-generic/smp.h, so that mm/ can ask another CPU
 * to empty its own per-cpu caches.  kernel/smp.h includes it for the
 * kernel and the application.
 */
#ifndef _ASM_GENERIC_SMP_CALL_H
#define _ASM_GENERIC_SMP_CALL_H

#include <kernel/errno.h>
#include <asm/mm.h>
#include <asm-generic/smp.h>

/*
 * A call runs @func(@info) on the target CPU in its IPI handler,
 * interrupts off; with @wait the caller spins, interrupts on, until it
 * has returned.  A call to the calling CPU
 * runs inline, interrupts off.  Never wait for a call with interrupts off:
 * the target may be waiting for a call to this CPU (the Linux rule).
 * With CONFIG_SMP=n there is one CPU and the calls run inline.
 */
typedef void (*smp_call_func_t)(void *info);

#ifdef CONFIG_SMP
/* 0, or -ENXIO when @cpu is not online. */
int smp_call_function_single(int cpu, smp_call_func_t func, void *info,
			     int wait);
/* Every other online CPU. */
void smp_call_function(smp_call_func_t func, void *info, int wait);
/* Every online CPU, this one included. */
void on_each_cpu(smp_call_func_t func, void *info, int wait);
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
#endif

#endif /* _ASM_GENERIC_SMP_CALL_H */
