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
 * line, so naturally aligned: no two CPUs' stacks share a line.
 *
 * A stack is touched only by its own CPU, interrupts masked, with no lock
 * (Linux SLAB).  To empty every CPU's stack, a CPU asks each online CPU
 * with a cross-call (on_each_cpu(), wait); the owner drains its stack in
 * its IPI handler, interrupts off.  A CPU that is not online runs nothing,
 * so its stack (empty unless it ran before being stopped) is drained by
 * the caller directly.  Waiting for a cross-call with interrupts off could
 * deadlock (the target may be spinning, interrupts off, on a lock the
 * waiter holds, or waiting for a call to us): a drain asked for with
 * interrupts off empties only this CPU's stacks.
 */
#include <kernel/log2.h>
#include <kernel/errno.h>
#include <asm-generic/smp_call.h>

#include "slab_internal.h"

static void free_limit_update(struct kmem_cache *cachep)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		cachep->node[nid].free_limit =
			(1 + CONFIG_NR_CPUS) *
				cachep->cpu_cache[0]->batchcount +
			cachep->num;
}

/* Empty @ac, which no CPU is using (its own, interrupts masked, or that of
 * a CPU that is not running), into the node lists. */
static void drain_array(struct kmem_cache *cachep, struct array_cache *ac)
{
	LIST_HEAD(list);

	if (ac->avail) {
		free_block(cachep, ac->entry, ac->avail, &list);
		ac_set_avail(ac, 0);
	}
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
		fresh[cpu]->avail = 0;
		fresh[cpu]->limit = limit;
		fresh[cpu]->batchcount = batchcount;
		fresh[cpu]->touched = 0;
	}
	/*
	 * Only for a cache no other CPU can see yet, or at boot while CPU 0
	 * is the only one running (kmem_cache_init()): the stacks are
	 * swapped under their owners' feet.
	 */
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

/*
 * Empty CPU @cpu's stack of @cachep, or of every cache when @cachep is
 * NULL: on @cpu itself (interrupts off), or for a CPU that is not running.
 * slab_caches_lock is always taken with interrupts off and never held
 * while waiting for a cross-call, so the IPI handler may take it.
 */
static void drain_cpu(struct kmem_cache *cachep, int cpu)
{
	struct kmem_cache *c;

	if (cachep) {
		drain_array(cachep, cachep->cpu_cache[cpu]);
		return;
	}
	spin_lock(&slab_caches_lock);
	list_for_each_entry(c, &slab_caches, list)
		drain_array(c, c->cpu_cache[cpu]);
	spin_unlock(&slab_caches_lock);
}

/* The cross-call: runs on each CPU, interrupts off. */
static void drain_this_cpu(void *cachep)
{
	drain_cpu(cachep, smp_processor_id());
}

/*
 * Every CPU empties its own stacks (see the DOC comment): the online ones
 * by a cross-call, this one inline; those not online are drained here.
 * With interrupts off, where waiting for a cross-call could deadlock, only
 * this CPU's stacks are emptied.
 */
static void drain_stacks(struct kmem_cache *cachep)
{
	if (irqs_disabled()) {
		drain_this_cpu(cachep);
		return;
	}
	on_each_cpu(drain_this_cpu, cachep, 1);
#ifdef CONFIG_SMP
	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		irqflags_t f;

		if (cpu == smp_processor_id() || cpu_online((unsigned int)cpu))
			continue;
		local_irq_save(f);
		drain_cpu(cachep, cpu);
		local_irq_restore(f);
	}
#endif
}

/**
 * drain_cpu_caches - return every CPU's parked objects of @cachep to the
 * slabs
 * @cachep: the cache
 *
 * Call with interrupts on: it waits for a cross-call to every CPU.
 */
void drain_cpu_caches(struct kmem_cache *cachep)
{
	drain_stacks(cachep);
}

/**
 * drain_all_cpu_caches - drain_cpu_caches() for every cache, one
 * cross-call in all
 */
void drain_all_cpu_caches(void)
{
	drain_stacks(NULL);
}

/**
 * cache_count_cpu_objects - objects parked in per-CPU stacks of @cachep
 * @cachep: the cache
 *
 * A snapshot: other CPUs keep allocating and freeing meanwhile.
 */
unsigned long cache_count_cpu_objects(struct kmem_cache *cachep)
{
	unsigned long nr = 0;

	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		struct array_cache *ac = cachep->cpu_cache[cpu];

		if (ac)
			nr += __atomic_load_n(&ac->avail, __ATOMIC_RELAXED);
	}
	return nr;
}

/**
 * cpu_caches_hold - is @obj parked in a per-CPU stack of @cachep?
 * @cachep: the cache
 * @obj: the object
 *
 * Exact for this CPU's stack.  Other CPUs' stacks are read without
 * stopping them (a debug check, not worth a cross-call per free): an
 * object handed over by another CPU was popped there before the hand-over,
 * so it is not seen there by mistake, but a double free racing with that
 * CPU's own free of the same object may be missed.
 */
bool cpu_caches_hold(struct kmem_cache *cachep, const void *obj)
{
	bool found = false;
	irqflags_t f;

	local_irq_save(f);
	for (int cpu = 0; cpu < CONFIG_NR_CPUS && !found; cpu++) {
		struct array_cache *ac = cachep->cpu_cache[cpu];
		unsigned int n;

		if (!ac)
			continue;
		n = __atomic_load_n(&ac->avail, __ATOMIC_RELAXED);
		for (unsigned int i = 0; i < n && !found; i++)
			found = __atomic_load_n(&ac->entry[i],
						__ATOMIC_RELAXED) == obj;
	}
	local_irq_restore(f);
	return found;
}
