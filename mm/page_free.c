// SPDX-License-Identifier: MIT
/**
 * DOC: freeing pages to the buddy allocator
 *
 * A freed block of 2^order pages first passes free_pages_prepare(): a page
 * that is already free, reserved, still owned by the slab, or not aligned to
 * its order is reported as "BUG: Bad page state" and leaked rather than
 * inserted, so one bad caller cannot corrupt the free lists.  With
 * CONFIG_DEBUG_VM the tail pages are checked as well: a tail page that is
 * in use (its own reference, a state flag, another compound head) means the
 * order is too large, and nothing is freed.  An order of MAX_ORDER or more
 * is refused in every configuration.
 *
 * Order-0 pages go to the freeing CPU's per-cpu list (struct per_cpu_pages);
 * when that list reaches pcp->high, pcp->batch pages go back to the buddy
 * lists in one go (free_pcppages_bulk()).
 *
 * __free_one_page() merges a block with its buddy (pfn ^ (1 << order))
 * while the buddy is a free block of the same order in the same zone, and
 * never across the boundary of an isolated pageblock.  A merged block whose
 * next-larger buddy is also free goes on the tail of its list: it is likely
 * to merge again soon, so it should not be handed out first.
 *
 * This file also keeps the pageblock migratetype bitmap and moves free
 * pages between migratetype lists (fallback stealing, isolation).
 */
#include <kernel/errno.h>
#include <kernel/string.h>

#include "page_alloc_internal.h"

/* ---- pageblock migratetype bitmap ---- */

static inline unsigned long pfn_to_bitidx(const struct zone *zone,
					  unsigned long pfn)
{
	pfn -= ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
	return (pfn >> pageblock_order) * NR_PAGEBLOCK_BITS;
}

/**
 * get_pfnblock_migratetype - migratetype of the pageblock holding a page
 * @page: the page
 * @pfn: its pfn (callers usually have it already)
 */
int get_pfnblock_migratetype(const struct page *page, unsigned long pfn)
{
	const struct zone *zone = page_zone(page);
	unsigned long idx = pfn_to_bitidx(zone, pfn);
	unsigned long word = zone->pageblock_flags[idx / BITS_PER_LONG];

	return (int)((word >> (idx % BITS_PER_LONG)) & PB_MIGRATETYPE_MASK);
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
	*word = (*word & ~(PB_MIGRATETYPE_MASK << shift)) |
		((unsigned long)migratetype << shift);
}

/* ---- coalescing ---- */

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

/* ---- checks before freeing ---- */

static noinline bool free_page_is_bad(struct page *page, unsigned long pfn,
				      unsigned int order, unsigned long caller)
{
	const char *reason = NULL;

	if (page->flags & (1UL << PG_reserved))
		reason = "PG_reserved set (freeing a reserved page)";
	else if (page->flags & ((1UL << PG_buddy) | (1UL << PG_pcp)))
		reason = "page already free";
	else if (page->flags & ((1UL << PG_slab) | (1UL << PG_large_kmalloc)))
		reason = "PG_slab/PG_large_kmalloc still set";
	else if (page->flags & PAGE_FLAGS_CHECK_AT_FREE)
		reason = "PAGE_FLAGS_CHECK_AT_FREE flag(s) set";
	else if (pfn & ((1UL << order) - 1))
		reason = "not aligned to its order";
	else if (page->_refcount != 0)
		reason = "nonzero _refcount";
	if (!reason)
		return false;
	bad_page(page, order, reason, caller);
	return true;
}

/*
 * A tail page of a block being freed must be an ordinary page of that
 * block: no state flag (free, reserved, slab), not the head of another
 * compound allocation, and no reference of its own.  A tail page with a
 * reference belongs to someone else: the block was freed with too large
 * an order (Linux's free_tail_page_prepare() and free_page_is_bad()).
 */
static noinline bool free_tail_pages_bad(struct page *page, unsigned int order,
					 unsigned long caller)
{
	for (unsigned long i = 1; i < (1UL << order); i++) {
		const struct page *tail = page + i;
		const char *reason = NULL;

		if (tail->flags & PAGE_FLAGS_CHECK_AT_FREE)
			reason = "tail page flags set at free";
		else if (PageHead(tail))
			reason = "tail page is the head of another compound "
				 "page";
		else if (tail->_refcount != 0)
			reason = "tail page has a nonzero _refcount (freed "
				 "with too large an order?)";
		if (reason) {
			bad_page(tail, order, reason, caller);
			return true;
		}
	}
	return false;
}

static inline bool free_pages_prepare(struct page *page, unsigned long pfn,
				      unsigned int order, int fpi_flags,
				      unsigned long caller)
{
	if (unlikely((page->flags & PAGE_FLAGS_CHECK_AT_FREE) ||
		     (pfn & ((1UL << order) - 1)) || page->_refcount))
		return !free_page_is_bad(page, pfn, order, caller);

	/* under DEBUG_VM every tail page is checked; a bad one stops it all */
	if (IS_ENABLED(CONFIG_DEBUG_VM) && order &&
	    unlikely(free_tail_pages_bad(page, order, caller)))
		return false;
	page->flags &= ~PAGE_FLAGS_CLEAR_AT_FREE;
	if (IS_ENABLED(CONFIG_PAGE_POISONING) && page_poisoning_enabled &&
	    !(fpi_flags & FPI_SKIP_POISON))
		kernel_poison_pages(page, order);
	__count_vm_events(PGFREE, 1UL << order);
	return true;
}

/* Free a block straight to the buddy lists (any order). */
static void free_one_page(struct page *page, unsigned long pfn,
			  unsigned int order, int fpi_flags)
{
	struct zone *zone = page_zone(page);
	irqflags_t flags;

	zone_lock_irqsave(zone, flags);
	__free_one_page(page, pfn, zone, order,
			get_pfnblock_migratetype(page, pfn), fpi_flags);
	zone_unlock_irqrestore(zone, flags);
}

/* Free a block whose refcount is already 0 (boot handoff, internal). */
void __free_pages_ok(struct page *page, unsigned int order, int fpi_flags)
{
	unsigned long pfn = page_to_pfn(page);

	if (free_pages_prepare(page, pfn, order, fpi_flags, _RET_IP_))
		free_one_page(page, pfn, order, fpi_flags);
}

/* ---- per-cpu lists ---- */

/**
 * free_pcppages_bulk - return pages from a pcp list to the buddy lists
 * @zone: the zone the list belongs to
 * @count: how many pages to return (at most pcp->count)
 * @pcp: the per-cpu list set
 *
 * Takes pages round-robin from the migratetype lists, oldest (tail) first,
 * so the pages most likely to be cache-hot stay on the list.
 */
void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp)
{
	irqflags_t flags;
	int mt = 0, freed = 0;

	zone_lock_irqsave(zone, flags);
	while (count > 0 && pcp->count > 0) {
		struct list_head *list;

		for (;;) {
			list = &pcp->lists[mt];
			mt = mt + 1 == MIGRATE_PCPTYPES ? 0 : mt + 1;
			if (!list_empty(list))
				break;
		}
		do {
			struct page *page =
				list_last_entry(list, struct page, lru);
			unsigned long pfn = page_to_pfn(page);
			int pmt = (int)page->private;

			list_del(&page->lru);
			__ClearPagePcp(page);
			page->private = 0;
			pcp->count--;
			count--;
			freed++;
			if (unlikely(has_isolate_pageblock(zone)))
				pmt = get_pfnblock_migratetype(page, pfn);
			__free_one_page(page, pfn, zone, 0, pmt, FPI_NONE);
		} while (count > 0 && !list_empty(list));
	}
	__mod_zone_page_state(zone, NR_FREE_PCP, -freed);
	zone_unlock_irqrestore(zone, flags);
}

static void drain_pages_zone(int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->pageset[cpu];

	if (pcp->count)
		free_pcppages_bulk(zone, pcp->count, pcp);
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
 * Only the boot CPU runs kernel code today, so the other CPUs' lists are
 * drained directly; with SMP this becomes a cross-CPU call.
 */
void drain_all_pages(struct zone *zone)
{
	count_vm_event(PCP_DRAIN);
	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		drain_pages(cpu, zone);
}

/* Order-0 free: to the pcp list of this CPU, unless disabled or isolated. */
static inline void free_unref_page(struct page *page, unsigned long pfn)
{
	struct zone *zone;
	struct per_cpu_pages *pcp;
	irqflags_t flags;
	int mt;

	if (unlikely(pcp_disabled)) {
		free_one_page(page, pfn, 0, FPI_NONE);
		return;
	}
	zone = page_zone(page);
	mt = get_pfnblock_migratetype(page, pfn);
	if (unlikely(mt >= MIGRATE_PCPTYPES)) {
		if (mt == MIGRATE_ISOLATE) {
			free_one_page(page, pfn, 0, FPI_NONE);
			return;
		}
		mt = MIGRATE_MOVABLE; /* highatomic: park on a normal list */
	}
	local_irq_save(flags);
	pcp = &zone->pageset[smp_processor_id()];
	__SetPagePcp(page);
	page->private = (unsigned int)mt;
	list_add(&page->lru, &pcp->lists[mt]);
	zone->vm_stat[NR_FREE_PCP]++;
	if (unlikely(++pcp->count >= pcp->high))
		free_pcppages_bulk(zone, pcp->batch, pcp);
	local_irq_restore(flags);
}

static inline void free_the_page(struct page *page, unsigned int order,
				 unsigned long caller)
{
	unsigned long pfn = page_to_pfn(page);

	if (unlikely(!free_pages_prepare(page, pfn, order, FPI_NONE, caller)))
		return;
	if (order == 0)
		free_unref_page(page, pfn);
	else
		free_one_page(page, pfn, order, FPI_NONE);
}

/**
 * __free_pages - drop a reference to a block and free it when unused
 * @page: first page of a block from alloc_pages()
 * @order: the order it was allocated with
 *
 * A page whose _refcount is already 0 (double free) or negative, or an
 * order of MAX_ORDER or more, is reported and left alone.  With
 * CONFIG_DEBUG_VM every tail page is checked too (see free_pages_prepare()),
 * which catches a block freed with a larger order than it was allocated
 * with while its buddy is still in use.
 */
void __free_pages(struct page *page, unsigned int order)
{
	/* no free_area[] for it: refuse in every configuration */
	if (unlikely(order >= MAX_ORDER)) {
		bad_page(page, order,
			 "order >= MAX_ORDER at free (nothing freed)",
			 _RET_IP_);
		return;
	}
	if (unlikely(page->_refcount <= 0)) {
		bad_page(page, order,
			 page->_refcount ? "negative _refcount"
			 : (PageBuddy(page) || PagePcp(page))
				 ? "page already free (double free)"
				 : "_refcount 0 at free (double free)",
			 _RET_IP_);
		return;
	}
	if (--page->_refcount)
		return;
	free_the_page(page, order, _RET_IP_);
}

/**
 * free_pages - free a block by its virtual address
 * @addr: address from __get_free_pages(); 0 is ignored
 * @order: its order
 */
void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

/**
 * split_page - turn one order-n block into 2^n order-0 pages
 * @page: first page, refcount 1
 * @order: its order
 *
 * Each page then has its own reference and is freed with __free_page().
 */
void split_page(struct page *page, unsigned int order)
{
	page->flags &= ~(1UL << PG_head);
	for (unsigned long i = 1; i < (1UL << order); i++)
		set_page_count(page + i, 1);
}

/**
 * free_pages_exact - free memory from alloc_pages_exact()
 * @virt: the address it returned
 * @size: the size passed to it
 */
void free_pages_exact(void *virt, size_t size)
{
	unsigned long addr = (unsigned long)virt;
	unsigned long end = addr + ALIGN(size, PAGE_SIZE);

	for (; addr < end; addr += PAGE_SIZE)
		free_page(addr);
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
	int moved = 0;

	if (num_movable)
		*num_movable = 0;
	if (!zone_spans_pfn(zone, start) || !zone_spans_pfn(zone, end - 1))
		return 0;
	for (pfn = start; pfn < end;) {
		struct page *p = first + (pfn - start);
		unsigned int order;

		if (!PageBuddy(p)) {
			pfn++;
			continue;
		}
		order = buddy_order(p);
		move_to_free_list(p, zone, order, mt);
		pfn += 1UL << order;
		moved += 1 << order;
	}
	return moved;
}

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
	drain_all_pages(zone);
	zone_lock_irqsave(zone, flags);
	if (get_pageblock_migratetype(page) == MIGRATE_ISOLATE) {
		zone_unlock_irqrestore(zone, flags);
		return -EBUSY;
	}
	split_large_buddy(zone, page - (page_to_pfn(page) - start), start);
	set_pageblock_migratetype(page, MIGRATE_ISOLATE);
	zone->nr_isolate_pageblock++;
	moved = move_freepages_block(zone, page, MIGRATE_ISOLATE, NULL);
	__mod_zone_page_state(zone, NR_FREE_PAGES, -moved);
	zone_unlock_irqrestore(zone, flags);
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
	struct page *first;
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
	zone->nr_isolate_pageblock--;
	for (pfn = start; pfn < end;) {
		struct page *p = first + (pfn - start);
		unsigned int order;

		if (!PageBuddy(p)) {
			pfn++;
			continue;
		}
		order = buddy_order(p);
		del_page_from_free_list(p, zone, order);
		__free_one_page(p, pfn, zone, order, migratetype, FPI_NONE);
		pfn += 1UL << order;
	}
	zone_unlock_irqrestore(zone, flags);
}
