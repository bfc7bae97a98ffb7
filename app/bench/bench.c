// SPDX-License-Identifier: MIT
/*
 * bench: in-guest microbenchmarks and the boot timeline.
 *
 *   bench [smp] [quick]
 *
 * Prints one parseable block (bench/run_bench.py reads it):
 *
 *   ---- kite-bench begin ----
 *   timeline entry_ns=N setup_arch_ns=N mm_init_ns=N app_main_ns=N
 *   footprint struct_page=N present_pages=N managed_pages=N ...
 *   page pcp=0|1 order=N iters=N ns_x10=N ticks_x10=N
 *   slab kind=kmem_cache|kmalloc size=N iters=N ns_x10=N ticks_x10=N
 *   deferred finish_ns=N pages_before=N pages_after=N
 *   smp cpus=N cpu=N kind=page order=0 iters=N ns_x10=N ops_per_s=N
 *   smp cpus=N cpu=N kind=kmem_cache size=64 iters=N ns_x10=N ops_per_s=N
 *   smp cpus=N kind=total page_ops_per_s=N kmem_cache_ops_per_s=N
 *   ---- kite-bench end ----
 *
 * Every figure is an integer (the libc subset has no %f): "_x10" values
 * are tenths.  Times come from the guest's own clock (ktime_get_ns());
 * ticks are get_cycles(): the TSC on x86, the 10 MHz time CSR on riscv.
 * Each pair figure is the best of ROUNDS rounds.  "quick" runs a few
 * iterations only (make check).  "smp" prints the config line and the
 * "smp" lines only: bench/run_bench.py boots it at -smp 1, 2 and 4.
 *
 * The "smp" lines run the order-0 page pair and the 64-byte kmem_cache
 * pair on every online CPU at once (a cross-call, each phase started on
 * all CPUs together): the throughput of each CPU while all of them
 * work, and the total over the span of the round, at the CPU count the
 * machine booted with (QEMU -smp N).
 */
#include <stdio.h>
#include <string.h>

#include <kernel/app.h>
#include <kernel/init.h>
#include <kernel/time.h>
#include <mm/boot.h>
#include <mm/gfp.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

#include <asm/mm.h>

#define ROUNDS 5

static unsigned long iters = 20000;

struct best {
	u64 ns, ticks; /* totals of the best round */
};

static void best_update(struct best *b, u64 ns, u64 ticks)
{
	if (!b->ns || ns < b->ns) {
		b->ns = ns;
		b->ticks = ticks;
	}
}

/* Per-operation tenths, as an integer. */
static unsigned long long x10(u64 total, unsigned long n)
{
	return (unsigned long long)(total * 10 / n);
}

static void print_timeline(void)
{
	printf("timeline entry_ns=%llu setup_arch_ns=%llu mm_init_ns=%llu "
	       "app_main_ns=%llu counter_hz=%llu\n",
	       (unsigned long long)boot_marks_ns[BOOT_ENTRY],
	       (unsigned long long)boot_marks_ns[BOOT_SETUP_ARCH],
	       (unsigned long long)boot_marks_ns[BOOT_MM_INIT],
	       (unsigned long long)boot_marks_ns[BOOT_APP_MAIN],
	       (unsigned long long)arch_counter_freq());
}

static void print_footprint(void)
{
	unsigned long present = 0, spanned = 0, managed = 0;
	struct zone *zone;

	for_each_populated_zone(zone) {
		present += zone->present_pages;
		spanned += zone->spanned_pages;
		managed += zone_managed_pages(zone);
	}
	printf("footprint struct_page=%lu page_size=%lu present_pages=%lu "
	       "spanned_pages=%lu managed_pages=%lu reserved_pages=%lu "
	       "free_pages=%lu totalram_pages=%lu memmap_bytes=%lu "
	       "image_bytes=%lu text=%lu rodata=%lu data=%lu bss=%lu "
	       "init=%lu\n",
	       (unsigned long)sizeof(struct page), (unsigned long)PAGE_SIZE,
	       present, spanned, managed, present - managed, nr_free_pages(),
	       totalram_pages(), (unsigned long)(spanned * sizeof(struct page)),
	       (unsigned long)(_end - _start), (unsigned long)(_etext - _stext),
	       (unsigned long)(_erodata - _srodata),
	       (unsigned long)(_edata - _sdata),
	       (unsigned long)(__bss_stop - __bss_start),
	       (unsigned long)(__init_end - __init_begin));
}

static void page_pairs(bool pcp)
{
	page_alloc_set_pcp_enabled(pcp);
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		unsigned long n = order < 4 ? iters : iters / 4;
		struct best b = {0, 0};
		bool failed = false;

		if (!n)
			n = 1;
		for (int r = 0; r < ROUNDS && !failed; r++) {
			u64 t0 = ktime_get_ns(), c0 = get_cycles();

			for (unsigned long i = 0; i < n; i++) {
				struct page *p = alloc_pages(
					GFP_KERNEL | __GFP_NOWARN, order);

				if (!p) {
					failed = true;
					break;
				}
				__free_pages(p, order);
			}
			best_update(&b, ktime_get_ns() - t0, get_cycles() - c0);
		}
		if (failed) {
			printf("page pcp=%d order=%u failed\n", pcp, order);
			continue;
		}
		printf("page pcp=%d order=%u iters=%lu ns_x10=%llu "
		       "ticks_x10=%llu\n",
		       pcp, order, n, x10(b.ns, n), x10(b.ticks, n));
	}
	page_alloc_set_pcp_enabled(true);
}

#define escape(p) __asm__ __volatile__("" : : "r"(p) : "memory")

static void slab_pairs(void)
{
	static const size_t sizes[] = {64, 256, 1024};
	struct kmem_cache *c;

	for (unsigned int k = 0; k < ARRAY_SIZE(sizes); k++) {
		struct best bc = {0, 0}, bk = {0, 0};
		size_t size = sizes[k];

		c = kmem_cache_create("bench", size, 0, 0, NULL);
		if (!c) {
			printf("slab kind=kmem_cache size=%zu failed\n", size);
			return;
		}
		for (int r = 0; r < ROUNDS; r++) {
			u64 t0 = ktime_get_ns(), c0 = get_cycles();

			for (unsigned long i = 0; i < iters; i++) {
				void *p = kmem_cache_alloc(c, GFP_KERNEL);

				escape(p);
				kmem_cache_free(c, p);
			}
			best_update(&bc, ktime_get_ns() - t0,
				    get_cycles() - c0);
			t0 = ktime_get_ns();
			c0 = get_cycles();
			for (unsigned long i = 0; i < iters; i++) {
				void *p = kmalloc(size, GFP_KERNEL);

				escape(p);
				kfree(p);
			}
			best_update(&bk, ktime_get_ns() - t0,
				    get_cycles() - c0);
		}
		kmem_cache_destroy(c);
		printf("slab kind=kmem_cache size=%zu iters=%lu ns_x10=%llu "
		       "ticks_x10=%llu\n",
		       size, iters, x10(bc.ns, iters), x10(bc.ticks, iters));
		printf("slab kind=kmalloc size=%zu iters=%lu ns_x10=%llu "
		       "ticks_x10=%llu\n",
		       size, iters, x10(bk.ns, iters), x10(bk.ticks, iters));
	}
}

enum { SMP_PAGE, SMP_SLAB, SMP_PHASES };

struct smp_pairs {
	struct kmem_cache *cache;
	unsigned int ncpus;
	/* this round: a gate per phase (all CPUs start it together), the
	 * CPUs done, each CPU's start and end of each phase */
	unsigned int gate[SMP_PHASES], done;
	u64 start[SMP_PHASES][CONFIG_NR_CPUS], end[SMP_PHASES][CONFIG_NR_CPUS];
	/* the best round per phase: its span and each CPU's time */
	u64 span[SMP_PHASES], ns[SMP_PHASES][CONFIG_NR_CPUS];
	bool failed;
};

static void gate_wait(unsigned int *gate, unsigned int ncpus)
{
	__atomic_fetch_add(gate, 1U, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(gate, __ATOMIC_ACQUIRE) < ncpus)
		cpu_relax();
}

/* Every CPU, one round: both pairs, each phase started on all CPUs at
 * once (the other CPUs from their IPI, interrupts off). */
static void smp_pairs_cpu(void *info)
{
	struct smp_pairs *sp = info;
	unsigned int cpu = smp_processor_id();

	gate_wait(&sp->gate[SMP_PAGE], sp->ncpus);
	sp->start[SMP_PAGE][cpu] = ktime_get_ns();
	for (unsigned long i = 0; i < iters && !sp->failed; i++) {
		struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);

		if (!p) {
			sp->failed = true;
			break;
		}
		__free_pages(p, 0);
	}
	sp->end[SMP_PAGE][cpu] = ktime_get_ns();
	gate_wait(&sp->gate[SMP_SLAB], sp->ncpus);
	sp->start[SMP_SLAB][cpu] = ktime_get_ns();
	for (unsigned long i = 0; i < iters && !sp->failed; i++) {
		void *p = kmem_cache_alloc(sp->cache, GFP_KERNEL);

		if (!p) {
			sp->failed = true;
			break;
		}
		escape(p);
		kmem_cache_free(sp->cache, p);
	}
	sp->end[SMP_SLAB][cpu] = ktime_get_ns();
	__atomic_fetch_add(&sp->done, 1U, __ATOMIC_RELEASE);
}

/* After a round: keep it for a phase if its span (first start to last
 * end) is the shortest so far. */
static void smp_pairs_keep(struct smp_pairs *sp)
{
	for (int ph = 0; ph < SMP_PHASES; ph++) {
		u64 first = ~0ULL, last = 0;
		unsigned int cpu;

		for_each_online_cpu(cpu)
		{
			first = min(first, sp->start[ph][cpu]);
			last = max(last, sp->end[ph][cpu]);
		}
		if (sp->span[ph] && last - first >= sp->span[ph])
			continue;
		sp->span[ph] = last - first;
		for_each_online_cpu(cpu) sp->ns[ph][cpu] =
			sp->end[ph][cpu] - sp->start[ph][cpu];
	}
}

static unsigned long long per_s(unsigned long n, u64 ns)
{
	return ns ? (unsigned long long)n * 1000000000ULL / ns : 0;
}

/*
 * Both pairs on every CPU at once: each CPU's figure, then the total
 * (all CPUs' operations over the span from the first start to the last
 * end), from the best of ROUNDS rounds.  The boot CPU works too: it
 * starts the others without waiting, runs its own part, then waits.
 */
static void smp_pairs(void)
{
	static struct smp_pairs sp;
	static const char *const kind[SMP_PHASES] = {"page order=0",
						     "kmem_cache size=64"};
	unsigned int ncpus = num_online_cpus(), cpu;

	sp.ncpus = ncpus;
	sp.cache = kmem_cache_create("bench-smp", 64, 0, 0, NULL);
	if (!sp.cache) {
		printf("smp cpus=%u failed\n", ncpus);
		return;
	}
	for (int r = 0; r < ROUNDS && !sp.failed; r++) {
		sp.gate[SMP_PAGE] = sp.gate[SMP_SLAB] = sp.done = 0;
		smp_call_function(smp_pairs_cpu, &sp, 0);
		smp_pairs_cpu(&sp);
		while (__atomic_load_n(&sp.done, __ATOMIC_ACQUIRE) < ncpus)
			cpu_relax();
		smp_pairs_keep(&sp);
	}
	kmem_cache_destroy(sp.cache);
	if (sp.failed) {
		printf("smp cpus=%u failed\n", ncpus);
		return;
	}
	for_each_online_cpu(cpu)
	{
		for (int ph = 0; ph < SMP_PHASES; ph++)
			printf("smp cpus=%u cpu=%u kind=%s iters=%lu "
			       "ns_x10=%llu ops_per_s=%llu\n",
			       ncpus, cpu, kind[ph], iters,
			       x10(sp.ns[ph][cpu], iters),
			       per_s(iters, sp.ns[ph][cpu]));
	}
	printf("smp cpus=%u kind=total page_ops_per_s=%llu "
	       "kmem_cache_ops_per_s=%llu\n",
	       ncpus, per_s(iters * ncpus, sp.span[SMP_PAGE]),
	       per_s(iters * ncpus, sp.span[SMP_SLAB]));
}

/* The cost of deferred struct page init, paid after app_main started. */
static void deferred_finish(void)
{
	unsigned long before = totalram_pages();
	u64 t0 = ktime_get_ns();

	mm_deferred_init_finish();
	printf("deferred enabled=%d finish_ns=%llu pages_before=%lu "
	       "pages_after=%lu\n",
	       IS_ENABLED(CONFIG_DEFERRED_STRUCT_PAGE_INIT),
	       (unsigned long long)(ktime_get_ns() - t0), before,
	       totalram_pages());
}

int app_main(int argc, char **argv)
{
	bool quick = false, smp_only = false;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "quick"))
			quick = true;
		else if (!strcmp(argv[i], "smp"))
			smp_only = true;
		else
			printf("bench: unknown argument '%s' (quick, smp)\n",
			       argv[i]);
	}
	if (quick)
		iters = 200;
	printf("---- kite-bench begin ----\n");
	printf("config arch=%s board=%s deferred=%d max_order=%d quick=%d "
	       "cpus=%u\n",
	       CONFIG_ARCH, CONFIG_BOARD,
	       IS_ENABLED(CONFIG_DEFERRED_STRUCT_PAGE_INIT), MAX_ORDER, quick,
	       num_online_cpus());
	if (smp_only) {
		smp_pairs();
		printf("---- kite-bench end ----\n");
		return 0;
	}
	print_timeline();
	/* Footprint as the application finds it, then with all memory up. */
	print_footprint();
	deferred_finish();
	if (IS_ENABLED(CONFIG_DEFERRED_STRUCT_PAGE_INIT))
		print_footprint();
	page_pairs(true);
	page_pairs(false);
	slab_pairs();
	smp_pairs();
	printf("---- kite-bench end ----\n");
	return 0;
}
