// SPDX-License-Identifier: MIT
/*
 * Fuzz target: the zoned buddy allocator (mm/page_*.c, mm/mm_init.c)
 * driven by operation sequences, checked against an ownership model.
 *
 * Every input boots the allocator afresh through the real memblock on a
 * small two-node machine (DMA ending off a max-order boundary, DMA32,
 * Normal with a hole, Movable; a kernel image and a DTB reserved), so an
 * input always replays the same way.  Each 4 input bytes are one
 * operation: allocate (order, gfp flags, node; alloc_pages_node,
 * __get_free_pages or alloc_pages_exact), free a live block, split_page a
 * live block, switch CPU and drain pcp lists, or switch the pcp lists and
 * grouping by mobility off and on.
 *
 * The model is one bit per pfn for "handed out".  After every operation:
 *   - a new block is aligned to its order, inside memory, in a zone the
 *     gfp flags allow, on the node __GFP_THISNODE asked for, in the
 *     allocated state, overlapping nothing live, zeroed for __GFP_ZERO;
 *   - a block being freed still carries the tags written at allocation;
 *   - free pages (buddy + pcp) + live pages == the count after boot;
 *   - no free block, on a buddy or pcp list, overlaps a live page;
 *   - the zone lists and counters are consistent (pa_check_zones());
 *   - an emergency (__GFP_MEMALLOC) allocation that fails leaves no free
 *     block big enough in any zone it may use: it ignores watermarks, so
 *     it may only fail when memory of that order is really gone.
 * At the end of the input everything is freed and the buddy lists must be
 * exactly as after boot, order by order.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "page_alloc_fixture.h"

#define MAX_OPS 64
#define MAX_LIVE 160
#define SZ_4G (4 * SZ_1G)

static const struct pa_range fz_mem[] = {
	{0, 10 * SZ_1M, 0},			   /* DMA to 6M, then DMA32 */
	{12 * SZ_1M, 8 * SZ_1M, 0},		   /* after a hole */
	{24 * SZ_1M, 5 * SZ_1M, 1},		   /* Normal on node 1 ... */
	{30 * SZ_1M + 8192, 10 * SZ_1M - 8192, 1}, /* ... unaligned start */
};
static const struct pa_range fz_res[] = {
	{SZ_1M, SZ_1M + 12288, 0},    /* "kernel image", odd size */
	{18 * SZ_1M + 4096, 8192, 0}, /* "DTB", unaligned */
	{33 * SZ_1M, 3 * 4096, 1},
};
static const struct pa_layout fz_layout = {
	.mem = fz_mem,
	.nr_mem = ARRAY_SIZE(fz_mem),
	.res = fz_res,
	.nr_res = ARRAY_SIZE(fz_res),
	/* DMA ends at 6 MiB, inside a max-order block */
	.zone_limit = {[ZONE_DMA] = 6 * SZ_1M,
		       [ZONE_DMA32] = 24 * SZ_1M,
		       [ZONE_NORMAL] = 40 * SZ_1M},
	.movablecore = "4M",
};
#define FZ_PFNS PHYS_PFN(40 * SZ_1M)

enum kind { BLOCK, PAGES, EXACT };

struct live {
	unsigned long pfn, nr; /* nr: pages (1 << order for blocks) */
	unsigned int order;
	u8 kind;
};

static struct live live[MAX_LIVE];
static int nlive;
static unsigned long live_pages, start_free;
static u8 owned[FZ_PFNS / 8];
static unsigned long boot_nr_free[MAX_NUMNODES][MAX_NR_ZONES][MAX_ORDER];
static bool trace;

static const gfp_t gfps[] = {
	PA_MODEL_GFPS,
	__GFP_MEMALLOC,
	__GFP_MEMALLOC | __GFP_DMA,
	__GFP_MEMALLOC | __GFP_MOVABLE,
	GFP_ATOMIC | __GFP_THISNODE | __GFP_DMA32,
	GFP_KERNEL | __GFP_ZERO,
};

static unsigned long *first_word(unsigned long pfn)
{
	return page_address(pfn_to_page(pfn));
}

static unsigned long *last_word(unsigned long pfn, unsigned long nr)
{
	return (unsigned long *)page_address(pfn_to_page(pfn + nr - 1)) +
	       PAGE_SIZE / sizeof(long) - 1;
}

/* Check a block just handed out and take it into the model. */
static void record(unsigned long pfn, unsigned long nr, unsigned int order,
		   gfp_t gfp, int nid, u8 kind)
{
	struct page *p = pfn_to_page(pfn);

	FUZZ_ASSERT(pfn + nr <= FZ_PFNS && pfn_valid(pfn),
		    "pfn %#lx + %lu beyond memory", pfn, nr);
	FUZZ_ASSERT(kind == EXACT || !(pfn & ((1UL << order) - 1)),
		    "pfn %#lx misaligned for order %u", pfn, order);
	FUZZ_ASSERT(page_zonenum(p) <= (int)gfp_zone(gfp),
		    "pfn %#lx in zone %d above gfp_zone %d (gfp %#x)", pfn,
		    page_zonenum(p), (int)gfp_zone(gfp), gfp);
	FUZZ_ASSERT(!(gfp & __GFP_THISNODE) || page_to_nid(p) == nid,
		    "THISNODE allocation for node %d on node %d", nid,
		    page_to_nid(p));
	for (unsigned long i = 0; i < nr; i++) {
		struct page *q = p + i;

		FUZZ_ASSERT(!pa_owned(owned, pfn + i),
			    "pfn %#lx handed out twice", pfn + i);
		FUZZ_ASSERT(!(q->flags & ((1UL << PG_buddy) | (1UL << PG_pcp) |
					  (1UL << PG_reserved))),
			    "allocated pfn %#lx has flags %#lx", pfn + i,
			    q->flags);
		/* a block's head holds the reference; exact pages each one */
		FUZZ_ASSERT(page_ref_count(q) == (kind == EXACT || !i),
			    "allocated pfn %#lx refcount %d", pfn + i,
			    page_ref_count(q));
	}
	if (gfp & __GFP_ZERO)
		FUZZ_ASSERT(!*first_word(pfn) && !*last_word(pfn, nr),
			    "__GFP_ZERO block %#lx not zeroed", pfn);
	pa_own_flip(owned, pfn, nr);
	*first_word(pfn) = pfn;
	*last_word(pfn, nr) = ~pfn;
	live[nlive++] = (struct live){pfn, nr, order, kind};
	live_pages += nr;
}

static void release(int idx)
{
	struct live l = live[idx];

	FUZZ_ASSERT(*first_word(l.pfn) == l.pfn &&
			    *last_word(l.pfn, l.nr) == ~l.pfn,
		    "tags of live block %#lx (%lu pages) overwritten", l.pfn,
		    l.nr);
	pa_own_flip(owned, l.pfn, l.nr);
	live[idx] = live[--nlive];
	live_pages -= l.nr;
	if (l.kind == EXACT)
		free_pages_exact(page_address(pfn_to_page(l.pfn)),
				 l.nr * PAGE_SIZE);
	else if (l.kind == PAGES)
		free_pages((unsigned long)page_address(pfn_to_page(l.pfn)),
			   l.order);
	else
		__free_pages(pfn_to_page(l.pfn), l.order);
}

/* split_page(): a live order-n block becomes 2^n order-0 pages. */
static void split(int idx)
{
	struct live l = live[idx];

	if (l.kind == EXACT || !l.order || nlive + (int)l.nr > MAX_LIVE)
		return;
	split_page(pfn_to_page(l.pfn), l.order);
	live[idx] = live[--nlive];
	for (unsigned long i = 0; i < l.nr; i++) {
		FUZZ_ASSERT(page_ref_count(pfn_to_page(l.pfn + i)) == 1,
			    "split page %#lx refcount %d", l.pfn + i,
			    page_ref_count(pfn_to_page(l.pfn + i)));
		live[nlive++] = (struct live){l.pfn + i, 1, 0, BLOCK};
		/* every page now carries its own tags */
		*first_word(l.pfn + i) = l.pfn + i;
		*last_word(l.pfn + i, 1) = ~(l.pfn + i);
	}
}

static bool zone_allowed(const struct zone *zone, gfp_t gfp, int nid)
{
	return zone_idx(zone) <= (int)gfp_zone(gfp) &&
	       (!(gfp & __GFP_THISNODE) || zone->node == nid);
}

/* After a failed __GFP_MEMALLOC allocation: nothing of that order left. */
static void check_really_full(gfp_t gfp, unsigned int order, int nid)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		if (!zone_allowed(zone, gfp, nid))
			continue;
		for (unsigned int o = order; o < MAX_ORDER; o++)
			for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
				FUZZ_ASSERT(list_empty(&zone->free_area[o]
								.free_list[mt]),
					    "__GFP_MEMALLOC order %u (gfp %#x) "
					    "failed, but zone %s node %d has a "
					    "free order-%u %s block",
					    order, gfp, zone->name, zone->node,
					    o, migratetype_names[mt]);
	}
}

static void check_all(const char *op)
{
	const char *why = pa_check_zones();

	FUZZ_ASSERT(!why, "after %s: %s", op, why);
	FUZZ_ASSERT(pa_total_free() + live_pages == start_free,
		    "after %s: %lu free + %lu live != %lu at boot", op,
		    pa_total_free(), live_pages, start_free);
	why = pa_check_free_vs_owned(owned);
	FUZZ_ASSERT(!why, "after %s: %s", op, why);
}

static unsigned int pick_order(u8 b)
{
	if (b < 150)
		return 0;
	if (b < 210)
		return 1 + b % 3;
	if (b < 245)
		return 4 + b % 5;
	return MAX_ORDER - 1 - b % 2;
}

static void boot(void)
{
	unsigned long freed, before;

	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		set_cpu_numa_node(cpu, cpu == CONFIG_NR_CPUS - 1);
	freed = pa_boot(&fz_layout, &before);
	FUZZ_ASSERT(freed == before, "boot handed %lu pages, memblock had %lu",
		    freed, before);
	set_cpu_numa_node(CONFIG_NR_CPUS - 1, 1); /* pa_boot put all on 0 */
	start_free = pa_total_free();
	FUZZ_ASSERT(start_free == totalram_pages(),
		    "%lu free after boot, %lu managed", start_free,
		    totalram_pages());
	for (int n = 0; n < MAX_NUMNODES; n++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			for (int o = 0; o < MAX_ORDER; o++)
				boot_nr_free[n][z][o] =
					NODE_DATA(n) ? NODE_DATA(n)
							       ->node_zones[z]
							       .free_area[o]
							       .nr_free
						     : 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* FUZZ_TRACE=1: print each allocation, to read a crash input */
	trace = getenv("FUZZ_TRACE") != NULL;
	host_sim_reuse = true;
	return 0;
}

static void alloc_op(const u8 *d)
{
	gfp_t gfp = gfps[d[2] % ARRAY_SIZE(gfps)] | __GFP_NOWARN;
	unsigned int order = pick_order(d[1]);
	int nid = (int)(d[3] % 3) - 1, want = nid; /* -1: NUMA_NO_NODE */
	struct page *p;

	if (want < 0)
		want = numa_node_id();
	if (trace)
		fprintf(stderr,
			"alloc kind %d order %u gfp %#x nid %d cpu %d\n",
			d[0] % 3, order, gfp, nid, host_current_cpu);
	switch (d[0] % 3) {
	case 0:
		p = alloc_pages_node(nid, gfp, order);
		if (p)
			record(page_to_pfn(p), 1UL << order, order, gfp, want,
			       BLOCK);
		else if (gfp & __GFP_MEMALLOC)
			check_really_full(gfp, order, want);
		if (trace)
			fprintf(stderr,
				"  -> %#lx (%lu free, %lu on pcp lists)\n",
				p ? page_to_pfn(p) : 0, nr_free_pages(),
				pa_pcp_pages());
		break;
	case 1: {
		unsigned long addr;

		gfp &= ~(gfp_t)(__GFP_THISNODE | __GFP_COMP);
		addr = __get_free_pages(gfp, order);
		if (addr)
			record(page_to_pfn(virt_to_page((void *)addr)),
			       1UL << order, order, gfp, want, PAGES);
		break;
	}
	default: {
		/* 1 byte .. 64 pages, any size */
		size_t size = 1 + ((size_t)d[1] << 8 | d[3]) % (64 * PAGE_SIZE);
		void *v;

		gfp &= ~(gfp_t)(__GFP_THISNODE | __GFP_COMP);
		v = alloc_pages_exact(size, gfp);
		if (v)
			record(page_to_pfn(virt_to_page(v)), PFN_UP(size), 0,
			       gfp, want, EXACT);
		break;
	}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"alloc", "alloc", "alloc",
					    "alloc", "free",  "free",
					    "split", "cpu",   "switches"};

	boot();
	memset(owned, 0, sizeof(owned));
	nlive = 0;
	live_pages = 0;

	for (int op = 0; size >= 4 && op < MAX_OPS;
	     op++, data += 4, size -= 4) {
		unsigned int kind = data[0] % ARRAY_SIZE(names);

		switch (kind) {
		case 0 ... 3:
			if (nlive < MAX_LIVE)
				alloc_op(data);
			break;
		case 4:
		case 5:
			if (nlive)
				release(data[1] % nlive);
			break;
		case 6:
			if (nlive)
				split(data[1] % nlive);
			break;
		case 7:
			host_current_cpu = data[1] % CONFIG_NR_CPUS;
			if (data[2] & 1)
				drain_all_pages(NULL);
			if (data[2] & 2)
				drain_local_pages(NULL);
			break;
		case 8:
			if (data[1] & 1)
				page_alloc_set_pcp_enabled(data[1] & 2);
			if (data[1] & 4)
				page_group_by_mobility_disabled = data[1] & 8;
			break;
		}
		check_all(names[kind]);
	}

	/* give everything back: the lists must be as after boot */
	while (nlive)
		release(nlive - 1);
	page_alloc_set_pcp_enabled(true);
	page_group_by_mobility_disabled = false;
	host_current_cpu = 0;
	drain_all_pages(NULL);
	check_all("freeing everything");
	FUZZ_ASSERT(nr_free_pages() == start_free,
		    "%lu pages in the buddy lists at the end, %lu at boot",
		    nr_free_pages(), start_free);
	for (int n = 0; n < MAX_NUMNODES; n++)
		for (int z = 0; z < MAX_NR_ZONES && NODE_DATA(n); z++)
			for (int o = 0; o < MAX_ORDER; o++)
				FUZZ_ASSERT(
					NODE_DATA(n)->node_zones[z]
							.free_area[o]
							.nr_free ==
						boot_nr_free[n][z][o],
					"node %d zone %d order %d: %lu free "
					"blocks at the end, %lu at boot",
					n, z, o,
					NODE_DATA(n)
						->node_zones[z]
						.free_area[o]
						.nr_free,
					boot_nr_free[n][z][o]);
	FUZZ_ASSERT(nr_bad_pages == 0, "%lu bad pages reported", nr_bad_pages);
	return 0;
}
