// SPDX-License-Identifier: MIT
/*
 * Unit tests of the slab allocator and kmalloc (mm/slab*.c): bootstrap,
 * every API, size classes, alignment, layout choice per size, colouring,
 * constructors, shrinking back to the page allocator (and through the
 * shrinker), destroy with leaks, per-node allocation and per-CPU caches.
 * The debug checks are in test_slab_debug.c, linked into the same binary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/log2.h>
#include <mm/shrinker.h>

#include "test_slab.h"

bool logged(const char *needle)
{
	bool r = host_log_contains(needle);

	if (!r)
		tap_diag("log lacks \"%s\"", needle);
	return r;
}

bool logged_ptr(const char *fmt, const void *p)
{
	char buf[160];

	snprintf(buf, sizeof(buf), fmt, p);
	return logged(buf);
}

unsigned long cache_slabs(struct kmem_cache *c)
{
	unsigned long n = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		n += c->node[nid].total_slabs;
	return n;
}

/* ------------------------------------------------------------ boot */

static void test_boot(void)
{
	ok(!slab_is_available(), "slab not available before kmem_cache_init");
	ok(kmalloc(16, GFP_KERNEL) == NULL, "kmalloc before init fails");
	host_log_clear();
	/* Red zones on kmalloc-32 from the command line, before init. */
	ok_eq(slab_debug_setup("Z,kmalloc-32"), 0, "slab_debug=Z,kmalloc-32");
	kmem_cache_init();
	slab_debug_setup("-");
	ok(slab_is_available(), "slab available after kmem_cache_init");
	ok(logged("kmalloc: caches kmalloc-8 kmalloc-16 kmalloc-32 "
		  "kmalloc-64 kmalloc-96 kmalloc-128 kmalloc-192 "
		  "kmalloc-256 kmalloc-512 kmalloc-1024 kmalloc-2048 "
		  "kmalloc-4096 kmalloc-8192 (+ dma, dma32)"),
	   "boot line lists the kmalloc caches");
	ok(slab_state == FULL, "slab_state FULL");
	ok(kmem_cache->cpu_cache[0] != &boot_null_ac,
	   "cache of caches got a real per-cpu array");
	ok(kmalloc_slab(32, 0)->flags & SLAB_RED_ZONE,
	   "slab_debug= applied to kmalloc-32");
	ok(!(kmalloc_slab(64, 0)->flags & SLAB_RED_ZONE),
	   "... and not to kmalloc-64");
}

/* ------------------------------------------------------------ kmalloc */

static void test_kmalloc_classes(void)
{
	static const struct {
		size_t req, cls;
	} t[] = {{1, 8},       {8, 8},	     {9, 16},	   {17, 32},
		 {33, 64},     {65, 96},     {96, 96},	   {97, 128},
		 {129, 192},   {193, 256},   {257, 512},   {513, 1024},
		 {1025, 2048}, {2049, 4096}, {4097, 8192}, {8192, 8192}};
	bool all = true;

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		void *p = kmalloc(t[i].req, GFP_KERNEL);

		if (!p || ksize(p) != t[i].cls || ((uintptr_t)p & 7)) {
			tap_diag("kmalloc(%zu): %p ksize %zu", t[i].req, p,
				 ksize(p));
			all = false;
		}
		memset(p, 0x11, t[i].req);
		kfree(p);
	}
	ok(all, "kmalloc size classes 8..8192 (ksize, 8-byte aligned)");
	/* every size: the smallest class that holds it (kmalloc_index():
	 * size_index[] up to 192 bytes, fls64() above) */
	all = true;
	for (size_t req = 1; req <= KMALLOC_MAX_CACHE_SIZE; req++) {
		size_t cls = req <= 8 ? 8 : (size_t)1 << fls64(req - 1);
		void *p = kmalloc(req, GFP_KERNEL);

		if (req > 64 && req <= 96)
			cls = 96;
		else if (req > 128 && req <= 192)
			cls = 192;
		if (!p || ksize(p) != cls) {
			tap_diag("kmalloc(%zu): ksize %zu, want %zu", req,
				 ksize(p), cls);
			all = false;
		}
		kfree(p);
	}
	ok(all, "kmalloc of every size 1..8192 takes the smallest class");
	ok(kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR,
	   "kmalloc(0) = ZERO_SIZE_PTR");
	ok_eq(ksize(ZERO_SIZE_PTR), 0, "ksize(ZERO_SIZE_PTR) = 0");
	{
		unsigned long r = slab_nr_reports;

		host_log_clear();
		kfree(NULL);
		kfree(ZERO_SIZE_PTR);
		ok(r == slab_nr_reports && !host_log_contains("BUG"),
		   "kfree(NULL) and kfree(ZERO_SIZE_PTR) are silent no-ops");
	}
	ok(!strcmp(kmalloc_slab(100, 0)->name, "kmalloc-128"),
	   "kmalloc_slab(100) is kmalloc-128");
	ok(!strcmp(kmalloc_slab(100, GFP_DMA)->name, "dma-kmalloc-128"),
	   "GFP_DMA uses dma-kmalloc-128");
	ok(!strcmp(kmalloc_slab(2000, GFP_DMA32)->name, "dma32-kmalloc-2048"),
	   "GFP_DMA32 uses dma32-kmalloc-2048");
	ok(kmalloc_slab(8193, 0) == NULL, "no cache above 8192");
	ok(kmalloc_slab(64, GFP_DMA)->allocflags & __GFP_DMA,
	   "dma caches allocate slabs with __GFP_DMA");
	{
		void *p = kmalloc(64, GFP_DMA);
		struct page *pg = virt_to_page(p);

		ok(PageSlab(pg) &&
			   !strcmp(pg->slab_cache->name, "dma-kmalloc-64"),
		   "kmalloc(GFP_DMA) object lives in a dma-kmalloc-64 slab");
		kfree(p);
	}
}

static void test_kmalloc_large(void)
{
	unsigned long before = slab_env_free_pages();
	char *p = kmalloc(8193, GFP_KERNEL);
	struct page *pg = virt_to_page(p);

	ok(p && !((uintptr_t)p & (PAGE_SIZE - 1)), "large kmalloc is pages");
	ok(PageLargeKmalloc(pg) && !PageSlab(pg), "head page PG_large_kmalloc");
	ok_eq(pg->private, 2, "order kept in page->private");
	ok_eq(ksize(p), 4 * PAGE_SIZE, "ksize of large kmalloc = 4 pages");
	memset(p, 0x5a, ksize(p));
	ok_eq(slab_env_free_pages(), before - 4, "4 pages taken");
	kfree(p);
	ok_eq(slab_env_free_pages(), before, "kfree gives them back");
	ok(!PageLargeKmalloc(pg), "PG_large_kmalloc cleared");
	p = kzalloc(100000, GFP_KERNEL);
	ok(p && p[0] == 0 && p[99999] == 0, "large kzalloc zeroed");
	kfree(p);
	ok(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL) == NULL,
	   "beyond KMALLOC_MAX_SIZE fails");
}

static void test_kzalloc_kcalloc(void)
{
	unsigned char *p = kmalloc(200, GFP_KERNEL), *q;
	bool zero = true;

	memset(p, 0xff, 200);
	kfree(p);
	q = kzalloc(200, GFP_KERNEL);
	for (int i = 0; i < 256; i++)
		zero &= q[i] == 0;
	ok(q == p && zero,
	   "kzalloc zeroes a reused dirty object (whole class)");
	kfree(q);
	q = kcalloc(10, 30, GFP_KERNEL);
	zero = q != NULL;
	for (int i = 0; q && i < 300; i++)
		zero &= q[i] == 0;
	ok(zero, "kcalloc zeroed");
	kfree(q);
	ok(kcalloc(SIZE_MAX / 2, 3, GFP_KERNEL) == NULL,
	   "kcalloc overflow -> NULL");
	ok(kmalloc_array((size_t)1 << 40, (size_t)1 << 30, GFP_KERNEL) == NULL,
	   "kmalloc_array overflow -> NULL");
	q = kmalloc_array(4, 8, GFP_KERNEL);
	ok(q && ksize(q) == 32, "kmalloc_array 4x8 from kmalloc-32");
	kfree(q);
	q = kzalloc_node(50, GFP_KERNEL, 1);
	ok(q && q[0] == 0 && q[49] == 0 && page_to_nid(virt_to_page(q)) == 1,
	   "kzalloc_node on node 1");
	kfree(q);
}

static void test_krealloc_dup(void)
{
	char *p = kmalloc(20, GFP_KERNEL), *q;
	bool same = true;

	for (int i = 0; i < 20; i++)
		p[i] = (char)i;
	q = krealloc(p, 30, GFP_KERNEL);
	ok(q == p, "krealloc within the class stays in place");
	q = krealloc(p, 5000, GFP_KERNEL);
	for (int i = 0; i < 20; i++)
		same &= q[i] == (char)i;
	ok(q && q != p && same && ksize(q) == 8192,
	   "krealloc grow moves and keeps contents");
	p = krealloc(q, 20000, GFP_KERNEL);
	ok(p && p[19] == 19 && ksize(p) == 8 * PAGE_SIZE,
	   "krealloc into a large kmalloc keeps contents");
	q = krealloc(p, 0, GFP_KERNEL);
	ok(q == ZERO_SIZE_PTR,
	   "krealloc(p, 0) frees and returns ZERO_SIZE_PTR");
	p = krealloc(NULL, 40, GFP_KERNEL);
	ok(p && ksize(p) == 64, "krealloc(NULL) is kmalloc");
	kfree(p);

	p = kstrdup("hello slab", GFP_KERNEL);
	ok(p && !strcmp(p, "hello slab") && ksize(p) == 16, "kstrdup");
	kfree(p);
	p = kstrndup("hello slab", 5, GFP_KERNEL);
	ok(p && !strcmp(p, "hello"), "kstrndup truncates and terminates");
	kfree(p);
	ok(kstrdup(NULL, GFP_KERNEL) == NULL, "kstrdup(NULL) = NULL");
	p = kmemdup("abc\0def", 8, GFP_KERNEL);
	ok(p && !memcmp(p, "abc\0def", 8), "kmemdup");
	kfree(p);
}

/* ------------------------------------------------------------ caches */

int ctor_calls;
void ctor_magic(void *obj)
{
	ctor_calls++;
	*(u64 *)obj = 0xC0FFEE;
}

static void test_cache_api(void)
{
	struct kmem_cache *c = kmem_cache_create("test_obj", 40, 0, 0, NULL);
	void *a, *b;
	unsigned char *z;
	bool zero = true;

	ok(c != NULL, "kmem_cache_create");
	ok_eq(kmem_cache_size(c), 40, "kmem_cache_size = object size");
	ok(!strcmp(kmem_cache_name(c), "test_obj"), "kmem_cache_name");
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	ok(a && b && a != b, "two distinct objects");
	ok(virt_to_page(a)->slab_cache == c, "page->slab_cache points back");
	ok(virt_to_slab(a)->page == virt_to_page(a) ||
		   virt_to_slab(a)->page + 1 == virt_to_page(a),
	   "page->slab_mgmt is the slab descriptor");
	memset(a, 0xee, 40);
	kmem_cache_free(c, a);
	z = kmem_cache_zalloc(c, GFP_KERNEL);
	for (int i = 0; i < 40; i++)
		zero &= z[i] == 0;
	ok(z == a && zero, "kmem_cache_zalloc zeroes (LIFO reuse)");
	kmem_cache_free(c, z);
	kmem_cache_free(c, b);
	kmem_cache_free(c, NULL);
	a = kmem_cache_alloc_node(c, GFP_KERNEL, 1);
	ok(a && page_to_nid(virt_to_page(a)) == 1,
	   "kmem_cache_alloc_node(1) is on node 1");
	b = kmem_cache_alloc_node(c, GFP_KERNEL, 0);
	ok(b && page_to_nid(virt_to_page(b)) == 0,
	   "kmem_cache_alloc_node(0) is on node 0");
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	ok(cache_consistent(c), "lists consistent after node frees");
	a = kmem_cache_alloc_node(c, GFP_KERNEL, 3);
	b = kmalloc_node(5000, GFP_KERNEL, 7);
	ok(a && b, "nodes without memory / out of range fall back");
	kmem_cache_free(c, a);
	kfree(b);
	b = kmalloc_node(50000, GFP_KERNEL, 3);
	ok(b != NULL, "large kmalloc_node on a memoryless node falls back");
	kfree(b);
	ok(c->node[1].total_slabs >= 1 &&
		   c->node[1].free_objects == c->node[1].total_slabs * c->num,
	   "remote object went back to node 1's slab");
	kmem_cache_destroy(c);
	ok(!host_log_contains("kmem_cache_destroy test_obj"),
	   "kmem_cache_destroy of an empty cache: no report");

	ok(HOST_EXPECT_PANIC(kmem_cache_create("huge", 0, 0, SLAB_PANIC, NULL)),
	   "SLAB_PANIC panics on failure");
	ok(kmem_cache_create("badalign", 64, 48, 0, NULL) == NULL,
	   "non power-of-two align rejected");
	{
		int warns = host_warn_count;

		c = kmem_cache_create("badflags", 64, 0, CFLGS_OFF_SLAB, NULL);
		ok(c && host_warn_count == warns + 1 && !OFF_SLAB(c) &&
			   logged("slab: badflags: unknown flags 0x80000000"),
		   "internal flags from a caller are warned about and ignored");
		kmem_cache_destroy(c);
	}
}

static void test_alignment(void)
{
	struct kmem_cache *hw =
		kmem_cache_create("hw40", 40, 0, SLAB_HWCACHE_ALIGN, NULL);
	struct kmem_cache *small =
		kmem_cache_create("hw20", 20, 0, SLAB_HWCACHE_ALIGN, NULL);
	struct kmem_cache *a256 = kmem_cache_create("al256", 100, 256, 0, NULL);
	void *o[300];
	bool ok1 = true, ok2 = true, ok3 = true;

	ok_eq(hw->align, 64, "HWCACHE_ALIGN 40-byte objects: 64");
	ok_eq(small->align, 32, "HWCACHE_ALIGN 20-byte objects: 32 (halved)");
	ok_eq(a256->align, 256, "explicit align 256");
	for (int i = 0; i < 300; i++) {
		o[i] = kmem_cache_alloc(hw, GFP_KERNEL);
		ok1 &= IS_ALIGNED((uintptr_t)o[i], 64);
	}
	for (int i = 0; i < 300; i++)
		kmem_cache_free(hw, o[i]);
	for (int i = 0; i < 300; i++) {
		o[i] = kmem_cache_alloc(small, GFP_KERNEL);
		ok2 &= IS_ALIGNED((uintptr_t)o[i], 32);
	}
	for (int i = 0; i < 300; i++)
		kmem_cache_free(small, o[i]);
	for (int i = 0; i < 100; i++) {
		o[i] = kmem_cache_alloc(a256, GFP_KERNEL);
		ok3 &= IS_ALIGNED((uintptr_t)o[i], 256);
	}
	for (int i = 0; i < 100; i++)
		kmem_cache_free(a256, o[i]);
	ok(ok1, "300 HWCACHE_ALIGN objects 64-byte aligned");
	ok(ok2, "300 small HWCACHE_ALIGN objects 32-byte aligned");
	ok(ok3, "100 objects 256-byte aligned across slabs");
	kmem_cache_destroy(hw);
	kmem_cache_destroy(small);
	kmem_cache_destroy(a256);
}

static void test_ctor(void)
{
	struct kmem_cache *c = kmem_cache_create("ctor", 48, 0, 0, ctor_magic);
	u64 *o[100];
	bool magic = true;
	int calls;

	ctor_calls = 0;
	for (int i = 0; i < 100; i++) {
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
		magic &= *o[i] == 0xC0FFEE;
	}
	ok(magic, "objects arrive constructed");
	ok_eq(ctor_calls, cache_slabs(c) * c->num,
	      "ctor ran once per object of each new slab");
	calls = ctor_calls;
	for (int i = 0; i < 100; i++)
		kmem_cache_free(c, o[i]);
	for (int i = 0; i < 100; i++)
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
	ok_eq(ctor_calls, calls, "reallocation does not re-run the ctor");
	for (int i = 0; i < 100; i++)
		kmem_cache_free(c, o[i]);
	kmem_cache_destroy(c);
}

static void test_shrink(void)
{
	struct kmem_cache *c = kmem_cache_create("shrinkme", 256, 0, 0, NULL);
	unsigned long before = slab_env_free_pages();
	static void *o[5000];
	int shrunk;

	for (int i = 0; i < 5000; i++)
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
	ok(slab_env_free_pages() + 5000 * 256 / PAGE_SIZE <= before,
	   "5000 objects took pages (%lu -> %lu)", before,
	   slab_env_free_pages());
	for (int i = 0; i < 5000; i++)
		kmem_cache_free(c, o[i]);
	ok(c->node[0].free_objects <= c->node[0].free_limit + c->num,
	   "free_block released slabs beyond free_limit (%lu free objects, "
	   "limit %lu)",
	   c->node[0].free_objects, c->node[0].free_limit);
	ok(cache_consistent(c), "lists consistent");
	shrunk = kmem_cache_shrink(c);
	ok(shrunk > 0, "kmem_cache_shrink returned %d pages", shrunk);
	/* objfreelist descriptors of its slabs were freed to their cache */
	kmem_cache_shrink(slab_desc_cache);
	ok_eq(slab_env_free_pages(), before,
	      "free page count back to its start value");
	ok_eq(cache_slabs(c), 0, "no slabs left");
	ok_eq(kmem_cache_shrink(c), 0, "second shrink releases nothing");

	/* The page allocator's slow path reaches our shrinker. */
	for (int i = 0; i < 2000; i++)
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (int i = 0; i < 2000; i++)
		kmem_cache_free(c, o[i]);
	ok(cache_slabs(c) > 0, "free slabs retained before reclaim");
	ok(shrink_slab(GFP_KERNEL, 0, 128) > 0,
	   "shrink_slab() reclaims through the slab shrinker");
	ok_eq(cache_slabs(c), 0, "shrinker emptied the cache");
	kmem_cache_destroy(c);
}

#ifdef SLAB_FAKE_PAGES
extern long fake_page_limit;

/* The page allocator's slow path calls the slab shrinker and retries. */
static void test_reclaim_slow_path(void)
{
	struct kmem_cache *c = kmem_cache_create("reclaim", 512, 0, 0, NULL);
	static void *o[400];
	struct page *p;

	for (int i = 0; i < 400; i++)
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (int i = 0; i < 400; i++)
		kmem_cache_free(c, o[i]);
	ok(cache_slabs(c) > 0, "free slabs and per-cpu objects retained");
	fake_page_limit = 0; /* memory is "full" */
	p = alloc_pages(GFP_NOWAIT, 0);
	ok(p == NULL && cache_slabs(c) > 0,
	   "GFP_NOWAIT fails without reclaiming");
	p = alloc_pages(GFP_KERNEL, 0);
	ok(p != NULL, "GFP_KERNEL succeeds after the slow path shrank slab");
	ok_eq(cache_slabs(c), 0, "the slab shrinker released the free slabs");
	fake_page_limit = 0;
	o[0] = kmem_cache_alloc(c, GFP_NOWAIT);
	ok(o[0] == NULL && cache_consistent(c),
	   "allocation fails cleanly when the page allocator is empty");
	ok(kmalloc(20000, GFP_NOWAIT) == NULL, "large kmalloc fails cleanly");
	fake_page_limit = -1;
	if (p)
		__free_pages(p, 0);
	o[0] = kmem_cache_alloc(c, GFP_NOWAIT);
	ok(o[0] != NULL, "and works again once memory is back");
	kmem_cache_free(c, o[0]);
	kmem_cache_destroy(c);
}
#endif

static void test_big_objects(void)
{
	struct kmem_cache *c = kmem_cache_create("big100k", 100000, 0, 0, NULL);
	char *a, *b;

	ok(c && c->gfporder == 5 && c->num == 1,
	   "100000-byte objects: one per order-5 slab");
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	ok(a && b && a != b, "two big objects");
	memset(a, 1, 100000);
	memset(b, 2, 100000);
	ok(a[99999] == 1 && b[0] == 2, "big objects do not overlap");
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	kmem_cache_destroy(c);
	ok(kmem_cache_create("too_big", 64u << 20, 0, 0, NULL) == NULL,
	   "objects beyond half the largest buddy block are refused");
}

static void test_destroy_leak(void)
{
	struct kmem_cache *c = kmem_cache_create("leaky", 128, 0, 0, NULL);
	void *o[3];
	unsigned long reports = slab_nr_reports;

	for (int i = 0; i < 3; i++)
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
	host_log_clear();
	kmem_cache_destroy(c);
	ok(logged("slab: kmem_cache_destroy leaky: 3 objects still allocated") &&
		   logged("caller 0x"),
	   "destroy reports name, count of live objects and caller");
	ok(logged_ptr("slab: leaky: object %p still allocated", o[0]) &&
		   logged_ptr("slab: leaky: object %p still allocated", o[2]),
	   "... and their addresses");
	ok_eq(slab_nr_reports, reports + 1, "one report counted");
	ok(cache_slabs(c) == 1 && c->node[0].free_objects == c->num - 3,
	   "cache left alive with its memory (not freed)");
	memset(o[1], 0x42, 128); /* still ours: memory not given back */
	for (int i = 0; i < 3; i++)
		kmem_cache_free(c, o[i]);
	host_log_clear();
	kmem_cache_destroy(c);
	ok(!host_log_contains("slab: kmem_cache_destroy leaky"),
	   "destroy after freeing: no report");
	host_log_clear();
	ok_eq(slab_nr_reports, reports + 1, "no new report");
}

static void test_percpu(void)
{
	struct kmem_cache *c = kmem_cache_create("percpu", 32, 0, 0, NULL);
	struct array_cache *ac0, *ac1;
	void *a, *b;

	ac0 = c->cpu_cache[0];
	ac1 = c->cpu_cache[1];
	ok(ac0 != ac1 && ac0->limit == 120 && ac0->batchcount == 60,
	   "per-cpu arrays: limit 120, batch 60");
	a = kmem_cache_alloc(c, GFP_KERNEL);
	ok(ac0->avail > 0, "refill moved a batch into cpu 0's array (%u)",
	   ac0->avail);
	host_current_cpu = 1;
	b = kmem_cache_alloc(c, GFP_KERNEL);
	ok(ac1->avail > 0 && a != b, "cpu 1 refills its own array");
	kmem_cache_free(c, a); /* freed on cpu 1: goes to cpu 1's array */
	ok(ac1->entry[ac1->avail - 1] == a, "free pushes onto current cpu");
	host_current_cpu = 0;
	kmem_cache_free(c, b);
	for (unsigned int i = 0; i < 300; i++) {
		void *x = kmem_cache_alloc(c, GFP_KERNEL);

		kmem_cache_free(c, x);
	}
	ok(ac0->avail <= ac0->limit, "array never exceeds its limit");
	kmem_cache_shrink(c);
	ok(ac0->avail == 0 && ac1->avail == 0 && cache_slabs(c) == 0,
	   "shrink drains every cpu's array");
	kmem_cache_destroy(c);
}

/*
 * Each CPU's stack is emptied by that CPU (a cross-call; a CPU not running
 * is drained by the caller).  Waiting for a cross-call with interrupts off
 * can deadlock, so a drain asked for with interrupts off empties only this
 * CPU's stack, and says nothing.
 */
static void test_drain_irqs_off(void)
{
	struct kmem_cache *c = kmem_cache_create("irqsoff", 32, 0, 0, NULL);
	int warns = host_warn_count;
	irqflags_t f;
	void *a, *b;

	a = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, a);
	host_current_cpu = 1;
	b = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, b);
	host_current_cpu = 0;
	local_irq_save(f);
	drain_cpu_caches(c);
	local_irq_restore(f);
	ok(c->cpu_cache[0]->avail == 0 && c->cpu_cache[1]->avail > 0 &&
		   host_warn_count == warns,
	   "drain with interrupts off: this cpu's stack only, no warning");
	drain_cpu_caches(c);
	ok(c->cpu_cache[1]->avail == 0 && cache_count_cpu_objects(c) == 0,
	   "drain with interrupts on: every cpu's stack");
	kmem_cache_destroy(c);
}

#ifndef SLAB_FAKE_PAGES
/* A CPU on node 1: its refills come from node 1, frees elsewhere go home. */
static void test_cpu_on_node1(void)
{
	struct kmem_cache *c = kmem_cache_create("node1cpu", 200, 0, 0, NULL);
	void *o[100];
	bool on1 = true;

	set_cpu_numa_node(2, 1);
	host_current_cpu = 2;
	for (int i = 0; i < 100; i++) {
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
		on1 &= o[i] && page_to_nid(virt_to_page(o[i])) == 1;
	}
	ok(on1, "cpu 2 on node 1 gets node-1 objects");
	host_current_cpu = 0;
	for (int i = 0; i < 100; i++)
		kmem_cache_free(c, o[i]);
	ok(c->cpu_cache[0]->avail == 0,
	   "node-1 objects freed on a node-0 cpu bypass its array");
	ok(cache_consistent(c), "lists consistent");
	host_current_cpu = 2;
	kmem_cache_shrink(c);
	ok_eq(cache_slabs(c), 0, "all slabs released");
	set_cpu_numa_node(2, 0);
	host_current_cpu = 0;
	kmem_cache_destroy(c);
}
#endif

int main(void)
{
	printf("TAP version 13\n");
	slab_env_boot(256);
	printf("# page allocator: %s\n", slab_env_name);
	test_boot();
	test_kmalloc_classes();
	test_kmalloc_large();
	test_kzalloc_kcalloc();
	test_krealloc_dup();
	test_cache_api();
	test_alignment();
	test_layout_choice();
	test_colouring();
	test_big_objects();
	test_ctor();
	test_shrink();
#ifdef SLAB_FAKE_PAGES
	test_reclaim_slow_path();
#endif
	test_destroy_leak();
	test_percpu();
	test_drain_irqs_off();
#ifndef SLAB_FAKE_PAGES
	test_cpu_on_node1();
#endif
	test_debug_double_free();
	test_debug_invalid_free();
	test_debug_redzone();
	test_debug_poison();
	test_debug_setup();
	test_slabinfo();
	return tap_done();
}
