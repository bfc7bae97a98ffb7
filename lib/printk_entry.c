// SPDX-License-Identifier: MIT
/*
 * printk(): the variadic entry point over vprintk() (lib/printk.c).  In a
 * file of its own so the host builds (tests/host, tools/memmap, fuzzers,
 * bench) link this very function over their own vprintk().
 */
#include <kernel/printf.h>
#include <kernel/printk.h>

int printk(const char *fmt, ...)
{
	return va_call(fmt, vprintk(fmt, ap));
}
