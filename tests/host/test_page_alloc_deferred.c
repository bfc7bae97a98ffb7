// SPDX-License-Identifier: MIT
/*
 * Deferred struct page init (CONFIG_DEFERRED_STRUCT_PAGE_INIT, built with
 * CONFIG_DEFERRED_INIT_FIRST_MB=8): only the first 8 MiB of each node is
 * handed over at boot; the rest comes on demand when the allocator runs
 * short, or from deferred_init_memmap_all().
 */
#include "page_alloc_fixture.h"

#define NODE1_BASE (4 * SZ_1G)

static struct page *held[40000];

int main(void)
{
	unsigned long freed, all, n = 0;
	struct page *p;

	host_log_clear();
	freed = pa_boot(pa_deferred_layout(NODE1_BASE), &all);
	ok_eq(NODE_DATA(0)->first_deferred_pfn, PHYS_PFN(8 * SZ_1M),
	      "node 0: struct pages above 8 MiB deferred");
	ok_eq(NODE_DATA(1)->first_deferred_pfn, PHYS_PFN(4 * SZ_1G + 8 * SZ_1M),
	      "node 1: struct pages above 8 MiB deferred");
	ok(freed < all && freed == totalram_pages(),
	   "boot hands over only the first part (%lu of %lu)", freed, all);
	ok(freed == 2 * 2048 - 256, "exactly the free pages below the marks");

	while (n < ARRAY_SIZE(held) &&
	       (p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)) != NULL)
		held[n++] = p;
	ok(n > freed, "allocations go on past the boot part (%lu)", n);
	ok(host_log_contains("deferred struct page init done"),
	   "on-demand deferred init ran");
	ok_eq(totalram_pages(), all, "now every free memblock page is managed");
	ok(PageReserved(pfn_to_page(PHYS_PFN(4 * SZ_1G + 20 * SZ_1M))),
	   "reserved range in the deferred part stays reserved");
	ok(!pa_check_zones(), "zones consistent");
	while (n)
		__free_pages(held[--n], 0);
	drain_all_pages(NULL);
	ok_eq(pa_total_free(), all, "all free again");

	freed = pa_boot(pa_deferred_layout(NODE1_BASE), &all);
	deferred_init_memmap_all();
	ok_eq(totalram_pages(), all, "deferred_init_memmap_all completes it");
	deferred_init_memmap_all();
	ok_eq(totalram_pages(), all, "and is idempotent");
	ok_eq(nr_free_pages(), all, "all of it free in the buddy");
	ok(!pa_check_zones(), "zones consistent");
	return tap_done();
}
