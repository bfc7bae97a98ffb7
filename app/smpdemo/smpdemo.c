// SPDX-License-Identifier: MIT
/*
 * smpdemo: a parallel computation on every CPU, checked against a serial
 * one (docs/applications.md, "Several CPUs").
 *
 *   smpdemo [N]
 *
 * Counts the primes below N (default 2000000), sums them and folds them
 * into an order-independent hash.  In parallel, every online CPU takes
 * ranges of RANGE numbers from a shared C11 atomic counter and sieves
 * each with the base primes up to sqrt(N); after each range it adds its
 * count to an atomic total and its sum and hash to totals under a
 * spinlock.  Then one CPU runs a plain sieve over all of [0, N) and the
 * two results must agree: exit status 0 if they do, 1 if not.
 *
 * It also asks every CPU, one at a time, for its own id
 * (smp_call_function_single()), and prints the CPUs the sieve ran on and
 * how many ranges each took (a race: a CPU that starts late may find
 * none left).
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <kernel/app.h>

#define RANGE 65536UL

struct result {
	unsigned long count;
	unsigned long long sum;
	unsigned long long hash;
};

static unsigned long limit = 2000000;
static unsigned long *base_primes; /* the primes up to sqrt(limit) */
static unsigned long nbase;
static unsigned char *range_buf[CONFIG_NR_CPUS];
static unsigned long ranges_done[CONFIG_NR_CPUS];
static bool ran[CONFIG_NR_CPUS];

static atomic_ulong next_range;	  /* hands out the work */
static atomic_ulong prime_count;  /* the atomic reduction */
static DEFINE_SPINLOCK(sum_lock); /* the locked reduction: */
static unsigned long long prime_sum, prime_hash;

/* A bijective 64-bit mix (splitmix64's finaliser): summed over the
 * primes it is a hash that does not depend on their order. */
static unsigned long long mix(unsigned long long x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static void add_prime(struct result *r, unsigned long p)
{
	r->count++;
	r->sum += p;
	r->hash += mix(p);
}

static bool base_primes_init(void)
{
	unsigned long p;

	base_primes = malloc(sizeof(*base_primes) * 1024);
	if (!base_primes)
		return false;
	/* trial division: sqrt(limit) is small */
	for (p = 2; p * p < limit && nbase < 1024; p++) {
		bool prime = true;

		for (unsigned long i = 0; i < nbase; i++) {
			if (base_primes[i] * base_primes[i] > p)
				break;
			if (p % base_primes[i] == 0) {
				prime = false;
				break;
			}
		}
		if (prime)
			base_primes[nbase++] = p;
	}
	return p * p >= limit;
}

/* The primes in [lo, hi), sieved in @buf (RANGE bytes). */
static void sieve_range(unsigned long lo, unsigned long hi, unsigned char *buf,
			struct result *r)
{
	memset(buf, 1, hi - lo);
	for (unsigned long i = 0; i < nbase; i++) {
		unsigned long p = base_primes[i];
		unsigned long m = (lo + p - 1) / p * p;

		if (p * p >= hi)
			break;
		if (m < p * p)
			m = p * p;
		for (; m < hi; m += p)
			buf[m - lo] = 0;
	}
	for (unsigned long n = lo < 2 ? 2 : lo; n < hi; n++)
		if (buf[n - lo])
			add_prime(r, n);
}

/* on_each_cpu(): take ranges until none is left. */
static void sieve_worker(void *info)
{
	unsigned long nranges = (limit + RANGE - 1) / RANGE, i;
	unsigned int cpu = smp_processor_id();

	(void)info;
	ran[cpu] = true;
	while ((i = atomic_fetch_add(&next_range, 1)) < nranges) {
		unsigned long hi =
			(i + 1) * RANGE < limit ? (i + 1) * RANGE : limit;
		struct result r = {0, 0, 0};

		sieve_range(i * RANGE, hi, range_buf[cpu], &r);
		atomic_fetch_add(&prime_count, r.count);
		spin_lock(&sum_lock);
		prime_sum += r.sum;
		prime_hash += r.hash;
		spin_unlock(&sum_lock);
		ranges_done[cpu]++;
	}
}

/* The oracle: a plain sieve of Eratosthenes over [0, limit). */
static bool serial_sieve(struct result *r)
{
	unsigned char *composite = calloc(limit, 1);

	if (!composite)
		return false;
	for (unsigned long p = 2; p < limit; p++) {
		if (composite[p])
			continue;
		add_prime(r, p);
		for (unsigned long m = p * p; m < limit; m += p)
			composite[m] = 1;
	}
	free(composite);
	return true;
}

static void whoami(void *info)
{
	*(int *)info = (int)smp_processor_id();
}

/* Each CPU in turn reports its id; the number of CPUs that answered. */
static unsigned int ask_each_cpu(void)
{
	unsigned int answered = 0;

	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		int seen = -1;
		int err = smp_call_function_single(cpu, whoami, &seen, 1);

		if (err)
			continue; /* -ENXIO: not online */
		if (seen != cpu)
			printf("smpdemo: CPU %d answered as CPU %d\n", cpu,
			       seen);
		else
			answered++;
	}
	return answered;
}

static unsigned long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000 +
	       (unsigned long long)ts.tv_nsec / 1000000;
}

static void print_result(const char *how, const struct result *r,
			 unsigned long long ms)
{
	printf("smpdemo: %s %lu primes, sum %llu, hash %#018llx (%llu ms)\n",
	       how, r->count, r->sum, r->hash, ms);
}

int app_main(int argc, char **argv)
{
	unsigned int ncpus = num_online_cpus(), used = 0;
	struct result par, ser = {0, 0, 0};
	unsigned long long t0;
	char list[CONFIG_NR_CPUS * 16] = "";

	if (argc > 1)
		limit = strtoul(argv[1], NULL, 0);
	if (limit < 2 || limit > 64000000 || !base_primes_init()) {
		printf("usage: smpdemo [N], 2 <= N <= 64000000\n");
		return 64;
	}
	printf("smpdemo: primes below %lu on %u CPUs, ranges of %lu\n", limit,
	       ncpus, RANGE);
	if (ask_each_cpu() != ncpus) {
		printf("smpdemo: not every online CPU answered\n");
		return 1;
	}
	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		range_buf[cpu] = malloc(RANGE);
		if (!range_buf[cpu])
			return 1;
	}

	t0 = now_ms();
	on_each_cpu(sieve_worker, NULL, 1);
	par.count = atomic_load(&prime_count);
	par.sum = prime_sum;
	par.hash = prime_hash;
	print_result("parallel:", &par, now_ms() - t0);

	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		size_t n = strlen(list);

		if (!ran[cpu])
			continue;
		used++;
		snprintf(list + n, sizeof(list) - n, " %d:%lu", cpu,
			 ranges_done[cpu]);
	}
	/* Which CPU takes how many ranges is a race; that all ran is not. */
	printf("smpdemo: the sieve ran on %u of %u CPUs (CPU:ranges%s)\n", used,
	       ncpus, list);

	t0 = now_ms();
	if (!serial_sieve(&ser))
		return 1;
	print_result("serial:  ", &ser, now_ms() - t0);
	if (par.count != ser.count || par.sum != ser.sum ||
	    par.hash != ser.hash) {
		printf("smpdemo: MISMATCH between the parallel and the serial "
		       "result\n");
		return 1;
	}
	printf("smpdemo: the parallel result matches the serial one\n");
	return 0;
}
