// SPDX-License-Identifier: MIT
/*
 * DOC: x86 direct map and zone limits
 *
 * head.S maps the low 4 GiB with 2 MiB pages, enough to reach the kernel
 * and the loader's tables.  x86_paging_init() replaces that with the
 * real map, built from memblock pages once memblock knows the RAM:
 *
 * - every E820 RAM range, identity mapped with 1 GiB pages where CPUID
 *   says the CPU has them (pdpe1gb) and 2 MiB pages elsewhere, rounded
 *   out to 2 MiB, read-write and non-executable;
 * - the 2 MiB blocks holding the kernel image with 4 KiB pages, so that
 *   text is read-only + executable, rodata read-only, data/bss
 *   non-executable (W^X), page 0 is absent (NULL dereferences fault)
 *   and the page below the boot stack is absent (overflows fault).
 *
 * Init text is read-only + executable like the rest of the text; when
 * free_initmem() hands it to the buddy allocator, mark_initmem_nx() first
 * makes it read-write and non-executable, like any other free RAM.
 */
#include <asm/e820.h>
#include <asm/mm.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/memblock.h>
#include <mm/mmzone.h>

#define SZ_2M (1ULL << 21)
#define SZ_1G (1ULL << 30)
#define PTE_ADDR_MASK 0x000ffffffffff000ULL
#define IDX(a, shift) (((a) >> (shift)) & 511)

static u64 *pml4;
static u64 nx_bit;
static bool gbpages;
static unsigned long nr_tables, nr_1g, nr_2m, nr_4k;

static u64 *__init alloc_table(void)
{
	/* Below 4 GiB: until CR3 switches, only head.S's map is live. */
	phys_addr_t pa = memblock_phys_alloc_range(PAGE_SIZE, PAGE_SIZE, 0,
						   0x100000000ULL);

	if (!pa)
		panic("x86: out of memory for page tables");
	memset(__va(pa), 0, PAGE_SIZE);
	nr_tables++;
	return __va(pa);
}

/* The next-level table under *entry, created on first use. */
static u64 *__init next_table(u64 *entry)
{
	if (!*entry)
		*entry = __pa(alloc_table()) | _PAGE_PRESENT | _PAGE_RW;
	return __va(*entry & PTE_ADDR_MASK);
}

/* Identity map [start, end) (2 MiB aligned) with large pages; leaves
 * whatever is already mapped alone. */
static void __init map_large(u64 start, u64 end)
{
	const u64 flags = _PAGE_PRESENT | _PAGE_RW | _PAGE_GLOBAL | nx_bit;

	for (u64 a = start; a < end;) {
		u64 *pdpt = next_table(&pml4[IDX(a, 39)]);
		u64 *pdpte = &pdpt[IDX(a, 30)];
		u64 *pd;

		if (*pdpte & _PAGE_PSE) {
			a = ALIGN_DOWN(a, SZ_1G) + SZ_1G;
			continue;
		}
		if (gbpages && !*pdpte && IS_ALIGNED(a, SZ_1G) &&
		    end - a >= SZ_1G) {
			*pdpte = a | flags | _PAGE_PSE;
			nr_1g++;
			a += SZ_1G;
			continue;
		}
		pd = next_table(pdpte);
		if (!pd[IDX(a, 21)]) {
			pd[IDX(a, 21)] = a | flags | _PAGE_PSE;
			nr_2m++;
		}
		a += SZ_2M;
	}
}

static u64 __init image_page_flags(u64 a)
{
	u64 text = _PAGE_PRESENT | _PAGE_GLOBAL;
	u64 ro = _PAGE_PRESENT | _PAGE_GLOBAL | nx_bit;
	u64 rw = _PAGE_PRESENT | _PAGE_RW | _PAGE_GLOBAL | nx_bit;

	if (a == 0 || a == __pa(boot_stack_guard))
		return 0;
	if (a >= __pa(_stext) && a < __pa(_etext))
		return text;
	/* init text until mark_initmem_nx(); init data is plain data */
	if (a >= __pa(__init_begin) && a < __pa(_sinitdata))
		return text;
	if (a >= __pa(_srodata) && a < __pa(_erodata))
		return ro;
	return rw;
}

/* 4 KiB pages over [0, end of the 2 MiB block holding _end). */
static void __init map_image(void)
{
	u64 end = ALIGN(__pa(_end), SZ_2M);

	for (u64 blk = 0; blk < end; blk += SZ_2M) {
		u64 *pdpt = next_table(&pml4[IDX(blk, 39)]);
		u64 *pd = next_table(&pdpt[IDX(blk, 30)]);
		u64 *pt = next_table(&pd[IDX(blk, 21)]);

		for (unsigned int i = 0; i < 512; i++) {
			u64 a = blk + (u64)i * PAGE_SIZE;
			u64 f = image_page_flags(a);

			pt[i] = f ? a | f : 0;
			nr_4k += f != 0;
		}
	}
}

void __init x86_paging_init(void)
{
	nx_bit = cpu_has_ext(X86_FEATURE_NX_BIT) ? _PAGE_NX : 0;
	gbpages = cpu_has_ext(X86_FEATURE_GBPAGES_BIT);
	pml4 = alloc_table();

	map_image();
	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (e->type != E820_TYPE_RAM &&
		    e->type != E820_TYPE_RESERVED_KERN)
			continue;
		map_large(ALIGN_DOWN(e->addr, SZ_2M),
			  ALIGN(e->addr + e->size, SZ_2M));
	}
	write_cr3(__pa(pml4));
	pr_info("x86/mm: direct map of RAM up to 0x%llx: %lu x 1G, %lu x 2M, %lu x 4K pages, %lu page tables%s%s\n",
		(unsigned long long)e820__end_of_ram(), nr_1g, nr_2m, nr_4k,
		nr_tables, gbpages ? "" : " (no pdpe1gb)",
		nx_bit ? ", NX" : ", no NX");
}

/**
 * x86_map_mmio - map device registers outside RAM
 * @pa: first byte
 * @size: length in bytes
 *
 * Identity maps the 4 KiB pages over [@pa, @pa + @size) uncached (PCD,
 * PWT), read-write and non-executable; a range that some large page
 * already maps is left as it is.  The page tables come from memblock, so
 * only setup_arch() may call this, after x86_paging_init().
 *
 * Return: the virtual address of @pa, or NULL when out of page tables.
 */
void *__init x86_map_mmio(u64 pa, u64 size)
{
	const u64 flags =
		_PAGE_PRESENT | _PAGE_RW | _PAGE_PWT | _PAGE_PCD | nx_bit;

	if (!pml4)
		return __va(pa);
	for (u64 a = ALIGN_DOWN(pa, PAGE_SIZE); a < pa + size; a += PAGE_SIZE) {
		u64 *pdpt = next_table(&pml4[IDX(a, 39)]);
		u64 *pd, *pt;

		if (pdpt[IDX(a, 30)] & _PAGE_PSE)
			continue;
		pd = next_table(&pdpt[IDX(a, 30)]);
		if (pd[IDX(a, 21)] & _PAGE_PSE)
			continue;
		pt = next_table(&pd[IDX(a, 21)]);
		if (!pt[IDX(a, 12)]) {
			pt[IDX(a, 12)] = a | flags;
			nr_4k++;
		}
	}
	return __va(pa);
}

/*
 * The 4 KiB entry mapping @a inside the image (map_image() made them), or
 * NULL.  Not __init: mark_initmem_nx() runs as init text is being freed.
 */
static u64 *image_pte(u64 a)
{
	u64 e = pml4[IDX(a, 39)];

	for (int shift = 30; shift >= 21; shift -= 9) {
		if (!(e & _PAGE_PRESENT) || (e & _PAGE_PSE))
			return NULL;
		e = ((u64 *)__va(e & PTE_ADDR_MASK))[IDX(a, shift)];
	}
	if (!(e & _PAGE_PRESENT) || (e & _PAGE_PSE))
		return NULL;
	return &((u64 *)__va(e & PTE_ADDR_MASK))[IDX(a, 12)];
}

/*
 * Called by free_initmem() before it poisons the init sections: init text
 * becomes free RAM, so read-write and never executable again.  The entries
 * are global, so each is flushed with invlpg (a CR3 reload would keep
 * them).  Return: whether init text is now NX (not on CPUs without NX).
 */
bool mark_initmem_nx(void)
{
	if (!pml4)
		return false;
	for (u64 a = __pa(__init_begin); a < __pa(_sinitdata); a += PAGE_SIZE) {
		u64 *pte = image_pte(a);

		if (!pte || !(*pte & _PAGE_PRESENT))
			continue;
		*pte |= _PAGE_RW | nx_bit;
		__asm__ __volatile__("invlpg (%0)" ::"r"(__va(a)) : "memory");
	}
	pr_info("x86/mm: init text [0x%llx-0x%llx) now RW%s\n",
		(unsigned long long)__pa(__init_begin),
		(unsigned long long)__pa(_sinitdata), nx_bit ? " NX" : "");
	return nx_bit != 0;
}

/* x86: ISA DMA below 16 MiB, 32-bit DMA below 4 GiB, NORMAL above. */
void __init arch_zone_limits_init(unsigned long *max_zone_pfn)
{
	unsigned long max = PFN_DOWN(memblock_end_of_DRAM());

#ifdef CONFIG_ZONE_DMA
	max_zone_pfn[ZONE_DMA] = min(max, PFN_DOWN(16ULL << 20));
#endif
#ifdef CONFIG_ZONE_DMA32
	max_zone_pfn[ZONE_DMA32] = min(max, PFN_DOWN(0x100000000ULL));
#endif
	max_zone_pfn[ZONE_NORMAL] = max;
}
