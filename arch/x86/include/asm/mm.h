/* SPDX-License-Identifier: MIT */
/*
 * The arch contract for mm/ on x86_64: asm-generic/mm.h's identity map
 * (head.S's 4 GiB first, then the direct map of all RAM built in
 * arch/x86/mm), the TSC as the cycle counter, and EFLAGS.IF for
 * interrupt masking.
 */
#ifndef _ASM_X86_MM_H
#define _ASM_X86_MM_H

#include <asm-generic/mm.h>

static inline u64 get_cycles(void)
{
	unsigned int lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

typedef unsigned long irqflags_t;
#define local_irq_save(f) \
	__asm__ __volatile__("pushfq; popq %0; cli" : "=r"(f)::"memory")
#define local_irq_restore(f)                                      \
	do {                                                      \
		if ((f)&0x200)                                    \
			__asm__ __volatile__("sti" ::: "memory"); \
	} while (0)
#define local_irq_disable() __asm__ __volatile__("cli" ::: "memory")
#define local_irq_enable() __asm__ __volatile__("sti" ::: "memory")

static inline int irqs_disabled(void)
{
	unsigned long f;

	__asm__ __volatile__("pushfq; popq %0" : "=r"(f));
	return !(f & 0x200);
}

#endif /* _ASM_X86_MM_H */
