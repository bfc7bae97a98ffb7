/* SPDX-License-Identifier: MIT */
/*
 * Internals shared by mm/page_alloc.c, mm/page_free.c, mm/mm_init.c and
 * mm/page_debug.c: free-list primitives, pcp and zone locking, debug hooks.
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

extern bool pcp_disabled;

/* Page flags that must be clear on a page that is being freed. */
#define PAGE_FLAGS_CHECK_AT_FREE                                      \
	((1UL << PG_reserved) | (1UL << PG_buddy) | (1UL << PG_pcp) | \
	 (1UL << PG_slab) | (1UL << PG_large_kmalloc) |               \
	 (1UL << PG_init_pending))
/* Flags cleared on free (legitimately set while allocated). */
#define PAGE_FLAGS_CLEAR_AT_FREE ((1UL << PG_head))
#define PAGE_FLAGS_LOW_MASK ((1UL << __NR_PAGEFLAGS) - 1)

static inline unsigned int buddy_order(const struct page *page)
{
	return page->private;
}

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	page->private = order;
	__SetPageBuddy(page);
}

static inline void add_to_free_list(struct page *page, struct zone *zone,
				    unsigned int order, int mt)
{
	struct free_area *area = &zone->free_area[order];

	list_add(&page->lru, &area->free_list[mt]);
	area->nr_free++;
}

static inline void add_to_free_list_tail(struct page *page, struct zone *zone,
					 unsigned int order, int mt)
{
	struct free_area *area = &zone->free_area[order];

	list_add_tail(&page->lru, &area->free_list[mt]);
	area->nr_free++;
}

static inline void move_to_free_list(struct page *page, struct zone *zone,
				     unsigned int order, int mt)
{
	list_move(&page->lru, &zone->free_area[order].free_list[mt]);
}

static inline void del_page_from_free_list(struct page *page, struct zone *zone,
					   unsigned int order)
{
	list_del(&page->lru);
	__ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
}

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

/* page_free.c */
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype, int fpi_flags);
int move_freepages_block(struct zone *zone, struct page *page, int mt,
			 int *num_movable);
void free_pcppages_bulk(struct zone *zone, int count,
			struct per_cpu_pages *pcp);
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

int mm_parse_size(const char *arg, unsigned long long *out, bool *percent);

/* page_alloc.c */
void pcp_update_batch(struct zone *zone);

/* page_debug.c */
void bad_page(const struct page *page, unsigned int order, const char *reason,
	      unsigned long caller);
void kernel_poison_pages(struct page *page, unsigned int order);
void check_poison_pages(struct page *page, unsigned int order, bool verify);
void warn_alloc(gfp_t gfp, nodemask_t *nodemask, unsigned int order);
bool check_new_page_bad(const struct page *page);

#endif /* _MM_PAGE_ALLOC_INTERNAL_H */
