// SPDX-License-Identifier: MIT
/*
 * DOC: CPU registry
 *
 * setup_arch() registers every usable CPU with smp_register_cpu(), the
 * boot CPU first, so that it is logical CPU 0: the registry hands out
 * logical numbers in order, records each CPU's hardware id (hart id,
 * APIC id) in cpu_hwid[] and its node, and fills cpu_possible_mask.
 * A CPU is online once it runs kernel code: CPU 0 from the start, the
 * others when they reach secondary_start_kernel().
 */
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <asm-generic/boot_info.h>

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
 * (or an early failure) still leaves it possible as logical 0. */
void __init smp_prepare_boot_cpu(const struct boot_info *bi)
{
	if (!nr_cpu_ids)
		smp_register_cpu(bi->boot_cpu, 0);
	cpumask_set_cpu(0, cpu_online_mask);
}
