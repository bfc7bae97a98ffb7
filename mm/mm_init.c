// SPDX-License-Identifier: MIT
/**
 * DOC: sizing nodes and zones, and the mem_map
 *
 * free_area_init() runs once memblock knows every memory range and its
 * node.  From the arch's zone limits (max_zone_pfn[]: the first pfn above
 * each zone) and memblock's ranges it derives, per node, the span of every
 * zone, its present pages (span minus holes), and the movablecore= split of
 * the highest zone into ZONE_MOVABLE (zone_movable.c).  Each node gets a
 * flat mem_map (one struct page per pfn, aligned to MAX_ORDER_NR_PAGES so
 * every buddy has a struct page), written by memmap_init.c, and a
 * pageblock bitmap per zone with every pageblock MIGRATE_MOVABLE.  Node
 * spans may overlap (interleaved nodes), so a pfn's node comes from
 * pfn_nid_map (pfn_nid_map.c), never from the spans; a node's mem_map has
 * reserved struct pages for the other nodes' pfns inside its span.
 *
 * The free memory then goes to the buddy allocator through the bootmem
 * backend (memblock_handoff.c for the memblock one).
 */
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/log2.h>
#include <kernel/string.h>
#include <mm/memblock.h>

#include "mm_init_internal.h"

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

unsigned long arch_zone_lowest_possible_pfn[MAX_NR_ZONES];
unsigned long arch_zone_highest_possible_pfn[MAX_NR_ZONES];
unsigned long required_movablecore; /* pages */
unsigned long required_movablecore_percent;

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

void get_pfn_range_for_nid(int nid, unsigned long *start, unsigned long *end)
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
unsigned long present_pages_in_range(int nid, unsigned long start,
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

static void zone_range_in_node(int nid, int zt, unsigned long node_start,
			       unsigned long node_end, unsigned long *zs,
			       unsigned long *ze)
{
	*zs = clamp(node_start, arch_zone_lowest_possible_pfn[zt],
		    arch_zone_highest_possible_pfn[zt]);
	*ze = clamp(node_end, arch_zone_lowest_possible_pfn[zt],
		    arch_zone_highest_possible_pfn[zt]);
	zone_movable_clip(nid, zt, node_end, zs, ze);
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
	spin_lock_init(&zone->lock);
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			INIT_LIST_HEAD(&zone->free_area[o].free_list[mt]);
		zone->free_area[o].nr_free = 0;
	}
	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		for (int i = 0; i < NR_PCP_LISTS; i++)
			INIT_LIST_HEAD(&zone->pageset[cpu].lists[i]);
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
	section_mem_map_set_node(pgdat);

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

		if (zone_is_movable(i)) {
			arch_zone_lowest_possible_pfn[i] = 0;
			arch_zone_highest_possible_pfn[i] = 0;
			continue;
		}
		arch_zone_lowest_possible_pfn[i] = start_pfn;
		arch_zone_highest_possible_pfn[i] = end;
		start_pfn = end;
	}

	pr_info("Zone ranges:\n");
	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (zone_is_movable(i))
			continue;
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
		if (zone_movable_start(nid))
			pr_info("  Node %d: 0x%016llx\n", nid,
				(unsigned long long)PFN_PHYS(
					zone_movable_start(nid)));

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
