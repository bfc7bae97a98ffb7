// SPDX-License-Identifier: MIT
/*
 * Host benchmark of boot-time memory init (build -O2, no sanitizers).
 *
 *   bench_memmap_init [out.csv] [GiB ...]      (default: 1 16 64)
 *
 * For each simulated RAM size: free_area_init() (zones + struct page
 * init, "memmap init") and memblock_free_all() (the handoff to the
 * buddy), next to the bandwidth limit: memset() of an array as large as
 * the struct page array.  Simulated RAM is a MAP_NORESERVE mapping
 * (tests/host/host.c); only the struct page array is ever touched, so
 * 64 GiB costs 512 MiB of host memory.
 *
 * The pages the struct page array will live in are faulted in before
 * the timed run (memset once, "memset cold" below), so all three timed
 * figures write warm memory: the kernel's own boot does not take host
 * page faults either.  Each figure is the best of ROUNDS boots.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <kernel/printk.h>
#include <mm/memblock.h>
#include <mm/mm_types.h>
#include <mm/page_alloc.h>

#include "bench_env.h"
#include "host.h"

#define GIB (1ULL << 30)
#define MIB (1ULL << 20)
/* Rounds interleave the kernel's two steps with the memset, so that all
 * three see the same host load; the best of each is kept.  Below 16 GiB a
 * round takes well under a millisecond and one preemption decides the
 * ratio, so small sizes get more rounds. */
#define ROUNDS 9
#define ROUNDS_SMALL 45
#define rounds_for(gib) ((gib) < 16 ? ROUNDS_SMALL : ROUNDS)

/* memblock as a fresh boot sees it: one node of @bytes at 0. */
static void reset_memblock(u64 bytes)
{
	memblock_remove(0, PHYS_ADDR_MAX >> 1);
	memblock_free(0, PHYS_ADDR_MAX >> 1);
	memblock_add_node(0, bytes, 0, MEMBLOCK_NONE);
	memblock_reserve(0, 2 * MIB); /* "kernel" */
}

static void zone_limits(unsigned long *max_zone_pfn, u64 bytes)
{
	memset(max_zone_pfn, 0, MAX_NR_ZONES * sizeof(*max_zone_pfn));
#ifdef CONFIG_ZONE_DMA
	max_zone_pfn[ZONE_DMA] = PHYS_PFN(16 * MIB);
#endif
#ifdef CONFIG_ZONE_DMA32
	max_zone_pfn[ZONE_DMA32] = PHYS_PFN(bytes < 4 * GIB ? bytes : 4 * GIB);
#endif
	max_zone_pfn[ZONE_NORMAL] = PHYS_PFN(bytes);
}

static FILE *csv;

static void row(unsigned long gib, const char *what, struct sample s, u64 bytes)
{
	double gbps = s.ns ? (double)bytes / (double)s.ns : 0;

	printf("%6lu GiB  %-16s %10.2f ms %14llu cycles %8.2f ms/GiB "
	       "%7.2f GB/s\n",
	       gib, what, s.ns / 1e6, (unsigned long long)s.cycles,
	       s.ns / 1e6 / (double)gib, gbps);
	if (csv)
		fprintf(csv, "%lu,%s,%llu,%llu,%.4f,%.3f\n", gib, what,
			(unsigned long long)s.ns, (unsigned long long)s.cycles,
			s.ns / 1e6 / (double)gib, gbps);
}

static void bench_size(unsigned long gib)
{
	u64 bytes = (u64)gib * GIB;
	unsigned long max_zone_pfn[MAX_NR_ZONES];
	u64 map_bytes = (bytes >> PAGE_SHIFT) * sizeof(struct page);
	/* the top of RAM: where top-down memblock puts the struct pages */
	u64 warm = map_bytes + 64 * MIB;
	struct sample init = {0, 0}, handoff = {0, 0}, total = {0, 0};
	struct sample cold = {0, 0}, limit = {0, 0};
	unsigned long pages = 0;
	void *map;

	host_sim_mem(0, bytes);
	map = __va(bytes - warm);
	{
		u64 t0 = now_ns(), c0 = get_cycles();

		memset(map, 0, warm);
		keep_best(&cold, now_ns() - t0, get_cycles() - c0);
	}
	for (int r = 0; r < rounds_for(gib); r++) {
		u64 t0, t1, t2, c0, c1, c2;

		reset_memblock(bytes);
		zone_limits(max_zone_pfn, bytes);
		cmdline_parse_movablecore("0");
		t0 = now_ns();
		c0 = get_cycles();
		free_area_init(max_zone_pfn);
		t1 = now_ns();
		c1 = get_cycles();
		pages = memblock_free_all();
		t2 = now_ns();
		c2 = get_cycles();
		keep_best(&init, t1 - t0, c1 - c0);
		keep_best(&handoff, t2 - t1, c2 - c1);
		keep_best(&total, t2 - t0, c2 - c0);
		host_log_clear();

		t0 = now_ns();
		c0 = get_cycles();
		memset(map, r, map_bytes);
		__asm__ __volatile__("" : : "r"(map) : "memory");
		keep_best(&limit, now_ns() - t0, get_cycles() - c0);
	}
	printf("%6lu GiB: struct page array %llu MiB, %lu pages handed to "
	       "the buddy\n",
	       gib, (unsigned long long)(map_bytes >> 20), pages);
	row(gib, "memmap_init", init, map_bytes);
	row(gib, "free_all", handoff, map_bytes);
	row(gib, "init+free_all", total, map_bytes);
	row(gib, "memset", limit, map_bytes);
	row(gib, "memset_cold", cold, warm);
	printf("%6lu GiB  init+free_all / memset = %.2fx\n", gib,
	       (double)total.ns / (double)limit.ns);
	if (csv)
		fprintf(csv, "%lu,ratio,%.3f,,,\n", gib,
			(double)total.ns / (double)limit.ns);
}

int main(int argc, char **argv)
{
	static const unsigned long def[] = {1, 16, 64};
	int first = 2;

	if (argc > 1 && strcmp(argv[1], "-")) {
		csv = fopen(argv[1], "w");
		if (!csv) {
			perror(argv[1]);
			return 1;
		}
		fprintf(csv, "gib,what,ns,cycles,ms_per_gib,gb_per_s\n");
	}
	printf("boot-time memory init: sizeof(struct page) = %zu, "
	       "best of %d (%d below 16 GiB)\n",
	       sizeof(struct page), ROUNDS, ROUNDS_SMALL);
	if (argc > first)
		for (int i = first; i < argc; i++)
			bench_size(strtoul(argv[i], NULL, 0));
	else
		for (unsigned int i = 0; i < sizeof(def) / sizeof(def[0]); i++)
			bench_size(def[i]);
	if (csv)
		fclose(csv);
	return 0;
}
