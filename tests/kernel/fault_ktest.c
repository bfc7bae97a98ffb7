// SPDX-License-Identifier: MIT
/*
 * DOC: deliberate faults
 *
 * fault=<kind> on the command line makes the kernel commit one memory
 * protection violation right after the late parameters are parsed (paging
 * and W^X are on by then), so a boot test can check that the trap report
 * names the cause, the address and the faulting function, and that the
 * machine stops with EXIT_TRAP (121).  Kinds:
 *
 *   null          load from address 0 (page 0 is never mapped)
 *   write_text    store into kernel text (R+X)
 *   write_rodata  store into rodata (R)
 *   exec_data     call into a data buffer holding a return instruction (NX)
 *   stack_guard   recurse until the page below the boot stack is hit
 *   illegal       an illegal / undefined instruction
 *   exec_init     after free_initmem(): call a function in the freed
 *                 init text (poisoned free RAM, now RW + NX)
 *   smp_null      once the other CPUs are up: a NULL load on another CPU,
 *                 run there by smp_call_function_single()
 *   spinlock_lockup  once the other CPUs are up: another CPU takes a
 *                 spinlock and keeps it, this one spins on it until
 *                 CONFIG_DEBUG_SPINLOCK reports the lockup and panics
 *                 (exit status 120, EXIT_PANIC, not 121)
 *
 * Each function is noinline and named fault_<kind>, so the report's
 * "at fault_<kind>+0x..." or backtrace line is predictable.
 *
 * mm_error=<kind> commits one mm bug that the kernel detects, reports and
 * survives; the boot goes on, and a run that would exit 0 must then end
 * with EXIT_MM_ERROR (119, kernel/taint.h).  Kinds:
 *
 *   slab_uaf          write into a freed kmalloc-64 object, then allocate
 *                     it again (needs slab_debug=P: poison overwritten)
 *   slab_double_free  kfree() one kmalloc-64 object twice (slab_debug=F
 *                     or Z)
 *   page_double_free  free one page twice (always: Bad page state)
 *   warn              a WARN()
 */
#include <kernel/app.h>
#include <kernel/cmdline.h>
#include <kernel/compiler.h>
#include <kernel/errno.h>
#include <kernel/exit.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <mm/boot.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

#ifdef CONFIG_ARCH_RISCV
/* jalr x0, 0(ra): "ret" */
#define RET_INSN 0x00008067U
#else
/* ret (0xc3), padded with int3 */
#define RET_INSN 0xccccccc3U
#endif

struct fault_kind {
	const char *name;
	void (*fn)(void);
};

/* The kinds run by fault_after_free_initmem(), with their exit status. */
struct fault_late_kind {
	const char *name;
	void (*fn)(void);
	int status;
};

/* Volatile, so the compiler cannot prove these are NULL or constant. */
static volatile unsigned long *volatile fault_null_ptr;
static const u32 fault_rodata_word = 0x600df00d;
static u32 fault_exec_buf[4] __aligned(16) = {RET_INSN, RET_INSN};
static volatile unsigned long fault_depth_limit = ~0UL;

static noinline void fault_null(void)
{
	pr_info("fault: loading from %p\n", (void *)fault_null_ptr);
	(void)*fault_null_ptr;
}

static noinline void fault_write_text(void)
{
	volatile u32 *p = (volatile u32 *)(uintptr_t)&fault_write_text;

	pr_info("fault: storing to text at %p\n", (void *)p);
	*p = 0;
}

static noinline void fault_write_rodata(void)
{
	volatile u32 *p = (volatile u32 *)(uintptr_t)&fault_rodata_word;

	pr_info("fault: storing to rodata at %p\n", (void *)p);
	*p = 0;
}

/* A frame of its own, so the backtrace shows fault_exec_data as the
 * caller of the data buffer. */
static noinline int fault_call_buf(void (*fn)(void))
{
	fn();
	return 1;
}

static noinline void fault_exec_data(void)
{
	void (*fn)(void) = (void (*)(void))(uintptr_t)fault_exec_buf;

#ifdef CONFIG_ARCH_RISCV
	/* If NX did not work, the buffer must hold what was stored. */
	__asm__ __volatile__("fence.i" ::: "memory");
#endif
	pr_info("fault: calling data at %p\n", (void *)fault_exec_buf);
	if (fault_call_buf(fn))
		pr_err("fault: data at %p was executable\n",
		       (void *)fault_exec_buf);
}

static noinline int fault_stack_guard(unsigned long depth)
{
	volatile char pad[256];

	pad[0] = (char)depth;
	if (depth >= fault_depth_limit)
		return 0;
	return fault_stack_guard(depth + 1) + pad[0];
}

static noinline void fault_illegal(void)
{
	pr_info("fault: executing an illegal instruction\n");
#ifdef CONFIG_ARCH_RISCV
	__asm__ __volatile__("unimp");
#else
	__asm__ __volatile__("ud2");
#endif
}

/* Lives in .init.text: poisoned free RAM once the init sections go. */
static noinline void __init fault_init_fn(void)
{
	pr_info("fault: init text still runs\n");
}

/* ---- on another CPU: the kinds run once the other CPUs are up ---- */

/* Another online CPU than this one, or -1. */
static int fault_other_cpu(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (cpu_online(cpu) && (int)cpu != smp_processor_id())
			return (int)cpu;
	return -1;
}

static noinline void fault_null_remote(void *info)
{
	(void)info;
	pr_info("fault: CPU#%d loading from %p\n", smp_processor_id(),
		(void *)fault_null_ptr);
	(void)*fault_null_ptr;
}

static noinline void fault_smp_null(void)
{
	int cpu = fault_other_cpu(), err;

	if (cpu < 0) {
		pr_err("fault: 'smp_null' needs a second CPU online\n");
		return;
	}
	pr_info("fault: CPU#%d runs a NULL load on CPU#%d\n",
		smp_processor_id(), cpu);
	err = smp_call_function_single(cpu, fault_null_remote, NULL, 1);
	pr_err("fault: smp_call_function_single(%d) returned %d\n", cpu, err);
}

static DEFINE_SPINLOCK(fault_lock);

/* Takes fault_lock and never lets it go: parked, it costs no host CPU
 * time under QEMU while the other CPU spins. */
static noinline void fault_hold_lock(void *info)
{
	(void)info;
	/* before the lock: the other CPU prints once it sees it taken */
	pr_info("fault: CPU#%d takes fault_lock and keeps it\n",
		smp_processor_id());
	spin_lock(&fault_lock);
	arch_cpu_park();
}

static noinline void fault_spinlock_lockup(void)
{
	int cpu = fault_other_cpu();
	unsigned long n;

	if (cpu < 0 || !IS_ENABLED(CONFIG_DEBUG_SPINLOCK)) {
		pr_err("fault: 'spinlock_lockup' needs a second CPU online "
		       "and CONFIG_DEBUG_SPINLOCK\n");
		return;
	}
	smp_call_function_single(cpu, fault_hold_lock, NULL, 0);
	/* bounded by a count, not by time */
	for (n = 0; n < (1UL << 30) && !spin_is_locked(&fault_lock); n++)
		cpu_relax();
	pr_info("fault: CPU#%d spins on fault_lock, held by CPU#%d\n",
		smp_processor_id(), cpu);
	spin_lock(&fault_lock);
	pr_err("fault: 'spinlock_lockup': CPU#%d got fault_lock\n",
	       smp_processor_id());
	spin_unlock(&fault_lock);
}

/* ---- after free_initmem() ---- */

static bool fault_exec_init_armed;
static const struct fault_late_kind *fault_late;

static noinline void fault_exec_init(void)
{
	void (*fn)(void) = fault_init_fn;

	pr_info("fault: calling freed init text at %p\n", (void *)fn);
	if (fault_call_buf(fn))
		pr_err("fault: freed init text at %p was executable\n",
		       (void *)fn);
}

/* rest_init() calls this right after free_initmem(), the other CPUs up. */
void fault_after_free_initmem(void)
{
	if (fault_late) {
		pr_notice("fault: triggering '%s' (expect a report and exit "
			  "status %d)\n",
			  fault_late->name, fault_late->status);
		fault_late->fn();
		pr_err("fault: '%s' did not fault\n", fault_late->name);
		return;
	}
	if (!fault_exec_init_armed)
		return;
	if (!initmem_freed) {
		pr_err("fault: 'exec_init': the init sections were not freed "
		       "(CONFIG_FREE_INITMEM off or deferred init pending)\n");
		return;
	}
	pr_notice("fault: triggering 'exec_init' (expect a trap report and "
		  "exit status 121)\n");
	fault_exec_init();
	pr_err("fault: 'exec_init' did not fault\n");
}

static const struct fault_kind fault_kinds[] = {
	{"null", fault_null},
	{"write_text", fault_write_text},
	{"write_rodata", fault_write_rodata},
	{"exec_data", fault_exec_data},
	{"stack_guard", NULL},
	{"illegal", fault_illegal},
	{"exec_init", NULL}, /* after free_initmem() */
};

static const struct fault_late_kind fault_late_kinds[] = {
	{"smp_null", fault_smp_null, EXIT_TRAP},
	{"spinlock_lockup", fault_spinlock_lockup, EXIT_PANIC},
};

static int fault_param(const char *val)
{
	for (unsigned int i = 0; val && i < ARRAY_SIZE(fault_late_kinds); i++) {
		if (strcmp(val, fault_late_kinds[i].name))
			continue;
		pr_info("fault: '%s' armed for when the other CPUs are up\n",
			val);
		fault_late = &fault_late_kinds[i];
		return 0;
	}
	for (unsigned int i = 0; val && i < ARRAY_SIZE(fault_kinds); i++) {
		if (strcmp(val, fault_kinds[i].name))
			continue;
		if (!strcmp(val, "exec_init")) {
			pr_info("fault: 'exec_init' armed for after "
				"free_initmem()\n");
			fault_exec_init_armed = true;
			return 0;
		}
		pr_notice(
			"fault: triggering '%s' (expect a trap report and exit status 121)\n",
			val);
		if (fault_kinds[i].fn) {
			fault_kinds[i].fn();
		} else {
			pr_info("fault: recursing towards the stack guard page\n");
			fault_stack_guard(0);
		}
		pr_err("fault: '%s' did not fault\n", val);
		return -EFAULT;
	}
	pr_err("fault=%s: unknown kind (null, write_text, write_rodata, exec_data, stack_guard, illegal, exec_init, smp_null, spinlock_lockup)\n",
	       val ? val : "");
	return -EINVAL;
}
__setup_param("fault", fault_param);

static noinline void mm_error_slab_uaf(void)
{
	volatile char *p = kmalloc(64, GFP_KERNEL);
	void *q;

	if (!p)
		return;
	kfree((void *)p);
	p[8] = 1; /* the object is free: this clobbers its poison */
	q = kmalloc(64, GFP_KERNEL);
	kfree(q);
}

static noinline void mm_error_slab_double_free(void)
{
	void *p = kmalloc(64, GFP_KERNEL);

	kfree(p);
	kfree(p);
}

static noinline void mm_error_page_double_free(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);

	if (!page)
		return;
	__free_pages(page, 0);
	__free_pages(page, 0);
}

static noinline void mm_error_warn(void)
{
	WARN(1, "mm_error: a deliberate WARN\n");
}

static const struct fault_kind mm_error_kinds[] = {
	{"slab_uaf", mm_error_slab_uaf},
	{"slab_double_free", mm_error_slab_double_free},
	{"page_double_free", mm_error_page_double_free},
	{"warn", mm_error_warn},
};

static int mm_error_param(const char *val)
{
	for (unsigned int i = 0; val && i < ARRAY_SIZE(mm_error_kinds); i++) {
		if (strcmp(val, mm_error_kinds[i].name))
			continue;
		pr_notice("mm_error: committing '%s' (expect a report and exit "
			  "status 119)\n",
			  val);
		mm_error_kinds[i].fn();
		return 0;
	}
	pr_err("mm_error=%s: unknown kind (slab_uaf, slab_double_free, "
	       "page_double_free, warn)\n",
	       val ? val : "");
	return -EINVAL;
}
__setup_param("mm_error", mm_error_param);
