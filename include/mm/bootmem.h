/* SPDX-License-Identifier: MIT */
/*
 * The classic boot memory allocator API (Linux's <linux/bootmem.h>).
 *
 * Two backends implement it, chosen in Kconfig ("mm: bootmem backend"):
 *
 *   CONFIG_BOOTMEM_MEMBLOCK  thin shims over memblock (Linux's nobootmem);
 *   CONFIG_BOOTMEM_BITMAP    the classic per-node bitmap (Linux's bootmem.c;
 *                            its own structures: <mm/bootmem_bitmap.h>).
 *
 * Callers see the same behaviour: returned memory is zeroed; the _nopanic
 * variants return NULL on failure and the others panic; a goal is tried
 * first, then goal 0, then every node.  Node arguments are node ids (this
 * kernel has no pg_data_t at bootmem time).
 *
 * Boot order: the arch fills memblock; mm_init() sizes the zones, then
 * drives the backend through struct bootmem_backend (below): its init hook
 * (bootmem_init_from_memblock()), then its finish hook, which hands
 * everything still free to the page allocator (free_all_bootmem()).
 */
#ifndef _MM_BOOTMEM_H
#define _MM_BOOTMEM_H

#include <kernel/list.h>
#include <kernel/types.h>
#include <mm/numa.h>

#include <asm/mm.h>

/* pfn bounds of memory, set by the arch (or bootmem_init_from_memblock()) */
extern unsigned long max_low_pfn;
extern unsigned long min_low_pfn;
extern unsigned long max_pfn;

/* Trace every bootmem call (CONFIG_BOOTMEM_DEBUG sets the default). */
extern int bootmem_debug;

/* reserve_bootmem() flags */
#define BOOTMEM_DEFAULT 0
#define BOOTMEM_EXCLUSIVE (1 << 0)

void bootmem_init_from_memblock(void);
unsigned long free_all_bootmem(void);

void free_bootmem(unsigned long physaddr, unsigned long size);
void free_bootmem_node(int nid, unsigned long physaddr, unsigned long size);
void free_bootmem_late(unsigned long physaddr, unsigned long size);
int reserve_bootmem(unsigned long addr, unsigned long size, int flags);
int reserve_bootmem_node(int nid, unsigned long physaddr, unsigned long size,
			 int flags);

void *__alloc_bootmem(unsigned long size, unsigned long align,
		      unsigned long goal);
void *__alloc_bootmem_nopanic(unsigned long size, unsigned long align,
			      unsigned long goal);
void *__alloc_bootmem_node(int nid, unsigned long size, unsigned long align,
			   unsigned long goal);
void *__alloc_bootmem_node_nopanic(int nid, unsigned long size,
				   unsigned long align, unsigned long goal);
void *__alloc_bootmem_node_high(int nid, unsigned long size,
				unsigned long align, unsigned long goal);
void *__alloc_bootmem_low(unsigned long size, unsigned long align,
			  unsigned long goal);
void *__alloc_bootmem_low_nopanic(unsigned long size, unsigned long align,
				  unsigned long goal);
void *__alloc_bootmem_low_node(int nid, unsigned long size, unsigned long align,
			       unsigned long goal);

/* Default goal: the lowest address an arch wants ordinary boot data at. */
#ifndef BOOTMEM_LOW_LIMIT
#define BOOTMEM_LOW_LIMIT 0
#endif

#define alloc_bootmem(x) __alloc_bootmem(x, SMP_CACHE_BYTES, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_align(x, align) \
	__alloc_bootmem(x, align, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_nopanic(x) \
	__alloc_bootmem_nopanic(x, SMP_CACHE_BYTES, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_pages(x) __alloc_bootmem(x, PAGE_SIZE, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_pages_nopanic(x) \
	__alloc_bootmem_nopanic(x, PAGE_SIZE, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_node(nid, x) \
	__alloc_bootmem_node(nid, x, SMP_CACHE_BYTES, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_node_nopanic(nid, x) \
	__alloc_bootmem_node_nopanic(nid, x, SMP_CACHE_BYTES, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_pages_node(nid, x) \
	__alloc_bootmem_node(nid, x, PAGE_SIZE, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_low(x) __alloc_bootmem_low(x, SMP_CACHE_BYTES, 0)
#define alloc_bootmem_low_pages(x) __alloc_bootmem_low(x, PAGE_SIZE, 0)
#define alloc_bootmem_pages_low(x) alloc_bootmem_low_pages(x)
#define alloc_bootmem_low_pages_nopanic(x) \
	__alloc_bootmem_low_nopanic(x, PAGE_SIZE, 0)
#define alloc_bootmem_low_pages_node(nid, x) \
	__alloc_bootmem_low_node(nid, x, PAGE_SIZE, 0)

/**
 * struct bootmem_backend - the hooks of a bootmem backend
 * @name: the backend as the boot log names it
 * @init: free_area_init() has run: take over memblock's free memory
 *	(bootmem_init_from_memblock())
 * @finish: hand every free page to the buddy allocator, count it in
 *	totalram_pages and size the watermarks and pcp lists; returns the
 *	number of pages handed over
 * @finish_deferred: deferred struct page init has written the struct pages
 *	of each node @nid from @first[@nid] up (~0UL: none); hand the free
 *	ones over.  Returns the number of pages (the caller counts them in
 *	totalram_pages).
 *
 * Each backend, mm/bootmem_<name>.c, defines bootmem_backend; Kconfig
 * builds exactly one.  mm_init() (mm/boot.c) and deferred struct page init
 * (mm/page_deferred.c) know backends only through these hooks.
 */
struct bootmem_backend {
	const char *name;
	void (*init)(void);
	unsigned long (*finish)(void);
	unsigned long (*finish_deferred)(const unsigned long *first);
};

extern const struct bootmem_backend bootmem_backend;

#endif /* _MM_BOOTMEM_H */
