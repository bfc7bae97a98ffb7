// SPDX-License-Identifier: MIT
/* Helpers shared by the fuzz targets (see fuzz_common.h). */
#include <string.h>

#include <mm/memblock.h>

#include "../../mm/memblock_internal.h"
#include "fuzz_common.h"

#if defined(MM_HOST_STANDALONE) && !defined(FUZZ_NO_MEMBLOCK)
/* memblock_free_pages() and pfn_to_page(): no buddy to hand pages to */
#include "memblock_env.h"

void reset_all_zones_managed_pages(void)
{
}

#endif /* MM_HOST_STANDALONE */

#ifndef FUZZ_NO_MEMBLOCK
void fuzz_memblock_reset(void)
{
	memblock_discard();
#if IS_ENABLED(CONFIG_HAVE_MEMBLOCK_PHYS_MAP)
	memblock_reset_type(&memblock.physmem);
#endif
	memblock.bottom_up = false;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	memblock_set_debug(false);
}

static void check_type(const struct memblock_type *t)
{
	phys_addr_t total = 0;

	FUZZ_ASSERT(t->cnt <= t->max, "%s: cnt %lu > max %lu", t->name, t->cnt,
		    t->max);
	for (unsigned long i = 0; i < t->cnt; i++) {
		const struct memblock_region *r = &t->regions[i];

		FUZZ_ASSERT(r->size, "%s[%lu] empty", t->name, i);
		FUZZ_ASSERT(r->base + r->size - 1 >= r->base, "%s[%lu] wraps",
			    t->name, i);
		total += r->size;
		if (!i)
			continue;
		FUZZ_ASSERT(r[-1].base + r[-1].size <= r->base,
			    "%s[%lu] overlaps or is unsorted", t->name, i);
		FUZZ_ASSERT(
			r[-1].base + r[-1].size != r->base ||
				r[-1].nid != r->nid || r[-1].flags != r->flags,
			"%s[%lu] not merged with its neighbour", t->name, i);
	}
	FUZZ_ASSERT(total == t->total_size, "%s: total_size %#llx, sum %#llx",
		    t->name, (unsigned long long)t->total_size,
		    (unsigned long long)total);
}

void fuzz_memblock_check(void)
{
	check_type(&memblock.memory);
	check_type(&memblock.reserved);
}
#endif /* FUZZ_NO_MEMBLOCK */
