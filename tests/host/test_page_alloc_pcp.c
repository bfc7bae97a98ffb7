// SPDX-License-Identifier: MIT
/*
 * The per-cpu lists' fast paths (docs/mm.md, "The order-0 fast path"), on
 * the machine of test_page_alloc.c: which list and zone a page goes to and
 * comes from, the counters, what sends a free or an allocation to the
 * full path (isolation, another node, a stale migratetype); bulk
 * allocation (alloc_pages_bulk_array/list) and release_pages().
 */
#include <asm-generic/smp_call.h>
#include <kernel/errno.h>
#include <kernel/string.h>

#include "host_smp.h"
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
	{
		irqflags_t flags;

		/* no cross-call can be waited for: this CPU's and the
		 * offline CPUs' lists only, and no hang */
		local_irq_save(flags);
		drain_all_pages(NULL);
		local_irq_restore(flags);
		ok(!normal->pageset[0].count,
		   "drain_all_pages with interrupts off: own lists emptied");
	}
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

static void free_page_call(void *page)
{
	__free_pages(page, 0);
}

/*
 * set_migratetype_isolate() must mark the pageblock before it drains the
 * pcp lists (as Linux does): a page of the block freed in between would
 * otherwise be parked on a pcp list and handed out again from an isolated
 * block.  The free comes from a cross-call that CPU 1 queued for CPU 0,
 * which CPU 0 takes at its first local_irq_restore() inside the call:
 * after the drain with the order reversed, after the marking as it is.
 */
static void test_isolation_marks_before_drain(void)
{
	struct page *p, *blk;

	pa_boot(&small, NULL);
	host_smp_init(1);
	p = alloc_pages(GFP_KERNEL, 0);
	blk = pfn_to_page(ALIGN_DOWN(page_to_pfn(p), pageblock_nr_pages));
	host_current_cpu = 1;
	ok(smp_call_function_single(0, free_page_call, p, 0) == 0,
	   "CPU 1 queues a free of the page on CPU 0");
	host_current_cpu = 0;
	ok(set_migratetype_isolate(blk) == 0, "isolate the page's pageblock");
	ok(!PagePcp(p) && PageBuddy(p) &&
		   get_pageblock_migratetype(blk) == MIGRATE_ISOLATE,
	   "the free during isolation went to the isolate list, not a pcp "
	   "list");
	unset_migratetype_isolate(blk, MIGRATE_MOVABLE);
	check_consistent("after isolation with a racing free");
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

/* Every page of @a[0..n) allocated, distinct, in @zone (or any if NULL). */
static bool bulk_pages_ok(struct page **a, int n, struct zone *zone)
{
	for (int i = 0; i < n; i++) {
		if (!a[i] || page_ref_count(a[i]) != 1 || PagePcp(a[i]) ||
		    PageBuddy(a[i]) || (zone && page_zone(a[i]) != zone))
			return false;
		for (int j = 0; j < i; j++)
			if (a[j] == a[i])
				return false;
	}
	return true;
}

static void bulk_round(bool pcp)
{
	static struct page *a[2000];
	struct zone *dma = zone_of(0, ZONE_DMA);
	unsigned long f0, bad0, n;
	LIST_HEAD(list);
	struct page *p, *t;
	int c = 0;

	page_alloc_set_pcp_enabled(pcp);
	f0 = pa_total_free();
	memset(a, 0, sizeof(a));
	n = alloc_pages_bulk_array(GFP_KERNEL, 300, a);
	ok(n == 300 && bulk_pages_ok(a, 300, zone_of(0, ZONE_NORMAL)),
	   "%s: array of 300 filled from Normal", pcp ? "pcp" : "no pcp");
	ok(pa_total_free() == f0 - 300, "%s: 300 pages less free",
	   pcp ? "pcp" : "no pcp");
	p = a[7];
	a[7] = NULL;
	ok(alloc_pages_bulk_array(GFP_KERNEL, 300, a) == 300 && a[7] &&
		   a[7] != p && bulk_pages_ok(a, 300, NULL),
	   "only the NULL slot is filled; the count includes the others");
	get_page(a[8]);
	__free_pages(p, 0);
	release_pages(a, 300);
	ok(page_ref_count(a[8]) == 1, "a page with another reference stays");
	__free_pages(a[8], 0);
	drain_all_pages(NULL);
	ok_eq(pa_total_free(), f0, "release_pages gives everything back");

	n = alloc_pages_bulk_list(GFP_KERNEL, 50, &list);
	list_for_each_entry(p, &list, lru)
		c++;
	ok(n == 50 && c == 50, "list: 50 added");
	list_for_each_entry_safe(p, t, &list, lru) {
		list_del(&p->lru);
		__free_pages(p, 0);
	}

	/* more than ZONE_DMA holds: a partial fill, all from DMA */
	memset(a, 0, sizeof(a));
	n = alloc_pages_bulk_array(GFP_DMA | __GFP_NOWARN, 2000, a);
	ok(n > 0 && n < 2000 && bulk_pages_ok(a, (int)n, dma) && !a[n],
	   "%s: GFP_DMA for 2000 pages: a partial fill of %lu, the count",
	   pcp ? "pcp" : "no pcp", n);
	bad0 = nr_bad_pages;
	release_pages(a, (int)n);
	ok_eq(nr_bad_pages, bad0, "no bad page on release");
	release_pages(a, 1);
	ok_eq(nr_bad_pages, bad0 + 1, "a second release is a double free");
	drain_all_pages(NULL);
	ok_eq(pa_total_free(), f0, "everything back");
	page_alloc_set_pcp_enabled(true);
	check_consistent(pcp ? "after bulk with pcp" : "after bulk, no pcp");
}

static void test_bulk(void)
{
	struct page *a[4] = {NULL};
	unsigned long f0;

	pa_boot(&small, NULL);
	f0 = pa_total_free();
	ok(alloc_pages_bulk_array(GFP_KERNEL, 0, a) == 0 && !a[0],
	   "nr 0: nothing");
	host_log_clear();
	ok(__alloc_pages_bulk(GFP_KERNEL, NUMA_NO_NODE, NULL, 4, NULL, NULL) ==
		   0,
	   "no array and no list: 0");
	ok(host_log_contains("WARNING"), "and a warning");
	ok(alloc_pages_bulk(GFP_KERNEL, 4, a) == 4 && bulk_pages_ok(a, 4, NULL),
	   "alloc_pages_bulk() is the array form");
	release_pages(a, 4);
	release_pages(NULL, 0);
	drain_all_pages(NULL);
	ok_eq(pa_total_free(), f0, "all back");
	bulk_round(true);
	bulk_round(false);
}

/* Orders 1..PAGE_ALLOC_COSTLY_ORDER have their own pcp lists. */
/* 256 MiB: a batch large enough for blocks to stay on the lists */
static const struct pa_range big_mem[] = {{0, 256 * SZ_1M, 0}};
static const struct pa_range big_res[] = {{SZ_1M, SZ_1M, 0}};
static const struct pa_layout big = {
	PA_MEM(big_mem),
	PA_RES(big_res),
	.zone_limit = {[ZONE_DMA] = 16 * SZ_1M,
		       [ZONE_DMA32] = 256 * SZ_1M,
		       [ZONE_NORMAL] = 256 * SZ_1M},
};

static void test_high_order_lists(void)
{
	struct per_cpu_pages *pcp;
	unsigned long f0, a0;

	pcp = pa_boot_pcp(&big, ZONE_DMA32, &f0);
	for (unsigned int o = 1; o <= PAGE_ALLOC_COSTLY_ORDER + 1; o++) {
		struct page *p = alloc_pages(GFP_KERNEL, o), *q;
		int c0 = pcp->count;
		bool listed = false;

		ok(p && !(page_to_pfn(p) & ((1UL << o) - 1)) &&
			   page_ref_count(p) == 1 && !PagePcp(p),
		   "order %u allocated, aligned", o);
		__free_pages(p, o);
		if (o <= PAGE_ALLOC_COSTLY_ORDER) {
			list_for_each_entry(
				q, pcp_list(pcp, o, MIGRATE_UNMOVABLE), lru)
				listed |= q == p;
			ok(listed && PagePcp(p) && pcp->count == c0 + (1 << o),
			   "order %u freed to its pcp list, count in pages", o);
			a0 = sum_vm_event(PGALLOC);
			q = alloc_pages(GFP_KERNEL, o);
			ok(q == p && sum_vm_event(PGALLOC) == a0 + (1UL << o),
			   "order %u: the next one takes it, %lu pages counted",
			   o, 1UL << o);
			__free_pages(q, o);
		} else {
			ok(!PagePcp(p) && pcp->count == c0,
			   "order %u: no pcp list, straight to the buddy", o);
		}
	}
	drain_all_pages(NULL);
	ok_eq(pa_total_free(), f0, "everything back");
	check_consistent("after high-order pcp lists");
}

static int list_len(struct list_head *head)
{
	struct list_head *pos;
	int n = 0;

	list_for_each(pos, head)
		n++;
	return n;
}

/*
 * A free that takes the lists over pcp->high drains from its own list
 * first (Linux's pindex): draining from the order-0 lists every time
 * emptied them while order-3 blocks piled up, and a mixed-order churn
 * paid a buddy refill for most order-0 allocations (4.5x slower).
 */
static void test_overflow_drains_own_list(void)
{
	struct page *blk[64];
	struct per_cpu_pages *pcp;
	struct page *p[4];
	int n, i, l0;
	unsigned long f0;

	pcp = pa_boot_pcp(&big, ZONE_DMA32, &f0);
	for (i = 0; i < 4; i++)
		p[i] = alloc_pages(GFP_KERNEL, 0);
	for (i = 0; i < 4; i++)
		__free_pages(p[i], 0);
	n = min(pcp->high / 8 + 2, 64);
	for (i = 0; i < n; i++)
		blk[i] = alloc_pages(GFP_KERNEL, 3);
	l0 = list_len(pcp_list(pcp, 0, MIGRATE_UNMOVABLE));
	ok(l0 >= 4 && pcp->count < pcp->high,
	   "order-0 pages on their list (%d), the lists below high", l0);
	for (i = 0; i < n; i++)
		__free_pages(blk[i], 3);
	ok(pcp->count < pcp->high &&
		   list_len(pcp_list(pcp, 0, MIGRATE_UNMOVABLE)) == l0,
	   "order-3 frees over high drain order-3 blocks, not the order-0 "
	   "list (%d of %d left)",
	   list_len(pcp_list(pcp, 0, MIGRATE_UNMOVABLE)), l0);
	drain_all_pages(NULL);
	ok_eq(pa_total_free(), f0, "everything back");
}

int main(void)
{
	(void)release_held;
	test_fast_lists();
	test_fast_counters();
	test_fast_isolation();
	test_fast_stale_type();
	test_bulk();
	test_high_order_lists();
	test_overflow_drains_own_list();
	test_isolation_marks_before_drain();
	return tap_done();
}
