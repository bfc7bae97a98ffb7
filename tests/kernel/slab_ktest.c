// SPDX-License-Identifier: MIT
/*
 * DOC: KTAP suite "slab"
 *
 * Caches and kmalloc on the running kernel: object size and alignment,
 * constructors, the kmalloc size classes and the large-kmalloc path,
 * krealloc/ksize/kstrdup/kmemdup, kmalloc_array() overflow, shrinking
 * (empty slabs go back to the buddy) and kmem_cache_destroy() refusing a
 * cache that still has objects.  Free page counts are compared after a
 * shrink of every cache, so slab pages cached in between do not count.
 */
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/taint.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

#include "mm_ktest.h"
#include "../../mm/slab_internal.h"

#define NOBJS 200

struct tobj {
	unsigned long magic;
	unsigned long seq;
	char payload[40];
};

#define TOBJ_MAGIC 0x7e57ab1eUL

static unsigned long ctor_calls;

static void tobj_ctor(void *p)
{
	struct tobj *o = p;

	ctor_calls++;
	o->magic = TOBJ_MAGIC;
	o->seq = 0;
}

/* Free pages once every cache gave its empty slabs back. */
static unsigned long settled_free_pages(void)
{
	slab_shrink_all();
	return mm_test_free_pages();
}

unsigned long mm_test_objs_in_use(struct kmem_cache *c)
{
	unsigned long n = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		n += c->node[nid].total_slabs * c->num -
		     c->node[nid].free_objects;
	return n;
}

static void slab_cache_basic(struct ktest *t)
{
	unsigned long free0 = settled_free_pages();
	struct kmem_cache *c;
	struct tobj *o[NOBJS];

	c = kmem_cache_create("test_tobj", sizeof(struct tobj), 0, 0,
			      tobj_ctor);
	KTEST_ASSERT_NOT_NULL(t, c);
	KTEST_EXPECT_EQ(t, kmem_cache_size(c), sizeof(struct tobj));
	KTEST_EXPECT_TRUE(t, !strcmp(kmem_cache_name(c), "test_tobj"));
	ctor_calls = 0;
	for (int i = 0; i < NOBJS; i++) {
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
		if (!KTEST_EXPECT_NOT_NULL(t, o[i]))
			break;
		if (i < 3 || i == NOBJS - 1) {
			KTEST_EXPECT_EQ(t, o[i]->magic, TOBJ_MAGIC);
			KTEST_EXPECT_EQ(t, (unsigned long)o[i] & 7, 0);
			KTEST_EXPECT_TRUE(t, PageSlab(virt_to_page(o[i])));
		}
		o[i]->seq = (unsigned long)i;
	}
	KTEST_EXPECT_TRUE(t, ctor_calls >= NOBJS);
	for (int i = 0; i < NOBJS; i++)
		for (int j = i + 1; j < i + 4 && j < NOBJS; j++)
			KTEST_EXPECT_TRUE(
				t, (char *)o[j] >= (char *)(o[i] + 1) ||
					   (char *)(o[j] + 1) <= (char *)o[i]);
	for (int i = 0; i < NOBJS; i++)
		if (o[i] && !KTEST_EXPECT_EQ(t, o[i]->seq, i))
			break;
	kmem_cache_shrink(c);
	KTEST_EXPECT_EQ(t, mm_test_objs_in_use(c), NOBJS);
	for (int i = 0; i < NOBJS; i++) {
		/* the constructed state is the caller's to restore */
		o[i]->magic = TOBJ_MAGIC;
		kmem_cache_free(c, o[i]);
	}
	kmem_cache_shrink(c);
	KTEST_EXPECT_EQ(t, mm_test_objs_in_use(c), 0);
	/* zalloc overrides the constructor's values */
	o[0] = kmem_cache_zalloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, o[0]);
	KTEST_EXPECT_EQ(t, o[0]->magic, 0);
	o[0]->magic = TOBJ_MAGIC;
	kmem_cache_free(c, o[0]);
	kmem_cache_destroy(c);
	KTEST_EXPECT_EQ(t, settled_free_pages(), free0);
}

static void slab_alignment(struct ktest *t)
{
	static const unsigned int aligns[] = {8, 16, 64, 128, 256};
	struct kmem_cache *c;
	void *o[8];

	for (unsigned int a = 0; a < ARRAY_SIZE(aligns); a++) {
		c = kmem_cache_create("test_align", 24, aligns[a], 0, NULL);
		if (!KTEST_EXPECT_NOT_NULL(t, c))
			continue;
		for (int i = 0; i < 8; i++) {
			o[i] = kmem_cache_alloc(c, GFP_KERNEL);
			if (KTEST_EXPECT_NOT_NULL(t, o[i]))
				KTEST_EXPECT_EQ(t,
						(unsigned long)o[i] &
							(aligns[a] - 1),
						0);
		}
		for (int i = 0; i < 8; i++)
			kmem_cache_free(c, o[i]);
		kmem_cache_destroy(c);
	}
	/* SLAB_HWCACHE_ALIGN: a 100-byte object starts on a cache line */
	c = kmem_cache_create("test_hwalign", 100, 0, SLAB_HWCACHE_ALIGN, NULL);
	KTEST_ASSERT_NOT_NULL(t, c);
	for (int i = 0; i < 8; i++) {
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
		if (KTEST_EXPECT_NOT_NULL(t, o[i]))
			KTEST_EXPECT_EQ(
				t, (unsigned long)o[i] & (SMP_CACHE_BYTES - 1),
				0);
	}
	for (int i = 0; i < 8; i++)
		kmem_cache_free(c, o[i]);
	kmem_cache_destroy(c);
	/* objects from the DMA32 variant live below 4 GiB */
#ifdef CONFIG_ZONE_DMA32
	c = kmem_cache_create("test_dma32", 64, 0, SLAB_CACHE_DMA32, NULL);
	KTEST_ASSERT_NOT_NULL(t, c);
	o[0] = kmem_cache_alloc(c, GFP_KERNEL);
	if (KTEST_EXPECT_NOT_NULL(t, o[0]))
		KTEST_EXPECT_TRUE(t, __pa(o[0]) < 0x100000000ULL);
	kmem_cache_free(c, o[0]);
	kmem_cache_destroy(c);
#endif
}

/*
 * kmalloc of a power-of-two size is naturally aligned (Linux since 5.4),
 * for every class and kmalloc type and for large kmalloc, whatever
 * slab_debug= says; the boots run this with and without slab_debug=Z.
 */
static void slab_kmalloc_natural_alignment(struct ktest *t)
{
	static const gfp_t types[] = {
		GFP_KERNEL,
#ifdef CONFIG_ZONE_DMA
		GFP_KERNEL | __GFP_DMA,
#endif
#ifdef CONFIG_ZONE_DMA32
		GFP_KERNEL | __GFP_DMA32,
#endif
	};
	unsigned long bad = 0, checked = 0;
	void *o[16];

	pr_info("slab test: kmalloc-64 red zone %s\n",
		kmalloc_slab(64, 0)->flags & SLAB_RED_ZONE ? "on" : "off");
	for (unsigned int ty = 0; ty < ARRAY_SIZE(types); ty++) {
		for (size_t size = KMALLOC_MIN_SIZE;
		     size <= KMALLOC_MAX_CACHE_SIZE * 32; size <<= 1) {
			gfp_t gfp = types[ty] | __GFP_NOWARN;
			int n = size > KMALLOC_MAX_CACHE_SIZE ? 2 : 16;

			for (int i = 0; i < n; i++) {
				o[i] = kmalloc(size, gfp);
				if (!o[i]) {
					/* the DMA zones may be small */
					bad += ty == 0;
					continue;
				}
				checked++;
				if ((unsigned long)o[i] & (size - 1)) {
					pr_err("slab test: kmalloc(%zu, %#x) = "
					       "%p not aligned\n",
					       size, gfp, o[i]);
					bad++;
				}
			}
			for (int i = 0; i < n; i++)
				kfree(o[i]);
		}
	}
	KTEST_EXPECT_TRUE(t, checked >= 16 * 11);
	KTEST_EXPECT_EQ(t, bad, 0);
}

static void slab_kmalloc_classes(struct ktest *t)
{
	static const size_t sizes[] = {1,   8,	  9,	64,   65,
				       96,  97,	  128,	192,  193,
				       256, 1000, 2048, 4097, 8192};
	unsigned long free0 = settled_free_pages();

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t sz = sizes[i];
		struct kmem_cache *c = kmalloc_slab(sz, GFP_KERNEL);
		unsigned char *p = kmalloc(sz, GFP_KERNEL);

		if (!KTEST_EXPECT_NOT_NULL(t, p) ||
		    !KTEST_EXPECT_NOT_NULL(t, c))
			continue;
		KTEST_EXPECT_TRUE(t, ksize(p) >= sz);
		KTEST_EXPECT_EQ(t, ksize(p), kmem_cache_size(c));
		/* the class is the smallest one that fits */
		KTEST_EXPECT_TRUE(t, sz <= 8 || ksize(p) < 2 * sz ||
					     ksize(p) <= sz + 64);
		KTEST_EXPECT_EQ(t, virt_to_page(p)->slab_cache, c);
		KTEST_EXPECT_EQ(
			t, (unsigned long)p & (ARCH_KMALLOC_MINALIGN - 1), 0);
		memset(p, 0xee, ksize(p)); /* all of ksize() is usable */
		kfree(p);
	}
	/* 0 bytes: ZERO_SIZE_PTR, which kfree and ksize accept */
	KTEST_EXPECT_TRUE(t, kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	KTEST_EXPECT_EQ(t, ksize(ZERO_SIZE_PTR), 0);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	/* larger than the biggest class: pages from the buddy */
	{
		unsigned char *big =
			kmalloc(KMALLOC_MAX_CACHE_SIZE + 1, GFP_KERNEL);

		KTEST_ASSERT_NOT_NULL(t, big);
		KTEST_EXPECT_TRUE(t, PageLargeKmalloc(virt_to_page(big)));
		KTEST_EXPECT_EQ(t, (unsigned long)big & (PAGE_SIZE - 1), 0);
		KTEST_EXPECT_EQ(t, ksize(big), 4 * PAGE_SIZE);
		big[ksize(big) - 1] = 1;
		kfree(big);
	}
	/* kzalloc and the DMA twins */
	{
		unsigned long *z = kzalloc(512, GFP_KERNEL), nz = 0;

		KTEST_ASSERT_NOT_NULL(t, z);
		for (unsigned int i = 0; i < 512 / sizeof(*z); i++)
			nz += z[i] != 0;
		KTEST_EXPECT_EQ(t, nz, 0);
		kfree(z);
	}
#ifdef CONFIG_ZONE_DMA32
	{
		void *d = kmalloc(100, GFP_KERNEL | GFP_DMA32);

		KTEST_ASSERT_NOT_NULL(t, d);
		KTEST_EXPECT_TRUE(t, __pa(d) < 0x100000000ULL);
		KTEST_EXPECT_TRUE(t, kmalloc_slab(100, GFP_DMA32) !=
					     kmalloc_slab(100, GFP_KERNEL));
		kfree(d);
	}
#endif
	KTEST_EXPECT_EQ(t, settled_free_pages(), free0);
}

static void slab_krealloc_and_dup(struct ktest *t)
{
	unsigned long free0 = settled_free_pages();
	char *p, *q;
	size_t ks;

	p = kmalloc(20, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	for (int i = 0; i < 20; i++)
		p[i] = (char)('a' + i);
	ks = ksize(p);
	/* growing within ksize() stays in place */
	q = krealloc(p, ks, GFP_KERNEL);
	KTEST_EXPECT_TRUE(t, q == p);
	/* growing past it moves and keeps the contents */
	q = krealloc(p, 3000, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, q);
	KTEST_EXPECT_TRUE(t, ksize(q) >= 3000);
	KTEST_EXPECT_TRUE(t, !memcmp(q, "abcdefghijklmnopqrst", 20));
	/* into the large-kmalloc range and back */
	p = krealloc(q, 3 * PAGE_SIZE, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_TRUE(t, !memcmp(p, "abcdefghijklmnopqrst", 20));
	/* shrinking never moves */
	q = krealloc(p, 10, GFP_KERNEL);
	KTEST_EXPECT_TRUE(t, q == p);
	/* size 0 frees */
	KTEST_EXPECT_TRUE(t, krealloc(q, 0, GFP_KERNEL) == ZERO_SIZE_PTR);
	/* NULL is kmalloc */
	p = krealloc(NULL, 40, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	kfree(p);

	p = kstrdup("Kite unikernel", GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_TRUE(t, !strcmp(p, "Kite unikernel"));
	KTEST_EXPECT_TRUE(t, ksize(p) >= 15);
	q = kstrndup(p, 4, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, q);
	KTEST_EXPECT_TRUE(t, !strcmp(q, "Kite"));
	kfree(q);
	q = kmemdup(p, 5, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, q);
	KTEST_EXPECT_TRUE(t, q != p && !memcmp(q, "Kite ", 5));
	kfree(q);
	kfree(p);
	KTEST_EXPECT_NULL(t, kstrdup(NULL, GFP_KERNEL));
	KTEST_EXPECT_EQ(t, settled_free_pages(), free0);
}

static void slab_kmalloc_array_overflow(struct ktest *t)
{
	void *p;

	KTEST_EXPECT_NULL(t, kmalloc_array(~(size_t)0 / 2, 4, GFP_KERNEL));
	KTEST_EXPECT_NULL(t, kmalloc_array(1UL << 33, 1UL << 33, GFP_KERNEL));
	KTEST_EXPECT_NULL(t, kcalloc(~(size_t)0, 2, GFP_KERNEL));
	/* no overflow but absurdly large: NULL too, quietly */
	KTEST_EXPECT_NULL(
		t, kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
	p = kcalloc(16, 16, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, ((unsigned char *)p)[255], 0);
	KTEST_EXPECT_TRUE(t, ksize(p) >= 256);
	kfree(p);
}

static void slab_shrink_returns_pages(struct ktest *t)
{
	unsigned long free0 = settled_free_pages(), mid;
	struct kmem_cache *c;
	void **o;
	int n = 2000, got = 0;

	c = kmem_cache_create("test_shrink", 256, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, c);
	o = kmalloc_array((size_t)n, sizeof(*o), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, o);
	for (int i = 0; i < n; i++) {
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
		got += o[i] != NULL;
	}
	KTEST_EXPECT_EQ(t, got, n);
	mid = mm_test_free_pages();
	KTEST_EXPECT_TRUE(t, mid + (unsigned long)n * 256 / PAGE_SIZE <= free0);
	for (int i = 0; i < n; i++)
		kmem_cache_free(c, o[i]);
	/* the frees may release some slabs; the shrink releases the rest */
	kmem_cache_shrink(c);
	KTEST_EXPECT_EQ(t, mm_test_objs_in_use(c), 0);
	KTEST_EXPECT_EQ(t, c->node[0].total_slabs, 0);
	KTEST_EXPECT_EQ(t, kmem_cache_shrink(c), 0);
	KTEST_EXPECT_TRUE(t, mm_test_free_pages() - mid >=
				     (unsigned long)n * 256 / PAGE_SIZE);
	/* a shrink with slabs to give back says how many pages it gave */
	for (int i = 0; i < 64; i++)
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (int i = 0; i < 64; i++)
		kmem_cache_free(c, o[i]);
	mid = mm_test_free_pages();
	got = kmem_cache_shrink(c);
	KTEST_EXPECT_TRUE(t, got >= 1);
	KTEST_EXPECT_EQ(t, mm_test_free_pages(), mid + (unsigned long)got);
	kfree(o);
	kmem_cache_destroy(c);
	KTEST_EXPECT_EQ(t, settled_free_pages(), free0);
}

static void slab_destroy_with_leaks(struct ktest *t)
{
	unsigned long reports = slab_nr_reports, mark;
	struct kmem_cache *c;
	void *a, *b;

	c = kmem_cache_create("test_leaky", 128, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, a && b);
	kmem_cache_free(c, b);
	mark = printk_log_mark();
	report_expect_begin();
	kmem_cache_destroy(c); /* refused: one object is still out */
	KTEST_EXPECT_EQ(t, report_expect_end(), 1);
	KTEST_EXPECT_TRUE(t, printk_log_since(mark, "kmem_cache_destroy "
						    "test_leaky: 1 objects "
						    "still allocated"));
	KTEST_EXPECT_EQ(t, slab_nr_reports, reports + 1);
	/* the cache is still alive and usable */
	KTEST_EXPECT_EQ(t, mm_test_objs_in_use(c), 1);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_NOT_NULL(t, b);
	kmem_cache_free(c, b);
	kmem_cache_free(c, a);
	mark = printk_log_mark();
	kmem_cache_destroy(c); /* now it goes */
	KTEST_EXPECT_FALSE(t, printk_log_since(mark, "test_leaky"));
	KTEST_EXPECT_EQ(t, slab_nr_reports, reports + 1);
}

static struct ktest_case slab_cases[] = {
	KTEST_CASE(slab_cache_basic),
	KTEST_CASE(slab_alignment),
	KTEST_CASE(slab_kmalloc_classes),
	KTEST_CASE(slab_kmalloc_natural_alignment),
	KTEST_CASE(slab_krealloc_and_dup),
	KTEST_CASE(slab_kmalloc_array_overflow),
	KTEST_CASE(slab_shrink_returns_pages),
	KTEST_CASE(slab_destroy_with_leaks),
	{},
};
KTEST_SUITE(slab, slab_cases);
