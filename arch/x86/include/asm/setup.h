/* SPDX-License-Identifier: MIT */
/*
 * Internal to arch/x86: what its boot, CPU, time and memory files give
 * one another.  Not part of the asm/ contract mm/ and lib/ see.
 */
#ifndef _ASM_X86_SETUP_H
#define _ASM_X86_SETUP_H

#include <asm-generic/boot_info.h>
#include <asm-generic/sections.h>
#include <kernel/compiler.h>
#include <kernel/types.h>

struct pt_regs;

/* boot/head.S -> kernel/setup.c: the first C code, in long mode. */
__noreturn void x86_boot(u32 protocol, u32 info);

/* kernel/cpu.c: GDT, TSS and IDT; each CPU's double-fault stack. */
#define DF_STACK_SIZE 8192
extern u8 df_stack[CONFIG_NR_CPUS][DF_STACK_SIZE];
extern char exc_stubs[], call_function_interrupt[], spurious_interrupt[];
void x86_cpu_init(unsigned int cpu);

/* kernel/traps.c, kernel/smpboot.c: what entry.S's stubs call. */
void x86_exception(struct pt_regs *regs);
void x86_call_function_interrupt(struct pt_regs *regs);

/* kernel/time.c: TSC calibration, and its log line once there is one. */
void tsc_init(void);
void tsc_print(void);

/* kernel/bootinfo.c: loader data -> e820_table and reservations; sets
 * bi->cmdline to the loader's command line (never NULL). */
void x86_parse_boot_info(struct boot_info *bi);

/* mm/init.c: the direct map of all RAM, replacing head.S's; device
 * registers mapped into it. */
void x86_paging_init(void);
void *x86_map_mmio(u64 pa, u64 size);

/* kernel/bootinfo.c: the RSDP the loader passed (0: none). */
extern u64 x86_acpi_rsdp;

/* kernel/smpboot.c: the CPUs from the ACPI MADT and the AP trampoline
 * page, both in setup_arch(); the local APIC once the direct map is up. */
#ifdef CONFIG_SMP
void x86_smp_setup(void);
void x86_reserve_trampoline(void);
/* trampoline.S: the code copied below 1 MiB, and what it reads: per APIC
 * id (xAPIC ids are 0..254), then shared. */
extern char trampoline_start[], trampoline_end[];
extern u64 smpboot_stack[256];
extern u32 smpboot_cpu[256];
extern u32 smpboot_cr3, smpboot_cr4, smpboot_efer;
void x86_smp_map_apic(void);
void x86_smp_irq_enable(void);
#else
static inline void x86_smp_setup(void)
{
}
static inline void x86_reserve_trampoline(void)
{
}
static inline void x86_smp_map_apic(void)
{
}
static inline void x86_smp_irq_enable(void)
{
}
#endif
/* AP entry, 64-bit C (trampoline.S calls it on its stack). */
__noreturn void x86_secondary_start(unsigned int cpu);

#endif /* _ASM_X86_SETUP_H */
