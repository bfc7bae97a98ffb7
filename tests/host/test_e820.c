// SPDX-License-Identifier: MIT
/*
 * E820 table handling on the host: maps as real firmware reports them
 * (QEMU SeaBIOS, OVMF through GRUB, a laptop, a legacy BIOS with
 * overlaps), each with the sanitized table Linux would print, then crafted
 * bad tables (unsorted, overlapping, empty) with what they print.  The
 * range edits, wrapping, oversized and too short tables and memmap=
 * parsing are in test_e820_edit.c; main() here runs both halves.
 */
#include <string.h>

#include "e820_fixture.h"
#include "host.h"
#include "tap.h"

void load(const struct range *r, u32 n)
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

bool table_is(const struct range *want, u32 n, const char *name)
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

/* qemu-system-x86_64 -m 128M, SeaBIOS 1.16: already clean. */
const struct range qemu_seabios[7] = {
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
	test_memmap_bad();
	test_type_names();
	return tap_done();
}
