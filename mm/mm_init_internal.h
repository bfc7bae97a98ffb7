/* SPDX-License-Identifier: MIT */
/*
 * Private to the boot-time setup of nodes, zones and struct pages:
 * mm/mm_init.c (sizing, free_area_init), mm/pfn_nid_map.c, mm/mem_section.c,
 * mm/memmap_init.c, mm/zone_movable.c and mm/memblock_handoff.c.
 */
#ifndef _MM_MM_INIT_INTERNAL_H
#define _MM_MM_INIT_INTERNAL_H

#include "page_alloc_internal.h"

/* mm_init.c: zone limits from the arch, and node sizing from memblock */
extern unsigned long arch_zone_lowest_possible_pfn[MAX_NR_ZONES];
extern unsigned long arch_zone_highest_possible_pfn[MAX_NR_ZONES];
extern unsigned long required_movablecore; /* movablecore=, pages */
extern unsigned long required_movablecore_percent;
void get_pfn_range_for_nid(int nid, unsigned long *start, unsigned long *end);
unsigned long present_pages_in_range(int nid, unsigned long start,
				     unsigned long end);

/* pfn_nid_map.c */
void pfn_nid_map_init(void);

/* mem_section.c: pfn_to_page()'s table, shaped after pfn_nid_map */
void section_mem_map_init(unsigned long *table);
void section_mem_map_set_node(const pg_data_t *pgdat);

/* memmap_init.c */
int zone_for_pfn(const pg_data_t *pgdat, unsigned long pfn);
void memmap_init_pages(pg_data_t *pgdat, unsigned long start, unsigned long end,
		       bool reserved);

/* zone_movable.c, built with CONFIG_ZONE_MOVABLE */
#ifdef CONFIG_ZONE_MOVABLE
extern unsigned long zone_movable_pfn[MAX_NUMNODES];
void find_zone_movable_pfns_for_nodes(void);
void zone_movable_clip(int nid, int zt, unsigned long node_end,
		       unsigned long *zs, unsigned long *ze);
static inline bool zone_is_movable(int zt)
{
	return zt == ZONE_MOVABLE;
}
/* First movable pfn of node @nid, 0 if it has no movable part. */
static inline unsigned long zone_movable_start(int nid)
{
	return zone_movable_pfn[nid];
}
#else
static inline void find_zone_movable_pfns_for_nodes(void)
{
}
static inline void zone_movable_clip(int nid, int zt, unsigned long node_end,
				     unsigned long *zs, unsigned long *ze)
{
	(void)nid;
	(void)zt;
	(void)node_end;
	(void)zs;
	(void)ze;
}
static inline bool zone_is_movable(int zt)
{
	(void)zt;
	return false;
}
static inline unsigned long zone_movable_start(int nid)
{
	(void)nid;
	return 0;
}
#endif

#endif /* _MM_MM_INIT_INTERNAL_H */
