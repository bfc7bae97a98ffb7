/* SPDX-License-Identifier: MIT */
/*
 * DOC: boot information
 *
 * What the firmware or loader handed the kernel, in one place.  The entry
 * code (arch/<arch>/boot/head.S and the first C function it calls) fills
 * the entry fields and passes the structure to start_kernel(), which
 * hands it to setup_arch(); setup_arch() completes the rest as it reads
 * the firmware table.  Nothing else carries boot data: no globals.
 *
 *   riscv: SBI firmware (OpenSBI, or U-Boot on top of it), a0 = hart id,
 *          a1 = the devicetree's physical address.
 *   x86:   PVH (ebx = struct hvm_start_info) or multiboot2 (eax = magic,
 *          ebx = the multiboot2 information).
 */
#ifndef _ASM_GENERIC_BOOT_INFO_H
#define _ASM_GENERIC_BOOT_INFO_H

/* Which entry path ran (head.S uses these, so plain numbers). */
#define BOOT_PROTO_UNKNOWN 0 /* x86: the multiboot2 entry without its magic */
#define BOOT_PROTO_MB2 1     /* x86: multiboot2 (GRUB) */
#define BOOT_PROTO_PVH 2     /* x86: PVH (QEMU -kernel) */
#define BOOT_PROTO_SBI 3     /* riscv: SBI firmware, a1 = devicetree */

#ifndef __ASSEMBLY__
#include <kernel/types.h>

struct boot_info {
	/* Set by the entry code. */
	u32 protocol;		/* BOOT_PROTO_* */
	unsigned long boot_cpu; /* riscv: the boot hart's id; x86: 0 */
	phys_addr_t fw_table;	/* devicetree, PVH start info or multiboot2
				 * information: physical address, 0 if none */

	/* Completed by setup_arch() while it reads the table. */
	size_t fw_table_size;  /* bytes, once known (riscv: the devicetree) */
	bool fw_table_builtin; /* the kernel's built-in devicetree replaced
				* the firmware's (CONFIG_BUILTIN_DTB) */
	const char *cmdline;   /* the loader's command line (NULL: none);
				* cmdline_init() adds the built-in one */
};
#endif

#endif /* _ASM_GENERIC_BOOT_INFO_H */
