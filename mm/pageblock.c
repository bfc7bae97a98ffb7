// SPDX-License-Identifier: MIT
/**
 * DOC: pageblocks: the migratetype bitmap and stealing
 *
 * A zone is cut into pageblocks of 2^pageblock_order pages; each has a
 * migratetype (unmovable, movable, reclaimable, highatomic, isolate) kept
 * in the zone's pageblock_flags bitmap.  A free block goes on the free list
 * of its pageblock's type, so allocations of one mobility stay together
 * and large blocks stay available for the others.
 *
 * When a migratetype has no free block of the order asked for,
 * __rmqueue_fallback() steals from the other types in Linux's order
 * (fallbacks[]): the largest block first, and a whole pageblock (changing
 * its type) when the block is large or the request is not movable.
 * move_freepages_block() moves the free blocks of a pageblock to another
 * type's lists; isolation (page_isolation.c) uses it too.
 *
 * Nothing here calls into the other page allocator files: it is the
 * bottom of the page allocator, used by buddy.c, pcp.c and above.
 */
#include "buddy.h"

bool page_group_by_mobility_disabled =
	IS_ENABLED(CONFIG_PAGE_GROUP_BY_MOBILITY_DISABLED);

/* Linux's order of migratetypes to steal from. */
static const int fallbacks[MIGRATE_TYPES][3] = {
	[MIGRATE_UNMOVABLE] = {MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE,
			       MIGRATE_TYPES},
	[MIGRATE_MOVABLE] = {MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE,
			     MIGRATE_TYPES},
	[MIGRATE_RECLAIMABLE] = {MIGRATE_UNMOVABLE, MIGRATE_MOVABLE,
				 MIGRATE_TYPES},
};

/* ---- pageblock migratetype bitmap ---- */

/**
 * get_pfnblock_migratetype - migratetype of the pageblock holding a page
 * @page: the page
 * @pfn: its pfn (callers usually have it already)
 */
int get_pfnblock_migratetype(const struct page *page, unsigned long pfn)
{
	return (int)get_pfnblock_flags_mask(page, pfn, PB_MIGRATETYPE_MASK);
}

int get_pageblock_migratetype(const struct page *page)
{
	return get_pfnblock_migratetype(page, page_to_pfn(page));
}

/**
 * set_pageblock_migratetype - set the migratetype of a page's pageblock
 * @page: any page in the pageblock
 * @migratetype: MIGRATE_*; with grouping disabled everything but ISOLATE
 *	becomes MIGRATE_UNMOVABLE
 */
void set_pageblock_migratetype(struct page *page, int migratetype)
{
	struct zone *zone = page_zone(page);
	unsigned long idx = pfn_to_bitidx(zone, page_to_pfn(page));
	unsigned long *word = &zone->pageblock_flags[idx / BITS_PER_LONG];
	unsigned int shift = idx % BITS_PER_LONG;

	if (unlikely(page_group_by_mobility_disabled &&
		     migratetype < MIGRATE_PCPTYPES))
		migratetype = MIGRATE_UNMOVABLE;
	/* zone locked (or boot): readers load the word without the lock */
	__atomic_store_n(word,
			 (__atomic_load_n(word, __ATOMIC_RELAXED) &
			  ~(PB_MIGRATETYPE_MASK << shift)) |
				 ((unsigned long)migratetype << shift),
			 __ATOMIC_RELAXED);
}

/* ---- moving free pages between migratetype lists ---- */

/**
 * move_freepages_block - move the free blocks of a pageblock to another list
 * @zone: the zone
 * @page: any page in the pageblock
 * @mt: destination migratetype
 * @num_movable: if not NULL, set to the in-use pages known to be movable
 *	(always 0: there is no page migration here)
 *
 * Return: pages moved, or 0 if the pageblock is not entirely in @zone.
 */
int move_freepages_block(struct zone *zone, struct page *page, int mt,
			 int *num_movable)
{
	unsigned long pfn = page_to_pfn(page);
	unsigned long start = pfn & ~(pageblock_nr_pages - 1);
	unsigned long end = start + pageblock_nr_pages;
	struct page *first = page - (pfn - start);
	struct page *p;
	unsigned int order;
	int moved = 0;

	if (num_movable)
		*num_movable = 0;
	if (!zone_spans_pfn(zone, start) || !zone_spans_pfn(zone, end - 1))
		return 0;
	for (pfn = start; (p = pageblock_next_free(first, start, end, &pfn));
	     pfn += 1UL << order) {
		order = buddy_order(p);
		move_to_free_list(p, zone, order, mt);
		moved += 1 << order;
	}
	return moved;
}

/* ---- stealing from another migratetype ---- */

/* Is a block of @order big enough to take its whole pageblock? */
static bool can_steal_fallback(unsigned int order, int start_mt)
{
	if (order >= pageblock_order)
		return true;
	return order >= pageblock_order / 2 ||
	       start_mt == MIGRATE_RECLAIMABLE ||
	       start_mt == MIGRATE_UNMOVABLE || page_group_by_mobility_disabled;
}

static int find_suitable_fallback(struct free_area *area, unsigned int order,
				  int start_mt, bool *can_steal)
{
	if (!area->nr_free)
		return -1;
	for (int i = 0; fallbacks[start_mt][i] != MIGRATE_TYPES; i++) {
		int mt = fallbacks[start_mt][i];

		if (free_area_empty(area, mt))
			continue;
		*can_steal = can_steal_fallback(order, start_mt);
		return mt;
	}
	return -1;
}

static void change_pageblock_range(struct page *page, unsigned int order,
				   int mt)
{
	unsigned long nr = 1UL << (order - pageblock_order);

	while (nr--) {
		set_pageblock_migratetype(page, mt);
		page += pageblock_nr_pages;
	}
}

/*
 * Move a block found on another type's list to @start_mt; if @whole_block,
 * also move the rest of its pageblock and, when at least half of that block
 * is free or already in @start_mt's use, claim the pageblock.
 */
static void steal_suitable_fallback(struct zone *zone, struct page *page,
				    unsigned int order, int start_mt,
				    bool whole_block)
{
	int old_mt = get_pageblock_migratetype(page);
	int free_pages, movable, alike;

	if (order >= pageblock_order) {
		change_pageblock_range(page, order, start_mt);
		count_vm_event(PGSTEAL_BLOCK);
		goto single_page;
	}
	if (!whole_block)
		goto single_page;

	free_pages = move_freepages_block(zone, page, start_mt, &movable);
	if (!free_pages)
		goto single_page;
	/* in-use pages that already look like @start_mt ones */
	if (start_mt == MIGRATE_MOVABLE)
		alike = movable;
	else if (old_mt == MIGRATE_MOVABLE)
		alike = (int)pageblock_nr_pages - (free_pages + movable);
	else
		alike = 0;
	if (free_pages + alike >= (1 << (pageblock_order - 1)) ||
	    page_group_by_mobility_disabled) {
		set_pageblock_migratetype(page, start_mt);
		count_vm_event(PGSTEAL_BLOCK);
	}
	return;

single_page:
	move_to_free_list(page, zone, order, start_mt);
}

/*
 * Move a block of another migratetype to @start_mt's lists (zone locked).
 * Return: false if no other type has a block of @order or more.
 */
bool __rmqueue_fallback(struct zone *zone, unsigned int order, int start_mt)
{
	struct free_area *area;
	bool can_steal = false;
	int mt = -1, o;

	/* the largest block first: fewer, bigger pageblocks get mixed */
	for (o = MAX_ORDER - 1; o >= (int)order; o--) {
		area = &zone->free_area[o];
		mt = find_suitable_fallback(area, o, start_mt, &can_steal);
		if (mt == -1)
			continue;
		/*
		 * Movable requests that cannot take the block would only
		 * fragment it: take the smallest fitting block instead.
		 */
		if (!can_steal && start_mt == MIGRATE_MOVABLE && o > (int)order)
			goto find_smallest;
		goto do_steal;
	}
	return false;

find_smallest:
	for (o = order; o < MAX_ORDER; o++) {
		area = &zone->free_area[o];
		mt = find_suitable_fallback(area, o, start_mt, &can_steal);
		if (mt != -1)
			break;
	}
	if (mt == -1)
		return false;

do_steal:
	count_vm_event(PGALLOC_FALLBACK);
	steal_suitable_fallback(zone, get_page_from_free_area(area, mt),
				(unsigned int)o, start_mt, can_steal);
	return true;
}
