/* SPDX-License-Identifier: MIT */
/*
 * The E820 memory map (Linux's names and semantics).
 *
 * Firmware describes physical memory as a list of typed ranges.  The boot
 * code copies the loader's list (PVH memmap, multiboot2 mmap tag) into
 * e820_table with append_e820_table(), the command line may edit it
 * (memmap=), e820__update_table() sanitizes it (sorted, no overlaps,
 * adjacent ranges of one type merged) and e820__memblock_setup() hands it
 * to memblock.  Everything but the memblock step is plain data handling,
 * so arch/x86/kernel/e820.c also builds on the host for unit tests.
 */
#ifndef _ASM_X86_E820_H
#define _ASM_X86_E820_H

#include <kernel/compiler.h>
#include <kernel/types.h>

/* Linux's limit for the legacy BIOS table; EFI maps fit comfortably. */
#define E820_MAX_ENTRIES 128

enum e820_type {
	E820_TYPE_RAM = 1,
	E820_TYPE_RESERVED = 2,
	E820_TYPE_ACPI = 3,
	E820_TYPE_NVS = 4,
	E820_TYPE_UNUSABLE = 5,
	E820_TYPE_PMEM = 7,
	/* Pre-ACPI-6.0 NVDIMMs ("persistent RAM", memmap=nn!ss). */
	E820_TYPE_PRAM = 12,
	/* EFI_MEMORY_SP: "specific purpose", left to drivers. */
	E820_TYPE_SOFT_RESERVED = 0xefffffff,
	/* RAM the kernel claimed before memblock existed (never firmware). */
	E820_TYPE_RESERVED_KERN = 128,
};

/* The layout firmware and loaders use (the BIOS INT 15h/E820 record). */
struct boot_e820_entry {
	u64 addr;
	u64 size;
	u32 type;
} __packed;

struct e820_entry {
	u64 addr;
	u64 size;
	u32 type; /* enum e820_type, or an unknown firmware value */
} __packed;

struct e820_table {
	u32 nr_entries;
	struct e820_entry entries[E820_MAX_ENTRIES];
};

/* The live table, and the firmware's view before memmap= edits. */
extern struct e820_table *e820_table;
extern struct e820_table *e820_table_firmware;

/*
 * Copy a loader's table into e820_table.  Returns -1 (and adds nothing)
 * for a table with fewer than two entries: no real machine has one, and
 * the caller must fall back to the loader's basic memory information.
 */
int append_e820_table(const struct boot_e820_entry *entries, u32 nr_entries);
/*
 * The same without the length check.  Empty entries and entries that
 * wrap 2^64 are skipped with a message; an unsorted table and overlaps
 * between entries of different types are reported (the sanitizer fixes
 * both).
 */
int __append_e820_table(const struct boot_e820_entry *entries, u32 nr_entries);
/*
 * Linux's last resort when the loader's table is refused: RAM from 0 for
 * @lower_kib KiB (at most 640) and from 1 MiB for @upper_kib KiB, as the
 * BIOS reported them (multiboot2's basic meminfo tag carries these).
 * Replaces e820_table.  Returns -1 (table left empty) when both are 0.
 */
int e820__basic_meminfo(u32 lower_kib, u32 upper_kib);

void e820__range_add(u64 start, u64 size, u32 type);
u64 e820__range_update(u64 start, u64 size, u32 old_type, u32 new_type);
u64 e820__range_remove(u64 start, u64 size, u32 old_type, bool check_type);
bool e820__mapped_any(u64 start, u64 end, u32 type);
bool e820__mapped_all(u64 start, u64 end, u32 type);

/* Sort, resolve overlaps (highest type wins), merge, drop empties. */
int e820__update_table(struct e820_table *table);
void e820__print_table(const char *who);
/* Text Linux prints for @type; @buf (16 bytes) holds "type N". */
const char *e820_type_name(u32 type, char *buf);

/*
 * memmap= (one option value, comma-separated items): exactmap,
 * nn[KMG]@ss (RAM), nn#ss (ACPI), nn$ss (reserved), nn!ss (PRAM),
 * nn%ss-old+new (retype), nn (drop RAM above nn).  Bad items are
 * reported and skipped; returns 0 or the last item's -EINVAL.
 */
int e820__parse_memmap(const char *arg);
/* After early params: sanitize and print the user map if it changed. */
void e820__finish_early_params(void);
/* True once memmap= has edited the table. */
extern bool e820_userdef;

/*
 * Make [start, start + size) RAM whatever it was (hole or any type) and
 * sanitize the table again: the kernel image is RAM wherever the loader
 * put it.
 */
void e820__set_ram(u64 start, u64 size);
/* Total bytes of @type in e820_table (after sanitizing). */
u64 e820__total(u32 type);
/* Highest end address of RAM, for the direct map. */
u64 e820__end_of_ram(void);

/*
 * arch/x86/kernel/e820_memblock.c: memblock's side.  Boot structures are
 * reserved with e820__reserve_early() before any memory is known: what the
 * static arrays cannot hold waits there (-ENOMEM when even that list is
 * full).  e820__memblock_setup() hands RAM to memblock, records what
 * waited, and returns an error (after a "stopping" message) when a
 * reservation cannot be recorded.
 */
int e820__reserve_early(u64 base, u64 size);
int e820__memblock_setup(void);

#endif /* _ASM_X86_E820_H */
