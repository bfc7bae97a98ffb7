// SPDX-License-Identifier: MIT
/*
 * DOC: malloc for the application
 *
 * Two back ends behind one free():
 *
 * - Small blocks come from kmalloc.  Each carries a 16-byte header right
 *   before the pointer the caller sees: a magic word (live or freed), the
 *   distance back to what kmalloc returned, and the size asked for.  The
 *   header lets free() catch invalid and double frees, and lets the block
 *   be aligned to 16 (max_align_t) or to any smaller-than-a-page
 *   alignment, although kmalloc only promises 8 (ARCH_KMALLOC_MINALIGN).
 *
 * - Blocks that would not fit in the largest kmalloc size class (8 KiB)
 *   with their header, and every request aligned to a page or more, come
 *   straight from the buddy allocator: alloc_pages_exact() (whole pages,
 *   page aligned, no power-of-two rounding) or, for alignments above a
 *   page, __get_free_pages() (buddy blocks are naturally aligned).  These
 *   have no header; a short list remembers their size.  free() looks a
 *   page-aligned pointer up in that list first.
 *
 * malloc(0) and realloc(p, 0) return a unique pointer to a 1-byte block.
 * Failures return NULL with errno = ENOMEM (EINVAL for a bad alignment).
 * The largest block is the buddy's largest, PAGE_SIZE << (MAX_ORDER - 1).
 */
#include <kernel/log2.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

#include "../../include/libc/errno.h"
#include "../../include/libc/stdlib.h"

#define MALLOC_ALIGN 16	       /* _Alignof(max_align_t) on riscv64 and x86_64 */
#define MAGIC_LIVE 0x6b6d616cU /* "kmal" */
#define MAGIC_FREE 0x66726565U /* "free" */

struct mhdr {
	u32 magic;
	u32 offset; /* user pointer - kmalloc'd base */
	size_t size;
};

_Static_assert(sizeof(struct mhdr) == MALLOC_ALIGN, "header keeps alignment");

/* A block straight from the page allocator. */
struct big_block {
	struct big_block *next;
	void *addr;
	size_t size; /* bytes asked for */
	int order;   /* __get_free_pages order, or -1: alloc_pages_exact */
};

static struct big_block *big_blocks;

#define BIG_MAX_BYTES (PAGE_SIZE << (MAX_ORDER - 1))

static __noreturn void bad_pointer(const char *fn, const char *what, void *p)
{
	pr_emerg("%s(): %s %p\n", fn, what, p);
	abort();
}

static void *big_alloc(size_t size, size_t align)
{
	struct big_block *b;
	void *addr;
	int order = -1;

	if (size > BIG_MAX_BYTES || align > BIG_MAX_BYTES)
		return NULL;
	b = kmalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return NULL;
	if (align <= PAGE_SIZE) {
		addr = alloc_pages_exact(size, GFP_KERNEL);
	} else {
		order = (int)get_order(size > align ? size : align);
		addr = (void *)__get_free_pages(GFP_KERNEL, (unsigned)order);
	}
	if (!addr) {
		kfree(b);
		return NULL;
	}
	b->addr = addr;
	b->size = size;
	b->order = order;
	b->next = big_blocks;
	big_blocks = b;
	return addr;
}

static struct big_block **big_find(const void *p)
{
	struct big_block **bp;

	if ((uintptr_t)p & (PAGE_SIZE - 1))
		return NULL;
	for (bp = &big_blocks; *bp; bp = &(*bp)->next)
		if ((*bp)->addr == p)
			return bp;
	return NULL;
}

static void big_free(struct big_block **bp)
{
	struct big_block *b = *bp;

	*bp = b->next;
	if (b->order < 0)
		free_pages_exact(b->addr, b->size);
	else
		free_pages((unsigned long)b->addr, (unsigned)b->order);
	kfree(b);
}

static size_t big_usable(const struct big_block *b)
{
	return b->order < 0 ? ALIGN(b->size, PAGE_SIZE) : PAGE_SIZE << b->order;
}

/* The header of a small block, after checking that it is one. */
static struct mhdr *small_hdr(void *p, const char *fn)
{
	struct mhdr *h;

	if ((uintptr_t)p & (MALLOC_ALIGN - 1))
		bad_pointer(fn, "invalid pointer", p);
	h = (struct mhdr *)p - 1;
	if (h->magic == MAGIC_FREE)
		bad_pointer(fn, "double free or use after free of", p);
	if (h->magic != MAGIC_LIVE)
		bad_pointer(fn, "invalid pointer (not from malloc)", p);
	return h;
}

/* Allocate @size bytes aligned to @align (a power of two). */
static void *alloc_aligned(size_t size, size_t align)
{
	size_t total;
	uintptr_t base, user;
	struct mhdr *h;
	void *p;

	if (!size)
		size = 1;
	if (align < MALLOC_ALIGN)
		align = MALLOC_ALIGN;
	/* kmalloc'd bases are 8-aligned: up to align - 8 bytes of slack. */
	if (align < PAGE_SIZE &&
	    !__builtin_add_overflow(size, sizeof(*h) + align - 8, &total) &&
	    total <= KMALLOC_MAX_CACHE_SIZE) {
		base = (uintptr_t)kmalloc(total, GFP_KERNEL);
		if (!base)
			goto nomem;
		user = ALIGN(base + sizeof(*h), align);
		h = (struct mhdr *)user - 1;
		h->magic = MAGIC_LIVE;
		h->offset = (u32)(user - base);
		h->size = size;
		return (void *)user;
	}
	p = big_alloc(size, align);
	if (p)
		return p;
nomem:
	errno = ENOMEM;
	return NULL;
}

void *malloc(size_t size)
{
	return alloc_aligned(size, MALLOC_ALIGN);
}

void *calloc(size_t nmemb, size_t size)
{
	size_t bytes;
	void *p;

	if (__builtin_mul_overflow(nmemb, size, &bytes)) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(bytes);
	if (p)
		memset(p, 0, bytes);
	return p;
}

void free(void *ptr)
{
	struct big_block **bp;
	struct mhdr *h;

	if (!ptr)
		return;
	bp = big_find(ptr);
	if (bp) {
		big_free(bp);
		return;
	}
	h = small_hdr(ptr, "free");
	h->magic = MAGIC_FREE;
	kfree((char *)ptr - h->offset);
}

size_t malloc_usable_size(void *ptr)
{
	struct big_block **bp;

	if (!ptr)
		return 0;
	bp = big_find(ptr);
	if (bp)
		return big_usable(*bp);
	return small_hdr(ptr, "malloc_usable_size")->size;
}

void *realloc(void *ptr, size_t size)
{
	struct big_block **bp;
	size_t old;
	void *p;

	if (!ptr)
		return malloc(size);
	if (!size)
		size = 1;
	bp = big_find(ptr);
	if (bp) {
		old = (*bp)->size;
		/* Same pages, exact allocation: only the size changes. */
		if ((*bp)->order < 0 &&
		    ALIGN(size, PAGE_SIZE) == ALIGN(old, PAGE_SIZE)) {
			(*bp)->size = size;
			return ptr;
		}
	} else {
		struct mhdr *h = small_hdr(ptr, "realloc");

		old = h->size;
		/* Shrinking by less than half: keep the block. */
		if (size <= old && size >= old / 2) {
			h->size = size;
			return ptr;
		}
	}
	p = malloc(size);
	if (!p)
		return NULL;
	memcpy(p, ptr, old < size ? old : size);
	free(ptr);
	return p;
}

void *aligned_alloc(size_t align, size_t size)
{
	if (!align || (align & (align - 1))) {
		errno = EINVAL;
		return NULL;
	}
	return alloc_aligned(size, align);
}

int posix_memalign(void **memptr, size_t align, size_t size)
{
	int saved = errno;
	void *p;

	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	p = alloc_aligned(size, align);
	errno = saved; /* POSIX: report through the return value only */
	if (!p)
		return ENOMEM;
	*memptr = p;
	return 0;
}
