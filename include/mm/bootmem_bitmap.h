/* SPDX-License-Identifier: MIT */
/*
 * The bitmap bootmem backend's own structures (mm/bootmem/bitmap/,
 * CONFIG_BOOTMEM_BITMAP): one bootmem_data_t per node and the classic
 * set-up calls.  Callers of the bootmem API need only <mm/bootmem.h>; this
 * is for the backend itself and the tests that look inside it.
 */
#ifndef _MM_BOOTMEM_BITMAP_H
#define _MM_BOOTMEM_BITMAP_H

#include <kernel/list.h>
#include <kernel/types.h>
#include <mm/numa.h>

/**
 * struct bootmem_data - one node's bitmap allocator (bootmem_data_t)
 * @node_min_pfn: first pfn covered
 * @node_low_pfn: pfn just past the last one covered
 * @node_bootmem_map: one bit per page, set = reserved
 * @last_end_off: byte offset (from the node start) where the last
 *	allocation ended; a following small allocation shares that page
 * @hint_idx: bit index where the next search starts
 * @deferred_pfn: first pfn free_all_bootmem() left to deferred struct page
 *	init (@node_low_pfn if none)
 * @deferred_map: the map, kept out of use from free_all_bootmem() until
 *	free_all_bootmem_deferred() (NULL otherwise)
 * @list: entry in the list of nodes, sorted by @node_min_pfn
 */
typedef struct bootmem_data {
	unsigned long node_min_pfn;
	unsigned long node_low_pfn;
	void *node_bootmem_map;
	unsigned long last_end_off;
	unsigned long hint_idx;
	unsigned long deferred_pfn;
	void *deferred_map;
	struct list_head list;
} bootmem_data_t;

extern bootmem_data_t bootmem_node_data[MAX_NUMNODES];

unsigned long bootmem_bootmap_pages(unsigned long pages);
unsigned long init_bootmem_node(int nid, unsigned long freepfn,
				unsigned long startpfn, unsigned long endpfn);
unsigned long init_bootmem(unsigned long start, unsigned long pages);
unsigned long free_all_bootmem_deferred(void);

#endif /* _MM_BOOTMEM_BITMAP_H */
