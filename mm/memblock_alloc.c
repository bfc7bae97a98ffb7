// SPDX-License-Identifier: MIT
/**
 * DOC: memblock allocation
 *
 * An allocation finds a free range (memory minus reserved, nomap memory
 * excluded) of the requested size and alignment inside [start, end) and
 * reserves it.  The search runs top-down unless memblock_bottom_up(): early
 * boot allocations then land high, away from low memory that devices with
 * small DMA masks need and away from the kernel image at the bottom.
 *
 * Node requests are tried on the node first and then on any node, unless
 * the caller asked for the exact node.  Physical variants return 0 on
 * failure and never panic; virtual variants return NULL, stay below
 * memblock.current_limit (the range the kernel can address through
 * __va()), and zero the memory unless they are *_raw.
 */
#include <kernel/log2.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/memblock.h>

#include <asm/mm.h>

#include "memblock_internal.h"

/* Lowest fitting address of @size/@align in free memory within [start,end) */
static phys_addr_t __init_memblock __memblock_find_range_bottom_up(
	phys_addr_t start, phys_addr_t end, phys_addr_t size, phys_addr_t align,
	int nid, enum memblock_flags flags)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range(i, nid, flags, &this_start, &this_end, NULL) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);

		cand = ALIGN(this_start, align);
		/* cand < this_start: ALIGN wrapped at the top of the space */
		if (cand >= this_start && cand < this_end &&
		    this_end - cand >= size)
			return cand;
	}
	return 0;
}

/* Highest fitting address of @size/@align in free memory within [start,end) */
static phys_addr_t __init_memblock __memblock_find_range_top_down(
	phys_addr_t start, phys_addr_t end, phys_addr_t size, phys_addr_t align,
	int nid, enum memblock_flags flags)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range_reverse(i, nid, flags, &this_start, &this_end,
					NULL) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);

		if (this_end < size)
			continue;
		cand = ALIGN_DOWN(this_end - size, align);
		if (cand >= this_start)
			return cand;
	}
	return 0;
}

/**
 * memblock_find_in_range_node - find free memory, without reserving it
 * @size: bytes
 * @align: alignment (power of two)
 * @start: lowest acceptable address
 * @end: end of the window (exclusive), MEMBLOCK_ALLOC_ACCESSIBLE for
 *	memblock.current_limit, MEMBLOCK_ALLOC_ANYWHERE for no limit
 * @nid: node, NUMA_NO_NODE for any
 * @flags: region flags to match (MEMBLOCK_MIRROR)
 *
 * Address 0 is the failure value, so the first page is never returned.
 *
 * Return: the address found, or 0.
 */
phys_addr_t __init_memblock memblock_find_in_range_node(
	phys_addr_t size, phys_addr_t align, phys_addr_t start, phys_addr_t end,
	int nid, enum memblock_flags flags)
{
	if (end == MEMBLOCK_ALLOC_ACCESSIBLE)
		end = memblock.current_limit;

	start = max_t(phys_addr_t, start, PAGE_SIZE);
	end = max(start, end);

	if (memblock_bottom_up())
		return __memblock_find_range_bottom_up(start, end, size, align,
						       nid, flags);
	return __memblock_find_range_top_down(start, end, size, align, nid,
					      flags);
}

/**
 * memblock_find_in_range - find free memory on any node
 * @start: lowest acceptable address
 * @end: end of the window (exclusive), or MEMBLOCK_ALLOC_*
 * @size: bytes
 * @align: alignment (power of two)
 *
 * Return: the address found, or 0.
 */
phys_addr_t __init_memblock memblock_find_in_range(phys_addr_t start,
						   phys_addr_t end,
						   phys_addr_t size,
						   phys_addr_t align)
{
	return memblock_find_in_range_node(size, align, start, end,
					   NUMA_NO_NODE, MEMBLOCK_NONE);
}

/**
 * memblock_alloc_range_nid - allocate physical memory in a window
 * @size: bytes
 * @align: alignment; 0 or not a power of two warns and uses SMP_CACHE_BYTES
 * @start: lowest acceptable address
 * @end: end of the window (exclusive), or MEMBLOCK_ALLOC_*
 * @nid: preferred node, NUMA_NO_NODE for any
 * @exact_nid: do not fall back to other nodes
 *
 * Return: physical address of the reserved block, or 0 (never panics).
 */
phys_addr_t __init_memblock memblock_alloc_range_nid(phys_addr_t size,
						     phys_addr_t align,
						     phys_addr_t start,
						     phys_addr_t end, int nid,
						     bool exact_nid)
{
	enum memblock_flags flags = MEMBLOCK_NONE;
	phys_addr_t found;

	memblock_wrong_cpu(__func__);
	if (!size)
		return 0;

	if (WARN(!align || !is_power_of_2(align),
		 "memblock: bad alignment %#llx, using %d\n",
		 (unsigned long long)align, SMP_CACHE_BYTES))
		align = SMP_CACHE_BYTES;

	if (WARN_ONCE(
		    nid == MAX_NUMNODES,
		    "memblock: nid MAX_NUMNODES is deprecated, use NUMA_NO_NODE\n"))
		nid = NUMA_NO_NODE;

	found = memblock_find_in_range_node(size, align, start, end, nid,
					    flags);
	if (found && !memblock_reserve(found, size))
		return found;

	if (nid != NUMA_NO_NODE && !exact_nid) {
		found = memblock_find_in_range_node(size, align, start, end,
						    NUMA_NO_NODE, flags);
		if (found && !memblock_reserve(found, size))
			return found;
	}
	return 0;
}

/**
 * memblock_phys_alloc_range - allocate physical memory in a window
 * @size: bytes
 * @align: alignment (power of two)
 * @start: lowest acceptable address
 * @end: end of the window (exclusive), or MEMBLOCK_ALLOC_*
 *
 * Return: physical address, or 0 (never panics).
 */
phys_addr_t __init_memblock memblock_phys_alloc_range(phys_addr_t size,
						      phys_addr_t align,
						      phys_addr_t start,
						      phys_addr_t end)
{
	memblock_dbg(
		"%s: %llu bytes align=0x%llx from=0x%016llx max_addr=0x%016llx %#lx\n",
		__func__, (unsigned long long)size, (unsigned long long)align,
		(unsigned long long)start, (unsigned long long)end, _RET_IP_);
	return memblock_alloc_range_nid(size, align, start, end, NUMA_NO_NODE,
					false);
}

/**
 * memblock_phys_alloc_try_nid - allocate physical memory, preferably on @nid
 * @size: bytes
 * @align: alignment (power of two)
 * @nid: preferred node, NUMA_NO_NODE for any
 *
 * Return: physical address, or 0 (never panics).
 */
phys_addr_t __init_memblock memblock_phys_alloc_try_nid(phys_addr_t size,
							phys_addr_t align,
							int nid)
{
	memblock_dbg("%s: %llu bytes align=0x%llx nid=%d %#lx\n", __func__,
		     (unsigned long long)size, (unsigned long long)align, nid,
		     _RET_IP_);
	return memblock_alloc_range_nid(size, align, 0,
					MEMBLOCK_ALLOC_ACCESSIBLE, nid, false);
}

/*
 * Common part of the virtual-address allocators: trace the call (@fn and
 * @caller name it), never above current_limit (beyond it __va() may not be
 * valid yet), @min_addr is only a wish, and @zero clears the block.
 */
static void *__init_memblock memblock_alloc_internal(
	const char *fn, unsigned long caller, phys_addr_t size,
	phys_addr_t align, phys_addr_t min_addr, phys_addr_t max_addr, int nid,
	bool exact_nid, bool zero)
{
	phys_addr_t alloc;
	void *ptr;

	memblock_dbg("%s: %llu bytes align=0x%llx nid=%d from=0x%016llx "
		     "max_addr=0x%016llx %#lx\n",
		     fn, (unsigned long long)size, (unsigned long long)align,
		     nid, (unsigned long long)min_addr,
		     (unsigned long long)max_addr, caller);
	if (max_addr > memblock.current_limit)
		max_addr = memblock.current_limit;

	alloc = memblock_alloc_range_nid(size, align, min_addr, max_addr, nid,
					 exact_nid);
	if (!alloc && min_addr)
		alloc = memblock_alloc_range_nid(size, align, 0, max_addr, nid,
						 exact_nid);
	if (!alloc)
		return NULL;
	ptr = phys_to_virt(alloc);
	if (zero)
		memset(ptr, 0, size);
	return ptr;
}

/**
 * memblock_alloc_exact_nid_raw - allocate on exactly one node, not zeroed
 * @size: bytes
 * @align: alignment (power of two)
 * @min_addr: preferred lowest address (dropped if nothing fits above it)
 * @max_addr: end of the window, or MEMBLOCK_ALLOC_*
 * @nid: the node; no fallback to others
 *
 * Return: virtual address, or NULL.
 */
void *__init_memblock memblock_alloc_exact_nid_raw(phys_addr_t size,
						   phys_addr_t align,
						   phys_addr_t min_addr,
						   phys_addr_t max_addr,
						   int nid)
{
	return memblock_alloc_internal(__func__, _RET_IP_, size, align,
				       min_addr, max_addr, nid, true, false);
}

/**
 * memblock_alloc_try_nid_raw - allocate, preferably on @nid, not zeroed
 * @size: bytes
 * @align: alignment (power of two)
 * @min_addr: preferred lowest address (dropped if nothing fits above it)
 * @max_addr: end of the window, or MEMBLOCK_ALLOC_*
 * @nid: preferred node, NUMA_NO_NODE for any
 *
 * Return: virtual address, or NULL.
 */
void *__init_memblock memblock_alloc_try_nid_raw(phys_addr_t size,
						 phys_addr_t align,
						 phys_addr_t min_addr,
						 phys_addr_t max_addr, int nid)
{
	return memblock_alloc_internal(__func__, _RET_IP_, size, align,
				       min_addr, max_addr, nid, false, false);
}

/**
 * memblock_alloc_try_nid - allocate zeroed memory, preferably on @nid
 * @size: bytes
 * @align: alignment (power of two)
 * @min_addr: preferred lowest address (dropped if nothing fits above it)
 * @max_addr: end of the window, or MEMBLOCK_ALLOC_*
 * @nid: preferred node, NUMA_NO_NODE for any
 *
 * Return: virtual address of the zeroed block, or NULL.
 */
void *__init_memblock memblock_alloc_try_nid(phys_addr_t size,
					     phys_addr_t align,
					     phys_addr_t min_addr,
					     phys_addr_t max_addr, int nid)
{
	return memblock_alloc_internal(__func__, _RET_IP_, size, align,
				       min_addr, max_addr, nid, false, true);
}
