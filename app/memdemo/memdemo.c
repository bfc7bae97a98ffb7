// SPDX-License-Identifier: MIT
/*
 * memdemo: the default application.  Shows what the kernel knows about
 * memory (zones, buddy free lists, slab caches), then exercises each
 * allocator and checks that everything it took comes back.  Exits 0 when
 * every check holds, 1 otherwise.
 */
#include <stdio.h>
#include <string.h>

#include <mm/gfp.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

static int failures;

static void check(int cond, const char *what)
{
	printf("  [%s] %s\n", cond ? " ok " : "FAIL", what);
	if (!cond)
		failures++;
}

struct demo_obj {
	unsigned long id;
	char payload[120];
};

static int ctor_calls;

static void demo_ctor(void *p)
{
	ctor_calls++;
	memset(p, 0, sizeof(struct demo_obj));
}

/*
 * Every free page: the buddy lists' and those parked on the per-cpu
 * lists.  An order-0 allocation may refill a pcp list from the buddy
 * (batch pages at a time, per migratetype) and the free puts the page on
 * that list, so nr_free_pages() alone drops by up to a batch across an
 * alloc/free pair that gave everything back.
 */
static unsigned long free_pages_all(void)
{
	return nr_free_pages() + nr_free_pcp_pages();
}

/*
 * Could the buddy allocator serve an order-@order GFP_KERNEL request now:
 * a zone GFP_KERNEL may use with a free block that large or larger, and
 * enough free pages above its min watermark?  Small machines have no
 * 1 MiB block to give (x86 at 3 MiB, riscv at 5 MiB): there a failure is
 * the right answer, not a defect.
 */
static int buddy_could_serve(unsigned int order)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		unsigned long free = zone_page_state(zone, NR_FREE_PAGES);

#ifdef CONFIG_ZONE_MOVABLE
		if (zone == &zone->zone_pgdat->node_zones[ZONE_MOVABLE])
			continue; /* movable allocations only */
#endif
		if (free < (1UL << order) + min_wmark_pages(zone))
			continue;
		for (unsigned int o = order; o < MAX_ORDER; o++)
			if (zone->free_area[o].nr_free)
				return 1;
	}
	return 0;
}

static void exercise_pages(void)
{
	unsigned long before, after;
	struct page *pages[11];
	unsigned int top = 0;
	int ok = 1;

	/* A failing large order reclaims: shrinking the slab now leaves it
	 * nothing to give back that would change the count under us. */
	slab_shrink_all();
	before = free_pages_all();
	printf("\nPage allocator: one block of each order 0..10\n");
	for (unsigned int order = 0; order < 11; order++) {
		int could = order < MAX_ORDER && buddy_could_serve(order);

		pages[order] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order);
		if (pages[order]) {
			/* Touch the first and last byte of the block. */
			char *p = page_address(pages[order]);

			p[0] = 1;
			p[(PAGE_SIZE << order) - 1] = 2;
			top = order;
		} else if (could) {
			printf("  order %u failed with a free block for it\n",
			       order);
			ok = 0;
		}
	}
	printf("  largest block allocated: order %u (%lu KiB)\n", top,
	       (PAGE_SIZE << top) >> 10);
	check(ok && pages[0],
	      "every order the free lists could serve allocated and writable");
	printf("  free pages (buddy + per-cpu lists): %lu before, %lu while "
	       "holding them\n",
	       before, free_pages_all());
	for (unsigned int order = 0; order < 11; order++)
		if (pages[order])
			__free_pages(pages[order], order);
	after = free_pages_all();
	if (after != before)
		printf("  free pages after: %lu (buddy %lu, per-cpu lists %lu)\n",
		       after, nr_free_pages(), nr_free_pcp_pages());
	check(after == before, "free page count back to its start");

	unsigned long z = get_zeroed_page(GFP_KERNEL);
	int zero = z != 0;

	for (unsigned long i = 0; z && i < PAGE_SIZE; i++)
		zero &= ((char *)z)[i] == 0;
	check(zero, "get_zeroed_page returns a zeroed page");
	if (z)
		free_page(z);

	struct page *dma32 = alloc_pages(GFP_DMA32, 0);

	check(dma32 && page_to_pfn(dma32) < (0x100000000ULL >> PAGE_SHIFT),
	      "GFP_DMA32 page lies below 4 GiB");
	if (dma32)
		__free_pages(dma32, 0);
}

static void exercise_slab(void)
{
	static const size_t sizes[] = {8,    24,   96,	 192,  500,
				       1024, 4000, 8192, 20000};
	void *p[ARRAY_SIZE(sizes)];
	struct demo_obj *objs[64];
	struct kmem_cache *c;
	int ok = 1;

	printf("\nkmalloc: one object per size class, plus a large one\n");
	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		p[i] = kmalloc(sizes[i], GFP_KERNEL);
		if (!p[i] || ksize(p[i]) < sizes[i]) {
			ok = 0;
			continue;
		}
		memset(p[i], (int)i, sizes[i]);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		if (p[i] && ((unsigned char *)p[i])[sizes[i] - 1] != i)
			ok = 0;
		kfree(p[i]);
	}
	check(ok, "kmalloc sizes 8..20000: allocated, filled, verified, freed");

	printf("\nkmem_cache: 64 objects of %zu bytes with a constructor\n",
	       sizeof(struct demo_obj));
	c = kmem_cache_create("memdemo_obj", sizeof(struct demo_obj), 0,
			      SLAB_HWCACHE_ALIGN, demo_ctor);
	check(c != NULL, "kmem_cache_create");
	if (!c)
		return;
	ok = 1;
	for (int i = 0; i < 64; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		if (!objs[i] || ((unsigned long)objs[i] & 63)) {
			ok = 0;
			continue;
		}
		objs[i]->id = (unsigned long)i;
	}
	check(ok, "64 objects, each cache-line aligned");
	check(ctor_calls >= 64, "constructor ran for each new object");
	slabinfo_dump();
	for (int i = 0; i < 64; i++)
		if (objs[i])
			kmem_cache_free(c, objs[i]);
	kmem_cache_destroy(c);
}

int app_main(int argc, char **argv)
{
	unsigned long start_free;
	struct sysinfo si;

	(void)argc;
	(void)argv;
	printf("memdemo: what the kernel knows about memory\n\n");
	si_meminfo(&si);
	printf("RAM: %lu KiB managed, %lu KiB free\n",
	       si.totalram * (PAGE_SIZE >> 10), si.freeram * (PAGE_SIZE >> 10));
	dump_zoneinfo();
	dump_buddyinfo();

	start_free = nr_free_pages();
	exercise_pages();
	exercise_slab();

	slab_shrink_all();
	drain_all_pages(NULL);
	printf("\nAfter shrinking the slab: %lu free pages (%lu at start)\n",
	       nr_free_pages(), start_free);
	dump_buddyinfo();
	printf("\nmemdemo: %s\n", failures ? "FAILED" : "all checks passed");
	return failures ? 1 : 0;
}
