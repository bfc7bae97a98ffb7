// SPDX-License-Identifier: MIT
/**
 * DOC: the buddy free lists: merging freed blocks
 *
 * Each zone keeps free_area[order].free_list[migratetype]: free blocks of
 * 2^order pages, aligned to their size, the first page marked PageBuddy
 * with its order in page->private.
 *
 * Taking a block is inline in buddy.h, since every allocation runs it:
 * __rmqueue_smallest() takes the smallest free block of a migratetype that
 * is large enough and splits it down (expand()), putting the upper halves
 * back; __rmqueue() falls back to stealing from another migratetype
 * (__rmqueue_fallback() in pageblock.c) when that type has nothing.
 *
 * Putting a block back is here: __free_one_page() merges a block with its buddy
 * (pfn ^ (1 << order)) while the buddy is a free block of the same order in
 * the same zone, and never across the boundary of an isolated pageblock.
 * A merged block whose next-larger buddy is also free goes on the tail of
 * its list: it is likely to merge again soon, so it should not be handed
 * out first.
 *
 * Called with the zone locked.
 */
#include "buddy.h"

/* ---- putting blocks back: coalescing ---- */

static inline bool page_is_buddy(const struct page *page,
				 const struct page *buddy, unsigned int order)
{
	return PageBuddy(buddy) && buddy_order(buddy) == order &&
	       page_zone_id(page) == page_zone_id(buddy);
}

/*
 * The struct page of @to, given @page at @pfn: a signed step, since @to may
 * lie below @pfn (the unsigned difference would wrap the pointer).
 */
static inline struct page *page_at(const struct page *page, unsigned long pfn,
				   unsigned long to)
{
	return (struct page *)page + ((long)to - (long)pfn);
}

/*
 * Will the block at @pfn of @order probably merge further once its buddy is
 * freed?  True when the buddy of the next larger block is already free.
 */
static inline bool buddy_merge_likely(unsigned long pfn,
				      unsigned long buddy_pfn,
				      const struct page *page,
				      unsigned int order)
{
	unsigned long higher_pfn, higher_buddy_pfn;
	const struct page *higher_page;

	if (order >= MAX_ORDER - 2)
		return false;
	higher_pfn = buddy_pfn & pfn;
	higher_page = page_at(page, pfn, higher_pfn);
	higher_buddy_pfn = higher_pfn ^ (1UL << (order + 1));
	return page_is_buddy(higher_page,
			     page_at(higher_page, higher_pfn, higher_buddy_pfn),
			     order + 1);
}

/**
 * __free_one_page - put a free block on the free lists, merging buddies
 * @page: first page of the block
 * @pfn: its pfn
 * @zone: its zone
 * @order: block order
 * @migratetype: list to use (the pageblock's or the pcp list's type)
 * @fpi_flags: FPI_TO_TAIL to queue at the tail
 *
 * Called with the zone locked.  The mem_map of every node is aligned to
 * MAX_ORDER_NR_PAGES, so a buddy's struct page always exists; it is only
 * merged if it is a free block of the same order in the same zone.
 */
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype, int fpi_flags)
{
	unsigned long buddy_pfn = 0;
	struct page *buddy;
	bool to_tail;

	__mod_zone_freepage_state(zone, 1L << order, migratetype);

	while (order < MAX_ORDER - 1) {
		buddy_pfn = pfn ^ (1UL << order);
		buddy = page_at(page, pfn, buddy_pfn);
		if (!page_is_buddy(page, buddy, order))
			break;
		/*
		 * Blocks of pageblock size or more join two pageblocks: do
		 * not let an isolated block merge with a normal one.
		 */
		if (unlikely(order >= pageblock_order &&
			     has_isolate_pageblock(zone))) {
			int bmt = get_pfnblock_migratetype(buddy, buddy_pfn);

			if (bmt != migratetype &&
			    (bmt == MIGRATE_ISOLATE ||
			     migratetype == MIGRATE_ISOLATE))
				break;
		}
		del_page_from_free_list(buddy, zone, order);
		page = page_at(page, pfn, buddy_pfn & pfn);
		pfn &= buddy_pfn;
		order++;
	}

	set_buddy_order(page, order);
	if (fpi_flags & FPI_TO_TAIL)
		to_tail = true;
	else
		to_tail = buddy_merge_likely(pfn, pfn ^ (1UL << order), page,
					     order);
	if (to_tail)
		add_to_free_list_tail(page, zone, order, migratetype);
	else
		add_to_free_list(page, zone, order, migratetype);
}
