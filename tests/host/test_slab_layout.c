// SPDX-License-Identifier: MIT
/*
 * Slab layout tests, part of the slab unit tests (test_slab.c): where a
 * cache keeps its management (on-slab, off-slab, in a free object), how
 * much of a slab it wastes, and slab colouring.
 */
#include <string.h>

#include "test_slab.h"

static const char *layout(struct kmem_cache *c)
{
	return OFF_SLAB(c) ? "off" : OBJFREELIST_SLAB(c) ? "objfreelist" : "on";
}

static void ctor_nop(void *obj)
{
	(void)obj;
}

void test_layout_choice(void)
{
	static const struct {
		size_t size;
		const char *want;
	} km[] = {{8, "on"},
		  {16, "on"},
		  {32, "on"},
		  {64, "on"},
		  {96, "objfreelist"},
		  {128, "objfreelist"},
		  {192, "objfreelist"},
		  {256, "objfreelist"},
		  {512, "objfreelist"},
		  {1024, "objfreelist"},
		  {2048, "objfreelist"},
		  {4096, "objfreelist"},
		  {8192, "objfreelist"}};
	bool waste = true;
	struct kmem_cache *c;

	for (size_t i = 0; i < ARRAY_SIZE(km); i++) {
		c = kmalloc_slab(km[i].size, 0);
		if (km[i].size == 32) /* red-zoned by slab_debug= above */
			continue;
		ok(!strcmp(layout(c), km[i].want), "%s: %s-slab management",
		   c->name, layout(c));
	}
	c = kmem_cache_create("ctor64", 64, 0, 0, ctor_nop);
	ok(!strcmp(layout(c), "on"), "64-byte ctor cache: on-slab");
	kmem_cache_destroy(c);
	c = kmem_cache_create("ctor1024", 1024, 0, 0, ctor_nop);
	ok(!strcmp(layout(c), "off") && c->freelist_cache &&
		   c->freelist_cache->size < c->size,
	   "1024-byte ctor cache: off-slab, descriptor in a smaller cache (%s)",
	   c->freelist_cache ? c->freelist_cache->name : "-");
	ok_eq(c->num, 4, "... 4 objects per page (none lost to management)");
	kmem_cache_destroy(c);
	c = kmem_cache_create("poison2048", 2048, 0, SLAB_POISON, NULL);
	ok(!strcmp(layout(c), "off"), "poisoned 2048-byte cache: off-slab");
	kmem_cache_destroy(c);

	/* Every cache: waste <= 1/8 unless at the order cap. */
	list_for_each_entry(c, &slab_caches, list) {
		size_t slab = PAGE_SIZE << c->gfporder;
		size_t used =
			(size_t)c->num * c->size +
			(OFF_SLAB(c) || OBJFREELIST_SLAB(c) ? 0 : c->mgmt_size);

		if (used > slab || (c->gfporder < SLAB_MAX_ORDER_LO &&
				    (slab - used) * 8 > slab)) {
			tap_diag("%s: order %u num %u size %u waste %zu",
				 c->name, c->gfporder, c->num, c->size,
				 slab - used);
			waste = false;
		}
	}
	ok(waste, "every cache wastes <= 1/8 of a slab (below the order cap)");
	ok_eq(kmalloc_slab(8192, 0)->gfporder, 1, "kmalloc-8192: order 1");
	ok(kmalloc_slab(96, 0)->gfporder == 0 &&
		   kmalloc_slab(64, 0)->gfporder == 0,
	   "small classes: order 0");
}

void test_colouring(void)
{
	struct kmem_cache *c = kmem_cache_create("colour700", 700, 0, 0, NULL);
	struct slab *seen[12];
	int nseen = 0;
	void *o[200];
	bool cycle = true;

	ok(c->colour >= 2 && c->colour_off == 64, "colour700: %u colours of 64",
	   c->colour);
	for (int i = 0; i < 200 && nseen < 12; i++) {
		struct slab *s;

		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
		s = virt_to_slab(o[i]);
		if (!nseen || seen[nseen - 1] != s) {
			bool dup = false;

			for (int k = 0; k < nseen; k++)
				dup |= seen[k] == s;
			if (!dup)
				seen[nseen++] = s;
		}
	}
	for (int k = 0; k < nseen; k++) {
		uintptr_t off = (uintptr_t)seen[k]->s_mem -
				(uintptr_t)page_address(seen[k]->page);

		if (off != (k % c->colour) * c->colour_off) {
			tap_diag("slab %d: first object at +%lu", k,
				 (unsigned long)off);
			cycle = false;
		}
	}
	ok(nseen == 12 && cycle,
	   "consecutive slabs' first objects step by colour_off and wrap");
	kmem_cache_shrink(c);
	ok(cache_slabs(c) == 12, "slabs in use are not shrunk");
	/* leak on purpose: objects are still allocated; reclaimed below */
	for (int k = 0; k < nseen; k++)
		for (unsigned int i = 0; i < c->num; i++) {
			void *obj = index_to_obj(c, seen[k], i);

			if (!slab_obj_is_free(c, seen[k], i))
				kmem_cache_free(c, obj);
		}
	kmem_cache_shrink(c);
	ok_eq(cache_slabs(c), 0, "all slabs released after freeing");
	kmem_cache_destroy(c);
}
