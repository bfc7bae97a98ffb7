// SPDX-License-Identifier: MIT
/*
 * Unit tests of the zoned buddy allocator's API around the core, on the
 * machine of test_page_alloc.c: bad-free detection, slow-path shrinkers,
 * poisoning, the exact/zeroed/split/compound helpers, isolation, the dumps
 * and memory the zones do not cover.
 */
#include <kernel/errno.h>

#include "page_alloc_small.h"

static void test_bad_free(void)
{
	struct page *p, *q;
	unsigned long bad0, f0;

	pa_boot_nopcp(&small);

	p = alloc_pages(GFP_KERNEL, 0);
	__free_pages(p, 0);
	f0 = pa_total_free();
	bad0 = nr_bad_pages;
	host_log_clear();
	__free_pages(p, 0);
	ok(nr_bad_pages == bad0 + 1 && pa_total_free() == f0,
	   "double free reported, not inserted");
	ok(host_log_contains("BUG: Bad page state") &&
		   host_log_contains("page already free"),
	   "double free message");

	q = pfn_to_page(PHYS_PFN(20 * SZ_1M));
	set_page_count(q, 1);
	host_log_clear();
	__free_pages(q, 0);
	ok(nr_bad_pages == bad0 + 2 && pa_total_free() == f0 && PageReserved(q),
	   "reserved page free reported, not inserted");
	ok(host_log_contains("PG_reserved"), "reserved message");
	set_page_count(q, 1);

	p = alloc_pages(GFP_KERNEL, 0);
	q = alloc_pages(GFP_KERNEL, 0);
	if (!(page_to_pfn(q) & 1))
		swap(p, q);
	f0 = pa_total_free();
	host_log_clear();
	__free_pages(q, 1);
	ok(nr_bad_pages == bad0 + 3 && pa_total_free() == f0,
	   "misaligned free reported, not inserted");
	ok(host_log_contains("not aligned"), "misaligned message");

	__SetPageSlab(p);
	__free_pages(p, 0);
	ok(nr_bad_pages == bad0 + 4 && pa_total_free() == f0,
	   "PG_slab page free reported, not inserted");

	p = alloc_pages(GFP_KERNEL, 0);
	get_page(p);
	f0 = pa_total_free();
	__free_pages(p, 0);
	ok(nr_bad_pages == bad0 + 4 && pa_total_free() == f0 &&
		   page_ref_count(p) == 1,
	   "refcount 2: free only drops a reference");
	__free_pages(p, 0);
	ok(pa_total_free() == f0 + 1, "last reference frees");
	page_alloc_set_pcp_enabled(true);
	check_consistent("after bad frees");
}

static struct page *stash[256];
static int nstash;

static unsigned long stash_scan(struct shrinker *s, unsigned long nr)
{
	unsigned long freed = 0;

	(void)s;
	while (nstash && freed < nr) {
		__free_pages(stash[--nstash], 0);
		freed++;
	}
	return freed;
}

static unsigned long nothing_scan(struct shrinker *s, unsigned long nr)
{
	(void)s;
	(void)nr;
	return 0;
}

static void test_shrinker(void)
{
	struct shrinker sh = {.scan = stash_scan, .name = "stash"};
	struct shrinker none = {.scan = nothing_scan, .name = "none"};
	struct page *p;
	unsigned long stalls;

	pa_boot(&small, NULL);
	ok(register_shrinker(&sh) == 0, "register_shrinker");
	ok(register_shrinker(&(struct shrinker){0}) == -EINVAL,
	   "shrinker without scan rejected");
	while (nheld < MAXP &&
	       (p = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 0)) != NULL)
		held[nheld++] = p;
	/* hide some pages in the "cache" */
	for (int i = 0; i < 100; i++)
		stash[nstash++] = held[--nheld];
	while ((p = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 0)) != NULL)
		held[nheld++] = p;
	stalls = sum_vm_event(ALLOCSTALL);
	p = alloc_pages(GFP_KERNEL, 0);
	ok(p != NULL, "GFP_KERNEL succeeds after the shrinker gave pages back");
	ok(sh.nr_calls > 0 && nstash < 100, "shrinker was called");
	ok(sum_vm_event(ALLOCSTALL) > stalls, "ALLOCSTALL counted");
	if (p)
		held[nheld++] = p;
	while (nstash)
		held[nheld++] = stash[--nstash];
	unregister_shrinker(&sh);

	/* nothing reclaimable: __GFP_NOFAIL must panic, not hang */
	register_shrinker(&none);
	while ((p = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0)) != NULL)
		held[nheld++] = p;
	ok(HOST_EXPECT_PANIC(alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 0)),
	   "__GFP_NOFAIL with nothing to reclaim panics");
	ok(strstr(host_panic_msg, "__GFP_NOFAIL") != NULL,
	   "panic message names __GFP_NOFAIL");
	ok(none.nr_calls >= 16, "shrinkers were retried (%lu)", none.nr_calls);
	unregister_shrinker(&none);
	release_held();
	check_consistent("after shrinkers");
}

static void test_poison(void)
{
	struct page *p, *q;
	unsigned long c0;
	u8 *mem;
	bool all = true;

	if (!IS_ENABLED(CONFIG_PAGE_POISONING)) {
		tap_skip(4, "CONFIG_PAGE_POISONING off");
		return;
	}
	pa_boot(&small, NULL);
	page_poisoning_enabled = true;
	p = alloc_pages(GFP_KERNEL, 0);
	mem = page_address(p);
	memset(mem, 0x11, PAGE_SIZE);
	__free_pages(p, 0);
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		all &= mem[i] == PAGE_POISON;
	ok(all && PagePoisoned(p), "freed page filled with PAGE_POISON");
	c0 = nr_poison_corruptions;
	q = alloc_pages(GFP_KERNEL, 0);
	ok(q == p && nr_poison_corruptions == c0 && !PagePoisoned(q),
	   "intact poison passes the check");
	__free_pages(q, 0);
	mem[100] = 0x42; /* write after free */
	host_log_clear();
	q = alloc_pages(GFP_KERNEL, 0);
	ok(q == p && nr_poison_corruptions == c0 + 1,
	   "use-after-free write detected at allocation");
	ok(host_log_contains("pagealloc: memory corruption at pfn"),
	   "corruption message");
	__free_pages(q, 0);
	page_poisoning_enabled = false;
}

/* A pageblock of Normal isolated: nothing comes from it, then back. */
static void check_isolation(void)
{
	struct page *p;
	struct zone *normal = zone_of(0, ZONE_NORMAL);
	struct page *blk =
		pfn_to_page(ALIGN(normal->zone_start_pfn, pageblock_nr_pages));
	unsigned long nf = zone_page_state(normal, NR_FREE_PAGES);
	bool none_from_blk = true;

	ok(set_migratetype_isolate(blk) == 0 &&
		   zone_page_state(normal, NR_FREE_PAGES) ==
			   nf - pageblock_nr_pages,
	   "isolated pageblock stops counting as free");
	ok(set_migratetype_isolate(blk) == -EBUSY, "isolate twice");
	while (nheld < 2000 &&
	       (p = alloc_pages(GFP_KERNEL | __GFP_THISNODE, 0))) {
		held[nheld++] = p;
		if (page_to_pfn(p) >> pageblock_order ==
		    page_to_pfn(blk) >> pageblock_order)
			none_from_blk = false;
	}
	ok(none_from_blk, "nothing allocated from an isolated block");
	release_held();
	unset_migratetype_isolate(blk, MIGRATE_MOVABLE);
	ok_eq(zone_page_state(normal, NR_FREE_PAGES), nf,
	      "unisolate restores the free count");
}

/* buddyinfo, zoneinfo, pagetypeinfo and the vm events, Linux's formats. */
static void check_dumps(void)
{
	host_log_clear();
	dump_buddyinfo();
	ok(host_log_contains("Node 0, zone      DMA "), "buddyinfo format");
	host_log_clear();
	dump_zoneinfo();
	ok(host_log_contains("  pages free     ") &&
		   host_log_contains("        managed  "),
	   "zoneinfo format");
	host_log_clear();
	dump_pagetypeinfo();
	ok(host_log_contains("type      Movable"), "pagetypeinfo format");
	host_log_clear();
	dump_vm_events();
	ok(host_log_contains("pgalloc ") && host_log_contains("numa_hit "),
	   "vm events dump");
	ok(sum_vm_event(PGALLOC) > 0 && sum_vm_event(PGFREE) > 0,
	   "PGALLOC/PGFREE counted");
}

static void test_misc(void)
{
	struct page *p;
	unsigned long f0, addr;
	struct sysinfo si;
	void *v;
	bool zero = true;

	pa_boot_nopcp(&small);
	f0 = pa_total_free();
	v = alloc_pages_exact(3 * PAGE_SIZE, GFP_KERNEL);
	ok(v && pa_total_free() == f0 - 3, "alloc_pages_exact keeps 3 pages");
	free_pages_exact(v, 3 * PAGE_SIZE);
	ok_eq(pa_total_free(), f0, "free_pages_exact returns them");

	p = alloc_pages(GFP_KERNEL, 2);
	split_page(p, 2);
	for (int i = 3; i >= 0; i--)
		__free_page(p + i);
	ok_eq(pa_total_free(), f0, "split_page: pages freed one by one");

	addr = __get_free_pages(GFP_KERNEL, 1);
	memset((void *)addr, 0x5a, 2 * PAGE_SIZE);
	free_pages(addr, 1);
	addr = get_zeroed_page(GFP_KERNEL);
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		zero &= ((u8 *)addr)[i] == 0;
	ok(addr && zero, "get_zeroed_page is zeroed");
	free_page(addr);

	p = alloc_pages(GFP_KERNEL | __GFP_COMP, 1);
	ok(PageHead(p), "__GFP_COMP marks the head");
	__free_pages(p, 1);
	ok(!PageHead(p) && pa_total_free() == f0, "head flag cleared at free");

	ok(alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER) == NULL,
	   "order >= MAX_ORDER refused");

	si_meminfo(&si);
	ok(si.totalram == totalram_pages() && si.freeram == nr_free_pages() &&
		   si.mem_unit == PAGE_SIZE,
	   "si_meminfo");

	check_isolation();
	check_consistent("after isolation");
	check_dumps();
	page_alloc_set_pcp_enabled(true);
}

/* Memory above the arch's last zone limit belongs to no zone. */
static const struct pa_range over_mem[] = {{0, 32 * SZ_1M, 0}};
static const struct pa_layout over = {
	PA_MEM(over_mem),
	.zone_limit = {[ZONE_DMA] = 4 * SZ_1M,
		       [ZONE_DMA32] = 16 * SZ_1M,
		       [ZONE_NORMAL] = 24 * SZ_1M},
};

static void test_edges(void)
{
	unsigned long freed, f0;
	struct page *p;
	u8 *mem;

	host_log_clear();
	freed = pa_boot(&over, NULL);
	ok(host_log_contains("lie in no zone"), "memory above zones: warned");
	ok(freed == 6144 && totalram_pages() == freed,
	   "... and only the zoned 24 MiB handed over (%lu pages)", freed);
	check_consistent("with memory above the zones");

	pa_boot(&small, NULL);
	f0 = pa_total_free();
	ok(alloc_pages_exact(0, GFP_KERNEL) == NULL && pa_total_free() == f0,
	   "alloc_pages_exact(0) returns NULL");
	p = __alloc_pages(GFP_KERNEL, 0, NUMA_NO_NODE, NULL);
	ok(p && page_to_nid(p) == 0, "__alloc_pages(NUMA_NO_NODE) works");
	__free_pages(p, 0);
	p = alloc_pages_node(7, GFP_KERNEL, 0);
	ok(p != NULL, "alloc_pages_node on a node without memory falls back");
	__free_pages(p, 0);

	if (IS_ENABLED(CONFIG_PAGE_POISONING)) {
		unsigned long c0 = nr_poison_corruptions;

		/* poisoned while on, reused while off: no false report */
		page_poisoning_enabled = true;
		p = alloc_pages(GFP_KERNEL, 0);
		__free_pages(p, 0);
		page_poisoning_enabled = false;
		p = alloc_pages(GFP_KERNEL, 0);
		mem = page_address(p);
		memset(mem, 0x33, PAGE_SIZE);
		__free_pages(p, 0);
		page_poisoning_enabled = true;
		p = alloc_pages(GFP_KERNEL, 0);
		ok(nr_poison_corruptions == c0,
		   "switching poisoning off and on: no false corruption");
		__free_pages(p, 0);
		page_poisoning_enabled = false;
	} else {
		tap_skip(1, "CONFIG_PAGE_POISONING off");
	}
	drain_all_pages(NULL);
	ok_eq(pa_total_free(), f0, "everything back");
}

int main(void)
{
	test_bad_free();
	test_shrinker();
	test_poison();
	test_misc();
	test_edges();
	return tap_done();
}
