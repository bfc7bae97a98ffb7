// SPDX-License-Identifier: MIT
/**
 * DOC: memblock queries and iterators
 *
 * Read-only views of the region arrays: sizes, bounds, point and range
 * lookups (binary search, since the arrays are sorted), and the cursor
 * functions behind the for_each_*mem* iterator macros in <mm/memblock.h>.
 */
#include <kernel/printk.h>
#include <mm/memblock.h>

#include <asm/mm.h>

static inline bool memblock_addrs_overlap(phys_addr_t base1, phys_addr_t size1,
					  phys_addr_t base2, phys_addr_t size2)
{
	return base1 < base2 + size2 && base2 < base1 + size1;
}

/**
 * memblock_overlaps_region - does any region of @type overlap a range?
 * @type: region type to check
 * @base: start of the range
 * @size: length of the range
 *
 * Return: true if at least one byte of [@base, @base+@size) is in @type.
 */
bool __init_memblock memblock_overlaps_region(struct memblock_type *type,
					      phys_addr_t base,
					      phys_addr_t size)
{
	unsigned long i;

	memblock_cap_size(base, &size);
	for (i = 0; i < type->cnt; i++)
		if (memblock_addrs_overlap(base, size, type->regions[i].base,
					   type->regions[i].size))
			return true;
	return false;
}

/* ------------------------------------------------------------------ */
/* Queries                                                             */
/* ------------------------------------------------------------------ */

/**
 * memblock_phys_mem_size - total size of memory
 *
 * Return: bytes in &memblock.memory.
 */
phys_addr_t __init_memblock memblock_phys_mem_size(void)
{
	return memblock.memory.total_size;
}

/**
 * memblock_reserved_size - total size of reservations
 *
 * Return: bytes in &memblock.reserved.
 */
phys_addr_t __init_memblock memblock_reserved_size(void)
{
	return memblock.reserved.total_size;
}

/**
 * memblock_start_of_DRAM - lowest memory address
 *
 * Return: base of the first memory region, 0 if there is none.
 */
phys_addr_t __init_memblock memblock_start_of_DRAM(void)
{
	return memblock.memory.cnt ? memblock.memory.regions[0].base : 0;
}

/**
 * memblock_end_of_DRAM - end of memory
 *
 * Return: one past the last byte of the last memory region, 0 if none.
 */
phys_addr_t __init_memblock memblock_end_of_DRAM(void)
{
	unsigned long idx = memblock.memory.cnt;

	if (!idx)
		return 0;
	return memblock.memory.regions[idx - 1].base +
	       memblock.memory.regions[idx - 1].size;
}

/* Binary search: index of the region containing @addr, or -1. */
static int __init_memblock memblock_search(struct memblock_type *type,
					   phys_addr_t addr)
{
	unsigned long left = 0, right = type->cnt;

	while (left < right) {
		unsigned long mid = (right + left) / 2;
		const struct memblock_region *r = &type->regions[mid];

		if (addr < r->base)
			right = mid;
		else if (addr >= r->base + r->size)
			left = mid + 1;
		else
			return (int)mid;
	}
	return -1;
}

/**
 * memblock_is_reserved - is an address reserved?
 * @addr: physical address
 *
 * Return: true if @addr is inside a reserved region.
 */
bool __init_memblock memblock_is_reserved(phys_addr_t addr)
{
	return memblock_search(&memblock.reserved, addr) != -1;
}

/**
 * memblock_is_memory - is an address memory?
 * @addr: physical address
 *
 * Return: true if @addr is inside a memory region.
 */
bool __init_memblock memblock_is_memory(phys_addr_t addr)
{
	return memblock_search(&memblock.memory, addr) != -1;
}

/**
 * memblock_is_map_memory - is an address memory in the direct map?
 * @addr: physical address
 *
 * Return: true if @addr is memory and not MEMBLOCK_NOMAP.
 */
bool __init_memblock memblock_is_map_memory(phys_addr_t addr)
{
	int i = memblock_search(&memblock.memory, addr);

	if (i == -1)
		return false;
	return !memblock_is_nomap(&memblock.memory.regions[i]);
}

/**
 * memblock_is_region_memory - is a whole range inside one memory region?
 * @base: first byte
 * @size: length in bytes
 *
 * Because neighbours are merged, "one region" means "contiguous memory"
 * unless node or flags differ inside the range.
 *
 * Return: true if [@base, @base+@size) is within a single memory region.
 */
bool __init_memblock memblock_is_region_memory(phys_addr_t base,
					       phys_addr_t size)
{
	int idx = memblock_search(&memblock.memory, base);
	phys_addr_t end = base + memblock_cap_size(base, &size);
	const struct memblock_region *r;

	if (idx == -1)
		return false;
	r = &memblock.memory.regions[idx];
	return r->base <= base && r->base + r->size >= end;
}

/**
 * memblock_is_region_reserved - does a range touch a reservation?
 * @base: first byte
 * @size: length in bytes
 *
 * Return: true if any byte of the range is reserved.
 */
bool __init_memblock memblock_is_region_reserved(phys_addr_t base,
						 phys_addr_t size)
{
	return memblock_overlaps_region(&memblock.reserved, base, size);
}

/* ------------------------------------------------------------------ */
/* Iterators                                                           */
/* ------------------------------------------------------------------ */

static bool should_skip_region(struct memblock_region *m, int nid, int flags)
{
	int m_nid = memblock_get_region_node(m);

	/* only the requested node */
	if (nid != NUMA_NO_NODE && nid != m_nid)
		return true;
	/* hotplug memory stays free for unplugging, with movable_node on */
	if (movable_node_is_enabled() && memblock_is_hotpluggable(m) &&
	    !(flags & MEMBLOCK_HOTPLUG))
		return true;
	/* mirrored memory only, when asked for */
	if ((flags & MEMBLOCK_MIRROR) && !memblock_is_mirror(m))
		return true;
	/* nomap memory is not touchable unless explicitly asked for */
	if (!(flags & MEMBLOCK_NOMAP) && memblock_is_nomap(m))
		return true;
	return false;
}

/* Bounds and node of @m, or false if the filters skip it. */
static bool region_pick(struct memblock_region *m, int nid, int flags,
			phys_addr_t *start, phys_addr_t *end, int *m_nid)
{
	if (should_skip_region(m, nid, flags))
		return false;
	*start = m->base;
	*end = m->base + m->size;
	*m_nid = memblock_get_region_node(m);
	return true;
}

/* Gap @i of @t: from the end of region i-1 (or 0) to region i (or the top). */
static void gap_bounds(struct memblock_type *t, long i, phys_addr_t *start,
		       phys_addr_t *end)
{
	struct memblock_region *r = &t->regions[i];

	*start = i ? r[-1].base + r[-1].size : 0;
	*end = i < (long)t->cnt ? r->base : PHYS_ADDR_MAX;
}

static void set_outputs(phys_addr_t s, phys_addr_t e, int nid,
			phys_addr_t *out_start, phys_addr_t *out_end,
			int *out_nid)
{
	if (out_start)
		*out_start = s;
	if (out_end)
		*out_end = e;
	if (out_nid)
		*out_nid = nid;
}

/*
 * The first region of @type the filters let through, from index @i on
 * in steps of @step (1 up, -1 down), in the outputs: its index, or -1.
 */
static long next_region(struct memblock_type *type, long i, int step, int nid,
			int flags, phys_addr_t *out_start, phys_addr_t *out_end,
			int *out_nid)
{
	for (; i >= 0 && i < (long)type->cnt; i += step) {
		phys_addr_t start, end;
		int m_nid;

		if (region_pick(&type->regions[i], nid, flags, &start, &end,
				&m_nid)) {
			set_outputs(start, end, m_nid, out_start, out_end,
				    out_nid);
			return i;
		}
	}
	return -1;
}

/**
 * __next_mem_range - next range of @type_a not covered by @type_b
 * @idx: cursor: low 32 bits index @type_a, high 32 bits the gap of @type_b
 * @nid: node filter, NUMA_NO_NODE for any
 * @flags: region flags to include
 * @type_a: regions to walk
 * @type_b: regions to exclude, or NULL
 * @out_start: first byte (may be NULL)
 * @out_end: one past the last byte (may be NULL)
 * @out_nid: node (may be NULL)
 *
 * The "gaps" of @type_b are numbered: gap i lies between region i-1 and
 * region i (gap 0 starts at 0, gap cnt ends at PHYS_ADDR_MAX).  Walking both
 * arrays in step yields the intersections of @type_a with those gaps in
 * ascending order.  Sets *@idx to ~0 at the end.
 */
void __next_mem_range(u64 *idx, int nid, enum memblock_flags flags,
		      struct memblock_type *type_a,
		      struct memblock_type *type_b, phys_addr_t *out_start,
		      phys_addr_t *out_end, int *out_nid)
{
	unsigned long idx_a = *idx & 0xffffffff;
	unsigned long idx_b = *idx >> 32;

	if (!type_b) {
		long i = next_region(type_a, (long)idx_a, 1, nid, flags,
				     out_start, out_end, out_nid);

		*idx = i < 0 ? ~(u64)0 : (u64)i + 1;
		return;
	}

	for (; idx_a < type_a->cnt; idx_a++) {
		phys_addr_t m_start, m_end, r_start, r_end;
		int m_nid;

		if (!region_pick(&type_a->regions[idx_a], nid, flags, &m_start,
				 &m_end, &m_nid))
			continue;
		for (; idx_b < type_b->cnt + 1; idx_b++) {
			gap_bounds(type_b, (long)idx_b, &r_start, &r_end);
			/* gap is above @m: go on with the next @m */
			if (r_start >= m_end)
				break;
			if (m_start < r_end) {
				set_outputs(max(m_start, r_start),
					    min(m_end, r_end), m_nid, out_start,
					    out_end, out_nid);
				/* advance whichever ends first */
				if (m_end <= r_end)
					idx_a++;
				else
					idx_b++;
				*idx = (u64)idx_a | (u64)idx_b << 32;
				return;
			}
		}
	}
	*idx = ~(u64)0;
}

/**
 * __next_mem_range_rev - __next_mem_range() walking downwards
 * @idx: cursor, ~0 to start from the top
 * @nid: node filter, NUMA_NO_NODE for any
 * @flags: region flags to include
 * @type_a: regions to walk
 * @type_b: regions to exclude, or NULL
 * @out_start: first byte (may be NULL)
 * @out_end: one past the last byte (may be NULL)
 * @out_nid: node (may be NULL)
 */
void __next_mem_range_rev(u64 *idx, int nid, enum memblock_flags flags,
			  struct memblock_type *type_a,
			  struct memblock_type *type_b, phys_addr_t *out_start,
			  phys_addr_t *out_end, int *out_nid)
{
	long idx_a, idx_b;

	if (*idx == ~(u64)0) {
		idx_a = (long)type_a->cnt - 1;
		idx_b = type_b ? (long)type_b->cnt : 0;
	} else {
		/* stored as 32-bit fields; 0xffffffff stands for -1 */
		idx_a = (long)(s32)(u32)(*idx & 0xffffffff);
		idx_b = (long)(s32)(u32)(*idx >> 32);
	}

	if (!type_b) {
		long i = next_region(type_a, idx_a, -1, nid, flags, out_start,
				     out_end, out_nid);

		/* -1 is stored as 0xffffffff, which is not ~0 */
		*idx = i < 0 ? ~(u64)0 : (u64)(u32)(i - 1);
		return;
	}

	for (; idx_a >= 0; idx_a--) {
		phys_addr_t m_start, m_end, r_start, r_end;
		int m_nid;

		if (!region_pick(&type_a->regions[idx_a], nid, flags, &m_start,
				 &m_end, &m_nid))
			continue;
		for (; idx_b >= 0; idx_b--) {
			gap_bounds(type_b, idx_b, &r_start, &r_end);
			/* gap is below @m: go on with the next @m */
			if (r_end <= m_start)
				break;
			if (m_end > r_start) {
				set_outputs(max(m_start, r_start),
					    min(m_end, r_end), m_nid, out_start,
					    out_end, out_nid);
				if (m_start >= r_start)
					idx_a--;
				else
					idx_b--;
				*idx = (u64)(u32)idx_a | (u64)(u32)idx_b << 32;
				return;
			}
		}
	}
	*idx = ~(u64)0;
}

/**
 * __next_mem_pfn_range - next memory region holding at least one whole page
 * @idx: int cursor, -1 to start; set to -1 at the end
 * @nid: node filter: NUMA_NO_NODE or MAX_NUMNODES for all nodes
 * @out_start_pfn: first whole pfn (may be NULL)
 * @out_end_pfn: pfn just past the last whole page (may be NULL)
 * @out_nid: node of the region (may be NULL)
 */
void __init_memblock __next_mem_pfn_range(int *idx, int nid,
					  unsigned long *out_start_pfn,
					  unsigned long *out_end_pfn,
					  int *out_nid)
{
	struct memblock_type *type = &memblock.memory;
	struct memblock_region *r = NULL;

	while (++*idx < (int)type->cnt) {
		r = &type->regions[*idx];
		/* a region smaller than a page has no pfn range */
		if (PFN_UP(r->base) >= PFN_DOWN(r->base + r->size))
			continue;
		if (nid == MAX_NUMNODES || nid == NUMA_NO_NODE ||
		    nid == memblock_get_region_node(r))
			break;
	}
	if (*idx >= (int)type->cnt) {
		*idx = -1;
		return;
	}
	if (out_start_pfn)
		*out_start_pfn = PFN_UP(r->base);
	if (out_end_pfn)
		*out_end_pfn = PFN_DOWN(r->base + r->size);
	if (out_nid)
		*out_nid = memblock_get_region_node(r);
}

/**
 * __next_reserved_mem_region - next reserved region, with an inclusive end
 * @idx: u64 cursor, 0 to start; set to ~0 at the end
 * @out_start: first byte (may be NULL)
 * @out_end: last byte, inclusive (may be NULL)
 */
void __init_memblock __next_reserved_mem_region(u64 *idx,
						phys_addr_t *out_start,
						phys_addr_t *out_end)
{
	struct memblock_type *type = &memblock.reserved;

	if (*idx < type->cnt) {
		struct memblock_region *r = &type->regions[*idx];

		if (out_start)
			*out_start = r->base;
		if (out_end)
			*out_end = r->base + r->size - 1;
		*idx += 1;
		return;
	}
	*idx = ~(u64)0;
}
