// SPDX-License-Identifier: MIT
/*
 * A test-only page provider for the slab tests: the page allocator API of
 * include/mm/page_alloc.h (alloc_pages_node, __free_pages, nr_free_pages)
 * over simulated RAM, with a struct page array per node so
 * virt_to_page()/page_to_nid() work; the shrinkers are the real ones
 * (mm/shrinker.c).  First fit over a byte map; free
 * pages are ASan-poisoned so a slab touching freed memory is caught.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/printk.h>
#include <mm/page_alloc.h>
#include <mm/shrinker.h>

#include "../../mm/mm_init_internal.h"
#include "host.h"
#include "slab_test_env.h"

#if defined(__SANITIZE_ADDRESS__)
void __asan_poison_memory_region(void const volatile *addr, size_t size);
void __asan_unpoison_memory_region(void const volatile *addr, size_t size);
#define POISON(a, s) __asan_poison_memory_region((a), (s))
#define UNPOISON(a, s) __asan_unpoison_memory_region((a), (s))
#else
#define POISON(a, s) ((void)(a), (void)(s))
#define UNPOISON(a, s) ((void)(a), (void)(s))
#endif

#define FAKE_NODES 2
#define FAKE_BASE 0x80000000ULL

const char *const slab_env_name = "fake page provider";
/* mm/page_debug.c is not linked: shrink_slab() counts its events here. */
struct vm_event_state vm_event_states[CONFIG_NR_CPUS];
pg_data_t *node_data[MAX_NUMNODES];
static pg_data_t fake_pgdat[FAKE_NODES];
static unsigned char *fake_used[FAKE_NODES];
static unsigned long fake_pages_per_node, fake_free;
static unsigned long fake_hint[FAKE_NODES]; /* next-fit start */
/* Tests may cap the pages handed out to exercise the shrinker path. */
long fake_page_limit = -1;
unsigned long fake_bad_frees;

/* pfn_to_nid()'s table (mm_init.c builds the real one from memblock):
 * one granule per pfn, so no granule is shared by two nodes; pfn_to_page()'s
 * section_mem_map (mm/mem_section.c) takes the same shape. */
const u8 *pfn_nid_map;
unsigned long pfn_nid_map_first, pfn_nid_map_len;
unsigned int pfn_nid_shift;

int __pfn_to_nid_mixed(unsigned long pfn)
{
	unsigned long i = pfn - PHYS_PFN(FAKE_BASE);

	return i < fake_pages_per_node * FAKE_NODES
		       ? (int)(i / fake_pages_per_node)
		       : NUMA_NO_NODE;
}

void slab_env_boot(unsigned long mib)
{
	unsigned long total = (mib << 20) >> PAGE_SHIFT;
	u8 *map;

	fake_pages_per_node = total / FAKE_NODES;
	host_sim_mem(FAKE_BASE,
		     (u64)fake_pages_per_node * FAKE_NODES << PAGE_SHIFT);
	for (int nid = 0; nid < FAKE_NODES; nid++) {
		pg_data_t *pgdat = &fake_pgdat[nid];

		pgdat->node_id = nid;
		pgdat->node_start_pfn =
			PHYS_PFN(FAKE_BASE) + nid * fake_pages_per_node;
		pgdat->node_mem_map_pfn = pgdat->node_start_pfn;
		pgdat->node_spanned_pages = fake_pages_per_node;
		pgdat->node_present_pages = fake_pages_per_node;
		pgdat->node_mem_map =
			calloc(fake_pages_per_node, sizeof(struct page));
		fake_used[nid] = calloc(fake_pages_per_node, 1);
		for (unsigned long i = 0; i < fake_pages_per_node; i++)
			set_page_node(&pgdat->node_mem_map[i], nid);
		node_data[nid] = pgdat;
		POISON(__va(PFN_PHYS(pgdat->node_start_pfn)),
		       fake_pages_per_node << PAGE_SHIFT);
	}
	fake_free = fake_pages_per_node * FAKE_NODES;
	map = calloc(fake_free, 1);
	for (unsigned long i = 0; i < fake_free; i++)
		map[i] = (u8)__pfn_to_nid_mixed(PHYS_PFN(FAKE_BASE) + i);
	free((void *)pfn_nid_map);
	pfn_nid_map = map;
	pfn_nid_shift = 0;
	pfn_nid_map_first = PHYS_PFN(FAKE_BASE);
	pfn_nid_map_len = fake_free;
	free(section_mem_map);
	section_mem_map_init(calloc(fake_free, sizeof(*section_mem_map)));
	for (int nid = 0; nid < FAKE_NODES; nid++)
		section_mem_map_set_node(&fake_pgdat[nid]);
}

unsigned long slab_env_free_pages(void)
{
	return fake_free;
}

void slab_env_set_cpu_node(int cpu, int nid)
{
	(void)cpu;
	(void)nid;
}

int numa_node_id(void)
{
	return 0;
}

unsigned long nr_free_pages(void)
{
	return fake_free;
}

static struct page *fake_alloc_on(int nid, gfp_t gfp, unsigned int order)
{
	unsigned long n = 1UL << order;
	unsigned char *used = fake_used[nid];

	unsigned long start = ALIGN_DOWN(fake_hint[nid], n), nr = 0;

	for (unsigned long i = start; nr < fake_pages_per_node;
	     nr += n, i += n) {
		unsigned long j;
		struct page *page;

		if (i + n > fake_pages_per_node)
			i = 0;
		for (j = 0; j < n && !used[i + j]; j++)
			;
		if (j < n)
			continue;
		memset(used + i, 1, n);
		fake_free -= n;
		fake_hint[nid] = i + n;
		page = &fake_pgdat[nid].node_mem_map[i];
		for (j = 0; j < n; j++) {
			page[j].flags &= ~((1UL << __NR_PAGEFLAGS) - 1);
			page[j].private = 0;
			page[j]._refcount = 0;
		}
		set_page_count(page, 1);
		UNPOISON(page_address(page), n << PAGE_SHIFT);
		if (gfp & __GFP_ZERO)
			memset(page_address(page), 0, n << PAGE_SHIFT);
		else
			memset(page_address(page), 0xcc, n << PAGE_SHIFT);
		return page;
	}
	return NULL;
}

struct page *__alloc_pages(gfp_t gfp, unsigned int order, int nid,
			   nodemask_t *nodemask)
{
	(void)nodemask;
	if (nid < 0 || nid >= FAKE_NODES)
		nid = 0;
	for (int pass = 0; pass < 2; pass++) {
		if (fake_page_limit < 0 ||
		    (long)(1UL << order) <= fake_page_limit) {
			struct page *p = fake_alloc_on(nid, gfp, order);

			for (int o = 0;
			     !p && o < FAKE_NODES && !(gfp & __GFP_THISNODE);
			     o++)
				if (o != nid)
					p = fake_alloc_on(o, gfp, order);
			if (p) {
				if (fake_page_limit >= 0)
					fake_page_limit -= 1L << order;
				return p;
			}
		}
		if (!(gfp & __GFP_RECLAIM) || pass)
			break;
		shrink_slab(gfp, nid, 128);
	}
	return NULL;
}

struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order)
{
	if (nid == NUMA_NO_NODE)
		nid = numa_node_id();
	return __alloc_pages(gfp, order, nid, NULL);
}

void __free_pages(struct page *page, unsigned int order)
{
	int nid = page_to_nid(page);
	unsigned long i = (unsigned long)(page - fake_pgdat[nid].node_mem_map);
	unsigned long n = 1UL << order;

	if (page->flags & ((1UL << PG_slab) | (1UL << PG_large_kmalloc)) ||
	    page_ref_count(page) != 1 || !fake_used[nid][i]) {
		fake_bad_frees++;
		printk("BUG: Bad page state in fake __free_pages\n");
		return;
	}
	set_page_count(page, 0);
	memset(fake_used[nid] + i, 0, n);
	fake_free += n;
	if (fake_page_limit >= 0)
		fake_page_limit += (long)n;
	POISON(page_address(page), n << PAGE_SHIFT);
}
