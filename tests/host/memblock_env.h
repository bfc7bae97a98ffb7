/* SPDX-License-Identifier: MIT */
/*
 * The page allocator side of memblock's and bootmem's hand-over contract
 * (mm/memblock_internal.h), for host programs that run them without the
 * buddy (MM_HOST_STANDALONE): tests, fuzzers, benchmarks.  Include once,
 * in the program's one source file that defines the stand-ins.
 *
 * memblock_free_pages() counts the pages it receives in pages_handed and
 * passes each block to memblock_env_on_free if a program sets it.  Define
 * MEMBLOCK_ENV_BOOTMEM before including for the rest of the contract a
 * bootmem backend calls; the program then supplies memblock_free_all().
 */
#ifndef _TESTS_MEMBLOCK_ENV_H
#define _TESTS_MEMBLOCK_ENV_H

#include <mm/memblock.h>

#include "../../mm/memblock_internal.h"

/* Pages memblock_free_pages() received. */
static unsigned long pages_handed;
/* Called with every block memblock_free_pages() receives, if set. */
static void (*memblock_env_on_free)(unsigned long pfn, unsigned int order);

void memblock_free_pages(struct page *page, unsigned long pfn,
			 unsigned int order)
{
	(void)page;
	pages_handed += 1UL << order;
	if (memblock_env_on_free)
		memblock_env_on_free(pfn, order);
}

struct page *pfn_to_page(unsigned long pfn)
{
	(void)pfn;
	return NULL;
}

void totalram_pages_add(long count)
{
	(void)count;
}

#ifdef MEMBLOCK_ENV_BOOTMEM
#include <string.h>

#include <mm/bootmem.h>
#include <mm/bootmem_bitmap.h>

/*
 * A fresh boot: memblock empty, no bootmem node, no pfn limits, the
 * default allocation direction and limit.
 */
static inline void memblock_env_reset(void)
{
	memblock_discard();
#if IS_ENABLED(CONFIG_BOOTMEM_BITMAP)
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (bootmem_node_data[nid].list.next)
			list_del(&bootmem_node_data[nid].list);
		memset(&bootmem_node_data[nid], 0,
		       sizeof(bootmem_node_data[0]));
	}
#endif
	max_pfn = max_low_pfn = min_low_pfn = 0;
	memblock.bottom_up = false;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
}

/* Calls of reset_all_zones_managed_pages(). */
static unsigned long managed_resets;
/* Deferred struct page init: the first deferred pfn of every node. */
static unsigned long deferred_from = ~0UL;

void reset_all_zones_managed_pages(void)
{
	managed_resets++;
}

unsigned long memmap_deferred_pfn(int nid)
{
	(void)nid;
	return deferred_from;
}

void init_per_zone_wmark_min(void)
{
}

/* No struct pages here: nothing to write. */
void memmap_init_memory(const unsigned long *lo)
{
	(void)lo;
}

/* Deferred init of the memblock backend: not run without the buddy. */
unsigned long free_memblock_ranges(int nid, unsigned long lo)
{
	(void)nid;
	(void)lo;
	return 0;
}
#endif /* MEMBLOCK_ENV_BOOTMEM */

/* Does any free range (what allocations and the buddy get) meet [b, +s)? */
static inline bool memblock_free_overlaps(u64 b, u64 s)
{
	phys_addr_t start, end;
	u64 i;

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				NULL)
		if (start < b + s && b < end)
			return true;
	return false;
}

#endif
