// SPDX-License-Identifier: MIT
/*
 * Bit-counting helpers gcc calls when the ISA has no instruction for them
 * (RV64 without Zbb).  Provided here rather than from libgcc: toolchains
 * differ in which multilibs they ship (riscv64-linux-gnu has only lp64d,
 * which cannot link with this soft-float kernel).
 */
#include <kernel/compiler.h>

int __clzdi2(unsigned long x);
int __ctzdi2(unsigned long x);
int __clzsi2(unsigned int x);
int __ctzsi2(unsigned int x);
int __popcountdi2(unsigned long x);

int __clzdi2(unsigned long x)
{
	int n = 0;

	/*
	 * Binary search: 6 steps for 64 bits, each asking whether the top
	 * @step bits of what is left are clear; undefined for 0 like gcc's.
	 */
	for (int step = 32; step; step >>= 1) {
		if (!(x >> (64 - step))) {
			n += step;
			x <<= step;
		}
	}
	return n;
}

int __ctzdi2(unsigned long x)
{
	/* Isolate the lowest set bit; its position is 63 - clz. */
	return 63 - __clzdi2(x & -x);
}

int __clzsi2(unsigned int x)
{
	return __clzdi2((unsigned long)x) - 32;
}

int __ctzsi2(unsigned int x)
{
	return __ctzdi2((unsigned long)x);
}

int __popcountdi2(unsigned long x)
{
	x = x - ((x >> 1) & 0x5555555555555555UL);
	x = (x & 0x3333333333333333UL) + ((x >> 2) & 0x3333333333333333UL);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fUL;
	return (int)((x * 0x0101010101010101UL) >> 56);
}
