// SPDX-License-Identifier: MIT
/*
 * Host benchmark of the slab allocator against glibc malloc, mimalloc and
 * jemalloc, same workloads in the same run:
 *
 *   pair   alloc + free of one object, repeated (the hot path)
 *   batch  alloc N objects, then free them (refill / flush paths)
 *   churn  random sizes 8..4096 with random lifetimes (a slot table)
 *
 * kmem_cache runs on a cache of exactly the size; kmalloc on the size
 * classes.  Cycles come from get_cycles() (the TSC: reference cycles),
 * nanoseconds from CLOCK_MONOTONIC.  Usage: bench_slab [out.csv]
 *
 * jemalloc is loaded with dlopen() so its malloc does not replace glibc's;
 * glibc's malloc is taken from libc.so.6 by dlsym() because linking
 * libmimalloc interposes malloc/free process-wide.
 */
#include <dlfcn.h>
#include <mimalloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mm/slab.h>
#include <asm/mm.h>

#include "slab_test_env.h"

/* Many short rounds: on a shared machine a round of 20,000 pairs (about
 * 0.1 ms) often runs undisturbed, where one of a million rarely does. */
#define PAIR_ITERS 20000UL
#define PAIR_ROUNDS 500
#define BATCH_N 1000
#define BATCH_ROUNDS 400
#define CHURN_OPS 2000000UL
#define CHURN_SLOTS 4096

struct allocator {
	const char *name;
	void *(*alloc)(void *ctx, size_t size);
	void (*free)(void *ctx, void *p);
};

static void *(*je_malloc)(size_t);
static void (*je_free)(void *);
/*
 * libmimalloc.so overrides malloc/free for the whole process when linked,
 * so glibc's own pair is looked up in libc.so.6 itself.
 */
static void *(*glibc_malloc)(size_t);
static void (*glibc_free)(void *);

static void *a_cache(void *ctx, size_t size)
{
	(void)size;
	return kmem_cache_alloc(ctx, GFP_KERNEL);
}
static void f_cache(void *ctx, void *p)
{
	kmem_cache_free(ctx, p);
}
static void *kmalloc_kernel(size_t size)
{
	return kmalloc(size, GFP_KERNEL);
}

/* a_NAME()/f_NAME(): a malloc-shaped pair in the harness's call shape. */
#define MALLOC_PAIR(name, alloc, free)                \
	static void *a_##name(void *ctx, size_t size) \
	{                                             \
		(void)ctx;                            \
		return alloc(size);                   \
	}                                             \
	static void f_##name(void *ctx, void *p)      \
	{                                             \
		(void)ctx;                            \
		free(p);                              \
	}
MALLOC_PAIR(kmalloc, kmalloc_kernel, kfree)
MALLOC_PAIR(glibc, glibc_malloc, glibc_free)
MALLOC_PAIR(mi, mi_malloc, mi_free)
MALLOC_PAIR(je, je_malloc, je_free)

enum { AL_CACHE, AL_KMALLOC, AL_GLIBC, AL_MI, AL_JE, NR_AL };
static const struct allocator allocators[NR_AL] = {
	{"kmem_cache", a_cache, f_cache}, {"kmalloc", a_kmalloc, f_kmalloc},
	{"glibc", a_glibc, f_glibc},	  {"mimalloc", a_mi, f_mi},
	{"jemalloc", a_je, f_je},
};

static FILE *csv;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

#define escape(p) __asm__ __volatile__("" : : "r"(p) : "memory")

static void report(const char *work, size_t size, int al, double cycles,
		   double ns)
{
	printf("  %-7s %6zu  %-10s %8.1f cycles %8.2f ns\n", work, size,
	       allocators[al].name, cycles, ns);
	if (csv)
		fprintf(csv, "%s,%zu,%s,%.2f,%.3f\n", work, size,
			allocators[al].name, cycles, ns);
}

static void *ctx_for(int al, size_t size)
{
	char name[32];

	if (al != AL_CACHE)
		return NULL;
	snprintf(name, sizeof(name), "bench-%zu", size);
	return kmem_cache_create(strdup(name), (unsigned int)size, 0, 0, NULL);
}

/*
 * Alloc+free pairs of @size for every allocator.  Rounds interleave the
 * allocators and the best round counts, so a noisy machine hurts all of
 * them alike.  Fills @cyc with cycles per pair.
 */
static void bench_pair(size_t size, int nal, double *cyc)
{
	void *ctx[NR_AL];
	double ns[NR_AL];

	for (int al = 0; al < nal; al++) {
		ctx[al] = ctx_for(al, size);
		cyc[al] = ns[al] = 1e30;
	}
	for (int rep = 0; rep < PAIR_ROUNDS; rep++) {
		for (int al = 0; al < nal; al++) {
			const struct allocator *a = &allocators[al];
			double t0 = now_ns(), c;
			u64 c0 = get_cycles();

			for (unsigned long i = 0; i < PAIR_ITERS; i++) {
				void *p = a->alloc(ctx[al], size);

				escape(p);
				a->free(ctx[al], p);
			}
			c = (double)(get_cycles() - c0) / PAIR_ITERS;
			if (c < cyc[al]) {
				cyc[al] = c;
				ns[al] = (now_ns() - t0) / PAIR_ITERS;
			}
		}
	}
	for (int al = 0; al < nal; al++) {
		report("pair", size, al, cyc[al], ns[al]);
		if (ctx[al])
			kmem_cache_destroy(ctx[al]);
	}
}

static void bench_batch(int al, size_t size)
{
	const struct allocator *a = &allocators[al];
	void *ctx = ctx_for(al, size);
	static void *objs[BATCH_N];
	double t0 = now_ns();
	u64 c0 = get_cycles();

	for (int r = 0; r < BATCH_ROUNDS; r++) {
		for (int i = 0; i < BATCH_N; i++)
			objs[i] = a->alloc(ctx, size);
		escape(objs);
		for (int i = 0; i < BATCH_N; i++)
			a->free(ctx, objs[i]);
	}
	u64 c1 = get_cycles();
	double t1 = now_ns();

	report("batch", size, al, (double)(c1 - c0) / (BATCH_N * BATCH_ROUNDS),
	       (t1 - t0) / (BATCH_N * BATCH_ROUNDS));
	if (ctx)
		kmem_cache_destroy(ctx);
}

static u32 churn_slot[CHURN_OPS], churn_size[CHURN_OPS];

static void churn_prepare(void)
{
	u64 x = 88172645463325252ULL;

	for (unsigned long i = 0; i < CHURN_OPS; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		churn_slot[i] = (u32)(x % CHURN_SLOTS);
		/* skewed to small sizes: 8 << (0..9), plus jitter */
		churn_size[i] =
			(u32)(((8u << ((x >> 20) % 10)) >> 1) +
			      ((x >> 40) % (8u << ((x >> 20) % 10))) / 2);
		if (churn_size[i] < 8)
			churn_size[i] = 8;
		if (churn_size[i] > 4096)
			churn_size[i] = 4096;
	}
}

static void bench_churn(int al)
{
	const struct allocator *a = &allocators[al];
	static void *slot[CHURN_SLOTS];
	double t0 = now_ns();
	u64 c0 = get_cycles();

	for (unsigned long i = 0; i < CHURN_OPS; i++) {
		u32 s = churn_slot[i];

		if (slot[s])
			a->free(NULL, slot[s]);
		slot[s] = a->alloc(NULL, churn_size[i]);
		escape(slot[s]);
	}
	for (int s = 0; s < CHURN_SLOTS; s++)
		if (slot[s]) {
			a->free(NULL, slot[s]);
			slot[s] = NULL;
		}
	u64 c1 = get_cycles();
	double t1 = now_ns();

	report("churn", 0, al, (double)(c1 - c0) / CHURN_OPS,
	       (t1 - t0) / CHURN_OPS);
}

int main(int argc, char **argv)
{
	static const size_t sizes[] = {8,   16,	 32,   64,   128,
				       256, 512, 1024, 2048, 4096};
	void *je = dlopen("libjemalloc.so.2", RTLD_NOW | RTLD_LOCAL);
	void *libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
	int nal = NR_AL;
	double worst_cache = 0, worst_ratio = 0, worst_kmalloc = 0;

	glibc_malloc = libc ? (void *(*)(size_t))dlsym(libc, "malloc") : NULL;
	glibc_free = libc ? (void (*)(void *))dlsym(libc, "free") : NULL;
	if (!glibc_malloc || !glibc_free) {
		printf("# glibc malloc not found: %s\n", dlerror());
		return 1;
	}
	if (je) {
		je_malloc = (void *(*)(size_t))dlsym(je, "malloc");
		je_free = (void (*)(void *))dlsym(je, "free");
	}
	if (!je && !getenv("BENCH_SLAB_REEXEC")) {
		/*
		 * Debian's jemalloc uses initial-exec TLS: a dlopen() needs
		 * spare static TLS, which a glibc tunable provides at start.
		 */
		setenv("GLIBC_TUNABLES", "glibc.rtld.optional_static_tls=65536",
		       1);
		setenv("BENCH_SLAB_REEXEC", "1", 1);
		execv("/proc/self/exe", argv);
	}
	if (!je || !je_malloc || !je_free) {
		printf("# jemalloc not available (%s): skipped\n", dlerror());
		nal = AL_JE;
	}
	if (argc > 1) {
		csv = fopen(argv[1], "w");
		if (csv)
			fprintf(csv, "workload,size,allocator,cycles,ns\n");
	}
	slab_env_boot(1024);
	kmem_cache_init();
	printf("# slab benchmark (%s); cycles = TSC ticks per op\n",
	       slab_env_name);

	printf("alloc+free pair:\n");
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		double c[NR_AL], best_other = 1e30;

		bench_pair(sizes[i], nal, c);
		for (int al = AL_GLIBC; al < nal; al++)
			if (c[al] < best_other)
				best_other = c[al];
		if (c[AL_CACHE] > worst_cache)
			worst_cache = c[AL_CACHE];
		if (c[AL_CACHE] / best_other > worst_ratio)
			worst_ratio = c[AL_CACHE] / best_other;
		if (c[AL_KMALLOC] / best_other > worst_kmalloc)
			worst_kmalloc = c[AL_KMALLOC] / best_other;
	}
	printf("batch of %d (per op):\n", BATCH_N);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i += 3)
		for (int al = 0; al < nal; al++)
			bench_batch(al, sizes[i]);
	printf("churn, random sizes 8..4096, %d live slots (per op):\n",
	       CHURN_SLOTS);
	churn_prepare();
	for (int al = AL_KMALLOC; al < nal; al++)
		bench_churn(al);

	printf("# kmem_cache pair: worst %.1f cycles (target <= 20); "
	       "worst ratio to the best other allocator %.2f (target < 1); "
	       "kmalloc pair: worst ratio %.2f (target < 1)\n",
	       worst_cache, worst_ratio, worst_kmalloc);
	if (csv)
		fclose(csv);
	return 0;
}
