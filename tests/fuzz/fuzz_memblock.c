// SPDX-License-Identifier: MIT
/*
 * Fuzz target: memblock driven by operation sequences, checked against a
 * page-granular reference model (mm/memblock*.c).
 *
 * Each 6 input bytes are one operation on a 4 MiB space (1024 pages):
 * add (with node and flags), remove, reserve, free, mark/clear nomap,
 * hotplug and mirror, set_node, allocation in a window (top-down or
 * bottom-up, with current_limit), mem= style limits, and queries.  The
 * model keeps one byte per page for memory (present, flags, node) and one
 * for reserved; it is simple enough to be right by inspection.  After
 * every operation the region arrays must be well formed and describe
 * exactly the model, every allocation must return the very address the
 * model predicts (highest fitting aligned block top-down, lowest
 * bottom-up, within one region, never nomap, reserved or page 0), and
 * every query must agree with the model.
 *
 * At most 56 operations run per input, so the static region arrays
 * (128 entries) never fill up and no array has to grow.
 */
#include <string.h>

#include <kernel/errno.h>
#include <mm/memblock.h>

#include "fuzz_common.h"
#include "host.h"

#define NPAGES 1024UL
#define MAX_OPS 56
#define PG(p) ((phys_addr_t)(p)*PAGE_SIZE)

/* ---- the model ---- */
#define M_PRESENT 0x01
#define M_FLAGSHIFT 1 /* MEMBLOCK_HOTPLUG | MIRROR | NOMAP: 3 bits */
#define M_NIDSHIFT 4
static u8 mem[NPAGES], res[NPAGES];

static u8 mkmem(int nid, int flags)
{
	return (u8)(M_PRESENT | flags << M_FLAGSHIFT | nid << M_NIDSHIFT);
}

static int m_flags(unsigned long p)
{
	return (mem[p] >> M_FLAGSHIFT) & 7;
}

static void m_add(unsigned long lo, unsigned long hi, int nid, int flags)
{
	for (unsigned long p = lo; p < hi; p++)
		if (!mem[p])
			mem[p] = mkmem(nid, flags);
}

static void m_setclr(unsigned long lo, unsigned long hi, int flag, bool set)
{
	for (unsigned long p = lo; p < hi; p++)
		if (mem[p])
			mem[p] = (u8)(set ? mem[p] | flag << M_FLAGSHIFT
					  : mem[p] & ~(flag << M_FLAGSHIFT));
}

static void m_set_node(unsigned long lo, unsigned long hi, int nid)
{
	for (unsigned long p = lo; p < hi; p++)
		if (mem[p])
			mem[p] = mkmem(nid, m_flags(p));
}

static bool usable(unsigned long p)
{
	return mem[p] && !res[p] && !(m_flags(p) & MEMBLOCK_NOMAP);
}

/*
 * Where memblock must place @n pages aligned to @align bytes in the
 * window [@start, @end): walk the free runs (equal memory byte, usable)
 * from the top or the bottom, exactly as the search is specified.
 */
static phys_addr_t m_find(unsigned long n, phys_addr_t align, phys_addr_t start,
			  phys_addr_t end, bool bottom_up)
{
	phys_addr_t size = PG(n);

	start = max_t(phys_addr_t, start, PAGE_SIZE);
	end = max(start, end);
	for (unsigned long i = 0; i < NPAGES; i++) {
		unsigned long p = bottom_up ? i : NPAGES - 1 - i, lo, hi;
		phys_addr_t rs, re, cand;

		if (!usable(p))
			continue;
		/* the run containing p; skip ahead past it */
		for (lo = p; lo > 0 && usable(lo - 1) && mem[lo - 1] == mem[p];)
			lo--;
		for (hi = p + 1;
		     hi < NPAGES && usable(hi) && mem[hi] == mem[p];)
			hi++;
		i += hi - lo - 1;
		rs = clamp(PG(lo), start, end);
		re = clamp(PG(hi), start, end);
		/* the lowest (highest) aligned start of @size in [rs, re) */
		if (bottom_up)
			cand = ALIGN(rs, align);
		else
			cand = re >= size ? ALIGN_DOWN(re - size, align) : 0;
		if (cand >= rs && cand < re && re - cand >= size)
			return cand;
	}
	return 0;
}

/* ---- comparing ---- */
static void compare(const char *op)
{
	static u8 got_mem[NPAGES], got_res[NPAGES];
	struct memblock_region *r;
	unsigned long p;

	fuzz_memblock_check();
	memset(got_mem, 0, sizeof(got_mem));
	memset(got_res, 0, sizeof(got_res));
	for_each_mem_region(r) {
		FUZZ_ASSERT(r->base % PAGE_SIZE == 0 &&
				    r->size % PAGE_SIZE == 0,
			    "%s: memory region not page granular", op);
		FUZZ_ASSERT(r->base + r->size <= PG(NPAGES),
			    "%s: memory beyond the space", op);
		for (p = r->base / PAGE_SIZE;
		     p < (r->base + r->size) / PAGE_SIZE; p++)
			got_mem[p] = mkmem(r->nid, r->flags);
	}
	for_each_memblock(reserved, r)
	{
		FUZZ_ASSERT(r->base + r->size <= PG(NPAGES),
			    "%s: reservation beyond the space", op);
		for (p = r->base / PAGE_SIZE;
		     p < (r->base + r->size) / PAGE_SIZE; p++)
			got_res[p] = 1;
	}
	for (p = 0; p < NPAGES; p++) {
		FUZZ_ASSERT(got_mem[p] == mem[p],
			    "%s: memory page %#lx is %#x, model %#x", op, p,
			    got_mem[p], mem[p]);
		FUZZ_ASSERT(got_res[p] == res[p],
			    "%s: reserved page %#lx is %d, model %d", op, p,
			    got_res[p], res[p]);
	}
}

static void queries(unsigned long lo, unsigned long hi)
{
	unsigned long n_mem = 0, n_res = 0, first = NPAGES, last = 0, p;
	bool region_mem = mem[lo] != 0, any_res = false;

	for (p = 0; p < NPAGES; p++) {
		if (mem[p]) {
			n_mem++;
			first = min(first, p);
			last = p + 1;
		}
		n_res += res[p];
	}
	for (p = lo; p < hi; p++) {
		region_mem &= mem[p] == mem[lo];
		any_res |= res[p];
	}
	FUZZ_ASSERT(memblock_phys_mem_size() == PG(n_mem), "phys_mem_size");
	FUZZ_ASSERT(memblock_reserved_size() == PG(n_res), "reserved_size");
	FUZZ_ASSERT(memblock_start_of_DRAM() == (n_mem ? PG(first) : 0),
		    "start_of_DRAM");
	FUZZ_ASSERT(memblock_end_of_DRAM() == (n_mem ? PG(last) : 0),
		    "end_of_DRAM");
	FUZZ_ASSERT(memblock_is_memory(PG(lo) + 1) == !!mem[lo], "is_memory");
	FUZZ_ASSERT(memblock_is_map_memory(PG(lo)) ==
			    (mem[lo] && !(m_flags(lo) & MEMBLOCK_NOMAP)),
		    "is_map_memory");
	FUZZ_ASSERT(memblock_is_reserved(PG(lo)) == !!res[lo], "is_reserved");
	FUZZ_ASSERT(memblock_is_region_memory(PG(lo), PG(hi - lo)) ==
			    region_mem,
		    "is_region_memory [%#lx, %#lx)", lo, hi);
	FUZZ_ASSERT(memblock_is_region_reserved(PG(lo), PG(hi - lo)) == any_res,
		    "is_region_reserved [%#lx, %#lx)", lo, hi);
}

static void limit(unsigned long pages)
{
	unsigned long seen = 0, p;

	memblock_enforce_memory_limit(PG(pages));
	if (!pages)
		return;
	for (p = 0; p < NPAGES && seen < pages; p++)
		seen += mem[p] != 0;
	if (seen < pages)
		return; /* less memory than the limit: nothing changes */
	for (; p < NPAGES; p++)
		mem[p] = res[p] = 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	host_sim_mem(0, PG(NPAGES));
	return 0;
}

/* One operation: 6 input bytes decoded. */
struct op {
	const uint8_t *d;
	unsigned int kind;
	unsigned long lo, n, hi;
	int nid, flags;
};

/* The flag pairs, kinds 4..9: even marks, odd clears. */
static const struct {
	int (*mark)(phys_addr_t base, phys_addr_t size);
	int (*clear)(phys_addr_t base, phys_addr_t size);
	int flag;
} flag_ops[] = {
	{memblock_mark_nomap, memblock_clear_nomap, MEMBLOCK_NOMAP},
	{memblock_mark_hotplug, memblock_clear_hotplug, MEMBLOCK_HOTPLUG},
	{memblock_mark_mirror, memblock_clear_mirror, MEMBLOCK_MIRROR},
};

static bool bottom_up;
static phys_addr_t cur_limit;

/* Kind 11: an allocation in a window, which must be the model's pick. */
static void op_alloc(const struct op *o)
{
	const uint8_t *data = o->d;
	/* window: [lo, end) with end from the flags bits */
	phys_addr_t align = PAGE_SIZE << (data[5] >> 5);
	phys_addr_t end = o->flags & 1	 ? MEMBLOCK_ALLOC_ACCESSIBLE
			  : o->flags & 2 ? MEMBLOCK_ALLOC_ANYWHERE
					 : PG(o->hi + data[4]);
	unsigned long sz = 1 + (data[3] & 0x3f);
	phys_addr_t want, got, start = data[3] & 0x40 ? PG(o->lo) : 0;

	want = m_find(sz, align, start,
		      end == MEMBLOCK_ALLOC_ACCESSIBLE ? cur_limit : end,
		      bottom_up);
	got = memblock_phys_alloc_range(PG(sz), align, start, end);
	FUZZ_ASSERT(got == want,
		    "alloc %lu pages align %#llx in [%#llx, "
		    "%#llx) %s: got %#llx, model %#llx",
		    sz, (unsigned long long)align, (unsigned long long)start,
		    (unsigned long long)end,
		    bottom_up ? "bottom-up" : "top-down",
		    (unsigned long long)got, (unsigned long long)want);
	if (got)
		memset(res + got / PAGE_SIZE, 1, sz);
}

/* Run @o on memblock and on the model; memblock's return value. */
static int run_op(const struct op *o)
{
	unsigned long lo = o->lo, n = o->n, hi = o->hi;
	int ret = 0;

	switch (o->kind) {
	case 0:
		ret = memblock_add_node(PG(lo), PG(n), o->nid, o->flags);
		m_add(lo, hi, o->nid, o->flags);
		break;
	case 1:
		ret = memblock_remove(PG(lo), PG(n));
		memset(mem + lo, 0, n);
		break;
	case 2:
		ret = memblock_reserve(PG(lo), PG(n));
		memset(res + lo, 1, n);
		break;
	case 3:
		ret = memblock_phys_free(PG(lo), PG(n));
		memset(res + lo, 0, n);
		break;
	case 4 ... 9: {
		bool set = !(o->kind & 1);
		int i = (int)(o->kind - 4) / 2;

		ret = set ? flag_ops[i].mark(PG(lo), PG(n))
			  : flag_ops[i].clear(PG(lo), PG(n));
		m_setclr(lo, hi, flag_ops[i].flag, set);
		break;
	}
	case 10:
		ret = memblock_set_node(PG(lo), PG(n), &memblock.memory,
					o->nid);
		m_set_node(lo, hi, o->nid);
		break;
	case 11:
		op_alloc(o);
		break;
	case 12:
		bottom_up = o->d[5] & 1;
		memblock_set_bottom_up(bottom_up);
		break;
	case 13:
		cur_limit = o->d[5] & 1 ? MEMBLOCK_ALLOC_ANYWHERE : PG(lo);
		memblock_set_current_limit(cur_limit);
		break;
	case 14:
		limit(n);
		break;
	case 15:
		queries(lo, hi);
		break;
	}
	return ret;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"add",	       "remove",	"reserve",	"free",
		"mark_nomap",  "clear_nomap",	"mark_hotplug", "clear_hotplug",
		"mark_mirror", "clear_mirror",	"set_node",	"alloc",
		"bottom_up",   "current_limit", "limit",	"queries"};

	bottom_up = false;
	cur_limit = MEMBLOCK_ALLOC_ANYWHERE;
	fuzz_memblock_reset();
	memset(mem, 0, sizeof(mem));
	memset(res, 0, sizeof(res));

	for (int i = 0; size >= 6 && i < MAX_OPS; i++, data += 6, size -= 6) {
		struct op o = {.d = data, .kind = data[0] % 16};
		const char *name = names[o.kind];
		int ret;

		o.lo = ((unsigned long)data[1] << 8 | data[2]) % NPAGES;
		o.n = data[3] & 0x80
			      ? 1 + ((unsigned long)(data[3] & 0x7f) << 8 |
				     data[4]) % (NPAGES - o.lo)
			      : 1 + data[4] % 16;
		o.nid = data[5] & 3;
		o.flags = (data[5] >> 2) & 7;
		o.n = min(o.n, NPAGES - o.lo);
		o.hi = o.lo + o.n;
		ret = run_op(&o);
		FUZZ_ASSERT(ret == 0, "%s [%#lx, %#lx) returned %d", name, o.lo,
			    o.hi, ret);
		compare(name);
	}
	return 0;
}
