/* SPDX-License-Identifier: MIT */
/*
 * What the host FDT test's files share: the blobs, loading one at its
 * exact size (so ASan sees overreads), copying and patching one, and the
 * test functions main() in test_fdt.c runs.
 */
#ifndef _TESTS_HOST_FDT_FIXTURE_H
#define _TESTS_HOST_FDT_FIXTURE_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include <kernel/compiler.h>
#include <kernel/fdt.h>
#include <kernel/fdt_memory.h>

#include "host.h"
#include "tap.h"

/* Every blob of tests/host/fdt_blobs/, and the QEMU dumps among them. */
extern const char *const blobs[9];
#define NR_BLOBS ARRAY_SIZE(blobs)
extern const char *const qemu_blobs[5];

/* Load a blob into a buffer of exactly its size, so ASan sees overreads. */
u8 *load(const char *name, size_t *sizep);
u8 *dup_blob(const u8 *b, size_t size);
/* Store @v big-endian at @p. */
void put32(u8 *p, u32 v);
/* Offset in the struct block of property @prop of node @path. */
int prop_off(const u8 *fdt, const char *path, const char *prop);

/* test_fdt_semantics.c */
void test_full_semantics(void);
void test_scan_qemu(const char *name);
void test_scan_semantics(void);
/* test_fdt_damaged.c */
void test_damaged(void);
void test_fuzz(int iterations);

#endif /* _TESTS_HOST_FDT_FIXTURE_H */
