// SPDX-License-Identifier: MIT
/**
 * DOC: classic bitmap bootmem (CONFIG_BOOTMEM_BITMAP)
 *
 * Each node gets a &bootmem_data_t with a bitmap of one bit per page
 * between node_min_pfn and node_low_pfn; a set bit means reserved.  The map
 * starts all-reserved and free RAM is released into it explicitly, so a
 * page nobody described can never be handed out.
 *
 * Allocation scans for a run of clear bits, starting at hint_idx (just past
 * the previous allocation) and falling back to the goal.  Small
 * allocations share pages: last_end_off remembers where the last one
 * ended, and a request that fits in the rest of that page starts there.
 *
 * free_all_bootmem() gives every clear bit to the page allocator,
 * BITS_PER_LONG pages at a time when that many naturally aligned pages are
 * free, then the bitmap itself.  The node start need not be aligned: the
 * map is read through a window at any bit offset.
 *
 * The nodes are kept on bdata_list sorted by start pfn, the order in which
 * allocation tries them.  Node spans may overlap (interleaved nodes): a
 * reservation or free by address marks each page in the bitmap of the node
 * that owns it, the node of its memblock region (bootmem_owner()).
 */
#include <kernel/errno.h>
#include <kernel/string.h>

#include "bootmem_bitmap_internal.h"

bootmem_data_t bootmem_node_data[MAX_NUMNODES] __initdata;

struct list_head bdata_list __initdata = LIST_HEAD_INIT(bdata_list);

/* ---- bitmap helpers (one bit per page, set = reserved) ---- */

static inline bool bm_test(const void *map, unsigned long i)
{
	const unsigned long *m = map;

	return (m[i / BITS_PER_LONG] >> (i % BITS_PER_LONG)) & 1;
}

static inline bool bm_test_and_set(void *map, unsigned long i)
{
	unsigned long *m = map;
	unsigned long bit = 1UL << (i % BITS_PER_LONG);
	bool old = m[i / BITS_PER_LONG] & bit;

	m[i / BITS_PER_LONG] |= bit;
	return old;
}

static inline bool bm_test_and_clear(void *map, unsigned long i)
{
	unsigned long *m = map;
	unsigned long bit = 1UL << (i % BITS_PER_LONG);
	bool old = m[i / BITS_PER_LONG] & bit;

	m[i / BITS_PER_LONG] &= ~bit;
	return old;
}

/* First clear bit at or after @off and below @size, or @size. */
static unsigned long bm_find_next_zero(const void *map, unsigned long size,
				       unsigned long off)
{
	const unsigned long *m = map;

	while (off < size) {
		unsigned long w =
			~m[off / BITS_PER_LONG] >> (off % BITS_PER_LONG);

		if (w) {
			off += __ffs(w);
			return min(off, size);
		}
		off = ALIGN(off + 1, (unsigned long)BITS_PER_LONG);
	}
	return size;
}

/* ---- setup ---- */

/* Bytes of bitmap for @pages pages, in whole longs. */
static unsigned long __init bootmap_bytes(unsigned long pages)
{
	unsigned long bytes = DIV_ROUND_UP(pages, 8);

	return ALIGN(bytes, sizeof(long));
}

/**
 * bootmem_bootmap_pages - pages needed for the bitmap of @pages pages
 * @pages: number of pages the bitmap describes
 *
 * Return: whole pages of bitmap.
 */
unsigned long __init bootmem_bootmap_pages(unsigned long pages)
{
	unsigned long bytes = bootmap_bytes(pages);

	return PFN_UP(bytes);
}

/* Insert @bdata into bdata_list, keeping it sorted by start pfn. */
static void __init link_bootmem(bootmem_data_t *bdata)
{
	bootmem_data_t *ent;

	list_for_each_entry(ent, &bdata_list, list) {
		if (bdata->node_min_pfn < ent->node_min_pfn) {
			list_add_tail(&bdata->list, &ent->list);
			return;
		}
	}
	list_add_tail(&bdata->list, &bdata_list);
}

static unsigned long __init init_bootmem_core(bootmem_data_t *bdata,
					      unsigned long mapstart,
					      unsigned long start,
					      unsigned long end)
{
	unsigned long mapsize;

	bdata->node_bootmem_map = phys_to_virt(PFN_PHYS(mapstart));
	bdata->node_min_pfn = start;
	bdata->node_low_pfn = end;
	bdata->last_end_off = 0;
	bdata->hint_idx = 0;
	bdata->deferred_pfn = end;
	bdata->deferred_map = NULL;
	/* a node set up again is re-sorted, not linked twice */
	if (bdata->list.next)
		list_del(&bdata->list);
	link_bootmem(bdata);

	/* All reserved: the arch must free RAM explicitly. */
	mapsize = bootmap_bytes(end - start);
	memset(bdata->node_bootmem_map, 0xff, mapsize);

	bdebug("nid=%d start=%lx map=%lx end=%lx mapsize=%lx\n",
	       (int)(bdata - bootmem_node_data), start, mapstart, end, mapsize);
	return mapsize;
}

/* @nid's bootmem_data_t, or NULL (and a warning) for a bad node id. */
static bootmem_data_t *__init node_bdata(int nid)
{
	if (nid >= 0 && nid < MAX_NUMNODES)
		return &bootmem_node_data[nid];
	WARN(1, "bootmem: node %d out of range (0..%d)\n", nid,
	     MAX_NUMNODES - 1);
	return NULL;
}

/**
 * init_bootmem_node - register a node's pages with bootmem
 * @nid: node id
 * @freepfn: first pfn of the memory that holds the bitmap
 * @startpfn: first pfn of the node
 * @endpfn: pfn just past the node
 *
 * Return: bytes of bitmap used at @freepfn (0, with a warning, for a bad
 * node id).
 */
unsigned long __init init_bootmem_node(int nid, unsigned long freepfn,
				       unsigned long startpfn,
				       unsigned long endpfn)
{
	bootmem_data_t *bdata = node_bdata(nid);

	return bdata ? init_bootmem_core(bdata, freepfn, startpfn, endpfn) : 0;
}

/**
 * init_bootmem - single-node setup for pfns [0, @pages)
 * @start: pfn where the bitmap goes (also the new min_low_pfn)
 * @pages: number of pages (also the new max_low_pfn)
 *
 * Return: bytes of bitmap used.
 */
unsigned long __init init_bootmem(unsigned long start, unsigned long pages)
{
	max_low_pfn = pages;
	min_low_pfn = start;
	return init_bootmem_core(&bootmem_node_data[0], start, 0, pages);
}

/* ---- marking ---- */

static void __init __free(bootmem_data_t *bdata, unsigned long sidx,
			  unsigned long eidx)
{
	unsigned long idx;

	bdebug("nid=%d start=%lx end=%lx\n", (int)(bdata - bootmem_node_data),
	       sidx + bdata->node_min_pfn, eidx + bdata->node_min_pfn);

	/* Freed pages may be the best fit for the next search. */
	if (bdata->hint_idx > sidx)
		bdata->hint_idx = sidx;

	for (idx = sidx; idx < eidx; idx++)
		if (!bm_test_and_clear(bdata->node_bootmem_map, idx))
			panic("bootmem: double free of pfn %#lx",
			      idx + bdata->node_min_pfn);
}

static int __init __reserve(bootmem_data_t *bdata, unsigned long sidx,
			    unsigned long eidx, int flags)
{
	bool exclusive = flags & BOOTMEM_EXCLUSIVE;
	unsigned long idx;

	bdebug("nid=%d start=%lx end=%lx flags=%x\n",
	       (int)(bdata - bootmem_node_data), sidx + bdata->node_min_pfn,
	       eidx + bdata->node_min_pfn, flags);

	for (idx = sidx; idx < eidx; idx++)
		if (bm_test_and_set(bdata->node_bootmem_map, idx)) {
			if (exclusive) {
				/* give back only what this call took */
				__free(bdata, sidx, idx);
				return -EBUSY;
			}
			bdebug("silent double reserve of PFN %lx\n",
			       idx + bdata->node_min_pfn);
		}
	return 0;
}

static int __init mark_bootmem_node(bootmem_data_t *bdata, unsigned long start,
				    unsigned long end, int reserve, int flags)
{
	unsigned long sidx, eidx;

	bdebug("nid=%d start=%lx end=%lx reserve=%d flags=%x\n",
	       (int)(bdata - bootmem_node_data), start, end, reserve, flags);

	if (start >= end)
		return 0;
	if (!bdata->node_bootmem_map || start < bdata->node_min_pfn ||
	    end > bdata->node_low_pfn) {
		WARN(1, "bootmem: pfns %lx-%lx outside node %d\n", start, end,
		     (int)(bdata - bootmem_node_data));
		return -EINVAL;
	}

	sidx = start - bdata->node_min_pfn;
	eidx = end - bdata->node_min_pfn;
	if (reserve)
		return __reserve(bdata, sidx, eidx, flags);
	__free(bdata, sidx, eidx);
	return 0;
}

/* Is every pfn of [start, end) on a node?  (bdata_list is sorted.) */
static bool __init bootmem_covers(unsigned long start, unsigned long end)
{
	bootmem_data_t *bdata;

	list_for_each_entry(bdata, &bdata_list, list) {
		if (start >= end || start < bdata->node_min_pfn)
			break;
		start = max(start, bdata->node_low_pfn);
	}
	return start >= end;
}

/*
 * The node whose bitmap holds @pfn, and in *@run_end the end of the pfns
 * from @pfn it holds too.  Node spans may overlap (interleaved nodes), so
 * a pfn of memory belongs to its memblock region's node, as in
 * pfn_to_nid(); a pfn of no region (a hole) to the first node on
 * bdata_list whose span has it.  NULL when no node has it.
 */
static bootmem_data_t *__init bootmem_owner(unsigned long pfn,
					    unsigned long *run_end)
{
	unsigned long next = ~0UL; /* the first region above @pfn */
	struct memblock_region *r;
	bootmem_data_t *bdata;

	for_each_mem_region(r) {
		unsigned long s = PFN_DOWN(r->base);
		unsigned long e = PFN_UP(r->base + r->size);
		int nid = memblock_get_region_node(r);

		if (pfn < s)
			next = min(next, s);
		if (pfn < s || pfn >= e || nid < 0 || nid >= MAX_NUMNODES)
			continue;
		bdata = &bootmem_node_data[nid];
		if (!bdata->node_bootmem_map || pfn < bdata->node_min_pfn ||
		    pfn >= bdata->node_low_pfn)
			continue; /* no bitmap of that node here */
		*run_end = min(e, bdata->node_low_pfn);
		return bdata;
	}
	list_for_each_entry(bdata, &bdata_list, list)
		if (bdata->node_min_pfn <= pfn && pfn < bdata->node_low_pfn) {
			*run_end = min(bdata->node_low_pfn, next);
			return bdata;
		}
	return NULL;
}

/*
 * Reserve or free pfns [start, end), which may span several nodes, each
 * run of pages in its owner's bitmap (bootmem_owner()).  Pages not
 * covered by any node are a caller bug (Linux BUG()s): warn, -EINVAL,
 * and nothing is marked.  A failed EXCLUSIVE reservation is undone on the
 * runs already marked; every page there was reserved by this call, as it
 * was free before.  A DEFAULT reservation cannot fail half-way (a node's
 * map is gone only after free_all_bootmem(), for every node): it is never
 * undone, since pages it found reserved were reserved by someone else.
 */
static int __init mark_bootmem(unsigned long start, unsigned long end,
			       int reserve, int flags)
{
	unsigned long pos = start, max;
	bootmem_data_t *bdata;

	if (start >= end)
		return 0;
	if (!bootmem_covers(start, end)) {
		WARN(1, "bootmem: pfns %lx-%lx not covered by any node\n",
		     start, end);
		return -EINVAL;
	}

	while (pos < end && (bdata = bootmem_owner(pos, &max)) != NULL) {
		int err;

		max = min(max, end);
		err = mark_bootmem_node(bdata, pos, max, reserve, flags);
		if (err) {
			if (reserve && (flags & BOOTMEM_EXCLUSIVE))
				mark_bootmem(start, pos, 0, 0);
			return err;
		}
		pos = max;
	}
	/* bootmem_covers() vouched for every pfn: an owner always exists */
	WARN_ON(pos < end);
	return pos < end ? -EINVAL : 0;
}

/**
 * free_bootmem_node - release the whole pages of a range on one node
 * @nid: node id
 * @physaddr: first byte (partial pages are kept)
 * @size: length in bytes
 *
 * A bad node id or a range outside the node frees nothing (a warning).
 */
void __init free_bootmem_node(int nid, unsigned long physaddr,
			      unsigned long size)
{
	bootmem_data_t *bdata = node_bdata(nid);

	bdebug("nid=%d addr=%lx size=%lx caller=%#lx\n", nid, physaddr, size,
	       _RET_IP_);
	if (bdata)
		mark_bootmem_node(bdata, PFN_UP(physaddr),
				  PFN_DOWN(physaddr + size), 0, 0);
}

/**
 * free_bootmem - release the whole pages of a range
 * @physaddr: first byte (partial pages are kept)
 * @size: length in bytes
 */
void __init free_bootmem(unsigned long physaddr, unsigned long size)
{
	bdebug("addr=%lx size=%lx caller=%#lx\n", physaddr, size, _RET_IP_);
	mark_bootmem(PFN_UP(physaddr), PFN_DOWN(physaddr + size), 0, 0);
}

/**
 * reserve_bootmem_node - reserve the pages of a range on one node
 * @nid: node id
 * @physaddr: first byte (rounded down to a page)
 * @size: length in bytes (end rounded up to a page)
 * @flags: BOOTMEM_DEFAULT or BOOTMEM_EXCLUSIVE
 *
 * Return: 0, or -EBUSY if exclusive and a page was already reserved (the
 * pages this call reserved are released again), or -EINVAL (with a
 * warning) for a bad node id or a range outside the node.
 */
int __init reserve_bootmem_node(int nid, unsigned long physaddr,
				unsigned long size, int flags)
{
	bootmem_data_t *bdata = node_bdata(nid);

	bdebug("nid=%d addr=%lx size=%lx flags=%x caller=%#lx\n", nid, physaddr,
	       size, flags, _RET_IP_);
	if (!bdata)
		return -EINVAL;
	return mark_bootmem_node(bdata, PFN_DOWN(physaddr),
				 PFN_UP(physaddr + size), 1, flags);
}

/**
 * reserve_bootmem - reserve the pages of a range
 * @addr: first byte (rounded down to a page)
 * @size: length in bytes (end rounded up to a page)
 * @flags: BOOTMEM_DEFAULT or BOOTMEM_EXCLUSIVE
 *
 * Return: 0, or -EBUSY if exclusive and a page was already reserved (the
 * pages this call reserved are released again), or -EINVAL.
 */
int __init reserve_bootmem(unsigned long addr, unsigned long size, int flags)
{
	bdebug("addr=%lx size=%lx flags=%x caller=%#lx\n", addr, size, flags,
	       _RET_IP_);
	return mark_bootmem(PFN_DOWN(addr), PFN_UP(addr + size), 1, flags);
}

/* ---- allocation ---- */

/* Align a bit index so that node start + index is a multiple of @step. */
static unsigned long __init align_idx(bootmem_data_t *bdata, unsigned long idx,
				      unsigned long step)
{
	unsigned long base = bdata->node_min_pfn;

	return ALIGN(base + idx, step) - base;
}

/* The same for byte offsets from the node start. */
static unsigned long __init align_off(bootmem_data_t *bdata, unsigned long off,
				      unsigned long align)
{
	unsigned long base = PFN_PHYS(bdata->node_min_pfn);

	return ALIGN(base + off, align) - base;
}

/*
 * The first run of @pages clear bits in [sidx, midx) starting at a
 * multiple of @step (counted from pfn 0, not the node start); @midx if
 * there is none.
 */
static unsigned long __init find_free_run(bootmem_data_t *bdata,
					  unsigned long sidx,
					  unsigned long midx,
					  unsigned long step,
					  unsigned long pages)
{
	for (;;) {
		unsigned long eidx, i;

		sidx = bm_find_next_zero(bdata->node_bootmem_map, midx, sidx);
		sidx = align_idx(bdata, sidx, step);
		eidx = sidx + pages;
		if (sidx >= midx || eidx > midx)
			return midx;
		for (i = sidx; i < eidx; i++)
			if (bm_test(bdata->node_bootmem_map, i))
				break;
		if (i == eidx)
			return sidx;
		sidx = align_idx(bdata, i, step);
		if (sidx == i)
			sidx += step;
	}
}

/*
 * Reserve @size bytes from the free run at bit @sidx and return them
 * zeroed.  If the previous allocation ended inside the page just below
 * the run, start in that page's free tail: if that page is not below the
 * goal (@goal_idx), and still reserved (a caller may have freed it since;
 * then it is not ours to share).
 */
static void *__init take_free_run(bootmem_data_t *bdata, unsigned long sidx,
				  unsigned long size, unsigned long align,
				  unsigned long goal_idx)
{
	unsigned long start_off, end_off;
	bool merge;
	void *region;

	if (bdata->last_end_off & (PAGE_SIZE - 1) &&
	    PFN_DOWN(bdata->last_end_off) + 1 == sidx &&
	    PFN_DOWN(bdata->last_end_off) >= goal_idx &&
	    bm_test(bdata->node_bootmem_map, PFN_DOWN(bdata->last_end_off)))
		start_off = align_off(bdata, bdata->last_end_off, align);
	else
		start_off = PFN_PHYS(sidx);

	merge = PFN_DOWN(start_off) < sidx;
	end_off = start_off + size;

	bdata->last_end_off = end_off;
	bdata->hint_idx = PFN_UP(end_off);

	/* The shared page is reserved already: skip it. */
	if (__reserve(bdata, PFN_DOWN(start_off) + merge, PFN_UP(end_off),
		      BOOTMEM_EXCLUSIVE))
		BUG();

	region = phys_to_virt(PFN_PHYS(bdata->node_min_pfn) + start_off);
	memset(region, 0, size);
	return region;
}

static void *__init alloc_bootmem_bdata(bootmem_data_t *bdata,
					unsigned long size, unsigned long align,
					unsigned long goal, unsigned long limit)
{
	unsigned long fallback = 0, goal_idx = 0;
	unsigned long min, max, start, sidx, midx, step;

	bdebug("nid=%d size=%lx [%lu pages] align=%lx goal=%lx limit=%lx\n",
	       (int)(bdata - bootmem_node_data), size, PFN_UP(size), align,
	       goal, limit);

	if (!bdata->node_bootmem_map)
		return NULL;

	min = bdata->node_min_pfn;
	max = bdata->node_low_pfn;

	goal >>= PAGE_SHIFT;
	limit >>= PAGE_SHIFT;

	if (limit && max > limit)
		max = limit;
	if (max <= min)
		return NULL;

	step = max(align >> PAGE_SHIFT, 1UL);

	if (goal && min < goal && goal < max) {
		start = ALIGN(goal, step);
		goal_idx = goal - min;
	} else {
		start = ALIGN(min, step);
	}

	sidx = start - bdata->node_min_pfn;
	midx = max - bdata->node_min_pfn;

	/*
	 * Start past the previous allocation when that is further on: the
	 * space below is probably used.  Remember where we would have
	 * started (+1, so that 0 still means "no fallback").
	 */
	if (bdata->hint_idx > sidx) {
		fallback = sidx + 1;
		sidx = align_idx(bdata, bdata->hint_idx, step);
	}

	sidx = find_free_run(bdata, sidx, midx, step, PFN_UP(size));
	if (sidx >= midx && fallback)
		sidx = find_free_run(bdata,
				     align_idx(bdata, fallback - 1, step), midx,
				     step, PFN_UP(size));
	if (sidx >= midx)
		return NULL;
	return take_free_run(bdata, sidx, size, align, goal_idx);
}

/* Try every node in address order that overlaps [goal, limit). */
static void *__init alloc_bootmem_core(unsigned long size, unsigned long align,
				       unsigned long goal, unsigned long limit)
{
	bootmem_data_t *bdata;
	void *region;

	list_for_each_entry(bdata, &bdata_list, list) {
		if (goal && bdata->node_low_pfn <= PFN_DOWN(goal))
			continue;
		if (limit && bdata->node_min_pfn >= PFN_DOWN(limit))
			break;

		region = alloc_bootmem_bdata(bdata, size, align, goal, limit);
		if (region)
			return region;
	}
	return NULL;
}

/* Backend hook (bootmem_internal.h): one node's map, or every node's. */
void *__init bootmem_backend_alloc(int nid, unsigned long size,
				   unsigned long align, unsigned long goal,
				   unsigned long limit)
{
	if (nid == NUMA_NO_NODE)
		return alloc_bootmem_core(size, align, goal, limit);
	if (nid < 0 || nid >= MAX_NUMNODES)
		return NULL;
	return alloc_bootmem_bdata(&bootmem_node_data[nid], size, align, goal,
				   limit);
}
