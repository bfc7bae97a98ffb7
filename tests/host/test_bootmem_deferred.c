// SPDX-License-Identifier: MIT
/*
 * The bitmap bootmem backend with deferred struct page init
 * (CONFIG_BOOTMEM_BITMAP + CONFIG_DEFERRED_STRUCT_PAGE_INIT, first 8 MiB
 * of each node at boot), against the real page allocator.  The boot
 * handoff must stop at each node's first deferred pfn, as
 * memblock_free_all() does, and deferred init must free the rest by the
 * bitmaps (bootmem allocated and freed there) exactly once.
 */
#include <mm/bootmem.h>

#include "no_slab.h"
#include "page_alloc_fixture.h"

#define SZ_64K (64 * 1024UL)
#define NODE1_BASE (4 * SZ_1G + 16 * 1024) /* pfn not a multiple of 64 */

static struct page *held[40000];
static void *node1_alloc, *node0_alloc;

/*
 * Boot through the bitmap backend: bootmem allocates in both nodes'
 * deferred parts, frees part of a reserved range there and reserves a
 * free one, then hands over.  Returns the pages the handoff released;
 * *expect is what must be managed in the end.
 */
static unsigned long boot(unsigned long *expect)
{
	unsigned long all;

	pa_boot_init(pa_deferred_layout(NODE1_BASE));
	all = pa_memblock_free_pages();
	bootmem_init_from_memblock();
	node1_alloc = __alloc_bootmem_node(1, SZ_64K, PAGE_SIZE,
					   NODE1_BASE + 30 * SZ_1M);
	node0_alloc = __alloc_bootmem(SZ_64K, PAGE_SIZE, 24 * SZ_1M);
	free_bootmem(NODE1_BASE + 20 * SZ_1M, SZ_64K);
	reserve_bootmem(40 * SZ_1M, SZ_64K, BOOTMEM_DEFAULT);
	*expect = all - 16 - 16 + 16 - 16;
	return free_all_bootmem();
}

/* NULL, or the first zone managing more pages than it has. */
static const char *managed_over_present(void)
{
	static char why[120];
	struct zone *zone;

	for_each_zone(zone) {
		if (zone->managed_pages <= zone->present_pages)
			continue;
		snprintf(why, sizeof(why),
			 "node %d %s: managed %lu > present %lu", zone->node,
			 zone->name, zone->managed_pages, zone->present_pages);
		return why;
	}
	return NULL;
}

static bool reserved_range(void *va, unsigned long size)
{
	for (unsigned long off = 0; off < size; off += PAGE_SIZE)
		if (!PageReserved(virt_to_page((char *)va + off)))
			return false;
	return true;
}

static bool in(struct page *p, phys_addr_t base, unsigned long size)
{
	phys_addr_t pa = PFN_PHYS(page_to_pfn(p));

	return pa >= base && pa < base + size;
}

int main(void)
{
	unsigned long handed, expect, n = 0, in_freed = 0, in_used = 0;
	const char *why;
	struct page *p;

	handed = boot(&expect);
	init_per_zone_wmark_min();
	ok(node1_alloc && __pa(node1_alloc) >= NODE1_BASE + 30 * SZ_1M &&
		   node0_alloc && __pa(node0_alloc) >= 24 * SZ_1M &&
		   __pa(node0_alloc) < 48 * SZ_1M,
	   "bootmem allocated in both deferred parts");
	ok_eq(handed, totalram_pages(), "free_all_bootmem: totalram counted");
	ok_eq(handed,
	      PHYS_PFN(8 * SZ_1M) - 256 + NODE_DATA(1)->first_deferred_pfn -
		      PHYS_PFN(NODE1_BASE),
	      "boot handoff: exactly the free pages below the deferred marks");
	why = managed_over_present();
	ok(!why, "boot handoff: no zone manages more than it has%s%s",
	   why ? ": " : "", why ? why : "");

	deferred_init_memmap_all();
	ok_eq(totalram_pages(), expect,
	      "deferred init: every page the bitmaps have free, once");
	ok_eq(pa_total_free(), expect, "deferred init: all of it in the buddy");
	why = pa_check_zones();
	ok(!why, "zones consistent%s%s", why ? ": " : "", why ? why : "");
	why = managed_over_present();
	ok(!why, "deferred init: no zone manages more than it has%s%s",
	   why ? ": " : "", why ? why : "");
	ok(reserved_range(node1_alloc, SZ_64K) &&
		   reserved_range(node0_alloc, SZ_64K) &&
		   reserved_range(__va(40 * SZ_1M), SZ_64K) &&
		   reserved_range(__va(NODE1_BASE + 20 * SZ_1M + SZ_64K),
				  SZ_64K),
	   "bootmem allocations and reservations stay reserved");
	deferred_init_memmap_all();
	ok_eq(totalram_pages(), expect, "deferred init is idempotent");

	while (n < ARRAY_SIZE(held) &&
	       (p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)) != NULL) {
		held[n++] = p;
		in_freed += in(p, NODE1_BASE + 20 * SZ_1M, SZ_64K);
		in_used += in(p, __pa(node1_alloc), SZ_64K) ||
			   in(p, __pa(node0_alloc), SZ_64K) ||
			   in(p, 40 * SZ_1M, SZ_64K);
	}
	ok_eq(n + pa_total_free(), expect,
	      "allocating all: every managed page allocated or free, once");
	ok_eq(in_freed, 16, "the pages free_bootmem() released are used");
	ok_eq(in_used, 0, "no page bootmem holds is handed out");
	while (n)
		__free_pages(held[--n], 0);

	/* again, with deferred init on demand from the allocator */
	host_log_clear();
	handed = boot(&expect);
	init_per_zone_wmark_min();
	while (n < ARRAY_SIZE(held) &&
	       (p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)) != NULL)
		held[n++] = p;
	ok(host_log_contains("deferred struct page init done") &&
		   n + pa_total_free() == expect && handed < expect,
	   "on demand: deferred init ran, %lu of %lu pages allocated", n,
	   expect);
	while (n)
		__free_pages(held[--n], 0);
	drain_all_pages(NULL);
	ok_eq(pa_total_free(), expect, "on demand: all free again");
	return tap_done();
}
