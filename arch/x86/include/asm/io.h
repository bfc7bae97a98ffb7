/* SPDX-License-Identifier: MIT */
/* MMIO and port I/O accessors (x86 keeps device accesses in order). */
#ifndef _ASM_X86_IO_H
#define _ASM_X86_IO_H

#include <kernel/types.h>

static inline u8 readb(const volatile void *a)
{
	return *(const volatile u8 *)a;
}

static inline u32 readl(const volatile void *a)
{
	return *(const volatile u32 *)a;
}

static inline void writeb(u8 v, volatile void *a)
{
	*(volatile u8 *)a = v;
}

static inline void writew(u16 v, volatile void *a)
{
	*(volatile u16 *)a = v;
}

static inline void writel(u32 v, volatile void *a)
{
	*(volatile u32 *)a = v;
}

static inline u8 inb(u16 port)
{
	u8 v;
	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outb(u8 v, u16 port)
{
	__asm__ __volatile__("outb %0, %1" ::"a"(v), "Nd"(port));
}

static inline void outw(u16 v, u16 port)
{
	__asm__ __volatile__("outw %0, %1" ::"a"(v), "Nd"(port));
}

#endif
