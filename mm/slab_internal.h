/* SPDX-License-Identifier: MIT */
/*
 * Internals shared by mm/slab.c, mm/slab_common.c and mm/slab_debug.c (and
 * the host tests, which assert on the layout choices).
 *
 * A slab is 2^gfporder pages.  Every page of it has PG_slab set,
 * page->slab_cache pointing at its cache and page->slab_mgmt at its
 * struct slab descriptor.  Where the descriptor and the free-object index
 * array ("freelist") live is chosen per cache:
 *
 *   on-slab       [colour][struct slab|freelist[num]][obj 0][obj 1]...
 *   off-slab      [colour][obj 0][obj 1]...    descriptor + freelist from
 *                 cachep->freelist_cache (a smaller kmalloc cache)
 *   objfreelist   [colour][obj 0][obj 1]...    descriptor from the
 *                 "slab_descriptor" cache; the freelist lives inside a
 *                 free object (the one that will be handed out last)
 *
 * The freelist is a stack of object indexes: entries [active, num) are the
 * free objects, the next allocation takes freelist[active].
 */
#ifndef _MM_SLAB_INTERNAL_H
#define _MM_SLAB_INTERNAL_H

#include <kernel/compiler.h>
#include <kernel/list.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <mm/mm_types.h>
#include <mm/numa.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

/* Internal cache flags, kept in cachep->flags above the public ones. */
#define CFLGS_OBJFREELIST_SLAB 0x40000000u
#define CFLGS_OFF_SLAB 0x80000000u
#define OFF_SLAB(c) ((c)->flags & CFLGS_OFF_SLAB)
#define OBJFREELIST_SLAB(c) ((c)->flags & CFLGS_OBJFREELIST_SLAB)

/* Debug flags honoured by this build (none without CONFIG_SLAB_DEBUG). */
#ifdef CONFIG_SLAB_DEBUG
#define SLAB_DEBUG_MASK SLAB_DEBUG_FLAGS
#else
#define SLAB_DEBUG_MASK 0u
#endif

#define BYTES_PER_WORD sizeof(void *)
#define SLAB_MAX_ORDER_LO 3 /* preferred cap on gfporder */
#define SLAB_OBJ_MAX_NUM 0xffffu
#define BATCHREFILL_LIMIT 16

typedef u16 freelist_idx_t;

/**
 * struct array_cache - one CPU's stack of free objects of one cache
 * @avail: objects in @entry (the top is entry[avail - 1])
 * @limit: flush to the slabs when a free finds @avail == @limit
 * @batchcount: objects moved between @entry and the slabs at a time
 * @touched: allocated from since the last reap (refills may be larger)
 * @entry: the objects, LIFO so the hottest is reused first
 *
 * Only its own CPU touches it, with interrupts masked: no lock, no atomic
 * read-modify-write.  Another CPU that needs it emptied asks the owner
 * with a cross-call (drain_cpu_caches()).  @avail is written with
 * relaxed atomic stores (plain stores on every arch) because counters
 * read it from other CPUs (cache_count_cpu_objects()).
 */
struct array_cache {
	unsigned int avail;
	unsigned int limit;
	unsigned int batchcount;
	unsigned int touched;
	void *entry[];
};

/* The owner changes @ac->avail (its reads need nothing). */
static inline void ac_set_avail(struct array_cache *ac, unsigned int avail)
{
	__atomic_store_n(&ac->avail, avail, __ATOMIC_RELAXED);
}

/**
 * struct slab - descriptor of one slab
 * @list: on slabs_full / slabs_partial / slabs_free of its node
 * @s_mem: address of object 0 (of its slot, before any red zone)
 * @freelist: the free-index stack (see the file comment); NULL for a full
 *	objfreelist slab
 * @page: first page of the slab
 * @active: objects handed out (to callers or per-CPU caches)
 * @nodeid: node the pages belong to
 * @colouroff: colour offset of this slab in bytes
 */
struct slab {
	struct list_head list;
	void *s_mem;
	freelist_idx_t *freelist;
	struct page *page;
	unsigned int active;
	unsigned short nodeid;
	unsigned short colouroff;
};

/**
 * struct kmem_cache_node - the slabs of one cache on one node
 * @list_lock: guards the lists, the counters, every slab's freelist and
 *	active count, and @colour_next (Linux SLAB's per-node lock)
 * @slabs_partial: some objects free (allocation starts here)
 * @slabs_full: no object free
 * @slabs_free: every object free (released beyond @free_limit)
 * @total_slabs: slabs on all three lists
 * @free_slabs: slabs on @slabs_free
 * @free_objects: free objects in slabs (not counting per-CPU caches)
 * @free_limit: keep at most this many free objects before releasing slabs
 * @colour_next: colour of the next slab grown on this node
 */
struct kmem_cache_node {
	spinlock_t list_lock;
	struct list_head slabs_partial;
	struct list_head slabs_full;
	struct list_head slabs_free;
	unsigned long total_slabs;
	unsigned long free_slabs;
	unsigned long free_objects;
	unsigned long free_limit;
	unsigned int colour_next;
};

/**
 * struct kmem_cache - a cache of equally sized objects
 * @cpu_cache: per-CPU object stacks (hot path first)
 * @size: bytes per object slot (object, red zones, owner words, alignment)
 * @obj_offset: offset of the object inside its slot (red zone before it)
 * @num: objects per slab
 * @flags: SLAB_* flags and CFLGS_* layout choice
 * @object_size: bytes the caller asked for (ksize() of an object)
 * @reciprocal_buffer_size: ceil(2^32 / @size), for obj_to_index()
 * @align: object alignment
 * @gfporder: log2 of pages per slab
 * @allocflags: gfp zone flags added to every page allocation
 * @colour: number of distinct colours (left-over / @colour_off)
 * @colour_off: colour step (a cache line, or @align if larger)
 * @mgmt_size: bytes of descriptor + freelist (on-slab: aligned to @align)
 * @freelist_cache: where off-slab descriptors come from
 * @ctor: constructor, called once when a slab is made (and after each
 *	debug poison check)
 * @name: as given to kmem_cache_create(); must stay valid
 * @list: on slab_caches
 * @refcount: creators (no merging: always 1)
 * @node: per-node slab lists
 */
struct kmem_cache {
	struct array_cache *cpu_cache[CONFIG_NR_CPUS];
	unsigned int size;
	unsigned int obj_offset;
	unsigned int num;
	unsigned int flags;
	unsigned int object_size;
	u32 reciprocal_buffer_size;
	unsigned int align;
	unsigned int gfporder;
	gfp_t allocflags;
	unsigned int colour;
	unsigned int colour_off;
	unsigned int mgmt_size;
	struct kmem_cache *freelist_cache;
	void (*ctor)(void *obj);
	const char *name;
	struct list_head list;
	int refcount;
	struct kmem_cache_node node[MAX_NUMNODES];
};

enum slab_state {
	DOWN,	 /* nothing works */
	PARTIAL, /* the cache of caches works */
	UP,	 /* kmalloc caches work (boot per-CPU arrays) */
	FULL,	 /* per-CPU arrays sized: everything works */
};

extern enum slab_state slab_state;
extern struct list_head slab_caches;
extern struct kmem_cache *kmem_cache;
extern struct kmem_cache *slab_desc_cache;
extern struct array_cache boot_null_ac;
/* Some slab is off node 0 or off the node it was grown for. */
extern bool slab_numa_active;
/*
 * Guards slab_caches (Linux's slab_mutex): taken with interrupts masked,
 * also by the drain cross-call (drain_all_cpu_caches()), so never held
 * while waiting for a cross-call, nor across allocation.
 */
extern spinlock_t slab_caches_lock;

/* Set once, read on every free: relaxed atomics (any CPU may set it). */
static inline bool slab_numa(void)
{
	return __atomic_load_n(&slab_numa_active, __ATOMIC_RELAXED);
}

/* ---- object <-> slab helpers ---- */

/* virt_to_page() for a pointer that may not be RAM at all: NULL then. */
static inline struct page *virt_to_page_or_null(const void *addr)
{
	phys_addr_t pa = __pa(addr);

	return section_nr_online_page(pa >> (PAGE_SHIFT + pfn_nid_shift),
				      PHYS_PFN(pa));
}
static inline struct slab *virt_to_slab(const void *obj)
{
	return virt_to_page(obj)->slab_mgmt;
}

static inline void *index_to_obj(const struct kmem_cache *cachep,
				 const struct slab *slabp, unsigned int idx)
{
	return (char *)slabp->s_mem + cachep->size * idx + cachep->obj_offset;
}

/*
 * Exact for offsets that are multiples of the size (every valid object):
 * idx * size * ceil(2^32 / size) / 2^32 = idx + idx * e / 2^32, e < size,
 * and idx * size is far below 2^32.  Saves a division per freed object.
 */
static inline unsigned int obj_to_index(const struct kmem_cache *cachep,
					const struct slab *slabp,
					const void *obj)
{
	u32 off = (u32)((uintptr_t)obj - (uintptr_t)slabp->s_mem -
			cachep->obj_offset);

	return (u32)(((u64)off * cachep->reciprocal_buffer_size) >> 32);
}

static inline int slab_local_node(void)
{
	return numa_node_id();
}

/* A node to allocate from: @nid if it has memory, else NUMA_NO_NODE. */
static inline int slab_node_or_any(int nid)
{
	if (nid < 0 || nid >= MAX_NUMNODES || !node_data[nid])
		return NUMA_NO_NODE;
	return nid;
}

/* ---- mm/slab_debug.c ---- */
unsigned int slab_debug_flags_for(const char *name, unsigned int flags);
void slab_debug_layout(struct kmem_cache *cachep, unsigned int *size,
		       unsigned int align);
void slab_debug_init_obj(struct kmem_cache *cachep, void *obj);
void *slab_debug_alloc(struct kmem_cache *cachep, void *obj, gfp_t flags,
		       unsigned long caller);
bool slab_debug_free(struct kmem_cache *cachep, void *obj,
		     unsigned long caller);
void slab_debug_destroy_obj(struct kmem_cache *cachep, void *obj);
void slab_report_leaks(struct kmem_cache *cachep, unsigned long nr,
		       unsigned long caller);
void slab_bad_free(const char *who, const void *obj, const char *why,
		   unsigned long caller);

/* ---- mm/slab.c ---- */
int __kmem_cache_create(struct kmem_cache *cachep, unsigned int flags);
int setup_cpu_cache(struct kmem_cache *cachep);
int enable_cpucache(struct kmem_cache *cachep);
void drain_cpu_caches(struct kmem_cache *cachep);
void drain_all_cpu_caches(void);
bool cpu_caches_hold(struct kmem_cache *cachep, const void *obj);
unsigned long drain_freelist(struct kmem_cache *cachep);
unsigned long __kmem_cache_shrink(struct kmem_cache *cachep);
void free_block(struct kmem_cache *cachep, void **objpp, unsigned int nr,
		struct list_head *list);
void slabs_destroy(struct kmem_cache *cachep, struct list_head *list);
bool slab_obj_is_free(struct kmem_cache *cachep, struct slab *slabp,
		      unsigned int idx);
unsigned long cache_count_cpu_objects(struct kmem_cache *cachep);

/* ---- the hot paths, inlined into kmem_cache_*() and kmalloc()/kfree() ---- */

void *__slab_alloc(struct kmem_cache *cachep, gfp_t flags, int nid,
		   unsigned long caller);
void __slab_free(struct kmem_cache *cachep, void *objp, unsigned long caller);

/**
 * slab_alloc - allocate an object
 * @cachep: the cache
 * @flags: gfp flags (__GFP_ZERO zeroes the object)
 * @nid: node, or NUMA_NO_NODE for the local one
 * @caller: return address recorded by SLAB_STORE_USER
 *
 * The common case pops the current CPU's array_cache with interrupts
 * masked: no lock, no atomic read-modify-write, no stack frame, the same
 * code with CONFIG_SMP on or off.  Everything else (refill, a given node,
 * __GFP_ZERO, debug checks) is __slab_alloc(), a tail call.
 */
static __always_inline void *slab_alloc(struct kmem_cache *cachep, gfp_t flags,
					int nid, unsigned long caller)
{
	struct array_cache *ac;
	irqflags_t f;

	if (likely(nid == NUMA_NO_NODE && !((cachep->flags & SLAB_DEBUG_MASK) |
					    (flags & __GFP_ZERO)))) {
		local_irq_save(f);
		ac = cachep->cpu_cache[smp_processor_id()];
		if (likely(ac->avail)) {
			unsigned int avail = ac->avail - 1;
			void *objp = ac->entry[avail];

			ac_set_avail(ac, avail);
			local_irq_restore(f);
			return objp;
		}
		local_irq_restore(f);
	}
	return __slab_alloc(cachep, flags, nid, caller);
}

/**
 * slab_free - free an object to the current CPU's array_cache
 * @cachep: the cache
 * @objp: the object
 * @caller: return address recorded by SLAB_STORE_USER
 *
 * The common case pushes onto the CPU's array_cache with interrupts
 * masked, wherever the object was allocated: an object of this node
 * allocated on another CPU is an ordinary free (Linux SLAB without alien
 * caches).  A full array, debug checks and objects of a remote node
 * (which go straight back to their node's lists, so per-CPU arrays only
 * hold local objects) take __slab_free().
 */
static __always_inline void slab_free(struct kmem_cache *cachep, void *objp,
				      unsigned long caller)
{
	struct array_cache *ac;
	irqflags_t f;

	if (likely(!((cachep->flags & SLAB_DEBUG_MASK) | slab_numa()))) {
		local_irq_save(f);
		ac = cachep->cpu_cache[smp_processor_id()];
		if (likely(ac->avail < ac->limit)) {
			ac->entry[ac->avail] = objp;
			ac_set_avail(ac, ac->avail + 1);
			local_irq_restore(f);
			return;
		}
		local_irq_restore(f);
	}
	__slab_free(cachep, objp, caller);
}

/* ---- mm/slab_common.c ---- */
struct kmem_cache *create_kmalloc_cache(const char *name, unsigned int size,
					unsigned int flags);
struct kmem_cache *kmalloc_freelist_cache(size_t size, unsigned int flags);
extern unsigned int slab_debug_flags_default;

#endif /* _MM_SLAB_INTERNAL_H */
