// SPDX-License-Identifier: MIT
/**
 * DOC: memblock debugging
 *
 * memblock=debug on the command line (wired by the arch's memblock= handler to
 * memblock_set_debug()) traces every public memblock call with its range
 * and the caller's return address, and makes memblock_dump_all() print the
 * region arrays.  The output matches Linux's so the two can be diffed.
 */
#include <kernel/printk.h>
#include <mm/memblock.h>

int memblock_debug __initdata_memblock =
	IS_ENABLED(CONFIG_MEMBLOCK_DEBUG_DEFAULT);

/**
 * memblock_set_debug - turn the memblock=debug trace on or off
 * @on: true to trace every call and allow memblock_dump_all()
 */
void __init_memblock memblock_set_debug(bool on)
{
	memblock_debug = on;
}

static void __init_memblock memblock_dump(struct memblock_type *type)
{
	struct memblock_region *rgn;
	unsigned long idx;

	/* "0x%" rather than "%#": the C library prints 0 without "0x". */
	pr_info(" %s.cnt  = 0x%lx\n", type->name, type->cnt);
	for_each_memblock_type(idx, type, rgn)
	{
		phys_addr_t base = rgn->base;
		phys_addr_t size = rgn->size;
		phys_addr_t end = base + size - 1;
		int nid = memblock_get_region_node(rgn);

		if (nid != MAX_NUMNODES)
			pr_info(" %s[0x%lx]\t[0x%016llx-0x%016llx], 0x%016llx bytes on node %d flags: 0x%x\n",
				type->name, idx, (unsigned long long)base,
				(unsigned long long)end,
				(unsigned long long)size, nid, rgn->flags);
		else
			pr_info(" %s[0x%lx]\t[0x%016llx-0x%016llx], 0x%016llx bytes flags: 0x%x\n",
				type->name, idx, (unsigned long long)base,
				(unsigned long long)end,
				(unsigned long long)size, rgn->flags);
	}
}

/**
 * __memblock_dump_all - print every region array, whatever memblock_debug
 */
void __init_memblock __memblock_dump_all(void)
{
	pr_info("MEMBLOCK configuration:\n");
	pr_info(" memory size = 0x%016llx reserved size = 0x%016llx\n",
		(unsigned long long)memblock.memory.total_size,
		(unsigned long long)memblock.reserved.total_size);
	memblock_dump(&memblock.memory);
	memblock_dump(&memblock.reserved);
#if IS_ENABLED(CONFIG_HAVE_MEMBLOCK_PHYS_MAP)
	memblock_dump(&memblock.physmem);
#endif
}

/**
 * memblock_dump_all - print every region array when memblock=debug is set
 */
void __init_memblock memblock_dump_all(void)
{
	if (memblock_debug)
		__memblock_dump_all();
}
