// SPDX-License-Identifier: MIT
/*
 * DOC: KTAP suite "e820"
 *
 * The E820 sanitizer (e820__update_table()) on crafted tables inside the
 * kernel -- unsorted, overlapping (the higher type wins), zero-sized and
 * wrapping entries -- with the exact expected result, and the live map:
 * sanitized, and its RAM is what the page allocator manages.
 */
#include <kernel/init.h>
#include <kernel/ktest.h>
#include <kernel/string.h>
#include <mm/boot.h>
#include <mm/page_alloc.h>

#include <asm/e820.h>

static struct e820_table tbl;

struct ent {
	u64 addr, size;
	u32 type;
};

static void load(const struct ent *e, unsigned int n)
{
	memset(&tbl, 0, sizeof(tbl));
	for (unsigned int i = 0; i < n; i++) {
		tbl.entries[i].addr = e[i].addr;
		tbl.entries[i].size = e[i].size;
		tbl.entries[i].type = e[i].type;
	}
	tbl.nr_entries = n;
}

/* Compare the sanitized table with @want; one check per field. */
static void expect_table(struct ktest *t, const struct ent *want,
			 unsigned int n)
{
	KTEST_ASSERT_EQ(t, tbl.nr_entries, n);
	for (unsigned int i = 0; i < n; i++) {
		KTEST_EXPECT_EQ(t, tbl.entries[i].addr, want[i].addr);
		KTEST_EXPECT_EQ(t, tbl.entries[i].size, want[i].size);
		KTEST_EXPECT_EQ(t, tbl.entries[i].type, want[i].type);
	}
}

#define RAM E820_TYPE_RAM
#define RES E820_TYPE_RESERVED
#define ACPI E820_TYPE_ACPI
#define M(x) ((u64)(x) << 20)

static void e820_unsorted_and_merge(struct ktest *t)
{
	static const struct ent in[] = {
		{M(16), M(16), RAM}, {0, 0x9fc00, RAM},
		{M(1), M(15), RAM},  {0xf0000, 0x10000, RES},
		{M(64), M(1), ACPI},
	};
	static const struct ent out[] = {
		{0, 0x9fc00, RAM},
		{0xf0000, 0x10000, RES},
		{M(1), M(31), RAM}, /* touching RAM ranges merged */
		{M(64), M(1), ACPI},
	};

	load(in, ARRAY_SIZE(in));
	KTEST_EXPECT_EQ(t, e820__update_table(&tbl), 0);
	expect_table(t, out, ARRAY_SIZE(out));
	/* sanitizing a sanitized table changes nothing */
	KTEST_EXPECT_EQ(t, e820__update_table(&tbl), 0);
	expect_table(t, out, ARRAY_SIZE(out));
}

static void e820_overlaps(struct ktest *t)
{
	static const struct ent in[] = {
		{M(1), M(63), RAM},  /* RAM with a reserved hole punched */
		{M(8), M(2), RES},   /* inside */
		{M(60), M(8), ACPI}, /* straddling the end */
		{M(62), M(1), RAM},  /* lower type under ACPI: loses */
	};
	static const struct ent out[] = {
		{M(1), M(7), RAM},
		{M(8), M(2), RES},
		{M(10), M(50), RAM},
		{M(60), M(8), ACPI},
	};

	load(in, ARRAY_SIZE(in));
	KTEST_EXPECT_EQ(t, e820__update_table(&tbl), 0);
	expect_table(t, out, ARRAY_SIZE(out));
}

static void e820_zero_size_and_duplicates(struct ktest *t)
{
	static const struct ent in[] = {
		{M(4), 0, RES},	 {M(1), M(3), RAM}, {M(1), M(3), RAM},
		{M(2), 0, ACPI}, {M(1), M(1), RAM}, {M(100), 0, RAM},
	};
	static const struct ent out[] = {{M(1), M(3), RAM}};

	load(in, ARRAY_SIZE(in));
	KTEST_EXPECT_EQ(t, e820__update_table(&tbl), 0);
	expect_table(t, out, ARRAY_SIZE(out));
	/* nothing but empties: an empty table */
	load(in, 1);
	KTEST_EXPECT_EQ(t, e820__update_table(&tbl), 0);
	KTEST_EXPECT_EQ(t, tbl.nr_entries, 0);
}

static void e820_overflow(struct ktest *t)
{
	static const struct ent in[] = {
		{M(1), M(15), RAM},
		{~0ULL - M(1) + 1, M(2), RES}, /* wraps past 2^64: dropped */
		{~0ULL - M(1) + 1, M(1), RES}, /* ends exactly at 2^64: kept */
	};
	static const struct ent out[] = {
		{M(1), M(15), RAM},
		{~0ULL - M(1) + 1, M(1), RES},
	};

	load(in, ARRAY_SIZE(in));
	KTEST_EXPECT_EQ(t, e820__update_table(&tbl), 0);
	expect_table(t, out, ARRAY_SIZE(out));
	/* more entries than the table holds: refused, untouched */
	load(in, 1);
	tbl.nr_entries = E820_MAX_ENTRIES + 1;
	KTEST_EXPECT_TRUE(t, e820__update_table(&tbl) < 0);
	KTEST_EXPECT_EQ(t, tbl.entries[0].size, M(15));
}

static void e820_live_map(struct ktest *t)
{
	const struct e820_table *live = e820_table;
	unsigned long managed = 0;
	u64 ram = 0, ram_low = 0;
	struct zone *zone;

	KTEST_ASSERT_NOT_NULL(t, live);
	KTEST_ASSERT_TRUE(t, live->nr_entries >= 2);
	for (u32 i = 0; i < live->nr_entries; i++) {
		const struct e820_entry *e = &live->entries[i];

		KTEST_EXPECT_TRUE(t, e->size != 0);
		if (i)
			KTEST_EXPECT_TRUE(
				t, live->entries[i - 1].addr +
						   live->entries[i - 1].size <=
					   e->addr);
		if (e->type == RAM) {
			ram += e->size;
			if (e->addr < M(1))
				ram_low += e->size;
		}
	}
	KTEST_EXPECT_EQ(t, ram, e820__total(RAM));
	/* the kernel image is RAM in the map */
	KTEST_EXPECT_TRUE(t, e820__mapped_all(__pa(_stext), __pa(_etext), RAM));
	/* everything the buddy manages came from E820 RAM */
	for_each_populated_zone(zone) {
		managed += zone->managed_pages;
		KTEST_EXPECT_TRUE(t, PFN_PHYS(zone_end_pfn(zone)) <=
					     e820__end_of_ram());
		KTEST_EXPECT_TRUE(
			t, e820__mapped_any(PFN_PHYS(zone->zone_start_pfn),
					    PFN_PHYS(zone_end_pfn(zone)), RAM));
	}
	KTEST_EXPECT_TRUE(t, (u64)managed * PAGE_SIZE <= ram);
	/* and most of it, once deferred struct page init has handed the
	 * rest over (until then only its first part is managed) */
	if (!initmem_postponed)
		KTEST_EXPECT_TRUE(t, (u64)managed * PAGE_SIZE >= ram / 2);
	KTEST_EXPECT_TRUE(t, ram_low <= M(1));
}

static struct ktest_case e820_cases[] = {
	KTEST_CASE(e820_unsorted_and_merge),
	KTEST_CASE(e820_overlaps),
	KTEST_CASE(e820_zero_size_and_duplicates),
	KTEST_CASE(e820_overflow),
	KTEST_CASE(e820_live_map),
	{},
};
KTEST_SUITE(e820, e820_cases);
