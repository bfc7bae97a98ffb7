// SPDX-License-Identifier: MIT
/*
 * NUMA layouts whose node spans overlap: interleaved nodes (node 0 on both
 * sides of node 1, as on multi-socket and CXL machines), nodes given out
 * of address order, holes owned by one or several spans, node boundaries
 * inside a pageblock, and nodes far apart.  Booted through memblock,
 * free_area_init() and the handoff, then for every pfn: its node (against
 * the layout, computed here independently), pfn_valid(), the pfn <-> page
 * round trip, virt_to_page(), page_zone() and page_to_nid(); every free
 * block must hold pages of its own node only; then every page of each
 * node is allocated with __GFP_THISNODE and freed by address.
 *
 * Built three times: as is, with CONFIG_DEFERRED_STRUCT_PAGE_INIT, and
 * with the bitmap bootmem backend doing the handoff.
 */
#include <stdlib.h>

#include "page_alloc_fixture.h"

#ifdef CONFIG_BOOTMEM_BITMAP
#include <mm/bootmem.h>

#include "no_slab.h"
#endif

#define P(pfn) ((phys_addr_t)(pfn) << PAGE_SHIFT)

struct numa_case {
	const char *name;
	struct pa_layout l;
	/* bitmap backend: reserve_bootmem() of these pfns, across nodes */
	unsigned long bm_res_start, bm_res_end;
};

/* The layout of issue 16: node 0 on both sides of node 1. */
static const struct pa_range issue_mem[] = {
	{0x80000000, 64 * SZ_1M, 0},
	{0x88000000, 128 * SZ_1M, 0},
	{0x84000000, 64 * SZ_1M, 1},
};
static const struct pa_range issue_res[] = {
	{0x80200000, 2 * SZ_1M, 0}, /* "kernel" */
	{0x85000000, 12 * 1024, 1}, /* inside node 1 */
	{0x8fe00000, 64 * 1024, 0}, /* "DTB" */
	{0x87fff000, 8 * 1024, 0},  /* across the node 1 / node 0 border */
};

/*
 * Three nodes, bases on no 64-page or pageblock boundary, given out of
 * order; node 2 starts lowest; nodes meet inside pageblocks; holes inside
 * two or three spans (owned by node 0, the lowest).
 */
static const struct pa_range three_mem[] = {
	{P(0x3011), P(0x3800 - 0x3011), 0}, {P(0x103), P(0x1103 - 0x103), 2},
	{P(0x4b00), P(0x6001 - 0x4b00), 1}, {P(0x1103), P(0x2345 - 0x1103), 0},
	{P(0x2400), P(0x3011 - 0x2400), 1}, {P(0x4000), P(0x4a07 - 0x4000), 2},
	{P(0x6001), P(0x7000 - 0x6001), 0},
};
static const struct pa_range three_res[] = {
	{P(0x1200), P(0x10), 0},
	{P(0x4000), P(1), 2},
	{P(0x2fff), P(0x3013 - 0x2fff), 1}, /* across 1 / 0 */
};

/* Node 0 above everything; the hole 0x4000-0x5000 lies in the spans of
 * nodes 1 and 2 only (so belongs to node 1). */
static const struct pa_range nested_mem[] = {
	{P(0x10000), P(0x2000), 0}, {P(0x1000), P(0x1000), 1},
	{P(0x9000), P(0x1000), 1},  {P(0x3000), P(0x1000), 2},
	{P(0x7000), P(0x1000), 2},  {P(0x5000), P(0x1000), 3},
};

/* Nodes 16 GiB apart: the map's granule grows past a pageblock.  Node 2
 * starts inside a granule whose lower part lies in no node's span. */
static const struct pa_range far_mem[] = {
	{0x80000000, 32 * SZ_1M, 0},
	{16 * SZ_1G + P(0x5), 32 * SZ_1M, 1},
	{0x82000000 + P(0x1e3), 8 * SZ_1M, 2},
};

static const struct numa_case cases[] = {
	{"issue 16 interleave",
	 {issue_mem,
	  3,
	  issue_res,
	  4,
	  {[ZONE_DMA] = 0x81000000,
	   [ZONE_DMA32] = 0x86000000,
	   [ZONE_NORMAL] = 0x90000000},
	  NULL},
	 0x83ff0,
	 0x84010},
	{"three nodes unaligned, unordered",
	 {three_mem,
	  7,
	  three_res,
	  3,
	  {[ZONE_DMA] = P(0x1000),
	   [ZONE_DMA32] = P(0x3000),
	   [ZONE_NORMAL] = P(0x7000)},
	  "16M"},
	 0x10f0,
	 0x1110},
	{"nested spans",
	 {nested_mem,
	  6,
	  NULL,
	  0,
	  {[ZONE_DMA] = P(0x2000),
	   [ZONE_DMA32] = P(0x6000),
	   [ZONE_NORMAL] = P(0x12000)},
	  NULL},
	 0x1ff0,
	 0x2010},
	{"nodes 16 GiB apart",
	 {far_mem,
	  3,
	  NULL,
	  0,
	  {[ZONE_DMA] = 0x81000000,
	   [ZONE_DMA32] = 4 * SZ_1G,
	   [ZONE_NORMAL] = 17 * SZ_1G},
	  NULL},
	 0x821e3,
	 0x821f3},
};

/* ---- the layout's truth, computed without the kernel's tables ---- */

static const struct pa_layout *L;

static int mem_nid(unsigned long pfn)
{
	for (int i = 0; i < L->nr_mem; i++)
		if (PFN_UP(L->mem[i].base) <= pfn &&
		    pfn < PFN_DOWN(L->mem[i].base + L->mem[i].size))
			return L->mem[i].nid;
	return NUMA_NO_NODE;
}

static unsigned long span_start[MAX_NUMNODES], span_end[MAX_NUMNODES];

static void compute_spans(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		span_start[nid] = ~0UL;
		span_end[nid] = 0;
	}
	for (int i = 0; i < L->nr_mem; i++) {
		int nid = L->mem[i].nid;

		span_start[nid] = min(span_start[nid],
				      (unsigned long)PFN_UP(L->mem[i].base));
		span_end[nid] = max(span_end[nid],
				    (unsigned long)PFN_DOWN(L->mem[i].base +
							    L->mem[i].size));
	}
}

/* The node of a pfn: its memory's, else the lowest span's, else none. */
static int want_nid(unsigned long pfn)
{
	int nid = mem_nid(pfn);

	if (nid != NUMA_NO_NODE)
		return nid;
	for (nid = 0; nid < MAX_NUMNODES; nid++)
		if (span_start[nid] <= pfn && pfn < span_end[nid])
			return nid;
	return NUMA_NO_NODE;
}

/* The arch zone by the limits, or ZONE_MOVABLE at and above the movable
 * start of the pfn's node (movablecore=: the top of each node). */
static int want_zone(unsigned long pfn, int nid)
{
	const struct zone *mv = &NODE_DATA(nid)->node_zones[ZONE_MOVABLE];

	if (L->movablecore && mv->spanned_pages && pfn >= mv->zone_start_pfn)
		return ZONE_MOVABLE;
	for (int zt = 0; zt < MAX_NR_ZONES; zt++)
		if (L->zone_limit[zt] && pfn < PHYS_PFN(L->zone_limit[zt]))
			return zt;
	return -1;
}

static unsigned long layout_end(void)
{
	unsigned long top = 0;

	for (int i = 0; i < L->nr_mem; i++)
		top = max(top, (unsigned long)PFN_DOWN(L->mem[i].base +
						       L->mem[i].size));
	return top;
}

/* ---- checks ---- */

/* pfn_to_nid() of every pfn from 0 to past the end (struct pages need
 * not be written yet: the map comes from memblock). */
static void check_nids(const char *name)
{
	unsigned long top = layout_end() + 2 * MAX_ORDER_NR_PAGES, bad = 0;
	unsigned long first = 0;

	for (unsigned long pfn = 0; pfn < top; pfn++) {
		int want = want_nid(pfn);

		if (pfn_to_nid(pfn) == want &&
		    pfn_valid(pfn) == (want != NUMA_NO_NODE))
			continue;
		if (!bad++)
			first = pfn;
	}
	ok(!bad,
	   "%s: pfn_to_nid/pfn_valid of all %lu pfns (%lu wrong, first %#lx: %d, want %d)",
	   name, top, bad, first, pfn_to_nid(first), want_nid(first));
}

/* The struct page of every valid pfn: round trip, node, zone, flags. */
static void check_pages(const char *name)
{
	unsigned long top = layout_end() + 2 * MAX_ORDER_NR_PAGES;
	unsigned long bad = 0, first = 0, mem = 0;
	const char *what = "";

	for (unsigned long pfn = 0; pfn < top; pfn++) {
		int nid = want_nid(pfn), zt;
		bool is_mem = mem_nid(pfn) != NUMA_NO_NODE;
		struct page *page;
		const char *why = NULL;

		if (nid == NUMA_NO_NODE)
			continue;
		zt = want_zone(pfn, nid);
		page = pfn_to_page(pfn);
		mem += is_mem;
		if (page_to_pfn(page) != pfn)
			why = "page_to_pfn(pfn_to_page(pfn)) != pfn";
		else if (page_to_nid(page) != nid)
			why = "page_to_nid";
		else if (virt_to_page(__va(PFN_PHYS(pfn)) + 123) != page ||
			 page_address(page) != __va(PFN_PHYS(pfn)))
			why = "virt_to_page/page_address";
		else if (!is_mem && !PageReserved(page))
			why = "a hole is not PG_reserved";
		else if (is_mem &&
			 (page_zonenum(page) != zt ||
			  page_zone(page) != &NODE_DATA(nid)->node_zones[zt] ||
			  !zone_spans_pfn(page_zone(page), pfn)))
			why = "page_zone";
		if (why && !bad++) {
			first = pfn;
			what = why;
		}
	}
	ok(!bad && mem,
	   "%s: struct page of every pfn (%lu memory pages; %lu wrong, first %#lx: %s)",
	   name, mem, bad, first, what);
}

/*
 * pfn_to_page()'s table (mm/mem_section.c): a granule of one node holds
 * its biased mem_map (the one-load path), a shared granule SECTION_MIXED,
 * a granule of no node SECTION_NONE; pfn_to_online_page() is NULL exactly
 * where !pfn_valid(), far outside the table too, else pfn_to_page().
 */
static void check_section_map(const char *name)
{
	static const unsigned long far[] = {0, ~0UL >> PAGE_SHIFT, 1UL << 40};
	unsigned long top = layout_end() + 2 * MAX_ORDER_NR_PAGES;
	unsigned long bad = 0, first = 0, fast = 0, wrong = 0, pfn;

	for (unsigned long nr = 0; nr < pfn_nid_map_len; nr++) {
		unsigned int v = pfn_nid_map[nr];
		unsigned long w = section_mem_map[nr];
		bool good = v == PFN_NID_NONE	 ? w == SECTION_NONE
			    : v == PFN_NID_MIXED ? w == SECTION_MIXED
						 : !(w & SECTION_FLAGS);

		fast += v < MAX_NUMNODES;
		if (!good && !bad++)
			first = nr;
	}
	ok(!bad && fast,
	   "%s: section_mem_map of %lu granules (%lu one-load; %lu wrong, first %lu)",
	   name, pfn_nid_map_len, fast, bad, first);
	for (pfn = 0; pfn < top; pfn++) {
		struct page *page = pfn_to_online_page(pfn);

		if (want_nid(pfn) == NUMA_NO_NODE ? page != NULL
						  : page != pfn_to_page(pfn))
			if (!wrong++)
				first = pfn;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(far); i++)
		if (pfn_valid(far[i]) || pfn_to_online_page(far[i]))
			if (!wrong++)
				first = far[i];
	ok(!wrong,
	   "%s: pfn_to_online_page() of %lu pfns (%lu wrong, first %#lx)", name,
	   top, wrong, first);
}

/* Every page of every free block is memory of the zone's node, and is
 * the struct page pfn_to_page() gives: no block runs across nodes. */
static void check_free_blocks(const char *name)
{
	unsigned long blocks = 0, bad = 0, first = 0;
	struct zone *zone;
	struct page *p;

	pa_for_each_free_block(zone, o, mt, p)
	{
		unsigned long pfn = page_to_pfn(p);

		blocks++;
		for (unsigned long i = 0; i < (1UL << o); i++) {
			if (mem_nid(pfn + i) == zone->node &&
			    pfn_to_page(pfn + i) == p + i)
				continue;
			if (!bad++)
				first = pfn + i;
		}
	}
	ok(blocks && !bad,
	   "%s: %lu free blocks hold their own node's pages only (first bad pfn %#lx)",
	   name, blocks, first);
}

static const struct numa_case *C;

static bool reserved_pfn(unsigned long pfn)
{
#ifdef CONFIG_BOOTMEM_BITMAP
	if (C->bm_res_start <= pfn && pfn < C->bm_res_end)
		return true;
#endif
	for (int i = 0; i < L->nr_res; i++)
		if (PFN_DOWN(L->res[i].base) <= pfn &&
		    pfn < PFN_UP(L->res[i].base + L->res[i].size))
			return true;
	return false;
}

static unsigned long node_free(int nid)
{
	unsigned long n = 0;

	for (int zt = 0; zt < MAX_NR_ZONES; zt++) {
		struct zone *z = &NODE_DATA(nid)->node_zones[zt];

		n += zone_page_state(z, NR_FREE_PAGES) +
		     zone_page_state_snapshot(z, NR_FREE_PCP);
	}
	return n;
}

static struct page **held;
static u8 *owned;

/* Every page of each node with __GFP_THISNODE (movable: every zone may
 * serve), then all freed by address. */
static void check_alloc_all(const char *name)
{
	unsigned long bad0 = nr_bad_pages, f0 = pa_total_free();
	unsigned long top = layout_end();

	owned = calloc(top / 8 + 1, 1);
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		unsigned long n = 0, want, wrong = 0, first = 0;
		struct page *p;

		if (!NODE_DATA(nid))
			continue;
		want = node_free(nid);
		held = calloc(want + 1, sizeof(*held));
		while (n <= want &&
		       (p = alloc_pages_node(
				nid,
				GFP_HIGHUSER_MOVABLE | __GFP_THISNODE |
					__GFP_NOWARN | __GFP_MEMALLOC,
				0)) != NULL) {
			unsigned long pfn = page_to_pfn(p);

			held[n++] = p;
			if (pfn < top && mem_nid(pfn) == nid &&
			    page_to_nid(p) == nid && !reserved_pfn(pfn) &&
			    !pa_owned(owned, pfn)) {
				pa_own_flip(owned, pfn, 1);
				continue;
			}
			if (!wrong++)
				first = pfn;
		}
		ok(n == want && !wrong,
		   "%s: node %d: %lu of %lu free pages allocated, each the node's own free memory, once (%lu wrong, first %#lx)",
		   name, nid, n, want, wrong, first);
		while (n) {
			p = held[--n];
			pa_own_flip(owned, page_to_pfn(p), 1);
			free_pages((unsigned long)page_address(p), 0);
		}
		free(held);
	}
	free(owned);
	drain_all_pages(NULL);
	ok(nr_bad_pages == bad0, "%s: no Bad page state", name);
	ok_eq(pa_total_free(), f0,
	      "free pages back after the node-by-node run");
	ok(!pa_check_zones(), "%s: zones consistent after", name);
	check_free_blocks(name);
}

static void run_case(const struct numa_case *c)
{
	unsigned long handed, before;

	L = &c->l;
	C = c;
	compute_spans();
	host_log_clear();
#ifdef CONFIG_BOOTMEM_BITMAP
	int warns = host_warn_count;
	unsigned long taken = 0;

	pa_boot_init(&c->l);
	before = pa_memblock_free_pages();
	/* the pages memblock has free now: the layout's and boot's own
	 * reservations (mem_map, pfn->node map, ...) are not counted */
	for (unsigned long pfn = c->bm_res_start; pfn < c->bm_res_end; pfn++)
		taken += mem_nid(pfn) != NUMA_NO_NODE &&
			 !memblock_is_region_reserved(PFN_PHYS(pfn), PAGE_SIZE);
	C = c;
	bootmem_init_from_memblock();
	ok(!reserve_bootmem(PFN_PHYS(c->bm_res_start),
			    PFN_PHYS(c->bm_res_end - c->bm_res_start),
			    BOOTMEM_DEFAULT),
	   "%s: reserve_bootmem across a node boundary", c->name);
	before -= taken;
	handed = free_all_bootmem();
	init_per_zone_wmark_min();
	ok(host_warn_count == warns,
	   "%s: bitmap bootmem set up without a warning", c->name);
	for (unsigned long pfn = c->bm_res_start; pfn < c->bm_res_end; pfn++)
		if (mem_nid(pfn) != NUMA_NO_NODE &&
		    !PageReserved(pfn_to_page(pfn)))
			taken = 0;
	ok(taken, "%s: the pages reserve_bootmem() took stay reserved (%lu)",
	   c->name, taken);
#else
	handed = pa_boot(&c->l, &before);
#endif
	check_nids(c->name);
#ifdef CONFIG_DEFERRED_STRUCT_PAGE_INIT
	deferred_init_memmap_all();
	handed = totalram_pages();
#endif
	ok(handed == before && handed == pa_total_free(),
	   "%s: every free memblock page handed over once (%lu of %lu, %lu free)",
	   c->name, handed, before, pa_total_free());
	check_pages(c->name);
	check_section_map(c->name);
	check_free_blocks(c->name);
	check_alloc_all(c->name);
}

/* Granules holding a node boundary (answered by __pfn_to_nid_mixed()). */
static unsigned long mixed_granules(void)
{
	unsigned long n = 0;

	for (unsigned long g = 0; g < pfn_nid_map_len; g++)
		n += pfn_nid_map[g] == PFN_NID_MIXED;
	return n;
}

int main(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		run_case(&cases[i]);
		/* the map's shape: the slow path and the granule growth ran */
		if (i == 0)
			ok(!mixed_granules(),
			   "64 MiB-aligned nodes share no granule");
		if (i == 1)
			ok(mixed_granules() >= 5,
			   "unaligned node boundaries: %lu shared granules",
			   mixed_granules());
		if (i == 3)
			ok(pfn_nid_shift > pageblock_order,
			   "granule grows for nodes far apart (2^%u pages)",
			   pfn_nid_shift);
	}
	return tap_done();
}
