/* SPDX-License-Identifier: MIT */
/*
 * What the memory-topology explorer's files share (see topology.c for
 * what it does): the generated topology, the seeded random numbers, the
 * oracle's per-pfn layout and the result a child reports.
 *
 *   topology_gen.c    a topology from its seed, as a blob or as DTS
 *   topology_check.c  the oracle, the page audit, the bootmem calls and
 *                     the load
 *   topology.c        one run through the kernel's bring-up, the driver
 */
#ifndef _TESTS_EXPLORE_TOPOLOGY_H
#define _TESTS_EXPLORE_TOPOLOGY_H

#include <stdio.h>

#include <kernel/fdt.h>
#include <kernel/fdt_memory.h>

#include <asm/e820.h>

#include "page_alloc_fixture.h"

#define ALIGN_UP_PAGE(x) (((x) + PAGE_SIZE - 1) & ~(u64)(PAGE_SIZE - 1))
#define T_MAX_MEM 12
#define T_MAX_RSV DT_MAX_RSV
#define T_MAX_E820 24
#define QEMU_RAM_BASE 0x80000000ULL
#define QEMU_RAM_SIZE (1ULL << 30)
#define QEMU_KBASE 0x80200000ULL

enum { RSV_MAP, RSV_NOMAP, RSV_MEMRESERVE };

struct trange {
	u64 base, size;
	int nid;
};

struct trsv {
	u64 base, size;
	int kind;
};

struct topo {
	unsigned long seed;
	bool e820;
	int nr_nodes;
	int nr_mem; /* DT: RAM ranges; E820: usable entries */
	struct trange mem[T_MAX_MEM];
	int nr_rsv;
	struct trsv rsv[T_MAX_RSV];
	int nr_e820;
	struct boot_e820_entry e820_map[T_MAX_E820];
	u64 kbase, ksize, dtb_pa;
	u64 lo, hi; /* span of everything */
};

/* ---- topology_gen.c ---- */
u64 rnd(void);
u64 below(u64 n);
bool chance(int percent);
void generate(struct topo *t, unsigned long seed, bool qemu);
/* The topology as a blob in @buf; its size, 0 if it does not fit. */
size_t build_blob(const struct topo *t, void *buf, size_t len);
/* The same memory description as DTS, to merge into QEMU's own tree. */
void write_dts(const struct topo *t, FILE *f);

/* ---- topology_check.c: the oracle, from the generated layout ---- */
extern unsigned long pfn_lo, pfn_hi; /* pfns the checks look at */

enum {
	T_FWRSV = 1,   /* a generated reservation touches it */
	T_BOOTMEM = 2, /* a bootmem allocation or reservation */
	T_FREE = 4,    /* seen on a free list */
	T_MAYBE = 8,   /* RAM, but the kernel may leave it out (no-map edge) */
};

void layout_pfns(const struct topo *t);
/* Tag every page [base, base + size) touches with @bit. */
void mark(u64 base, u64 size, u8 bit);
void bootmem_ops(const struct topo *t);
/* Record memblock's reserved and no-map regions before the handoff. */
void snapshot_memblock(void);
void audit(const struct topo *t, unsigned long handed);
u64 handoff_hash(unsigned long *pages);
void load(const struct topo *t);

/* ---- the result of one topology ---- */
enum { C_ACCOUNT, C_NODEZONE, C_RESERVED, C_HANDOFF, C_LOAD, C_SETUP, NR_C };

struct result {
	u32 failed;	     /* bit per check */
	const char *phase;   /* a literal: valid in the parent too */
	unsigned long pages; /* present pages free or bootmem-allocated */
	u64 hash;
	char why[NR_C][160];
	char note[160]; /* what the kernel said that explains a failure */
};

/* Shared with the parent (MAP_SHARED): what a child found before it
 * crashed is not lost. */
extern struct result *resp;
#define res (*resp)

#define FAIL(c, ...)                                                           \
	do {                                                                   \
		if (!(res.failed & (1u << (c))))                               \
			snprintf(res.why[c], sizeof(res.why[c]), __VA_ARGS__); \
		res.failed |= 1u << (c);                                       \
	} while (0)

#endif /* _TESTS_EXPLORE_TOPOLOGY_H */
