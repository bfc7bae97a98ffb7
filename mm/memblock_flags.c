// SPDX-License-Identifier: MIT
/**
 * DOC: memblock region flags and node ids
 *
 * Attributes of memory already in memblock.memory: the MEMBLOCK_HOTPLUG,
 * MEMBLOCK_MIRROR and MEMBLOCK_NOMAP flags, and the node id of each range
 * (memblock_set_node()).  Each cuts the regions at the range's edges
 * (memblock_isolate_range()), sets the attribute on the regions inside,
 * then merges neighbours that became alike again.
 */
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <mm/memblock.h>

#include "memblock_internal.h"

/* Set or clear @flag on the memory in [base, base+size). */
static int __init_memblock memblock_setclr_flag(phys_addr_t base,
						phys_addr_t size, bool set,
						enum memblock_flags flag)
{
	struct memblock_type *type = &memblock.memory;
	int i, ret, start_rgn, end_rgn;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = start_rgn; i < end_rgn; i++) {
		struct memblock_region *r = &type->regions[i];

		if (set)
			r->flags |= flag;
		else
			r->flags &= ~flag;
	}
	memblock_merge_regions(type);
	return 0;
}

#define MEMBLOCK_FLAG_FN(name, set, flag)                            \
	int __init_memblock name(phys_addr_t base, phys_addr_t size) \
	{                                                            \
		memblock_trace_range(base, size);                    \
		return memblock_setclr_flag(base, size, set, flag);  \
	}

/**
 * memblock_mark_hotplug - flag memory as hot-pluggable
 * @base: first byte
 * @size: length in bytes
 *
 * Return: 0, or -ENOMEM if a region had to be split and could not be.
 */
MEMBLOCK_FLAG_FN(memblock_mark_hotplug, true, MEMBLOCK_HOTPLUG)

/**
 * memblock_clear_hotplug - clear MEMBLOCK_HOTPLUG on a range
 * @base: first byte
 * @size: length in bytes
 *
 * Return: 0, or -ENOMEM if a region had to be split and could not be.
 */
MEMBLOCK_FLAG_FN(memblock_clear_hotplug, false, MEMBLOCK_HOTPLUG)

/**
 * memblock_mark_mirror - flag memory as mirrored
 * @base: first byte
 * @size: length in bytes
 *
 * Return: 0, or -ENOMEM if a region had to be split and could not be.
 */
MEMBLOCK_FLAG_FN(memblock_mark_mirror, true, MEMBLOCK_MIRROR)

/**
 * memblock_clear_mirror - clear MEMBLOCK_MIRROR on a range
 * @base: first byte
 * @size: length in bytes
 *
 * Return: 0, or -ENOMEM if a region had to be split and could not be.
 */
MEMBLOCK_FLAG_FN(memblock_clear_mirror, false, MEMBLOCK_MIRROR)

/**
 * memblock_mark_nomap - keep memory out of the direct map and allocations
 * @base: first byte
 * @size: length in bytes
 *
 * Return: 0, or -ENOMEM if a region had to be split and could not be.
 */
MEMBLOCK_FLAG_FN(memblock_mark_nomap, true, MEMBLOCK_NOMAP)

/**
 * memblock_clear_nomap - clear MEMBLOCK_NOMAP on a range
 * @base: first byte
 * @size: length in bytes
 *
 * Return: 0, or -ENOMEM if a region had to be split and could not be.
 */
MEMBLOCK_FLAG_FN(memblock_clear_nomap, false, MEMBLOCK_NOMAP)

/**
 * memblock_set_node - assign a node to the regions of a range
 * @base: first byte
 * @size: length in bytes
 * @type: region type (normally &memblock.memory)
 * @nid: node id
 *
 * Return: 0, or -ENOMEM if a region had to be split and could not be.
 */
int __init_memblock memblock_set_node(phys_addr_t base, phys_addr_t size,
				      struct memblock_type *type, int nid)
{
	int start_rgn, end_rgn;
	int i, ret;

	memblock_dbg("%s: [0x%016llx-0x%016llx] nid=%d %#lx\n", __func__,
		     (unsigned long long)base,
		     (unsigned long long)(base + size - 1), nid, _RET_IP_);
	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = start_rgn; i < end_rgn; i++)
		memblock_set_region_node(&type->regions[i], nid);
	memblock_merge_regions(type);
	return 0;
}
