// SPDX-License-Identifier: MIT
/**
 * DOC: the pfn -> struct page table (section_mem_map)
 *
 * pfn_to_page() (include/mm/page_alloc.h) is one load from
 * section_mem_map, which has a word per granule of pfn_nid_map: the
 * owner's mem_map biased by the mem_map's first pfn, so the word plus
 * pfn * sizeof(struct page) is the struct page.  Each node keeps its flat
 * mem_map; the table only saves the walk pfn -> pfn_nid_map -> node_data
 * -> node_mem_map.  Granules of no node are SECTION_NONE; granules shared
 * by nodes, and those of a node whose mem_map does not exist yet, are
 * SECTION_MIXED and take that walk (__pfn_to_page_slow()).
 *
 * pfn_nid_map_init() gives the table its shape (section_mem_map_init());
 * free_area_init_node() fills a node's granules as soon as its mem_map is
 * allocated (section_mem_map_set_node()).  Nothing here allocates, so host
 * programs with a pfn_nid_map of their own use it as well.
 */
#include <mm/page_alloc.h>

unsigned long *section_mem_map;
unsigned long section_mem_map_base;

/**
 * __pfn_to_page_slow - pfn_to_page() through the node's pg_data_t
 * @pfn: the pfn
 *
 * For granules whose word is SECTION_MIXED or SECTION_NONE.
 * Return: the struct page, or NULL if @pfn is in no node's span.
 */
struct page *__pfn_to_page_slow(unsigned long pfn)
{
	int nid = pfn_to_nid(pfn);
	const pg_data_t *pgdat;

	if (nid == NUMA_NO_NODE)
		return NULL;
	pgdat = NODE_DATA(nid);
	return pgdat->node_mem_map + (pfn - pgdat->node_mem_map_pfn);
}

/**
 * section_mem_map_init - shape the table after pfn_nid_map
 * @table: pfn_nid_map_len words
 *
 * Every granule some node reaches starts out SECTION_MIXED (answered
 * through the node, as before its mem_map exists), the others
 * SECTION_NONE.
 */
void section_mem_map_init(unsigned long *table)
{
	for (unsigned long nr = 0; nr < pfn_nid_map_len; nr++)
		table[nr] = pfn_nid_map[nr] == PFN_NID_NONE ? SECTION_NONE
							    : SECTION_MIXED;
	section_mem_map = table;
	section_mem_map_base =
		(unsigned long)table - pfn_nid_map_first * sizeof(*table);
}

/**
 * section_mem_map_set_node - point @pgdat's granules at its mem_map
 * @pgdat: a node with node_mem_map and node_mem_map_pfn set
 *
 * The granules wholly owned by the node get its biased mem_map (unsigned
 * arithmetic: the bias may wrap).  Shared granules stay SECTION_MIXED.
 */
void section_mem_map_set_node(const pg_data_t *pgdat)
{
	unsigned long map = (unsigned long)pgdat->node_mem_map -
			    pgdat->node_mem_map_pfn * sizeof(struct page);

	for (unsigned long nr = 0; nr < pfn_nid_map_len; nr++)
		if (pfn_nid_map[nr] == pgdat->node_id)
			section_mem_map[nr] = map;
}
