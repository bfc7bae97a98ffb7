/* SPDX-License-Identifier: MIT */
/*
 * ktest: a small KUnit-like in-kernel test framework (CONFIG_SELFTEST).
 *
 *	static void my_case(struct ktest *t)
 *	{
 *		KTEST_EXPECT_EQ(t, 1 + 1, 2);   // records a failure, goes on
 *		KTEST_ASSERT_TRUE(t, p != NULL); // records a failure, returns
 *	}
 *	static struct ktest_case my_cases[] = { KTEST_CASE(my_case), {} };
 *	KTEST_SUITE(my_suite, my_cases);
 *
 * Suites live in the "ktest_suites" linker section; ktest_run_all() runs
 * them and prints KTAP version 1: one nested result line per case, one per
 * suite, and a summary.
 */
#ifndef _KERNEL_KTEST_H
#define _KERNEL_KTEST_H

#include <kernel/compiler.h>
#include <kernel/types.h>

struct ktest {
	const char *name;
	bool failed;
	bool skipped;
	const char *skip_reason;
	int nr_checks;
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
};

struct ktest_suite {
	const char *name;
	struct ktest_case *cases;
	int (*init)(void); /* optional; non-zero skips the suite */
	/* Its cases commit errors on purpose: their reports are expected
	 * (kernel/taint.h).  In any other suite an error report (a WARN, an
	 * mm report) fails the case that made it. */
	bool expects_reports;
};

#define KTEST_CASE(fn)                 \
	{                              \
		.name = #fn, .run = fn \
	}

#define __KTEST_SUITE(sname, scases, expect)                                 \
	static struct ktest_suite __ktest_suite_##sname = {                  \
		.name = #sname, .cases = scases, .expects_reports = expect}; \
	static struct ktest_suite *__ktest_ptr_##sname __used __section(     \
		"ktest_suites") = &__ktest_suite_##sname
#define KTEST_SUITE(sname, scases) __KTEST_SUITE(sname, scases, false)
#define KTEST_SUITE_EXPECTING_REPORTS(sname, scases) \
	__KTEST_SUITE(sname, scases, true)

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt,
		...) __printf(4, 5);
void ktest_skip(struct ktest *t, const char *reason);

#define KTEST_EXPECT_TRUE(t, cond)                                       \
	({                                                               \
		bool __ok = !!(cond);                                    \
		(t)->nr_checks++;                                        \
		if (!__ok)                                               \
			ktest_fail(t, __FILE__, __LINE__, "expected %s", \
				   #cond);                               \
		__ok;                                                    \
	})
#define KTEST_EXPECT_FALSE(t, cond) KTEST_EXPECT_TRUE(t, !(cond))
#define KTEST_EXPECT_EQ(t, a, b)                                              \
	({                                                                    \
		unsigned long long __a = (unsigned long long)(a),             \
				   __b = (unsigned long long)(b);             \
		(t)->nr_checks++;                                             \
		if (__a != __b)                                               \
			ktest_fail(t, __FILE__, __LINE__,                     \
				   "%s == %s: 0x%llx != 0x%llx", #a, #b, __a, \
				   __b);                                      \
		__a == __b;                                                   \
	})
#define KTEST_EXPECT_NE(t, a, b) KTEST_EXPECT_TRUE(t, (a) != (b))
#define KTEST_EXPECT_NULL(t, p) KTEST_EXPECT_TRUE(t, (p) == NULL)
#define KTEST_EXPECT_NOT_NULL(t, p) KTEST_EXPECT_TRUE(t, (p) != NULL)

#define KTEST_ASSERT_TRUE(t, cond)               \
	do {                                     \
		if (!KTEST_EXPECT_TRUE(t, cond)) \
			return;                  \
	} while (0)
#define KTEST_ASSERT_EQ(t, a, b)               \
	do {                                   \
		if (!KTEST_EXPECT_EQ(t, a, b)) \
			return;                \
	} while (0)
#define KTEST_ASSERT_NOT_NULL(t, p) KTEST_ASSERT_TRUE(t, (p) != NULL)

/* Run every suite (or those whose name matches @filter, if non-NULL).
 * Returns the number of failed cases. */
int ktest_run_all(const char *filter);

#endif
