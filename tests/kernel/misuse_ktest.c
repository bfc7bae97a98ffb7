// SPDX-License-Identifier: MIT
/*
 * DOC: KTAP suite "misuse" (CONFIG_DEBUG_MM_SELFTEST)
 *
 * Each case commits one mm bug on purpose and expects the debug checks to
 * catch it: the report must appear in the log (printk_log_since()), its
 * counter must move, and the system must stay consistent afterwards --
 * free page counts, free lists, and the cache still usable.  The exclusive
 * bootmem reservation of a reserved range is checked at boot (the bootmem
 * suite's reserve_exclusive case); here only what runs after boot.
 */
#include <kernel/init.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

#include "mm_ktest.h"

#define DBG_FLAGS                                                \
	(SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | \
	 SLAB_STORE_USER)

/* The free page count is back at @free0 and the free lists are sound. */
static void expect_free_pages(struct ktest *t, unsigned long free0)
{
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0);
	mm_test_buddy_check(t);
}

/* Since @mark the log has a bad-page report saying @what, and
 * nr_bad_pages has reached @bad. */
static void expect_bad_page(struct ktest *t, unsigned long mark,
			    const char *what, unsigned long bad)
{
	KTEST_EXPECT_TRUE(t, printk_log_since(mark, what));
	KTEST_EXPECT_EQ(t, nr_bad_pages, bad);
}

static void page_double_free(struct ktest *t)
{
	unsigned long free0 = mm_test_free_pages(), bad = nr_bad_pages, mark;
	struct page *p = alloc_pages(GFP_KERNEL, 2);

	KTEST_ASSERT_NOT_NULL(t, p);
	__free_pages(p, 2);
	mark = printk_log_mark();
	__free_pages(p, 2); /* second time: refcount is already 0 */
	KTEST_EXPECT_TRUE(t, printk_log_since(mark, "BUG: Bad page state"));
	expect_bad_page(t, mark, "double free", bad + 1);
	/* the block was freed once, not twice */
	expect_free_pages(t, free0);
	p = alloc_pages(GFP_KERNEL, 2);
	KTEST_EXPECT_NOT_NULL(t, p);
	__free_pages(p, 2);
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0);
}

static void page_free_reserved(struct ktest *t)
{
	unsigned long free0 = mm_test_free_pages(), bad = nr_bad_pages, mark;
	struct page *p = virt_to_page(_stext); /* the kernel's own text */
	int ref = page_ref_count(p);

	KTEST_ASSERT_TRUE(t, PageReserved(p));
	mark = printk_log_mark();
	__free_pages(p, 0);
	expect_bad_page(t, mark, "PG_reserved set", bad + 1);
	KTEST_EXPECT_TRUE(t, PageReserved(p));
	KTEST_EXPECT_FALSE(t, PageBuddy(p) || PagePcp(p));
	set_page_count(p, ref); /* undo the reference the bad call dropped */
	expect_free_pages(t, free0);
}

static void page_wrong_order(struct ktest *t)
{
	unsigned long free0 = mm_test_free_pages(), bad = nr_bad_pages, mark;
	struct page *p = alloc_pages(GFP_KERNEL, 2);

	KTEST_ASSERT_NOT_NULL(t, p);
	split_page(p, 2);
	/* page 1 of the block freed as an order-1 block: misaligned */
	mark = printk_log_mark();
	__free_pages(p + 1, 1);
	expect_bad_page(t, mark, "not aligned to its order", bad + 1);
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0 - 4);
	/* nothing was freed: put things right and free properly */
	set_page_count(p + 1, 1);
	for (int i = 0; i < 4; i++)
		__free_pages(p + i, 0);
	expect_free_pages(t, free0);
}

/* An order past free_area[]: refused in every configuration. */
static void page_order_too_big(struct ktest *t)
{
	unsigned long free0 = mm_test_free_pages(), bad = nr_bad_pages, mark;
	struct page *p = alloc_pages(GFP_KERNEL, 0);

	KTEST_ASSERT_NOT_NULL(t, p);
	mark = printk_log_mark();
	__free_pages(p, MAX_ORDER);
	KTEST_EXPECT_TRUE(t, printk_log_since(mark, "order >= MAX_ORDER"));
	__free_pages(p, 200);
	KTEST_EXPECT_EQ(t, nr_bad_pages, bad + 2);
	/* nothing freed, the caller's reference untouched */
	KTEST_EXPECT_EQ(t, page_ref_count(p), 1);
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0 - 1);
	mm_test_buddy_check(t);
	__free_pages(p, 0);
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0);
}

/*
 * Page A freed as an order-1 block while its buddy B is still in use: the
 * tail-page check (DEBUG_VM) reports it and frees nothing, so B is never
 * handed out a second time.
 */
static void page_order_covers_buddy(struct ktest *t)
{
	unsigned long free0 = mm_test_free_pages(), bad = nr_bad_pages, mark;
	struct page *a = alloc_pages(GFP_KERNEL, 1), *b, *q[64];
	bool seen = false;
	int n;

	KTEST_ASSERT_NOT_NULL(t, a);
	split_page(a, 1);
	b = a + 1;
	mark = printk_log_mark();
	__free_pages(a, 1);
	KTEST_EXPECT_TRUE(t, printk_log_since(mark, "BUG: Bad page state"));
	expect_bad_page(t, mark, "tail page has a nonzero _refcount", bad + 1);
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), free0 - 2);
	KTEST_EXPECT_FALSE(t, PageBuddy(a) || PagePcp(a) || PageBuddy(b) ||
				      PagePcp(b));
	KTEST_EXPECT_EQ(t, page_ref_count(b), 1);
	/* the next allocations (LIFO lists) must not return either page */
	for (n = 0; n < 64; n++) {
		q[n] = alloc_pages(GFP_KERNEL, n & 1);
		if (!q[n])
			break;
		seen |= q[n] == a || q[n] == b || (n & 1 && q[n] + 1 == b);
	}
	KTEST_EXPECT_FALSE(t, seen);
	while (n--)
		__free_pages(q[n], n & 1);
	mm_test_buddy_check(t);
	/* put the leaked reference right and free both properly */
	set_page_count(a, 1);
	__free_pages(a, 0);
	__free_pages(b, 0);
	expect_free_pages(t, free0);
}

static void page_write_after_free(struct ktest *t)
{
	unsigned long pois = nr_poison_corruptions, mark;
	struct page *p, *q;
	int tries = 0;

	if (!page_poisoning_enabled) {
		ktest_skip(t, "page poisoning off");
		return;
	}
	drain_all_pages(NULL);
	p = alloc_pages(GFP_KERNEL, 0);
	KTEST_ASSERT_NOT_NULL(t, p);
	__free_pages(p, 0);
	KTEST_EXPECT_TRUE(t, PagePoisoned(p));
	((volatile u8 *)page_address(p))[100] = 0x42; /* the bug */
	mark = printk_log_mark();
	/* the last freed page is the next one handed out (pcp is LIFO) */
	do {
		q = alloc_pages(GFP_KERNEL, 0);
		if (q != p && q)
			__free_pages(q, 0);
	} while (q != p && q && ++tries < 4);
	KTEST_EXPECT_TRUE(t, q == p);
	KTEST_EXPECT_TRUE(
		t, printk_log_since(mark, "pagealloc: memory corruption"));
	KTEST_EXPECT_EQ(t, nr_poison_corruptions, pois + 1);
	if (q)
		__free_pages(q, 0);
}

static struct kmem_cache *debug_cache(const char *name, unsigned int size)
{
	return kmem_cache_create(name, size, 0, DBG_FLAGS, NULL);
}

static void slab_double_free(struct ktest *t)
{
	unsigned long rep = slab_nr_reports, mark;
	struct kmem_cache *c = debug_cache("misuse_dfree", 64);
	void *a, *b, *x;

	KTEST_ASSERT_NOT_NULL(t, c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, a && b && a != b);
	kmem_cache_free(c, a);
	mark = printk_log_mark();
	kmem_cache_free(c, a);
	KTEST_EXPECT_TRUE(t, printk_log_since(mark, "BUG: misuse_dfree: double "
						    "free of object"));
	KTEST_EXPECT_EQ(t, slab_nr_reports, rep + 1);
	/* a was inserted once: two allocations give two distinct objects */
	a = kmem_cache_alloc(c, GFP_KERNEL);
	x = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_TRUE(t, a && x && a != x && a != b && x != b);
	kmem_cache_free(c, a);
	kmem_cache_free(c, x);
	kmem_cache_free(c, b);
	KTEST_EXPECT_EQ(t, slab_nr_reports, rep + 1);
	kmem_cache_destroy(c);
	KTEST_EXPECT_EQ(t, slab_nr_reports, rep + 1); /* no leak found */
}

static void slab_invalid_free(struct ktest *t)
{
	unsigned long rep = slab_nr_reports, mark;
	struct kmem_cache *c = debug_cache("misuse_inval", 64);
	char *a;
	struct page *pg;

	KTEST_ASSERT_NOT_NULL(t, c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, a);
	/* a pointer inside the object */
	mark = printk_log_mark();
	kmem_cache_free(c, a + 8);
	KTEST_EXPECT_TRUE(t,
			  printk_log_since(mark, "not the start of an object"));
	KTEST_EXPECT_EQ(t, slab_nr_reports, rep + 1);
	/* a page that is not a slab */
	pg = alloc_pages(GFP_KERNEL, 0);
	KTEST_ASSERT_NOT_NULL(t, pg);
	mark = printk_log_mark();
	kmem_cache_free(c, page_address(pg));
	KTEST_EXPECT_TRUE(t, printk_log_since(mark, "not a slab object"));
	/* kfree of something kmalloc never returned */
	kfree((char *)page_address(pg) + 24);
	KTEST_EXPECT_TRUE(
		t, printk_log_since(mark, "BUG: kfree: invalid pointer"));
	kfree(&rep); /* a stack address */
	KTEST_EXPECT_EQ(t, slab_nr_reports, rep + 4);
	__free_pages(pg, 0);
	/* the object is still allocated and the cache works */
	memset(a, 0x77, 64);
	kmem_cache_free(c, a);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_NOT_NULL(t, a);
	kmem_cache_free(c, a);
	kmem_cache_destroy(c);
	KTEST_EXPECT_EQ(t, slab_nr_reports, rep + 4);
}

static void slab_wrong_cache(struct ktest *t)
{
	unsigned long rep = slab_nr_reports, mark;
	struct kmem_cache *c1 = debug_cache("misuse_one", 64);
	struct kmem_cache *c2 = debug_cache("misuse_two", 64);
	void *a;

	KTEST_ASSERT_TRUE(t, c1 && c2);
	a = kmem_cache_alloc(c1, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, a);
	mark = printk_log_mark();
	kmem_cache_free(c2, a);
	KTEST_EXPECT_TRUE(t, printk_log_since(mark, "to the wrong cache (it "
						    "belongs to misuse_one)"));
	KTEST_EXPECT_EQ(t, slab_nr_reports, rep + 1);
	kmem_cache_free(c1, a); /* the right one: fine */
	kmem_cache_destroy(c2);
	kmem_cache_destroy(c1);
	KTEST_EXPECT_EQ(t, slab_nr_reports, rep + 1);
}

static void slab_redzone_overwrite(struct ktest *t)
{
	unsigned long rep = slab_nr_reports, mark;
	struct kmem_cache *c = debug_cache("misuse_rz", 64);
	u8 *a;

	KTEST_ASSERT_NOT_NULL(t, c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, a);
	a[64] = 0; /* one byte past the end: the red zone */
	mark = printk_log_mark();
	kmem_cache_free(c, a);
	KTEST_EXPECT_TRUE(t, printk_log_since(mark, "BUG: misuse_rz: red zone "
						    "overwritten"));
	KTEST_EXPECT_EQ(t, slab_nr_reports, rep + 1);
	/* repaired and freed: allocating again reports nothing */
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_NOT_NULL(t, a);
	kmem_cache_free(c, a);
	KTEST_EXPECT_EQ(t, slab_nr_reports, rep + 1);
	/* an underflow, one byte before */
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, a);
	a[-1] = 0;
	kmem_cache_free(c, a);
	KTEST_EXPECT_EQ(t, slab_nr_reports, rep + 2);
	kmem_cache_destroy(c);
}

static void slab_write_after_free(struct ktest *t)
{
	unsigned long rep = slab_nr_reports, mark;
	struct kmem_cache *c = debug_cache("misuse_uaf", 128);
	u8 *a, *b;

	KTEST_ASSERT_NOT_NULL(t, c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, a);
	kmem_cache_free(c, a);
	KTEST_EXPECT_EQ(t, a[0], 0x6b); /* poisoned */
	a[10] = 0x42;			/* the bug */
	mark = printk_log_mark();
	b = kmem_cache_alloc(c, GFP_KERNEL); /* LIFO: the same object */
	KTEST_EXPECT_TRUE(t, b == a);
	KTEST_EXPECT_TRUE(t, printk_log_since(mark, "poison overwritten (write "
						    "after free)"));
	KTEST_EXPECT_EQ(t, slab_nr_reports, rep + 1);
	kmem_cache_free(c, b);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_NOT_NULL(t, b);
	kmem_cache_free(c, b);
	KTEST_EXPECT_EQ(t, slab_nr_reports, rep + 1);
	kmem_cache_destroy(c);
}

/* The reports leave the allocators as they were: a last global check. */
static void misuse_system_consistent(struct ktest *t)
{
	unsigned long free0 = mm_test_free_pages();
	void *p = kmalloc(1000, GFP_KERNEL);
	struct page *pg = alloc_pages(GFP_KERNEL, 3);

	KTEST_EXPECT_NOT_NULL(t, p);
	KTEST_EXPECT_NOT_NULL(t, pg);
	kfree(p);
	if (pg)
		__free_pages(pg, 3);
	slab_shrink_all();
	KTEST_EXPECT_TRUE(t, mm_test_free_pages() >= free0);
	mm_test_buddy_check(t);
}

static struct ktest_case misuse_cases[] = {
	KTEST_CASE(page_double_free),
	KTEST_CASE(page_free_reserved),
	KTEST_CASE(page_wrong_order),
	KTEST_CASE(page_order_too_big),
	KTEST_CASE(page_order_covers_buddy),
	KTEST_CASE(page_write_after_free),
	KTEST_CASE(slab_double_free),
	KTEST_CASE(slab_invalid_free),
	KTEST_CASE(slab_wrong_cache),
	KTEST_CASE(slab_redzone_overwrite),
	KTEST_CASE(slab_write_after_free),
	KTEST_CASE(misuse_system_consistent),
	{},
};
KTEST_SUITE_EXPECTING_REPORTS(misuse, misuse_cases);
