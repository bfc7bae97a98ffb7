/* SPDX-License-Identifier: MIT */
/*
 * The per-cpu lists' fast paths: taking and putting back one block of order
 * 0..PAGE_ALLOC_COSTLY_ORDER, inline since every such allocation and free
 * runs them.  The rest of
 * the pcp code (bulk refill and free, drain, sizing) is in pcp.c.
 * Included by page_alloc.c and pcp.c only.
 */
#ifndef _MM_PCP_H
#define _MM_PCP_H

#include "buddy.h"

/*
 * This CPU's per_cpu_pages are touched only by this CPU, with interrupts
 * masked (an interrupt handler may allocate too): no lock and no atomic
 * read-modify-write.  Another CPU that wants them emptied asks this one
 * with a cross-call (drain_all_pages()).
 */
static __always_inline void pcp_lock(irqflags_t *flags)
{
	local_irq_save(*flags);
}

static __always_inline void pcp_unlock(irqflags_t flags)
{
	local_irq_restore(flags);
}

/* high and batch: written by pcp_update_batch() from any CPU */
static __always_inline int pcp_high(const struct per_cpu_pages *pcp)
{
	return __atomic_load_n(&pcp->high, __ATOMIC_RELAXED);
}

static __always_inline int pcp_batch(const struct per_cpu_pages *pcp)
{
	return __atomic_load_n(&pcp->batch, __ATOMIC_RELAXED);
}

/*
 * Hand an order-0 page taken from a pcp list of @mt to its new owner:
 * no longer PagePcp, and the list it came from noted for its free.
 */
static __always_inline void pcp_page_taken(struct page *page, int mt)
{
	page_flags_write(page,
			 (page_flags_read(page) & ~(1UL << PG_pcp)) |
				 ((unsigned long)(mt + 1) << PG_MT_SHIFT));
	page->private = 0;
}

/* Take the first block of @list (not empty) of @pcp and unlock it. */
static __always_inline struct page *pcp_take_first(struct per_cpu_pages *pcp,
						   struct list_head *list,
						   irqflags_t flags,
						   unsigned int order, int mt)
{
	struct page *page = list_first_entry(list, struct page, lru);
	list_del(&page->lru);
	pcp_count_add(pcp, -(1 << order));
	pcp_unlock(flags);
	pcp_page_taken(page, mt);
	return page;
}

/*
 * The per-cpu, per-zone-class cache of the fast path: for each zone class
 * (gfp_zone()), this CPU's pcp of the first zone its node's zonelist gives
 * for that class, or NULL (not known yet, or not on this CPU's node).
 * Filled by the full path, emptied by pcp_fast_reset() when zonelists or
 * CPU nodes change.
 */
struct pcp_fast_cache {
	struct per_cpu_pages *pcp[MAX_NR_ZONES];
	int nid; /* the node of those zones: this CPU's */
} ____cacheline_aligned_in_smp;
extern struct pcp_fast_cache pcp_fast_caches[CONFIG_NR_CPUS];

/*
 * The allocation fast path: the first block of this CPU's list of @order
 * and @mt in the zone cached for @class, when @nid is this CPU's node (or
 * NUMA_NO_NODE) and the list has one; otherwise NULL and the full path
 * decides.  docs/mm.md says what this skips and why that is safe.
 */
static __always_inline struct page *
pcp_alloc_fast(enum zone_type class, unsigned int order, int mt, int nid)
{
	int cpu = smp_processor_id();
	struct pcp_fast_cache *fc = &pcp_fast_caches[cpu];
	struct per_cpu_pages *pcp =
		__atomic_load_n(&fc->pcp[class], __ATOMIC_RELAXED);
	struct list_head *list;
	struct zone *zone;
	irqflags_t flags;

	if (unlikely(!pcp || (nid != NUMA_NO_NODE && nid != fc->nid)))
		return NULL;
	/*
	 * The zone (pcp is its pageset[cpu]) must be above its low
	 * watermark, as the full path wants: a list refilled by an
	 * allocation that could dip into the reserves holds reserve pages.
	 */
	zone = container_of(pcp - cpu, struct zone, pageset[0]);
	if (unlikely((long)zone_page_state(zone, NR_FREE_PAGES) <=
		     (long)low_wmark_pages(zone) + zone->lowmem_reserve[class]))
		return NULL;
	pcp_lock(&flags);
	list = pcp_list(pcp, order, mt);
	if (unlikely(list_empty(list))) {
		pcp_unlock(flags);
		return NULL;
	}
	return pcp_take_first(pcp, list, flags, order, mt);
}

/*
 * A block of @order and @mt from this CPU's list for @zone, refilled from
 * the buddy when empty (batch pages, at least two blocks unless batch is
 * 1), or NULL: the list and the buddy are empty.
 */
static __always_inline struct page *rmqueue_pcplist(struct zone *zone,
						    unsigned int order, int mt)
{
	struct per_cpu_pages *pcp = &zone->pageset[smp_processor_id()];
	struct list_head *list;
	irqflags_t flags;

	pcp_lock(&flags);
	list = pcp_list(pcp, order, mt);
	if (unlikely(list_empty(list))) {
		/* as Linux: a batch of 1 (tiny zone) stays 1 block */
		int batch = pcp_batch(pcp);
		int blocks = batch > 1 ? max(batch >> order, 2) : 1;

		pcp_count_add(pcp, rmqueue_bulk(zone, order, blocks, list, mt)
					   << order);
		if (unlikely(list_empty(list))) {
			pcp_unlock(flags);
			return NULL;
		}
	}
	return pcp_take_first(pcp, list, flags, order, mt);
}

/*
 * Put a free block of @order on @zone's list of @order and @mt of this
 * CPU, or false (full and not @may_drain).
 */
static __always_inline bool pcp_add(struct zone *zone, struct page *page,
				    unsigned long pflags, unsigned int order,
				    int mt, bool may_drain)
{
	struct per_cpu_pages *pcp = &zone->pageset[smp_processor_id()];
	irqflags_t flags;

	pcp_lock(&flags);
	if (!may_drain && pcp->count + (1 << order) >= pcp_high(pcp)) {
		pcp_unlock(flags);
		return false;
	}
	page_flags_write(page,
			 (pflags & ~PAGE_FLAGS_CLEAR_AT_FREE) | 1UL << PG_pcp);
	page->private = (unsigned int)mt;
	list_add(&page->lru, pcp_list(pcp, order, mt));
	pcp_count_add(pcp, 1 << order);
	if (unlikely(pcp->count >= pcp_high(pcp)))
		free_pcppages_bulk(zone, pcp_batch(pcp), pcp,
				   pcp_list_index(order, mt));
	pcp_unlock(flags);
	return true;
}

/*
 * The free fast path, for a block of @order (at most
 * PAGE_ALLOC_COSTLY_ORDER) whose refcount just reached 0: straight onto
 * this CPU's list of the migratetype it was allocated with, when its
 * flags say which (and that no check fails) and nothing else needs a
 * closer look.  false sends the caller to the full path; so does a full
 * list unless @may_drain.
 */
static __always_inline bool pcp_free_fast(struct page *page, unsigned int order,
					  bool may_drain)
{
	unsigned long pflags = page_flags_read(page);
	unsigned long mtf = (pflags & PG_MT_MASK) >> PG_MT_SHIFT;
	pg_data_t *pgdat;
	struct zone *zone;

	if (unlikely(!mtf || (pflags & PAGE_FLAGS_CHECK_AT_FREE) ||
		     pcp_disabled))
		return false;
	if (IS_ENABLED(CONFIG_PAGE_POISONING) && page_poisoning_enabled)
		return false;
	pgdat = NODE_DATA((int)((pflags >> NODES_PGSHIFT) & NODES_MASK));
	zone = &pgdat->node_zones[(pflags >> ZONES_PGSHIFT) & ZONES_MASK];
	if (order) {
		/* a block's checks need its pfn (pgdat is at hand) */
		unsigned long pfn = pgdat->node_mem_map_pfn +
				    (unsigned long)(page - pgdat->node_mem_map);

		if (unlikely(pfn & ((1UL << order) - 1)))
			return false;
		if (IS_ENABLED(CONFIG_DEBUG_VM) &&
		    unlikely(free_tail_pages_bad(page, order, _RET_IP_)))
			return true; /* reported; nothing is freed */
	}
	/* an isolated pageblock needs its migratetype read */
	if (unlikely(has_isolate_pageblock(zone)))
		return false;
	if (unlikely(!pcp_add(zone, page, pflags, order, (int)mtf - 1,
			      may_drain)))
		return false;
	__count_vm_events(PGFREE, 1UL << order);
	return true;
}

/*
 * Free of a block of @order (at most PAGE_ALLOC_COSTLY_ORDER): to the pcp
 * list of this CPU, unless disabled or isolated (then straight to the
 * buddy).  The block passed free_pages_prepare().
 */
static __always_inline void
free_unref_page(struct page *page, unsigned long pfn, unsigned int order)
{
	struct zone *zone;
	int mt;

	if (unlikely(pcp_disabled)) {
		free_one_page(page, pfn, order, FPI_NONE);
		return;
	}
	zone = page_zone(page);
	mt = (int)get_pfnblock_flags_mask(page, pfn, PB_MIGRATETYPE_MASK);
	if (unlikely(mt >= MIGRATE_PCPTYPES)) {
		if (mt == MIGRATE_ISOLATE) {
			free_one_page(page, pfn, order, FPI_NONE);
			return;
		}
		mt = MIGRATE_MOVABLE; /* highatomic: park on a normal list */
	}
	if (unlikely(!pcp_add(zone, page, page_flags_read(page), order, mt,
			      true)))
		free_one_page(page, pfn, order, FPI_NONE);
}

#endif /* _MM_PCP_H */
