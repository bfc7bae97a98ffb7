// SPDX-License-Identifier: MIT
/*
 * The slab tests' page allocator: the real memblock + zoned buddy, booted
 * through tests/host/page_alloc_fixture.h on two nodes of simulated RAM.
 */
#include "page_alloc_fixture.h"
#include "slab_test_env.h"

const char *const slab_env_name = "memblock + buddy";

void slab_env_boot(unsigned long mib)
{
	phys_addr_t half = (phys_addr_t)mib / 2 * SZ_1M;
	struct pa_range mem[2] = {{0, half, 0}, {half, half, 1}};
	static const struct pa_range res[] = {
		{SZ_1M, 2 * SZ_1M, 0}, /* "kernel image" */
	};
	struct pa_layout l = {
		.mem = mem,
		.nr_mem = 2,
		.res = res,
		.nr_res = 1,
		.zone_limit = {[ZONE_DMA] = 16 * SZ_1M,
			       [ZONE_DMA32] = half,
			       [ZONE_NORMAL] = 2 * half},
		.movablecore = NULL,
	};

	pa_boot(&l, NULL);
}

unsigned long slab_env_free_pages(void)
{
	return pa_total_free();
}

void slab_env_set_cpu_node(int cpu, int nid)
{
	set_cpu_numa_node(cpu, nid);
}
