// SPDX-License-Identifier: MIT
/*
 * DOC: KTAP suite "page_alloc"
 *
 * The buddy allocator on the running kernel: every order, zones chosen by
 * gfp flags, zeroing, split_page() and alloc_pages_exact(), the per-CPU
 * lists and their drain, watermarks, and the free-list bookkeeping
 * (buddyinfo) against the zone counters.  Each case ends by checking that
 * the free page count (pcp lists drained) is back where it started.
 */
#include <kernel/ktest.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/page_alloc.h>

#include "mm_ktest.h"

unsigned long mm_test_free_pages(void)
{
#ifdef CONFIG_DEFERRED_STRUCT_PAGE_INIT
	/*
	 * The selftests may start before deferred struct page init is done,
	 * and any allocation may then grow memory on demand: a count taken
	 * before that growth is no baseline.  Finish it first (idempotent).
	 */
	deferred_init_memmap_all();
#endif
	drain_all_pages(NULL);
	return nr_free_pages();
}

/* Free lists vs counters, zone by zone; returns the number of problems. */
unsigned long mm_test_buddy_check(struct ktest *t)
{
	unsigned long bad = 0, total = 0;
	struct zone *zone;

	for_each_populated_zone(zone) {
		unsigned long pages = 0;

		for (unsigned int o = 0; o < MAX_ORDER; o++) {
			const struct free_area *area = &zone->free_area[o];
			unsigned long n = 0;

			for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
				struct page *p;

				list_for_each_entry(p, &area->free_list[mt],
						    lru) {
					unsigned long pfn = page_to_pfn(p);

					n++;
					if (!PageBuddy(p) || p->private != o ||
					    (pfn & ((1UL << o) - 1)) ||
					    !zone_spans_pfn(zone, pfn) ||
					    page_zone(p) != zone)
						bad++;
				}
			}
			if (n != area->nr_free)
				bad++;
			pages += n << o;
		}
		if (pages != zone_page_state(zone, NR_FREE_PAGES))
			bad++;
		if (zone->managed_pages > zone->present_pages ||
		    zone->present_pages > zone->spanned_pages)
			bad++;
		total += pages;
	}
	if (total != nr_free_pages())
		bad++;
	if (t)
		KTEST_EXPECT_EQ(t, bad, 0);
	return bad;
}

static bool page_is_zero(const struct page *p, unsigned int order)
{
	const unsigned long *w = page_address(p);

	for (unsigned long i = 0; i < (PAGE_SIZE << order) / sizeof(*w); i++)
		if (w[i])
			return false;
	return true;
}

static void page_alloc_orders(struct ktest *t)
{
	unsigned long free0 = mm_test_free_pages();

	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order);
		unsigned long pfn;

		if (!KTEST_EXPECT_NOT_NULL(t, p))
			continue;
		pfn = page_to_pfn(p);
		KTEST_EXPECT_EQ(t, pfn & ((1UL << order) - 1), 0);
		KTEST_EXPECT_EQ(t, page_ref_count(p), 1);
		KTEST_EXPECT_FALSE(t, PageBuddy(p) || PageReserved(p));
		KTEST_EXPECT_TRUE(t, zone_spans_pfn(page_zone(p), pfn));
		KTEST_EXPECT_TRUE(t, zone_spans_pfn(page_zone(p),
						    pfn + (1UL << order) - 1));
		/* the whole block is ours: write its first and last word */
		*(unsigned long *)page_address(p) = pfn;
		*((unsigned long *)page_address(p + (1UL << order) - 1) + 1) =
			order;
		KTEST_EXPECT_EQ(t, mm_test_free_pages(),
				free0 - (1UL << order));
		__free_pages(p, order);
		KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0);
	}
	/* beyond the largest order: NULL, no crash */
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0);
}

static void page_alloc_zones(struct ktest *t)
{
	unsigned long free0 = mm_test_free_pages();
	struct page *p;

	KTEST_EXPECT_EQ(t, gfp_zone(GFP_KERNEL), ZONE_NORMAL);
	p = alloc_pages(GFP_KERNEL, 0);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_TRUE(t, page_zonenum(p) <= ZONE_NORMAL);
	__free_pages(p, 0);
#ifdef CONFIG_ZONE_DMA32
	KTEST_EXPECT_EQ(t, gfp_zone(GFP_DMA32), ZONE_DMA32);
	for (unsigned int order = 0; order < 4; order++) {
		p = alloc_pages(GFP_DMA32, order);
		if (!KTEST_EXPECT_NOT_NULL(t, p))
			continue;
		KTEST_EXPECT_TRUE(t,
				  PFN_PHYS(page_to_pfn(p) + (1UL << order)) <=
					  0x100000000ULL);
		KTEST_EXPECT_TRUE(t, page_zonenum(p) <= ZONE_DMA32);
		__free_pages(p, order);
	}
#endif
#ifdef CONFIG_ZONE_DMA
	KTEST_EXPECT_EQ(t, gfp_zone(GFP_DMA), ZONE_DMA);
	p = alloc_pages(GFP_DMA, 1);
	if (KTEST_EXPECT_NOT_NULL(t, p)) {
		KTEST_EXPECT_TRUE(t,
				  PFN_PHYS(page_to_pfn(p) + 2) <= 16UL << 20);
		KTEST_EXPECT_EQ(t, page_zonenum(p), ZONE_DMA);
		__free_pages(p, 1);
	}
#endif
	/* __GFP_THISNODE on node 0 stays there */
	p = alloc_pages_node(0, GFP_KERNEL | __GFP_THISNODE, 0);
	if (KTEST_EXPECT_NOT_NULL(t, p)) {
		KTEST_EXPECT_EQ(t, page_to_nid(p), 0);
		__free_pages(p, 0);
	}
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0);
}

static void page_alloc_zeroing(struct ktest *t)
{
	unsigned long free0 = mm_test_free_pages();
	struct page *p;
	unsigned long va;

	for (unsigned int order = 0; order < 3; order++) {
		p = alloc_pages(GFP_KERNEL, order);
		KTEST_ASSERT_NOT_NULL(t, p);
		memset(page_address(p), 0x5c, PAGE_SIZE << order);
		__free_pages(p, order);
		p = alloc_pages(GFP_KERNEL | __GFP_ZERO, order);
		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_TRUE(t, page_is_zero(p, order));
		__free_pages(p, order);
	}
	va = __get_free_page(GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, va != 0);
	memset((void *)va, 0xff, PAGE_SIZE);
	free_page(va);
	va = get_zeroed_page(GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, va != 0);
	KTEST_EXPECT_TRUE(t, page_is_zero(virt_to_page(va), 0));
	free_page(va);
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0);
}

static void page_alloc_split_and_exact(struct ktest *t)
{
	unsigned long free0 = mm_test_free_pages();
	struct page *p;
	void *v;

	p = alloc_pages(GFP_KERNEL, 3);
	KTEST_ASSERT_NOT_NULL(t, p);
	split_page(p, 3);
	for (int i = 0; i < 8; i++)
		KTEST_EXPECT_EQ(t, page_ref_count(p + i), 1);
	KTEST_EXPECT_FALSE(t, PageHead(p));
	/* free the pieces in an odd order: they must coalesce again */
	for (int i = 7; i >= 0; i -= 2)
		__free_pages(p + i, 0);
	for (int i = 0; i < 8; i += 2)
		__free_pages(p + i, 0);
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0);

	/* 5 pages from an order-3 block: the 3 unused tail pages go back */
	v = alloc_pages_exact(5 * PAGE_SIZE, GFP_KERNEL | __GFP_ZERO);
	KTEST_ASSERT_NOT_NULL(t, v);
	KTEST_EXPECT_EQ(t, (unsigned long)v & (PAGE_SIZE - 1), 0);
	KTEST_EXPECT_TRUE(t, page_is_zero(virt_to_page(v), 0));
	memset(v, 0x11, 5 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0 - 5);
	free_pages_exact(v, 5 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0);
	/* a size that is not a page multiple rounds up */
	v = alloc_pages_exact(PAGE_SIZE + 1, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, v);
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0 - 2);
	free_pages_exact(v, PAGE_SIZE + 1);
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0);
}

static unsigned long pcp_pages(void)
{
	unsigned long n = 0;
	struct zone *zone;

	for_each_populated_zone(zone)
		for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
			n += (unsigned long)zone->pageset[cpu].count;
	return n;
}

static void page_alloc_pcp_drain(struct ktest *t)
{
	unsigned long free0 = mm_test_free_pages();
	struct page *pages[8];
	unsigned long n;

	KTEST_EXPECT_EQ(t, pcp_pages(), 0);
	for (int i = 0; i < 8; i++) {
		pages[i] = alloc_pages(GFP_KERNEL, 0);
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
	}
	for (int i = 0; i < 8; i++)
		__free_pages(pages[i], 0);
	n = pcp_pages();
	if (IS_ENABLED(CONFIG_PAGE_ALLOC_NO_PCP)) {
		KTEST_EXPECT_EQ(t, n, 0);
	} else {
		/* freed order-0 pages wait on this CPU's list */
		KTEST_EXPECT_TRUE(t, n >= 1);
		KTEST_EXPECT_TRUE(t, PagePcp(pages[7]));
		KTEST_EXPECT_EQ(t, nr_free_pages() + n, free0);
	}
	drain_all_pages(NULL);
	KTEST_EXPECT_EQ(t, pcp_pages(), 0);
	KTEST_EXPECT_FALSE(t, PagePcp(pages[7]));
	KTEST_EXPECT_EQ(t, nr_free_pages(), free0);
	mm_test_buddy_check(t);
}

static void page_alloc_watermarks(struct ktest *t)
{
	struct zone *zone;
	int zones = 0;

	for_each_populated_zone(zone) {
		unsigned long free = zone_page_state(zone, NR_FREE_PAGES);
		int idx = zone_idx(zone);

		if (!managed_zone(zone))
			continue;
		zones++;
		KTEST_EXPECT_TRUE(t, min_wmark_pages(zone) <=
					     low_wmark_pages(zone));
		KTEST_EXPECT_TRUE(t, low_wmark_pages(zone) <=
					     high_wmark_pages(zone));
		KTEST_EXPECT_TRUE(t,
				  high_wmark_pages(zone) < zone->managed_pages);
		KTEST_EXPECT_EQ(t, zone->lowmem_reserve[idx], 0);
		/* an idle system is above its marks (tiny zones aside) */
		if (free > 2 * high_wmark_pages(zone) + 16)
			KTEST_EXPECT_TRUE(
				t, zone_watermark_ok(zone, 0,
						     low_wmark_pages(zone), idx,
						     ALLOC_WMARK_LOW));
		/* a mark above what is free fails ... */
		KTEST_EXPECT_FALSE(t, zone_watermark_ok(zone, 0, free, idx, 0));
		/* ... unless ALLOC_HIGH halves it */
		if (free > 8)
			KTEST_EXPECT_TRUE(
				t, zone_watermark_ok(zone, 0, free + free / 4,
						     idx, ALLOC_HIGH));
		/* order: no block of MAX_ORDER exists, so order is checked */
		if (free > 16)
			KTEST_EXPECT_TRUE(
				t, zone_watermark_ok(zone, 0, 0, idx, 0));
	}
	KTEST_EXPECT_TRUE(t, zones >= 1);
	KTEST_EXPECT_TRUE(t, min_free_kbytes > 0);
}

static void page_alloc_buddyinfo(struct ktest *t)
{
	unsigned long managed = 0;
	struct sysinfo si;
	struct zone *zone;
	struct page *p[4];

	mm_test_free_pages();
	mm_test_buddy_check(t);
	for_each_populated_zone(zone)
		managed += zone->managed_pages;
	KTEST_EXPECT_EQ(t, managed, totalram_pages());
	si_meminfo(&si);
	KTEST_EXPECT_EQ(t, si.totalram, totalram_pages());
	KTEST_EXPECT_EQ(t, si.mem_unit, PAGE_SIZE);
	KTEST_EXPECT_TRUE(t, si.freeram <= si.totalram);
	/* still consistent with blocks of several orders out */
	for (int i = 0; i < 4; i++)
		p[i] = alloc_pages(GFP_KERNEL, (unsigned int)i * 2);
	mm_test_buddy_check(t);
	for (int i = 0; i < 4; i++)
		if (KTEST_EXPECT_NOT_NULL(t, p[i]))
			__free_pages(p[i], (unsigned int)i * 2);
	mm_test_free_pages();
	mm_test_buddy_check(t);
}

static void page_alloc_refcount(struct ktest *t)
{
	unsigned long free0 = mm_test_free_pages();
	struct page *p = alloc_pages(GFP_KERNEL, 1);

	KTEST_ASSERT_NOT_NULL(t, p);
	get_page(p);
	KTEST_EXPECT_EQ(t, page_ref_count(p), 2);
	__free_pages(p, 1); /* drops a reference only */
	KTEST_EXPECT_EQ(t, page_ref_count(p), 1);
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0 - 2);
	__free_pages(p, 1);
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0);
}

static struct ktest_case page_alloc_cases[] = {
	KTEST_CASE(page_alloc_orders),
	KTEST_CASE(page_alloc_zones),
	KTEST_CASE(page_alloc_zeroing),
	KTEST_CASE(page_alloc_split_and_exact),
	KTEST_CASE(page_alloc_pcp_drain),
	KTEST_CASE(page_alloc_watermarks),
	KTEST_CASE(page_alloc_buddyinfo),
	KTEST_CASE(page_alloc_refcount),
	{},
};
KTEST_SUITE(page_alloc, page_alloc_cases);
