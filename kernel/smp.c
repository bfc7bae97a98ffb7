// SPDX-License-Identifier: MIT
/*
 * DOC: CPU registry and bring-up
 *
 * setup_arch() registers every usable CPU with smp_register_cpu(), the
 * boot CPU first, so that it is logical CPU 0: the registry hands out
 * logical numbers in order, records each CPU's hardware id (hart id,
 * APIC id) in cpu_hwid[] and its node, and fills cpu_possible_mask.
 *
 * smp_init() then starts the others one at a time: a kernel stack from
 * the page allocator on the CPU's node, arch_boot_secondary(), and a
 * bounded wait for the CPU to reach secondary_start_kernel() and mark
 * itself online: 10 s on the kernel's clock, as Linux waits on x86 (a
 * loop count if the arch has no clock yet).  A CPU that does not
 * is abandoned: should it arrive later, it parks instead of going online.
 * Each failure is logged with its reason, and the summary line is
 * Linux's: "smp: Brought up 1 node, 4 CPUs".
 */
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/time.h>
#include <asm-generic/boot_info.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>
#include <mm/percpu.h>

unsigned long cpu_hwid[CONFIG_NR_CPUS];
cpumask_t cpu_possible_mask_bits, cpu_online_mask_bits;
unsigned int nr_cpu_ids;

int smp_register_cpu(unsigned long hwid, int node)
{
	unsigned int cpu = nr_cpu_ids;

	if (cpu >= CONFIG_NR_CPUS)
		return -ENOSPC;
	cpu_hwid[cpu] = hwid;
	set_cpu_numa_node((int)cpu, node);
	cpumask_set_cpu(cpu, cpu_possible_mask);
	nr_cpu_ids = cpu + 1;
	return (int)cpu;
}

/* The boot CPU is online from the start; an arch that registered no CPU
 * still leaves it possible as logical 0. */
void __init smp_prepare_boot_cpu(const struct boot_info *bi)
{
	if (!nr_cpu_ids)
		smp_register_cpu(bi->boot_cpu, 0);
	cpumask_set_cpu(0, cpu_online_mask);
}

#ifdef CONFIG_SMP

/* Kernel stacks of the secondaries: the size of the boot stack. */
#define SECONDARY_STACK_ORDER 2
/* How long smp_init() waits for one CPU: guest time, or loop iterations
 * when the counter's rate is not known. */
#define SMP_BOOT_TIMEOUT_S 10
#define SMP_BOOT_LOOPS (1UL << 28)

enum { CPU_BOOT_IDLE, CPU_BOOT_WAITING, CPU_BOOT_ONLINE, CPU_BOOT_ABANDONED };
static int cpu_boot_state[CONFIG_NR_CPUS];

static const char *boot_error(int err)
{
	switch (err) {
	case -ENOMEM:
		return "no memory for its stack";
	case -ENODEV:
		return "the firmware cannot start CPUs";
	case -ETIMEDOUT:
		return "did not come online within " __stringify(
			SMP_BOOT_TIMEOUT_S) " s";
	case -EIO:
		return "the firmware refused to start it";
	default:
		return "error";
	}
}

/* Spin until @cpu is online or the boot timeout has passed. */
static bool __init wait_online(unsigned int cpu)
{
	bool clock = arch_counter_freq() != 0;
	u64 end = ktime_get_ns() + SMP_BOOT_TIMEOUT_S * NSEC_PER_SEC;
	unsigned long loops = 0;

	while (!cpu_online(cpu)) {
		if (clock ? ktime_get_ns() >= end : ++loops >= SMP_BOOT_LOOPS)
			return false;
		cpu_relax();
	}
	return true;
}

static int __init boot_one(unsigned int cpu)
{
	int node = cpu_to_node((int)cpu), waiting = CPU_BOOT_WAITING;
	struct pcpu_hot *hot = per_cpu_ptr(&pcpu_hot, cpu);
	struct page *stack;
	int err;

	stack = alloc_pages_node(node, GFP_KERNEL, SECONDARY_STACK_ORDER);
	if (!stack)
		return -ENOMEM;
	hot->stack_base = (unsigned long)page_address(stack);
	hot->stack_top = hot->stack_base + (PAGE_SIZE << SECONDARY_STACK_ORDER);
	__atomic_store_n(&cpu_boot_state[cpu], CPU_BOOT_WAITING,
			 __ATOMIC_RELEASE);
	err = arch_boot_secondary(cpu, (void *)hot->stack_top);
	if (err)
		goto fail;
	if (wait_online(cpu))
		return 0;
	/* Too late: unless it has just made it, it must never come up. */
	if (__atomic_compare_exchange_n(&cpu_boot_state[cpu], &waiting,
					CPU_BOOT_ABANDONED, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return -ETIMEDOUT;
	while (!cpu_online(cpu))
		cpu_relax();
	return 0;
fail:
	__atomic_store_n(&cpu_boot_state[cpu], CPU_BOOT_IDLE, __ATOMIC_RELEASE);
	__free_pages(stack, SECONDARY_STACK_ORDER);
	return err;
}

void __init smp_init(void)
{
	unsigned int cpu, cpus, nodes = 0;
	bool node_seen[MAX_NUMNODES] = {false};

	for_each_possible_cpu(cpu)
	{
		int err;

		if (cpu == 0)
			continue;
		err = boot_one(cpu);
		if (err)
			pr_err("smp: CPU#%u (" ARCH_HWID_NAME
			       " %lu) failed to start: %s (%d)\n",
			       cpu, cpu_hwid[cpu], boot_error(err), err);
	}
	for_each_online_cpu(cpu)
	{
		int nid = cpu_to_node((int)cpu);

		if (nid >= 0 && nid < MAX_NUMNODES && !node_seen[nid]) {
			node_seen[nid] = true;
			nodes++;
		}
	}
	cpus = num_online_cpus();
	pr_info("smp: Brought up %u node%s, %u CPU%s\n", nodes,
		nodes == 1 ? "" : "s", cpus, cpus == 1 ? "" : "s");
}

/*
 * Defaults for an arch that cannot start CPUs yet: smp_init() logs each
 * registered secondary as failed, and the boot goes on with one CPU.
 */
__weak int arch_boot_secondary(unsigned int cpu, void *stack_top)
{
	(void)cpu, (void)stack_top;
	return -ENODEV;
}

__weak void arch_send_ipi(unsigned int cpu)
{
	(void)cpu;
}

__weak void __noreturn arch_cpu_park(void)
{
	local_irq_disable();
	for (;;)
		arch_cpu_idle();
}

void __noreturn secondary_start_kernel(unsigned int cpu)
{
	int waiting = CPU_BOOT_WAITING;

	/* Abandoned by smp_init() (it waited too long): stay out. */
	if (!__atomic_compare_exchange_n(&cpu_boot_state[cpu], &waiting,
					 CPU_BOOT_ONLINE, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		arch_cpu_park();
	cpumask_set_cpu(cpu, cpu_online_mask);
	/* Idle, serving IPIs (cross-calls, stop). */
	local_irq_enable();
	for (;;)
		arch_cpu_idle();
}

#else /* !CONFIG_SMP */

void __init smp_init(void)
{
}

#endif /* CONFIG_SMP */
