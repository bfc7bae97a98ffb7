/* SPDX-License-Identifier: MIT */
/*
 * struct page: one per physical page frame, kept at 32 bytes on 64-bit
 * (Linux uses 64).  Fields are reused by whoever owns the page:
 *
 *   owner          lru / slab_cache+slab_mgmt   private
 *   buddy (free)   free_area list               order
 *   pcp list       pcp list                     migratetype
 *   slab           cache, slab descriptor       -
 *   large kmalloc  -                            order
 *   allocated      free for the caller          free for the caller
 *
 * flags holds the PG_* bits below in its low bits and the zone index and
 * node id in its top bits (set once by memmap init; see mm/page_alloc.h).
 * Just above the PG_* bits, an allocated order-0 page keeps the
 * migratetype of the per-cpu list it came from, plus one (0: unknown), so
 * that its free finds its list without reading the pageblock bitmap.
 */
#ifndef _MM_MM_TYPES_H
#define _MM_MM_TYPES_H

#include <kernel/list.h>
#include <kernel/types.h>

struct kmem_cache;

struct page {
	unsigned long flags;
	union {
		struct list_head lru;
		struct {
			struct kmem_cache *slab_cache;
			void *slab_mgmt;
		};
	};
	unsigned int private;
	int _refcount;
};

/* Page flag bits (bit numbers in page->flags). */
enum pageflags {
	PG_reserved, /* not managed by the buddy: firmware, kernel, holes */
	PG_buddy,    /* free, on a free_area list; private = order */
	PG_pcp,	     /* free, on a per-cpu list; private = migratetype */
	PG_slab,     /* owned by the slab allocator */
	PG_large_kmalloc, /* head of a kmalloc too large for a slab */
	PG_head,	  /* head of a compound (multi-page) allocation */
	PG_poisoned,	  /* free and filled with the page poison pattern */
	PG_init_pending,  /* deferred struct page init: not yet initialised */
	__NR_PAGEFLAGS,
};

/* The pcp migratetype + 1 of an allocated order-0 page (0: unknown). */
#define PG_MT_SHIFT __NR_PAGEFLAGS
#define PG_MT_MASK (3UL << PG_MT_SHIFT)

/*
 * The __SetPage / __ClearPage updates are not atomic read-modify-writes:
 * only a page's owner changes its flags (the zone lock's holder for a free
 * page).  With CONFIG_SMP the word is read and written through relaxed
 * atomics (plain loads and stores on every arch), because other CPUs read
 * it without a lock: a buddy merge looks at PG_buddy and the zone bits of
 * a neighbour it does not own.
 */
#ifdef CONFIG_SMP
#define page_flags_read(p) __atomic_load_n(&(p)->flags, __ATOMIC_RELAXED)
#define page_flags_write(p, v) \
	__atomic_store_n(&(p)->flags, (v), __ATOMIC_RELAXED)
#else
#define page_flags_read(p) ((p)->flags)
#define page_flags_write(p, v) ((p)->flags = (v))
#endif

#define PAGEFLAG_FNS(uname, lname)                                           \
	static inline bool Page##uname(const struct page *p)                 \
	{                                                                    \
		return (page_flags_read(p) >> PG_##lname) & 1;               \
	}                                                                    \
	static inline void __SetPage##uname(struct page *p)                  \
	{                                                                    \
		page_flags_write(p, page_flags_read(p) | 1UL << PG_##lname); \
	}                                                                    \
	static inline void __ClearPage##uname(struct page *p)                \
	{                                                                    \
		page_flags_write(p,                                          \
				 page_flags_read(p) & ~(1UL << PG_##lname)); \
	}

PAGEFLAG_FNS(Reserved, reserved)
PAGEFLAG_FNS(Buddy, buddy)
PAGEFLAG_FNS(Pcp, pcp)
PAGEFLAG_FNS(Slab, slab)
PAGEFLAG_FNS(LargeKmalloc, large_kmalloc)
PAGEFLAG_FNS(Head, head)
PAGEFLAG_FNS(Poisoned, poisoned)
PAGEFLAG_FNS(InitPending, init_pending)

#define SetPageReserved __SetPageReserved
#define ClearPageReserved __ClearPageReserved

static inline int page_ref_count(const struct page *p)
{
	return p->_refcount;
}

static inline void set_page_count(struct page *p, int v)
{
	p->_refcount = v;
}

static inline void get_page(struct page *p)
{
	p->_refcount++;
}

#endif /* _MM_MM_TYPES_H */
