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
 * same operations on every online CPU at once, each CPU on its own slots,
 * and hands a share of its full slots to the others through a queue under
 * a spinlock: an object or page block allocated on one CPU is checked and
 * freed on another.  Afterwards the boot CPU frees what is left, drains
 * every CPU's lists and shrinks the caches: the free page count and the
 * number of slab objects in use must both be back at their start.
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

#include "mm_ktest.h"
#include "../../mm/slab_internal.h"

#define NSLOTS 1024
#define CHECK_EVERY 16384
#define MAX_PAGE_ORDER 5
#define NCACHES 3

enum slot_kind { EMPTY, PAGES, OBJECT, KMALLOC };

struct slot {
	u8 kind;
	u8 order; /* PAGES */
	u8 cache; /* OBJECT */
	u8 cpu;	  /* where it was allocated */
	u32 size; /* OBJECT, KMALLOC: bytes filled */
	u64 seed;
	void *ptr;
};

struct stress {
	struct slot *slots;
	struct kmem_cache *caches[NCACHES];
	unsigned long live[NCACHES];
	unsigned long held_pages; /* pages in PAGES slots */
	unsigned long held_bytes; /* bytes in OBJECT / KMALLOC slots */
	unsigned long peak_pages;
	unsigned long peak_used; /* free_start - free, at checks */
	unsigned long errors;
	unsigned long cross_frees; /* slots freed on another CPU */
	u64 rng;
};

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
static void stress_error(struct stress *s, const char *what, const void *p)
{
	if (s->errors++ < 8)
		pr_err("memstress: %s (%p)\n", what, p);
}

static u64 rnd(struct stress *s)
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
	switch (rnd(s) % 8) {
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
	return n ? nodes[rnd(s) % (unsigned int)n] : 0;
}

/* What a full slot holds, added to (@sign 1) or taken from (-1) @s. */
static void slot_account(struct stress *s, const struct slot *sl, long sign)
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

static void slot_alloc(struct stress *s, struct slot *sl)
{
	unsigned int kind = (unsigned int)(rnd(s) % 8);

	sl->seed = rnd(s);
	sl->cpu = (u8)smp_processor_id();
	if (kind < 3) {
		/* orders 0..5, small ones more often */
		unsigned int order = (unsigned int)(rnd(s) % 64);
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
				stress_error(s, "__GFP_ZERO page not zeroed",
					     w);
		}
		if (((gfp & __GFP_DMA32) &&
		     PFN_PHYS(page_to_pfn(pg)) >= 0x100000000ULL) ||
		    (IS_ENABLED(CONFIG_ZONE_DMA) && (gfp & __GFP_DMA) &&
		     PFN_PHYS(page_to_pfn(pg)) >= (16UL << 20)))
			stress_error(s, "page outside the gfp zone", pg);
		fill_pages(pg, order, sl->seed);
		sl->kind = PAGES;
		sl->order = (u8)order;
		sl->ptr = pg;
	} else if (kind < 5) {
		unsigned int c = (unsigned int)(rnd(s) % NCACHES);
		void *o = kmem_cache_alloc(s->caches[c], GFP_KERNEL);

		if (!o)
			return;
		if (c == 0 && (((u8 *)o)[0] != 0xc7 || ((u8 *)o)[23] != 0xc7))
			stress_error(s, "object not constructed", o);
		sl->kind = OBJECT;
		sl->cache = (u8)c;
		sl->size = cache_sizes[c];
		sl->ptr = o;
		fill(o, sl->size, sl->seed);
	} else {
		/* 8 bytes .. 16 KiB, log-uniform */
		unsigned int shift = 3 + (unsigned int)(rnd(s) % 12);
		size_t size = (1UL << shift) + rnd(s) % (1UL << shift);
		void *p = kmalloc(size, GFP_KERNEL | __GFP_NOWARN);

		if (!p)
			return;
		if (ksize(p) < size)
			stress_error(s, "ksize() below the size asked", p);
		sl->kind = KMALLOC;
		sl->size = (u32)size;
		sl->ptr = p;
		fill(p, size, sl->seed);
	}
	slot_account(s, sl, 1);
}

static void slot_free(struct stress *s, struct slot *sl)
{
	slot_account(s, sl, -1);
	if (sl->cpu != smp_processor_id())
		s->cross_frees++;
	switch (sl->kind) {
	case PAGES:
		if (!check_pages(sl->ptr, sl->order, sl->seed))
			stress_error(s, "page pattern changed", sl->ptr);
		__free_pages(sl->ptr, sl->order);
		break;
	case OBJECT:
		if (!check(sl->ptr, sl->size, sl->seed))
			stress_error(s, "object pattern changed", sl->ptr);
		if (sl->cache == 0)
			ctor24(sl->ptr); /* back to the constructed state */
		kmem_cache_free(s->caches[sl->cache], sl->ptr);
		break;
	case KMALLOC:
		if (!check(sl->ptr, sl->size, sl->seed))
			stress_error(s, "kmalloc pattern changed", sl->ptr);
		kfree(sl->ptr);
		break;
	}
	sl->kind = EMPTY;
}

static void invariants(struct stress *s, unsigned long free_start)
{
	unsigned long free = nr_free_pages() + nr_free_pcp_pages();

	if (mm_test_buddy_check(NULL))
		stress_error(s, "buddy free lists disagree with the counters",
			     NULL);
	for (int c = 0; c < NCACHES; c++) {
		struct kmem_cache *k = s->caches[c];

		/* slab counters: held objects + those parked per CPU */
		if (mm_test_objs_in_use(k) !=
		    s->live[c] + cache_count_cpu_objects(k))
			stress_error(s, "slab object counters disagree", k);
	}
	if (free_start > free && free_start - free > s->peak_used)
		s->peak_used = free_start - free;
}

static int caches_create(struct kmem_cache **caches)
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
static void caches_destroy(struct stress *s)
{
	for (int c = 0; c < NCACHES; c++) {
		kmem_cache_shrink(s->caches[c]);
		if (mm_test_objs_in_use(s->caches[c]))
			stress_error(s, "objects left in a cache",
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
	if (!s.slots || caches_create(s.caches))
		return -ENOMEM;

	t0 = ktime_get_ns();
	for (i = 0; i < ops; i++) {
		struct slot *sl = &s.slots[rnd(&s) % NSLOTS];
		unsigned long held;

		if (sl->kind != EMPTY)
			slot_free(&s, sl);
		else
			slot_alloc(&s, sl);
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
			slot_free(&s, &s.slots[i]);
	ns = ktime_get_ns() - t0;
	caches_destroy(&s);
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

/* ------------------------------------------------ the multi-CPU mode */

#define SMP_NSLOTS 512
#define HANDOFF_MAX 256

/* Full slots on their way to another CPU. */
struct handoff {
	spinlock_t lock;
	unsigned int head, count;
	unsigned long handed;
	struct slot q[HANDOFF_MAX];
};

struct smp_stress {
	unsigned long ops; /* per CPU */
	struct handoff ho;
	struct stress cpu[CONFIG_NR_CPUS];
};

static bool handoff_push(struct handoff *h, const struct slot *sl)
{
	bool ok;

	spin_lock(&h->lock);
	ok = h->count < HANDOFF_MAX;
	if (ok) {
		h->q[(h->head + h->count++) % HANDOFF_MAX] = *sl;
		h->handed++;
	}
	spin_unlock(&h->lock);
	return ok;
}

static bool handoff_pop(struct handoff *h, struct slot *sl)
{
	bool ok;

	spin_lock(&h->lock);
	ok = h->count > 0;
	if (ok) {
		*sl = h->q[h->head];
		h->head = (h->head + 1) % HANDOFF_MAX;
		h->count--;
	}
	spin_unlock(&h->lock);
	return ok;
}

/* Free up to @n slots other CPUs handed over; the accounting moves here. */
static void take_handed(struct smp_stress *m, struct stress *s, int n)
{
	struct slot sl;

	while (n-- > 0 && handoff_pop(&m->ho, &sl)) {
		slot_account(s, &sl, 1);
		slot_free(s, &sl);
	}
}

/* on_each_cpu(): the random operations on this CPU's own slots. */
static void stress_cpu(void *info)
{
	struct smp_stress *m = info;
	struct stress *s = &m->cpu[smp_processor_id()];

	for (unsigned long i = 0; i < m->ops; i++) {
		struct slot *sl = &s->slots[rnd(s) % SMP_NSLOTS];

		if (sl->kind == EMPTY) {
			slot_alloc(s, sl);
		} else if (rnd(s) % 4 == 0 && handoff_push(&m->ho, sl)) {
			slot_account(s, sl, -1); /* now the taker's */
			sl->kind = EMPTY;
		} else {
			slot_free(s, sl);
		}
		if (i % 8 == 0)
			take_handed(m, s, 2);
	}
}

/* Objects in use in every slab cache (after a shrink: none per CPU). */
static unsigned long slab_objects_in_use(void)
{
	struct kmem_cache *c;
	unsigned long n = 0;

	list_for_each_entry(c, &slab_caches, list)
		n += mm_test_objs_in_use(c);
	return n;
}

static void smp_stress_free(struct smp_stress *m, unsigned long slots_bytes)
{
	unsigned int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (cpu_online(cpu) && m->cpu[cpu].slots)
			free_pages_exact(m->cpu[cpu].slots, slots_bytes);
	kfree(m);
}

/* Everything left, freed on this CPU (mostly allocated elsewhere). */
static void smp_stress_drain(struct smp_stress *m, struct stress *s0)
{
	unsigned int cpu;

	take_handed(m, s0, HANDOFF_MAX);
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct stress *s = &m->cpu[cpu];

		if (!cpu_online(cpu))
			continue;

		for (int i = 0; i < SMP_NSLOTS; i++) {
			struct slot *sl = &s->slots[i];

			if (sl->kind == EMPTY)
				continue;
			slot_account(s, sl, -1);
			slot_account(s0, sl, 1);
			slot_free(s0, sl);
		}
	}
}

#define SMP_SLOTS_BYTES (sizeof(struct slot) * SMP_NSLOTS)

/* The shared state, the caches and every online CPU's slots; NULL if
 * memory ran out. */
static struct smp_stress *smp_stress_alloc(unsigned long ops_each,
					   unsigned long seed)
{
	struct smp_stress *m = kzalloc(sizeof(*m), GFP_KERNEL);
	struct stress *s0;

	if (!m)
		return NULL;
	spin_lock_init(&m->ho.lock);
	m->ops = ops_each;
	s0 = &m->cpu[smp_processor_id()];
	if (caches_create(s0->caches)) {
		kfree(m);
		return NULL;
	}
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct stress *s = &m->cpu[cpu];

		if (!cpu_online(cpu))
			continue;
		memcpy(s->caches, s0->caches, sizeof(s->caches));
		s->rng = (seed + cpu * 0x9e3779b97f4a7c15ULL) | 1;
		s->slots = alloc_pages_exact(SMP_SLOTS_BYTES,
					     GFP_KERNEL | __GFP_ZERO);
		if (!s->slots) {
			caches_destroy(s0);
			smp_stress_free(m, SMP_SLOTS_BYTES);
			return NULL;
		}
	}
	return m;
}

/* After the run, on this CPU: free and destroy everything; the errors
 * of every CPU, the cross-CPU frees in @cross. */
static unsigned long smp_stress_finish(struct smp_stress *m,
				       unsigned long *cross)
{
	struct stress *s0 = &m->cpu[smp_processor_id()];
	unsigned long errors = 0;

	smp_stress_drain(m, s0);
	/* Per CPU the counts may be off (the accounting moves with a handed
	 * slot); in all, every object must be back. */
	for (int c = 0; c < NCACHES; c++) {
		unsigned long live = 0;

		for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
			if (cpu_online(cpu))
				live += m->cpu[cpu].live[c];
		if (live)
			stress_error(s0, "object count not back at 0",
				     s0->caches[c]);
	}
	caches_destroy(s0);
	*cross = 0;
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		if (!cpu_online(cpu))
			continue;
		errors += m->cpu[cpu].errors;
		*cross += m->cpu[cpu].cross_frees;
	}
	smp_stress_free(m, SMP_SLOTS_BYTES);
	return errors;
}

/**
 * memstress_run_smp - @ops random operations split between the online
 * CPUs, all at once, with cross-CPU frees; prints the figures.
 * @ops: operations in all (each CPU does @ops / num_online_cpus())
 * @seed: the first CPU's seed; CPU n uses a value derived from it
 * @res: the totals (ops done in all, errors, free pages before and after)
 *
 * 0 when nothing went wrong: no pattern changed, every counter agrees,
 * free pages and slab objects in use back at their start.
 */
int memstress_run_smp(unsigned long ops, unsigned long seed,
		      struct memstress_result *res)
{
	unsigned int ncpus = num_online_cpus();
	unsigned long ops_each = ops / ncpus ? ops / ncpus : 1;
	unsigned long objs_start, objs_end, errors, cross, handed;
	struct smp_stress *m;
	u64 t0;

	memset(res, 0, sizeof(*res));
	drain_all_pages(NULL);
	slab_shrink_all();
	res->free_start = mm_test_free_pages();
	objs_start = slab_objects_in_use();
	m = smp_stress_alloc(ops_each, seed);
	if (!m)
		return -ENOMEM;

	t0 = ktime_get_ns();
	on_each_cpu(stress_cpu, m, 1);
	res->ns = ktime_get_ns() - t0;

	handed = m->ho.handed;
	errors = smp_stress_finish(m, &cross);
	drain_all_pages(NULL);
	slab_shrink_all();
	res->free_end = mm_test_free_pages();
	objs_end = slab_objects_in_use();
	res->ops = ops_each * ncpus;
	res->errors = errors + (objs_end != objs_start);
	pr_info("memstress: smp: %u CPUs, %lu ops each in %llu ms, %lu "
		"handed between CPUs, %lu freed on another CPU, free pages "
		"start %lu end %lu, slab objects start %lu end %lu, %lu "
		"errors\n",
		ncpus, ops_each, (unsigned long long)(res->ns / 1000000),
		handed, cross, res->free_start, res->free_end, objs_start,
		objs_end, errors);
	return res->errors ? -EIO : 0;
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
