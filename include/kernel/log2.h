/* SPDX-License-Identifier: MIT */
/* Bit and power-of-two helpers (Linux's names). */
#ifndef _KERNEL_LOG2_H
#define _KERNEL_LOG2_H

#include <kernel/types.h>

static inline bool is_power_of_2(unsigned long n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

/* fls64(0) = 0, fls64(1) = 1, fls64(1 << 63) = 64 */
static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

/* __ffs: index of the lowest set bit; undefined for 0. */
static inline unsigned long __ffs(unsigned long x)
{
	return (unsigned long)__builtin_ctzl(x);
}

static inline unsigned long __fls(unsigned long x)
{
	return (unsigned long)(BITS_PER_LONG - 1 - __builtin_clzl(x));
}

static inline int ilog2(u64 n)
{
	return fls64(n) - 1;
}

static inline u64 roundup_pow_of_two(u64 n)
{
	return n <= 1 ? 1 : 1ULL << fls64(n - 1);
}

static inline u64 rounddown_pow_of_two(u64 n)
{
	return n ? 1ULL << (fls64(n) - 1) : 0;
}

/* Smallest order such that (PAGE_SIZE << order) >= size. */
#define get_order(size) \
	((size) <= PAGE_SIZE ? 0 : ilog2(((u64)(size)-1) >> PAGE_SHIFT) + 1)

#endif /* _KERNEL_LOG2_H */
