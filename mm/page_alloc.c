// SPDX-License-Identifier: MIT
/**
 * DOC: allocating pages from the zoned buddy allocator
 *
 * __alloc_pages() turns the gfp flags into a zonelist (the preferred node's
 * zones from gfp_zone() downwards, then other nodes by distance), a
 * migratetype and watermark flags, and walks the zonelist:
 *
 * - fast path: the first zone above its low watermark (plus the
 *   lowmem_reserve kept for allocations that could have used a higher zone)
 *   serves the request.  Order-0 requests come from the CPU's pcp list,
 *   refilled pcp->batch pages at a time; larger orders from
 *   __rmqueue_smallest(), which takes the smallest free block of the
 *   migratetype and splits it down (expand()).  If that type has nothing,
 *   __rmqueue_fallback() steals from another type: the largest block first,
 *   and a whole pageblock (changing its type) when the block is large.
 * - slow path: retry at the min watermark (lower still for __GFP_HIGH and
 *   GFP_ATOMIC), ignore watermarks for __GFP_MEMALLOC, drain the pcp lists,
 *   call the shrinkers if __GFP_RECLAIM, retry; then fail with a report
 *   (unless __GFP_NOWARN), or keep reclaiming for __GFP_NOFAIL and panic
 *   when nothing at all can be reclaimed any more.
 */
#include <kernel/errno.h>
#include <kernel/log2.h>
#include <kernel/string.h>
#include <mm/shrinker.h>

#include "page_alloc_internal.h"

bool page_group_by_mobility_disabled =
	IS_ENABLED(CONFIG_PAGE_GROUP_BY_MOBILITY_DISABLED);
bool pcp_disabled = IS_ENABLED(CONFIG_PAGE_ALLOC_NO_PCP);

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

/* Linux's order of migratetypes to steal from. */
static const int fallbacks[MIGRATE_TYPES][3] = {
	[MIGRATE_UNMOVABLE] = {MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE,
			       MIGRATE_TYPES},
	[MIGRATE_MOVABLE] = {MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE,
			     MIGRATE_TYPES},
	[MIGRATE_RECLAIMABLE] = {MIGRATE_UNMOVABLE, MIGRATE_MOVABLE,
				 MIGRATE_TYPES},
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

/**
 * set_cpu_numa_node - record the node a CPU belongs to
 * @cpu: CPU number (< CONFIG_NR_CPUS)
 * @node: its node
 */
void set_cpu_numa_node(int cpu, int node)
{
	if (cpu >= 0 && cpu < CONFIG_NR_CPUS && node >= 0 &&
	    node < MAX_NUMNODES)
		cpu_node[cpu] = node;
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
 * least that order on a list it may use.
 */
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags)
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

static __always_inline bool
zone_watermark_fast(struct zone *z, unsigned int order, unsigned long mark,
		    int highest_zoneidx, unsigned int alloc_flags)
{
	if (!order && (long)zone_page_state(z, NR_FREE_PAGES) >
			      (long)mark + z->lowmem_reserve[highest_zoneidx])
		return true;
	return zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags);
}

/* ---- taking blocks off the free lists ---- */

/*
 * Split a block of order @high into halves until one of order @low is
 * left; the upper halves go back on the free list of @mt.
 */
static inline void expand(struct zone *zone, struct page *page,
			  unsigned int low, unsigned int high, int mt)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		set_buddy_order(&page[size], high);
		add_to_free_list(&page[size], zone, high, mt);
	}
}

static inline struct page *get_page_from_free_area(struct free_area *area,
						   int mt)
{
	return list_first_entry_or_null(&area->free_list[mt], struct page, lru);
}

static inline struct page *__rmqueue_smallest(struct zone *zone,
					      unsigned int order, int mt)
{
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct page *page =
			get_page_from_free_area(&zone->free_area[o], mt);

		if (!page)
			continue;
		del_page_from_free_list(page, zone, o);
		expand(zone, page, order, o, mt);
		return page;
	}
	return NULL;
}

/* Is a block of @order big enough to take its whole pageblock? */
static bool can_steal_fallback(unsigned int order, int start_mt)
{
	if (order >= pageblock_order)
		return true;
	return order >= pageblock_order / 2 ||
	       start_mt == MIGRATE_RECLAIMABLE ||
	       start_mt == MIGRATE_UNMOVABLE || page_group_by_mobility_disabled;
}

static int find_suitable_fallback(struct free_area *area, unsigned int order,
				  int start_mt, bool *can_steal)
{
	if (!area->nr_free)
		return -1;
	for (int i = 0; fallbacks[start_mt][i] != MIGRATE_TYPES; i++) {
		int mt = fallbacks[start_mt][i];

		if (free_area_empty(area, mt))
			continue;
		*can_steal = can_steal_fallback(order, start_mt);
		return mt;
	}
	return -1;
}

static void change_pageblock_range(struct page *page, unsigned int order,
				   int mt)
{
	unsigned long nr = 1UL << (order - pageblock_order);

	while (nr--) {
		set_pageblock_migratetype(page, mt);
		page += pageblock_nr_pages;
	}
}

/*
 * Move a block found on another type's list to @start_mt; if @whole_block,
 * also move the rest of its pageblock and, when at least half of that block
 * is free or already in @start_mt's use, claim the pageblock.
 */
static void steal_suitable_fallback(struct zone *zone, struct page *page,
				    unsigned int order, int start_mt,
				    bool whole_block)
{
	int old_mt = get_pageblock_migratetype(page);
	int free_pages, movable, alike;

	if (order >= pageblock_order) {
		change_pageblock_range(page, order, start_mt);
		count_vm_event(PGSTEAL_BLOCK);
		goto single_page;
	}
	if (!whole_block)
		goto single_page;

	free_pages = move_freepages_block(zone, page, start_mt, &movable);
	if (!free_pages)
		goto single_page;
	/* in-use pages that already look like @start_mt ones */
	if (start_mt == MIGRATE_MOVABLE)
		alike = movable;
	else if (old_mt == MIGRATE_MOVABLE)
		alike = (int)pageblock_nr_pages - (free_pages + movable);
	else
		alike = 0;
	if (free_pages + alike >= (1 << (pageblock_order - 1)) ||
	    page_group_by_mobility_disabled) {
		set_pageblock_migratetype(page, start_mt);
		count_vm_event(PGSTEAL_BLOCK);
	}
	return;

single_page:
	move_to_free_list(page, zone, order, start_mt);
}

static bool __rmqueue_fallback(struct zone *zone, unsigned int order,
			       int start_mt)
{
	struct free_area *area;
	bool can_steal = false;
	int mt = -1, o;

	/* the largest block first: fewer, bigger pageblocks get mixed */
	for (o = MAX_ORDER - 1; o >= (int)order; o--) {
		area = &zone->free_area[o];
		mt = find_suitable_fallback(area, o, start_mt, &can_steal);
		if (mt == -1)
			continue;
		/*
		 * Movable requests that cannot take the block would only
		 * fragment it: take the smallest fitting block instead.
		 */
		if (!can_steal && start_mt == MIGRATE_MOVABLE && o > (int)order)
			goto find_smallest;
		goto do_steal;
	}
	return false;

find_smallest:
	for (o = order; o < MAX_ORDER; o++) {
		area = &zone->free_area[o];
		mt = find_suitable_fallback(area, o, start_mt, &can_steal);
		if (mt != -1)
			break;
	}
	if (mt == -1)
		return false;

do_steal:
	count_vm_event(PGALLOC_FALLBACK);
	steal_suitable_fallback(zone, get_page_from_free_area(area, mt),
				(unsigned int)o, start_mt, can_steal);
	return true;
}

/* Called with the zone locked; the caller adjusts NR_FREE_PAGES. */
static inline struct page *__rmqueue(struct zone *zone, unsigned int order,
				     int mt)
{
	struct page *page;

	for (;;) {
		page = __rmqueue_smallest(zone, order, mt);
		if (likely(page))
			return page;
		if (!__rmqueue_fallback(zone, order, mt))
			return NULL;
	}
}

/* Move up to @count order-@order blocks to @list, marked as pcp pages. */
static int rmqueue_bulk(struct zone *zone, unsigned int order, int count,
			struct list_head *list, int mt)
{
	irqflags_t flags;
	int i;

	zone_lock_irqsave(zone, flags);
	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue(zone, order, mt);

		if (unlikely(!page))
			break;
		__SetPagePcp(page);
		page->private = (unsigned int)mt;
		list_add_tail(&page->lru, list);
	}
	__mod_zone_page_state(zone, NR_FREE_PAGES, -((long)i << order));
	__mod_zone_page_state(zone, NR_FREE_PCP, i);
	zone_unlock_irqrestore(zone, flags);
	return i;
}

static __always_inline struct page *rmqueue_pcplist(struct zone *zone, int mt)
{
	struct per_cpu_pages *pcp;
	struct list_head *list;
	struct page *page;
	irqflags_t flags;

	local_irq_save(flags);
	pcp = &zone->pageset[smp_processor_id()];
	list = &pcp->lists[mt];
	if (unlikely(list_empty(list))) {
		pcp->count += rmqueue_bulk(zone, 0, pcp->batch, list, mt);
		if (unlikely(list_empty(list))) {
			local_irq_restore(flags);
			return NULL;
		}
	}
	page = list_first_entry(list, struct page, lru);
	list_del(&page->lru);
	pcp->count--;
	zone->vm_stat[NR_FREE_PCP]--;
	local_irq_restore(flags);
	__ClearPagePcp(page);
	page->private = 0;
	return page;
}

static __always_inline struct page *
rmqueue(struct zone *zone, unsigned int order, unsigned int alloc_flags, int mt)
{
	struct page *page = NULL;
	irqflags_t flags;

	if (likely(order == 0 && !pcp_disabled))
		return rmqueue_pcplist(zone, mt);

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

/* ---- preparing a page for its new owner ---- */

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

static inline void zone_statistics(int preferred_nid, const struct zone *z,
				   unsigned int order)
{
	int nid = zone_to_nid(z);

	__count_vm_events(PGALLOC, 1UL << order);
	if (!IS_ENABLED(CONFIG_VM_EVENT_COUNTERS) || MAX_NUMNODES == 1)
		return;
	if (likely(nid == preferred_nid)) {
		count_vm_event(NUMA_HIT);
	} else {
		count_vm_event(NUMA_MISS);
		count_vm_event(NUMA_FOREIGN);
	}
	count_vm_event(nid == cpu_node[smp_processor_id()] ? NUMA_LOCAL
							   : NUMA_OTHER);
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

/* ---- shrinkers ---- */
static LIST_HEAD(shrinker_list);

/**
 * register_shrinker - add a cache to those asked to free memory
 * @s: the shrinker; @s->scan is required
 *
 * Return: 0 or -EINVAL.
 */
int register_shrinker(struct shrinker *s)
{
	if (!s || !s->scan)
		return -EINVAL;
	if (!s->seeks)
		s->seeks = DEFAULT_SEEKS;
	list_add_tail(&s->list, &shrinker_list);
	return 0;
}

/**
 * unregister_shrinker - stop calling a shrinker
 * @s: a registered shrinker (or one never registered: ignored)
 */
void unregister_shrinker(struct shrinker *s)
{
	if (s && s->list.next)
		list_del_init(&s->list);
}

unsigned long shrink_slab(gfp_t gfp, int nid, unsigned long nr_to_scan)
{
	struct shrinker *s;
	unsigned long freed = 0;

	(void)gfp;
	(void)nid;
	list_for_each_entry(s, &shrinker_list, list) {
		unsigned long ret;

		if (s->count && !s->count(s))
			continue;
		s->nr_calls++;
		__count_vm_events(SLABS_SCANNED, nr_to_scan);
		ret = s->scan(s, nr_to_scan);
		if (ret != SHRINK_STOP)
			freed += ret;
	}
	return freed;
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

/**
 * __alloc_pages - the allocator's entry point
 * @gfp: GFP_* / __GFP_* flags
 * @order: log2 of the number of contiguous pages
 * @preferred_nid: node to try first (its zonelist is used)
 * @nodemask: nodes allowed, or NULL for all
 *
 * Return: the first page of the block with _refcount 1, or NULL.
 */
struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid,
			   nodemask_t *nodemask)
{
	struct alloc_context ac;
	struct page *page;

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

/* ---- accounting ---- */

/**
 * nr_free_pages - free pages in the buddy lists of all zones
 *
 * Pages parked on the per-cpu lists are not included (as in Linux).
 */
static unsigned long sum_zone_page_state(enum zone_stat_item item)
{
	struct zone *zone;
	unsigned long sum = 0;

	for_each_populated_zone(zone)
		sum += zone_page_state(zone, item);
	return sum;
}

unsigned long nr_free_pages(void)
{
	return sum_zone_page_state(NR_FREE_PAGES);
}

/**
 * nr_free_pcp_pages - free pages parked on the per-cpu lists of all zones
 *
 * They are free (the next order-0 allocation takes them) but not in the
 * buddy lists, so not in nr_free_pages(): a count of every free page is
 * the sum of the two.
 */
unsigned long nr_free_pcp_pages(void)
{
	return sum_zone_page_state(NR_FREE_PCP);
}

/**
 * si_meminfo - fill the memory totals of @val (in pages of mem_unit bytes)
 * @val: the result
 */
void si_meminfo(struct sysinfo *val)
{
	memset(val, 0, sizeof(*val));
	val->totalram = totalram_pages();
	val->freeram = nr_free_pages();
	val->mem_unit = PAGE_SIZE;
}

/**
 * pcp_update_batch - size a zone's pcp lists from its managed pages
 * @zone: the zone
 *
 * batch is about a quarter of a thousandth of the zone (at most 1 MiB / 4),
 * rounded to 2^n - 1 as Linux does; high is 6 * batch.
 */
void pcp_update_batch(struct zone *zone)
{
	unsigned long batch =
		min(zone_managed_pages(zone) >> 10, (1UL << 20) / PAGE_SIZE);
	int cpu;

	batch /= 4;
	if (batch < 1)
		batch = 1;
	batch = rounddown_pow_of_two(batch + batch / 2) - 1;
	if (batch < 1)
		batch = 1;
	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		zone->pageset[cpu].batch = (int)batch;
		zone->pageset[cpu].high = 6 * (int)batch;
	}
}

/**
 * page_alloc_set_pcp_enabled - switch the per-cpu lists on or off
 * @on: false sends order-0 pages straight to and from the buddy lists
 */
void page_alloc_set_pcp_enabled(bool on)
{
	if (!on)
		drain_all_pages(NULL);
	pcp_disabled = !on;
}
