// SPDX-License-Identifier: MIT
/*
 * DOC: time for the application
 *
 * Everything is built on the kernel's monotonic clock, ktime_get_ns()
 * (nanoseconds since kernel entry).  There is no calendar clock on any
 * supported platform yet: CLOCK_REALTIME and TIME_UTC fail, time()
 * returns (time_t)-1.
 */
#include <kernel/time.h>

#include "../../include/libc/errno.h"
#include "../../include/libc/time.h"

int clock_gettime(clockid_t clk, struct timespec *tp)
{
	u64 ns;

	if (clk != CLOCK_MONOTONIC) {
		errno = EINVAL;
		return -1;
	}
	ns = ktime_get_ns();
	tp->tv_sec = (time_t)(ns / NSEC_PER_SEC);
	tp->tv_nsec = (long)(ns % NSEC_PER_SEC);
	return 0;
}

int clock_getres(clockid_t clk, struct timespec *res)
{
	u64 freq = arch_counter_freq();

	if (clk != CLOCK_MONOTONIC) {
		errno = EINVAL;
		return -1;
	}
	if (res) {
		/* One counter tick, rounded up to a whole nanosecond. */
		res->tv_sec = 0;
		res->tv_nsec =
			freq ? (long)((NSEC_PER_SEC + freq - 1) / freq) : 1;
	}
	return 0;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	if (req->tv_sec < 0 || req->tv_nsec < 0 ||
	    req->tv_nsec >= (long)NSEC_PER_SEC) {
		errno = EINVAL;
		return -1;
	}
	/* Busy-wait: there is nothing else to run. */
	ndelay((u64)req->tv_sec * NSEC_PER_SEC + (u64)req->tv_nsec);
	if (rem) {
		rem->tv_sec = 0;
		rem->tv_nsec = 0;
	}
	return 0;
}

time_t time(time_t *tloc)
{
	/* No calendar time: C 7.27.2.4 says return (time_t)-1. */
	if (tloc)
		*tloc = (time_t)-1;
	return (time_t)-1;
}

clock_t clock(void)
{
	return (clock_t)(ktime_get_ns() / (NSEC_PER_SEC / CLOCKS_PER_SEC));
}

int timespec_get(struct timespec *ts, int base)
{
	return 0; /* TIME_UTC is calendar time: not available */
}
