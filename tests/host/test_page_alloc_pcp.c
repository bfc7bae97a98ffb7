// SPDX-License-Identifier: MIT
/*
 * The per-cpu lists' fast paths (docs/mm.md, "The order-0 fast path"), on
 * the machine of test_page_alloc.c: which list and zone a page goes to and
 * comes from, the counters, what sends a free or an allocation to the
 * full path (isolation, another node, a stale migratetype).
 */
#include <kernel/errno.h>
#include <kernel/string.h>

#include "page_alloc_small.h"

static bool all_zero(const void *mem, size_t n)
{
	const u8 *b = mem;

	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

static bool on_pcp_list(struct page *p, struct per_cpu_pages *pcp, int mt)
{
	struct page *q;

	list_for_each_entry(q, &pcp->lists[mt], lru)
		if (q == p)
			return true;
	return false;
}

static void test_fast_lists(void)
{
	struct zone *normal, *movable, *dma;
	struct page *p, *q;
	unsigned long f0;

	pa_boot(&small, NULL);
	f0 = pa_total_free();
	normal = zone_of(0, ZONE_NORMAL);
	movable = zone_of(0, ZONE_MOVABLE);
	dma = zone_of(0, ZONE_DMA);

	p = alloc_pages(GFP_KERNEL, 0);
	__free_pages(p, 0);
	ok(on_pcp_list(p, &normal->pageset[0], MIGRATE_UNMOVABLE) &&
		   PagePcp(p) && p->private == MIGRATE_UNMOVABLE,
	   "GFP_KERNEL page back on its list");
	q = alloc_pages(GFP_KERNEL, 0);
	ok(q == p && !PagePcp(q) && !q->private && page_ref_count(q) == 1,
	   "and the next allocation takes it (LIFO)");
	__free_pages(q, 0);

	p = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	ok(p && page_zone(p) == movable, "movable class: ZONE_MOVABLE");
	__free_pages(p, 0);
	ok(on_pcp_list(p, &movable->pageset[0], MIGRATE_MOVABLE),
	   "movable page back on ZONE_MOVABLE's movable list");

	p = alloc_pages(GFP_DMA, 0);
	ok(p && page_zone(p) == dma, "DMA class: ZONE_DMA");
	__free_pages(p, 0);
	q = alloc_pages(GFP_DMA, 0);
	ok(q == p, "DMA class served from DMA's list");
	__free_pages(q, 0);
	q = alloc_pages(GFP_KERNEL, 0);
	ok(q != p && page_zone(q) == normal, "Normal class not from DMA's");
	__free_pages(q, 0);

	p = alloc_pages(GFP_KERNEL, 0);
	memset(page_address(p), 0x5a, PAGE_SIZE);
	__free_pages(p, 0);
	q = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
	ok(q == p && all_zero(page_address(q), PAGE_SIZE),
	   "__GFP_ZERO on a pcp hit");
	__free_pages(q, 0);
	q = alloc_pages(GFP_KERNEL | __GFP_COMP, 0);
	ok(q == p && PageHead(q), "__GFP_COMP on a pcp hit");
	__free_pages(q, 0);
	ok(!PageHead(p) && PagePcp(p), "head flag cleared at free");

	host_current_cpu = 1;
	p = alloc_pages(GFP_KERNEL, 0);
	host_current_cpu = 0;
	__free_pages(p, 0);
	ok(on_pcp_list(p, &normal->pageset[0], MIGRATE_UNMOVABLE),
	   "a page allocated on CPU 1 is freed to CPU 0's list");
	drain_all_pages(NULL);
	ok_eq(pa_total_free(), f0, "everything back");
	check_consistent("after the fast paths");
}

static void test_fast_counters(void)
{
	unsigned long a0, h0, l0, o0, f0;
	struct page *p;

	pa_boot(&small, NULL);
	__free_pages(alloc_pages(GFP_KERNEL, 0), 0); /* warm the list */
	a0 = sum_vm_event(PGALLOC);
	h0 = sum_vm_event(NUMA_HIT);
	l0 = sum_vm_event(NUMA_LOCAL);
	f0 = sum_vm_event(PGFREE);
	for (int i = 0; i < 10; i++)
		__free_pages(alloc_pages(GFP_KERNEL, 0), 0);
	ok(sum_vm_event(PGALLOC) == a0 + 10 &&
		   sum_vm_event(NUMA_HIT) == h0 + 10 &&
		   sum_vm_event(NUMA_LOCAL) == l0 + 10 &&
		   sum_vm_event(PGFREE) == f0 + 10,
	   "fast-path allocations count as pgalloc, numa_hit, numa_local");

	/* CPU 0 moves to node 1 (no memory): not local any more */
	set_cpu_numa_node(0, 1);
	l0 = sum_vm_event(NUMA_LOCAL);
	o0 = sum_vm_event(NUMA_OTHER);
	p = alloc_pages(GFP_KERNEL, 0);
	ok(p && page_to_nid(p) == 0, "a CPU on a node without memory");
	ok(sum_vm_event(NUMA_LOCAL) == l0 && sum_vm_event(NUMA_OTHER) == o0 + 1,
	   "its allocations count as numa_other: the fast path was reset");
	__free_pages(p, 0);
	set_cpu_numa_node(0, 0);
	p = alloc_pages(GFP_KERNEL, 0);
	__free_pages(p, 0);
	l0 = sum_vm_event(NUMA_LOCAL);
	__free_pages(alloc_pages(GFP_KERNEL, 0), 0);
	ok_eq(sum_vm_event(NUMA_LOCAL), l0 + 1, "back on node 0: local again");
}

/* A free must not park a page of an isolated pageblock on a pcp list. */
static void test_fast_isolation(void)
{
	struct zone *normal;
	struct page *p, *blk;
	unsigned long pfn;

	pa_boot(&small, NULL);
	normal = zone_of(0, ZONE_NORMAL);
	p = alloc_pages(GFP_KERNEL, 0);
	pfn = page_to_pfn(p);
	blk = pfn_to_page(ALIGN_DOWN(pfn, pageblock_nr_pages));
	ok(set_migratetype_isolate(blk) == 0, "isolate the page's pageblock");
	__free_pages(p, 0);
	ok(!PagePcp(p) && PageBuddy(p),
	   "its free goes to the buddy (isolate list), not a pcp list");
	unset_migratetype_isolate(blk, MIGRATE_MOVABLE);
	check_consistent("after isolation");
	(void)normal;
}

/*
 * A page keeps the list it was allocated from; if its pageblock changes
 * type meanwhile, it still goes back to that pcp list, and to the buddy
 * list of the pageblock's type when drained.
 */
static void test_fast_stale_type(void)
{
	struct zone *normal;
	struct page *p, *q;
	int mt;

	pa_boot(&small, NULL);
	normal = zone_of(0, ZONE_NORMAL);
	p = alloc_pages(GFP_KERNEL, 0);
	mt = get_pageblock_migratetype(p);
	set_pageblock_migratetype(p, mt == MIGRATE_RECLAIMABLE
					     ? MIGRATE_UNMOVABLE
					     : MIGRATE_RECLAIMABLE);
	__free_pages(p, 0);
	ok(on_pcp_list(p, &normal->pageset[0], MIGRATE_UNMOVABLE),
	   "freed to the list it came from");
	drain_local_pages(NULL);
	ok(PageBuddy(p), "drained");
	q = NULL;
	for (unsigned int o = 0; o < MAX_ORDER && !q; o++) {
		struct page *b;

		list_for_each_entry(
			b,
			&normal->free_area[o]
				 .free_list[get_pageblock_migratetype(p)],
			lru)
			if (b <= p && p < b + (1UL << o)) {
				q = b;
				break;
			}
	}
	ok(q != NULL, "on the buddy list of its pageblock's type");
	set_pageblock_migratetype(p, mt);
	check_consistent("after a stale type");
}

int main(void)
{
	(void)release_held;
	test_fast_lists();
	test_fast_counters();
	test_fast_isolation();
	test_fast_stale_type();
	return tap_done();
}
