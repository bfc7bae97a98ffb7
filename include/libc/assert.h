/* SPDX-License-Identifier: MIT */
/*
 * assert(): on failure prints
 *	file.c:42: func: Assertion `expr' failed.
 * and calls abort() (exit status 122, EXIT_ABORT).  Like every <assert.h>
 * this one has no include guard: NDEBUG is looked at on each inclusion.
 */
#undef assert
#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) \
	((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef _LIBC_ASSERT_H
#define _LIBC_ASSERT_H
__attribute__((__noreturn__)) void
__assert_fail(const char *expr, const char *file, int line, const char *func);
#ifndef static_assert
#define static_assert _Static_assert
#endif
#endif /* _LIBC_ASSERT_H */
