// SPDX-License-Identifier: MIT
/**
 * DOC: memblock limits and cleanup
 *
 * Boot options and late boot steps that cut the memory map down:
 *
 * * mem=<size>: memblock_enforce_memory_limit() keeps the first <size>
 *   bytes of memory and drops everything above (memory and reservations);
 *   memblock_mem_limit_remove_map() does the same but keeps nomap regions,
 *   which firmware may still need mapped.
 * * memblock_cap_memory_range(): keep only one window (crash kernels).
 * * memblock_trim_memory(): drop partial pages at region edges.
 * * memblock_discard(): after the page allocator took over, hand memory
 *   used by grown region arrays back to it.
 */
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/memblock.h>

#include <asm/mm.h>

#include "memblock_internal.h"

/* The address where the first @limit bytes of memory end. */
static phys_addr_t __init_memblock __find_max_addr(phys_addr_t limit)
{
	phys_addr_t max_addr = PHYS_ADDR_MAX;
	struct memblock_region *r;

	for_each_mem_region(r) {
		if (limit <= r->size) {
			max_addr = r->base + limit;
			break;
		}
		limit -= r->size;
	}
	return max_addr;
}

/*
 * Where mem=@limit cuts memory, traced as @func's call from @ip:
 * PHYS_ADDR_MAX for nothing to cut (no limit, or more than there is).
 */
static phys_addr_t __init memory_limit_cut(phys_addr_t limit, const char *func,
					   unsigned long ip)
{
	memblock_dbg("%s: limit=0x%llx %#lx\n", func, (unsigned long long)limit,
		     ip);
	return limit ? __find_max_addr(limit) : PHYS_ADDR_MAX;
}

/**
 * memblock_enforce_memory_limit - keep only the first @limit bytes of memory
 * @limit: bytes of memory to keep (mem=); 0 means no limit
 *
 * Memory and reservations above the cut are removed.  A limit larger than
 * the memory present changes nothing.
 */
void __init memblock_enforce_memory_limit(phys_addr_t limit)
{
	phys_addr_t max_addr = memory_limit_cut(limit, __func__, _RET_IP_);

	if (max_addr == PHYS_ADDR_MAX)
		return;

	/* A failed split only leaves more memory (or reservations). */
	if (memblock_remove_range(&memblock.memory, max_addr, PHYS_ADDR_MAX))
		pr_err("memblock: cannot split memory at %#llx; mem= not applied\n",
		       (unsigned long long)max_addr);
	memblock_remove_range(&memblock.reserved, max_addr, PHYS_ADDR_MAX);
}

/**
 * memblock_cap_memory_range - keep only memory inside one window
 * @base: first byte of the window
 * @size: length of the window
 *
 * Memory outside the window is removed, except nomap regions (firmware
 * tables that must stay described); reservations outside are dropped.
 */
void __init memblock_cap_memory_range(phys_addr_t base, phys_addr_t size)
{
	int start_rgn, end_rgn;
	long i;

	memblock_trace_range(base, size);
	/*
	 * A window running past the top of the address space ends there,
	 * as in Linux: computed unclamped, base + size would wrap to a low
	 * address and the removal above the window would take every
	 * reservation with it.
	 */
	memblock_cap_size(base, &size);
	if (!size)
		return;

	if (!memblock.memory.total_size) {
		pr_warn("%s: No memory registered yet\n", __func__);
		return;
	}

	if (memblock_isolate_range(&memblock.memory, base, size, &start_rgn,
				   &end_rgn)) {
		pr_err("memblock: cannot split memory at [mem %#018llx-%#018llx]; memory not capped\n",
		       (unsigned long long)base,
		       (unsigned long long)(base + size - 1));
		return;
	}

	/* everything above the window, then everything below it */
	for (i = (long)memblock.memory.cnt - 1; i >= end_rgn; i--)
		if (!memblock_is_nomap(&memblock.memory.regions[i]))
			memblock_remove_region(&memblock.memory,
					       (unsigned long)i);
	for (i = start_rgn - 1; i >= 0; i--)
		if (!memblock_is_nomap(&memblock.memory.regions[i]))
			memblock_remove_region(&memblock.memory,
					       (unsigned long)i);

	memblock_remove_range(&memblock.reserved, 0, base);
	memblock_remove_range(&memblock.reserved, base + size, PHYS_ADDR_MAX);
}

/**
 * memblock_mem_limit_remove_map - mem= that keeps nomap regions
 * @limit: bytes of memory to keep; 0 means no limit
 */
void __init memblock_mem_limit_remove_map(phys_addr_t limit)
{
	phys_addr_t max_addr = memory_limit_cut(limit, __func__, _RET_IP_);

	if (max_addr == PHYS_ADDR_MAX)
		return;

	memblock_cap_memory_range(0, max_addr);
}

/**
 * memblock_trim_memory - shrink memory regions to @align boundaries
 * @align: alignment, usually PAGE_SIZE
 *
 * Partial pages at the edges of a region cannot be handed to the page
 * allocator; trimming makes every region a whole number of @align units
 * and drops regions smaller than that.
 */
void __init_memblock memblock_trim_memory(phys_addr_t align)
{
	struct memblock_type *type = &memblock.memory;
	unsigned long i = 0;

	memblock_dbg("%s: align=0x%llx %#lx\n", __func__,
		     (unsigned long long)align, _RET_IP_);
	while (i < type->cnt) {
		struct memblock_region *r = &type->regions[i];
		phys_addr_t orig_start = r->base;
		phys_addr_t orig_end = r->base + r->size;
		phys_addr_t start = ALIGN(orig_start, align);
		phys_addr_t end = ALIGN_DOWN(orig_end, align);

		if (start == orig_start && end == orig_end) {
			i++;
			continue;
		}
		/* start < orig_start: ALIGN wrapped at the top of the space */
		if (start < end && start >= orig_start) {
			/* Linux forgets total_size here; keep it exact */
			type->total_size -= r->size - (end - start);
			r->base = start;
			r->size = end - start;
			i++;
		} else {
			memblock_remove_region(type, i);
		}
	}
}

/**
 * memblock_free_late - give a range straight to the page allocator
 * @base: first byte
 * @size: length in bytes
 *
 * For use after memblock_free_all(): only whole pages are released, and
 * memblock's own arrays are not updated (they may be gone already).  As
 * in Linux, the pages join totalram_pages (memblock_free_pages() counts
 * them in their zone's managed pages).
 */
void __init memblock_free_late(phys_addr_t base, phys_addr_t size)
{
	unsigned long cursor, end;

	memblock_trace_range(base, size);
	cursor = PFN_UP(base);
	end = PFN_DOWN(base + size);
	if (cursor >= end)
		return;
	totalram_pages_add((long)(end - cursor));
	for (; cursor < end; cursor++)
		memblock_free_pages(pfn_to_page(cursor), cursor, 0);
}

/* Ordinary data: read after boot, when memblock itself may be gone. */
unsigned long memblock_discarded_pages;
bool memblock_discarded;

#if IS_ENABLED(CONFIG_ARCH_DISCARD_MEMBLOCK)
/* Give one grown array back; returns its pages. */
static unsigned long __init discard_array(struct memblock_type *type)
{
	phys_addr_t size;

	if (memblock_array_is_static(type->regions))
		return 0;
	size = ALIGN(sizeof(struct memblock_region) * type->max,
		     (phys_addr_t)PAGE_SIZE);
	memblock_free_late(__pa(type->regions), size);
	return (unsigned long)(size >> PAGE_SHIFT);
}

/**
 * memblock_discard - release the memory of grown region arrays
 *
 * Called once the page allocator owns memory (free_initmem(), as Linux's
 * page_alloc_init_late()).  Arrays that memblock_double_array() allocated
 * go back to the page allocator; the static ones go away with the __init
 * sections.  memblock is empty afterwards and must not be used again.
 * memblock_discarded and memblock_discarded_pages record that it ran and
 * what it gave back.
 */
void __init memblock_discard(void)
{
	unsigned long pages = discard_array(&memblock.reserved);

	pages += discard_array(&memblock.memory);

	if (pages)
		pr_info("memblock: %lu pages of grown region arrays released\n",
			pages);
	memblock_discarded_pages += pages;
	memblock_discarded = true;
	memblock_reset_type(&memblock.reserved);
	memblock_reset_type(&memblock.memory);
	/* nothing may grow into memory the page allocator now owns */
	memblock_can_resize = 0;
}
#else
/* Memblock stays for the life of the system: nothing to release. */
void memblock_discard(void)
{
}
#endif
