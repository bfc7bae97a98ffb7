// SPDX-License-Identifier: MIT
/*
 * Unit tests of the zoned buddy allocator's core on simulated RAM, booted
 * through the real memblock: zone sizing and boot log, handoff counts,
 * splitting and merging, gfp zone selection, node fallback, watermarks and
 * lowmem reserves, pcp lists and migratetype stealing.  The API around it
 * (bad frees, shrinkers, poisoning, isolation, dumps) is tested by
 * test_page_alloc_api.c.
 */
#include <kernel/errno.h>
#include <kernel/log2.h>

#include "page_alloc_small.h"

/* The boot log of the small machine (pa_boot() just ran). */
static void check_boot_log(void)
{
	ok(host_log_contains("Zone ranges:\n"), "log: Zone ranges");
	ok(host_log_contains(
		   "  DMA      [mem 0x0000000000000000-0x00000000003fffff]"),
	   "log: DMA range");
	ok(host_log_contains(
		   "  DMA32    [mem 0x0000000000400000-0x0000000000ffffff]"),
	   "log: DMA32 range");
	ok(host_log_contains("Movable zone start for each node\n"
			     "  Node 0: 0x0000000001c00000"),
	   "log: movable zone start");
	ok(host_log_contains("Early memory node ranges\n"
			     "  node   0: [mem 0x0000000000000000-"
			     "0x00000000009fffff]"),
	   "log: early node ranges");
	ok(host_log_contains("Initmem setup node 0 [mem 0x0000000000000000-"
			     "0x0000000001ffffff]"),
	   "log: Initmem setup");
	ok(host_log_contains("mm: struct page is 32 bytes"),
	   "log: struct page size");
}

/* Zone sizes, and struct page <-> pfn <-> address, after boot. */
static void check_boot_zones(void)
{
	struct zone *dma = zone_of(0, ZONE_DMA);
	struct zone *dma32 = zone_of(0, ZONE_DMA32);
	struct zone *normal = zone_of(0, ZONE_NORMAL);
	struct zone *movable = zone_of(0, ZONE_MOVABLE);

	ok_eq(dma->spanned_pages, 1024, "DMA spanned");
	ok_eq(dma->present_pages, 1024, "DMA present");
	ok_eq(dma->managed_pages, 1024, "DMA managed");
	ok_eq(dma32->spanned_pages, 3072, "DMA32 spanned");
	ok_eq(dma32->present_pages, 2816, "DMA32 present (hole removed)");
	ok_eq(dma32->managed_pages, 2816 - 256, "DMA32 managed (kernel out)");
	ok_eq(normal->zone_start_pfn, 4096, "Normal start");
	ok_eq(normal->spanned_pages, 3072, "Normal spanned (to movable)");
	ok_eq(movable->zone_start_pfn, 7168, "Movable start");
	ok_eq(movable->spanned_pages, 1024, "Movable spanned");
	ok(dma->managed_pages + dma32->managed_pages + normal->managed_pages +
			   movable->managed_pages ==
		   totalram_pages(),
	   "sum of managed == totalram");
	ok_eq(NODE_DATA(0)->node_present_pages, 8192 - 256, "node present");

	/* struct page <-> pfn <-> address */
	ok(pfn_valid(0) && pfn_valid(8191) && !pfn_valid(8192), "pfn_valid");
	ok_eq(page_to_pfn(pfn_to_page(4321)), 4321, "pfn round trip");
	ok(virt_to_page(__va(PFN_PHYS(777) + 5)) == pfn_to_page(777),
	   "virt_to_page");
	ok(page_address(pfn_to_page(99)) == __va(PFN_PHYS(99)), "page_address");
	ok(page_zone(pfn_to_page(1023)) == dma &&
		   page_zone(pfn_to_page(1024)) == dma32 &&
		   page_zone(pfn_to_page(7168)) == movable,
	   "page_zone from flags");
	ok(PageReserved(pfn_to_page(PHYS_PFN(5 * SZ_1M))) &&
		   PageReserved(pfn_to_page(PHYS_PFN(10 * SZ_1M + 4096))) &&
		   PageReserved(pfn_to_page(PHYS_PFN(20 * SZ_1M))),
	   "reserved ranges and holes are PG_reserved");
	ok(!PageReserved(pfn_to_page(0)) && PageBuddy(pfn_to_page(0)),
	   "free memory is in the buddy");
	ok_eq(dma->free_area[DMA_TOP].nr_free, DMA_NR,
	      "DMA handed over in the largest blocks");
	check_consistent("after boot");
}

/* The "Memory:" line, then free_initmem() giving the "kernel" back. */
static void check_boot_mem_init(void)
{
	struct zone *dma32 = zone_of(0, ZONE_DMA32);
	struct mem_sections secs = {.text = 123 << 10,
				    .rodata = 67 << 10,
				    .data = 45 << 10,
				    .init = 8 << 10,
				    .bss = 90 << 10};

	host_log_clear();
	mem_init_set_sections(&secs);
	mem_init_print_info();
	{
		char want[200];

		snprintf(want, sizeof(want),
			 "Memory: %luK/%luK available (123K kernel code, 45K "
			 "rwdata, 67K rodata, 8K init, 90K bss, %luK reserved)",
			 nr_free_pages() * 4, (8192UL - 256) * 4,
			 (8192UL - 256 - totalram_pages()) * 4);
		ok(host_log_contains(want), "Memory: line");
	}

	/* free_initmem() path: give the "kernel" megabyte back */
	host_log_clear();
	{
		unsigned long tr = totalram_pages(), m = dma32->managed_pages;
		unsigned long f = pa_total_free();
		unsigned long n =
			free_reserved_area(__va(5 * SZ_1M), __va(6 * SZ_1M),
					   0xcc, "unused kernel");

		ok_eq(n, 256, "free_reserved_area pages");
		ok(host_log_contains("Freeing unused kernel memory: 1024K"),
		   "log: Freeing unused kernel memory");
		ok_eq(totalram_pages(), tr + 256, "totalram grows");
		ok_eq(dma32->managed_pages, m + 256, "managed grows");
		ok_eq(pa_total_free(), f + 256, "free grows");
		ok(!PageReserved(pfn_to_page(PHYS_PFN(5 * SZ_1M))),
		   "freed init page no longer reserved");
	}
	drain_all_pages(NULL);
	check_consistent("after free_reserved_area");
}

static void test_boot(void)
{
	unsigned long freed, before;

	host_log_clear();
	freed = pa_boot(&small, &before);
	ok_eq(freed, before, "memblock_free_all frees exactly the free ranges");
	ok_eq(totalram_pages(), freed, "totalram_pages == pages handed over");
	ok_eq(nr_free_pages(), freed, "all handed-over pages are free");
	check_boot_log();
	check_boot_zones();
	check_boot_mem_init();
}

static void test_split_merge(void)
{
	struct zone *dma;
	struct page *p, *q;
	unsigned long f0;

	pa_boot_nopcp(&small);
	dma = zone_of(0, ZONE_DMA);
	f0 = zone_page_state(dma, NR_FREE_PAGES);

	p = alloc_pages(GFP_DMA, 0);
	ok(p && page_to_pfn(p) == 0, "order-0 from a max-order block: pfn 0");
	{
		bool one_each = true;

		for (int o = 0; o < DMA_TOP; o++)
			one_each &= dma->free_area[o].nr_free == 1;
		ok(one_each && dma->free_area[DMA_TOP].nr_free == DMA_NR - 1,
		   "expand left one block of each smaller order");
	}
	ok(page_ref_count(p) == 1 && !PageBuddy(p), "allocated page state");
	ok_eq(zone_page_state(dma, NR_FREE_PAGES), f0 - 1, "free count -1");
	__free_pages(p, 0);
	ok_eq(dma->free_area[DMA_TOP].nr_free, DMA_NR,
	      "freeing merges all the way back");
	ok_eq(zone_page_state(dma, NR_FREE_PAGES), f0, "free count restored");

	/* merge in both orders of freeing */
	p = alloc_pages(GFP_DMA, 0);
	q = alloc_pages(GFP_DMA, 0);
	ok(page_to_pfn(q) == 1, "second page is the buddy");
	__free_pages(q, 0);
	ok(PageBuddy(q) && dma->free_area[0].nr_free == 1,
	   "lone buddy stays order 0");
	__free_pages(p, 0);
	ok_eq(dma->free_area[DMA_TOP].nr_free, DMA_NR, "merged (q then p)");

	/* tail-add heuristic: a block whose larger buddy is free goes last */
	{
		struct page *a[8];
		struct list_head *l;
		bool seq = true;

		for (int i = 0; i < 8; i++) {
			a[i] = alloc_pages(GFP_DMA, 0);
			seq &= page_to_pfn(a[i]) == (unsigned long)i;
		}
		ok(seq, "sequential pfns 0..7");
		l = &dma->free_area[0]
			     .free_list[get_pageblock_migratetype(a[0])];
		__free_pages(a[5], 0); /* 4 busy, 6-7 busy: head */
		__free_pages(a[0], 0);
		__free_pages(a[1], 0); /* 0+1 -> order 1 */
		__free_pages(a[2], 0); /* 3 busy; order-1 buddy 0 free */
		ok(list_last_entry(l, struct page, lru) == a[2],
		   "likely-to-merge block added at the tail");
		ok(list_first_entry(l, struct page, lru) == a[5],
		   "other block stays at the head");
		for (int i = 3; i < 8; i++)
			if (i != 5)
				__free_pages(a[i], 0);
	}
	ok_eq(dma->free_area[DMA_TOP].nr_free, DMA_NR, "all merged again");

	/* higher orders, alignment */
	p = alloc_pages(GFP_DMA, 3);
	ok(p && (page_to_pfn(p) & 7) == 0, "order-3 block aligned");
	__free_pages(p, 3);
	check_consistent("after split/merge");
	page_alloc_set_pcp_enabled(true);
}

static void test_zone_selection(void)
{
	struct page *p;
	int seen[MAX_NR_ZONES] = {0};
	int order_ok = 1;
	unsigned long f0;

	pa_boot(&small, NULL);
	f0 = pa_total_free();
	ok_eq(gfp_zone(GFP_KERNEL), ZONE_NORMAL, "gfp_zone(GFP_KERNEL)");
	ok_eq(gfp_zone(GFP_DMA), ZONE_DMA, "gfp_zone(GFP_DMA)");
	ok_eq(gfp_zone(GFP_DMA32), ZONE_DMA32, "gfp_zone(GFP_DMA32)");
	ok_eq(gfp_zone(GFP_HIGHUSER_MOVABLE), ZONE_MOVABLE,
	      "gfp_zone(GFP_HIGHUSER_MOVABLE)");
	ok_eq(gfp_zone(__GFP_DMA32 | __GFP_MOVABLE), ZONE_DMA32,
	      "gfp_zone(DMA32|MOVABLE)");

	p = alloc_pages(GFP_DMA, 0);
	ok(p && page_zonenum(p) == ZONE_DMA, "GFP_DMA from DMA");
	__free_pages(p, 0);
	p = alloc_pages(GFP_DMA32, 1);
	ok(p && page_zonenum(p) == ZONE_DMA32, "GFP_DMA32 from DMA32");
	__free_pages(p, 1);
	p = alloc_pages(GFP_KERNEL, 0);
	ok(p && page_zonenum(p) == ZONE_NORMAL, "GFP_KERNEL from Normal");
	__free_pages(p, 0);
	p = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	ok(p && page_zonenum(p) == ZONE_MOVABLE, "movable from Movable");
	__free_pages(p, 0);

	/* exhaust: GFP_KERNEL falls back Normal -> DMA32 -> DMA, never up */
	page_alloc_set_pcp_enabled(false);
	while (nheld < MAXP &&
	       (p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)) != NULL) {
		int z = page_zonenum(p);
		struct zone *above = zone_of(0, z + 1);

		held[nheld++] = p;
		/* a lower zone only once the one above is at its low mark */
		if (z < ZONE_NORMAL && !seen[z] &&
		    zone_page_state(above, NR_FREE_PAGES) >
			    low_wmark_pages(above) +
				    (unsigned long)
					    above->lowmem_reserve[ZONE_NORMAL])
			order_ok = 0;
		seen[z]++;
	}
	page_alloc_set_pcp_enabled(true);
	ok(seen[ZONE_NORMAL] && seen[ZONE_DMA32] && seen[ZONE_DMA],
	   "GFP_KERNEL used Normal, DMA32 and DMA");
	ok(!seen[ZONE_MOVABLE], "GFP_KERNEL never used Movable");
	ok(order_ok,
	   "a lower zone is used only below the higher one's low mark");
	p = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	ok(p && page_zonenum(p) == ZONE_MOVABLE,
	   "movable still served when the rest is exhausted");
	if (p)
		__free_pages(p, 0);
	release_held();
	drain_all_pages(NULL);
	ok_eq(pa_total_free(), f0, "everything back");
	check_consistent("after zone selection");
}

/* Three nodes of 8 MiB each, all Normal; node 0 is closer to 2 than to 1. */
static const struct pa_range numa_mem[] = {
	{0, 8 * SZ_1M, 0},
	{8 * SZ_1M, 8 * SZ_1M, 1},
	{16 * SZ_1M, 8 * SZ_1M, 2},
};
static const struct pa_layout numa3 = {
	PA_MEM(numa_mem),
	.zone_limit = {[ZONE_NORMAL] = 24 * SZ_1M},
};

static void test_numa(void)
{
	struct zonelist *zl;
	struct page *p;
	nodemask_t mask;
	unsigned long miss0, f0;
	bool all0 = true;

	numa_set_distance(0, 1, 40);
	numa_set_distance(1, 0, 40);
	numa_set_distance(0, 2, 20);
	numa_set_distance(2, 0, 20);
	numa_set_distance(1, 2, 20);
	numa_set_distance(2, 1, 20);
	pa_boot(&numa3, NULL);
	f0 = pa_total_free();
	ok_eq(node_distance(0, 0), LOCAL_DISTANCE, "local distance default");
	ok_eq(node_distance(0, 1), 40, "distance table");
	zl = &NODE_DATA(0)->node_zonelists[ZONELIST_FALLBACK];
	ok(zl->_zonerefs[0].zone->node == 0 &&
		   zl->_zonerefs[1].zone->node == 2 &&
		   zl->_zonerefs[2].zone->node == 1 && !zl->_zonerefs[3].zone,
	   "node 0 zonelist: 0, 2, 1 (by distance)");
	zl = &NODE_DATA(1)->node_zonelists[ZONELIST_FALLBACK];
	ok(zl->_zonerefs[0].zone->node == 1 && zl->_zonerefs[1].zone->node == 2,
	   "node 1 zonelist: 1, 2, ...");
	zl = &NODE_DATA(0)->node_zonelists[ZONELIST_NOFALLBACK];
	ok(zl->_zonerefs[0].zone->node == 0 && !zl->_zonerefs[1].zone,
	   "THISNODE zonelist has node 0 only");

	while (nheld < MAXP &&
	       (p = alloc_pages_node(0,
				     GFP_KERNEL | __GFP_THISNODE | __GFP_NOWARN,
				     0)) != NULL) {
		held[nheld++] = p;
		all0 &= page_to_nid(p) == 0;
	}
	ok(nheld > 1500 && all0, "__GFP_THISNODE stays on node 0 (%d pages)",
	   nheld);
	miss0 = sum_vm_event(NUMA_MISS);
	p = alloc_pages_node(0, GFP_KERNEL, 0);
	ok(p && page_to_nid(p) == 2, "node 0 full: nearest node 2 serves");
	ok(sum_vm_event(NUMA_MISS) == miss0 + 1, "NUMA_MISS counted");
	if (p)
		__free_pages(p, 0);
	nodes_clear(&mask);
	node_set(1, &mask);
	p = __alloc_pages(GFP_KERNEL, 2, 0, &mask);
	ok(p && page_to_nid(p) == 1, "nodemask {1} honoured");
	if (p)
		__free_pages(p, 2);
	set_cpu_numa_node(1, 2);
	host_current_cpu = 1;
	p = alloc_pages(GFP_KERNEL, 0);
	ok(p && page_to_nid(p) == 2, "CPU 1 on node 2 allocates there");
	if (p)
		__free_pages(p, 0);
	host_current_cpu = 0;
	release_held();
	drain_all_pages(NULL);
	ok_eq(pa_total_free(), f0, "everything back");
	check_consistent("after numa");
	for (int a = 0; a < 3; a++)
		for (int b = 0; b < 3; b++)
			numa_set_distance(a, b, 0);
}

/* Pages of the zones below ZONE_MOVABLE (what min_free_kbytes covers). */
static unsigned long small_lowmem(void)
{
	return zone_of(0, ZONE_DMA)->managed_pages +
	       zone_of(0, ZONE_DMA32)->managed_pages +
	       zone_of(0, ZONE_NORMAL)->managed_pages;
}

/* The marks and lowmem reserves computed at boot. */
static void check_wmark_values(void)
{
	struct zone *dma = zone_of(0, ZONE_DMA);
	struct zone *dma32 = zone_of(0, ZONE_DMA32);
	struct zone *normal = zone_of(0, ZONE_NORMAL);
	struct zone *movable = zone_of(0, ZONE_MOVABLE);
	unsigned long lowmem = small_lowmem(), pmin, m;
	bool ok_marks = true;

	pmin = (unsigned long)CONFIG_MIN_FREE_KBYTES / 4;
	for (int z = ZONE_DMA; z <= ZONE_NORMAL; z++) {
		struct zone *zone = zone_of(0, z);
		unsigned long mn = pmin * zone->managed_pages / lowmem;
		unsigned long d = max(mn / 4, zone->managed_pages * 10 / 10000);

		ok_marks &= min_wmark_pages(zone) == mn &&
			    low_wmark_pages(zone) == mn + d &&
			    high_wmark_pages(zone) == mn + 2 * d;
	}
	ok(ok_marks, "min/low/high split by managed pages");
	m = clamp(movable->managed_pages / 1024, 32UL, 128UL);
	ok_eq(min_wmark_pages(movable), min(m, movable->managed_pages / 4),
	      "Movable gets a small fixed min");
	ok_eq(dma32->lowmem_reserve[ZONE_NORMAL], normal->managed_pages / 256,
	      "DMA32 lowmem_reserve[Normal]");
	ok_eq(dma->lowmem_reserve[ZONE_MOVABLE],
	      (dma32->managed_pages + normal->managed_pages +
	       movable->managed_pages) /
		      256,
	      "DMA lowmem_reserve[Movable]");
	ok_eq(normal->lowmem_reserve[ZONE_MOVABLE], movable->managed_pages / 32,
	      "Normal lowmem_reserve[Movable]");
	ok(zone_watermark_ok(dma, 0, 10, ZONE_DMA, 0) &&
		   !zone_watermark_ok(dma, 0, 2000, ZONE_DMA, 0),
	   "zone_watermark_ok against the count");
	ok(!zone_watermark_ok(dma, MAX_ORDER - 1, 10, ZONE_DMA, 0) ||
		   dma->free_area[MAX_ORDER - 1].nr_free,
	   "zone_watermark_ok needs a block of the order");
}

/* Drive DMA down to min, then through each reserve, to empty. */
static void check_wmark_reserves(void)
{
	struct zone *dma = zone_of(0, ZONE_DMA);
	struct page *p;

	/* drive DMA down to min with plain allocations */
	while (nheld < MAXP &&
	       (p = alloc_pages(GFP_DMA | __GFP_NOWARN, 0)) != NULL)
		held[nheld++] = p;
	ok(zone_page_state(dma, NR_FREE_PAGES) <= min_wmark_pages(dma),
	   "normal allocations stop at min (free %lu, min %lu)",
	   zone_page_state(dma, NR_FREE_PAGES), min_wmark_pages(dma));
	ok(zone_page_state(dma, NR_FREE_PAGES) >= min_wmark_pages(dma) - 1,
	   "... and not earlier");
	host_log_clear();
	p = alloc_pages(GFP_DMA, 0);
	ok(!p, "normal allocation fails at min");
	ok(host_log_contains("page allocation failure: order:0") &&
		   host_log_contains("Node 0 DMA free:"),
	   "failure warns with zone state");
	host_log_clear();
	p = alloc_pages(GFP_DMA | __GFP_NOWARN, 0);
	ok(!p && !host_log_contains("page allocation failure"),
	   "__GFP_NOWARN: no report");
	p = alloc_pages(GFP_DMA | __GFP_HIGH | __GFP_NOWARN, 0);
	ok(p != NULL, "__GFP_HIGH dips below min");
	if (p)
		held[nheld++] = p;
	p = alloc_pages(GFP_DMA | GFP_ATOMIC | __GFP_NOWARN, 0);
	ok(p != NULL, "GFP_ATOMIC dips below min");
	if (p)
		held[nheld++] = p;
	while (nheld < MAXP &&
	       (p = alloc_pages(GFP_DMA | GFP_ATOMIC | __GFP_NOWARN, 0)))
		held[nheld++] = p;
	ok(zone_page_state(dma, NR_FREE_PAGES) > 0,
	   "atomic reserve exhausted with pages left (%lu)",
	   zone_page_state(dma, NR_FREE_PAGES));
	p = alloc_pages(GFP_DMA | __GFP_MEMALLOC | __GFP_NOWARN, 0);
	ok(p != NULL, "__GFP_MEMALLOC takes the last reserves");
	if (p)
		held[nheld++] = p;
	while (nheld < MAXP &&
	       (p = alloc_pages(GFP_DMA | __GFP_MEMALLOC | __GFP_NOWARN, 0)))
		held[nheld++] = p;
	ok(nheld >= 3 && !zone_page_state(dma, NR_FREE_PAGES),
	   "__GFP_MEMALLOC empties the zone");
	/* the last free pages sit on another CPU's pcp list ... */
	host_current_cpu = 1;
	for (int i = 0; i < 3; i++)
		__free_pages(held[--nheld], 0);
	host_current_cpu = 0;
	ok(!zone_page_state(dma, NR_FREE_PAGES) && dma->pageset[1].count == 3,
	   "three DMA pages on CPU 1's pcp list, none in the buddy");
	/* ... an emergency allocation drains them and still ignores the
	 * watermarks: it fails only when memory is really gone */
	p = alloc_pages(GFP_DMA | __GFP_MEMALLOC | __GFP_NOWARN, 0);
	ok(p != NULL, "__GFP_MEMALLOC gets a page from another CPU's pcp list");
	if (p)
		held[nheld++] = p;
	release_held();
}

static void test_watermarks(void)
{
	struct zone *dma, *dma32;
	unsigned long lowmem, f0;
	struct page *p;

	pa_boot(&small, NULL);
	f0 = pa_total_free();
	dma = zone_of(0, ZONE_DMA);
	dma32 = zone_of(0, ZONE_DMA32);
	lowmem = small_lowmem();
	check_wmark_values();
	check_wmark_reserves();

	/* lowmem reserve: GFP_KERNEL leaves DMA32's reserve for DMA32 users */
	while (nheld < MAXP &&
	       (p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)) != NULL)
		held[nheld++] = p;
	ok(zone_page_state(dma32, NR_FREE_PAGES) >
		   (unsigned long)dma32->lowmem_reserve[ZONE_NORMAL],
	   "GFP_KERNEL leaves DMA32 lowmem_reserve untouched");
	p = alloc_pages(GFP_DMA32 | __GFP_NOWARN, 0);
	ok(p && page_zonenum(p) <= ZONE_DMA32,
	   "GFP_DMA32 still served from the reserved low zones");
	if (p)
		__free_pages(p, 0);
	release_held();
	drain_all_pages(NULL);
	ok_eq(pa_total_free(), f0, "everything back");

	ok(cmdline_parse_min_free_kbytes("2048") == 0 &&
		   min_wmark_pages(dma) == 512 * dma->managed_pages / lowmem,
	   "min_free_kbytes=2048 recomputes the marks");
	ok(cmdline_parse_min_free_kbytes("lots") == -EINVAL,
	   "min_free_kbytes junk rejected");
	/* CONFIG_MIN_FREE_KBYTES=1048576 on a small machine panicked in the
	 * first slab (randconfig KCONFIG_SEED=0x6b16bf3b): capped now */
	ok(cmdline_parse_min_free_kbytes("1048576") == 0 &&
		   (unsigned long)min_free_kbytes <=
			   (lowmem << (PAGE_SHIFT - 10)) / 4 &&
		   min_wmark_pages(dma) <= dma->managed_pages / 4 + 1,
	   "min_free_kbytes above a quarter of low memory is capped there");
	p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
	ok(p != NULL, "GFP_KERNEL still succeeds under the capped reserve");
	if (p)
		__free_pages(p, 0);
	cmdline_parse_min_free_kbytes(__stringify(CONFIG_MIN_FREE_KBYTES));
	ok(cmdline_parse_movablecore("12Q") == -EINVAL &&
		   cmdline_parse_movablecore("10%") == 0,
	   "movablecore parser");
	check_consistent("after watermarks");
}

static void test_pcp(void)
{
	struct zone *normal;
	struct per_cpu_pages *pcp, *pcp1;
	struct page *p;
	unsigned long batch, f0;

	pcp = pa_boot_pcp(&small, ZONE_NORMAL, &f0);
	normal = zone_of(0, ZONE_NORMAL);
	pcp1 = &normal->pageset[1];
	batch = min(normal->managed_pages >> 10, 256UL) / 4;
	batch = max(batch, 1UL);
	batch = rounddown_pow_of_two(batch + batch / 2) - 1;
	batch = max(batch, 1UL);
	ok_eq(pcp->batch, batch, "pcp batch from managed pages");
	ok_eq(pcp->high, 6 * pcp->batch, "pcp high = 6 * batch");
	ok_eq(pcp->count, 0, "pcp empty after boot");

	p = alloc_pages(GFP_KERNEL, 0);
	ok_eq(pcp->count, pcp->batch - 1, "first alloc refills one batch");
	ok_eq(zone_page_state_snapshot(normal, NR_FREE_PCP), pcp->batch - 1,
	      "NR_FREE_PCP tracks it");
	__free_pages(p, 0);
	ok(pcp->count == pcp->batch && PagePcp(p), "free goes to the pcp list");
	p = alloc_pages(GFP_KERNEL, 0);
	ok(PagePcp(p) == false && pcp->count == pcp->batch - 1,
	   "LIFO: the same page comes back");
	__free_pages(p, 0);

	while (nheld < 64 && (p = alloc_pages(GFP_KERNEL, 0)))
		held[nheld++] = p;
	drain_local_pages(NULL);
	ok_eq(pcp->count, 0, "drain_local_pages empties the list");
	{
		int max_count = 0;

		while (nheld) {
			__free_pages(held[--nheld], 0);
			max_count = max(max_count, pcp->count);
		}
		ok(max_count < pcp->high, "count stays below high (%d)",
		   max_count);
	}
	host_current_cpu = 1;
	p = alloc_pages(GFP_KERNEL, 0);
	__free_pages(p, 0);
	ok(pcp1->count > 0, "CPU 1 has its own list");
	host_current_cpu = 0;
	drain_all_pages(NULL);
	ok(pcp->count == 0 && pcp1->count == 0 &&
		   zone_page_state_snapshot(normal, NR_FREE_PCP) == 0,
	   "drain_all_pages empties every CPU's list");
	ok_eq(pa_total_free(), f0, "everything back");

	page_alloc_set_pcp_enabled(false);
	p = alloc_pages(GFP_KERNEL, 0);
	__free_pages(p, 0);
	ok(pcp->count == 0 && PageBuddy(p), "pcp disabled: straight to buddy");
	page_alloc_set_pcp_enabled(true);
	check_consistent("after pcp");
}

static void test_steal(void)
{
	struct zone *normal;
	struct page *p, *q;
	unsigned long steals;

	pa_boot_nopcp(&small);
	normal = zone_of(0, ZONE_NORMAL);
	ok_eq(get_pageblock_migratetype(pfn_to_page(normal->zone_start_pfn)),
	      MIGRATE_MOVABLE, "boot pageblocks are MIGRATE_MOVABLE");
	steals = sum_vm_event(PGSTEAL_BLOCK);
	p = alloc_pages(GFP_KERNEL, 0);
	ok(p && get_pageblock_migratetype(p) == MIGRATE_UNMOVABLE,
	   "unmovable fallback claims the pageblock");
	ok(sum_vm_event(PGSTEAL_BLOCK) > steals, "PGSTEAL_BLOCK counted");
	q = alloc_pages(GFP_KERNEL, 0);
	ok(q && (page_to_pfn(q) >> pageblock_order) ==
			   (page_to_pfn(p) >> pageblock_order),
	   "next unmovable page comes from the claimed block");
	ok(!free_area_empty(&normal->free_area[pageblock_order - 1],
			    MIGRATE_UNMOVABLE),
	   "rest of the block is on the unmovable lists");
	__free_pages(q, 0);
	__free_pages(p, 0);

	p = alloc_pages(GFP_KERNEL | __GFP_RECLAIMABLE, pageblock_order);
	ok(p && get_pageblock_migratetype(p) == MIGRATE_RECLAIMABLE,
	   "pageblock-sized reclaimable request changes the block type");
	__free_pages(p, pageblock_order);

	page_group_by_mobility_disabled = true;
	ok_eq(gfp_migratetype(GFP_HIGHUSER_MOVABLE), MIGRATE_UNMOVABLE,
	      "grouping disabled: everything unmovable");
	page_group_by_mobility_disabled = false;
	page_alloc_set_pcp_enabled(true);
	check_consistent("after stealing");
}

int main(void)
{
	test_boot();
	test_split_merge();
	test_zone_selection();
	test_numa();
	test_watermarks();
	test_pcp();
	test_steal();
	return tap_done();
}
