/* SPDX-License-Identifier: MIT */
/*
 * Shared by the bootmem test program's sources (test_bootmem.c, the API
 * tests and the page allocator stand-ins; test_bootmem_sweep.c, the
 * handoff sweeps).
 */
#ifndef _TESTS_TEST_BOOTMEM_H
#define _TESTS_TEST_BOOTMEM_H

#include <mm/memblock.h>

#include "host.h"
#include "tap.h"

#define KB 1024ULL
#define MB (1024ULL * KB)
#define GB (1024ULL * MB)

#if IS_ENABLED(CONFIG_BOOTMEM_BITMAP)
#define BACKEND "bitmap"
#else
#define BACKEND "memblock"
#endif

/* Empty memblock, no bootmem nodes, default settings. */
void reset_state(void);
/*
 * Count every pfn handed over in [@base, @base + @len) in @map (NULL:
 * stop), those outside in handed_outside and the misaligned blocks in
 * handed_unaligned; the handed page count starts again from 0.
 */
void track_handoff(unsigned char *map, unsigned long base, unsigned long len);
extern unsigned long handed_outside, handed_unaligned;
/* Struct pages from @pfn on are deferred (~0UL: none). */
void defer_struct_pages(unsigned long pfn);

/* test_bootmem_sweep.c */
void test_handoff_sweep(void);

#endif
