// SPDX-License-Identifier: MIT
/**
 * DOC: shrinkers, the caches that give memory back
 *
 * A cache that can release memory on demand registers a struct shrinker.
 * When the page allocator's slow path runs short it calls shrink_slab(),
 * which asks every registered shrinker, in registration order, to scan
 * some objects, and adds up the pages they report as freed.  A shrinker
 * whose count() says it has nothing is skipped.
 */
#include <kernel/errno.h>
#include <mm/page_alloc.h>
#include <mm/shrinker.h>

static LIST_HEAD(shrinker_list);

/**
 * register_shrinker - add a cache to those asked to free memory
 * @s: the shrinker; @s->scan is required
 *
 * Return: 0 or -EINVAL.
 */
int register_shrinker(struct shrinker *s)
{
	if (!s || !s->scan)
		return -EINVAL;
	if (!s->seeks)
		s->seeks = DEFAULT_SEEKS;
	list_add_tail(&s->list, &shrinker_list);
	return 0;
}

/**
 * unregister_shrinker - stop calling a shrinker
 * @s: a registered shrinker (or one never registered: ignored)
 */
void unregister_shrinker(struct shrinker *s)
{
	if (s && s->list.next)
		list_del_init(&s->list);
}

unsigned long shrink_slab(gfp_t gfp, int nid, unsigned long nr_to_scan)
{
	struct shrinker *s;
	unsigned long freed = 0;

	(void)gfp;
	(void)nid;
	list_for_each_entry(s, &shrinker_list, list) {
		unsigned long ret;

		if (s->count && !s->count(s))
			continue;
		s->nr_calls++;
		__count_vm_events(SLABS_SCANNED, nr_to_scan);
		ret = s->scan(s, nr_to_scan);
		if (ret != SHRINK_STOP)
			freed += ret;
	}
	return freed;
}
