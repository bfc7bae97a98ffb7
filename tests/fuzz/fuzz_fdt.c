// SPDX-License-Identifier: MIT
/*
 * Fuzz target: the devicetree reader, the memory scan and the memblock
 * set-up the RISC-V kernel does at boot (lib/fdt*.c,
 * arch/riscv/kernel/fdt_memblock.c, mm/memblock*.c).
 *
 * The input is the blob itself, copied into a buffer of exactly its size
 * so AddressSanitizer sees any read past the end.  Each accepted blob is
 * walked node by node with every accessor, then dt_apply_memblock() runs
 * as in riscv_memblock_init() with the kernel at 0x80200000 and the blob
 * at 0x87e00000 (where OpenSBI puts it on a 128 MiB virt machine).
 * Checked besides memory safety: the walk terminates within the blob's
 * size, offsets stay inside the structure block, names and strings are
 * terminated inside the blob, and after a successful set-up the region
 * arrays are well formed and the kernel image is memory and reserved.
 */
#include <string.h>

#include <kernel/errno.h>
#include <kernel/fdt.h>
#include <asm/fdt_memblock.h>
#include <mm/memblock.h>

#include "fuzz_common.h"
#include "host.h"

#define KBASE 0x80200000ULL
#define KSIZE 0x200000ULL
#define DTB_PA 0x87e00000ULL

static struct dt_mem_info info;

static bool in_blob(const struct dt_blob *dt, const void *p, size_t len)
{
	const u8 *b = p;

	return b >= dt->base && len <= dt->size &&
	       b - dt->base <= (ptrdiff_t)(dt->size - len);
}

static void check_string(const struct dt_blob *dt, const char *s)
{
	if (!s)
		return;
	/* strlen() would run off the end under ASan if it is unterminated */
	FUZZ_ASSERT(in_blob(dt, s, strlen(s) + 1), "string outside the blob");
}

static void walk_props(const struct dt_blob *dt, int node)
{
	int prop, len, n = 0;

	dt_for_each_property(prop, dt, node) {
		const void *val = dt_property_value(dt, prop, &len);
		const char *name = dt_property_name(dt, prop);

		check_string(dt, name);
		if (val) {
			FUZZ_ASSERT(len >= 0 && in_blob(dt, val, (size_t)len),
				    "property value outside the blob");
			if (name)
				FUZZ_ASSERT(dt_getprop(dt, node, name, NULL),
					    "listed property not found");
		}
		FUZZ_ASSERT(++n <= (int)dt->size, "property walk loops");
	}
	(void)dt_stringlist_count(dt, node, "compatible");
	check_string(dt, dt_stringlist_get(dt, node, "compatible", 1, &len));
	check_string(dt, dt_getprop_string(dt, node, "device_type"));
	(void)dt_getprop_u32(dt, node, "#address-cells", 2);
	(void)dt_node_is_available(dt, node);
	(void)dt_get_phandle(dt, node);
}

static void walk(const struct dt_blob *dt)
{
	char path[DT_PATH_MAX], desc[DT_PATH_MAX];
	int node = -1, depth = 0, n = 0, child, len;
	u64 addr, size;

	while ((node = dt_next_node(dt, node, &depth)) >= 0) {
		FUZZ_ASSERT((u32)node < dt->size_struct,
			    "node offset %d outside the structure block", node);
		FUZZ_ASSERT(++n <= (int)dt->size, "node walk loops");
		check_string(dt, dt_get_name(dt, node, &len));
		/* A node name may hold '/', so the path need not resolve. */
		if (dt_get_path(dt, node, path, sizeof(path)) == 0)
			(void)dt_path_offset(dt, path);
		(void)dt_node_desc(dt, node, desc);
		(void)dt_parent_offset(dt, node);
		(void)dt_node_depth(dt, node);
		walk_props(dt, node);
		(void)dt_reg_count(dt, node);
		for (int i = 0; i < 3; i++)
			(void)dt_read_reg(dt, node, i, &addr, &size);
		dt_for_each_child(child, dt, node) {
			FUZZ_ASSERT(dt_parent_offset(dt, child) == node ||
					    dt_parent_offset(dt, child) < 0,
				    "child %d of %d has another parent", child,
				    node);
		}
	}
	for (int i = 0; i < dt_num_mem_rsv(dt) && i < 64; i++)
		(void)dt_get_mem_rsv(dt, i, &addr, &size);
	check_string(dt, dt_chosen_bootargs(dt));
	(void)dt_stdout_path_node(dt);
	check_string(dt, dt_get_alias(dt, "serial0"));
	(void)dt_node_offset_by_compatible(dt, -1, "sifive,test0");
	(void)dt_node_offset_by_phandle(dt, 1);
	(void)dt_path_offset(dt, "/soc/serial@10000000");
	(void)dt_path_offset(dt, "serial0");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	host_sim_mem(0x80000000ULL, 1ULL << 30);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dt_blob dt;
	u8 *copy = malloc(size ? size : 1);
	phys_addr_t limit = PHYS_ADDR_MAX;
	int err;

	memcpy(copy, data, size);
	host_log_clear();
	if (dt_init(&dt, copy, size) == 0) {
		FUZZ_ASSERT(dt.size <= size, "totalsize %u beyond %zu", dt.size,
			    size);
		if (dt_check(&dt) == 0)
			walk(&dt);
		/* A mem= cap from the header's boot_cpuid, now and then. */
		if (dt.boot_cpuid & 1)
			limit = (phys_addr_t)(dt.boot_cpuid & 0xff) << 20;
		fuzz_memblock_reset();
		err = dt_apply_memblock(&dt, &info, KBASE, KSIZE, DTB_PA,
					limit);
		fuzz_memblock_check();
		if (!err) {
			/* Page by page: nomap reservations may split the
			 * region the image sits in. */
			for (phys_addr_t p = KBASE;
			     limit == PHYS_ADDR_MAX && p < KBASE + KSIZE;
			     p += PAGE_SIZE) {
				FUZZ_ASSERT(memblock_is_memory(p),
					    "kernel page %#llx not in memory",
					    (unsigned long long)p);
				FUZZ_ASSERT(memblock_is_reserved(p),
					    "kernel page %#llx not reserved",
					    (unsigned long long)p);
			}
			FUZZ_ASSERT(memblock_phys_mem_size() >
					    memblock_reserved_size(),
				    "success without free memory");
		}
		for (int i = 0; !err && i < info.nr_memory; i++)
			FUZZ_ASSERT(
				info.memory[i].size &&
					info.memory[i].base +
							info.memory[i].size -
							1 >=
						info.memory[i].base,
				"bad memory range kept");
	}
	free(copy);
	return 0;
}
