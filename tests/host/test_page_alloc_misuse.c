// SPDX-License-Identifier: MIT
/*
 * Misuse of the page allocator's free and isolation paths, built twice:
 * with CONFIG_DEBUG_VM (page_alloc_misuse) and without
 * (page_alloc_misuse_nodebug).
 *
 * - An order of MAX_ORDER or more is refused with a report in every
 *   configuration: nothing is freed, the reference stays.
 * - Under CONFIG_DEBUG_VM, a block freed with a larger order than it was
 *   allocated with while a tail page is still in use is reported ("BUG:
 *   Bad page state") and not freed, so the page in use is never handed out
 *   a second time.
 * - A pageblock that straddles a zone boundary (zone start or end not
 *   pageblock aligned) cannot be isolated: -EBUSY, nothing changes, and
 *   unset_migratetype_isolate() of it leaves the counters alone.
 * - Unisolating one of two neighbouring isolated pageblocks whose free
 *   pages merged leaves the other one isolated.
 */
#include <kernel/errno.h>

#include "page_alloc_fixture.h"

/*
 * RAM from 1 MiB: zone DMA starts at pfn 0x100, in the middle of
 * pageblock [0, 0x200).  DMA32 ends at 15 MiB (pfn 0xf00), in the middle
 * of pageblock [0xe00, 0x1000).
 */
static const struct pa_range odd_mem[] = {{SZ_1M, 31 * SZ_1M, 0}};
static const struct pa_layout odd = {
	PA_MEM(odd_mem),
	.zone_limit = {[ZONE_DMA] = 4 * SZ_1M,
		       [ZONE_DMA32] = 15 * SZ_1M,
		       [ZONE_NORMAL] = 32 * SZ_1M},
};

#define MAXP 16384
static struct page *held[MAXP];
static int nheld;

static void check_consistent(const char *when)
{
	const char *why = pa_check_zones();

	ok(why == NULL, "zones consistent %s%s%s", when, why ? ": " : "",
	   why ? why : "");
}

/* Take every page the allocator gives for @gfp; true if @a or @b was one. */
static bool grab_all_sees(gfp_t gfp, const struct page *a, const struct page *b)
{
	struct page *p;
	bool seen = false;

	while (nheld < MAXP && (p = alloc_pages(gfp | __GFP_NOWARN, 0))) {
		held[nheld++] = p;
		seen |= p == a || p == b;
	}
	return seen;
}

static void release_held(void)
{
	while (nheld)
		__free_pages(held[--nheld], 0);
}

static void test_order_too_big(void)
{
	static const unsigned int orders[] = {MAX_ORDER, MAX_ORDER + 1, 63,
					      64,	 200,		~0u};
	unsigned long f0, bad0;
	struct page *p;
	bool all = true;

	pa_boot(&odd, NULL);
	p = alloc_pages(GFP_KERNEL, 0);
	ok(p != NULL, "order-0 page for the bad frees");
	f0 = pa_total_free();
	bad0 = nr_bad_pages;
	for (size_t i = 0; i < ARRAY_SIZE(orders); i++) {
		host_log_clear();
		__free_pages(p, orders[i]);
		if (nr_bad_pages != bad0 + i + 1 || page_ref_count(p) != 1 ||
		    pa_total_free() != f0 ||
		    !host_log_contains("BUG: Bad page state") ||
		    !host_log_contains("order >= MAX_ORDER")) {
			tap_diag("order %u: bad %lu refcount %d free %lu/%lu",
				 orders[i], nr_bad_pages - bad0,
				 page_ref_count(p), pa_total_free(), f0);
			all = false;
		}
	}
	ok(all, "__free_pages with order >= MAX_ORDER: reported, counted, "
		"nothing freed, the reference kept");
	host_log_clear();
	free_pages((unsigned long)page_address(p), MAX_ORDER);
	ok(nr_bad_pages == bad0 + ARRAY_SIZE(orders) + 1 &&
		   page_ref_count(p) == 1 &&
		   host_log_contains("order >= MAX_ORDER"),
	   "free_pages with order MAX_ORDER: reported too");
	check_consistent("after the refused frees");
	__free_pages(p, 0);
	ok_eq(pa_total_free(), f0 + 1, "the page is still freed properly");
}

/*
 * Free @p at @order, a free the allocator must refuse: true when it was
 * reported with @msg, counted as one more bad page, and freed nothing.
 */
static bool free_refused(struct page *p, unsigned int order, const char *msg)
{
	unsigned long f0 = pa_total_free(), bad0 = nr_bad_pages;

	host_log_clear();
	__free_pages(p, order);
	return nr_bad_pages == bad0 + 1 && pa_total_free() == f0 &&
	       host_log_contains(msg);
}

static void test_order_covers_buddy(void)
{
	unsigned long f0;
	struct page *a, *b;

	if (!IS_ENABLED(CONFIG_DEBUG_VM)) {
		tap_skip(10, "CONFIG_DEBUG_VM off: tail pages are not checked");
		return;
	}
	pa_boot(&odd, NULL);
	/* A and its buddy B, each an order-0 page with its own reference */
	a = alloc_pages(GFP_KERNEL, 1);
	split_page(a, 1);
	b = a + 1;
	f0 = pa_total_free();
	/* the bug: B is still in use */
	ok(free_refused(a, 1, "BUG: Bad page state"),
	   "order-1 free over a buddy in use: Bad page state");
	ok(host_log_contains("tail page has a nonzero _refcount"),
	   "... the tail page's reference is named");
	ok(pa_total_free() == f0 && !PageBuddy(a) && !PagePcp(a) &&
		   !PageBuddy(b) && !PagePcp(b) && page_ref_count(b) == 1,
	   "... and nothing was freed");
	ok(!grab_all_sees(GFP_DMA, a, b) &&
		   !grab_all_sees(GFP_KERNEL | __GFP_THISNODE, a, b),
	   "neither page is handed out while the allocator is emptied");
	release_held();
	check_consistent("after the order-1 free over a buddy");
	set_page_count(a, 1); /* the leaked reference, put right */
	__free_pages(a, 0);
	__free_pages(b, 0);
	ok_eq(pa_total_free(), f0 + 2, "both pages freed properly after");

	/* tail page already free (on a pcp or free list) */
	a = alloc_pages(GFP_KERNEL, 1);
	split_page(a, 1);
	__free_pages(a + 1, 0);
	ok(free_refused(a, 1, "tail page flags set at free"),
	   "order-1 free over a free buddy: reported, nothing freed");
	set_page_count(a, 1);
	__free_pages(a, 0);

	/* tail page that heads another compound allocation */
	a = alloc_pages(GFP_KERNEL, 2);
	__SetPageHead(a + 2);
	f0 = pa_total_free();
	ok(free_refused(a, 2, "tail page is the head of another"),
	   "tail page with PG_head: reported, nothing freed");
	__ClearPageHead(a + 2);
	set_page_count(a, 1);
	__free_pages(a, 2);
	ok_eq(pa_total_free(), f0 + 4, "a clean order-2 free still works");
	check_consistent("after the tail-page checks");
}

/* The pageblock holding @pfn must refuse isolation and stay as it was. */
static void check_straddle_refused(unsigned long pfn, const char *what)
{
	struct page *page = pfn_to_page(pfn);
	struct zone *zone = page_zone(page);
	unsigned long nf = zone_page_state(zone, NR_FREE_PAGES);
	int mt = get_pageblock_migratetype(page);
	const char *why;

	ok(set_migratetype_isolate(page) == -EBUSY &&
		   get_pageblock_migratetype(page) == mt &&
		   !zone->nr_isolate_pageblock &&
		   zone_page_state(zone, NR_FREE_PAGES) == nf,
	   "%s: isolation refused with -EBUSY, nothing changed", what);
	unset_migratetype_isolate(page, MIGRATE_MOVABLE);
	why = pa_check_zones();
	ok(zone_page_state(zone, NR_FREE_PAGES) == nf && !why,
	   "%s: unset afterwards changes nothing (NR_FREE_PAGES %lu, was "
	   "%lu)%s%s",
	   what, zone_page_state(zone, NR_FREE_PAGES), nf, why ? ": " : "",
	   why ? why : "");
}

static void test_isolate_straddling(void)
{
	struct zone *dma, *dma32;
	unsigned long nf, dma_free;
	struct page *blk, *p;
	bool inside = false;

	pa_boot_nopcp(&odd);
	dma = &NODE_DATA(0)->node_zones[ZONE_DMA];
	dma32 = &NODE_DATA(0)->node_zones[ZONE_DMA32];
	ok(dma->zone_start_pfn == 0x100 && dma32->zone_start_pfn == 0x400 &&
		   zone_end_pfn(dma32) == 0xf00,
	   "layout: DMA starts and DMA32 ends inside a pageblock");

	check_straddle_refused(0x100, "block over the zone start");
	check_straddle_refused(0x1ff, "same block, last page");
	check_straddle_refused(0xe80, "block over the zone end (lower zone)");
	check_straddle_refused(0xf00, "same block, upper zone");

	/* the refused block's pages stay allocatable */
	dma_free = zone_page_state(dma, NR_FREE_PAGES);
	while (nheld < MAXP && (p = alloc_pages(GFP_DMA | __GFP_NOWARN, 0))) {
		held[nheld++] = p;
		inside |= page_to_pfn(p) < 0x200;
	}
	ok(inside && nheld > 0 && (unsigned long)nheld <= dma_free,
	   "refused block still allocatable (%d DMA pages taken)", nheld);
	release_held();

	/* a block wholly inside its zone still isolates and comes back */
	blk = pfn_to_page(0x400);
	nf = zone_page_state(dma32, NR_FREE_PAGES);
	ok(set_migratetype_isolate(blk) == 0 &&
		   zone_page_state(dma32, NR_FREE_PAGES) ==
			   nf - pageblock_nr_pages,
	   "block inside the zone: isolated");
	unset_migratetype_isolate(blk, MIGRATE_MOVABLE);
	ok_eq(zone_page_state(dma32, NR_FREE_PAGES), nf, "... and given back");
	page_alloc_set_pcp_enabled(true);
	check_consistent("after the isolation attempts");
}

/*
 * Two neighbouring isolated pageblocks whose free pages merged into one
 * block larger than a pageblock: making the first usable again must not
 * take the second one's pages off the isolated lists.
 */
static void test_isolate_neighbours(void)
{
	struct zone *dma32;
	struct page *b0 = pfn_to_page(0x400), *b1 = pfn_to_page(0x600);
	struct page *x = NULL, *p;
	unsigned long nf;
	bool from_b1 = false;

	pa_boot_nopcp(&odd);
	dma32 = page_zone(b0);
	/* hold one page of b1 while both blocks are isolated */
	while (!x && nheld < MAXP &&
	       (p = alloc_pages(GFP_DMA32 | __GFP_NOWARN, 0))) {
		if (page_to_pfn(p) >> pageblock_order ==
		    0x600 >> pageblock_order)
			x = p;
		else
			held[nheld++] = p;
	}
	release_held();
	ok(x != NULL, "a page of the second block is held");
	if (!x)
		return;
	nf = zone_page_state(dma32, NR_FREE_PAGES);
	ok(set_migratetype_isolate(b0) == 0 && set_migratetype_isolate(b1) == 0,
	   "both neighbouring blocks isolated");
	__free_pages(x, 0); /* merges across both isolated blocks */
	ok(zone_page_state(dma32, NR_FREE_PAGES) == nf - 1023,
	   "isolated blocks' pages do not count as free");
	unset_migratetype_isolate(b0, MIGRATE_MOVABLE);
	ok(get_pageblock_migratetype(b1) == MIGRATE_ISOLATE &&
		   zone_page_state(dma32, NR_FREE_PAGES) == nf - 511,
	   "unisolating the first block frees only its pages (NR_FREE_PAGES "
	   "%lu, want %lu)",
	   zone_page_state(dma32, NR_FREE_PAGES), nf - 511);
	while (nheld < MAXP && (p = alloc_pages(GFP_DMA32 | __GFP_NOWARN, 0))) {
		held[nheld++] = p;
		from_b1 |= page_to_pfn(p) >> pageblock_order ==
			   0x600 >> pageblock_order;
	}
	ok(!from_b1, "nothing allocated from the still isolated block");
	release_held();
	unset_migratetype_isolate(b1, MIGRATE_MOVABLE);
	ok_eq(zone_page_state(dma32, NR_FREE_PAGES), nf + 1,
	      "both given back: every page free again");
	page_alloc_set_pcp_enabled(true);
	check_consistent("after isolating neighbours");
}

int main(void)
{
	tap_diag("CONFIG_DEBUG_VM %s",
		 IS_ENABLED(CONFIG_DEBUG_VM) ? "on" : "off");
	test_order_too_big();
	test_order_covers_buddy();
	test_isolate_straddling();
	test_isolate_neighbours();
	return tap_done();
}
