/* SPDX-License-Identifier: MIT */
/*
 * What the mm suites in tests/kernel/ share (CONFIG_SELFTEST): the
 * early-result recorder behind the boot-time hook (include/mm/selftest.h),
 * the buddy checks and the memory stress run.
 *
 * The checks run by bootmem_selftest_early() are recorded (mm_early_*)
 * and the KTAP suites report them later, case by case.
 */
#ifndef _TESTS_KERNEL_MM_KTEST_H
#define _TESTS_KERNEL_MM_KTEST_H

#include <kernel/ktest.h>
#include <kernel/types.h>
#include <mm/selftest.h>

/* The memblock part of the early hook (memblock_ktest.c). */
void memblock_selftest_early(void);

/* ---- early results: recorded at boot, reported by a KTAP case ---- */
#define MM_EARLY_MSGS 4

struct mm_early_case {
	const char *name; /* "<suite>.<case>" */
	int checks;
	int failures;
	bool skipped;
	const char *skip_reason;
	struct {
		const char *file;
		int line;
		char text[96];
	} msg[MM_EARLY_MSGS];
};

/* Start recording case @name; NULL when the table is full. */
struct mm_early_case *mm_early_begin(const char *name);
bool mm_early_check(struct mm_early_case *c, bool ok, const char *file,
		    int line, const char *fmt, ...) __printf(5, 6);
void mm_early_skip(struct mm_early_case *c, const char *reason);
/* Replay the recorded case @name into @t (fails if it never ran). */
void mm_early_report(struct ktest *t, const char *name);

#define EARLY_EXPECT(c, cond) \
	mm_early_check(c, !!(cond), __FILE__, __LINE__, "expected %s", #cond)
#define EARLY_EXPECT_EQ(c, a, b)                                           \
	({                                                                 \
		unsigned long long __ea = (unsigned long long)(a),         \
				   __eb = (unsigned long long)(b);         \
		mm_early_check(c, __ea == __eb, __FILE__, __LINE__,        \
			       "%s == %s: 0x%llx != 0x%llx", #a, #b, __ea, \
			       __eb);                                      \
	})

/*
 * A KTAP case named <suite>_<name> that reports the early case
 * "<suite>.<name>" (mm_early_report()).
 */
#define MM_EARLY_CASE(suite, name)                    \
	static void suite##_##name(struct ktest *t)   \
	{                                             \
		mm_early_report(t, #suite "." #name); \
	}

/* ---- helpers shared by the suites (page_alloc_ktest.c) ---- */
/* Finish deferred struct page init, drain the pcp lists, then
 * nr_free_pages(). */
unsigned long mm_test_free_pages(void);
/* Free lists vs zone counters; counts problems (and expects 0 in @t). */
unsigned long mm_test_buddy_check(struct ktest *t);

struct kmem_cache;
/* Objects of @c allocated now, from its per-node counters (slab_ktest.c). */
unsigned long mm_test_objs_in_use(struct kmem_cache *c);

/* ---- memstress ---- */

/**
 * struct memstress_result - what a stress run did
 * @ops: operations performed
 * @errors: pattern or invariant violations seen
 * @ns: time spent, in nanoseconds
 * @free_start: nr_free_pages() (after drain + shrink) before the run
 * @free_end: the same after everything was freed again
 * @peak_pages: most pages the run held at once (pages + slab objects)
 */
struct memstress_result {
	unsigned long ops;
	unsigned long errors;
	unsigned long long ns;
	unsigned long free_start;
	unsigned long free_end;
	unsigned long peak_pages;
};

/* Run @ops random operations (seeded with @seed); prints the figures. */
int memstress_run(unsigned long ops, unsigned long seed,
		  struct memstress_result *res);
/* The same split between all online CPUs at once, with cross-CPU frees
 * (memstress.c, "the multi-CPU mode"). */
int memstress_run_smp(unsigned long ops, unsigned long seed,
		      struct memstress_result *res);
/* memstress.ops= on the command line, or CONFIG_MEMSTRESS_OPS. */
unsigned long memstress_ops(void);

#endif /* _TESTS_KERNEL_MM_KTEST_H */
