// SPDX-License-Identifier: MIT
/*
 * strscpy_k: bounded copy that always terminates (Linux's strscpy, under a
 * name that cannot collide with a C library's).  In a file of its own, so
 * host builds of lib/ (tests, fuzzers, tools/memmap) link the kernel's
 * own copy next to the host C library, which lib/string.c cannot join.
 */
#include <kernel/string.h>

size_t strscpy_k(char *d, const char *s, size_t size)
{
	size_t n = strnlen(s, size ? size - 1 : 0);

	if (!size)
		return 0;
	memcpy(d, s, n);
	d[n] = '\0';
	return n;
}
