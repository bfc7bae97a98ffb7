/* SPDX-License-Identifier: MIT */
/*
 * The monotonic clock.  The arch provides a free-running counter and its
 * frequency; time 0 is the counter value at kernel entry.
 */
#ifndef _KERNEL_TIME_H
#define _KERNEL_TIME_H

#include <kernel/types.h>

#define NSEC_PER_USEC 1000ULL
#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_SEC 1000000000ULL

/* Arch: raw counter and its rate in Hz (0 if not known yet). */
u64 arch_counter_read(void);
u64 arch_counter_freq(void);

/* Counter value at entry, recorded by the arch's earliest C code. */
extern u64 boot_counter_start;

/* Nanoseconds since kernel entry. */
u64 ktime_get_ns(void);
/* Busy-wait. */
void ndelay(u64 ns);
void udelay(u64 us);
void mdelay(u64 ms);

/* Boot timeline marks (entry, setup_arch, mm_init, app_main). */
enum boot_mark {
	BOOT_ENTRY,
	BOOT_SETUP_ARCH,
	BOOT_MM_INIT,
	BOOT_APP_MAIN,
	NR_BOOT_MARKS
};
extern u64 boot_marks_ns[NR_BOOT_MARKS];
void boot_mark(enum boot_mark m);

#endif
