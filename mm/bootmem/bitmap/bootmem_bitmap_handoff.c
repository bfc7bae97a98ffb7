// SPDX-License-Identifier: MIT
/**
 * DOC: the bitmap bootmem backend's handoffs
 *
 * bootmem_init_from_memblock() builds the per-node bitmaps from memblock
 * (the backend's init hook); free_all_bootmem() gives every clear bit to
 * the page allocator, BITS_PER_LONG pages at a time when that many
 * naturally aligned pages are free, then the bitmaps themselves (the
 * finish hook).  With deferred struct page init the pages above each
 * node's first deferred pfn, and the bitmaps, wait for
 * free_all_bootmem_deferred().  The bitmaps and the allocator over them
 * are mm/bootmem/bitmap/bootmem_bitmap.c.
 */
#include <kernel/string.h>

#include "bootmem_bitmap_internal.h"

/* ---- hand-over to the page allocator ---- */

/*
 * BITS_PER_LONG map bits from bit @idx on, bit 0 = @idx, whatever the
 * alignment of @idx; bits at or past @nbits read as set (reserved).
 */
static unsigned long bm_window(const unsigned long *map, unsigned long nbits,
			       unsigned long idx)
{
	unsigned long w = idx / BITS_PER_LONG;
	unsigned int shift = idx % BITS_PER_LONG;
	unsigned long vec = map[w] >> shift;

	if (shift) {
		if ((w + 1) * BITS_PER_LONG < nbits)
			vec |= map[w + 1] << (BITS_PER_LONG - shift);
		else
			vec |= ~0UL << (BITS_PER_LONG - shift);
	}
	if (nbits - idx < BITS_PER_LONG)
		vec |= ~0UL << (nbits - idx);
	return vec;
}

/*
 * Give the free pages of pfns [start, end) of @bdata, by @map, to the page
 * allocator: a naturally aligned, wholly free run of BITS_PER_LONG pages
 * as one block, anything else page by page.  The map is indexed from the
 * node start, which need not be aligned to anything: the window is read
 * at any bit offset.
 */
static unsigned long __init free_bootmem_range(bootmem_data_t *bdata,
					       const unsigned long *map,
					       unsigned long start,
					       unsigned long end)
{
	unsigned long nbits = bdata->node_low_pfn - bdata->node_min_pfn;
	unsigned long pfn = start, count = 0;

	while (pfn < end) {
		unsigned long vec =
			~bm_window(map, nbits, pfn - bdata->node_min_pfn);
		unsigned long n = min(end - pfn, (unsigned long)BITS_PER_LONG);

		if (n == BITS_PER_LONG && IS_ALIGNED(pfn, BITS_PER_LONG) &&
		    vec == ~0UL) {
			unsigned int order = (unsigned int)ilog2(BITS_PER_LONG);

			memblock_free_pages(pfn_to_page(pfn), pfn, order);
			count += BITS_PER_LONG;
			pfn += BITS_PER_LONG;
			continue;
		}
		/* page by page up to the next aligned pfn */
		n = min(n, ALIGN(pfn + 1, (unsigned long)BITS_PER_LONG) - pfn);
		for (unsigned long i = 0; i < n; i++, vec >>= 1) {
			if (vec & 1) {
				memblock_free_pages(pfn_to_page(pfn + i),
						    pfn + i, 0);
				count++;
			}
		}
		pfn += n;
	}
	return count;
}

/* The pages of @bdata's bitmap @map are free memory now. */
static unsigned long __init free_bootmap(bootmem_data_t *bdata, void *map)
{
	unsigned long map_pfn = PFN_DOWN(__pa(map));
	unsigned long pages = bootmem_bootmap_pages(bdata->node_low_pfn -
						    bdata->node_min_pfn);

	for (unsigned long pfn = map_pfn; pfn < map_pfn + pages; pfn++)
		memblock_free_pages(pfn_to_page(pfn), pfn, 0);
	return pages;
}

/*
 * Hand over the node's free pages below the first deferred struct page
 * (memmap_deferred_pfn()), exactly where memblock_free_all() stops; the
 * rest is free_all_bootmem_deferred()'s.
 */
static unsigned long __init free_all_bootmem_core(bootmem_data_t *bdata)
{
	int nid = (int)(bdata - bootmem_node_data);
	unsigned long end = clamp(memmap_deferred_pfn(nid), bdata->node_min_pfn,
				  bdata->node_low_pfn);
	unsigned long count;

	bdebug("nid=%d start=%lx end=%lx deferred=%lx\n", nid,
	       bdata->node_min_pfn, bdata->node_low_pfn, end);
	count = free_bootmem_range(bdata, bdata->node_bootmem_map,
				   bdata->node_min_pfn, end);
	bdata->deferred_pfn = end;
	bdebug("nid=%d released=%lx\n", nid, count);
	return count;
}

/**
 * free_all_bootmem - release all free boot memory to the page allocator
 *
 * Every node's free pages, then its bitmap, go to the page allocator;
 * bootmem cannot be used afterwards.  With deferred struct page init, the
 * pages whose struct pages are not written yet are left out, and all the
 * bitmaps are kept (out of use) until free_all_bootmem_deferred() has
 * freed those pages by them.
 *
 * Return: the number of pages released.
 */
unsigned long __init free_all_bootmem(void)
{
	unsigned long total_pages = 0;
	bootmem_data_t *bdata;
	bool deferred = false;

	reset_all_zones_managed_pages();

	list_for_each_entry(bdata, &bdata_list, list) {
		if (!bdata->node_bootmem_map)
			continue;
		total_pages += free_all_bootmem_core(bdata);
		deferred |= bdata->deferred_pfn < bdata->node_low_pfn;
	}
	list_for_each_entry(bdata, &bdata_list, list) {
		if (!bdata->node_bootmem_map)
			continue;
		/* a map may lie in any node's deferred part: keep them all */
		if (deferred)
			bdata->deferred_map = bdata->node_bootmem_map;
		else
			total_pages +=
				free_bootmap(bdata, bdata->node_bootmem_map);
		bdata->node_bootmem_map = NULL;
	}

	/* memblock_free_all() does this for the memblock backend */
	totalram_pages_add((long)total_pages);
	return total_pages;
}

/**
 * free_all_bootmem_deferred - release what free_all_bootmem() deferred
 *
 * Called by deferred struct page init once every node's struct pages are
 * written: frees each node's free pages from its first deferred pfn on,
 * then the bitmaps.  A no-op when nothing was deferred.
 *
 * Return: the number of pages released (the caller adds them to
 * totalram_pages).
 */
unsigned long __init free_all_bootmem_deferred(void)
{
	unsigned long lo[MAX_NUMNODES], total_pages = 0;
	bootmem_data_t *bdata;

	/* the struct pages from each node's first deferred pfn up */
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		lo[nid] = ~0UL;
	list_for_each_entry(bdata, &bdata_list, list)
		if (bdata->deferred_map)
			lo[bdata - bootmem_node_data] = bdata->deferred_pfn;
	memmap_init_memory(lo);
	list_for_each_entry(bdata, &bdata_list, list)
		if (bdata->deferred_map)
			total_pages += free_bootmem_range(
				bdata, bdata->deferred_map, bdata->deferred_pfn,
				bdata->node_low_pfn);
	list_for_each_entry(bdata, &bdata_list, list) {
		if (!bdata->deferred_map)
			continue;
		total_pages += free_bootmap(bdata, bdata->deferred_map);
		bdata->deferred_map = NULL;
	}
	bdebug("released=%lx\n", total_pages);
	return total_pages;
}

/**
 * bootmem_init_from_memblock - build the bitmaps from memblock
 *
 * First the struct pages of all memory are written (memmap init left
 * those of memblock's free memory to the handoff, and this backend hands
 * over by its bitmaps).  Then, for every node with memory: allocate its
 * bitmap with memblock (on the node if possible), register the node's pfn
 * span all-reserved, then free each free memblock range into it.  Reserved and
 * nomap memory, holes and partial pages stay reserved.  Node spans may overlap
 * (interleaved nodes): a node's bitmap keeps another node's pages in its span
 * reserved, since only the node's own free ranges are released into it.
 */
void __init bootmem_init_from_memblock(void)
{
	unsigned long start[MAX_NUMNODES], end[MAX_NUMNODES];
	struct memblock_region *r;
	int nid;

	bdebug("caller=%#lx\n", _RET_IP_);
	memmap_init_memory(NULL);
	bootmem_set_pfn_bounds();
	/* built anew: nodes of an earlier setup would look like overlaps */
	INIT_LIST_HEAD(&bdata_list);
	memset(bootmem_node_data, 0, sizeof(bootmem_node_data));

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		start[nid] = ~0UL;
		end[nid] = 0;
	}
	for_each_mem_region(r) {
		nid = memblock_get_region_node(r);
		if (nid < 0 || nid >= MAX_NUMNODES)
			continue;
		start[nid] = min(start[nid], PFN_DOWN(r->base));
		end[nid] = max(end[nid], PFN_UP(r->base + r->size));
	}

	/*
	 * All bitmaps first: one may land on another node (fallback), and it
	 * must already be reserved in memblock when that node's free ranges
	 * are released below.
	 */
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		unsigned long pages = end[nid] - start[nid];
		phys_addr_t map;

		if (start[nid] >= end[nid])
			continue;
		map = memblock_phys_alloc_try_nid(
			PFN_PHYS(bootmem_bootmap_pages(pages)), PAGE_SIZE, nid);
		if (!map)
			panic("bootmem: no memory for the bitmap of node %d (%lu pages)",
			      nid, pages);
		init_bootmem_node(nid, PFN_DOWN(map), start[nid], end[nid]);
	}

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		phys_addr_t s, e;
		u64 i;

		if (start[nid] >= end[nid])
			continue;
		for_each_free_mem_range(i, nid, MEMBLOCK_NONE, &s, &e, NULL)
			free_bootmem_node(nid, s, e - s);
	}
}

/* ---- the backend hooks (struct bootmem_backend, <mm/bootmem.h>) ---- */

/* Hands over by its bitmaps: the watermarks are sized here. */
static unsigned long __init bootmem_bitmap_finish(void)
{
	unsigned long pages = free_all_bootmem();

	init_per_zone_wmark_min();
	return pages;
}

/* The bitmaps, not memblock, know what is free (bootmem may have
 * allocated or freed there); the maps were kept for this. */
static unsigned long __init
bootmem_bitmap_finish_deferred(const unsigned long *first)
{
	(void)first; /* each node's bootmem_data_t knows where it stopped */
	return free_all_bootmem_deferred();
}

const struct bootmem_backend bootmem_backend = {
	.name = "bitmap bootmem",
	.init = bootmem_init_from_memblock,
	.finish = bootmem_bitmap_finish,
	.finish_deferred = bootmem_bitmap_finish_deferred,
};
