/* SPDX-License-Identifier: MIT */
/*
 * The arch contract for mm/, host edition.
 *
 * Physical memory is simulated: tests/host/host.c reserves one big
 * MAP_NORESERVE mapping that stands for [sim_phys_base, sim_phys_end), and
 * __va()/__pa() translate by a constant offset.  Pages are only backed when
 * something touches them, so tests can describe many GiB of "RAM".
 */
#ifndef _ASM_HOST_MM_H
#define _ASM_HOST_MM_H

#include <asm-generic/page.h>
#include <kernel/types.h>

#define SMP_CACHE_BYTES 64
#define L1_CACHE_BYTES 64

/* Allocations made by *_low() helpers stay below this (host: 4 GiB). */
#define ARCH_LOW_ADDRESS_LIMIT 0xffffffffULL

extern uintptr_t host_phys_offset;
extern phys_addr_t host_sim_base, host_sim_end;

#define __va(pa) ((void *)((uintptr_t)(pa) + host_phys_offset))
#define __pa(va) ((phys_addr_t)((uintptr_t)(va)-host_phys_offset))
#define phys_to_virt(pa) __va(pa)
#define virt_to_phys(va) __pa(va)

/* Host tests model up to NR_CPUS CPUs; the "current" one is settable
 * (asm/smp.h: per thread). */
#include <asm/smp.h>

static inline u64 get_cycles(void)
{
#if defined(__x86_64__)
	unsigned int lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
#else
	return 0;
#endif
}

/* Interrupt masking: a per-thread flag; an IPI pending for this thread's
 * CPU is taken when it goes back on (asm/smp.h). */
typedef unsigned long irqflags_t;
#define local_irq_save(f) ((void)((f) = host_irqs_off, host_irqs_off = 1))
#define local_irq_restore(f) ((void)(host_irqs_off = (f), host_irq_poll()))
#define local_irq_disable() ((void)(host_irqs_off = 1))
#define local_irq_enable() ((void)(host_irqs_off = 0, host_irq_poll()))
#define irqs_disabled() (host_irqs_off != 0)

#endif /* _ASM_HOST_MM_H */
