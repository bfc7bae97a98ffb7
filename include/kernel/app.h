/* SPDX-License-Identifier: MIT */
/* The application contract (kernel/app.c, docs/applications.md). */
#ifndef _KERNEL_APP_H
#define _KERNEL_APP_H

#include <kernel/compiler.h>

/* The one application. */
int app_main(int argc, char **argv);
__noreturn void run_application(void);

/* fault=exec_init (tests/kernel/fault_ktest.c): call into the freed init text.
 */
#ifdef CONFIG_SELFTEST
void fault_after_free_initmem(void);
#else
static inline void fault_after_free_initmem(void)
{
}
#endif

#endif /* _KERNEL_APP_H */
