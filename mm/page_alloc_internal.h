/* SPDX-License-Identifier: MIT */
/*
 * Internals of the page allocator, shared by its files (bottom up:
 * pageblock.c, buddy.c, pcp.c, page_isolation.c, page_alloc.c, with
 * page_debug.c's checks and the boot code in mm_init.c): zone locking,
 * counters, the pageblock bitmap read, and each file's interface to those
 * above it.  The inline fast paths are in buddy.h (free lists) and pcp.h
 * (per-cpu lists), which include this header; it includes neither.
 */
#ifndef _MM_PAGE_ALLOC_INTERNAL_H
#define _MM_PAGE_ALLOC_INTERNAL_H

#include <kernel/printk.h>
#include <mm/page_alloc.h>

/*
 * Locking: one CPU runs the kernel today, so masking interrupts is enough
 * for both the zone free lists and the pcp lists.  With SMP the zone
 * macros become a spinlock; the pcp lists stay CPU-local.
 */
#define zone_lock_irqsave(zone, flags) \
	do {                           \
		(void)(zone);          \
		local_irq_save(flags); \
	} while (0)
#define zone_unlock_irqrestore(zone, flags) local_irq_restore(flags)

/* Flags for __free_one_page() and friends. */
#define FPI_NONE 0x0
#define FPI_TO_TAIL 0x1	    /* put on the tail: keep it unused longer */
#define FPI_SKIP_POISON 0x2 /* boot handoff: nothing to guard yet */

/* Page flags that must be clear on a page that is being freed. */
#define PAGE_FLAGS_CHECK_AT_FREE                                      \
	((1UL << PG_reserved) | (1UL << PG_buddy) | (1UL << PG_pcp) | \
	 (1UL << PG_slab) | (1UL << PG_large_kmalloc) |               \
	 (1UL << PG_init_pending))
/* Flags cleared on free (legitimately set while allocated). */
#define PAGE_FLAGS_CLEAR_AT_FREE ((1UL << PG_head))
#define PAGE_FLAGS_LOW_MASK ((1UL << __NR_PAGEFLAGS) - 1)

static inline void __mod_zone_page_state(struct zone *zone,
					 enum zone_stat_item item, long delta)
{
	zone->vm_stat[item] += (unsigned long)delta;
}

static inline void __mod_zone_freepage_state(struct zone *zone, long nr, int mt)
{
	/* isolated pages are not free for anyone to allocate */
	if (mt != MIGRATE_ISOLATE)
		__mod_zone_page_state(zone, NR_FREE_PAGES, nr);
}

static inline bool has_isolate_pageblock(const struct zone *zone)
{
	return zone->nr_isolate_pageblock != 0;
}

/*
 * The pageblock bitmap (pageblock.c keeps it): the bit index of @pfn's
 * pageblock, and a read of its bits in @mask, inline for the free paths.
 */
static inline unsigned long pfn_to_bitidx(const struct zone *zone,
					  unsigned long pfn)
{
	pfn -= ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
	return (pfn >> pageblock_order) * NR_PAGEBLOCK_BITS;
}

static __always_inline unsigned long
get_pfnblock_flags_mask(const struct page *page, unsigned long pfn,
			unsigned long mask)
{
	const struct zone *zone = page_zone(page);
	unsigned long idx = pfn_to_bitidx(zone, pfn);
	unsigned long word = zone->pageblock_flags[idx / BITS_PER_LONG];

	return (word >> (idx % BITS_PER_LONG)) & mask;
}

/* pageblock.c */
int move_freepages_block(struct zone *zone, struct page *page, int mt,
			 int *num_movable);
bool __rmqueue_fallback(struct zone *zone, unsigned int order, int start_mt);

/* buddy.c (zone locked) */
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype, int fpi_flags);

/* pcp.c */
extern bool pcp_disabled;
int rmqueue_bulk(struct zone *zone, unsigned int order, int count,
		 struct list_head *list, int mt);
void free_pcppages_bulk(struct zone *zone, int count,
			struct per_cpu_pages *pcp);
void pcp_update_batch(struct zone *zone);

/* page_alloc.c */
void __free_pages_ok(struct page *page, unsigned int order, int fpi_flags);

/* memmap_init.c, memblock_handoff.c */
void memmap_init_range(pg_data_t *pgdat, unsigned long start,
		       unsigned long end);
void memmap_init_unfreed(pg_data_t *pgdat, unsigned long start,
			 unsigned long end);

#ifdef CONFIG_DEFERRED_STRUCT_PAGE_INIT
#ifndef CONFIG_DEFERRED_INIT_FIRST_MB
#define CONFIG_DEFERRED_INIT_FIRST_MB 128
#endif
/* First pfn of @nid whose struct page is not initialised yet. */
static inline unsigned long deferred_start_pfn(int nid)
{
	return NODE_DATA(nid)->first_deferred_pfn;
}
unsigned long deferred_grow(void);
#else
static inline unsigned long deferred_start_pfn(int nid)
{
	(void)nid;
	return ~0UL;
}
static inline unsigned long deferred_grow(void)
{
	return 0;
}
#endif
static inline bool pfn_deferred(int nid, unsigned long pfn)
{
	return pfn >= deferred_start_pfn(nid);
}

/* page_debug.c */
void bad_page(const struct page *page, unsigned int order, const char *reason,
	      unsigned long caller);
void kernel_poison_pages(struct page *page, unsigned int order);
void check_poison_pages(struct page *page, unsigned int order, bool verify);
void warn_alloc(gfp_t gfp, nodemask_t *nodemask, unsigned int order);
bool check_new_page_bad(const struct page *page);
bool free_page_is_bad(struct page *page, unsigned long pfn, unsigned int order,
		      unsigned long caller);
bool free_tail_pages_bad(struct page *page, unsigned int order,
			 unsigned long caller);

#endif /* _MM_PAGE_ALLOC_INTERNAL_H */
