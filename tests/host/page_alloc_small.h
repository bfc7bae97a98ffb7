/* SPDX-License-Identifier: MIT */
/*
 * The machine of test_page_alloc.c and test_page_alloc_api.c: one node of
 * 32 MiB with every zone, and the helpers both use.  Include once, in the
 * test's one source file.
 */
#ifndef _TESTS_PAGE_ALLOC_SMALL_H
#define _TESTS_PAGE_ALLOC_SMALL_H

#include "page_alloc_fixture.h"

/*
 * One node, 32 MiB with a 1 MiB hole at 10 MiB.  Test "arch" limits:
 * DMA < 4 MiB, DMA32 < 16 MiB, Normal above; movablecore=4M takes the top.
 */
static const struct pa_range small_mem[] = {
	{0, 10 * SZ_1M, 0},
	{11 * SZ_1M, 21 * SZ_1M, 0},
};
static const struct pa_range small_res[] = {
	{5 * SZ_1M, SZ_1M, 0},	    /* "kernel image", freed later */
	{20 * SZ_1M, 64 * 1024, 0}, /* "DTB" */
};
static const struct pa_layout small = {
	PA_MEM(small_mem),
	PA_RES(small_res),
	.zone_limit = {[ZONE_DMA] = 4 * SZ_1M,
		       [ZONE_DMA32] = 16 * SZ_1M,
		       [ZONE_NORMAL] = 32 * SZ_1M},
	.movablecore = "4M",
};

/* DMA (1024 pages) is handed over as DMA_NR blocks of order DMA_TOP */
#define DMA_TOP ((MAX_ORDER - 1) < 10 ? (MAX_ORDER - 1) : 10)
#define DMA_NR (1UL << (10 - DMA_TOP))

#define MAXP 16384
static struct page *held[MAXP];
static int nheld;

static void release_held(void)
{
	while (nheld)
		__free_pages(held[--nheld], 0);
}

static struct zone *zone_of(int nid, int zt)
{
	return &NODE_DATA(nid)->node_zones[zt];
}

/*
 * The opening of a pcp test: boot @layout, put the free pages (buddy and
 * pcp lists) in *@free0, and return CPU 0's pageset of node 0's zone @zt.
 */
static inline struct per_cpu_pages *pa_boot_pcp(const struct pa_layout *layout,
						int zt, unsigned long *free0)
{
	pa_boot(layout, NULL);
	*free0 = pa_total_free();
	return &zone_of(0, zt)->pageset[0];
}

static void check_consistent(const char *when)
{
	const char *why = pa_check_zones();

	ok(why == NULL, "zones consistent %s%s%s", when, why ? ": " : "",
	   why ? why : "");
}

#endif
