/* SPDX-License-Identifier: MIT */
/*
 * The local APIC in xAPIC mode (memory-mapped registers; Intel SDM vol. 3,
 * chapter 11): enough for SMP bring-up (INIT-SIPI-SIPI) and one
 * inter-processor interrupt vector.  arch/x86/kernel/apic.c.
 */
#ifndef _ASM_X86_APIC_H
#define _ASM_X86_APIC_H

/* Register offsets from the APIC base. */
#define APIC_ID 0x20
#define APIC_LVR 0x30
#define APIC_TASKPRI 0x80
#define APIC_EOI 0xb0
#define APIC_SPIV 0xf0
#define APIC_SPIV_ENABLE (1U << 8)
#define APIC_ESR 0x280
#define APIC_ICR 0x300
#define APIC_ICR2 0x310 /* destination in bits 31:24 */
#define APIC_LVTT 0x320
#define APIC_LVT0 0x350
#define APIC_LVT1 0x360
#define APIC_LVTERR 0x370
#define APIC_LVT_MASKED (1U << 16)
#define APIC_DM_NMI 0x400

/* ICR fields. */
#define APIC_DM_FIXED 0x000
#define APIC_DM_INIT 0x500
#define APIC_DM_STARTUP 0x600
#define APIC_ICR_BUSY (1U << 12) /* delivery status: send pending */
#define APIC_INT_ASSERT (1U << 14)
#define APIC_INT_LEVELTRIG (1U << 15)

#define MSR_IA32_APICBASE 0x1b
#define MSR_IA32_APICBASE_EXTD (1U << 10) /* x2APIC mode */
#define MSR_IA32_APICBASE_ENABLE (1U << 11)

/* Vectors (Linux's numbers): the one cross-call IPI, and spurious. */
#define CALL_FUNCTION_VECTOR 0xfc
#define SPURIOUS_APIC_VECTOR 0xff
#define FIRST_SYSTEM_VECTOR 0xfc

#ifndef __ASSEMBLY__
#include <kernel/types.h>

/* Physical address of the local APIC (the MADT's, else the MSR's). */
extern u64 lapic_phys;

/* This CPU's APIC id, from CPUID (usable before the APIC is mapped). */
u32 boot_cpu_apic_id(void);
/* Map the registers (setup_arch(), while memblock can give page tables). */
int lapic_map(void);
/* Enable this CPU's local APIC: software enable, LINT0 and the timer
 * masked (the 8259s are masked too, on the boot CPU). */
void lapic_setup_cpu(bool boot_cpu);
void lapic_eoi(void);
/* Send @icr (low word) to APIC id @dest; 0, or -ETIMEDOUT when the
 * previous send never left. */
int lapic_send(u32 dest, u32 icr);
/* INIT-SIPI-SIPI to @apic_id, starting it at real-mode page @start_pa. */
int lapic_wakeup_cpu(u32 apic_id, u64 start_pa);
#endif

#endif /* _ASM_X86_APIC_H */
