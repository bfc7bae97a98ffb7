/* SPDX-License-Identifier: MIT */
/*
 * Timing shared by the benchmarks: wall-clock nanoseconds and the best
 * of several rounds (time and cycles of the same round).
 */
#ifndef _BENCH_ENV_H
#define _BENCH_ENV_H

#include <time.h>

#include <kernel/types.h>

static inline u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

struct sample {
	u64 ns, cycles;
};

/* Keep the faster round in @best. */
static inline void keep_best(struct sample *best, u64 ns, u64 cycles)
{
	if (!best->ns || ns < best->ns) {
		best->ns = ns;
		best->cycles = cycles;
	}
}

#endif /* _BENCH_ENV_H */
