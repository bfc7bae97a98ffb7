/* SPDX-License-Identifier: MIT */
/*
 * The buddy free lists' inline operations: list primitives, the walk over
 * a pageblock's free blocks, and taking a block off the lists (split with
 * expand()).  Inline because every allocation and free runs them; merging
 * (__free_one_page()) is in buddy.c.  Included by the page allocator's
 * files only: buddy.c, pageblock.c, page_isolation.c, pcp.h/pcp.c and
 * page_alloc.c.
 */
#ifndef _MM_BUDDY_H
#define _MM_BUDDY_H

#include "page_alloc_internal.h"

static inline unsigned int buddy_order(const struct page *page)
{
	return page->private;
}

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	page->private = order;
	__SetPageBuddy(page);
}

static inline void add_to_free_list(struct page *page, struct zone *zone,
				    unsigned int order, int mt)
{
	struct free_area *area = &zone->free_area[order];

	list_add(&page->lru, &area->free_list[mt]);
	area->nr_free++;
}

static inline void add_to_free_list_tail(struct page *page, struct zone *zone,
					 unsigned int order, int mt)
{
	struct free_area *area = &zone->free_area[order];

	list_add_tail(&page->lru, &area->free_list[mt]);
	area->nr_free++;
}

static inline void move_to_free_list(struct page *page, struct zone *zone,
				     unsigned int order, int mt)
{
	list_move(&page->lru, &zone->free_area[order].free_list[mt]);
}

static inline void del_page_from_free_list(struct page *page, struct zone *zone,
					   unsigned int order)
{
	list_del(&page->lru);
	__ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
}

static inline struct page *get_page_from_free_area(struct free_area *area,
						   int mt)
{
	return list_first_entry_or_null(&area->free_list[mt], struct page, lru);
}

/*
 * The next free block of the pageblock [@start, @end) at or after *@pfn
 * (moved to it), whose struct pages start at @first: NULL when none is
 * left.  The caller steps *@pfn over the block (1 << its order).
 */
static inline struct page *pageblock_next_free(struct page *first,
					       unsigned long start,
					       unsigned long end,
					       unsigned long *pfn)
{
	for (; *pfn < end; (*pfn)++) {
		struct page *p = first + (*pfn - start);

		if (PageBuddy(p))
			return p;
	}
	return NULL;
}

/* Free a block straight to the buddy lists (any order): locks the zone. */
static inline void free_one_page(struct page *page, unsigned long pfn,
				 unsigned int order, int fpi_flags)
{
	struct zone *zone = page_zone(page);
	irqflags_t flags;

	zone_lock_irqsave(zone, flags);
	__free_one_page(
		page, pfn, zone, order,
		(int)get_pfnblock_flags_mask(page, pfn, PB_MIGRATETYPE_MASK),
		fpi_flags);
	zone_unlock_irqrestore(zone, flags);
}

/*
 * Split a block of order @high into halves until one of order @low is
 * left; the upper halves go back on the free list of @mt.
 */
static inline void expand(struct zone *zone, struct page *page,
			  unsigned int low, unsigned int high, int mt)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		set_buddy_order(&page[size], high);
		add_to_free_list(&page[size], zone, high, mt);
	}
}

/* The smallest free block of @mt of at least @order, split to @order. */
static inline struct page *__rmqueue_smallest(struct zone *zone,
					      unsigned int order, int mt)
{
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct page *page =
			get_page_from_free_area(&zone->free_area[o], mt);

		if (!page)
			continue;
		del_page_from_free_list(page, zone, o);
		expand(zone, page, order, o, mt);
		return page;
	}
	return NULL;
}

/*
 * A block of @order for @mt: the smallest that type has, else one stolen
 * from another type (pageblock.c).  Called with the zone locked; the
 * caller adjusts NR_FREE_PAGES.
 */
static __always_inline struct page *__rmqueue(struct zone *zone,
					      unsigned int order, int mt)
{
	struct page *page;

	for (;;) {
		page = __rmqueue_smallest(zone, order, mt);
		if (likely(page))
			return page;
		if (!__rmqueue_fallback(zone, order, mt))
			return NULL;
	}
}

#endif /* _MM_BUDDY_H */
