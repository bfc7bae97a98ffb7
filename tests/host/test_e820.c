// SPDX-License-Identifier: MIT
/*
 * E820 table handling on the host: maps as real firmware reports them
 * (QEMU SeaBIOS, OVMF through GRUB, a laptop, a legacy BIOS with
 * overlaps), each with the sanitized table Linux would print, then crafted
 * bad tables (unsorted, overlapping, empty, wrapping, oversized, too
 * short) with what they print, and memmap= parsing with good and bad
 * input.
 */
#include <string.h>

#include <asm/e820.h>
#include <kernel/errno.h>
#include <mm/memblock.h>

#include "host.h"
#include "memblock_env.h"
#include "tap.h"

#define MiB (1ULL << 20)
#define GiB (1ULL << 30)

/* Ranges written as Linux prints them: first and last byte. */
struct range {
	u64 first, last;
	u32 type;
};

#define R(f, l, t)                                    \
	{                                             \
		0x##f##ULL, 0x##l##ULL, E820_TYPE_##t \
	}

static void load(const struct range *r, u32 n)
{
	static struct boot_e820_entry raw[E820_MAX_ENTRIES + 8];

	for (u32 i = 0; i < n; i++) {
		raw[i].addr = r[i].first;
		raw[i].size = r[i].last - r[i].first + 1;
		raw[i].type = r[i].type;
	}
	e820_table->nr_entries = 0;
	e820_userdef = false;
	append_e820_table(raw, n);
}

static bool table_is(const struct range *want, u32 n, const char *name)
{
	bool same = e820_table->nr_entries == n;

	for (u32 i = 0; same && i < n; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		same = e->addr == want[i].first &&
		       e->addr + e->size - 1 == want[i].last &&
		       e->type == want[i].type;
	}
	ok(same, "%s", name);
	if (!same) {
		for (u32 i = 0; i < e820_table->nr_entries; i++) {
			const struct e820_entry *e = &e820_table->entries[i];

			tap_diag("  got  [%#llx-%#llx] %u",
				 (unsigned long long)e->addr,
				 (unsigned long long)(e->addr + e->size - 1),
				 e->type);
		}
		for (u32 i = 0; i < n; i++)
			tap_diag("  want [%#llx-%#llx] %u",
				 (unsigned long long)want[i].first,
				 (unsigned long long)want[i].last,
				 want[i].type);
	}
	return same;
}

static void sanitize_and_check(const struct range *in, u32 nin,
			       const struct range *want, u32 nwant,
			       const char *name)
{
	char msg[128];

	load(in, nin);
	ok_eq(e820__update_table(e820_table), 0, "sanitize returns 0");
	snprintf(msg, sizeof(msg), "%s: sanitized table", name);
	table_is(want, nwant, msg);
	/* Sanitizing a clean table must not change it. */
	e820__update_table(e820_table);
	snprintf(msg, sizeof(msg), "%s: sanitizing is idempotent", name);
	table_is(want, nwant, msg);
}

#define N(a) ((u32)ARRAY_SIZE(a))

/* qemu-system-x86_64 -m 128M, SeaBIOS 1.16: already clean. */
static const struct range qemu_seabios[] = {
	R(0000000000000000, 000000000009fbff, RAM),
	R(000000000009fc00, 000000000009ffff, RESERVED),
	R(00000000000f0000, 00000000000fffff, RESERVED),
	R(0000000000100000, 0000000007fdffff, RAM),
	R(0000000007fe0000, 0000000007ffffff, RESERVED),
	R(00000000feffc000, 00000000feffffff, RESERVED),
	R(00000000fffc0000, 00000000ffffffff, RESERVED),
};

static void test_qemu_seabios(void)
{
	sanitize_and_check(qemu_seabios, N(qemu_seabios), qemu_seabios,
			   N(qemu_seabios), "QEMU SeaBIOS 128M");
	host_log_clear();
	e820__print_table("BIOS-e820");
	ok(host_log_contains(
		   "BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n"),
	   "print: first line exactly as Linux prints it");
	ok(host_log_contains(
		   "BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved\n"),
	   "print: reserved line");
	ok(host_log_contains(
		   "BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved\n"),
	   "print: BIOS ROM line");
	ok_eq(e820__total(E820_TYPE_RAM), 0x9fc00 + 0x7ee0000, "RAM total");
	ok_eq(e820__end_of_ram(), 0x7fe0000, "end of RAM");
	ok(e820__mapped_all(0x100000, 0x7fe0000, E820_TYPE_RAM),
	   "mapped_all over extended memory");
	ok(!e820__mapped_all(0x9f000, 0x200000, E820_TYPE_RAM),
	   "mapped_all fails across the hole");
	ok(e820__mapped_any(0x9f000, 0x200000, E820_TYPE_RESERVED),
	   "mapped_any finds the EBDA");
}

/*
 * OVMF 2022.11 on q35 with 256M, as GRUB's multiboot2 mmap tag passes it
 * on: the EFI memory map converted one descriptor per entry, so boot
 * services code/data and conventional memory sit side by side as separate
 * "usable" entries, NVS islands at 8 MiB, and GRUB's type 20 (firmware
 * runtime code) for the runtime services.
 */
static const struct range ovmf_raw[] = {
	R(0000000000000000, 000000000009ffff, RAM),
	R(0000000000100000, 00000000007fffff, RAM),
	R(0000000000800000, 0000000000807fff, NVS),
	R(0000000000808000, 000000000080afff, RAM),
	R(000000000080b000, 000000000080bfff, NVS),
	R(000000000080c000, 000000000080ffff, RAM),
	R(0000000000810000, 00000000008fffff, NVS),
	R(0000000000900000, 00000000014fffff, RAM),
	R(0000000001500000, 000000000e6fffff, RAM),
	R(000000000e700000, 000000000e7fffff, RAM),
	R(000000000e800000, 000000000e8fafff, RAM),
	{0xe8fb000, 0xe93afff, 20},
	R(000000000e93b000, 000000000eb6efff, RESERVED),
	R(000000000eb6f000, 000000000eb7efff, ACPI),
	R(000000000eb7f000, 000000000ebfefff, NVS),
	R(000000000ebff000, 000000000ef5ffff, RAM),
	R(000000000ef60000, 000000000ef63fff, RESERVED),
	R(000000000ef64000, 000000000ef65fff, NVS),
	R(000000000ef66000, 000000000fffffff, RAM),
	R(00000000b0000000, 00000000bfffffff, RESERVED),
	R(00000000ffc00000, 00000000ffffffff, RESERVED),
};

static const struct range ovmf_clean[] = {
	R(0000000000000000, 000000000009ffff, RAM),
	R(0000000000100000, 00000000007fffff, RAM),
	R(0000000000800000, 0000000000807fff, NVS),
	R(0000000000808000, 000000000080afff, RAM),
	R(000000000080b000, 000000000080bfff, NVS),
	R(000000000080c000, 000000000080ffff, RAM),
	R(0000000000810000, 00000000008fffff, NVS),
	R(0000000000900000, 000000000e8fafff, RAM),
	{0xe8fb000, 0xe93afff, 20},
	R(000000000e93b000, 000000000eb6efff, RESERVED),
	R(000000000eb6f000, 000000000eb7efff, ACPI),
	R(000000000eb7f000, 000000000ebfefff, NVS),
	R(000000000ebff000, 000000000ef5ffff, RAM),
	R(000000000ef60000, 000000000ef63fff, RESERVED),
	R(000000000ef64000, 000000000ef65fff, NVS),
	R(000000000ef66000, 000000000fffffff, RAM),
	R(00000000b0000000, 00000000bfffffff, RESERVED),
	R(00000000ffc00000, 00000000ffffffff, RESERVED),
};

static void test_ovmf(void)
{
	sanitize_and_check(ovmf_raw, N(ovmf_raw), ovmf_clean, N(ovmf_clean),
			   "OVMF q35 256M via GRUB");
	host_log_clear();
	e820__print_table("BIOS-e820");
	ok(host_log_contains(
		   "BIOS-e820: [mem 0x0000000000800000-0x0000000000807fff] ACPI NVS\n"),
	   "print: ACPI NVS");
	ok(host_log_contains(
		   "BIOS-e820: [mem 0x000000000eb6f000-0x000000000eb7efff] ACPI data\n"),
	   "print: ACPI data");
	ok(host_log_contains(
		   "BIOS-e820: [mem 0x000000000e8fb000-0x000000000e93afff] type 20\n"),
	   "print: unknown type as \"type 20\"");
}

/* A 2019 ultrabook (16 GiB, Intel, AMI UEFI CSM map), as in its dmesg. */
static const struct range laptop[] = {
	R(0000000000000000, 000000000009efff, RAM),
	R(000000000009f000, 00000000000fffff, RESERVED),
	R(0000000000100000, 0000000040afdfff, RAM),
	R(0000000040afe000, 0000000040afefff, NVS),
	R(0000000040aff000, 0000000040afffff, RESERVED),
	R(0000000040b00000, 0000000048ef0fff, RAM),
	R(0000000048ef1000, 000000004b2aefff, RESERVED),
	R(000000004b2af000, 000000004b310fff, ACPI),
	R(000000004b311000, 000000004b8b4fff, NVS),
	R(000000004b8b5000, 000000004bffefff, RESERVED),
	R(000000004bfff000, 000000004bffffff, RAM),
	R(000000004c000000, 000000004fffffff, RESERVED),
	R(00000000fe000000, 00000000fe010fff, RESERVED),
	R(00000000fec00000, 00000000fec00fff, RESERVED),
	R(00000000fed00000, 00000000fed00fff, RESERVED),
	R(00000000fed10000, 00000000fed19fff, RESERVED),
	R(00000000fed84000, 00000000fed84fff, RESERVED),
	R(00000000fee00000, 00000000fee00fff, RESERVED),
	R(00000000ff000000, 00000000ffffffff, RESERVED),
	R(0000000100000000, 00000004afffffff, RAM),
};

static void test_laptop(void)
{
	sanitize_and_check(laptop, N(laptop), laptop, N(laptop),
			   "laptop with ACPI/NVS holes");
	ok_eq(e820__end_of_ram(), 0x4b0000000ULL, "laptop: RAM ends above 4G");
}

/*
 * A legacy BIOS of the kind Linux's sanitizer was written for: entries out
 * of order, the BIOS area listed twice, an ACPI table carved out of the
 * middle of a usable range instead of splitting it, and a zero-sized
 * entry.
 */
static const struct range legacy_raw[] = {
	R(0000000000100000, 000000001fffffff, RAM),
	R(0000000000000000, 000000000009fbff, RAM),
	R(00000000000e0000, 00000000000fffff, RESERVED),
	R(00000000000f0000, 00000000000fffff, RESERVED),
	R(000000000009fc00, 000000000009ffff, RESERVED),
	R(000000001ff00000, 000000001ff0ffff, ACPI),
	R(000000001ff10000, 000000001ff1ffff, NVS),
	R(00000000fec00000, 00000000fec00fff, RESERVED),
	R(00000000fffe0000, 00000000ffffffff, RESERVED),
};

static const struct range legacy_clean[] = {
	R(0000000000000000, 000000000009fbff, RAM),
	R(000000000009fc00, 000000000009ffff, RESERVED),
	R(00000000000e0000, 00000000000fffff, RESERVED),
	R(0000000000100000, 000000001fefffff, RAM),
	R(000000001ff00000, 000000001ff0ffff, ACPI),
	R(000000001ff10000, 000000001ff1ffff, NVS),
	R(000000001ff20000, 000000001fffffff, RAM),
	R(00000000fec00000, 00000000fec00fff, RESERVED),
	R(00000000fffe0000, 00000000ffffffff, RESERVED),
};

static void test_legacy(void)
{
	sanitize_and_check(legacy_raw, N(legacy_raw), legacy_clean,
			   N(legacy_clean), "legacy BIOS with overlaps");
}

/* Crafted: precedence is by type number, RAM always loses. */
static void test_precedence(void)
{
	static const struct range in[] = {
		R(0, fffff, RESERVED),
		R(0, 3fffff, RAM),
		R(200000, 2fffff, ACPI),
		R(280000, 2bffff, UNUSABLE),
		R(300000, 3fffff, RAM),
		R(380000, 38ffff, RESERVED_KERN),
		R(390000, 39ffff, SOFT_RESERVED),
		R(398000, 3a7fff, PRAM),
	};
	static const struct range want[] = {
		R(0, fffff, RESERVED),
		R(100000, 1fffff, RAM),
		R(200000, 27ffff, ACPI),
		R(280000, 2bffff, UNUSABLE),
		R(2c0000, 2fffff, ACPI),
		R(300000, 37ffff, RAM),
		R(380000, 38ffff, RESERVED_KERN),
		R(390000, 39ffff, SOFT_RESERVED),
		R(3a0000, 3a7fff, PRAM),
		R(3a8000, 3fffff, RAM),
	};

	sanitize_and_check(in, N(in), want, N(want), "type precedence");
}

static void test_unsorted_zero_adjacent(void)
{
	static const struct boot_e820_entry raw[] = {
		{0x300000, 0x100000, E820_TYPE_RAM},
		{0x100000, 0, E820_TYPE_RESERVED}, /* zero size */
		{0x100000, 0x100000, E820_TYPE_RAM},
		{0x200000, 0x100000, E820_TYPE_RAM},
		{0x500000, 0, E820_TYPE_RAM},
		{0x0, 0x9fc00, E820_TYPE_RAM},
	};
	static const struct range want[] = {
		R(0, 9fbff, RAM),
		R(100000, 3fffff, RAM),
	};

	e820_table->nr_entries = 0;
	ok_eq(append_e820_table(raw, N(raw)), 0, "unsorted table appended");
	e820__update_table(e820_table);
	table_is(want, N(want),
		 "unsorted: sorted, adjacent merged, zero dropped");
}

/* How often @needle occurs in the captured log. */
static unsigned int log_count(const char *needle)
{
	unsigned int n = 0;

	for (const char *p = strstr(host_log, needle); p;
	     p = strstr(p + 1, needle))
		n++;
	return n;
}

/* What a firmware table's faults print on the way in. */
static void test_fw_reports(void)
{
	static const struct range reserved_in_ram[] = {
		R(0, 9fbff, RAM),
		R(100000, 7fdffff, RAM),
		R(4000000, 4ffffff, RESERVED),
		R(4800000, 48fffff, ACPI),
		R(6000000, 6ffffff, RAM), /* same type: merged quietly */
	};
	static const struct range split[] = {
		R(0, 9fbff, RAM),
		R(100000, 3ffffff, RAM),
		R(4000000, 47fffff, RESERVED),
		R(4800000, 48fffff, ACPI),
		R(4900000, 4ffffff, RESERVED),
		R(5000000, 7fdffff, RAM),
	};
	static const struct boot_e820_entry unsorted[] = {
		{0x100000, 0x7ee0000, E820_TYPE_RAM},
		{0x0, 0x9fc00, E820_TYPE_RAM},
		{0xf0000, 0x10000, E820_TYPE_RESERVED},
	};
	static struct boot_e820_entry zeros[20 + 2];

	host_log_clear();
	load(qemu_seabios, N(qemu_seabios));
	ok(!host_log_contains("e820:"), "a clean firmware map prints nothing");

	host_log_clear();
	sanitize_and_check(reserved_in_ram, N(reserved_in_ram), split, N(split),
			   "reserved inside RAM");
	ok(host_log_contains(
		   "e820: firmware entries 1 [mem 0x0000000000100000-0x0000000007fdffff] usable and 2 [mem 0x0000000004000000-0x0000000004ffffff] reserved overlap (3 overlapping pairs in all); the higher type wins\n"),
	   "overlap: first pair of different types named, pairs counted");
	ok(!host_log_contains("not sorted"), "overlap: not called unsorted");

	host_log_clear();
	load(split, 2);
	ok(!host_log_contains("overlap"), "touching entries do not overlap");

	host_log_clear();
	e820_table->nr_entries = 0;
	append_e820_table(unsorted, N(unsorted));
	ok(host_log_contains(
		   "e820: firmware map is not sorted: entry 1 at 0x0 follows entry 0 at 0x100000; sorting it\n"),
	   "unsorted: first out-of-order entry named");
	ok_eq(log_count("not sorted"), 1, "unsorted: reported once");
	ok(!host_log_contains("overlap"),
	   "unsorted: disjoint entries are no overlap");

	/* A garbage table: 20 empty entries around two good ones. */
	for (u32 i = 0; i < 20; i++)
		zeros[i] = (struct boot_e820_entry){(u64)i << 12, 0, 0};
	zeros[20] = (struct boot_e820_entry){0, 0x9fc00, E820_TYPE_RAM};
	zeros[21] = (struct boot_e820_entry){0x100000, 0x100000, E820_TYPE_RAM};
	host_log_clear();
	e820_table->nr_entries = 0;
	append_e820_table(zeros, N(zeros));
	ok_eq(e820_table->nr_entries, 2, "garbage: the two good entries kept");
	ok(host_log_contains(
		   "e820: firmware entry 0 [0x0 + 0x0] has size 0; skipped\n"),
	   "garbage: empty entry named");
	ok_eq(log_count("; skipped\n"), 8,
	      "garbage: per-entry messages stop after 8");
	ok(host_log_contains("e820: 20 firmware entries skipped in all\n"),
	   "garbage: total reported");
}

/* The kernel image is RAM whatever the map says (e820__set_ram). */
static void test_set_ram(void)
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

static void test_overflow(void)
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

static void test_too_many(void)
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

static void test_too_few(void)
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
static void test_basic_meminfo(void)
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
static void test_memblock_setup(void)
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

static void test_range_ops(void)
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

static void test_memmap(void)
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

	/* Bad input: reported, ignored, table unchanged. */
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

static void test_type_names(void)
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

int main(void)
{
	test_qemu_seabios();
	test_ovmf();
	test_laptop();
	test_legacy();
	test_precedence();
	test_unsorted_zero_adjacent();
	test_fw_reports();
	test_set_ram();
	test_overflow();
	test_too_many();
	test_too_few();
	test_basic_meminfo();
	test_memblock_setup();
	test_range_ops();
	test_memmap();
	test_type_names();
	return tap_done();
}
