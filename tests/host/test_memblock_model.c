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
#include "memblock_model.h"
#include "tap.h"

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

/* A range op on memblock, then the same edit @kind on the model. */
static void op_range(const char *name,
		     int (*fn)(phys_addr_t base, phys_addr_t size), int kind,
		     bool set)
{
	unsigned long lo, hi;

	pick_range(&lo, &hi);
	op_name = name;
	if (failed(fn(U2A(lo), U2A(hi - lo))))
		return;
	defer(kind, lo, hi, 0, 0, set);
}

static void op_remove(void)
{
	op_range("remove", memblock_remove, E_REMOVE, false);
}

static void op_reserve(void)
{
	op_range("reserve", memblock_reserve, E_RES, true);
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

/* The operations, each with its share of 100 random draws. */
static const struct {
	void (*run)(void);
	unsigned int share;
} model_ops[] = {
	{op_add, 16},	{op_remove, 10},  {op_reserve, 16}, {op_free, 13},
	{op_alloc, 20}, {op_set_node, 7}, {op_flags, 8},    {op_query, 10},
};
enum { OP_ADD, OP_REMOVE, OP_RESERVE, OP_FREE, OP_ALLOC };

struct model_stats {
	unsigned long max_cnt, doublings, resets;
	unsigned long counts[ARRAY_SIZE(model_ops)];
};

/* One random operation, then the checks of what it touched. */
static void model_step(struct model_stats *st)
{
	struct arrays before = arrays_now();
	unsigned long r = rnd_below(100), k = 0;
	bool moved;

	cur_lo = cur_hi = 0;
	if (r == 0)
		memblock_set_bottom_up(!memblock_bottom_up());
	while (r >= model_ops[k].share)
		r -= model_ops[k++].share;
	st->counts[k]++;
	model_ops[k].run();
	moved = fold_array_moves(before);
	apply_pending();

	st->doublings += moved;
	check_invariants(&memblock.memory, ref_mem_pages);
	check_invariants(&memblock.reserved, ref_res_pages);
	if (moved || op_no % FULL_EVERY == 0)
		compare_range(0, NPAGES);
	else if (cur_hi)
		compare_range(cur_lo ? cur_lo - 1 : 0, min(cur_hi + 1, NPAGES));
	st->max_cnt = max(st->max_cnt, memblock.memory.cnt);
	st->max_cnt = max(st->max_cnt, memblock.reserved.cnt);
}

int main(void)
{
	const char *s = getenv("MODEL_OPS");
	unsigned long nops = s ? strtoul(s, NULL, 0) : 1000000;
	struct model_stats st = {0};

	rng_state = host_seed() * 2654435761ULL + 1;
	host_sim_mem(0, SPACE);

	reset_state();
	for (op_no = 1; op_no <= nops && failures == 0; op_no++) {
		model_step(&st);
		if (op_no % RESET_EVERY == 0 && op_no < nops) {
			compare_range(0, NPAGES);
			reset_state();
			st.resets++;
		}
	}
	compare_range(0, NPAGES);

	tap_diag("%lu ops (%lu allocations), %lu array moves, %lu resets, "
		 "max %lu regions, %lu -ENOMEM, %d WARNs",
		 op_no - 1, st.counts[OP_ALLOC], st.doublings, st.resets,
		 st.max_cnt, nr_enomem, host_warn_count);
	ok(failures == 0, "model: %lu random operations match the reference",
	   op_no - 1);
	ok(op_no - 1 == nops, "model: all %lu operations ran", nops);
	ok(st.doublings > 0, "model: region arrays were doubled (%lu times)",
	   st.doublings);
	ok(st.counts[OP_ALLOC] > 0 && st.counts[OP_ADD] > 0 &&
		   st.counts[OP_FREE] > 0,
	   "model: every kind of operation ran");
	return tap_done();
}
