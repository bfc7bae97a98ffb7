/* SPDX-License-Identifier: MIT */
/*
 * Shared by the memblock model test's sources: test_memblock_model.c (the
 * operations and the loop) and memblock_model_ref.c (the reference and
 * the checks).
 */
#ifndef _TESTS_MEMBLOCK_MODEL_H
#define _TESTS_MEMBLOCK_MODEL_H

#include <mm/memblock.h>

/* 256 MiB tracked in 2 KiB units: sub-page, so unit-level edges matter */
#define SPACE (256ULL << 20)
#define UNIT 2048UL
#define NPAGES ((unsigned long)(SPACE / UNIT))
#define U2A(u) ((phys_addr_t)(u)*UNIT)
#define NR_NODES 3
#define FULL_EVERY 4096
#define RESET_EVERY 50000

/* ---- reference: one byte per unit ---- */
#define P_PRESENT 0x01
#define P_FLAGSHIFT 1 /* 3 bits of enum memblock_flags */
#define P_NIDSHIFT 4  /* 2 bits of node id */
extern unsigned char ref_mem[NPAGES];
extern unsigned char ref_res[NPAGES];
extern unsigned long ref_mem_pages, ref_res_pages;

static inline int ref_flags(unsigned long p)
{
	return (ref_mem[p] >> P_FLAGSHIFT) & 7;
}

static inline int ref_nid(unsigned long p)
{
	return (ref_mem[p] >> P_NIDSHIFT) & 3;
}

static inline unsigned char mkmem(int nid, int flags)
{
	return (unsigned char)(P_PRESENT | flags << P_FLAGSHIFT |
			       nid << P_NIDSHIFT);
}

/* Units [@lo, @hi) reserved (@on) or free in the reference. */
void ref_set_res(unsigned long lo, unsigned long hi, bool on);

/* xorshift64*, reproducible from the seed in rng_state */
extern u64 rng_state;
u64 rnd(void);
unsigned long rnd_below(unsigned long n);
/* Mostly small ranges, sometimes large ones. */
unsigned long rnd_pages(void);

/* The operation running, for fail()'s report, and the failures so far. */
extern unsigned long op_no;
extern const char *op_name;
extern int failures;
void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Invariants of @t, which must hold @pages units. */
void check_invariants(struct memblock_type *t, unsigned long pages);
/* Compare units [lo, hi) of both types with the reference. */
void compare_range(unsigned long lo, unsigned long hi);

/* Where the region arrays are (memblock_double_array moves them). */
struct arrays {
	struct memblock_region *mem, *res;
	unsigned long mem_max, res_max;
};

struct arrays arrays_now(void);
/* Fold array moves into the reference: old freed, new reserved. */
bool fold_array_moves(struct arrays before);
/* Would freeing [lo, hi) release a live region array? */
bool hits_arrays(unsigned long lo, unsigned long hi);

/*
 * Where memblock must put @n units aligned to @step units in [lo, hi), as
 * a unit number, or 0.
 */
unsigned long predict(unsigned long n, unsigned long step, unsigned long lo,
		      unsigned long hi, int nid, bool mirror, bool bottom_up);

#endif
