/* SPDX-License-Identifier: MIT */
/* Control registers, MSRs, CPUID and page-table bits used by arch/x86. */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

#define X86_CR0_PE (1 << 0)
#define X86_CR0_WP (1 << 16) /* honour read-only pages in ring 0 too */
#define X86_CR0_PG (1 << 31)
#define X86_CR4_PAE (1 << 5)
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)

/* CPUID 0x80000001 EDX */
#define X86_FEATURE_NX_BIT 20
#define X86_FEATURE_GBPAGES_BIT 26
#define X86_FEATURE_LM_BIT 29

#define _PAGE_PRESENT 0x001
#define _PAGE_RW 0x002
#define _PAGE_PWT 0x008 /* write-through */
#define _PAGE_PCD 0x010 /* cache disabled */
#define _PAGE_PSE 0x080 /* 2 MiB in a PD, 1 GiB in a PDPT */
#define _PAGE_GLOBAL 0x100

#ifndef __ASSEMBLY__
#include <kernel/types.h>

#define _PAGE_NX (1ULL << 63)

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(0));
}

static inline u32 cpuid_eax(u32 leaf)
{
	u32 a, b, c, d;

	cpuid(leaf, &a, &b, &c, &d);
	return a;
}

static inline u32 cpuid_edx(u32 leaf)
{
	u32 a, b, c, d;

	cpuid(leaf, &a, &b, &c, &d);
	return d;
}

/* read_cr0(), read_cr2(), read_cr3(), read_cr4(). */
#define DEFINE_READ_CR(n)                                             \
	static inline unsigned long read_cr##n(void)                  \
	{                                                             \
		unsigned long v;                                      \
		__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v)); \
		return v;                                             \
	}
DEFINE_READ_CR(0)
DEFINE_READ_CR(2)
DEFINE_READ_CR(3)
DEFINE_READ_CR(4)
#undef DEFINE_READ_CR

static inline void write_cr3(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr3" ::"r"(v) : "memory");
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;
	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void halt(void)
{
	__asm__ __volatile__("hlt");
}

/* Does CPUID 0x80000001 EDX have @bit? (extended leaf probed first) */
static inline bool cpu_has_ext(unsigned int bit)
{
	if (cpuid_eax(0x80000000) < 0x80000001)
		return false;
	return cpuid_edx(0x80000001) & (1U << bit);
}
#endif

#endif /* _ASM_X86_PROCESSOR_H */
