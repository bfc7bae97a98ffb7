/* SPDX-License-Identifier: MIT */
/*
 * Kernel layout (RISC-V).  Page-aligned sections so the page tables can
 * give text R+X, rodata R, data/bss R+W (W^X).
 */
#include <asm-generic/kernel.lds.h>

OUTPUT_ARCH(riscv)
ENTRY(_start)

PHDRS
{
	text PT_LOAD FLAGS(5);
	rodata PT_LOAD FLAGS(4);
	data PT_LOAD FLAGS(6);
}

SECTIONS
{
	. = CONFIG_KERNEL_LOAD_ADDR;
	_start = .;
	_stext = .;
	/* The Linux RISC-V Image header must be the first 64 bytes. */
	.head.text : { KEEP(*(.head.text)) } :text
	.text : ALIGN(16) {
		*(.text.trap)
		*(.text .text.*)
	} :text
	_etext = .;

	INIT_SECTIONS

	.rodata : ALIGN(4096) {
		_srodata = .;
		*(.rodata .rodata.* .srodata .srodata.*)
		KERNEL_TABLES
		KALLSYMS_TABLE
		_erodata = .;
	} :rodata

	.data : ALIGN(4096) {
		_sdata = .;
		PERCPU_SECTION
		*(.data .data.* .sdata .sdata.*)
		_edata = .;
	} :data

	.bss (NOLOAD) : ALIGN(4096) {
		__bss_start = .;
		*(.bss .bss.* .sbss .sbss.* COMMON)
		/* Boot stack, with a guard page below it (unmapped by paging). */
		BOOT_STACK(16384)
		__bss_stop = .;
	} :data
	. = ALIGN(4096);
	_end = .;
	__image_size = _end - _start;

	/DISCARD/ : { *(.comment) *(.note.*) *(.eh_frame) *(.riscv.attributes) }
}

ASSERT(_start == CONFIG_KERNEL_LOAD_ADDR, "the Image header must come first")
ASSERT(_end - _start <= 32 * 1024 * 1024,
       "image must stay below 32 MiB: fw_jump puts the FDT at RAM + 34 MiB")
ASSERT((__init_begin & 4095) == 0 && (_sinitdata & 4095) == 0 &&
       (_srodata & 4095) == 0 &&
       (_sdata & 4095) == 0, "sections must be page aligned for W^X")
