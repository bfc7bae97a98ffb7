/* SPDX-License-Identifier: MIT */
/* The boot sequence: what start_kernel() calls, and what each arch gives. */
#ifndef _KERNEL_INIT_H
#define _KERNEL_INIT_H

#include <kernel/compiler.h>
#include <kernel/types.h>

struct boot_info; /* asm-generic/boot_info.h */

/* The arch's entry code passes what the firmware handed it. */
__noreturn void start_kernel(struct boot_info *bi);

/* Arch: firmware facts -> memblock, console, command line, early params. */
void setup_arch(struct boot_info *bi);
/* Arch: fill max_zone_pfn[] (one entry per zone type) from its limits. */
void arch_zone_limits_init(unsigned long *max_zone_pfn);
/* Arch: work after the allocators are up (page tables with W^X, ...). */
void arch_late_init(void);

/* mm: bring up zones, the buddy allocator and the slab. */
void mm_init(void);
/* Poison and free the __init sections. */
void free_initmem(void);
/* Arch: make init text ordinary RW, NX memory before it is freed. */
bool mark_initmem_nx(void);
/* True once the __init sections are poisoned and in the buddy allocator. */
extern bool initmem_freed;
/* fault=exec_init (core/test_fault.c): call into the freed init text. */
#ifdef CONFIG_SELFTEST
void fault_after_free_initmem(void);
#else
static inline void fault_after_free_initmem(void)
{
}
#endif
/*
 * Finish deferred struct page init (CONFIG_DEFERRED_STRUCT_PAGE_INIT), then
 * free the __init sections free_initmem() had to keep; a no-op otherwise.
 * Not __init: the application may call it once it is up.
 */
void mm_deferred_init_finish(void);

/* Linker-script symbols describing the image. */
extern char _start[], _end[];
extern char _stext[], _etext[], _srodata[], _erodata[];
extern char _sdata[], _edata[], __bss_start[], __bss_stop[];
extern char __init_begin[], __init_end[];
/* Init data: page aligned after init text, for W^X. */
extern char _sinitdata[];

/* The one application. */
int app_main(int argc, char **argv);
__noreturn void run_application(void);

#endif
