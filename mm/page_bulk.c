// SPDX-License-Identifier: MIT
/**
 * DOC: bulk allocation and release of order-0 pages
 *
 * __alloc_pages_bulk() (Linux 5.13's API) fills the NULL slots of an
 * array, or appends to a list, with up to nr_pages order-0 pages in one
 * call.  It picks the first zone of the zonelist that stays above its low
 * watermark with all the pages taken, then takes them in chunks: first
 * from this CPU's pcp list of the migratetype, then straight from the
 * buddy lists, whole blocks at a time under one zone lock (a refill of the
 * pcp list batch by batch would move every page twice).  When no zone
 * passes, it falls back to one __alloc_pages() per page (with its slow
 * path) and stops at the first failure.  The return value is the number
 * of pages in the array (those already there included) or added to the
 * list: fewer than asked when memory runs out.
 *
 * release_pages() drops a reference to each page of an array and frees
 * those that reach 0: to this CPU's pcp lists while they have room (no
 * drain from here), the rest straight to the buddy lists, one zone lock
 * for a run of pages of the same zone.
 */
#include <kernel/log2.h>

#include "pcp.h"

/* Pages taken per lock round (a stack buffer). */
#define BULK_CHUNK 64

/* Where the pages go: the array's NULL slots, or the list's tail. */
struct bulk_sink {
	struct page **array;
	struct list_head *list;
	int nr;	  /* slots in array / pages wanted */
	int next; /* array: next slot to look at */
	int done; /* pages in the array or added to the list */
};

static void bulk_put(struct bulk_sink *s, struct page *page)
{
	if (s->list) {
		list_add_tail(&page->lru, s->list);
	} else {
		while (s->array[s->next])
			s->next++;
		s->array[s->next++] = page;
	}
	s->done++;
}

/* Up to @nr pages of @mt from this CPU's list of @zone into @out. */
static int bulk_from_pcp(struct zone *zone, int mt, struct page **out, int nr)
{
	struct per_cpu_pages *pcp = &zone->pageset[smp_processor_id()];
	struct list_head *list = pcp_list(pcp, 0, mt);
	irqflags_t flags;
	int n = 0;

	pcp_lock(&flags);
	while (n < nr && !list_empty(list)) {
		struct page *page = list_first_entry(list, struct page, lru);

		list_del(&page->lru);
		out[n++] = page;
	}
	pcp_count_add(pcp, -n);
	pcp_unlock(flags);
	return n;
}

/* Up to @nr pages of @mt from @zone's buddy lists, whole blocks at once. */
static int bulk_from_buddy(struct zone *zone, int mt, struct page **out, int nr)
{
	irqflags_t flags;
	int n = 0;

	zone_lock_irqsave(zone, flags);
	while (n < nr) {
		unsigned int order = (unsigned int)ilog2((u64)(nr - n));
		struct page *page;

		if (order > MAX_ORDER - 1)
			order = MAX_ORDER - 1;
		for (;;) {
			page = __rmqueue(zone, order, mt);
			if (page || !order)
				break;
			order--;
		}
		if (!page)
			break;
		for (unsigned long i = 0; i < (1UL << order); i++)
			out[n++] = page + i;
	}
	__mod_zone_page_state(zone, NR_FREE_PAGES, -(long)n);
	zone_unlock_irqrestore(zone, flags);
	return n;
}

/* The zone a bulk request of @nr pages may use, or NULL. */
static struct zone *bulk_zone(gfp_t gfp, int nid, nodemask_t *nodemask, int nr)
{
	enum zone_type high = gfp_zone(gfp);
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist_nodemask(zone, z, node_zonelist(nid, gfp),
					(int)high, nodemask)
	{
		if (zone_watermark_ok(zone, 0, low_wmark_pages(zone) + nr,
				      (int)high, 0))
			return zone;
	}
	return NULL;
}

/**
 * __alloc_pages_bulk - allocate order-0 pages in one call
 * @gfp: GFP flags
 * @preferred_nid: node to try first, or NUMA_NO_NODE for this CPU's
 * @nodemask: nodes allowed, or NULL
 * @nr_pages: pages wanted (array: its length)
 * @page_list: list to append the pages to, when @page_array is NULL
 * @page_array: array whose NULL slots are filled
 *
 * Return: the number of pages in @page_array (those there before
 * included) or added to @page_list; 0 for a bad call (no array and no
 * list, or @nr_pages <= 0).
 */
unsigned long __alloc_pages_bulk(gfp_t gfp, int preferred_nid,
				 nodemask_t *nodemask, int nr_pages,
				 struct list_head *page_list,
				 struct page **page_array)
{
	struct bulk_sink s = {page_array, page_array ? NULL : page_list,
			      nr_pages, 0, 0};
	int mt = gfp_migratetype(gfp);
	struct zone *zone;

	if (nr_pages <= 0)
		return 0;
	if (WARN_ON_ONCE(!page_array && !page_list))
		return 0;
	if (page_array)
		for (int i = 0; i < nr_pages; i++)
			s.done += page_array[i] != NULL;
	if ((unsigned int)preferred_nid >= MAX_NUMNODES ||
	    !node_data[preferred_nid])
		preferred_nid = numa_node_id();
	zone = bulk_zone(gfp, preferred_nid, nodemask, nr_pages - s.done);
	while (zone && s.done < nr_pages) {
		struct page *chunk[BULK_CHUNK];
		int want = min(nr_pages - s.done, BULK_CHUNK);
		int n = pcp_disabled ? 0 : bulk_from_pcp(zone, mt, chunk, want);

		if (n < want)
			n += bulk_from_buddy(zone, mt, chunk + n, want - n);
		for (int i = 0; i < n; i++) {
			pcp_page_taken(chunk[i], pcp_mt_flags(mt));
			prep_new_page(chunk[i], 0, gfp);
			bulk_put(&s, chunk[i]);
		}
		zone_statistics_bulk(preferred_nid, zone, (unsigned long)n);
		if (n < want)
			break;
	}
	/* no zone for all of them, or it ran dry: one at a time */
	while (s.done < nr_pages) {
		struct page *page =
			__alloc_pages(gfp, 0, preferred_nid, nodemask);

		if (!page)
			break;
		bulk_put(&s, page);
	}
	return (unsigned long)s.done;
}

/* A run of contiguous free pages of one zone, on its way to the buddy. */
struct free_run {
	struct zone *zone;
	struct page *page; /* first page */
	unsigned long pfn; /* its pfn */
	unsigned long len;
};

/*
 * Give a run to the buddy lists (zone locked) as the largest aligned
 * blocks it holds, each inside one pageblock: one merge walk per block
 * instead of one per page.
 */
static void free_run_flush(struct free_run *r)
{
	while (r->len) {
		unsigned int order = r->pfn ? (unsigned int)__ffs(r->pfn) : 31;

		if (order > pageblock_order)
			order = pageblock_order;
		while ((1UL << order) > r->len)
			order--;
		__free_one_page(r->page, r->pfn, r->zone, order,
				(int)get_pfnblock_flags_mask(
					r->page, r->pfn, PB_MIGRATETYPE_MASK),
				FPI_NONE);
		r->page += 1UL << order;
		r->pfn += 1UL << order;
		r->len -= 1UL << order;
	}
}

/**
 * release_pages - drop a reference to each page of an array
 * @pages: order-0 pages (NULL slots are skipped)
 * @nr: slots in @pages
 *
 * Pages whose last reference this was are freed: to this CPU's pcp lists
 * while those have room, then straight to the buddy lists, runs of
 * contiguous pages as whole blocks.  A page that fails the free checks is
 * reported and left alone, as by __free_pages().
 */
void release_pages(struct page **pages, int nr)
{
	struct free_run run = {NULL, NULL, 0, 0};
	bool to_pcp = !pcp_disabled;
	irqflags_t flags = 0;

	for (int i = 0; i < nr; i++) {
		struct page *page = pages[i];
		unsigned long pfn;
		struct zone *zone;

		if (!page || !put_page_testzero_checked(page, 0, _RET_IP_))
			continue;
		if (to_pcp) {
			if (likely(pcp_free_fast(page, 0, false)))
				continue;
			to_pcp = false; /* full: the rest to the buddy */
		}
		pfn = page_to_pfn(page);
		if (unlikely(!free_pages_prepare(page, pfn, 0, FPI_NONE,
						 _RET_IP_)))
			continue;
		zone = page_zone(page);
		if (zone == run.zone && page == run.page + run.len &&
		    pfn == run.pfn + run.len) {
			run.len++;
			continue;
		}
		free_run_flush(&run);
		if (zone != run.zone) {
			if (run.zone)
				zone_unlock_irqrestore(run.zone, flags);
			zone_lock_irqsave(zone, flags);
		}
		run = (struct free_run){zone, page, pfn, 1};
	}
	if (run.zone) {
		free_run_flush(&run);
		zone_unlock_irqrestore(run.zone, flags);
	}
}
