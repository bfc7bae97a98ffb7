/* SPDX-License-Identifier: MIT */
/*
 * Per-cpu variables.  DEFINE_PER_CPU() places a variable in the per-cpu
 * section [__per_cpu_start, __per_cpu_end), the template:
 * setup_per_cpu_areas() gives every possible CPU its own copy (memblock,
 * on the CPU's node) and records copy - template in __per_cpu_offset[].
 * Until then every CPU's offset is 0: the template is CPU 0's area.
 *
 * The first object of the section is struct pcpu_hot, whose first word is
 * the CPU's number: the arch keeps the base of this CPU's area in a
 * register (tp on RISC-V, the GS base on x86), so smp_processor_id() is
 * one load (asm/smp.h).
 *
 * With CONFIG_SMP=n a per-cpu variable is an ordinary variable and every
 * accessor is that variable.
 */
#ifndef _MM_PERCPU_H
#define _MM_PERCPU_H

#include <kernel/compiler.h>
#include <kernel/types.h>
#include <asm/smp.h>

struct pcpu_hot {
	unsigned int cpu; /* offset 0: smp_processor_id() reads it */
	unsigned int pad;
	unsigned long this_cpu_off; /* this CPU's __per_cpu_offset[] */
	/* This CPU's kernel stack [stack_base, stack_top): the riscv trap
	 * entry checks sp against it (offsets 16 and 24, asm/ptrace.h). */
	unsigned long stack_base, stack_top;
};

#ifdef CONFIG_SMP

#ifdef __KERNEL__
#define PER_CPU_SECTION ".data..percpu"
#define PER_CPU_FIRST_SECTION ".data..percpu..first"
extern char __per_cpu_start[], __per_cpu_end[];
#else
/* Host builds have no linker script: a C-identifier section name gets
 * __start_/__stop_ symbols from the linker. */
#define PER_CPU_SECTION "kite_percpu"
#define PER_CPU_FIRST_SECTION "kite_percpu"
extern char __start_kite_percpu[], __stop_kite_percpu[];
#define __per_cpu_start __start_kite_percpu
#define __per_cpu_end __stop_kite_percpu
#endif

#define DECLARE_PER_CPU(type, name) extern __typeof__(type) name
#define DEFINE_PER_CPU(type, name) \
	__typeof__(type) name __section(PER_CPU_SECTION)
/* Only struct pcpu_hot (mm/percpu.c) is defined this way. */
#define DEFINE_PER_CPU_FIRST(type, name)                       \
	__typeof__(type) name __section(PER_CPU_FIRST_SECTION) \
	__used

extern unsigned long __per_cpu_offset[CONFIG_NR_CPUS];
DECLARE_PER_CPU(struct pcpu_hot, pcpu_hot);

#define SHIFT_PERCPU_PTR(ptr, off) ((__typeof__(ptr))((uintptr_t)(ptr) + (off)))
#define per_cpu_ptr(ptr, cpu) \
	SHIFT_PERCPU_PTR((ptr), __per_cpu_offset[(unsigned int)(cpu)])
#define this_cpu_ptr(ptr) per_cpu_ptr((ptr), smp_processor_id())

void __init setup_per_cpu_areas(void);

#else /* !CONFIG_SMP */

#define DECLARE_PER_CPU(type, name) extern __typeof__(type) name
#define DEFINE_PER_CPU(type, name) __typeof__(type) name
#define DEFINE_PER_CPU_FIRST(type, name) __typeof__(type) name
#define per_cpu_ptr(ptr, cpu) ((void)(cpu), (ptr))
#define this_cpu_ptr(ptr) (ptr)

static inline void setup_per_cpu_areas(void)
{
}

#endif /* CONFIG_SMP */

#define per_cpu(var, cpu) (*per_cpu_ptr(&(var), (cpu)))
#define this_cpu_read(var) (*this_cpu_ptr(&(var)))
#define this_cpu_write(var, val) ((void)(*this_cpu_ptr(&(var)) = (val)))

#endif /* _MM_PERCPU_H */
