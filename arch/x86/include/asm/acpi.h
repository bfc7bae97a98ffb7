/* SPDX-License-Identifier: MIT */
/*
 * The little of ACPI that SMP bring-up needs: find the RSDP, follow the
 * RSDT or XSDT to the MADT, and turn the MADT into plain data (the local
 * APIC address and one record per processor).  Layouts from the ACPI 6.5
 * specification, sections 5.2.5 (RSDP), 5.2.6 (table header), 5.2.7/8
 * (RSDT/XSDT) and 5.2.12 (MADT).
 *
 * The tables come from firmware, so every length, count and pointer is
 * checked before it is used.  arch/x86/kernel/acpi.c reads memory only
 * through struct acpi_mem, which lets the parser build and run on the
 * host against generated (and damaged) tables.
 */
#ifndef _ASM_X86_ACPI_H
#define _ASM_X86_ACPI_H

#include <kernel/compiler.h>
#include <kernel/types.h>

#define ACPI_RSDP_SIG "RSD PTR "
#define ACPI_RSDP_V1_SIZE 20
#define ACPI_RSDP_V2_SIZE 36
#define ACPI_SIG_RSDT "RSDT"
#define ACPI_SIG_XSDT "XSDT"
#define ACPI_SIG_MADT "APIC"

/* BIOS areas scanned for the RSDP when the loader does not pass it. */
#define ACPI_EBDA_PTR 0x40e /* real-mode segment of the EBDA */
#define ACPI_EBDA_SCAN 1024
#define ACPI_BIOS_ROM_START 0xe0000
#define ACPI_BIOS_ROM_END 0x100000

struct acpi_rsdp {
	char signature[8];
	u8 checksum; /* first 20 bytes sum to 0 */
	char oem_id[6];
	u8 revision; /* 0: ACPI 1.0 (20 bytes); 2 and up: 36 bytes */
	u32 rsdt_address;
	u32 length;
	u64 xsdt_address;
	u8 extended_checksum; /* all @length bytes sum to 0 */
	u8 reserved[3];
} __packed;

struct acpi_table_header {
	char signature[4];
	u32 length; /* of the whole table, header included */
	u8 revision;
	u8 checksum; /* all @length bytes sum to 0 */
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	u32 asl_compiler_id;
	u32 asl_compiler_revision;
} __packed;

struct acpi_table_madt {
	struct acpi_table_header header;
	u32 address; /* local APIC physical address */
	u32 flags;   /* bit 0: PC-AT dual 8259 PICs present */
} __packed;

struct acpi_subtable_header {
	u8 type;
	u8 length;
} __packed;

enum acpi_madt_type {
	ACPI_MADT_TYPE_LOCAL_APIC = 0,
	ACPI_MADT_TYPE_IO_APIC = 1,
	ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE = 5,
	ACPI_MADT_TYPE_LOCAL_X2APIC = 9,
};

struct acpi_madt_local_apic {
	struct acpi_subtable_header header; /* length 8 */
	u8 processor_id;
	u8 id;
	u32 lapic_flags;
} __packed;

struct acpi_madt_local_apic_override {
	struct acpi_subtable_header header; /* length 12 */
	u16 reserved;
	u64 address;
} __packed;

struct acpi_madt_local_x2apic {
	struct acpi_subtable_header header; /* length 16 */
	u16 reserved;
	u32 local_apic_id;
	u32 lapic_flags;
	u32 uid;
} __packed;

#define ACPI_MADT_ENABLED (1U << 0)
#define ACPI_MADT_ONLINE_CAPABLE (1U << 1)

/*
 * Physical memory as the parser sees it: map() returns a pointer to
 * [@pa, @pa + @len) or NULL when that range cannot be read.  The parser
 * never reads outside what one map() call returned.
 */
struct acpi_mem {
	const void *(*map)(void *ctx, u64 pa, u64 len);
	void *ctx;
};

/* Processor records kept; more are counted in nr_dropped. */
#define ACPI_MADT_MAX_CPUS 256

struct acpi_cpu {
	u32 apic_id;
	u32 uid;     /* ACPI processor UID */
	bool x2apic; /* from a type 9 (x2APIC) entry */
};

/* The MADT as plain data: only enabled processors are listed. */
struct acpi_madt_info {
	u64 madt_pa;
	u64 lapic_addr; /* after any type 5 override */
	u32 flags;
	unsigned int nr_cpus;
	unsigned int nr_disabled; /* neither enabled nor online capable */
	unsigned int nr_hotplug;  /* online capable, not enabled now */
	unsigned int nr_dropped;  /* enabled, but no room or a duplicate */
	struct acpi_cpu cpu[ACPI_MADT_MAX_CPUS];
};

u64 acpi_scan_rsdp(const struct acpi_mem *mem);
int acpi_find_madt(const struct acpi_mem *mem, u64 rsdp_pa, u64 *madt_pa);
int acpi_parse_madt(const struct acpi_mem *mem, u64 madt_pa,
		    struct acpi_madt_info *info);

#endif /* _ASM_X86_ACPI_H */
