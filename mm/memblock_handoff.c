// SPDX-License-Identifier: MIT
/**
 * DOC: the handoff from memblock to the buddy allocator
 *
 * memblock_free_all() frees every free memblock range into the buddy
 * lists in the largest aligned blocks; only those pages become "managed".
 * It first writes the struct pages memmap init left alone (the free
 * ranges, and memory memblock allocated since), then frees the blocks
 * touching only their head pages.  Watermarks, lowmem reserves and pcp
 * batch sizes are computed from the managed counts afterwards
 * (init_per_zone_wmark_min()).  __free_pages_core() and
 * memblock_free_pages() are the hooks a bootmem backend that hands memory
 * over by itself uses; free_reserved_area() returns boot-only memory
 * (__init sections) later.
 */
#include <kernel/log2.h>
#include <kernel/string.h>
#include <mm/memblock.h>

#include "mm_init_internal.h"

/**
 * reset_all_zones_managed_pages - forget all managed page counts
 *
 * Called before memblock's free memory is handed over; the counts are then
 * rebuilt page by page by __free_pages_core().
 */
void reset_all_zones_managed_pages(void)
{
	struct zone *zone;

	for_each_zone(zone)
		zone->managed_pages = 0;
	_totalram_pages = 0;
}

/**
 * __free_pages_core - hand a boot-reserved block to the buddy allocator
 * @page: first page of the block (PG_reserved, any refcount)
 * @order: block order; the block must lie in one zone
 *
 * Clears PG_reserved, counts the pages in the zone's managed pages and
 * frees the block.  As in Linux, the caller adds its total to
 * totalram_pages (memblock_free_all() and free_all_bootmem() do).
 */
void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned long nr = 1UL << order;

	for (unsigned long i = 0; i < nr; i++) {
		__ClearPageReserved(page + i);
		set_page_count(page + i, 0);
	}
	page_zone(page)->managed_pages += nr;
	__free_pages_ok(page, order, FPI_TO_TAIL | FPI_SKIP_POISON);
}

/* For a bootmem backend that hands over by itself (the bitmap one). */
unsigned long memmap_deferred_pfn(int nid)
{
	return node_data[nid] ? deferred_start_pfn(nid) : ~0UL;
}

/**
 * memblock_free_pages - free a block of boot memory (memblock's hook)
 * @page: first page
 * @pfn: its pfn
 * @order: block order
 */
void memblock_free_pages(struct page *page, unsigned long pfn,
			 unsigned int order)
{
	(void)pfn;
	__free_pages_core(page, order);
}

/*
 * Give a free block of @zone, whose struct pages are written already
 * (free_memblock_ranges()), to the buddy allocator: __free_pages_core()
 * without its pass over every page of the block.
 */
static void free_pages_boot_block(pg_data_t *pgdat, struct zone *zone,
				  unsigned long pfn, unsigned int order)
{
	/* the node's own struct page, the one memmap_init_pages() wrote */
	struct page *page =
		pgdat->node_mem_map + (pfn - pgdat->node_mem_map_pfn);

	zone->managed_pages += 1UL << order;
	__free_pages_ok(page, order, FPI_TO_TAIL | FPI_SKIP_POISON);
}

/* Free [start, end), whole pages of one node, in the largest naturally
 * aligned blocks. */
static unsigned long __free_pages_memory(pg_data_t *pgdat, unsigned long start,
					 unsigned long end)
{
	unsigned long count = 0;

	while (start < end) {
		struct zone *zone =
			&pgdat->node_zones[zone_for_pfn(pgdat, start)];
		unsigned long zend = zone_end_pfn(zone);
		unsigned int order;

		if (unlikely(start >= zend)) {
			/* above the last zone limit the arch gave: unusable */
			pr_warn("mm: pfns %#lx-%#lx lie in no zone, not freed\n",
				start, end - 1);
			memmap_init_range(pgdat, start, end);
			break;
		}
		order = start ? min_t(unsigned int, MAX_ORDER - 1, __ffs(start))
			      : MAX_ORDER - 1;
		/* stay inside the range and inside one zone */
		while (start + (1UL << order) > min(end, zend))
			order--;
		free_pages_boot_block(pgdat, zone, start, order);
		start += 1UL << order;
		count += 1UL << order;
	}
	return count;
}

/**
 * free_memblock_ranges - initialise and free memblock's free memory
 * @nid: node, or NUMA_NO_NODE for all
 * @lo: lowest pfn to free
 *
 * The whole free pages of memblock from @lo up, below each node's
 * deferred part, in two walks over the ranges (not the pages): first
 * every struct page is written (memmap_init_unfreed() left them alone),
 * then the blocks are freed, touching only their head pages.  Freeing
 * reads the head of the buddy and of the next larger block, which may
 * lie in a later range, so all must be written first.
 *
 * Return: the number of pages freed.
 */
unsigned long free_memblock_ranges(int nid, unsigned long lo)
{
	unsigned long pages = 0;
	phys_addr_t start, end;
	int rnid;
	u64 i;

	for (int pass = 0; pass < 2; pass++) {
		for_each_free_mem_range(i, nid, MEMBLOCK_NONE, &start, &end,
					&rnid) {
			pg_data_t *pgdat = NODE_DATA(rnid);
			unsigned long s = max(PFN_UP(start), lo);
			unsigned long e =
				min(PFN_DOWN(end), deferred_start_pfn(rnid));

			if (s >= e)
				continue;
			if (pass == 0)
				memmap_init_pages(pgdat, s, e, false);
			else
				pages += __free_pages_memory(pgdat, s, e);
		}
	}
	return pages;
}

/*
 * (Re)initialise [start, end) as reserved wherever it has struct pages
 * that are not deferred, from @lo[nid] up if @lo: memory memblock
 * allocated after memmap init was free then and has none written yet
 * (memmap_init_unfreed()).
 */
static void memmap_init_reserved(unsigned long start, unsigned long end,
				 const unsigned long *lo)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = node_data[nid];
		unsigned long s, e;

		if (!pgdat)
			continue;
		s = max(start, lo ? lo[nid] : pgdat->node_start_pfn);
		e = min(min(end, pgdat_end_pfn(pgdat)),
			deferred_start_pfn(nid));
		if (s < e)
			memmap_init_range(pgdat, s, e);
	}
}

/**
 * memmap_init_memory - write the struct pages of all memory as reserved
 * @lo: per node, the first pfn to write (NULL: the node's start)
 *
 * Memmap init leaves the struct pages of memblock's free memory to the
 * handoff (memmap_init_unfreed()).  A bootmem backend that hands memory
 * over by a map of its own (the bitmap one) calls this when it takes
 * memblock over, and again for the deferred part once deferred struct
 * page init has run; its pages then go over through memblock_free_pages()
 * and stay PG_reserved where the map says so.
 */
void memmap_init_memory(const unsigned long *lo)
{
	unsigned long s, e;
	int i;

	for_each_mem_pfn_range(i, MAX_NUMNODES, &s, &e, NULL)
		memmap_init_reserved(s, e, lo);
}

/**
 * memblock_free_all - release all free memblock memory to the buddy
 *
 * Pages of reserved regions stay PG_reserved; every page of every free
 * range is freed, so managed pages == free memblock pages afterwards.
 * Then the watermarks and pcp sizes are computed from the managed counts.
 *
 * Return: the number of pages released (also printed).
 */
unsigned long memblock_free_all(void)
{
	phys_addr_t start, end;
	unsigned long pages;
	u64 i;

	reset_all_zones_managed_pages();
	for_each_reserved_mem_range(i, &start, &end)
		memmap_init_reserved(PFN_DOWN(start), PFN_UP(end), NULL);
	/* pages whose struct pages are deferred are freed later */
	pages = free_memblock_ranges(NUMA_NO_NODE, 0);
	totalram_pages_add((long)pages);
	pr_info("mm: %lu pages handed from memblock to the buddy allocator\n",
		pages);
	init_per_zone_wmark_min();
	return pages;
}

/**
 * init_per_zone_wmark_min - size pcp lists and watermarks from managed pages
 *
 * memblock_free_all() calls it; a bootmem backend that hands memory over
 * by itself (free_all_bootmem() of the bitmap backend) must call it after.
 * Also prints the managed pages of every zone.
 */
void init_per_zone_wmark_min(void)
{
	struct zone *zone;

	for_each_zone(zone) {
		if (zone->present_pages)
			pr_info("  Node %d, zone %8s: %lu managed pages\n",
				zone->node, zone->name, zone->managed_pages);
		pcp_update_batch(zone);
	}
	setup_per_zone_wmarks();
}

/**
 * adjust_managed_page_count - pages joined or left the buddy's management
 * @page: a page of the zone concerned
 * @count: pages added (negative: removed)
 */
void adjust_managed_page_count(struct page *page, long count)
{
	page_zone(page)->managed_pages += (unsigned long)count;
	_totalram_pages += (unsigned long)count;
}

/**
 * free_reserved_page - free one PG_reserved page to the buddy
 * @page: the page
 */
void free_reserved_page(struct page *page)
{
	if (WARN_ON(!PageReserved(page)))
		return;
	__ClearPageReserved(page);
	set_page_count(page, 1);
	__free_page(page);
	adjust_managed_page_count(page, 1);
}

/**
 * free_reserved_area - free a reserved virtual range page by page
 * @start: first byte (rounded up to a page)
 * @end: end (rounded down to a page)
 * @poison: byte to fill the pages with, or -1 for none
 * @s: what is freed, for "Freeing @s memory: NK"; NULL prints nothing
 *
 * Used for __init sections after boot (free_initmem()).
 * Return: the number of pages freed.
 */
unsigned long free_reserved_area(void *start, void *end, int poison,
				 const char *s)
{
	uintptr_t pos = ALIGN((uintptr_t)start, PAGE_SIZE);
	uintptr_t stop = ALIGN_DOWN((uintptr_t)end, PAGE_SIZE);
	unsigned long pages = 0;

	for (; pos < stop; pos += PAGE_SIZE) {
		struct page *page = virt_to_page((void *)pos);

		if (!PageReserved(page))
			continue;
		if (poison >= 0 && poison <= 0xff)
			memset((void *)pos, poison, PAGE_SIZE);
		free_reserved_page(page);
		pages++;
	}
	if (pages && s)
		pr_info("Freeing %s memory: %luK\n", s,
			pages << (PAGE_SHIFT - 10));
	return pages;
}
