// SPDX-License-Identifier: MIT
/*
 * DOC: RISC-V memory setup
 *
 * The devicetree is parsed into plain data first (dt_scan_memory), then
 * applied to memblock: RAM from every /memory node with its numa-node-id,
 * then reservations - the kernel image, the devicetree blob itself, static
 * /reserved-memory children (no-map ones marked MEMBLOCK_NOMAP so they are
 * never allocated or handed to the buddy), /memreserve/ entries and the
 * initrd.  mem= (mm/memblock_cmdline.c) then caps RAM.  The steps
 * themselves are portable and live in arch/riscv/kernel/fdt_memblock.c,
 * so tools/memmap runs the same code on a DTB file on the host.
 */
#include <asm/setup.h>
#include <kernel/exit.h>
#include <kernel/fdt.h>
#include <asm/fdt_memblock.h>
#include <kernel/fdt_memory.h>
#include <kernel/init.h>
#include <mm/memblock.h>
#include <mm/memblock_cmdline.h>
#include <mm/mmzone.h>

#include <asm/mm.h>

static struct dt_mem_info dtmem __initdata;

void __init riscv_memblock_init(const struct boot_info *bi,
				const struct dt_blob *dt)
{
	phys_addr_t kbase = __pa(_start), ksize = (phys_addr_t)(_end - _start);

	/* arch/riscv/kernel/fdt_memblock.c: shared with the host tool
	 * tools/memmap. */
	if (dt_apply_memblock_flags(dt, &dtmem, kbase, ksize, bi->fw_table,
				    memblock_memory_limit,
				    bi->fw_table_builtin ? DT_APPLY_ASSUMED_MAP
							 : 0))
		machine_power_off(EXIT_BADFW);
}

/* RISC-V: DMA32 is the low 4 GiB, NORMAL is everything above. */
void __init arch_zone_limits_init(unsigned long *max_zone_pfn)
{
	unsigned long max = PFN_DOWN(memblock_end_of_DRAM());

#ifdef CONFIG_ZONE_DMA32
	max_zone_pfn[ZONE_DMA32] = min(max, PFN_DOWN(0x100000000ULL));
#endif
	max_zone_pfn[ZONE_NORMAL] = max;
}
