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

/* kernel/cpu.c: GDT, TSS and IDT; the double-fault handler's stack. */
#define DF_STACK_SIZE 8192
extern u8 df_stack[DF_STACK_SIZE];
extern char exc_stubs[];
void x86_cpu_init(void);

/* kernel/traps.c: what entry.S's stubs call. */
void x86_exception(struct pt_regs *regs);

/* kernel/time.c: TSC calibration, and its log line once there is one. */
void tsc_init(void);
void tsc_print(void);

/* kernel/bootinfo.c: loader data -> e820_table and reservations; sets
 * bi->cmdline to the loader's command line (never NULL). */
void x86_parse_boot_info(struct boot_info *bi);

/* mm/init.c: the direct map of all RAM, replacing head.S's. */
void x86_paging_init(void);

#endif /* _ASM_X86_SETUP_H */
