/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the slab unit tests: tests/host/test_slab.c,
 * test_slab_layout.c and test_slab_debug.c.
 */
#ifndef _TESTS_TEST_SLAB_H
#define _TESTS_TEST_SLAB_H

#include "../../mm/slab_internal.h"
#include "host.h"
#include "slab_check.h"
#include "slab_test_env.h"
#include "tap.h"

/* host_log_contains() that prints what was missing. */
bool logged(const char *needle);
/* logged() of @fmt formatted with one pointer. */
bool logged_ptr(const char *fmt, const void *p);
/* Slabs of @c on all nodes. */
unsigned long cache_slabs(struct kmem_cache *c);

/* A ctor that counts its calls and stamps 0xC0FFEE. */
extern int ctor_calls;
void ctor_magic(void *obj);

/* test_slab_layout.c */
void test_layout_choice(void);
void test_colouring(void);

/* test_slab_debug.c */
void test_debug_double_free(void);
void test_debug_invalid_free(void);
void test_debug_redzone(void);
void test_debug_poison(void);
void test_debug_setup(void);
void test_slabinfo(void);

#endif
