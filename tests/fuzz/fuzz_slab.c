// SPDX-License-Identifier: MIT
/*
 * Fuzz target: slab caches and kmalloc (mm/slab*.c) on the real memblock +
 * buddy, driven by operation sequences, checked against a table of live
 * objects.
 *
 * The page allocator and kmalloc are booted once; each input then runs up
 * to 64 operations of 4 bytes: kmalloc / kzalloc / kmalloc_node /
 * kcalloc of any size up to 40 KiB (so large kmalloc from the buddy too),
 * kmem_cache_alloc(_node) from fixed caches of different layouts (tiny,
 * HWCACHE_ALIGN, off-slab, constructor, full debug, DMA32) and from up to
 * two caches the input itself creates with a size, alignment and flags of
 * its choosing; kfree / kmem_cache_free, krealloc, ksize, switching the
 * CPU (the last one sits on node 1), kmem_cache_shrink, and destroying an
 * input-made cache after freeing its objects.
 *
 * The model: every live object has a tag-derived fill pattern, a size and
 * its cache.  After every operation:
 *   - a new object is not NULL, aligned as its cache or kmalloc promises,
 *     ksize() >= the size asked, zeroed for kzalloc/kcalloc, in the
 *     constructed state for caches with a constructor;
 *   - every object freed or reallocated still has its pattern (krealloc
 *     keeps the common prefix);
 *   - no two live objects overlap (sorted by address);
 *   - each cache's slab lists agree with its counters;
 *   - the debug caches reported nothing (correct use is never flagged).
 * At the end of every input all is freed and every cache shrunk: the page
 * allocator's free page count must be back to its value before the input.
 */
#include <stdlib.h>
#include <string.h>

#include <kernel/log2.h>

#include "../../mm/slab_internal.h"
#include "fuzz_common.h"
#include "host.h"
#include "slab_check.h"
#include "slab_test_env.h"

#define MAX_OPS 64
#define NSLOTS 64
#define NFIXED 6
#define NDYN 2

struct slot {
	unsigned char *p;
	size_t size;
	u32 tag;
	int cache; /* -1: kmalloc; 0..NFIXED-1 fixed; NFIXED.. dynamic */
};

struct cache_def {
	const char *name;
	unsigned int size, align, flags;
	bool ctor;
};

static const struct cache_def fixed_defs[NFIXED] = {
	{"fz_16", 16, 0, 0, false},
	{"fz_100_hw", 100, 0, SLAB_HWCACHE_ALIGN, false},
	{"fz_1500", 1500, 0, 0, false}, /* off-slab management */
	{"fz_3000_ctor", 3000, 0, 0, true},
	{"fz_64_debug", 64, 0, SLAB_DEBUG_FLAGS, false},
	{"fz_200_dma32", 200, 64, SLAB_CACHE_DMA32 | SLAB_RED_ZONE, true},
};

static struct slot slots[NSLOTS];
static struct kmem_cache *caches[NFIXED + NDYN];
static struct cache_def dyn_defs[NDYN];
static char dyn_names[NDYN][16];
static u32 next_tag;

static const struct cache_def *def_of(int c)
{
	return c < NFIXED ? &fixed_defs[c] : &dyn_defs[c - NFIXED];
}

static void ctor_fz(void *obj)
{
	memset(obj, 0xc7, 8);
}

static inline u8 pat(u32 tag, size_t i)
{
	return (u8)((tag * 2654435761u + i * 31u) >> 7);
}

static void fill(struct slot *s, size_t from)
{
	for (size_t i = from; i < s->size; i++)
		s->p[i] = pat(s->tag, i);
}

static void verify(const struct slot *s, size_t upto, const char *when)
{
	for (size_t i = 0; i < upto; i++)
		FUZZ_ASSERT(s->p[i] == pat(s->tag, i),
			    "%s: object %p (%zu bytes, cache %d) byte %zu is "
			    "%#x, want %#x",
			    when, (void *)s->p, s->size, s->cache, i, s->p[i],
			    pat(s->tag, i));
}

static size_t pick_size(u8 a, u8 b)
{
	unsigned int v = (unsigned int)a << 8 | b;

	switch (a >> 6) {
	case 0:
		return 1 + v % 256;
	case 1:
		return 1 + v % 2048;
	case 2:
		return 1 + v % 8192;
	default:
		return 1 + (size_t)v * 5 % 40960; /* large: the buddy */
	}
}

static void check_new(struct slot *s, bool zeroed)
{
	FUZZ_ASSERT(s->p && !ZERO_OR_NULL_PTR(s->p),
		    "allocation of %zu bytes (cache %d) failed", s->size,
		    s->cache);
	if (s->cache < 0) {
		FUZZ_ASSERT(ksize(s->p) >= s->size,
			    "ksize %zu below the %zu bytes asked", ksize(s->p),
			    s->size);
		FUZZ_ASSERT(IS_ALIGNED((uintptr_t)s->p, ARCH_KMALLOC_MINALIGN),
			    "kmalloc(%zu) = %p misaligned", s->size,
			    (void *)s->p);
	} else {
		const struct cache_def *d = def_of(s->cache);
		unsigned int align = max(d->align, 8u);

		if (d->flags & SLAB_HWCACHE_ALIGN) {
			/* a cache line, halved while the object fits twice */
			unsigned int line = SMP_CACHE_BYTES;

			while (d->size <= line / 2)
				line /= 2;
			align = max(align, line);
		}
		FUZZ_ASSERT(IS_ALIGNED((uintptr_t)s->p, align),
			    "%s object %p not aligned to %u", d->name,
			    (void *)s->p, align);
		FUZZ_ASSERT(ksize(s->p) >= s->size, "%s: ksize %zu < %zu",
			    d->name, ksize(s->p), s->size);
		if (d->ctor)
			for (int i = 0; i < 8; i++)
				FUZZ_ASSERT(s->p[i] == 0xc7,
					    "%s: object not constructed",
					    d->name);
	}
	for (size_t i = 0; zeroed && i < s->size; i++)
		FUZZ_ASSERT(!s->p[i], "zeroed allocation: byte %zu is %#x", i,
			    s->p[i]);
	fill(s, 0);
}

static void do_alloc(struct slot *s, const u8 *d)
{
	int c = d[2] % (NFIXED + NDYN + 4) - 4; /* -4..-1: kmalloc kinds */
	bool zeroed = false;

	s->tag = ++next_tag;
	if (c >= 0 && !caches[c])
		c = -1; /* a dynamic cache not made yet */
	if (c < 0) {
		s->size = pick_size(d[1], d[3]);
		s->cache = -1;
		switch (c) {
		case -4:
			s->p = kzalloc(s->size, GFP_KERNEL);
			zeroed = true;
			break;
		case -3:
			s->p = kmalloc_node(s->size, GFP_KERNEL, d[3] & 1);
			break;
		case -2: {
			/* an array of 1..16-byte elements */
			size_t elem = 1 + d[3] % 16, n = s->size / elem + 1;

			s->size = n * elem;
			s->p = kcalloc(n, elem, GFP_KERNEL);
			zeroed = true;
			break;
		}
		default:
			s->p = kmalloc(s->size, GFP_KERNEL);
			break;
		}
	} else {
		s->cache = c;
		s->size = def_of(c)->size;
		s->p = d[3] & 1 ? kmem_cache_alloc_node(caches[c], GFP_KERNEL,
							(d[3] >> 1) & 1)
				: kmem_cache_alloc(caches[c], GFP_KERNEL);
	}
	check_new(s, zeroed);
}

static void do_free(struct slot *s)
{
	verify(s, s->size, "free");
	if (s->cache < 0) {
		kfree(s->p);
	} else {
		/* constructed objects go back in the constructed state */
		if (def_of(s->cache)->ctor)
			memset(s->p, 0xc7, 8);
		kmem_cache_free(caches[s->cache], s->p);
	}
	s->p = NULL;
}

static void do_realloc(struct slot *s, const u8 *d)
{
	size_t nsize = pick_size(d[2], d[3]), keep = min(nsize, s->size);
	unsigned char *n;

	verify(s, s->size, "before krealloc");
	n = krealloc(s->p, nsize, GFP_KERNEL);
	FUZZ_ASSERT(n, "krealloc %zu -> %zu failed", s->size, nsize);
	s->p = n;
	verify(s, keep, "after krealloc");
	FUZZ_ASSERT(ksize(n) >= nsize, "krealloc: ksize %zu < %zu", ksize(n),
		    nsize);
	s->size = nsize;
	fill(s, keep);
}

/* A cache of the input's choosing in dynamic slot @i. */
static void make_cache(int i, const u8 *d)
{
	static const unsigned int flag_sets[] = {
		0,
		SLAB_HWCACHE_ALIGN,
		SLAB_RED_ZONE,
		SLAB_POISON | SLAB_STORE_USER,
		SLAB_DEBUG_FLAGS,
		SLAB_RECLAIM_ACCOUNT,
		SLAB_CACHE_DMA,
		SLAB_HWCACHE_ALIGN | SLAB_CONSISTENCY_CHECKS,
	};
	struct cache_def *def = &dyn_defs[i];

	def->size = 1 + (((unsigned int)d[1] << 8 | d[2]) % 6000);
	def->align = d[3] & 0x80 ? 1u << (d[3] & 7) : 0;
	def->flags = flag_sets[(d[3] >> 3) % ARRAY_SIZE(flag_sets)];
	def->ctor = def->size >= 8 && (d[3] & 0x40);
	snprintf(dyn_names[i], sizeof(dyn_names[i]), "fz_dyn%d", i);
	def->name = dyn_names[i];
	caches[NFIXED + i] =
		kmem_cache_create(def->name, def->size, def->align, def->flags,
				  def->ctor ? ctor_fz : NULL);
	FUZZ_ASSERT(caches[NFIXED + i],
		    "kmem_cache_create(%u bytes, align %u, flags %#x) failed",
		    def->size, def->align, def->flags);
	FUZZ_ASSERT(kmem_cache_size(caches[NFIXED + i]) >= def->size,
		    "cache object size %u < %u",
		    kmem_cache_size(caches[NFIXED + i]), def->size);
}

static void destroy_cache(int i)
{
	for (int s = 0; s < NSLOTS; s++)
		if (slots[s].p && slots[s].cache == NFIXED + i)
			do_free(&slots[s]);
	host_log_clear();
	kmem_cache_destroy(caches[NFIXED + i]);
	FUZZ_ASSERT(!host_log_contains("still allocated"),
		    "destroying an empty cache complained");
	caches[NFIXED + i] = NULL;
}

static int cmp_slot(const void *a, const void *b)
{
	const struct slot *x = *(struct slot *const *)a;
	const struct slot *y = *(struct slot *const *)b;

	return x->p < y->p ? -1 : x->p > y->p;
}

static void check_state(const char *op)
{
	struct slot *live[NSLOTS];
	struct kmem_cache *c;
	int n = 0;

	for (int i = 0; i < NSLOTS; i++)
		if (slots[i].p)
			live[n++] = &slots[i];
	qsort(live, (size_t)n, sizeof(live[0]), cmp_slot);
	for (int i = 0; i + 1 < n; i++)
		FUZZ_ASSERT(live[i]->p + live[i]->size <= live[i + 1]->p,
			    "after %s: %p+%zu overlaps %p", op,
			    (void *)live[i]->p, live[i]->size,
			    (void *)live[i + 1]->p);
	list_for_each_entry(c, &slab_caches, list)
		FUZZ_ASSERT(cache_consistent(c),
			    "after %s: %s: slab lists disagree with the "
			    "counters",
			    op, c->name);
	FUZZ_ASSERT(slab_nr_reports == 0,
		    "after %s: the slab debug code reported correct use", op);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	slab_env_boot(64);
	kmem_cache_init();
	slab_env_set_cpu_node(CONFIG_NR_CPUS - 1, 1);
	for (int i = 0; i < NFIXED; i++)
		caches[i] = kmem_cache_create(
			fixed_defs[i].name, fixed_defs[i].size,
			fixed_defs[i].align, fixed_defs[i].flags,
			fixed_defs[i].ctor ? ctor_fz : NULL);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"alloc",   "alloc", "alloc",  "free",	"free",
		"realloc", "cpu",   "shrink", "create", "destroy"};
	unsigned long start_free;

	host_current_cpu = 0;
	slab_shrink_all();
	start_free = slab_env_free_pages();

	for (int op = 0; size >= 4 && op < MAX_OPS;
	     op++, data += 4, size -= 4) {
		unsigned int kind = data[0] % ARRAY_SIZE(names);
		struct slot *s = &slots[data[1] % NSLOTS];
		int dyn = data[1] % NDYN;

		switch (kind) {
		case 0 ... 2:
			if (!s->p)
				do_alloc(s, data);
			break;
		case 3:
		case 4:
			if (s->p)
				do_free(s);
			break;
		case 5:
			if (s->p && s->cache < 0)
				do_realloc(s, data);
			break;
		case 6:
			host_current_cpu = data[2] % CONFIG_NR_CPUS;
			break;
		case 7:
			if (data[2] & 1)
				slab_shrink_all();
			else if (caches[data[2] / 2 % (NFIXED + NDYN)])
				kmem_cache_shrink(
					caches[data[2] / 2 % (NFIXED + NDYN)]);
			break;
		case 8:
			if (!caches[NFIXED + dyn])
				make_cache(dyn, data);
			break;
		case 9:
			if (caches[NFIXED + dyn])
				destroy_cache(dyn);
			break;
		}
		check_state(names[kind]);
	}

	for (int i = 0; i < NSLOTS; i++)
		if (slots[i].p)
			do_free(&slots[i]);
	for (int i = 0; i < NDYN; i++)
		if (caches[NFIXED + i])
			destroy_cache(i);
	host_current_cpu = 0;
	slab_shrink_all();
	check_state("freeing everything");
	FUZZ_ASSERT(slab_env_free_pages() == start_free,
		    "%lu free pages after freeing and shrinking, %lu before",
		    slab_env_free_pages(), start_free);
	return 0;
}
