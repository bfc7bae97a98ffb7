/* SPDX-License-Identifier: MIT */
/*
 * The SMP contract between an arch and the generic code (kernel/smp.c),
 * declarations only, at the level of the asm/ contract like kernel/init.h:
 * lib/, mm/ and arch/ include it without depending on the kernel layer.
 * The kernel and application API is kernel/smp.h; this CPU's id and the
 * per-cpu base register are asm/smp.h.
 */
#ifndef _ASM_GENERIC_SMP_H
#define _ASM_GENERIC_SMP_H

#include <kernel/compiler.h>
#include <kernel/cpumask.h>
#include <kernel/types.h>

/* The CPUs setup_arch() registered, and those running (kernel/smp.c). */
extern cpumask_t cpu_possible_mask_bits, cpu_online_mask_bits;
#define cpu_possible_mask (&cpu_possible_mask_bits)
#define cpu_online_mask (&cpu_online_mask_bits)
#define for_each_possible_cpu(cpu) for_each_cpu((cpu), cpu_possible_mask)
#define for_each_online_cpu(cpu) for_each_cpu((cpu), cpu_online_mask)
#define cpu_online(cpu) cpumask_test_cpu((cpu), cpu_online_mask)
#define cpu_possible(cpu) cpumask_test_cpu((cpu), cpu_possible_mask)
/* One more than the highest possible CPU number. */
extern unsigned int nr_cpu_ids;

/* This CPU's number: asm/smp.h's raw_smp_processor_id() reads it from
 * the per-cpu area; constant 0 on a uniprocessor kernel. */
#ifndef smp_processor_id
#ifdef CONFIG_SMP
#define smp_processor_id() raw_smp_processor_id()
#else
#define smp_processor_id() 0
#endif
#endif

/* generic -> arch (arch/<arch>/kernel/smp.c implements them) */

/* Start logical @cpu (hardware id cpu_hwid[cpu]) at its entry code with
 * @stack_top as its stack; it ends in secondary_start_kernel(@cpu).
 * 0 when the firmware/hardware accepted the request, else -errno. */
int arch_boot_secondary(unsigned int cpu, void *stack_top);
/* Raise the one IPI on @cpu; handle_ipi() runs there. */
void arch_send_ipi(unsigned int cpu);
/* Interrupts off, halt this CPU forever. */
__noreturn void arch_cpu_park(void);
/* smp_send_stop()'s fallback for a CPU that ignores the IPI (interrupts
 * off): raise an NMI on @cpu that calls smp_stop_nmi_callback().  0 when
 * sent; -EOPNOTSUPP where the arch has no NMI (the default). */
int arch_send_stop_nmi(unsigned int cpu);

/* arch -> generic (kernel/smp.c implements them) */

/* Called by setup_arch() for each usable CPU, the boot CPU first (it
 * becomes logical 0): the logical id, or -ENOSPC beyond CONFIG_NR_CPUS. */
int smp_register_cpu(unsigned long hwid, int node);
/* The arch's secondary entry, once its per-cpu base and trap vector are
 * set: marks @cpu online and idles serving IPIs. */
__noreturn void secondary_start_kernel(unsigned int cpu);
/* The arch's IPI interrupt handler: runs the queued cross-calls. */
void handle_ipi(void);
/* The arch's NMI handler: returns unless smp_send_stop() is stopping
 * this CPU (then it parks, offline). */
void smp_stop_nmi_callback(void);
/* Stop every other CPU (panic, power-off); a no-op on one CPU. */
#ifdef CONFIG_SMP
void smp_send_stop(void);
#else
static inline void smp_send_stop(void)
{
}
#endif

/* The hardware id of each logical CPU: RISC-V hart id, x86 APIC id. */
extern unsigned long cpu_hwid[CONFIG_NR_CPUS];

#endif /* _ASM_GENERIC_SMP_H */
