/* SPDX-License-Identifier: MIT */
/*
 * The per-cpu lists' fast paths: taking and putting back one order-0 page,
 * inline since every order-0 allocation and free runs them.  The rest of
 * the pcp code (bulk refill and free, drain, sizing) is in pcp.c.
 * Included by page_alloc.c and pcp.c only.
 */
#ifndef _MM_PCP_H
#define _MM_PCP_H

#include "buddy.h"

/*
 * An order-0 page of @mt from this CPU's list for @zone, or NULL: the list
 * and the buddy are empty, or the list is busy (an interrupt on this CPU,
 * or another CPU draining it) and the caller should use the buddy.
 */
static __always_inline struct page *rmqueue_pcplist(struct zone *zone, int mt)
{
	struct per_cpu_pages *pcp;
	struct list_head *list;
	struct page *page;
	irqflags_t UP_flags;

	pcp_trylock_prepare(UP_flags);
	pcp = &zone->pageset[smp_processor_id()];
	if (unlikely(!spin_trylock(&pcp->lock))) {
		pcp_trylock_finish(UP_flags);
		return NULL;
	}
	list = &pcp->lists[mt];
	if (unlikely(list_empty(list))) {
		pcp->count += rmqueue_bulk(zone, 0, pcp->batch, list, mt, pcp);
		if (unlikely(list_empty(list))) {
			spin_unlock(&pcp->lock);
			pcp_trylock_finish(UP_flags);
			return NULL;
		}
	}
	page = list_first_entry(list, struct page, lru);
	list_del(&page->lru);
	pcp->count--;
	__mod_pcp_page_state(zone, pcp, NR_FREE_PCP, -1);
	spin_unlock(&pcp->lock);
	pcp_trylock_finish(UP_flags);
	__ClearPagePcp(page);
	page->private = 0;
	return page;
}

/*
 * Order-0 free: to the pcp list of this CPU, unless disabled, isolated or
 * busy (then straight to the buddy).
 */
static __always_inline void free_unref_page(struct page *page,
					    unsigned long pfn)
{
	struct zone *zone;
	struct per_cpu_pages *pcp;
	irqflags_t UP_flags;
	int mt;

	if (unlikely(pcp_disabled)) {
		free_one_page(page, pfn, 0, FPI_NONE);
		return;
	}
	zone = page_zone(page);
	mt = (int)get_pfnblock_flags_mask(page, pfn, PB_MIGRATETYPE_MASK);
	if (unlikely(mt >= MIGRATE_PCPTYPES)) {
		if (mt == MIGRATE_ISOLATE) {
			free_one_page(page, pfn, 0, FPI_NONE);
			return;
		}
		mt = MIGRATE_MOVABLE; /* highatomic: park on a normal list */
	}
	pcp_trylock_prepare(UP_flags);
	pcp = &zone->pageset[smp_processor_id()];
	if (unlikely(!spin_trylock(&pcp->lock))) {
		pcp_trylock_finish(UP_flags);
		free_one_page(page, pfn, 0, FPI_NONE);
		return;
	}
	__SetPagePcp(page);
	page->private = (unsigned int)mt;
	list_add(&page->lru, &pcp->lists[mt]);
	__mod_pcp_page_state(zone, pcp, NR_FREE_PCP, 1);
	if (unlikely(++pcp->count >= pcp->high))
		free_pcppages_bulk(zone, pcp->batch, pcp);
	spin_unlock(&pcp->lock);
	pcp_trylock_finish(UP_flags);
}

#endif /* _MM_PCP_H */
