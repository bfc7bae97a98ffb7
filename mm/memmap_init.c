// SPDX-License-Identifier: MIT
/**
 * DOC: writing the struct pages (memmap init)
 *
 * free_area_init() gives each node a flat mem_map in which every struct
 * page starts out PG_reserved, with its zone and node ids.  The struct
 * pages of the memory memblock has free are left to the handoff, which
 * writes them as it frees them (memblock_handoff.c), so boot writes each
 * one once.  Deferred struct page init writes the rest of a node later
 * with the same functions.
 */
#include <kernel/log2.h>
#include <mm/memblock.h>

#include "mm_init_internal.h"

/* The zone holding @pfn; pfns outside every zone get the lowest one. */
int zone_for_pfn(const pg_data_t *pgdat, unsigned long pfn)
{
	int lowest = 0;

	for (int zt = MAX_NR_ZONES - 1; zt >= 0; zt--) {
		const struct zone *zone = &pgdat->node_zones[zt];

		if (!zone->spanned_pages)
			continue;
		if (pfn >= zone->zone_start_pfn)
			return zt;
		lowest = zt;
	}
	return lowest;
}

/* private and _refcount, written as one word (may_alias: it is stored
 * over two members of struct page). */
typedef u64 __attribute__((may_alias)) page_tail_word;

union page_tail {
	struct {
		unsigned int private;
		int refcount;
	};
	page_tail_word word;
};

_Static_assert(offsetof(struct page, private) % sizeof(u64) == 0 &&
		       offsetof(struct page, _refcount) ==
			       offsetof(struct page, private) + 4,
	       "private and _refcount share one aligned 8-byte word");

static inline void memmap_write_one(struct page *page, unsigned long flags,
				    page_tail_word tail)
{
	page->flags = flags;
	page->lru.next = &page->lru;
	page->lru.prev = &page->lru;
	*(page_tail_word *)&page->private = tail;
}

/*
 * Write @nr struct pages from @page with @flags and refcount @ref, each
 * built in registers and stored without reading the array first: no
 * per-page function call, no read-modify-write of page->flags, and
 * private and the refcount in one store (four stores per page).  Two pages
 * (a 64-byte line) per step: one loop test for both.
 */
static void memmap_write(struct page *page, unsigned long nr,
			 unsigned long flags, int ref)
{
	const union page_tail tail = {{0, ref}};
	struct page *end = page + nr;

	for (; page + 1 < end; page += 2) {
		memmap_write_one(page, flags, tail.word);
		memmap_write_one(page + 1, flags, tail.word);
	}
	if (page < end)
		memmap_write_one(page, flags, tail.word);
}

/*
 * The struct pages of free memory, which the handoff gives to the buddy
 * allocator next: @flags, private 0 and refcount 0, two stores per page,
 * four pages per step.  page->lru is left alone: a free page's lru is a
 * list link that the buddy writes (list_add) before anything reads it,
 * on the head of each block it links, and an allocated page's lru is its
 * owner's to set (as in Linux, where an allocated page's lru is
 * undefined).  No other field of struct page is read on a free page.
 */
static void memmap_write_free(struct page *page, unsigned long nr,
			      unsigned long flags)
{
	const union page_tail tail = {{0, 0}};
	struct page *end = page + nr;

	for (; page + 3 < end; page += 4) {
		page[0].flags = flags;
		*(page_tail_word *)&page[0].private = tail.word;
		page[1].flags = flags;
		*(page_tail_word *)&page[1].private = tail.word;
		page[2].flags = flags;
		*(page_tail_word *)&page[2].private = tail.word;
		page[3].flags = flags;
		*(page_tail_word *)&page[3].private = tail.word;
	}
	for (; page < end; page++) {
		page->flags = flags;
		*(page_tail_word *)&page->private = tail.word;
	}
}

/*
 * Write the struct pages of [start, end) of a node: zone and node ids,
 * then either PG_reserved with refcount 1 (@reserved) or no flags with
 * refcount 0, ready for __free_pages_ok().  Every field that will be read
 * is written (a free page's lru waits for the buddy's list_add, see
 * memmap_write_free()), so the mem_map may come from raw (unzeroed) memory.
 */
void memmap_init_pages(pg_data_t *pgdat, unsigned long start, unsigned long end,
		       bool reserved)
{
	struct page *page =
		pgdat->node_mem_map + (start - pgdat->node_mem_map_pfn);
	unsigned long pfn = start;

	/*
	 * This loop is most of boot time on large machines, so the flags
	 * word is built once per run of pages in one zone: zone_for_pfn()
	 * can only change where a later zone starts.
	 */
	while (pfn < end) {
		struct page tmpl = {.flags = reserved ? 1UL << PG_reserved : 0};
		unsigned long stop = end;

		set_page_zone(&tmpl, zone_for_pfn(pgdat, pfn));
		set_page_node(&tmpl, pgdat->node_id);
		for (int zt = 0; zt < MAX_NR_ZONES; zt++) {
			const struct zone *z = &pgdat->node_zones[zt];

			if (z->spanned_pages && z->zone_start_pfn > pfn &&
			    z->zone_start_pfn < stop)
				stop = z->zone_start_pfn;
		}
		if (reserved)
			memmap_write(page, stop - pfn, tmpl.flags, 1);
		else
			memmap_write_free(page, stop - pfn, tmpl.flags);
		page += stop - pfn;
		pfn = stop;
	}
}

/*
 * Initialise the struct pages of [start, end) of a node as PG_reserved,
 * refcount 1.  Not __init: deferred init uses it.
 */
void memmap_init_range(pg_data_t *pgdat, unsigned long start, unsigned long end)
{
	memmap_init_pages(pgdat, start, end, true);
}

/**
 * memmap_init_unfreed - initialise the struct pages memblock will not free
 * @pgdat: the node
 * @start: first pfn
 * @end: end pfn
 *
 * Writes [start, end) as memmap_init_range() does, except the whole pages
 * memblock has free now: the handoff (free_memblock_ranges()) writes
 * those as it frees them, so boot writes each free struct page once
 * (memmap init and the handoff used to be two passes over the array).
 * What is written here are holes, reserved memory, the partial pages at
 * the ends of free ranges and the MAX_ORDER padding of the mem_map.
 * Memory memblock allocates before the handoff is initialised then, by
 * memblock_free_all().
 *
 * A bootmem backend that frees by a map of its own (the bitmap one) writes
 * the struct pages of all memory with memmap_init_memory() when it takes
 * memblock over, after memmap init.  Not __init: deferred init uses it.
 */
void memmap_init_unfreed(pg_data_t *pgdat, unsigned long start,
			 unsigned long end)
{
	phys_addr_t fs, fe;
	u64 i;

	for_each_free_mem_range(i, pgdat->node_id, MEMBLOCK_NONE, &fs, &fe,
				NULL) {
		unsigned long s = max(PFN_UP(fs), start);
		unsigned long e = min(PFN_DOWN(fe), end);

		if (s >= e)
			continue;
		memmap_init_range(pgdat, start, s);
		start = e;
	}
	memmap_init_range(pgdat, start, end);
}
