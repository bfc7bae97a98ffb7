// SPDX-License-Identifier: MIT
/*
 * memblock unit tests: region arrays and their growth (here), allocation
 * and iterators (test_memblock_alloc.c), queries, limits, dumps and the
 * debug trace (test_memblock_query.c).
 *
 * Built with MM_HOST_STANDALONE: memblock is tested without the page
 * allocator, whose hand-over hooks are counting stand-ins below.
 */
#include <stdio.h>
#include <string.h>

#include <kernel/errno.h>
#include <mm/memblock.h>

#include "memblock_env.h"
#include "test_memblock.h"

/* (memblock_env.h: the page allocator stand-ins count in pages_handed) */

/* Sorted, non-overlapping, fully merged, total right, no empty region. */
bool type_ok(struct memblock_type *t)
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

void dump_type(struct memblock_type *t)
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

int expect_regions(struct memblock_type *t, const char *name,
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

int expect_empty(struct memblock_type *t, const char *name)
{
	return ok(t->cnt == 0 && t->total_size == 0, "%s", name);
}

void reset(void)
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
}

/* reserved: the new array must avoid the range being reserved */
static void test_resize_reserved(void)
{
	phys_addr_t arr;
	unsigned long i;

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
}

/* out of memory for the new array */
static void test_resize_no_room(void)
{
	unsigned long i;

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

/* ---- discard hands grown arrays to the page allocator ---- */
static void test_discard(void)
{
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

int main(void)
{
	/* 8 GiB of simulated RAM, backed only where touched */
	host_sim_mem(0, 8 * GB);

	test_add();
	test_merge_rules();
	test_remove();
	test_bad_input();
	test_resize();
	test_resize_reserved();
	test_resize_no_room();
	test_alloc();
	test_iterators();
	test_queries();
	test_add_around();
	test_limits();
	test_debug();
	test_discard();
	return tap_done();
}
