/* SPDX-License-Identifier: MIT */
/*
 * Kernel layout (RISC-V).  Page-aligned sections so the page tables can
 * give text R+X, rodata R, data/bss R+W (W^X).
 */
#include <asm-generic/kernel.lds.h>

OUTPUT_ARCH(riscv)
ENTRY(_start)

KERNEL_PHDRS()

SECTIONS
{
	/* The Linux RISC-V Image header must be the first 64 bytes. */
	HEAD_TEXT_SECTION
	TEXT_SECTION(.text.trap)
	INIT_SECTIONS
	RO_DATA_SECTION(.srodata .srodata.*)
	RW_DATA_SECTION(.sdata .sdata.*)
	/* The boot stack's guard page is left unmapped by paging. */
	BSS_SECTION(16384, .sbss .sbss.*)

	/DISCARD/ : { *(.comment) *(.note.*) *(.eh_frame) *(.riscv.attributes) }
}

ASSERT(_start == CONFIG_KERNEL_LOAD_ADDR, "the Image header must come first")
ASSERT(_end - _start <= 32 * 1024 * 1024,
       "image must stay below 32 MiB: fw_jump puts the FDT at RAM + 34 MiB")
ASSERT((__init_begin & 4095) == 0 && (_sinitdata & 4095) == 0 &&
       (_srodata & 4095) == 0 &&
       (_sdata & 4095) == 0, "sections must be page aligned for W^X")
