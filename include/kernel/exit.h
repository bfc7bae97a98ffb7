/* SPDX-License-Identifier: MIT */
/*
 * Machine exit statuses.  The application's return value is passed through
 * unchanged (0..255); the kernel's own failures use these distinct values so
 * that a test harness can tell them apart from an application result.
 */
#ifndef _KERNEL_EXIT_H
#define _KERNEL_EXIT_H

#include <kernel/compiler.h>

#define EXIT_OK 0
/* The run would have exited 0, but the kernel reported an mm error or a
 * WARN on the way (kernel/taint.h). */
#define EXIT_MM_ERROR 119
#define EXIT_PANIC 120 /* panic(): a kernel-detected fatal condition */
#define EXIT_TRAP 121  /* an unexpected exception/fault */
#define EXIT_ABORT 122 /* the application called abort() */
#define EXIT_BADFW 123 /* firmware tables unusable: cannot continue */

/* Power the machine off with this status (arch code). Never returns. */
__noreturn void machine_power_off(int status);

/*
 * The boot went on in a degraded state (@why, e.g. a fallback for bad
 * firmware): an application status of 0 becomes EXIT_BADFW, so the run
 * never passes for a clean one.  Other statuses are kept.
 */
void kernel_exit_degraded(const char *why);
/* The first @why given, or NULL (lib/panic.c keeps it, kernel_exit()
 * reads it). */
const char *kernel_degraded_reason(void);

#endif /* _KERNEL_EXIT_H */
