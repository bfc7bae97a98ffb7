// SPDX-License-Identifier: MIT
/*
 * dt_apply_memblock() (arch/riscv/kernel/fdt_memblock.c) against memblock with
 * small static arrays (CONFIG_INIT_MEMBLOCK_REGIONS=16, see memblock.mk): more
 * firmware reservations than the arrays hold must all be recorded, none
 * may ever be free, and the grown arrays must not land on one.  When a
 * reservation really cannot be recorded the boot stops with a message.
 * Also the assumed map of the built-in devicetree (DT_APPLY_ASSUMED_MAP):
 * the RAM below the kernel stays reserved.
 *
 * Blobs are built with libfdt's sequential writer.
 */
#include <libfdt.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/fdt.h>
#include <asm/fdt_memblock.h>
#include <mm/memblock.h>

#include "host.h"
#include "memblock_env.h"
#include "tap.h"

#define KB 1024ULL
#define MB (1024ULL * KB)

#define RAM_BASE 0x80000000ULL
#define KBASE 0x80200000ULL
#define KSIZE (2 * MB)
#define DTB_PA 0x8fe00000ULL

/* ---- building blobs ---- */
struct rsv {
	u64 base, size;
	bool nomap;
};

static u8 blob[64 * 1024];

static void prop_reg(void *fdt, u64 base, u64 size)
{
	fdt64_t reg[2] = {cpu_to_fdt64(base), cpu_to_fdt64(size)};

	fdt_property(fdt, "reg", reg, sizeof(reg));
}

/*
 * One /memory node [mem_base, +mem_size), @n /reserved-memory children,
 * @nmr /memreserve/ entries.
 */
static void build(u64 mem_base, u64 mem_size, const struct rsv *r, int n,
		  const struct rsv *mr, int nmr)
{
	char name[48];
	void *fdt = blob;

	fdt_create(fdt, sizeof(blob));
	for (int i = 0; i < nmr; i++)
		fdt_add_reservemap_entry(fdt, mr[i].base, mr[i].size);
	fdt_finish_reservemap(fdt);
	fdt_begin_node(fdt, "");
	fdt_property_u32(fdt, "#address-cells", 2);
	fdt_property_u32(fdt, "#size-cells", 2);
	fdt_property_string(fdt, "model", "memblock-fdt host test");
	snprintf(name, sizeof(name), "memory@%llx",
		 (unsigned long long)mem_base);
	fdt_begin_node(fdt, name);
	fdt_property_string(fdt, "device_type", "memory");
	prop_reg(fdt, mem_base, mem_size);
	fdt_end_node(fdt);
	fdt_begin_node(fdt, "reserved-memory");
	fdt_property_u32(fdt, "#address-cells", 2);
	fdt_property_u32(fdt, "#size-cells", 2);
	fdt_property(fdt, "ranges", NULL, 0);
	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "rsv%d@%llx", i,
			 (unsigned long long)r[i].base);
		fdt_begin_node(fdt, name);
		prop_reg(fdt, r[i].base, r[i].size);
		if (r[i].nomap)
			fdt_property(fdt, "no-map", NULL, 0);
		fdt_end_node(fdt);
	}
	fdt_end_node(fdt);
	fdt_end_node(fdt);
	fdt_finish(fdt);
}

static struct dt_mem_info info;
static bool bottom_up;

static void reset(void)
{
	memblock_discard();
	memblock.bottom_up = bottom_up;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	host_log_clear();
}

static int apply(unsigned int flags)
{
	struct dt_blob dt;

	reset();
	if (dt_init(&dt, blob, sizeof(blob)) || dt_check(&dt)) {
		ok(0, "test blob is well formed");
		return -EINVAL;
	}
	return dt_apply_memblock_flags(&dt, &info, KBASE, KSIZE, DTB_PA,
				       PHYS_ADDR_MAX, flags);
}

/* Are all bytes of [b, +s) memory flagged MEMBLOCK_NOMAP? */
static bool all_nomap(u64 b, u64 s)
{
	for (u64 a = b; a < b + s; a += 4 * KB)
		if (!memblock_is_memory(a) || memblock_is_map_memory(a))
			return false;
	return true;
}

static bool array_overlaps(const struct memblock_type *t, u64 b, u64 s)
{
	u64 ab = __pa(t->regions), as = t->max * sizeof(t->regions[0]);

	return !memblock_array_is_static(t->regions) && ab < b + s &&
	       b < ab + as;
}

/*
 * 20 /reserved-memory children (every third no-map, none touching) and 4
 * /memreserve/ entries on 256 MiB: more than the 16 static entries of either
 * array.
 */
static void test_many_reservations(void)
{
	struct rsv r[20], mr[4];
	int err, bad_free = 0, bad_nomap = 0, bad_rsv = 0, on_array = 0;

	for (int i = 0; i < 20; i++)
		r[i] = (struct rsv){RAM_BASE + 0x1000000 + i * 0x100000,
				    0x10000 * (1 + i % 3), i % 3 == 0};
	for (int i = 0; i < 4; i++)
		mr[i] = (struct rsv){RAM_BASE + 0x4000000 + i * 0x200000,
				     0x8000, false};
	build(RAM_BASE, 256 * MB, r, 20, mr, 4);
	err = apply(0);
	ok_eq(err, 0, "20 reserved-memory nodes + 4 memreserve: applied");
	ok(memblock.memory.max > INIT_MEMBLOCK_REGIONS &&
		   memblock.reserved.max > INIT_MEMBLOCK_REGIONS,
	   "both arrays grew past the %d static entries (memory %lu, reserved %lu)",
	   INIT_MEMBLOCK_REGIONS, memblock.memory.max, memblock.reserved.max);
	for (int i = 0; i < 20; i++) {
		bad_free += memblock_free_overlaps(r[i].base, r[i].size);
		if (r[i].nomap)
			bad_nomap += !all_nomap(r[i].base, r[i].size);
		else
			bad_rsv += !memblock_is_region_reserved(r[i].base,
								r[i].size);
		on_array += array_overlaps(&memblock.memory, r[i].base,
					   r[i].size) ||
			    array_overlaps(&memblock.reserved, r[i].base,
					   r[i].size);
	}
	for (int i = 0; i < 4; i++) {
		bad_free += memblock_free_overlaps(mr[i].base, mr[i].size);
		bad_rsv += !memblock_is_region_reserved(mr[i].base, mr[i].size);
		on_array += array_overlaps(&memblock.reserved, mr[i].base,
					   mr[i].size);
	}
	ok_eq(bad_free, 0, "no reservation is free memory");
	ok_eq(bad_nomap, 0, "every no-map region is MEMBLOCK_NOMAP memory");
	ok_eq(bad_rsv, 0, "every map region and memreserve is reserved");
	ok_eq(on_array, 0, "no grown array sits on a reservation");
	ok(!memblock_free_overlaps(KBASE, KSIZE) &&
		   !memblock_free_overlaps(DTB_PA, fdt_totalsize(blob)),
	   "kernel image and blob stay reserved");
	ok_eq(memblock_phys_mem_size(), 256 * MB,
	      "all 256 MiB are memory (holes filled back)");
	ok(!host_log_contains("cannot"), "no failure reported");
}

/*
 * The reservations lie outside RAM and RAM is only the kernel image: the
 * reserved array cannot grow, so the boot must stop, not drop one.
 */
static void test_no_room(void)
{
	struct rsv r[20];
	int err;

	for (int i = 0; i < 20; i++)
		r[i] = (struct rsv){0x100000000ULL + i * 0x100000, 0x10000,
				    false};
	build(KBASE, KSIZE, r, 20, NULL, 0);
	err = apply(0);
	ok_eq(err, -ENOMEM, "reservations that cannot be recorded: -ENOMEM");
	ok(host_log_contains("memblock: cannot record the reservation of "
			     "rsv14@100e00000") &&
		   host_log_contains("stopping"),
	   "the first one that does not fit is named, with \"stopping\"");
}

/* Built-in devicetree: [first bank, kernel) stays reserved. */
static void test_assumed_map(void)
{
	int err;

	build(RAM_BASE, 128 * MB, NULL, 0, NULL, 0);
	err = apply(DT_APPLY_ASSUMED_MAP);
	ok_eq(err, 0, "assumed map: applied");
	ok(memblock_is_region_reserved(RAM_BASE, KBASE - RAM_BASE) &&
		   !memblock_free_overlaps(RAM_BASE, KBASE - RAM_BASE),
	   "assumed map: [RAM start, kernel) reserved");
	ok(host_log_contains("dt: the memory map is assumed (built-in "
			     "devicetree), not reported by the firmware") &&
		   host_log_contains("dt: assumed map: reserving [mem "
				     "0x0000000080000000-0x00000000801fffff]"),
	   "assumed map: said in the log");

	err = apply(0);
	ok(!err && memblock_free_overlaps(RAM_BASE, KBASE - RAM_BASE) &&
		   !host_log_contains("assumed"),
	   "firmware's own tree: nothing assumed below the kernel");
}

int main(void)
{
	host_sim_mem(RAM_BASE, 1ULL << 30);
	test_many_reservations();
	/* The same with the arrays growing into the lowest free pages. */
	bottom_up = true;
	test_many_reservations();
	bottom_up = false;
	test_no_room();
	test_assumed_map();
	return tap_done();
}
