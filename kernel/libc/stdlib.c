// SPDX-License-Identifier: MIT
/* stdlib for the application: exit, abort, atexit, abs/div, getenv. */
#include <kernel/app.h>
#include <kernel/exit.h>
#include <kernel/kallsyms.h>
#include <kernel/printk.h>

#include "../../include/libc/stdlib.h"

void exit(int status)
{
	kernel_exit(status);
}

void _Exit(int status)
{
	/* No atexit handlers, no flushing (nothing is buffered anyway). */
	pr_info("app: %s exited with status %d\n", CONFIG_APP_NAME, status);
	machine_power_off(status & 0xff);
}

/*
 * abort - stop the program at once with EXIT_ABORT
 *
 * The report names the caller and gives a backtrace; atexit handlers do
 * not run (C: whether they do is implementation-defined; not running them
 * means a broken program's cleanup cannot mask the failure).
 */
void abort(void)
{
	unsigned long ip = (unsigned long)__builtin_return_address(0);
	unsigned long off = 0;
	/* ip - 1: a noreturn call may be the last instruction of its
	 * function, and then ip is already the next function's start. */
	const char *fn = kallsyms_lookup(ip - 1, &off);

	if (fn)
		pr_emerg("app: abort() called from %s+0x%lx\n", fn, off + 1);
	else
		pr_emerg("app: abort() called from 0x%lx\n", ip);
	dump_stack();
	pr_emerg("app: %s aborted (exit status %d)\n", CONFIG_APP_NAME,
		 EXIT_ABORT);
	machine_power_off(EXIT_ABORT);
}

int atexit(void (*fn)(void))
{
	return kernel_atexit(fn) ? -1 : 0;
}

char *getenv(const char *name)
{
	return NULL;
}

int abs(int j)
{
	return j < 0 ? -j : j;
}

long labs(long j)
{
	return j < 0 ? -j : j;
}

long long llabs(long long j)
{
	return j < 0 ? -j : j;
}

div_t div(int numer, int denom)
{
	return (div_t){numer / denom, numer % denom};
}

ldiv_t ldiv(long numer, long denom)
{
	return (ldiv_t){numer / denom, numer % denom};
}

lldiv_t lldiv(long long numer, long long denom)
{
	return (lldiv_t){numer / denom, numer % denom};
}
