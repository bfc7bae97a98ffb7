// SPDX-License-Identifier: MIT
/*
 * Boot memory given back after the handoff: memblock_free_late() and
 * free_bootmem_late() must add the pages to totalram_pages and to their
 * zone's managed pages, as Linux does, and the pages must be free in the
 * buddy.  Built against each bootmem backend (page_alloc_late_memblock,
 * page_alloc_late_bitmap), booted through that backend's handoff
 * (free_all_bootmem()) as mm_init() does.
 */
#include <mm/bootmem.h>

#include "page_alloc_fixture.h"

#if IS_ENABLED(CONFIG_BOOTMEM_BITMAP)
#define BACKEND "bitmap"
#else
#define BACKEND "memblock"
#endif

/* 32 MiB; an "initrd" at [8M, 9M) and a "firmware table" at [12M, 12M+8K)
 * stay reserved through the handoff and are given back late. */
static const struct pa_range mem[] = {{0, 32 * SZ_1M, 0}};
static const struct pa_range res[] = {
	{2 * SZ_1M, 2 * SZ_1M, 0}, /* "kernel image" */
	{8 * SZ_1M, SZ_1M, 0},	   /* "initrd" */
	{12 * SZ_1M, 8192, 0},	   /* "firmware table" */
};

static void boot_through_bootmem(void)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = {0};
	unsigned long expected, pages;

	memblock_remove(0, PHYS_ADDR_MAX >> 1);
	memblock_free(0, PHYS_ADDR_MAX >> 1);
	host_sim_mem(0, 32 * SZ_1M);
	memblock_add_node(mem[0].base, mem[0].size, 0, MEMBLOCK_NONE);
	for (size_t i = 0; i < ARRAY_SIZE(res); i++)
		memblock_reserve(res[i].base, res[i].size);
	max_zone_pfn[ZONE_DMA] = PHYS_PFN(4 * SZ_1M);
	max_zone_pfn[ZONE_DMA32] = PHYS_PFN(16 * SZ_1M);
	max_zone_pfn[ZONE_NORMAL] = PHYS_PFN(32 * SZ_1M);
	cmdline_parse_movablecore("0");
	free_area_init(max_zone_pfn);
	expected = pa_memblock_free_pages();
	bootmem_backend.init();
	pages = bootmem_backend.finish();
	ok(pages == expected && totalram_pages() == pages,
	   BACKEND ": handoff of %lu pages (memblock had %lu), totalram %lu",
	   pages, expected, totalram_pages());
}

static unsigned long managed_sum(void)
{
	struct zone *zone;
	unsigned long n = 0;

	for_each_zone(zone)
		n += zone->managed_pages;
	return n;
}

static void check_given_back(const char *what, unsigned long pfn,
			     unsigned long nr, unsigned long tr0,
			     unsigned long zm0, unsigned long free0)
{
	struct zone *zone = page_zone(pfn_to_page(pfn));
	bool none_reserved = true;
	struct sysinfo si;
	const char *why;

	for (unsigned long i = 0; i < nr; i++)
		none_reserved &= !PageReserved(pfn_to_page(pfn + i));
	ok(totalram_pages() == tr0 + nr,
	   BACKEND ": %s: totalram_pages %lu, want %lu", what, totalram_pages(),
	   tr0 + nr);
	ok(zone->managed_pages == zm0 + nr && managed_sum() == totalram_pages(),
	   BACKEND ": %s: zone %s managed %lu, want %lu (sum %lu)", what,
	   zone->name, zone->managed_pages, zm0 + nr, managed_sum());
	ok(pa_total_free() == free0 + nr && none_reserved,
	   BACKEND ": %s: %lu pages free in the buddy, not reserved", what, nr);
	si_meminfo(&si);
	ok_eq(si.totalram, totalram_pages(), BACKEND ": si_meminfo agrees");
	why = pa_check_zones();
	ok(!why, BACKEND ": zones consistent after %s%s%s", what,
	   why ? ": " : "", why ? why : "");
}

int main(void)
{
	struct zone *dma32;
	unsigned long tr0, zm0, free0;

	boot_through_bootmem();
	dma32 = page_zone(pfn_to_page(PHYS_PFN(8 * SZ_1M)));
	ok(dma32 == &NODE_DATA(0)->node_zones[ZONE_DMA32] &&
		   PageReserved(pfn_to_page(PHYS_PFN(8 * SZ_1M))),
	   BACKEND ": the initrd is reserved in DMA32 after the handoff");

	tr0 = totalram_pages();
	zm0 = dma32->managed_pages;
	free0 = pa_total_free();
	memblock_free_late(8 * SZ_1M, SZ_1M / 2);
	check_given_back("memblock_free_late of 512K", PHYS_PFN(8 * SZ_1M), 128,
			 tr0, zm0, free0);

	/* only whole pages: [8.5M + 100, 9M) is 127 of them */
	tr0 = totalram_pages();
	zm0 = dma32->managed_pages;
	free0 = pa_total_free();
	free_bootmem_late(8 * SZ_1M + SZ_1M / 2 + 100, SZ_1M / 2 - 100);
	check_given_back("free_bootmem_late of 512K - 100",
			 PHYS_PFN(8 * SZ_1M + SZ_1M / 2) + 1, 127, tr0, zm0,
			 free0);

	tr0 = totalram_pages();
	zm0 = dma32->managed_pages;
	free0 = pa_total_free();
	free_bootmem_late(12 * SZ_1M, 8192);
	check_given_back("free_bootmem_late of 8K", PHYS_PFN(12 * SZ_1M), 2,
			 tr0, zm0, free0);

	tr0 = totalram_pages();
	memblock_free_late(12 * SZ_1M + 100, 200); /* no whole page */
	ok_eq(totalram_pages(), tr0, BACKEND ": a part page changes nothing");
	return tap_done();
}
