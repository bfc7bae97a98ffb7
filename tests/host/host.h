/* SPDX-License-Identifier: MIT */
/*
 * Host-side stand-ins for what the kernel provides at run time:
 * simulated physical memory, a capturing printk, and a panic() that a test
 * can catch.
 */
#ifndef _TESTS_HOST_H
#define _TESTS_HOST_H

#include <setjmp.h>
#include <stdbool.h>
#include <kernel/types.h>

/*
 * Describe simulated physical memory [base, base + size).  May be called
 * again to replace it (contents are lost).  Backing is reserved lazily.
 */
void host_sim_mem(phys_addr_t base, u64 size);
/* When set, host_sim_mem() of the range already there keeps its mapping
 * and stale contents instead of mapping fresh zero pages (fuzzers that
 * boot per input; the allocator never reads what it hands out). */
extern bool host_sim_reuse;

/* printk output is appended here (NUL-terminated, last 64 KiB kept). */
extern char host_log[65536];
void host_log_clear(void);
bool host_log_contains(const char *needle);
/* Echo printk output to stderr as well (default: only when HOST_VERBOSE set).
 */
extern bool host_log_echo;

/*
 * panic() longjmps here when host_panic_armed is true; otherwise it prints
 * and aborts.  Use HOST_EXPECT_PANIC(stmt) to assert that stmt panics.
 */
extern jmp_buf host_panic_jmp;
extern bool host_panic_armed;
extern char host_panic_msg[512];

/*
 * True when @stmt ends in a longjmp() to @jmp, which the code under test
 * takes only while @armed is set (panic() here, abort() in the libc test).
 */
#define HOST_EXPECT_LONGJMP(jmp, armed, stmt)  \
	({                                     \
		volatile bool _jumped = false; \
		armed = true;                  \
		if (setjmp(jmp) == 0) {        \
			stmt;                  \
		} else {                       \
			_jumped = true;        \
		}                              \
		armed = false;                 \
		_jumped;                       \
	})
#define HOST_EXPECT_PANIC(stmt) \
	HOST_EXPECT_LONGJMP(host_panic_jmp, host_panic_armed, stmt)

/* Count of WARN()s since start (tests assert misuse produced one). */
extern int host_warn_count;

/* A seed from $SEED or the clock, printed as a TAP comment. */
unsigned long host_seed(void);

#endif
