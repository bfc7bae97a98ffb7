// SPDX-License-Identifier: MIT
/**
 * DOC: the pfn -> node map
 *
 * Node spans may overlap (interleaved nodes), so a pfn's node comes from
 * pfn_nid_map, built by free_area_init() from memblock's ranges
 * (pfn_nid_map_init()), never from the spans.  pfn_to_nid()
 * (include/mm/page_alloc.h) reads one byte per granule; a granule shared
 * by several nodes falls back to a binary search of the node ranges
 * (__pfn_to_nid_mixed()).
 */
#include <kernel/log2.h>
#include <mm/memblock.h>

#include "mm_init_internal.h"

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
void __init pfn_nid_map_init(void)
{
	unsigned long start[MAX_NUMNODES], end[MAX_NUMNODES];
	unsigned long lo = ~0UL, hi = 0, pos, s, e, present = 0, slots = 1;
	unsigned long cap, len, last = ~0UL, mixed = 0, nodes = 0, *table;
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
	table = memblock_alloc(len * sizeof(*table), SMP_CACHE_BYTES);
	if (!table)
		panic("Failed to allocate the %lu-entry pfn->page table", len);
	section_mem_map_init(table);
	if (nodes > 1)
		pr_info("mm: pfn->node map: %lu granules of %lu pages, %lu "
			"shared by nodes, %lu node ranges\n",
			len, 1UL << pfn_nid_shift, mixed, pfn_nid_nr_ranges);
}
