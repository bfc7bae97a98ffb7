/* SPDX-License-Identifier: MIT */
/*
 * spinlock_t: a ticket lock.  A CPU takes the next ticket (next++) and
 * waits until owner reaches it; unlock moves owner on.  FIFO, so no CPU
 * starves.  owner and next share one 32-bit word so that taking a ticket
 * is one 32-bit atomic add on every arch (no 16-bit atomics needed).
 * With CONFIG_DEBUG_SPINLOCK the lock also records its name and holder.
 * With CONFIG_SMP=n a spinlock is empty: only interrupt masking is left.
 */
#ifndef _KERNEL_SPINLOCK_TYPES_H
#define _KERNEL_SPINLOCK_TYPES_H

#include <kernel/types.h>

#ifdef CONFIG_SMP

typedef struct spinlock {
	union {
		u32 val;
		struct {
			u16 owner; /* little endian: the low half */
			u16 next;
		} tickets;
	};
#ifdef CONFIG_DEBUG_SPINLOCK
	const char *name;
	int owner_cpu; /* -1 when free */
	void *owner_pc;
#endif
} spinlock_t;

#ifdef CONFIG_DEBUG_SPINLOCK
#define __SPIN_LOCK_UNLOCKED(lockname)                                    \
	{                                                                 \
		{0}, .name = #lockname, .owner_cpu = -1, .owner_pc = NULL \
	}
#else
#define __SPIN_LOCK_UNLOCKED(lockname) \
	{                              \
		{                      \
			0              \
		}                      \
	}
#endif

#else /* !CONFIG_SMP */

typedef struct spinlock {
} spinlock_t;
#define __SPIN_LOCK_UNLOCKED(lockname) \
	{                              \
	}

#endif /* CONFIG_SMP */

#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

#endif /* _KERNEL_SPINLOCK_TYPES_H */
