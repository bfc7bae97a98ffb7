/* SPDX-License-Identifier: MIT */
/*
 * For host tests that run memblock without the page allocator
 * (MM_HOST_STANDALONE) and only need its hand-over hooks to exist:
 * include once, in the test's one source file.
 */
#ifndef _TESTS_MEMBLOCK_ENV_H
#define _TESTS_MEMBLOCK_ENV_H

#include <mm/memblock.h>

#include "../../mm/memblock_internal.h"

/* memblock_discard() hands grown arrays over: nothing to count here. */
void memblock_free_pages(struct page *page, unsigned long pfn,
			 unsigned int order)
{
	(void)page;
	(void)pfn;
	(void)order;
}

struct page *pfn_to_page(unsigned long pfn)
{
	(void)pfn;
	return NULL;
}

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
