// SPDX-License-Identifier: MIT
/*
 * memblock unit tests: region arrays, growth, allocation, iterators,
 * queries, limits, discard, dumps and the debug trace.
 *
 * Built with MM_HOST_STANDALONE: memblock is tested without the page
 * allocator, whose hand-over hooks are counting stand-ins below.
 */
#include <stdio.h>
#include <string.h>

#include <kernel/errno.h>
#include <mm/memblock.h>

#include "host.h"
#include "memblock_env.h"
#include "tap.h"

#define KB 1024ULL
#define MB (1024ULL * KB)
#define GB (1024ULL * MB)

/* (memblock_env.h: the page allocator stand-ins count in pages_handed) */

/* ---- helpers ---- */
struct er {
	phys_addr_t base, size;
	int nid;   /* ANY: don't care */
	int flags; /* ANY: don't care */
};
#define ANY (-2)

static struct memblock_type *const mem = &memblock.memory;
static struct memblock_type *const res = &memblock.reserved;

/* Sorted, non-overlapping, fully merged, total right, no empty region. */
static bool type_ok(struct memblock_type *t)
{
	phys_addr_t total = 0;

	for (unsigned long i = 0; i < t->cnt; i++) {
		struct memblock_region *r = &t->regions[i];

		if (!r->size)
			return false;
		total += r->size;
		if (i == 0)
			continue;
		struct memblock_region *p = r - 1;
		if (p->base + p->size > r->base)
			return false;
		if (p->base + p->size == r->base && p->nid == r->nid &&
		    p->flags == r->flags)
			return false;
	}
	return total == t->total_size && t->cnt <= t->max;
}

static void dump_type(struct memblock_type *t)
{
	tap_diag("  %s: cnt=%lu total=%#llx", t->name, t->cnt,
		 (unsigned long long)t->total_size);
	for (unsigned long i = 0; i < t->cnt && i < 12; i++)
		tap_diag("   [%#llx-%#llx) nid=%d flags=%#x",
			 (unsigned long long)t->regions[i].base,
			 (unsigned long long)(t->regions[i].base +
					      t->regions[i].size),
			 t->regions[i].nid, t->regions[i].flags);
}

static int expect_regions(struct memblock_type *t, const char *name,
			  const struct er *e, unsigned long n)
{
	bool good = t->cnt == n && type_ok(t);

	for (unsigned long i = 0; good && i < n; i++) {
		struct memblock_region *r = &t->regions[i];

		good = r->base == e[i].base && r->size == e[i].size &&
		       (e[i].nid == ANY || r->nid == e[i].nid) &&
		       (e[i].flags == ANY || (int)r->flags == e[i].flags);
	}
	if (!good)
		dump_type(t);
	return ok(good, "%s", name);
}

#define EXPECT(t, name, ...)                                             \
	({                                                               \
		const struct er _e[] = {__VA_ARGS__};                    \
		expect_regions(t, name, _e, sizeof(_e) / sizeof(_e[0])); \
	})
#define R(b, s)                    \
	{                          \
		(b), (s), ANY, ANY \
	}
#define RN(b, s, n)                \
	{                          \
		(b), (s), (n), ANY \
	}
#define RF(b, s, f)                \
	{                          \
		(b), (s), ANY, (f) \
	}

static int expect_empty(struct memblock_type *t, const char *name)
{
	return ok(t->cnt == 0 && t->total_size == 0, "%s", name);
}

static void reset(void)
{
	memblock_discard();
	memblock_reset_type(&memblock.physmem);
	memblock.bottom_up = false;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	memblock_set_debug(false);
	pages_handed = 0;
}

/* ---- add ---- */
static void test_add(void)
{
	reset();
	ok_eq(memblock_add(1 * MB, 1 * MB), 0, "add: returns 0");
	EXPECT(mem, "add: one region, node 0", RN(1 * MB, 1 * MB, 0));

	memblock_add(2 * MB, 1 * MB);
	EXPECT(mem, "add: adjacent above merges", R(1 * MB, 2 * MB));
	memblock_add(512 * KB, 512 * KB);
	EXPECT(mem, "add: adjacent below merges", R(512 * KB, 2560 * KB));
	memblock_add(8 * MB, 1 * MB);
	memblock_add(5 * MB, 1 * MB);
	EXPECT(mem, "add: disjoint regions sorted", R(512 * KB, 2560 * KB),
	       R(5 * MB, 1 * MB), R(8 * MB, 1 * MB));

	/* overlap shapes against [5M, 6M) */
	memblock_add(5 * MB + 4 * KB, 8 * KB);
	EXPECT(mem, "add: inside existing -> no change", R(512 * KB, 2560 * KB),
	       R(5 * MB, 1 * MB), R(8 * MB, 1 * MB));
	memblock_add(5 * MB, 1 * MB);
	EXPECT(mem, "add: exact duplicate -> no change", R(512 * KB, 2560 * KB),
	       R(5 * MB, 1 * MB), R(8 * MB, 1 * MB));
	memblock_add(4 * MB + 512 * KB, 1 * MB);
	EXPECT(mem, "add: overlap on the left extends", R(512 * KB, 2560 * KB),
	       R(4 * MB + 512 * KB, 1536 * KB), R(8 * MB, 1 * MB));
	memblock_add(5 * MB + 512 * KB, 1 * MB);
	EXPECT(mem, "add: overlap on the right extends", R(512 * KB, 2560 * KB),
	       R(4 * MB + 512 * KB, 2 * MB), R(8 * MB, 1 * MB));
	memblock_add(2 * MB, 8 * MB);
	EXPECT(mem, "add: spanning several regions merges all",
	       R(512 * KB, 9728 * KB));
	ok(memblock_phys_mem_size() == 9728 * KB, "add: total_size right");

	/* Existing regions are never changed by an overlapping add. */
	reset();
	memblock_add_node(1 * MB, 1 * MB, 0, MEMBLOCK_NONE);
	memblock_add_node(3 * MB, 1 * MB, 0, MEMBLOCK_NONE);
	memblock_add_node(512 * KB, 4 * MB, 1, MEMBLOCK_NONE);
	EXPECT(mem, "add_node: only the holes get the new node",
	       RN(512 * KB, 512 * KB, 1), RN(1 * MB, 1 * MB, 0),
	       RN(2 * MB, 1 * MB, 1), RN(3 * MB, 1 * MB, 0),
	       RN(4 * MB, 512 * KB, 1));
}

/* ---- merge rules ---- */
static void test_merge_rules(void)
{
	reset();
	memblock_add_node(1 * MB, 1 * MB, 0, MEMBLOCK_NONE);
	memblock_add_node(2 * MB, 1 * MB, 1, MEMBLOCK_NONE);
	EXPECT(mem, "merge: adjacent, different nid stay apart",
	       RN(1 * MB, 1 * MB, 0), RN(2 * MB, 1 * MB, 1));
	memblock_set_node(2 * MB, 1 * MB, mem, 0);
	EXPECT(mem, "merge: set_node to the same nid merges",
	       RN(1 * MB, 2 * MB, 0));

	memblock_add_node(3 * MB, 1 * MB, 0, MEMBLOCK_HOTPLUG);
	EXPECT(mem, "merge: adjacent, different flags stay apart",
	       RF(1 * MB, 2 * MB, 0), RF(3 * MB, 1 * MB, MEMBLOCK_HOTPLUG));
	memblock_clear_hotplug(3 * MB, 1 * MB);
	EXPECT(mem, "merge: clearing the flag merges", RF(1 * MB, 3 * MB, 0));

	memblock_mark_mirror(2 * MB, 4 * KB);
	EXPECT(mem, "mark_mirror: splits into three", RF(1 * MB, 1 * MB, 0),
	       RF(2 * MB, 4 * KB, MEMBLOCK_MIRROR),
	       RF(2 * MB + 4 * KB, 2 * MB - 4 * KB, 0));
	memblock_clear_mirror(0, 16 * MB);
	EXPECT(mem, "clear_mirror: merged back", RF(1 * MB, 3 * MB, 0));
	memblock_mark_nomap(1 * MB, 512 * KB);
	memblock_mark_hotplug(1 * MB, 512 * KB);
	EXPECT(mem, "nomap+hotplug flags combine",
	       RF(1 * MB, 512 * KB, MEMBLOCK_NOMAP | MEMBLOCK_HOTPLUG),
	       RF(1536 * KB, 2560 * KB, 0));
	memblock_clear_nomap(1 * MB, 512 * KB);
	memblock_clear_hotplug(1 * MB, 512 * KB);
	EXPECT(mem, "flags cleared: one region again", R(1 * MB, 3 * MB));

	/* set_node over a partial range */
	memblock_set_node(1 * MB + 256 * KB, 256 * KB, mem, 2);
	EXPECT(mem, "set_node: middle split", RN(1 * MB, 256 * KB, 0),
	       RN(1 * MB + 256 * KB, 256 * KB, 2), RN(1536 * KB, 2560 * KB, 0));
	int s, e;
	memblock_isolate_range(mem, 1 * MB + 128 * KB, 512 * KB, &s, &e);
	if (!ok(s == 1 && e == 4 && mem->cnt == 5,
		"isolate_range: splits both ends, returns [1,4)")) {
		tap_diag("  s=%d e=%d", s, e);
		dump_type(mem);
	}
	memblock_isolate_range(mem, 64 * MB, 1 * MB, &s, &e);
	ok(s == 0 && e == 0 && mem->cnt == 5,
	   "isolate_range: outside memory -> empty, nothing split");
}

/* ---- remove / reserve / free ---- */
static void test_remove(void)
{
	reset();
	memblock_add(1 * MB, 8 * MB); /* [1M, 9M) */
	memblock_remove(2 * MB, 1 * MB);
	EXPECT(mem, "remove: inside splits", R(1 * MB, 1 * MB),
	       R(3 * MB, 6 * MB));
	memblock_remove(512 * KB, 1 * MB);
	EXPECT(mem, "remove: left overlap trims", R(1536 * KB, 512 * KB),
	       R(3 * MB, 6 * MB));
	memblock_remove(8 * MB, 4 * MB);
	EXPECT(mem, "remove: right overlap trims", R(1536 * KB, 512 * KB),
	       R(3 * MB, 5 * MB));
	memblock_remove(1536 * KB, 512 * KB);
	EXPECT(mem, "remove: exact region", R(3 * MB, 5 * MB));
	memblock_remove(32 * MB, 1 * MB);
	EXPECT(mem, "remove: not present -> no change", R(3 * MB, 5 * MB));
	memblock_add(10 * MB, 1 * MB);
	memblock_add(12 * MB, 1 * MB);
	memblock_remove(4 * MB, 8 * MB + 512 * KB);
	EXPECT(mem, "remove: spanning several regions", R(3 * MB, 1 * MB),
	       R(12 * MB + 512 * KB, 512 * KB));
	memblock_remove(0, PHYS_ADDR_MAX);
	expect_empty(mem, "remove: everything -> empty");

	/* reserve and free share the add/remove code; check the shapes */
	memblock_reserve(1 * MB, 4 * KB);
	memblock_reserve(1 * MB + 4 * KB, 4 * KB);
	EXPECT(res, "reserve: adjacent merge", R(1 * MB, 8 * KB));
	memblock_reserve(1 * MB, 2 * KB);
	EXPECT(res, "reserve: inside existing -> no change", R(1 * MB, 8 * KB));
	memblock_reserve(1 * MB - 4 * KB, 16 * KB);
	EXPECT(res, "reserve: spanning overlap", R(1 * MB - 4 * KB, 16 * KB));
	ok_eq(memblock_reserved_size(), 16 * KB, "reserved_size");
	memblock_free(1 * MB, 4 * KB);
	EXPECT(res, "free: middle splits", R(1 * MB - 4 * KB, 4 * KB),
	       R(1 * MB + 4 * KB, 8 * KB));
	memblock_phys_free(1 * MB + 8 * KB, 16 * KB);
	EXPECT(res, "phys_free: right overlap", R(1 * MB - 4 * KB, 4 * KB),
	       R(1 * MB + 4 * KB, 4 * KB));
	memblock_free(64 * MB, 4 * KB);
	EXPECT(res, "free: not reserved -> no change",
	       R(1 * MB - 4 * KB, 4 * KB), R(1 * MB + 4 * KB, 4 * KB));
	memblock_free(0, 2 * MB);
	expect_empty(res, "free: spanning all -> empty");
	ok(res->regions[0].size == 0 && res->regions[0].nid == MAX_NUMNODES,
	   "empty type keeps a clean dummy slot");
}

/* ---- bad input ---- */
static void test_bad_input(void)
{
	reset();
	memblock_add(1 * MB, 1 * MB);
	ok(memblock_add(4 * MB, 0) == 0 && memblock_reserve(4 * MB, 0) == 0 &&
		   memblock_remove(1 * MB, 0) == 0 &&
		   memblock_free(1 * MB, 0) == 0,
	   "size 0: every call returns 0");
	EXPECT(mem, "size 0: memory unchanged", R(1 * MB, 1 * MB));
	expect_empty(res, "size 0: nothing reserved");

	memblock_add(PHYS_ADDR_MAX - 4 * KB + 1, 1 * MB);
	EXPECT(mem, "overflowing add is capped at the top", R(1 * MB, 1 * MB),
	       R(PHYS_ADDR_MAX - 4 * KB + 1, 4 * KB - 1));
	memblock_remove(PHYS_ADDR_MAX - 8 * KB, 64 * KB);
	EXPECT(mem, "overflowing remove is capped too", R(1 * MB, 1 * MB));
	ok(memblock_is_region_memory(1 * MB, PHYS_ADDR_MAX) == false,
	   "is_region_memory: huge size capped, not wrapped");

	int w = host_warn_count;
	phys_addr_t a = memblock_phys_alloc(100, 3);
	ok(host_warn_count == w + 1 && a && IS_ALIGNED(a, SMP_CACHE_BYTES),
	   "align 3: WARN, cache-line aligned result");
	w = host_warn_count;
	a = memblock_phys_alloc(100, 0);
	ok(host_warn_count == w + 1 && a && IS_ALIGNED(a, SMP_CACHE_BYTES),
	   "align 0: WARN, cache-line aligned result");
	ok_eq(memblock_phys_alloc(0, 64), 0, "alloc size 0 -> 0");
	ok_eq(memblock_phys_alloc(64 * MB, PAGE_SIZE), 0,
	      "unsatisfiable phys alloc -> 0, no panic");
	ok(memblock_alloc(64 * MB, PAGE_SIZE) == NULL,
	   "unsatisfiable virt alloc -> NULL");
	ok_eq(memblock_phys_alloc_try_nid(2 * MB, PAGE_SIZE, 3), 0,
	      "unsatisfiable try_nid -> 0");
}

/* ---- growing the arrays ---- */
static void test_resize(void)
{
	struct memblock_region saved[INIT_MEMBLOCK_REGIONS];
	unsigned long i;

	reset();
	/* 128 disjoint memory regions, 1 MiB apart */
	for (i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		memblock_add(16 * MB + i * MB, 512 * KB);
	ok(mem->cnt == INIT_MEMBLOCK_REGIONS && mem->max == 128,
	   "resize: 128 regions fill the static array");
	memcpy(saved, mem->regions, sizeof(saved));
	phys_addr_t total = mem->total_size;

	ok_eq(memblock_add(1 * MB, 4 * KB), -ENOMEM,
	      "resize: before allow_resize, add -> -ENOMEM");
	ok_eq(memblock_add(15 * MB, 200 * MB), -ENOMEM,
	      "resize: spanning add needing 129 slots -> -ENOMEM");
	ok_eq(memblock_remove(16 * MB + 128 * KB, 4 * KB), -ENOMEM,
	      "resize: splitting remove -> -ENOMEM");
	ok(mem->cnt == 128 && mem->total_size == total &&
		   !memcmp(saved, mem->regions, sizeof(saved)),
	   "resize: failed calls changed nothing");
	ok_eq(memblock_remove(16 * MB, 512 * KB), 0,
	      "resize: remove of a whole region needs no slot");
	memblock_add(16 * MB, 512 * KB);

	memblock_allow_resize();
	ok_eq(memblock_add(1 * MB, 4 * KB), 0,
	      "resize: after allow_resize, add works");
	ok(mem->max == 256 && mem->cnt == 129 && type_ok(mem),
	   "resize: memory array doubled to 256");
	phys_addr_t arr = __pa(mem->regions);
	ok(memblock_is_region_reserved(arr,
				       256 * sizeof(struct memblock_region)),
	   "resize: new array is reserved");
	ok(memblock_is_region_memory(arr, 256 * sizeof(struct memblock_region)),
	   "resize: new array lies in memory");
	ok(!(arr < 1 * MB + 4 * KB && 1 * MB < arr + 8 * KB),
	   "resize: new array does not overlap the range being added");

	for (i = 0; i < 200; i++)
		memblock_add(200 * MB + i * 2 * MB, 1 * MB);
	ok(mem->cnt == 329 && mem->max == 512 && type_ok(mem),
	   "resize: 329 regions, doubled again to 512");
	ok(!memblock_is_region_reserved(arr,
					256 * sizeof(struct memblock_region)),
	   "resize: the old dynamic array was freed");
	ok(memblock_is_region_reserved(__pa(mem->regions),
				       512 * sizeof(struct memblock_region)),
	   "resize: the 512-entry array is reserved");

	/* reserved: the new array must avoid the range being reserved */
	reset();
	memblock_add(16 * MB, 16 * MB);
	for (i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		memblock_reserve(16 * MB + i * 16 * KB, 4 * KB);
	memblock_allow_resize();
	ok_eq(memblock_reserve(31 * MB, 1 * MB), 0,
	      "resize: reserve at the top with a full array");
	arr = __pa(res->regions);
	ok(res->max == 256 && !(arr < 32 * MB && 31 * MB < arr + 8 * KB),
	   "resize: new reserved array avoids the range being reserved");
	ok(memblock_is_region_reserved(arr, 8 * KB) && type_ok(res),
	   "resize: new reserved array is itself reserved");
	ok(arr + 8 * KB <= 31 * MB && arr >= 16 * MB,
	   "resize: new reserved array placed top-down below the range");

	/* out of memory for the new array */
	reset();
	memblock_add(1 * MB, 4 * KB);
	for (i = 1; i < INIT_MEMBLOCK_REGIONS; i++)
		memblock_add(16 * MB + i * MB, 512 * KB);
	for (i = 1; i < INIT_MEMBLOCK_REGIONS; i++)
		memblock_reserve(16 * MB + i * MB, 512 * KB);
	memblock_allow_resize();
	ok_eq(memblock_add(2 * MB, 4 * KB), -ENOMEM,
	      "resize: no room for the new array -> -ENOMEM");
	ok(mem->cnt == 128 && mem->max == 128,
	   "resize: nothing changed after the failure");
}

/* ---- allocation ---- */
static void test_alloc(void)
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

	/* address 0 is the failure value: never returned */
	reset();
	memblock_add(0, 8 * KB);
	memblock_set_bottom_up(true);
	ok_eq(memblock_phys_alloc(4 * KB, 4 * KB), 4 * KB,
	      "first page is never allocated");
	ok_eq(memblock_phys_alloc(4 * KB, 4 * KB), 0, "... so now full");

	/* current_limit and MEMBLOCK_ALLOC_* */
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

	/* zeroing */
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

	/* low allocations */
	reset();
	memblock_add(1 * MB, 16 * MB);
	memblock_add(5 * GB, 16 * MB);
	p = memblock_alloc(4 * KB, 4 * KB);
	ok(p && __pa(p) >= 5 * GB, "memblock_alloc goes high");
	p = memblock_alloc_low(4 * KB, 4 * KB);
	ok(p && __pa(p) + 4 * KB - 1 <= ARCH_LOW_ADDRESS_LIMIT,
	   "memblock_alloc_low stays below ARCH_LOW_ADDRESS_LIMIT");

	/* nodes */
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

	/* nomap and hotplug */
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

/* ---- iterators ---- */
static void test_iterators(void)
{
	phys_addr_t s, e, got[8][2];
	int nid, n;
	u64 i;

	reset();
	memblock_add_node(1 * MB, 3 * MB, 0, MEMBLOCK_NONE);
	memblock_add_node(8 * MB, 4 * MB, 1, MEMBLOCK_NONE);
	memblock_add_node(16 * MB, 1 * MB, 1, MEMBLOCK_NONE);
	memblock_mark_nomap(16 * MB, 1 * MB);
	memblock_reserve(2 * MB, 1 * MB);
	memblock_reserve(8 * MB, 4 * KB);

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

	/* pfn ranges: partial pages dropped, sub-page regions skipped */
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

	/* empty types */
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

/* ---- queries ---- */
static void test_queries(void)
{
	reset();
	ok(memblock_start_of_DRAM() == 0 && memblock_end_of_DRAM() == 0,
	   "start/end of DRAM with no memory: 0");
	memblock_add(1 * MB, 3 * MB);
	memblock_add(8 * MB, 4 * MB);
	memblock_reserve(2 * MB, 4 * KB);
	memblock_mark_nomap(10 * MB, 1 * MB);
	ok_eq(memblock_phys_mem_size(), 7 * MB, "phys_mem_size");
	ok_eq(memblock_reserved_size(), 4 * KB, "reserved_size");
	ok_eq(memblock_start_of_DRAM(), 1 * MB, "start_of_DRAM");
	ok_eq(memblock_end_of_DRAM(), 12 * MB, "end_of_DRAM");
	ok(memblock_is_memory(1 * MB) && memblock_is_memory(4 * MB - 1) &&
		   !memblock_is_memory(4 * MB) && !memblock_is_memory(0) &&
		   memblock_is_memory(10 * MB),
	   "is_memory at the edges");
	ok(memblock_is_map_memory(9 * MB) && !memblock_is_map_memory(10 * MB) &&
		   !memblock_is_map_memory(5 * MB),
	   "is_map_memory excludes nomap and holes");
	ok(memblock_is_reserved(2 * MB) &&
		   memblock_is_reserved(2 * MB + 4095) &&
		   !memblock_is_reserved(2 * MB + 4096),
	   "is_reserved at the edges");
	ok(memblock_is_region_memory(1 * MB, 3 * MB) &&
		   !memblock_is_region_memory(1 * MB, 3 * MB + 1) &&
		   !memblock_is_region_memory(5 * MB, 1),
	   "is_region_memory");
	ok(memblock_is_region_reserved(1 * MB, 1 * MB + 1) &&
		   !memblock_is_region_reserved(1 * MB, 1 * MB),
	   "is_region_reserved: any overlap");

	ok_eq(memblock_physmem_add(1 * MB, 16 * MB), 0, "physmem_add");
	EXPECT(&memblock.physmem, "physmem records the range",
	       R(1 * MB, 16 * MB));
}

/* ---- memory around and under reservations not recorded yet ---- */
static void test_add_around(void)
{
	const struct memblock_region pend[] = {
		{.base = 2 * MB, .size = 1 * MB},
		{.base = 4 * MB, .size = 1 * MB, .flags = MEMBLOCK_NOMAP},
		/* overlaps the first: one map piece [2.5M, 3.5M) */
		{.base = 2 * MB + 512 * KB, .size = 1 * MB},
		{.base = 40 * MB, .size = 1 * MB}, /* outside the range */
	};

	reset();
	ok_eq(memblock_add_around(1 * MB, 16 * MB, 1, pend, 4, false), 0,
	      "add_around: around the pending ranges");
	EXPECT(mem, "add_around: only what nothing pending touches",
	       RN(1 * MB, 1 * MB, 1), RN(3 * MB + 512 * KB, 512 * KB, 1),
	       RN(5 * MB, 12 * MB, 1));
	ok_eq(memblock_add_around(1 * MB, 16 * MB, 1, pend, 4, true), 0,
	      "add_around: under the pending ranges");
	EXPECT(mem, "add_around: the holes filled, no-map under the no-map one",
	       RF(1 * MB, 3 * MB, MEMBLOCK_NONE),
	       RF(4 * MB, 1 * MB, MEMBLOCK_NOMAP),
	       RF(5 * MB, 12 * MB, MEMBLOCK_NONE));
	ok(!memblock_is_memory(40 * MB), "add_around: no memory outside");
}

/* ---- limits ---- */
static void test_limits(void)
{
	reset();
	memblock_add(1 * MB, 16 * MB);	/* [1M, 17M) */
	memblock_add(32 * MB, 16 * MB); /* [32M, 48M) */
	memblock_physmem_add(1 * MB, 47 * MB);
	memblock_reserve(40 * MB, 1 * MB);
	memblock_reserve(2 * MB, 1 * MB);
	memblock_enforce_memory_limit(20 * MB);
	EXPECT(mem, "mem=20M keeps the first 20 MiB of memory",
	       R(1 * MB, 16 * MB), R(32 * MB, 4 * MB));
	EXPECT(res, "mem= drops reservations above the cut", R(2 * MB, 1 * MB));
	EXPECT(&memblock.physmem, "mem= leaves physmem alone",
	       R(1 * MB, 47 * MB));
	memblock_enforce_memory_limit(1 * GB);
	EXPECT(mem, "limit above memory size: no change", R(1 * MB, 16 * MB),
	       R(32 * MB, 4 * MB));
	memblock_enforce_memory_limit(0);
	EXPECT(mem, "limit 0: no change", R(1 * MB, 16 * MB),
	       R(32 * MB, 4 * MB));

	reset();
	memblock_add(1 * MB, 16 * MB);
	memblock_add(32 * MB, 16 * MB);
	memblock_mark_nomap(40 * MB, 1 * MB);
	memblock_reserve(2 * MB, 1 * MB);
	memblock_reserve(34 * MB, 1 * MB);
	memblock_cap_memory_range(33 * MB, 4 * MB);
	EXPECT(mem, "cap_memory_range keeps the window and nomap",
	       R(33 * MB, 4 * MB), RF(40 * MB, 1 * MB, MEMBLOCK_NOMAP));
	EXPECT(res, "cap_memory_range drops reservations outside",
	       R(34 * MB, 1 * MB));
	memblock_cap_memory_range(0, 0);
	EXPECT(mem, "cap with size 0: no change", R(33 * MB, 4 * MB),
	       R(40 * MB, 1 * MB));

	/*
	 * A window whose end wraps past the top of phys_addr_t means "from
	 * base to the end of the address space" (Linux clamps the size):
	 * everything at or above base stays, reservations included.
	 */
	reset();
	memblock_add(1 * MB, 16 * MB);
	memblock_add(32 * MB, 16 * MB);
	memblock_reserve(2 * MB, 1 * MB);
	memblock_reserve(34 * MB, 1 * MB);
	memblock_reserve(44 * MB, 1 * MB);
	memblock_cap_memory_range(33 * MB, PHYS_ADDR_MAX);
	EXPECT(mem, "cap with a wrapping end keeps everything above base",
	       R(33 * MB, 15 * MB));
	EXPECT(res, "cap with a wrapping end keeps the reservations above base",
	       R(34 * MB, 1 * MB), R(44 * MB, 1 * MB));
	memblock_cap_memory_range(0, PHYS_ADDR_MAX);
	EXPECT(res, "cap of the whole address space drops nothing",
	       R(34 * MB, 1 * MB), R(44 * MB, 1 * MB));

	reset();
	memblock_add(1 * MB, 16 * MB);
	memblock_add(32 * MB, 16 * MB);
	memblock_mark_nomap(40 * MB, 1 * MB);
	memblock_mem_limit_remove_map(20 * MB);
	EXPECT(mem, "mem_limit_remove_map: cut at 20 MiB, nomap kept",
	       R(1 * MB, 16 * MB), R(32 * MB, 4 * MB),
	       RF(40 * MB, 1 * MB, MEMBLOCK_NOMAP));

	/* trim */
	reset();
	memblock_add(1 * MB + 100, 1 * MB);
	memblock_add(4 * MB, 1 * MB - 10);
	memblock_add(8 * MB + 10, 100);
	memblock_add(16 * MB, 1 * MB);
	memblock_trim_memory(PAGE_SIZE);
	EXPECT(mem, "trim: edges rounded inward, tiny region dropped",
	       R(1 * MB + 4 * KB, 1 * MB - 4 * KB), R(4 * MB, 1 * MB - 4 * KB),
	       R(16 * MB, 1 * MB));

	/* discard hands grown arrays to the page allocator */
	reset();
	memblock_add(1 * MB, 63 * MB);
	memblock_allow_resize();
	for (unsigned long i = 0; i < 130; i++)
		memblock_reserve(2 * MB + i * 64 * KB, 4 * KB);
	ok(res->max == 256 && mem->max == 128,
	   "discard setup: reserved array grown");
	pages_handed = 0;
	memblock_discard();
	ok_eq(pages_handed, 2, "discard: the 8 KiB array went to the buddy");
	ok(res->max == INIT_MEMBLOCK_REGIONS && res->cnt == 0 && mem->cnt == 0,
	   "discard: arrays back to the static ones, empty");
	ok_eq(memblock_add(1 * MB, 4 * KB), 0, "memblock usable for tests");
	pages_handed = 0;
	memblock_free_late(4 * KB + 1, 12 * KB);
	ok_eq(pages_handed, 2, "free_late: only whole pages");
}

/* ---- dump and trace ---- */
static noinline phys_addr_t traced_call(unsigned long *lo, unsigned long *hi)
{
	*lo = (unsigned long)&traced_call;
	*hi = *lo + 512;
	return memblock_reserve(3 * MB, 4 * KB);
}

static void test_debug(void)
{
	reset();
	memblock_add_node(1 * MB, 16 * MB, 0, MEMBLOCK_NONE);
	memblock_reserve(2 * MB, 64 * KB);
	host_log_clear();
	memblock_dump_all();
	ok(host_log[0] == 0, "dump_all prints nothing without memblock=debug");

	memblock_set_debug(true);
	host_log_clear();
	memblock_dump_all();
	ok(host_log_contains("MEMBLOCK configuration:\n"), "dump: header");
	ok(host_log_contains(
		   " memory size = 0x0000000001000000 reserved size = 0x0000000000010000\n"),
	   "dump: sizes line in Linux's format");
	ok(host_log_contains(" memory.cnt  = 0x1\n"), "dump: memory.cnt line");
	ok(host_log_contains(
		   " memory[0x0]\t[0x0000000000100000-0x00000000010fffff], 0x0000000001000000 bytes on node 0 flags: 0x0\n"),
	   "dump: memory region line");
	ok(host_log_contains(" reserved.cnt  = 0x1\n"),
	   "dump: reserved.cnt line");
	ok(host_log_contains(
		   " reserved[0x0]\t[0x0000000000200000-0x000000000020ffff], 0x0000000000010000 bytes flags: 0x0\n"),
	   "dump: reserved region line (no node)");
	ok(host_log_contains(" physmem.cnt  = 0x0\n"), "dump: physmem");

	host_log_clear();
	unsigned long lo, hi, caller = 0;
	traced_call(&lo, &hi);
	const char *t = strstr(
		host_log,
		"memblock_reserve: [0x0000000000300000-0x0000000000300fff] ");
	ok(t != NULL, "trace: function and range");
	if (t)
		sscanf(strchr(t, ']') + 2, "%lx", &caller);
	ok(caller > lo && caller < hi, "trace: caller address is the caller");

	host_log_clear();
	memblock_phys_alloc(4 * KB, 4 * KB);
	ok(host_log_contains(
		   "memblock_phys_alloc_range: 4096 bytes align=0x1000"),
	   "trace: allocations");
	host_log_clear();
	memblock_remove(8 * MB, 4 * KB);
	memblock_free(3 * MB, 4 * KB);
	memblock_mark_nomap(8 * MB, 4 * KB);
	ok(host_log_contains("memblock_remove: [") &&
		   host_log_contains("memblock_free: [") &&
		   host_log_contains("memblock_mark_nomap: ["),
	   "trace: remove, free, flags");
	memblock_set_debug(false);
	host_log_clear();
	memblock_add(32 * MB, 4 * KB);
	ok(!host_log_contains("memblock_add"), "trace off: silent");
}

int main(void)
{
	/* 8 GiB of simulated RAM, backed only where touched */
	host_sim_mem(0, 8 * GB);

	test_add();
	test_merge_rules();
	test_remove();
	test_bad_input();
	test_resize();
	test_alloc();
	test_iterators();
	test_queries();
	test_add_around();
	test_limits();
	test_debug();
	return tap_done();
}
