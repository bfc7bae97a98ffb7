// SPDX-License-Identifier: MIT
/*
 * Host benchmark of early allocation (build -O2, no sanitizers): the
 * bootmem API on the memblock shims against the classic bitmap backend.
 * This one source is built twice (bench/bench.mk): bench_bootmem_memblock
 * and bench_bootmem_bitmap (-DCONFIG_BOOTMEM_BITMAP=1).
 *
 *   bench_bootmem_<backend> [out.csv] [N]
 *
 * Boot-like layout: one node of 512 MiB with a reserved "kernel" and a few
 * firmware holes.  Timed (best of ROUNDS fresh boots): the backend's setup
 * (bootmem_init_from_memblock), N alloc_bootmem*() calls of mixed sizes
 * (mostly small objects, some page-sized and a few large tables, every
 * 8th freed again), and free_all_bootmem().  The page allocator is not
 * linked (MM_HOST_STANDALONE): the handoff only counts pages, as in
 * tests/host/test_bootmem.c.  Simulated RAM is faulted in first, so
 * zeroing costs the same in both builds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mm/bootmem.h>
#include <mm/gfp.h>
#include <mm/memblock.h>

#include "bench_env.h"
#include "host.h"
#define MEMBLOCK_ENV_BOOTMEM
#include "memblock_env.h"

#if IS_ENABLED(CONFIG_BOOTMEM_BITMAP)
#define BACKEND "bitmap"
#else
#define BACKEND "memblock"
#endif

#define MIB (1ULL << 20)
#define RAM (512 * MIB)
#define ROUNDS 5
#define MAX_N 100000

/* ---- stand-ins for the page allocator and slab ---- */

/* mm_init.c's memblock_free_all(), handing maximal aligned blocks. */
unsigned long memblock_free_all(void)
{
	phys_addr_t start, end;
	unsigned long pages = 0;
	u64 i;

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				NULL) {
		unsigned long s = PFN_UP(start), e = PFN_DOWN(end);

		while (s < e) {
			unsigned int order = 10;

			while (order && ((s & ((1UL << order) - 1)) ||
					 s + (1UL << order) > e))
				order--;
			memblock_free_pages(NULL, s, order);
			s += 1UL << order;
			pages += 1UL << order;
		}
	}
	return pages;
}

bool slab_is_available(void)
{
	return false;
}

void *kmalloc_node(size_t size, gfp_t flags, int nid)
{
	(void)flags;
	(void)nid;
	return calloc(1, size);
}

/* ---- workload ---- */
struct req {
	unsigned long size;
	unsigned char kind; /* 0 alloc_bootmem, 1 _pages, 2 _low */
	unsigned char free_it;
};
static struct req reqs[MAX_N];
static void *ptrs[MAX_N];

static void make_workload(unsigned long n)
{
	u64 x = 2463534242ULL;

	for (unsigned long i = 0; i < n; i++) {
		unsigned int r;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		r = (unsigned int)(x % 100);
		if (r < 60) /* small objects: 16..256 */
			reqs[i].size = 16 + (x >> 8) % 241;
		else if (r < 90) /* medium: 256..4096 */
			reqs[i].size = 256 + (x >> 8) % 3841;
		else if (r < 99) /* 1..4 pages */
			reqs[i].size = PAGE_SIZE * (1 + (x >> 8) % 4);
		else /* a table: 64..256 KiB */
			reqs[i].size = 65536 + (x >> 8) % (192 * 1024);
		reqs[i].kind = r >= 90 ? 1 : (x >> 32) % 16 == 0 ? 2 : 0;
		reqs[i].free_it = i % 8 == 7;
	}
}

static void boot_layout(void)
{
	memblock_env_reset();
	memblock_add_node(0, RAM, 0, MEMBLOCK_NONE);
	memblock_reserve(0, 1 * MIB);		  /* firmware */
	memblock_reserve(2 * MIB, 4 * MIB);	  /* kernel */
	memblock_reserve(64 * MIB + 100, 4000);	  /* a devicetree */
	memblock_reserve(RAM - 8 * MIB, 2 * MIB); /* an initrd */
	memblock_allow_resize();
}

static FILE *csv;

static void report(const char *phase, unsigned long calls, struct sample b)
{
	printf("  %-12s %12.1f us %14llu cycles %10.1f ns/call %10.1f "
	       "cycles/call\n",
	       phase, b.ns / 1e3, (unsigned long long)b.cycles,
	       (double)b.ns / calls, (double)b.cycles / calls);
	if (csv)
		fprintf(csv, "%s,%s,%lu,%llu,%llu,%.1f,%.1f\n", BACKEND, phase,
			calls, (unsigned long long)b.ns,
			(unsigned long long)b.cycles, (double)b.ns / calls,
			(double)b.cycles / calls);
}

/*
 * One workload, best of ROUNDS fresh boots.  @frees: every 8th block is
 * freed again right away (boot code that drops a temporary buffer), which
 * leaves holes in memblock's "reserved" array.
 */
static void run(unsigned long n, bool frees)
{
	struct sample setup = {0, 0}, alloc = {0, 0}, handoff = {0, 0};
	unsigned long handed = 0;

	for (int r = 0; r < ROUNDS; r++) {
		u64 t0, c0;

		boot_layout();
		t0 = now_ns();
		c0 = get_cycles();
		bootmem_init_from_memblock();
		keep_best(&setup, now_ns() - t0, get_cycles() - c0);

		t0 = now_ns();
		c0 = get_cycles();
		for (unsigned long i = 0; i < n; i++) {
			const struct req *q = &reqs[i];

			ptrs[i] = q->kind == 1	 ? alloc_bootmem_pages(q->size)
				  : q->kind == 2 ? alloc_bootmem_low(q->size)
						 : alloc_bootmem(q->size);
			if (frees && q->free_it)
				free_bootmem(__pa(ptrs[i]), q->size);
		}
		keep_best(&alloc, now_ns() - t0, get_cycles() - c0);

		pages_handed = 0;
		t0 = now_ns();
		c0 = get_cycles();
		handed = free_all_bootmem();
		keep_best(&handoff, now_ns() - t0, get_cycles() - c0);
	}
	printf(" %s: %lu pages handed over\n",
	       frees ? "alloc, every 8th freed" : "alloc only", handed);
	report(frees ? "setup_f" : "setup", 1, setup);
	report(frees ? "alloc_free" : "alloc", n, alloc);
	report(frees ? "free_all_f" : "free_all", 1, handoff);
}

int main(int argc, char **argv)
{
	unsigned long n = argc > 2 ? strtoul(argv[2], NULL, 0) : 20000;
	unsigned long bytes = 0;

	if (n > MAX_N)
		n = MAX_N;
	if (argc > 1 && strcmp(argv[1], "-")) {
		csv = fopen(argv[1], "w");
		if (!csv) {
			perror(argv[1]);
			return 1;
		}
		fprintf(csv, "backend,phase,calls,ns,cycles,ns_per_call,"
			     "cycles_per_call\n");
	}
	host_sim_mem(0, RAM);
	memset(__va(0), 0, RAM); /* fault everything in once */
	make_workload(n);
	for (unsigned long i = 0; i < n; i++)
		bytes += reqs[i].size;
	printf("bootmem (%s backend): %lu calls, %lu KiB requested, best of "
	       "%d\n",
	       BACKEND, n, bytes >> 10, ROUNDS);
	run(n, false);
	run(n, true);
	if (csv)
		fclose(csv);
	return 0;
}
