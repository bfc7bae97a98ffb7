/* SPDX-License-Identifier: MIT */
/*
 * Private to the two bootmem backends: what they share so the API behaves
 * the same whichever one is built.
 */
#ifndef _MM_BOOTMEM_INTERNAL_H
#define _MM_BOOTMEM_INTERNAL_H

#include <kernel/log2.h>
#include <kernel/printk.h>
#include <mm/bootmem.h>
#include <mm/gfp.h>
#include <mm/memblock.h>

#include "memblock_internal.h"

#include <mm/slab.h>

#define bdebug(fmt, ...)                                                      \
	do {                                                                  \
		if (unlikely(bootmem_debug))                                  \
			pr_info("bootmem::%s " fmt, __func__, ##__VA_ARGS__); \
	} while (0)

/*
 * Bootmem used after the slab allocator is up is a caller bug, but the
 * memory can still be served: from kmalloc, zeroed, with a warning.
 */
static inline void *bootmem_slab_fallback(unsigned long size, int nid)
{
	return kmalloc_node(size, GFP_NOWAIT | __GFP_ZERO, nid);
}

/*
 * Alignment must be a power of two.  0 means "don't care" and gets the
 * cache line size; anything else that is not a power of two is a caller
 * bug: warn and use the cache line size too.
 */
static inline unsigned long bootmem_check_align(unsigned long align)
{
	if (align && is_power_of_2(align))
		return align;
	WARN(align != 0, "bootmem: alignment %#lx is not a power of two\n",
	     align);
	return SMP_CACHE_BYTES;
}

/* The message every panicking variant dies with. */
#define bootmem_oom(size, align, goal, limit)                                  \
	panic("Out of memory: bootmem alloc of %lu bytes failed (align %#lx, " \
	      "goal %#lx, limit %#lx)",                                        \
	      (unsigned long)(size), (unsigned long)(align),                   \
	      (unsigned long)(goal), (unsigned long)(limit))

/* Fill in the pfn bounds from memblock if the arch has not set them. */
static inline void bootmem_set_pfn_bounds(void)
{
	if (!max_pfn)
		max_pfn = PFN_DOWN(memblock_end_of_DRAM());
	if (!max_low_pfn)
		max_low_pfn = max_pfn;
	if (!min_low_pfn)
		min_low_pfn = PFN_UP(memblock_start_of_DRAM());
}

/*
 * The backend's one allocation hook: one attempt at zeroed memory on node
 * @nid (any node for NUMA_NO_NODE; NULL for a node it does not know), in
 * [@goal, @limit) (@limit exclusive, 0 for none).  The search order over
 * nodes and goals lives once, in mm/bootmem.c.
 */
void *bootmem_backend_alloc(int nid, unsigned long size, unsigned long align,
			    unsigned long goal, unsigned long limit);

/*
 * Try node @nid (if not NUMA_NO_NODE) then all nodes, first with @goal
 * then without; stay below @limit.  Returns zeroed memory or NULL.
 */
void *___alloc_bootmem_nopanic(int nid, unsigned long size, unsigned long align,
			       unsigned long goal, unsigned long limit);

#endif /* _MM_BOOTMEM_INTERNAL_H */
