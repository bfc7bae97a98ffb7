// SPDX-License-Identifier: MIT
/*
 * DOC: mm_init
 *
 * The kernel's mm bring-up, in order: zone limits from the arch, zones and
 * struct pages sized from memblock (free_area_init), the handoff of every
 * free memblock range to the buddy allocator (through the configured
 * bootmem backend), the "Memory:" line, then the slab.  This file is the
 * kernel glue; the allocators themselves build on the host too.
 */
#include <kernel/cmdline.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <mm/boot.h>
#include <mm/bootmem.h>
#include <mm/memblock.h>
#include <mm/selftest.h>
#include <mm/mmzone.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

#include <asm/mm.h>

/*
 * mm boot parameters.  They are early parameters: parsed in setup_arch(),
 * before mm_init() sizes zones, watermarks and the slab.  @err is what
 * parsing "@name=@val" returned; a bad value says what was @expected.
 */
static int __init mm_param_result(const char *name, const char *val, int err,
				  const char *expected)
{
	if (err)
		pr_err("%s=%s: expected %s, ignored\n", name, val ? val : "",
		       expected);
	return err;
}

static int __init early_movablecore(const char *val)
{
	return mm_param_result("movablecore", val,
			       cmdline_parse_movablecore(val),
			       "a size (e.g. 64M) or a percentage up to 100%");
}
early_param("movablecore", early_movablecore);

static int __init early_min_free_kbytes(const char *val)
{
	return mm_param_result("min_free_kbytes", val,
			       cmdline_parse_min_free_kbytes(val),
			       "a number of KiB");
}
early_param("min_free_kbytes", early_min_free_kbytes);

static int __init early_slab_debug(const char *val)
{
	return slab_debug_setup(val);
}
early_param("slab_debug", early_slab_debug);

/* Whole free pages in memblock (what memblock_free_all would hand over). */
static unsigned long __init memblock_free_pages_count(void)
{
	phys_addr_t start, end;
	unsigned long n = 0;
	u64 i;

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				NULL)
		if (PFN_UP(start) < PFN_DOWN(end))
			n += PFN_DOWN(end) - PFN_UP(start);
	return n;
}

void __init mm_init(void)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = {0};
	struct mem_sections secs = {
		.text = (unsigned long)(_etext - _stext),
		.rodata = (unsigned long)(_erodata - _srodata),
		.data = (unsigned long)(_edata - _sdata),
		.init = (unsigned long)(__init_end - __init_begin),
		.bss = (unsigned long)(__bss_stop - __bss_start),
	};
	unsigned long pages, expected;

	arch_zone_limits_init(max_zone_pfn);
	free_area_init(max_zone_pfn);

	/* What memblock has free now is what either backend must hand over:
	 * the bitmap backend takes over this picture (and gives its own map
	 * back at the end), so both free the same pages. */
	expected = memblock_free_pages_count();
	bootmem_backend.init();
	bootmem_selftest_early(); /* tests/kernel/bootmem_ktest.c */
	pages = bootmem_backend.finish();
	pr_info("mm: %lu pages handed to the buddy allocator (%s), memblock "
		"had %lu free, kernel image %lu pages\n",
		pages, bootmem_backend.name, expected,
		PFN_UP(__pa(_end)) - PFN_DOWN(__pa(_start)));
	/* (Deferred init hands the rest over later.) */
	if (pages != expected && !IS_ENABLED(CONFIG_DEFERRED_STRUCT_PAGE_INIT))
		pr_err("mm: bootmem handoff mismatch: %lu pages handed, memblock had %lu free\n",
		       pages, expected);
	mem_init_set_sections(&secs);
	mem_init_print_info();

	kmem_cache_init();
	slab_debug_announce();
}

/* Arches with W^X page tables remap init text as RW NX data and return
 * true; init text that stays executable gets poisoned instead. */
bool __weak mark_initmem_nx(void)
{
	return false;
}

bool initmem_freed;

/*
 * Poison (0xcc: a trap on x86, an illegal instruction pattern on riscv)
 * and free the __init sections once nothing can call into them.  Init
 * text that is NX now is not poisoned: a stray call into it faults anyway
 * (fault=exec_init), and under QEMU TCG every store to a page that held
 * translated code takes the self-modifying-code slow path, 2-4 ms for
 * 28 KiB, most of the 5 ms boot budget.  Init data is always poisoned,
 * so stale pointers into it read junk.
 */
static void do_free_initmem(void)
{
	/*
	 * Every struct page is written and every free page handed over, so
	 * memblock is done (Linux: page_alloc_init_late()).  With
	 * ARCH_DISCARD_MEMBLOCK its region arrays that grew at boot go back
	 * to the buddy allocator now, before the __init sections that hold
	 * memblock itself; otherwise memblock stays and this does nothing.
	 */
	memblock_discard();
#ifdef CONFIG_FREE_INITMEM
	char *poison_from = mark_initmem_nx() ? _sinitdata : __init_begin;
	unsigned long pages;

	pages = free_reserved_area(__init_begin, poison_from, -1, NULL);
	pages += free_reserved_area(poison_from, __init_end, 0xcc, NULL);
	if (pages)
		pr_info("Freeing unused kernel memory: %luK\n",
			pages << (PAGE_SHIFT - 10));
	initmem_freed = true;
#endif
}

bool initmem_postponed;

#ifdef CONFIG_DEFERRED_STRUCT_PAGE_INIT

static bool deferred_init_pending(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid] &&
		    node_data[nid]->first_deferred_pfn != ~0UL)
			return true;
	return false;
}

/*
 * With deferred struct page init the application starts before the rest
 * of memory is initialised, so boot time does not grow with RAM.  The
 * deferred part needs memblock (kept in the __init sections) until it is
 * done, so the __init sections stay until mm_deferred_init_finish() (or
 * forever if nothing calls it; the allocator's slow path grows memory on
 * demand either way).
 */
void free_initmem(void)
{
	if (deferred_init_pending()) {
		initmem_postponed = true;
		pr_info("mm: __init sections kept until deferred struct page "
			"init is done\n");
		return;
	}
	do_free_initmem();
}

void mm_deferred_init_finish(void)
{
	deferred_init_memmap_all();
	if (initmem_postponed && !deferred_init_pending()) {
		initmem_postponed = false;
		do_free_initmem();
	}
}
#else
void free_initmem(void)
{
	do_free_initmem();
}

void mm_deferred_init_finish(void)
{
}
#endif
