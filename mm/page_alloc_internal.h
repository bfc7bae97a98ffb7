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
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <mm/page_alloc.h>

/*
 * Locking (docs/mm.md, "Locking"): zone->lock guards a zone's free lists,
 * free-area counts, NR_FREE_PAGES, isolation and pageblock migratetypes;
 * each per_cpu_pages has its own lock, taken before the zone lock.  With
 * CONFIG_SMP=n both only mask interrupts.
 */
#define zone_lock_irqsave(zone, flags) spin_lock_irqsave(&(zone)->lock, flags)
#define zone_unlock_irqrestore(zone, flags) \
	spin_unlock_irqrestore(&(zone)->lock, flags)

/*
 * Brackets reads of zone state made without its lock on purpose (a
 * watermark estimate; Linux marks such reads data_race()): under
 * ThreadSanitizer (host tests) the reads in between are not checked.
 */
#if defined(__SANITIZE_THREAD__)
void AnnotateIgnoreReadsBegin(const char *file, int line);
void AnnotateIgnoreReadsEnd(const char *file, int line);
#define racy_reads_begin() AnnotateIgnoreReadsBegin(__FILE__, __LINE__)
#define racy_reads_end() AnnotateIgnoreReadsEnd(__FILE__, __LINE__)
#else
#define racy_reads_begin() ((void)0)
#define racy_reads_end() ((void)0)
#endif

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
#define PAGE_FLAGS_CLEAR_AT_FREE ((1UL << PG_head) | PG_MT_MASK)
#define PAGE_FLAGS_LOW_MASK ((1UL << __NR_PAGEFLAGS) - 1)

/* pcp.c: set @zone's wmark_ok and its CPUs' copies (zone locked) */
void zone_set_wmark_ok(struct zone *zone, unsigned int ok);

/*
 * Recompute @zone->wmark_ok from NR_FREE_PAGES, the low watermark and the
 * lowmem reserves (zone locked, or boot): the allocation fast path reads
 * the answer instead of the three.  Written only when it changes.
 */
static inline void zone_update_wmark_ok(struct zone *zone)
{
	long free = (long)zone_page_state(zone, NR_FREE_PAGES);
	long low = (long)low_wmark_pages(zone);
	unsigned int ok = 0;

	for (int c = 0; c < MAX_NR_ZONES; c++)
		if (free > low + zone->lowmem_reserve[c])
			ok |= 1U << c;
	if (unlikely(ok != __atomic_load_n(&zone->wmark_ok, __ATOMIC_RELAXED)))
		zone_set_wmark_ok(zone, ok);
}

/* Add @delta to a zone counter directly (NR_FREE_PAGES: zone locked). */
static inline void __mod_zone_page_state(struct zone *zone,
					 enum zone_stat_item item, long delta)
{
#ifdef CONFIG_SMP
	/* writers hold the zone lock: no atomic read-modify-write needed */
	__atomic_store_n(
		&zone->vm_stat[item],
		__atomic_load_n(&zone->vm_stat[item], __ATOMIC_RELAXED) + delta,
		__ATOMIC_RELAXED);
#else
	zone->vm_stat[item] += delta;
#endif
	if (item == NR_FREE_PAGES)
		zone_update_wmark_ok(zone);
}

/*
 * Add @delta to @pcp's page count (its CPU, or a drain holding its lock):
 * other CPUs sum the counts for NR_FREE_PCP without the lock.
 */
static __always_inline void pcp_count_add(struct per_cpu_pages *pcp, int delta)
{
	__atomic_store_n(&pcp->count,
			 __atomic_load_n(&pcp->count, __ATOMIC_RELAXED) + delta,
			 __ATOMIC_RELAXED);
}

static inline void __mod_zone_freepage_state(struct zone *zone, long nr, int mt)
{
	/* isolated pages are not free for anyone to allocate */
	if (mt != MIGRATE_ISOLATE)
		__mod_zone_page_state(zone, NR_FREE_PAGES, nr);
}

static inline bool has_isolate_pageblock(const struct zone *zone)
{
	/* also read without the lock, by the order-0 free fast path */
	return __atomic_load_n(&zone->nr_isolate_pageblock, __ATOMIC_RELAXED) !=
	       0;
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
	unsigned long word = __atomic_load_n(
		&zone->pageblock_flags[idx / BITS_PER_LONG], __ATOMIC_RELAXED);

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
void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp,
			int pindex);
void pcp_update_batch(struct zone *zone);
void pcp_fast_reset(void);
void zone_table_init(void);
unsigned long pcp_fast_events(enum vm_event_item item);

/* page_alloc.c */
void __free_pages_ok(struct page *page, unsigned int order, int fpi_flags);
void zone_statistics_bulk(int preferred_nid, const struct zone *z,
			  unsigned long nr);

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

/* A block just taken from the lists, made ready for its new owner. */
static inline void prep_new_page(struct page *page, unsigned int order,
				 gfp_t gfp)
{
	if (IS_ENABLED(CONFIG_DEBUG_VM)) {
		for (unsigned long i = 0; i < (1UL << order); i++)
			if (unlikely(check_new_page_bad(page + i)))
				break;
	}
	if (IS_ENABLED(CONFIG_PAGE_POISONING))
		check_poison_pages(page, order, page_poisoning_enabled);
	set_page_count(page, 1);
	if (gfp & __GFP_COMP)
		__SetPageHead(page);
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
}

/*
 * The checks and clean-up of a block about to be freed (its refcount is
 * 0): false when it is bad (reported; it must not be freed).
 */
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
	page_flags_write(page,
			 page_flags_read(page) & ~PAGE_FLAGS_CLEAR_AT_FREE);
	if (IS_ENABLED(CONFIG_PAGE_POISONING) && page_poisoning_enabled &&
	    !(fpi_flags & FPI_SKIP_POISON))
		kernel_poison_pages(page, order);
	__count_vm_events(PGFREE, 1UL << order);
	return true;
}

/*
 * Drop a reference to a block being freed: true when it was the last.  A
 * refcount already 0 (double free) or negative is reported, and false.
 */
static inline bool put_page_testzero_checked(struct page *page,
					     unsigned int order,
					     unsigned long caller)
{
	if (unlikely(page->_refcount <= 0)) {
		bad_page(page, order,
			 page->_refcount ? "negative _refcount"
			 : (PageBuddy(page) || PagePcp(page))
				 ? "page already free (double free)"
				 : "_refcount 0 at free (double free)",
			 caller);
		return false;
	}
	return --page->_refcount == 0;
}

#endif /* _MM_PAGE_ALLOC_INTERNAL_H */
