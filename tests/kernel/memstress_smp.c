// SPDX-License-Identifier: MIT
/*
 * DOC: memstress, the multi-CPU mode
 *
 * memstress_run_smp() (KTAP case memstress_smp, memstress.c) runs
 * memstress's operations on every online CPU at once, each CPU on its
 * own slots, and hands a share of its full slots to the others through a
 * queue under a spinlock: an object or page block allocated on one CPU
 * is checked and freed on another.  Afterwards the boot CPU frees what
 * is left, drains every CPU's lists and shrinks the caches: the free
 * page count and the number of slab objects in use must both be back at
 * their start.
 *
 * The other CPUs run their share from a cross-call without wait; the
 * boot CPU runs its own, then waits for theirs.  On the way it prints how
 * far each CPU got, every PROGRESS_OPS of its own operations and then
 * every PROGRESS_LOOPS polls (counts, not wall time).  Under QEMU on a busy
 * host a run can take many minutes: the report tells a slow run (the counts
 * move) from a stuck one (they do not, and the report says so).
 */
#include <kernel/errno.h>
#include <kernel/printf.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

#include "memstress.h"
#include "mm_ktest.h"
#include "../../mm/slab_internal.h"

#define SMP_NSLOTS 512
#define HANDOFF_MAX 256
/* How often the boot CPU reports progress: every PROGRESS_OPS of its
 * own operations, then every PROGRESS_LOOPS polls while it waits. */
#define PROGRESS_OPS 8192
#define PROGRESS_LOOPS (1UL << 27)
/* Each CPU publishes its operation count every this many operations. */
#define PROGRESS_EVERY 1024

/* Full slots on their way to another CPU. */
struct handoff {
	spinlock_t lock;
	unsigned int head, count;
	unsigned long handed;
	struct slot q[HANDOFF_MAX];
};

struct smp_stress {
	unsigned long ops; /* per CPU */
	struct handoff ho;
	struct stress cpu[CONFIG_NR_CPUS];
	unsigned long done[CONFIG_NR_CPUS]; /* operations, for the report */
	unsigned int finished;		    /* CPUs through their share */
	unsigned int reporter;		    /* the boot CPU */
	unsigned long last_report;	    /* the others' total, reported */
};

static bool handoff_push(struct handoff *h, const struct slot *sl)
{
	bool ok;

	spin_lock(&h->lock);
	ok = h->count < HANDOFF_MAX;
	if (ok) {
		h->q[(h->head + h->count++) % HANDOFF_MAX] = *sl;
		h->handed++;
	}
	spin_unlock(&h->lock);
	return ok;
}

static bool handoff_pop(struct handoff *h, struct slot *sl)
{
	bool ok;

	spin_lock(&h->lock);
	ok = h->count > 0;
	if (ok) {
		*sl = h->q[h->head];
		h->head = (h->head + 1) % HANDOFF_MAX;
		h->count--;
	}
	spin_unlock(&h->lock);
	return ok;
}

/* Free up to @n slots other CPUs handed over; the accounting moves here. */
static void take_handed(struct smp_stress *m, struct stress *s, int n)
{
	struct slot sl;

	while (n-- > 0 && handoff_pop(&m->ho, &sl)) {
		memstress_slot_account(s, &sl, 1);
		memstress_slot_free(s, &sl);
	}
}

/*
 * The progress report, from the boot CPU: each CPU's operations so far;
 * "no progress" when the other CPUs' total has not moved since the last
 * report (@last).  Printed every PROGRESS_OPS of the boot CPU's own
 * operations, then every PROGRESS_LOOPS polls while it waits.
 */
static void stress_report(struct smp_stress *m, const char *when,
			  unsigned long *last)
{
	unsigned int me = smp_processor_id();
	unsigned long others = 0;
	char buf[160];
	int n = 0;

	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		unsigned long d;

		if (!cpu_online(cpu))
			continue;
		d = __atomic_load_n(&m->done[cpu], __ATOMIC_RELAXED);
		if (cpu != me)
			others += d;
		n += scnprintf(buf + n, sizeof(buf) - (size_t)n, " CPU#%u %lu",
			       cpu, d);
	}
	pr_info("memstress: smp: progress %s:%s of %lu ops each%s\n", when, buf,
		m->ops,
		others == *last ? "; the other CPUs made no progress since the "
				  "last report"
				: "");
	*last = others;
}

/* Every CPU: the random operations on this CPU's own slots; the boot
 * CPU (@m->reporter) reports progress on the way. */
static void stress_cpu(void *info)
{
	struct smp_stress *m = info;
	unsigned int cpu = smp_processor_id();
	struct stress *s = &m->cpu[cpu];

	for (unsigned long i = 0; i < m->ops; i++) {
		struct slot *sl = &s->slots[memstress_rnd(s) % SMP_NSLOTS];

		if (i % PROGRESS_EVERY == 0)
			__atomic_store_n(&m->done[cpu], i, __ATOMIC_RELAXED);
		if (cpu == m->reporter && i && i % PROGRESS_OPS == 0)
			stress_report(m, "during the boot CPU's share",
				      &m->last_report);
		if (sl->kind == EMPTY) {
			memstress_slot_alloc(s, sl);
		} else if (memstress_rnd(s) % 4 == 0 &&
			   handoff_push(&m->ho, sl)) {
			memstress_slot_account(s, sl, -1); /* now the taker's */
			sl->kind = EMPTY;
		} else {
			memstress_slot_free(s, sl);
		}
		if (i % 8 == 0)
			take_handed(m, s, 2);
	}
	__atomic_store_n(&m->done[cpu], m->ops, __ATOMIC_RELAXED);
	__atomic_fetch_add(&m->finished, 1U, __ATOMIC_RELEASE);
}

/* The boot CPU, its own share done: wait for the others, reporting. */
static void stress_wait(struct smp_stress *m, unsigned int ncpus)
{
	unsigned long loops = 0;

	while (__atomic_load_n(&m->finished, __ATOMIC_ACQUIRE) < ncpus) {
		cpu_relax();
		if (++loops % PROGRESS_LOOPS == 0)
			stress_report(m, "while the boot CPU waits",
				      &m->last_report);
	}
}

/* Objects in use in every slab cache (after a shrink: none per CPU). */
static unsigned long slab_objects_in_use(void)
{
	struct kmem_cache *c;
	unsigned long n = 0;

	list_for_each_entry(c, &slab_caches, list)
		n += mm_test_objs_in_use(c);
	return n;
}

static void smp_stress_free(struct smp_stress *m, unsigned long slots_bytes)
{
	unsigned int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (cpu_online(cpu) && m->cpu[cpu].slots)
			free_pages_exact(m->cpu[cpu].slots, slots_bytes);
	kfree(m);
}

/* Everything left, freed on this CPU (mostly allocated elsewhere). */
static void smp_stress_drain(struct smp_stress *m, struct stress *s0)
{
	unsigned int cpu;

	take_handed(m, s0, HANDOFF_MAX);
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct stress *s = &m->cpu[cpu];

		if (!cpu_online(cpu))
			continue;

		for (int i = 0; i < SMP_NSLOTS; i++) {
			struct slot *sl = &s->slots[i];

			if (sl->kind == EMPTY)
				continue;
			memstress_slot_account(s, sl, -1);
			memstress_slot_account(s0, sl, 1);
			memstress_slot_free(s0, sl);
		}
	}
}

#define SMP_SLOTS_BYTES (sizeof(struct slot) * SMP_NSLOTS)

/* The shared state, the caches and every online CPU's slots; NULL if
 * memory ran out. */
static struct smp_stress *smp_stress_alloc(unsigned long ops_each,
					   unsigned long seed)
{
	struct smp_stress *m = kzalloc(sizeof(*m), GFP_KERNEL);
	struct stress *s0;

	if (!m)
		return NULL;
	spin_lock_init(&m->ho.lock);
	m->ops = ops_each;
	m->reporter = (unsigned int)smp_processor_id();
	s0 = &m->cpu[smp_processor_id()];
	if (memstress_caches_create(s0->caches)) {
		kfree(m);
		return NULL;
	}
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct stress *s = &m->cpu[cpu];

		if (!cpu_online(cpu))
			continue;
		memcpy(s->caches, s0->caches, sizeof(s->caches));
		s->rng = (seed + cpu * 0x9e3779b97f4a7c15ULL) | 1;
		s->slots = alloc_pages_exact(SMP_SLOTS_BYTES,
					     GFP_KERNEL | __GFP_ZERO);
		if (!s->slots) {
			memstress_caches_destroy(s0);
			smp_stress_free(m, SMP_SLOTS_BYTES);
			return NULL;
		}
	}
	return m;
}

/* After the run, on this CPU: free and destroy everything; the errors
 * of every CPU, the cross-CPU frees in @cross. */
static unsigned long smp_stress_finish(struct smp_stress *m,
				       unsigned long *cross)
{
	struct stress *s0 = &m->cpu[smp_processor_id()];
	unsigned long errors = 0;

	smp_stress_drain(m, s0);
	/* Per CPU the counts may be off (the accounting moves with a handed
	 * slot); in all, every object must be back. */
	for (int c = 0; c < NCACHES; c++) {
		unsigned long live = 0;

		for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
			if (cpu_online(cpu))
				live += m->cpu[cpu].live[c];
		if (live)
			memstress_error(s0, "object count not back at 0",
					s0->caches[c]);
	}
	memstress_caches_destroy(s0);
	*cross = 0;
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		if (!cpu_online(cpu))
			continue;
		errors += m->cpu[cpu].errors;
		*cross += m->cpu[cpu].cross_frees;
	}
	smp_stress_free(m, SMP_SLOTS_BYTES);
	return errors;
}

/**
 * memstress_run_smp - @ops random operations split between the online
 * CPUs, all at once, with cross-CPU frees; prints the figures.
 * @ops: operations in all (each CPU does @ops / num_online_cpus())
 * @seed: the first CPU's seed; CPU n uses a value derived from it
 * @res: the totals (ops done in all, errors, free pages before and after)
 *
 * 0 when nothing went wrong: no pattern changed, every counter agrees,
 * free pages and slab objects in use back at their start.
 */
int memstress_run_smp(unsigned long ops, unsigned long seed,
		      struct memstress_result *res)
{
	unsigned int ncpus = num_online_cpus();
	unsigned long ops_each = ops / ncpus ? ops / ncpus : 1;
	unsigned long objs_start, objs_end, errors, cross, handed;
	struct smp_stress *m;
	u64 t0;

	memset(res, 0, sizeof(*res));
	drain_all_pages(NULL);
	slab_shrink_all();
	res->free_start = mm_test_free_pages();
	objs_start = slab_objects_in_use();
	m = smp_stress_alloc(ops_each, seed);
	if (!m)
		return -ENOMEM;

	t0 = ktime_get_ns();
	smp_call_function(stress_cpu, m, 0);
	stress_cpu(m);
	stress_wait(m, ncpus);
	res->ns = ktime_get_ns() - t0;

	handed = m->ho.handed;
	errors = smp_stress_finish(m, &cross);
	drain_all_pages(NULL);
	slab_shrink_all();
	res->free_end = mm_test_free_pages();
	objs_end = slab_objects_in_use();
	res->ops = ops_each * ncpus;
	res->errors = errors + (objs_end != objs_start);
	pr_info("memstress: smp: %u CPUs, %lu ops each in %llu ms, %lu "
		"handed between CPUs, %lu freed on another CPU, free pages "
		"start %lu end %lu, slab objects start %lu end %lu, %lu "
		"errors\n",
		ncpus, ops_each, (unsigned long long)(res->ns / 1000000),
		handed, cross, res->free_start, res->free_end, objs_start,
		objs_end, errors);
	return res->errors ? -EIO : 0;
}
