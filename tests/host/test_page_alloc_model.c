// SPDX-License-Identifier: MIT
/*
 * Randomized model test of the page allocator: a million random
 * alloc/free operations of mixed orders, gfp flags, nodes and CPUs over a
 * two-node machine with DMA, DMA32 (mostly a hole), Normal above 4 GiB and
 * Movable, with holes and reserved ranges.
 *
 * pcp lists and grouping by mobility are switched off and on now and then.
 * Every step: the new block is aligned, in an allowed zone and node, and
 * overlaps no live allocation (an ownership bitmap over all pfns); free +
 * allocated pages == pages at start.  Every CHECK_EVERY steps: the full
 * zone check (list membership, alignment, no unmerged buddies, exact
 * counters) and no free block overlaps an allocation.  At the end all is
 * freed and the buddy state equals the one after boot.
 *
 * SEED=n reproduces a run; OPS=n changes the number of operations.
 */
#include <kernel/log2.h>

#include "page_alloc_fixture.h"

#define CHECK_EVERY 1000
#define MAX_LIVE 30000

static const struct pa_range model_mem[] = {
	{0, 16 * SZ_1M, 0},			 /* DMA, DMA32 from 14M */
	{16 * SZ_1M, 24 * SZ_1M, 0},		 /* DMA32 ... */
	{48 * SZ_1M, 48 * SZ_1M, 0},		 /* ... hole at 40M, to 4G */
	{4 * SZ_1G, 32 * SZ_1M, 1},		 /* Normal on node 1 */
	{4 * SZ_1G + 40 * SZ_1M, 32 * SZ_1M, 1}, /* after a hole */
};
static const struct pa_range model_res[] = {
	{2 * SZ_1M, 3 * SZ_1M + 12288, 0}, /* kernel, odd size */
	{60 * SZ_1M + 4096, 8192, 0},	   /* DTB, unaligned */
	{4 * SZ_1G + 8 * SZ_1M, SZ_1M, 1},
};
static const struct pa_layout model = {
	PA_MEM(model_mem),
	PA_RES(model_res),
	/* DMA ends at 14 MiB, not on a max-order boundary: buddies must
	 * not merge across zones */
	.zone_limit = {[ZONE_DMA] = 14 * SZ_1M,
		       [ZONE_DMA32] = 4 * SZ_1G,
		       [ZONE_NORMAL] = 4 * SZ_1G + 72 * SZ_1M},
	.movablecore = "16M",
};

struct live {
	unsigned long pfn;
	unsigned int order;
};

static struct live live[MAX_LIVE];
static int nlive;
static unsigned long live_pages;
static u8 *owned; /* one bit per pfn */
static unsigned long max_pfn;
static u64 rng;
static int failures; /* first few reported in detail */

static u64 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static bool fail(const char *fmt, unsigned long a, unsigned long b)
{
	if (failures++ < 5) {
		printf("# ");
		printf(fmt, a, b);
		printf("\n");
	}
	return false;
}

static bool record_alloc(struct page *p, unsigned int order, gfp_t gfp, int nid)
{
	unsigned long pfn = page_to_pfn(p), nr = 1UL << order;
	bool good = true;

	if (pfn & (nr - 1))
		good = fail("block pfn %#lx misaligned for order %lu", pfn,
			    order);
	if (pfn + nr > max_pfn)
		return fail("block pfn %#lx beyond memory %#lx", pfn, max_pfn);
	if (page_zonenum(p) > (int)gfp_zone(gfp))
		good = fail("pfn %#lx in zone above gfp_zone %lu", pfn,
			    gfp_zone(gfp));
	if ((gfp & __GFP_THISNODE) && page_to_nid(p) != nid)
		good = fail("THISNODE page %#lx on node %lu", pfn,
			    page_to_nid(p));
	if (page_ref_count(p) != 1 ||
	    p->flags & ((1UL << PG_buddy) | (1UL << PG_pcp) |
			(1UL << PG_reserved)))
		good = fail("bad state of allocated pfn %#lx flags %#lx", pfn,
			    p->flags & ((1UL << __NR_PAGEFLAGS) - 1));
	for (unsigned long i = 0; i < nr; i++)
		if (pa_owned(owned, pfn + i)) {
			good = fail("pfn %#lx handed out twice (order %lu)",
				    pfn + i, order);
			break;
		}
	if ((gfp & __GFP_ZERO) &&
	    (*(unsigned long *)page_address(p) ||
	     *((unsigned long *)page_address(p + nr - 1) + 511)))
		good = fail("__GFP_ZERO block %#lx order %lu not zeroed", pfn,
			    order);
	pa_own_flip(owned, pfn, nr);
	/* tag the first and last word: checked at free */
	*(unsigned long *)page_address(p) = pfn;
	*((unsigned long *)page_address(p + nr - 1) + 511) = ~pfn;
	live[nlive].pfn = pfn;
	live[nlive].order = order;
	nlive++;
	live_pages += nr;
	return good;
}

static bool release(int idx)
{
	struct live l = live[idx];
	unsigned long nr = 1UL << l.order;
	struct page *p = pfn_to_page(l.pfn);
	bool good = true;

	if (*(unsigned long *)page_address(p) != l.pfn ||
	    *((unsigned long *)page_address(p + nr - 1) + 511) != ~l.pfn)
		good = fail("tag of pfn %#lx order %lu overwritten", l.pfn,
			    l.order);
	pa_own_flip(owned, l.pfn, nr);
	live[idx] = live[--nlive];
	live_pages -= nr;
	__free_pages(p, l.order);
	return good;
}

/* A "cache" that gives back some of the live allocations under pressure. */
static unsigned long model_scan(struct shrinker *s, unsigned long nr)
{
	unsigned long freed = 0;

	(void)s;
	/* modest: the test wants to stay under pressure */
	nr = min(nr, 256UL);
	while (nlive > 100 && freed < nr) {
		freed += 1UL << live[nlive - 1].order;
		release(nlive - 1);
	}
	return freed;
}

static const gfp_t gfps[] = {PA_MODEL_GFPS};

static unsigned int pick_order(void)
{
	unsigned int r = (unsigned int)(rnd() % 100);

	if (r < 60)
		return 0;
	if (r < 85)
		return 1 + (unsigned int)(rnd() % 3);
	if (r < 97)
		return 4 + (unsigned int)(rnd() % 5);
	/* the largest orders, up to MAX_ORDER - 1 */
	return MAX_ORDER - 1 - (unsigned int)(rnd() % 2);
}

/* What the run counts and checks, over all steps. */
static struct {
	unsigned long start_free, allocs, frees, nulls, max_live;
	bool step_ok, full_ok, acct_ok, pcp_on;
	const char *why;
	unsigned long boot_nr_free[2][MAX_NR_ZONES][MAX_ORDER];
} run = {.step_ok = true, .full_ok = true, .acct_ok = true, .pcp_on = true};

/* Boot the model machine and record its free state. */
static void model_boot(void)
{
	unsigned long freed, before;

	freed = pa_boot(&model, &before);
	ok_eq(freed, before, "handoff frees exactly memblock's free pages");
	ok(NODE_DATA(0) && NODE_DATA(1), "two nodes online");
	ok(populated_zone(&NODE_DATA(0)->node_zones[ZONE_DMA]) &&
		   populated_zone(&NODE_DATA(0)->node_zones[ZONE_DMA32]) &&
		   populated_zone(&NODE_DATA(1)->node_zones[ZONE_NORMAL]) &&
		   populated_zone(&NODE_DATA(1)->node_zones[ZONE_MOVABLE]),
	   "DMA, DMA32 on node 0; Normal, Movable on node 1");
	max_pfn = PHYS_PFN(4 * SZ_1G + 72 * SZ_1M);
	owned = calloc(max_pfn / 8 + 1, 1);
	run.start_free = pa_total_free();
	ok_eq(run.start_free, totalram_pages(),
	      "all managed pages free at start");
	for (int n = 0; n < 2; n++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			for (int o = 0; o < MAX_ORDER; o++)
				run.boot_nr_free[n][z][o] =
					NODE_DATA(n)
						->node_zones[z]
						.free_area[o]
						.nr_free;
}

/* One random allocation or free. */
static void model_alloc_or_free(unsigned long op)
{
	/* phases of pressure and of relief */
	unsigned int alloc_pct = (op / 20000) % 2 ? 40 : 62;

	if (nlive && (nlive >= MAX_LIVE || rnd() % 100 >= alloc_pct)) {
		run.step_ok &= release((int)(rnd() % (unsigned long)nlive));
		run.frees++;
	} else {
		gfp_t gfp = gfps[rnd() % ARRAY_SIZE(gfps)] | __GFP_NOWARN;
		unsigned int order = pick_order();
		int nid = (int)(rnd() % 3) - 1; /* -1: NUMA_NO_NODE */
		struct page *p;

		p = alloc_pages_node(nid, gfp, order);
		if (nid < 0)
			nid = numa_node_id();
		if (p) {
			run.step_ok &= record_alloc(p, order, gfp, nid);
			run.allocs++;
		} else {
			run.nulls++;
		}
	}
}

/* Step @op of @ops: an operation, the switches, then the checks. */
static void model_step(unsigned long op, unsigned long ops)
{
	if (!(rnd() % 64))
		host_current_cpu = (int)(rnd() % CONFIG_NR_CPUS);
	model_alloc_or_free(op);
	if (!(rnd() % 5000))
		drain_all_pages(NULL);
	/* now and then run without pcp lists or without grouping */
	if (!(rnd() % 50000)) {
		run.pcp_on = !run.pcp_on;
		page_alloc_set_pcp_enabled(run.pcp_on);
	}
	if (!(rnd() % 70000))
		page_group_by_mobility_disabled =
			!page_group_by_mobility_disabled;
	run.max_live = max(run.max_live, live_pages);
	if (pa_total_free() + live_pages != run.start_free) {
		run.acct_ok = fail("op %lu: free + live != start (%lu)", op,
				   pa_total_free() + live_pages);
	}
	if (!(op % CHECK_EVERY) || op == ops - 1) {
		const char *w = pa_check_zones();

		if (w && !run.why) {
			run.why = w;
			printf("# op %lu: %s\n", op, w);
		}
		run.full_ok &= !w;
		w = pa_check_free_vs_owned(owned);
		if (w && failures++ < 5)
			printf("# op %lu: %s\n", op, w);
		run.full_ok &= !w;
	}
}

/* Free everything: the buddy state must be the one after boot. */
static void model_finish(struct shrinker *sh)
{
	const char *why;
	struct zone *zone;
	bool same = true;

	page_alloc_set_pcp_enabled(true);
	page_group_by_mobility_disabled = false;
	while (nlive)
		release(nlive - 1);
	unregister_shrinker(sh);
	host_current_cpu = 0;
	drain_all_pages(NULL);
	ok_eq(pa_total_free(), run.start_free,
	      "free memory back to start value");
	ok_eq(nr_free_pages(), run.start_free, "all of it in the buddy lists");
	why = pa_check_zones();
	ok(!why, "final zone check%s%s", why ? ": " : "", why ? why : "");
	for (int n = 0; n < 2; n++)
		for_each_populated_zone(zone) {
			if (zone->node != n)
				continue;
			for (int o = 0; o < MAX_ORDER; o++)
				same &= zone->free_area[o].nr_free ==
					run.boot_nr_free[n][zone_idx(zone)][o];
		}
	ok(same, "buddy state identical to the one after boot");
	ok_eq(nr_bad_pages, 0, "no bad pages reported");
}

int main(void)
{
	struct shrinker sh = {.scan = model_scan, .name = "model"};
	unsigned long seed = host_seed(), ops = 1000000;

	if (getenv("OPS"))
		ops = strtoul(getenv("OPS"), NULL, 0);
	rng = seed * 2654435761UL + 1;

	model_boot();
	register_shrinker(&sh);
	for (unsigned long op = 0; op < ops && failures <= 20; op++)
		model_step(op, ops);
	tap_diag("%lu allocs, %lu frees, %lu failed, %lu live pages (max %lu "
		 "of %lu), %lu shrinker calls",
		 run.allocs, run.frees, run.nulls, live_pages, run.max_live,
		 run.start_free, sh.nr_calls);
	ok(run.step_ok, "every step: aligned, allowed zone/node, no overlap, "
			"tags");
	ok(run.acct_ok, "every step: free + allocated == start");
	ok(run.full_ok,
	   "every %d steps: zone lists and counters consistent%s%s",
	   CHECK_EVERY, run.why ? ": " : "", run.why ? run.why : "");
	ok(run.allocs > ops / 3 && run.nulls > 0,
	   "the run allocated a lot and hit memory exhaustion");
	ok(sum_vm_event(PGSTEAL_BLOCK) > 0 && sum_vm_event(NUMA_MISS) > 0,
	   "fallback stealing and node fallback happened");

	model_finish(&sh);
	free(owned);
	return tap_done();
}
