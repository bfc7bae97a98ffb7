// SPDX-License-Identifier: MIT
/*
 * DOC: memblock command-line parameters
 *
 * mem=<size> caps RAM (parsed by parse_mem_limit(), which tools/memmap
 * runs as well); memblock=debug makes every memblock call log itself and
 * the final dump complete.  Both are early parameters, read in
 * setup_arch() before memory is handed to memblock; the arch's memory
 * setup applies the cap through memblock_limit_trim_dump().
 */
#include <kernel/cmdline.h>
#include <kernel/init.h>
#include <kernel/string.h>
#include <mm/memblock_cmdline.h>

phys_addr_t memblock_memory_limit = PHYS_ADDR_MAX;

static int __init early_mem(const char *val)
{
	return parse_mem_limit(val, &memblock_memory_limit);
}
early_param("mem", early_mem);

static int __init early_memblock(const char *val)
{
	if (val && !strcmp(val, "debug"))
		memblock_set_debug(true);
	return 0;
}
early_param("memblock", early_memblock);
