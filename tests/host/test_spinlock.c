// SPDX-License-Identifier: MIT
/*
 * The ticket spinlock (kernel/spinlock.h), its debug checks
 * (lib/spinlock.c, CONFIG_DEBUG_SPINLOCK) and cpumask_t, with pthreads
 * standing in for CPUs (each sets its own host_current_cpu).  Built three
 * times (tests/host/spinlock.mk): with the debug checks under ASan+UBSan
 * and under ThreadSanitizer, and without them (the inline lock).  A lock
 * that let two CPUs in at once loses counter updates, and TSan reports
 * the race.
 */
#include <pthread.h>
#include <string.h>

#include <kernel/cpumask.h>
#include <kernel/spinlock.h>

#include "host.h"
#include "tap.h"

#define NTHREADS CONFIG_NR_CPUS
#define ROUNDS 100000

struct shared {
	spinlock_t lock;
	unsigned long counter; /* plain: only under the lock */
	unsigned int started;
};

struct worker {
	struct shared *s;
	int cpu;
	pthread_t thread;
};

static void *hammer(void *arg)
{
	struct worker *w = arg;
	irqflags_t flags;

	host_current_cpu = w->cpu;
	/* Start together, for contention. */
	__atomic_fetch_add(&w->s->started, 1U, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&w->s->started, __ATOMIC_ACQUIRE) < NTHREADS)
		cpu_relax();
	for (int i = 0; i < ROUNDS; i++) {
		if (i % 3 == 0) {
			spin_lock_irqsave(&w->s->lock, flags);
			w->s->counter++;
			spin_unlock_irqrestore(&w->s->lock, flags);
		} else if (i % 3 == 1) {
			while (!spin_trylock(&w->s->lock))
				cpu_relax();
			w->s->counter++;
			spin_unlock(&w->s->lock);
		} else {
			spin_lock(&w->s->lock);
			w->s->counter++;
			spin_unlock(&w->s->lock);
		}
	}
	return NULL;
}

static void test_contention(void)
{
	static struct shared s;
	struct worker w[NTHREADS];

	spin_lock_init(&s.lock);
	for (int i = 0; i < NTHREADS; i++) {
		w[i] = (struct worker){.s = &s, .cpu = i};
		pthread_create(&w[i].thread, NULL, hammer, &w[i]);
	}
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(w[i].thread, NULL);
	ok_eq(s.counter, (unsigned long)NTHREADS * ROUNDS,
	      "contention: no update lost (lock, trylock, irqsave)");
	ok(!spin_is_locked(&s.lock), "contention: free at the end");
	ok_eq(s.lock.tickets.owner, s.lock.tickets.next,
	      "contention: every ticket served");
}

static void test_single(void)
{
	DEFINE_SPINLOCK(l);

	host_current_cpu = 0;
	ok(!spin_is_locked(&l), "a new lock is free");
	ok(spin_trylock(&l), "trylock takes a free lock");
	ok(spin_is_locked(&l), "and holds it");
	ok(!spin_trylock(&l), "trylock fails on a held lock");
	spin_unlock(&l);
	ok(!spin_is_locked(&l), "unlock frees it");
	/* The 16-bit tickets wrap: 70000 rounds go past 65535. */
	for (int i = 0; i < 70000; i++) {
		spin_lock(&l);
		spin_unlock(&l);
	}
	ok(!spin_is_locked(&l) && l.tickets.owner == (u16)70001,
	   "tickets wrap around 65535");
	ok(spin_trylock(&l), "trylock after the wrap");
	spin_unlock(&l);
}

struct holder {
	spinlock_t *lock;
	unsigned int phase; /* 1: holding; 2: release */
};

static void *hold_on_cpu1(void *arg)
{
	struct holder *h = arg;

	host_current_cpu = 1;
	spin_lock(h->lock);
	__atomic_store_n(&h->phase, 1U, __ATOMIC_RELEASE);
	while (__atomic_load_n(&h->phase, __ATOMIC_ACQUIRE) != 2)
		cpu_relax();
	spin_unlock(h->lock);
	return NULL;
}

static void test_trylock_other_cpu(void)
{
	DEFINE_SPINLOCK(l);
	struct holder h = {&l, 0};
	pthread_t t;

	host_current_cpu = 0;
	pthread_create(&t, NULL, hold_on_cpu1, &h);
	while (__atomic_load_n(&h.phase, __ATOMIC_ACQUIRE) != 1)
		cpu_relax();
	ok(!spin_trylock(&l), "trylock fails while another CPU holds it");
	__atomic_store_n(&h.phase, 2U, __ATOMIC_RELEASE);
	pthread_join(t, NULL);
	ok(spin_trylock(&l), "and succeeds once it let go");
	spin_unlock(&l);
}

static void *set_my_bit(void *arg)
{
	cpumask_t *m = arg;

	for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		cpumask_set_cpu(cpu, m);
	return NULL;
}

static void test_cpumask(void)
{
	cpumask_t m;
	pthread_t t[NTHREADS];
	unsigned int cpu, seen = 0, sum = 0;

	cpumask_clear(&m);
	ok_eq(cpumask_weight(&m), 0, "cpumask: empty");
	ok_eq(cpumask_first(&m), CONFIG_NR_CPUS, "cpumask: first of empty");
	cpumask_set_cpu(1, &m);
	cpumask_set_cpu(CONFIG_NR_CPUS - 1, &m);
	ok(cpumask_test_cpu(1, &m) && !cpumask_test_cpu(0, &m),
	   "cpumask: set and test");
	ok(!cpumask_test_cpu(CONFIG_NR_CPUS, &m), "cpumask: out of range");
	for_each_cpu(cpu, &m)
	{
		seen++;
		sum += cpu;
	}
	ok(seen == 2 && sum == CONFIG_NR_CPUS, "cpumask: for_each_cpu");
	cpumask_clear_cpu(1, &m);
	ok_eq(cpumask_weight(&m), 1, "cpumask: clear");
	/* Concurrent setters (as CPUs coming online): no bit lost. */
	cpumask_clear(&m);
	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, set_my_bit, &m);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	ok_eq(cpumask_weight(&m), CONFIG_NR_CPUS, "cpumask: concurrent sets");
}

#ifdef CONFIG_DEBUG_SPINLOCK
static const char *last_report;
static int nr_reports;
static struct holder *lockup_holder;

static void record_report(spinlock_t *l, const char *msg)
{
	(void)l;
	last_report = msg;
	__atomic_fetch_add(&nr_reports, 1, __ATOMIC_RELAXED);
	/* A lockup: let the holder go, so the spin can end. */
	if (lockup_holder && strstr(msg, "lockup"))
		__atomic_store_n(&lockup_holder->phase, 2U, __ATOMIC_RELEASE);
}

static bool reported(const char *what)
{
	bool r = nr_reports == 1 && last_report && strstr(last_report, what);

	nr_reports = 0;
	last_report = NULL;
	return r;
}

static void test_debug(void)
{
	spinlock_t l;
	void (*saved)(spinlock_t *, const char *) = spin_bug_report;
	unsigned long saved_loops = spinlock_lockup_loops;
	struct holder h = {&l, 0};
	pthread_t t;

	host_current_cpu = 0;
	spin_lock_init(&l);
	ok(!strcmp(l.name, "&l"), "debug: spin_lock_init records the name");
	spin_bug_report = record_report;
	host_log_clear();

	spin_lock(&l);
	ok_eq(l.owner_cpu, 0, "debug: the holder is recorded");
	spin_lock(&l);
	ok(reported("recursion"), "debug: recursion reported");
	ok(host_log_contains(
		   "BUG: spinlock recursion on CPU#0, &l held by CPU#0"),
	   "debug: the report names the lock and the holder");
	lockdep_assert_held(&l);
	ok_eq(nr_reports, 0, "debug: lockdep_assert_held quiet when held");
	host_current_cpu = 1;
	spin_unlock(&l);
	ok(reported("wrong CPU"), "debug: unlock from another CPU reported");
	lockdep_assert_held(&l);
	ok(reported("not held"), "debug: lockdep_assert_held on another CPU");
	host_current_cpu = 0;
	spin_unlock(&l);
	ok(!spin_is_locked(&l) && nr_reports == 0, "debug: proper unlock");
	spin_unlock(&l);
	ok(reported("not locked"), "debug: unlock of a free lock reported");
	ok(!spin_is_locked(&l), "debug: the bad unlock changed nothing");

	/* Lockup: CPU 1 holds the lock; CPU 0 spins past the bound. */
	spinlock_lockup_loops = 1000;
	lockup_holder = &h;
	host_log_clear();
	pthread_create(&t, NULL, hold_on_cpu1, &h);
	while (__atomic_load_n(&h.phase, __ATOMIC_ACQUIRE) != 1)
		cpu_relax();
	spin_lock(&l);
	/* Reported once per bound, until the holder has let go. */
	if (nr_reports > 1)
		nr_reports = 1;
	ok(reported("lockup suspected"), "debug: lockup reported");
	ok(host_log_contains(
		   "BUG: spinlock lockup suspected on CPU#0, &l held by CPU#1"),
	   "debug: lockup report names the lock and the holder CPU");
	ok_eq(l.owner_cpu, 0, "debug: the lock is taken after the holder left");
	spin_unlock(&l);
	pthread_join(t, NULL);
	lockup_holder = NULL;
	spinlock_lockup_loops = saved_loops;

	/* The default report panics. */
	spin_bug_report = saved;
	spin_lock(&l);
	ok(HOST_EXPECT_PANIC(spin_lock(&l)),
	   "debug: by default a report panics");
	ok(strstr(host_panic_msg, "&l") && strstr(host_panic_msg, "recursion"),
	   "debug: the panic names the lock");
	spin_unlock(&l);
}
#endif

int main(void)
{
	test_single();
	test_trylock_other_cpu();
	test_contention();
	test_cpumask();
#ifdef CONFIG_DEBUG_SPINLOCK
	test_debug();
#else
	ok_eq(sizeof(spinlock_t), 4, "no debug: the lock is one word");
#endif
	return tap_done();
}
