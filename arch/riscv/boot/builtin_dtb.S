/* SPDX-License-Identifier: MIT */
/* CONFIG_BUILTIN_DTB: the board's devicetree, linked into .rodata. */
	.section .rodata, "a"
	.balign 8
	.globl __builtin_dtb, __builtin_dtb_end
__builtin_dtb:
	.incbin BUILTIN_DTB_PATH
__builtin_dtb_end:
