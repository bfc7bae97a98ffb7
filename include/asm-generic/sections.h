/* SPDX-License-Identifier: MIT */
/*
 * The boot stack (asm-generic/kernel.lds.h places it): the one kernel
 * stack, with an unmapped guard page below it.
 */
#ifndef _ASM_GENERIC_SECTIONS_H
#define _ASM_GENERIC_SECTIONS_H

extern char boot_stack_guard[], boot_stack[], boot_stack_top[];

#endif /* _ASM_GENERIC_SECTIONS_H */
