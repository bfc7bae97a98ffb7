// SPDX-License-Identifier: MIT
/*
 * memblock unit tests, part of the memblock test program (test_memblock.c):
 * allocation (direction, limits, zeroing, nodes, flags) and the iterators.
 */
#include <string.h>

#include <mm/memblock.h>

#include "test_memblock.h"

/* ---- allocation ---- */
static void test_alloc_direction(void)
{
	phys_addr_t a;

	reset();
	memblock_add(1 * MB, 63 * MB); /* [1M, 64M) */
	a = memblock_phys_alloc(4 * KB, 4 * KB);
	ok_eq(a, 64 * MB - 4 * KB, "top-down: highest page");
	ok(memblock_is_region_reserved(a, 4 * KB), "alloc reserves");
	a = memblock_phys_alloc(4 * KB, 4 * KB);
	ok_eq(a, 64 * MB - 8 * KB, "top-down: next one just below");
	EXPECT(res, "two allocations merge into one reservation",
	       R(64 * MB - 8 * KB, 8 * KB));

	memblock_set_bottom_up(true);
	ok(memblock_bottom_up(), "set_bottom_up(true)");
	ok_eq(memblock_phys_alloc(4 * KB, 4 * KB), 1 * MB,
	      "bottom-up: lowest page");
	ok_eq(memblock_phys_alloc_range(4 * KB, 4 * KB, 8 * MB, 16 * MB),
	      8 * MB, "bottom-up: honours min address");
	memblock_set_bottom_up(false);
	ok_eq(memblock_phys_alloc_range(4 * KB, 4 * KB, 8 * MB, 16 * MB),
	      16 * MB - 4 * KB, "top-down: honours max address");
	ok_eq(memblock_phys_alloc_range(8 * MB, 4 * KB, 8 * MB, 12 * MB), 0,
	      "window too small -> 0");

	a = memblock_phys_alloc(100, 1 * MB);
	ok(a && IS_ALIGNED(a, 1 * MB) && a + 100 <= 64 * MB - 8 * KB,
	   "alignment 1 MiB honoured");
	a = memblock_phys_alloc(10, 8);
	ok(a && IS_ALIGNED(a, 8), "small alignment honoured");
}

/* address 0 is the failure value: never returned */
static void test_alloc_not_zero(void)
{
	reset();
	memblock_add(0, 8 * KB);
	memblock_set_bottom_up(true);
	ok_eq(memblock_phys_alloc(4 * KB, 4 * KB), 4 * KB,
	      "first page is never allocated");
	ok_eq(memblock_phys_alloc(4 * KB, 4 * KB), 0, "... so now full");
}

/* current_limit and MEMBLOCK_ALLOC_* */
static void test_alloc_limit(void)
{
	reset();
	memblock_add(1 * MB, 63 * MB);
	memblock_set_current_limit(16 * MB);
	ok_eq(memblock_get_current_limit(), 16 * MB, "get_current_limit");
	ok_eq(memblock_phys_alloc(4 * KB, 4 * KB), 16 * MB - 4 * KB,
	      "ACCESSIBLE stays below current_limit");
	ok_eq(memblock_phys_alloc_range(4 * KB, 4 * KB, 0,
					MEMBLOCK_ALLOC_ANYWHERE),
	      64 * MB - 4 * KB, "ANYWHERE ignores current_limit");
	void *v = memblock_alloc_try_nid(4 * KB, 4 * KB, 0,
					 MEMBLOCK_ALLOC_ANYWHERE, NUMA_NO_NODE);
	ok(v && __pa(v) < 16 * MB, "virt alloc capped at current_limit");
}

/* zeroing */
static void test_alloc_zeroing(void)
{
	reset();
	memblock_add(1 * MB, 3 * MB);
	memset(__va(1 * MB), 0xaa, 3 * MB);
	unsigned char *p = memblock_alloc(4 * KB, 4 * KB);
	bool zero = p != NULL;
	for (unsigned int i = 0; zero && i < 4 * KB; i++)
		zero = p[i] == 0;
	ok(zero, "memblock_alloc zeroes");
	p = memblock_alloc_raw(4 * KB, 4 * KB);
	ok(p && p[0] == 0xaa && p[4095] == 0xaa,
	   "memblock_alloc_raw leaves memory alone");
	p = memblock_alloc_from(4 * KB, 4 * KB, 2 * MB);
	ok(p && __pa(p) >= 2 * MB, "alloc_from: at or above min_addr");
	p = memblock_alloc_from(4 * KB, 4 * KB, 8 * MB);
	ok(p != NULL, "alloc_from: min_addr above memory is dropped");
}

/* low allocations */
static void test_alloc_low(void)
{
	unsigned char *p;

	reset();
	memblock_add(1 * MB, 16 * MB);
	memblock_add(5 * GB, 16 * MB);
	p = memblock_alloc(4 * KB, 4 * KB);
	ok(p && __pa(p) >= 5 * GB, "memblock_alloc goes high");
	p = memblock_alloc_low(4 * KB, 4 * KB);
	ok(p && __pa(p) + 4 * KB - 1 <= ARCH_LOW_ADDRESS_LIMIT,
	   "memblock_alloc_low stays below ARCH_LOW_ADDRESS_LIMIT");
}

/* nodes */
static void test_alloc_nodes(void)
{
	unsigned char *p;
	phys_addr_t a;

	reset();
	memblock_add_node(1 * MB, 31 * MB, 0, MEMBLOCK_NONE);
	memblock_add_node(32 * MB, 32 * MB, 1, MEMBLOCK_NONE);
	a = memblock_phys_alloc_try_nid(4 * KB, 4 * KB, 0);
	ok(a >= 1 * MB && a < 32 * MB, "try_nid(0): on node 0");
	a = memblock_phys_alloc_try_nid(4 * KB, 4 * KB, 1);
	ok(a >= 32 * MB, "try_nid(1): on node 1");
	memblock_reserve(32 * MB, 32 * MB); /* node 1 full */
	a = memblock_phys_alloc_try_nid(4 * KB, 4 * KB, 1);
	ok(a >= 1 * MB && a < 32 * MB, "try_nid(1): falls back to node 0");
	p = memblock_alloc_node(4 * KB, 4 * KB, 1);
	ok(p && __pa(p) < 32 * MB, "alloc_node(1): falls back too");
	ok(memblock_alloc_exact_nid_raw(4 * KB, 4 * KB, 0,
					MEMBLOCK_ALLOC_ACCESSIBLE, 1) == NULL,
	   "exact_nid_raw(1): no fallback -> NULL");
	p = memblock_alloc_exact_nid_raw(4 * KB, 4 * KB, 0,
					 MEMBLOCK_ALLOC_ACCESSIBLE, 0);
	ok(p && __pa(p) < 32 * MB, "exact_nid_raw(0): on node 0");
	p = memblock_alloc_try_nid_raw(4 * KB, 4 * KB, 0,
				       MEMBLOCK_ALLOC_ACCESSIBLE, 0);
	ok(p != NULL, "try_nid_raw works");
	int w = host_warn_count;
	a = memblock_phys_alloc_try_nid(4 * KB, 4 * KB, MAX_NUMNODES);
	ok(a && host_warn_count == w + 1,
	   "nid MAX_NUMNODES: warns, means any node");
}

/* nomap and hotplug */
static void test_alloc_flags(void)
{
	phys_addr_t a;

	reset();
	memblock_add(1 * MB, 15 * MB);
	memblock_mark_nomap(8 * MB, 8 * MB);
	a = memblock_phys_alloc(4 * KB, 4 * KB);
	ok_eq(a, 8 * MB - 4 * KB, "nomap memory is never allocated");
	ok_eq(memblock_phys_alloc(8 * MB, 4 * KB), 0,
	      "nomap: not enough mapped memory -> 0");
	memblock_clear_nomap(8 * MB, 8 * MB);
	memblock_mark_hotplug(8 * MB, 8 * MB);
	ok_eq(memblock_phys_alloc(4 * KB, 4 * KB), 16 * MB - 4 * KB,
	      "hotplug memory is used (movable_node off)");
	memblock_mark_mirror(2 * MB, 1 * MB);
	ok_eq(memblock_find_in_range_node(4 * KB, 4 * KB, 0,
					  MEMBLOCK_ALLOC_ANYWHERE, NUMA_NO_NODE,
					  MEMBLOCK_MIRROR),
	      3 * MB - 4 * KB, "find with MEMBLOCK_MIRROR: mirrored only");
	ok_eq(memblock_find_in_range(0, 4 * MB, 4 * KB, 4 * KB),
	      4 * MB - 4 * KB, "find_in_range does not reserve");
	ok(!memblock_is_reserved(4 * MB - 4 * KB), "... really not");
}

void test_alloc(void)
{
	test_alloc_direction();
	test_alloc_not_zero();
	test_alloc_limit();
	test_alloc_zeroing();
	test_alloc_low();
	test_alloc_nodes();
	test_alloc_flags();
}

/* ---- iterators ---- */
/*
 * Memory [1M, 4M) on node 0, [8M, 12M) and a no-map [16M, 17M) on node 1;
 * [2M, 3M) and [8M, 8M + 4K) reserved.
 */
static void iter_layout(void)
{
	reset();
	memblock_add_node(1 * MB, 3 * MB, 0, MEMBLOCK_NONE);
	memblock_add_node(8 * MB, 4 * MB, 1, MEMBLOCK_NONE);
	memblock_add_node(16 * MB, 1 * MB, 1, MEMBLOCK_NONE);
	memblock_mark_nomap(16 * MB, 1 * MB);
	memblock_reserve(2 * MB, 1 * MB);
	memblock_reserve(8 * MB, 4 * KB);
}

static void test_iter_free_ranges(void)
{
	phys_addr_t s, e, got[8][2];
	int nid, n;
	u64 i;

	iter_layout();

	n = 0;
	for_each_mem_range(i, NULL, NULL)
		n++;
	ok_eq(n, 2, "for_each_mem_range: NULL outputs, nomap skipped");
	n = 0;
	__for_each_mem_range(i, mem, NULL, NUMA_NO_NODE, MEMBLOCK_NOMAP, NULL,
			     NULL, NULL)
		n++;
	ok_eq(n, 3, "__for_each_mem_range with MEMBLOCK_NOMAP includes it");

	n = 0;
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e, &nid) {
		if (n < 8) {
			got[n][0] = s;
			got[n][1] = e;
		}
		n++;
	}
	ok(n == 3 && got[0][0] == 1 * MB && got[0][1] == 2 * MB &&
		   got[1][0] == 3 * MB && got[1][1] == 4 * MB &&
		   got[2][0] == 8 * MB + 4 * KB && got[2][1] == 12 * MB,
	   "for_each_free_mem_range: memory minus reserved");
	n = 0;
	bool rev_ok = true;
	for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e,
					NULL) {
		rev_ok = rev_ok && n < 3 && s == got[2 - n][0] &&
			 e == got[2 - n][1];
		n++;
	}
	ok(rev_ok && n == 3, "for_each_free_mem_range_reverse: same, reversed");
	n = 0;
	for_each_free_mem_range(i, 1, MEMBLOCK_NONE, &s, NULL, &nid)
		n += (nid == 1 && s == 8 * MB + 4 * KB);
	ok_eq(n, 1, "for_each_free_mem_range: nid filter, NULL end");
	n = 0;
	for_each_free_mem_range_reverse(i, 0, MEMBLOCK_NONE, NULL, NULL, NULL)
		n++;
	ok_eq(n, 2, "reverse free ranges of node 0, all outputs NULL");
}

static void test_iter_regions(void)
{
	phys_addr_t s, e;
	int n;
	u64 i;

	iter_layout();
	n = 0;
	for_each_mem_range_rev(i, &s, &e)
		if (n++ == 0)
			ok(s == 8 * MB && e == 12 * MB,
			   "for_each_mem_range_rev: highest first");
	ok_eq(n, 2, "for_each_mem_range_rev: count");

	n = 0;
	for_each_reserved_mem_range(i, &s, &e)
		n += (n == 0 && s == 2 * MB && e == 3 * MB) ||
		     (n == 1 && s == 8 * MB && e == 8 * MB + 4 * KB);
	ok_eq(n, 2, "for_each_reserved_mem_range: exclusive ends");
	n = 0;
	for_each_reserved_mem_region(i, &s, &e)
		n += (n == 0 && s == 2 * MB && e == 3 * MB - 1) ||
		     (n == 1 && s == 8 * MB && e == 8 * MB + 4 * KB - 1);
	ok_eq(n, 2, "for_each_reserved_mem_region: inclusive ends (4.x)");
	n = 0;
	for_each_reserved_mem_region(i, NULL, NULL)
		n++;
	ok_eq(n, 2, "for_each_reserved_mem_region: NULL outputs");

	struct memblock_region *r;
	n = 0;
	for_each_mem_region(r)
		n++;
	ok_eq(n, 3, "for_each_mem_region walks all region structs");
	n = 0;
	for_each_memblock(reserved, r) n++;
	ok_eq(n, 2, "for_each_memblock(reserved, r)");
}

/* pfn ranges: partial pages dropped, sub-page regions skipped */
static void test_iter_pfn(void)
{
	int nid, n;

	iter_layout();
	memblock_add_node(32 * MB + 100, 8 * KB, 0, MEMBLOCK_NONE);
	memblock_add_node(40 * MB + 8, 100, 0, MEMBLOCK_NONE);
	unsigned long sp, ep;
	int pi;
	n = 0;
	for_each_mem_pfn_range(pi, NUMA_NO_NODE, &sp, &ep, &nid)
		if (sp == PFN_UP(32 * MB + 100))
			n += ep == PFN_DOWN(32 * MB + 100 + 8 * KB) && nid == 0;
	ok_eq(n, 1, "for_each_mem_pfn_range: partial pages dropped");
	n = 0;
	for_each_mem_pfn_range(pi, MAX_NUMNODES, NULL, NULL, NULL)
		n++;
	ok_eq(n, 4, "for_each_mem_pfn_range: sub-page region skipped");
	n = 0;
	for_each_mem_pfn_range(pi, 1, &sp, NULL, NULL)
		n++;
	ok_eq(n, 2, "for_each_mem_pfn_range: nid filter");
}

static void test_iter_empty(void)
{
	phys_addr_t s, e;
	int n;
	u64 i;

	reset();
	n = 0;
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, NULL, NULL,
				NULL)
		n++;
	for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE, NULL,
					NULL, NULL)
		n++;
	ok_eq(n, 0, "iterators over empty memblock yield nothing");
	memblock_add(1 * MB, 1 * MB);
	n = 0;
	for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e,
					NULL)
		n += s == 1 * MB && e == 2 * MB;
	ok_eq(n, 1, "reverse free range with no reservations");
}

void test_iterators(void)
{
	test_iter_free_ranges();
	test_iter_regions();
	test_iter_pfn();
	test_iter_empty();
}
