// SPDX-License-Identifier: MIT
/*
 * panic() and WARN(): report, then stop with a distinct status; taint and
 * the power-down line (kernel/taint.h); the degraded-boot reason (exit.h).
 */
#include <kernel/console.h>
#include <kernel/exit.h>
#include <kernel/kallsyms.h>
#include <kernel/printf.h>
#include <kernel/printk.h>
#include <kernel/taint.h>
#include <asm-generic/smp.h>
#include <asm/smp.h>

static bool in_panic;
/* The CPU that panics first (1 + its number): the others stop. */
static int panic_cpu;

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int old = 0, me = smp_processor_id() + 1;

	/* A second CPU panicking meanwhile parks: one report, one power-off. */
	if (IS_ENABLED(CONFIG_SMP) &&
	    !__atomic_compare_exchange_n(&panic_cpu, &old, me, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) &&
	    old != me)
		arch_cpu_park();
	va_start(ap, fmt);
	vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* Make sure the report is seen whatever the log level. */
	console_loglevel = LOGLEVEL_DEBUG + 1;
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	if (!in_panic) {
		in_panic = true;
		dump_stack();
	}
	smp_send_stop();
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n",
	       buf);
	machine_power_off(EXIT_PANIC);
}

void __warn(const char *file, int line, unsigned long caller)
{
	printk(KERN_WARNING "WARNING: at %s:%d, called from %s\n", file, line,
	       KSYM(caller));
	dump_stack();
	add_taint(TAINT_WARN);
}

static const char *degraded_why;

void kernel_exit_degraded(const char *why)
{
	if (!degraded_why)
		degraded_why = why;
}

const char *kernel_degraded_reason(void)
{
	return degraded_why;
}

static unsigned long taint_mask, unexpected_reports;
static unsigned int expect_depth;
static unsigned long expected_reports;

void add_taint(unsigned int flag)
{
	if (expect_depth) {
		expected_reports++;
		return;
	}
	taint_mask |= 1UL << flag;
	unexpected_reports++;
}

unsigned long get_taint(void)
{
	return taint_mask;
}

unsigned long nr_unexpected_reports(void)
{
	return unexpected_reports;
}

void report_expect_begin(void)
{
	if (!expect_depth++)
		expected_reports = 0;
}

unsigned long report_expect_end(void)
{
	if (expect_depth)
		expect_depth--;
	return expected_reports;
}

int power_down_announce(int status)
{
	char line[48];
	int n;

	/* Whichever CPU powers off, the others stop first. */
	smp_send_stop();
	if (taint_mask) {
		console_loglevel = max(console_loglevel, LOGLEVEL_ERR + 1);
		pr_err("Kernel tainted:%s%s: %lu error report(s) during the run%s\n",
		       taint_mask & (1UL << TAINT_BAD_PAGE) ? " B" : "",
		       taint_mask & (1UL << TAINT_WARN) ? " W" : "",
		       unexpected_reports,
		       status == EXIT_OK ? ", so the exit status is not 0"
					 : "");
		if (status == EXIT_OK)
			status = EXIT_MM_ERROR;
	}
	/* The harness reads this line where QEMU has no exit device: it
	 * must reach the console whatever the log level or the config. */
	n = scnprintf(line, sizeof(line), "Power down: exit status %d\n",
		      status);
	if (IS_ENABLED(CONFIG_PRINTK)) {
		console_loglevel = max(console_loglevel, LOGLEVEL_EMERG + 1);
		printk(KERN_EMERG "%s", line);
	} else {
		console_write(line, (size_t)n);
	}
	return status;
}
