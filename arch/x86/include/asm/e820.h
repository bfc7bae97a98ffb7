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
 * The functions below are arch/x86/kernel/e820.c's; their kernel-doc is
 * here, with the interface, so the host tests and tools read it too.
 */

/**
 * append_e820_table - copy a loader's memory map into e820_table
 * @entries: the loader's entries
 * @nr_entries: how many
 *
 * No real machine has fewer than two entries: such a table is refused
 * and the caller falls back to the loader's basic memory information.
 *
 * Return: 0, or -EINVAL (and nothing added) for fewer than two entries.
 */
int append_e820_table(const struct boot_e820_entry *entries, u32 nr_entries);
/**
 * __append_e820_table - append_e820_table() without the length check
 * @entries: the loader's entries
 * @nr_entries: how many
 *
 * Empty entries and entries that wrap 2^64 are skipped with a message;
 * an unsorted table and overlaps between entries of different types are
 * reported (the sanitizer fixes both).
 *
 * Return: 0.
 */
int __append_e820_table(const struct boot_e820_entry *entries, u32 nr_entries);
/**
 * e820__basic_meminfo - build e820_table from the BIOS memory sizes
 * @lower_kib: KiB of RAM from 0 (at most 640 are used)
 * @upper_kib: KiB of RAM from 1 MiB
 *
 * Linux's last resort when the loader's table is refused; multiboot2's
 * basic meminfo tag carries these two numbers.  Replaces e820_table.
 *
 * Return: 0, or -ENODATA (table left empty) when both are 0.
 */
int e820__basic_meminfo(u32 lower_kib, u32 upper_kib);

/**
 * e820__range_add - append a range to e820_table
 * @start: first byte
 * @size: length in bytes (0 adds nothing)
 * @type: enum e820_type
 *
 * A full table drops the range with a message.  Overlaps are left for
 * e820__update_table().
 */
void e820__range_add(u64 start, u64 size, u32 type);
/**
 * e820__range_update - retype part of e820_table
 * @start: first byte
 * @size: length in bytes (a range past 2^64 is cut there)
 * @old_type: only entries of this type change
 * @new_type: their type from now on
 *
 * Entries that straddle the range are split.
 *
 * Return: the number of bytes retyped.
 */
u64 e820__range_update(u64 start, u64 size, u32 old_type, u32 new_type);
/**
 * e820__range_remove - take a range out of e820_table
 * @start: first byte
 * @size: length in bytes (a range past 2^64 is cut there)
 * @old_type: only entries of this type go, if @check_type
 * @check_type: false removes whatever the range covers
 *
 * Return: the number of bytes removed.
 */
u64 e820__range_remove(u64 start, u64 size, u32 old_type, bool check_type);
/**
 * e820__mapped_any - whether any of a range is of a type
 * @start: first byte
 * @end: one past the last byte
 * @type: enum e820_type
 *
 * Return: true if an entry of @type overlaps [@start, @end).
 */
bool e820__mapped_any(u64 start, u64 end, u32 type);
/**
 * e820__mapped_all - whether all of a range is of a type
 * @start: first byte
 * @end: one past the last byte
 * @type: enum e820_type
 *
 * Needs a sanitized table (sorted, merged), as e820__update_table()
 * leaves it.
 *
 * Return: true if entries of @type cover [@start, @end) with no gap.
 */
bool e820__mapped_all(u64 start, u64 end, u32 type);

/**
 * e820__update_table - sanitize a table
 * @table: e820_table or another table of the same kind
 *
 * Sorts the entries, resolves overlaps (the highest type wins), merges
 * adjacent ranges of one type and drops empty ones.
 *
 * Return: 0, or -EINVAL (table untouched) when it claims more entries
 * than it holds.
 */
int e820__update_table(struct e820_table *table);
/**
 * e820__print_table - print e820_table as Linux does
 * @who: the line prefix ("BIOS-e820", "user")
 */
void e820__print_table(const char *who);
/**
 * e820_type_name - the text Linux prints for a type
 * @type: enum e820_type, or an unknown firmware value
 * @buf: 16 bytes, for "type N" when @type is unknown
 *
 * Return: the name, in static storage or in @buf.
 */
const char *e820_type_name(u32 type, char *buf);

/**
 * e820__parse_memmap - apply one memmap= option
 * @arg: its value, comma-separated items: exactmap, nn[KMG]@ss (RAM),
 *       nn#ss (ACPI), nn$ss (reserved), nn!ss (PRAM), nn%ss-old+new
 *       (retype), nn (drop RAM above nn)
 *
 * Bad items are reported and skipped.
 *
 * Return: 0, or -EINVAL when the last item was bad.
 */
int e820__parse_memmap(const char *arg);
/**
 * e820__finish_early_params - after the early parameters
 *
 * Sanitizes the table and prints the user-defined map if memmap= changed
 * it.
 */
void e820__finish_early_params(void);
/* True once memmap= has edited the table. */
extern bool e820_userdef;

/**
 * e820__set_ram - make a range RAM whatever it was
 * @start: first byte
 * @size: length in bytes
 *
 * Holes and entries of any type become RAM and the table is sanitized
 * again: the kernel image is RAM wherever the loader put it.
 */
void e820__set_ram(u64 start, u64 size);
/**
 * e820__total - bytes of one type in e820_table
 * @type: enum e820_type
 *
 * Return: the sum of the sizes of its entries (after sanitizing).
 */
u64 e820__total(u32 type);
/**
 * e820__end_of_ram - where RAM ends, for the direct map
 *
 * Return: the highest end address of a RAM entry, 0 without RAM.
 */
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
