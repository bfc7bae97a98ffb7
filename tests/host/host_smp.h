/* SPDX-License-Identifier: MIT */
/* The host's CPUs for programs linking kernel/smp_call.c (host_smp.c). */
#ifndef _TESTS_HOST_SMP_H
#define _TESTS_HOST_SMP_H

/* CPUs 0..@ncpus-1 possible and online, each with its own per-cpu area. */
void host_smp_init(unsigned int ncpus);

#endif
