// SPDX-License-Identifier: MIT
/*
 * The bootmem API test suite.  The same source is built twice, against the
 * memblock shims (CONFIG_BOOTMEM_MEMBLOCK) and against the classic bitmap
 * allocator (CONFIG_BOOTMEM_BITMAP), and must pass unchanged on both: the
 * contracts are the API's, not a backend's.
 *
 * The page allocator is not linked (MM_HOST_STANDALONE): the hand-over
 * hooks below count the pages they receive, and memblock_free_all() is a
 * counting walk over the free memblock ranges, so "free_all_bootmem()
 * releases the same number of pages under both backends" is a real check
 * against a number computed from the layout alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>
#include <mm/bootmem.h>
#include <mm/bootmem_bitmap.h>
#include <mm/gfp.h>
#include <mm/memblock.h>

#define MEMBLOCK_ENV_BOOTMEM
#include "memblock_env.h"
#include "test_bootmem.h"

/* ---- stand-ins for the page allocator and slab ---- */
static unsigned long big_blocks;

/*
 * When set (the sweep tests), every pfn handed over in
 * [handed_base, handed_base + handed_len) is counted here, so a handoff
 * can be compared page by page with memblock's free ranges.
 */
static unsigned char *handed;
static unsigned long handed_base, handed_len;
unsigned long handed_outside, handed_unaligned;

/* memblock_env_on_free: beside memblock_env.h's count */
static void count_handed(unsigned long pfn, unsigned int order)
{
	big_blocks += order > 0;
	if (!handed)
		return;
	if (pfn & ((1UL << order) - 1))
		handed_unaligned++;
	for (unsigned long i = 0; i < 1UL << order; i++) {
		if (pfn + i < handed_base ||
		    pfn + i >= handed_base + handed_len)
			handed_outside++;
		else if (handed[pfn + i - handed_base] < 255)
			handed[pfn + i - handed_base]++;
	}
}

/* What mm_init.c's memblock_free_all() does, minus the buddy. */
unsigned long memblock_free_all(void)
{
	phys_addr_t start, end;
	unsigned long pages = 0;
	u64 i;

	reset_all_zones_managed_pages();
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				NULL) {
		for (unsigned long pfn = PFN_UP(start); pfn < PFN_DOWN(end);
		     pfn++) {
			memblock_free_pages(NULL, pfn, 0);
			pages++;
		}
	}
	return pages;
}

static bool slab_up;
static void *last_kmalloc;
static gfp_t last_gfp;
static int last_nid;

bool slab_is_available(void)
{
	return slab_up;
}

void *kmalloc_node(size_t size, gfp_t flags, int nid)
{
	last_gfp = flags;
	last_nid = nid;
	last_kmalloc = calloc(1, size);
	return last_kmalloc;
}

/* ---- the layout every test starts from ---- */
/*
 * node 0: [1M, 17M)          4096 pages
 * node 1: [32M, 48M)         4096 pages
 *         [4G, 4G+16M)       4096 pages   (above ARCH_LOW_ADDRESS_LIMIT)
 * reserved: kernel [2M, 4M)  512 pages
 *           [5M+100, +100)   1 partial page
 */
#define FREE_PAGES_AT_START (3 * 4096 - 512 - 1)
#define NODE0_START (1 * MB)
#define NODE0_END (17 * MB)
#define NODE1_START (32 * MB)
#define HIGH_START (4 * GB)
#define HIGH_END (4 * GB + 16 * MB)

void reset_state(void)
{
	memblock_env_reset();
	slab_up = false;
	bootmem_debug = 0;
	handed = NULL;
	deferred_from = ~0UL;
}

static void setup(bool dirty)
{
	reset_state();
	memblock_add_node(NODE0_START, NODE0_END - NODE0_START, 0,
			  MEMBLOCK_NONE);
	memblock_add_node(NODE1_START, 16 * MB, 1, MEMBLOCK_NONE);
	memblock_add_node(HIGH_START, HIGH_END - HIGH_START, 1, MEMBLOCK_NONE);
	memblock_reserve(2 * MB, 2 * MB);
	memblock_reserve(5 * MB + 100, 100);
	memblock_allow_resize();

	if (dirty) {
		phys_addr_t s, e;
		u64 i;

		/* junk in all free memory, to prove allocations are zeroed */
		for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e,
					NULL)
			memset(__va(s), 0xa5, e - s);
	}
	bootmem_init_from_memblock();
	pages_handed = big_blocks = managed_resets = 0;
	memblock_env_on_free = count_handed;
}

static bool in_node0(void *p, unsigned long size)
{
	return __pa(p) >= NODE0_START && __pa(p) + size <= NODE0_END;
}

static bool in_node1(void *p, unsigned long size)
{
	phys_addr_t a = __pa(p);

	return (a >= NODE1_START && a + size <= NODE1_START + 16 * MB) ||
	       (a >= HIGH_START && a + size <= HIGH_END);
}

static bool is_zero(const void *p, unsigned long size)
{
	const unsigned char *c = p;

	for (unsigned long i = 0; i < size; i++)
		if (c[i])
			return false;
	return true;
}

/* Is [addr, addr+size) entirely free?  Probe with an exclusive reserve. */
static bool range_free(phys_addr_t addr, unsigned long size)
{
	if (reserve_bootmem(addr, size, BOOTMEM_EXCLUSIVE))
		return false;
	free_bootmem(addr, size);
	return true;
}

static void test_init(void)
{
	setup(false);
	ok_eq(max_pfn, PFN_DOWN(HIGH_END), "init: max_pfn from memblock");
	ok_eq(min_low_pfn, PFN_UP(NODE0_START), "init: min_low_pfn");
	ok_eq(max_low_pfn, max_pfn, "init: max_low_pfn (no highmem)");
	ok(!range_free(2 * MB, 4 * KB), "init: kernel stays reserved");
	ok(!range_free(5 * MB, 4 * KB), "init: partial-page reservation kept");
	ok(range_free(8 * MB, 1 * MB), "init: free memory is free");
	ok(range_free(HIGH_START, 1 * MB), "init: high memory is free");
#if IS_ENABLED(CONFIG_BOOTMEM_BITMAP)
	ok(bootmem_bootmap_pages(32768) == 1 &&
		   bootmem_bootmap_pages(32769) == 2,
	   "bitmap: bootmem_bootmap_pages");
	ok(bootmem_node_data[0].node_min_pfn == PFN_DOWN(NODE0_START) &&
		   bootmem_node_data[1].node_low_pfn == PFN_DOWN(HIGH_END),
	   "bitmap: per-node spans from memblock");
#else
	ok(1, "memblock: no bitmap to size");
	ok(1, "memblock: no per-node spans");
#endif
}

static void test_alignment(void)
{
	void *a, *b, *c;

	setup(false);
	a = alloc_bootmem(100);
	b = alloc_bootmem(100);
	ok(a && IS_ALIGNED(__pa(a), SMP_CACHE_BYTES) && b &&
		   IS_ALIGNED(__pa(b), SMP_CACHE_BYTES),
	   "alloc_bootmem: SMP_CACHE_BYTES aligned");
	ok(__pa(a) + 100 <= __pa(b) || __pa(b) + 100 <= __pa(a),
	   "alloc_bootmem: two small blocks do not overlap");
#if IS_ENABLED(CONFIG_BOOTMEM_BITMAP)
	ok(__pa(b) == __pa(a) + 128,
	   "bitmap: second small block shares the page (last_end_off)");
#else
	ok(__pa(b) == __pa(a) - 128, "memblock: top-down, packed below");
#endif
	c = alloc_bootmem_pages(100);
	ok(c && IS_ALIGNED(__pa(c), PAGE_SIZE),
	   "alloc_bootmem_pages: page aligned");
	c = __alloc_bootmem(5000, 1 * MB, 0);
	ok(c && IS_ALIGNED(__pa(c), 1 * MB),
	   "__alloc_bootmem: 1 MiB alignment");
	c = alloc_bootmem_align(64, 256);
	ok(c && IS_ALIGNED(__pa(c), 256), "alloc_bootmem_align: 256");
	int w = host_warn_count;
	c = __alloc_bootmem(64, 48, 0);
	ok(c && IS_ALIGNED(__pa(c), SMP_CACHE_BYTES) &&
		   host_warn_count == w + 1,
	   "align 48: WARN, cache-line aligned");
	ok(__alloc_bootmem_nopanic(0, 64, 0) == NULL, "size 0 -> NULL");
}

static void test_zeroing(void)
{
	setup(true);
	void *p1 = alloc_bootmem(3000);
	void *p2 = alloc_bootmem_pages(3 * PAGE_SIZE);
	void *p3 = alloc_bootmem_low(200);
	void *p4 = alloc_bootmem_node(1, 5000);
	void *p5 = __alloc_bootmem(700, 64, 9 * MB);
	ok(p1 && is_zero(p1, 3000), "alloc_bootmem zeroes");
	ok(p2 && is_zero(p2, 3 * PAGE_SIZE), "alloc_bootmem_pages zeroes");
	ok(p3 && is_zero(p3, 200), "alloc_bootmem_low zeroes");
	ok(p4 && is_zero(p4, 5000), "alloc_bootmem_node zeroes");
	ok(p5 && is_zero(p5, 700), "__alloc_bootmem with goal zeroes");
	ok(((unsigned char *)__va(8 * MB))[0] == 0xa5 ||
		   ((unsigned char *)__va(HIGH_END - 1))[0] == 0xa5,
	   "the junk really was there");
}

static void test_goal_limit(void)
{
	void *p;

	setup(false);
	p = __alloc_bootmem(4 * KB, PAGE_SIZE, 8 * MB);
	ok(p && __pa(p) >= 8 * MB, "goal: result at or above the goal");
	p = __alloc_bootmem(4 * KB, PAGE_SIZE, NODE1_START);
	ok(p && __pa(p) >= NODE1_START, "goal in node 1: honoured");
	p = alloc_bootmem_low(4 * KB);
	ok(p && __pa(p) + 4 * KB - 1 <= ARCH_LOW_ADDRESS_LIMIT,
	   "alloc_bootmem_low: below ARCH_LOW_ADDRESS_LIMIT");
	p = alloc_bootmem_pages_low(8 * KB);
	ok(p && __pa(p) + 8 * KB - 1 <= ARCH_LOW_ADDRESS_LIMIT &&
		   IS_ALIGNED(__pa(p), PAGE_SIZE),
	   "alloc_bootmem_pages_low: low and page aligned");
	p = alloc_bootmem_low_pages(8 * KB);
	ok(p && __pa(p) + 8 * KB - 1 <= ARCH_LOW_ADDRESS_LIMIT,
	   "alloc_bootmem_low_pages: low");
	p = __alloc_bootmem_low(4 * KB, PAGE_SIZE, 8 * MB);
	ok(p && __pa(p) >= 8 * MB &&
		   __pa(p) + 4 * KB - 1 <= ARCH_LOW_ADDRESS_LIMIT,
	   "__alloc_bootmem_low: goal and limit together");
	p = __alloc_bootmem_low_nopanic(4 * KB, PAGE_SIZE, 0);
	ok(p && __pa(p) + 4 * KB - 1 <= ARCH_LOW_ADDRESS_LIMIT,
	   "__alloc_bootmem_low_nopanic: low");
	p = __alloc_bootmem_low_node(1, 4 * KB, PAGE_SIZE, 0);
	ok(p && in_node1(p, 4 * KB) &&
		   __pa(p) + 4 * KB - 1 <= ARCH_LOW_ADDRESS_LIMIT,
	   "__alloc_bootmem_low_node: node 1, low part");
	p = __alloc_bootmem_low(4 * KB, PAGE_SIZE, HIGH_START);
	ok(p && __pa(p) + 4 * KB - 1 <= ARCH_LOW_ADDRESS_LIMIT,
	   "low with a goal above the limit: goal dropped, limit kept");

	/* fallback from the goal */
	p = __alloc_bootmem(4 * KB, PAGE_SIZE, 100 * GB);
	ok(p != NULL, "goal above all memory: falls back to goal 0");
	p = __alloc_bootmem(4 * KB, PAGE_SIZE, 20 * MB);
	ok(p != NULL, "goal in a hole: still served");
}

static void test_nodes(void)
{
	void *p;

	setup(false);
	p = alloc_bootmem_node(1, 4 * KB);
	ok(p && in_node1(p, 4 * KB), "alloc_bootmem_node(1): on node 1");
	p = alloc_bootmem_node(0, 4 * KB);
	ok(p && in_node0(p, 4 * KB), "alloc_bootmem_node(0): on node 0");
	p = alloc_bootmem_pages_node(0, 8 * KB);
	ok(p && in_node0(p, 8 * KB) && IS_ALIGNED(__pa(p), PAGE_SIZE),
	   "alloc_bootmem_pages_node(0)");
	p = __alloc_bootmem_node_high(1, 4 * KB, PAGE_SIZE, 0);
	ok(p && in_node1(p, 4 * KB), "__alloc_bootmem_node_high(1)");
	p = __alloc_bootmem_node_nopanic(0, 4 * KB, PAGE_SIZE, 0);
	ok(p && in_node0(p, 4 * KB), "__alloc_bootmem_node_nopanic(0)");

	/* exhaust node 0, then node-0 requests go elsewhere */
	unsigned long n = 0;
	while ((p = __alloc_bootmem_node_nopanic(0, 64 * KB, PAGE_SIZE, 0)) &&
	       in_node0(p, 64 * KB))
		n++;
	ok(n > 100 && p && in_node1(p, 64 * KB),
	   "node 0 full: __alloc_bootmem_node_nopanic(0) falls back to node 1");
	p = alloc_bootmem_node(0, 64 * KB);
	ok(p && in_node1(p, 64 * KB), "alloc_bootmem_node(0): falls back too");
}

static void test_reserve_free(void)
{
	void *p;

	setup(false);
	ok_eq(reserve_bootmem(8 * MB + 64 * KB, 4 * KB, BOOTMEM_DEFAULT), 0,
	      "reserve_bootmem: default");
	ok_eq(reserve_bootmem(8 * MB + 64 * KB, 4 * KB, BOOTMEM_DEFAULT), 0,
	      "reserve_bootmem: default twice is fine");
	ok_eq(reserve_bootmem(8 * MB, 128 * KB, BOOTMEM_EXCLUSIVE), -EBUSY,
	      "EXCLUSIVE over a reserved page -> -EBUSY");
	ok(range_free(8 * MB, 64 * KB) && range_free(8 * MB + 68 * KB, 60 * KB),
	   "EXCLUSIVE failure undid its partial reservation");
	ok_eq(reserve_bootmem(8 * MB, 64 * KB, BOOTMEM_EXCLUSIVE), 0,
	      "EXCLUSIVE on free pages works");
	ok_eq(reserve_bootmem(8 * MB + 100, 10, BOOTMEM_EXCLUSIVE), -EBUSY,
	      "EXCLUSIVE is page granular");
	ok_eq(reserve_bootmem_node(1, NODE1_START, 64 * KB, BOOTMEM_EXCLUSIVE),
	      0, "reserve_bootmem_node: exclusive on free pages");
	ok_eq(reserve_bootmem_node(1, NODE1_START + 60 * KB, 8 * KB,
				   BOOTMEM_EXCLUSIVE),
	      -EBUSY, "reserve_bootmem_node: EXCLUSIVE -> -EBUSY");
	ok(range_free(NODE1_START + 64 * KB, 4 * KB),
	   "reserve_bootmem_node: partial reservation undone");

	/* free then reuse */
	free_bootmem(8 * MB, 64 * KB);
	ok(range_free(8 * MB, 64 * KB), "free_bootmem: range free again");
	free_bootmem_node(1, NODE1_START, 64 * KB);
	ok(range_free(NODE1_START, 64 * KB), "free_bootmem_node: free again");
	p = alloc_bootmem_pages(16 * KB);
	phys_addr_t pa = __pa(p);
	ok(!range_free(pa, 16 * KB), "allocated pages are reserved");
	free_bootmem(pa, 16 * KB);
	ok(range_free(pa, 16 * KB), "free_bootmem: freed pages reusable");
	p = __alloc_bootmem(16 * KB, PAGE_SIZE, pa);
	ok(p && __pa(p) >= pa, "allocation with the freed block as goal");
}

/*
 * A reservation that runs past the end of a node into a hole cannot be
 * made on the bitmap backend (-EINVAL); memblock takes it whole.  Either
 * way nothing reserved before the call may become free: not the kernel
 * image, not the partial page, not node 0's bitmap at the top of node 0.
 */
static void test_reserve_past_node_end(void)
{
	int w, err;

	setup(false);
	w = host_warn_count;
	err = reserve_bootmem(3 * MB, NODE0_END + 64 * KB - 3 * MB,
			      BOOTMEM_DEFAULT);
#if IS_ENABLED(CONFIG_BOOTMEM_BITMAP)
	ok(err == -EINVAL && host_warn_count == w + 1,
	   "bitmap: DEFAULT reserve past the node end -> WARN, -EINVAL");
	ok(range_free(8 * MB, 1 * MB),
	   "bitmap: failed reserve left free pages free");
#else
	(void)w;
	ok_eq(err, 0, "memblock: DEFAULT reserve past the node end is taken");
	ok(!range_free(8 * MB, 4 * KB), "memblock: ... and reserved");
#endif
	ok(!range_free(3 * MB, 4 * KB) && !range_free(4 * MB - 4 * KB, 4 * KB),
	   "reserve past the node end: kernel image still reserved");
	ok(!range_free(5 * MB, 4 * KB),
	   "reserve past the node end: partial page still reserved");
	ok(!range_free(NODE0_END - 4 * KB, 4 * KB),
	   "reserve past the node end: node 0's last page (its bitmap) kept");

	/* a range from a node across a hole into the next node */
	setup(false);
	err = reserve_bootmem(2 * MB, NODE1_START + 64 * KB - 2 * MB,
			      BOOTMEM_DEFAULT);
	ok(!range_free(2 * MB, 4 * KB) && !range_free(5 * MB, 4 * KB),
	   "reserve across a hole: earlier reservations kept (err %d)", err);

	/* EXCLUSIVE: the bitmap backend refuses it before marking anything */
	setup(false);
	err = reserve_bootmem(12 * MB, NODE0_END + 64 * KB - 12 * MB,
			      BOOTMEM_EXCLUSIVE);
#if IS_ENABLED(CONFIG_BOOTMEM_BITMAP)
	ok_eq(err, -EINVAL,
	      "bitmap: EXCLUSIVE reserve past the node end fails");
	ok(range_free(12 * MB, 4 * MB),
	   "bitmap: EXCLUSIVE past the node end: the free pages stay free");
#else
	ok_eq(err, 0, "memblock: EXCLUSIVE past the node end: no bitmap there");
	ok(!range_free(12 * MB, 4 * KB), "memblock: ... and reserved");
#endif
	ok(!range_free(NODE0_END - 4 * KB, 4 * KB),
	   "EXCLUSIVE past the node end: what was reserved stays reserved");

	/* reserve_bootmem_node past its node: refused, nothing changes */
	setup(false);
	w = host_warn_count;
	err = reserve_bootmem_node(0, 3 * MB, NODE0_END + 4 * KB - 3 * MB,
				   BOOTMEM_DEFAULT);
#if IS_ENABLED(CONFIG_BOOTMEM_BITMAP)
	ok(err == -EINVAL && host_warn_count == w + 1 &&
		   range_free(8 * MB, 1 * MB),
	   "bitmap: reserve_bootmem_node past the node: -EINVAL, untouched");
#else
	(void)w;
	ok_eq(err, 0, "memblock: reserve_bootmem_node needs no node");
#endif
	ok(!range_free(3 * MB, 4 * KB) &&
		   !range_free(NODE0_END - 4 * KB, 4 * KB),
	   "reserve_bootmem_node past the node: reservations kept");
}

#if IS_ENABLED(CONFIG_BOOTMEM_BITMAP)
/*
 * Bitmap: a small allocation may start in the free tail of the page the
 * previous one ended in (last_end_off) only if that is at or above the
 * goal, and only while that page is still reserved.
 */
static void test_bitmap_shared_page(void)
{
	phys_addr_t page, goal;
	void *a, *b;

	setup(false);
	a = __alloc_bootmem(100, 64, 8 * MB);
	page = PFN_PHYS(PFN_DOWN(__pa(a)));
	goal = page + PAGE_SIZE;
	b = __alloc_bootmem(100, 64, goal);
	ok(a && b && __pa(b) >= goal,
	   "bitmap: a goal past the shared page is kept (%#llx >= %#llx)",
	   (unsigned long long)(b ? __pa(b) : 0), (unsigned long long)goal);

	setup(false);
	a = __alloc_bootmem(100, 64, 8 * MB);
	page = PFN_PHYS(PFN_DOWN(__pa(a)));
	free_bootmem(page, PAGE_SIZE); /* the caller gives the page back */
	b = __alloc_bootmem(100, 64, page + PAGE_SIZE);
	ok(b && !range_free(PFN_PHYS(PFN_DOWN(__pa(b))), PAGE_SIZE),
	   "bitmap: an allocation never lies in a free page");
}

/* Bitmap: node ids are checked before they index bootmem_node_data. */
static void test_bitmap_bad_nid(void)
{
	int w;

	setup(false);
	w = host_warn_count;
	ok_eq(reserve_bootmem_node(MAX_NUMNODES, 8 * MB, PAGE_SIZE,
				   BOOTMEM_DEFAULT),
	      -EINVAL, "bitmap: reserve_bootmem_node(MAX_NUMNODES) -> -EINVAL");
	ok_eq(reserve_bootmem_node(NUMA_NO_NODE, 8 * MB, PAGE_SIZE,
				   BOOTMEM_DEFAULT),
	      -EINVAL, "bitmap: reserve_bootmem_node(NUMA_NO_NODE) -> -EINVAL");
	free_bootmem_node(MAX_NUMNODES, 2 * MB, PAGE_SIZE);
	free_bootmem_node(-5, 2 * MB, PAGE_SIZE);
	ok(host_warn_count == w + 4, "bitmap: ... each with a warning");
	ok(range_free(8 * MB, PAGE_SIZE) && !range_free(2 * MB, PAGE_SIZE),
	   "bitmap: bad node ids change nothing");

	/* a free that runs off the node's end is refused whole */
	w = host_warn_count;
	reserve_bootmem(NODE0_END - 8 * KB, 8 * KB, BOOTMEM_DEFAULT);
	free_bootmem(NODE0_END - 8 * KB, 16 * KB);
	ok(host_warn_count == w + 1 && !range_free(NODE0_END - 8 * KB, 4 * KB),
	   "bitmap: free_bootmem past the node end: WARN, nothing freed");
}
#endif

/* One HOST_EXPECT_PANIC per function: keeps setjmp away from locals. */
static noinline bool panics_alloc(void)
{
	return HOST_EXPECT_PANIC(__alloc_bootmem(1 * MB, 4096, 8 * MB));
}

static noinline bool panics_alloc_low(void)
{
	return HOST_EXPECT_PANIC(alloc_bootmem_low(2 * MB));
}

static noinline bool panics_alloc_node(void)
{
	return HOST_EXPECT_PANIC(alloc_bootmem_node(0, 2 * MB));
}

static void test_exhaustion(void)
{
	unsigned long n = 0;
	void *p;

	setup(false);
	while ((p = __alloc_bootmem_nopanic(1 * MB, PAGE_SIZE, 0)))
		n++;
	/* 48 MiB of memory, minus the kernel and partial megabytes */
	ok(n >= 40 && n <= 48, "exhaustion: about 45 x 1 MiB served");
	ok(__alloc_bootmem_nopanic(1 * MB, PAGE_SIZE, 0) == NULL,
	   "__alloc_bootmem_nopanic: NULL when exhausted");
	ok(__alloc_bootmem_node_nopanic(1, 1 * MB, PAGE_SIZE, 0) == NULL,
	   "__alloc_bootmem_node_nopanic: NULL when exhausted");

	bool panicked = panics_alloc();
	ok(panicked, "__alloc_bootmem panics when exhausted");
	ok(strstr(host_panic_msg, "1048576 bytes") &&
		   strstr(host_panic_msg, "align 0x1000") &&
		   strstr(host_panic_msg, "goal 0x800000") &&
		   strstr(host_panic_msg, "limit 0"),
	   "panic message names size, align, goal, limit");
	panicked = panics_alloc_low();
	ok(panicked && strstr(host_panic_msg, "limit 0xffffffff"),
	   "alloc_bootmem_low panics naming the low limit");
	panicked = panics_alloc_node();
	ok(panicked, "alloc_bootmem_node panics when exhausted");
	ok(__alloc_bootmem_low_nopanic(2 * MB, PAGE_SIZE, 0) == NULL,
	   "__alloc_bootmem_low_nopanic: NULL");
}

static void test_free_all(void)
{
	unsigned long n;

	setup(false);
	n = free_all_bootmem();
	ok_eq(n, FREE_PAGES_AT_START,
	      "free_all_bootmem: every free page (" BACKEND " backend)");
	ok_eq(pages_handed, n, "free_all_bootmem: count = pages handed over");
	ok_eq(managed_resets, 1, "free_all_bootmem: managed pages reset once");
#if IS_ENABLED(CONFIG_BOOTMEM_BITMAP)
	ok(big_blocks > 0, "bitmap: aligned words freed as order-6 blocks");
#else
	ok(big_blocks == 0, "memblock: memblock_free_all chooses the orders");
#endif

	setup(false);
	alloc_bootmem_pages(3 * PAGE_SIZE);
	alloc_bootmem_node(1, 5 * PAGE_SIZE);
	alloc_bootmem(100);
	alloc_bootmem(100);
	reserve_bootmem(10 * MB, 8 * KB, BOOTMEM_DEFAULT);
	free_bootmem(2 * MB, 8 * KB);
	n = free_all_bootmem();
	ok_eq(n, FREE_PAGES_AT_START - 3 - 5 - 1 - 2 + 2,
	      "free_all_bootmem after allocations: same count on both backends");
	ok_eq(pages_handed, n, "... and all of them handed over");

	pages_handed = 0;
	free_bootmem_late(16 * MB + 100, 3 * PAGE_SIZE);
	ok_eq(pages_handed, 2, "free_bootmem_late: whole pages only");
}

static void test_slab_and_debug(void)
{
	void *p;

	setup(false);
	slab_up = true;
	int w = host_warn_count;
	p = alloc_bootmem_node(1, 300);
	ok(p && p == last_kmalloc && last_nid == 1 && (last_gfp & __GFP_ZERO),
	   "slab up: node allocation served by kmalloc_node, zeroed");
	ok(host_warn_count == w + 1, "slab up: with a warning");
	free(p);
	p = alloc_bootmem(64);
	ok(p && p == last_kmalloc && last_nid == NUMA_NO_NODE,
	   "slab up: plain allocation served by kmalloc too");
	free(p);
	slab_up = false;

	bootmem_debug = 1;
	host_log_clear();
	p = __alloc_bootmem(128, 64, 0);
	ok(host_log_contains("bootmem::") &&
		   host_log_contains("__alloc_bootmem nid=-1 size=80 align=40"),
	   "bootmem_debug: allocation traced with its arguments");
	ok(host_log_contains("caller=0x"), "bootmem_debug: caller traced");
	host_log_clear();
	free_bootmem(__pa(p), 128);
	reserve_bootmem(12 * MB, 4 * KB, BOOTMEM_DEFAULT);
	ok(host_log_contains("free_bootmem addr=") &&
		   host_log_contains("reserve_bootmem addr=c00000"),
	   "bootmem_debug: free and reserve traced");
	bootmem_debug = 0;
	host_log_clear();
	alloc_bootmem(64);
	ok(!host_log_contains("bootmem::"), "bootmem_debug off: silent");
}

void track_handoff(unsigned char *map, unsigned long base, unsigned long len)
{
	handed = map;
	handed_base = base;
	handed_len = len;
	handed_outside = handed_unaligned = 0;
	pages_handed = 0;
}

void defer_struct_pages(unsigned long pfn)
{
	deferred_from = pfn;
}

int main(void)
{
	host_sim_mem(0, HIGH_END);
	tap_diag("bootmem backend: %s", BACKEND);

	test_init();
	test_alignment();
	test_zeroing();
	test_goal_limit();
	test_nodes();
	test_reserve_free();
	test_reserve_past_node_end();
#if IS_ENABLED(CONFIG_BOOTMEM_BITMAP)
	test_bitmap_shared_page();
	test_bitmap_bad_nid();
#endif
	test_exhaustion();
	test_free_all();
	test_slab_and_debug();
	test_handoff_sweep();
	return tap_done();
}
