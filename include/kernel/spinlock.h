/* SPDX-License-Identifier: MIT */
/*
 * Spinlocks (kernel/spinlock_types.h has the ticket layout).  Acquire
 * ordering on lock, release on unlock, through the __atomic builtins
 * (ThreadSanitizer sees them in the host tests).
 *
 *   spin_lock / spin_unlock / spin_trylock / spin_is_locked
 *   spin_lock_irqsave(l, flags) / spin_unlock_irqrestore(l, flags)
 *   spin_lock_irq / spin_unlock_irq
 *   lockdep_assert_held(l)
 *
 * CONFIG_DEBUG_SPINLOCK moves the lock and unlock out of line
 * (lib/spinlock.c), where recursion, a bad unlock and a lockup (a bounded
 * spin) are reported naming the lock and the holder CPU.
 * CONFIG_SMP=n: the locks are empty, the irq variants only mask
 * interrupts, as before there were spinlocks.
 */
#ifndef _KERNEL_SPINLOCK_H
#define _KERNEL_SPINLOCK_H

#include <kernel/compiler.h>
#include <kernel/spinlock_types.h>
#include <kernel/types.h>
#include <asm/mm.h>
#include <asm/smp.h>

#ifdef CONFIG_SMP

static inline void arch_spin_lock(spinlock_t *l)
{
	u32 old = __atomic_fetch_add(&l->val, 1U << 16, __ATOMIC_ACQUIRE);
	u16 ticket = (u16)(old >> 16);

	if ((u16)old == ticket)
		return;
	while ((u16)__atomic_load_n(&l->val, __ATOMIC_ACQUIRE) != ticket)
		cpu_relax();
}

static inline bool arch_spin_trylock(spinlock_t *l)
{
	u32 old = __atomic_load_n(&l->val, __ATOMIC_RELAXED);

	if ((u16)old != (u16)(old >> 16))
		return false;
	return __atomic_compare_exchange_n(&l->val, &old, old + (1U << 16),
					   false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

static inline void arch_spin_unlock(spinlock_t *l)
{
	/* Only the holder writes owner: a plain read, a release store of
	 * the low half (the next half is left to the ticket takers). */
	u16 owner = __atomic_load_n(&l->tickets.owner, __ATOMIC_RELAXED);

	__atomic_store_n(&l->tickets.owner, (u16)(owner + 1), __ATOMIC_RELEASE);
}

static inline bool arch_spin_is_locked(spinlock_t *l)
{
	u32 v = __atomic_load_n(&l->val, __ATOMIC_RELAXED);

	return (u16)v != (u16)(v >> 16);
}

#ifdef CONFIG_DEBUG_SPINLOCK
void __spin_lock_init(spinlock_t *l, const char *name);
void do_raw_spin_lock(spinlock_t *l);
bool do_raw_spin_trylock(spinlock_t *l);
void do_raw_spin_unlock(spinlock_t *l);
void spin_assert_held(spinlock_t *l);
/* The report hook: by default prints and panics; host tests swap it. */
extern void (*spin_bug_report)(spinlock_t *l, const char *msg);
/* Tries before a lockup is reported (a loop count, not time). */
extern unsigned long spinlock_lockup_loops;
#define spin_lock_init(l) __spin_lock_init((l), #l)
#define lockdep_assert_held(l) spin_assert_held(l)
#else
static inline void __spin_lock_init(spinlock_t *l, const char *name)
{
	(void)name;
	__atomic_store_n(&l->val, 0U, __ATOMIC_RELAXED);
}
#define spin_lock_init(l) __spin_lock_init((l), #l)
#define do_raw_spin_lock arch_spin_lock
#define do_raw_spin_trylock arch_spin_trylock
#define do_raw_spin_unlock arch_spin_unlock
#define lockdep_assert_held(l) ((void)(l))
#endif

static inline void spin_lock(spinlock_t *l)
{
	do_raw_spin_lock(l);
}

static inline bool spin_trylock(spinlock_t *l)
{
	return do_raw_spin_trylock(l);
}

static inline void spin_unlock(spinlock_t *l)
{
	do_raw_spin_unlock(l);
}

static inline bool spin_is_locked(spinlock_t *l)
{
	return arch_spin_is_locked(l);
}

#else /* !CONFIG_SMP */

#define spin_lock_init(l) ((void)(l))
#define spin_lock(l) ((void)(l))
#define spin_trylock(l) ((void)(l), true)
#define spin_unlock(l) ((void)(l))
#define spin_is_locked(l) ((void)(l), false)
#define lockdep_assert_held(l) ((void)(l))

#endif /* CONFIG_SMP */

#define spin_lock_irqsave(l, flags)    \
	do {                           \
		local_irq_save(flags); \
		spin_lock(l);          \
	} while (0)
#define spin_unlock_irqrestore(l, flags)  \
	do {                              \
		spin_unlock(l);           \
		local_irq_restore(flags); \
	} while (0)
#define spin_lock_irq(l)             \
	do {                         \
		local_irq_disable(); \
		spin_lock(l);        \
	} while (0)
#define spin_unlock_irq(l)          \
	do {                        \
		spin_unlock(l);     \
		local_irq_enable(); \
	} while (0)

#endif /* _KERNEL_SPINLOCK_H */
