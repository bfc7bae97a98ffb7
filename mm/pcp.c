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
 * Each CPU's lists are its own (Linux's model before 5.14): only that
 * CPU touches them, with interrupts masked, so the fast paths take no lock
 * and make no atomic read-modify-write.  drain_all_pages() asks every
 * online CPU to empty its own lists with a cross-call (on_each_cpu(),
 * waiting), and empties those of offline CPUs itself.  NR_FREE_PCP is the
 * sum of the CPUs' pcp->count.
 *
 * The fast paths are inline in pcp.h; this file has the
 * bulk moves, the drains (drain_local_pages(), drain_all_pages()), the
 * sizing (pcp_update_batch()) and the run-time switch
 * (page_alloc_set_pcp_enabled()).
 */
#include <kernel/log2.h>
#include <asm-generic/smp_call.h>

#include "pcp.h"

bool pcp_disabled = IS_ENABLED(CONFIG_PAGE_ALLOC_NO_PCP);
struct pcp_fast_cache pcp_fast_caches[CONFIG_NR_CPUS];
int pcp_fast_nid[CONFIG_NR_CPUS];
struct pcp_free_hint pcp_free_hints[CONFIG_NR_CPUS];
struct zone *zone_table[1 << (ZONES_SHIFT + NODES_SHIFT)];

/**
 * pcp_fast_reset - forget every CPU's fast-path zone cache
 *
 * Called when the zonelists or a CPU's node change; the full path fills
 * the caches again.
 */
void pcp_fast_reset(void)
{
	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		for (unsigned int i = 0; i < PCP_FAST_ENTRIES; i++)
			__atomic_store_n(&pcp_fast_caches[cpu].e[i].pcp, NULL,
					 __ATOMIC_RELAXED);
		/* no page has this key: the next free looks its zone up */
		__atomic_store_n(&pcp_free_hints[cpu].key, 1UL,
				 __ATOMIC_RELAXED);
	}
}

/**
 * zone_table_init - index every zone by the ids its pages carry
 *
 * Called by build_all_zonelists(), once the nodes exist: an entry is
 * only ever rewritten with the same zone, or cleared for a node that is
 * gone (a host test booting again).
 */
void zone_table_init(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		for (int z = 0; z < (1 << ZONES_SHIFT); z++)
			zone_table[(z << NODES_SHIFT) | nid] =
				node_data[nid] && z < MAX_NR_ZONES
					? &node_data[nid]->node_zones[z]
					: NULL;
}

/**
 * pcp_fast_events - what the fast paths counted of an event, all CPUs
 * @item: PGALLOC, PGFREE (pages), NUMA_HIT or NUMA_LOCAL (allocations);
 *	0 for any other
 *
 * Each fast-path allocation is a NUMA hit and local by construction.
 */
unsigned long pcp_fast_events(enum vm_event_item item)
{
	bool pages = item == PGALLOC;
	unsigned long sum = 0;
	struct zone *zone;

	if (item != PGALLOC && item != PGFREE &&
	    (MAX_NUMNODES == 1 || (item != NUMA_HIT && item != NUMA_LOCAL)))
		return 0;
	for_each_zone(zone)
		for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
			const struct per_cpu_pages *pcp = &zone->pageset[cpu];

			if (item == PGFREE) {
				sum += __atomic_load_n(&pcp->nr_fast_free,
						       __ATOMIC_RELAXED);
				continue;
			}
			for (unsigned int o = 0; o <= PAGE_ALLOC_COSTLY_ORDER;
			     o++)
				sum += __atomic_load_n(&pcp->nr_fast_alloc[o],
						       __ATOMIC_RELAXED)
				       << (pages ? o : 0);
		}
	return sum;
}

/*
 * Called by zone_update_wmark_ok() (zone locked) when the answer
 * changes: the zone's word and every CPU's copy.
 */
void zone_set_wmark_ok(struct zone *zone, unsigned int ok)
{
	__atomic_store_n(&zone->wmark_ok, ok, __ATOMIC_RELAXED);
	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		__atomic_store_n(&zone->pageset[cpu].wmark_ok, ok,
				 __ATOMIC_RELAXED);
}

/* ---- taking pages: bulk refill from the buddy lists ---- */

/*
 * Move up to @count order-@order blocks to @list, marked as pcp pages (a
 * pcp list of this CPU, interrupts off).  The caller adds them to
 * pcp->count.
 */
int rmqueue_bulk(struct zone *zone, unsigned int order, int count,
		 struct list_head *list, int mt)
{
	irqflags_t flags;
	int i;

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
 * @pindex: the list to start from (pcp_list_index())
 *
 * Takes blocks round-robin from the lists (each order and migratetype),
 * oldest (tail) first, so the pages most likely to be cache-hot stay on
 * the list; @count is in pages.  A free that overflows the lists starts
 * with its own list, as Linux does: starting from the order-0 lists every
 * time would empty them while blocks of higher orders pile up, and the
 * next order-0 allocations would refill from the buddy lists again.
 */
void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp,
			int pindex)
{
	irqflags_t flags;
	int idx = pindex, freed = 0;

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

/*
 * A free filled @pcp (locked with @flags) to its high mark: give a batch
 * back, starting with the list of @pindex, and unlock.  Out of line, so
 * the free fast path calls nothing but this and the unlock.
 */
void pcp_drain_high(struct zone *zone, struct per_cpu_pages *pcp, int pindex,
		    irqflags_t flags)
{
	free_pcppages_bulk(zone, pcp_batch(pcp), pcp, pindex);
	pcp_unlock(flags);
}

/*
 * Empty @cpu's lists of @zone: run by @cpu itself with interrupts off, or
 * by another CPU while @cpu is offline (nothing else touches them then).
 */
static void drain_pages_zone(int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->pageset[cpu];
	int count = __atomic_load_n(&pcp->count, __ATOMIC_RELAXED);

	if (count)
		free_pcppages_bulk(zone, count, pcp, 0);
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

/* The cross-call of drain_all_pages(): interrupts are off. */
static void drain_local_pages_call(void *zone)
{
	drain_pages(smp_processor_id(), zone);
}

/**
 * drain_local_pages - empty this CPU's pcp lists
 * @zone: only this zone, or NULL for all zones
 */
void drain_local_pages(struct zone *zone)
{
	irqflags_t flags;

	count_vm_event(PCP_DRAIN);
	local_irq_save(flags);
	drain_pages(smp_processor_id(), zone);
	local_irq_restore(flags);
}

/**
 * drain_all_pages - empty the pcp lists of every CPU
 * @zone: only this zone, or NULL for all zones
 *
 * Each online CPU empties its own lists in a cross-call (on_each_cpu(),
 * waiting for all of them); the lists of offline CPUs are emptied from
 * here.  With interrupts off the call cannot wait (another CPU may be
 * waiting for this one): then only this CPU's and the offline CPUs' lists
 * are emptied.  A CPU may refill its lists right after.
 */
void drain_all_pages(struct zone *zone)
{
	int me = smp_processor_id();
	irqflags_t flags;

	count_vm_event(PCP_DRAIN);
	if (irqs_disabled())
		drain_pages(me, zone);
	else
		on_each_cpu(drain_local_pages_call, zone, 1);
	local_irq_save(flags);
	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		if (cpu != me && !cpu_online((unsigned int)cpu))
			drain_pages(cpu, zone);
	local_irq_restore(flags);
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

		/* read by the owner without a lock: pcp_batch(), pcp_high() */
		__atomic_store_n(&pcp->batch, (int)batch, __ATOMIC_RELAXED);
		__atomic_store_n(&pcp->high, 6 * (int)batch, __ATOMIC_RELAXED);
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
