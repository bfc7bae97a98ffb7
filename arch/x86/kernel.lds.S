/* SPDX-License-Identifier: MIT */
/*
 * Kernel layout (x86_64): linked and loaded at CONFIG_KERNEL_LOAD_ADDR
 * (1 MiB), identity mapped.  Page-aligned sections so the direct map can
 * give text R+X, rodata R, data/bss R+W (W^X).  The Xen note sits in its
 * own PT_NOTE segment because QEMU's PVH loader looks for it there.
 */
OUTPUT_FORMAT("elf64-x86-64")
#include <asm-generic/kernel.lds.h>

OUTPUT_ARCH(i386:x86-64)
/* The multiboot2 entry; PVH uses the note's address instead. */
ENTRY(startup_32)

KERNEL_PHDRS(note PT_NOTE FLAGS(4);)

SECTIONS
{
	/* The multiboot2 header must be within the file's first 32 KiB. */
	HEAD_TEXT_SECTION
	.note.Xen : ALIGN(4) { KEEP(*(.note.Xen)) } :text :note
	TEXT_SECTION(.text.entry)
	INIT_SECTIONS
	RO_DATA_SECTION()
	RW_DATA_SECTION()
	/* The boot stack's guard page is not mapped by the direct map, so
	 * an overflow faults into the #DF stack. */
	BSS_SECTION(16384)

	/DISCARD/ : {
		*(.comment) *(.eh_frame) *(.note.GNU-stack) *(.note.gnu.*)
	}
}

ASSERT(_start == CONFIG_KERNEL_LOAD_ADDR, "the image must start at the load address")
ASSERT(mb2_header - _start < 32768 - 4096,
       "the multiboot2 header must be in the first 32 KiB of the file")
ASSERT(_end <= 0x80000000,
       "-mcmodel=small and the early 4 GiB map need the image below 2 GiB")
ASSERT((__init_begin & 4095) == 0 && (_sinitdata & 4095) == 0 &&
       (_srodata & 4095) == 0 && (_sdata & 4095) == 0 && (__bss_start & 4095) == 0,
       "sections must be page aligned for W^X")
ASSERT(((__bss_stop - __bss_start) & 3) == 0, "head.S clears BSS in 4-byte words")
