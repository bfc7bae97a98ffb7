// SPDX-License-Identifier: MIT
/**
 * DOC: isolating pageblocks
 *
 * set_migratetype_isolate() stops allocations from a pageblock: its free
 * pages move to the MIGRATE_ISOLATE lists and stop counting as free, and
 * freed pages of the block go there too.  unset_migratetype_isolate()
 * gives the pageblock a normal type again and re-frees its free blocks so
 * they merge with their buddies outside it.  __free_one_page() never
 * merges an isolated block with a normal one.
 *
 * Isolation drains the per-cpu lists once the block is marked, so it sits
 * above pcp.c (whose refill steals pageblocks through pageblock.c).
 */
#include <kernel/errno.h>

#include "buddy.h"

/*
 * If a free block larger than a pageblock covers the pageblock at @start,
 * break it into pageblock-sized blocks (each on its own pageblock's list)
 * so the pageblock can change type on its own.  Zone locked.
 */
static void split_large_buddy(struct zone *zone, struct page *first,
			      unsigned long start)
{
	for (unsigned int o = pageblock_order + 1; o < MAX_ORDER; o++) {
		unsigned long head = start & ~((1UL << o) - 1);
		struct page *hp = first - (start - head);
		unsigned int order;

		if (!PageBuddy(hp) || head + (1UL << buddy_order(hp)) <= start)
			continue;
		order = buddy_order(hp);
		del_page_from_free_list(hp, zone, order);
		for (unsigned long i = 0; i < (1UL << order);
		     i += pageblock_nr_pages) {
			struct page *p = hp + i;

			set_buddy_order(p, pageblock_order);
			add_to_free_list(p, zone, pageblock_order,
					 get_pfnblock_migratetype(p, head + i));
		}
		return;
	}
}

/*
 * The pageblock holding @page, as [*start, *end).  Return: true if every
 * pfn of it lies in @zone.  A pageblock that straddles a zone boundary
 * (a zone whose start or end is not pageblock aligned) has pages this
 * zone's lists and counters do not own: it cannot be isolated.
 */
static bool pageblock_in_zone(const struct zone *zone, const struct page *page,
			      unsigned long *start, unsigned long *end)
{
	unsigned long pfn = page_to_pfn(page);

	*start = pfn & ~(pageblock_nr_pages - 1);
	*end = *start + pageblock_nr_pages;
	return zone_spans_pfn(zone, *start) && zone_spans_pfn(zone, *end - 1);
}

/**
 * set_migratetype_isolate - stop allocations from a pageblock
 * @page: any page in the pageblock
 *
 * Its free pages move to the MIGRATE_ISOLATE lists and stop counting as
 * free.  As in Linux, a pageblock not wholly inside its zone is refused:
 * its pages outside the zone are not this zone's to move.
 *
 * Return: 0, or -EBUSY if the block is already isolated or straddles a
 * zone boundary (nothing changed).
 */
int set_migratetype_isolate(struct page *page)
{
	struct zone *zone = page_zone(page);
	unsigned long start, end;
	irqflags_t flags;
	int moved;

	if (!pageblock_in_zone(zone, page, &start, &end))
		return -EBUSY;
	zone_lock_irqsave(zone, flags);
	if (get_pageblock_migratetype(page) == MIGRATE_ISOLATE) {
		zone_unlock_irqrestore(zone, flags);
		return -EBUSY;
	}
	split_large_buddy(zone, page - (page_to_pfn(page) - start), start);
	set_pageblock_migratetype(page, MIGRATE_ISOLATE);
	__atomic_store_n(&zone->nr_isolate_pageblock,
			 zone->nr_isolate_pageblock + 1, __ATOMIC_RELAXED);
	moved = move_freepages_block(zone, page, MIGRATE_ISOLATE, NULL);
	__mod_zone_page_state(zone, NR_FREE_PAGES, -moved);
	zone_unlock_irqrestore(zone, flags);
	/*
	 * Marked first, then drained, as Linux does: a free that saw the
	 * block unmarked may have parked a page of it on a pcp list; the
	 * drain gives it to the buddy, which reads the block's type
	 * (isolated) for it.  Frees after the marking skip the pcp lists.
	 */
	drain_all_pages(zone);
	return 0;
}

/**
 * unset_migratetype_isolate - make an isolated pageblock usable again
 * @page: any page in the pageblock
 * @migratetype: its new migratetype
 *
 * Free blocks are re-freed so they merge with buddies outside the block
 * (never with an isolated neighbour).  A block that is not isolated
 * (set_migratetype_isolate() refused it or was never called) is left
 * alone.
 */
void unset_migratetype_isolate(struct page *page, int migratetype)
{
	struct zone *zone = page_zone(page);
	unsigned long pfn, start, end;
	struct page *first, *p;
	unsigned int order;
	irqflags_t flags;

	if (!pageblock_in_zone(zone, page, &start, &end))
		return; /* never isolated: set_migratetype_isolate() refuses */
	first = page - (page_to_pfn(page) - start);
	zone_lock_irqsave(zone, flags);
	if (get_pageblock_migratetype(page) != MIGRATE_ISOLATE) {
		zone_unlock_irqrestore(zone, flags);
		return;
	}
	/*
	 * Free pages of two neighbouring isolated pageblocks may have merged
	 * into one block larger than a pageblock: split it first, so that
	 * only this block's pages leave the isolated lists.
	 */
	split_large_buddy(zone, first, start);
	set_pageblock_migratetype(page, migratetype);
	__atomic_store_n(&zone->nr_isolate_pageblock,
			 zone->nr_isolate_pageblock - 1, __ATOMIC_RELAXED);
	for (pfn = start; (p = pageblock_next_free(first, start, end, &pfn));
	     pfn += 1UL << order) {
		order = buddy_order(p);
		del_page_from_free_list(p, zone, order);
		__free_one_page(p, pfn, zone, order, migratetype, FPI_NONE);
	}
	zone_unlock_irqrestore(zone, flags);
}
