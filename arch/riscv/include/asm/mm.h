/* SPDX-License-Identifier: MIT */
/*
 * The arch contract for mm/ on RISC-V (RV64, Sv39).
 *
 * The kernel runs on an identity map: virtual == physical for all RAM, so
 * __va()/__pa() are the identity.  That keeps the early boot path (MMU off)
 * and the later paged kernel (Sv39 with W^X permissions) interchangeable.
 */
#ifndef _ASM_RISCV_MM_H
#define _ASM_RISCV_MM_H

#include <asm-generic/page.h>
#include <kernel/types.h>

#define SMP_CACHE_BYTES 64
#define L1_CACHE_BYTES 64

/* DMA32: devices on RISC-V SoCs commonly address only the low 4 GiB. */
#define ARCH_LOW_ADDRESS_LIMIT 0xffffffffULL

#define __va(pa) ((void *)(uintptr_t)(pa))
#define __pa(va) ((phys_addr_t)(uintptr_t)(va))
#define phys_to_virt(pa) __va(pa)
#define virt_to_phys(va) __pa(va)

/* Only the boot hart runs kernel code. */
#define smp_processor_id() 0

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

#endif /* _ASM_RISCV_MM_H */
