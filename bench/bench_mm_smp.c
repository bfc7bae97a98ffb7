// SPDX-License-Identifier: MIT
/*
 * The cost of SMP safety in the mm fast paths, on the host.
 *
 *  - SMP vs UP: the order-0 pcp pair (alloc_page + __free_page) and the
 *    kmem_cache pair (kmem_cache_alloc + kmem_cache_free) on one CPU, in
 *    this build (CONFIG_SMP: pcp and array-cache trylocks, per-cpu vmstat
 *    diffs) and in bench_mm_up, the same source built with CONFIG_SMP off
 *    (bench/bench_up.h).  The two programs run alternately in one run and
 *    the best round of each is compared.
 *  - 1 vs 2 threads: the same pairs on 1 and then 2 pthreads, each its own
 *    CPU, in this build: the per-operation cost per thread at 2 threads
 *    over 1 thread shows whether the fast path shares a cache line.
 *
 * bench_mm_smp [CSV] writes "metric,value" rows; bench_mm_up --raw prints
 * the UP figures for bench_mm_smp to read.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mm/slab.h>

#include "../tests/host/page_alloc_fixture.h"

#define PAIRS 2000000L
#define ROUNDS 5

static struct kmem_cache *cache;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* ns per alloc+free pair of order-0 pages on this thread's CPU. */
static double page_pairs(long n)
{
	double t = now_ns();

	for (long i = 0; i < n; i++) {
		struct page *p = alloc_page(GFP_KERNEL);

		__free_page(p);
	}
	return (now_ns() - t) / (double)n;
}

/*
 * ns per kmem_cache pair on this thread's CPU: the best burst of
 * CACHE_BURST pairs (about 0.1 ms each; on a shared machine most bursts
 * run undisturbed, where a long run rarely does).
 */
#define CACHE_BURST 20000L

static double cache_pairs(long n)
{
	double best = 1e30;

	for (long done = 0; done < n; done += CACHE_BURST) {
		double t = now_ns();

		for (long i = 0; i < CACHE_BURST; i++) {
			void *o = kmem_cache_alloc(cache, GFP_KERNEL);

			kmem_cache_free(cache, o);
		}
		t = (now_ns() - t) / (double)CACHE_BURST;
		if (t < best)
			best = t;
	}
	return best;
}

struct job {
	pthread_t th;
	int cpu;
	bool pages;
	pthread_barrier_t *go;
	double ns;
};

static void *job_main(void *arg)
{
	struct job *j = arg;

	host_current_cpu = j->cpu;
	(j->pages ? page_pairs : cache_pairs)(PAIRS / 20); /* warm up */
	pthread_barrier_wait(j->go);
	j->ns = (j->pages ? page_pairs : cache_pairs)(PAIRS);
	return NULL;
}

/* Mean ns per pair per thread with @n threads (CPUs 0 and 2: two nodes
 * would not matter, both are node 0 here). */
static double threaded(int n, bool pages)
{
	struct job j[2];
	pthread_barrier_t go;
	double sum = 0;

	pthread_barrier_init(&go, NULL, (unsigned int)n);
	for (int i = 0; i < n; i++) {
		j[i] = (struct job){.cpu = i, .pages = pages, .go = &go};
		pthread_create(&j[i].th, NULL, job_main, &j[i]);
	}
	for (int i = 0; i < n; i++) {
		pthread_join(j[i].th, NULL);
		sum += j[i].ns;
	}
	pthread_barrier_destroy(&go);
	return sum / n;
}

static void boot(void)
{
	static struct pa_range mem[] = {{0, 256ULL << 20, 0}};
	static const struct pa_range res[] = {{1ULL << 20, 2ULL << 20, 0}};
	struct pa_layout l = {
		PA_MEM(mem),
		PA_RES(res),
		.zone_limit = {[ZONE_DMA] = 16ULL << 20,
			       [ZONE_DMA32] = 256ULL << 20,
			       [ZONE_NORMAL] = 256ULL << 20},
	};

	pa_boot(&l, NULL);
	kmem_cache_init();
	cache = kmem_cache_create("bench-64", 64, 0, 0, NULL);
}

static double min_of(double a, double b)
{
	return a < b ? a : b;
}

/* One round on one CPU: page and cache pair costs. */
static void one_cpu(double *page, double *obj)
{
	host_current_cpu = 0;
	page_pairs(PAIRS / 20);
	*page = page_pairs(PAIRS);
	cache_pairs(PAIRS / 20);
	*obj = cache_pairs(PAIRS);
}

static bool run_up(const char *self, double *page, double *obj)
{
	char path[4096], line[256];
	FILE *f;
	bool ok = false;

	snprintf(path, sizeof(path), "%s", self);
	if (strlen(path) < 6 || strcmp(path + strlen(path) - 6, "mm_smp"))
		return false;
	strcpy(path + strlen(path) - 6, "mm_up --raw");
	f = popen(path, "r");
	if (!f)
		return false;
	if (fgets(line, sizeof(line), f) &&
	    sscanf(line, "%lf %lf", page, obj) == 2)
		ok = true;
	pclose(f);
	return ok;
}

int main(int argc, char **argv)
{
	double sp = 1e9, so = 1e9, up = 1e9, uo = 1e9, p, o;
	double t1p = 1e9, t2p = 1e9, t1o = 1e9, t2o = 1e9;
	FILE *csv = NULL;
	bool have_up = true;

	boot();
	if (argc > 1 && !strcmp(argv[1], "--raw")) {
		one_cpu(&p, &o);
		printf("%.3f %.3f\n", p, o);
		return 0;
	}
	if (argc > 1)
		csv = fopen(argv[1], "w");
	printf("mm SMP fast-path cost (%s), %ld pairs, best of %d rounds\n",
	       IS_ENABLED(CONFIG_SMP) ? "CONFIG_SMP=y" : "CONFIG_SMP=n", PAIRS,
	       ROUNDS);
	for (int r = 0; r < ROUNDS; r++) {
		one_cpu(&p, &o);
		sp = min_of(sp, p);
		so = min_of(so, o);
		if (have_up && run_up(argv[0], &p, &o)) {
			up = min_of(up, p);
			uo = min_of(uo, o);
		} else {
			have_up = false;
		}
		t1p = min_of(t1p, threaded(1, true));
		t2p = min_of(t2p, threaded(2, true));
		t1o = min_of(t1o, threaded(1, false));
		t2o = min_of(t2o, threaded(2, false));
	}
	printf("%-34s %8.2f ns\n", "order-0 pcp pair, SMP build", sp);
	printf("%-34s %8.2f ns\n", "kmem_cache pair, SMP build", so);
	if (have_up) {
		printf("%-34s %8.2f ns  (SMP/UP %.3f)\n",
		       "order-0 pcp pair, UP build", up, sp / up);
		printf("%-34s %8.2f ns  (SMP/UP %.3f)\n",
		       "kmem_cache pair, UP build", uo, so / uo);
	}
	printf("%-34s %8.2f / %8.2f ns  (2T/1T %.3f)\n",
	       "pcp pair per thread, 1 / 2 threads", t1p, t2p, t2p / t1p);
	printf("%-34s %8.2f / %8.2f ns  (2T/1T %.3f)\n",
	       "cache pair per thread, 1 / 2 thr.", t1o, t2o, t2o / t1o);
	if (csv) {
		fprintf(csv, "metric,value\n");
		fprintf(csv, "pcp_pair_smp_ns,%.3f\ncache_pair_smp_ns,%.3f\n",
			sp, so);
		if (have_up)
			fprintf(csv,
				"pcp_pair_up_ns,%.3f\ncache_pair_up_ns,%.3f\n"
				"pcp_smp_over_up,%.4f\ncache_smp_over_up,%.4f\n",
				up, uo, sp / up, so / uo);
		fprintf(csv,
			"pcp_pair_1t_ns,%.3f\npcp_pair_2t_ns,%.3f\n"
			"pcp_2t_over_1t,%.4f\ncache_pair_1t_ns,%.3f\n"
			"cache_pair_2t_ns,%.3f\ncache_2t_over_1t,%.4f\n",
			t1p, t2p, t2p / t1p, t1o, t2o, t2o / t1o);
		fclose(csv);
	}
	return 0;
}
