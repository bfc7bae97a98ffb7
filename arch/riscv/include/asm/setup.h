/* SPDX-License-Identifier: MIT */
/*
 * Internal to arch/riscv: what its boot, trap and memory files give one
 * another.  Not part of the asm/ contract mm/ and lib/ see.
 */
#ifndef _ASM_RISCV_SETUP_H
#define _ASM_RISCV_SETUP_H

#include <asm-generic/boot_info.h>
#include <asm-generic/sections.h>
#include <kernel/compiler.h>
#include <kernel/types.h>

struct dt_blob;
struct pt_regs;

/* boot/head.S -> kernel/setup.c: the first C code. */
__noreturn void riscv_boot(unsigned long hartid, unsigned long dtb);

/* kernel/setup.c: the devicetree in use, for the in-kernel selftests;
 * boot code gets it as a parameter. */
extern struct dt_blob boot_dt;

/* kernel/time.c: the time CSR's frequency (from /cpus in setup.c). */
extern u64 riscv_timebase;

/* kernel/traps.c: the trap vector, the handler entry.S calls, the tick. */
extern char trap_vector[];
void handle_trap(struct pt_regs *regs);
void riscv_trap_init(void);
void riscv_timer_init(unsigned int hz);

/* kernel/power.c: the exit device, and the SBI fallbacks without it. */
void riscv_power_init(const struct dt_blob *dt);
bool riscv_power_fallback(const char *why);

/* kernel/setup.c: the harts in /cpus. */
void riscv_harts_init(const struct boot_info *bi, const struct dt_blob *dt);

/* mm/init.c: devicetree memory -> memblock (with mem=, memblock=). */
void riscv_memblock_init(const struct boot_info *bi, const struct dt_blob *dt);

/* mm/paging.c: the Sv39 identity map from memblock (and the devicetree
 * in bi, which mem= may have cut out of it), switched on. */
void riscv_paging_init(const struct boot_info *bi);
/* mm/paging.c: the satp value with the kernel's page tables (0: paging
 * off), for the secondary harts' entry. */
extern unsigned long riscv_kernel_satp;

/* boot/head.S: where SBI HSM hart_start sends a secondary hart. */
extern char secondary_entry[];

/* kernel/smp.c: the secondary harts' first C code (boot/head.S). */
__noreturn void riscv_secondary_start(unsigned int cpu);

/* boot/builtin_dtb.S (CONFIG_BUILTIN_DTB). */
extern const char __builtin_dtb[], __builtin_dtb_end[];

#endif /* _ASM_RISCV_SETUP_H */
