// SPDX-License-Identifier: MIT
/*
 * DOC: RISC-V Sv39 identity map with W^X
 *
 * riscv_paging_init() runs at the end of setup_arch(), once memblock knows
 * the RAM, and replaces "no translation" with an Sv39 map that keeps
 * VA == PA (so __va()/__pa() stay the identity) but adds protection:
 *
 * - every memblock memory range (nomap ones excepted) read-write and not
 *   executable, with the largest leaves alignment allows: 1 GiB, 2 MiB,
 *   then 4 KiB at unaligned edges;
 * - the 2 MiB blocks holding the kernel image with 4 KiB pages: text and
 *   init text R+X, rodata R, init data, data and bss R+W (W^X); the page
 *   below the boot stack (boot_stack_guard) is left out, so an overflow
 *   faults instead of silently overwriting bss;
 * - device registers a driver asked for with ioremap() (console UART,
 *   test finisher) read-write, not executable;
 * - the devicetree blob, in case mem= cut it out of memblock.
 *
 * Nothing maps page 0, so NULL dereferences fault.  Page tables come from
 * memblock and are never freed.  When free_initmem() hands the init
 * sections to the buddy allocator, mark_initmem_nx() first turns init
 * text into ordinary RW, NX memory.
 *
 * Paging stays off (with a warning) if RAM or a device lies beyond what
 * Sv39's identity map reaches (256 GiB), if page tables cannot be
 * allocated, or if the hart ignores the satp write (no Sv39).
 */
#include <asm/csr.h>
#include <asm/io.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/memblock.h>

#define SZ_2M (1ULL << 21)

/* Read after boot (mark_initmem_nx), so neither may be __initdata. */
static pte_t *root_table;
static bool paging_on;
unsigned long riscv_kernel_satp;

static unsigned long nr_tables, nr_leaves[PT_LEVELS];
static bool out_of_tables;

#define MAX_IOREMAP 8
static struct {
	phys_addr_t start, end;
} io_ranges[MAX_IOREMAP];
static unsigned int nr_io_ranges;

bool riscv_paging_enabled(void)
{
	return paging_on;
}

void *ioremap(phys_addr_t pa, size_t size)
{
	phys_addr_t start = ALIGN_DOWN(pa, PAGE_SIZE);
	phys_addr_t end = ALIGN(pa + (size ? size : 1), PAGE_SIZE);

	if (paging_on) {
		/* No tables to grow from once the buddy owns memory: only
		 * ranges recorded before paging are mapped. */
		for (unsigned int i = 0; i < nr_io_ranges; i++)
			if (start >= io_ranges[i].start &&
			    end <= io_ranges[i].end)
				return __va(pa);
		pr_warn("riscv/mm: ioremap(0x%llx, 0x%zx) after paging init: not mapped\n",
			(unsigned long long)pa, size);
		return __va(pa);
	}
	for (unsigned int i = 0; i < nr_io_ranges; i++) {
		if (start >= io_ranges[i].start && end <= io_ranges[i].end)
			return __va(pa);
	}
	if (nr_io_ranges == MAX_IOREMAP) {
		pr_warn("riscv/mm: too many ioremap() ranges, 0x%llx not recorded\n",
			(unsigned long long)pa);
		return __va(pa);
	}
	io_ranges[nr_io_ranges].start = start;
	io_ranges[nr_io_ranges].end = end;
	nr_io_ranges++;
	return __va(pa);
}

static pte_t *__init alloc_table(void)
{
	/* MMU still off: any RAM memblock hands out is reachable. */
	phys_addr_t pa = memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE);

	if (!pa) {
		out_of_tables = true;
		return NULL;
	}
	memset(__va(pa), 0, PAGE_SIZE);
	nr_tables++;
	return __va(pa);
}

/*
 * The entry for @va at level @lvl, creating the tables above it if
 * @create.  If a larger leaf already covers @va, that leaf's entry is
 * returned and *@found says its level.  NULL: no table (not creating, or
 * out of memory).
 */
static pte_t *walk(u64 va, int lvl, bool create, int *found)
{
	pte_t *table = root_table;

	for (int l = PT_LEVELS - 1; l > lvl; l--) {
		pte_t *e = &table[PT_INDEX(va, l)];

		if (!(*e & _PAGE_V)) {
			pte_t *next = create ? alloc_table() : NULL;

			if (!next)
				return NULL;
			/* A pointer to the next level: V only, no R/W/X;
			 * A, D and U must be clear in non-leaf entries. */
			*e = pfn_pte(__pa(next), _PAGE_V);
		} else if (*e & _PAGE_LEAF) {
			*found = l;
			return e;
		}
		table = __va(pte_phys(*e));
	}
	*found = lvl;
	return &table[PT_INDEX(va, lvl)];
}

/* The largest leaf level that starts at @a and fits in [a, end). */
static int leaf_level(u64 a, u64 end)
{
	for (int l = PT_LEVELS - 1; l > 0; l--)
		if (IS_ALIGNED(a, PT_LEVEL_SIZE(l)) &&
		    end - a >= PT_LEVEL_SIZE(l))
			return l;
	return 0;
}

/*
 * Identity map [start, end) (page aligned) with @prot, largest leaves
 * first.  What is mapped already stays as it is.  Returns 0, or -ENOMEM
 * when page tables ran out.
 */
static int __init map_range(u64 start, u64 end, unsigned long prot)
{
	u64 a = max(start, (u64)PAGE_SIZE); /* page 0 stays unmapped */

	while (a < end) {
		int lvl = leaf_level(a, end), found;
		pte_t *e;

		/* A smaller leaf or table under a slot we would fill with a
		 * large leaf: step down a level and keep it. */
		for (;;) {
			e = walk(a, lvl, true, &found);
			if (!e)
				return -ENOMEM;
			if (found > lvl || !(*e & _PAGE_V) ||
			    (*e & _PAGE_LEAF) || lvl == 0)
				break;
			lvl--;
		}
		if (found > lvl) {
			/* Covered by a larger leaf: skip to its end. */
			a = ALIGN_DOWN(a, PT_LEVEL_SIZE(found)) +
			    PT_LEVEL_SIZE(found);
			continue;
		}
		if (!(*e & _PAGE_V)) {
			*e = pfn_pte(a, prot);
			nr_leaves[lvl]++;
		}
		a += PT_LEVEL_SIZE(lvl);
	}
	return 0;
}

/*
 * memblock_is_map_memory(@a) for the pages around the image, asked in
 * order: the memory region last found answers for all its pages.
 */
static bool __init image_ram_mapped(u64 a)
{
	static u64 from, to; /* a region without NOMAP, or empty */
	struct memblock_region *r;

	if (a >= from && a < to)
		return true;
	for_each_mem_region(r) {
		if (a < r->base || a - r->base >= r->size)
			continue;
		if (memblock_is_nomap(r))
			return false;
		from = r->base;
		to = r->base + r->size;
		return true;
	}
	return false;
}

/* The protection of one page in the 2 MiB blocks around the image. */
static unsigned long __init image_page_prot(u64 a)
{
	if (a == __pa(boot_stack_guard))
		return 0;
	/* Most of the 513 pages: RAM sharing a 2 MiB block with the image. */
	if (a < __pa(_stext) || a >= __pa(_end))
		return a && image_ram_mapped(a) ? PAGE_KERNEL : 0;
	/* _etext and _erodata need not be page aligned; what follows
	 * each of them up to the next section is padding. */
	if (a >= __pa(_stext) && a < __pa(__init_begin))
		return PAGE_KERNEL_RX;
	/* Init text until free_initmem(), then mark_initmem_nx(). */
	if (a >= __pa(__init_begin) && a < __pa(_sinitdata))
		return PAGE_KERNEL_RX;
	if (a >= __pa(_sinitdata) && a < __pa(__init_end))
		return PAGE_KERNEL;
	if (a >= __pa(_srodata) && a < __pa(_sdata))
		return PAGE_KERNEL_RO;
	if (a >= __pa(_sdata) && a < __pa(_end))
		return PAGE_KERNEL;
	return a && image_ram_mapped(a) ? PAGE_KERNEL : 0;
}

/*
 * The first page after @a, below @end, whose image_page_prot() may differ
 * from @a's: the next section or guard page boundary, or memory region
 * edge, rounded up to a page (a boundary inside a page changes the
 * protection from the next page on).
 */
static u64 __init image_prot_next(u64 a, u64 end)
{
	const u64 bounds[] = {
		__pa(_stext),
		__pa(__init_begin),
		__pa(_sinitdata),
		__pa(__init_end),
		__pa(_srodata),
		__pa(_sdata),
		__pa(_end),
		__pa(boot_stack_guard),
		__pa(boot_stack_guard) + PAGE_SIZE,
	};
	struct memblock_region *r;
	u64 next = end;

	for (unsigned int i = 0; i < ARRAY_SIZE(bounds); i++)
		if (ALIGN(bounds[i], PAGE_SIZE) > a)
			next = min(next, ALIGN(bounds[i], PAGE_SIZE));
	for_each_mem_region(r) {
		if (ALIGN(r->base, PAGE_SIZE) > a)
			next = min(next, ALIGN(r->base, PAGE_SIZE));
		if (ALIGN(r->base + r->size, PAGE_SIZE) > a)
			next = min(next, ALIGN(r->base + r->size, PAGE_SIZE));
	}
	return next;
}

/* 4 KiB leaves for [a, end) with @prot: one walk per 2 MiB block, then
 * the next entry of the same table. */
static int __init map_pages(u64 a, u64 end, unsigned long prot)
{
	pte_t *e = NULL;
	int found;

	nr_leaves[0] += (end - a) >> PAGE_SHIFT;
	for (; a < end; a += PAGE_SIZE) {
		if (e && !IS_ALIGNED(a, SZ_2M)) {
			e++;
		} else {
			e = walk(a, 0, true, &found);
			if (!e)
				return -ENOMEM;
		}
		*e = pfn_pte(a, prot);
	}
	return 0;
}

/* The image's 2 MiB blocks, page by page: image_page_prot() is asked
 * once per run of pages that share it (image_prot_next()). */
static int __init map_image(u64 start, u64 end)
{
	for (u64 a = start, next; a < end; a = next) {
		unsigned long prot = image_page_prot(a);

		next = image_prot_next(a, end);
		if (prot && map_pages(a, next, prot))
			return -ENOMEM;
	}
	return 0;
}

/* RAM ranges around the image's 2 MiB blocks, which map_image did. */
static int __init map_ram(u64 img_start, u64 img_end)
{
	phys_addr_t start, end;
	u64 i;

	for_each_mem_range(i, &start, &end) {
		u64 s = ALIGN_DOWN((u64)start, PAGE_SIZE);
		u64 e = ALIGN((u64)end, PAGE_SIZE);

		int err = 0;

		if (s < img_start)
			err = map_range(s, min(e, img_start), PAGE_KERNEL);
		if (!err && e > img_end)
			err = map_range(max(s, img_end), e, PAGE_KERNEL);
		if (err)
			return err;
	}
	return 0;
}

static bool __init fits_sv39(void)
{
	u64 top = memblock_end_of_DRAM();

	for (unsigned int i = 0; i < nr_io_ranges; i++)
		top = max(top, (u64)io_ranges[i].end);
	if (top <= SV39_IDENTITY_LIMIT)
		return true;
	pr_warn("riscv/mm: memory or devices up to 0x%llx, beyond the 256 GiB Sv39 identity map reaches: paging stays off (no W^X, no guard pages)\n",
		(unsigned long long)top);
	return false;
}

void __init riscv_paging_init(const struct boot_info *bi)
{
	u64 img_start = ALIGN_DOWN((u64)__pa(_start), SZ_2M);
	u64 img_end = ALIGN((u64)__pa(_end), SZ_2M);
	unsigned long satp;
	int err;

	if (!fits_sv39())
		return;
	root_table = alloc_table();
	err = !root_table || map_image(img_start, img_end) ||
	      map_ram(img_start, img_end);
	for (unsigned int i = 0; !err && i < nr_io_ranges; i++)
		err = map_range(io_ranges[i].start, io_ranges[i].end,
				PAGE_KERNEL_IO);
	/* mem= may have cut the devicetree out of memblock. */
	if (!err && bi->fw_table)
		err = map_range(
			ALIGN_DOWN((u64)bi->fw_table, PAGE_SIZE),
			ALIGN((u64)bi->fw_table + bi->fw_table_size, PAGE_SIZE),
			PAGE_KERNEL);
	if (err || out_of_tables) {
		pr_warn("riscv/mm: out of memory for page tables: paging stays off\n");
		return;
	}

	/* satp is WARL: a hart without Sv39 ignores the whole write. */
	satp = SATP_MODE_SV39 | (PFN_DOWN(__pa(root_table)) & SATP_PPN_MASK);
	local_flush_tlb_all();
	csr_write(satp, satp);
	if (csr_read(satp) != satp) {
		pr_warn("riscv/mm: satp ignored Sv39 (reads 0x%lx): no MMU, paging stays off (no W^X, no guard pages)\n",
			csr_read(satp));
		return;
	}
	local_flush_tlb_all();
	paging_on = true;
	riscv_kernel_satp = satp;
	pr_info("riscv/mm: Sv39 identity map of RAM up to 0x%llx: %lu x 1G, %lu x 2M, %lu x 4K pages, %lu page tables, %u MMIO ranges\n",
		(unsigned long long)memblock_end_of_DRAM(), nr_leaves[2],
		nr_leaves[1], nr_leaves[0], nr_tables, nr_io_ranges);
	pr_info("riscv/mm: text RX, rodata R, data NX; NULL page and stack guard unmapped\n");
}

/*
 * Called by free_initmem() before it poisons the init sections: from now
 * on they are free RAM, writable and never executed again.  Not __init:
 * it rewrites the very pages __init code lives in.  Return: true (init
 * text is NX) unless paging is off.
 */
bool mark_initmem_nx(void)
{
	if (!paging_on)
		return false;
	for (u64 a = __pa(__init_begin); a < __pa(_sinitdata); a += PAGE_SIZE) {
		int found;
		pte_t *e = walk(a, 0, false, &found);

		if (e && found == 0 && (*e & _PAGE_V))
			*e = pfn_pte(a, PAGE_KERNEL);
	}
	local_flush_tlb_all();
	pr_info("riscv/mm: init text [0x%llx-0x%llx) now RW NX\n",
		(unsigned long long)__pa(__init_begin),
		(unsigned long long)__pa(_sinitdata));
	return true;
}
