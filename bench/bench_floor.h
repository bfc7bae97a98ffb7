/* SPDX-License-Identifier: MIT */
/*
 * The floor every allocator figure is set against (issue 20): a minimal
 * LIFO free list, popped and pushed through the same call shape as
 * alloc_pages() / __free_pages() (two out-of-line calls, an order
 * argument, a pointer back), in the same process and the same run.  What
 * an allocator costs beyond it is its own work; a ratio to it holds up on
 * a noisy or different machine better than cycles do.
 */
#ifndef _BENCH_FLOOR_H
#define _BENCH_FLOOR_H

#include <stdio.h>

#include <kernel/types.h>

struct floor_sample {
	double cycles, ns; /* per pop+push pair, best round */
};

/*
 * Measure the floor: @rounds rounds of @pairs pairs, the best round kept
 * (as the allocator benchmarks keep theirs).
 */
struct floor_sample bench_floor_measure(unsigned int rounds,
					unsigned long pairs);

/* "floor: LIFO list pair  5.3 cycles  2.5 ns" on stdout, and a
 * "floor,lifo,-,<cycles>,<ns>" row in @csv if not NULL. */
void bench_floor_print(FILE *csv, struct floor_sample f);

/* @cycles as a multiple of the floor. */
static inline double floor_ratio(double cycles, struct floor_sample f)
{
	return f.cycles > 0 ? cycles / f.cycles : 0;
}

#endif /* _BENCH_FLOOR_H */
