/* SPDX-License-Identifier: MIT */
/*
 * Shared by the libFuzzer targets in tests/fuzz/: memblock without the
 * page allocator (MM_HOST_STANDALONE), a reset between inputs, and a
 * trap that turns a broken invariant into a crash libFuzzer records.
 */
#ifndef _TESTS_FUZZ_COMMON_H
#define _TESTS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* A property the code under test broke: print it and let libFuzzer save
 * the input (abort() is reported as a crash with the input's file). */
#define FUZZ_ASSERT(cond, ...)                                             \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: %s: ", __FILE__, __LINE__, \
				#cond);                                    \
			fprintf(stderr, __VA_ARGS__);                      \
			fputc('\n', stderr);                               \
			abort();                                           \
		}                                                          \
	} while (0)

/* Empty memblock, static arrays, top-down, no limit, no debug trace. */
void fuzz_memblock_reset(void);

/* Check the memblock region arrays: sorted, disjoint, merged, totals. */
void fuzz_memblock_check(void);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#endif
