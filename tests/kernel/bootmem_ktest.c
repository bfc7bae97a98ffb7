// SPDX-License-Identifier: MIT
/*
 * DOC: KTAP suite "bootmem"
 *
 * The bootmem API is only valid between setup_arch() and
 * free_all_bootmem(), so its checks run in bootmem_selftest_early(),
 * called by mm_init() right before the handoff, on whichever backend is
 * built (memblock shims or the classic bitmap).  Results are recorded and
 * the suite replays them once the selftest application runs.  Every
 * allocation made there is freed again, and each case checks that the free
 * memory bootmem sees is back to its value before the case.
 *
 * bootmem_selftest=panic on the command line makes the hook call the
 * panicking __alloc_bootmem() with an impossible size instead: the boot
 * must stop with EXIT_PANIC and a message naming size, align, goal and
 * limit (a boot test of its own).
 */
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/printf.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/taint.h>
#include <mm/bootmem.h>
#include <mm/bootmem_bitmap.h>
#include <mm/memblock.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

#include "mm_ktest.h"

/* ---------------------------------------------------- result recorder */

#define MM_EARLY_CASES 32

static struct mm_early_case early_cases[MM_EARLY_CASES];
static int nr_early_cases;
static bool early_hook_ran;

struct mm_early_case *mm_early_begin(const char *name)
{
	struct mm_early_case *c;

	if (nr_early_cases == MM_EARLY_CASES)
		return NULL;
	c = &early_cases[nr_early_cases++];
	memset(c, 0, sizeof(*c));
	c->name = name;
	return c;
}

bool mm_early_check(struct mm_early_case *c, bool ok, const char *file,
		    int line, const char *fmt, ...)
{
	va_list ap;

	if (!c)
		return ok;
	c->checks++;
	if (ok)
		return true;
	if (c->failures < MM_EARLY_MSGS) {
		c->msg[c->failures].file = file;
		c->msg[c->failures].line = line;
		va_start(ap, fmt);
		vscnprintf(c->msg[c->failures].text, sizeof(c->msg[0].text),
			   fmt, ap);
		va_end(ap);
	}
	c->failures++;
	return false;
}

void mm_early_skip(struct mm_early_case *c, const char *reason)
{
	if (c) {
		c->skipped = true;
		c->skip_reason = reason;
	}
}

void mm_early_report(struct ktest *t, const char *name)
{
	for (int i = 0; i < nr_early_cases; i++) {
		const struct mm_early_case *c = &early_cases[i];

		if (strcmp(c->name, name))
			continue;
		if (c->skipped) {
			ktest_skip(t, c->skip_reason);
			return;
		}
		t->nr_checks += c->checks;
		for (int m = 0; m < c->failures && m < MM_EARLY_MSGS; m++)
			ktest_fail(t, c->msg[m].file, c->msg[m].line,
				   "(at boot) %s", c->msg[m].text);
		if (c->failures > MM_EARLY_MSGS)
			ktest_fail(t, __FILE__, __LINE__,
				   "(at boot) %d more failures",
				   c->failures - MM_EARLY_MSGS);
		KTEST_EXPECT_TRUE(t, c->checks > 0);
		return;
	}
	ktest_fail(t, __FILE__, __LINE__,
		   "%s: not recorded (early hook ran: %d)", name,
		   early_hook_ran);
}

/* --------------------------------------------------- boot-time checks */

static bool bootmem_panic_test;

static int __init bootmem_selftest_setup(const char *val)
{
	if (val && !strcmp(val, "panic")) {
		bootmem_panic_test = true;
		return 0;
	}
	pr_err("bootmem_selftest=%s: only \"panic\" is known\n",
	       val ? val : "");
	return -EINVAL;
}
early_param("bootmem_selftest", bootmem_selftest_setup);

/* Free bytes as the backend sees them (both are page granular here). */
static unsigned long __init bootmem_free_bytes(void)
{
	unsigned long bytes = 0;
#ifdef CONFIG_BOOTMEM_BITMAP
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		const bootmem_data_t *b = &bootmem_node_data[nid];
		const unsigned long *map = b->node_bootmem_map;

		if (!map)
			continue;
		for (unsigned long i = 0; i < b->node_low_pfn - b->node_min_pfn;
		     i++)
			if (!((map[i / BITS_PER_LONG] >> (i % BITS_PER_LONG)) &
			      1))
				bytes += PAGE_SIZE;
	}
#else
	phys_addr_t start, end;
	u64 i;

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				NULL)
		bytes += end - start;
#endif
	return bytes;
}

static bool __init all_zero(const void *p, unsigned long size)
{
	const unsigned char *b = p;

	for (unsigned long i = 0; i < size; i++)
		if (b[i])
			return false;
	return true;
}

#define ALLOC_NP(size, align, goal) __alloc_bootmem_nopanic(size, align, goal)

/* @p, @size bytes, was allocated aligned to @align: check it, free it. */
static void __init expect_aligned_and_free(struct mm_early_case *c, void *p,
					   unsigned long align,
					   unsigned long size)
{
	if (!EARLY_EXPECT(c, p != NULL))
		return;
	EARLY_EXPECT_EQ(c, __pa(p) & (align - 1), 0);
	free_bootmem(__pa(p), size);
}

static void __init early_alignment(void)
{
	struct mm_early_case *c = mm_early_begin("bootmem.alignment");
	static const unsigned long aligns[] = {PAGE_SIZE, 1UL << 16, 1UL << 20,
					       4UL << 20};
	unsigned long before = bootmem_free_bytes(), mark;
	void *p;

	for (unsigned int i = 0; i < ARRAY_SIZE(aligns); i++) {
		p = ALLOC_NP(PAGE_SIZE, aligns[i], 0);
		if (!EARLY_EXPECT(c, p != NULL))
			continue;
		EARLY_EXPECT_EQ(c, __pa(p) & (aligns[i] - 1), 0);
		EARLY_EXPECT(c, memblock_is_region_memory(__pa(p), PAGE_SIZE));
		EARLY_EXPECT(c, all_zero(p, PAGE_SIZE));
		EARLY_EXPECT_EQ(c, bootmem_free_bytes(), before - PAGE_SIZE);
		free_bootmem(__pa(p), PAGE_SIZE);
	}
	/* 0 means "cache line"; a non power of two warns and uses it too */
	p = ALLOC_NP(PAGE_SIZE, 0, 0);
	expect_aligned_and_free(c, p, SMP_CACHE_BYTES, PAGE_SIZE);
	mark = printk_log_mark();
	report_expect_begin();
	p = ALLOC_NP(PAGE_SIZE, 3 * PAGE_SIZE, 0);
	EARLY_EXPECT_EQ(c, report_expect_end(), 1); /* the WARN */
	EARLY_EXPECT(c, printk_log_since(mark, "is not a power of two"));
	expect_aligned_and_free(c, p, SMP_CACHE_BYTES, PAGE_SIZE);
	EARLY_EXPECT_EQ(c, bootmem_free_bytes(), before);
}

static void __init early_goal_and_fallback(void)
{
	struct mm_early_case *c = mm_early_begin("bootmem.goal_fallback");
	phys_addr_t start = memblock_start_of_DRAM();
	phys_addr_t end = memblock_end_of_DRAM();
	unsigned long before = bootmem_free_bytes();
	unsigned long goal = ALIGN((start + end) / 2, 1UL << 20);
	void *p;

	/* a goal inside memory with room above it is honoured */
	p = ALLOC_NP(2 * PAGE_SIZE, PAGE_SIZE, goal);
	if (EARLY_EXPECT(c, p != NULL)) {
		EARLY_EXPECT(c, __pa(p) >= goal);
		EARLY_EXPECT(c, __pa(p) + 2 * PAGE_SIZE <= end);
		free_bootmem(__pa(p), 2 * PAGE_SIZE);
	}
	/* a goal above all memory is dropped, not a failure */
	p = ALLOC_NP(PAGE_SIZE, PAGE_SIZE, end + (1UL << 30));
	if (EARLY_EXPECT(c, p != NULL)) {
		EARLY_EXPECT(c, __pa(p) >= start && __pa(p) < end);
		free_bootmem(__pa(p), PAGE_SIZE);
	}
	/* node 0 is preferred; another node's id falls back to any node */
	p = __alloc_bootmem_node_nopanic(0, PAGE_SIZE, PAGE_SIZE, 0);
	if (EARLY_EXPECT(c, p != NULL)) {
		EARLY_EXPECT_EQ(c, pfn_to_nid(PHYS_PFN(__pa(p))), 0);
		free_bootmem_node(0, __pa(p), PAGE_SIZE);
	}
	p = __alloc_bootmem_node_nopanic(MAX_NUMNODES - 1, PAGE_SIZE, PAGE_SIZE,
					 0);
	if (EARLY_EXPECT(c, p != NULL))
		free_bootmem(__pa(p), PAGE_SIZE);
	EARLY_EXPECT_EQ(c, bootmem_free_bytes(), before);
}

static void __init early_low_limit(void)
{
	struct mm_early_case *c = mm_early_begin("bootmem.low_limit");
	unsigned long before = bootmem_free_bytes();
	void *p;

	p = __alloc_bootmem_low_nopanic(4 * PAGE_SIZE, PAGE_SIZE, 0);
	if (EARLY_EXPECT(c, p != NULL)) {
		EARLY_EXPECT(c, __pa(p) + 4 * PAGE_SIZE - 1 <=
					ARCH_LOW_ADDRESS_LIMIT);
		EARLY_EXPECT(c, all_zero(p, 4 * PAGE_SIZE));
		free_bootmem(__pa(p), 4 * PAGE_SIZE);
	}
	/* a goal above the limit cannot be met: dropped, limit kept */
	p = __alloc_bootmem_low_nopanic(PAGE_SIZE, PAGE_SIZE,
					ARCH_LOW_ADDRESS_LIMIT + 1);
	if (EARLY_EXPECT(c, p != NULL)) {
		EARLY_EXPECT(c, __pa(p) <= ARCH_LOW_ADDRESS_LIMIT);
		free_bootmem(__pa(p), PAGE_SIZE);
	}
	p = alloc_bootmem_low_pages_nopanic(PAGE_SIZE);
	expect_aligned_and_free(c, p, PAGE_SIZE, PAGE_SIZE);
	EARLY_EXPECT_EQ(c, bootmem_free_bytes(), before);
}

static void __init early_zero_and_reuse(void)
{
	struct mm_early_case *c = mm_early_begin("bootmem.zero_free_reuse");
	unsigned long before = bootmem_free_bytes();
	unsigned long size = 8 * PAGE_SIZE;
	void *p, *q;

	p = ALLOC_NP(size, PAGE_SIZE, 0);
	if (!EARLY_EXPECT(c, p != NULL))
		return;
	EARLY_EXPECT(c, all_zero(p, size));
	EARLY_EXPECT_EQ(c, bootmem_free_bytes(), before - size);
	memset(p, 0xa5, size); /* dirty it: the next user must see zeroes */
	free_bootmem(__pa(p), size);
	EARLY_EXPECT_EQ(c, bootmem_free_bytes(), before);
	q = ALLOC_NP(size, PAGE_SIZE, 0);
	if (EARLY_EXPECT(c, q != NULL)) {
		EARLY_EXPECT(c, q == p); /* the freed block is the best fit */
		EARLY_EXPECT(c, all_zero(q, size));
		free_bootmem(__pa(q), size);
	}
	EARLY_EXPECT_EQ(c, bootmem_free_bytes(), before);
}

/* The node of the memblock region that holds @pa (0 if none does). */
static int __init early_nid(phys_addr_t pa)
{
	struct memblock_region *r;

	for_each_mem_region(r)
		if (pa >= r->base && pa - r->base < r->size)
			return memblock_get_region_node(r);
	return 0;
}

static void __init early_exclusive(void)
{
	struct mm_early_case *c = mm_early_begin("bootmem.reserve_exclusive");
	unsigned long before = bootmem_free_bytes();
	unsigned long image = __pa(_stext);
	void *p;

	/* the kernel image is reserved: an exclusive claim must fail */
	EARLY_EXPECT_EQ(c, reserve_bootmem(image, PAGE_SIZE, BOOTMEM_EXCLUSIVE),
			-EBUSY);
	/* a non-exclusive one is a silent double reservation */
	EARLY_EXPECT_EQ(c, reserve_bootmem(image, PAGE_SIZE, BOOTMEM_DEFAULT),
			0);
	EARLY_EXPECT_EQ(c, bootmem_free_bytes(), before);

	p = ALLOC_NP(2 * PAGE_SIZE, PAGE_SIZE, 0);
	if (!EARLY_EXPECT(c, p != NULL))
		return;
	free_bootmem(__pa(p), 2 * PAGE_SIZE);
	EARLY_EXPECT_EQ(
		c, reserve_bootmem(__pa(p), 2 * PAGE_SIZE, BOOTMEM_EXCLUSIVE),
		0);
	EARLY_EXPECT_EQ(c, bootmem_free_bytes(), before - 2 * PAGE_SIZE);
	/* overlapping only its second page: refused, nothing changes */
	EARLY_EXPECT_EQ(c,
			reserve_bootmem(__pa(p) + PAGE_SIZE, 2 * PAGE_SIZE,
					BOOTMEM_EXCLUSIVE),
			-EBUSY);
	EARLY_EXPECT_EQ(c, bootmem_free_bytes(), before - 2 * PAGE_SIZE);
	/* by node too: p's own node, which need not be 0 (random topologies
	 * of tests/explore put it on any node; another node says -EINVAL) */
	EARLY_EXPECT_EQ(c,
			reserve_bootmem_node(early_nid(__pa(p)), __pa(p),
					     PAGE_SIZE, BOOTMEM_EXCLUSIVE),
			-EBUSY);
	free_bootmem(__pa(p), 2 * PAGE_SIZE);
	EARLY_EXPECT_EQ(c, bootmem_free_bytes(), before);
}

static void __init early_exhaustion(void)
{
	struct mm_early_case *c = mm_early_begin("bootmem.nopanic_exhaustion");
	unsigned long before = bootmem_free_bytes();
	unsigned long huge = memblock_end_of_DRAM() - memblock_start_of_DRAM();

	/* bigger than all memory, and bigger than what is free */
	EARLY_EXPECT(c, ALLOC_NP(2 * huge, PAGE_SIZE, 0) == NULL);
	EARLY_EXPECT(c, ALLOC_NP(before + PAGE_SIZE, PAGE_SIZE, 0) == NULL);
	EARLY_EXPECT(c, __alloc_bootmem_low_nopanic(2 * huge, PAGE_SIZE, 0) ==
				NULL);
	EARLY_EXPECT(c, __alloc_bootmem_node_nopanic(0, 2 * huge, PAGE_SIZE,
						     0) == NULL);
	EARLY_EXPECT(c, alloc_bootmem_pages_nopanic(~0UL >> 1) == NULL);
	EARLY_EXPECT_EQ(c, bootmem_free_bytes(), before);
}

/* The panicking variant: its message must say what could not be met. */
static void __init early_panic(void)
{
	unsigned long size = 1UL << 50;

	pr_info("bootmem_selftest: __alloc_bootmem(%lu, %#lx, %#lx), expecting "
		"a panic\n",
		size, (unsigned long)PAGE_SIZE, 0x1234000UL);
	__alloc_bootmem(size, PAGE_SIZE, 0x1234000UL);
	pr_err("bootmem_selftest: __alloc_bootmem returned instead of "
	       "panicking\n");
}

void __init bootmem_selftest_early(void)
{
	early_hook_ran = true;
	if (bootmem_panic_test)
		early_panic();
	/* only the selftest application reports these: spare other boots */
	if (!IS_ENABLED(CONFIG_APP_SELFTEST))
		return;
	early_alignment();
	early_goal_and_fallback();
	early_low_limit();
	early_zero_and_reuse();
	early_exclusive();
	early_exhaustion();
	memblock_selftest_early();
	pr_info("mm selftest: %d boot-time cases recorded\n", nr_early_cases);
}

/* ------------------------------------------------------ the KTAP suite */

MM_EARLY_CASE(bootmem, alignment)
MM_EARLY_CASE(bootmem, goal_fallback)
MM_EARLY_CASE(bootmem, low_limit)
MM_EARLY_CASE(bootmem, zero_free_reuse)
MM_EARLY_CASE(bootmem, reserve_exclusive)
MM_EARLY_CASE(bootmem, nopanic_exhaustion)

/*
 * After the slab is up a bootmem call is a caller bug, served from kmalloc
 * with a warning.  The API is __init: only testable while the __init
 * sections are still there (CONFIG_FREE_INITMEM=n).
 */
static void bootmem_late_uses_kmalloc(struct ktest *t)
{
	unsigned long mark;
	unsigned char *p;

	if (IS_ENABLED(CONFIG_FREE_INITMEM)) {
		ktest_skip(t, "bootmem code freed with __init (FREE_INITMEM)");
		return;
	}
	KTEST_ASSERT_TRUE(t, slab_is_available());
	mark = printk_log_mark();
	report_expect_begin();
	p = __alloc_bootmem_node_nopanic(0, 200, SMP_CACHE_BYTES, 0);
	KTEST_EXPECT_EQ(t, report_expect_end(), 1); /* the WARN */
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_TRUE(t, virt_to_page(p)->flags & (1UL << PG_slab));
	KTEST_EXPECT_TRUE(t, ksize(p) >= 200);
	for (int i = 0; i < 200; i++)
		if (!KTEST_EXPECT_EQ(t, p[i], 0))
			break;
	KTEST_EXPECT_TRUE(t, printk_log_since(mark, "WARNING"));
	kfree(p);
	/* the warning is once only; the next one is served all the same */
	p = __alloc_bootmem_node(0, 64, SMP_CACHE_BYTES, 0);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_TRUE(t, virt_to_page(p)->flags & (1UL << PG_slab));
	kfree(p);
}

static struct ktest_case bootmem_cases[] = {
	KTEST_CASE(bootmem_alignment),
	KTEST_CASE(bootmem_goal_fallback),
	KTEST_CASE(bootmem_low_limit),
	KTEST_CASE(bootmem_zero_free_reuse),
	KTEST_CASE(bootmem_reserve_exclusive),
	KTEST_CASE(bootmem_nopanic_exhaustion),
	KTEST_CASE(bootmem_late_uses_kmalloc),
	{},
};
KTEST_SUITE(bootmem, bootmem_cases);
