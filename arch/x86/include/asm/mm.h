/* SPDX-License-Identifier: MIT */
/*
 * The arch contract for mm/ on x86_64.  All RAM is identity mapped
 * (virtual == physical) by the direct map built in arch/x86/mm.
 */
#ifndef _ASM_X86_MM_H
#define _ASM_X86_MM_H

#include <asm-generic/page.h>
#include <kernel/types.h>

#define SMP_CACHE_BYTES 64
#define L1_CACHE_BYTES 64

/* ISA-era DMA and 32-bit devices: low allocations stay under 4 GiB. */
#define ARCH_LOW_ADDRESS_LIMIT 0xffffffffULL

#define __va(pa) ((void *)(uintptr_t)(pa))
#define __pa(va) ((phys_addr_t)(uintptr_t)(va))
#define phys_to_virt(pa) __va(pa)
#define virt_to_phys(va) __pa(va)

#define smp_processor_id() 0

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

#endif /* _ASM_X86_MM_H */
