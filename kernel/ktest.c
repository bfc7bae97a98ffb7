// SPDX-License-Identifier: MIT
/*
 * DOC: ktest
 *
 * Runs the suites found in the ktest_suites section and prints KTAP
 * version 1 on the console:
 *
 *	KTAP version 1
 *	1..2
 *	    KTAP version 1
 *	    # Subtest: memblock
 *	    1..3
 *	    ok 1 add_merges_neighbours
 *	    not ok 2 reserve_overlap
 *	    ...
 *	not ok 1 memblock
 *	# Totals: pass:40 fail:1 skip:0 total:41
 */
#include <kernel/ktest.h>
#include <kernel/printf.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/taint.h>

extern struct ktest_suite *__start_ktest_suites[];
extern struct ktest_suite *__stop_ktest_suites[];

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt,
		...)
{
	char buf[192];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	t->failed = true;
	printk("    # %s: %s:%d: %s\n", t->name, file, line, buf);
}

void ktest_skip(struct ktest *t, const char *reason)
{
	t->skipped = true;
	t->skip_reason = reason;
}

static bool suite_selected(const struct ktest_suite *s, const char *filter)
{
	return !filter || !*filter || !strcmp(filter, s->name);
}

int ktest_run_all(const char *filter)
{
	int nsuites = 0, si = 0;
	int pass = 0, fail = 0, skip = 0;

	for (struct ktest_suite **s = __start_ktest_suites;
	     s < __stop_ktest_suites; s++)
		nsuites += suite_selected(*s, filter);

	printk("KTAP version 1\n1..%d\n", nsuites);
	for (struct ktest_suite **sp = __start_ktest_suites;
	     sp < __stop_ktest_suites; sp++) {
		struct ktest_suite *s = *sp;
		int ncases = 0, sfail = 0;

		if (!suite_selected(s, filter))
			continue;
		si++;
		while (s->cases[ncases].name)
			ncases++;
		printk("    KTAP version 1\n    # Subtest: %s\n    1..%d\n",
		       s->name, ncases);
		if (s->init && s->init()) {
			for (int i = 0; i < ncases; i++)
				printk("    ok %d %s # SKIP suite init failed\n",
				       i + 1, s->cases[i].name);
			skip += ncases;
			printk("ok %d %s # SKIP suite init failed\n", si,
			       s->name);
			continue;
		}
		for (int i = 0; i < ncases; i++) {
			struct ktest t = {.name = s->cases[i].name};
			unsigned long errors = nr_unexpected_reports();

			if (s->expects_reports)
				report_expect_begin();
			s->cases[i].run(&t);
			if (s->expects_reports)
				printk("    # %s: %lu expected error report(s)\n",
				       t.name, report_expect_end());
			errors = nr_unexpected_reports() - errors;
			if (errors) {
				printk("    # %s: %lu unexpected error report(s) "
				       "(WARN or mm error, see above)\n",
				       t.name, errors);
				t.failed = true;
				t.skipped = false;
			}
			if (t.skipped) {
				skip++;
				printk("    ok %d %s # SKIP %s\n", i + 1,
				       t.name, t.skip_reason);
			} else if (t.failed) {
				fail++;
				sfail++;
				printk("    not ok %d %s\n", i + 1, t.name);
			} else {
				pass++;
				printk("    ok %d %s\n", i + 1, t.name);
			}
		}
		printk("%s %d %s\n", sfail ? "not ok" : "ok", si, s->name);
	}
	printk("# Totals: pass:%d fail:%d skip:%d total:%d\n", pass, fail, skip,
	       pass + fail + skip);
	return fail;
}
