// SPDX-License-Identifier: MIT
/*
 * The memblock model test's reference (test_memblock_model.c says what it
 * checks): one byte per unit of memory and of reservations, the random
 * numbers, failure reporting, the comparisons with memblock's arrays and
 * where an allocation must land.
 */
#include <stdarg.h>
#include <stdio.h>

#include <mm/memblock.h>

#include "../../mm/memblock_internal.h"
#include "memblock_model.h"
#include "tap.h"

/* ---- reference: one byte per unit ---- */
unsigned char ref_mem[NPAGES];
unsigned char ref_res[NPAGES];
unsigned long ref_mem_pages, ref_res_pages;

void ref_set_res(unsigned long lo, unsigned long hi, bool on)
{
	for (unsigned long p = lo; p < hi; p++) {
		if (ref_res[p] != on)
			ref_res_pages += on ? 1 : -1UL;
		ref_res[p] = on;
	}
}

/* ---- random numbers: xorshift64*, reproducible from the seed ---- */
u64 rng_state;

u64 rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

unsigned long rnd_below(unsigned long n)
{
	return (unsigned long)(rnd() % n);
}

/* Mostly small ranges, sometimes large ones. */
unsigned long rnd_pages(void)
{
	/* percentile below which a range has up to @pages pages */
	static const struct {
		unsigned long below, pages;
	} bands[] = {{70, 16}, {95, 1024}, {100, 16384}};
	unsigned long r = rnd_below(100);
	unsigned int i = 0;

	while (r >= bands[i].below)
		i++;
	return 1 + rnd_below(bands[i].pages);
}

/* ---- failure reporting ---- */
unsigned long op_no;
const char *op_name;
int failures;

void fail(const char *fmt, ...)
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
void check_invariants(struct memblock_type *t, unsigned long pages)
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
void compare_range(unsigned long lo, unsigned long hi)
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
struct arrays arrays_now(void)
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
bool fold_array_moves(struct arrays before)
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
bool hits_arrays(unsigned long lo, unsigned long hi)
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
unsigned long predict(unsigned long n, unsigned long step, unsigned long lo,
		      unsigned long hi, int nid, bool mirror, bool bottom_up)
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
