// SPDX-License-Identifier: MIT
/*
 * DOC: rand
 *
 * rand() is xorshift64* (S. Vigna, "An experimental exploration of
 * Marsaglia's xorshift generators, scrambled", 2016): 64 bits of state,
 * period 2^64 - 1, the top 31 bits of each output returned.  srand(seed)
 * mixes the seed with splitmix64 so that every seed, 0 included, gives a
 * non-zero state.  Without srand() the sequence is that of srand(1), as C
 * requires.  The same seed gives the same sequence on every arch.  It is
 * not a cryptographic generator.
 */
#include <stdint.h>

#include "../../include/libc/stdlib.h"

static uint64_t splitmix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t state;

void srand(unsigned int seed)
{
	state = splitmix64(seed);
	if (!state)
		state = 1;
}

int rand(void)
{
	if (!state)
		srand(1);
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return (int)((state * 0x2545f4914f6cdd1dULL) >> 33);
}

/*
 * rand_r - POSIX's re-entrant variant: all state in *seedp (32 bits), so
 * a weaker generator: a 32-bit LCG (Numerical Recipes constants) whose
 * output goes through the murmur3 finaliser.
 */
int rand_r(unsigned int *seedp)
{
	uint32_t x = *seedp = *seedp * 1664525u + 1013904223u;

	x ^= x >> 16;
	x *= 0x85ebca6bu;
	x ^= x >> 13;
	x *= 0xc2b2ae35u;
	x ^= x >> 16;
	return (int)(x & RAND_MAX);
}
