// SPDX-License-Identifier: MIT
/*
 * DOC: per-cpu areas
 *
 * The linker collects every DEFINE_PER_CPU() variable into the template
 * [__per_cpu_start, __per_cpu_end), struct pcpu_hot first.  Until
 * setup_per_cpu_areas() the boot CPU's per-cpu base register points at
 * the template itself.  setup_per_cpu_areas() (after setup_arch() has
 * registered the CPUs, before mm_init()) copies the template once per
 * possible CPU into memblock memory on that CPU's node, records each
 * copy's distance from the template in __per_cpu_offset[], and moves the
 * boot CPU onto its copy.  The secondaries load their base from
 * __per_cpu_offset[] in their entry code (arch_boot_secondary()).
 */
#include <kernel/printk.h>
#include <kernel/string.h>
#include <asm-generic/sections.h>
#include <asm-generic/smp.h>
#include <asm/mm.h>
#include <mm/memblock.h>
#include <mm/page_alloc.h>
#include <mm/percpu.h>

/* The template is the boot CPU's area until the copies exist. */
DEFINE_PER_CPU_FIRST(struct pcpu_hot, pcpu_hot) = {
#ifdef __KERNEL__
	.stack_base = (unsigned long)boot_stack,
	.stack_top = (unsigned long)boot_stack_top,
#endif
};

unsigned long __per_cpu_offset[CONFIG_NR_CPUS];

void __init setup_per_cpu_areas(void)
{
	size_t size = (size_t)(__per_cpu_end - __per_cpu_start);
	unsigned int cpu;

	/* CPU 0 last: it runs on the template until its copy is made, so
	 * the copy must be taken just before the switch. */
	for (cpu = nr_cpu_ids; cpu-- > 0;) {
		struct pcpu_hot *hot;
		char *area;

		if (!cpu_possible(cpu))
			continue;
		area = memblock_alloc_try_nid(
			size, SMP_CACHE_BYTES, MEMBLOCK_LOW_LIMIT,
			MEMBLOCK_ALLOC_ACCESSIBLE, cpu_to_node((int)cpu));
		if (!area)
			panic("percpu: no memory for CPU#%u's area (%zu bytes)",
			      cpu, size);
		memcpy(area, __per_cpu_start, size);
		__per_cpu_offset[cpu] =
			(unsigned long)((uintptr_t)area -
					(uintptr_t)__per_cpu_start);
		hot = per_cpu_ptr(&pcpu_hot, cpu);
		hot->cpu = cpu;
		hot->this_cpu_off = __per_cpu_offset[cpu];
	}
	arch_set_percpu_base(per_cpu_ptr(&pcpu_hot, 0));
	pr_info("percpu: %u areas of %zu bytes\n",
		cpumask_weight(cpu_possible_mask), size);
}
