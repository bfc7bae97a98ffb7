// SPDX-License-Identifier: MIT
/*
 * The cross-CPU calls (kernel/smp_call.c) with pthreads as CPUs and the
 * host interrupt model (asm/smp.h): calls with and without wait to one
 * CPU and to all, every call run once on its target with interrupts
 * off, -ENXIO for a CPU that is not online, inline calls on this CPU, and
 * the warning for waiting with interrupts off.  Built under ASan+UBSan
 * (smp_call) and ThreadSanitizer (smp_call_tsan).
 */
#include <pthread.h>
#include <stdio.h>

#include <asm-generic/smp_call.h>

#include "host.h"
#include "host_smp.h"
#include "tap.h"

#define NCPUS 4
#define ROUNDS 2000

/* ran[target][sender]: calls from sender that ran on target. */
static unsigned long ran[NCPUS][NCPUS];
static unsigned long wrong_cpu, irqs_on_in_call;
static unsigned int finished;

struct call_arg {
	int sender, target;
};

static void record(void *info)
{
	struct call_arg *a = info;

	if (smp_processor_id() != a->target)
		__atomic_fetch_add(&wrong_cpu, 1, __ATOMIC_RELAXED);
	if (!host_irqs_off)
		__atomic_fetch_add(&irqs_on_in_call, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&ran[smp_processor_id()][a->sender], 1,
			   __ATOMIC_RELAXED);
}

static unsigned long each_count[NCPUS];

static void count_each(void *info)
{
	(void)info;
	__atomic_fetch_add(&each_count[smp_processor_id()], 1,
			   __ATOMIC_RELAXED);
}

/* Serve IPIs, interrupts on, until every CPU is done. */
static void serve_until_all_finished(void)
{
	__atomic_fetch_add(&finished, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&finished, __ATOMIC_ACQUIRE) < NCPUS)
		cpu_relax();
}

static void *cpu_main(void *p)
{
	int me = (int)(long)p, i;
	struct call_arg own[NCPUS];

	host_current_cpu = me;
	for (i = 0; i < NCPUS; i++)
		own[i] = (struct call_arg){me, i};
	for (i = 0; i < ROUNDS; i++) {
		int target = (me + 1 + i % (NCPUS - 1)) % NCPUS;

		smp_call_function_single(target, record, &own[target], 1);
		if (i % 64 == 0)
			on_each_cpu(count_each, NULL, 1);
	}
	serve_until_all_finished();
	return NULL;
}

static void test_calls(void)
{
	pthread_t t[NCPUS];
	unsigned long total = 0, sent = 0;
	int i, j;
	bool each_ok = true;

	for (i = 0; i < NCPUS; i++)
		pthread_create(&t[i], NULL, cpu_main, (void *)(long)i);
	for (i = 0; i < NCPUS; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < NCPUS; i++)
		for (j = 0; j < NCPUS; j++)
			total += ran[i][j];
	sent = (unsigned long)NCPUS * ROUNDS;
	ok(total == sent, "every waited call ran once (%lu of %lu)", total,
	   sent);
	ok(wrong_cpu == 0, "each call ran on its target CPU (%lu did not)",
	   wrong_cpu);
	ok(irqs_on_in_call == 0, "calls run with interrupts off");
	for (i = 0; i < NCPUS; i++)
		each_ok &= each_count[i] ==
			   (unsigned long)NCPUS * ((ROUNDS + 63) / 64);
	ok(each_ok, "on_each_cpu() ran on every CPU, this one included");
}

/* Calls without wait: the sender's slot is reused only once it ran. */
static unsigned long nowait_ran[NCPUS];

static void count_nowait(void *info)
{
	(void)info;
	__atomic_fetch_add(&nowait_ran[smp_processor_id()], 1,
			   __ATOMIC_RELAXED);
}

static void *nowait_main(void *p)
{
	int me = (int)(long)p, i;

	host_current_cpu = me;
	if (me == 0)
		for (i = 0; i < ROUNDS; i++)
			smp_call_function(count_nowait, NULL, 0);
	serve_until_all_finished();
	return NULL;
}

static void test_nowait(void)
{
	pthread_t t[NCPUS];
	bool all = true;
	int i;

	finished = 0;
	for (i = 0; i < NCPUS; i++)
		pthread_create(&t[i], NULL, nowait_main, (void *)(long)i);
	for (i = 0; i < NCPUS; i++)
		pthread_join(t[i], NULL);
	/* The last round may still be queued when its senders finished:
	 * run what is left, as the targets' next interrupt would. */
	for (i = 1; i < NCPUS; i++) {
		host_current_cpu = i;
		host_irq_poll();
	}
	host_current_cpu = 0;
	for (i = 1; i < NCPUS; i++)
		all &= nowait_ran[i] == ROUNDS;
	ok(all && nowait_ran[0] == 0,
	   "smp_call_function() without wait: every other CPU, each call once");
}

static void note_local(void *info)
{
	*(unsigned long *)info = host_irqs_off + 1;
}

static void test_local_and_offline(void)
{
	unsigned long seen = 0;

	host_current_cpu = 2;
	ok(smp_call_function_single(2, note_local, &seen, 1) == 0 &&
		   seen == 2 && !host_irqs_off,
	   "a call to this CPU runs inline, interrupts off, and restores them");
	ok(smp_call_function_single(NCPUS, note_local, &seen, 1) == -ENXIO,
	   "a CPU beyond the online ones: -ENXIO");
	ok(smp_call_function_single(-1, note_local, &seen, 1) == -ENXIO,
	   "a negative CPU number: -ENXIO");
	cpumask_clear_cpu(3, cpu_online_mask);
	ok(smp_call_function_single(3, note_local, &seen, 1) == -ENXIO,
	   "an offline CPU: -ENXIO");
	cpumask_set_cpu(3, cpu_online_mask);
	host_current_cpu = 0;
}

/* Waiting with interrupts off is the deadlock Linux warns about. */
static void *irqs_off_sender(void *p)
{
	struct call_arg a = {0, 1};
	irqflags_t flags;

	(void)p;
	host_current_cpu = 0;
	local_irq_save(flags);
	smp_call_function_single(1, record, &a, 1);
	local_irq_restore(flags);
	serve_until_all_finished();
	return NULL;
}

static void *idle_cpu(void *p)
{
	host_current_cpu = (int)(long)p;
	serve_until_all_finished();
	return NULL;
}

static void test_wait_irqs_off_warns(void)
{
	pthread_t t[NCPUS];
	int warns = host_warn_count, i;

	finished = 0;
	host_log_clear();
	pthread_create(&t[0], NULL, irqs_off_sender, NULL);
	for (i = 1; i < NCPUS; i++)
		pthread_create(&t[i], NULL, idle_cpu, (void *)(long)i);
	for (i = 0; i < NCPUS; i++)
		pthread_join(t[i], NULL);
	ok(host_warn_count == warns + 1 &&
		   host_log_contains(
			   "waiting for a cross-call with interrupts"),
	   "waiting for a call with interrupts off warns");
}

int main(void)
{
	host_smp_init(NCPUS);
	test_calls();
	test_nowait();
	test_local_and_offline();
	test_wait_irqs_off_warns();
	return tap_done();
}
