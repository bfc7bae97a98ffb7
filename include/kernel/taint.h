/* SPDX-License-Identifier: MIT */
/*
 * Taint: the kernel reported an error and carried on (Linux's add_taint()).
 * Every mm report (bad page state, slab debug, page poison, a leaking
 * kmem_cache_destroy) taints with TAINT_BAD_PAGE, every WARN() with
 * TAINT_WARN.  A tainted run cannot end with status 0: the power-down
 * turns a 0 into EXIT_MM_ERROR (kernel/exit.h), so CI sees the report.
 *
 * Tests that commit an error on purpose bracket it with
 * report_expect_begin() and report_expect_end(), as KUnit's tests expect a
 * KASAN report: reports in between are counted as expected and do not
 * taint.  A ktest suite declared with KTEST_SUITE_EXPECTING_REPORTS() has
 * every case bracketed.
 */
#ifndef _KERNEL_TAINT_H
#define _KERNEL_TAINT_H

#include <kernel/types.h>

#define TAINT_BAD_PAGE 5 /* 'B': an mm error report */
#define TAINT_WARN 9	 /* 'W': a WARN() fired */

void add_taint(unsigned int flag);
/* The taint bits (1 << TAINT_*) set by unexpected reports. */
unsigned long get_taint(void);
/* Unexpected reports so far (each add_taint() outside a window). */
unsigned long nr_unexpected_reports(void);

void report_expect_begin(void);
/* Closes the window; returns the number of reports made inside it. */
unsigned long report_expect_end(void);

/*
 * The power-down protocol (docs/applications.md): apply the taint rule to
 * @status, print "Power down: exit status N" whatever the log level (and
 * without CONFIG_PRINTK too), and return N.  Called first by every
 * machine_power_off().
 */
int power_down_announce(int status);

#endif /* _KERNEL_TAINT_H */
