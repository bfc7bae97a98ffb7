// SPDX-License-Identifier: MIT
/* The failure half of assert(): report where, then abort(). */
#include <kernel/printk.h>

#include "../../include/libc/assert.h"
#include "../../include/libc/stdlib.h"

void __assert_fail(const char *expr, const char *file, int line,
		   const char *func)
{
	pr_emerg("%s:%d: %s: Assertion `%s' failed.\n", file, line, func, expr);
	abort();
}
