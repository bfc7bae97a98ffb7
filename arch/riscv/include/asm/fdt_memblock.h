/* SPDX-License-Identifier: MIT */
/*
 * Devicetree memory description -> memblock (arch/riscv/kernel/fdt_memblock.c).
 *
 * The portable half of the RISC-V memory setup: the arch passes where the
 * kernel image and the blob live, and this applies what dt_scan_memory()
 * found, with the same messages on the board and in the host tool
 * tools/memmap, which runs exactly this code on a DTB file.
 */
#ifndef _ASM_RISCV_FDT_MEMBLOCK_H
#define _ASM_RISCV_FDT_MEMBLOCK_H

#include <kernel/cmdline.h>
#include <kernel/fdt_memory.h>

/* dt_apply_memblock_flags() flags */
/* Not the firmware's own tree (CONFIG_BUILTIN_DTB took over): the RAM
 * below the kernel in the first bank is reserved for the firmware. */
#define DT_APPLY_ASSUMED_MAP 0x1

int dt_apply_memblock_flags(const struct dt_blob *dt, struct dt_mem_info *info,
			    phys_addr_t kbase, phys_addr_t ksize,
			    phys_addr_t dtb_pa, phys_addr_t mem_limit,
			    unsigned int flags);
int dt_apply_memblock(const struct dt_blob *dt, struct dt_mem_info *info,
		      phys_addr_t kbase, phys_addr_t ksize, phys_addr_t dtb_pa,
		      phys_addr_t mem_limit);

#endif /* _ASM_RISCV_FDT_MEMBLOCK_H */
