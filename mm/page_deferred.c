// SPDX-License-Identifier: MIT
/**
 * DOC: deferred struct page initialisation
 *
 * With CONFIG_DEFERRED_STRUCT_PAGE_INIT, free_area_init() initialises only
 * the struct pages of each node's first CONFIG_DEFERRED_INIT_FIRST_MB
 * (rounded up to MAX_ORDER_NR_PAGES, so no buddy pair straddles the
 * boundary) and memblock_free_all(), or the bitmap bootmem backend's
 * free_all_bootmem(), only frees memory below it.  The rest
 * is initialised and freed by deferred_init_memmap_all(), called by the
 * boot code once the system is up, or on demand by the allocator's slow
 * path when memory runs out first.
 *
 * Either must happen before memblock is discarded and the __init sections
 * are freed: the free ranges come from memblock, and the struct pages of
 * the deferred part must not be touched (pfn_to_page() on them returns
 * uninitialised memory) until then.
 */
#include "page_alloc_internal.h"
#include <mm/bootmem.h>
#include <mm/memblock.h>

#ifdef CONFIG_DEFERRED_STRUCT_PAGE_INIT

/**
 * deferred_grow - initialise and free every deferred part of memory
 *
 * Return: pages freed to the buddy allocator (0 if nothing was pending).
 */
unsigned long deferred_grow(void)
{
	unsigned long first[MAX_NUMNODES], pages;
	bool any = false;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = node_data[nid];
		unsigned long end;

		first[nid] = ~0UL;
		if (!pgdat || pgdat->first_deferred_pfn == ~0UL)
			continue;
		any = true;
		first[nid] = pgdat->first_deferred_pfn;
		end = ALIGN(pgdat_end_pfn(pgdat), MAX_ORDER_NR_PAGES);
		/* free pages are written as they are handed over */
		memmap_init_unfreed(pgdat, first[nid], end);
		pgdat->first_deferred_pfn = ~0UL;
	}
	if (!any)
		return 0;
	pages = bootmem_backend.finish_deferred(first);
	_totalram_pages += pages;
	pr_info("mm: deferred struct page init done, %lu pages freed\n", pages);
	init_per_zone_wmark_min();
	return pages;
}

/**
 * deferred_init_memmap_all - finish deferred struct page initialisation
 *
 * Idempotent; call before memblock_discard() and free_initmem().
 */
void deferred_init_memmap_all(void)
{
	deferred_grow();
}
#endif /* CONFIG_DEFERRED_STRUCT_PAGE_INIT */
