/* SPDX-License-Identifier: MIT */
/*
 * The part of the asm/mm.h contract every Kite arch shares: 4 KiB pages,
 * 64-byte cache lines, and an identity map of all RAM
 * (virtual == physical), so __va()/__pa() are the identity and the early
 * boot path (MMU off, or the loader's map) and the later paged kernel are
 * interchangeable.  arch/<arch>/include/asm/mm.h includes this and adds
 * its cycle counter and interrupt masking.
 */
#ifndef _ASM_GENERIC_MM_H
#define _ASM_GENERIC_MM_H

#include <asm-generic/page.h>
#include <kernel/types.h>

#define SMP_CACHE_BYTES 64
#define L1_CACHE_BYTES 64

/* Low allocations (DMA32: devices that address only 32 bits) stay
 * under 4 GiB. */
#define ARCH_LOW_ADDRESS_LIMIT 0xffffffffULL

#define __va(pa) ((void *)(uintptr_t)(pa))
#define __pa(va) ((phys_addr_t)(uintptr_t)(va))
#define phys_to_virt(pa) __va(pa)
#define virt_to_phys(va) __pa(va)

/* smp_processor_id(), cpu_relax(), the per-cpu base register. */
#include <asm/smp.h>

#endif /* _ASM_GENERIC_MM_H */
