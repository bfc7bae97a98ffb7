// SPDX-License-Identifier: MIT
/*
 * E820 host test, second half: the kernel image forced to RAM, wrapping,
 * oversized and too short tables, the basic-meminfo fallback,
 * e820__memblock_setup() with small memblock arrays, range edits and
 * memmap= parsing.  main() is in test_e820.c.
 */
#include <string.h>

#include <kernel/errno.h>
#include <mm/memblock.h>

#include "e820_fixture.h"
#include "host.h"
#include "memblock_env.h"
#include "tap.h"

/* The kernel image is RAM whatever the map says (e820__set_ram). */
void test_set_ram(void)
{
	static const struct range hole[] = {
		R(0, 9fbff, RAM),
		R(1000000, 7fdffff, RAM),
	};
	static const struct range hole_fixed[] = {
		R(0, 9fbff, RAM),
		R(100000, 135fff, RAM),
		R(1000000, 7fdffff, RAM),
	};
	static const struct range typed[] = {
		R(0, 9fbff, RAM),
		R(100000, 1fffff, RESERVED),
		R(200000, 7fdffff, RAM),
	};
	static const struct range typed_fixed[] = {
		R(0, 9fbff, RAM),
		R(100000, 135fff, RAM),
		R(136000, 1fffff, RESERVED),
		R(200000, 7fdffff, RAM),
	};

	load(hole, N(hole));
	e820__update_table(e820_table);
	ok(!e820__mapped_all(0x100000, 0x136000, E820_TYPE_RAM),
	   "set_ram: image in a hole is not RAM");
	e820__set_ram(0x100000, 0x36000);
	table_is(hole_fixed, N(hole_fixed), "set_ram: hole filled with RAM");
	ok(e820__mapped_all(0x100000, 0x136000, E820_TYPE_RAM),
	   "set_ram: image covered");

	load(typed, N(typed));
	e820__update_table(e820_table);
	e820__set_ram(0x100000, 0x36000);
	table_is(typed_fixed, N(typed_fixed),
		 "set_ram: reserved over the image retyped, rest kept");
	e820__set_ram(0x100000, 0x36000);
	table_is(typed_fixed, N(typed_fixed), "set_ram: idempotent");
}

void test_overflow(void)
{
	static const struct boot_e820_entry raw[] = {
		{0x0, 0x9fc00, E820_TYPE_RAM},
		{0xfffffffffff00000ULL, 0x200000, E820_TYPE_RESERVED},
		{0x100000, 0x7f00000, E820_TYPE_RAM},
		{~0ULL, 2, E820_TYPE_RAM},
	};
	static const struct range want[] = {
		R(0, 9fbff, RAM),
		R(100000, 7ffffff, RAM),
	};

	host_log_clear();
	e820_table->nr_entries = 0;
	append_e820_table(raw, N(raw));
	ok_eq(e820_table->nr_entries, 2, "wrapping entries skipped");
	ok(host_log_contains("overflows 64 bits; skipped"),
	   "wrapping entry reported");
	e820__update_table(e820_table);
	table_is(want, N(want), "overflow: rest of the table kept");

	/* A range that ends exactly at 2^64 does not wrap. */
	static const struct boot_e820_entry top[] = {
		{0x0, 0x1000, E820_TYPE_RAM},
		{0xfffffffffffff000ULL, 0x1000, E820_TYPE_RESERVED},
	};
	e820_table->nr_entries = 0;
	append_e820_table(top, N(top));
	e820__update_table(e820_table);
	ok(e820_table->nr_entries == 2 &&
		   e820_table->entries[1].addr == 0xfffffffffffff000ULL &&
		   e820_table->entries[1].size == 0x1000,
	   "entry ending at 2^64 survives sanitizing");
}

void test_too_many(void)
{
	static struct boot_e820_entry raw[E820_MAX_ENTRIES + 8];

	/* 136 alternating 4 KiB entries: the last 8 do not fit. */
	for (u32 i = 0; i < N(raw); i++) {
		raw[i].addr = (u64)i * 0x1000;
		raw[i].size = 0x1000;
		raw[i].type = i & 1 ? E820_TYPE_RESERVED : E820_TYPE_RAM;
	}
	host_log_clear();
	e820_table->nr_entries = 0;
	append_e820_table(raw, N(raw));
	ok_eq(e820_table->nr_entries, E820_MAX_ENTRIES,
	      ">128 entries: table capped at 128");
	ok(host_log_contains("too many entries"), ">128 entries: reported");
	ok_eq(e820__update_table(e820_table), 0, ">128 entries: sanitizes");
	ok_eq(e820_table->nr_entries, E820_MAX_ENTRIES,
	      ">128 entries: nothing merged (types alternate)");

	/* All of one type: they merge into one. */
	for (u32 i = 0; i < N(raw); i++)
		raw[i].type = E820_TYPE_RAM;
	e820_table->nr_entries = 0;
	append_e820_table(raw, N(raw));
	e820__update_table(e820_table);
	ok(e820_table->nr_entries == 1 &&
		   e820_table->entries[0].size == E820_MAX_ENTRIES * 0x1000ULL,
	   ">128 entries of one type: first 128 merge into one");

	/* Splitting overlaps can need more than 128 output entries. */
	e820_table->nr_entries = 0;
	e820__range_add(0, 64 * MiB * 2, E820_TYPE_RAM);
	for (u32 i = 0; i < E820_MAX_ENTRIES - 1; i++)
		e820__range_add((u64)i * MiB + 0x1000, 0x1000,
				E820_TYPE_RESERVED);
	host_log_clear();
	e820__update_table(e820_table);
	ok_eq(e820_table->nr_entries, E820_MAX_ENTRIES,
	      "split overflow: truncated to 128 entries");
	ok(host_log_contains("truncated"), "split overflow: reported");
}

void test_too_few(void)
{
	static const struct boot_e820_entry one[] = {
		{0x0, 0x8000000, E820_TYPE_RAM},
	};

	host_log_clear();
	e820_table->nr_entries = 0;
	ok_eq(append_e820_table(one, 1), -EINVAL, "1-entry table refused");
	ok_eq(e820_table->nr_entries, 0, "1-entry table: nothing added");
	ok_eq(append_e820_table(one, 0), -EINVAL, "0-entry table refused");
	ok(host_log_contains("not trusting it"), "short table reported");
	ok_eq(__append_e820_table(one, 1), 0,
	      "__append_e820_table takes one entry");
	ok_eq(e820_table->nr_entries, 1, "unchecked append added it");
}

/*
 * A refused table falls back to the loader's basic memory sizes
 * (multiboot2 basic meminfo, KiB): QEMU's SeaBIOS reports 639 KiB low and
 * 129920 KiB from 1 MiB at -m 128M.
 */
void test_basic_meminfo(void)
{
	static const struct boot_e820_entry one[] = {
		{0x0, 0x8000000, E820_TYPE_RAM},
	};
	static const struct range want[] = {
		R(0, 9fbff, RAM),
		R(100000, 7fdffff, RAM),
	};

	host_log_clear();
	e820_table->nr_entries = 0;
	ok(append_e820_table(one, 1) < 0, "meminfo: 1-entry table refused");
	ok_eq(e820__basic_meminfo(639, 129920), 0, "meminfo: fallback taken");
	e820__update_table(e820_table);
	table_is(want, 2,
		 "meminfo: RAM below 639 KiB and 126.875 MiB from 1 MiB");

	ok_eq(e820__basic_meminfo(4096, 0), 0, "meminfo: low memory only");
	ok(e820_table->nr_entries == 1 &&
		   e820_table->entries[0].size == 640 * 1024 &&
		   host_log_contains("says 4096 KiB of low memory; using 640"),
	   "meminfo: low memory capped at 640 KiB, and said so");
	ok_eq(e820__basic_meminfo(0, 0), -ENODATA,
	      "meminfo: no memory: refused");
	ok_eq(e820_table->nr_entries, 0, "meminfo: refused leaves no table");
}

/* ---- e820__memblock_setup() with 16-entry memblock arrays ---- */
/*
 * 20 boot structures reserved before RAM is known (the loader's modules:
 * only 16 fit the static array), then 32 RAM entries (RAM from 1 MiB to
 * 129 MiB, a reserved page every 4 MiB).  Every structure must end up
 * reserved and none free, and all RAM must be memory.
 */
void test_memblock_setup(void)
{
	static struct boot_e820_entry raw[80];
	u64 ram = 0x9fc00;
	int err = 0, lost = 0;
	u32 n = 0;

	memblock_discard();
	host_sim_mem(0, 1 * GiB);
	host_log_clear();
	for (int i = 0; i < 20; i++)
		err |= e820__reserve_early(16 * MiB + i * MiB, 64 * 1024);
	ok_eq(err, 0, "20 early reservations: all kept");
	ok_eq(memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS,
	      "early reservations: the static array is full");

	raw[n++] = (struct boot_e820_entry){0, 0x9fc00, E820_TYPE_RAM};
	for (u64 a = 1 * MiB; a < 129 * MiB; a += 4 * MiB) {
		raw[n++] = (struct boot_e820_entry){a, 4 * MiB - 4096,
						    E820_TYPE_RAM};
		raw[n++] = (struct boot_e820_entry){a + 4 * MiB - 4096, 4096,
						    E820_TYPE_RESERVED};
		ram += 4 * MiB - 4096;
	}
	e820_table->nr_entries = 0;
	append_e820_table(raw, n);
	e820__update_table(e820_table);
	err = e820__memblock_setup();
	ok_eq(err, 0, "33 RAM entries, 20 early reservations: set up");
	ok(memblock.memory.max > INIT_MEMBLOCK_REGIONS &&
		   memblock.reserved.max > INIT_MEMBLOCK_REGIONS,
	   "both arrays grew (memory %lu, reserved %lu)", memblock.memory.max,
	   memblock.reserved.max);
	for (int i = 0; i < 20; i++)
		lost += memblock_free_overlaps(16 * MiB + i * MiB, 64 * 1024) ||
			!memblock_is_region_reserved(16 * MiB + i * MiB,
						     64 * 1024);
	ok_eq(lost, 0, "every early reservation reserved, none free");
	ok_eq(memblock_phys_mem_size(), ram & ~4095ULL,
	      "all E820 RAM is memory");
	ok(!host_log_contains("cannot"), "no failure reported");

	/* The waiting list is bounded: past it, the caller must stop. */
	memblock_discard();
	err = 0;
	for (int i = 0; i < INIT_MEMBLOCK_REGIONS + 96; i++)
		err |= e820__reserve_early(i * 2 * MiB, 4096);
	ok_eq(err, 0, "16 reserved + 96 waiting: kept");
	ok_eq(e820__reserve_early(1 * GiB, 4096), -ENOMEM,
	      "one more: -ENOMEM (the caller stops)");
	memblock_discard();
}

void test_range_ops(void)
{
	load(qemu_seabios, N(qemu_seabios));
	/* Update in the middle of a RAM entry splits it in three. */
	ok_eq(e820__range_update(0x1000000, 0x100000, E820_TYPE_RAM,
				 E820_TYPE_RESERVED),
	      0x100000, "range_update: bytes retyped");
	e820__update_table(e820_table);
	static const struct range want_upd[] = {
		R(0000000000000000, 000000000009fbff, RAM),
		R(000000000009fc00, 000000000009ffff, RESERVED),
		R(00000000000f0000, 00000000000fffff, RESERVED),
		R(0000000000100000, 0000000000ffffff, RAM),
		R(0000000001000000, 00000000010fffff, RESERVED),
		R(0000000001100000, 0000000007fdffff, RAM),
		R(0000000007fe0000, 0000000007ffffff, RESERVED),
		R(00000000feffc000, 00000000feffffff, RESERVED),
		R(00000000fffc0000, 00000000ffffffff, RESERVED),
	};
	table_is(want_upd, N(want_upd), "range_update: split in three");

	/* Only entries of the old type change. */
	ok_eq(e820__range_update(0, 0x100000, E820_TYPE_ACPI, E820_TYPE_NVS), 0,
	      "range_update: no ACPI entry to retype");

	/* Remove across several entries, type-checked. */
	ok_eq(e820__range_remove(0x80000, 0x100000, E820_TYPE_RAM, true),
	      0x1fc00 + 0x80000, "range_remove: RAM bytes removed");
	e820__update_table(e820_table);
	ok(e820__mapped_any(0x9fc00, 0xa0000, E820_TYPE_RESERVED) &&
		   !e820__mapped_any(0x80000, 0x180000, E820_TYPE_RAM),
	   "range_remove: reserved kept, RAM gone");

	/* Remove without type check, in the middle. */
	ok_eq(e820__range_remove(0x2000000, 0x1000000, 0, false), 0x1000000,
	      "range_remove unchecked: split");
	e820__update_table(e820_table);
	ok(!e820__mapped_any(0x2000000, 0x3000000, E820_TYPE_RAM) &&
		   e820__mapped_all(0x3000000, 0x7fe0000, E820_TYPE_RAM),
	   "range_remove unchecked: tail survives");

	/* Table full: range_add reports and drops. */
	e820_table->nr_entries = E820_MAX_ENTRIES;
	host_log_clear();
	e820__range_add(0x100000000ULL, GiB, E820_TYPE_RAM);
	ok(e820_table->nr_entries == E820_MAX_ENTRIES &&
		   host_log_contains("too many entries"),
	   "range_add on a full table is refused");
}

void test_memmap(void)
{
	load(qemu_seabios, N(qemu_seabios));
	ok_eq(e820__parse_memmap("16M$64M"), 0, "memmap=16M$64M");
	ok_eq(e820__parse_memmap("1M#0x2000000,2M!0x3000000"), 0,
	      "memmap=1M#..,2M!.. (list)");
	e820__finish_early_params();
	ok(e820_userdef, "memmap marks the map user-defined");
	ok(e820__mapped_all(64 * MiB, 80 * MiB, E820_TYPE_RESERVED),
	   "$: reserved range");
	ok(e820__mapped_all(32 * MiB, 33 * MiB, E820_TYPE_ACPI),
	   "#: ACPI range");
	ok(e820__mapped_all(48 * MiB, 50 * MiB, E820_TYPE_PRAM),
	   "!: PRAM range");
	ok(host_log_contains(
		   "user: [mem 0x0000000004000000-0x0000000004ffffff] reserved"),
	   "user map printed");
	ok(host_log_contains("persistent (type 12)"), "PRAM printed");

	/* exactmap + @ replaces everything. */
	load(qemu_seabios, N(qemu_seabios));
	ok_eq(e820__parse_memmap("exactmap"), 0, "memmap=exactmap");
	ok_eq(e820_table->nr_entries, 0, "exactmap empties the table");
	ok_eq(e820__parse_memmap("640K@0,64M@1M"), 0, "memmap=640K@0,64M@1M");
	e820__finish_early_params();
	static const struct range exact[] = {
		R(0, 9ffff, RAM),
		R(100000, 40fffff, RAM),
	};
	table_is(exact, N(exact), "exactmap result");

	/* Plain nn caps RAM like mem=. */
	load(qemu_seabios, N(qemu_seabios));
	ok_eq(e820__parse_memmap("64M"), 0, "memmap=64M");
	e820__update_table(e820_table);
	ok_eq(e820__end_of_ram(), 64 * MiB, "memmap=64M caps RAM");
	ok(e820__mapped_any(0xfffc0000, 0x100000000ULL, E820_TYPE_RESERVED),
	   "memmap=64M keeps reserved ranges");

	/* % retypes. */
	load(qemu_seabios, N(qemu_seabios));
	ok_eq(e820__parse_memmap("4M%8M-1+12"), 0, "memmap=4M%8M-1+12");
	e820__update_table(e820_table);
	ok(e820__mapped_all(8 * MiB, 12 * MiB, E820_TYPE_PRAM),
	   "%%: RAM retyped to PRAM");
	ok_eq(e820__parse_memmap("4M%8M-12"), 0, "memmap=4M%8M-12 (remove)");
	e820__update_table(e820_table);
	ok(!e820__mapped_any(8 * MiB, 12 * MiB, E820_TYPE_PRAM),
	   "%%-old: range removed");
	ok_eq(e820__parse_memmap("4M%8M+1"), 0, "memmap=4M%8M+1 (add)");
	e820__update_table(e820_table);
	ok(e820__mapped_all(MiB, 16 * MiB, E820_TYPE_RAM), "%%+new: RAM added");
}

/* Bad input: reported, ignored, table unchanged. */
void test_memmap_bad(void)
{
	static const char *const bad[] = {
		"",
		"junk",
		"64M@",
		"64M@x",
		"64M*1G",
		"0@1G",
		"64M@1Gzz",
		"4M%8M",
		"4M%8M-x",
		"4M%8M+0",
		"exactmapx",
		"16E@16E",
		"99999999999999999999999@0",
	};

	for (u32 i = 0; i < N(bad); i++) {
		load(qemu_seabios, N(qemu_seabios));
		host_log_clear();
		ok(e820__parse_memmap(bad[i]) == -EINVAL, "memmap=%s rejected",
		   bad[i]);
		ok(host_log_contains("memmap="), "memmap=%s: message", bad[i]);
		e820__update_table(e820_table);
		table_is(qemu_seabios, N(qemu_seabios), "  table unchanged");
	}

	/* A bad item in a list does not stop the good ones. */
	load(qemu_seabios, N(qemu_seabios));
	host_log_clear();
	ok(e820__parse_memmap("1M$0x2000000,,bogus,1M$0x3000000") == -EINVAL,
	   "list with bad items reports an error");
	e820__update_table(e820_table);
	ok(e820__mapped_all(32 * MiB, 33 * MiB, E820_TYPE_RESERVED) &&
		   e820__mapped_all(48 * MiB, 49 * MiB, E820_TYPE_RESERVED),
	   "good items around bad ones applied");
	ok(host_log_contains("empty item"), "empty item reported");
}

void test_type_names(void)
{
	char buf[16];

	ok(!strcmp(e820_type_name(E820_TYPE_PMEM, buf), "persistent (type 7)"),
	   "type 7 name");
	ok(!strcmp(e820_type_name(E820_TYPE_SOFT_RESERVED, buf),
		   "soft reserved"),
	   "soft reserved name");
	ok(!strcmp(e820_type_name(E820_TYPE_UNUSABLE, buf), "unusable"),
	   "unusable name");
	ok(!strcmp(e820_type_name(0xffffffffu, buf), "type 4294967295"),
	   "largest unknown type fits the buffer");
}
