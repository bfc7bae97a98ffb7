// SPDX-License-Identifier: MIT
/*
 * DOC: traps
 *
 * Every exception is fatal in this kernel (there is no user mode to kill):
 * print the cause by name, sepc, stval, every register and a backtrace
 * with symbols, then stop with EXIT_TRAP.  The supervisor timer interrupt
 * drives a tick counter for timed waits; the supervisor software
 * interrupt is the IPI (handle_ipi()).
 */
#include <asm/csr.h>
#include <asm/ptrace.h>
#include <asm/sbi.h>
#include <asm/setup.h>
#include <asm-generic/smp.h>
#include <asm-generic/stacktrace.h>
#include <kernel/exit.h>
#include <kernel/kallsyms.h>
#include <kernel/printk.h>
#include <kernel/time.h>

#include <asm/mm.h>

static const char *const exc_names[] = {
	[0] = "instruction address misaligned",
	[1] = "instruction access fault",
	[2] = "illegal instruction",
	[3] = "breakpoint",
	[4] = "load address misaligned",
	[5] = "load access fault",
	[6] = "store/AMO address misaligned",
	[7] = "store/AMO access fault",
	[8] = "environment call from U-mode",
	[9] = "environment call from S-mode",
	[12] = "instruction page fault",
	[13] = "load page fault",
	[15] = "store/AMO page fault",
};

static const char *const reg_names[32] = {
	"epc", "ra", "sp", "gp", "tp",	"t0",  "t1", "t2", "s0", "s1", "a0",
	"a1",  "a2", "a3", "a4", "a5",	"a6",  "a7", "s2", "s3", "s4", "s5",
	"s6",  "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

volatile u64 jiffies;
static u64 tick_interval, next_tick;
static unsigned int early_ticks;
static bool timer_storm;

/*
 * Firmware may offer SBI TIME and still have no timer behind it: OpenSBI
 * on a devicetree without a CLINT node ("Timer Device: --- @ 0Hz") reads
 * the time CSR as a constant and leaves the machine timer pending, so
 * every set_timer is answered at once by another interrupt.  Each of these
 * is bounded here: a time CSR that does not move within TIME_PROBE_READS
 * reads, TIMER_EARLY_MAX interrupts in a row before their deadline, or no
 * interrupt within TIMER_FIRST_TICK_MS.  Then the boot goes on without
 * timer interrupts, and says so.
 */
#define TIME_PROBE_READS 20000
#define TIMER_EARLY_MAX 64
#define TIMER_FIRST_TICK_MS 100
/* The first interrupt only shows that the timer works, and the boot waits
 * for it: it comes this soon, not a whole tick (10 ms at 100 Hz) later. */
#define TIMER_PROBE_US 2

static void timer_tick(void)
{
	u64 now = get_cycles();

	if (now < next_tick) {
		/* Not due yet: an interrupt the set_timer did not clear. */
		if (++early_ticks >= TIMER_EARLY_MAX) {
			timer_storm = true;
			csr_clear(sie, IE_STIE);
		}
		return;
	}
	early_ticks = 0;
	jiffies++;
	next_tick = now + tick_interval;
	sbi_set_timer(next_tick);
}

static void timer_stop(void)
{
	csr_clear(sie, IE_STIE);
	sbi_set_timer(~0ULL);
}

/* Start a periodic tick of @hz per second (the timer interrupt). */
void riscv_timer_init(unsigned int hz)
{
	u64 t0 = get_cycles(), deadline;
	unsigned long reads = 0;

	while (get_cycles() == t0 && ++reads < TIME_PROBE_READS)
		;
	if (reads == TIME_PROBE_READS) {
		pr_warn("timer: the time CSR stays at %llu over %d reads: the "
			"firmware has no timer device behind SBI TIME; no timer "
			"interrupts, no timestamps, and timed waits return at "
			"once\n",
			(unsigned long long)t0, TIME_PROBE_READS);
		riscv_timebase = 0;
		return;
	}
	tick_interval = riscv_timebase / hz;
	next_tick =
		get_cycles() + riscv_timebase * TIMER_PROBE_US / 1000000 + 1;
	deadline = get_cycles() + riscv_timebase * TIMER_FIRST_TICK_MS / 1000;
	sbi_set_timer(next_tick);
	csr_set(sie, IE_STIE);
	csr_set(sstatus, SR_SIE);
	while (!jiffies && !timer_storm && get_cycles() < deadline)
		;
	if (timer_storm) {
		timer_stop();
		pr_warn("timer: the timer interrupt fires before its deadline "
			"(%d times in a row): SBI set_timer does not reach a "
			"timer; no timer interrupts\n",
			TIMER_EARLY_MAX);
	} else if (!jiffies) {
		timer_stop();
		pr_warn("timer: no timer interrupt within %d ms of SBI set_timer; "
			"no timer interrupts\n",
			TIMER_FIRST_TICK_MS);
	}
}

static void show_regs(const struct pt_regs *regs)
{
	const unsigned long *r = (const unsigned long *)regs;

	for (int i = 0; i < 32; i += 3) {
		printk(KERN_EMERG " %3s: %016lx", reg_names[i], r[i]);
		if (i + 1 < 32)
			printk(KERN_CONT "  %3s: %016lx", reg_names[i + 1],
			       r[i + 1]);
		if (i + 2 < 32)
			printk(KERN_CONT "  %3s: %016lx", reg_names[i + 2],
			       r[i + 2]);
		printk(KERN_CONT "\n");
	}
	printk(KERN_EMERG " status: %016lx cause: %016lx tval: %016lx\n",
	       regs->status, regs->cause, regs->tval);
}

void handle_trap(struct pt_regs *regs)
{
	unsigned long cause = regs->cause;
	unsigned long code = cause & ~CAUSE_IRQ;
	const char *name = NULL;
	unsigned long off;
	const char *fn;
	static int nesting;

	if (cause & CAUSE_IRQ) {
		if (code == IRQ_S_TIMER) {
			timer_tick();
			return;
		}
		if (IS_ENABLED(CONFIG_SMP) && code == IRQ_S_SOFT) {
			/* An IPI (SBI IPI raises SSIP): clear, then serve, so
			 * one raised meanwhile is not lost. */
			csr_clear(sip, SIP_SSIP);
			handle_ipi();
			return;
		}
		pr_warn("trap: unexpected interrupt %lu, masked\n", code);
		csr_clear(sie, 1UL << code);
		return;
	}

	/* A fault while reporting one: the report itself is broken. */
	if (nesting++) {
		printk(KERN_EMERG
		       "Nested exception: scause %lu at %016lx stval %016lx\n",
		       code, regs->epc, regs->tval);
		machine_power_off(EXIT_TRAP);
	}
	console_loglevel = LOGLEVEL_DEBUG + 1;
	if (code < ARRAY_SIZE(exc_names))
		name = exc_names[code];
	fn = kallsyms_lookup(regs->epc, &off);
	printk(KERN_EMERG "Unhandled exception: %s (scause %lu) at %s+0x%lx\n",
	       name ? name : "reserved", code, fn ? fn : "?", fn ? off : 0UL);
	printk(KERN_EMERG " sepc: %016lx stval: %016lx\n", regs->epc,
	       regs->tval);
	if (IS_ENABLED(CONFIG_SMP))
		printk(KERN_EMERG " on CPU#%d (hart %lu)\n", smp_processor_id(),
		       cpu_hwid[smp_processor_id()]);
	/* entry.S moved to the emergency stack: say why. */
	if (regs->sp < (unsigned long)boot_stack &&
	    regs->sp >= (unsigned long)boot_stack_guard - PAGE_SIZE)
		printk(KERN_EMERG
		       " kernel stack overflow: sp %016lx in the guard page below boot_stack\n",
		       regs->sp);
	show_regs(regs);
	die_with_backtrace(regs->epc, regs->s0);
}

/* Each hart: the trap vector, and the IPI unmasked (sstatus.SIE still
 * decides when interrupts are taken). */
void riscv_trap_init(void)
{
	csr_write(stvec, (unsigned long)trap_vector);
	if (IS_ENABLED(CONFIG_SMP))
		csr_set(sie, IE_SSIE);
}
