// SPDX-License-Identifier: MIT
/*
 * DOC: KTAP suite "memblock"
 *
 * memblock is checked where it is alive whatever the configuration: from
 * bootmem_selftest_early() (mm_init, before the handoff to the buddy).
 * With CONFIG_ARCH_DISCARD_MEMBLOCK its code and data are freed with the
 * __init sections before the application runs, so the checks are recorded
 * there and this suite reports them.  They cover the consistency of the
 * live map with what the boot found (the kernel image is memory and
 * reserved, totals are the sums of the regions, regions are sorted and
 * disjoint, iterators agree with the queries) and allocations on scratch
 * ranges, each undone so the boot goes on with the map it had.
 *
 * Without ARCH_DISCARD_MEMBLOCK one more case compares the live map with
 * the buddy allocator after boot.
 */
#include <kernel/init.h>
#include <kernel/string.h>
#include <mm/boot.h>
#include <mm/memblock.h>
#include <mm/page_alloc.h>

#include "mm_ktest.h"

/* -------------------------------------------------- boot-time checks */

static void __init check_type(struct mm_early_case *c,
			      const struct memblock_type *type)
{
	phys_addr_t sum = 0;

	EARLY_EXPECT(c, type->cnt <= type->max);
	for (unsigned long i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		sum += r->size;
		if (!EARLY_EXPECT(c, r->size != 0))
			break;
		if (i && !EARLY_EXPECT(
				 c, type->regions[i - 1].base +
						    type->regions[i - 1].size <=
					    r->base))
			break;
	}
	EARLY_EXPECT_EQ(c, sum, type->total_size);
}

static void __init early_map_consistent(void)
{
	struct mm_early_case *c = mm_early_begin("memblock.map_consistent");
	const struct memblock_type *mem = &memblock.memory;

	EARLY_EXPECT(c, mem->cnt >= 1);
	check_type(c, &memblock.memory);
	check_type(c, &memblock.reserved);
	EARLY_EXPECT_EQ(c, memblock_phys_mem_size(), mem->total_size);
	EARLY_EXPECT_EQ(c, memblock_reserved_size(),
			memblock.reserved.total_size);
	if (!mem->cnt)
		return;
	EARLY_EXPECT_EQ(c, memblock_start_of_DRAM(), mem->regions[0].base);
	EARLY_EXPECT_EQ(c, memblock_end_of_DRAM(),
			mem->regions[mem->cnt - 1].base +
				mem->regions[mem->cnt - 1].size);
	EARLY_EXPECT(c,
		     memblock_phys_mem_size() <=
			     memblock_end_of_DRAM() - memblock_start_of_DRAM());
	EARLY_EXPECT(c, memblock_is_memory(memblock_start_of_DRAM()));
	EARLY_EXPECT(c, memblock_is_memory(memblock_end_of_DRAM() - 1));
	EARLY_EXPECT(c, !memblock_is_memory(memblock_end_of_DRAM()));
	EARLY_EXPECT(c,
		     memblock_get_current_limit() > memblock_start_of_DRAM());
}

static void __init early_kernel_image(void)
{
	struct mm_early_case *c = mm_early_begin("memblock.kernel_image");
	phys_addr_t start = __pa(_start), end = __pa(_end);

	EARLY_EXPECT(c, start < end);
	EARLY_EXPECT(c, memblock_is_region_memory(start, end - start));
	EARLY_EXPECT(c, memblock_is_region_reserved(start, end - start));
	/* every page of it, not just some: text, data, bss */
	for (phys_addr_t a = start & ~(phys_addr_t)(PAGE_SIZE - 1); a < end;
	     a += PAGE_SIZE)
		if (!EARLY_EXPECT(c, memblock_is_reserved(a)))
			break;
	EARLY_EXPECT(c, memblock_is_reserved(__pa(__bss_stop) - 1));
	EARLY_EXPECT(c, memblock_is_map_memory(start));
	EARLY_EXPECT(c, memblock_overlaps_region(&memblock.reserved, start, 1));
}

static void __init early_iterators(void)
{
	struct mm_early_case *c = mm_early_begin("memblock.iterators");
	phys_addr_t start, end, sum = 0, rsum = 0, fsum = 0, frsum = 0;
	phys_addr_t resv_in_mem = 0, nomap = 0, prev_end = 0;
	unsigned long pfns = 0, spfn, epfn;
	struct memblock_region *r, *q;
	int nid, idx;
	u64 i;

	for_each_mem_region(r)
		if (memblock_is_nomap(r))
			nomap += r->size;
	for_each_mem_range(i, &start, &end) {
		EARLY_EXPECT(c, start < end && start >= prev_end);
		sum += end - start;
		prev_end = end;
	}
	EARLY_EXPECT_EQ(c, sum, memblock_phys_mem_size() - nomap);
	for_each_mem_range_rev(i, &start, &end)
		rsum += end - start;
	EARLY_EXPECT_EQ(c, rsum, sum);

	/* free = memory minus (memory & reserved), computed by hand */
	for_each_memblock(memory, r)
	{
		if (memblock_is_nomap(r))
			continue;
		for_each_memblock(reserved, q)
		{
			phys_addr_t lo = max(r->base, q->base);
			phys_addr_t hi =
				min(r->base + r->size, q->base + q->size);

			if (lo < hi)
				resv_in_mem += hi - lo;
		}
	}
	prev_end = 0;
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				&nid) {
		fsum += end - start;
		EARLY_EXPECT(c, start >= prev_end);
		prev_end = end;
		if (!EARLY_EXPECT(
			    c, memblock_is_region_memory(start, end - start)))
			break;
		EARLY_EXPECT(c,
			     !memblock_is_region_reserved(start, end - start));
		EARLY_EXPECT(c, nid >= 0 && nid < MAX_NUMNODES);
	}
	EARLY_EXPECT_EQ(c, fsum, sum - resv_in_mem);
	for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start,
					&end, NULL)
		frsum += end - start;
	EARLY_EXPECT_EQ(c, frsum, fsum);

	for_each_mem_pfn_range(idx, NUMA_NO_NODE, &spfn, &epfn, NULL) {
		EARLY_EXPECT(c, spfn <= epfn);
		pfns += epfn - spfn;
	}
	EARLY_EXPECT(c, pfns <= memblock_phys_mem_size() / PAGE_SIZE);
	EARLY_EXPECT(c, pfns + 2 * memblock.memory.cnt >=
				memblock_phys_mem_size() / PAGE_SIZE);
	/* the old inclusive-end iterator covers the reserved total */
	rsum = 0;
	for_each_reserved_mem_region(i, &start, &end)
		rsum += end - start + 1;
	EARLY_EXPECT_EQ(c, rsum, memblock_reserved_size());
}

/* A free range with at least @size bytes, the highest below the limit. */
static phys_addr_t __init find_free(phys_addr_t size)
{
	phys_addr_t start, end, best = 0;
	u64 i;

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				NULL) {
		start = ALIGN(start, (phys_addr_t)(1UL << 20));
		if (start < end && end - start >= size &&
		    start + size <= memblock_get_current_limit())
			best = start;
	}
	return best;
}

static void __init early_alloc(void)
{
	struct mm_early_case *c = mm_early_begin("memblock.alloc_free");
	phys_addr_t resv = memblock_reserved_size();
	unsigned long cnt = memblock.reserved.cnt;
	phys_addr_t a, b, lo, hi, sz = 64UL << 10;
	void *v;

	a = memblock_phys_alloc(sz, sz);
	if (EARLY_EXPECT(c, a != 0)) {
		EARLY_EXPECT_EQ(c, a & (sz - 1), 0);
		EARLY_EXPECT(c, memblock_is_region_memory(a, sz));
		EARLY_EXPECT(c, memblock_is_reserved(a));
		EARLY_EXPECT(c, memblock_is_reserved(a + sz - 1));
		EARLY_EXPECT(c, a + sz <= memblock_get_current_limit());
		EARLY_EXPECT_EQ(c, memblock_reserved_size(), resv + sz);
		/* bottom-up finds something no higher than top-down */
		memblock_set_bottom_up(true);
		b = memblock_phys_alloc(sz, sz);
		memblock_set_bottom_up(false);
		if (EARLY_EXPECT(c, b != 0)) {
			EARLY_EXPECT(c, b < a);
			memblock_phys_free(b, sz);
		}
		memblock_phys_free(a, sz);
	}
	EARLY_EXPECT_EQ(c, memblock_reserved_size(), resv);

	/* a range constraint is obeyed */
	lo = find_free(4UL << 20);
	if (EARLY_EXPECT(c, lo != 0)) {
		hi = lo + (4UL << 20);
		a = memblock_phys_alloc_range(PAGE_SIZE, PAGE_SIZE, lo, hi);
		if (EARLY_EXPECT(c, a != 0)) {
			EARLY_EXPECT(c, a >= lo && a + PAGE_SIZE <= hi);
			memblock_phys_free(a, PAGE_SIZE);
		}
		/* too big for the window: fails rather than straying */
		EARLY_EXPECT_EQ(c,
				memblock_phys_alloc_range(hi - lo + PAGE_SIZE,
							  PAGE_SIZE, lo, hi),
				0);
	}
	/* the virtual variant returns zeroed memory */
	v = memblock_alloc(3 * PAGE_SIZE, PAGE_SIZE);
	if (EARLY_EXPECT(c, v != NULL)) {
		const unsigned char *p = v;
		unsigned long nz = 0;

		for (unsigned long k = 0; k < 3 * PAGE_SIZE; k++)
			nz += p[k] != 0;
		EARLY_EXPECT_EQ(c, nz, 0);
		memblock_free(__pa(v), 3 * PAGE_SIZE);
	}
	/* more than all memory: 0 / NULL, no panic */
	EARLY_EXPECT_EQ(
		c, memblock_phys_alloc(memblock_end_of_DRAM(), PAGE_SIZE), 0);
	EARLY_EXPECT_EQ(c, memblock_reserved_size(), resv);
	EARLY_EXPECT_EQ(c, memblock.reserved.cnt, cnt);
}

static void __init early_reserve_merge(void)
{
	struct mm_early_case *c = mm_early_begin("memblock.reserve_merge");
	phys_addr_t resv = memblock_reserved_size();
	unsigned long cnt = memblock.reserved.cnt;
	phys_addr_t x = find_free(2UL << 20);

	if (!EARLY_EXPECT(c, x != 0))
		return;
	x += 1UL << 20; /* well inside free memory: no neighbour to merge */
	EARLY_EXPECT(c, !memblock_is_reserved(x));
	EARLY_EXPECT_EQ(c, memblock_reserve(x, PAGE_SIZE), 0);
	EARLY_EXPECT_EQ(c, memblock.reserved.cnt, cnt + 1);
	EARLY_EXPECT_EQ(c, memblock_reserve(x + PAGE_SIZE, PAGE_SIZE), 0);
	EARLY_EXPECT_EQ(c, memblock.reserved.cnt, cnt + 1); /* merged */
	EARLY_EXPECT_EQ(c, memblock_reserve(x + 3 * PAGE_SIZE, PAGE_SIZE), 0);
	EARLY_EXPECT_EQ(c, memblock.reserved.cnt, cnt + 2); /* a gap */
	EARLY_EXPECT_EQ(c, memblock_reserve(x + PAGE_SIZE, 2 * PAGE_SIZE), 0);
	EARLY_EXPECT_EQ(c, memblock.reserved.cnt, cnt + 1); /* filled */
	EARLY_EXPECT_EQ(c, memblock_reserved_size(), resv + 4 * PAGE_SIZE);
	EARLY_EXPECT(c, memblock_is_region_reserved(x, 4 * PAGE_SIZE));
	/* free the middle: splits in two */
	EARLY_EXPECT_EQ(c, memblock_free(x + PAGE_SIZE, PAGE_SIZE), 0);
	EARLY_EXPECT_EQ(c, memblock.reserved.cnt, cnt + 2);
	EARLY_EXPECT(c, !memblock_is_reserved(x + PAGE_SIZE));
	EARLY_EXPECT_EQ(c, memblock_free(x, 4 * PAGE_SIZE), 0);
	EARLY_EXPECT_EQ(c, memblock.reserved.cnt, cnt);
	EARLY_EXPECT_EQ(c, memblock_reserved_size(), resv);
}

static void __init early_add_remove(void)
{
	struct mm_early_case *c = mm_early_begin("memblock.add_remove");
	phys_addr_t size = memblock_phys_mem_size();
	phys_addr_t end = memblock_end_of_DRAM();
	unsigned long cnt = memblock.memory.cnt;
	/* a scratch range far above RAM, removed again before anyone looks */
	phys_addr_t x = ALIGN(end, (phys_addr_t)(1UL << 30)) + (1UL << 30);

	EARLY_EXPECT_EQ(c, memblock_add(x, 1UL << 20), 0);
	EARLY_EXPECT_EQ(c, memblock.memory.cnt, cnt + 1);
	EARLY_EXPECT_EQ(c, memblock_end_of_DRAM(), x + (1UL << 20));
	EARLY_EXPECT(c, memblock_is_memory(x));
	EARLY_EXPECT_EQ(c, memblock_add(x + (1UL << 20), 1UL << 20), 0);
	EARLY_EXPECT_EQ(c, memblock.memory.cnt, cnt + 1); /* merged */
	EARLY_EXPECT_EQ(c, memblock_phys_mem_size(), size + (2UL << 20));
	/* a hole in the middle */
	EARLY_EXPECT_EQ(c, memblock_remove(x + (512UL << 10), 1UL << 20), 0);
	EARLY_EXPECT_EQ(c, memblock.memory.cnt, cnt + 2);
	EARLY_EXPECT(c, !memblock_is_memory(x + (1UL << 20)));
	EARLY_EXPECT_EQ(c, memblock_remove(x, 2UL << 20), 0);
	EARLY_EXPECT_EQ(c, memblock.memory.cnt, cnt);
	EARLY_EXPECT_EQ(c, memblock_phys_mem_size(), size);
	EARLY_EXPECT_EQ(c, memblock_end_of_DRAM(), end);
}

void __init memblock_selftest_early(void)
{
	early_map_consistent();
	early_kernel_image();
	early_iterators();
	early_alloc();
	early_reserve_merge();
	early_add_remove();
}

/* ------------------------------------------------------ the KTAP suite */

MM_EARLY_CASE(memblock, map_consistent)
MM_EARLY_CASE(memblock, kernel_image)
MM_EARLY_CASE(memblock, iterators)
MM_EARLY_CASE(memblock, alloc_free)
MM_EARLY_CASE(memblock, reserve_merge)
MM_EARLY_CASE(memblock, add_remove)

/* After boot, when memblock is kept: it agrees with the buddy's picture. */
static void memblock_matches_buddy(struct ktest *t)
{
#if IS_ENABLED(CONFIG_ARCH_DISCARD_MEMBLOCK)
	ktest_skip(t, "memblock discarded after boot (ARCH_DISCARD_MEMBLOCK)");
#else
	struct memblock_region *r;
	unsigned long present = 0;
	struct zone *zone;

	KTEST_ASSERT_TRUE(t, memblock.memory.cnt >= 1);
	KTEST_EXPECT_TRUE(t, (unsigned long long)totalram_pages() * PAGE_SIZE <=
				     memblock_phys_mem_size());
	for_each_mem_region(r) {
		unsigned long s = memblock_region_memory_base_pfn(r);
		unsigned long e = memblock_region_memory_end_pfn(r);

		if (s < e) {
			KTEST_EXPECT_TRUE(t, pfn_valid(s));
			KTEST_EXPECT_TRUE(t, pfn_valid(e - 1));
		}
	}
	for_each_populated_zone(zone)
		present += zone->present_pages;
	KTEST_EXPECT_TRUE(t, present <= memblock_phys_mem_size() / PAGE_SIZE);
	KTEST_EXPECT_TRUE(t, PageReserved(virt_to_page(_stext)));
	KTEST_EXPECT_TRUE(t, memblock_is_reserved(__pa(_stext)));
#endif
}

/*
 * free_initmem() ran memblock_discard() before the application: with
 * ARCH_DISCARD_MEMBLOCK grown arrays are back in the buddy allocator (a
 * boot that skipped it leaked them for good), without it memblock stays.
 * Deferred struct page init still pending puts both off (initmem_postponed).
 */
static void memblock_discarded_at_boot(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t,
			  memblock_discarded ==
				  (IS_ENABLED(CONFIG_ARCH_DISCARD_MEMBLOCK) &&
				   !initmem_postponed));
	if (!IS_ENABLED(CONFIG_ARCH_DISCARD_MEMBLOCK))
		KTEST_EXPECT_TRUE(t, memblock_discarded_pages == 0);
}

static struct ktest_case memblock_cases[] = {
	KTEST_CASE(memblock_map_consistent),
	KTEST_CASE(memblock_kernel_image),
	KTEST_CASE(memblock_iterators),
	KTEST_CASE(memblock_alloc_free),
	KTEST_CASE(memblock_reserve_merge),
	KTEST_CASE(memblock_add_remove),
	KTEST_CASE(memblock_matches_buddy),
	KTEST_CASE(memblock_discarded_at_boot),
	{},
};
KTEST_SUITE(memblock, memblock_cases);
