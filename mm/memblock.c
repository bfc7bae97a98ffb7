// SPDX-License-Identifier: MIT
/**
 * DOC: memblock overview
 *
 * Memblock describes physical memory during early boot, before the page
 * allocator exists.  It keeps two (three) region types:
 *
 * * ``memory``   - all RAM the kernel may use, as the arch reported it;
 * * ``reserved`` - parts of it that are in use (kernel image, firmware,
 *   device tree, and every memblock allocation);
 * * ``physmem``  - (CONFIG_HAVE_MEMBLOCK_PHYS_MAP) what firmware reported,
 *   left alone by mem= style limits.
 *
 * Each type is an array of &struct memblock_region sorted by base, with no
 * overlaps, and with neighbours merged whenever they touch and agree on node
 * and flags.  So the array is always the shortest exact description of the
 * set, which keeps lookups (binary search) and iteration cheap.
 *
 * The arrays start out as static arrays of CONFIG_INIT_MEMBLOCK_REGIONS
 * entries, because there is nowhere to allocate from before memory is
 * known.  Once the arch has registered memory and reserved everything that
 * must not be overwritten it calls memblock_allow_resize(); after that a
 * full array is doubled into memory memblock allocates from itself
 * (memblock_double_array()).
 *
 * Allocation walks the free ranges (memory minus reserved) top-down by
 * default, so early allocations stay clear of low memory that devices with
 * small DMA masks need, or bottom-up after memblock_set_bottom_up(true).
 * An allocation is simply a reservation of the range found.
 *
 * Files: memblock.c (region arrays and queries), memblock_alloc.c (finding
 * and allocating), memblock_debug.c (dumps and the memblock=debug trace).
 */
#include <kernel/errno.h>
#include <kernel/log2.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/memblock.h>

#include "memblock_internal.h"

#include <asm/mm.h>

static struct memblock_region
	memblock_memory_init_regions[INIT_MEMBLOCK_REGIONS] __initdata_memblock;
static struct memblock_region memblock_reserved_init_regions
	[INIT_MEMBLOCK_RESERVED_REGIONS] __initdata_memblock;
#if IS_ENABLED(CONFIG_HAVE_MEMBLOCK_PHYS_MAP)
static struct memblock_region
	memblock_physmem_init_regions[INIT_PHYSMEM_REGIONS] __initdata_memblock;
#endif

struct memblock memblock __initdata_memblock = {
	.memory.regions = memblock_memory_init_regions,
	.memory.max = INIT_MEMBLOCK_REGIONS,
	.memory.name = "memory",

	.reserved.regions = memblock_reserved_init_regions,
	.reserved.max = INIT_MEMBLOCK_RESERVED_REGIONS,
	.reserved.name = "reserved",

#if IS_ENABLED(CONFIG_HAVE_MEMBLOCK_PHYS_MAP)
	.physmem.regions = memblock_physmem_init_regions,
	.physmem.max = INIT_PHYSMEM_REGIONS,
	.physmem.name = "physmem",
#endif

	.bottom_up = false,
	.current_limit = MEMBLOCK_ALLOC_ANYWHERE,
};

/* Set by memblock_allow_resize(); cleared again by memblock_discard(). */
int memblock_can_resize __initdata_memblock;

/* Is @regions one of the static arrays (not memblock memory)? */
bool __init_memblock
memblock_array_is_static(const struct memblock_region *regions)
{
	return regions == memblock_memory_init_regions ||
	       regions == memblock_reserved_init_regions
#if IS_ENABLED(CONFIG_HAVE_MEMBLOCK_PHYS_MAP)
	       || regions == memblock_physmem_init_regions
#endif
		;
}

/* Drop entry @r, keeping the array packed. */
void __init_memblock memblock_remove_region(struct memblock_type *type,
					    unsigned long r)
{
	type->total_size -= type->regions[r].size;
	memmove(&type->regions[r], &type->regions[r + 1],
		(type->cnt - (r + 1)) * sizeof(type->regions[r]));
	type->cnt--;

	/* An empty array keeps a clean zero-sized first slot. */
	if (type->cnt == 0) {
		WARN_ON(type->total_size != 0);
		type->regions[0].base = 0;
		type->regions[0].size = 0;
		type->regions[0].flags = MEMBLOCK_NONE;
		memblock_set_region_node(&type->regions[0], MAX_NUMNODES);
	}
}

/*
 * Grow @type's array to twice its size.  The new array is found with
 * memblock itself, so it must avoid [new_area_start, +new_area_size): that
 * range is about to be added or reserved and may still look free.
 */
static int __init_memblock memblock_double_array(struct memblock_type *type,
						 phys_addr_t new_area_start,
						 phys_addr_t new_area_size)
{
	struct memblock_region *new_array, *old_array;
	phys_addr_t old_alloc_size, new_alloc_size;
	phys_addr_t old_size, new_size, addr;

	/*
	 * Until the arch has reserved what is already in use, any free range
	 * may hold something precious: refuse, and let the caller fail (the
	 * callers say what could not be recorded, or keep it for later).
	 */
	if (!memblock_can_resize) {
		memblock_dbg(
			"memblock: %s array full (%lu) before memblock_allow_resize()\n",
			type->name, type->max);
		return -ENOMEM;
	}

	old_size = type->max * sizeof(struct memblock_region);
	new_size = old_size << 1;
	/* Whole pages, so the array can later go back to the buddy. */
	old_alloc_size = ALIGN(old_size, (phys_addr_t)PAGE_SIZE);
	new_alloc_size = ALIGN(new_size, (phys_addr_t)PAGE_SIZE);

	addr = memblock_find_in_range(new_area_start + new_area_size,
				      memblock.current_limit, new_alloc_size,
				      PAGE_SIZE);
	if (!addr && new_area_size)
		addr = memblock_find_in_range(
			0, min(new_area_start, memblock.current_limit),
			new_alloc_size, PAGE_SIZE);
	if (!addr) {
		pr_err("memblock: Failed to double %s array from %lu to %lu entries !\n",
		       type->name, type->max, type->max * 2);
		return -ENOMEM;
	}

	memblock_dbg("%s is doubled to %lu at [0x%016llx-0x%016llx]\n",
		     type->name, type->max * 2, (unsigned long long)addr,
		     (unsigned long long)(addr + new_size - 1));

	new_array = __va(addr);
	memcpy(new_array, type->regions, old_size);
	memset(new_array + type->max, 0, old_size);
	old_array = type->regions;
	type->regions = new_array;
	type->max <<= 1;

	/*
	 * Reserve the new array before freeing the old one.  Either step may
	 * have to grow the reserved array, and that search must already see
	 * the new array as taken, or it could be handed out on top of it.
	 * If @type is "reserved" there is room now (max just doubled); if it
	 * is "memory", growing "reserved" avoids [addr, +new_alloc_size).
	 */
	if (memblock_reserve(addr, new_alloc_size)) {
		/* "reserved" could not grow: undo, nothing is lost */
		type->regions = old_array;
		type->max >>= 1;
		return -ENOMEM;
	}

	/*
	 * The static arrays are not memblock memory: never free them.  If
	 * this free cannot split a reservation the old array just leaks.
	 */
	if (!memblock_array_is_static(old_array))
		memblock_free(__pa(old_array), old_alloc_size);
	return 0;
}

/* Merge every pair of touching neighbours with the same node and flags. */
void __init_memblock memblock_merge_regions(struct memblock_type *type)
{
	unsigned long i = 0;

	while (i + 1 < type->cnt) {
		struct memblock_region *this = &type->regions[i];
		struct memblock_region *next = &type->regions[i + 1];

		if (this->base + this->size != next->base ||
		    memblock_get_region_node(this) !=
			    memblock_get_region_node(next) ||
		    this->flags != next->flags) {
			BUG_ON(this->base + this->size > next->base);
			i++;
			continue;
		}

		this->size += next->size;
		memmove(next, next + 1, (type->cnt - (i + 2)) * sizeof(*next));
		type->cnt--;
	}
}

/* Insert a region at @idx; the caller made sure there is room. */
static void __init_memblock memblock_insert_region(struct memblock_type *type,
						   unsigned long idx,
						   phys_addr_t base,
						   phys_addr_t size, int nid,
						   enum memblock_flags flags)
{
	struct memblock_region *rgn = &type->regions[idx];

	BUG_ON(type->cnt >= type->max);
	memmove(rgn + 1, rgn, (type->cnt - idx) * sizeof(*rgn));
	rgn->base = base;
	rgn->size = size;
	rgn->flags = flags;
	memblock_set_region_node(rgn, nid);
	type->cnt++;
	type->total_size += size;
}

/*
 * Each region of @type, from index @idx on, that overlaps [@base, @end),
 * with its bounds in @rbase and @rend; the walk ends at the first region
 * at or above @end, leaving @idx there.  The body may step @idx past
 * regions it inserts and move @base up.
 */
#define for_each_region_in(type, idx, rbase, rend, base, end)                 \
	for (; (idx) < (type)->cnt &&                                         \
	       ((rbase) = (type)->regions[idx].base) < (end);                 \
	     (idx)++)                                                         \
		if (((rend) = (rbase) + (type)->regions[idx].size) <= (base)) \
			continue;                                             \
		else

/*
 * Add [base, base+size) to @type.  Parts already covered are left exactly
 * as they are; only the holes are inserted.  The first pass counts the holes
 * so the array can be grown (or the call refused) before anything changes;
 * the second pass inserts them, then neighbours are merged.
 */
static int __init_memblock memblock_add_range(struct memblock_type *type,
					      phys_addr_t base,
					      phys_addr_t size, int nid,
					      enum memblock_flags flags)
{
	bool insert = false;
	phys_addr_t obase = base, rbase, rend;
	phys_addr_t end = base + memblock_cap_size(base, &size);
	unsigned long idx = 0;
	int nr_new;

	memblock_wrong_cpu(__func__);
	if (!size)
		return 0;

	/* The first region of an empty type needs no search at all. */
	if (type->cnt == 0) {
		WARN_ON(type->total_size != 0);
		type->regions[0].base = base;
		type->regions[0].size = size;
		type->regions[0].flags = flags;
		memblock_set_region_node(&type->regions[0], nid);
		type->total_size = size;
		type->cnt = 1;
		return 0;
	}
repeat:
	base = obase;
	nr_new = 0;
	idx = 0;

	for_each_region_in(type, idx, rbase, rend, base, end) {
		/* it overlaps: the part of the new range below it is new. */
		if (rbase > base) {
			WARN_ON(flags != type->regions[idx].flags);
			nr_new++;
			if (insert)
				memblock_insert_region(type, idx++, base,
						       rbase - base, nid,
						       flags);
		}
		base = min(rend, end);
	}
	/* Whatever is left above the last overlapping region. */
	if (base < end) {
		nr_new++;
		if (insert)
			memblock_insert_region(type, idx, base, end - base, nid,
					       flags);
	}

	if (!nr_new)
		return 0;

	if (!insert) {
		while (type->cnt + nr_new > type->max)
			if (memblock_double_array(type, obase, size) < 0)
				return -ENOMEM;
		insert = true;
		goto repeat;
	}
	memblock_merge_regions(type);
	return 0;
}

/**
 * memblock_add_node - add memory of a known node
 * @base: first byte
 * @size: length in bytes
 * @nid: node id
 * @flags: enum memblock_flags of the new memory
 *
 * Return: 0, or -ENOMEM if the region array is full and cannot grow.
 */
int __init_memblock memblock_add_node(phys_addr_t base, phys_addr_t size,
				      int nid, enum memblock_flags flags)
{
	memblock_dbg("%s: [0x%016llx-0x%016llx] nid=%d flags=0x%x %#lx\n",
		     __func__, (unsigned long long)base,
		     (unsigned long long)(base + size - 1), nid, flags,
		     _RET_IP_);
	return memblock_add_range(&memblock.memory, base, size, nid, flags);
}

/**
 * memblock_add_around - add memory around, or under, ranges not recorded yet
 * @base: first byte
 * @size: length in bytes
 * @nid: node id of the memory
 * @pending: reservations the caller has not recorded yet; MEMBLOCK_NOMAP
 *	in a region's flags asks for no-map memory under it
 * @nr_pending: entries in @pending
 * @under: false: add the parts of the range that no pending region
 *	touches; true: add the parts under pending regions, MEMBLOCK_NOMAP
 *	where a no-map one lies
 *
 * The way to let the arrays grow before every reservation is recorded
 * (when firmware lists more than the static arrays hold): add memory
 * around what is still pending, allow resizing (a new array can only land
 * in memory, and none of that is pending), record the reservations, then
 * add the memory under them.  No-map memory is never free, not even
 * between the steps.
 *
 * Return: 0, or the first error of the pieces (the rest are still added).
 */
int __init_memblock memblock_add_around(phys_addr_t base, phys_addr_t size,
					int nid,
					const struct memblock_region *pending,
					unsigned int nr_pending, bool under)
{
	phys_addr_t pos = base, last;
	int ret = 0;

	memblock_dbg("%s: [0x%016llx-0x%016llx] nid=%d %s %u pending %#lx\n",
		     __func__, (unsigned long long)base,
		     (unsigned long long)(base + size - 1), nid,
		     under ? "under" : "around", nr_pending, _RET_IP_);
	if (!memblock_cap_size(base, &size))
		return 0;
	last = base + size - 1;
	/* Pieces over which coverage does not change, left to right. */
	for (;;) {
		phys_addr_t plast = last;
		bool in = false, nomap = false;
		unsigned int i;
		int err;

		for (i = 0; i < nr_pending; i++) {
			const struct memblock_region *p = &pending[i];
			phys_addr_t rlast = p->base + p->size - 1;

			if (!p->size)
				continue;
			if (p->base <= pos && pos <= rlast) {
				in = true;
				nomap |= p->flags & MEMBLOCK_NOMAP;
				plast = min(plast, rlast);
			} else if (p->base > pos) {
				plast = min(plast, p->base - 1);
			}
		}
		if (in == under) {
			err = memblock_add_range(
				&memblock.memory, pos, plast - pos + 1, nid,
				nomap ? MEMBLOCK_NOMAP : MEMBLOCK_NONE);
			if (err && !ret)
				ret = err;
		}
		if (plast == last)
			return ret;
		pos = plast + 1;
	}
}

/**
 * memblock_add - add memory
 * @base: first byte
 * @size: length in bytes
 *
 * The memory is put on node 0, as Linux does without NUMA; NUMA setup code
 * relabels it with memblock_set_node().
 *
 * Return: 0, or -ENOMEM if the region array is full and cannot grow.
 */
int __init_memblock memblock_add(phys_addr_t base, phys_addr_t size)
{
	memblock_trace_range(base, size);
	return memblock_add_range(&memblock.memory, base, size, 0,
				  MEMBLOCK_NONE);
}

/*
 * Count how many regions splitting @type at @base and @end would add:
 * one for each boundary that falls strictly inside a region.
 */
static int __init_memblock memblock_splits_needed(struct memblock_type *type,
						  phys_addr_t base,
						  phys_addr_t end)
{
	unsigned long i;
	int n = 0;

	for (i = 0; i < type->cnt; i++) {
		phys_addr_t rbase = type->regions[i].base;
		phys_addr_t rend = rbase + type->regions[i].size;

		if (rbase >= end)
			break;
		if (rbase < base && base < rend)
			n++;
		if (rbase < end && end < rend)
			n++;
	}
	return n;
}

/**
 * memblock_isolate_range - split regions so a range has its own entries
 * @type: region type
 * @base: first byte of the range
 * @size: length of the range
 * @start_rgn: out: index of the first region inside the range
 * @end_rgn: out: index just past the last region inside the range
 *
 * Regions crossing either end of the range are split there, so that the
 * range is exactly covered by regions [@start_rgn, @end_rgn).  The array is
 * grown first if needed, so on failure nothing has changed.
 *
 * Return: 0, or -ENOMEM if the array is full and cannot grow.
 */
int __init_memblock memblock_isolate_range(struct memblock_type *type,
					   phys_addr_t base, phys_addr_t size,
					   int *start_rgn, int *end_rgn)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	phys_addr_t rbase, rend;
	unsigned long idx = 0;

	*start_rgn = *end_rgn = 0;
	if (!size)
		return 0;

	while (type->cnt + memblock_splits_needed(type, base, end) > type->max)
		if (memblock_double_array(type, base, size) < 0)
			return -ENOMEM;

	for_each_region_in(type, idx, rbase, rend, base, end) {
		struct memblock_region *rgn = &type->regions[idx];

		if (rbase < base) {
			/*
			 * Starts below the range: split off the lower part
			 * and look at the upper half on the next round.
			 */
			rgn->base = base;
			rgn->size -= base - rbase;
			type->total_size -= base - rbase;
			memblock_insert_region(type, idx, rbase, base - rbase,
					       memblock_get_region_node(rgn),
					       rgn->flags);
		} else if (rend > end) {
			/*
			 * Ends above the range: split off the upper part and
			 * look at the lower half again at the same index.
			 */
			rgn->base = end;
			rgn->size -= end - rbase;
			type->total_size -= end - rbase;
			memblock_insert_region(type, idx--, rbase, end - rbase,
					       memblock_get_region_node(rgn),
					       rgn->flags);
		} else {
			/* Fully inside: record it. */
			if (!*end_rgn)
				*start_rgn = (int)idx;
			*end_rgn = (int)idx + 1;
		}
	}
	return 0;
}

/*
 * Take [base, base+size) out of @type: isolate it, then drop the regions
 * inside.  Parts not in @type are ignored; -ENOMEM leaves @type unchanged.
 */
int __init_memblock memblock_remove_range(struct memblock_type *type,
					  phys_addr_t base, phys_addr_t size)
{
	int start_rgn, end_rgn;
	int i, ret;

	memblock_wrong_cpu(__func__);
	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = end_rgn - 1; i >= start_rgn; i--)
		memblock_remove_region(type, (unsigned long)i);
	return 0;
}

/**
 * memblock_remove - take a range out of usable memory
 * @base: first byte
 * @size: length in bytes
 *
 * Parts of the range that are not memory are ignored.
 *
 * Return: 0, or -ENOMEM if a region had to be split and could not be.
 */
int __init_memblock memblock_remove(phys_addr_t base, phys_addr_t size)
{
	memblock_trace_range(base, size);
	return memblock_remove_range(&memblock.memory, base, size);
}

/**
 * memblock_phys_free - release a reservation
 * @base: first byte (physical)
 * @size: length in bytes
 *
 * Parts of the range that are not reserved are ignored.
 *
 * Return: 0, or -ENOMEM if a region had to be split and could not be.
 */
int __init_memblock memblock_phys_free(phys_addr_t base, phys_addr_t size)
{
	memblock_trace_range(base, size);
	return memblock_remove_range(&memblock.reserved, base, size);
}

/**
 * memblock_free - release a reservation (the older name)
 * @base: first byte (physical)
 * @size: length in bytes
 *
 * Same as memblock_phys_free(): this kernel keeps the old physical-address
 * signature.
 *
 * Return: 0, or -ENOMEM if a region had to be split and could not be.
 */
int __init_memblock memblock_free(phys_addr_t base, phys_addr_t size)
{
	memblock_trace_range(base, size);
	return memblock_remove_range(&memblock.reserved, base, size);
}

/**
 * memblock_reserve - mark a range as in use
 * @base: first byte
 * @size: length in bytes
 *
 * Return: 0, or -ENOMEM if the reserved array is full and cannot grow.
 */
int __init_memblock memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	memblock_trace_range(base, size);
	return memblock_add_range(&memblock.reserved, base, size, MAX_NUMNODES,
				  MEMBLOCK_NONE);
}

#if IS_ENABLED(CONFIG_HAVE_MEMBLOCK_PHYS_MAP)
/**
 * memblock_physmem_add - record memory as firmware reported it
 * @base: first byte
 * @size: length in bytes
 *
 * Return: 0, or -ENOMEM if the physmem array is full and cannot grow.
 */
int __init_memblock memblock_physmem_add(phys_addr_t base, phys_addr_t size)
{
	memblock_trace_range(base, size);
	return memblock_add_range(&memblock.physmem, base, size, MAX_NUMNODES,
				  MEMBLOCK_NONE);
}
#endif

/**
 * memblock_allow_resize - let the region arrays grow from now on
 *
 * Call once all memory in use has been reserved: growing takes memory from
 * memblock itself.
 */
void __init memblock_allow_resize(void)
{
	memblock_can_resize = 1;
}

/**
 * memblock_set_current_limit - cap MEMBLOCK_ALLOC_ACCESSIBLE allocations
 * @limit: new limit (exclusive), MEMBLOCK_ALLOC_ANYWHERE for none
 */
void __init_memblock memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

/**
 * memblock_get_current_limit - the MEMBLOCK_ALLOC_ACCESSIBLE cap
 *
 * Return: the current limit.
 */
phys_addr_t __init_memblock memblock_get_current_limit(void)
{
	return memblock.current_limit;
}

/*
 * Point @type back at its static array, empty.  Used by memblock_discard()
 * once a grown array has been handed to the page allocator.
 */
void __init_memblock memblock_reset_type(struct memblock_type *type)
{
	if (type == &memblock.memory) {
		type->regions = memblock_memory_init_regions;
		type->max = INIT_MEMBLOCK_REGIONS;
	} else if (type == &memblock.reserved) {
		type->regions = memblock_reserved_init_regions;
		type->max = INIT_MEMBLOCK_RESERVED_REGIONS;
	}
#if IS_ENABLED(CONFIG_HAVE_MEMBLOCK_PHYS_MAP)
	else if (type == &memblock.physmem) {
		type->regions = memblock_physmem_init_regions;
		type->max = INIT_PHYSMEM_REGIONS;
	}
#endif
	memset(type->regions, 0, type->max * sizeof(type->regions[0]));
	type->cnt = 0;
	type->total_size = 0;
}
