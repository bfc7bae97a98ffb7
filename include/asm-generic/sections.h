/* SPDX-License-Identifier: MIT */
/*
 * Linker-script symbols describing the image (arch/<arch>/kernel.lds.S),
 * and the boot stack (asm-generic/kernel.lds.h places it): the one kernel
 * stack, with an unmapped guard page below it.
 */
#ifndef _ASM_GENERIC_SECTIONS_H
#define _ASM_GENERIC_SECTIONS_H

extern char _start[], _end[];
extern char _stext[], _etext[], _srodata[], _erodata[];
extern char _sdata[], _edata[], __bss_start[], __bss_stop[];
extern char __init_begin[], __init_end[];
/* The end of init text (kallsyms: init text follows text). */
extern char _einittext[];
/* Init data: page aligned after init text, for W^X. */
extern char _sinitdata[];
extern char boot_stack_guard[], boot_stack[], boot_stack_top[];

#endif /* _ASM_GENERIC_SECTIONS_H */
