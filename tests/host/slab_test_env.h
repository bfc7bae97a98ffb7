/* SPDX-License-Identifier: MIT */
/*
 * What the slab host tests need from "the page allocator", implemented
 * twice: over the real memblock + buddy (slab_env_buddy.c) and over a tiny
 * stand-in (slab_fake_pages.c) for isolated unit tests.
 */
#ifndef _TESTS_SLAB_TEST_ENV_H
#define _TESTS_SLAB_TEST_ENV_H

#include <kernel/types.h>

/* Bring up simulated RAM (@mib MiB, two nodes) and the page allocator. */
void slab_env_boot(unsigned long mib);
/* Free pages right now (everything the page allocator could hand out). */
unsigned long slab_env_free_pages(void);
/* Put @cpu on node @nid (the fake provider has every CPU on node 0). */
void slab_env_set_cpu_node(int cpu, int nid);
/* Name of the page allocator in use (printed by the tests). */
extern const char *const slab_env_name;

#endif
