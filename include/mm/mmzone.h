/* SPDX-License-Identifier: MIT */
/*
 * Nodes, zones and free areas of the buddy page allocator (Linux's names).
 *
 * Every node (pg_data_t) owns up to MAX_NR_ZONES zones.  A zone keeps free
 * memory as power-of-two blocks in free_area[order], one list per
 * migratetype, plus a small per-CPU cache of order-0 pages.  Memory is also
 * split into pageblocks (2^pageblock_order pages) that each carry one
 * migratetype in a per-zone bitmap, so pages of one mobility class are
 * grouped together and large blocks stay available for longer.
 */
#ifndef _MM_MMZONE_H
#define _MM_MMZONE_H

#include <kernel/compiler.h>
#include <kernel/list.h>
#include <kernel/spinlock_types.h>
#include <kernel/types.h>
#include <mm/mm_types.h>
#include <mm/numa.h>
#include <asm/mm.h>

#define MAX_ORDER CONFIG_MAX_ORDER
#define MAX_ORDER_NR_PAGES (1UL << (MAX_ORDER - 1))

/* A pageblock is the unit that carries a migratetype (2 MiB at most). */
#define pageblock_order ((MAX_ORDER - 1) < 9 ? (MAX_ORDER - 1) : 9)
#define pageblock_nr_pages (1UL << pageblock_order)

/* Bits per pageblock in zone->pageblock_flags: 3 for the type, 1 spare. */
#define NR_PAGEBLOCK_BITS 4
#define PB_MIGRATETYPE_MASK 0x7UL

enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES, /* the types with per-cpu lists */
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	MIGRATE_ISOLATE, /* never allocated from; never merged across */
	MIGRATE_TYPES
};

extern const char *const migratetype_names[MIGRATE_TYPES];

/* Runtime switch: when true every allocation is MIGRATE_UNMOVABLE. */
extern bool page_group_by_mobility_disabled;

/* Give a structure its own cache line(s) where other CPUs write nearby. */
#ifndef ____cacheline_aligned_in_smp
#ifdef CONFIG_SMP
#define ____cacheline_aligned_in_smp __aligned(SMP_CACHE_BYTES)
#else
#define ____cacheline_aligned_in_smp
#endif
#endif

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free; /* blocks of this order, all types */
};

enum zone_type {
#ifdef CONFIG_ZONE_DMA
	ZONE_DMA, /* x86: below 16 MiB (ISA DMA) */
#endif
#ifdef CONFIG_ZONE_DMA32
	ZONE_DMA32, /* below 4 GiB: 32-bit DMA masters */
#endif
	ZONE_NORMAL,
#ifdef CONFIG_ZONE_MOVABLE
	ZONE_MOVABLE, /* movablecore=: only movable allocations */
#endif
	__MAX_NR_ZONES
};
#define MAX_NR_ZONES __MAX_NR_ZONES

enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };

enum zone_stat_item {
	NR_FREE_PAGES, /* pages in free_area[] (not the pcp lists) */
	NR_FREE_PCP,   /* pages parked on the per-cpu lists (summed) */
	NR_VM_ZONE_STAT_ITEMS
};

/* Orders up to this have per-cpu lists (Linux 5.13+); larger are costly. */
#define PAGE_ALLOC_COSTLY_ORDER 3
#define NR_PCP_LISTS (MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1))

/**
 * struct per_cpu_pages - one CPU's cache of free small blocks of a zone
 * Only its own CPU touches it, with interrupts masked: no lock (docs/mm.md,
 * "Locking"); drain_all_pages() asks the owner with a cross-call.
 * @count: pages (not blocks) on all @lists
 * @high: drain @batch pages back to the buddy when @count reaches this
 * @batch: pages moved to/from the buddy at a time
 * @lists: one list per order up to PAGE_ALLOC_COSTLY_ORDER and pcp
 *	migratetype (pcp_list())
 *
 * @wmark_ok: this CPU's copy of the zone's @wmark_ok, next to the lists
 *	the allocation fast path pops (written under the zone lock by
 *	whichever CPU changes NR_FREE_PAGES across a mark)
 * @nr_fast_alloc: blocks of each order the allocation fast path took here
 * @nr_fast_free: pages the free fast path put here
 *	(the fast paths' statistics: per-cpu deltas that sum_vm_event()
 *	adds to pgalloc, numa_hit, numa_local and pgfree)
 *
 * @count is NR_FREE_PCP's share of this CPU: the zone counter is the sum
 * of the counts (zone_page_state_snapshot()), so the fast paths keep no
 * other statistic.  Other CPUs read @count with relaxed loads.
 *
 * Each CPU's structure has its own cache line(s) with CONFIG_SMP.
 */
struct per_cpu_pages {
	int count;
	int high;
	int batch;
	unsigned int wmark_ok;
	struct list_head lists[NR_PCP_LISTS];
	unsigned long nr_fast_alloc[PAGE_ALLOC_COSTLY_ORDER + 1];
	unsigned long nr_fast_free;
} ____cacheline_aligned_in_smp;

static inline int pcp_list_index(unsigned int order, int mt)
{
	return (int)(order * MIGRATE_PCPTYPES + (unsigned int)mt);
}

static inline struct list_head *pcp_list(struct per_cpu_pages *pcp,
					 unsigned int order, int mt)
{
	return &pcp->lists[pcp_list_index(order, mt)];
}

struct pglist_data;

struct zone {
	/* read-mostly fields used by the fast path first */
	unsigned long _watermark[NR_WMARK];
	long lowmem_reserve[MAX_NR_ZONES];
	struct pglist_data *zone_pgdat;
	unsigned long *pageblock_flags;
	unsigned long zone_start_pfn;
	unsigned long nr_isolate_pageblock;
	unsigned long nr_reserved_highatomic;
	/*
	 * Bit c set: NR_FREE_PAGES is above the low watermark plus
	 * lowmem_reserve[c], the order-0 check of an allocation of zone
	 * class c.  Kept by every NR_FREE_PAGES update (zone locked) and
	 * watermark change, copied to each pageset[].wmark_ok.
	 */
	unsigned int wmark_ok;

	/*
	 * spanned = end - start; present = spanned minus holes;
	 * managed = present minus reserved pages (what the buddy owns).
	 */
	unsigned long spanned_pages;
	unsigned long present_pages;
	unsigned long managed_pages;

	const char *name;
	int node;

	struct per_cpu_pages pageset[CONFIG_NR_CPUS];

	/*
	 * @lock guards free_area, the pageblock migratetypes, isolation and
	 * the NR_FREE_PAGES updates.  vm_stat is read without it (relaxed
	 * atomics).  NR_FREE_PCP is not kept here but summed from the
	 * pcp counts.
	 */
	spinlock_t lock ____cacheline_aligned_in_smp;
	long vm_stat[NR_VM_ZONE_STAT_ITEMS];
	struct free_area free_area[MAX_ORDER];
};

/* zonelist indices: with and without fallback to other nodes */
enum { ZONELIST_FALLBACK, ZONELIST_NOFALLBACK, MAX_ZONELISTS };

#define MAX_ZONES_PER_ZONELIST (MAX_NUMNODES * MAX_NR_ZONES)

struct zoneref {
	struct zone *zone;
	int zone_idx;
};

/* Zones to try in order, terminated by a NULL zone. */
struct zonelist {
	struct zoneref _zonerefs[MAX_ZONES_PER_ZONELIST + 1];
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[MAX_ZONELISTS];
	int nr_zones; /* highest populated zone index + 1 */
	struct page *node_mem_map;
	unsigned long node_mem_map_pfn; /* pfn of node_mem_map[0] */
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	int node_id;
	unsigned long totalreserve_pages;
#ifdef CONFIG_DEFERRED_STRUCT_PAGE_INIT
	unsigned long first_deferred_pfn;
#endif
} pg_data_t;

extern pg_data_t *node_data[MAX_NUMNODES];
#define NODE_DATA(nid) (node_data[(nid)])

static inline unsigned long pgdat_end_pfn(const pg_data_t *pgdat)
{
	return pgdat->node_start_pfn + pgdat->node_spanned_pages;
}

/* ---- node masks: a plain bitmap over MAX_NUMNODES ---- */
#define NODEMASK_LONGS ((MAX_NUMNODES + BITS_PER_LONG - 1) / BITS_PER_LONG)
typedef struct {
	unsigned long bits[NODEMASK_LONGS];
} nodemask_t;

static inline void node_set(int nid, nodemask_t *m)
{
	m->bits[nid / BITS_PER_LONG] |= 1UL << (nid % BITS_PER_LONG);
}

static inline void node_clear(int nid, nodemask_t *m)
{
	m->bits[nid / BITS_PER_LONG] &= ~(1UL << (nid % BITS_PER_LONG));
}

static inline bool node_isset(int nid, const nodemask_t *m)
{
	return (m->bits[nid / BITS_PER_LONG] >> (nid % BITS_PER_LONG)) & 1;
}

static inline void nodes_clear(nodemask_t *m)
{
	for (int i = 0; i < NODEMASK_LONGS; i++)
		m->bits[i] = 0;
}

/* Nodes with a pg_data_t (memory described by memblock). */
extern nodemask_t node_online_map;
#define node_online(nid) node_isset((nid), &node_online_map)
#define for_each_online_node(nid)                      \
	for ((nid) = 0; (nid) < MAX_NUMNODES; (nid)++) \
		if (!node_online(nid)) {               \
		} else

/* ---- zone helpers ---- */
static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return zone->zone_start_pfn <= pfn && pfn < zone_end_pfn(zone);
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline bool managed_zone(const struct zone *zone)
{
	return zone->managed_pages != 0;
}

static inline int zone_idx(const struct zone *zone)
{
	return (int)(zone - zone->zone_pgdat->node_zones);
}

static inline int zone_to_nid(const struct zone *zone)
{
	return zone->node;
}

static inline unsigned long zone_managed_pages(const struct zone *zone)
{
	return zone->managed_pages;
}

/* zone_page_state_snapshot - a zone counter, exact as of the reads. */
static inline unsigned long zone_page_state_snapshot(const struct zone *zone,
						     enum zone_stat_item item)
{
	long x = 0;

	if (item != NR_FREE_PCP)
		x = __atomic_load_n(&zone->vm_stat[item], __ATOMIC_RELAXED);
	else
		for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
			x += __atomic_load_n(&zone->pageset[cpu].count,
					     __ATOMIC_RELAXED);
	return x < 0 ? 0 : (unsigned long)x;
}

/*
 * zone_page_state - a zone counter (NR_FREE_PAGES is one load; NR_FREE_PCP
 * adds up every CPU's pcp count).
 */
static inline unsigned long zone_page_state(const struct zone *zone,
					    enum zone_stat_item item)
{
	return zone_page_state_snapshot(zone, item);
}

#define min_wmark_pages(z) ((z)->_watermark[WMARK_MIN])
#define low_wmark_pages(z) ((z)->_watermark[WMARK_LOW])
#define high_wmark_pages(z) ((z)->_watermark[WMARK_HIGH])
#define wmark_pages(z, i) ((z)->_watermark[i])

static inline bool free_area_empty(const struct free_area *area, int mt)
{
	return list_empty(&area->free_list[mt]);
}

/* Iterate over every zone of every online node. */
struct zone *next_zone(struct zone *zone);
#define for_each_zone(zone)                              \
	for ((zone) = first_online_pgdat_zone(); (zone); \
	     (zone) = next_zone(zone))
#define for_each_populated_zone(zone)        \
	for_each_zone(zone)                  \
		if (!populated_zone(zone)) { \
		} else
struct zone *first_online_pgdat_zone(void);

/* Zonelist walk: zones at or below highest_zoneidx, allowed by nodes. */
static inline bool zref_in_nodemask(const struct zoneref *z,
				    const nodemask_t *nodes)
{
	return !nodes || node_isset(zone_to_nid(z->zone), nodes);
}

#define for_each_zone_zonelist_nodemask(zone, z, zlist, highidx, nodes)     \
	for ((z) = (zlist)->_zonerefs; ((zone) = (z)->zone) != NULL; (z)++) \
		if ((z)->zone_idx > (highidx) ||                            \
		    !zref_in_nodemask((z), (nodes))) {                      \
		} else

/* ---- pageblock migratetypes ---- */
int get_pfnblock_migratetype(const struct page *page, unsigned long pfn);
void set_pageblock_migratetype(struct page *page, int migratetype);
int get_pageblock_migratetype(const struct page *page);

/* ---- NUMA distance ---- */
#define LOCAL_DISTANCE 10
#define REMOTE_DISTANCE 20
int node_distance(int from, int to);
void numa_set_distance(int from, int to, int distance);

#endif /* _MM_MMZONE_H */
