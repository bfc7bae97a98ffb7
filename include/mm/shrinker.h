/* SPDX-License-Identifier: MIT */
/*
 * Shrinkers: caches that can give memory back to the page allocator.
 *
 * When an allocation with __GFP_RECLAIM cannot be met from the free lists
 * the slow path of the page allocator calls every registered shrinker
 * (shrink_slab()) and retries.  The slab allocator registers one that
 * releases empty slabs.
 */
#ifndef _MM_SHRINKER_H
#define _MM_SHRINKER_H

#include <kernel/list.h>
#include <kernel/types.h>
#include <mm/gfp.h>

#define SHRINK_STOP (~0UL)
#define DEFAULT_SEEKS 2

/**
 * struct shrinker - a cache that can release memory on demand
 * @count: optional; how many objects could be freed now (0: skip @scan)
 * @scan: free up to @nr_to_scan objects; return the number of pages given
 *	back to the page allocator, or SHRINK_STOP if nothing can be done
 * @seeks: cost of recreating an object (DEFAULT_SEEKS); informational
 * @nr_calls: times @scan was called (statistics, tests)
 * @list: on the shrinker list; owned by register_shrinker()
 * @name: shown in dumps; may be NULL
 */
struct shrinker {
	unsigned long (*count)(struct shrinker *s);
	unsigned long (*scan)(struct shrinker *s, unsigned long nr_to_scan);
	int seeks;
	unsigned long nr_calls;
	struct list_head list;
	const char *name;
};

/* Returns 0, or -EINVAL if @s has no scan callback. */
int register_shrinker(struct shrinker *s);
void unregister_shrinker(struct shrinker *s);

/**
 * shrink_slab - ask every shrinker to free memory
 * @gfp: the allocation's flags (informational)
 * @nid: the node short of memory (informational)
 * @nr_to_scan: objects each shrinker is asked to scan
 *
 * Return: pages the shrinkers reported as freed.
 */
unsigned long shrink_slab(gfp_t gfp, int nid, unsigned long nr_to_scan);

#endif /* _MM_SHRINKER_H */
