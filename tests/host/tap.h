/* SPDX-License-Identifier: MIT */
/*
 * Minimal TAP (version 13) producer for host unit tests.
 *
 *   plan_no_plan();            ... ok(cond, "name") ...   return tap_done();
 *
 * Each ok() is one assertion and one TAP line, so the harness counts
 * real checks.  EXPECT_EQ-style helpers print both values on failure.
 */
#ifndef _TESTS_TAP_H
#define _TESTS_TAP_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

extern int tap_count, tap_failed;

__attribute__((format(printf, 2, 3))) int ok(int cond, const char *fmt, ...);
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tap_skip(int n, const char *why);
int tap_done(void);

#define ok_eq(a, b, name)                                                     \
	({                                                                    \
		unsigned long long _x = (unsigned long long)(a),              \
				   _y = (unsigned long long)(b);              \
		int _r = ok(_x == _y, "%s", name);                            \
		if (!_r)                                                      \
			tap_diag("  got 0x%llx, want 0x%llx (%s:%d)", _x, _y, \
				 __FILE__, __LINE__);                         \
		_r;                                                           \
	})

#endif
