/* SPDX-License-Identifier: MIT */
/*
 * The mm selftests' boot-time hook (CONFIG_SELFTEST).
 *
 * Some mm APIs only exist during boot: bootmem until free_all_bootmem(),
 * memblock until it is discarded with the __init sections.  mm_init()
 * calls bootmem_selftest_early() just before the handoff; the suites in
 * tests/kernel/ record their checks there and report them later, once
 * the selftest application runs.
 */
#ifndef _MM_SELFTEST_H
#define _MM_SELFTEST_H

/* Called by mm_init() right before free_all_bootmem() (mm/boot.c). */
#ifdef CONFIG_SELFTEST
void bootmem_selftest_early(void);
#else
static inline void bootmem_selftest_early(void)
{
}
#endif

#endif /* _MM_SELFTEST_H */
