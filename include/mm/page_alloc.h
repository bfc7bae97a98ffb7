/* SPDX-License-Identifier: MIT */
/*
 * The zoned buddy page allocator: public API (Linux's names and meanings).
 *
 *   struct page *p = alloc_pages(GFP_KERNEL, 2);    4 pages, refcount 1
 *   void *va = page_address(p);
 *   __free_pages(p, 2);                             refcount 0 -> freed
 *
 * Allocated pages have _refcount 1; __free_pages() drops one reference and
 * frees when it reaches 0.  A page must come back with PG_slab,
 * PG_large_kmalloc and PG_reserved clear: the free-time checks report such a
 * page as "BUG: Bad page state" and leak it instead of corrupting the lists.
 *
 * Boot: the arch calls free_area_init(max_zone_pfn) once memblock describes
 * memory, then mm_init calls memblock_free_all() to hand free memory over.
 */
#ifndef _MM_PAGE_ALLOC_H
#define _MM_PAGE_ALLOC_H

#include <kernel/types.h>
#include <mm/gfp.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>

/* ---- zone and node ids in the top bits of page->flags ---- */
#define ZONES_SHIFT 2
#define ZONES_PGSHIFT (BITS_PER_LONG - ZONES_SHIFT)
#define NODES_PGSHIFT (ZONES_PGSHIFT - NODES_SHIFT)
#define ZONES_MASK ((1UL << ZONES_SHIFT) - 1)
#define NODES_MASK ((1UL << NODES_SHIFT) - 1)
/* zone and node together: equal ids <=> same zone */
#define ZONEID_PGSHIFT NODES_PGSHIFT
#define ZONEID_MASK ((1UL << (ZONES_SHIFT + NODES_SHIFT)) - 1)

_Static_assert(MAX_NR_ZONES <= (1 << ZONES_SHIFT), "too many zones");
_Static_assert(PG_MT_SHIFT + 2 <= NODES_PGSHIFT, "page flags overlap ids");

static inline int page_zonenum(const struct page *page)
{
	return (int)((page_flags_read(page) >> ZONES_PGSHIFT) & ZONES_MASK);
}

static inline int page_to_nid(const struct page *page)
{
	return (int)((page_flags_read(page) >> NODES_PGSHIFT) & NODES_MASK);
}

static inline unsigned long page_zone_id(const struct page *page)
{
	return (page_flags_read(page) >> ZONEID_PGSHIFT) & ZONEID_MASK;
}

static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(page_to_nid(page))->node_zones[page_zonenum(page)];
}

static inline void set_page_zone(struct page *page, int zone)
{
	page->flags &= ~(ZONES_MASK << ZONES_PGSHIFT);
	page->flags |= ((unsigned long)zone & ZONES_MASK) << ZONES_PGSHIFT;
}

static inline void set_page_node(struct page *page, int node)
{
	page->flags &= ~(NODES_MASK << NODES_PGSHIFT);
	page->flags |= ((unsigned long)node & NODES_MASK) << NODES_PGSHIFT;
}

/* ---- pfn <-> struct page: each node has a flat mem_map ---- */

/*
 * A pfn's node comes from memblock's memory ranges, not from node spans:
 * spans may interleave (node 0 at [A, B) and [C, D), node 1 in [B, C)),
 * so a pfn can lie in several.  free_area_init() fills pfn_nid_map with one
 * byte per granule of 2^pfn_nid_shift pfns: the node owning every pfn of
 * the granule, PFN_NID_NONE when no node's span reaches it, or
 * PFN_NID_MIXED when its pfns differ (a node boundary inside it).  Those
 * few granules are answered exactly by __pfn_to_nid_mixed().  A hole (no
 * memory) inside node spans belongs to the lowest such node, whose mem_map
 * has a PG_reserved struct page for it.  docs/mm.md has the details.
 */
#define PFN_NID_MIXED 0xfe
#define PFN_NID_NONE 0xff
_Static_assert(MAX_NUMNODES < PFN_NID_MIXED, "node ids must fit below MIXED");

extern const u8 *pfn_nid_map;
extern unsigned long pfn_nid_map_first; /* granule of pfn_nid_map[0] */
extern unsigned long pfn_nid_map_len;	/* granules; 0 before boot */
extern unsigned int pfn_nid_shift;
int __pfn_to_nid_mixed(unsigned long pfn);

/* Node of @pfn (see above), or NUMA_NO_NODE outside every node's span. */
static inline int pfn_to_nid(unsigned long pfn)
{
	unsigned long g = (pfn >> pfn_nid_shift) - pfn_nid_map_first;
	unsigned int v;

	if (unlikely(g >= pfn_nid_map_len))
		return NUMA_NO_NODE;
	v = pfn_nid_map[g];
	if (likely(v < MAX_NUMNODES))
		return (int)v;
	return v == PFN_NID_MIXED ? __pfn_to_nid_mixed(pfn) : NUMA_NO_NODE;
}

/* True when @pfn has a struct page (RAM, hole or reserved inside a node). */
static inline bool pfn_valid(unsigned long pfn)
{
	return pfn_to_nid(pfn) != NUMA_NO_NODE;
}

/*
 * pfn -> struct page in one load: section_mem_map has a word per granule
 * of pfn_nid_map (the same geometry; a granule is this table's "section").
 * The word is the owner's mem_map biased by its first pfn, so that adding
 * pfn * sizeof(struct page) gives the struct page, as Linux's SPARSEMEM
 * section_mem_map; or, in its low bits, SECTION_NONE (no node's span
 * reaches the granule) or SECTION_MIXED (several owners, or a node whose
 * mem_map is not allocated yet), both answered by __pfn_to_page_slow().
 * section_mem_map_base is the address of word 0 minus pfn_nid_map_first
 * words, so the word of granule nr (pfn >> pfn_nid_shift) is one load with
 * no subtraction.  mm/mem_section.c fills it; docs/mm.md, "pfn <-> page".
 */
#define SECTION_MIXED 1UL
#define SECTION_NONE 2UL
#define SECTION_FLAGS (SECTION_MIXED | SECTION_NONE)
_Static_assert(sizeof(struct page) % (SECTION_FLAGS + 1) == 0,
	       "section_mem_map's flag bits are clear in a biased mem_map");

extern unsigned long *section_mem_map;	   /* pfn_nid_map_len words */
extern unsigned long section_mem_map_base; /* see above: an integer */
struct page *__pfn_to_page_slow(unsigned long pfn);

/* The page of @pfn, which lies in granule @nr; unchecked. */
static inline struct page *section_nr_page(unsigned long nr, unsigned long pfn)
{
	unsigned long map =
		*(const unsigned long *)(section_mem_map_base +
					 nr * sizeof(unsigned long));

	if (unlikely(map & SECTION_FLAGS))
		return __pfn_to_page_slow(pfn);
	return (struct page *)(map + pfn * sizeof(struct page));
}

/* section_nr_page(), or NULL when @pfn is not pfn_valid(). */
static inline struct page *section_nr_online_page(unsigned long nr,
						  unsigned long pfn)
{
	if (unlikely(nr - pfn_nid_map_first >= pfn_nid_map_len))
		return NULL;
	return section_nr_page(nr, pfn);
}

/* The struct page of a valid @pfn (pfn_valid()); like Linux, unchecked. */
static inline struct page *pfn_to_page(unsigned long pfn)
{
	return section_nr_page(pfn >> pfn_nid_shift, pfn);
}

/*
 * pfn_to_page(), or NULL when !pfn_valid(@pfn) (all memory is online):
 * for pfns that may come from anywhere.
 */
static inline struct page *pfn_to_online_page(unsigned long pfn)
{
	return section_nr_online_page(pfn >> pfn_nid_shift, pfn);
}

/* The struct page of physical address @pa (valid): one shift to its granule. */
static inline struct page *phys_to_page(phys_addr_t pa)
{
	return section_nr_page(pa >> (PAGE_SHIFT + pfn_nid_shift),
			       PHYS_PFN(pa));
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	const pg_data_t *pgdat = NODE_DATA(page_to_nid(page));

	return pgdat->node_mem_map_pfn +
	       (unsigned long)(page - pgdat->node_mem_map);
}

static inline void *page_address(const struct page *page)
{
	return __va(PFN_PHYS(page_to_pfn(page)));
}

#define virt_to_page(addr) phys_to_page(__pa(addr))
#define virt_addr_valid(addr) pfn_valid(PHYS_PFN(__pa(addr)))

/* ---- gfp -> zone, migratetype, zonelist ---- */

/**
 * gfp_zone - highest zone an allocation with @flags may use
 * @flags: gfp flags; only the zone modifiers matter
 *
 * Zones that are not configured fall back to ZONE_NORMAL.
 */
static inline enum zone_type gfp_zone(gfp_t flags)
{
#ifdef CONFIG_ZONE_DMA
	if (flags & __GFP_DMA)
		return ZONE_DMA;
#endif
#ifdef CONFIG_ZONE_DMA32
	if (flags & __GFP_DMA32)
		return ZONE_DMA32;
#endif
#ifdef CONFIG_ZONE_MOVABLE
	if ((flags & (__GFP_MOVABLE | __GFP_DMA | __GFP_DMA32)) ==
	    __GFP_MOVABLE)
		return ZONE_MOVABLE;
#endif
	return ZONE_NORMAL;
}

/* The migratetype @flags ask for when grouping by mobility is on. */
static inline int __gfp_migratetype(gfp_t flags)
{
	if (flags & __GFP_MOVABLE)
		return MIGRATE_MOVABLE;
	if (flags & __GFP_RECLAIMABLE)
		return MIGRATE_RECLAIMABLE;
	return MIGRATE_UNMOVABLE;
}

static inline int gfp_migratetype(gfp_t flags)
{
	if (unlikely(page_group_by_mobility_disabled))
		return MIGRATE_UNMOVABLE;
	return __gfp_migratetype(flags);
}

static inline struct zonelist *node_zonelist(int nid, gfp_t flags)
{
	return &NODE_DATA(nid)->node_zonelists[(flags & __GFP_THISNODE)
						       ? ZONELIST_NOFALLBACK
						       : ZONELIST_FALLBACK];
}

/* CPU -> node map (default: node 0 or the first node with memory). */
int numa_node_id(void);
void set_cpu_numa_node(int cpu, int node);
int cpu_to_node(int cpu);

/* ---- allocation ---- */
struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid,
			   nodemask_t *nodemask);
#define __alloc_pages_nodemask __alloc_pages

static inline struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	/* no node given: this CPU's, found by __alloc_pages() */
	return __alloc_pages(gfp, order, NUMA_NO_NODE, NULL);
}

struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order);
#define alloc_page(gfp) alloc_pages(gfp, 0)

unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
#define __get_free_page(gfp) __get_free_pages((gfp), 0)
unsigned long get_zeroed_page(gfp_t gfp);
void *alloc_pages_exact(size_t size, gfp_t gfp);
void free_pages_exact(void *virt, size_t size);

/* ---- bulk: many order-0 pages in one call (mm/page_bulk.c) ---- */
unsigned long __alloc_pages_bulk(gfp_t gfp, int preferred_nid,
				 nodemask_t *nodemask, int nr_pages,
				 struct list_head *page_list,
				 struct page **page_array);

/* Fill the NULL slots of @page_array: the number of pages it then holds. */
static inline unsigned long alloc_pages_bulk_array(gfp_t gfp,
						   unsigned long nr_pages,
						   struct page **page_array)
{
	return __alloc_pages_bulk(gfp, NUMA_NO_NODE, NULL, (int)nr_pages, NULL,
				  page_array);
}

/* Append up to @nr_pages pages to @list: the number added. */
static inline unsigned long
alloc_pages_bulk_list(gfp_t gfp, unsigned long nr_pages, struct list_head *list)
{
	return __alloc_pages_bulk(gfp, NUMA_NO_NODE, NULL, (int)nr_pages, list,
				  NULL);
}

/* Linux 6.15's name for the array form. */
#define alloc_pages_bulk(gfp, nr_pages, page_array) \
	alloc_pages_bulk_array(gfp, nr_pages, page_array)

void release_pages(struct page **pages, int nr);

/* ---- freeing ---- */
void __free_pages(struct page *page, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
#define __free_page(page) __free_pages((page), 0)
#define free_page(addr) free_pages((addr), 0)
void split_page(struct page *page, unsigned int order);

/* ---- per-cpu lists ---- */
void drain_local_pages(struct zone *zone);
void drain_all_pages(struct zone *zone);
/* Runtime switch (benchmarks): order-0 pages bypass the pcp lists. */
void page_alloc_set_pcp_enabled(bool on);

/* ---- isolation (pageblocks that must not be allocated from) ---- */
int set_migratetype_isolate(struct page *page);
void unset_migratetype_isolate(struct page *page, int migratetype);

/* ---- accounting ---- */
extern unsigned long _totalram_pages;
static inline unsigned long totalram_pages(void)
{
	return _totalram_pages;
}
static inline void totalram_pages_add(long count)
{
	_totalram_pages += (unsigned long)count;
}

struct sysinfo {
	unsigned long totalram; /* managed pages */
	unsigned long freeram;	/* free pages in the buddy */
	unsigned long sharedram, bufferram, totalhigh, freehigh;
	unsigned int mem_unit; /* bytes per unit above (PAGE_SIZE) */
};

unsigned long nr_free_pages(void);
/* Free pages parked on the per-cpu lists (not in nr_free_pages()). */
unsigned long nr_free_pcp_pages(void);
void si_meminfo(struct sysinfo *val);
void adjust_managed_page_count(struct page *page, long count);

/* ---- watermarks ---- */
extern int min_free_kbytes;
extern int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES];
extern int watermark_scale_factor;
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags);
void setup_per_zone_wmarks(void);
int cmdline_parse_min_free_kbytes(const char *arg);
int cmdline_parse_movablecore(const char *arg);

/* alloc_flags for zone_watermark_ok() and friends */
#define ALLOC_WMARK_MIN WMARK_MIN
#define ALLOC_WMARK_LOW WMARK_LOW
#define ALLOC_WMARK_HIGH WMARK_HIGH
#define ALLOC_NO_WATERMARKS 0x04 /* ignore watermarks (__GFP_MEMALLOC) */
#define ALLOC_WMARK_MASK (ALLOC_NO_WATERMARKS - 1)
#define ALLOC_HARDER 0x10 /* GFP_ATOMIC: a further quarter of min */
#define ALLOC_HIGH 0x20	  /* __GFP_HIGH: half of min */

/* ---- boot: sizing, mem_map, handoff from memblock ---- */
void free_area_init(unsigned long *max_zone_pfn);
void build_all_zonelists(void);
unsigned long memblock_free_all(void);
void memblock_free_pages(struct page *page, unsigned long pfn,
			 unsigned int order);
void __free_pages_core(struct page *page, unsigned int order);
void reset_all_zones_managed_pages(void);
/* First pfn of node @nid whose struct page deferred struct page init has
 * not written yet (~0UL if none): a boot handoff stops there. */
unsigned long memmap_deferred_pfn(int nid);
void init_per_zone_wmark_min(void);
unsigned long free_reserved_area(void *start, void *end, int poison,
				 const char *s);
void free_reserved_page(struct page *page);

/* Kernel image section sizes in bytes, for the "Memory:" boot line. */
struct mem_sections {
	unsigned long text, rodata, data, init, bss;
};
void mem_init_set_sections(const struct mem_sections *secs);
void mem_init_print_info(void);

#ifdef CONFIG_DEFERRED_STRUCT_PAGE_INIT
void deferred_init_memmap_all(void);
#endif

/* ---- debugging and statistics (mm/page_debug.c) ---- */
extern unsigned long nr_bad_pages;
extern unsigned long nr_poison_corruptions;
extern bool page_poisoning_enabled;
#define PAGE_POISON 0xaa

enum vm_event_item {
	PGALLOC,	  /* pages allocated */
	PGFREE,		  /* pages freed */
	PGALLOC_FAIL,	  /* failed allocations */
	NUMA_HIT,	  /* allocated on the preferred node */
	NUMA_MISS,	  /* allocated here although another was preferred */
	NUMA_FOREIGN,	  /* preferred here, allocated elsewhere */
	NUMA_LOCAL,	  /* on the node of the allocating CPU */
	NUMA_OTHER,	  /* on another node than the CPU's */
	ALLOCSTALL,	  /* slow path entered reclaim */
	SLABS_SCANNED,	  /* objects asked of shrinkers */
	PGSTEAL_BLOCK,	  /* pageblocks changed migratetype by fallback */
	PGALLOC_FALLBACK, /* allocations served from another migratetype */
	PCP_DRAIN,	  /* pcp drains (drain_*_pages) */
	NR_VM_EVENT_ITEMS
};
extern const char *const vm_event_names[NR_VM_EVENT_ITEMS];
/*
 * Each CPU counts its events in its own cache line(s): only that CPU
 * writes it (a relaxed load and store, so a sum from another CPU reads a
 * value, never a torn one); sum_vm_event() adds up the CPUs.
 */
struct vm_event_state {
	unsigned long event[NR_VM_EVENT_ITEMS];
} ____cacheline_aligned_in_smp;
extern struct vm_event_state vm_event_states[CONFIG_NR_CPUS];

static inline void __count_vm_events(enum vm_event_item item,
				     unsigned long delta)
{
	if (IS_ENABLED(CONFIG_VM_EVENT_COUNTERS)) {
		unsigned long *c =
			&vm_event_states[smp_processor_id()].event[item];

		__atomic_store_n(c,
				 __atomic_load_n(c, __ATOMIC_RELAXED) + delta,
				 __ATOMIC_RELAXED);
	}
}

static inline void count_vm_event(enum vm_event_item item)
{
	__count_vm_events(item, 1);
}

unsigned long sum_vm_event(enum vm_event_item item);
void all_vm_events(unsigned long *ret);

void show_free_areas(void);
void dump_buddyinfo(void);
void dump_zoneinfo(void);
void dump_pagetypeinfo(void);
void dump_vm_events(void);

#endif /* _MM_PAGE_ALLOC_H */
