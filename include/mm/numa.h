/* SPDX-License-Identifier: MIT */
/*
 * Node numbering shared by memblock, bootmem and the page allocator.
 *
 * MAX_NUMNODES is a power of two sized by CONFIG_NODES_SHIFT.  Node ids are
 * 0..MAX_NUMNODES-1; NUMA_NO_NODE means "any node" to the allocators, and
 * memblock uses MAX_NUMNODES itself to mean "no node assigned yet".
 */
#ifndef _MM_NUMA_H
#define _MM_NUMA_H

#ifdef CONFIG_NODES_SHIFT
#define NODES_SHIFT CONFIG_NODES_SHIFT
#else
#define NODES_SHIFT 0
#endif

#define MAX_NUMNODES (1 << NODES_SHIFT)

#define NUMA_NO_NODE (-1)

#endif /* _MM_NUMA_H */
