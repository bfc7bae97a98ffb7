// SPDX-License-Identifier: MIT
/*
 * DOC: memstress
 *
 * A soak test of the page allocator and the slab: a table of slots, each
 * empty or holding a page block (random order, zone modifier and node), a
 * cache object (a few test caches, one with a constructor) or a kmalloc
 * buffer (8 bytes .. 4 pages).  Every operation picks a random slot: a
 * full one is checked (its fill pattern) and freed, an empty one gets a
 * new allocation, filled with a pattern derived from a per-slot seed.
 * Every CHECK_EVERY operations the invariants are checked: the buddy free
 * lists against the zone counters and nr_free_pages(), and each test
 * cache's object counters against what the run holds.  At the end all is
 * freed, the caches destroyed, the pcp lists drained and the slabs shrunk:
 * the free page count must be back at its starting value.
 *
 * The multi-CPU mode (memstress_run_smp(), case memstress_smp) runs the
 * same operations on every online CPU at once, with cross-CPU frees:
 * memstress_smp.c.  memstress.h has what the two share.
 *
 * KTAP suite "memstress"; memstress.ops=N sets the number of operations
 * (default CONFIG_MEMSTRESS_OPS; the multi-CPU mode does a tenth as
 * many, split between the CPUs); `make soak` runs 10,000,000 per arch.
 */
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

#include "memstress.h"
#include "mm_ktest.h"
#include "../../mm/slab_internal.h"

#define NSLOTS 1024
#define CHECK_EVERY 16384
#define MAX_PAGE_ORDER 5

static const unsigned int cache_sizes[NCACHES] = {24, 200, 1000};
static const char *const cache_names[NCACHES] = {
	"memstress-24", "memstress-200", "memstress-1000"};

static unsigned long stress_ops_param;

static int memstress_ops_setup(const char *val)
{
	int err = 0;
	u64 n = val ? memparse(val, NULL, &err) : 0;

	if (err || !n) {
		pr_err("memstress.ops=%s: not a positive number\n",
		       val ? val : "");
		return -EINVAL;
	}
	stress_ops_param = (unsigned long)n;
	return 0;
}
__setup_param("memstress.ops", memstress_ops_setup);

unsigned long memstress_ops(void)
{
	return stress_ops_param ? stress_ops_param : CONFIG_MEMSTRESS_OPS;
}

/* Count a violation; the first few are described. */
void memstress_error(struct stress *s, const char *what, const void *p)
{
	if (s->errors++ < 8)
		pr_err("memstress: %s (%p)\n", what, p);
}

u64 memstress_rnd(struct stress *s)
{
	/* xorshift64*: fast, good enough, reproducible from the seed */
	s->rng ^= s->rng >> 12;
	s->rng ^= s->rng << 25;
	s->rng ^= s->rng >> 27;
	return s->rng * 0x2545f4914f6cdd1dULL;
}

static void ctor24(void *p)
{
	memset(p, 0xc7, 24);
}

/* The fill pattern: a word sequence from @seed (bytes for the tail). */
static void fill(void *p, size_t len, u64 seed)
{
	u64 *w = p;
	size_t i;

	for (i = 0; i < len / 8; i++)
		w[i] = seed + i * 0x9e3779b97f4a7c15ULL;
	for (i = len & ~(size_t)7; i < len; i++)
		((u8 *)p)[i] = (u8)(seed >> (i % 8));
}

static bool check(const void *p, size_t len, u64 seed)
{
	const u64 *w = p;
	size_t i;

	for (i = 0; i < len / 8; i++)
		if (w[i] != seed + i * 0x9e3779b97f4a7c15ULL)
			return false;
	for (i = len & ~(size_t)7; i < len; i++)
		if (((const u8 *)p)[i] != (u8)(seed >> (i % 8)))
			return false;
	return true;
}

/* Page blocks: a pattern in the first and last 64 bytes of every page. */
static void fill_pages(struct page *pg, unsigned int order, u64 seed)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		u8 *va = page_address(pg + i);

		fill(va, 64, seed + i);
		fill(va + PAGE_SIZE - 64, 64, ~(seed + i));
	}
}

static bool check_pages(struct page *pg, unsigned int order, u64 seed)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		const u8 *va = page_address(pg + i);

		if (!check(va, 64, seed + i) ||
		    !check(va + PAGE_SIZE - 64, 64, ~(seed + i)))
			return false;
	}
	return true;
}

static gfp_t random_gfp(struct stress *s)
{
	switch (memstress_rnd(s) % 8) {
#ifdef CONFIG_ZONE_DMA
	case 0:
		return GFP_DMA;
#endif
#ifdef CONFIG_ZONE_DMA32
	case 1:
	case 2:
		return GFP_DMA32;
#endif
	case 3:
		return GFP_KERNEL | __GFP_ZERO;
	default:
		return GFP_KERNEL;
	}
}

static int random_node(struct stress *s)
{
	int nodes[MAX_NUMNODES], n = 0, nid;

	for_each_online_node(nid)
		nodes[n++] = nid;
	return n ? nodes[memstress_rnd(s) % (unsigned int)n] : 0;
}

/* What a full slot holds, added to (@sign 1) or taken from (-1) @s. */
void memstress_slot_account(struct stress *s, const struct slot *sl, long sign)
{
	switch (sl->kind) {
	case PAGES:
		s->held_pages += (unsigned long)(sign << sl->order);
		break;
	case OBJECT:
		s->live[sl->cache] += (unsigned long)sign;
		s->held_bytes += (unsigned long)(sign * (long)sl->size);
		break;
	case KMALLOC:
		s->held_bytes += (unsigned long)(sign * (long)sl->size);
		break;
	}
}

void memstress_slot_alloc(struct stress *s, struct slot *sl)
{
	unsigned int kind = (unsigned int)(memstress_rnd(s) % 8);

	sl->seed = memstress_rnd(s);
	sl->cpu = (u8)smp_processor_id();
	if (kind < 3) {
		/* orders 0..5, small ones more often */
		unsigned int order = (unsigned int)(memstress_rnd(s) % 64);
		gfp_t gfp = random_gfp(s) | __GFP_NOWARN;
		struct page *pg;

		order = order < 32   ? 0
			: order < 48 ? 1
			: order < 56 ? 2
			: order < 60 ? 3
			: order < 63 ? 4
				     : MAX_PAGE_ORDER;
		pg = alloc_pages_node(random_node(s), gfp, order);
		if (!pg)
			return;
		if (gfp & __GFP_ZERO) {
			const u64 *w = page_address(pg);

			if (w[0] || w[PAGE_SIZE / 8 - 1])
				memstress_error(s, "__GFP_ZERO page not zeroed",
						w);
		}
		if (((gfp & __GFP_DMA32) &&
		     PFN_PHYS(page_to_pfn(pg)) >= 0x100000000ULL) ||
		    (IS_ENABLED(CONFIG_ZONE_DMA) && (gfp & __GFP_DMA) &&
		     PFN_PHYS(page_to_pfn(pg)) >= (16UL << 20)))
			memstress_error(s, "page outside the gfp zone", pg);
		fill_pages(pg, order, sl->seed);
		sl->kind = PAGES;
		sl->order = (u8)order;
		sl->ptr = pg;
	} else if (kind < 5) {
		unsigned int c = (unsigned int)(memstress_rnd(s) % NCACHES);
		void *o = kmem_cache_alloc(s->caches[c], GFP_KERNEL);

		if (!o)
			return;
		if (c == 0 && (((u8 *)o)[0] != 0xc7 || ((u8 *)o)[23] != 0xc7))
			memstress_error(s, "object not constructed", o);
		sl->kind = OBJECT;
		sl->cache = (u8)c;
		sl->size = cache_sizes[c];
		sl->ptr = o;
		fill(o, sl->size, sl->seed);
	} else {
		/* 8 bytes .. 16 KiB, log-uniform */
		unsigned int shift = 3 + (unsigned int)(memstress_rnd(s) % 12);
		size_t size =
			(1UL << shift) + memstress_rnd(s) % (1UL << shift);
		void *p = kmalloc(size, GFP_KERNEL | __GFP_NOWARN);

		if (!p)
			return;
		if (ksize(p) < size)
			memstress_error(s, "ksize() below the size asked", p);
		sl->kind = KMALLOC;
		sl->size = (u32)size;
		sl->ptr = p;
		fill(p, size, sl->seed);
	}
	memstress_slot_account(s, sl, 1);
}

void memstress_slot_free(struct stress *s, struct slot *sl)
{
	memstress_slot_account(s, sl, -1);
	if (sl->cpu != smp_processor_id())
		s->cross_frees++;
	switch (sl->kind) {
	case PAGES:
		if (!check_pages(sl->ptr, sl->order, sl->seed))
			memstress_error(s, "page pattern changed", sl->ptr);
		__free_pages(sl->ptr, sl->order);
		break;
	case OBJECT:
		if (!check(sl->ptr, sl->size, sl->seed))
			memstress_error(s, "object pattern changed", sl->ptr);
		if (sl->cache == 0)
			ctor24(sl->ptr); /* back to the constructed state */
		kmem_cache_free(s->caches[sl->cache], sl->ptr);
		break;
	case KMALLOC:
		if (!check(sl->ptr, sl->size, sl->seed))
			memstress_error(s, "kmalloc pattern changed", sl->ptr);
		kfree(sl->ptr);
		break;
	}
	sl->kind = EMPTY;
}

static void invariants(struct stress *s, unsigned long free_start)
{
	unsigned long free = nr_free_pages() + nr_free_pcp_pages();

	if (mm_test_buddy_check(NULL))
		memstress_error(
			s, "buddy free lists disagree with the counters", NULL);
	for (int c = 0; c < NCACHES; c++) {
		struct kmem_cache *k = s->caches[c];

		/* slab counters: held objects + those parked per CPU */
		if (mm_test_objs_in_use(k) !=
		    s->live[c] + cache_count_cpu_objects(k))
			memstress_error(s, "slab object counters disagree", k);
	}
	if (free_start > free && free_start - free > s->peak_used)
		s->peak_used = free_start - free;
}

int memstress_caches_create(struct kmem_cache **caches)
{
	for (int c = 0; c < NCACHES; c++) {
		caches[c] = kmem_cache_create(cache_names[c], cache_sizes[c], 0,
					      c == 1 ? SLAB_HWCACHE_ALIGN : 0,
					      c == 0 ? ctor24 : NULL);
		if (!caches[c])
			return -ENOMEM;
	}
	return 0;
}

/* Shrink (which drains the per-CPU stacks), check empty, destroy. */
void memstress_caches_destroy(struct stress *s)
{
	for (int c = 0; c < NCACHES; c++) {
		kmem_cache_shrink(s->caches[c]);
		if (mm_test_objs_in_use(s->caches[c]))
			memstress_error(s, "objects left in a cache",
					s->caches[c]);
		kmem_cache_destroy(s->caches[c]);
	}
}

int memstress_run(unsigned long ops, unsigned long seed,
		  struct memstress_result *res)
{
	struct stress s = {.rng = seed | 1};
	unsigned long slots_pages, i;
	u64 t0, ns;

	memset(res, 0, sizeof(*res));
	slab_shrink_all();
	res->free_start = mm_test_free_pages();
	slots_pages =
		(sizeof(struct slot) * NSLOTS + PAGE_SIZE - 1) / PAGE_SIZE;
	s.slots = alloc_pages_exact(slots_pages * PAGE_SIZE,
				    GFP_KERNEL | __GFP_ZERO);
	if (!s.slots || memstress_caches_create(s.caches))
		return -ENOMEM;

	t0 = ktime_get_ns();
	for (i = 0; i < ops; i++) {
		struct slot *sl = &s.slots[memstress_rnd(&s) % NSLOTS];
		unsigned long held;

		if (sl->kind != EMPTY)
			memstress_slot_free(&s, sl);
		else
			memstress_slot_alloc(&s, sl);
		held = s.held_pages + s.held_bytes / PAGE_SIZE;
		if (held > s.peak_pages)
			s.peak_pages = held;
		if (i % CHECK_EVERY == CHECK_EVERY - 1)
			invariants(&s, res->free_start);
		/* now and then, give everything back in the middle */
		if (i % (CHECK_EVERY * 16) == CHECK_EVERY * 8) {
			drain_all_pages(NULL);
			slab_shrink_all();
		}
	}
	invariants(&s, res->free_start);
	for (i = 0; i < NSLOTS; i++)
		if (s.slots[i].kind != EMPTY)
			memstress_slot_free(&s, &s.slots[i]);
	ns = ktime_get_ns() - t0;
	memstress_caches_destroy(&s);
	free_pages_exact(s.slots, slots_pages * PAGE_SIZE);
	slab_shrink_all();
	res->free_end = mm_test_free_pages();
	res->ops = ops;
	res->errors = s.errors;
	res->ns = ns;
	res->peak_pages = s.peak_pages;
	pr_info("memstress: %lu ops in %llu ms (%llu ops/s), seed %lu, "
		"peak %lu KiB held / %lu KiB used, free pages start %lu end "
		"%lu, %lu errors\n",
		ops, (unsigned long long)(ns / 1000000),
		ns ? (unsigned long long)ops * 1000000000ULL / ns : 0ULL, seed,
		s.peak_pages * (PAGE_SIZE / 1024),
		s.peak_used * (PAGE_SIZE / 1024), res->free_start,
		res->free_end, s.errors);
	return s.errors ? -EIO : 0;
}

/* ------------------------------------------------------ the KTAP suite */

static void memstress_random_ops(struct ktest *t)
{
	struct memstress_result r;
	int ret = memstress_run(memstress_ops(), 0x4b495445UL, &r);

	KTEST_EXPECT_EQ(t, ret, 0);
	KTEST_EXPECT_EQ(t, r.errors, 0);
	KTEST_EXPECT_EQ(t, r.ops, memstress_ops());
	KTEST_EXPECT_TRUE(t, r.peak_pages > 0);
	KTEST_EXPECT_EQ(t, r.free_end, r.free_start);
	mm_test_buddy_check(t);
}

/* Every online CPU at once, with cross-CPU frees; zero leaks after. */
static void memstress_smp(struct ktest *t)
{
	struct memstress_result r;
	int ret;

	if (num_online_cpus() < 2) {
		ktest_skip(t, "one CPU online");
		return;
	}
	/* a tenth: every operation may wait on a lock whose holder's vCPU
	 * the host has descheduled, under QEMU */
	ret = memstress_run_smp(memstress_ops() / 10, 0x534d5021UL, &r);
	KTEST_EXPECT_EQ(t, ret, 0);
	KTEST_EXPECT_EQ(t, r.errors, 0);
	KTEST_EXPECT_EQ(t, r.free_end, r.free_start);
	mm_test_buddy_check(t);
}

static struct ktest_case memstress_cases[] = {
	KTEST_CASE(memstress_random_ops),
	KTEST_CASE(memstress_smp),
	{},
};
KTEST_SUITE(memstress, memstress_cases);
