/* SPDX-License-Identifier: MIT */
/*
 * The slab's own bookkeeping, checked by walking it: shared by the slab
 * host tests, the slab model test and the slab fuzzer.
 */
#ifndef _TESTS_SLAB_CHECK_H
#define _TESTS_SLAB_CHECK_H

#include "../../mm/slab_internal.h"

/*
 * Walk every slab of @c on every node: full slabs have every object
 * active, partial ones some, free ones none, and the node's slab, free
 * slab and free object counters match the lists.
 */
static inline bool cache_consistent(struct kmem_cache *c)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = &c->node[nid];
		unsigned long slabs = 0, free = 0, fslabs = 0;
		struct slab *s;

		list_for_each_entry(s, &n->slabs_full, list) {
			if (s->active != c->num)
				return false;
			slabs++;
		}
		list_for_each_entry(s, &n->slabs_partial, list) {
			if (!s->active || s->active >= c->num)
				return false;
			free += c->num - s->active;
			slabs++;
		}
		list_for_each_entry(s, &n->slabs_free, list) {
			if (s->active)
				return false;
			free += c->num;
			slabs++;
			fslabs++;
		}
		if (slabs != n->total_slabs || free != n->free_objects ||
		    fslabs != n->free_slabs)
			return false;
	}
	return true;
}

#endif
