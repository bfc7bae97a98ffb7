// SPDX-License-Identifier: MIT
/**
 * DOC: the page allocator's entry points and policy
 *
 * __alloc_pages() turns the gfp flags into a zonelist (the preferred node's
 * zones from gfp_zone() downwards, then other nodes by distance), a
 * migratetype and watermark flags, and walks the zonelist:
 *
 * - fast path: the first zone above its low watermark (plus the
 *   lowmem_reserve kept for allocations that could have used a higher zone)
 *   serves the request.  Order-0 requests come from the CPU's pcp list
 *   (pcp.c); larger orders from the buddy lists (buddy.c), stealing from
 *   another migratetype when the request's own has nothing (pageblock.c).
 * - slow path: retry at the min watermark (lower still for __GFP_HIGH and
 *   GFP_ATOMIC), ignore watermarks for __GFP_MEMALLOC, drain the pcp lists,
 *   call the shrinkers (shrinker.c) if __GFP_RECLAIM, retry; then fail with
 *   a report (unless __GFP_NOWARN), or keep reclaiming for __GFP_NOFAIL and
 *   panic when nothing at all can be reclaimed any more.
 *
 * A freed block of 2^order pages first passes free_pages_prepare(): a page
 * that is already free, reserved, still owned by the slab, or not aligned to
 * its order is reported as "BUG: Bad page state" and leaked rather than
 * inserted, so one bad caller cannot corrupt the free lists.  With
 * CONFIG_DEBUG_VM the tail pages are checked as well: a tail page that is
 * in use (its own reference, a state flag, another compound head) means the
 * order is too large, and nothing is freed.  An order of MAX_ORDER or more
 * is refused in every configuration.  Order-0 pages then go to the freeing
 * CPU's pcp list, larger blocks straight to the buddy lists.
 *
 * The page allocator's files, bottom up (each calls only those before it):
 * pageblock.c (migratetype bitmap, stealing), buddy.c and buddy.h (free
 * lists: take, split, merge), pcp.c and pcp.h (per-cpu lists),
 * page_isolation.c, then this file with page_wmark.c (watermarks),
 * page_zonelist.c, page_debug.c (checks, dumps, counters) and shrinker.c,
 * and last page_bulk.c (many order-0 pages in one call).
 */
#include <kernel/log2.h>
#include <kernel/string.h>
#include <mm/shrinker.h>

#include "buddy.h"
#include "pcp.h"

/* Rounds of fruitless reclaim before a __GFP_NOFAIL allocation panics. */
#define NOFAIL_MAX_EMPTY_ROUNDS 16
/* Objects asked of each shrinker per reclaim round (Linux's cluster). */
#define SWAP_CLUSTER_MAX 32UL

struct alloc_context {
	struct zonelist *zonelist;
	nodemask_t *nodemask;
	int preferred_nid;
	int migratetype;
	int highest_zoneidx;
};

/* ---- CPU to node ---- */
static int cpu_node[CONFIG_NR_CPUS];

/**
 * numa_node_id - node of the running CPU
 *
 * Falls back to the first node with memory when the CPU's node has none.
 */
int numa_node_id(void)
{
	int nid = cpu_node[smp_processor_id()];

	if (likely(node_data[nid]))
		return nid;
	for (nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid])
			return nid;
	return 0;
}

/* The node set_cpu_numa_node() recorded for @cpu (0 if none). */
int cpu_to_node(int cpu)
{
	return cpu >= 0 && cpu < CONFIG_NR_CPUS ? cpu_node[cpu] : 0;
}

/**
 * set_cpu_numa_node - record the node a CPU belongs to
 * @cpu: CPU number (< CONFIG_NR_CPUS)
 * @node: its node
 */
void set_cpu_numa_node(int cpu, int node)
{
	if (cpu >= 0 && cpu < CONFIG_NR_CPUS && node >= 0 &&
	    node < MAX_NUMNODES) {
		cpu_node[cpu] = node;
		pcp_fast_reset();
	}
}

/* ---- watermarks ---- */

/**
 * zone_watermark_ok - may an allocation of @order take pages from @z?
 * @z: the zone
 * @order: allocation order
 * @mark: the watermark (pages) to stay above
 * @highest_zoneidx: highest zone the allocation could use; selects the
 *	lowmem_reserve protecting this zone from such callers
 * @alloc_flags: ALLOC_HIGH lowers @mark by half, ALLOC_HARDER by a
 *	further quarter
 *
 * Besides the page count, an order > 0 request needs a free block of at
 * least that order on a list it may use.  The zone is not locked: the
 * answer is an estimate, as in Linux.
 */
static bool __zone_watermark_ok(struct zone *z, unsigned int order,
				unsigned long mark, int highest_zoneidx,
				unsigned int alloc_flags)
{
	long min = (long)mark;
	long free_pages = (long)zone_page_state(z, NR_FREE_PAGES);
	bool harder = alloc_flags & ALLOC_HARDER;

	free_pages -= (1L << order) - 1;
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (harder)
		min -= min / 4;
	else
		free_pages -= (long)z->nr_reserved_highatomic;
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		const struct free_area *area = &z->free_area[o];

		if (!area->nr_free)
			continue;
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (!free_area_empty(area, mt))
				return true;
		if (harder && !free_area_empty(area, MIGRATE_HIGHATOMIC))
			return true;
	}
	return false;
}

bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags)
{
	bool ret;

	racy_reads_begin();
	ret = __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags);
	racy_reads_end();
	return ret;
}

static __always_inline bool
zone_watermark_fast(struct zone *z, unsigned int order, unsigned long mark,
		    int highest_zoneidx, unsigned int alloc_flags)
{
	if (!order && (long)zone_page_state(z, NR_FREE_PAGES) >
			      (long)mark + z->lowmem_reserve[highest_zoneidx])
		return true;
	return zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags);
}

/* ---- taking a block: from the pcp list or the buddy lists ---- */

/*
 * A block straight from the buddy lists; ALLOC_HARDER lets an order > 0
 * request use the MIGRATE_HIGHATOMIC reserve first.
 */
static __always_inline struct page *rmqueue_buddy(struct zone *zone,
						  unsigned int order,
						  unsigned int alloc_flags,
						  int mt)
{
	struct page *page = NULL;
	irqflags_t flags;

	zone_lock_irqsave(zone, flags);
	if ((alloc_flags & ALLOC_HARDER) && order > 0)
		page = __rmqueue_smallest(zone, order, MIGRATE_HIGHATOMIC);
	if (!page)
		page = __rmqueue(zone, order, mt);
	if (page)
		__mod_zone_page_state(zone, NR_FREE_PAGES, -(1L << order));
	zone_unlock_irqrestore(zone, flags);
	return page;
}

static __always_inline struct page *
rmqueue(struct zone *zone, unsigned int order, unsigned int alloc_flags, int mt)
{
	if (likely(order <= PAGE_ALLOC_COSTLY_ORDER && !pcp_disabled)) {
		struct page *page = rmqueue_pcplist(zone, order, mt);

		/* NULL: the list and the buddy are empty for this type */
		if (likely(page))
			return page;
	}
	return rmqueue_buddy(zone, order, alloc_flags, mt);
}

/* Count @nr allocations of @pages pages in all from @z. */
static inline void __zone_statistics(int preferred_nid, const struct zone *z,
				     unsigned long pages, unsigned long nr)
{
	int nid = zone_to_nid(z);

	__count_vm_events(PGALLOC, pages);
	if (!IS_ENABLED(CONFIG_VM_EVENT_COUNTERS) || MAX_NUMNODES == 1)
		return;
	if (likely(nid == preferred_nid)) {
		__count_vm_events(NUMA_HIT, nr);
	} else {
		__count_vm_events(NUMA_MISS, nr);
		__count_vm_events(NUMA_FOREIGN, nr);
	}
	__count_vm_events(nid == cpu_node[smp_processor_id()] ? NUMA_LOCAL
							      : NUMA_OTHER,
			  nr);
}

static inline void zone_statistics(int preferred_nid, const struct zone *z,
				   unsigned int order)
{
	__zone_statistics(preferred_nid, z, 1UL << order, 1);
}

/* The statistics of @nr order-0 pages taken from @z in one go. */
void zone_statistics_bulk(int preferred_nid, const struct zone *z,
			  unsigned long nr)
{
	__zone_statistics(preferred_nid, z, nr, nr);
}

static __always_inline struct page *
get_page_from_freelist(gfp_t gfp, unsigned int order, unsigned int alloc_flags,
		       const struct alloc_context *ac)
{
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist_nodemask(zone, z, ac->zonelist,
					ac->highest_zoneidx, ac->nodemask)
	{
		struct page *page;

		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !zone_watermark_fast(
			    zone, order,
			    zone->_watermark[alloc_flags & ALLOC_WMARK_MASK],
			    ac->highest_zoneidx, alloc_flags))
			continue;
		page = rmqueue(zone, order, alloc_flags, ac->migratetype);
		if (likely(page)) {
			prep_new_page(page, order, gfp);
			zone_statistics(ac->preferred_nid, zone, order);
			return page;
		}
	}
	return NULL;
}

/* ---- slow path ---- */

static unsigned int gfp_to_alloc_flags(gfp_t gfp)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN;

	if (gfp & __GFP_HIGH)
		alloc_flags |= ALLOC_HIGH;
	if (gfp & __GFP_ATOMIC)
		alloc_flags |= ALLOC_HARDER;
	return alloc_flags;
}

/* Give memory back: pcp lists first, then the shrinkers. */
static unsigned long reclaim_round(gfp_t gfp, unsigned int order,
				   const struct alloc_context *ac)
{
	unsigned long before = nr_free_pages();
	unsigned long freed;

	/* struct pages not initialised yet are the cheapest memory to get */
	if (IS_ENABLED(CONFIG_DEFERRED_STRUCT_PAGE_INIT))
		before -= deferred_grow();
	drain_all_pages(NULL);
	freed = nr_free_pages() - before;
	if (gfp & (__GFP_RECLAIM | __GFP_NOFAIL)) {
		count_vm_event(ALLOCSTALL);
		freed += shrink_slab(gfp, ac->preferred_nid,
				     SWAP_CLUSTER_MAX << order);
	}
	return freed;
}

static noinline struct page *
__alloc_pages_slowpath(gfp_t gfp, unsigned int order,
		       const struct alloc_context *ac)
{
	unsigned int alloc_flags = gfp_to_alloc_flags(gfp);
	int empty_rounds = 0;
	struct page *page;

	page = get_page_from_freelist(gfp, order, alloc_flags, ac);
	if (page)
		return page;
	if (gfp & __GFP_MEMALLOC) {
		page = get_page_from_freelist(gfp, order, ALLOC_NO_WATERMARKS,
					      ac);
		if (page)
			return page;
	}
	for (;;) {
		unsigned long freed = reclaim_round(gfp, order, ac);

		page = get_page_from_freelist(gfp, order, alloc_flags, ac);
		if (page)
			return page;
		/* what the drain brought back is open to emergencies too */
		if (gfp & __GFP_MEMALLOC) {
			page = get_page_from_freelist(gfp, order,
						      ALLOC_NO_WATERMARKS, ac);
			if (page)
				return page;
		}
		if (!(gfp & __GFP_NOFAIL))
			break;
		/* __GFP_NOFAIL may dig into the reserves ... */
		page = get_page_from_freelist(
			gfp, order, ALLOC_WMARK_MIN | ALLOC_HIGH | ALLOC_HARDER,
			ac);
		if (page)
			return page;
		/* ... but must not spin forever when nothing comes back */
		empty_rounds = freed ? 0 : empty_rounds + 1;
		if (empty_rounds >= NOFAIL_MAX_EMPTY_ROUNDS) {
			show_free_areas();
			panic("Out of memory: __GFP_NOFAIL order:%u allocation "
			      "impossible, nothing reclaimable after %d rounds",
			      order, NOFAIL_MAX_EMPTY_ROUNDS);
		}
	}
	count_vm_event(PGALLOC_FAIL);
	if (!(gfp & __GFP_NOWARN))
		warn_alloc(gfp, ac->nodemask, order);
	return NULL;
}

/*
 * Fill this CPU's fast-path cache entry for @gfp: the first zone its
 * node's zonelist offers for the class, when that zone is on the CPU's
 * node (so a fast-path allocation is a NUMA hit and local: struct
 * pcp_fast_cache).
 */
static noinline void pcp_fast_fill(gfp_t gfp)
{
	int cpu = smp_processor_id();
	int nid = numa_node_id();
	struct pcp_fast_entry *e =
		&pcp_fast_caches[cpu].e[gfp & PCP_FAST_GFP_MASK];
	int class = (int)gfp_zone(gfp);
	struct zoneref *z;
	struct zone *zone;

	if (nid != cpu_node[cpu])
		return;
	for_each_zone_zonelist_nodemask(zone, z, node_zonelist(nid, 0), class,
					NULL)
	{
		if (zone_to_nid(zone) != nid)
			return;
		int mt = __gfp_migratetype(gfp);

		pcp_fast_nid[cpu] = nid;
		e->lists = pcp_list(&zone->pageset[cpu], 0, mt);
		e->mt_flags = pcp_mt_flags(mt);
		e->class_bit = 1U << class;
		__atomic_store_n(&e->pcp, &zone->pageset[cpu],
				 __ATOMIC_RELAXED);
		return;
	}
}

/* Everything but an order-0 pcp hit: the zonelist walk and slow path. */
static noinline struct page *__alloc_pages_full(gfp_t gfp, unsigned int order,
						int preferred_nid,
						nodemask_t *nodemask)
{
	struct alloc_context ac;
	struct page *page;

	if (order <= PAGE_ALLOC_COSTLY_ORDER && !nodemask &&
	    !__atomic_load_n(&pcp_fast_caches[smp_processor_id()]
				      .e[gfp & PCP_FAST_GFP_MASK]
				      .pcp,
			     __ATOMIC_RELAXED))
		pcp_fast_fill(gfp);
	if (unlikely(order >= MAX_ORDER)) {
		WARN_ON_ONCE(!(gfp & __GFP_NOWARN));
		return NULL;
	}
	if (unlikely((unsigned int)preferred_nid >= MAX_NUMNODES ||
		     !node_data[preferred_nid]))
		preferred_nid = numa_node_id();
	ac.zonelist = node_zonelist(preferred_nid, gfp);
	ac.nodemask = nodemask;
	ac.preferred_nid = preferred_nid;
	ac.migratetype = gfp_migratetype(gfp);
	ac.highest_zoneidx = gfp_zone(gfp);

	page = get_page_from_freelist(gfp, order, ALLOC_WMARK_LOW, &ac);
	if (likely(page))
		return page;
	return __alloc_pages_slowpath(gfp, order, &ac);
}

/*
 * The gfp flags that need prep_new_page() after the pcp list hands a block
 * over: all of them with the per-page checks or poisoning.
 */
#define PCP_FAST_PREP_GFP                                                 \
	(IS_ENABLED(CONFIG_DEBUG_VM) || IS_ENABLED(CONFIG_PAGE_POISONING) \
		 ? ~0U                                                    \
		 : __GFP_COMP | __GFP_ZERO)

/*
 * Every request but a plain one the fast path serves: the fast path with
 * prep_new_page(), or the full path.
 */
static noinline struct page *__alloc_pages_other(gfp_t gfp, unsigned int order,
						 int preferred_nid,
						 nodemask_t *nodemask)
{
	if (order <= PAGE_ALLOC_COSTLY_ORDER && !nodemask) {
		int cpu = smp_processor_id();
		const struct pcp_fast_entry *e =
			pcp_fast_entry(gfp, preferred_nid, cpu);

		if (e) {
			struct page *page;
			irqflags_t flags;

			pcp_lock(&flags);
			page = pcp_fast_take(e, order);
			pcp_unlock(flags);
			if (page) {
				prep_new_page(page, order, gfp);
				return page;
			}
		}
	}
	return __alloc_pages_full(gfp, order, preferred_nid, nodemask);
}

/* The fast path found its list empty (@flags: pcp locked). */
static noinline struct page *pcp_fast_miss(irqflags_t flags, gfp_t gfp,
					   unsigned int order,
					   int preferred_nid)
{
	pcp_unlock(flags);
	return __alloc_pages_full(gfp, order, preferred_nid, NULL);
}

/**
 * __alloc_pages - the allocator's entry point
 * @gfp: GFP_* / __GFP_* flags
 * @order: log2 of the number of contiguous pages
 * @preferred_nid: node to try first (its zonelist is used), or
 *	NUMA_NO_NODE for this CPU's
 * @nodemask: nodes allowed, or NULL for all
 *
 * A request of order up to PAGE_ALLOC_COSTLY_ORDER for this CPU's node
 * whose per-cpu list has a block is served right here (pcp_fast_entry(),
 * pcp_fast_take()); docs/mm.md, "The order-0 fast path", says what that
 * skips.  The hit calls nothing: every other case is a tail call.
 *
 * Return: the first page of the block with _refcount 1, or NULL.
 */
struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid,
			   nodemask_t *nodemask)
{
	int cpu = smp_processor_id();
	const struct pcp_fast_entry *e;
	struct page *page;
	irqflags_t flags;

	if (unlikely(order > PAGE_ALLOC_COSTLY_ORDER || nodemask ||
		     (gfp & PCP_FAST_PREP_GFP)))
		return __alloc_pages_other(gfp, order, preferred_nid, nodemask);
	e = pcp_fast_entry(gfp, preferred_nid, cpu);
	if (unlikely(!e))
		return __alloc_pages_full(gfp, order, preferred_nid, NULL);
	pcp_lock(&flags);
	page = pcp_fast_take(e, order);
	if (unlikely(!page))
		return pcp_fast_miss(flags, gfp, order, preferred_nid);
	set_page_count(page, 1);
	pcp_unlock(flags);
	return page;
}

/**
 * alloc_pages_node - allocate pages, preferring a node
 * @nid: the node, or NUMA_NO_NODE for the current CPU's
 * @gfp: GFP flags; __GFP_THISNODE forbids other nodes
 * @order: allocation order
 */
struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order)
{
	if (nid == NUMA_NO_NODE || nid < 0 || nid >= MAX_NUMNODES)
		nid = numa_node_id();
	return __alloc_pages(gfp, order, nid, NULL);
}

/**
 * __get_free_pages - allocate pages and return their virtual address
 * @gfp: GFP flags
 * @order: allocation order
 *
 * Return: the address, or 0 on failure.
 */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

/**
 * get_zeroed_page - allocate one zeroed page
 * @gfp: GFP flags
 *
 * Return: its virtual address, or 0.
 */
unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

/**
 * alloc_pages_exact - allocate exactly enough whole pages for @size bytes
 * @size: bytes wanted
 * @gfp: GFP flags (not __GFP_COMP)
 *
 * Allocates the next power of two and frees the unused tail pages.
 * Free with free_pages_exact().
 */
void *alloc_pages_exact(size_t size, gfp_t gfp)
{
	unsigned int order = get_order(size);
	unsigned long addr, used, end;

	if (!size || order >= MAX_ORDER)
		return NULL;
	addr = __get_free_pages(gfp & ~__GFP_COMP, order);
	if (!addr)
		return NULL;
	split_page(virt_to_page((void *)addr), order);
	used = addr + ALIGN(size, PAGE_SIZE);
	end = addr + (PAGE_SIZE << order);
	for (; used < end; used += PAGE_SIZE)
		free_page(used);
	return (void *)addr;
}

/* ---- freeing ---- */

/* Free a block whose refcount is already 0 (boot handoff, internal). */
void __free_pages_ok(struct page *page, unsigned int order, int fpi_flags)
{
	unsigned long pfn = page_to_pfn(page);

	if (free_pages_prepare(page, pfn, order, fpi_flags, _RET_IP_))
		free_one_page(page, pfn, order, fpi_flags);
}

/* Free a block whose refcount just reached 0, past the fast path. */
static noinline void free_the_page(struct page *page, unsigned int order,
				   unsigned long caller)
{
	unsigned long pfn = page_to_pfn(page);

	if (unlikely(!free_pages_prepare(page, pfn, order, FPI_NONE, caller)))
		return;
	if (order <= PAGE_ALLOC_COSTLY_ORDER)
		free_unref_page(page, pfn, order);
	else
		free_one_page(page, pfn, order, FPI_NONE);
}

/* __free_pages() without the fast path: every check, then the free. */
static noinline void __free_pages_slow(struct page *page, unsigned int order,
				       unsigned long caller)
{
	/* no free_area[] for it: refuse in every configuration */
	if (unlikely(order >= MAX_ORDER)) {
		bad_page(page, order,
			 "order >= MAX_ORDER at free (nothing freed)", caller);
		return;
	}
	if (put_page_testzero_checked(page, order, caller) &&
	    (order > PAGE_ALLOC_COSTLY_ORDER ||
	     !pcp_free_fast(page, order, true)))
		free_the_page(page, order, caller);
}

/**
 * __free_pages - drop a reference to a block and free it when unused
 * @page: first page of a block from alloc_pages()
 * @order: the order it was allocated with
 *
 * A page whose _refcount is already 0 (double free) or negative, or an
 * order of MAX_ORDER or more, is reported and left alone.  With
 * CONFIG_DEBUG_VM every tail page is checked too (see free_pages_prepare()),
 * which catches a block freed with a larger order than it was allocated
 * with while its buddy is still in use.
 */
void __free_pages(struct page *page, unsigned int order)
{
	/* the common case: the last reference to a small block */
	if (likely(order <= PAGE_ALLOC_COSTLY_ORDER && page->_refcount == 1)) {
		page->_refcount = 0;
		if (likely(pcp_free_fast(page, order, true)))
			return;
		free_the_page(page, order, _RET_IP_);
		return;
	}
	__free_pages_slow(page, order, _RET_IP_);
}

/**
 * free_pages - free a block by its virtual address
 * @addr: address from __get_free_pages(); 0 is ignored
 * @order: its order
 */
void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

/**
 * split_page - turn one order-n block into 2^n order-0 pages
 * @page: first page, refcount 1
 * @order: its order
 *
 * Each page then has its own reference and is freed with __free_page().
 */
void split_page(struct page *page, unsigned int order)
{
	__ClearPageHead(page);
	for (unsigned long i = 1; i < (1UL << order); i++)
		set_page_count(page + i, 1);
}

/**
 * free_pages_exact - free memory from alloc_pages_exact()
 * @virt: the address it returned
 * @size: the size passed to it
 */
void free_pages_exact(void *virt, size_t size)
{
	unsigned long addr = (unsigned long)virt;
	unsigned long end = addr + ALIGN(size, PAGE_SIZE);

	for (; addr < end; addr += PAGE_SIZE)
		free_page(addr);
}
