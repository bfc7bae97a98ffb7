// SPDX-License-Identifier: MIT
/*
 * Host benchmark of the buddy page allocator (build -O2, no sanitizers).
 *
 *   bench_page_alloc [out.csv]
 *
 * 1. alloc+free pairs per order 0..MAX_ORDER-1, with and without the
 *    per-cpu lists: cycles (get_cycles) and ns (CLOCK_MONOTONIC) per pair,
 *    best of several rounds;
 * 2. a batch of BULK order-0 pages taken with alloc_pages_bulk_array() and
 *    given back with release_pages(), with and without the per-cpu lists:
 *    cycles and ns per page, best of several rounds;
 * 3. a random churn of mixed orders and migratetypes: cycles per operation;
 * 4. fragmentation after churn, with and without grouping by mobility:
 *    memory is filled with interleaved unmovable and movable allocations,
 *    the movable ones are freed (as if migrated away), and the share of
 *    free memory in blocks of order >= pageblock_order is reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <kernel/printk.h>
#include <mm/memblock.h>
#include <mm/page_alloc.h>

#include "bench_floor.h"
#include "host.h"

#define MEM_BYTES (256ULL << 20)
#define PAIRS 200000
#define CHURN_OPS 2000000
#define SLOTS 4096
#define BULK 1000
#define BULK_BATCHES 200

static FILE *csv;
static struct floor_sample floor_pair;

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

static u64 rng = 88172645463325252ULL;
static u64 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* One node of MEM_BYTES: DMA below 16 MiB, DMA32 above (riscv-like). */
static void boot(void)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = {0};

	memblock_remove(0, PHYS_ADDR_MAX >> 1);
	memblock_free(0, PHYS_ADDR_MAX >> 1);
	host_sim_mem(0, MEM_BYTES);
	memblock_add_node(0, MEM_BYTES, 0, MEMBLOCK_NONE);
	memblock_reserve(0, 2 << 20); /* "kernel" */
#ifdef CONFIG_ZONE_DMA
	max_zone_pfn[ZONE_DMA] = PHYS_PFN(16ULL << 20);
#endif
#ifdef CONFIG_ZONE_DMA32
	max_zone_pfn[ZONE_DMA32] = PHYS_PFN(4ULL << 30);
#endif
	max_zone_pfn[ZONE_NORMAL] = PHYS_PFN(4ULL << 30);
	cmdline_parse_movablecore("0");
	free_area_init(max_zone_pfn);
	memblock_free_all();
	host_log_clear();
}

/*
 * Best of ROUNDS rounds: the host is shared (builds, other benchmarks), and
 * the minimum is the figure least disturbed by them.
 */
#define ROUNDS 7

static void pairs(bool pcp)
{
	page_alloc_set_pcp_enabled(pcp);
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		int n = (order < 4 ? PAIRS : PAIRS / 4) / ROUNDS;
		double best_c = 1e30, best_ns = 1e30;
		struct page *p;

		for (int i = 0; i < 1000; i++) /* warm up */
			__free_pages(alloc_pages(GFP_KERNEL, order), order);
		for (int r = 0; r < ROUNDS; r++) {
			u64 t0 = now_ns(), c0 = get_cycles(), c1, t1;

			for (int i = 0; i < n; i++) {
				p = alloc_pages(GFP_KERNEL, order);
				__free_pages(p, order);
			}
			c1 = get_cycles();
			t1 = now_ns();
			if ((double)(c1 - c0) / n < best_c) {
				best_c = (double)(c1 - c0) / n;
				best_ns = (double)(t1 - t0) / n;
			}
		}
		printf("%-10s %5u %12.1f %10.1f %8.1fx\n",
		       pcp ? "pcp" : "no-pcp", order, best_c, best_ns,
		       floor_ratio(best_c, floor_pair));
		if (csv)
			fprintf(csv, "pair,%s,%u,%.1f,%.1f\n",
				pcp ? "pcp" : "nopcp", order, best_c, best_ns);
	}
	page_alloc_set_pcp_enabled(true);
}

struct slot {
	struct page *page;
	unsigned int order;
	gfp_t gfp;
};
static struct slot slots[SLOTS];

static unsigned int churn_order(void)
{
	unsigned int r = (unsigned int)(rnd() % 100);

	return r < 70	? 0
	       : r < 90 ? 1 + (unsigned int)(rnd() % 2)
	       : r < 99 ? 3 + (unsigned int)(rnd() % 3)
			: (unsigned int)pageblock_order;
}

/* Batches of BULK order-0 pages: alloc_pages_bulk_array + release_pages. */
static void bulk(bool pcp)
{
	static struct page *batch[BULK];
	double best_c = 1e30, best_ns = 1e30;

	page_alloc_set_pcp_enabled(pcp);
	for (int r = 0; r < ROUNDS; r++) {
		u64 t0 = now_ns(), c0 = get_cycles(), c1, t1;

		for (int b = 0; b < BULK_BATCHES; b++) {
			if (alloc_pages_bulk_array(GFP_KERNEL, BULK, batch) !=
			    BULK) {
				fprintf(stderr, "bulk: short batch\n");
				exit(1);
			}
			release_pages(batch, BULK);
			memset(batch, 0, sizeof(batch));
		}
		c1 = get_cycles();
		t1 = now_ns();
		if ((double)(c1 - c0) / (BULK * BULK_BATCHES) < best_c) {
			best_c = (double)(c1 - c0) / (BULK * BULK_BATCHES);
			best_ns = (double)(t1 - t0) / (BULK * BULK_BATCHES);
		}
	}
	printf("bulk %-5s %5d %12.1f %10.1f %8.1fx  (per page, batch of %d)\n",
	       pcp ? "pcp" : "no-pcp", 0, best_c, best_ns,
	       floor_ratio(best_c, floor_pair), BULK);
	if (csv)
		fprintf(csv, "bulk,%s,0,%.1f,%.1f\n", pcp ? "pcp" : "no-pcp",
			best_c, best_ns);
	page_alloc_set_pcp_enabled(true);
}

static void churn(void)
{
	static const gfp_t gfps[] = {GFP_KERNEL, GFP_HIGHUSER_MOVABLE,
				     GFP_KERNEL | __GFP_RECLAIMABLE};
	u64 c0, c1, t0, t1;
	unsigned long fails = 0;

	t0 = now_ns();
	c0 = get_cycles();
	for (int i = 0; i < CHURN_OPS; i++) {
		struct slot *s = &slots[rnd() % SLOTS];

		if (s->page) {
			__free_pages(s->page, s->order);
			s->page = NULL;
		} else {
			s->order = churn_order();
			s->gfp = gfps[rnd() % 3] | __GFP_NOWARN;
			s->page = alloc_pages(s->gfp, s->order);
			fails += !s->page;
		}
	}
	c1 = get_cycles();
	t1 = now_ns();
	printf("churn      %8d ops %8.1f cycles/op %8.1f ns/op %5.1fx floor "
	       "(%lu failed)\n",
	       CHURN_OPS, (double)(c1 - c0) / CHURN_OPS,
	       (double)(t1 - t0) / CHURN_OPS,
	       floor_ratio((double)(c1 - c0) / CHURN_OPS, floor_pair), fails);
	if (csv)
		fprintf(csv, "churn,mixed,-,%.1f,%.1f\n",
			(double)(c1 - c0) / CHURN_OPS,
			(double)(t1 - t0) / CHURN_OPS);
	for (int i = 0; i < SLOTS; i++)
		if (slots[i].page) {
			__free_pages(slots[i].page, slots[i].order);
			slots[i].page = NULL;
		}
}

/* Share (percent) of free memory in blocks of order >= pageblock_order. */
static double high_order_share(void)
{
	unsigned long all = 0, high = 0;
	struct zone *zone;

	drain_all_pages(NULL);
	for_each_populated_zone(zone)
		for (unsigned int o = 0; o < MAX_ORDER; o++) {
			unsigned long pages = zone->free_area[o].nr_free << o;

			all += pages;
			if (o >= pageblock_order)
				high += pages;
		}
	return all ? 100.0 * (double)high / (double)all : 0;
}

static struct page **frag_pages;
static unsigned char *frag_movable;

static void fragmentation(bool grouping)
{
	unsigned long n = 0, cap = MEM_BYTES >> PAGE_SHIFT;
	double before, after;

	boot();
	page_group_by_mobility_disabled = !grouping;
	before = high_order_share();
	/* fill ~90% with interleaved small allocations, 1 in 4 unmovable */
	while (nr_free_pages() > totalram_pages() / 10 && n < cap) {
		bool movable = rnd() % 4 != 0;
		struct page *p = alloc_pages(
			(movable ? GFP_HIGHUSER_MOVABLE : GFP_KERNEL) |
				__GFP_NOWARN,
			0);

		if (!p)
			break;
		frag_pages[n] = p;
		frag_movable[n++] = movable;
	}
	/* churn inside the full memory for a while */
	for (int i = 0; i < 200000 && n; i++) {
		unsigned long k = rnd() % n;
		bool movable = rnd() % 4 != 0;
		struct page *p;

		__free_pages(frag_pages[k], 0);
		p = alloc_pages((movable ? GFP_HIGHUSER_MOVABLE : GFP_KERNEL) |
					__GFP_NOWARN,
				0);
		if (!p) {
			frag_pages[k] = frag_pages[--n];
			frag_movable[k] = frag_movable[n];
			continue;
		}
		frag_pages[k] = p;
		frag_movable[k] = movable;
	}
	/* movable pages "migrate away": free them */
	for (unsigned long i = 0; i < n; i++)
		if (frag_movable[i])
			__free_pages(frag_pages[i], 0);
	after = high_order_share();
	printf("fragmentation grouping=%-3s: order>=%d share %.1f%% before, "
	       "%.1f%% after churn (%lu free pages)\n",
	       grouping ? "on" : "off", pageblock_order, before, after,
	       nr_free_pages());
	if (csv)
		fprintf(csv, "frag,%s,%d,%.1f,%.1f\n",
			grouping ? "grouping" : "nogrouping", pageblock_order,
			before, after);
	for (unsigned long i = 0; i < n; i++)
		if (!frag_movable[i])
			__free_pages(frag_pages[i], 0);
	page_group_by_mobility_disabled = false;
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		csv = fopen(argv[1], "w");
		if (!csv) {
			perror(argv[1]);
			return 1;
		}
		fprintf(csv, "test,variant,order,cycles,ns\n");
	}
	boot();
	printf("page allocator benchmark: %llu MiB, MAX_ORDER %d, "
	       "pageblock_order %d\n",
	       MEM_BYTES >> 20, MAX_ORDER, pageblock_order);
	floor_pair = bench_floor_measure(ROUNDS, PAIRS / ROUNDS);
	bench_floor_print(csv, floor_pair);
	printf("%-10s %5s %12s %10s %9s\n", "variant", "order", "cycles/pair",
	       "ns/pair", "/floor");
	pairs(true);
	pairs(false);
	bulk(true);
	bulk(false);
	churn();
	frag_pages = calloc(MEM_BYTES >> PAGE_SHIFT, sizeof(*frag_pages));
	frag_movable = calloc(MEM_BYTES >> PAGE_SHIFT, 1);
	fragmentation(true);
	fragmentation(false);
	free(frag_pages);
	free(frag_movable);
	if (csv)
		fclose(csv);
	return 0;
}
