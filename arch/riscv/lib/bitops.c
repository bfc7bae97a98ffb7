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

	/* Binary search: 6 steps for 64 bits; undefined for 0 like gcc's. */
	if (!(x >> 32)) {
		n += 32;
		x <<= 32;
	}
	if (!(x >> 48)) {
		n += 16;
		x <<= 16;
	}
	if (!(x >> 56)) {
		n += 8;
		x <<= 8;
	}
	if (!(x >> 60)) {
		n += 4;
		x <<= 4;
	}
	if (!(x >> 62)) {
		n += 2;
		x <<= 2;
	}
	if (!(x >> 63))
		n += 1;
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
