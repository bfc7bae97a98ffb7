/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the memblock unit test's sources (test_memblock.c,
 * test_memblock_alloc.c, test_memblock_query.c): region expectations and
 * a clean memblock for each scenario.
 */
#ifndef _TESTS_TEST_MEMBLOCK_H
#define _TESTS_TEST_MEMBLOCK_H

#include <mm/memblock.h>

#include "host.h"
#include "tap.h"

#define KB 1024ULL
#define MB (1024ULL * KB)
#define GB (1024ULL * MB)

/* An expected region; ANY in nid or flags: don't care. */
struct er {
	phys_addr_t base, size;
	int nid;
	int flags;
};
#define ANY (-2)

static struct memblock_type *const mem __maybe_unused = &memblock.memory;
static struct memblock_type *const res __maybe_unused = &memblock.reserved;

/* Sorted, non-overlapping, fully merged, total right, no empty region. */
bool type_ok(struct memblock_type *t);
/* The first regions of @t as TAP diagnostics. */
void dump_type(struct memblock_type *t);
/* One check: @t holds exactly the @n regions @e. */
int expect_regions(struct memblock_type *t, const char *name,
		   const struct er *e, unsigned long n);
/* One check: @t holds nothing. */
int expect_empty(struct memblock_type *t, const char *name);
/* Empty memblock, default policy, tracing off, the handed count zeroed. */
void reset(void);

#define EXPECT(t, name, ...)                                             \
	({                                                               \
		const struct er _e[] = {__VA_ARGS__};                    \
		expect_regions(t, name, _e, sizeof(_e) / sizeof(_e[0])); \
	})
#define R(b, s)                    \
	{                          \
		(b), (s), ANY, ANY \
	}
#define RN(b, s, n)                \
	{                          \
		(b), (s), (n), ANY \
	}
#define RF(b, s, f)                \
	{                          \
		(b), (s), ANY, (f) \
	}

/* test_memblock_alloc.c */
void test_alloc(void);
void test_iterators(void);
/* test_memblock_query.c */
void test_queries(void);
void test_add_around(void);
void test_limits(void);
void test_debug(void);

#endif
