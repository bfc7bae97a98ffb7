// SPDX-License-Identifier: MIT
/**
 * DOC: zonelists and NUMA distances
 *
 * Every node has two zonelists: ZONELIST_FALLBACK lists the populated
 * zones of all nodes, nearest node first (node_distance(), ties by node
 * id), and within a node from the highest zone down; ZONELIST_NOFALLBACK
 * (used for __GFP_THISNODE) has the node's own zones only.  An allocation
 * walks its list skipping zones above gfp_zone(), so it falls back to lower
 * zones and then to other nodes, never to a higher zone.
 *
 * Distances default to 10 (local) and 20 (remote); the arch may set them
 * from a devicetree distance-map with numa_set_distance().
 */
#include "page_alloc_internal.h"

/* ---- NUMA distances ---- */
static u8 numa_distance_table[MAX_NUMNODES][MAX_NUMNODES];

/**
 * numa_set_distance - record the distance between two nodes
 * @from: source node
 * @to: destination node
 * @distance: as in a devicetree distance-map (local is 10); 0 resets
 *
 * Call before free_area_init(), or call build_all_zonelists() after.
 */
void numa_set_distance(int from, int to, int distance)
{
	if (from < 0 || to < 0 || from >= MAX_NUMNODES || to >= MAX_NUMNODES ||
	    distance < 0 || distance > 255) {
		pr_warn("numa: invalid distance %d->%d = %d ignored\n", from,
			to, distance);
		return;
	}
	numa_distance_table[from][to] = (u8)distance;
}

/**
 * node_distance - distance between two nodes (10 local, 20 remote default)
 * @from: source node
 * @to: destination node
 */
int node_distance(int from, int to)
{
	int d = numa_distance_table[from][to];

	if (d)
		return d;
	return from == to ? LOCAL_DISTANCE : REMOTE_DISTANCE;
}

/* ---- zonelists ---- */

struct zone *first_online_pgdat_zone(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid])
			return node_data[nid]->node_zones;
	return NULL;
}

struct zone *next_zone(struct zone *zone)
{
	pg_data_t *pgdat = zone->zone_pgdat;

	if (zone < pgdat->node_zones + MAX_NR_ZONES - 1)
		return zone + 1;
	for (int nid = pgdat->node_id + 1; nid < MAX_NUMNODES; nid++)
		if (node_data[nid])
			return node_data[nid]->node_zones;
	return NULL;
}

/* Append @pgdat's populated zones, highest first. */
static int build_zonerefs_node(pg_data_t *pgdat, struct zoneref *zrefs)
{
	int n = 0;

	for (int zt = MAX_NR_ZONES - 1; zt >= 0; zt--) {
		struct zone *zone = &pgdat->node_zones[zt];

		if (populated_zone(zone)) {
			zrefs[n].zone = zone;
			zrefs[n].zone_idx = zt;
			n++;
		}
	}
	return n;
}

static void build_zonelists(pg_data_t *pgdat)
{
	int local = pgdat->node_id, order[MAX_NUMNODES], nr = 0, n = 0;
	struct zoneref *zrefs;

	/* nodes by distance from @local, ties by id; @local first */
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid])
			order[nr++] = nid;
	for (int i = 1; i < nr; i++) {
		int x = order[i], j = i;

		while (j > 0) {
			int y = order[j - 1];
			int dx = x == local ? -1 : node_distance(local, x);
			int dy = y == local ? -1 : node_distance(local, y);

			if (dy < dx || (dy == dx && y < x))
				break;
			order[j] = y;
			j--;
		}
		order[j] = x;
	}
	zrefs = pgdat->node_zonelists[ZONELIST_FALLBACK]._zonerefs;
	for (int i = 0; i < nr; i++)
		n += build_zonerefs_node(NODE_DATA(order[i]), zrefs + n);
	zrefs[n].zone = NULL;
	zrefs[n].zone_idx = 0;

	zrefs = pgdat->node_zonelists[ZONELIST_NOFALLBACK]._zonerefs;
	n = build_zonerefs_node(pgdat, zrefs);
	zrefs[n].zone = NULL;
	zrefs[n].zone_idx = 0;
}

/**
 * build_all_zonelists - (re)build every node's fallback order
 *
 * Called by free_area_init(); call again after changing NUMA distances.
 */
void build_all_zonelists(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid])
			build_zonelists(node_data[nid]);
	zone_table_init();
	pcp_fast_reset(); /* the first zone of a class may have changed */
}
