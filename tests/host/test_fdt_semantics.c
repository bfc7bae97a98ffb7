// SPDX-License-Identifier: MIT
/*
 * Host FDT test: specific semantics on full.dtb (path lookup, aliases,
 * string lists, phandles, cells, status, NOP tokens) and dt_scan_memory()
 * on the QEMU dumps and crafted blobs.
 */
#include "fdt_fixture.h"

/* ---- specific semantics on full.dtb ---- */

/* Path lookup, aliases, stdout-path and bootargs. */
static void full_paths(const struct dt_blob *dt, const u8 *fdt)
{
	const char *s;
	int node;

	node = dt_path_offset(dt, "/a/b");
	ok(node >= 0 && !strcmp(dt_get_name(dt, node, NULL), "b@1"),
	   "\"/a/b\" matches the first b@unit, as libfdt does");
	ok_eq(dt_path_offset(dt, "/a/b@2/c"), fdt_path_offset(fdt, "/a/b@2/c"),
	      "/a/b@2/c");
	ok_eq(dt_path_offset(dt, "//a///b@2/c/"),
	      dt_path_offset(dt, "/a/b@2/c"),
	      "empty path components are skipped");
	ok_eq(dt_path_offset(dt, "/a/b@3"), -ENOENT, "missing unit address");
	ok_eq(dt_path_offset(dt, "/"), 0, "\"/\" is the root");
	ok_eq(dt_path_offset(dt, "nosuchalias"), -ENOENT, "unknown alias");
	ok_eq(dt_path_offset(dt, "serial0"),
	      dt_path_offset(dt, "/soc/serial@10000000"), "alias serial0");
	ok_eq(dt_path_offset(dt, "mem"), dt_path_offset(dt, "/memory@80000000"),
	      "alias with a path value");
	ok_eq(dt_stdout_path_node(dt),
	      dt_path_offset(dt, "/soc/serial@10000000"),
	      "stdout-path \"serial0:115200n8\" -> uart0");
	s = dt_chosen_bootargs(dt);
	ok(s && !strcmp(s, "console=ttyS0 mem=512M memblock=debug"),
	   "bootargs");
}

/* String lists and typed property reads. */
static void full_strings(const struct dt_blob *dt)
{
	int node = dt_path_offset(dt, "/soc/strs"), len;
	const char *s;

	ok_eq(dt_stringlist_count(dt, node, "list"), 4, "stringlist count");
	s = dt_stringlist_get(dt, node, "list", 3, &len);
	ok(s && !strcmp(s, "ccc") && len == 3, "stringlist_get 3");
	s = dt_stringlist_get(dt, node, "list", 2, &len);
	ok(s && len == 0, "empty string inside a list");
	ok(!dt_stringlist_get(dt, node, "list", 4, &len) && len == -ENOENT,
	   "stringlist_get past the end");
	ok_eq(dt_stringlist_count(dt, node, "empty-list"), 1, "\"\" is one");
	ok_eq(dt_stringlist_count(dt, node, "empty-prop"), 0,
	      "empty property has no strings");
	ok_eq(dt_stringlist_count(dt, node, "bad-list"), -EINVAL,
	      "unterminated last string -> -EINVAL");
	ok_eq(dt_stringlist_count(dt, node, "nope"), -ENOENT, "absent list");
	ok(dt_prop_has_string(dt, node, "list", "bb") &&
		   !dt_prop_has_string(dt, node, "list", "b") &&
		   !dt_prop_has_string(dt, node, "bad-list", "c"),
	   "dt_prop_has_string is exact and ignores unterminated tails");
	ok_eq(dt_getprop_u32(dt, node, "u32", 7), 0xdeadbeef, "getprop_u32");
	ok_eq(dt_getprop_u32(dt, node, "u64", 7), 7,
	      "getprop_u32 of an 8-byte property -> default");
	ok_eq(dt_getprop_u32(dt, node, "nope", 7), 7, "absent -> default");
	ok_eq(dt_read_number(dt_getprop(dt, node, "u64", NULL), 2),
	      0x123456789abcdef0ULL, "dt_read_number(2)");
	ok(!dt_getprop_string(dt, node, "bad-list") &&
		   !dt_getprop_string(dt, node, "empty-prop"),
	   "getprop_string rejects unterminated and empty values");
}

/* phandles, status, cell counts, reg and walk edges. */
static void full_nodes(const struct dt_blob *dt)
{
	int node, len, soc, cpu1;
	u64 a, sz;

	ok_eq(dt_node_offset_by_phandle(dt, 0x1234),
	      dt_path_offset(dt, "/soc/oldstyle@20000"), "linux,phandle");
	ok_eq(dt_node_offset_by_phandle(dt, 0), -EINVAL, "phandle 0");
	ok_eq(dt_node_offset_by_phandle(dt, ~0U), -EINVAL, "phandle -1");
	ok_eq(dt_node_offset_by_phandle(dt, 0x777), -ENOENT, "phandle absent");

	cpu1 = dt_path_offset(dt, "/cpus/cpu@1");
	ok(!dt_node_is_available(dt, cpu1), "status \"disabled\"");
	ok(dt_node_is_available(dt, dt_path_offset(dt, "/soc/serial@10001000")),
	   "status \"ok\"");
	ok(dt_node_is_available(dt, dt_path_offset(dt, "/cpus/cpu@0")),
	   "status \"okay\"");
	ok(dt_read_reg(dt, cpu1, 0, &a, &sz) == 0 && a == 1 && sz == 0,
	   "#size-cells 0 under /cpus: size reads as 0");
	soc = dt_path_offset(dt, "/soc");
	ok_eq(dt_address_cells(dt, soc), 1, "soc #address-cells");
	node = dt_path_offset(dt, "/soc/oldstyle@20000");
	ok(dt_reg_count(dt, node) == 2 &&
		   dt_read_reg(dt, node, 1, &a, &sz) == 0 && a == 0x30000 &&
		   sz == 0x20,
	   "1-cell bus, second reg entry");
	ok_eq(dt_read_reg(dt, node, 2, &a, &sz), -ENOENT, "reg index past end");
	ok_eq(dt_reg_count(dt, 0), -ENOENT, "root has no parent cells");
	ok_eq(dt_address_cells(dt, dt_path_offset(dt, "/a")), 2,
	      "#address-cells defaults to 2");
	ok_eq(dt_size_cells(dt, dt_path_offset(dt, "/a")), 1,
	      "#size-cells defaults to 1");
	ok_eq(dt_parent_offset(dt, 0), -ENOENT, "the root has no parent");
	ok(!dt_get_name(dt, 4, &len) && len < 0, "offset 4 is not a node");
	ok_eq(dt_first_child(dt, dt_path_offset(dt, "/soc/empty")), -ENOENT,
	      "empty node has no children");
	ok_eq(dt_node_offset_by_compatible(dt, -1, "test,generic"), 0,
	      "second compatible string of the root");
}

/* One search of dt_next_node_by_devtype() from @start, indexed and not, and
 * libfdt's for the same terminated value; the node found, or -1. */
static int devtype_step(const struct dt_blob *plain, const struct dt_blob *ix,
			const void *fdt, int start, const char *type)
{
	int a = dt_next_node_by_devtype(plain, start, type);
	int b = dt_next_node_by_devtype(ix, start, type);
	int c = fdt_node_offset_by_prop_value(fdt, start, "device_type", type,
					      (int)strlen(type) + 1);

	if (a != b || (a >= 0 ? a != c : a != -ENOENT || c >= 0))
		return -2;
	return a >= 0 ? a : -1;
}

/*
 * The index's device_type (dt_index_build()) finds what the property walk
 * finds: a terminated value only, not an unterminated or empty one, not
 * another type, in document order, from any start node.
 */
static void devtype_index(void)
{
	static const char unterminated[] = {'m', 'e', 'm', 'o', 'r', 'y'};
	static struct dt_index_node nodes[16];
	struct dt_index ix = {.node = nodes, .cap = ARRAY_SIZE(nodes)};
	u8 *fdt = calloc(1, 4096);
	struct dt_blob plain, dt;
	int n, found = 0, next = -1;

	fdt_create_empty_tree(fdt, 4096);
	n = fdt_add_subnode(fdt, 0, "m5");
	fdt_setprop_string(fdt, n, "compatible", "test,mem");
	fdt_setprop_string(fdt, n, "device_type", "memory");
	n = fdt_add_subnode(fdt, fdt_add_subnode(fdt, 0, "m4"), "cpu");
	fdt_setprop_string(fdt, n, "device_type", "cpu");
	n = fdt_add_subnode(fdt, 0, "m3");
	fdt_setprop(fdt, n, "device_type", "", 0);
	n = fdt_add_subnode(fdt, 0, "m2");
	fdt_setprop(fdt, n, "device_type", unterminated, sizeof(unterminated));
	n = fdt_add_subnode(fdt, 0, "m1");
	fdt_setprop_string(fdt, n, "device_type", "memory");
	fdt_pack(fdt);
	dt_init(&plain, fdt, fdt_totalsize(fdt));
	dt = plain;
	ok(dt_index_build(&dt, &ix) == 0 && !plain.ix, "devtype blob indexed");
	do {
		next = devtype_step(&plain, &dt, fdt, next, "memory");
		found += next >= 0;
	} while (next >= 0);
	ok(next == -1 && found == 2,
	   "device_type \"memory\": the same 2 nodes indexed, walked and in libfdt");
	ok(devtype_step(&plain, &dt, fdt, -1, "cpu") ==
			   dt_path_offset(&dt, "/m4/cpu") &&
		   devtype_step(&plain, &dt, fdt, -1, "") == -1 &&
		   devtype_step(&plain, &dt, fdt, -1, "memor") == -1,
	   "device_type: a nested node; an empty or partial value matches nothing");
	free(fdt);
}

void test_full_semantics(void)
{
	size_t size;
	u8 *fdt = load("full.dtb", &size);
	struct dt_blob dt;
	int len, soc;

	devtype_index();
	dt_init(&dt, fdt, size);
	full_paths(&dt, fdt);
	full_strings(&dt);
	full_nodes(&dt);
	soc = dt_path_offset(&dt, "/soc");

	/* A NOP'd property disappears from every view; libfdt agrees. */
	fdt_nop_property(fdt, soc, "compatible");
	ok(!dt_getprop(&dt, soc, "compatible", &len) && len == -ENOENT &&
		   dt_first_property(&dt, soc) ==
			   fdt_first_property_offset(fdt, soc) &&
		   dt_check(&dt) == 0,
	   "NOP tokens are skipped");
	fdt_nop_node(fdt, dt_path_offset(&dt, "/a"));
	ok(dt_path_offset(&dt, "/a") == -ENOENT && dt_check(&dt) == 0 &&
		   dt_next_sibling(&dt, dt_path_offset(&dt, "/soc")) == -ENOENT,
	   "a NOP'd node is gone");
	free(fdt);
}

/* ---- dt_scan_memory ---- */

void test_scan_qemu(const char *name)
{
	static struct dt_mem_info info;
	size_t size;
	u8 *fdt = load(name, &size);
	struct dt_blob dt;
	int node, i = 0, bad = 0, len, r;
	const char *args;

	dt_init(&dt, fdt, size);
	host_log_clear();
	r = dt_scan_memory(&dt, &info);
	ok(r == 0, "%s: dt_scan_memory -> %d", name, r);
	fdt_for_each_subnode(node, fdt, 0)
	{
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
		const char *t = fdt_getprop(fdt, node, "device_type", NULL);
		const fdt32_t *nid =
			fdt_getprop(fdt, node, "numa-node-id", NULL);
		int j;

		if (!t || strcmp(t, "memory"))
			continue;
		for (j = 0; j < len / 16; j++, i++) {
			struct dt_mem_range *m = &info.memory[i];
			u64 b = ((u64)fdt32_to_cpu(reg[4 * j]) << 32) |
				fdt32_to_cpu(reg[4 * j + 1]);
			u64 s = ((u64)fdt32_to_cpu(reg[4 * j + 2]) << 32) |
				fdt32_to_cpu(reg[4 * j + 3]);

			if (i >= info.nr_memory || m->base != b ||
			    m->size != s ||
			    m->nid != (nid ? (int)fdt32_to_cpu(*nid) : 0) ||
			    strcmp(m->name, fdt_get_name(fdt, node, NULL)))
				bad++;
		}
	}
	ok(!bad && i == info.nr_memory && i > 0,
	   "%s: %d memory ranges match libfdt's /memory nodes", name, i);
	ok_eq(info.nr_reserved, fdt_num_mem_rsv(fdt),
	      "reserved = /memreserve/ (no /reserved-memory in QEMU dumps)");
	args = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "bootargs",
			   NULL);
	ok(args ? info.bootargs && !strcmp(args, info.bootargs)
		: !info.bootargs,
	   "%s: bootargs \"%s\"", name, args ? args : "(none)");
	ok(!info.has_initrd, "%s: no initrd", name);
	free(fdt);
}

static struct dt_mem_info info;

/* full.dtb: RAM, reservations, initrd, bootargs; initrd64.dtb: NUMA. */
static void scan_full(void)
{
	struct dt_blob dt;
	size_t size;
	u8 *fdt;
	int r;

	fdt = load("full.dtb", &size);
	dt_init(&dt, fdt, size);
	host_log_clear();
	r = dt_scan_memory(&dt, &info);
	ok_eq(r, 0, "full.dtb scans");
	ok(info.nr_memory == 3 && info.memory[0].base == 0x80000000 &&
		   info.memory[0].size == 0x20000000 &&
		   info.memory[2].base == 0x140000000ULL &&
		   !strcmp(info.memory[2].name, "memory@100000000"),
	   "three RAM ranges, the disabled node skipped");
	ok(info.nr_reserved == 4 && info.reserved[0].base == 0x80000000 &&
		   info.reserved[0].size == 0x80000 &&
		   info.reserved[0].flags == DT_MEM_NOMAP &&
		   !strcmp(info.reserved[0].name, "fw@80000000") &&
		   info.reserved[1].base == 0x90000000 &&
		   info.reserved[1].flags == 0 &&
		   info.reserved[2].base == 0x80000000 &&
		   info.reserved[2].size == 0x10000 &&
		   info.reserved[2].flags == DT_MEM_MEMRESERVE &&
		   info.reserved[3].base == 0x8f000000,
	   "reserved-memory (no-map flagged, disabled skipped) + memreserve");
	ok(info.nr_dynamic == 1 &&
		   host_log_contains(
			   "/reserved-memory/cma: dynamic reservation"),
	   "size-only reservation noted and logged");
	ok(info.has_initrd && info.initrd_start == 0x88000000 &&
		   info.initrd_end == 0x88100000,
	   "32-bit initrd cells");
	ok(info.bootargs && !strcmp(info.bootargs,
				    "console=ttyS0 mem=512M memblock=debug"),
	   "bootargs");
	ok(info.nr_numa_nodes == 1 && !info.has_distance_map &&
		   info.distance[0][0] == 10,
	   "no NUMA: one node");
	free(fdt);

	fdt = load("initrd64.dtb", &size);
	dt_init(&dt, fdt, size);
	host_log_clear();
	r = dt_scan_memory(&dt, &info);
	ok(r == 0 && info.has_initrd && info.initrd_start == 0x81000000 &&
		   info.initrd_end == 0x81800000,
	   "64-bit initrd cells");
	ok(info.nr_memory == 3 && info.memory[1].nid == 1 &&
		   info.memory[2].nid == 2 && info.nr_numa_nodes == 3 &&
		   host_log_contains(
			   "dt: /memory@90000000: reg[1] at 0xb0000000 has size 0, skipped"),
	   "numa-node-id per range, zero-size range skipped with a warning");
	ok(info.has_distance_map && info.distance[0][1] == 20 &&
		   info.distance[2][0] == 40 && info.distance[1][2] == 30 &&
		   info.distance[2][1] == 30 && info.distance[2][2] == 10,
	   "distance-map parsed (B->A defaults to A->B)");
	ok_eq(dt_stdout_path_node(&dt), dt_path_offset(&dt, "/uart@1000"),
	      "linux,stdout-path");
	free(fdt);
}

/* QEMU -numa, then a bad distance and a bad numa-node-id on it. */
static void scan_numa(const u8 *fdt, size_t size)
{
	struct dt_blob dt;
	int r, node, off;
	u8 *b;

	dt_init(&dt, fdt, size);
	r = dt_scan_memory(&dt, &info);
	ok(r == 0 && info.nr_memory == 2 && info.memory[1].nid == 1 &&
		   info.nr_numa_nodes == 2 && info.has_distance_map &&
		   info.distance[0][1] == 30 && info.distance[1][0] == 30,
	   "QEMU -numa: two nodes, distance 30");
	/* invalid distance -> NUMA off */
	b = dup_blob(fdt, size);
	node = fdt_path_offset(b, "/distance-map");
	off = prop_off(b, "/distance-map", "distance-matrix");
	put32(b + fdt_off_dt_struct(b) + off + 12 + 8, 5);
	dt_init(&dt, b, size);
	host_log_clear();
	r = dt_scan_memory(&dt, &info);
	ok(r == 0 && info.memory[1].nid == 0 && info.nr_numa_nodes == 1 &&
		   !info.has_distance_map &&
		   host_log_contains("invalid distance 5 from node 0 to 0") &&
		   host_log_contains("all memory on node 0"),
	   "a bad distance turns NUMA off");
	(void)node;
	free(b);
	/* numa-node-id too large -> NUMA off */
	b = dup_blob(fdt, size);
	fdt_setprop_inplace_u32(b, fdt_path_offset(b, "/memory@c0000000"),
				"numa-node-id", 99);
	dt_init(&dt, b, size);
	host_log_clear();
	r = dt_scan_memory(&dt, &info);
	ok(r == 0 && info.memory[1].nid == 0 &&
		   host_log_contains("numa-node-id 99 exceeds"),
	   "numa-node-id out of range turns NUMA off");
	free(b);
}

/* virt-numa2.dtb broken: a wrapping range, no memory, a bad blob. */
static void scan_broken(const u8 *fdt, size_t size)
{
	struct dt_blob dt;
	int r, off;
	u8 *b;

	/* overflowing range */
	b = dup_blob(fdt, size);
	off = prop_off(b, "/memory@c0000000", "reg");
	put32(b + fdt_off_dt_struct(b) + off + 12, 0xffffffff);
	put32(b + fdt_off_dt_struct(b) + off + 20, 1);
	dt_init(&dt, b, size);
	host_log_clear();
	r = dt_scan_memory(&dt, &info);
	ok(r == 0 && info.nr_memory == 1 &&
		   host_log_contains(
			   "dt: /memory@c0000000: reg[0] base 0xffffffffc0000000 + size 0x140000000 overflows"),
	   "overflowing base + size rejected, naming the node");
	free(b);

	/* no memory node */
	b = dup_blob(fdt, size);
	fdt_setprop_inplace(b, fdt_path_offset(b, "/memory@80000000"),
			    "device_type", "MEMORY", 7);
	fdt_setprop_inplace(b, fdt_path_offset(b, "/memory@c0000000"),
			    "device_type", "MEMORY", 7);
	dt_init(&dt, b, size);
	host_log_clear();
	ok(dt_scan_memory(&dt, &info) == -ENOENT &&
		   host_log_contains(
			   "dt: no /memory node with device_type \"memory\""),
	   "no memory node -> -ENOENT");
	free(b);

	/* damaged blob -> dt_check error, nothing returned */
	b = dup_blob(fdt, size);
	put32(b + 36, fdt_size_dt_struct(b) - 4);
	dt_init(&dt, b, size);
	ok(dt_scan_memory(&dt, &info) == -ERANGE && info.nr_memory == 0,
	   "damaged blob: scan refuses");
	free(b);
}

/* Too many ranges: keep the first DT_MAX_MEM and warn. */
static void scan_too_many(void)
{
	static u8 buf[8192];
	fdt32_t reg[2 * (DT_MAX_MEM + 8)];
	struct dt_blob dt;
	size_t sz;
	int r, i;
	u8 *b;

	for (i = 0; i < DT_MAX_MEM + 8; i++) {
		reg[2 * i] = cpu_to_fdt32(0x80000000U + i * 0x100000);
		reg[2 * i + 1] = cpu_to_fdt32(0x1000);
	}
	fdt_create(buf, sizeof(buf));
	fdt_add_reservemap_entry(buf, 0x80000000, 0x1000);
	fdt_finish_reservemap(buf);
	fdt_begin_node(buf, "");
	fdt_property_u32(buf, "#address-cells", 1);
	fdt_property_u32(buf, "#size-cells", 1);
	fdt_begin_node(buf, "memory@80000000");
	fdt_property_string(buf, "device_type", "memory");
	fdt_property(buf, "reg", reg, sizeof(reg));
	fdt_end_node(buf);
	fdt_begin_node(buf, "reserved-memory");
	fdt_property_u32(buf, "#address-cells", 1);
	fdt_property_u32(buf, "#size-cells", 1);
	fdt_begin_node(buf, "bad@0");
	fdt_property(buf, "reg", reg, 12);
	fdt_end_node(buf);
	fdt_end_node(buf);
	fdt_end_node(buf);
	fdt_finish(buf);
	sz = fdt_totalsize(buf);
	b = dup_blob(buf, sz);
	dt_init(&dt, b, sz);
	host_log_clear();
	r = dt_scan_memory(&dt, &info);
	ok(info.nr_memory == DT_MAX_MEM &&
		   info.memory[DT_MAX_MEM - 1].base ==
			   0x80000000U + (DT_MAX_MEM - 1) * 0x100000 &&
		   host_log_contains("more than 32 memory ranges"),
	   "too many memory ranges: first %d kept, warned", DT_MAX_MEM);
	ok(r == -EINVAL && info.nr_reserved == 1 &&
		   host_log_contains(
			   "reserved-memory/bad@0: reg length 12 is not a multiple of 8 bytes"),
	   "an unparsable reservation fails the scan (%d)", r);
	free(b);
}

void test_scan_semantics(void)
{
	size_t size;
	u8 *fdt;

	scan_full();
	fdt = load("virt-numa2.dtb", &size);
	scan_numa(fdt, size);
	scan_broken(fdt, size);
	free(fdt);
	scan_too_many();
}
