// SPDX-License-Identifier: MIT
/**
 * DOC: slab allocator core
 *
 * The classic SLAB design.  A cache hands out objects of one size.  Its
 * memory comes in slabs of 2^gfporder pages; each node keeps its slabs on
 * three lists (full, partial, free).  In front of the lists every CPU has an
 * array_cache, a LIFO stack of free objects: the common allocation pops
 * from it, the common free pushes onto it, and only when the stack runs
 * empty (cache_alloc_refill) or full (cache_flusharray) does a batch of
 * objects move between the stack and the slab lists.
 *
 * Each cache's layout (where the slab descriptor and its free-index
 * stack live, the order, the colouring) is chosen once at creation, in
 * mm/slab_layout.c; the per-CPU stacks are sized and drained in
 * mm/slab_cpu.c.  This file has the run-time paths: growing and
 * destroying slabs, taking and returning objects, shrinking.
 *
 * Locking (docs/mm.md, "Locking"): each array_cache is touched only by its
 * own CPU with interrupts masked, without a lock; a drain of another CPU's
 * stack is a cross-call that runs on the owner (mm/slab_cpu.c).  Each
 * node's lists have a list_lock, never held while allocating pages.
 * Slabs that become surplus are unlinked under the list_lock and
 * destroyed after it is dropped.  An object allocated on one CPU and
 * freed on another goes to the freeing CPU's stack (same node) or
 * straight to its node's lists (another node); a slab's active count
 * covers objects in every CPU's stack, so it stays right either way.
 */
#include <kernel/errno.h>
#include <kernel/log2.h>
#include <mm/shrinker.h>

#include "slab_internal.h"

enum slab_state slab_state;
LIST_HEAD(slab_caches);
struct kmem_cache *kmem_cache;
struct kmem_cache *slab_desc_cache;
/* Shared by every CPU of every cache until enable_cpucache(): limit 0, so
 * it is never written and every operation takes the slow path. */
struct array_cache boot_null_ac;
/* Set once a slab lives on a node other than 0: frees then check nodes. */
bool slab_numa_active;
DEFINE_SPINLOCK(slab_caches_lock);

/* ------------------------------------------------------------ slabs */

static struct page *kmem_getpages(struct kmem_cache *cachep, gfp_t flags,
				  int nid)
{
	struct page *page;
	unsigned long i, nr = 1UL << cachep->gfporder;

	flags &= ~(__GFP_ZERO | __GFP_COMP);
	page = alloc_pages_node(nid, flags | cachep->allocflags,
				cachep->gfporder);
	if (!page)
		return NULL;
	for (i = 0; i < nr; i++) {
		__SetPageSlab(page + i);
		page[i].slab_cache = cachep;
	}
	return page;
}

static void kmem_freepages(struct kmem_cache *cachep, struct page *page)
{
	unsigned long i, nr = 1UL << cachep->gfporder;

	for (i = 0; i < nr; i++) {
		__ClearPageSlab(page + i);
		page[i].slab_cache = NULL;
		page[i].slab_mgmt = NULL;
	}
	__free_pages(page, cachep->gfporder);
}

/*
 * alloc_slabmgmt - place the descriptor and its free-index stack for a new
 * slab at @addr with colour offset @colour_off.
 */
static struct slab *alloc_slabmgmt(struct kmem_cache *cachep, void *addr,
				   unsigned int colour_off, gfp_t flags,
				   int nid)
{
	struct slab *slabp;
	char *base = (char *)addr + colour_off;

	flags &= ~__GFP_ZERO;
	if (OFF_SLAB(cachep)) {
		slabp = kmem_cache_alloc_node(cachep->freelist_cache, flags,
					      nid);
		if (!slabp)
			return NULL;
		slabp->freelist = (freelist_idx_t *)(slabp + 1);
		slabp->s_mem = base;
	} else if (OBJFREELIST_SLAB(cachep)) {
		slabp = kmem_cache_alloc_node(slab_desc_cache, flags, nid);
		if (!slabp)
			return NULL;
		slabp->s_mem = base;
		/* The last object is handed out last: it holds the stack. */
		slabp->freelist = index_to_obj(cachep, slabp, cachep->num - 1);
	} else {
		slabp = (struct slab *)base;
		slabp->freelist = (freelist_idx_t *)(slabp + 1);
		slabp->s_mem = base + cachep->mgmt_size;
	}
	slabp->active = 0;
	slabp->colouroff = (unsigned short)colour_off;
	return slabp;
}

static void cache_init_objs(struct kmem_cache *cachep, struct slab *slabp)
{
	unsigned int i;
	bool debug = cachep->flags & SLAB_DEBUG_MASK;

	for (i = 0; i < cachep->num; i++) {
		void *obj = index_to_obj(cachep, slabp, i);

		if (unlikely(debug))
			slab_debug_init_obj(cachep, obj);
		else if (cachep->ctor)
			cachep->ctor(obj);
	}
	/* Written last: for objfreelist the stack overlays the last object. */
	for (i = 0; i < cachep->num; i++)
		slabp->freelist[i] = (freelist_idx_t)i;
}

/*
 * cache_grow - add one free slab to @cachep on node @nid (or wherever the
 * page allocator finds memory).  Return: the new slab, or NULL.
 */
static struct slab *cache_grow(struct kmem_cache *cachep, gfp_t flags, int nid)
{
	struct kmem_cache_node *n;
	struct page *page;
	struct slab *slabp;
	unsigned int offset, i;
	irqflags_t f;

	page = kmem_getpages(cachep, flags, nid);
	if (!page)
		return NULL;
	/*
	 * From now on refills must look at every node and frees must send
	 * remote objects home: a slab lives off node 0 or off the local node.
	 */
	if ((nid != page_to_nid(page) || page_to_nid(page) != 0) &&
	    !slab_numa())
		__atomic_store_n(&slab_numa_active, true, __ATOMIC_RELAXED);
	nid = page_to_nid(page);
	n = &cachep->node[nid];

	spin_lock_irqsave(&n->list_lock, f);
	offset = n->colour_next;
	if (++n->colour_next >= cachep->colour)
		n->colour_next = 0;
	spin_unlock_irqrestore(&n->list_lock, f);
	offset *= cachep->colour_off;

	slabp = alloc_slabmgmt(cachep, page_address(page), offset, flags, nid);
	if (!slabp) {
		kmem_freepages(cachep, page);
		return NULL;
	}
	slabp->page = page;
	slabp->nodeid = (unsigned short)nid;
	for (i = 0; i < (1U << cachep->gfporder); i++)
		page[i].slab_mgmt = slabp;
	cache_init_objs(cachep, slabp);

	spin_lock_irqsave(&n->list_lock, f);
	list_add_tail(&slabp->list, &n->slabs_free);
	n->total_slabs++;
	n->free_slabs++;
	n->free_objects += cachep->num;
	spin_unlock_irqrestore(&n->list_lock, f);
	return slabp;
}

/*
 * slab_destroy - give a slab (already off the lists) back to the buddy.
 * No list_lock held: the descriptor may go back to another cache.
 */
static void slab_destroy(struct kmem_cache *cachep, struct slab *slabp)
{
	struct page *page = slabp->page;

	if (unlikely(cachep->flags & SLAB_DEBUG_MASK)) {
		for (unsigned int i = 0; i < cachep->num; i++)
			slab_debug_destroy_obj(cachep,
					       index_to_obj(cachep, slabp, i));
	}
	if (OFF_SLAB(cachep))
		kmem_cache_free(cachep->freelist_cache, slabp);
	else if (OBJFREELIST_SLAB(cachep))
		kmem_cache_free(slab_desc_cache, slabp);
	kmem_freepages(cachep, page);
}

/* ------------------------------------------------------------ objects */

static inline void *slab_get_obj(struct kmem_cache *cachep, struct slab *slabp)
{
	void *obj = index_to_obj(cachep, slabp, slabp->freelist[slabp->active]);

	if (++slabp->active == cachep->num && OBJFREELIST_SLAB(cachep))
		slabp->freelist = NULL; /* its home was just handed out */
	return obj;
}

static inline void slab_put_obj(struct kmem_cache *cachep, struct slab *slabp,
				void *obj)
{
	unsigned int idx = obj_to_index(cachep, slabp, obj);

	if (!slabp->freelist)
		slabp->freelist = obj; /* objfreelist: the stack moves in */
	slabp->active--;
	slabp->freelist[slabp->active] = (freelist_idx_t)idx;
}

/**
 * slab_obj_is_free - is object @idx of @slabp on the slab's free stack?
 * @cachep: the cache
 * @slabp: the slab
 * @idx: object index
 *
 * Objects parked in per-CPU caches count as allocated here.  Call with
 * the slab's node list_lock held.
 */
bool slab_obj_is_free(struct kmem_cache *cachep, struct slab *slabp,
		      unsigned int idx)
{
	for (unsigned int i = slabp->active; i < cachep->num; i++)
		if (slabp->freelist[i] == idx)
			return true;
	return false;
}

static inline void fixup_slab_list(struct kmem_cache *cachep,
				   struct kmem_cache_node *n,
				   struct slab *slabp)
{
	list_del(&slabp->list);
	if (slabp->active == cachep->num)
		list_add(&slabp->list, &n->slabs_full);
	else
		list_add(&slabp->list, &n->slabs_partial);
}

static struct slab *get_first_slab(struct kmem_cache_node *n)
{
	struct slab *slabp;

	slabp = list_first_entry_or_null(&n->slabs_partial, struct slab, list);
	if (slabp)
		return slabp;
	return list_first_entry_or_null(&n->slabs_free, struct slab, list);
}

/* Take up to @max objects of @slabp (on node @n, locked) into @dst. */
static unsigned int take_objs(struct kmem_cache *cachep,
			      struct kmem_cache_node *n, struct slab *slabp,
			      void **dst, unsigned int max)
{
	unsigned int got = 0;

	if (!slabp->active)
		n->free_slabs--; /* leaves slabs_free */
	while (slabp->active < cachep->num && got < max)
		dst[got++] = slab_get_obj(cachep, slabp);
	n->free_objects -= got;
	fixup_slab_list(cachep, n, slabp);
	return got;
}

/*
 * Take up to @max objects into @dst from the lists of node @nid, or of any
 * other node when @nid has none (a node without memory must not grow a new
 * slab on every refill).  Return: how many (0: every node is empty).
 */
static unsigned int take_from_nodes(struct kmem_cache *cachep, int nid,
				    void **dst, unsigned int max)
{
	unsigned int got = 0;
	irqflags_t f;

	for (int i = -1; i < MAX_NUMNODES && !got; i++) {
		struct kmem_cache_node *n;

		if (i == nid || (i >= 0 && !slab_numa()))
			continue;
		n = &cachep->node[i < 0 ? nid : i];
		spin_lock_irqsave(&n->list_lock, f);
		while (got < max && n->free_objects)
			got += take_objs(cachep, n, get_first_slab(n),
					 &dst[got], max - got);
		spin_unlock_irqrestore(&n->list_lock, f);
	}
	return got;
}

/*
 * cache_alloc_refill - this CPU's stack @ac (interrupts masked) is empty:
 * move a batch of objects from the slab lists and return one, or NULL when
 * the lists are empty too (the caller grows the cache, interrupts on).
 */
static noinline void *cache_alloc_refill(struct kmem_cache *cachep,
					 struct array_cache *ac, int nid)
{
	unsigned int batch = ac->batchcount, got;
	void *obj;

	if (!ac->limit) /* the boot stack: one object, nothing parked */
		return take_from_nodes(cachep, nid, &obj, 1) ? obj : NULL;
	if (!ac->touched && batch > BATCHREFILL_LIMIT)
		batch = BATCHREFILL_LIMIT;
	got = take_from_nodes(cachep, nid, ac->entry, batch);
	if (!got)
		return NULL;
	ac->touched = 1;
	ac_set_avail(ac, got - 1);
	return ac->entry[got - 1];
}

/*
 * An object from this CPU's stack, refilled from the node lists; grows the
 * cache (interrupts back on) when the lists are empty.
 */
static void *cache_alloc(struct kmem_cache *cachep, gfp_t flags)
{
	struct array_cache *ac;
	irqflags_t f;
	void *obj;
	int nid;

	for (;;) {
		local_irq_save(f);
		nid = slab_local_node();
		ac = cachep->cpu_cache[smp_processor_id()];
		if (likely(ac->avail)) {
			obj = ac->entry[ac->avail - 1];
			ac_set_avail(ac, ac->avail - 1);
		} else {
			obj = cache_alloc_refill(cachep, ac, nid);
		}
		local_irq_restore(f);
		if (obj || !cache_grow(cachep, flags, nid))
			return obj;
	}
}

/* Allocate from node @nid's lists directly, bypassing the per-CPU stack. */
static void *____cache_alloc_node(struct kmem_cache *cachep, gfp_t flags,
				  int nid)
{
	struct kmem_cache_node *n;
	struct slab *slabp;
	void *obj = NULL;
	irqflags_t f;

	for (;;) {
		n = &cachep->node[nid];
		spin_lock_irqsave(&n->list_lock, f);
		slabp = get_first_slab(n);
		if (slabp)
			take_objs(cachep, n, slabp, &obj, 1);
		spin_unlock_irqrestore(&n->list_lock, f);
		if (obj)
			return obj;
		slabp = cache_grow(cachep, flags, nid);
		if (!slabp)
			return NULL;
		/* The page allocator may have fallen back to another node. */
		nid = slabp->nodeid;
	}
}

static noinline void *slab_alloc_post(struct kmem_cache *cachep, void *objp,
				      gfp_t flags, unsigned long caller)
{
	if (cachep->flags & SLAB_DEBUG_MASK)
		objp = slab_debug_alloc(cachep, objp, flags, caller);
	if (flags & __GFP_ZERO)
		memset(objp, 0, cachep->object_size);
	return objp;
}

/**
 * __slab_alloc - the complete allocation path behind slab_alloc()
 * @cachep: the cache
 * @flags: gfp flags
 * @nid: node, or NUMA_NO_NODE
 * @caller: the allocating caller
 */
noinline void *__slab_alloc(struct kmem_cache *cachep, gfp_t flags, int nid,
			    unsigned long caller)
{
	void *objp;

	nid = slab_node_or_any(nid);
	if (unlikely(nid != NUMA_NO_NODE && nid != slab_local_node()))
		objp = ____cache_alloc_node(cachep, flags, nid);
	else
		objp = cache_alloc(cachep, flags);
	if (unlikely(((cachep->flags & SLAB_DEBUG_MASK) |
		      (flags & __GFP_ZERO)) &&
		     objp))
		objp = slab_alloc_post(cachep, objp, flags, caller);
	return objp;
}

/**
 * kmem_cache_alloc - allocate an object from a cache
 * @cachep: the cache
 * @flags: gfp flags; __GFP_ZERO returns it zeroed
 *
 * Return: the object (constructed once by the cache's ctor when its slab
 * was made; not reconstructed on reuse), or NULL.
 */
void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags)
{
	return slab_alloc(cachep, flags, NUMA_NO_NODE, _RET_IP_);
}

/**
 * kmem_cache_alloc_node - allocate an object on a given node
 * @cachep: the cache
 * @flags: gfp flags
 * @nid: node, or NUMA_NO_NODE
 *
 * Remote nodes are served from their slab lists directly.  If node @nid has
 * no memory (or does not exist) the object comes from wherever the page
 * allocator falls back to.
 */
void *kmem_cache_alloc_node(struct kmem_cache *cachep, gfp_t flags, int nid)
{
	return slab_alloc(cachep, flags, nid, _RET_IP_);
}

/* ------------------------------------------------------------ free */

/**
 * free_block - return objects to their slabs
 * @cachep: the cache
 * @objpp: the objects
 * @nr: how many
 * @list: slabs to destroy are moved here; the caller passes it to
 *	slabs_destroy() once it holds no list_lock
 *
 * Takes the list_lock of each object's node.  A slab that becomes free is
 * kept on slabs_free while the node holds at most free_limit free objects,
 * and released to the page allocator beyond.
 */
void free_block(struct kmem_cache *cachep, void **objpp, unsigned int nr,
		struct list_head *list)
{
	size_t span = (size_t)cachep->num * cachep->size;
	struct kmem_cache_node *n = NULL;
	struct slab *slabp = NULL;
	irqflags_t f = 0;

	for (unsigned int i = 0; i < nr; i++) {
		void *obj = objpp[i];
		bool was_full;

		/* Neighbours in an array often share a slab: skip the lookup.
		 */
		if (!slabp || (uintptr_t)obj - (uintptr_t)slabp->s_mem >= span)
			slabp = virt_to_slab(obj);
		if (n != &cachep->node[slabp->nodeid]) {
			if (n)
				spin_unlock_irqrestore(&n->list_lock, f);
			n = &cachep->node[slabp->nodeid];
			spin_lock_irqsave(&n->list_lock, f);
		}
		was_full = slabp->active == cachep->num;
		slab_put_obj(cachep, slabp, obj);
		n->free_objects++;
		if (slabp->active) {
			/* A partial slab stays where it is on the list. */
			if (was_full)
				list_move_tail(&slabp->list, &n->slabs_partial);
		} else if (n->free_objects > n->free_limit) {
			n->free_objects -= cachep->num;
			n->total_slabs--;
			list_move(&slabp->list, list);
			slabp = NULL;
		} else {
			list_move(&slabp->list, &n->slabs_free);
			n->free_slabs++;
		}
	}
	if (n)
		spin_unlock_irqrestore(&n->list_lock, f);
}

/**
 * slabs_destroy - destroy the slabs free_block() set aside
 * @cachep: their cache
 * @list: the slabs
 */
void slabs_destroy(struct kmem_cache *cachep, struct list_head *list)
{
	struct slab *slabp, *next;

	list_for_each_entry_safe(slabp, next, list, list) {
		list_del(&slabp->list);
		slab_destroy(cachep, slabp);
	}
}

/* This CPU's stack (interrupts masked) is full: flush its oldest batch to
 * the node lists, push @objp. */
static noinline void cache_flusharray(struct kmem_cache *cachep,
				      struct array_cache *ac, void *objp,
				      struct list_head *list)
{
	unsigned int batch = ac->batchcount, left;

	if (!ac->limit) {
		free_block(cachep, &objp, 1, list);
		return;
	}
	if (batch > ac->avail)
		batch = ac->avail;
	free_block(cachep, ac->entry, batch, list);
	left = ac->avail - batch;
	memmove(ac->entry, &ac->entry[batch], sizeof(void *) * left);
	ac->entry[left] = objp;
	ac_set_avail(ac, left + 1);
}

/**
 * __slab_free - the complete free path behind slab_free()
 * @cachep: the cache
 * @objp: the object
 * @caller: the freeing caller
 */
noinline void __slab_free(struct kmem_cache *cachep, void *objp,
			  unsigned long caller)
{
	struct array_cache *ac;
	irqflags_t f;
	LIST_HEAD(list);

	if (unlikely(cachep->flags & SLAB_DEBUG_MASK) &&
	    !slab_debug_free(cachep, objp, caller))
		return; /* reported; not inserted */
	local_irq_save(f);
	if (unlikely(slab_numa()) &&
	    virt_to_slab(objp)->nodeid != slab_local_node()) {
		free_block(cachep, &objp, 1, &list); /* home to its node */
	} else {
		ac = cachep->cpu_cache[smp_processor_id()];
		if (likely(ac->avail < ac->limit)) {
			ac->entry[ac->avail] = objp;
			ac_set_avail(ac, ac->avail + 1);
		} else {
			cache_flusharray(cachep, ac, objp, &list);
		}
	}
	local_irq_restore(f);
	slabs_destroy(cachep, &list);
}

/**
 * kmem_cache_free - return an object to its cache
 * @cachep: the cache it was allocated from
 * @objp: the object; NULL is ignored
 *
 * With debug flags the pointer is checked first (slab page, right cache,
 * object start, not already free); a bad one is reported and not inserted.
 */
void kmem_cache_free(struct kmem_cache *cachep, void *objp)
{
	if (unlikely(!objp))
		return;
	slab_free(cachep, objp, _RET_IP_);
}

/* ------------------------------------------------------------ shrink */

/**
 * drain_freelist - release every free slab of @cachep to the page allocator
 * @cachep: the cache
 *
 * Return: pages released.
 */
unsigned long drain_freelist(struct kmem_cache *cachep)
{
	unsigned long pages = 0;
	irqflags_t f;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = &cachep->node[nid];
		struct slab *slabp;
		LIST_HEAD(list);

		spin_lock_irqsave(&n->list_lock, f);
		while ((slabp = list_first_entry_or_null(&n->slabs_free,
							 struct slab, list))) {
			list_move(&slabp->list, &list);
			n->free_slabs--;
			n->total_slabs--;
			n->free_objects -= cachep->num;
			pages += 1UL << cachep->gfporder;
		}
		spin_unlock_irqrestore(&n->list_lock, f);
		slabs_destroy(cachep, &list);
	}
	return pages;
}

/**
 * __kmem_cache_shrink - drain per-CPU stacks and release free slabs
 * @cachep: the cache
 *
 * Return: pages given back to the page allocator.
 */
unsigned long __kmem_cache_shrink(struct kmem_cache *cachep)
{
	drain_cpu_caches(cachep);
	return drain_freelist(cachep);
}
