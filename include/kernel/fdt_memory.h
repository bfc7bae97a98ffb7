/* SPDX-License-Identifier: MIT */
/*
 * Devicetree -> plain-data memory description (lib/fdt_memory.c).
 *
 * dt_scan_memory() reads everything the boot code needs to set up memblock
 * from a DTB, validates it and logs what it skipped; it never calls the
 * allocator.  dt_apply_memblock() (arch/riscv/kernel/fdt_memblock.c) then
 * applies the result: RAM, the static reservations (no-map ones as
 * MEMBLOCK_NOMAP), /memreserve/ entries and the initrd, in an order that lets
 * memblock's arrays grow without ever dropping a reservation.
 */
#ifndef _KERNEL_FDT_MEMORY_H
#define _KERNEL_FDT_MEMORY_H

#include <kernel/fdt.h>

#define DT_MAX_MEM 32 /* memory ranges kept */
#define DT_MAX_RSV 32 /* reserved ranges kept */
#ifdef CONFIG_NODES_SHIFT
#define DT_MAX_NUMA_NODES (1 << CONFIG_NODES_SHIFT)
#else
#define DT_MAX_NUMA_NODES 1
#endif

/* dt_mem_range.flags */
#define DT_MEM_NOMAP 0x1      /* reserved-memory "no-map": not in the map */
#define DT_MEM_REUSABLE 0x2   /* reserved-memory "reusable" (e.g. CMA) */
#define DT_MEM_MEMRESERVE 0x4 /* from the header's /memreserve/ map */
#define DT_MEM_HOTPLUG 0x8    /* memory node marked "hotpluggable" */

#define DT_NUMA_LOCAL_DISTANCE 10
#define DT_NUMA_REMOTE_DISTANCE 20

/**
 * struct dt_mem_range - one physical range
 * @base: first byte
 * @size: length in bytes (never 0; base + size never wraps)
 * @nid: NUMA node (memory ranges; 0 for reserved ones)
 * @name: the devicetree node name, for logs (points into the blob)
 * @flags: DT_MEM_*
 */
struct dt_mem_range {
	u64 base, size;
	int nid;
	const char *name;
	unsigned int flags;
};

/**
 * struct dt_mem_info - what dt_scan_memory() found
 * @memory: RAM from available device_type = "memory" nodes, in DT order
 * @reserved: static /reserved-memory children, then /memreserve/ entries
 * @nr_dynamic: /reserved-memory children with only size/alloc-ranges,
 *		which are logged and not reserved here
 * @initrd_start: /chosen linux,initrd-start (valid when @has_initrd)
 * @initrd_end: /chosen linux,initrd-end (exclusive)
 * @bootargs: /chosen bootargs or NULL (points into the blob)
 * @nr_numa_nodes: highest memory numa-node-id + 1 (1 without NUMA)
 * @distance: NUMA distances; local 10, remote 20 unless /distance-map says
 *	      otherwise
 * @has_distance_map: a valid numa-distance-map-v1 node was applied
 */
struct dt_mem_info {
	struct dt_mem_range memory[DT_MAX_MEM];
	int nr_memory;
	struct dt_mem_range reserved[DT_MAX_RSV];
	int nr_reserved;
	int nr_dynamic;
	bool has_initrd;
	u64 initrd_start, initrd_end;
	const char *bootargs;
	int nr_numa_nodes;
	u8 distance[DT_MAX_NUMA_NODES][DT_MAX_NUMA_NODES];
	bool has_distance_map;
};

int dt_scan_memory(const struct dt_blob *dt, struct dt_mem_info *out);

#endif /* _KERNEL_FDT_MEMORY_H */
