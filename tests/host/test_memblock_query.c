// SPDX-License-Identifier: MIT
/*
 * memblock unit tests, part of the memblock test program (test_memblock.c):
 * queries, adding around pending reservations, the mem=/cap limits and
 * trim, dumps and the debug trace.
 */
#include <stdio.h>
#include <string.h>

#include <mm/memblock.h>

#include "test_memblock.h"

/* ---- queries ---- */
void test_queries(void)
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
void test_add_around(void)
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

/* A clean memblock with two banks, [1M, 17M) and [32M, 48M). */
static void two_banks(void)
{
	reset();
	memblock_add(1 * MB, 16 * MB);
	memblock_add(32 * MB, 16 * MB);
}

static void test_mem_limit(void)
{
	two_banks();
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
}

static void test_cap_memory_range(void)
{
	two_banks();
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
}

static void test_cap_wrapping(void)
{
	/*
	 * A window whose end wraps past the top of phys_addr_t means "from
	 * base to the end of the address space" (Linux clamps the size):
	 * everything at or above base stays, reservations included.
	 */
	two_banks();
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
}

void test_limits(void)
{
	test_mem_limit();
	test_cap_memory_range();
	test_cap_wrapping();

	two_banks();
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
}

/* ---- dump and trace ---- */
static noinline phys_addr_t traced_call(unsigned long *lo, unsigned long *hi)
{
	*lo = (unsigned long)&traced_call;
	*hi = *lo + 512;
	return memblock_reserve(3 * MB, 4 * KB);
}

static noinline void *traced_alloc(unsigned long *lo, unsigned long *hi)
{
	*lo = (unsigned long)&traced_alloc;
	*hi = *lo + 512;
	return memblock_alloc_try_nid(4 * KB, 4 * KB, 0,
				      MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
}

/* The virtual allocators' trace names each entry point and its caller. */
static void test_debug_alloc(void)
{
	static const char *const names[] = {
		"memblock_alloc_try_nid: 4096 bytes align=0x1000 nid=-1 from=0x0000000000000000 max_addr=",
		"memblock_alloc_try_nid_raw: 4096 bytes align=0x1000 nid=0 ",
		"memblock_alloc_exact_nid_raw: 4096 bytes align=0x1000 nid=0 ",
	};
	unsigned long lo, hi, caller = 0;
	const char *t;
	bool all = true;

	host_log_clear();
	traced_alloc(&lo, &hi);
	memblock_alloc_try_nid_raw(4 * KB, 4 * KB, 0, MEMBLOCK_ALLOC_ACCESSIBLE,
				   0);
	memblock_alloc_exact_nid_raw(4 * KB, 4 * KB, 0,
				     MEMBLOCK_ALLOC_ACCESSIBLE, 0);
	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		all &= host_log_contains(names[i]);
	ok(all, "trace: each virtual allocator by name");
	t = strstr(host_log, "memblock_alloc_try_nid: ");
	if (t)
		t = strchr(t, '\n');
	while (t && t > host_log && t[-1] != ' ')
		t--;
	if (t)
		sscanf(t, "%lx", &caller);
	ok(caller > lo && caller < hi,
	   "trace: a virtual allocation's caller is the caller");
}

void test_debug(void)
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
	test_debug_alloc();
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
