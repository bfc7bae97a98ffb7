/* SPDX-License-Identifier: MIT */
/* The application contract (kernel/app.c, docs/applications.md). */
#ifndef _KERNEL_APP_H
#define _KERNEL_APP_H

#include <kernel/compiler.h>

/*
 * Several CPUs (docs/applications.md): num_online_cpus(),
 * smp_processor_id(), smp_call_function_single(), on_each_cpu() and the
 * spinlocks (spin_lock(), spin_lock_irqsave(), DEFINE_SPINLOCK() ...).
 * C11 atomics come from <stdatomic.h>.
 */
#include <asm/smp.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>

/* The one application. */
int app_main(int argc, char **argv);
__noreturn void run_application(void);

/*
 * Its end (the libc's atexit() and exit()): kernel_atexit() registers a
 * handler (-ENOMEM past 32); kernel_exit() runs them, last first, and
 * powers off with @status.
 */
int kernel_atexit(void (*fn)(void));
__noreturn void kernel_exit(int status);

/* fault=exec_init (tests/kernel/fault_ktest.c): call into the freed init text.
 */
#ifdef CONFIG_SELFTEST
void fault_after_free_initmem(void);
#else
static inline void fault_after_free_initmem(void)
{
}
#endif

#endif /* _KERNEL_APP_H */
