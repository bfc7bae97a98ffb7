// SPDX-License-Identifier: MIT
/*
 * DOC: KTAP suite "oom"
 *
 * Running out of memory on purpose: the page allocator and kmalloc return
 * NULL (quietly with __GFP_NOWARN) once normal allocations hit the min
 * watermark; __GFP_HIGH and __GFP_MEMALLOC allocations still get pages
 * from the reserves (when min_free_kbytes leaves any); after everything
 * is freed the free page count is back and large blocks can be allocated
 * again.  (The panicking bootmem variants are tested by a boot of their
 * own: bootmem_selftest=panic.)
 */
#include <kernel/ktest.h>
#include <kernel/string.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

#include "mm_ktest.h"

/* Held blocks are chained through their own first bytes. */
struct held {
	struct held *next;
	unsigned int order;
};

static struct held *grab(gfp_t gfp, unsigned int order, struct held *list)
{
	struct page *p = alloc_pages(gfp | __GFP_NOWARN, order);
	struct held *h;

	if (!p)
		return NULL;
	h = page_address(p);
	h->next = list;
	h->order = order;
	return h;
}

static unsigned long release(struct held *list)
{
	unsigned long pages = 0;

	while (list) {
		struct held *next = list->next;

		pages += 1UL << list->order;
		__free_pages(virt_to_page(list), list->order);
		list = next;
	}
	return pages;
}

static unsigned long min_wmarks(void)
{
	unsigned long sum = 0;
	struct zone *zone;

	for_each_populated_zone(zone)
		sum += min_wmark_pages(zone);
	return sum;
}

/*
 * The emergency checks need a reserve below the min watermarks that can
 * hold what they ask for (an order-1 block, a kmalloc-256 slab).  A tiny
 * min_free_kbytes (CONFIG_MIN_FREE_KBYTES=3 is under one page) leaves
 * none, and then __GFP_MEMALLOC finds nothing either, as on Linux with
 * vm.min_free_kbytes=0.
 */
#define OOM_RESERVE_PAGES 16

static void oom_pages_until_null(struct ktest *t)
{
	unsigned long free0, held = 0, fails0;
	struct held *list = NULL, *h;
	struct page *p;

	slab_shrink_all();
	/* finishes deferred struct page init (no growth after free0) */
	free0 = mm_test_free_pages();
	fails0 = sum_vm_event(PGALLOC_FAIL);
	/* big blocks first, then smaller ones, until nothing is left */
	for (int order = MAX_ORDER - 1; order >= 0; order--)
		while ((h = grab(GFP_KERNEL, (unsigned int)order, list))) {
			list = h;
			held += 1UL << order;
		}
	KTEST_EXPECT_TRUE(t, held > 0);
	KTEST_EXPECT_TRUE(t, held + min_wmarks() + 64 >= free0 / 2);
	/* normal allocations fail now, quietly */
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0));
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, 3));
	/* (counted only with the event counters) */
	if (IS_ENABLED(CONFIG_VM_EVENT_COUNTERS))
		KTEST_EXPECT_TRUE(t, sum_vm_event(PGALLOC_FAIL) > fails0);
	KTEST_EXPECT_TRUE(t,
			  nr_free_pages() <= min_wmarks() + MAX_ORDER_NR_PAGES);

	/* the reserves below the min watermark are still there */
	if (min_wmarks() >= 4) {
		h = grab(GFP_ATOMIC, 0, list); /* ALLOC_HIGH | ALLOC_HARDER */
		if (KTEST_EXPECT_NOT_NULL(t, h)) {
			list = h;
			held++;
		}
	}
	if (min_wmarks() >= OOM_RESERVE_PAGES) {
		h = grab(__GFP_MEMALLOC, 0, list); /* ALLOC_NO_WATERMARKS */
		if (KTEST_EXPECT_NOT_NULL(t, h)) {
			list = h;
			held++;
			memset((char *)h + sizeof(*h), 0x3c,
			       PAGE_SIZE - sizeof(*h));
		}
		p = alloc_pages(__GFP_MEMALLOC | __GFP_NOWARN, 1);
		if (KTEST_EXPECT_NOT_NULL(t, p))
			__free_pages(p, 1);
	}
	/* still nothing for a normal caller */
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0));

	KTEST_EXPECT_EQ(t, release(list), held);
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0);
	mm_test_buddy_check(t);
	/* and the system goes on normally */
	p = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
	if (KTEST_EXPECT_NOT_NULL(t, p))
		__free_pages(p, MAX_ORDER - 1);
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0);
}

struct kheld {
	struct kheld *next;
};

static void oom_kmalloc_until_null(struct ktest *t)
{
	struct kheld *list = NULL, *k;
	unsigned long n = 0, free0;
	void *p;

	slab_shrink_all();
	free0 = mm_test_free_pages();
	while ((k = kmalloc(2048, GFP_KERNEL | __GFP_NOWARN))) {
		k->next = list;
		list = k;
		n++;
	}
	/*
	 * Memory ran dry: count what the slabs took, not n * 2048 (with slab
	 * debug an object's red zones and tracking make it take more).
	 */
	KTEST_EXPECT_TRUE(t, n > 0);
	KTEST_EXPECT_TRUE(t, free0 - mm_test_free_pages() + min_wmarks() + 64 >=
				     free0 / 2);
	KTEST_EXPECT_NULL(t, kmalloc(2048, GFP_KERNEL | __GFP_NOWARN));
	/* large kmalloc goes to the buddy, which is just as empty */
	KTEST_EXPECT_NULL(t, kmalloc(64 * 1024, GFP_KERNEL | __GFP_NOWARN));
	/* an emergency kmalloc still works (given a reserve) */
	if (min_wmarks() >= OOM_RESERVE_PAGES) {
		p = kmalloc(256, __GFP_MEMALLOC | __GFP_NOWARN);
		KTEST_EXPECT_NOT_NULL(t, p);
		kfree(p);
	}
	while (list) {
		k = list->next;
		kfree(list);
		list = k;
	}
	slab_shrink_all();
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0);
	p = kmalloc(100000, GFP_KERNEL);
	KTEST_EXPECT_NOT_NULL(t, p);
	kfree(p);
	mm_test_buddy_check(t);
}

static struct ktest_case oom_cases[] = {
	KTEST_CASE(oom_pages_until_null),
	KTEST_CASE(oom_kmalloc_until_null),
	{},
};
KTEST_SUITE(oom, oom_cases);
