// SPDX-License-Identifier: MIT
/*
 * Fuzz target: the x86 memory map path (arch/x86/kernel/e820.c and
 * e820_memblock.c) as setup_arch() runs it: firmware entries ->
 * append_e820_table() -> e820__update_table() (the change-point
 * sanitizer) -> command line (mem=, memmap=) -> e820__memblock_setup().
 *
 * Input: one byte N (entries), N entries of 17 bytes (8 address, 8 size,
 * 1 type selector: mostly the known types, sometimes a raw value), and
 * the rest as the command line.  Checked: the sanitized table is sorted,
 * disjoint, merged and free of empty or wrapping entries; at every entry
 * edge (and one byte either side) its type is the highest type of the
 * firmware entries covering that address, as the sanitizer promises; and
 * every memblock memory region lies in RAM of the final table.
 */
#include <string.h>

#include <asm/e820.h>
#include <kernel/cmdline.h>
#include <mm/memblock.h>

#include "fuzz_common.h"
#include "host.h"

#define ENTRY_BYTES 17
static struct boot_e820_entry raw[E820_MAX_ENTRIES + 8];

static u64 le64(const uint8_t *p)
{
	u64 v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static u32 pick_type(uint8_t t, const uint8_t *p)
{
	static const u32 known[] = {
		E820_TYPE_RAM,	E820_TYPE_RESERVED,	 E820_TYPE_ACPI,
		E820_TYPE_NVS,	E820_TYPE_UNUSABLE,	 E820_TYPE_PMEM,
		E820_TYPE_PRAM, E820_TYPE_SOFT_RESERVED, 0,
		E820_TYPE_RAM,	E820_TYPE_RAM,		 E820_TYPE_RESERVED};

	if (t < 240)
		return known[t % (sizeof(known) / sizeof(known[0]))];
	return (u32)le64(p) ^ t; /* an unknown firmware value */
}

/* Address and size: small, page-ish numbers most of the time. */
static u64 shape(u64 v, uint8_t sel)
{
	switch (sel & 3) {
	case 0:
		return v & 0xfffff000ULL; /* below 4 GiB, page aligned */
	case 1:
		return v & 0xffffULL;
	case 2:
		return v & 0xfffffffffULL;
	default:
		return v;
	}
}

/* Highest type among the accepted firmware entries covering @a. */
static u32 ref_type(u32 n, u64 a)
{
	u32 t = 0;

	for (u32 i = 0; i < n; i++) {
		u64 s = raw[i].addr, z = raw[i].size;

		if (!z || s + z - 1 < s)
			continue;
		if (a >= s && a - s < z && raw[i].type > t)
			t = raw[i].type;
	}
	return t;
}

static u32 table_type(u64 a)
{
	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (a >= e->addr && a - e->addr < e->size)
			return e->type;
	}
	return 0;
}

static void check_table(void)
{
	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		FUZZ_ASSERT(e->size, "entry %u empty", i);
		FUZZ_ASSERT(e->addr + e->size - 1 >= e->addr, "entry %u wraps",
			    i);
		if (!i)
			continue;
		FUZZ_ASSERT(e[-1].addr + e[-1].size <= e->addr,
			    "entry %u overlaps or is unsorted", i);
		FUZZ_ASSERT(e[-1].addr + e[-1].size != e->addr ||
				    e[-1].type != e->type,
			    "entry %u not merged", i);
	}
}

/*
 * Known limit, not checked: the sanitizer stores an end at 2^64 as ~0, so
 * an entry made of only the last byte [~0, 2^64) comes out empty.
 */
static void check_point(u32 n, u64 a)
{
	if (a == ~0ULL)
		return;
	FUZZ_ASSERT(table_type(a) == ref_type(n, a),
		    "type at %#llx is %u, firmware says %u",
		    (unsigned long long)a, table_type(a), ref_type(n, a));
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	host_sim_mem(0, 1ULL << 32);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u32 n;
	char *cmdline;
	int err;

	if (!size)
		return 0;
	n = data[0] % (E820_MAX_ENTRIES + 1);
	data++;
	size--;
	if (size < (size_t)n * ENTRY_BYTES)
		n = (u32)(size / ENTRY_BYTES);
	for (u32 i = 0; i < n; i++, data += ENTRY_BYTES, size -= ENTRY_BYTES) {
		raw[i].addr = shape(le64(data), data[16] >> 4);
		raw[i].size = shape(le64(data + 8), data[16] >> 6);
		raw[i].type = pick_type(data[16], data);
	}
	cmdline = malloc(size + 1);
	memcpy(cmdline, data, size);
	cmdline[size] = 0;
	host_log_clear();

	/* mem=~0 is "no limit": undo the previous input's mem=. */
	cmdline_init("mem=0xffffffffffffffff");
	parse_early_param();

	e820_table->nr_entries = 0;
	e820_userdef = false;
	if (append_e820_table(raw, n) == 0) {
		err = e820__update_table(e820_table);
		check_table();
		for (u32 i = 0;
		     !err && e820_table->nr_entries < E820_MAX_ENTRIES && i < n;
		     i++) {
			check_point(n, raw[i].addr);
			check_point(n, raw[i].addr - 1);
			check_point(n, raw[i].addr + raw[i].size);
			check_point(n, raw[i].addr + raw[i].size - 1);
		}
	}
	*e820_table_firmware = *e820_table;

	cmdline_init(cmdline);
	parse_early_param();
	e820__finish_early_params();
	check_table();

	fuzz_memblock_reset();
	e820__memblock_setup();
	fuzz_memblock_check();
	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		u32 t1 = table_type(r->base),
		    t2 = table_type(r->base + r->size - 1);

		if ((t1 != E820_TYPE_RAM && t1 != E820_TYPE_RESERVED_KERN) ||
		    (t2 != E820_TYPE_RAM && t2 != E820_TYPE_RESERVED_KERN)) {
			fputs(host_log, stderr);
			e820__print_table("final");
			__memblock_dump_all();
			fputs(host_log, stderr);
			FUZZ_ASSERT(0,
				    "memblock memory [%#llx+%#llx] is not RAM",
				    (unsigned long long)r->base,
				    (unsigned long long)r->size);
		}
	}
	memblock_set_debug(false);
	free(cmdline);
	return 0;
}
