// SPDX-License-Identifier: MIT
/**
 * DOC: sizing ZONE_MOVABLE (CONFIG_ZONE_MOVABLE)
 *
 * movablecore= (parsed in mm_init.c) asks for memory that only movable
 * allocations may use.  free_area_init() carves it from the top of the
 * highest zone with memory, spread over the nodes in proportion to their
 * memory there: find_zone_movable_pfns_for_nodes() picks each node's
 * first movable pfn, zone_movable_clip() cuts the zones at it.
 */
#include <kernel/string.h>

#include "mm_init_internal.h"

unsigned long zone_movable_pfn[MAX_NUMNODES];

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

/*
 * Spread movablecore over the nodes in proportion to their memory above
 * the start of the usable zone; each node's movable part is its top pages.
 */
void find_zone_movable_pfns_for_nodes(void)
{
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
}

/**
 * zone_movable_clip - cut zone @zt of node @nid at its movable part
 * @nid: the node
 * @zt: the zone type
 * @node_end: end pfn of the node
 * @zs: in/out: first pfn of the zone in the node
 * @ze: in/out: end pfn of the zone in the node
 *
 * ZONE_MOVABLE runs from the node's first movable pfn to its end; the
 * zone it is carved from ends there, and zones above it are empty.
 */
void zone_movable_clip(int nid, int zt, unsigned long node_end,
		       unsigned long *zs, unsigned long *ze)
{
	unsigned long mv = zone_movable_pfn[nid];

	if (!mv)
		return;
	if (zt == ZONE_MOVABLE) {
		*zs = mv;
		*ze = node_end;
	} else if (*zs<mv && * ze> mv) {
		*ze = mv;
	} else if (*zs >= mv) {
		*zs = *ze;
	}
}
