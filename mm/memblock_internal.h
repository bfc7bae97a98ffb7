/* SPDX-License-Identifier: MIT */
/*
 * Private to mm/memblock*.c: the array primitives the limit and cleanup
 * code shares with the core.  Nothing outside memblock may use these.
 */
#ifndef _MM_MEMBLOCK_INTERNAL_H
#define _MM_MEMBLOCK_INTERNAL_H

#include <mm/memblock.h>

extern int memblock_can_resize;

/*
 * memblock and bootmem are boot-time, single-CPU APIs: the boot CPU
 * (logical 0) calls them before the other CPUs are started, so they take
 * no locks.  A call on another CPU is a bug, reported by a WARN naming
 * @fn (the entry point it came through).  Return: true if so.
 */
#define memblock_wrong_cpu(fn)                                           \
	WARN(smp_processor_id() != 0,                                    \
	     "%s: memblock and bootmem are boot-time, single-CPU APIs, " \
	     "called on CPU#%d\n",                                       \
	     (fn), (int)smp_processor_id())

int memblock_remove_range(struct memblock_type *type, phys_addr_t base,
			  phys_addr_t size);
void memblock_remove_region(struct memblock_type *type, unsigned long r);
void memblock_merge_regions(struct memblock_type *type);
bool memblock_array_is_static(const struct memblock_region *regions);
void memblock_reset_type(struct memblock_type *type);

/*
 * The hand-over contract with the page allocator (include/mm/page_alloc.h,
 * mm/memblock_handoff.c).  Host unit tests build memblock and bootmem
 * without the buddy (MM_HOST_STANDALONE) and link the stand-ins of
 * tests/host/memblock_env.h for these functions instead.
 */
#ifndef MM_HOST_STANDALONE
#include <mm/page_alloc.h>
#else
struct page;
void memblock_free_pages(struct page *page, unsigned long pfn,
			 unsigned int order);
struct page *pfn_to_page(unsigned long pfn);
void reset_all_zones_managed_pages(void);
unsigned long memmap_deferred_pfn(int nid);
void totalram_pages_add(long count);
void init_per_zone_wmark_min(void);
#endif

#endif /* _MM_MEMBLOCK_INTERNAL_H */
