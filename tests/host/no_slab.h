/* SPDX-License-Identifier: MIT */
/*
 * For host tests that link bootmem but not the slab: no slab ever becomes
 * available, so bootmem must never take its late-caller fallback to
 * kmalloc_node() (a call fails the test).  Include once, in the test's one
 * source file.
 */
#ifndef _TESTS_NO_SLAB_H
#define _TESTS_NO_SLAB_H

#include <mm/slab.h>

#include "tap.h"

bool slab_is_available(void)
{
	return false;
}

void *kmalloc_node(size_t size, gfp_t flags, int nid)
{
	(void)size;
	(void)flags;
	(void)nid;
	ok(0, "bootmem fell back to kmalloc_node without a slab");
	return NULL;
}

#endif
