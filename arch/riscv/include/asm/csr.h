/* SPDX-License-Identifier: MIT */
/* Supervisor CSR access and bit names. */
#ifndef _ASM_RISCV_CSR_H
#define _ASM_RISCV_CSR_H

#define SR_SIE (1UL << 1)
#define SR_SPIE (1UL << 5)
#define SR_SPP (1UL << 8)
#define SR_SUM (1UL << 18)

#define IE_SSIE (1UL << 1)
#define IE_STIE (1UL << 5)
#define SIP_SSIP (1UL << 1)
#define CAUSE_IRQ (1UL << 63)
#define IRQ_S_SOFT 1
#define IRQ_S_TIMER 5

#define csr_read(csr)                                                         \
	({                                                                    \
		unsigned long __v;                                            \
		__asm__ __volatile__("csrr %0, " #csr : "=r"(__v)::"memory"); \
		__v;                                                          \
	})
#define csr_write(csr, val) \
	__asm__ __volatile__("csrw " #csr ", %0" ::"rK"(val) : "memory")
#define csr_set(csr, val) \
	__asm__ __volatile__("csrs " #csr ", %0" ::"rK"(val) : "memory")
#define csr_clear(csr, val) \
	__asm__ __volatile__("csrc " #csr ", %0" ::"rK"(val) : "memory")

#endif
