// SPDX-License-Identifier: MIT
/**
 * DOC: slab cache layout
 *
 * How a new cache is laid out, once, in __kmem_cache_create(): the object
 * alignment, the debug layout, where the slab descriptor and its
 * free-index stack live (objfreelist, off-slab or on-slab, tried in that
 * order), the slab order (the smallest that wastes at most 1/8, capped at
 * SLAB_MAX_ORDER_LO unless one object needs more) and the colouring.
 * Nothing here runs after creation; mm/slab.c has the run-time paths.
 */
#include <kernel/errno.h>

#include "slab_internal.h"

/*
 * cache_estimate - objects per slab of 2^@order pages and bytes left over.
 * On-slab, the descriptor and one index per object share the slab with the
 * objects, and the objects start at an @align boundary after them.
 */
static unsigned int cache_estimate(unsigned int order, unsigned int size,
				   unsigned int align, unsigned int flags,
				   size_t *left_over)
{
	size_t slab_size = PAGE_SIZE << order;
	size_t num, mgmt;

	if (flags & (CFLGS_OFF_SLAB | CFLGS_OBJFREELIST_SLAB)) {
		num = slab_size / size;
		*left_over = slab_size - num * size;
		return (unsigned int)num;
	}
	if (slab_size < sizeof(struct slab) + sizeof(freelist_idx_t) + size) {
		*left_over = slab_size;
		return 0;
	}
	num = (slab_size - sizeof(struct slab)) /
	      (size + sizeof(freelist_idx_t));
	for (;;) {
		mgmt = ALIGN(sizeof(struct slab) + num * sizeof(freelist_idx_t),
			     (size_t)align);
		if (mgmt + num * size <= slab_size || !num)
			break;
		num--;
	}
	*left_over = num ? slab_size - mgmt - num * size : slab_size;
	return (unsigned int)num;
}

/*
 * calculate_slab_order - pick gfporder and num for @flags' layout.
 * Return: left-over bytes per slab, or (size_t)-1 if no order fits.
 */
static size_t calculate_slab_order(struct kmem_cache *cachep, unsigned int size,
				   unsigned int flags)
{
	size_t left_over = (size_t)-1, rem;
	unsigned int order, num;

	cachep->num = 0;
	for (order = 0; order < MAX_ORDER; order++) {
		num = cache_estimate(order, size, cachep->align, flags, &rem);
		if (!num)
			continue;
		if (num > SLAB_OBJ_MAX_NUM)
			break;
		if (flags & CFLGS_OFF_SLAB) {
			size_t mgmt = sizeof(struct slab) +
				      num * sizeof(freelist_idx_t);
			struct kmem_cache *fc =
				kmalloc_freelist_cache(mgmt, cachep->flags);

			/* The descriptor's cache must not itself need one. */
			if (!fc || fc == cachep || OFF_SLAB(fc) ||
			    fc->size >= size)
				continue;
			cachep->freelist_cache = fc;
		}
		cachep->num = num;
		cachep->gfporder = order;
		left_over = rem;
		if (order >= SLAB_MAX_ORDER_LO)
			break;
		/* Acceptable internal fragmentation: at most 1/8 wasted. */
		if (left_over * 8 <= (PAGE_SIZE << order))
			break;
	}
	return left_over;
}

static bool set_objfreelist_slab_cache(struct kmem_cache *cachep,
				       unsigned int size, size_t *left)
{
	/* The stack overwrites a free object: no ctor state, no poison. */
	if (cachep->ctor || (cachep->flags & SLAB_POISON) || !slab_desc_cache ||
	    cachep == slab_desc_cache)
		return false;
	*left = calculate_slab_order(cachep, size, CFLGS_OBJFREELIST_SLAB);
	if (!cachep->num ||
	    cachep->num * sizeof(freelist_idx_t) > cachep->object_size)
		return false;
	cachep->flags |= CFLGS_OBJFREELIST_SLAB;
	cachep->mgmt_size = sizeof(struct slab);
	return true;
}

/* Large objects: keep the descriptor off the slab to fit one more object. */
static bool set_off_slab_cache(struct kmem_cache *cachep, unsigned int size,
			       size_t *left)
{
	size_t on_slab_mgmt;

	if (size < PAGE_SIZE / 8 || slab_state < UP)
		return false;
	*left = calculate_slab_order(cachep, size, CFLGS_OFF_SLAB);
	if (!cachep->num)
		return false;
	on_slab_mgmt = ALIGN(sizeof(struct slab) +
				     cachep->num * sizeof(freelist_idx_t),
			     (size_t)cachep->align);
	/* The descriptor fits into the waste anyway: keep it on the slab. */
	if (*left >= on_slab_mgmt)
		return false;
	cachep->flags |= CFLGS_OFF_SLAB;
	cachep->mgmt_size =
		sizeof(struct slab) + cachep->num * sizeof(freelist_idx_t);
	return true;
}

static bool set_on_slab_cache(struct kmem_cache *cachep, unsigned int size,
			      size_t *left)
{
	cachep->freelist_cache = NULL;
	*left = calculate_slab_order(cachep, size, 0);
	if (!cachep->num)
		return false;
	cachep->mgmt_size = ALIGN(sizeof(struct slab) +
					  cachep->num * sizeof(freelist_idx_t),
				  cachep->align);
	return true;
}

/*
 * Cache-line alignment for small objects is relaxed to the smallest power
 * of two they fit in twice, so tiny objects do not each take a line.
 */
static unsigned int calculate_alignment(unsigned int flags, unsigned int align,
					unsigned int size)
{
	unsigned int ralign = BYTES_PER_WORD;

	if (flags & SLAB_HWCACHE_ALIGN) {
		ralign = SMP_CACHE_BYTES;
		while (size <= ralign / 2 && ralign > BYTES_PER_WORD)
			ralign /= 2;
	}
	if (align > ralign)
		ralign = align;
	return ralign;
}

/**
 * __kmem_cache_create - lay out a cache whose name, object_size, ctor and
 * flags are set
 * @cachep: the cache
 * @flags: SLAB_* flags (already filtered)
 *
 * Chooses alignment, debug layout, management placement, gfporder and
 * colouring.  Return: 0 or -E2BIG if no slab order can hold one object.
 */
int __kmem_cache_create(struct kmem_cache *cachep, unsigned int flags)
{
	unsigned int size = ALIGN(cachep->object_size, BYTES_PER_WORD);
	size_t left_over;
	int nid;

	cachep->flags = flags;
	cachep->align = calculate_alignment(flags, cachep->align, size);
	cachep->obj_offset = 0;
	cachep->allocflags = 0;
	if (flags & SLAB_CACHE_DMA)
		cachep->allocflags |= __GFP_DMA;
	if (flags & SLAB_CACHE_DMA32)
		cachep->allocflags |= __GFP_DMA32;
	if (flags & SLAB_RECLAIM_ACCOUNT)
		cachep->allocflags |= __GFP_RECLAIMABLE;
	if (flags & SLAB_DEBUG_MASK)
		slab_debug_layout(cachep, &size, cachep->align);
	size = ALIGN(size, cachep->align);
	cachep->size = size;
	cachep->reciprocal_buffer_size =
		(u32)(((1ULL << 32) + size - 1) / size);

	if (!set_objfreelist_slab_cache(cachep, size, &left_over) &&
	    !set_off_slab_cache(cachep, size, &left_over) &&
	    !set_on_slab_cache(cachep, size, &left_over))
		return -E2BIG;

	cachep->colour_off =
		max_t(unsigned int, SMP_CACHE_BYTES, cachep->align);
	/* slab->colouroff is 16 bits: huge slabs colour less of their waste */
	cachep->colour = (unsigned int)min_t(size_t, left_over, 0xffff) /
			 cachep->colour_off;
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = &cachep->node[nid];

		spin_lock_init(&n->list_lock);
		INIT_LIST_HEAD(&n->slabs_partial);
		INIT_LIST_HEAD(&n->slabs_full);
		INIT_LIST_HEAD(&n->slabs_free);
		n->total_slabs = n->free_slabs = n->free_objects = 0;
		n->free_limit = cachep->num;
		n->colour_next = 0;
	}
	return 0;
}
