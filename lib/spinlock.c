// SPDX-License-Identifier: MIT
/*
 * DOC: spinlock debugging
 *
 * With CONFIG_DEBUG_SPINLOCK every lock records its name (spin_lock_init()
 * or DEFINE_SPINLOCK()) and, while held, its holder CPU and the caller
 * that took it.  Three misuses are reported, naming the lock and the
 * holder:
 *
 *  - recursion: a CPU takes a lock it already holds (it would spin
 *    forever);
 *  - bad unlock: releasing a lock that is not held, or that another CPU
 *    holds;
 *  - lockup: a CPU spun spinlock_lockup_loops times (a loop count, not
 *    wall time: under TCG time says little) without getting the lock.
 *
 * The report goes through spin_bug_report, which prints and panics; the
 * host tests swap it for one that records the report, and then the
 * operation is skipped (recursion, bad unlock) or the spin goes on
 * (lockup).
 */
#include <kernel/kallsyms.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>

/* About 2^28 tries: seconds on hardware, longer under TCG. */
unsigned long spinlock_lockup_loops = 1UL << 28;

static void spin_bug_panic(spinlock_t *l, const char *msg)
{
	panic("spinlock %s: %s", l->name ? l->name : "?", msg);
}

void (*spin_bug_report)(spinlock_t *l, const char *msg) = spin_bug_panic;

static int holder_cpu(const spinlock_t *l)
{
	return __atomic_load_n(&l->owner_cpu, __ATOMIC_RELAXED);
}

static void spin_bug(spinlock_t *l, const char *msg)
{
	void *pc = __atomic_load_n(&l->owner_pc, __ATOMIC_RELAXED);

	printk(KERN_EMERG
	       "BUG: spinlock %s on CPU#%d, %s held by CPU#%d (pc %s)\n",
	       msg, smp_processor_id(), l->name ? l->name : "?", holder_cpu(l),
	       KSYM((unsigned long)pc));
	spin_bug_report(l, msg);
}

void __spin_lock_init(spinlock_t *l, const char *name)
{
	__atomic_store_n(&l->val, 0U, __ATOMIC_RELAXED);
	l->name = name;
	__atomic_store_n(&l->owner_cpu, -1, __ATOMIC_RELAXED);
	__atomic_store_n(&l->owner_pc, NULL, __ATOMIC_RELAXED);
}

static void set_owner(spinlock_t *l, void *pc)
{
	__atomic_store_n(&l->owner_cpu, smp_processor_id(), __ATOMIC_RELAXED);
	__atomic_store_n(&l->owner_pc, pc, __ATOMIC_RELAXED);
}

static bool held_by_me(const spinlock_t *l)
{
	return arch_spin_is_locked((spinlock_t *)l) &&
	       holder_cpu(l) == smp_processor_id();
}

void do_raw_spin_lock(spinlock_t *l)
{
	unsigned long loops = 0;
	u32 old;
	u16 ticket;

	if (held_by_me(l)) {
		spin_bug(l, "recursion");
		return;
	}
	old = __atomic_fetch_add(&l->val, 1U << 16, __ATOMIC_ACQUIRE);
	ticket = (u16)(old >> 16);
	while ((u16)old != ticket) {
		if (++loops == spinlock_lockup_loops) {
			spin_bug(l, "lockup suspected");
			loops = 0;
		}
		cpu_relax();
		old = __atomic_load_n(&l->val, __ATOMIC_ACQUIRE);
	}
	set_owner(l, __builtin_return_address(0));
}

bool do_raw_spin_trylock(spinlock_t *l)
{
	if (!arch_spin_trylock(l))
		return false;
	set_owner(l, __builtin_return_address(0));
	return true;
}

void do_raw_spin_unlock(spinlock_t *l)
{
	if (!arch_spin_is_locked(l)) {
		spin_bug(l, "bad unlock (not locked)");
		return;
	}
	if (holder_cpu(l) != smp_processor_id()) {
		spin_bug(l, "bad unlock (wrong CPU)");
		return;
	}
	__atomic_store_n(&l->owner_cpu, -1, __ATOMIC_RELAXED);
	__atomic_store_n(&l->owner_pc, NULL, __ATOMIC_RELAXED);
	arch_spin_unlock(l);
}

void spin_assert_held(spinlock_t *l)
{
	if (!held_by_me(l))
		spin_bug(l, "not held (lockdep_assert_held)");
}
