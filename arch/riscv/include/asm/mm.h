/* SPDX-License-Identifier: MIT */
/*
 * The arch contract for mm/ on RISC-V (RV64, Sv39): asm-generic/mm.h's
 * identity map (MMU off early, Sv39 with W^X permissions later), the time
 * CSR as the cycle counter, and sstatus.SIE for interrupt masking.
 */
#ifndef _ASM_RISCV_MM_H
#define _ASM_RISCV_MM_H

#include <asm-generic/mm.h>

static inline u64 get_cycles(void)
{
	u64 t;
	__asm__ __volatile__("rdtime %0" : "=r"(t));
	return t;
}

typedef unsigned long irqflags_t;
#define local_irq_save(f)                            \
	__asm__ __volatile__("csrrc %0, sstatus, %1" \
			     : "=r"(f)               \
			     : "rK"(2UL)             \
			     : "memory")
#define local_irq_restore(f) \
	__asm__ __volatile__("csrs sstatus, %0" ::"r"((f)&2UL) : "memory")
#define local_irq_disable() \
	__asm__ __volatile__("csrc sstatus, %0" ::"rK"(2UL) : "memory")
#define local_irq_enable() \
	__asm__ __volatile__("csrs sstatus, %0" ::"rK"(2UL) : "memory")

static inline int irqs_disabled(void)
{
	unsigned long s;

	__asm__ __volatile__("csrr %0, sstatus" : "=r"(s));
	return !(s & 2UL);
}

#endif /* _ASM_RISCV_MM_H */
