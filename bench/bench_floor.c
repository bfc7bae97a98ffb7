// SPDX-License-Identifier: MIT
/*
 * The floor of the allocator benchmarks: see bench_floor.h.  Linked into
 * every bench program (bench/bench.mk).
 */
#include <asm/mm.h>

#include "bench_env.h"
#include "bench_floor.h"

struct floor_item {
	struct floor_item *next;
};

/* 64 items, far more than a pair ever takes out */
static struct floor_item floor_items[64];
static struct floor_item *floor_head;

/*
 * noipa: a real call each time, as alloc_pages() is from a benchmark; the
 * compiler may not inline it, drop it or use what it knows of its body.
 * The order argument is taken and ignored, as a gfp mask would be.
 */
__attribute__((noinline, noipa)) static struct floor_item *
floor_alloc(unsigned int gfp, unsigned int order)
{
	struct floor_item *it = floor_head;

	(void)gfp;
	(void)order;
	if (it)
		floor_head = it->next;
	return it;
}

__attribute__((noinline, noipa)) static void floor_free(struct floor_item *it,
							unsigned int order)
{
	(void)order;
	it->next = floor_head;
	floor_head = it;
}

struct floor_sample bench_floor_measure(unsigned int rounds,
					unsigned long pairs)
{
	struct floor_sample best = {0, 0};
	struct sample s = {0, 0};

	floor_head = NULL;
	for (unsigned int i = 0; i < sizeof(floor_items) / sizeof(*floor_items);
	     i++)
		floor_free(&floor_items[i], 0);
	for (unsigned int r = 0; r < rounds; r++) {
		u64 t0 = now_ns(), c0 = get_cycles();

		for (unsigned long i = 0; i < pairs; i++)
			floor_free(floor_alloc(0, 0), 0);
		keep_best(&s, now_ns() - t0, get_cycles() - c0);
	}
	best.cycles = (double)s.cycles / (double)pairs;
	best.ns = (double)s.ns / (double)pairs;
	return best;
}

void bench_floor_print(FILE *csv, struct floor_sample f)
{
	printf("floor: LIFO list pair %8.1f cycles %8.2f ns (alloc_pages() "
	       "call shape; ratios below are to this)\n",
	       f.cycles, f.ns);
	if (csv)
		fprintf(csv, "floor,lifo,-,%.1f,%.2f\n", f.cycles, f.ns);
}
