// SPDX-License-Identifier: MIT
/*
 * Randomized model test of the slab allocator and kmalloc.
 *
 * A table of live allocations is the model.  Each step picks a slot: an
 * empty one gets a new allocation (kmalloc, kzalloc, kmalloc_node, or one
 * of several kmem caches with different layouts, constructors and debug
 * flags), a full one is verified and then freed or krealloc'ed.  Every
 * allocation is filled with a pattern derived from its own tag, so any
 * overlap or stray write shows up when it is verified; live intervals are
 * also sorted and checked for overlap at intervals.  The "current CPU"
 * changes now and then (the last CPU sits on node 1) so objects migrate
 * between per-CPU arrays and nodes.  At the end everything is freed, every
 * cache is shrunk, and the page allocator's free page count must be back
 * to its start value.
 *
 *   SEED=<n> reproduces a run; OPS=<n> changes the number of operations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/log2.h>

#include "../../mm/slab_internal.h"
#include "host.h"
#include "slab_check.h"
#include "slab_test_env.h"
#include "tap.h"

#define NSLOTS 20000
#define NCACHES 6

enum kind { K_NONE, K_KMALLOC, K_CACHE };

struct slot {
	unsigned char *p;
	size_t size;
	u32 tag;
	u8 kind, cache;
};

static struct slot slots[NSLOTS];
static struct kmem_cache *caches[NCACHES];
static u64 rng_state;
static unsigned long nr_bad;

static u64 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static unsigned long rnd_below(unsigned long n)
{
	return (unsigned long)(rnd() % n);
}

static void ctor_model(void *obj)
{
	memset(obj, 0xc7, 16);
}

static const struct {
	const char *name;
	unsigned int size, align, flags;
	bool ctor;
} cache_defs[NCACHES] = {
	{"model_24", 24, 0, 0, false},
	{"model_100_hw", 100, 0, SLAB_HWCACHE_ALIGN, false},
	{"model_700", 700, 0, 0, false},
	{"model_3000_ctor", 3000, 0, 0, true},
	{"model_64_debug", 64, 0, SLAB_DEBUG_FLAGS, false},
	{"model_200_ctor", 200, 64, 0, true},
};

static inline u8 pat(u32 tag, size_t i)
{
	return (u8)((tag * 2654435761u + i * 31u) >> 7);
}

static void fill(struct slot *s, size_t from)
{
	for (size_t i = from; i < s->size; i++)
		s->p[i] = pat(s->tag, i);
}

static bool verify(const struct slot *s, size_t upto)
{
	for (size_t i = 0; i < upto; i++)
		if (s->p[i] != pat(s->tag, i)) {
			if (nr_bad++ < 5)
				tap_diag("slot %p size %zu: byte %zu is %#x, "
					 "want %#x",
					 (void *)s->p, s->size, i, s->p[i],
					 pat(s->tag, i));
			return false;
		}
	return true;
}

static size_t rnd_size(void)
{
	unsigned long r = rnd_below(100);

	if (r < 60)
		return 1 + rnd_below(256);
	if (r < 90)
		return 1 + rnd_below(2048);
	if (r < 99)
		return 1 + rnd_below(8192);
	return 8193 + rnd_below(40000); /* large: from the page allocator */
}

static u32 next_tag;

static void do_alloc(struct slot *s)
{
	unsigned long r = rnd_below(100);

	s->tag = ++next_tag;
	if (r < 55) {
		s->kind = K_KMALLOC;
		s->size = rnd_size();
		if (r < 5) {
			s->p = kzalloc(s->size, GFP_KERNEL);
			for (size_t i = 0; s->p && i < s->size; i++)
				if (s->p[i]) {
					nr_bad++;
					tap_diag("kzalloc(%zu) byte %zu not 0",
						 s->size, i);
					break;
				}
		} else if (r < 8) {
			s->p = kmalloc_node(s->size, GFP_KERNEL, 1);
		} else {
			s->p = kmalloc(s->size, GFP_KERNEL);
		}
		if (s->p && ksize(s->p) < s->size)
			nr_bad++;
	} else {
		s->kind = K_CACHE;
		s->cache = (u8)rnd_below(NCACHES);
		s->size = cache_defs[s->cache].size;
		s->p = r < 60 ? kmem_cache_alloc_node(caches[s->cache],
						      GFP_KERNEL, 1)
			      : kmem_cache_alloc(caches[s->cache], GFP_KERNEL);
		if (s->p && cache_defs[s->cache].ctor &&
		    (s->p[0] != 0xc7 || s->p[15] != 0xc7)) {
			nr_bad++;
			tap_diag("%s: object not in constructed state",
				 cache_defs[s->cache].name);
		}
		if (s->p && cache_defs[s->cache].align &&
		    !IS_ALIGNED((uintptr_t)s->p, cache_defs[s->cache].align))
			nr_bad++;
	}
	if (!s->p) {
		nr_bad++;
		tap_diag("allocation failed");
		s->kind = K_NONE;
		return;
	}
	fill(s, 0);
}

static void do_free(struct slot *s)
{
	verify(s, s->size);
	if (s->kind == K_KMALLOC) {
		kfree(s->p);
	} else {
		/* constructed caches must get their objects back constructed */
		if (cache_defs[s->cache].ctor)
			memset(s->p, 0xc7, 16);
		kmem_cache_free(caches[s->cache], s->p);
	}
	s->kind = K_NONE;
	s->p = NULL;
}

static void do_realloc(struct slot *s)
{
	size_t nsize = rnd_size(), keep = min(nsize, s->size);
	unsigned char *n;

	verify(s, s->size);
	n = krealloc(s->p, nsize, GFP_KERNEL);
	if (!n) {
		nr_bad++;
		return;
	}
	s->p = n;
	if (!verify(s, keep))
		tap_diag("krealloc %zu -> %zu lost contents", s->size, nsize);
	s->size = nsize;
	fill(s, keep);
}

static int cmp_ptr(const void *a, const void *b)
{
	const struct slot *x = *(struct slot *const *)a;
	const struct slot *y = *(struct slot *const *)b;

	return x->p < y->p ? -1 : x->p > y->p;
}

/* Sort the live allocations and check that none overlaps the next. */
static bool check_no_overlap(void)
{
	static struct slot *live[NSLOTS];
	int n = 0;

	for (int i = 0; i < NSLOTS; i++)
		if (slots[i].kind != K_NONE)
			live[n++] = &slots[i];
	qsort(live, (size_t)n, sizeof(live[0]), cmp_ptr);
	for (int i = 0; i + 1 < n; i++)
		if (live[i]->p + live[i]->size > live[i + 1]->p) {
			tap_diag("overlap: %p+%zu and %p", (void *)live[i]->p,
				 live[i]->size, (void *)live[i + 1]->p);
			return false;
		}
	return true;
}

static bool caches_consistent(void)
{
	struct kmem_cache *c;

	list_for_each_entry(c, &slab_caches, list) {
		if (!cache_consistent(c)) {
			tap_diag("%s: slab lists disagree with the counters",
				 c->name);
			return false;
		}
	}
	return true;
}

int main(void)
{
	unsigned long seed, ops = 1000000, start_free, reports;
	unsigned long counts[4] = {0};
	bool overlap_ok = true;
	const char *e = getenv("OPS");

	printf("TAP version 13\n");
	seed = host_seed();
	rng_state = seed * 0x9E3779B97F4A7C15ULL + 1;
	if (e)
		ops = strtoul(e, NULL, 0);
	slab_env_boot(1024);
	printf("# page allocator: %s\n", slab_env_name);
	kmem_cache_init();
	slab_env_set_cpu_node(CONFIG_NR_CPUS - 1, 1); /* one CPU on node 1 */
	for (int i = 0; i < NCACHES; i++)
		caches[i] = kmem_cache_create(
			cache_defs[i].name, cache_defs[i].size,
			cache_defs[i].align, cache_defs[i].flags,
			cache_defs[i].ctor ? ctor_model : NULL);
	slab_shrink_all();
	start_free = slab_env_free_pages();
	reports = slab_nr_reports;

	for (unsigned long op = 0; op < ops; op++) {
		struct slot *s = &slots[rnd_below(NSLOTS)];

		if (s->kind == K_NONE) {
			do_alloc(s);
			counts[0]++;
		} else if (s->kind == K_KMALLOC && rnd_below(4) == 0) {
			do_realloc(s);
			counts[1]++;
		} else {
			do_free(s);
			counts[2]++;
		}
		if (op % 997 == 0)
			host_current_cpu = (int)rnd_below(CONFIG_NR_CPUS);
		if (op % 100000 == 99999) {
			overlap_ok &= check_no_overlap();
			if (rnd_below(2))
				slab_shrink_all();
			counts[3]++;
		}
	}
	ok(nr_bad == 0,
	   "%lu ops (%lu alloc, %lu realloc, %lu free): contents, "
	   "sizes, ctor state and alignment all verified",
	   ops, counts[0], counts[1], counts[2]);
	ok(overlap_ok, "no overlapping live allocations (%lu sorted checks)",
	   counts[3]);
	ok(check_no_overlap(), "no overlap at the end");
	ok(caches_consistent(), "slab lists consistent with counters");
	ok_eq(slab_nr_reports, reports, "no debug reports on correct use");

	for (int i = 0; i < NSLOTS; i++)
		if (slots[i].kind != K_NONE)
			do_free(&slots[i]);
	ok(nr_bad == 0, "final contents verified");
	host_current_cpu = 0;
	slab_shrink_all();
	ok(caches_consistent(), "consistent after shrinking");
	ok_eq(slab_env_free_pages(), start_free,
	      "free page count back to its start value after shrink");
	for (int i = 0; i < NCACHES; i++) {
		unsigned long slabs = 0;

		for (int nid = 0; nid < MAX_NUMNODES; nid++)
			slabs += caches[i]->node[nid].total_slabs;
		if (slabs)
			tap_diag("%s still has %lu slabs", caches[i]->name,
				 slabs);
		kmem_cache_destroy(caches[i]);
	}
	ok(!host_log_contains("still allocated"), "all caches destroyed");
	return tap_done();
}
