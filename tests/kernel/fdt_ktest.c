// SPDX-License-Identifier: MIT
/*
 * FDT reader selftests on the devicetree the firmware passed at boot: the
 * checks hold on any valid board DT (and QEMU's virt and sifive_u), since
 * they compare the reader's answers with each other and with what the
 * kernel already derived from the same blob.
 */
#include <kernel/fdt.h>
#include <kernel/fdt_memory.h>
#include <kernel/ktest.h>
#include <kernel/string.h>

/* The arch keeps the boot DT (riscv: setup.c). */
extern struct dt_blob boot_dt;

static void fdt_header_valid(struct ktest *t)
{
	struct dt_blob copy;

	KTEST_EXPECT_EQ(t, dt_init(&copy, boot_dt.base, boot_dt.size), 0);
	KTEST_EXPECT_EQ(t, dt_check(&boot_dt), 0);
	KTEST_EXPECT_TRUE(t, boot_dt.version >= 16);
	/* One byte short of totalsize must be refused. */
	KTEST_EXPECT_TRUE(t,
			  dt_init(&copy, boot_dt.base, boot_dt.size - 1) < 0);
}

static void fdt_walk_and_paths(struct ktest *t)
{
	char path[256];
	int node, depth = 0, nodes = 0, bad = 0;

	for (node = dt_next_node(&boot_dt, -1, &depth); node >= 0;
	     node = dt_next_node(&boot_dt, node, &depth)) {
		nodes++;
		/* Every node's full path must lead back to it. */
		if (dt_get_path(&boot_dt, node, path, sizeof(path)) ||
		    dt_path_offset(&boot_dt, path) != node) {
			ktest_fail(t, __FILE__, __LINE__,
				   "node %d: path %s leads to %d", node, path,
				   dt_path_offset(&boot_dt, path));
			bad++;
		}
		if (node != 0 && dt_parent_offset(&boot_dt, node) < 0) {
			ktest_fail(t, __FILE__, __LINE__,
				   "node %d (%s, depth %d): no parent", node,
				   path, depth);
			bad++;
		}
	}
	KTEST_EXPECT_TRUE(t, nodes > 3);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, dt_path_offset(&boot_dt, "/"), 0);
	KTEST_EXPECT_TRUE(t, dt_path_offset(&boot_dt, "/no-such-node") < 0);
}

static void fdt_cpus_and_cells(struct ktest *t)
{
	int cpus = dt_path_offset(&boot_dt, "/cpus");
	int child, n = 0;

	KTEST_ASSERT_TRUE(t, cpus >= 0);
	KTEST_EXPECT_EQ(t, dt_address_cells(&boot_dt, cpus), 1);
	KTEST_EXPECT_EQ(t, dt_size_cells(&boot_dt, cpus), 0);
	KTEST_EXPECT_NE(
		t, dt_getprop_u32(&boot_dt, cpus, "timebase-frequency", 0), 0);
	for (child = dt_first_child(&boot_dt, cpus); child >= 0;
	     child = dt_next_sibling(&boot_dt, child)) {
		const char *type =
			dt_getprop_string(&boot_dt, child, "device_type");

		if (type && !strcmp(type, "cpu"))
			n++;
	}
	KTEST_EXPECT_TRUE(t, n >= 1);
}

static void fdt_memory_scan(struct ktest *t)
{
	static struct dt_mem_info info;
	u64 total = 0;

	KTEST_ASSERT_EQ(t, dt_scan_memory(&boot_dt, &info), 0);
	KTEST_EXPECT_TRUE(t, info.nr_memory >= 1);
	for (int i = 0; i < info.nr_memory; i++) {
		KTEST_EXPECT_TRUE(t, info.memory[i].size > 0);
		KTEST_EXPECT_TRUE(t, info.memory[i].base + info.memory[i].size >
					     info.memory[i].base);
		total += info.memory[i].size;
	}
	KTEST_EXPECT_TRUE(t, total >= (16ULL << 20));
}

static void fdt_stdout_path(struct ktest *t)
{
	int node = dt_stdout_path_node(&boot_dt);
	u64 addr, size;

	KTEST_ASSERT_TRUE(t, node > 0);
	KTEST_EXPECT_EQ(t, dt_read_reg(&boot_dt, node, 0, &addr, &size), 0);
	KTEST_EXPECT_TRUE(t, size > 0);
	KTEST_EXPECT_TRUE(t, dt_read_reg(&boot_dt, node, 99, &addr, &size) < 0);
}

static void fdt_compatible_and_phandle(struct ktest *t)
{
	int node = dt_node_offset_by_compatible(&boot_dt, -1, "riscv");
	int bad = 0;

	KTEST_EXPECT_TRUE(t, node >= 0);
	for (int n = dt_next_node(&boot_dt, -1, NULL); n >= 0;
	     n = dt_next_node(&boot_dt, n, NULL)) {
		u32 ph = dt_get_phandle(&boot_dt, n);

		if (ph && dt_node_offset_by_phandle(&boot_dt, ph) != n)
			bad++;
	}
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_TRUE(t,
			  dt_node_offset_by_phandle(&boot_dt, 0xfffffff0) < 0);
}

static struct ktest_case fdt_cases[] = {
	KTEST_CASE(fdt_header_valid),
	KTEST_CASE(fdt_walk_and_paths),
	KTEST_CASE(fdt_cpus_and_cells),
	KTEST_CASE(fdt_memory_scan),
	KTEST_CASE(fdt_stdout_path),
	KTEST_CASE(fdt_compatible_and_phandle),
	{},
};
KTEST_SUITE(fdt, fdt_cases);
