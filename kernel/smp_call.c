// SPDX-License-Identifier: MIT
/*
 * DOC: cross-CPU calls and stop
 *
 * Each CPU has a queue of pending calls, a lock-free list (push with
 * compare-and-swap, the owner takes the whole list with one exchange).
 * A sender queues a struct call_single_data and, if the queue was empty,
 * raises the IPI; the target's handle_ipi() takes the list, runs the
 * calls in the order they were queued, interrupts off, and clears each
 * call's pending flag once its function has returned.  A waiting sender
 * spins on that flag (its call lives on its stack); a sender that does
 * not wait uses its own per-target slot, waiting only for the slot's
 * previous call to finish before reusing it.
 *
 * smp_send_stop() sets a flag every CPU's IPI handler checks first and
 * raises the IPI on all others: each marks itself offline and parks.  A
 * CPU that does not within a short bounded wait (a loop count) has its
 * interrupts off: the arch's NMI, where it has one (x86), stops it the
 * same way (smp_stop_nmi_callback()); RISC-V has none, so the log names
 * the CPU and the power-off that follows stops it.
 */
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <mm/percpu.h>

struct call_single_data {
	struct call_single_data *next;
	smp_call_func_t func;
	void *info;
	unsigned int pending;
};

static DEFINE_PER_CPU(struct call_single_data *, call_queue);
/* The slots for calls without wait: one per target CPU. */
static DEFINE_PER_CPU(struct call_single_data[CONFIG_NR_CPUS], call_slot);

/* How long smp_send_stop() waits for the others to take the stop IPI,
 * then for the NMI: loop iterations (0.3 s under TCG, less on hardware:
 * an idle CPU answers at once, one with interrupts off never does). */
#define SMP_STOP_LOOPS (1UL << 21)
/* 1 + the stopping CPU, or 0. */
static int smp_stopping;

static void csd_wait(struct call_single_data *csd)
{
	if (!__atomic_load_n(&csd->pending, __ATOMIC_ACQUIRE))
		return;
	/* The target may be spinning, interrupts on, for a call to us. */
	WARN_ONCE(irqs_disabled(),
		  "smp: waiting for a cross-call with interrupts off\n");
	while (__atomic_load_n(&csd->pending, __ATOMIC_ACQUIRE))
		cpu_relax();
}

static void queue_call(unsigned int cpu, struct call_single_data *csd)
{
	struct call_single_data **head = per_cpu_ptr(&call_queue, cpu);
	struct call_single_data *old = __atomic_load_n(head, __ATOMIC_RELAXED);

	do {
		csd->next = old;
	} while (!__atomic_compare_exchange_n(
		head, &old, csd, true, __ATOMIC_RELEASE, __ATOMIC_RELAXED));
	/* A non-empty queue already has an IPI on its way. */
	if (!old)
		arch_send_ipi(cpu);
}

static void run_local(smp_call_func_t func, void *info)
{
	irqflags_t flags;

	local_irq_save(flags);
	func(info);
	local_irq_restore(flags);
}

/* Queue @func on @cpu (online, not this CPU); @csd is the caller's if it
 * waits, else this CPU's slot for @cpu. */
static void call_remote(unsigned int cpu, struct call_single_data *csd,
			smp_call_func_t func, void *info)
{
	csd->func = func;
	csd->info = info;
	__atomic_store_n(&csd->pending, 1U, __ATOMIC_RELAXED);
	queue_call(cpu, csd);
}

static struct call_single_data *nowait_slot(unsigned int cpu)
{
	struct call_single_data *csd = &(*this_cpu_ptr(&call_slot))[cpu];

	csd_wait(csd);
	return csd;
}

int smp_call_function_single(int cpu, smp_call_func_t func, void *info,
			     int wait)
{
	struct call_single_data csd;

	if (cpu < 0 || !cpu_online((unsigned int)cpu))
		return -ENXIO;
	if (cpu == smp_processor_id()) {
		run_local(func, info);
		return 0;
	}
	if (!wait) {
		call_remote((unsigned int)cpu, nowait_slot((unsigned int)cpu),
			    func, info);
		return 0;
	}
	call_remote((unsigned int)cpu, &csd, func, info);
	csd_wait(&csd);
	return 0;
}

void smp_call_function(smp_call_func_t func, void *info, int wait)
{
	struct call_single_data csd[CONFIG_NR_CPUS];
	unsigned int cpu, me = (unsigned int)smp_processor_id();

	for_each_online_cpu(cpu)
	{
		if (cpu == me)
			continue;
		call_remote(cpu, wait ? &csd[cpu] : nowait_slot(cpu), func,
			    info);
	}
	if (!wait)
		return;
	for_each_online_cpu(cpu) if (cpu != me) csd_wait(&csd[cpu]);
}

void on_each_cpu(smp_call_func_t func, void *info, int wait)
{
	smp_call_function(func, info, wait);
	run_local(func, info);
}

static __noreturn void stop_this_cpu(void)
{
	cpumask_clear_cpu((unsigned int)smp_processor_id(), cpu_online_mask);
	arch_cpu_park();
}

void handle_ipi(void)
{
	struct call_single_data *list, *fifo = NULL, *next;
	int stopper = __atomic_load_n(&smp_stopping, __ATOMIC_ACQUIRE);

	if (stopper && stopper != smp_processor_id() + 1)
		stop_this_cpu();
	list = __atomic_exchange_n(this_cpu_ptr(&call_queue), NULL,
				   __ATOMIC_ACQUIRE);
	/* The list is newest first: reverse it to run in queued order. */
	for (; list; list = next) {
		next = list->next;
		list->next = fifo;
		fifo = list;
	}
	for (; fifo; fifo = next) {
		/* After pending drops, the sender may reuse the call. */
		next = fifo->next;
		fifo->func(fifo->info);
		__atomic_store_n(&fifo->pending, 0U, __ATOMIC_RELEASE);
	}
}

/* An NMI (x86): stop this CPU if another one is stopping the others. */
void smp_stop_nmi_callback(void)
{
	int stopper = __atomic_load_n(&smp_stopping, __ATOMIC_ACQUIRE);

	if (stopper && stopper != smp_processor_id() + 1)
		stop_this_cpu();
}

/* Wait (bounded) until this CPU is the only one online. */
static bool others_stopped(void)
{
	for (unsigned long loops = 0; loops < SMP_STOP_LOOPS; loops++) {
		if (num_online_cpus() <= 1)
			return true;
		cpu_relax();
	}
	return num_online_cpus() <= 1;
}

__weak int arch_send_stop_nmi(unsigned int cpu)
{
	(void)cpu;
	return -EOPNOTSUPP;
}

void smp_send_stop(void)
{
	unsigned int cpu, me = (unsigned int)smp_processor_id();
	int old = 0, nmi = 0;

	if (num_online_cpus() <= 1)
		return;
	/* Once is enough (panic, then power-off); a CPU that another one
	 * is stopping stops too. */
	if (!__atomic_compare_exchange_n(&smp_stopping, &old, (int)me + 1,
					 false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE)) {
		if (old != (int)me + 1)
			stop_this_cpu();
		return;
	}
	for_each_online_cpu(cpu) if (cpu != me) arch_send_ipi(cpu);
	if (others_stopped())
		return;
	for_each_online_cpu(cpu)
	{
		bool sent;

		if (cpu == me)
			continue;
		sent = !arch_send_stop_nmi(cpu);
		nmi += sent;
		pr_emerg("smp: CPU#%u (" ARCH_HWID_NAME
			 " %lu) did not take the stop IPI%s\n",
			 cpu, cpu_hwid[cpu],
			 sent ? ": sent an NMI"
			      : " (interrupts off?) and the arch has no NMI: "
				"it runs on until power-off");
	}
	if (!nmi || others_stopped())
		return;
	for_each_online_cpu(cpu) if (cpu != me)
		pr_emerg("smp: CPU#%u (" ARCH_HWID_NAME
			 " %lu) did not stop, even on an NMI\n",
			 cpu, cpu_hwid[cpu]);
}
