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

/*
 * The image's segments: text R+X, rodata R, data R+W (W^X); @... adds the
 * arch's own (x86's PT_NOTE for the Xen note).
 */
#define KERNEL_PHDRS(...)                   \
	PHDRS {                             \
		text PT_LOAD FLAGS(5);      \
		rodata PT_LOAD FLAGS(4);    \
		data PT_LOAD FLAGS(6);      \
		__VA_ARGS__                 \
	}

/* The image starts at the load address with the boot header (.head.text). */
#define HEAD_TEXT_SECTION                               \
	. = CONFIG_KERNEL_LOAD_ADDR;                    \
	_start = .;                                     \
	_stext = .;                                     \
	.head.text : { KEEP(*(.head.text)) } :text

/*
 * The sections after the entry code, in the order every arch links them.
 * Each takes the arch's extra input sections (RISC-V's small-data .s*
 * sections) as its last arguments; an arch without any passes none.
 */

/* Text: @first (the trap or entry code) leads, then all other code. */
#define TEXT_SECTION(first)          \
	.text : ALIGN(16) {          \
		*(first)             \
		*(.text .text.*)     \
	} :text                      \
	_etext = .;

/* Read-only data (R), ending in the build's tables and the symbols. */
#define RO_DATA_SECTION(...)                      \
	.rodata : ALIGN(4096) {                   \
		_srodata = .;                     \
		*(.rodata .rodata.* __VA_ARGS__)  \
		KERNEL_TABLES                     \
		KALLSYMS_TABLE                    \
		_erodata = .;                     \
	} :rodata

/* Initialised data (R+W), the per-cpu template first. */
#define RW_DATA_SECTION(...)                      \
	.data : ALIGN(4096) {                     \
		_sdata = .;                       \
		PERCPU_SECTION                    \
		*(.data .data.* __VA_ARGS__)      \
		_edata = .;                       \
	} :data

/*
 * BSS (R+W, not in the file): page-aligned objects first, then the rest,
 * then the boot stack of @stack bytes over its guard page; _end closes
 * the image on a page boundary.
 */
#define BSS_SECTION(stack, ...)                         \
	.bss (NOLOAD) : ALIGN(4096) {                   \
		__bss_start = .;                        \
		*(.bss..page_aligned)                   \
		*(.bss .bss.* __VA_ARGS__ COMMON)       \
		BOOT_STACK(stack)                       \
		__bss_stop = .;                         \
	} :data                                         \
	. = ALIGN(4096);                                \
	_end = .;                                       \
	__image_size = _end - _start;

/* clang-format on */
#endif
