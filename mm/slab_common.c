// SPDX-License-Identifier: MIT
/**
 * DOC: kmalloc, cache creation and slab bootstrap
 *
 * kmalloc() rounds a request up to one of the size classes 8, 16, 32, 64,
 * 96, 128, 192, 256, 512, 1K, 2K, 4K and 8K bytes and allocates from that
 * class's cache ("kmalloc-<size>"); __GFP_DMA / __GFP_DMA32 requests use
 * the "dma-kmalloc-<size>" / "dma32-kmalloc-<size>" twins whose slabs come
 * from the low zones.  Anything larger than 8K is a run of pages from the
 * buddy whose head page is marked PG_large_kmalloc with the order in
 * page->private, so kfree() and ksize() can tell the two kinds apart.
 * A power-of-two size is naturally aligned, debug on or off: its class's
 * cache is aligned to the class size, and a large kmalloc is a buddy block.
 *
 * Bootstrap (kmem_cache_init) has to allocate caches from a cache that
 * does not exist yet.  It goes in four steps:
 *  1. the cache of caches, "kmem_cache", is a static struct laid out by the
 *     normal code; every CPU uses a static zero-length boot stack, so
 *     allocations go straight to the slab lists (slab_state = PARTIAL);
 *  2. "slab_descriptor" (objfreelist slab descriptors) and the kmalloc
 *     caches are allocated from it, smallest first, so a large class can
 *     keep its descriptors off-slab in an already existing smaller one;
 *  3. slab_state = UP: kmalloc works;
 *  4. every cache gets real per-CPU stacks, allocated with kmalloc, and the
 *     boot stack is dropped (slab_state = FULL).
 * Nothing is taken from bootmem, so nothing is leaked there.
 */
#include <kernel/errno.h>
#include <kernel/log2.h>
#include <mm/shrinker.h>

#include "slab_internal.h"

enum kmalloc_cache_type {
	KMALLOC_NORMAL,
#ifdef CONFIG_ZONE_DMA
	KMALLOC_DMA,
#endif
#ifdef CONFIG_ZONE_DMA32
	KMALLOC_DMA32,
#endif
	NR_KMALLOC_TYPES
};

/* Index 1 is the 96-byte class, 2 the 192-byte one, n >= 3 is 2^n. */
#define NR_KMALLOC_IDX (KMALLOC_SHIFT_HIGH + 1)
static struct kmem_cache *kmalloc_caches[NR_KMALLOC_TYPES][NR_KMALLOC_IDX];

/* Class index for sizes up to 192, by (size - 1) / 8. */
static const u8 size_index[24] = {
	3, 4, 5, 5, 6, 6, 6, 6, /* 8 16 32 32 64 64 64 64 */
	1, 1, 1, 1, 7, 7, 7, 7, /* 96 x4, 128 x4 */
	2, 2, 2, 2, 2, 2, 2, 2, /* 192 x8 */
};

static const char *const kmalloc_names[NR_KMALLOC_TYPES][NR_KMALLOC_IDX] = {
	[KMALLOC_NORMAL] = {NULL, "kmalloc-96", "kmalloc-192", "kmalloc-8",
			    "kmalloc-16", "kmalloc-32", "kmalloc-64",
			    "kmalloc-128", "kmalloc-256", "kmalloc-512",
			    "kmalloc-1024", "kmalloc-2048", "kmalloc-4096",
			    "kmalloc-8192"},
#ifdef CONFIG_ZONE_DMA
	[KMALLOC_DMA] = {NULL, "dma-kmalloc-96", "dma-kmalloc-192",
			 "dma-kmalloc-8", "dma-kmalloc-16", "dma-kmalloc-32",
			 "dma-kmalloc-64", "dma-kmalloc-128", "dma-kmalloc-256",
			 "dma-kmalloc-512", "dma-kmalloc-1024",
			 "dma-kmalloc-2048", "dma-kmalloc-4096",
			 "dma-kmalloc-8192"},
#endif
#ifdef CONFIG_ZONE_DMA32
	[KMALLOC_DMA32] = {NULL, "dma32-kmalloc-96", "dma32-kmalloc-192",
			   "dma32-kmalloc-8", "dma32-kmalloc-16",
			   "dma32-kmalloc-32", "dma32-kmalloc-64",
			   "dma32-kmalloc-128", "dma32-kmalloc-256",
			   "dma32-kmalloc-512", "dma32-kmalloc-1024",
			   "dma32-kmalloc-2048", "dma32-kmalloc-4096",
			   "dma32-kmalloc-8192"},
#endif
};

static const unsigned int kmalloc_type_flags[NR_KMALLOC_TYPES] = {
	[KMALLOC_NORMAL] = 0,
#ifdef CONFIG_ZONE_DMA
	[KMALLOC_DMA] = SLAB_CACHE_DMA,
#endif
#ifdef CONFIG_ZONE_DMA32
	[KMALLOC_DMA32] = SLAB_CACHE_DMA32,
#endif
};

/* Creation order: ascending size, so 96 after 64 and 192 after 128. */
static const u8 kmalloc_create_order[] = {
	3, 4, 5, 6, 1, 7, 2, 8, 9, 10, 11, 12, 13,
};

static inline unsigned int kmalloc_size(unsigned int idx)
{
	return idx == 1 ? 96 : idx == 2 ? 192 : 1U << idx;
}

static inline unsigned int kmalloc_index(size_t size)
{
	if (size <= 192)
		return size_index[(size - 1) / 8];
	return (unsigned int)fls64((u64)size - 1);
}

static inline enum kmalloc_cache_type kmalloc_type(gfp_t flags)
{
#ifdef CONFIG_ZONE_DMA
	if (unlikely(flags & __GFP_DMA))
		return KMALLOC_DMA;
#endif
#ifdef CONFIG_ZONE_DMA32
	if (unlikely(flags & __GFP_DMA32))
		return KMALLOC_DMA32;
#endif
	return KMALLOC_NORMAL;
}

/**
 * kmalloc_slab - the cache kmalloc() uses for @size bytes with @flags
 * @size: 1 .. KMALLOC_MAX_CACHE_SIZE
 * @flags: gfp flags (zone modifiers select the DMA twins)
 *
 * Return: the cache, or NULL if @size is 0 or too big for a cache.
 */
struct kmem_cache *kmalloc_slab(size_t size, gfp_t flags)
{
	if (unlikely(!size || size > KMALLOC_MAX_CACHE_SIZE))
		return NULL;
	return kmalloc_caches[kmalloc_type(flags)][kmalloc_index(size)];
}

/**
 * kmalloc_freelist_cache - where off-slab descriptors of @size bytes live
 * @size: descriptor + freelist bytes
 * @flags: flags of the cache that needs it (unused: descriptors need no
 *	DMA memory)
 *
 * Return: a plain kmalloc cache, or NULL while it does not exist yet.
 */
struct kmem_cache *kmalloc_freelist_cache(size_t size, unsigned int flags)
{
	(void)flags;
	return kmalloc_slab(size, 0);
}

/**
 * slab_is_available - can kmalloc() and kmem_cache_create() be used yet?
 */
bool slab_is_available(void)
{
	return slab_state >= UP;
}

/* ------------------------------------------------------------ caches */

/* What kmem_cache_create() callers may pass. */
#define SLAB_CREATE_MASK                                          \
	(SLAB_DEBUG_FLAGS | SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA | \
	 SLAB_CACHE_DMA32 | SLAB_PANIC | SLAB_RECLAIM_ACCOUNT)

static struct kmem_cache *create_cache(struct kmem_cache *cachep,
				       const char *name, unsigned int size,
				       unsigned int align, unsigned int flags,
				       void (*ctor)(void *))
{
	cachep->name = name;
	cachep->object_size = size;
	cachep->align = align;
	cachep->ctor = ctor;
	cachep->refcount = 1;
	irqflags_t f;

	if (__kmem_cache_create(cachep, flags) || setup_cpu_cache(cachep))
		return NULL;
	spin_lock_irqsave(&slab_caches_lock, f);
	list_add_tail(&cachep->list, &slab_caches);
	spin_unlock_irqrestore(&slab_caches_lock, f);
	return cachep;
}

/**
 * kmem_cache_create - create a cache of objects
 * @name: name in reports and slabinfo; the string must outlive the cache
 * @size: object size in bytes
 * @align: minimum alignment (0: word); SLAB_HWCACHE_ALIGN adds cache lines
 * @flags: SLAB_HWCACHE_ALIGN, SLAB_CACHE_DMA, SLAB_CACHE_DMA32,
 *	SLAB_PANIC, SLAB_RECLAIM_ACCOUNT and the debug flags SLAB_POISON,
 *	SLAB_RED_ZONE, SLAB_STORE_USER, SLAB_CONSISTENCY_CHECKS (ignored
 *	without CONFIG_SLAB_DEBUG; slab_debug= may add them)
 * @ctor: called on each object when its slab is created, not on every
 *	allocation: freed objects must be returned in constructed state
 *
 * Return: the cache, or NULL (SLAB_PANIC: panic instead).
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, unsigned int flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *cachep = NULL;

	if (!slab_is_available() || !name || !size ||
	    size > (PAGE_SIZE << (MAX_ORDER - 1)) / 2 ||
	    (align && !is_power_of_2(align)) || align > PAGE_SIZE)
		goto out;
	if (WARN(flags & ~SLAB_CREATE_MASK,
		 "slab: %s: unknown flags %#x ignored\n", name,
		 flags & ~SLAB_CREATE_MASK))
		flags &= SLAB_CREATE_MASK;
	flags = slab_debug_flags_for(name, flags);
	cachep = kmem_cache_zalloc(kmem_cache, GFP_KERNEL);
	if (!cachep)
		goto out;
	if (!create_cache(cachep, name, size, align, flags, ctor)) {
		kmem_cache_free(kmem_cache, cachep);
		cachep = NULL;
	}
out:
	if (!cachep) {
		if (flags & SLAB_PANIC)
			panic("kmem_cache_create: failed to create slab '%s'",
			      name ? name : "(null)");
		pr_warn("slab: kmem_cache_create(%s, %u) failed\n",
			name ? name : "(null)", size);
	}
	return cachep;
}

static unsigned long cache_objects_in_use(struct kmem_cache *cachep)
{
	unsigned long nr = 0;
	irqflags_t f;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = &cachep->node[nid];

		spin_lock_irqsave(&n->list_lock, f);
		nr += n->total_slabs * cachep->num - n->free_objects;
		spin_unlock_irqrestore(&n->list_lock, f);
	}
	return nr;
}

/**
 * kmem_cache_destroy - delete a cache
 * @cachep: the cache; NULL is ignored
 *
 * Every object must have been freed.  If some are still allocated the
 * cache is reported ("slab: kmem_cache_destroy <name>: N objects still
 * allocated" plus a few addresses) and left alive -- leaked rather than
 * freed under live objects.
 */
void kmem_cache_destroy(struct kmem_cache *cachep)
{
	unsigned long in_use;
	irqflags_t f;

	if (!cachep)
		return;
	if (WARN_ON(cachep == kmem_cache || cachep == slab_desc_cache))
		return;
	__kmem_cache_shrink(cachep);
	in_use = cache_objects_in_use(cachep);
	if (in_use) {
		slab_report_leaks(cachep, in_use, _RET_IP_);
		return;
	}
	spin_lock_irqsave(&slab_caches_lock, f);
	list_del(&cachep->list);
	spin_unlock_irqrestore(&slab_caches_lock, f);
	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		if (cachep->cpu_cache[cpu] != &boot_null_ac)
			kfree(cachep->cpu_cache[cpu]);
	kmem_cache_free(kmem_cache, cachep);
}

/**
 * kmem_cache_shrink - release a cache's unused memory
 * @cachep: the cache
 *
 * Drains the per-CPU stacks and gives every free slab back to the page
 * allocator.  Unlike Linux (0 when the cache ends up empty, 1 otherwise)
 * this returns the number of pages released, which is what callers here
 * want to know.
 */
int kmem_cache_shrink(struct kmem_cache *cachep)
{
	return (int)__kmem_cache_shrink(cachep);
}

/**
 * kmem_cache_size - usable bytes of each object of @cachep
 * @cachep: the cache
 */
unsigned int kmem_cache_size(struct kmem_cache *cachep)
{
	return cachep->object_size;
}

/**
 * kmem_cache_name - the name @cachep was created with
 * @cachep: the cache
 */
const char *kmem_cache_name(struct kmem_cache *cachep)
{
	return cachep->name;
}

/**
 * slab_shrink_all - shrink every cache (the shrinker's work)
 *
 * Return: pages released to the page allocator.
 */
unsigned long slab_shrink_all(void)
{
	struct kmem_cache *cachep;
	unsigned long pages = 0, pass;
	irqflags_t f;

	if (slab_state < UP)
		return 0;
	/*
	 * Every CPU empties its stacks of every cache (one cross-call, made
	 * without slab_caches_lock: the handler takes it), then the free
	 * slabs go.  Releasing a slab frees its off-slab descriptor into
	 * another cache, possibly one already visited: repeat until a pass
	 * frees nothing.
	 */
	do {
		pass = 0;
		drain_all_cpu_caches();
		spin_lock_irqsave(&slab_caches_lock, f);
		list_for_each_entry(cachep, &slab_caches, list)
			pass += drain_freelist(cachep);
		spin_unlock_irqrestore(&slab_caches_lock, f);
		pages += pass;
	} while (pass);
	return pages;
}

static unsigned long slab_shrink_count(struct shrinker *s)
{
	struct kmem_cache *cachep;
	unsigned long nr = 0;
	irqflags_t f, g;

	(void)s;
	spin_lock_irqsave(&slab_caches_lock, f);
	list_for_each_entry(cachep, &slab_caches, list) {
		nr += cache_count_cpu_objects(cachep);
		for (int nid = 0; nid < MAX_NUMNODES; nid++) {
			struct kmem_cache_node *n = &cachep->node[nid];

			spin_lock_irqsave(&n->list_lock, g);
			nr += n->free_slabs * cachep->num;
			spin_unlock_irqrestore(&n->list_lock, g);
		}
	}
	spin_unlock_irqrestore(&slab_caches_lock, f);
	return nr;
}

static unsigned long slab_shrink_scan(struct shrinker *s,
				      unsigned long nr_to_scan)
{
	unsigned long pages;

	(void)s;
	(void)nr_to_scan;
	pages = slab_shrink_all();
	return pages ? pages : SHRINK_STOP;
}

static struct shrinker slab_shrinker = {
	.count = slab_shrink_count,
	.scan = slab_shrink_scan,
	.seeks = DEFAULT_SEEKS,
	.name = "slab",
};

/* ------------------------------------------------------------ bootstrap */

/**
 * create_kmalloc_cache - make a cache during bootstrap (SLAB_PANIC)
 * @name: cache name
 * @size: object size
 * @flags: SLAB_* flags
 *
 * A power-of-two @size is aligned to itself, with or without slab_debug=
 * (the red zone before the object is padded to keep it so): kmalloc()
 * gives natural alignment for power-of-two sizes, as Linux does since 5.4.
 * Other sizes get ARCH_KMALLOC_MINALIGN.
 */
struct kmem_cache *__init create_kmalloc_cache(const char *name,
					       unsigned int size,
					       unsigned int flags)
{
	struct kmem_cache *cachep = kmem_cache_zalloc(kmem_cache, GFP_KERNEL);
	unsigned int align = ARCH_KMALLOC_MINALIGN;

	if (is_power_of_2(size))
		align = max(align, size);
	flags = slab_debug_flags_for(name, flags);
	if (!cachep || !create_cache(cachep, name, size, align, flags, NULL))
		panic("slab: out of memory creating %s", name);
	return cachep;
}

/*
 * Step 4 of kmem_cache_init(): real per-CPU stacks instead of the boot
 * one.  The stacks are kmallocs, each a slow allocation from a cache still
 * on the boot stack, so the plain kmalloc caches go first, largest first:
 * then most stacks are popped from a real stack.
 */
static void __init enable_boot_cpucache(struct kmem_cache *cachep)
{
	if (cachep->cpu_cache[0] == &boot_null_ac && enable_cpucache(cachep))
		panic("slab: no memory for per-cpu caches of %s", cachep->name);
}

/**
 * kmem_cache_init - bring up the slab allocator and kmalloc
 *
 * Call once the page allocator works.  See the DOC comment for the steps.
 * Prints the kmalloc caches, e.g. "kmalloc: caches kmalloc-8 ...
 * kmalloc-8192 (+ dma, dma32)".
 */
void __init kmem_cache_init(void)
{
	static struct kmem_cache kmem_cache_boot;
	struct kmem_cache *cachep;
	unsigned int t, i;
	char line[256];
	const char *zones = "";
	size_t len = 0;

	if (slab_state != DOWN)
		return;
	/* 1: the cache of caches, statically allocated. */
	kmem_cache = &kmem_cache_boot;
	if (!create_cache(
		    kmem_cache, "kmem_cache", sizeof(struct kmem_cache),
		    SMP_CACHE_BYTES,
		    slab_debug_flags_for("kmem_cache", SLAB_HWCACHE_ALIGN),
		    NULL))
		panic("slab: cannot lay out kmem_cache");
	slab_state = PARTIAL;

	/* 2: descriptors for objfreelist slabs, then kmalloc, small first. */
	slab_desc_cache =
		create_kmalloc_cache("slab_descriptor", sizeof(struct slab), 0);
	for (t = 0; t < NR_KMALLOC_TYPES; t++)
		for (i = 0; i < ARRAY_SIZE(kmalloc_create_order); i++) {
			unsigned int idx = kmalloc_create_order[i];

			kmalloc_caches[t][idx] = create_kmalloc_cache(
				kmalloc_names[t][idx], kmalloc_size(idx),
				kmalloc_type_flags[t]);
		}
	/* 3: kmalloc works, on the boot stacks. */
	slab_state = UP;

	/* 4: real per-CPU stacks for everyone, see enable_boot_cpucache(). */
	for (i = ARRAY_SIZE(kmalloc_create_order); i--;)
		enable_boot_cpucache(kmalloc_caches[KMALLOC_NORMAL]
						   [kmalloc_create_order[i]]);
	list_for_each_entry(cachep, &slab_caches, list)
		enable_boot_cpucache(cachep);
	slab_state = FULL;
	register_shrinker(&slab_shrinker);

	for (i = 0; i < ARRAY_SIZE(kmalloc_create_order); i++) {
		const char *name =
			kmalloc_names[KMALLOC_NORMAL][kmalloc_create_order[i]];
		size_t l = strlen(name);

		if (len + l + 2 >= sizeof(line))
			break;
		line[len++] = ' ';
		memcpy(line + len, name, l);
		len += l;
	}
	line[len] = 0;
	if (IS_ENABLED(CONFIG_ZONE_DMA) && IS_ENABLED(CONFIG_ZONE_DMA32))
		zones = " (+ dma, dma32)";
	else if (IS_ENABLED(CONFIG_ZONE_DMA))
		zones = " (+ dma)";
	else if (IS_ENABLED(CONFIG_ZONE_DMA32))
		zones = " (+ dma32)";
	pr_info("kmalloc: caches%s%s\n", line, zones);
}

/* ------------------------------------------------------------ kmalloc */

static void *kmalloc_large_node(size_t size, gfp_t flags, int nid)
{
	unsigned int order = get_order(size);
	struct page *page;

	if (unlikely(size > KMALLOC_MAX_SIZE))
		return NULL;
	page = alloc_pages_node(slab_node_or_any(nid), flags & ~__GFP_COMP,
				order);
	if (!page)
		return NULL;
	__SetPageLargeKmalloc(page);
	page->private = order;
	return page_address(page);
}

static __always_inline void *__do_kmalloc(size_t size, gfp_t flags, int nid,
					  unsigned long caller)
{
	struct kmem_cache *cachep;

	if (unlikely(size > KMALLOC_MAX_CACHE_SIZE))
		return kmalloc_large_node(size, flags, nid);
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	cachep = kmalloc_caches[kmalloc_type(flags)][kmalloc_index(size)];
	if (unlikely(!cachep)) /* before kmem_cache_init() */
		return NULL;
	return slab_alloc(cachep, flags, nid, caller);
}

/**
 * kmalloc - allocate memory
 * @size: bytes; 0 returns ZERO_SIZE_PTR
 * @flags: gfp flags (__GFP_ZERO, __GFP_DMA, __GFP_DMA32, ...)
 *
 * Return: at least @size bytes (ksize() tells how many), or NULL.  Up to
 * 8K from the kmalloc caches, beyond from whole pages.  The address is
 * aligned to at least 8 bytes, and to @size itself when @size is a power
 * of two (natural alignment, as in Linux since 5.4; the large kmalloc
 * pages are a naturally aligned buddy block).
 */
void *kmalloc(size_t size, gfp_t flags)
{
	return __do_kmalloc(size, flags, NUMA_NO_NODE, _RET_IP_);
}

/**
 * kmalloc_node - kmalloc() on node @nid
 * @size: bytes
 * @flags: gfp flags
 * @nid: node, or NUMA_NO_NODE
 */
void *kmalloc_node(size_t size, gfp_t flags, int nid)
{
	return __do_kmalloc(size, flags, nid, _RET_IP_);
}

/**
 * __kmalloc_node_track_caller - kmalloc_node() that records @caller
 * @size: bytes
 * @flags: gfp flags
 * @nid: node, or NUMA_NO_NODE
 * @caller: the address SLAB_STORE_USER records (kmalloc_track_caller())
 */
void *__kmalloc_node_track_caller(size_t size, gfp_t flags, int nid,
				  unsigned long caller)
{
	return __do_kmalloc(size, flags, nid, caller);
}

/**
 * kfree - free memory from kmalloc()
 * @objp: the pointer; NULL and ZERO_SIZE_PTR are ignored
 *
 * A pointer that is neither a slab object nor a large kmalloc is reported
 * ("BUG: kfree: invalid pointer") and ignored.
 */
void kfree(const void *objp)
{
	struct page *page;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return;
	page = virt_to_page_or_null(objp);
	if (unlikely(!page))
		goto bad;
	if (likely(PageSlab(page))) {
		slab_free(page->slab_cache, (void *)objp, _RET_IP_);
		return;
	}
	if (PageLargeKmalloc(page) && !((uintptr_t)objp & (PAGE_SIZE - 1))) {
		unsigned int order = page->private;

		__ClearPageLargeKmalloc(page);
		__free_pages(page, order);
		return;
	}
bad:
	slab_bad_free("kfree", objp, "not from kmalloc", _RET_IP_);
}

/**
 * ksize - usable size of a kmalloc() allocation
 * @objp: the pointer
 *
 * Return: the size class (or the page run size) -- the caller may use all
 * of it; 0 for NULL or ZERO_SIZE_PTR.
 */
size_t ksize(const void *objp)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(objp))
		return 0;
	page = virt_to_page_or_null(objp);
	if (!page)
		return 0;
	if (PageSlab(page))
		return page->slab_cache->object_size;
	if (PageLargeKmalloc(page))
		return PAGE_SIZE << page->private;
	return 0;
}

/**
 * krealloc - resize a kmalloc() allocation
 * @p: the allocation, or NULL (then like kmalloc())
 * @new_size: new size; 0 frees @p and returns ZERO_SIZE_PTR
 * @flags: gfp flags for a new allocation
 *
 * Stays in place if the current size class is big enough; otherwise moves
 * the contents.  On failure @p is untouched and NULL is returned.
 */
void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	size_t ks;
	void *ret;

	if (unlikely(!new_size)) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	ks = ksize(p);
	if (ks >= new_size) {
		if ((flags & __GFP_ZERO) && p)
			memset((char *)p + new_size, 0, ks - new_size);
		return (void *)p;
	}
	ret = __do_kmalloc(new_size, flags, NUMA_NO_NODE, _RET_IP_);
	if (ret && ks) {
		memcpy(ret, p, ks);
		kfree(p);
	}
	return ret;
}
