// SPDX-License-Identifier: MIT
/**
 * DOC: the per-cpu page lists
 *
 * Blocks of order 0..PAGE_ALLOC_COSTLY_ORDER move through a per-CPU,
 * per-zone cache (struct per_cpu_pages, zone->pageset[cpu]) with one list
 * per order and pcp migratetype:
 * an allocation takes the first page of its list (rmqueue_pcplist()),
 * refilling it with pcp->batch pages from the buddy lists when it is empty
 * (rmqueue_bulk()); a free puts the page at the head (free_unref_page()),
 * and when the cache reaches pcp->high, pcp->batch pages go back to the
 * buddy lists in one go (free_pcppages_bulk()).  Pages on a pcp list are
 * PagePcp with their migratetype in page->private; they count in
 * NR_FREE_PCP, not in NR_FREE_PAGES.
 *
 * Each CPU's lists have their own lock (pcp->lock, Linux 6.x style), taken
 * before the zone lock.  The fast paths take it with spin_trylock() and use
 * the buddy lists directly when it is busy; a drain from any CPU takes it
 * with spin_lock(), so another CPU's lists are emptied safely without a
 * cross-CPU call.  NR_FREE_PCP changes go to a per-CPU diff in the same
 * cache line (pcp->vm_stat_diff), folded into the zone past
 * pcp->stat_threshold.
 *
 * The two single-page fast paths are inline in pcp.h; this file has the
 * bulk moves, the drains (drain_local_pages(), drain_all_pages()), the
 * sizing (pcp_update_batch()) and the run-time switch
 * (page_alloc_set_pcp_enabled()).
 */
#include <kernel/log2.h>

#include "pcp.h"

bool pcp_disabled = IS_ENABLED(CONFIG_PAGE_ALLOC_NO_PCP);
struct pcp_fast_cache pcp_fast_caches[CONFIG_NR_CPUS];

/**
 * pcp_fast_reset - forget every CPU's fast-path zone cache
 *
 * Called when the zonelists or a CPU's node change; the full path fills
 * the caches again.
 */
void pcp_fast_reset(void)
{
	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			__atomic_store_n(&pcp_fast_caches[cpu].pcp[z], NULL,
					 __ATOMIC_RELAXED);
}

/* ---- taking pages: bulk refill from the buddy lists ---- */

/*
 * Move up to @count order-@order blocks to @list, marked as pcp pages, for
 * @pcp (locked).  The caller adds them to pcp->count.
 */
int rmqueue_bulk(struct zone *zone, unsigned int order, int count,
		 struct list_head *list, int mt, struct per_cpu_pages *pcp)
{
	irqflags_t flags;
	int i;

	lockdep_assert_held(&pcp->lock);
	zone_lock_irqsave(zone, flags);
	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue(zone, order, mt);

		if (unlikely(!page))
			break;
		__SetPagePcp(page);
		page->private = (unsigned int)mt;
		list_add_tail(&page->lru, list);
	}
	__mod_zone_page_state(zone, NR_FREE_PAGES, -((long)i << order));
	zone_unlock_irqrestore(zone, flags);
	return i;
}

/* ---- giving pages back: bulk free and drain ---- */

/**
 * free_pcppages_bulk - return pages from a pcp list to the buddy lists
 * @zone: the zone the list belongs to
 * @count: how many pages to return (at most pcp->count)
 * @pcp: the per-cpu list set (locked)
 *
 * Takes blocks round-robin from the lists (each order and migratetype),
 * oldest (tail) first, so the pages most likely to be cache-hot stay on
 * the list; @count is in pages.
 */
void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp)
{
	irqflags_t flags;
	int idx = 0, freed = 0;

	lockdep_assert_held(&pcp->lock);
	zone_lock_irqsave(zone, flags);
	while (count > 0 && pcp->count - freed > 0) {
		struct list_head *list;
		unsigned int order;

		for (;;) {
			list = &pcp->lists[idx];
			order = (unsigned int)idx / MIGRATE_PCPTYPES;
			idx = idx + 1 == NR_PCP_LISTS ? 0 : idx + 1;
			if (!list_empty(list))
				break;
		}
		do {
			struct page *page =
				list_last_entry(list, struct page, lru);
			unsigned long pfn = page_to_pfn(page);
			/* the list may be stale: the pageblock's type rules */
			int pmt = (int)get_pfnblock_flags_mask(
				page, pfn, PB_MIGRATETYPE_MASK);

			list_del(&page->lru);
			__ClearPagePcp(page);
			page->private = 0;
			count -= 1 << order;
			freed += 1 << order;
			__free_one_page(page, pfn, zone, order, pmt, FPI_NONE);
		} while (count > 0 && !list_empty(list));
	}
	zone_unlock_irqrestore(zone, flags);
	pcp_count_add(pcp, -freed);
}

/* Empty @cpu's lists of @zone, from any CPU. */
static void drain_pages_zone(int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->pageset[cpu];
	irqflags_t flags;

	spin_lock_irqsave(&pcp->lock, flags);
	if (pcp->count)
		free_pcppages_bulk(zone, pcp->count, pcp);
	spin_unlock_irqrestore(&pcp->lock, flags);
}

static void drain_pages(int cpu, struct zone *zone)
{
	if (zone) {
		drain_pages_zone(cpu, zone);
		return;
	}
	for_each_populated_zone(zone)
		drain_pages_zone(cpu, zone);
}

/**
 * drain_local_pages - empty this CPU's pcp lists
 * @zone: only this zone, or NULL for all zones
 */
void drain_local_pages(struct zone *zone)
{
	count_vm_event(PCP_DRAIN);
	drain_pages(smp_processor_id(), zone);
}

/**
 * drain_all_pages - empty the pcp lists of every CPU
 * @zone: only this zone, or NULL for all zones
 *
 * Each CPU's lists are drained from here under their pcp->lock: no
 * cross-CPU call is needed.  A CPU may refill its lists right after.
 */
void drain_all_pages(struct zone *zone)
{
	count_vm_event(PCP_DRAIN);
	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		drain_pages(cpu, zone);
}

/* ---- sizing and switching ---- */

/**
 * pcp_update_batch - size a zone's pcp lists from its managed pages
 * @zone: the zone
 *
 * batch is about a quarter of a thousandth of the zone (at most 1 MiB / 4),
 * rounded to 2^n - 1 as Linux does; high is 6 * batch.
 */
void pcp_update_batch(struct zone *zone)
{
	unsigned long batch =
		min(zone_managed_pages(zone) >> 10, (1UL << 20) / PAGE_SIZE);
	int cpu;

	batch /= 4;
	if (batch < 1)
		batch = 1;
	batch = rounddown_pow_of_two(batch + batch / 2) - 1;
	if (batch < 1)
		batch = 1;
	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &zone->pageset[cpu];
		irqflags_t flags;

		spin_lock_irqsave(&pcp->lock, flags);
		pcp->batch = (int)batch;
		pcp->high = 6 * (int)batch;
		spin_unlock_irqrestore(&pcp->lock, flags);
	}
}

/**
 * page_alloc_set_pcp_enabled - switch the per-cpu lists on or off
 * @on: false sends order-0 pages straight to and from the buddy lists
 */
void page_alloc_set_pcp_enabled(bool on)
{
	if (!on)
		drain_all_pages(NULL);
	pcp_disabled = !on;
}
