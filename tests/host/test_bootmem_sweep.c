// SPDX-License-Identifier: MIT
/*
 * The bootmem handoff sweeps, part of the bootmem test program
 * (test_bootmem.c): node starts at every pfn mod BITS_PER_LONG and many
 * sizes, with reservations, deferred struct pages and random allocations,
 * each checked page by page against memblock's free ranges.
 */
#include <stdio.h>
#include <string.h>

#include <mm/bootmem.h>
#include <mm/bootmem_bitmap.h>
#include <mm/memblock.h>

#include "test_bootmem.h"

/* ---- sweeps: node starts at every pfn mod BITS_PER_LONG, many sizes ---- */
/*
 * Each case lays out one or two nodes, reserves some ranges, records which
 * whole pages memblock has free, then runs the backend (bootmem_init,
 * optionally allocations and frees, free_all_bootmem) and checks that
 * exactly those pages, each exactly once, were handed over.
 */
#define SWEEP_BASE_PFN 0x100UL /* pfn 0x100 + 1 is the case of issue 16 */
#define SWEEP_SPAN 8192UL      /* pfns tracked from SWEEP_BASE_PFN */

enum { PG_RES, PG_FREE, PG_USED };
static unsigned char sweep_state[SWEEP_SPAN];
static unsigned char sweep_handed[SWEEP_SPAN];
static unsigned int sweep_rng;
/* The first pfn whose struct page is deferred, ~0UL for none. */
static unsigned long sweep_deferred = ~0UL;

static unsigned long rnd(unsigned long n)
{
	sweep_rng = sweep_rng * 1103515245u + 12345u;
	return (sweep_rng >> 8) % n;
}

struct sweep_case {
	unsigned long start[2], pages[2]; /* node 1 absent if pages[1] == 0 */
	int nres;			  /* random reservations */
	bool page_res;			  /* page-aligned reservations */
};

static void sweep_setup(const struct sweep_case *c)
{
	phys_addr_t s, e;
	u64 i;

	reset_state();
	for (int n = 0; n < 2; n++)
		if (c->pages[n])
			memblock_add_node(PFN_PHYS(c->start[n]),
					  PFN_PHYS(c->pages[n]), n,
					  MEMBLOCK_NONE);
	for (int r = 0; r < c->nres; r++) {
		int n = c->pages[1] >= 32 ? (int)rnd(2) : 0;
		phys_addr_t base = PFN_PHYS(c->start[n]) +
				   rnd(PFN_PHYS(c->pages[n]) - PAGE_SIZE);
		phys_addr_t size = 1 + rnd(2 * PAGE_SIZE);

		if (c->page_res) {
			base = PFN_PHYS(PFN_DOWN(base));
			size = PFN_PHYS(PFN_UP(size));
		}
		memblock_reserve(base, size);
	}
	memblock_allow_resize();

	memset(sweep_state, PG_RES, sizeof(sweep_state));
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e, NULL)
		for (unsigned long pfn = PFN_UP(s); pfn < PFN_DOWN(e); pfn++)
			sweep_state[pfn - SWEEP_BASE_PFN] = PG_FREE;

	bootmem_init_from_memblock();
	memset(sweep_handed, 0, sizeof(sweep_handed));
	track_handoff(sweep_handed, SWEEP_BASE_PFN, SWEEP_SPAN);
}

/* free_all_bootmem() and the page-by-page comparison; NULL if equal. */
static const char *sweep_check(const struct sweep_case *c)
{
	static char why[200];
	unsigned long n = free_all_bootmem(), want = 0;

#if IS_ENABLED(CONFIG_BOOTMEM_BITMAP)
	if (sweep_deferred != ~0UL) {
		/* nothing from the first deferred pfn on yet, then the rest */
		for (unsigned long pfn = max(sweep_deferred, SWEEP_BASE_PFN);
		     pfn < SWEEP_BASE_PFN + SWEEP_SPAN; pfn++) {
			if (!sweep_handed[pfn - SWEEP_BASE_PFN])
				continue;
			snprintf(
				why, sizeof(why),
				"nodes %#lx+%lu %#lx+%lu: pfn %#lx handed before deferred init (from %#lx)",
				c->start[0], c->pages[0], c->start[1],
				c->pages[1], pfn, sweep_deferred);
			return why;
		}
		n += free_all_bootmem_deferred();
	}
#endif

	for (unsigned long i = 0; i < SWEEP_SPAN; i++) {
		unsigned int exp = sweep_state[i] == PG_FREE;

		want += exp;
		if (sweep_handed[i] != exp) {
			snprintf(
				why, sizeof(why),
				"nodes %#lx+%lu %#lx+%lu: pfn %#lx handed %u times, want %u",
				c->start[0], c->pages[0], c->start[1],
				c->pages[1], i + SWEEP_BASE_PFN,
				sweep_handed[i], exp);
			return why;
		}
	}
	if (handed_outside || handed_unaligned || n != want) {
		snprintf(
			why, sizeof(why),
			"nodes %#lx+%lu %#lx+%lu: %lu outside, %lu misaligned blocks, returned %lu of %lu",
			c->start[0], c->pages[0], c->start[1], c->pages[1],
			handed_outside, handed_unaligned, n, want);
		return why;
	}
	return NULL;
}

static const unsigned long sweep_sizes[] = {
	1, 2, 3, 31, 63, 64, 65, 100, 127, 128, 129, 191, 200, 257, 1000,
};

/* Run @c for every node-0 start pfn mod BITS_PER_LONG (and one more) and
 * every size; node 1, if any, follows at @gap pages with start offset
 * @off1.  @deferred: struct pages from the middle of node 0 on are
 * deferred.  Returns the number of failing cases. */
static unsigned long sweep(const char *name, int nres, bool page_res, long gap,
			   unsigned long off1, bool deferred,
			   const char *(*ops)(const struct sweep_case *c))
{
	unsigned long cases = 0, bad = 0;
	const char *first = NULL, *why;

	for (unsigned long s = 0; s <= BITS_PER_LONG; s++) {
		for (size_t z = 0; z < ARRAY_SIZE(sweep_sizes); z++) {
			struct sweep_case c = {
				.start = {SWEEP_BASE_PFN + s},
				.pages = {sweep_sizes[z]},
				.page_res = page_res,
			};

			if (gap >= 0) {
				c.start[1] =
					ALIGN(c.start[0] + c.pages[0] + gap,
					      BITS_PER_LONG) +
					(off1 + s) % BITS_PER_LONG;
				if (!gap)
					c.start[1] = c.start[0] + c.pages[0];
				c.pages[1] =
					sweep_sizes[(z + s) %
						    ARRAY_SIZE(sweep_sizes)];
			}
			/* room for the bitmaps and the reservations */
			c.nres = c.pages[0] >= 32 ? nres : 0;
			sweep_rng = (unsigned int)(s * 131 + z);
			sweep_setup(&c);
			sweep_deferred =
				deferred ? c.start[0] + c.pages[0] / 2 + s
					 : ~0UL;
			defer_struct_pages(sweep_deferred);
			why = ops ? ops(&c) : NULL;
			if (!why)
				why = sweep_check(&c);
			cases++;
			if (why) {
				bad++;
				if (!first) {
					first = why;
					tap_diag("  %s: %s", name, why);
				}
			}
		}
	}
	ok(!bad,
	   "%s: %lu of %lu layouts hand over exactly memblock's free pages",
	   name, cases - bad, cases);
	return bad;
}

/*
 * Random allocations (any node or one, goals, alignments from 8 bytes to
 * 64 pages) and frees of whole blocks before the handoff.  Every block
 * must be aligned, lie in pages memblock had free and overlap no live
 * block; the handoff must then give exactly the pages no block touches.
 * A page a freed block only partly covered stays reserved on the bitmap
 * backend (it frees whole pages, like Linux's bootmem); memblock frees
 * the bytes, so there it is free once no live block touches it.
 */
struct live_block {
	phys_addr_t a;
	unsigned long size;
};

/* Free live block @k and mark the pages it gave back free. */
static void random_free(struct live_block *live, int *nlive, int k)
{
	phys_addr_t a = live[k].a;
	unsigned long size = live[k].size;

	live[k] = live[--*nlive];
	free_bootmem(a, size);
#if IS_ENABLED(CONFIG_BOOTMEM_BITMAP)
	/* the bitmap frees whole pages only */
	for (unsigned long pfn = PFN_UP(a); pfn < PFN_DOWN(a + size); pfn++)
		sweep_state[pfn - SWEEP_BASE_PFN] = PG_FREE;
#else
	/* memblock frees the bytes: a page no live block touches is free
	 * again */
	for (unsigned long pfn = PFN_DOWN(a); pfn < PFN_UP(a + size); pfn++) {
		bool used = false;

		for (int i = 0; i < *nlive; i++)
			used |= PFN_DOWN(live[i].a) <= pfn &&
				pfn < PFN_UP(live[i].a + live[i].size);
		if (!used)
			sweep_state[pfn - SWEEP_BASE_PFN] = PG_FREE;
	}
#endif
}

/*
 * Is the block [@a, @a + @size) of allocation @op aligned, in pages
 * memblock had free and clear of the @nlive live blocks?  NULL if so.
 */
static const char *check_block(int op, phys_addr_t a, unsigned long size,
			       unsigned long align,
			       const struct live_block *live, int nlive)
{
	static char why[200];

	if (!IS_ALIGNED(a, align ? align : SMP_CACHE_BYTES) ||
	    PFN_DOWN(a) < SWEEP_BASE_PFN ||
	    PFN_UP(a + size) > SWEEP_BASE_PFN + SWEEP_SPAN) {
		snprintf(why, sizeof(why),
			 "op %d: %lu bytes align %#lx at %#llx", op, size,
			 align, (unsigned long long)a);
		return why;
	}
	for (unsigned long pfn = PFN_DOWN(a); pfn < PFN_UP(a + size); pfn++) {
		if (sweep_state[pfn - SWEEP_BASE_PFN] != PG_RES)
			continue;
		snprintf(why, sizeof(why),
			 "op %d: %lu bytes at %#llx in reserved pfn %#lx", op,
			 size, (unsigned long long)a, pfn);
		return why;
	}
	for (int i = 0; i < nlive; i++) {
		if (a >= live[i].a + live[i].size || live[i].a >= a + size)
			continue;
		snprintf(why, sizeof(why),
			 "op %d: %lu bytes at %#llx overlap %lu at %#llx", op,
			 size, (unsigned long long)a, live[i].size,
			 (unsigned long long)live[i].a);
		return why;
	}
	return NULL;
}

static const char *random_allocs(const struct sweep_case *c)
{
	static const unsigned long aligns[] = {
		0,
		8,
		64,
		256,
		PAGE_SIZE,
		2 * PAGE_SIZE,
		16 * PAGE_SIZE,
		64 * PAGE_SIZE,
	};
	struct live_block live[32];
	int nlive = 0, nodes = c->pages[1] ? 2 : 1;

	for (int op = 0; op < 48; op++) {
		unsigned long size, align, goal = 0;
		int nid, k = nlive ? (int)rnd((unsigned long)nlive) : 0;
		const char *why;
		phys_addr_t a;
		void *p;

		if (nlive && (nlive == 32 || !rnd(4))) {
			random_free(live, &nlive, k);
			continue;
		}
		size = 1 + rnd(3 * PAGE_SIZE);
		align = aligns[rnd(ARRAY_SIZE(aligns))];
		nid = (int)rnd((unsigned long)nodes + 1) - 1;
		if (rnd(3)) {
			int n = (int)rnd((unsigned long)nodes);

			goal = PFN_PHYS(c->start[n]) +
			       rnd(PFN_PHYS(c->pages[n]));
		}
		p = nid < 0 ? __alloc_bootmem_nopanic(size, align, goal)
			    : __alloc_bootmem_node_nopanic(nid, size, align,
							   goal);
		if (!p)
			continue;
		a = __pa(p);
		why = check_block(op, a, size, align, live, nlive);
		if (why)
			return why;
		for (unsigned long pfn = PFN_DOWN(a); pfn < PFN_UP(a + size);
		     pfn++)
			sweep_state[pfn - SWEEP_BASE_PFN] = PG_USED;
		live[nlive].a = a;
		live[nlive++].size = size;
	}
	return NULL;
}

void test_handoff_sweep(void)
{
	sweep("sweep: one node", 0, false, -1, 0, false, NULL);
	sweep("sweep: one node, reservations", 3, false, -1, 0, false, NULL);
	sweep("sweep: two adjacent nodes", 3, false, 0, 0, false, NULL);
	sweep("sweep: two nodes, hole between", 3, false, 5, 17, false, NULL);
#if IS_ENABLED(CONFIG_BOOTMEM_BITMAP)
	sweep("bitmap sweep: deferred struct pages", 3, false, 5, 17, true,
	      NULL);
#endif
	sweep("sweep: allocations and frees, one node", 3, true, -1, 0, false,
	      random_allocs);
	sweep("sweep: allocations and frees, two nodes", 3, true, 5, 17, false,
	      random_allocs);
	track_handoff(NULL, 0, 0);
}
