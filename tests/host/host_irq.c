// SPDX-License-Identifier: MIT
/*
 * Interrupts on the host (tests/host/include/asm/smp.h says the model):
 * a per-thread "interrupts off" flag and a pending-IPI flag per CPU.
 * Linked into every host program; programs that link kernel/smp_call.c
 * get its handle_ipi(), the rest the empty one below.
 */
#include <kernel/compiler.h>
#include <asm/mm.h> /* before asm-generic/smp.h: the host's CPU id */
#include <asm-generic/smp.h>

_Thread_local unsigned long host_irqs_off;
unsigned int host_ipi_pending[CONFIG_NR_CPUS];

__weak void handle_ipi(void)
{
}

/* Run this CPU's IPI handler as the hardware would: interrupts off. */
void host_ipi_deliver(void)
{
	while (__atomic_exchange_n(&host_ipi_pending[host_current_cpu], 0U,
				   __ATOMIC_ACQUIRE)) {
		host_irqs_off = 1;
		handle_ipi();
		host_irqs_off = 0;
	}
}
