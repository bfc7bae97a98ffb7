// SPDX-License-Identifier: MIT
/*
 * DOC: E820 -> memblock
 *
 * The command-line side of the memory map (mem=, memmap=, memblock=) and
 * the hand-over to memblock.  Kept apart from e820.c so the table logic
 * builds and is tested on the host without memblock.
 */
#include <asm/e820.h>
#include <asm/mm.h>
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/memblock.h>

static phys_addr_t memory_limit = PHYS_ADDR_MAX;

static int __init early_mem(const char *val)
{
	return parse_mem_limit(val, &memory_limit);
}
early_param("mem", early_mem);

static int __init early_memmap(const char *val)
{
	return e820__parse_memmap(val);
}
early_param("memmap", early_memmap);

static int __init early_memblock(const char *val)
{
	if (val && !strcmp(val, "debug"))
		memblock_set_debug(true);
	return 0;
}
early_param("memblock", early_memblock);

/**
 * e820__memblock_setup - give the sanitized E820 RAM to memblock
 *
 * RAM and kernel-claimed RAM become memblock memory; soft-reserved
 * ranges are reserved so nothing allocates from them even if they
 * overlap RAM.  mem= then caps the total, partial pages at range edges
 * are trimmed (the buddy works in whole pages), and the result is dumped
 * (fully with memblock=debug).
 */
void __init e820__memblock_setup(void)
{
	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (e->type == E820_TYPE_SOFT_RESERVED)
			memblock_reserve(e->addr, e->size);
		if (e->type != E820_TYPE_RAM &&
		    e->type != E820_TYPE_RESERVED_KERN)
			continue;
		memblock_add(e->addr, e->size);
	}
	if (memory_limit != PHYS_ADDR_MAX) {
		memblock_enforce_memory_limit(memory_limit);
		pr_info("mem=: memory capped at %llu MiB\n",
			(unsigned long long)(memory_limit >> 20));
	}
	memblock_trim_memory(PAGE_SIZE);
	memblock_dump_all();
}
