// SPDX-License-Identifier: MIT
/**
 * DOC: bootmem API front end
 *
 * The public allocation functions are the same for both backends: they
 * trace the call (bootmem_debug), divert late callers to kmalloc with a
 * warning, and panic or return NULL.  ___alloc_bootmem_nopanic() holds the
 * search order: the node, then every node, then the same without the
 * goal.  The backend supplies one attempt (bootmem_backend_alloc()) and,
 * in its own file, reserve/free and free_all_bootmem().
 */
#include "bootmem_internal.h"

unsigned long max_low_pfn;
unsigned long min_low_pfn;
unsigned long max_pfn;
int bootmem_debug = IS_ENABLED(CONFIG_BOOTMEM_DEBUG);

void *__init ___alloc_bootmem_nopanic(int nid, unsigned long size,
				      unsigned long align, unsigned long goal,
				      unsigned long limit)
{
	void *ptr;

	if (!size)
		return NULL;
	align = bootmem_check_align(align);
	/* a goal that cannot fit below the limit is dropped, not the limit */
	if (limit && goal + size > limit)
		goal = 0;
again:
	if (nid != NUMA_NO_NODE) {
		ptr = bootmem_backend_alloc(nid, size, align, goal, limit);
		if (ptr)
			return ptr;
	}
	ptr = bootmem_backend_alloc(NUMA_NO_NODE, size, align, goal, limit);
	if (ptr)
		return ptr;
	if (goal) {
		goal = 0;
		goto again;
	}
	return NULL;
}

static void *__init ___alloc_bootmem(int nid, unsigned long size,
				     unsigned long align, unsigned long goal,
				     unsigned long limit)
{
	void *mem = ___alloc_bootmem_nopanic(nid, size, align, goal, limit);

	if (mem)
		return mem;
	printk(KERN_ALERT "bootmem alloc of %lu bytes failed!\n", size);
	bootmem_oom(size, align, goal, limit);
}

/*
 * Front door of every allocation: trace it, and serve it from slab with a
 * warning if the caller is late.
 */
static void *__init bootmem_alloc(const char *fn, unsigned long caller,
				  bool can_panic, int nid, unsigned long size,
				  unsigned long align, unsigned long goal,
				  unsigned long limit)
{
	bdebug("%s nid=%d size=%lx align=%lx goal=%lx limit=%lx caller=%#lx\n",
	       fn, nid, size, align, goal, limit, caller);
	memblock_wrong_cpu(fn);
	if (WARN_ON_ONCE(slab_is_available()))
		return bootmem_slab_fallback(size, nid);
	if (can_panic)
		return ___alloc_bootmem(nid, size, align, goal, limit);
	return ___alloc_bootmem_nopanic(nid, size, align, goal, limit);
}

/**
 * __alloc_bootmem_nopanic - allocate zeroed boot memory
 * @size: bytes
 * @align: alignment (power of two)
 * @goal: preferred lowest address (dropped if nothing fits above it)
 *
 * Return: virtual address, or NULL.
 */
void *__init __alloc_bootmem_nopanic(unsigned long size, unsigned long align,
				     unsigned long goal)
{
	return bootmem_alloc(__func__, _RET_IP_, false, NUMA_NO_NODE, size,
			     align, goal, 0);
}

/**
 * __alloc_bootmem - allocate zeroed boot memory or panic
 * @size: bytes
 * @align: alignment (power of two)
 * @goal: preferred lowest address (dropped if nothing fits above it)
 *
 * Return: virtual address; panics when memory is exhausted.
 */
void *__init __alloc_bootmem(unsigned long size, unsigned long align,
			     unsigned long goal)
{
	return bootmem_alloc(__func__, _RET_IP_, true, NUMA_NO_NODE, size,
			     align, goal, 0);
}

/**
 * __alloc_bootmem_node_nopanic - allocate zeroed memory, preferably on @nid
 * @nid: preferred node
 * @size: bytes
 * @align: alignment (power of two)
 * @goal: preferred lowest address
 *
 * Return: virtual address, or NULL.
 */
void *__init __alloc_bootmem_node_nopanic(int nid, unsigned long size,
					  unsigned long align,
					  unsigned long goal)
{
	return bootmem_alloc(__func__, _RET_IP_, false, nid, size, align, goal,
			     0);
}

/**
 * __alloc_bootmem_node - allocate zeroed memory, preferably on @nid, or panic
 * @nid: preferred node
 * @size: bytes
 * @align: alignment (power of two)
 * @goal: preferred lowest address
 *
 * Return: virtual address; panics when memory is exhausted.
 */
void *__init __alloc_bootmem_node(int nid, unsigned long size,
				  unsigned long align, unsigned long goal)
{
	return bootmem_alloc(__func__, _RET_IP_, true, nid, size, align, goal,
			     0);
}

/**
 * __alloc_bootmem_node_high - __alloc_bootmem_node() (no highmem here)
 * @nid: preferred node
 * @size: bytes
 * @align: alignment (power of two)
 * @goal: preferred lowest address
 *
 * Return: virtual address; panics when memory is exhausted.
 */
void *__init __alloc_bootmem_node_high(int nid, unsigned long size,
				       unsigned long align, unsigned long goal)
{
	return bootmem_alloc(__func__, _RET_IP_, true, nid, size, align, goal,
			     0);
}

/**
 * __alloc_bootmem_low - allocate zeroed memory below ARCH_LOW_ADDRESS_LIMIT
 * @size: bytes
 * @align: alignment (power of two)
 * @goal: preferred lowest address
 *
 * Return: virtual address; panics when memory is exhausted.
 */
void *__init __alloc_bootmem_low(unsigned long size, unsigned long align,
				 unsigned long goal)
{
	return bootmem_alloc(__func__, _RET_IP_, true, NUMA_NO_NODE, size,
			     align, goal, ARCH_LOW_ADDRESS_LIMIT);
}

/**
 * __alloc_bootmem_low_nopanic - __alloc_bootmem_low() returning NULL
 * @size: bytes
 * @align: alignment (power of two)
 * @goal: preferred lowest address
 *
 * Return: virtual address, or NULL.
 */
void *__init __alloc_bootmem_low_nopanic(unsigned long size,
					 unsigned long align,
					 unsigned long goal)
{
	return bootmem_alloc(__func__, _RET_IP_, false, NUMA_NO_NODE, size,
			     align, goal, ARCH_LOW_ADDRESS_LIMIT);
}

/**
 * __alloc_bootmem_low_node - low memory, preferably on @nid, or panic
 * @nid: preferred node
 * @size: bytes
 * @align: alignment (power of two)
 * @goal: preferred lowest address
 *
 * Return: virtual address; panics when memory is exhausted.
 */
void *__init __alloc_bootmem_low_node(int nid, unsigned long size,
				      unsigned long align, unsigned long goal)
{
	return bootmem_alloc(__func__, _RET_IP_, true, nid, size, align, goal,
			     ARCH_LOW_ADDRESS_LIMIT);
}

/**
 * free_bootmem_late - give boot memory straight to the page allocator
 * @physaddr: first byte
 * @size: length in bytes
 *
 * For use after free_all_bootmem(); only whole pages are released.
 */
void __init free_bootmem_late(unsigned long physaddr, unsigned long size)
{
	bdebug("addr=%lx size=%lx caller=%#lx\n", physaddr, size, _RET_IP_);
	memblock_free_late(physaddr, size);
}
