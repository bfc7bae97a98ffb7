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

/* The migratetype @mt as page->flags keep it while a block is allocated. */
static __always_inline unsigned long pcp_mt_flags(int mt)
{
	return (unsigned long)(mt + 1) << PG_MT_SHIFT;
}

/*
 * Hand a block taken from a pcp list to its new owner: no longer PagePcp,
 * and @mt_flags (pcp_mt_flags()) note the list it came from for its free.
 */
static __always_inline void pcp_page_taken(struct page *page,
					   unsigned long mt_flags)
{
	page_flags_write(page,
			 (page_flags_read(page) & ~(1UL << PG_pcp)) | mt_flags);
	page->private = 0;
}

/*
 * Take the first block of @list (not empty) of @pcp, locked, and hand it
 * over (pcp_page_taken()).  The caller unlocks.
 */
static __always_inline struct page *pcp_take_first(struct per_cpu_pages *pcp,
						   struct list_head *list,
						   unsigned int order,
						   unsigned long mt_flags)
{
	struct page *page = list_first_entry(list, struct page, lru);
	struct list_head *next = page->lru.next;

	/*
	 * list_del() of the first entry, whose prev is @list: not read
	 * back, so the unlink waits for one load (page->lru.next), which
	 * the free that put the page here has just written.
	 */
	list->next = next;
	next->prev = list;
	page->lru.next = NULL;
	page->lru.prev = NULL;
	pcp_count_add(pcp, -(1 << order));
	pcp_page_taken(page, mt_flags);
	return page;
}

/*
 * The per-cpu cache of the allocation fast path, indexed by the gfp bits
 * that choose the zone class and the migratetype (PCP_FAST_GFP_MASK): for
 * each, this CPU's pcp of the first zone its node's zonelist gives for
 * that class, with the class's bit in pcp->wmark_ok and the migratetype
 * (as with grouping by mobility on); pcp NULL: not known yet, or not on
 * this CPU's node.  Only the owner fills its entries (the full path);
 * pcp_fast_reset() empties them when zonelists or CPU nodes change.
 */
#define PCP_FAST_GFP_MASK (GFP_ZONEMASK | __GFP_RECLAIMABLE)
#define PCP_FAST_ENTRIES 32 /* a power of two above PCP_FAST_GFP_MASK */
_Static_assert(PCP_FAST_GFP_MASK < PCP_FAST_ENTRIES, "pcp fast index");

struct pcp_fast_entry {
	struct per_cpu_pages *pcp;
	struct list_head *lists; /* pcp's order-0 list of mt: pcp_list() */
	unsigned long mt_flags;	 /* mt in page->flags: pcp_page_taken() */
	unsigned int class_bit;	 /* 1 << gfp_zone(), in pcp->wmark_ok */
};

struct pcp_fast_cache {
	struct pcp_fast_entry e[PCP_FAST_ENTRIES];
} ____cacheline_aligned_in_smp;
extern struct pcp_fast_cache pcp_fast_caches[CONFIG_NR_CPUS];

/* The node of each CPU's cached zones (its own). */
extern int pcp_fast_nid[CONFIG_NR_CPUS];

/* Add @n to the fast-path statistic @c (this CPU's pcp's). */
static __always_inline void pcp_fast_count(unsigned long *c, unsigned long n)
{
	if (IS_ENABLED(CONFIG_VM_EVENT_COUNTERS))
		__atomic_store_n(c, __atomic_load_n(c, __ATOMIC_RELAXED) + n,
				 __ATOMIC_RELAXED);
}

/*
 * The allocation fast path, first half: this CPU's (@cpu's) entry for
 * @gfp, when it is filled, @nid is this CPU's node (or NUMA_NO_NODE),
 * grouping by mobility is on and the zone is above its low watermark for
 * the class (pcp->wmark_ok); otherwise NULL and the full path decides.
 * docs/mm.md says what this skips and why that is safe.
 */
static __always_inline const struct pcp_fast_entry *
pcp_fast_entry(gfp_t gfp, int nid, int cpu)
{
	const struct pcp_fast_entry *e =
		&pcp_fast_caches[cpu].e[gfp & PCP_FAST_GFP_MASK];
	struct per_cpu_pages *pcp = __atomic_load_n(&e->pcp, __ATOMIC_RELAXED);
	unsigned int class_bit = e->class_bit;

	if (unlikely(!pcp || page_group_by_mobility_disabled ||
		     (nid != NUMA_NO_NODE && nid != pcp_fast_nid[cpu])))
		return NULL;
	/*
	 * The zone must be above its low watermark plus the class's
	 * lowmem_reserve, as the full path wants: a list refilled by an
	 * allocation that could dip into the reserves holds reserve pages.
	 */
	if (unlikely(!(__atomic_load_n(&pcp->wmark_ok, __ATOMIC_RELAXED) &
		       class_bit)))
		return NULL;
	return e;
}

/*
 * The second half (@e's pcp locked): the first block of its list of
 * @order, or NULL when the list is empty.
 */
static __always_inline struct page *
pcp_fast_take(const struct pcp_fast_entry *e, unsigned int order)
{
	struct per_cpu_pages *pcp = e->pcp;
	struct list_head *list = e->lists + pcp_list_index(order, 0);
	struct page *page;

	if (unlikely(list_empty(list)))
		return NULL;
	page = pcp_take_first(pcp, list, order, e->mt_flags);
	pcp_fast_count(&pcp->nr_fast_alloc[order], 1);
	return page;
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
	struct page *page;
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
	page = pcp_take_first(pcp, list, order, pcp_mt_flags(mt));
	pcp_unlock(flags);
	return page;
}

void pcp_drain_high(struct zone *zone, struct per_cpu_pages *pcp, int pindex,
		    irqflags_t flags);

/*
 * list_add() of @e at the head of @list, its two links stored one at a
 * time: the allocation that takes @e back reads e->next, and a load is
 * forwarded from a store of its own size at once, while a wider (paired,
 * vector) store makes it wait on some CPUs.  The store to first->prev in
 * between keeps the compiler from pairing them.
 */
static __always_inline void pcp_list_push(struct list_head *list,
					  struct list_head *e)
{
	struct list_head *first = list->next;

	e->next = first;
	first->prev = e;
	e->prev = list;
	list->next = e;
}

/*
 * Put a free block of @order on @list, pcp_list(@pcp, @order, @mt), of
 * @pcp, this CPU's for @zone, or false (full and not @may_drain).  @fast: count
 * the free in pcp->nr_fast_free (the fast path's per-cpu delta).
 */
static __always_inline bool pcp_add(struct zone *zone,
				    struct per_cpu_pages *pcp,
				    struct list_head *list, struct page *page,
				    unsigned long pflags, unsigned int order,
				    int mt, bool may_drain, bool fast)
{
	int n = 1 << order;
	irqflags_t flags;

	pcp_lock(&flags);
	if (!may_drain && pcp->count + n >= pcp_high(pcp)) {
		pcp_unlock(flags);
		return false;
	}
	page_flags_write(page,
			 (pflags & ~PAGE_FLAGS_CLEAR_AT_FREE) | 1UL << PG_pcp);
	page->private = (unsigned int)mt;
	pcp_list_push(list, &page->lru);
	pcp_count_add(pcp, n);
	if (fast)
		pcp_fast_count(&pcp->nr_fast_free, (unsigned long)n);
	if (unlikely(pcp->count >= pcp_high(pcp))) {
		pcp_drain_high(zone, pcp, pcp_list_index(order, mt), flags);
		return true;
	}
	pcp_unlock(flags);
	return true;
}

/*
 * Every zone by the zone and node ids of its pages' flags: page_zone()
 * in one load.  Filled by build_all_zonelists() (zone_table_init())
 * before any page is allocated.
 */
extern struct zone *zone_table[1 << (ZONES_SHIFT + NODES_SHIFT)];
_Static_assert(ZONEID_PGSHIFT + ZONES_SHIFT + NODES_SHIFT == BITS_PER_LONG,
	       "the zone id is not the top of page->flags");

/*
 * The bits of page->flags that choose a free's pcp list (with its order):
 * the zone and node ids and the migratetype the block was allocated with.
 */
#define PCP_FREE_KEY_MASK (PG_MT_MASK | (ZONEID_MASK << ZONEID_PGSHIFT))

/*
 * Each CPU's last free fast path: its key (PCP_FREE_KEY_MASK bits; 1,
 * which no page has, after pcp_fast_reset()), zone and migratetype.
 */
struct pcp_free_hint {
	unsigned long key;
	struct zone *zone;
	struct per_cpu_pages *pcp; /* this CPU's of zone */
	struct list_head *lists;   /* its order-0 list of mt: pcp_list() */
	int mt;
} ____cacheline_aligned_in_smp;
extern struct pcp_free_hint pcp_free_hints[CONFIG_NR_CPUS];

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
	int cpu = smp_processor_id();
	struct pcp_free_hint *h;
	struct zone *zone;

	if (unlikely(!mtf || (pflags & PAGE_FLAGS_CHECK_AT_FREE) ||
		     pcp_disabled))
		return false;
	if (IS_ENABLED(CONFIG_PAGE_POISONING) && page_poisoning_enabled)
		return false;
	/*
	 * The zone and list come from this CPU's last free when the page
	 * has the same ids and migratetype (the usual case), so their
	 * addresses do not wait for the page's flags, only the (predicted)
	 * comparison does; otherwise from the ids, the top bits of the flags.
	 */
	h = &pcp_free_hints[cpu];
	if (unlikely(__atomic_load_n(&h->key, __ATOMIC_RELAXED) !=
		     (pflags & PCP_FREE_KEY_MASK))) {
		h->zone = zone_table[pflags >> ZONEID_PGSHIFT];
		h->mt = (int)mtf - 1;
		h->pcp = &h->zone->pageset[cpu];
		h->lists = pcp_list(h->pcp, 0, h->mt);
		__atomic_store_n(&h->key, pflags & PCP_FREE_KEY_MASK,
				 __ATOMIC_RELAXED);
		barrier(); /* read them back below, in both cases */
	}
	zone = h->zone;
	if (order) {
		/* a block's checks need its pfn */
		const pg_data_t *pgdat = zone->zone_pgdat;
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
	return pcp_add(zone, h->pcp, h->lists + pcp_list_index(order, 0), page,
		       pflags, order, h->mt, may_drain, true);
}

/*
 * Free of a block of @order (at most PAGE_ALLOC_COSTLY_ORDER): to the pcp
 * list of this CPU, unless disabled or isolated (then straight to the
 * buddy).  The block passed free_pages_prepare().
 */
static __always_inline void
free_unref_page(struct page *page, unsigned long pfn, unsigned int order)
{
	struct per_cpu_pages *pcp;
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
	pcp = &zone->pageset[smp_processor_id()];
	if (unlikely(!pcp_add(zone, pcp, pcp_list(pcp, order, mt), page,
			      page_flags_read(page), order, mt, true, false)))
		free_one_page(page, pfn, order, FPI_NONE);
}

#endif /* _MM_PCP_H */
