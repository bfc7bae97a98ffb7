// SPDX-License-Identifier: MIT
/**
 * DOC: bootmem over memblock (the default backend)
 *
 * The bootmem API as thin shims over memblock, like Linux's nobootmem.c:
 * an allocation is a memblock search plus a reservation, a free is a
 * memblock free, and free_all_bootmem() is memblock_free_all().  There is
 * no state of its own, so memblock and bootmem can be mixed freely.
 *
 * Two details keep the behaviour identical to the bitmap backend: bootmem
 * reservations cover whole pages (the bitmap has one bit per page), and an
 * allocation whose goal cannot fit below its limit drops the goal.
 */
#include <kernel/errno.h>
#include <kernel/string.h>

#include "../../bootmem_internal.h"

/* One attempt: node @nid (or any), window [goal, limit), zeroed on success */
static void *__init __alloc_memory_core_early(int nid, u64 size, u64 align,
					      u64 goal, u64 limit)
{
	phys_addr_t addr;
	void *ptr;

	/* limit 0 means "no limit", which memblock spells ACCESSIBLE */
	if (limit > memblock.current_limit)
		limit = memblock.current_limit;

	addr = memblock_find_in_range_node(size, align, goal, limit, nid,
					   MEMBLOCK_NONE);
	if (!addr)
		return NULL;
	if (memblock_reserve(addr, size))
		return NULL;

	ptr = phys_to_virt(addr);
	memset(ptr, 0, size);
	return ptr;
}

/* Backend hook (bootmem_internal.h): memblock searches node or all. */
void *__init bootmem_backend_alloc(int nid, unsigned long size,
				   unsigned long align, unsigned long goal,
				   unsigned long limit)
{
	return __alloc_memory_core_early(nid, size, align, goal, limit);
}

/**
 * free_bootmem - release boot memory
 * @physaddr: first byte
 * @size: length in bytes
 */
void __init free_bootmem(unsigned long physaddr, unsigned long size)
{
	bdebug("addr=%lx size=%lx caller=%#lx\n", physaddr, size, _RET_IP_);
	memblock_free(physaddr, size);
}

/**
 * free_bootmem_node - release boot memory of a node
 * @nid: node (memblock needs no node to free)
 * @physaddr: first byte
 * @size: length in bytes
 */
void __init free_bootmem_node(int nid, unsigned long physaddr,
			      unsigned long size)
{
	bdebug("nid=%d addr=%lx size=%lx caller=%#lx\n", nid, physaddr, size,
	       _RET_IP_);
	memblock_free(physaddr, size);
}

/* Reserve whole pages, refusing (with no change) overlaps if exclusive. */
static int __init bootmem_reserve_pages(unsigned long addr, unsigned long size,
					int flags)
{
	phys_addr_t start = PFN_PHYS(PFN_DOWN(addr));
	phys_addr_t end = PFN_PHYS(PFN_UP((phys_addr_t)addr + size));

	if (!size)
		return 0;
	if ((flags & BOOTMEM_EXCLUSIVE) &&
	    memblock_is_region_reserved(start, end - start))
		return -EBUSY;
	return memblock_reserve(start, end - start);
}

/**
 * reserve_bootmem - mark boot memory as in use
 * @addr: first byte (rounded down to a page)
 * @size: length in bytes (the end is rounded up to a page)
 * @flags: BOOTMEM_DEFAULT, or BOOTMEM_EXCLUSIVE to fail on any overlap
 *
 * Return: 0, -EBUSY if exclusive and part of the range was reserved (then
 * nothing changes), or -ENOMEM.
 */
int __init reserve_bootmem(unsigned long addr, unsigned long size, int flags)
{
	bdebug("addr=%lx size=%lx flags=%x caller=%#lx\n", addr, size, flags,
	       _RET_IP_);
	return bootmem_reserve_pages(addr, size, flags);
}

/**
 * reserve_bootmem_node - reserve_bootmem() for a node's memory
 * @nid: node (memblock needs no node to reserve)
 * @physaddr: first byte
 * @size: length in bytes
 * @flags: BOOTMEM_DEFAULT or BOOTMEM_EXCLUSIVE
 *
 * Return: 0, -EBUSY or -ENOMEM as for reserve_bootmem().
 */
int __init reserve_bootmem_node(int nid, unsigned long physaddr,
				unsigned long size, int flags)
{
	bdebug("nid=%d addr=%lx size=%lx flags=%x caller=%#lx\n", nid, physaddr,
	       size, flags, _RET_IP_);
	return bootmem_reserve_pages(physaddr, size, flags);
}

/**
 * bootmem_init_from_memblock - set up bootmem once memblock is populated
 *
 * Memblock is the bootmem state in this backend: only the pfn bounds are
 * filled in (if the arch left them 0).
 */
void __init bootmem_init_from_memblock(void)
{
	bdebug("caller=%#lx\n", _RET_IP_);
	bootmem_set_pfn_bounds();
}

/**
 * free_all_bootmem - release all free boot memory to the page allocator
 *
 * Return: the number of pages released.
 */
unsigned long __init free_all_bootmem(void)
{
	unsigned long pages;

	/* memblock_free_all() resets the zones' managed counts itself */
	pages = memblock_free_all();
	bdebug("released=%lx\n", pages);
	return pages;
}

/* ---- the backend hooks (struct bootmem_backend, <mm/bootmem.h>) ---- */

/* Memblock is the bootmem state: there is nothing to take over. */
static void __init bootmem_memblock_init(void)
{
}

/* memblock_free_all() sizes the watermarks and counts totalram itself. */
static unsigned long __init bootmem_memblock_finish(void)
{
	return free_all_bootmem();
}

/* Each node's free memblock ranges from its first deferred pfn up. */
static unsigned long
bootmem_memblock_finish_deferred(const unsigned long *first)
{
	unsigned long pages = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (first[nid] != ~0UL)
			pages += free_memblock_ranges(nid, first[nid]);
	return pages;
}

const struct bootmem_backend bootmem_backend = {
	.name = "memblock",
	.init = bootmem_memblock_init,
	.finish = bootmem_memblock_finish,
	.finish_deferred = bootmem_memblock_finish_deferred,
};
