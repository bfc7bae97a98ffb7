// SPDX-License-Identifier: MIT
/*
 * The mm core on several CPUs: the real memblock, buddy, pcp lists, slab
 * and kmalloc, with one pthread per CPU (each sets its host_current_cpu).
 *
 * Every thread runs a random, seeded workload: pages of every order,
 * kmalloc of every class and beyond, objects of a private cache; about
 * half of what it allocates goes through a locked exchange and is freed
 * by another thread; now and then it takes a batch of pages in one call
 * (alloc_pages_bulk_array(), release_pages()), drains every CPU's pcp
 * lists, shrinks a cache or the whole slab.  A drain of another CPU's pcp
 * lists is a cross-call that CPU serves (the host interrupt model,
 * asm/smp.h): a thread that is done keeps serving them until all are.
 *
 * Built twice (tests/host/mm_smp.mk): under ThreadSanitizer (any race in
 * the mm core ends the run with a report) and under ASan + UBSan with a
 * model check: an ownership map, one byte per page and one bit per 8-byte
 * granule of objects, is set atomically at each allocation and cleared at
 * each free, so a page or object handed out twice is seen when it happens;
 * each block carries a stamp checked at free.  At the end everything is
 * freed and drained, and the free page count is back to its start.
 *
 * SEED=n repeats a run; MM_SMP_OPS=n sets the operations per thread.
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include <asm-generic/smp.h>
#include <mm/slab.h>

#include "host_smp.h"
#include "page_alloc_fixture.h"
#include "../../mm/slab_internal.h"

#define NTHREADS CONFIG_NR_CPUS
#define HOLD_MAX 64
#define XCHG_SIZE 256
#define NODE_MIB 48ULL

enum item_kind { ITEM_PAGES, ITEM_KMALLOC, ITEM_CACHE };

struct item {
	enum item_kind kind;
	void *ptr;
	unsigned int order; /* pages */
	size_t size;	    /* kmalloc / cache object */
};

/* The exchange: items allocated by one thread, freed by another. */
static struct {
	pthread_mutex_t lock;
	struct item slot[XCHG_SIZE];
	int n;
} xchg = {.lock = PTHREAD_MUTEX_INITIALIZER};

static struct kmem_cache *obj_cache;
#define OBJ_SIZE 72

/* ---- the ownership map ---- */
static u8 *page_owner; /* per pfn: 0 free, else thread + 1 */
static u64 *obj_owner; /* per 8-byte granule of simulated RAM */
static unsigned long max_pfn_seen;
static unsigned long violations;
static char violation_msg[256];
static pthread_mutex_t msg_lock = PTHREAD_MUTEX_INITIALIZER;

static void violation(const char *what, const void *p, unsigned long x)
{
	if (__atomic_fetch_add(&violations, 1, __ATOMIC_RELAXED))
		return;
	pthread_mutex_lock(&msg_lock);
	snprintf(violation_msg, sizeof(violation_msg), "%s: %p (%#lx)", what, p,
		 x);
	pthread_mutex_unlock(&msg_lock);
}

static void own_pages(struct page *page, unsigned int order, int tid)
{
	unsigned long pfn = page_to_pfn(page);

	if (pfn + (1UL << order) > max_pfn_seen) {
		violation("page beyond RAM", page, pfn);
		return;
	}
	for (unsigned long i = 0; i < (1UL << order); i++) {
		u8 old = __atomic_exchange_n(&page_owner[pfn + i],
					     (u8)(tid + 1), __ATOMIC_RELAXED);
		if (old)
			violation("page handed out twice", page, pfn + i);
	}
	*(unsigned long *)page_address(page) = pfn ^ 0x5a5a5a5aUL;
}

static void disown_pages(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	if (*(unsigned long *)page_address(page) != (pfn ^ 0x5a5a5a5aUL))
		violation("page stamp overwritten", page, pfn);
	for (unsigned long i = 0; i < (1UL << order); i++)
		if (!__atomic_exchange_n(&page_owner[pfn + i], (u8)0,
					 __ATOMIC_RELAXED))
			violation("page freed but not owned", page, pfn + i);
}

static u64 *granule_word(const void *p, u64 *bit)
{
	unsigned long g = (unsigned long)__pa(p) >> 3;

	*bit = 1ULL << (g & 63);
	return &obj_owner[g >> 6];
}

static void own_obj(void *p, size_t size)
{
	u64 bit, *w = granule_word(p, &bit);

	if (__atomic_fetch_or(w, bit, __ATOMIC_RELAXED) & bit)
		violation("object handed out twice", p, size);
	if (__atomic_load_n(&page_owner[PHYS_PFN(__pa(p))], __ATOMIC_RELAXED))
		violation("object inside a page the test holds", p, size);
	*(uintptr_t *)p = (uintptr_t)p ^ size;
}

static void disown_obj(void *p, size_t size)
{
	u64 bit, *w = granule_word(p, &bit);

	if (*(uintptr_t *)p != ((uintptr_t)p ^ size))
		violation("object stamp overwritten", p, size);
	if (!(__atomic_fetch_and(w, ~bit, __ATOMIC_RELAXED) & bit))
		violation("object freed but not owned", p, size);
}

/* ---- one thread = one CPU ---- */

struct worker {
	pthread_t thread;
	int cpu;
	u64 rng;
	long ops;
	struct item held[HOLD_MAX];
	int nheld;
	unsigned long allocs, frees, remote_frees, failures, drains;
};

static u64 rnd(struct worker *w)
{
	w->rng ^= w->rng << 13;
	w->rng ^= w->rng >> 7;
	w->rng ^= w->rng << 17;
	return w->rng;
}

static const size_t kmalloc_sizes[] = {
	8,   16,  24,	32,   64,   72,	  96,	128,  160,   192,   256,
	384, 512, 1000, 1024, 2048, 3000, 4096, 8192, 12000, 32768,
};

static bool alloc_item(struct worker *w, struct item *it)
{
	u64 r = rnd(w);

	switch (r % 3) {
	case 0: {
		/* order 0 most of the time, every order now and then */
		unsigned int order = (r >> 8) % 4 ? 0 : (r >> 12) % MAX_ORDER;
		static const gfp_t gfps[] = {
			GFP_KERNEL, GFP_KERNEL | __GFP_DMA32,
			GFP_HIGHUSER_MOVABLE, GFP_KERNEL | __GFP_RECLAIMABLE,
			GFP_ATOMIC};
		gfp_t gfp = gfps[(r >> 20) % ARRAY_SIZE(gfps)] | __GFP_NOWARN;
		struct page *page;

		if (order > 6 && (r >> 24) % 8)
			order = 3; /* keep the big blocks rare */
		page = alloc_pages(gfp, order);
		if (!page)
			return false;
		own_pages(page, order, w->cpu);
		*it = (struct item){ITEM_PAGES, page, order, 0};
		return true;
	}
	case 1: {
		size_t size =
			kmalloc_sizes[(r >> 8) % ARRAY_SIZE(kmalloc_sizes)];
		void *p = kmalloc(size, GFP_KERNEL | __GFP_NOWARN);

		if (!p)
			return false;
		own_obj(p, size);
		*it = (struct item){ITEM_KMALLOC, p, 0, size};
		return true;
	}
	default: {
		void *p =
			kmem_cache_alloc(obj_cache, GFP_KERNEL | __GFP_NOWARN);

		if (!p)
			return false;
		own_obj(p, OBJ_SIZE);
		*it = (struct item){ITEM_CACHE, p, 0, OBJ_SIZE};
		return true;
	}
	}
}

static void free_item(const struct item *it)
{
	switch (it->kind) {
	case ITEM_PAGES:
		disown_pages(it->ptr, it->order);
		__free_pages(it->ptr, it->order);
		break;
	case ITEM_KMALLOC:
		disown_obj(it->ptr, it->size);
		kfree(it->ptr);
		break;
	case ITEM_CACHE:
		disown_obj(it->ptr, it->size);
		kmem_cache_free(obj_cache, it->ptr);
		break;
	}
}

static bool xchg_put(const struct item *it)
{
	bool ok;

	pthread_mutex_lock(&xchg.lock);
	ok = xchg.n < XCHG_SIZE;
	if (ok)
		xchg.slot[xchg.n++] = *it;
	pthread_mutex_unlock(&xchg.lock);
	return ok;
}

static bool xchg_take(struct worker *w, struct item *it)
{
	bool ok;

	pthread_mutex_lock(&xchg.lock);
	ok = xchg.n > 0;
	if (ok) {
		int i = (int)(rnd(w) % (u64)xchg.n);

		*it = xchg.slot[i];
		xchg.slot[i] = xchg.slot[--xchg.n];
	}
	pthread_mutex_unlock(&xchg.lock);
	return ok;
}

/*
 * slab: every CPU parks objects in its own stack, then the last CPU to get
 * here shrinks the cache while the others serve IPIs: each stack must be
 * emptied by its own CPU, through the cross-call.
 */
static unsigned int slab_parked, slab_drained;
static unsigned long slab_parked_after_shrink = ~0UL;

static void slab_remote_drain(void)
{
	void *o[8];

	for (int i = 0; i < 8; i++)
		o[i] = kmem_cache_alloc(obj_cache, GFP_KERNEL);
	for (int i = 0; i < 8; i++)
		kmem_cache_free(obj_cache, o[i]);
	if (__atomic_add_fetch(&slab_parked, 1, __ATOMIC_ACQ_REL) == NTHREADS) {
		kmem_cache_shrink(obj_cache);
		slab_parked_after_shrink = cache_count_cpu_objects(obj_cache);
		__atomic_store_n(&slab_drained, 1, __ATOMIC_RELEASE);
	}
	while (!__atomic_load_n(&slab_drained, __ATOMIC_ACQUIRE))
		cpu_relax();
}

static void step(struct worker *w)
{
	u64 r = rnd(w) % 1000;
	struct item it;

	if (r < 440) { /* allocate; half of it is for another thread */
		if (!alloc_item(w, &it)) {
			w->failures++;
			return;
		}
		w->allocs++;
		if ((rnd(w) & 1) && xchg_put(&it))
			return;
		if (w->nheld < HOLD_MAX) {
			w->held[w->nheld++] = it;
			return;
		}
		free_item(&it);
		w->frees++;
	} else if (r < 700) { /* free one of ours */
		if (!w->nheld)
			return;
		int i = (int)(rnd(w) % (u64)w->nheld);

		free_item(&w->held[i]);
		w->held[i] = w->held[--w->nheld];
		w->frees++;
	} else if (r < 990) { /* free one allocated elsewhere */
		if (xchg_take(w, &it)) {
			free_item(&it);
			w->remote_frees++;
		}
	} else if (r < 993) { /* a batch of pages in one call and back */
		struct page *batch[16] = {NULL};
		int n = (int)alloc_pages_bulk_array(GFP_KERNEL | __GFP_NOWARN,
						    1 + rnd(w) % 16, batch);

		for (int i = 0; i < n; i++)
			own_pages(batch[i], 0, w->cpu);
		for (int i = 0; i < n; i++)
			disown_pages(batch[i], 0);
		release_pages(batch, n);
		w->allocs += (unsigned long)n;
		w->frees += (unsigned long)n;
	} else if (r < 995) {
		drain_all_pages(NULL); /* every CPU's lists, from here */
		w->drains++;
	} else if (r < 998) {
		kmem_cache_shrink(obj_cache);
	} else {
		slab_shrink_all();
	}
}

static unsigned int workers_done;

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	host_current_cpu = w->cpu;
	for (long i = 0; i < w->ops; i++)
		step(w);
	slab_remote_drain();
	/* a CPU keeps taking cross-calls (drains) until all are done */
	__atomic_fetch_add(&workers_done, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&workers_done, __ATOMIC_ACQUIRE) < NTHREADS)
		cpu_relax();
	return NULL;
}

/* ---- the run ---- */

static unsigned long free_everything_count(void)
{
	drain_all_pages(NULL);
	slab_shrink_all();
	drain_all_pages(NULL);
	return pa_total_free();
}

static unsigned long pages_held(void)
{
	unsigned long held = 0;

	for (unsigned long pfn = 0; pfn < max_pfn_seen; pfn++)
		held += page_owner[pfn] != 0;
	return held;
}

/* memblock and bootmem belong to the boot CPU: a call on another CPU is
 * reported, naming the function. */
static void check_boot_api_cpu(void)
{
	int warns = host_warn_count;

	host_log_clear();
	host_current_cpu = 1;
	memblock_reserve(2 * NODE_MIB * SZ_1M - PAGE_SIZE, PAGE_SIZE);
	host_current_cpu = 0;
	ok(host_warn_count == warns + 1 &&
		   host_log_contains("memblock_add_range: memblock and "
				     "bootmem are boot-time, single-CPU "
				     "APIs, called on CPU#1"),
	   "memblock called on CPU#1: WARN naming the function");
	memblock_reserve(2 * NODE_MIB * SZ_1M - PAGE_SIZE, PAGE_SIZE);
	ok(host_warn_count == warns + 1, "on CPU#0: no warning");
}

/* The threads are CPUs 0..NTHREADS-1, online while they run; only this
 * thread (CPU 0) is left afterwards, the others offline. */
static void run_workers(struct worker *w, unsigned long seed, long ops)
{
	for (int cpu = 1; cpu < NTHREADS; cpu++)
		cpumask_set_cpu((unsigned int)cpu, cpu_online_mask);
	for (int i = 0; i < NTHREADS; i++) {
		w[i].cpu = i;
		w[i].rng = (seed + 1) * 0x9e3779b97f4a7c15ULL + (u64)i * 7919;
		w[i].ops = ops;
		pthread_create(&w[i].thread, NULL, worker_main, &w[i]);
	}
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(w[i].thread, NULL);
	for (int cpu = 1; cpu < NTHREADS; cpu++)
		cpumask_clear_cpu((unsigned int)cpu, cpu_online_mask);
}

int main(void)
{
	struct pa_range mem[2] = {{0, NODE_MIB * SZ_1M, 0},
				  {NODE_MIB * SZ_1M, NODE_MIB * SZ_1M, 1}};
	static const struct pa_range res[] = {{SZ_1M, 2 * SZ_1M, 0}};
	struct pa_layout l = {
		PA_MEM(mem),
		PA_RES(res),
		.zone_limit = {[ZONE_DMA] = 16 * SZ_1M,
			       [ZONE_DMA32] = NODE_MIB * SZ_1M,
			       [ZONE_NORMAL] = 2 * NODE_MIB * SZ_1M},
	};
	static struct worker w[NTHREADS];
	unsigned long seed = getenv("SEED") ? strtoul(getenv("SEED"), NULL, 0)
					    : (unsigned long)time(NULL);
	long ops = getenv("MM_SMP_OPS") ? atol(getenv("MM_SMP_OPS")) : 20000;
	unsigned long free0, free1, allocs = 0, remote = 0, drains = 0;
	const char *why;

	printf("TAP version 13\n");
	tap_diag("mm on %d CPUs (threads), seed %lu (rerun with SEED=%lu), "
		 "%ld operations each",
		 NTHREADS, seed, seed, ops);
	host_smp_init(NTHREADS); /* CPUs 1.. go offline until the threads */
	for (int cpu = 1; cpu < NTHREADS; cpu++)
		cpumask_clear_cpu((unsigned int)cpu, cpu_online_mask);
	pa_boot(&l, NULL);
	kmem_cache_init();
	/* CPUs 0 and 1 on node 0, the others on node 1: remote frees */
	for (int cpu = 0; cpu < NTHREADS; cpu++)
		set_cpu_numa_node(cpu, cpu < NTHREADS / 2 ? 0 : 1);
	obj_cache = kmem_cache_create("smp-obj", OBJ_SIZE, 0, 0, NULL);
	ok(obj_cache != NULL, "boot: page allocator, kmalloc, a cache");
	max_pfn_seen = PHYS_PFN(2 * NODE_MIB * SZ_1M);
	page_owner = calloc(max_pfn_seen, 1);
	obj_owner = calloc(max_pfn_seen * PAGE_SIZE / 8 / 64, sizeof(u64));
	free0 = free_everything_count();

	run_workers(w, seed, ops);
	for (int i = 0; i < NTHREADS; i++) {
		allocs += w[i].allocs;
		remote += w[i].remote_frees;
		drains += w[i].drains;
	}
	tap_diag("%lu allocations, %lu freed by another CPU, %lu drains",
		 allocs, remote, drains);
	ok(!violations,
	   "ownership: no page or object handed out twice, no "
	   "stamp overwritten%s%s",
	   violations ? " -- " : "", violation_msg);
	ok(remote > 0 && drains > 0, "cross-CPU frees and drains happened");
	ok_eq(slab_parked_after_shrink, 0,
	      "slab: a shrink empties the stacks of the other (running) CPUs");

	/* everything back, on each CPU's own behalf, then the leftovers */
	for (int i = 0; i < NTHREADS; i++) {
		host_current_cpu = w[i].cpu;
		while (w[i].nheld)
			free_item(&w[i].held[--w[i].nheld]);
	}
	host_current_cpu = 0;
	while (xchg.n)
		free_item(&xchg.slot[--xchg.n]);
	ok(!violations, "ownership: the final frees are all sound%s%s",
	   violations ? " -- " : "", violation_msg);
	free1 = free_everything_count();
	ok_eq(free1, free0,
	      "free pages back to the start once all is freed, "
	      "drained and shrunk");
	why = pa_check_zones();
	ok(!why, "zones consistent: free lists, pcp lists, counters%s%s",
	   why ? " -- " : "", why ? why : "");
	check_boot_api_cpu();
	ok(!pages_held(), "ownership map empty at the end");
	return tap_done();
}
