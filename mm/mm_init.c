// SPDX-License-Identifier: MIT
/**
 * DOC: sizing nodes and zones, the mem_map, and the handoff from memblock
 *
 * free_area_init() runs once memblock knows every memory range and its
 * node.  From the arch's zone limits (max_zone_pfn[]: the first pfn above
 * each zone) and memblock's ranges it derives, per node, the span of every
 * zone, its present pages (span minus holes), and the movablecore= split of
 * the highest zone into ZONE_MOVABLE.  Each node gets a flat mem_map (one
 * struct page per pfn, aligned to MAX_ORDER_NR_PAGES so every buddy has a
 * struct page) in which all pages start out PG_reserved, and a pageblock
 * bitmap per zone with every pageblock MIGRATE_MOVABLE.  Node spans may
 * overlap (interleaved nodes), so a pfn's node comes from pfn_nid_map,
 * built here from memblock's ranges (pfn_nid_map_init()), never from the
 * spans; a node's mem_map has reserved struct pages for the other nodes'
 * pfns inside its span.
 *
 * memblock_free_all() then frees every free memblock range into the buddy
 * lists in the largest aligned blocks; only those pages become "managed".
 * Watermarks, lowmem reserves and pcp batch sizes are computed from the
 * managed counts afterwards.  free_reserved_area() returns boot-only memory
 * (__init sections) later.
 */
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/log2.h>
#include <kernel/string.h>
#include <mm/memblock.h>

#include "page_alloc_internal.h"

pg_data_t *node_data[MAX_NUMNODES];
static pg_data_t node_data_storage[MAX_NUMNODES];
nodemask_t node_online_map;
unsigned long _totalram_pages;

static const char *const zone_names[MAX_NR_ZONES] = {
#ifdef CONFIG_ZONE_DMA
	"DMA",
#endif
#ifdef CONFIG_ZONE_DMA32
	"DMA32",
#endif
	"Normal",
#ifdef CONFIG_ZONE_MOVABLE
	"Movable",
#endif
};

static unsigned long arch_zone_lowest_possible_pfn[MAX_NR_ZONES];
static unsigned long arch_zone_highest_possible_pfn[MAX_NR_ZONES];
static unsigned long zone_movable_pfn[MAX_NUMNODES];
static unsigned long required_movablecore; /* pages */
static unsigned long required_movablecore_percent;

/* ---- command line ---- */

/**
 * cmdline_parse_movablecore - movablecore=nn[KMG] or movablecore=nn%
 * @arg: the value
 *
 * Memory given to ZONE_MOVABLE, taken from the top of each node.
 * Return: 0 or -EINVAL.
 */
int cmdline_parse_movablecore(const char *arg)
{
	bool percent;
	u64 v;

	if (memparse_value(arg, &v, &percent) || (percent && v > 100))
		return -EINVAL;
	if (percent) {
		required_movablecore_percent = (unsigned long)v;
		required_movablecore = 0;
	} else {
		required_movablecore = (unsigned long)(v >> PAGE_SHIFT);
		required_movablecore_percent = 0;
	}
	return 0;
}

/* ---- zone and node sizing ---- */

static void get_pfn_range_for_nid(int nid, unsigned long *start,
				  unsigned long *end)
{
	unsigned long s, e;
	int i;

	*start = ~0UL;
	*end = 0;
	for_each_mem_pfn_range(i, nid, &s, &e, NULL) {
		*start = min(*start, s);
		*end = max(*end, e);
	}
	if (*start == ~0UL)
		*start = 0;
}

/* Pages of memory (not holes) of @nid in [start, end). */
static unsigned long present_pages_in_range(int nid, unsigned long start,
					    unsigned long end)
{
	unsigned long s, e, nr = 0;
	int i;

	for_each_mem_pfn_range(i, nid, &s, &e, NULL) {
		s = clamp(s, start, end);
		e = clamp(e, start, end);
		nr += e - s;
	}
	return nr;
}

/* ---- pfn -> node map (pfn_to_nid(), include/mm/page_alloc.h) ---- */

const u8 *pfn_nid_map;
unsigned long pfn_nid_map_first;
unsigned long pfn_nid_map_len;
unsigned int pfn_nid_shift;

/* The pfns [start, end) belong to @nid (NUMA_NO_NODE: to no node). */
struct pfn_nid_range {
	unsigned long start, end;
	int nid;
};

/* Sorted, disjoint, tiling [lowest node start, highest node end). */
static struct pfn_nid_range *pfn_nid_ranges;
static unsigned long pfn_nid_nr_ranges;

/**
 * __pfn_to_nid_mixed - pfn_to_nid() in a granule that holds several nodes
 * @pfn: the pfn
 *
 * A binary search of the node ranges; exact for any pfn.
 * Return: the node, or NUMA_NO_NODE.
 */
int __pfn_to_nid_mixed(unsigned long pfn)
{
	unsigned long lo = 0, hi = pfn_nid_nr_ranges;

	while (lo < hi) { /* lo: the number of ranges starting <= pfn */
		unsigned long mid = lo + (hi - lo) / 2;

		if (pfn_nid_ranges[mid].start <= pfn)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo || pfn >= pfn_nid_ranges[lo - 1].end)
		return NUMA_NO_NODE;
	return pfn_nid_ranges[lo - 1].nid;
}

static void __init pfn_nid_range_add(unsigned long start, unsigned long end,
				     int nid)
{
	struct pfn_nid_range *last;

	if (start >= end)
		return;
	last = pfn_nid_nr_ranges ? &pfn_nid_ranges[pfn_nid_nr_ranges - 1]
				 : NULL;
	if (last && last->end == start && last->nid == nid) {
		last->end = end;
		return;
	}
	pfn_nid_ranges[pfn_nid_nr_ranges++] =
		(struct pfn_nid_range){.start = start, .end = end, .nid = nid};
}

/* Lowest node whose span holds @pfn: the owner of a hole. */
static int __init span_nid(const unsigned long *start, const unsigned long *end,
			   unsigned long pfn)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (start[nid] <= pfn && pfn < end[nid])
			return nid;
	return NUMA_NO_NODE;
}

/* Mark the granules of [start, end) as @nid's; *last: the granule marked
 * last, which the range may share with the one before. */
static void __init pfn_nid_map_mark(u8 *map, unsigned long start,
				    unsigned long end, int nid,
				    unsigned long *last)
{
	u8 val = nid == NUMA_NO_NODE ? PFN_NID_NONE : (u8)nid;

	if (start >= end)
		return;
	for (unsigned long g = start >> pfn_nid_shift;
	     g <= (end - 1) >> pfn_nid_shift; g++) {
		u8 *ent = &map[g - pfn_nid_map_first];

		if (g != *last)
			*ent = val;
		else if (*ent != val)
			*ent = PFN_NID_MIXED;
		*last = g;
	}
}

/*
 * Build pfn_nid_map from memblock's memory ranges and their node ids.
 * A pfn of memory belongs to its range's node.  A hole belongs to the
 * lowest node whose span holds it (every node's mem_map has a reserved
 * struct page there; pfn_to_page() must pick one).  Node spans begin and
 * end at range boundaries, so one answer holds for a whole gap between
 * two ranges.  Granules are pageblocks, larger when the table would pass
 * max(4096, present pages / 64) bytes (nodes far apart).
 */
static void __init pfn_nid_map_init(void)
{
	unsigned long start[MAX_NUMNODES], end[MAX_NUMNODES];
	unsigned long lo = ~0UL, hi = 0, pos, s, e, present = 0, slots = 1;
	unsigned long cap, len, last = ~0UL, mixed = 0, nodes = 0;
	int i, nid;
	u8 *map;

	pfn_nid_map_len = 0;
	pfn_nid_nr_ranges = 0;
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		get_pfn_range_for_nid(nid, &start[nid], &end[nid]);
		if (start[nid] >= end[nid])
			continue;
		lo = min(lo, start[nid]);
		hi = max(hi, end[nid]);
		nodes++;
	}
	if (lo >= hi)
		return;
	for_each_mem_pfn_range(i, MAX_NUMNODES, &s, &e, NULL) {
		present += e - s;
		slots += 2; /* the range and the gap before it */
	}

	pfn_nid_ranges =
		memblock_alloc(slots * sizeof(*pfn_nid_ranges), sizeof(long));
	if (!pfn_nid_ranges)
		panic("Failed to allocate %lu pfn->node ranges", slots);
	pos = lo;
	for_each_mem_pfn_range(i, MAX_NUMNODES, &s, &e, &nid) {
		if (nid < 0 || nid >= MAX_NUMNODES)
			continue; /* memory of no node: a hole */
		pfn_nid_range_add(pos, s, span_nid(start, end, pos));
		pfn_nid_range_add(s, e, nid);
		pos = e;
	}

	cap = max(4096UL, present / 64);
	pfn_nid_shift = pageblock_order;
	while (((hi - 1) >> pfn_nid_shift) - (lo >> pfn_nid_shift) + 1 > cap)
		pfn_nid_shift++;
	pfn_nid_map_first = lo >> pfn_nid_shift;
	len = ((hi - 1) >> pfn_nid_shift) - pfn_nid_map_first + 1;
	map = memblock_alloc(len, SMP_CACHE_BYTES);
	if (!map)
		panic("Failed to allocate the %lu-byte pfn->node map", len);
	/* the first and last granules may reach outside every node */
	pfn_nid_map_mark(map, pfn_nid_map_first << pfn_nid_shift, lo,
			 NUMA_NO_NODE, &last);
	for (unsigned long r = 0; r < pfn_nid_nr_ranges; r++)
		pfn_nid_map_mark(map, pfn_nid_ranges[r].start,
				 pfn_nid_ranges[r].end, pfn_nid_ranges[r].nid,
				 &last);
	pfn_nid_map_mark(map, hi, (pfn_nid_map_first + len) << pfn_nid_shift,
			 NUMA_NO_NODE, &last);
	for (unsigned long g = 0; g < len; g++)
		mixed += map[g] == PFN_NID_MIXED;
	pfn_nid_map = map;
	pfn_nid_map_len = len;
	if (nodes > 1)
		pr_info("mm: pfn->node map: %lu granules of %lu pages, %lu "
			"shared by nodes, %lu node ranges\n",
			len, 1UL << pfn_nid_shift, mixed, pfn_nid_nr_ranges);
}

#ifdef CONFIG_ZONE_MOVABLE
/* The zone ZONE_MOVABLE is carved from: the highest one with memory. */
static int find_usable_zone_for_movable(void)
{
	for (int z = MAX_NR_ZONES - 1; z >= 0; z--) {
		if (z == ZONE_MOVABLE)
			continue;
		if (arch_zone_highest_possible_pfn[z] >
		    arch_zone_lowest_possible_pfn[z])
			return z;
	}
	return 0;
}
#endif

/*
 * Spread movablecore over the nodes in proportion to their memory above
 * the start of the usable zone; each node's movable part is its top pages.
 */
static void find_zone_movable_pfns_for_nodes(void)
{
#ifdef CONFIG_ZONE_MOVABLE
	unsigned long usable, total = 0, want;
	unsigned long above[MAX_NUMNODES] = {0};
	int nid;

	memset(zone_movable_pfn, 0, sizeof(zone_movable_pfn));
	if (!required_movablecore && !required_movablecore_percent)
		return;
	usable = arch_zone_lowest_possible_pfn[find_usable_zone_for_movable()];
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		above[nid] = present_pages_in_range(nid, usable, ~0UL);
		total += above[nid];
	}
	want = required_movablecore;
	if (required_movablecore_percent)
		want = (unsigned long)((u64)present_pages_in_range(MAX_NUMNODES,
								   0, ~0UL) *
				       required_movablecore_percent / 100);
	want = min(want, total);
	if (!want)
		return;
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		unsigned long lo = usable, hi, share, s, e;

		if (!above[nid])
			continue;
		share = (unsigned long)((u64)want * above[nid] / total);
		if (!share)
			continue;
		get_pfn_range_for_nid(nid, &s, &e);
		hi = e;
		/* lowest pfn with at least @share pages at or above it */
		while (lo < hi) {
			unsigned long mid = lo + (hi - lo + 1) / 2;

			if (present_pages_in_range(nid, mid, ~0UL) >= share)
				lo = mid;
			else
				hi = mid - 1;
		}
		lo = ALIGN(lo, MAX_ORDER_NR_PAGES);
		if (lo < e)
			zone_movable_pfn[nid] = lo;
	}
#endif
}

static void zone_range_in_node(int nid, int zt, unsigned long node_start,
			       unsigned long node_end, unsigned long *zs,
			       unsigned long *ze)
{
	*zs = clamp(node_start, arch_zone_lowest_possible_pfn[zt],
		    arch_zone_highest_possible_pfn[zt]);
	*ze = clamp(node_end, arch_zone_lowest_possible_pfn[zt],
		    arch_zone_highest_possible_pfn[zt]);
#ifdef CONFIG_ZONE_MOVABLE
	if (zone_movable_pfn[nid]) {
		unsigned long mv = zone_movable_pfn[nid];

		if (zt == ZONE_MOVABLE) {
			*zs = mv;
			*ze = node_end;
		} else if (*zs<mv && * ze> mv) {
			*ze = mv;
		} else if (*zs >= mv) {
			*zs = *ze;
		}
	}
#else
	(void)nid;
#endif
	if (*ze <= *zs)
		*zs = *ze = 0;
}

/* ---- per-zone structures ---- */

static void __init zone_init_structs(struct zone *zone, pg_data_t *pgdat,
				     int zt)
{
	unsigned long bits, longs;

	zone->zone_pgdat = pgdat;
	zone->node = pgdat->node_id;
	zone->name = zone_names[zt];
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			INIT_LIST_HEAD(&zone->free_area[o].free_list[mt]);
		zone->free_area[o].nr_free = 0;
	}
	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			INIT_LIST_HEAD(&zone->pageset[cpu].lists[mt]);
		zone->pageset[cpu].count = 0;
	}
	pcp_update_batch(zone);
	if (!zone->spanned_pages)
		return;

	bits = (ALIGN(zone_end_pfn(zone), pageblock_nr_pages) -
		ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages)) >>
	       pageblock_order;
	longs = DIV_ROUND_UP(bits * NR_PAGEBLOCK_BITS, BITS_PER_LONG);
	zone->pageblock_flags = memblock_alloc_node(
		longs * sizeof(long), sizeof(long), pgdat->node_id);
	if (!zone->pageblock_flags)
		panic("Failed to allocate pageblock flags for node %d zone %s",
		      pgdat->node_id, zone->name);
	/* every pageblock starts out MIGRATE_MOVABLE, as in Linux */
	for (unsigned long b = 0; b < bits; b++) {
		unsigned long idx = b * NR_PAGEBLOCK_BITS;

		zone->pageblock_flags[idx / BITS_PER_LONG] |=
			(unsigned long)MIGRATE_MOVABLE << (idx % BITS_PER_LONG);
	}
}

/* The zone holding @pfn; pfns outside every zone get the lowest one. */
static int zone_for_pfn(const pg_data_t *pgdat, unsigned long pfn)
{
	int lowest = 0;

	for (int zt = MAX_NR_ZONES - 1; zt >= 0; zt--) {
		const struct zone *zone = &pgdat->node_zones[zt];

		if (!zone->spanned_pages)
			continue;
		if (pfn >= zone->zone_start_pfn)
			return zt;
		lowest = zt;
	}
	return lowest;
}

/*
 * Write the struct pages of [start, end) of a node: zone and node ids,
 * then either PG_reserved with refcount 1 (@reserved) or no flags with
 * refcount 0, ready for __free_pages_ok().  Every field is written, so the
 * mem_map may come from raw (unzeroed) memory.
 */
static void memmap_init_pages(pg_data_t *pgdat, unsigned long start,
			      unsigned long end, bool reserved)
{
	struct page *page =
		pgdat->node_mem_map + (start - pgdat->node_mem_map_pfn);
	unsigned long pfn = start;

	/*
	 * This loop is most of boot time on large machines, so the flags
	 * word is built once per run of pages in one zone: zone_for_pfn()
	 * can only change where a later zone starts.
	 */
	while (pfn < end) {
		struct page tmpl = {.flags = reserved ? 1UL << PG_reserved : 0};
		unsigned long stop = end;

		set_page_zone(&tmpl, zone_for_pfn(pgdat, pfn));
		set_page_node(&tmpl, pgdat->node_id);
		for (int zt = 0; zt < MAX_NR_ZONES; zt++) {
			const struct zone *z = &pgdat->node_zones[zt];

			if (z->spanned_pages && z->zone_start_pfn > pfn &&
			    z->zone_start_pfn < stop)
				stop = z->zone_start_pfn;
		}
		for (; pfn < stop; pfn++, page++) {
			page->flags = tmpl.flags;
			page->lru.next = &page->lru;
			page->lru.prev = &page->lru;
			page->private = 0;
			page->_refcount = reserved;
		}
	}
}

/*
 * Initialise the struct pages of [start, end) of a node as PG_reserved,
 * refcount 1.  Not __init: deferred init uses it.
 */
void memmap_init_range(pg_data_t *pgdat, unsigned long start, unsigned long end)
{
	memmap_init_pages(pgdat, start, end, true);
}

/**
 * memmap_init_unfreed - initialise the struct pages memblock will not free
 * @pgdat: the node
 * @start: first pfn
 * @end: end pfn
 *
 * Writes [start, end) as memmap_init_range() does, except the whole pages
 * memblock has free now: the handoff (free_memblock_ranges()) writes
 * those as it frees them, so boot writes each free struct page once
 * (memmap init and the handoff used to be two passes over the array).
 * What is written here are holes, reserved memory, the partial pages at
 * the ends of free ranges and the MAX_ORDER padding of the mem_map.
 * Memory memblock allocates before the handoff is initialised then, by
 * memblock_free_all().
 *
 * The bitmap bootmem backend frees by a map of its own, which it takes
 * over after memmap init, so with it every page is initialised here.
 * Not __init: deferred init uses it.
 */
void memmap_init_unfreed(pg_data_t *pgdat, unsigned long start,
			 unsigned long end)
{
#ifdef CONFIG_BOOTMEM_MEMBLOCK
	phys_addr_t fs, fe;
	u64 i;

	for_each_free_mem_range(i, pgdat->node_id, MEMBLOCK_NONE, &fs, &fe,
				NULL) {
		unsigned long s = max(PFN_UP(fs), start);
		unsigned long e = min(PFN_DOWN(fe), end);

		if (s >= e)
			continue;
		memmap_init_range(pgdat, start, s);
		start = e;
	}
#endif
	memmap_init_range(pgdat, start, end);
}

static void __init free_area_init_node(int nid)
{
	pg_data_t *pgdat = &node_data_storage[nid];
	unsigned long start, end, map_start, map_end, total = 0;
	size_t size;

	get_pfn_range_for_nid(nid, &start, &end);
	memset(pgdat, 0, sizeof(*pgdat));
	pgdat->node_id = nid;
	pgdat->node_start_pfn = start;
	pgdat->node_spanned_pages = end - start;
	pr_info("Initmem setup node %d [mem 0x%016llx-0x%016llx]\n", nid,
		(unsigned long long)PFN_PHYS(start),
		(unsigned long long)PFN_PHYS(end) - 1);

	for (int zt = 0; zt < MAX_NR_ZONES; zt++) {
		struct zone *zone = &pgdat->node_zones[zt];
		unsigned long zs, ze;

		zone_range_in_node(nid, zt, start, end, &zs, &ze);
		zone->zone_start_pfn = zs;
		zone->spanned_pages = ze - zs;
		zone->present_pages = present_pages_in_range(nid, zs, ze);
		total += zone->present_pages;
		if (zone->present_pages)
			pgdat->nr_zones = zt + 1;
	}
	pgdat->node_present_pages = total;
	pr_info("On node %d totalpages: %lu\n", nid, total);

	map_start = ALIGN_DOWN(start, MAX_ORDER_NR_PAGES);
	map_end = ALIGN(end, MAX_ORDER_NR_PAGES);
	size = (map_end - map_start) * sizeof(struct page);
	/* raw: memmap_init_range() writes every field of every page */
	pgdat->node_mem_map = memblock_alloc_try_nid_raw(
		size, SMP_CACHE_BYTES, MEMBLOCK_LOW_LIMIT,
		MEMBLOCK_ALLOC_ACCESSIBLE, nid);
	if (!pgdat->node_mem_map)
		panic("Failed to allocate %zu bytes for node %d memory map",
		      size, nid);
	/* DEBUG_VM: junk in it, so that reading a struct page before memmap
	 * init or the handoff wrote it shows (Linux's page_init_poison()) */
	if (IS_ENABLED(CONFIG_DEBUG_VM))
		memset(pgdat->node_mem_map, 0xff, size);
	pgdat->node_mem_map_pfn = map_start;

	for (int zt = 0; zt < MAX_NR_ZONES; zt++) {
		struct zone *zone = &pgdat->node_zones[zt];

		zone_init_structs(zone, pgdat, zt);
		if (zone->spanned_pages)
			pr_info("  %s zone: %lu pages spanned, %lu present\n",
				zone->name, zone->spanned_pages,
				zone->present_pages);
	}
#ifdef CONFIG_DEFERRED_STRUCT_PAGE_INIT
	/* only the first chunk now; deferred_init_memmap_all() does the rest */
	pgdat->first_deferred_pfn =
		min(map_end, ALIGN(start + (CONFIG_DEFERRED_INIT_FIRST_MB
					    << (20 - PAGE_SHIFT)),
				   MAX_ORDER_NR_PAGES));
	memmap_init_unfreed(pgdat, map_start, pgdat->first_deferred_pfn);
	if (pgdat->first_deferred_pfn == map_end)
		pgdat->first_deferred_pfn = ~0UL;
#else
	memmap_init_unfreed(pgdat, map_start, map_end);
#endif
	node_data[nid] = pgdat;
	node_set(nid, &node_online_map);
}

/**
 * free_area_init - size nodes and zones and build the struct page arrays
 * @max_zone_pfn: per zone type, the first pfn above it (ZONE_MOVABLE's
 *	entry is ignored: movablecore= decides)
 *
 * Needs memblock to describe all memory with node ids.  Allocates the
 * mem_map and pageblock bitmaps from memblock.
 */
void __init free_area_init(unsigned long *max_zone_pfn)
{
	unsigned long start_pfn = PHYS_PFN(memblock_start_of_DRAM());
	unsigned long s, e;
	int i, nid;

	memset(node_data, 0, sizeof(node_data));
	nodes_clear(&node_online_map);
	for (i = 0; i < MAX_NR_ZONES; i++) {
		unsigned long end = max(max_zone_pfn[i], start_pfn);

#ifdef CONFIG_ZONE_MOVABLE
		if (i == ZONE_MOVABLE) {
			arch_zone_lowest_possible_pfn[i] = 0;
			arch_zone_highest_possible_pfn[i] = 0;
			continue;
		}
#endif
		arch_zone_lowest_possible_pfn[i] = start_pfn;
		arch_zone_highest_possible_pfn[i] = end;
		start_pfn = end;
	}

	pr_info("Zone ranges:\n");
	for (i = 0; i < MAX_NR_ZONES; i++) {
#ifdef CONFIG_ZONE_MOVABLE
		if (i == ZONE_MOVABLE)
			continue;
#endif
		pr_info("  %-8s ", zone_names[i]);
		if (arch_zone_lowest_possible_pfn[i] ==
		    arch_zone_highest_possible_pfn[i])
			pr_cont("empty\n");
		else
			pr_cont("[mem 0x%016llx-0x%016llx]\n",
				(unsigned long long)PFN_PHYS(
					arch_zone_lowest_possible_pfn[i]),
				(unsigned long long)PFN_PHYS(
					arch_zone_highest_possible_pfn[i]) -
					1);
	}

	find_zone_movable_pfns_for_nodes();
	pr_info("Movable zone start for each node\n");
	for (nid = 0; nid < MAX_NUMNODES; nid++)
		if (zone_movable_pfn[nid])
			pr_info("  Node %d: 0x%016llx\n", nid,
				(unsigned long long)PFN_PHYS(
					zone_movable_pfn[nid]));

	pr_info("Early memory node ranges\n");
	for_each_mem_pfn_range(i, MAX_NUMNODES, &s, &e, &nid)
		pr_info("  node %3d: [mem 0x%016llx-0x%016llx]\n", nid,
			(unsigned long long)PFN_PHYS(s),
			(unsigned long long)PFN_PHYS(e) - 1);

	pfn_nid_map_init();
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		get_pfn_range_for_nid(nid, &s, &e);
		if (e > s)
			free_area_init_node(nid);
	}
	pr_info("mm: struct page is %zu bytes\n", sizeof(struct page));
	build_all_zonelists();
}

/* ---- handoff from memblock ---- */

/**
 * reset_all_zones_managed_pages - forget all managed page counts
 *
 * Called before memblock's free memory is handed over; the counts are then
 * rebuilt page by page by __free_pages_core().
 */
void reset_all_zones_managed_pages(void)
{
	struct zone *zone;

	for_each_zone(zone)
		zone->managed_pages = 0;
	_totalram_pages = 0;
}

/**
 * __free_pages_core - hand a boot-reserved block to the buddy allocator
 * @page: first page of the block (PG_reserved, any refcount)
 * @order: block order; the block must lie in one zone
 *
 * Clears PG_reserved, counts the pages in the zone's managed pages and
 * frees the block.  As in Linux, the caller adds its total to
 * totalram_pages (memblock_free_all() and free_all_bootmem() do).
 */
void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned long nr = 1UL << order;

	for (unsigned long i = 0; i < nr; i++) {
		__ClearPageReserved(page + i);
		set_page_count(page + i, 0);
	}
	page_zone(page)->managed_pages += nr;
	__free_pages_ok(page, order, FPI_TO_TAIL | FPI_SKIP_POISON);
}

/* For a bootmem backend that hands over by itself (the bitmap one). */
unsigned long memmap_deferred_pfn(int nid)
{
	return node_data[nid] ? deferred_start_pfn(nid) : ~0UL;
}

/**
 * memblock_free_pages - free a block of boot memory (memblock's hook)
 * @page: first page
 * @pfn: its pfn
 * @order: block order
 */
void memblock_free_pages(struct page *page, unsigned long pfn,
			 unsigned int order)
{
	(void)pfn;
	__free_pages_core(page, order);
}

/*
 * Give a free block of @zone, whose struct pages are written already
 * (free_memblock_ranges()), to the buddy allocator: __free_pages_core()
 * without its pass over every page of the block.
 */
static void free_pages_boot_block(pg_data_t *pgdat, struct zone *zone,
				  unsigned long pfn, unsigned int order)
{
	/* the node's own struct page, the one memmap_init_pages() wrote */
	struct page *page =
		pgdat->node_mem_map + (pfn - pgdat->node_mem_map_pfn);

	zone->managed_pages += 1UL << order;
	__free_pages_ok(page, order, FPI_TO_TAIL | FPI_SKIP_POISON);
}

/* Free [start, end), whole pages of one node, in the largest naturally
 * aligned blocks. */
static unsigned long __free_pages_memory(pg_data_t *pgdat, unsigned long start,
					 unsigned long end)
{
	unsigned long count = 0;

	while (start < end) {
		struct zone *zone =
			&pgdat->node_zones[zone_for_pfn(pgdat, start)];
		unsigned long zend = zone_end_pfn(zone);
		unsigned int order;

		if (unlikely(start >= zend)) {
			/* above the last zone limit the arch gave: unusable */
			pr_warn("mm: pfns %#lx-%#lx lie in no zone, not freed\n",
				start, end - 1);
			memmap_init_range(pgdat, start, end);
			break;
		}
		order = start ? min_t(unsigned int, MAX_ORDER - 1, __ffs(start))
			      : MAX_ORDER - 1;
		/* stay inside the range and inside one zone */
		while (start + (1UL << order) > min(end, zend))
			order--;
		free_pages_boot_block(pgdat, zone, start, order);
		start += 1UL << order;
		count += 1UL << order;
	}
	return count;
}

/**
 * free_memblock_ranges - initialise and free memblock's free memory
 * @nid: node, or NUMA_NO_NODE for all
 * @lo: lowest pfn to free
 *
 * The whole free pages of memblock from @lo up, below each node's
 * deferred part, in two walks over the ranges (not the pages): first
 * every struct page is written (memmap_init_unfreed() left them alone),
 * then the blocks are freed, touching only their head pages.  Freeing
 * reads the head of the buddy and of the next larger block, which may
 * lie in a later range, so all must be written first.
 *
 * Return: the number of pages freed.
 */
unsigned long free_memblock_ranges(int nid, unsigned long lo)
{
	unsigned long pages = 0;
	phys_addr_t start, end;
	int rnid;
	u64 i;

	for (int pass = 0; pass < 2; pass++) {
		for_each_free_mem_range(i, nid, MEMBLOCK_NONE, &start, &end,
					&rnid) {
			pg_data_t *pgdat = NODE_DATA(rnid);
			unsigned long s = max(PFN_UP(start), lo);
			unsigned long e =
				min(PFN_DOWN(end), deferred_start_pfn(rnid));

			if (s >= e)
				continue;
			if (pass == 0)
				memmap_init_pages(pgdat, s, e, false);
			else
				pages += __free_pages_memory(pgdat, s, e);
		}
	}
	return pages;
}

/*
 * (Re)initialise [start, end) as reserved wherever it has struct pages
 * that are not deferred: memory memblock allocated after memmap init was
 * free then and has none written yet (memmap_init_unfreed()).
 */
static void memmap_init_reserved(unsigned long start, unsigned long end)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = node_data[nid];
		unsigned long s, e;

		if (!pgdat)
			continue;
		s = max(start, pgdat->node_start_pfn);
		e = min(min(end, pgdat_end_pfn(pgdat)),
			deferred_start_pfn(nid));
		if (s < e)
			memmap_init_range(pgdat, s, e);
	}
}

/**
 * memblock_free_all - release all free memblock memory to the buddy
 *
 * Pages of reserved regions stay PG_reserved; every page of every free
 * range is freed, so managed pages == free memblock pages afterwards.
 * Then the watermarks and pcp sizes are computed from the managed counts.
 *
 * Return: the number of pages released (also printed).
 */
unsigned long memblock_free_all(void)
{
	phys_addr_t start, end;
	unsigned long pages;
	u64 i;

	reset_all_zones_managed_pages();
	for_each_reserved_mem_range(i, &start, &end)
		memmap_init_reserved(PFN_DOWN(start), PFN_UP(end));
	/* pages whose struct pages are deferred are freed later */
	pages = free_memblock_ranges(NUMA_NO_NODE, 0);
	_totalram_pages += pages;
	pr_info("mm: %lu pages handed from memblock to the buddy allocator\n",
		pages);
	init_per_zone_wmark_min();
	return pages;
}

/**
 * init_per_zone_wmark_min - size pcp lists and watermarks from managed pages
 *
 * memblock_free_all() calls it; a bootmem backend that hands memory over
 * by itself (free_all_bootmem() of the bitmap backend) must call it after.
 * Also prints the managed pages of every zone.
 */
void init_per_zone_wmark_min(void)
{
	struct zone *zone;

	for_each_zone(zone) {
		if (zone->present_pages)
			pr_info("  Node %d, zone %8s: %lu managed pages\n",
				zone->node, zone->name, zone->managed_pages);
		pcp_update_batch(zone);
	}
	setup_per_zone_wmarks();
}

/**
 * adjust_managed_page_count - pages joined or left the buddy's management
 * @page: a page of the zone concerned
 * @count: pages added (negative: removed)
 */
void adjust_managed_page_count(struct page *page, long count)
{
	page_zone(page)->managed_pages += (unsigned long)count;
	_totalram_pages += (unsigned long)count;
}

/**
 * free_reserved_page - free one PG_reserved page to the buddy
 * @page: the page
 */
void free_reserved_page(struct page *page)
{
	if (WARN_ON(!PageReserved(page)))
		return;
	__ClearPageReserved(page);
	set_page_count(page, 1);
	__free_page(page);
	adjust_managed_page_count(page, 1);
}

/**
 * free_reserved_area - free a reserved virtual range page by page
 * @start: first byte (rounded up to a page)
 * @end: end (rounded down to a page)
 * @poison: byte to fill the pages with, or -1 for none
 * @s: what is freed, for "Freeing @s memory: NK"; NULL prints nothing
 *
 * Used for __init sections after boot (free_initmem()).
 * Return: the number of pages freed.
 */
unsigned long free_reserved_area(void *start, void *end, int poison,
				 const char *s)
{
	uintptr_t pos = ALIGN((uintptr_t)start, PAGE_SIZE);
	uintptr_t stop = ALIGN_DOWN((uintptr_t)end, PAGE_SIZE);
	unsigned long pages = 0;

	for (; pos < stop; pos += PAGE_SIZE) {
		struct page *page = virt_to_page((void *)pos);

		if (!PageReserved(page))
			continue;
		if (poison >= 0 && poison <= 0xff)
			memset((void *)pos, poison, PAGE_SIZE);
		free_reserved_page(page);
		pages++;
	}
	if (pages && s)
		pr_info("Freeing %s memory: %luK\n", s,
			pages << (PAGE_SHIFT - 10));
	return pages;
}

static struct mem_sections kernel_sections;

/**
 * mem_init_set_sections - record the kernel image's section sizes
 * @secs: sizes in bytes, from the arch's linker symbols
 */
void mem_init_set_sections(const struct mem_sections *secs)
{
	kernel_sections = *secs;
}

/**
 * mem_init_print_info - print Linux's "Memory: ..." summary line
 */
void mem_init_print_info(void)
{
	unsigned long physpages = 0;
	const struct mem_sections *k = &kernel_sections;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid])
			physpages += node_data[nid]->node_present_pages;
	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, "
		"%luK rodata, %luK init, %luK bss, %luK reserved)\n",
		nr_free_pages() << (PAGE_SHIFT - 10),
		physpages << (PAGE_SHIFT - 10), k->text >> 10, k->data >> 10,
		k->rodata >> 10, k->init >> 10, k->bss >> 10,
		(physpages - totalram_pages()) << (PAGE_SHIFT - 10));
}
