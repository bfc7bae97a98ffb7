// SPDX-License-Identifier: MIT
/*
 * Slab debug tests (part of the "slab" host test binary): each check --
 * double free, invalid pointer, wrong cache, red-zone overwrite, write
 * after free, owner tracking, slab_debug= parsing -- fires on a seeded
 * misuse with the report text asserted and the cache still consistent
 * afterwards; and the slabinfo dump.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>

#include "test_slab.h"

void test_debug_double_free(void)
{
	struct kmem_cache *z = kmem_cache_create(
		"dbg_z", 24, 0, SLAB_RED_ZONE | SLAB_STORE_USER, NULL);
	struct kmem_cache *f = kmem_cache_create("dbg_f", 24, 0,
						 SLAB_CONSISTENCY_CHECKS, NULL);
	unsigned long r = slab_nr_reports;
	void *a, *b, *c;

	a = kmem_cache_alloc(z, GFP_KERNEL);
	kmem_cache_free(z, a);
	host_log_clear();
	kmem_cache_free(z, a);
	ok(logged_ptr("BUG: dbg_z: double free of object %p", a) &&
		   logged(", caller 0x") && logged("last freed by 0x"),
	   "red zone: double free reported with object, caller, last free");
	ok_eq(slab_nr_reports, r + 1, "report counted");
	b = kmem_cache_alloc(z, GFP_KERNEL);
	c = kmem_cache_alloc(z, GFP_KERNEL);
	ok(b == a && c != a, "double-freed object was not inserted twice");
	kmem_cache_free(z, b);
	kmem_cache_free(z, c);
	ok(cache_consistent(z), "dbg_z consistent");

	/* F without red zones: found in the per-cpu array ... */
	a = kmem_cache_alloc(f, GFP_KERNEL);
	kmem_cache_free(f, a);
	host_log_clear();
	kmem_cache_free(f, a);
	ok(logged_ptr("BUG: dbg_f: double free of object %p", a),
	   "consistency checks: double free found in the cpu array");
	/* ... and on the slab's free list after the array is drained. */
	kmem_cache_shrink(f);
	a = kmem_cache_alloc(f, GFP_KERNEL);
	b = kmem_cache_alloc(f, GFP_KERNEL);
	kmem_cache_free(f, a);
	drain_cpu_caches(f);
	host_log_clear();
	kmem_cache_free(f, a);
	ok(logged_ptr("BUG: dbg_f: double free of object %p", a),
	   "consistency checks: double free found on the slab freelist");
	kmem_cache_free(f, b);
	ok_eq(slab_nr_reports, r + 3, "three reports so far");
	kmem_cache_shrink(f);
	ok(cache_consistent(f) && cache_slabs(f) == 0,
	   "dbg_f consistent and empty after shrink");
	kmem_cache_destroy(z);
	kmem_cache_destroy(f);
}

void test_debug_invalid_free(void)
{
	struct kmem_cache *a = kmem_cache_create("dbg_a", 64, 0,
						 SLAB_CONSISTENCY_CHECKS, NULL);
	struct kmem_cache *b = kmem_cache_create("dbg_b", 64, 0,
						 SLAB_CONSISTENCY_CHECKS, NULL);
	unsigned long r = slab_nr_reports;
	char *x = kmem_cache_alloc(a, GFP_KERNEL);
	char *y = kmem_cache_alloc(b, GFP_KERNEL);
	void *host = malloc(64);
	void *p;

	host_log_clear();
	kmem_cache_free(a, x + 8);
	ok(logged_ptr("BUG: dbg_a: invalid free of %p: not the start of an "
		      "object, caller 0x",
		      x + 8),
	   "free of an interior pointer reported");
	kmem_cache_free(a, y);
	ok(logged_ptr("BUG: dbg_a: free of object %p to the wrong cache "
		      "(it belongs to dbg_b)",
		      y),
	   "free to the wrong cache reported");
	kmem_cache_free(a, host);
	ok(logged_ptr("BUG: dbg_a: invalid free of %p: not a slab object",
		      host),
	   "free of a foreign pointer reported");
	kfree(host);
	ok(logged_ptr("BUG: kfree: invalid pointer %p", host),
	   "kfree of a foreign pointer reported");
	ok_eq(slab_nr_reports, r + 4, "four reports");
	kmem_cache_free(b, y);
	p = kmem_cache_alloc(b, GFP_KERNEL);
	ok(p == y, "object freed to its own cache is reusable");
	kmem_cache_free(b, p);
	kmem_cache_free(a, x);
	kmem_cache_shrink(a);
	kmem_cache_shrink(b);
	ok(cache_consistent(a) && cache_slabs(a) == 0 && cache_slabs(b) == 0,
	   "caches consistent and empty: bad frees were not inserted");
	free(host);
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
}

void test_debug_redzone(void)
{
	struct kmem_cache *c = kmem_cache_create(
		"dbg_rz", 24, 0, SLAB_RED_ZONE | SLAB_STORE_USER, NULL);
	unsigned long r = slab_nr_reports;
	char *o = kmem_cache_alloc(c, GFP_KERNEL), *p;

	o[24] = 'X'; /* one past the end */
	host_log_clear();
	kmem_cache_free(c, o);
	ok(logged_ptr("BUG: dbg_rz: red zone overwritten on allocated object "
		      "%p",
		      o) &&
		   logged("caller 0x") && logged("last alloc by 0x"),
	   "overflow into the red zone reported on free");
	ok_eq(slab_nr_reports, r + 1, "report counted");
	host_log_clear();
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ok(p == o && !host_log_contains("BUG:"),
	   "red zone repaired: reuse is clean");
	o[-1] = 0; /* underflow */
	kmem_cache_free(c, p);
	ok(logged("red zone overwritten") && slab_nr_reports == r + 2,
	   "underflow into the front red zone reported");
	kmem_cache_shrink(c);
	ok(cache_consistent(c) && cache_slabs(c) == 0, "cache consistent");
	kmem_cache_destroy(c);

	/* kmalloc-32 was red-zoned by slab_debug= at boot. */
	o = kmalloc(32, GFP_KERNEL);
	o[32] = 1;
	host_log_clear();
	kfree(o);
	ok(logged_ptr("BUG: kmalloc-32: red zone overwritten on allocated "
		      "object %p",
		      o),
	   "kmalloc overflow caught by slab_debug=Z,kmalloc-32");
}

void test_debug_poison(void)
{
	struct kmem_cache *c = kmem_cache_create(
		"dbg_p", 100, 0, SLAB_POISON | SLAB_STORE_USER, NULL);
	unsigned long r = slab_nr_reports;
	unsigned char *o = kmem_cache_alloc(c, GFP_KERNEL), *p;

	ok(o[0] == 0x5a && o[98] == 0x5a && o[99] == 0xa5,
	   "fresh object poisoned 0x5a ... 0xa5");
	kmem_cache_free(c, o);
	ok(o[0] == 0x6b && o[98] == 0x6b && o[99] == 0xa5,
	   "free object poisoned 0x6b ... 0xa5");
	o[5] = 0; /* write after free */
	host_log_clear();
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ok(p == o &&
		   logged_ptr("BUG: dbg_p: poison overwritten (write after "
			      "free) in object %p at offset 5: found 0x00, "
			      "expected 0x6b",
			      o) &&
		   logged("last freed by 0x"),
	   "write after free reported on the next allocation");
	ok_eq(slab_nr_reports, r + 1, "report counted");
	kmem_cache_free(c, p);
	host_log_clear();
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ok(!host_log_contains("BUG:") && slab_nr_reports == r + 1,
	   "poison repaired: next cycle clean");
	kmem_cache_free(c, p);
	kmem_cache_shrink(c);
	ok(cache_consistent(c) && cache_slabs(c) == 0, "cache consistent");
	kmem_cache_destroy(c);

	/* ctor + poison: constructed again at each allocation. */
	c = kmem_cache_create("dbg_pc", 64, 0, SLAB_POISON, ctor_magic);
	o = kmem_cache_alloc(c, GFP_KERNEL);
	ok(*(u64 *)o == 0xC0FFEE, "poisoned ctor cache hands out constructed");
	kmem_cache_free(c, o);
	kmem_cache_destroy(c);
}

void test_debug_setup(void)
{
	struct kmem_cache *c, *d;

	ok_eq(slab_debug_setup("X"), -EINVAL, "slab_debug=X rejected");
	ok_eq(slab_debug_setup("FZPU,dbg_named,other"), 0,
	      "slab_debug=FZPU,dbg_named,other");
	c = kmem_cache_create("dbg_named", 32, 0, 0, NULL);
	d = kmem_cache_create("dbg_unnamed", 32, 0, 0, NULL);
	ok((c->flags & SLAB_DEBUG_FLAGS) == SLAB_DEBUG_FLAGS,
	   "named cache gets F, Z, P and U");
	ok(!(d->flags & SLAB_DEBUG_FLAGS), "other caches do not");
	kmem_cache_destroy(c);
	kmem_cache_destroy(d);
	ok_eq(slab_debug_setup("=P,dbg_pre*"), 0, "slab_debug==P,dbg_pre*");
	c = kmem_cache_create("dbg_prefix", 32, 0, 0, NULL);
	ok((c->flags & SLAB_DEBUG_FLAGS) == SLAB_POISON, "prefix match");
	kmem_cache_destroy(c);
	ok_eq(slab_debug_setup(""), 0, "slab_debug (all caches, all checks)");
	c = kmem_cache_create("dbg_all", 32, 0, 0, NULL);
	ok((c->flags & SLAB_DEBUG_FLAGS) == SLAB_DEBUG_FLAGS, "all flags");
	kmem_cache_destroy(c);
	slab_debug_setup("-");
	c = kmem_cache_create("dbg_none", 32, 0, 0, NULL);
	ok(!(c->flags & SLAB_DEBUG_FLAGS), "slab_debug=- switches off");
	kmem_cache_destroy(c);
}

void test_slabinfo(void)
{
	struct kmem_cache *c = kmem_cache_create("info_cache", 500, 0, 0, NULL);
	void *o = kmem_cache_alloc(c, GFP_KERNEL);
	char line[200];

	host_log_clear();
	slabinfo_dump();
	ok(logged("slabinfo - version: 2.1") &&
		   logged("# name            <active_objs> <num_objs> <objsize> "
			  "<objperslab> <pagesperslab> : slabdata "
			  "<active_slabs> <num_slabs>"),
	   "slabinfo header");
	snprintf(line, sizeof(line),
		 "info_cache        %6u %6u %6u %4u %4u : slabdata %6u %6u",
		 c->num, c->num, c->size, c->num, 1U << c->gfporder, 1, 1);
	ok(logged(line), "slabinfo line for info_cache");
	ok(logged("kmalloc-64 ") && logged("kmem_cache "),
	   "slabinfo lists kmalloc and kmem_cache");
	kmem_cache_free(c, o);
	kmem_cache_destroy(c);
}
