/* SPDX-License-Identifier: MIT */
/*
 * What the two halves of the host E820 test share (test_e820.c: the
 * firmware maps and the sanitizer; test_e820_edit.c: range edits, the
 * fallbacks, the memblock setup and memmap=): tables written as Linux
 * prints them, loading one, comparing the live table with one.
 */
#ifndef _TESTS_HOST_E820_FIXTURE_H
#define _TESTS_HOST_E820_FIXTURE_H

#include <asm/e820.h>

#define MiB (1ULL << 20)
#define GiB (1ULL << 30)

/* Ranges written as Linux prints them: first and last byte. */
struct range {
	u64 first, last;
	u32 type;
};

#define R(f, l, t)                                    \
	{                                             \
		0x##f##ULL, 0x##l##ULL, E820_TYPE_##t \
	}

#define N(a) ((u32)ARRAY_SIZE(a))

/* qemu-system-x86_64 -m 128M, SeaBIOS 1.16: already clean. */
extern const struct range qemu_seabios[7];

/* Load @r (n entries) as the firmware table, nothing user-defined. */
void load(const struct range *r, u32 n);
/* ok() that the live table is @want; prints both on a mismatch. */
bool table_is(const struct range *want, u32 n, const char *name);

/* test_e820_edit.c, run by main() in test_e820.c */
void test_set_ram(void);
void test_overflow(void);
void test_too_many(void);
void test_too_few(void);
void test_basic_meminfo(void);
void test_memblock_setup(void);
void test_range_ops(void);
void test_memmap(void);
void test_memmap_bad(void);
void test_type_names(void);

#endif /* _TESTS_HOST_E820_FIXTURE_H */
