// SPDX-License-Identifier: MIT
/*
 * Memory-topology explorer: the checks.  The oracle is the generated
 * layout (never the kernel's own tables): which pfn is RAM of which node,
 * which a reservation or a bootmem call touched.  Then the page-by-page
 * audit after the handoff, the bootmem calls early arch code makes, and
 * a random load on the buddy allocator and the slab.
 */
#include <stdlib.h>
#include <string.h>

#include <mm/bootmem.h>
#include <mm/memblock.h>
#include <mm/slab.h>

#include "topology.h"

/* ---------------------------------------------------------------- oracle */

unsigned long pfn_lo, pfn_hi;
static u8 *expect_nid; /* per pfn: node + 1, 0 = absent */
static u8 *tag;	       /* per pfn: T_* below */
static u8 *owned;      /* bit per pfn (from 0): handed out by the load */

static int cmp_range(const void *a, const void *b)
{
	const struct trange *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

static int expect_zone(const struct topo *t, unsigned long pfn)
{
	if (t->e820 && pfn < PFN_DOWN(16ULL << 20))
		return ZONE_DMA;
	return pfn < PFN_DOWN(0x100000000ULL) ? ZONE_DMA32 : ZONE_NORMAL;
}

void mark(u64 base, u64 size, u8 bit)
{
	/* every page the range touches, clipped to the checked span */
	unsigned long s = PFN_DOWN(base), e = PFN_UP(base + size);

	for (unsigned long p = max(s, pfn_lo); p < min(e, pfn_hi); p++)
		tag[p - pfn_lo] |= bit;
}

/* True if a page the range touches carries @bit. */
static bool tagged(u64 base, u64 size, u8 bit)
{
	unsigned long s = PFN_DOWN(base), e = PFN_UP(base + size);

	for (unsigned long p = max(s, pfn_lo); p < min(e, pfn_hi); p++)
		if (tag[p - pfn_lo] & bit)
			return true;
	return false;
}

void layout_pfns(const struct topo *t)
{
	u64 lo = ~0ULL, hi = 0;

	if (t->e820) {
		/* the sanitized table is the truth for present pages: RAM
		 * entries that no higher-priority type overlaps */
		for (u32 i = 0; i < e820_table->nr_entries; i++) {
			const struct e820_entry *e = &e820_table->entries[i];

			lo = min(lo, e->addr);
			hi = max(hi, e->addr + e->size);
		}
	} else {
		for (int i = 0; i < t->nr_mem; i++) {
			lo = min(lo, t->mem[i].base);
			hi = max(hi, t->mem[i].base + t->mem[i].size);
		}
	}
	pfn_lo = PFN_DOWN(lo);
	pfn_hi = PFN_UP(hi);
	expect_nid = calloc(pfn_hi - pfn_lo, 1);
	tag = calloc(pfn_hi - pfn_lo, 1);
	owned = calloc(pfn_hi / 8 + 1, 1);
	if (t->e820) {
		for (u32 i = 0; i < e820_table->nr_entries; i++) {
			const struct e820_entry *e = &e820_table->entries[i];

			if (e->type != E820_TYPE_RAM)
				continue;
			for (unsigned long p = PFN_UP(e->addr);
			     p < PFN_DOWN(e->addr + e->size); p++)
				expect_nid[p - pfn_lo] = 1;
		}
	} else {
		/* Ranges of one node that touch merge (memblock does so), so
		 * a page they share is RAM; between two nodes it is not. */
		struct trange m[T_MAX_MEM];
		int n = t->nr_mem;

		memcpy(m, t->mem, sizeof(m[0]) * (size_t)n);
		qsort(m, (size_t)n, sizeof(m[0]), cmp_range);
		for (int i = 0; i < n; i++) {
			u64 b = m[i].base, e = b + m[i].size;

			while (i + 1 < n && m[i + 1].base == e &&
			       m[i + 1].nid == m[i].nid)
				e += m[++i].size;
			for (unsigned long p = PFN_UP(b); p < PFN_DOWN(e); p++)
				expect_nid[p - pfn_lo] = (u8)(m[i].nid + 1);
		}
	}
	mark(t->kbase, t->ksize, T_FWRSV);
	if (!t->e820)
		mark(t->dtb_pa, 1, T_FWRSV); /* sized below, from the blob */
	for (int i = 0; i < t->nr_rsv; i++) {
		const struct trsv *r = &t->rsv[i];

		mark(r->base, r->size, T_FWRSV);
		/* no-map splits a memory region where it starts and ends;
		 * a page it covers only in part is then trimmed away (it
		 * is never free either way) */
		if (r->kind == RSV_NOMAP) {
			mark(r->base, 1, T_MAYBE);
			mark(r->base + r->size - 1, 1, T_MAYBE);
		}
	}
}

/* ---------------------------------------------------------------- checks */

static bool in_span(unsigned long pfn)
{
	return pfn >= pfn_lo && pfn < pfn_hi;
}

/* One free block: tag its pages, each only once, and check them. */
static const char *tag_free(struct zone *zone, unsigned long pfn,
			    unsigned int order, int cpu, void *count)
{
	for (unsigned long q = pfn; q < pfn + (1UL << order); q++) {
		int nid = in_span(q) ? expect_nid[q - pfn_lo] - 1 : -1;

		if (nid < 0) {
			FAIL(C_ACCOUNT,
			     "free order-%u block %#lx (%s) holds pfn %#lx, which is not RAM",
			     order, pfn, cpu < 0 ? "buddy" : "pcp", q);
			return "stop";
		}
		if (tag[q - pfn_lo] & T_FREE)
			FAIL(C_ACCOUNT, "pfn %#lx on the free lists twice", q);
		tag[q - pfn_lo] |= T_FREE;
		if (nid != zone->node)
			FAIL(C_NODEZONE,
			     "free block %#lx order %u on node %d's lists holds pfn %#lx of node %d",
			     pfn, order, zone->node, q, nid);
	}
	*(unsigned long *)count += 1UL << order;
	return NULL;
}

/* Walk the free lists: tag every free page.  Returns their number. */
static unsigned long walk_free(void)
{
	unsigned long n = 0;

	for (unsigned long i = 0; i < pfn_hi - pfn_lo; i++)
		tag[i] &= (u8)~T_FREE;
	pa_for_each_free(tag_free, &n);
	return n;
}

static struct memblock_region rsv_snap[512], nomap_snap[256];
static int nr_rsv_snap, nr_nomap_snap;

void snapshot_memblock(void)
{
	struct memblock_region *r;

	nr_rsv_snap = nr_nomap_snap = 0;
	for_each_memblock(reserved, r)
	{
		if (nr_rsv_snap < 512)
			rsv_snap[nr_rsv_snap++] = *r;
	}
	for_each_mem_region(r) {
		if (memblock_is_nomap(r) && nr_nomap_snap < 256)
			nomap_snap[nr_nomap_snap++] = *r;
	}
}

static bool in_snap(const struct memblock_region *s, int n, unsigned long pfn)
{
	u64 a = PFN_PHYS(pfn), b = a + PAGE_SIZE;

	for (int i = 0; i < n; i++)
		if (s[i].base < b && a < s[i].base + s[i].size)
			return true;
	return false;
}

/*
 * A page a no-map range covers only in part (T_MAYBE) is trimmed from
 * memory, so the kernel rightly treats it as a hole, and a hole belongs
 * to the lowest node whose span holds it (include/mm/page_alloc.h), not
 * necessarily to the node whose range the page lies in.  True when
 * pfn_to_nid() gives that hole owner and its struct page is reserved.
 */
static bool trimmed_hole_ok(unsigned long pfn)
{
	int got = pfn_to_nid(pfn);

	for (int n = 0; n < MAX_NUMNODES; n++) {
		const pg_data_t *pgdat = NODE_DATA(n);

		if (!pgdat || pfn < pgdat->node_start_pfn ||
		    pfn >= pgdat_end_pfn(pgdat))
			continue;
		return got == n && page_to_pfn(pfn_to_page(pfn)) == pfn &&
		       PageReserved(pfn_to_page(pfn));
	}
	return false;
}

/* After the handoff (and deferred init): the page-by-page audit. */
void audit(const struct topo *t, unsigned long handed)
{
	unsigned long free = walk_free(), managed = 0;
	struct zone *zone;
	const char *why;

	for (unsigned long pfn = pfn_lo; pfn < pfn_hi; pfn++) {
		int nid = expect_nid[pfn - pfn_lo] - 1;
		u8 tg = tag[pfn - pfn_lo];
		struct page *pg;

		if (nid < 0)
			continue;
		if ((tg & T_MAYBE) &&
		    (pfn_to_nid(pfn) == NUMA_NO_NODE ||
		     (pfn_to_nid(pfn) != nid && trimmed_hole_ok(pfn))))
			continue;
		if (pfn_to_nid(pfn) != nid) {
			FAIL(C_NODEZONE,
			     "pfn_to_nid(%#lx) = %d, layout: node %d", pfn,
			     pfn_to_nid(pfn), nid);
			continue;
		}
		pg = pfn_to_page(pfn);
		if (page_to_pfn(pg) != pfn)
			FAIL(C_NODEZONE,
			     "page_to_pfn(pfn_to_page(%#lx)) = %#lx", pfn,
			     page_to_pfn(pg));
		if (page_to_nid(pg) != nid)
			FAIL(C_NODEZONE,
			     "pfn %#lx: struct page says node %d, layout: node %d",
			     pfn, page_to_nid(pg), nid);
		if (page_zonenum(pg) != expect_zone(t, pfn))
			FAIL(C_NODEZONE,
			     "pfn %#lx: struct page says zone %d, the arch's limits: zone %d",
			     pfn, page_zonenum(pg), expect_zone(t, pfn));
		if ((tg & T_FREE) && PageReserved(pg))
			FAIL(C_ACCOUNT, "pfn %#lx is free and PG_reserved",
			     pfn);
		if (!(tg & T_FREE) && !PageReserved(pg))
			FAIL(C_ACCOUNT,
			     "pfn %#lx is neither free nor reserved (lost)",
			     pfn);
		if ((tg & T_FREE) && (tg & (T_FWRSV | T_BOOTMEM)))
			FAIL(C_RESERVED, "pfn %#lx is free but %s", pfn,
			     tg & T_FWRSV ? "reserved by the firmware / the "
					    "kernel image / the blob"
					  : "allocated from bootmem");
		if (!(tg & T_FREE) && !(tg & (T_FWRSV | T_BOOTMEM)) &&
		    !in_snap(rsv_snap, nr_rsv_snap, pfn) &&
		    !in_snap(nomap_snap, nr_nomap_snap, pfn))
			FAIL(C_ACCOUNT,
			     "pfn %#lx is reserved, but nothing reserved it "
			     "(not handed over)",
			     pfn);
	}
	for_each_populated_zone(zone)
		managed += zone_managed_pages(zone);
	if (handed != free || managed != free)
		FAIL(C_HANDOFF,
		     "backend handed %lu pages, %lu on the free lists, %lu managed",
		     handed, free, managed);
	why = pa_check_zones();
	if (why)
		FAIL(C_ACCOUNT, "zone lists: %s", why);
}

/*
 * FNV-1a over the present pfns (RAM in the layout) that are free or
 * bootmem-allocated, and their number: what the two backends must agree
 * on.  Not the free pages alone: where a backend puts its own data (the
 * bitmap backend's maps) and whether a reservation reaching past RAM
 * succeeds (memblock takes it, the bitmap refuses it) shape which test
 * reservations succeed, not which pages end up free or given out.  A page
 * a backend wrongly keeps is in neither set; one it wrongly hands over
 * fails the audit.
 */
u64 handoff_hash(unsigned long *pages)
{
	u64 h = 0xcbf29ce484222325ULL;

	*pages = 0;
	for (unsigned long pfn = pfn_lo; pfn < pfn_hi; pfn++)
		if (expect_nid[pfn - pfn_lo] &&
		    (tag[pfn - pfn_lo] & (T_FREE | T_BOOTMEM))) {
			h ^= pfn;
			h *= 0x100000001b3ULL;
			++*pages;
		}
	return h;
}

/* ---------------------------------------------------------------- bootmem */

/*
 * What early arch code does with bootmem: reserve firmware ranges it
 * found (free memory only, as a real caller reserves memory nobody has
 * allocated; some run past the end of their range and may fail, and then
 * nothing may change), then allocate.
 */
void bootmem_ops(const struct topo *t)
{
	int n = (int)below(7);

	for (int i = 0; i < n && !t->e820; i++) {
		const struct trange *m = &t->mem[below(t->nr_mem)];
		unsigned long size = PAGE_SIZE * (1 + below(16));
		u64 base = ALIGN_UP_PAGE(m->base) +
			   below(m->size / PAGE_SIZE) * PAGE_SIZE;

		/* memblock does not see the bitmap backend's reservations:
		 * ask the record of both, so both backends skip alike */
		if (chance(50) || memblock_is_region_reserved(base, size) ||
		    tagged(base, size, T_BOOTMEM))
			continue;
		if (!reserve_bootmem(base, size, BOOTMEM_DEFAULT))
			mark(base, size, T_BOOTMEM);
	}
	n = (int)below(7);
	for (int i = 0; i < n; i++) {
		unsigned long size = PAGE_SIZE * (1 + below(16));
		int nid = (int)below(t->nr_nodes);
		void *p = chance(50)
				  ? __alloc_bootmem_node_nopanic(nid, size,
								 PAGE_SIZE, 0)
				  : __alloc_bootmem_nopanic(size, PAGE_SIZE, 0);

		if (p)
			mark(__pa(p), size, T_BOOTMEM);
	}
}

/* ---------------------------------------------------------------- load */

struct live {
	unsigned long pfn;
	unsigned int order;
};

struct obj {
	unsigned char *p;
	size_t size;
	struct kmem_cache *c;
	unsigned char fill;
};

#define NLIVE 96
#define NOBJ 192

static bool owned_any(unsigned long pfn, unsigned long nr)
{
	return pa_owned_any(owned, pfn, nr);
}

static void check_block(const struct topo *t, unsigned long pfn,
			unsigned int order, gfp_t gfp, int nid)
{
	unsigned long nr = 1UL << order;

	if (!in_span(pfn) || !in_span(pfn + nr - 1)) {
		FAIL(C_LOAD, "order-%u block %#lx outside RAM", order, pfn);
		return;
	}
	for (unsigned long i = 0; i < nr; i++) {
		unsigned long q = pfn + i;
		int want = expect_nid[q - pfn_lo] - 1;

		if (want < 0) {
			FAIL(C_LOAD, "block %#lx order %u: pfn %#lx is a hole",
			     pfn, order, q);
			return;
		}
		if (tag[q - pfn_lo] & (T_FWRSV | T_BOOTMEM))
			FAIL(C_RESERVED,
			     "alloc_pages order %u handed out reserved pfn %#lx",
			     order, q);
		if (expect_zone(t, q) > (int)gfp_zone(gfp))
			FAIL(C_LOAD, "pfn %#lx in zone %d, gfp %#x allows %d",
			     q, expect_zone(t, q), gfp, (int)gfp_zone(gfp));
		if ((gfp & __GFP_THISNODE) && want != nid)
			FAIL(C_LOAD,
			     "__GFP_THISNODE for node %d gave pfn %#lx of node %d",
			     nid, q, want);
	}
	if (owned_any(pfn, nr))
		FAIL(C_LOAD, "block %#lx order %u handed out twice", pfn,
		     order);
	pa_own_flip(owned, pfn, nr);
}

static const gfp_t load_gfps[] = {PA_MODEL_GFPS};

/* What the load holds: page blocks and slab objects. */
struct load_state {
	struct live live[NLIVE];
	struct obj objs[NOBJ];
	int nlive, nobj;
	struct kmem_cache *cache;
	unsigned int csize;
};

/* A page block of a random order, zone, node: checked and stamped. */
static void load_alloc_pages(const struct topo *t, struct load_state *st)
{
	gfp_t gfp = load_gfps[below(ARRAY_SIZE(load_gfps))] | __GFP_NOWARN;
	unsigned int order = chance(70) ? 0 : (unsigned)below(MAX_ORDER);
	int nid = chance(30) ? NUMA_NO_NODE : (int)below(t->nr_nodes);
	struct page *p = nid == NUMA_NO_NODE
				 ? alloc_pages(gfp, order)
				 : alloc_pages_node(nid, gfp, order);

	if (nid == NUMA_NO_NODE)
		nid = numa_node_id();
	unsigned long pfn;

	if (!p)
		return;
	pfn = page_to_pfn(p);
	check_block(t, pfn, order, gfp, nid);
	*(unsigned long *)page_address(p) = pfn;
	st->live[st->nlive++] = (struct live){pfn, order};
}

/* A random held block back, its stamp checked. */
static void load_free_pages(struct load_state *st)
{
	int i = (int)below(st->nlive);
	struct live l = st->live[i];
	struct page *p = pfn_to_page(l.pfn);

	if (*(unsigned long *)page_address(p) != l.pfn)
		FAIL(C_LOAD, "block %#lx overwritten", l.pfn);
	pa_own_flip(owned, l.pfn, 1UL << l.order);
	__free_pages(p, l.order);
	st->live[i] = st->live[--st->nlive];
}

/* kmalloc, kmalloc_node or the test cache (@k == 3): checked, filled. */
static void load_alloc_obj(const struct topo *t, struct load_state *st,
			   unsigned int k, int op)
{
	bool pow2 = chance(50);
	size_t size = pow2 ? 1UL << below(13) : 1 + below(3000);
	int nid = (int)below(t->nr_nodes);
	struct kmem_cache *c = k == 3 ? st->cache : NULL;
	unsigned char *o = c		? kmem_cache_alloc(c, GFP_KERNEL)
			   : chance(50) ? kmalloc(size, GFP_KERNEL)
					: kmalloc_node(size, GFP_KERNEL, nid);
	unsigned long pfn;

	if (c)
		size = st->csize;
	if (!o)
		return;
	if (!c && pow2 && ((uintptr_t)o & (size - 1)))
		FAIL(C_LOAD, "kmalloc(%zu) = %p: not aligned to %zu", size,
		     (void *)o, size);
	pfn = PHYS_PFN(__pa(o));
	if (!in_span(pfn) || !expect_nid[pfn - pfn_lo]) {
		FAIL(C_LOAD, "slab object %p is not in RAM", (void *)o);
		return;
	}
	if (tag[pfn - pfn_lo] & (T_FWRSV | T_BOOTMEM))
		FAIL(C_RESERVED, "slab object %p in reserved pfn %#lx",
		     (void *)o, pfn);
	if (owned_any(pfn, 1))
		FAIL(C_LOAD,
		     "slab object %p in pfn %#lx, a page "
		     "alloc_pages handed out",
		     (void *)o, pfn);
	if (page_to_nid(virt_to_page(o)) != expect_nid[pfn - pfn_lo] - 1)
		FAIL(C_NODEZONE, "virt_to_page(%p) says node %d, layout: %d",
		     (void *)o, page_to_nid(virt_to_page(o)),
		     expect_nid[pfn - pfn_lo] - 1);
	memset(o, op & 0xff, size);
	st->objs[st->nobj++] = (struct obj){o, size, c, (unsigned char)op};
}

/* A random held object back, its fill checked. */
static void load_free_obj(struct load_state *st)
{
	int i = (int)below(st->nobj);
	struct obj ob = st->objs[i];

	for (size_t j = 0; j < ob.size; j++)
		if (ob.p[j] != ob.fill) {
			FAIL(C_LOAD,
			     "object %p (%zu bytes) overwritten at +%zu",
			     (void *)ob.p, ob.size, j);
			break;
		}
	if (ob.c)
		kmem_cache_free(ob.c, ob.p);
	else
		kfree(ob.p);
	st->objs[i] = st->objs[--st->nobj];
}

/* Free everything the load still holds, and the cache. */
static void load_release(struct load_state *st)
{
	while (st->nlive) {
		struct live l = st->live[--st->nlive];

		pa_own_flip(owned, l.pfn, 1UL << l.order);
		__free_pages(pfn_to_page(l.pfn), l.order);
	}
	while (st->nobj) {
		struct obj ob = st->objs[--st->nobj];

		if (ob.c)
			kmem_cache_free(ob.c, ob.p);
		else
			kfree(ob.p);
	}
	kmem_cache_destroy(st->cache);
}

void load(const struct topo *t)
{
	static struct load_state st;
	unsigned long start_free;
	int ops = 150 + (int)below(300);
	const char *why;

	st.nlive = st.nobj = 0;
	st.csize = 8 + (unsigned int)below(600);
	/* counted before the cache exists: kmem_cache_destroy() gives back
	 * the struct kmem_cache (and its slab page) the load made */
	slab_shrink_all();
	start_free = pa_total_free();
	st.cache = kmem_cache_create("topology", st.csize,
				     chance(50) ? 0 : 1u << below(7), 0, NULL);
	if (!st.cache) {
		FAIL(C_LOAD, "kmem_cache_create(%u) failed", st.csize);
		return;
	}
	for (int op = 0; op < ops && !(res.failed & (1u << C_LOAD)); op++) {
		unsigned int k = (unsigned int)below(6);

		if (k == 0 && st.nlive < NLIVE)
			load_alloc_pages(t, &st);
		else if (k == 1 && st.nlive)
			load_free_pages(&st);
		else if (k <= 3 && st.nobj < NOBJ)
			load_alloc_obj(t, &st, k, op);
		else if (st.nobj)
			load_free_obj(&st);
	}
	why = pa_check_free_vs_owned(owned);
	if (why)
		FAIL(C_LOAD, "%s", why);
	load_release(&st);
	slab_shrink_all();
	why = pa_check_zones();
	if (why)
		FAIL(C_LOAD, "after the load: %s", why);
	if (pa_total_free() != start_free)
		FAIL(C_LOAD, "%lu pages free before the load, %lu after",
		     start_free, pa_total_free());
}
