/* SPDX-License-Identifier: MIT */
/*
 * Pieces every arch's linker script shares: the tables the build fills
 * from linker sections, the symbol table and the boot stack.  One place,
 * so a new table is added for all arches at once.
 */
#ifndef _ASM_GENERIC_KERNEL_LDS_H
#define _ASM_GENERIC_KERNEL_LDS_H

/* Linker-script syntax, not C: keep clang-format out. */
/* clang-format off */

/* Arrays of pointers/structs collected from every object, in .rodata. */
#define KERNEL_TABLES                      \
	. = ALIGN(8);                      \
	__start_kparam_table = .;          \
	KEEP(*(kparam_table))              \
	__stop_kparam_table = .;           \
	__start_ktest_suites = .;          \
	KEEP(*(ktest_suites))              \
	__stop_ktest_suites = .;           \
	__start_uart_drivers = .;          \
	KEEP(*(uart_drivers))              \
	__stop_uart_drivers = .;

/* Must be the last thing in .rodata: its size changes between the two
 * link passes (scripts/kallsyms.py), and nothing may move with it. */
#define KALLSYMS_TABLE \
	. = ALIGN(8);  \
	KEEP(*(.rodata.kallsyms))

/*
 * The per-cpu template (mm/percpu.h): struct pcpu_hot first, so that this
 * CPU's number is at offset 0 of its area.  In .data, before the
 * catch-all .data.* pattern that would otherwise take it.
 */
#define PERCPU_SECTION                  \
	. = ALIGN(64);                  \
	__per_cpu_start = .;            \
	KEEP(*(.data..percpu..first))   \
	*(.data..percpu)                \
	. = ALIGN(64);                  \
	__per_cpu_end = .;

/* The boot stack, with an unmapped guard page below it. */
#define BOOT_STACK(size)            \
	. = ALIGN(4096);            \
	boot_stack_guard = .;       \
	. += 4096;                  \
	boot_stack = .;             \
	. += (size);                \
	boot_stack_top = .;

/*
 * Init text (R+X) and init data (R+W) on pages of their own, in the text
 * segment; [__init_begin, __init_end) is freed after boot.
 */
#define INIT_SECTIONS                                                     \
	. = ALIGN(4096);                                                  \
	__init_begin = .;                                                 \
	.init.text : { *(.init.text .init.text.*) } :text                 \
	_einittext = .;                                                   \
	. = ALIGN(4096);                                                  \
	_sinitdata = .;                                                   \
	.init.data : ALIGN(16) { *(.init.data .init.data.* .init.rodata) } \
		:text                                                     \
	. = ALIGN(4096);                                                  \
	__init_end = .;

/* clang-format on */
#endif
