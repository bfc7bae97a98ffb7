/* SPDX-License-Identifier: MIT */
/* MMIO accessors.  Device memory is reached through the identity map;
 * the fences order device accesses against normal memory (RVWMO). */
#ifndef _ASM_RISCV_IO_H
#define _ASM_RISCV_IO_H

#include <kernel/types.h>

/*
 * ioremap - make device registers at @pa reachable; returns their address
 * (the identity, so drivers may call it before paging is on).  Ranges
 * recorded before riscv_paging_init() are mapped read-write, not
 * executable; later calls must fall inside an existing mapping.
 */
void *ioremap(phys_addr_t pa, size_t size);

static inline u8 readb(const volatile void *a)
{
	u8 v = *(const volatile u8 *)a;
	__asm__ __volatile__("fence i,r" ::: "memory");
	return v;
}

static inline u32 readl(const volatile void *a)
{
	u32 v = *(const volatile u32 *)a;
	__asm__ __volatile__("fence i,r" ::: "memory");
	return v;
}

static inline void writeb(u8 v, volatile void *a)
{
	__asm__ __volatile__("fence w,o" ::: "memory");
	*(volatile u8 *)a = v;
}

static inline void writew(u16 v, volatile void *a)
{
	__asm__ __volatile__("fence w,o" ::: "memory");
	*(volatile u16 *)a = v;
}

static inline void writel(u32 v, volatile void *a)
{
	__asm__ __volatile__("fence w,o" ::: "memory");
	*(volatile u32 *)a = v;
}

#endif
