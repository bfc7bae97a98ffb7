/* SPDX-License-Identifier: MIT */
/*
 * Forced in after the host autoconf.h (-include) for the uniprocessor
 * twin of a benchmark: the same sources with CONFIG_SMP off, so locks
 * compile away and only interrupt masking is left (bench_mm_up).
 */
#undef CONFIG_SMP
