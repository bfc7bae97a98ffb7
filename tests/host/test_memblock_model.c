// SPDX-License-Identifier: MIT
/*
 * Randomized model test for memblock.
 *
 * Runs MODEL_OPS (default 1,000,000) random operations - add, remove,
 * reserve, free, allocations of every flavour, set_node, flag changes,
 * queries - on a 256 MiB simulated space, and mirrors each one in a
 * reference map with one byte per 2 KiB unit (sub-page, so off-by-one-unit
 * edges show), too simple to be wrong.  After every operation:
 *
 *   - both region arrays are checked for the invariants (sorted, no
 *     overlap, fully merged, no empty region, total_size == sum == the
 *     reference's unit count);
 *   - the units the operation touched (plus one either side, where merges
 *     happen) are compared region-by-region with the reference.
 *
 * Every 4096 operations, at each state reset and at the end, the whole space
 * is compared.  Allocations are checked for the exact address: top-down
 * means the highest fitting aligned block, bottom-up the lowest, within one
 * region (merged runs of equal node and flags), never nomap, never
 * reserved, never in page 0.  Alignments run from 64 bytes to 1 MiB.
 *
 * The arrays start at 16 entries (-DCONFIG_INIT_MEMBLOCK_REGIONS=16) so that
 * memblock_double_array() runs often; its own reservations are folded into
 * the reference when a region array moves.  The state is discarded and
 * rebuilt every 50,000 operations, which exercises memblock_discard().
 *
 * Prints the seed; rerun a failure with SEED=<n> (and MODEL_OPS=<n>).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>
#include <mm/memblock.h>

#include "host.h"
#include "memblock_env.h"
#include "tap.h"

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
static unsigned char ref_mem[NPAGES];
static unsigned char ref_res[NPAGES];
static unsigned long ref_mem_pages, ref_res_pages;

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

static void ref_set_res(unsigned long lo, unsigned long hi, bool on)
{
	for (unsigned long p = lo; p < hi; p++) {
		if (ref_res[p] != on)
			ref_res_pages += on ? 1 : -1UL;
		ref_res[p] = on;
	}
}

/* ---- random numbers: xorshift64*, reproducible from the seed ---- */
static u64 rng_state;

static u64 rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static unsigned long rnd_below(unsigned long n)
{
	return (unsigned long)(rnd() % n);
}

/* Mostly small ranges, sometimes large ones. */
static unsigned long rnd_pages(void)
{
	unsigned long r = rnd_below(100);

	if (r < 70)
		return 1 + rnd_below(16);
	if (r < 95)
		return 1 + rnd_below(1024);
	return 1 + rnd_below(16384);
}

/* ---- failure reporting ---- */
static unsigned long op_no;
static const char *op_name;
static int failures;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	va_list ap;
	char buf[256];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (failures++ < 10)
		tap_diag("op %lu (%s): %s", op_no, op_name, buf);
}

/* ---- checks ---- */
static void check_invariants(struct memblock_type *t, unsigned long pages)
{
	phys_addr_t total = 0;

	if (t->cnt > t->max)
		fail("%s: cnt %lu > max %lu", t->name, t->cnt, t->max);
	for (unsigned long i = 0; i < t->cnt; i++) {
		struct memblock_region *r = &t->regions[i];

		if (!r->size)
			fail("%s[%lu]: empty region", t->name, i);
		total += r->size;
		if (i == 0)
			continue;
		struct memblock_region *q = r - 1;
		if (q->base + q->size > r->base)
			fail("%s[%lu]: overlaps or unsorted", t->name, i);
		else if (q->base + q->size == r->base && q->nid == r->nid &&
			 q->flags == r->flags)
			fail("%s[%lu]: not merged with its neighbour", t->name,
			     i);
	}
	if (total != t->total_size)
		fail("%s: total_size %#llx != sum %#llx", t->name,
		     (unsigned long long)t->total_size,
		     (unsigned long long)total);
	if (total != U2A(pages))
		fail("%s: total %#llx != reference %#llx", t->name,
		     (unsigned long long)total, (unsigned long long)U2A(pages));
	if (t->cnt &&
	    t->regions[t->cnt - 1].base + t->regions[t->cnt - 1].size > SPACE)
		fail("%s: region beyond the model space", t->name);
}

/* First region index whose end is above @addr. */
static unsigned long first_region_above(struct memblock_type *t,
					phys_addr_t addr)
{
	unsigned long lo = 0, hi = t->cnt;

	while (lo < hi) {
		unsigned long mid = (lo + hi) / 2;

		if (t->regions[mid].base + t->regions[mid].size <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Compare units [lo, hi) of both types with the reference. */
static void compare_range(unsigned long lo, unsigned long hi)
{
	struct memblock_type *types[2] = {&memblock.memory, &memblock.reserved};

	for (int k = 0; k < 2; k++) {
		struct memblock_type *t = types[k];
		unsigned long i = first_region_above(t, U2A(lo));

		for (unsigned long p = lo; p < hi; p++) {
			phys_addr_t a = U2A(p);
			struct memblock_region *r;

			while (i < t->cnt &&
			       t->regions[i].base + t->regions[i].size <= a)
				i++;
			r = i < t->cnt && t->regions[i].base <= a
				    ? &t->regions[i]
				    : NULL;
			if (r && (r->base % UNIT || r->size % UNIT)) {
				fail("%s: region not unit granular", t->name);
				return;
			}
			if (k == 0) {
				unsigned char want = ref_mem[p];
				unsigned char got =
					r ? mkmem(r->nid, r->flags) : 0;

				if (want != got) {
					fail("memory unit %#lx: got %#x want %#x",
					     p, got, want);
					return;
				}
			} else if (!!r != ref_res[p]) {
				fail("reserved unit %#lx: got %d want %d", p,
				     !!r, ref_res[p]);
				return;
			}
		}
	}
}

/* ---- region arrays moving (memblock_double_array) ---- */
struct arrays {
	struct memblock_region *mem, *res;
	unsigned long mem_max, res_max;
};

static struct arrays arrays_now(void)
{
	return (struct arrays){memblock.memory.regions,
			       memblock.reserved.regions, memblock.memory.max,
			       memblock.reserved.max};
}

static void array_pages(struct memblock_region *a, unsigned long max,
			unsigned long *lo, unsigned long *hi)
{
	/* arrays are allocated in whole pages */
	*lo = (unsigned long)(__pa(a) / UNIT);
	*hi = *lo +
	      ALIGN(max * sizeof(struct memblock_region), PAGE_SIZE) / UNIT;
}

/* Fold array moves into the reference: old freed, new reserved. */
static bool fold_array_moves(struct arrays before)
{
	struct arrays now = arrays_now();
	unsigned long lo, hi;
	bool moved = false;

	if (now.mem != before.mem) {
		if (!memblock_array_is_static(before.mem)) {
			array_pages(before.mem, before.mem_max, &lo, &hi);
			ref_set_res(lo, hi, false);
		}
		moved = true;
	}
	if (now.res != before.res) {
		if (!memblock_array_is_static(before.res)) {
			array_pages(before.res, before.res_max, &lo, &hi);
			ref_set_res(lo, hi, false);
		}
		moved = true;
	}
	/* reserve the current ones last: an old one may share no page */
	if (now.mem != before.mem) {
		array_pages(now.mem, now.mem_max, &lo, &hi);
		ref_set_res(lo, hi, true);
	}
	if (now.res != before.res) {
		array_pages(now.res, now.res_max, &lo, &hi);
		ref_set_res(lo, hi, true);
	}
	return moved;
}

/* Would freeing [lo, hi) release a live region array? */
static bool hits_arrays(unsigned long lo, unsigned long hi)
{
	struct arrays now = arrays_now();
	unsigned long alo, ahi;

	if (!memblock_array_is_static(now.mem)) {
		array_pages(now.mem, now.mem_max, &alo, &ahi);
		if (lo < ahi && alo < hi)
			return true;
	}
	if (!memblock_array_is_static(now.res)) {
		array_pages(now.res, now.res_max, &alo, &ahi);
		if (lo < ahi && alo < hi)
			return true;
	}
	return false;
}

/* ---- allocation prediction ---- */
static inline __attribute__((always_inline)) bool
page_usable(unsigned long p, int nid, bool mirror)
{
	unsigned char m = ref_mem[p];

	if (!(m & P_PRESENT) || ref_res[p])
		return false;
	if (ref_flags(p) & MEMBLOCK_NOMAP)
		return false;
	if (mirror && !(ref_flags(p) & MEMBLOCK_MIRROR))
		return false;
	return nid == NUMA_NO_NODE || ref_nid(p) == nid;
}

/*
 * Where memblock must put @n units aligned to @step units in [lo, hi):
 * inside one run of usable units with the same node and flags (one memory
 * region), highest (top-down) or lowest (bottom-up).  Returns a pfn, or 0.
 */
static unsigned long predict(unsigned long n, unsigned long step,
			     unsigned long lo, unsigned long hi, int nid,
			     bool mirror, bool bottom_up)
{
	unsigned long run = 0;

	lo = max(lo, PAGE_SIZE / UNIT); /* page 0 is never handed out */
	hi = min(hi, NPAGES);
	if (lo >= hi)
		return 0;
	if (!bottom_up) {
		/* run = usable same-key units from p upwards */
		for (unsigned long p = hi; p-- > lo;) {
			if (!page_usable(p, nid, mirror))
				run = 0;
			else if (p + 1 < hi && run &&
				 ref_mem[p] == ref_mem[p + 1])
				run++;
			else
				run = 1;
			if (run >= n && p % step == 0)
				return p;
		}
		return 0;
	}
	/* run = usable same-key units from p downwards */
	for (unsigned long p = lo; p < hi; p++) {
		if (!page_usable(p, nid, mirror))
			run = 0;
		else if (p > lo && run && ref_mem[p] == ref_mem[p - 1])
			run++;
		else
			run = 1;
		if (run >= n && (p + 1 - n) % step == 0)
			return p + 1 - n;
	}
	return 0;
}

/* ---- the operations ---- */
static unsigned long cur_lo, cur_hi; /* pages the op touched */

/*
 * An operation's effect on the reference is applied after any array move
 * it caused has been folded in: memblock frees the old array before it
 * inserts the caller's range, so the caller's range wins.
 */
enum { E_NONE, E_ADD, E_REMOVE, E_RES, E_NODE, E_FLAG };
static struct {
	int kind, nid, flag;
	unsigned long lo, hi;
	bool set;
} pending;

static void defer(int kind, unsigned long lo, unsigned long hi, int nid,
		  int flag, bool set)
{
	pending.kind = kind;
	pending.lo = lo;
	pending.hi = hi;
	pending.nid = nid;
	pending.flag = flag;
	pending.set = set;
	cur_lo = lo;
	cur_hi = hi;
}

static void apply_pending(void)
{
	unsigned long p;

	switch (pending.kind) {
	case E_ADD:
		for (p = pending.lo; p < pending.hi; p++)
			if (!(ref_mem[p] & P_PRESENT)) {
				ref_mem[p] = mkmem(pending.nid, 0);
				ref_mem_pages++;
			}
		break;
	case E_REMOVE:
		for (p = pending.lo; p < pending.hi; p++)
			if (ref_mem[p] & P_PRESENT) {
				ref_mem[p] = 0;
				ref_mem_pages--;
			}
		break;
	case E_RES:
		ref_set_res(pending.lo, pending.hi, pending.set);
		break;
	case E_NODE:
		for (p = pending.lo; p < pending.hi; p++)
			if (ref_mem[p] & P_PRESENT)
				ref_mem[p] = mkmem(pending.nid, ref_flags(p));
		break;
	case E_FLAG:
		for (p = pending.lo; p < pending.hi; p++) {
			if (!(ref_mem[p] & P_PRESENT))
				continue;
			int f = ref_flags(p);

			f = pending.set ? f | pending.flag : f & ~pending.flag;
			ref_mem[p] = mkmem(ref_nid(p), f);
		}
		break;
	}
	pending.kind = E_NONE;
}
static unsigned long nr_enomem;

/*
 * -ENOMEM is legitimate when a full array cannot grow (no free memory for
 * the new one); the contract is then that nothing changed, which the full
 * comparison after the op verifies.  Anything else non-zero is a bug.
 */
static bool failed(int r)
{
	if (r == -ENOMEM) {
		nr_enomem++;
		cur_lo = 0;
		cur_hi = NPAGES;
		return true;
	}
	if (r)
		fail("returned %d", r);
	return r != 0;
}

static void pick_range(unsigned long *lo, unsigned long *hi)
{
	unsigned long n = rnd_pages();

	*lo = rnd_below(NPAGES);
	*hi = min(*lo + n, NPAGES);
}

static void op_add(void)
{
	unsigned long lo, hi;
	int nid = (int)rnd_below(NR_NODES);

	pick_range(&lo, &hi);
	op_name = "add_node";
	if (failed(memblock_add_node(U2A(lo), U2A(hi - lo), nid,
				     MEMBLOCK_NONE)))
		return;
	defer(E_ADD, lo, hi, nid, 0, false);
}

static void op_remove(void)
{
	unsigned long lo, hi;

	pick_range(&lo, &hi);
	op_name = "remove";
	if (failed(memblock_remove(U2A(lo), U2A(hi - lo))))
		return;
	defer(E_REMOVE, lo, hi, 0, 0, false);
}

static void op_reserve(void)
{
	unsigned long lo, hi;

	pick_range(&lo, &hi);
	op_name = "reserve";
	if (failed(memblock_reserve(U2A(lo), U2A(hi - lo))))
		return;
	defer(E_RES, lo, hi, 0, 0, true);
}

static void op_free(void)
{
	unsigned long lo, hi;
	int r;

	pick_range(&lo, &hi);
	if (hits_arrays(lo, hi))
		return; /* would free memblock's own array */
	op_name = rnd_below(2) ? "free" : "phys_free";
	r = op_name[0] == 'f' ? memblock_free(U2A(lo), U2A(hi - lo))
			      : memblock_phys_free(U2A(lo), U2A(hi - lo));
	if (failed(r))
		return;
	defer(E_RES, lo, hi, 0, 0, false);
}

static void op_set_node(void)
{
	unsigned long lo, hi;
	int nid = (int)rnd_below(NR_NODES);

	pick_range(&lo, &hi);
	op_name = "set_node";
	if (failed(memblock_set_node(U2A(lo), U2A(hi - lo), &memblock.memory,
				     nid)))
		return;
	defer(E_NODE, lo, hi, nid, 0, false);
}

static void op_flags(void)
{
	static const struct {
		int (*fn)(phys_addr_t, phys_addr_t);
		const char *name;
		int flag;
		bool set;
	} ops[] = {
		{memblock_mark_hotplug, "mark_hotplug", MEMBLOCK_HOTPLUG, 1},
		{memblock_clear_hotplug, "clear_hotplug", MEMBLOCK_HOTPLUG, 0},
		{memblock_mark_mirror, "mark_mirror", MEMBLOCK_MIRROR, 1},
		{memblock_clear_mirror, "clear_mirror", MEMBLOCK_MIRROR, 0},
		{memblock_mark_nomap, "mark_nomap", MEMBLOCK_NOMAP, 1},
		{memblock_clear_nomap, "clear_nomap", MEMBLOCK_NOMAP, 0},
	};
	unsigned long lo, hi, k = rnd_below(ARRAY_SIZE(ops));

	pick_range(&lo, &hi);
	op_name = ops[k].name;
	if (failed(ops[k].fn(U2A(lo), U2A(hi - lo))))
		return;
	defer(E_FLAG, lo, hi, 0, ops[k].flag, ops[k].set);
}

static void expect_alloc(phys_addr_t got, unsigned long want, unsigned long n)
{
	if (got != U2A(want)) {
		fail("allocated %#llx, model says %#llx (%lu units)",
		     (unsigned long long)got, (unsigned long long)U2A(want), n);
		return;
	}
	if (want)
		defer(E_RES, want, want + n, 0, 0, true);
}

static void op_alloc(void)
{
	unsigned long n = rnd_below(4) ? 1 + rnd_below(8) : rnd_pages();
	/* 64 bytes .. 1 MiB; below one unit any unit boundary is aligned */
	unsigned long align = 64UL << rnd_below(15);
	unsigned long step = max(align / UNIT, 1UL);
	bool bu = memblock_bottom_up();
	unsigned long k = rnd_below(10);
	unsigned long want;
	phys_addr_t got;

	if (k < 5) {
		unsigned long lo = rnd_below(NPAGES);
		unsigned long hi =
			rnd_below(4) ? lo + rnd_below(NPAGES - lo) + 1 : NPAGES;
		phys_addr_t end = hi == NPAGES && rnd_below(2)
					  ? MEMBLOCK_ALLOC_ANYWHERE
					  : U2A(hi);

		op_name = "phys_alloc_range";
		want = predict(n, step, lo, hi, NUMA_NO_NODE, false, bu);
		got = memblock_phys_alloc_range(U2A(n), align, U2A(lo), end);
	} else if (k < 8) {
		int nid = (int)rnd_below(NR_NODES);

		op_name = "phys_alloc_try_nid";
		want = predict(n, step, 0, NPAGES, nid, false, bu);
		if (!want)
			want = predict(n, step, 0, NPAGES, NUMA_NO_NODE, false,
				       bu);
		got = memblock_phys_alloc_try_nid(U2A(n), align, nid);
	} else if (k < 9) {
		int nid = (int)rnd_below(NR_NODES);
		void *v;

		op_name = "alloc_exact_nid_raw";
		want = predict(n, step, 0, NPAGES, nid, false, bu);
		v = memblock_alloc_exact_nid_raw(
			U2A(n), align, 0, MEMBLOCK_ALLOC_ACCESSIBLE, nid);
		got = v ? __pa(v) : 0;
	} else {
		unsigned char *v;

		n = 1 + rnd_below(2);
		op_name = "memblock_alloc";
		want = predict(n, step, 0, NPAGES, NUMA_NO_NODE, false, bu);
		v = memblock_alloc(U2A(n), align);
		got = v ? __pa(v) : 0;
		if (v && (v[0] || v[U2A(n) - 1]))
			fail("memblock_alloc did not zero");
		if (v) /* dirty it for the next user */
			memset(v, 0x5a, U2A(n));
	}
	expect_alloc(got, want, n);
}

static void op_query(void)
{
	unsigned long p = rnd_below(NPAGES);
	phys_addr_t a = U2A(p) + rnd_below(UNIT);
	bool present = ref_mem[p] & P_PRESENT;

	op_name = "query";
	if (memblock_is_memory(a) != present)
		fail("is_memory(%#llx)", (unsigned long long)a);
	if (memblock_is_reserved(a) != ref_res[p])
		fail("is_reserved(%#llx)", (unsigned long long)a);
	if (memblock_is_map_memory(a) !=
	    (present && !(ref_flags(p) & MEMBLOCK_NOMAP)))
		fail("is_map_memory(%#llx)", (unsigned long long)a);

	/* is_region_memory: whole range within one region */
	unsigned long n = 1 + rnd_below(8), q;
	bool one = present;
	for (q = p + 1; one && q < p + n; q++)
		one = q < NPAGES && ref_mem[q] == ref_mem[p];
	if (memblock_is_region_memory(U2A(p), U2A(n)) != one)
		fail("is_region_memory(%#lx, %lu)", p, n);
	bool anyres = false;
	for (q = p; q < p + n && q < NPAGES; q++)
		anyres |= ref_res[q];
	if (memblock_is_region_reserved(U2A(p), U2A(n)) != anyres)
		fail("is_region_reserved(%#lx, %lu)", p, n);
}

/* Start again from nothing: exercises memblock_discard(). */
static void reset_state(void)
{
	memblock_discard();
	memset(ref_mem, 0, sizeof(ref_mem));
	memset(ref_res, 0, sizeof(ref_res));
	ref_mem_pages = ref_res_pages = 0;
	/* begin with some memory so allocations have something to do */
	for (int i = 0; i < 8; i++) {
		unsigned long lo = rnd_below(NPAGES), hi;

		hi = min(lo + 1 + rnd_below(8192), NPAGES);
		memblock_add_node(U2A(lo), U2A(hi - lo), i % NR_NODES,
				  MEMBLOCK_NONE);
		for (unsigned long p = lo; p < hi; p++)
			if (!(ref_mem[p] & P_PRESENT)) {
				ref_mem[p] = mkmem(i % NR_NODES, 0);
				ref_mem_pages++;
			}
	}
	memblock_allow_resize();
}

int main(void)
{
	const char *s = getenv("MODEL_OPS");
	unsigned long nops = s ? strtoul(s, NULL, 0) : 1000000;
	unsigned long max_cnt = 0, doublings = 0, resets = 0, allocs = 0;
	unsigned long counts[10] = {0};

	rng_state = host_seed() * 2654435761ULL + 1;
	host_sim_mem(0, SPACE);

	reset_state();
	for (op_no = 1; op_no <= nops && failures == 0; op_no++) {
		struct arrays before = arrays_now();
		unsigned long r = rnd_below(100), k;

		cur_lo = cur_hi = 0;
		if (r == 0)
			memblock_set_bottom_up(!memblock_bottom_up());
		k = r < 16   ? 0
		    : r < 26 ? 1
		    : r < 42 ? 2
		    : r < 55 ? 3
		    : r < 75 ? 4
		    : r < 82 ? 5
		    : r < 90 ? 6
			     : 7;
		counts[k]++;
		switch (k) {
		case 0:
			op_add();
			break;
		case 1:
			op_remove();
			break;
		case 2:
			op_reserve();
			break;
		case 3:
			op_free();
			break;
		case 4:
			op_alloc();
			allocs++;
			break;
		case 5:
			op_set_node();
			break;
		case 6:
			op_flags();
			break;
		default:
			op_query();
			break;
		}
		bool moved = fold_array_moves(before);

		apply_pending();

		doublings += moved;
		check_invariants(&memblock.memory, ref_mem_pages);
		check_invariants(&memblock.reserved, ref_res_pages);
		if (moved || op_no % FULL_EVERY == 0)
			compare_range(0, NPAGES);
		else if (cur_hi)
			compare_range(cur_lo ? cur_lo - 1 : 0,
				      min(cur_hi + 1, NPAGES));
		max_cnt = max(max_cnt, memblock.memory.cnt);
		max_cnt = max(max_cnt, memblock.reserved.cnt);

		if (op_no % RESET_EVERY == 0 && op_no < nops) {
			compare_range(0, NPAGES);
			reset_state();
			resets++;
		}
	}
	compare_range(0, NPAGES);

	tap_diag("%lu ops (%lu allocations), %lu array moves, %lu resets, "
		 "max %lu regions, %lu -ENOMEM, %d WARNs",
		 op_no - 1, allocs, doublings, resets, max_cnt, nr_enomem,
		 host_warn_count);
	ok(failures == 0, "model: %lu random operations match the reference",
	   op_no - 1);
	ok(op_no - 1 == nops, "model: all %lu operations ran", nops);
	ok(doublings > 0, "model: region arrays were doubled (%lu times)",
	   doublings);
	ok(counts[4] > 0 && counts[0] > 0 && counts[3] > 0,
	   "model: every kind of operation ran");
	return tap_done();
}
