/* SPDX-License-Identifier: MIT */
/*
 * The boot contract between an arch and the generic code: the steps each
 * arch gives (called by start_kernel() and mm/), and start_kernel(), the
 * one function the arch's entry code calls up into.  Declarations only,
 * at the level of the asm/ contract (docs/internals.md): mm/ and the arch
 * include it without depending on the kernel layer.  What mm/ gives the
 * boot is in mm/boot.h, the application contract in kernel/app.h.
 */
#ifndef _KERNEL_INIT_H
#define _KERNEL_INIT_H

#include <kernel/compiler.h>
#include <kernel/types.h>
#include <asm-generic/sections.h>

struct boot_info; /* asm-generic/boot_info.h */

/* The arch's entry code passes what the firmware handed it. */
__noreturn void start_kernel(struct boot_info *bi);

/* Arch: firmware facts -> memblock, console, command line, early params. */
void setup_arch(struct boot_info *bi);
/* Arch: fill max_zone_pfn[] (one entry per zone type) from its limits. */
void arch_zone_limits_init(unsigned long *max_zone_pfn);
/* Arch: work after the allocators are up (page tables with W^X, ...). */
void arch_late_init(void);
/* Arch: make init text ordinary RW, NX memory before it is freed. */
bool mark_initmem_nx(void);

#endif
