/* SPDX-License-Identifier: MIT */
/*
 * What the loaders hand the kernel: the PVH start info (QEMU -kernel,
 * Xen's PVH ABI, docs: xen/include/public/arch-x86/hvm/start_info.h) and
 * the multiboot2 information structure (GRUB; Multiboot2 spec 2.0,
 * section 3.6).  The layouts are fixed by those documents.
 */
#ifndef _ASM_X86_BOOT_H
#define _ASM_X86_BOOT_H

/* Which entry path ran: BOOT_PROTO_* (head.S passes it to x86_boot()). */
#include <asm-generic/boot_info.h>

#define MB2_HEADER_MAGIC 0xe85250d6
#define MB2_ARCH_I386 0
#define MB2_BOOTLOADER_MAGIC 0x36d76289
#define XEN_ELFNOTE_PHYS32_ENTRY 18
#define XEN_HVM_START_MAGIC 0x336ec578

/* GDT selectors (arch/x86/kernel/cpu.c builds the table; head.S an
 * early copy with the same layout). */
#define GDT_ENTRY_KERNEL_CS 1
#define GDT_ENTRY_KERNEL_DS 2
#define GDT_ENTRY_BOOT_CS32 3
#define GDT_ENTRY_TSS 4 /* 16 bytes: two slots */
#define __KERNEL_CS (GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS (GDT_ENTRY_KERNEL_DS * 8)
#define __BOOT_CS32 (GDT_ENTRY_BOOT_CS32 * 8)
#define __TSS_SEL (GDT_ENTRY_TSS * 8)

#ifdef __ASSEMBLY__
/* clang-format off */
/* Long mode reached: flat data segments, null fs/gs (head.S for the boot
 * CPU, kernel/trampoline.S for the others).  Clobbers eax. */
	.macro LOAD_SEGMENTS_64
	movl	$__KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	.endm
/* clang-format on */
#else
#include <kernel/compiler.h>
#include <kernel/types.h>

struct hvm_start_info {
	u32 magic;
	u32 version; /* 1 and up carry the memory map */
	u32 flags;
	u32 nr_modules;
	u64 modlist_paddr;
	u64 cmdline_paddr;
	u64 rsdp_paddr;
	u64 memmap_paddr;
	u32 memmap_entries;
	u32 reserved;
} __packed;

struct hvm_modlist_entry {
	u64 paddr;
	u64 size;
	u64 cmdline_paddr;
	u64 reserved;
} __packed;

struct hvm_memmap_table_entry {
	u64 addr;
	u64 size;
	u32 type; /* E820 numbering */
	u32 reserved;
} __packed;

/* Multiboot2 information: 8-byte header, then 8-byte aligned tags. */
struct mb2_info {
	u32 total_size;
	u32 reserved;
} __packed;

struct mb2_tag {
	u32 type;
	u32 size; /* including this header, excluding padding */
} __packed;

#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_LOADER_NAME 2
#define MB2_TAG_MODULE 3
#define MB2_TAG_BASIC_MEMINFO 4
#define MB2_TAG_MMAP 6
#define MB2_TAG_ACPI_OLD 14 /* a copy of the ACPI 1.0 RSDP */
#define MB2_TAG_ACPI_NEW 15 /* a copy of the ACPI 2.0+ RSDP */

struct mb2_tag_module {
	struct mb2_tag tag;
	u32 mod_start;
	u32 mod_end;
} __packed;

struct mb2_tag_meminfo {
	struct mb2_tag tag;
	u32 mem_lower; /* KiB from 0 */
	u32 mem_upper; /* KiB from 1 MiB */
} __packed;

struct mb2_tag_mmap {
	struct mb2_tag tag;
	u32 entry_size; /* stride; at least 24 */
	u32 entry_version;
} __packed;

struct mb2_mmap_entry {
	u64 addr;
	u64 len;
	u32 type;
	u32 zero;
} __packed;
#endif

#endif /* _ASM_X86_BOOT_H */
