/* SPDX-License-Identifier: MIT */
/*
 * cpumask_t: a set of logical CPU numbers, one bit each, CONFIG_NR_CPUS
 * bits.  Setting and clearing are atomic (CPUs mark themselves online
 * concurrently); testing is a relaxed load.  Freestanding: no layer below
 * the base vocabulary.
 */
#ifndef _KERNEL_CPUMASK_H
#define _KERNEL_CPUMASK_H

#include <kernel/compiler.h>
#include <kernel/types.h>

#define CPUMASK_LONGS ((CONFIG_NR_CPUS + BITS_PER_LONG - 1) / BITS_PER_LONG)

typedef struct cpumask {
	unsigned long bits[CPUMASK_LONGS];
} cpumask_t;

#define cpumask_bits(m) ((m)->bits)
#define CPUMASK_WORD(cpu) ((unsigned int)(cpu) / BITS_PER_LONG)
#define CPUMASK_BIT(cpu) (1UL << ((unsigned int)(cpu) % BITS_PER_LONG))

static inline void cpumask_set_cpu(unsigned int cpu, cpumask_t *m)
{
	__atomic_fetch_or(&m->bits[CPUMASK_WORD(cpu)], CPUMASK_BIT(cpu),
			  __ATOMIC_RELEASE);
}

static inline void cpumask_clear_cpu(unsigned int cpu, cpumask_t *m)
{
	__atomic_fetch_and(&m->bits[CPUMASK_WORD(cpu)], ~CPUMASK_BIT(cpu),
			   __ATOMIC_RELEASE);
}

static inline bool cpumask_test_cpu(unsigned int cpu, const cpumask_t *m)
{
	if (cpu >= CONFIG_NR_CPUS)
		return false;
	return __atomic_load_n(&m->bits[CPUMASK_WORD(cpu)], __ATOMIC_ACQUIRE) &
	       CPUMASK_BIT(cpu);
}

static inline void cpumask_clear(cpumask_t *m)
{
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		__atomic_store_n(&m->bits[i], 0UL, __ATOMIC_RELEASE);
}

static inline unsigned int cpumask_weight(const cpumask_t *m)
{
	unsigned int n = 0;

	/* No __builtin_popcount: it may call libgcc (x86 without POPCNT). */
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++) {
		unsigned long w =
			__atomic_load_n(&m->bits[i], __ATOMIC_ACQUIRE);

		for (; w; w &= w - 1)
			n++;
	}
	return n;
}

/* The first CPU in @m at or after @cpu, or CONFIG_NR_CPUS if none. */
static inline unsigned int cpumask_next_from(unsigned int cpu,
					     const cpumask_t *m)
{
	while (cpu < CONFIG_NR_CPUS && !cpumask_test_cpu(cpu, m))
		cpu++;
	return cpu;
}

#define cpumask_first(m) cpumask_next_from(0, (m))

/* Every CPU in @mask, ascending; @cpu is an unsigned int (or int). */
#define for_each_cpu(cpu, mask)                    \
	for ((cpu) = cpumask_next_from(0, (mask)); \
	     (unsigned int)(cpu) < CONFIG_NR_CPUS; \
	     (cpu) = cpumask_next_from((unsigned int)(cpu) + 1, (mask)))

#endif /* _KERNEL_CPUMASK_H */
