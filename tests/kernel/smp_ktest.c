// SPDX-License-Identifier: MIT
/*
 * DOC: KTAP suite "smp"
 *
 * Runs on CPU 0 with every CPU up: the registry, cross-calls to each
 * CPU (waiting and not), on_each_cpu(), the per-cpu areas (distinct,
 * each holding its CPU's number, the base register pointing at its own)
 * and a ticket lock under contention from every CPU at once (a lost
 * update would show in the count).
 */
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <mm/percpu.h>

/* Bounded waits for work on other CPUs: loop iterations. */
#define WAIT_LOOPS (1UL << 28)

static bool wait_for(const unsigned int *v, unsigned int want)
{
	for (unsigned long i = 0; i < WAIT_LOOPS; i++) {
		if (__atomic_load_n(v, __ATOMIC_ACQUIRE) == want)
			return true;
		cpu_relax();
	}
	return false;
}

static void smp_registry(struct ktest *t)
{
	unsigned int cpu, n = 0;

	KTEST_EXPECT_EQ(t, smp_processor_id(), 0);
	KTEST_EXPECT_TRUE(t, cpu_online(0));
	/* Every CPU the arch registered came up. */
	KTEST_EXPECT_EQ(t, num_online_cpus(), num_possible_cpus());
	KTEST_EXPECT_TRUE(t, nr_cpu_ids >= num_online_cpus());
	for_each_online_cpu(cpu)
	{
		KTEST_EXPECT_TRUE(t, cpu_possible(cpu));
		n++;
	}
	KTEST_EXPECT_EQ(t, n, num_online_cpus());
}

static void record_cpu(void *info)
{
	int *slot = info;

	*slot = smp_processor_id();
}

static void smp_call_single_each(struct ktest *t)
{
	unsigned int cpu;

	for_each_online_cpu(cpu)
	{
		int where = -1;

		KTEST_EXPECT_EQ(t,
				smp_call_function_single((int)cpu, record_cpu,
							 &where, 1),
				0);
		KTEST_EXPECT_EQ(t, where, (int)cpu);
	}
	KTEST_EXPECT_EQ(
		t,
		smp_call_function_single(CONFIG_NR_CPUS, record_cpu, NULL, 1),
		-ENXIO);
	KTEST_EXPECT_EQ(t, smp_call_function_single(-1, record_cpu, NULL, 1),
			-ENXIO);
}

struct seen {
	unsigned int count;
	unsigned long mask;
};

static void mark_seen(void *info)
{
	struct seen *s = info;

	__atomic_fetch_or(&s->mask, 1UL << smp_processor_id(),
			  __ATOMIC_RELAXED);
	__atomic_fetch_add(&s->count, 1U, __ATOMIC_RELEASE);
}

static unsigned int bits(unsigned long m)
{
	unsigned int n = 0;

	for (; m; m &= m - 1)
		n++;
	return n;
}

static void smp_on_each(struct ktest *t)
{
	struct seen s = {0, 0};
	unsigned int n = num_online_cpus();

	on_each_cpu(mark_seen, &s, 1);
	KTEST_EXPECT_EQ(t, s.count, n);
	KTEST_EXPECT_EQ(t, bits(s.mask), n);
	/* Without wait: the calls arrive later, each exactly once. */
	s.count = 0;
	s.mask = 0;
	smp_call_function(mark_seen, &s, 0);
	KTEST_EXPECT_TRUE(t, wait_for(&s.count, n - 1));
	KTEST_EXPECT_FALSE(t, s.mask & 1UL);
	/* Many in a row to one CPU: queued, run in order. */
	s.count = 0;
	for (int i = 0; i < 100; i++)
		smp_call_function_single((int)(n - 1), mark_seen, &s, 0);
	KTEST_EXPECT_TRUE(t, wait_for(&s.count, 100));
}

static DEFINE_PER_CPU(unsigned long, ktest_pcpu_word);

struct pcpu_seen {
	void *addr[CONFIG_NR_CPUS];
	void *base[CONFIG_NR_CPUS];
	unsigned int id[CONFIG_NR_CPUS];
};

static void record_pcpu(void *info)
{
	struct pcpu_seen *s = info;
	int cpu = smp_processor_id();

	s->addr[cpu] = this_cpu_ptr(&ktest_pcpu_word);
	s->base[cpu] = arch_percpu_base();
	s->id[cpu] = this_cpu_read(pcpu_hot).cpu;
	this_cpu_write(ktest_pcpu_word, 1000UL + (unsigned long)cpu);
}

static void smp_percpu_areas(struct ktest *t)
{
	struct pcpu_seen s = {};
	unsigned int cpu, other;

	on_each_cpu(record_pcpu, &s, 1);
	for_each_online_cpu(cpu)
	{
		KTEST_EXPECT_EQ(t, s.id[cpu], cpu);
		KTEST_EXPECT_TRUE(t,
				  s.base[cpu] == per_cpu_ptr(&pcpu_hot, cpu));
		KTEST_EXPECT_TRUE(
			t, s.addr[cpu] == per_cpu_ptr(&ktest_pcpu_word, cpu));
		KTEST_EXPECT_EQ(t, per_cpu(ktest_pcpu_word, cpu), 1000UL + cpu);
		KTEST_EXPECT_EQ(t, per_cpu(pcpu_hot, cpu).this_cpu_off,
				__per_cpu_offset[cpu]);
		for_each_online_cpu(other) if (other != cpu)
			KTEST_EXPECT_TRUE(t, s.addr[cpu] != s.addr[other]);
	}
}

/*
 * Per CPU.  Few: under TCG on a loaded host a vCPU thread that holds the
 * lock, or has the next ticket, can be descheduled for a host time slice,
 * and a FIFO lock then waits for it (2000 rounds once took 32 s).
 */
#define CONTENTION_ROUNDS 500

struct contention {
	spinlock_t lock;
	unsigned long counter; /* only under the lock, not atomic */
	unsigned int done;
};

static void hammer(void *info)
{
	struct contention *c = info;
	irqflags_t flags;

	for (int i = 0; i < CONTENTION_ROUNDS; i++) {
		if (i & 1) {
			spin_lock_irqsave(&c->lock, flags);
			c->counter++;
			spin_unlock_irqrestore(&c->lock, flags);
		} else {
			spin_lock(&c->lock);
			c->counter++;
			spin_unlock(&c->lock);
		}
	}
	__atomic_fetch_add(&c->done, 1U, __ATOMIC_RELEASE);
}

static void smp_lock_contention(struct ktest *t)
{
	static struct contention c;
	unsigned int n = num_online_cpus();

	spin_lock_init(&c.lock);
	c.counter = 0;
	c.done = 0;
	/* The others start, then this CPU joins in. */
	smp_call_function(hammer, &c, 0);
	hammer(&c);
	KTEST_ASSERT_TRUE(t, wait_for(&c.done, n));
	spin_lock(&c.lock);
	KTEST_EXPECT_EQ(t, c.counter, (unsigned long)n * CONTENTION_ROUNDS);
	spin_unlock(&c.lock);
	KTEST_EXPECT_FALSE(t, spin_is_locked(&c.lock));
}

struct trylock_probe {
	spinlock_t lock;
	bool got;
};

static void try_remote(void *info)
{
	struct trylock_probe *p = info;

	p->got = spin_trylock(&p->lock);
	if (p->got)
		spin_unlock(&p->lock);
}

static void smp_trylock_remote(struct ktest *t)
{
	struct trylock_probe p;
	int cpu = (int)num_online_cpus() - 1;

	if (cpu == 0) {
		ktest_skip(t, "one CPU");
		return;
	}
	spin_lock_init(&p.lock);
	spin_lock(&p.lock);
	p.got = true;
	smp_call_function_single(cpu, try_remote, &p, 1);
	KTEST_EXPECT_FALSE(t, p.got); /* held here: fails there */
	spin_unlock(&p.lock);
	smp_call_function_single(cpu, try_remote, &p, 1);
	KTEST_EXPECT_TRUE(t, p.got);
	KTEST_EXPECT_FALSE(t, spin_is_locked(&p.lock));
}

static struct ktest_case smp_cases[] = {
	KTEST_CASE(smp_registry),
	KTEST_CASE(smp_call_single_each),
	KTEST_CASE(smp_on_each),
	KTEST_CASE(smp_percpu_areas),
	KTEST_CASE(smp_lock_contention),
	KTEST_CASE(smp_trylock_remote),
	{},
};
KTEST_SUITE(smp, smp_cases);
