/* SPDX-License-Identifier: MIT */
/*
 * The slab allocator and kmalloc: public API (Linux's names and meanings).
 *
 *   struct kmem_cache *c = kmem_cache_create("foo", sizeof(struct foo), 0,
 *                                            SLAB_HWCACHE_ALIGN, foo_ctor);
 *   struct foo *f = kmem_cache_alloc(c, GFP_KERNEL);
 *   kmem_cache_free(c, f);
 *
 *   char *buf = kmalloc(100, GFP_KERNEL);      from kmalloc-128
 *   kfree(buf);
 *
 * Objects come from slabs (runs of 2^gfporder pages from the buddy) kept on
 * per-node full/partial/free lists, with a small per-CPU stack of free
 * objects in front.  kmalloc() serves 8..8192 bytes from size-class caches
 * and anything larger straight from the page allocator.
 */
#ifndef _MM_SLAB_H
#define _MM_SLAB_H

#include <kernel/compiler.h>
#include <kernel/types.h>
#include <mm/gfp.h>
#include <mm/numa.h>

struct kmem_cache;
struct page;

/* ---- kmem_cache_create() flags ---- */
#define SLAB_CONSISTENCY_CHECKS 0x00000100u /* F: check every free */
#define SLAB_RED_ZONE 0x00000400u	    /* Z: guard words around objects */
#define SLAB_POISON 0x00000800u		    /* P: fill free objects 0x6b */
#define SLAB_HWCACHE_ALIGN 0x00002000u	    /* align objects to cache lines */
#define SLAB_CACHE_DMA 0x00004000u	    /* slabs from ZONE_DMA */
#define SLAB_CACHE_DMA32 0x00008000u	    /* slabs from ZONE_DMA32 */
#define SLAB_STORE_USER 0x00010000u	    /* U: remember alloc/free callers */
#define SLAB_PANIC 0x00040000u		    /* panic if creation fails */
#define SLAB_RECLAIM_ACCOUNT 0x00020000u    /* slabs are reclaimable */

/* All debug flags (what slab_debug= can switch on). */
#define SLAB_DEBUG_FLAGS                                         \
	(SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | \
	 SLAB_STORE_USER)

/*
 * kmalloc(0) returns ZERO_SIZE_PTR: not NULL (it is not a failure), but any
 * access faults.  kfree() and ksize() accept it.
 */
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/* kmalloc size classes: 8 .. 8192 bytes, larger goes to the buddy. */
#define KMALLOC_SHIFT_LOW 3
#define KMALLOC_SHIFT_HIGH 13
#define KMALLOC_MIN_SIZE (1UL << KMALLOC_SHIFT_LOW)
#define KMALLOC_MAX_CACHE_SIZE (1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_SIZE (1UL << 30)
#define ARCH_KMALLOC_MINALIGN 8

/* ---- caches ---- */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, unsigned int flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *cachep);
int kmem_cache_shrink(struct kmem_cache *cachep);
unsigned int kmem_cache_size(struct kmem_cache *cachep);
const char *kmem_cache_name(struct kmem_cache *cachep);

void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags);
void *kmem_cache_alloc_node(struct kmem_cache *cachep, gfp_t flags, int nid);
void kmem_cache_free(struct kmem_cache *cachep, void *objp);

static inline void *kmem_cache_zalloc(struct kmem_cache *cachep, gfp_t flags)
{
	return kmem_cache_alloc(cachep, flags | __GFP_ZERO);
}

/* ---- kmalloc ---- */
void *kmalloc(size_t size, gfp_t flags);
void *kmalloc_node(size_t size, gfp_t flags, int nid);
void *__kmalloc_node_track_caller(size_t size, gfp_t flags, int nid,
				  unsigned long caller);
/* kmalloc() on behalf of this function's caller (the owner slab_debug
 * records), as Linux's */
#define kmalloc_track_caller(size, flags) \
	__kmalloc_node_track_caller(size, flags, NUMA_NO_NODE, _RET_IP_)
void *krealloc(const void *p, size_t new_size, gfp_t flags);
void kfree(const void *objp);
size_t ksize(const void *objp);
void *kmemdup(const void *src, size_t len, gfp_t gfp);
char *kstrdup(const char *s, gfp_t gfp);
char *kstrndup(const char *s, size_t max, gfp_t gfp);
struct kmem_cache *kmalloc_slab(size_t size, gfp_t flags);

static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

static inline void *kzalloc_node(size_t size, gfp_t flags, int nid)
{
	return kmalloc_node(size, flags | __GFP_ZERO, nid);
}

/* kmalloc_array - n * size bytes, or NULL if the product overflows. */
static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return kmalloc(bytes, flags);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

/* ---- boot, reclaim, debugging ---- */
void kmem_cache_init(void);
bool slab_is_available(void);
unsigned long slab_shrink_all(void);

/* Number of "BUG:"/"slab:" corruption or misuse reports printed so far. */
extern unsigned long slab_nr_reports;

int slab_debug_setup(const char *arg);
/* Boot log: the slab debug checks in force and how to turn on the rest. */
void slab_debug_announce(void);
void slabinfo_dump(void);

#endif /* _MM_SLAB_H */
