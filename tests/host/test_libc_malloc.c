// SPDX-License-Identifier: MIT
/*
 * Host libc test: malloc, calloc, realloc, aligned_alloc and
 * posix_memalign over stub kmalloc/page allocators that only promise what
 * the kernel's do, with the misuse reports caught through abort().
 */
#include <setjmp.h>

#include <mm/page_alloc.h>
#include <mm/slab.h>

#include "libc_oracle.h"

/* ---- abort() hook: malloc's misuse reports end in abort() ---- */
static jmp_buf abort_jmp;
static bool abort_armed;
static int abort_count;

__noreturn void kite_abort(void)
{
	abort_count++;
	if (abort_armed)
		longjmp(abort_jmp, 1);
	host_abort();
}

#define EXPECT_ABORT(stmt) HOST_EXPECT_LONGJMP(abort_jmp, abort_armed, stmt)

/* ---- malloc over stub allocators ---- */
static long stub_live, stub_pages_live;

void *kmalloc(size_t size, gfp_t flags)
{
	(void)flags;
	/* Only 8-byte alignment, like ARCH_KMALLOC_MINALIGN. */
	char *p = host_malloc(size + 8);

	if (!p)
		return NULL;
	stub_live++;
	return p + 8;
}

/* While set, kfree keeps the memory (the double-free test reads it). */
static void *stub_kept;

void kfree(const void *p)
{
	if (!p)
		return;
	stub_live--;
	if (!stub_kept)
		stub_kept = (char *)p - 8;
	else
		host_free((char *)p - 8);
}

void *alloc_pages_exact(size_t size, gfp_t gfp)
{
	size_t len = (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);

	(void)gfp;

	stub_pages_live++;
	return host_aligned_alloc(PAGE_SIZE, len);
}

void free_pages_exact(void *virt, size_t size)
{
	(void)size;
	stub_pages_live--;
	host_free(virt);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	(void)gfp;
	stub_pages_live++;
	return (unsigned long)host_aligned_alloc(PAGE_SIZE << order,
						 PAGE_SIZE << order);
}

void free_pages(unsigned long addr, unsigned int order)
{
	(void)order;
	stub_pages_live--;
	host_free((void *)addr);
}

static bool filled(const unsigned char *p, size_t n, unsigned char c)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return false;
	return true;
}

/* malloc, calloc and their failures: sizes, alignment, zeroing. */
static void test_malloc_calloc(void)
{
	volatile size_t huge = SIZE_MAX; /* hidden from -Walloc-size */
	void *a, *b, *p;
	bool aligned = true;

	a = kite_malloc(0);
	b = kite_malloc(0);
	ok(a && b && a != b, "malloc(0) returns unique non-NULL pointers");
	kite_free(a);
	kite_free(b);
	kite_free(NULL);
	ok(stub_live == 0, "free(malloc(0)) and free(NULL) release everything");

	for (size_t n = 1; n < 3000; n += 7) {
		p = kite_malloc(n);
		aligned &= p && ((uintptr_t)p & 15) == 0 &&
			   kite_malloc_usable_size(p) >= n;
		memset(p, 0xa5, n);
		kite_free(p);
	}
	ok(aligned, "malloc: 16-byte aligned, usable >= asked, 1..3000 bytes");

	p = kite_calloc(100, 7);
	ok(p && filled(p, 700, 0), "calloc zeroes 700 bytes");
	kite_free(p);
	kite_errno = 0;
	ok(!kite_calloc(huge / 2, 3) && kite_errno == ENOMEM,
	   "calloc overflow: NULL, ENOMEM");
	kite_errno = 0;
	ok(!kite_malloc(huge - 8) && kite_errno == ENOMEM,
	   "malloc(SIZE_MAX - 8): NULL, ENOMEM");
}

/* realloc across the kmalloc and page sizes, and large mallocs. */
static void test_realloc(void)
{
	void *p;
	char *s;

	s = kite_malloc(10);
	strcpy(s, "012345678");
	s = kite_realloc(s, 5000);
	ok(s && !strcmp(s, "012345678"), "realloc to 5000 keeps the bytes");
	s = kite_realloc(s, 100000);
	ok(s && !strcmp(s, "012345678") && ((uintptr_t)s & 4095) == 0 &&
		   stub_pages_live == 1,
	   "realloc to 100000 moves to whole pages, keeps the bytes");
	s = kite_realloc(s, 100001);
	ok(s && ((uintptr_t)s & 4095) == 0 &&
		   kite_malloc_usable_size(s) == 102400,
	   "realloc within the same pages stays put");
	s = kite_realloc(s, 3);
	ok(s && !memcmp(s, "012", 3) && stub_pages_live == 0,
	   "realloc down to 3 bytes leaves the pages");
	p = kite_realloc(s, 0);
	ok(p != NULL, "realloc(p, 0) returns a unique pointer");
	kite_free(p);
	p = kite_realloc(NULL, 33);
	ok(p && kite_malloc_usable_size(p) >= 33, "realloc(NULL, n) mallocs");
	kite_free(p);

	p = kite_malloc(1 << 20);
	ok(p && ((uintptr_t)p & 4095) == 0 && stub_pages_live == 1,
	   "malloc(1 MiB) comes from the page allocator");
	memset(p, 1, 1 << 20);
	kite_free(p);
	ok(stub_pages_live == 0, "free gives the pages back");
}

static void test_aligned_alloc(void)
{
	bool aligned = true;
	void *p;
	int rc;

	for (size_t al = 1; al <= 65536; al <<= 1) {
		p = kite_aligned_alloc(al, 100);
		aligned &= p && ((uintptr_t)p & (al - 1)) == 0;
		memset(p, 2, 100);
		kite_free(p);
	}
	ok(aligned, "aligned_alloc 1..65536: aligned, writable, freeable");
	ok(stub_pages_live == 0 && stub_live == 0,
	   "aligned blocks all returned to their allocator");
	kite_errno = 0;
	ok(!kite_aligned_alloc(24, 10) && kite_errno == EINVAL,
	   "aligned_alloc(24): EINVAL");
	p = (void *)1;
	kite_errno = 0;
	ok(kite_posix_memalign(&p, 4, 10) == EINVAL && p == (void *)1 &&
		   kite_errno == 0,
	   "posix_memalign(4): EINVAL returned, *memptr and errno untouched");
	rc = kite_posix_memalign(&p, 8192, 10000);
	ok(rc == 0 && ((uintptr_t)p & 8191) == 0, "posix_memalign(8192)");
	kite_free(p);
	rc = kite_posix_memalign(&p, 64, 0);
	ok(rc == 0 && p && ((uintptr_t)p & 63) == 0,
	   "posix_memalign(64, 0) gives a unique pointer");
	kite_free(p);
}

/* Double and bad frees end in abort(), which the test catches. */
static void test_malloc_misuse(void)
{
	void *p;

	host_free(stub_kept);
	stub_kept = NULL;
	p = kite_malloc(40);
	kite_free(p); /* kept by the stub, as freed slab memory stays mapped */
	ok(EXPECT_ABORT(kite_free(p)), "double free is caught (abort)");
	{
		static long fake[8];

		ok(EXPECT_ABORT(kite_free(&fake[4])),
		   "free of a non-malloc pointer is caught (abort)");
		ok(EXPECT_ABORT(kite_free((char *)&fake[4] + 1)),
		   "free of a misaligned pointer is caught (abort)");
	}
	ok(stub_live == 0 && stub_pages_live == 0, "nothing leaked so far");
}

/* Random mix of malloc/realloc/free; each block holds its own tag. */
static void test_malloc_random(unsigned long seed)
{
	enum { SLOTS = 64 };
	unsigned char *slot[SLOTS] = {0};
	size_t len[SLOTS] = {0};
	bool intact = true;

	for (int i = 0; i < 20000; i++) {
		int k = (int)(lcg(&seed) % SLOTS);
		size_t n = lcg(&seed) % (lcg(&seed) % 8 ? 300 : 20000);

		if (slot[k])
			intact &= filled(slot[k], len[k], (unsigned char)k);
		if (slot[k] && lcg(&seed) % 2) {
			kite_free(slot[k]);
			slot[k] = NULL;
			len[k] = 0;
			continue;
		}
		slot[k] = kite_realloc(slot[k], n);
		if (!slot[k]) {
			intact = false;
			break;
		}
		if (n > len[k])
			memset(slot[k], k, n);
		len[k] = n;
	}
	for (int k = 0; k < SLOTS; k++)
		kite_free(slot[k]);
	ok(intact, "20000 random malloc/realloc/free: contents intact");
	ok(stub_live == 0 && stub_pages_live == 0,
	   "random mix: every block freed");
	host_free(stub_kept);
}

void test_malloc(unsigned long seed)
{
	test_malloc_calloc();
	test_realloc();
	test_aligned_alloc();
	test_malloc_misuse();
	test_malloc_random(seed);
}
