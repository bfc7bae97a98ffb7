/* SPDX-License-Identifier: MIT */
/*
 * time.h for the application.
 *
 * CLOCK_MONOTONIC counts nanoseconds since kernel entry (the arch's
 * free-running counter, ktime_get_ns()).  No supported platform has a
 * calendar clock yet, so CLOCK_REALTIME fails with EINVAL and time()
 * returns (time_t)-1, as C specifies when calendar time is unavailable.
 * clock() is the monotonic time in microseconds (one CPU, one program:
 * processor time is elapsed time).  nanosleep() busy-waits.
 */
#ifndef _LIBC_TIME_H
#define _LIBC_TIME_H

#include <stddef.h>

typedef long time_t;
typedef long clock_t;
typedef int clockid_t;

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCKS_PER_SEC 1000000L
#define TIME_UTC 1

int clock_gettime(clockid_t clk, struct timespec *tp);
int clock_getres(clockid_t clk, struct timespec *res);
int nanosleep(const struct timespec *req, struct timespec *rem);
time_t time(time_t *tloc);
clock_t clock(void);
int timespec_get(struct timespec *ts, int base);

#endif /* _LIBC_TIME_H */
