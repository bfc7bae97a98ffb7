// SPDX-License-Identifier: MIT
/**
 * DOC: slab per-CPU object stacks
 *
 * Each cache has one array_cache per CPU (cachep->cpu_cache[cpu]): a LIFO
 * stack of free objects in front of the node slab lists.  This file sizes
 * them (enable_cpucache(): big objects get short stacks), installs them
 * (do_tune_cpucache(); during bootstrap every CPU shares the zero-length
 * boot_null_ac), drains them back to the slabs and counts what they hold.
 * The push and pop themselves are inline in mm/slab_internal.h.
 *
 * With CONFIG_SMP each stack is a power-of-two kmalloc of at least a cache
 * line, so naturally aligned: no two CPUs' stacks share a line.  A drain
 * from any CPU takes each stack's lock (see mm/slab.c).
 */
#include <kernel/log2.h>
#include <kernel/errno.h>

#include "slab_internal.h"

static void free_limit_update(struct kmem_cache *cachep)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		cachep->node[nid].free_limit =
			(1 + CONFIG_NR_CPUS) *
				cachep->cpu_cache[0]->batchcount +
			cachep->num;
}

static void drain_array(struct kmem_cache *cachep, struct array_cache *ac)
{
	irqflags_t f;
	LIST_HEAD(list);

	spin_lock_irqsave(&ac->lock, f);
	if (ac->avail) {
		free_block(cachep, ac->entry, ac->avail, &list);
		ac->avail = 0;
	}
	spin_unlock_irqrestore(&ac->lock, f);
	slabs_destroy(cachep, &list);
}

/* do_tune_cpucache - replace every CPU's stack by one of @limit entries. */
static int do_tune_cpucache(struct kmem_cache *cachep, unsigned int limit,
			    unsigned int batchcount)
{
	struct array_cache *fresh[CONFIG_NR_CPUS];
	size_t bytes = sizeof(struct array_cache) + limit * sizeof(void *);
	int cpu;

	if (IS_ENABLED(CONFIG_SMP))
		bytes = roundup_pow_of_two(
			max_t(size_t, bytes, SMP_CACHE_BYTES));

	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		fresh[cpu] = kmalloc(bytes, GFP_KERNEL);
		if (!fresh[cpu]) {
			while (cpu--)
				kfree(fresh[cpu]);
			return -ENOMEM;
		}
		spin_lock_init(&fresh[cpu]->lock);
		fresh[cpu]->avail = 0;
		fresh[cpu]->limit = limit;
		fresh[cpu]->batchcount = batchcount;
		fresh[cpu]->touched = 0;
	}
	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		struct array_cache *old = cachep->cpu_cache[cpu];

		cachep->cpu_cache[cpu] = fresh[cpu];
		if (old) {
			drain_array(cachep, old);
			if (old != &boot_null_ac)
				kfree(old);
		}
	}
	free_limit_update(cachep);
	return 0;
}

/**
 * enable_cpucache - size the per-CPU stacks from the object size
 * @cachep: the cache
 *
 * Big objects get short stacks: the memory parked per CPU stays bounded.
 * Return: 0 or -ENOMEM (the cache keeps its previous stacks).
 */
int enable_cpucache(struct kmem_cache *cachep)
{
	unsigned int limit;

	if (cachep->size > 131072)
		limit = 1;
	else if (cachep->size > PAGE_SIZE)
		limit = 8;
	else if (cachep->size > 1024)
		limit = 24;
	else if (cachep->size > 256)
		limit = 54;
	else
		limit = 120;
	return do_tune_cpucache(cachep, limit, (limit + 1) / 2);
}

/**
 * setup_cpu_cache - give a new cache its per-CPU stacks
 * @cachep: the cache
 *
 * During bootstrap (before every kmalloc cache exists) all CPUs share the
 * static zero-length boot stack; kmem_cache_init() replaces it later.
 */
int setup_cpu_cache(struct kmem_cache *cachep)
{
	if (slab_state >= FULL)
		return enable_cpucache(cachep);
	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		cachep->cpu_cache[cpu] = &boot_null_ac;
	return 0;
}

/**
 * drain_cpu_caches - return every CPU's parked objects to the slabs
 * @cachep: the cache
 */
void drain_cpu_caches(struct kmem_cache *cachep)
{
	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		if (cachep->cpu_cache[cpu])
			drain_array(cachep, cachep->cpu_cache[cpu]);
}

/**
 * cache_count_cpu_objects - objects parked in per-CPU stacks of @cachep
 * @cachep: the cache
 */
unsigned long cache_count_cpu_objects(struct kmem_cache *cachep)
{
	unsigned long nr = 0;
	irqflags_t f;

	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		struct array_cache *ac = cachep->cpu_cache[cpu];

		if (!ac)
			continue;
		spin_lock_irqsave(&ac->lock, f);
		nr += ac->avail;
		spin_unlock_irqrestore(&ac->lock, f);
	}
	return nr;
}
