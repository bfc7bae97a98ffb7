/* SPDX-License-Identifier: MIT */
/*
 * The memblock side of the command line, the same on every arch:
 * mem=<size> and memblock=debug (mm/memblock_cmdline.c), and the tail
 * every arch's memory setup ends with once RAM and reservations are in.
 */
#ifndef _MM_MEMBLOCK_CMDLINE_H
#define _MM_MEMBLOCK_CMDLINE_H

#include <kernel/printk.h>
#include <kernel/types.h>
#include <mm/memblock.h>

/* mem=: the highest address RAM may reach; PHYS_ADDR_MAX for no limit. */
extern phys_addr_t memblock_memory_limit;

/**
 * memblock_limit_trim_dump - finish an arch's memory setup
 * @limit: the mem= cap (PHYS_ADDR_MAX for none)
 *
 * Caps RAM at @limit (saying so), trims partial pages at region edges
 * (the buddy allocator works in whole pages) and dumps the result (fully
 * with memblock=debug).  Inline so the host builds of the arch memory
 * setup (tools/memmap, the host tests) need no extra object.
 */
static inline void memblock_limit_trim_dump(phys_addr_t limit)
{
	if (limit != PHYS_ADDR_MAX) {
		memblock_enforce_memory_limit(limit);
		pr_info("mem=: memory capped at %llu MiB\n",
			(unsigned long long)(limit >> 20));
	}
	memblock_trim_memory(PAGE_SIZE);
	memblock_dump_all();
}

#endif /* _MM_MEMBLOCK_CMDLINE_H */
