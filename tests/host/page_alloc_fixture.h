/* SPDX-License-Identifier: MIT */
/*
 * Shared set-up for the page allocator host tests: describe simulated RAM
 * to memblock (ranges with node ids, reserved ranges), run the boot
 * sequence (free_area_init + memblock_free_all) and check invariants.
 */
#ifndef _TESTS_PAGE_ALLOC_FIXTURE_H
#define _TESTS_PAGE_ALLOC_FIXTURE_H

#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/memblock.h>
#include <mm/page_alloc.h>
#include <mm/shrinker.h>

#include "host.h"
#include "tap.h"

#define SZ_1M (1ULL << 20)
#define SZ_1G (1ULL << 30)

struct pa_range {
	phys_addr_t base, size;
	int nid;
};

struct pa_layout {
	const struct pa_range *mem;
	int nr_mem;
	const struct pa_range *res;
	int nr_res;
	phys_addr_t zone_limit[MAX_NR_ZONES]; /* bytes; end of each zone */
	const char *movablecore;	      /* NULL: none */
};

/* A range array as a struct pa_layout initialiser's list and count. */
#define PA_MEM(m) .mem = (m), .nr_mem = (int)ARRAY_SIZE(m)
#define PA_RES(r) .res = (r), .nr_res = (int)ARRAY_SIZE(r)

/*
 * The deferred struct page init machine: two nodes of 48 MiB, node 1 at
 * @node1 (above 4 GiB), 1 MiB reserved at 2 MiB and 20 MiB into node 1
 * (in its deferred part); DMA below 16 MiB, DMA32 below 4 GiB.
 */
static inline const struct pa_layout *pa_deferred_layout(phys_addr_t node1)
{
	static struct pa_range mem[2], res[2];
	static struct pa_layout l = {PA_MEM(mem), PA_RES(res)};

	mem[0] = (struct pa_range){0, 48 * SZ_1M, 0};
	mem[1] = (struct pa_range){node1, 48 * SZ_1M, 1};
	res[0] = (struct pa_range){2 * SZ_1M, SZ_1M, 0};
	res[1] = (struct pa_range){node1 + 20 * SZ_1M, SZ_1M, 1};
	l.zone_limit[ZONE_DMA] = 16 * SZ_1M;
	l.zone_limit[ZONE_DMA32] = 4 * SZ_1G;
	l.zone_limit[ZONE_NORMAL] = node1 + 48 * SZ_1M;
	return &l;
}

/* The gfp mixes the randomized tests draw from: every zone modifier,
 * each migratetype, node binding, atomic, compound and zeroing. */
#define PA_MODEL_GFPS                                                     \
	GFP_KERNEL, GFP_KERNEL | __GFP_RECLAIMABLE, GFP_HIGHUSER_MOVABLE, \
		GFP_DMA, GFP_DMA32, GFP_ATOMIC, GFP_NOWAIT,               \
		GFP_KERNEL | __GFP_THISNODE, __GFP_MOVABLE | __GFP_DMA32, \
		GFP_KERNEL | __GFP_COMP, GFP_HIGHUSER_MOVABLE | __GFP_ZERO

/* Pages memblock considers free (what the handoff must release). */
static inline unsigned long pa_memblock_free_pages(void)
{
	phys_addr_t s, e;
	unsigned long n = 0;
	u64 i;

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e, NULL)
		if (PFN_UP(s) < PFN_DOWN(e))
			n += PFN_DOWN(e) - PFN_UP(s);
	return n;
}

/* Describe @l to memblock and run free_area_init(): the boot up to the
 * handoff. */
static inline void pa_boot_init(const struct pa_layout *l)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = {0};
	phys_addr_t top = 0;

	memblock_remove(0, PHYS_ADDR_MAX >> 1);
	memblock_free(0, PHYS_ADDR_MAX >> 1);
	for (int i = 0; i < l->nr_mem; i++)
		top = max(top, l->mem[i].base + l->mem[i].size);
	host_sim_mem(0, top);
	for (int i = 0; i < l->nr_mem; i++)
		memblock_add_node(l->mem[i].base, l->mem[i].size, l->mem[i].nid,
				  MEMBLOCK_NONE);
	for (int i = 0; i < l->nr_res; i++)
		memblock_reserve(l->res[i].base, l->res[i].size);
	for (int i = 0; i < MAX_NR_ZONES; i++)
		max_zone_pfn[i] = PHYS_PFN(l->zone_limit[i]);
	cmdline_parse_movablecore(l->movablecore ? l->movablecore : "0");
	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		set_cpu_numa_node(cpu, 0);
	host_current_cpu = 0;
	free_area_init(max_zone_pfn);
}

/* Boot @l through memblock_free_all(); returns memblock's free page count
 * before the handoff through *free_before (if not NULL). */
static inline unsigned long pa_boot(const struct pa_layout *l,
				    unsigned long *free_before)
{
	pa_boot_init(l);
	if (free_before)
		*free_before = pa_memblock_free_pages();
	return memblock_free_all();
}

/* Boot @l with the pcp lists off: every free goes straight to the buddy
 * lists, so a test sees the blocks it frees merge at once. */
static inline void pa_boot_nopcp(const struct pa_layout *l)
{
	pa_boot(l, NULL);
	page_alloc_set_pcp_enabled(false);
}

static inline unsigned long pa_pcp_pages(void)
{
	struct zone *zone;
	unsigned long n = 0;

	for_each_populated_zone(zone)
		n += zone_page_state_snapshot(zone, NR_FREE_PCP);
	return n;
}

/* Free pages anywhere: buddy lists plus pcp lists. */
static inline unsigned long pa_total_free(void)
{
	return nr_free_pages() + pa_pcp_pages();
}

/* Is the free block @p of order @o on @zone's lists sound?  NULL if so. */
static inline const char *pa_check_free_block(struct zone *zone, struct page *p,
					      unsigned int o)
{
	static char why[160];
	unsigned long pfn = page_to_pfn(p);
	unsigned long bpfn = pfn ^ (1UL << o);
	struct page *b = p + ((long)bpfn - (long)pfn);

	if (!PageBuddy(p) || p->private != o) {
		snprintf(why, sizeof(why),
			 "pfn %#lx on order %u list, buddy=%d order=%u", pfn, o,
			 PageBuddy(p), p->private);
		return why;
	}
	if (pfn & ((1UL << o) - 1)) {
		snprintf(why, sizeof(why), "pfn %#lx misaligned for order %u",
			 pfn, o);
		return why;
	}
	if (!zone_spans_pfn(zone, pfn) ||
	    !zone_spans_pfn(zone, pfn + (1UL << o) - 1) ||
	    page_zone(p) != zone) {
		snprintf(why, sizeof(why), "pfn %#lx order %u outside zone %s",
			 pfn, o, zone->name);
		return why;
	}
	if (o < MAX_ORDER - 1 && PageBuddy(b) && b->private == o &&
	    page_zone_id(b) == page_zone_id(p) && !zone->nr_isolate_pageblock) {
		snprintf(why, sizeof(why),
			 "unmerged buddies %#lx/%#lx order %u", pfn, bpfn, o);
		return why;
	}
	return NULL;
}

/* @zone's free lists: sound blocks, nr_free and NR_FREE_PAGES exact. */
static inline const char *pa_check_free_lists(struct zone *zone)
{
	static char why[160];
	unsigned long free = 0;
	const char *bad;

	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long n = 0;

		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *p;

			list_for_each_entry(
				p, &zone->free_area[o].free_list[mt], lru) {
				n++;
				bad = pa_check_free_block(zone, p, o);
				if (bad)
					return bad;
				if (mt != MIGRATE_ISOLATE)
					free += 1UL << o;
			}
		}
		if (n != zone->free_area[o].nr_free) {
			snprintf(why, sizeof(why),
				 "zone %s order %u nr_free %lu, lists %lu",
				 zone->name, o, zone->free_area[o].nr_free, n);
			return why;
		}
	}
	if (free != zone_page_state(zone, NR_FREE_PAGES)) {
		snprintf(why, sizeof(why),
			 "zone %s NR_FREE_PAGES %lu, lists %lu", zone->name,
			 zone_page_state(zone, NR_FREE_PAGES), free);
		return why;
	}
	return NULL;
}

/* @zone's pcp lists: pcp pages of this zone, counts exact. */
static inline const char *pa_check_pcp_lists(struct zone *zone)
{
	static char why[160];
	unsigned long pcp = 0;

	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		struct per_cpu_pages *s = &zone->pageset[cpu];
		int c = 0;

		for (int i = 0; i < NR_PCP_LISTS; i++) {
			struct page *p;

			list_for_each_entry(p, &s->lists[i], lru) {
				if (!PagePcp(p) || page_zone(p) != zone) {
					snprintf(why, sizeof(why),
						 "bad pcp page in %s",
						 zone->name);
					return why;
				}
				c += 1 << (i / MIGRATE_PCPTYPES);
			}
		}
		if (c != s->count) {
			snprintf(why, sizeof(why),
				 "zone %s cpu %d pcp count %d, lists %d",
				 zone->name, cpu, s->count, c);
			return why;
		}
		pcp += (unsigned long)c;
	}
	if (pcp != zone_page_state_snapshot(zone, NR_FREE_PCP)) {
		snprintf(why, sizeof(why), "zone %s NR_FREE_PCP mismatch",
			 zone->name);
		return why;
	}
	return NULL;
}

/*
 * Full consistency check of every zone: the free lists hold aligned
 * PageBuddy blocks in the right zone, no two free buddies are left
 * unmerged, nr_free and NR_FREE_PAGES match the lists, pcp counts match.
 * Returns 0 or a short description of the first problem.
 */
static inline const char *pa_check_zones(void)
{
	struct zone *zone;
	const char *why;

	for_each_populated_zone(zone) {
		why = pa_check_free_lists(zone);
		if (!why)
			why = pa_check_pcp_lists(zone);
		if (why)
			return why;
	}
	return NULL;
}

/* Every block on a buddy free list: its @zone, order @o, type @mt, head @p. */
#define pa_for_each_free_block(zone, o, mt, p)                               \
	for_each_populated_zone(zone)                                        \
		for (unsigned int o = 0; o < MAX_ORDER; o++)                 \
			for (int mt = 0; mt < MIGRATE_TYPES; mt++)           \
				list_for_each_entry(                         \
					p,                                   \
					&(zone)->free_area[o].free_list[mt], \
					lru)

/* ---- ownership: one bit per pfn the test holds (the models' truth) ---- */

static inline bool pa_owned(const u8 *owned, unsigned long pfn)
{
	return (owned[pfn >> 3] >> (pfn & 7)) & 1;
}

static inline void pa_own_flip(u8 *owned, unsigned long pfn, unsigned long nr)
{
	for (unsigned long i = 0; i < nr; i++)
		owned[(pfn + i) >> 3] ^= (u8)(1u << ((pfn + i) & 7));
}

/* Any owned page in [@pfn, @pfn + @nr)?  Whole bytes at a time. */
static inline bool pa_owned_any(const u8 *owned, unsigned long pfn,
				unsigned long nr)
{
	for (; nr && (pfn & 7); pfn++, nr--)
		if (pa_owned(owned, pfn))
			return true;
	for (; nr >= 8; pfn += 8, nr -= 8)
		if (owned[pfn >> 3])
			return true;
	for (; nr; pfn++, nr--)
		if (pa_owned(owned, pfn))
			return true;
	return false;
}

/*
 * Call @fn for every free block: each buddy list of each order and
 * migratetype (@cpu -1), then each CPU's pcp lists (order 0).  Stops at,
 * and returns, the first non-NULL value @fn returns.
 */
typedef const char *(*pa_free_fn)(struct zone *zone, unsigned long pfn,
				  unsigned int order, int cpu, void *arg);

static inline const char *pa_for_each_free(pa_free_fn fn, void *arg)
{
	struct zone *zone;
	struct page *p;
	const char *why;

	for_each_populated_zone(zone) {
		for (unsigned int o = 0; o < MAX_ORDER; o++)
			for (int mt = 0; mt < MIGRATE_TYPES; mt++)
				list_for_each_entry(
					p, &zone->free_area[o].free_list[mt],
					lru) {
					why = fn(zone, page_to_pfn(p), o, -1,
						 arg);
					if (why)
						return why;
				}
		for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
			for (int i = 0; i < NR_PCP_LISTS; i++)
				list_for_each_entry(
					p, &zone->pageset[cpu].lists[i], lru) {
					why = fn(zone, page_to_pfn(p),
						 (unsigned int)i /
							 MIGRATE_PCPTYPES,
						 cpu, arg);
					if (why)
						return why;
				}
	}
	return NULL;
}

static inline const char *pa_free_vs_owned_one(struct zone *zone,
					       unsigned long pfn,
					       unsigned int order, int cpu,
					       void *owned)
{
	static char why[96];

	(void)zone;
	if (!pa_owned_any(owned, pfn, 1UL << order))
		return NULL;
	if (cpu < 0)
		snprintf(why, sizeof(why),
			 "free order-%u block %#lx overlaps a live page", order,
			 pfn);
	else
		snprintf(why, sizeof(why), "pcp page %#lx (cpu %d) is live",
			 pfn, cpu);
	return why;
}

/*
 * No free block, on a buddy list or a pcp list, may hold a page the test
 * owns.  Returns NULL or a short description of the first such block.
 */
static inline const char *pa_check_free_vs_owned(const u8 *owned)
{
	return pa_for_each_free(pa_free_vs_owned_one, (void *)owned);
}

#endif
