// SPDX-License-Identifier: MIT
/*
 * Host tests for the FDT reader (lib/fdt*.c) and dt_scan_memory().
 *
 * Debian's libfdt is the oracle: for every blob in tests/host/fdt_blobs/
 * (QEMU dumps and dtc output of tests/dt/ sources) every node, property,
 * path, phandle, compatible, cell count, reg entry and /memreserve/ entry
 * libfdt sees must read the same through our dt_ functions.  Then damaged
 * blobs (each a single mutation of a good one) must fail with a negative
 * errno and a message naming the problem, and a random mutation loop
 * checks that nothing reads out of bounds (ASan) and every walk ends.
 *
 * Blobs are found under $SRCTREE (default ".").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include <kernel/compiler.h>
#include <kernel/fdt.h>
#include <kernel/fdt_memory.h>

#include "host.h"
#include "tap.h"

static const char *const blobs[] = {
	"virt-128m.dtb",  "virt-4g.dtb",       "virt-smp4-bootargs.dtb",
	"virt-numa2.dtb", "sifive_u-smp2.dtb", "full.dtb",
	"full-v16.dtb",	  "initrd64.dtb",      "deep.dtb",
};
#define NR_BLOBS ARRAY_SIZE(blobs)
static const char *const qemu_blobs[] = {
	"virt-128m.dtb",  "virt-4g.dtb",       "virt-smp4-bootargs.dtb",
	"virt-numa2.dtb", "sifive_u-smp2.dtb",
};

/* Load a blob into a buffer of exactly its size, so ASan sees overreads. */
static u8 *load(const char *name, size_t *sizep)
{
	const char *src = getenv("SRCTREE");
	char path[512];
	size_t n;
	FILE *f;
	u8 *buf;
	long sz;

	snprintf(path, sizeof(path), "%s/tests/host/fdt_blobs/%s",
		 src ? src : ".", name);
	f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	sz = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(sz);
	n = fread(buf, 1, sz, f);
	fclose(f);
	if (n != (size_t)sz) {
		fprintf(stderr, "%s: short read\n", path);
		exit(2);
	}
	*sizep = sz;
	return buf;
}

static u8 *dup_blob(const u8 *b, size_t size)
{
	u8 *c = malloc(size);

	memcpy(c, b, size);
	return c;
}

static void put32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* libfdt errors mapped to "is negative"; values compared otherwise. */
static bool same_result(int ours, int theirs)
{
	return (ours < 0 && theirs < 0) || ours == theirs;
}

/* Decode reg as the oracle, from libfdt reads only. */
static int oracle_reg(const void *fdt, int node, int parent, int idx, u64 *addr,
		      u64 *size)
{
	int ac = fdt_address_cells(fdt, parent),
	    sc = fdt_size_cells(fdt, parent);
	const fdt32_t *reg;
	int len, i;

	if (ac < 1 || ac > 2 || sc < 0 || sc > 2)
		return -1;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg)
		return -2;
	if (len % ((ac + sc) * 4))
		return -1;
	if (idx >= len / ((ac + sc) * 4))
		return -2;
	reg += idx * (ac + sc);
	*addr = *size = 0;
	for (i = 0; i < ac; i++)
		*addr = (*addr << 32) | fdt32_to_cpu(reg[i]);
	for (i = 0; i < sc; i++)
		*size = (*size << 32) | fdt32_to_cpu(reg[ac + i]);
	return 0;
}

struct cmp {
	int nodes, bad_walk, bad_name, bad_parent, bad_depth, bad_path;
	int bad_lookup, bad_props, bad_getprop, bad_child, bad_compat;
	int bad_phandle, bad_cells, bad_reg, bad_avail, regs, props;
};

static void compare_node(const void *fdt, const struct dt_blob *dt, int node,
			 struct cmp *c)
{
	char p1[DT_PATH_MAX], p2[DT_PATH_MAX], nick[DT_PATH_MAX];
	int l1, l2, po1, po2, parent, i, n;
	const char *n1, *n2, *at, *slash, *st;

	n1 = fdt_get_name(fdt, node, &l1);
	n2 = dt_get_name(dt, node, &l2);
	if (!n2 || l1 != l2 || strcmp(n1, n2))
		c->bad_name++;
	parent = fdt_parent_offset(fdt, node);
	if (!same_result(dt_parent_offset(dt, node), parent))
		c->bad_parent++;
	if (dt_node_depth(dt, node) != fdt_node_depth(fdt, node))
		c->bad_depth++;
	fdt_get_path(fdt, node, p1, sizeof(p1));
	if (dt_get_path(dt, node, p2, sizeof(p2)) || strcmp(p1, p2))
		c->bad_path++;
	/* Not always @node: "/a/b" finds "b@1" before "b", as in libfdt. */
	if (dt_path_offset(dt, p1) != fdt_path_offset(fdt, p1))
		c->bad_lookup++;
	/* The unit-address-less spelling resolves like libfdt's. */
	slash = strrchr(p1, '/');
	at = strchr(slash, '@');
	if (at) {
		snprintf(nick, sizeof(nick), "%.*s", (int)(at - p1), p1);
		if (!same_result(dt_path_offset(dt, nick),
				 fdt_path_offset(fdt, nick)))
			c->bad_lookup++;
	}

	/* Properties in lockstep, by offset, name, length and bytes. */
	po1 = fdt_first_property_offset(fdt, node);
	po2 = dt_first_property(dt, node);
	for (;;) {
		const void *v1, *v2, *g;
		const char *pn1, *pn2;
		int gl;

		if (!same_result(po2, po1)) {
			c->bad_props++;
			break;
		}
		if (po1 < 0)
			break;
		c->props++;
		v1 = fdt_getprop_by_offset(fdt, po1, &pn1, &l1);
		v2 = dt_property_value(dt, po2, &l2);
		pn2 = dt_property_name(dt, po2);
		if (!pn2 || strcmp(pn1, pn2) || l1 != l2 || memcmp(v1, v2, l1))
			c->bad_props++;
		g = dt_getprop(dt, node, pn1, &gl);
		if (g != fdt_getprop(fdt, node, pn1, &l1) || gl != l1)
			c->bad_getprop++;
		po1 = fdt_next_property_offset(fdt, po1);
		po2 = dt_next_property(dt, po2);
	}
	if (dt_getprop(dt, node, "no-such-property", &l2) || l2 != -ENOENT)
		c->bad_getprop++;

	/* Children in lockstep. */
	po1 = fdt_first_subnode(fdt, node);
	po2 = dt_first_child(dt, node);
	while (same_result(po2, po1) && po1 >= 0) {
		po1 = fdt_next_subnode(fdt, po1);
		po2 = dt_next_sibling(dt, po2);
	}
	if (!same_result(po2, po1))
		c->bad_child++;

	/* compatible: stringlist, is_compatible, search from the start. */
	n = fdt_stringlist_count(fdt, node, "compatible");
	if (!same_result(dt_stringlist_count(dt, node, "compatible"), n))
		c->bad_compat++;
	for (i = 0; i < n; i++) {
		const char *s1 =
			fdt_stringlist_get(fdt, node, "compatible", i, &l1);
		const char *s2 =
			dt_stringlist_get(dt, node, "compatible", i, &l2);

		if (s1 != s2 || l1 != l2 ||
		    !dt_node_is_compatible(dt, node, s1))
			c->bad_compat++;
		if (dt_node_offset_by_compatible(dt, -1, s1) !=
		    fdt_node_offset_by_compatible(fdt, -1, s1))
			c->bad_compat++;
		if (!same_result(dt_node_offset_by_compatible(dt, node, s1),
				 fdt_node_offset_by_compatible(fdt, node, s1)))
			c->bad_compat++;
	}
	if (dt_node_is_compatible(dt, node, "no,such-device"))
		c->bad_compat++;

	/* phandles */
	if (dt_get_phandle(dt, node) != fdt_get_phandle(fdt, node))
		c->bad_phandle++;
	if (fdt_get_phandle(fdt, node) &&
	    dt_node_offset_by_phandle(dt, fdt_get_phandle(fdt, node)) !=
		    fdt_node_offset_by_phandle(fdt, fdt_get_phandle(fdt, node)))
		c->bad_phandle++;

	/* cells and reg */
	if (!same_result(dt_address_cells(dt, node),
			 fdt_address_cells(fdt, node)) ||
	    !same_result(dt_size_cells(dt, node), fdt_size_cells(fdt, node)))
		c->bad_cells++;
	if (parent >= 0 && fdt_getprop(fdt, node, "reg", NULL)) {
		u64 a1, s1, a2, s2;
		int r1, r2;

		for (i = 0;; i++) {
			r1 = oracle_reg(fdt, node, parent, i, &a1, &s1);
			r2 = dt_read_reg(dt, node, i, &a2, &s2);
			if ((r1 == 0) != (r2 == 0) || (r1 && r2 >= 0) ||
			    (!r1 && (a1 != a2 || s1 != s2)))
				c->bad_reg++;
			if (r1)
				break;
			c->regs++;
		}
		if (r1 == -2 && dt_reg_count(dt, node) != i)
			c->bad_reg++;
	}

	st = fdt_getprop(fdt, node, "status", &l1);
	if (dt_node_is_available(dt, node) !=
	    (!st || !strcmp(st, "okay") || !strcmp(st, "ok")))
		c->bad_avail++;
}

static void compare_blob(const char *name)
{
	size_t size;
	u8 *fdt = load(name, &size);
	struct dt_blob dt;
	struct cmp c = {0};
	int o1, o2, d1 = -1, d2 = -1, n, i, bad;
	u64 a1, s1, a2, s2;
	const char *s;

	ok(fdt_check_header(fdt) == 0, "%s: libfdt accepts it", name);
	ok_eq(dt_init(&dt, fdt, size), 0, "dt_init accepts it");
	ok(dt_check(&dt) == 0, "%s: dt_check accepts it", name);
	ok(dt.size == fdt_totalsize(fdt) && dt.version == fdt_version(fdt) &&
		   dt.off_struct == fdt_off_dt_struct(fdt) &&
		   dt.off_strings == fdt_off_dt_strings(fdt) &&
		   dt.size_strings == fdt_size_dt_strings(fdt) &&
		   dt.off_rsvmap == fdt_off_mem_rsvmap(fdt) &&
		   dt.last_comp_version == fdt_last_comp_version(fdt) &&
		   dt.boot_cpuid == fdt_boot_cpuid_phys(fdt) &&
		   (fdt_version(fdt) < 17 ||
		    dt.size_struct == fdt_size_dt_struct(fdt)),
	   "%s: header fields match", name);

	/* The walk itself: same offsets and depths, same end. */
	o1 = fdt_next_node(fdt, -1, &d1);
	o2 = dt_next_node(&dt, -1, &d2);
	/* libfdt hands back a non-node offset once depth drops below 0. */
	while (o1 >= 0 && d1 >= 0 && o2 == o1 && d1 == d2) {
		c.nodes++;
		compare_node(fdt, &dt, o1, &c);
		o1 = fdt_next_node(fdt, o1, &d1);
		o2 = dt_next_node(&dt, o2, &d2);
	}
	if (!((o1 == -FDT_ERR_NOTFOUND || d1 < 0) && o2 == -ENOENT))
		c.bad_walk++;
	ok(!c.bad_walk && c.nodes > 3, "%s: walk visits the same %d nodes",
	   name, c.nodes);
	ok(!c.bad_name, "%s: node names match", name);
	ok(!c.bad_parent, "%s: parents match", name);
	ok(!c.bad_depth, "%s: depths match", name);
	ok(!c.bad_path, "%s: full paths match fdt_get_path", name);
	ok(!c.bad_lookup, "%s: path lookups (with and without @unit) match",
	   name);
	ok(!c.bad_props && c.props > 0, "%s: %d properties match byte for byte",
	   name, c.props);
	ok(!c.bad_getprop, "%s: dt_getprop matches fdt_getprop", name);
	ok(!c.bad_child, "%s: child / sibling iteration matches", name);
	ok(!c.bad_compat, "%s: compatible lists and searches match", name);
	ok(!c.bad_phandle, "%s: phandles and phandle lookups match", name);
	ok(!c.bad_cells, "%s: #address-cells / #size-cells match", name);
	ok(!c.bad_reg, "%s: %d reg entries decode the same", name, c.regs);
	ok(!c.bad_avail, "%s: status availability matches", name);

	/* /memreserve/ */
	n = fdt_num_mem_rsv(fdt);
	bad = dt_num_mem_rsv(&dt) != n;
	for (i = 0; i < n; i++) {
		fdt_get_mem_rsv(fdt, i, &a1, &s1);
		if (dt_get_mem_rsv(&dt, i, &a2, &s2) || a1 != a2 || s1 != s2)
			bad++;
	}
	bad += dt_get_mem_rsv(&dt, n, &a2, &s2) != -ENOENT;
	ok(!bad, "%s: %d /memreserve/ entries match", name, n);

	/* stdout-path and aliases */
	o1 = fdt_path_offset(fdt, "/chosen");
	s = o1 >= 0 ? fdt_getprop(fdt, o1, "stdout-path", NULL) : NULL;
	if (!s && o1 >= 0)
		s = fdt_getprop(fdt, o1, "linux,stdout-path", NULL);
	o1 = s ? fdt_path_offset_namelen(fdt, s, strcspn(s, ":")) : -1;
	ok(same_result(dt_stdout_path_node(&dt), o1),
	   "%s: stdout-path resolves to the same node (%d)", name, o1);
	o1 = fdt_path_offset(fdt, "/aliases");
	bad = 0;
	if (o1 >= 0) {
		int p;

		fdt_for_each_property_offset(p, fdt, o1)
		{
			const char *an;

			fdt_getprop_by_offset(fdt, p, &an, NULL);
			if (dt_get_alias(&dt, an) != fdt_get_alias(fdt, an) ||
			    !same_result(dt_path_offset(&dt, an),
					 fdt_path_offset(fdt, an)))
				bad++;
		}
	}
	ok(!bad, "%s: aliases resolve the same", name);

	/* device_type iteration */
	bad = 0;
	o1 = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", 7);
	o2 = dt_next_node_by_devtype(&dt, -1, "memory");
	while (o1 >= 0 && o1 == o2) {
		o1 = fdt_node_offset_by_prop_value(fdt, o1, "device_type",
						   "memory", 7);
		o2 = dt_next_node_by_devtype(&dt, o2, "memory");
	}
	ok(o1 == -FDT_ERR_NOTFOUND && o2 == -ENOENT,
	   "%s: device_type \"memory\" nodes found in the same order", name);
	free(fdt);
}

/* ---- specific semantics on full.dtb ---- */

static void test_full_semantics(void)
{
	size_t size;
	u8 *fdt = load("full.dtb", &size);
	struct dt_blob dt;
	int node, len, soc, cpu1;
	const char *s;
	u64 a, sz;

	dt_init(&dt, fdt, size);
	node = dt_path_offset(&dt, "/a/b");
	ok(node >= 0 && !strcmp(dt_get_name(&dt, node, NULL), "b@1"),
	   "\"/a/b\" matches the first b@unit, as libfdt does");
	ok_eq(dt_path_offset(&dt, "/a/b@2/c"), fdt_path_offset(fdt, "/a/b@2/c"),
	      "/a/b@2/c");
	ok_eq(dt_path_offset(&dt, "//a///b@2/c/"),
	      dt_path_offset(&dt, "/a/b@2/c"),
	      "empty path components are skipped");
	ok_eq(dt_path_offset(&dt, "/a/b@3"), -ENOENT, "missing unit address");
	ok_eq(dt_path_offset(&dt, "/"), 0, "\"/\" is the root");
	ok_eq(dt_path_offset(&dt, "nosuchalias"), -ENOENT, "unknown alias");
	ok_eq(dt_path_offset(&dt, "serial0"),
	      dt_path_offset(&dt, "/soc/serial@10000000"), "alias serial0");
	ok_eq(dt_path_offset(&dt, "mem"),
	      dt_path_offset(&dt, "/memory@80000000"),
	      "alias with a path value");
	ok_eq(dt_stdout_path_node(&dt),
	      dt_path_offset(&dt, "/soc/serial@10000000"),
	      "stdout-path \"serial0:115200n8\" -> uart0");
	s = dt_chosen_bootargs(&dt);
	ok(s && !strcmp(s, "console=ttyS0 mem=512M memblock=debug"),
	   "bootargs");

	node = dt_path_offset(&dt, "/soc/strs");
	ok_eq(dt_stringlist_count(&dt, node, "list"), 4, "stringlist count");
	s = dt_stringlist_get(&dt, node, "list", 3, &len);
	ok(s && !strcmp(s, "ccc") && len == 3, "stringlist_get 3");
	s = dt_stringlist_get(&dt, node, "list", 2, &len);
	ok(s && len == 0, "empty string inside a list");
	ok(!dt_stringlist_get(&dt, node, "list", 4, &len) && len == -ENOENT,
	   "stringlist_get past the end");
	ok_eq(dt_stringlist_count(&dt, node, "empty-list"), 1, "\"\" is one");
	ok_eq(dt_stringlist_count(&dt, node, "empty-prop"), 0,
	      "empty property has no strings");
	ok_eq(dt_stringlist_count(&dt, node, "bad-list"), -EINVAL,
	      "unterminated last string -> -EINVAL");
	ok_eq(dt_stringlist_count(&dt, node, "nope"), -ENOENT, "absent list");
	ok(dt_prop_has_string(&dt, node, "list", "bb") &&
		   !dt_prop_has_string(&dt, node, "list", "b") &&
		   !dt_prop_has_string(&dt, node, "bad-list", "c"),
	   "dt_prop_has_string is exact and ignores unterminated tails");
	ok_eq(dt_getprop_u32(&dt, node, "u32", 7), 0xdeadbeef, "getprop_u32");
	ok_eq(dt_getprop_u32(&dt, node, "u64", 7), 7,
	      "getprop_u32 of an 8-byte property -> default");
	ok_eq(dt_getprop_u32(&dt, node, "nope", 7), 7, "absent -> default");
	ok_eq(dt_read_number(dt_getprop(&dt, node, "u64", NULL), 2),
	      0x123456789abcdef0ULL, "dt_read_number(2)");
	ok(!dt_getprop_string(&dt, node, "bad-list") &&
		   !dt_getprop_string(&dt, node, "empty-prop"),
	   "getprop_string rejects unterminated and empty values");

	ok_eq(dt_node_offset_by_phandle(&dt, 0x1234),
	      dt_path_offset(&dt, "/soc/oldstyle@20000"), "linux,phandle");
	ok_eq(dt_node_offset_by_phandle(&dt, 0), -EINVAL, "phandle 0");
	ok_eq(dt_node_offset_by_phandle(&dt, ~0U), -EINVAL, "phandle -1");
	ok_eq(dt_node_offset_by_phandle(&dt, 0x777), -ENOENT, "phandle absent");

	cpu1 = dt_path_offset(&dt, "/cpus/cpu@1");
	ok(!dt_node_is_available(&dt, cpu1), "status \"disabled\"");
	ok(dt_node_is_available(&dt,
				dt_path_offset(&dt, "/soc/serial@10001000")),
	   "status \"ok\"");
	ok(dt_node_is_available(&dt, dt_path_offset(&dt, "/cpus/cpu@0")),
	   "status \"okay\"");
	ok(dt_read_reg(&dt, cpu1, 0, &a, &sz) == 0 && a == 1 && sz == 0,
	   "#size-cells 0 under /cpus: size reads as 0");
	soc = dt_path_offset(&dt, "/soc");
	ok_eq(dt_address_cells(&dt, soc), 1, "soc #address-cells");
	node = dt_path_offset(&dt, "/soc/oldstyle@20000");
	ok(dt_reg_count(&dt, node) == 2 &&
		   dt_read_reg(&dt, node, 1, &a, &sz) == 0 && a == 0x30000 &&
		   sz == 0x20,
	   "1-cell bus, second reg entry");
	ok_eq(dt_read_reg(&dt, node, 2, &a, &sz), -ENOENT,
	      "reg index past end");
	ok_eq(dt_reg_count(&dt, 0), -ENOENT, "root has no parent cells");
	ok_eq(dt_address_cells(&dt, dt_path_offset(&dt, "/a")), 2,
	      "#address-cells defaults to 2");
	ok_eq(dt_size_cells(&dt, dt_path_offset(&dt, "/a")), 1,
	      "#size-cells defaults to 1");
	ok_eq(dt_parent_offset(&dt, 0), -ENOENT, "the root has no parent");
	ok(!dt_get_name(&dt, 4, &len) && len < 0, "offset 4 is not a node");
	ok_eq(dt_first_child(&dt, dt_path_offset(&dt, "/soc/empty")), -ENOENT,
	      "empty node has no children");
	ok_eq(dt_node_offset_by_compatible(&dt, -1, "test,generic"), 0,
	      "second compatible string of the root");

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

/* ---- damaged blobs ---- */

static struct {
	u8 *good;
	size_t size;
} base;

/* A fresh copy of full.dtb (exact size) for one mutation. */
static u8 *fresh(void)
{
	host_log_clear();
	return dup_blob(base.good, base.size);
}

#define EXPECT_INIT(buf, avail, err, msg, what)                             \
	do {                                                                \
		struct dt_blob _dt;                                         \
		int _r = dt_init(&_dt, (buf), (avail));                     \
		ok(_r == (err) && host_log_contains(msg), "%s: %d, \"%s\"", \
		   what, _r, msg);                                          \
	} while (0)

static void test_bad_headers(void)
{
	u8 *b;
	struct dt_blob dt;

	b = fresh();
	put32(b, 0xd00dfeee);
	EXPECT_INIT(b, base.size, -EINVAL, "bad magic 0xd00dfeee", "bad magic");
	free(b);
	b = fresh();
	EXPECT_INIT(b, base.size - 1, -ERANGE, "exceeds the", "truncated blob");
	EXPECT_INIT(b, 4, -ERANGE, "too small for a header", "4 bytes");
	EXPECT_INIT(NULL, 100, -EINVAL, "NULL", "NULL blob");
	put32(b + 4, base.size + 64);
	EXPECT_INIT(b, base.size, -ERANGE, "totalsize", "totalsize > avail");
	put32(b + 4, 20);
	EXPECT_INIT(b, base.size, -EINVAL, "smaller than the header",
		    "tiny totalsize");
	free(b);
	b = fresh();
	put32(b + 20, 15);
	EXPECT_INIT(b, base.size, -EOPNOTSUPP, "version 15 is too old",
		    "version 15");
	free(b);
	b = fresh();
	put32(b + 24, 18);
	EXPECT_INIT(b, base.size, -EOPNOTSUPP, "last_comp_version 18",
		    "last_comp_version 18");
	free(b);
	b = fresh();
	put32(b + 8, base.size + 8);
	EXPECT_INIT(b, base.size, -ERANGE, "off_dt_struct", "struct outside");
	free(b);
	b = fresh();
	put32(b + 36, fdt_size_dt_struct(b) + 0x10000);
	EXPECT_INIT(b, base.size, -ERANGE, "exceeds totalsize",
		    "size_dt_struct too big");
	free(b);
	b = fresh();
	put32(b + 8, 16);
	EXPECT_INIT(b, base.size, -EINVAL, "overlaps the 40-byte header",
		    "struct over the header");
	free(b);
	b = fresh();
	put32(b + 8, fdt_off_dt_struct(b) + 2);
	put32(b + 36, fdt_size_dt_struct(b) - 4);
	EXPECT_INIT(b, base.size, -EINVAL, "not 4-byte aligned",
		    "misaligned struct");
	free(b);
	b = fresh();
	put32(b + 36, fdt_size_dt_struct(b) - 2);
	EXPECT_INIT(b, base.size, -EINVAL, "not a multiple of 4",
		    "size_dt_struct % 4");
	free(b);
	b = fresh();
	put32(b + 16, fdt_off_mem_rsvmap(b) + 4);
	EXPECT_INIT(b, base.size, -EINVAL, "off_mem_rsvmap",
		    "misaligned rsvmap");
	free(b);
	b = fresh();
	put32(b + 32, base.size);
	EXPECT_INIT(b, base.size, -ERANGE, "off_dt_strings", "strings outside");
	free(b);
	ok(dt_first_child(&(struct dt_blob){0}, 0) == -EINVAL,
	   "an uninitialised dt_blob is refused");
	(void)dt;
}

/* Offset in the struct block of property @prop of node @path. */
static int prop_off(const u8 *fdt, const char *path, const char *prop)
{
	int node = fdt_path_offset(fdt, path), p;

	fdt_for_each_property_offset(p, fdt, node)
	{
		const char *n;

		fdt_getprop_by_offset(fdt, p, &n, NULL);
		if (!strcmp(n, prop))
			return p;
	}
	return -1;
}

/* Walk everything; return the first error (or -ENOENT at a clean end). */
static int walk_all(const struct dt_blob *dt)
{
	int off, depth = -1, p;

	for (off = dt_next_node(dt, -1, &depth); off >= 0;
	     off = dt_next_node(dt, off, &depth)) {
		dt_for_each_property(p, dt, off)
			if (!dt_property_name(dt, p))
				return -EINVAL;
		if (p != -ENOENT)
			return p;
	}
	return off;
}

static void test_bad_structure(void)
{
	struct dt_blob dt;
	u8 *b, *s;
	int off, r, node, len;
	u64 a, sz;

	/* string offset out of range */
	b = fresh();
	s = b + fdt_off_dt_struct(b);
	off = prop_off(b, "/soc/serial@10000000", "clock-frequency");
	put32(s + off + 8, 0xffff);
	dt_init(&dt, b, base.size);
	ok(!dt_property_name(&dt, off) &&
		   host_log_contains(
			   "string offset 65535 outside the strings block"),
	   "property name offset outside the strings block");
	node = fdt_path_offset(b, "/soc/serial@10000000");
	ok(dt_getprop(&dt, node, "reg", NULL) != NULL,
	   "other properties of that node still readable");
	ok(!dt_getprop(&dt, node, "nope", &len) && len == -EINVAL,
	   "a lookup that met the bad name reports -EINVAL");
	ok_eq(dt_check(&dt), -EINVAL, "dt_check rejects it");
	/* name offset in range, but its string runs off the block */
	put32(s + off + 8, fdt_size_dt_strings(b) - 1);
	b[fdt_off_dt_strings(b) + fdt_size_dt_strings(b) - 1] = 'x';
	host_log_clear();
	ok(!dt_property_name(&dt, off) &&
		   host_log_contains("is not terminated"),
	   "unterminated property name in the strings block");
	free(b);

	/* unterminated node name: the struct block ends inside it */
	b = fresh();
	node = fdt_path_offset(b, "/soc/interrupt-controller@c000000");
	put32(b + 36, node + 12);
	dt_init(&dt, b, base.size);
	r = walk_all(&dt);
	ok(r == -EINVAL && host_log_contains("unterminated node name"),
	   "unterminated node name: %d", r);
	ok_eq(dt_check(&dt), -EINVAL, "dt_check: unterminated name");
	free(b);

	/* A stray END_NODE where the root should start (found by fuzzing). */
	b = fresh();
	node = fdt_first_subnode(b, 0);
	s = b + fdt_off_dt_struct(b);
	put32(s, FDT_END_NODE);
	put32(s + 4, FDT_NOP);
	dt_init(&dt, b, base.size);
	ok(dt_get_path(&dt, node, (char[DT_PATH_MAX]){0}, DT_PATH_MAX) ==
			   -EINVAL &&
		   dt_parent_offset(&dt, node) == -EINVAL &&
		   dt_check(&dt) == -EINVAL &&
		   host_log_contains(
			   "unbalanced FDT_END_NODE at struct offset 0"),
	   "END_NODE before the root");
	free(b);

	/* missing FDT_END */
	b = fresh();
	put32(b + 36, fdt_size_dt_struct(b) - 4);
	dt_init(&dt, b, base.size);
	r = walk_all(&dt);
	ok(r == -ERANGE && host_log_contains("without FDT_END"),
	   "missing FDT_END: walk -> %d", r);
	ok_eq(dt_check(&dt), -ERANGE, "dt_check: missing FDT_END");
	free(b);

	/* bad tag */
	b = fresh();
	off = prop_off(b, "/soc/strs", "u32");
	put32(b + fdt_off_dt_struct(b) + off, 7);
	dt_init(&dt, b, base.size);
	r = walk_all(&dt);
	ok(r == -EINVAL && host_log_contains("bad tag 0x00000007"),
	   "bad tag: %d", r);
	free(b);

	/* A blob cut short and zero-filled (the truncated boot case of
	 * tests/qemu/dtbinject.py): a zero tag alone is a bad tag, zeroes
	 * to the end of the structure block are named as truncation. */
	b = fresh();
	off = prop_off(b, "/soc/strs", "u32");
	s = b + fdt_off_dt_struct(b);
	put32(s + off, 0);
	dt_init(&dt, b, base.size);
	host_log_clear();
	ok(dt_check(&dt) == -EINVAL &&
		   host_log_contains("bad tag 0x00000000") &&
		   !host_log_contains("truncated"),
	   "one zero tag is a bad tag");
	memset(s + off, 0, fdt_size_dt_struct(b) - off);
	host_log_clear();
	ok(dt_check(&dt) == -EINVAL &&
		   host_log_contains("structure block is zero from struct "
				     "offset") &&
		   host_log_contains("blob truncated?"),
	   "zeroes to the end of the structure block: truncated");
	free(b);

	/* FDT_END inside a node */
	b = fresh();
	off = prop_off(b, "/soc/strs", "u32");
	put32(b + fdt_off_dt_struct(b) + off, FDT_END);
	dt_init(&dt, b, base.size);
	node = fdt_path_offset(b, "/soc/strs");
	ok(!dt_getprop(&dt, node, "u64", &len) && len == -EINVAL &&
		   dt_check(&dt) == -EINVAL &&
		   host_log_contains("FDT_END at struct offset"),
	   "FDT_END inside a node");
	free(b);

	/* property length past the struct block */
	b = fresh();
	off = prop_off(b, "/soc/strs", "u32");
	put32(b + fdt_off_dt_struct(b) + off + 4, 0x7ffffff0);
	dt_init(&dt, b, base.size);
	node = fdt_path_offset(b, "/soc/strs");
	ok(!dt_getprop(&dt, node, "u32", &len) && len == -ERANGE &&
		   host_log_contains("runs past the structure block"),
	   "property length past the struct block");
	ok_eq(dt_check(&dt), -ERANGE, "dt_check: long property");
	free(b);

	/* a property offset that is not a property */
	b = fresh();
	dt_init(&dt, b, base.size);
	ok(!dt_property_value(&dt, 0, &len) && len == -EINVAL &&
		   host_log_contains("is not a property"),
	   "dt_property_value on a node offset");
	ok(dt_next_node(&dt, 3, NULL) == -EINVAL &&
		   host_log_contains("bad struct offset 3"),
	   "misaligned node offset");

	/* /memreserve/ without a terminator inside totalsize */
	put32(b + 16, ALIGN_DOWN(base.size - 8, 8));
	dt_init(&dt, b, base.size);
	ok(dt_num_mem_rsv(&dt) == -ERANGE &&
		   host_log_contains("runs past totalsize"),
	   "unterminated /memreserve/ map");
	ok_eq(dt_check(&dt), -ERANGE, "dt_check: reserve map");
	free(b);

	/* #address-cells 0 and 5, 3; reg length not a multiple */
	b = fresh();
	node = fdt_path_offset(b, "/soc");
	fdt_setprop_inplace_u32(b, node, "#address-cells", 0);
	dt_init(&dt, b, base.size);
	ok(dt_address_cells(&dt, node) == -EINVAL &&
		   host_log_contains(
			   "dt: /soc: #address-cells 0 is out of range"),
	   "#address-cells 0");
	ok_eq(dt_read_reg(&dt, fdt_path_offset(b, "/soc/serial@10000000"), 0,
			  &a, &sz),
	      -EINVAL, "reg under #address-cells 0");
	host_log_clear();
	fdt_setprop_inplace_u32(b, node, "#address-cells", 5);
	ok(dt_address_cells(&dt, node) == -EINVAL &&
		   host_log_contains("#address-cells 5 is out of range"),
	   "#address-cells 5");
	host_log_clear();
	fdt_setprop_inplace_u32(b, node, "#address-cells", 3);
	ok(dt_address_cells(&dt, node) == 3 &&
		   dt_reg_count(&dt,
				fdt_path_offset(b, "/soc/serial@10000000")) ==
			   -EINVAL &&
		   host_log_contains("serial@10000000: cannot decode reg"),
	   "#address-cells 3 (PCI) is not decoded");
	host_log_clear();
	fdt_setprop_inplace_u32(b, node, "#size-cells", 7);
	ok(dt_size_cells(&dt, node) == -EINVAL &&
		   host_log_contains("#size-cells 7 is out of range"),
	   "#size-cells 7");
	free(b);

	b = fresh();
	node = fdt_path_offset(b, "/memory@80000000");
	off = prop_off(b, "/memory@80000000", "reg");
	put32(b + fdt_off_dt_struct(b) + off + 4, 12); /* 16 -> 12 bytes */
	dt_init(&dt, b, base.size);
	ok(dt_reg_count(&dt, node) == -EINVAL &&
		   host_log_contains(
			   "dt: /memory@80000000: reg length 12 is not a multiple of 16 bytes"),
	   "reg length not a multiple of the cells");
	free(b);
}

/* Build a blob with libfdt's sequential writer: @depth nested nodes. */
static u8 *deep_blob(int depth, size_t *size)
{
	static u8 buf[8192];
	char name[16];
	int i;

	fdt_create(buf, sizeof(buf));
	fdt_finish_reservemap(buf);
	fdt_begin_node(buf, "");
	for (i = 1; i <= depth; i++) {
		snprintf(name, sizeof(name), "d%d", i);
		fdt_begin_node(buf, name);
	}
	fdt_property_u32(buf, "leaf", depth);
	for (i = 0; i <= depth; i++)
		fdt_end_node(buf);
	fdt_finish(buf);
	*size = fdt_totalsize(buf);
	return dup_blob(buf, *size);
}

static void test_depth(void)
{
	struct dt_blob dt;
	size_t size;
	u8 *b;
	int r, node;
	char path[DT_PATH_MAX];

	b = deep_blob(DT_MAX_DEPTH, &size);
	dt_init(&dt, b, size);
	r = walk_all(&dt);
	ok(dt_check(&dt) == 0 && r == -ENOENT, "depth %d is accepted",
	   DT_MAX_DEPTH);
	node = fdt_path_offset(b, "/d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12/d13/"
				  "d14/d15/d16/d17/d18/d19/d20/d21/d22/d23/d24/"
				  "d25/d26/d27/d28/d29/d30/d31/d32");
	ok(node > 0 && dt_node_depth(&dt, node) == DT_MAX_DEPTH &&
		   dt_get_path(&dt, node, path, sizeof(path)) == 0 &&
		   !strcmp(strrchr(path, '/'), "/d32") &&
		   dt_parent_offset(&dt, node) == fdt_parent_offset(b, node),
	   "the deepest node has a path and parent");
	free(b);

	host_log_clear();
	b = deep_blob(DT_MAX_DEPTH + 1, &size);
	dt_init(&dt, b, size);
	r = walk_all(&dt);
	ok(r == -E2BIG && host_log_contains("nested deeper than 32"),
	   "depth %d: walk fails with %d", DT_MAX_DEPTH + 1, r);
	ok_eq(dt_check(&dt), -E2BIG, "dt_check: too deep");
	ok(dt_next_sibling(&dt, 0) == -E2BIG,
	   "skipping a too-deep subtree fails");
	free(b);
}

/* ---- dt_scan_memory ---- */

static void test_scan_qemu(const char *name)
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

static void test_scan_semantics(void)
{
	static struct dt_mem_info info;
	struct dt_blob dt;
	size_t size;
	u8 *fdt, *b;
	int r, node, off;

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

	fdt = load("virt-numa2.dtb", &size);
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
	free(fdt);

	/* Too many ranges: keep the first DT_MAX_MEM and warn. */
	{
		static u8 buf[8192];
		fdt32_t reg[2 * (DT_MAX_MEM + 8)];
		size_t sz;
		int i;

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
}

/* ---- random mutations ---- */

static unsigned long rng;

static u32 rnd(void)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (u32)(rng >> 33);
}

/* Exercise every reader; return false if some walk did not end. */
static bool hammer(const struct dt_blob *dt, u32 size)
{
	static struct dt_mem_info info;
	char path[DT_PATH_MAX];
	int off, depth = -1, steps = 0, p, len, k = 0;
	int limit = (int)size / 4 + 2;
	u64 a, s;

	for (off = dt_next_node(dt, -1, &depth); off >= 0;
	     off = dt_next_node(dt, off, &depth)) {
		int psteps = 0, child;

		if (++steps > limit)
			return false;
		dt_get_name(dt, off, &len);
		dt_for_each_property(p, dt, off) {
			if (++psteps > limit)
				return false;
			dt_property_name(dt, p);
			dt_property_value(dt, p, &len);
		}
		dt_getprop(dt, off, "reg", &len);
		dt_node_is_compatible(dt, off, "ns16550a");
		dt_stringlist_count(dt, off, "compatible");
		dt_node_is_available(dt, off);
		dt_address_cells(dt, off);
		dt_size_cells(dt, off);
		psteps = 0;
		dt_for_each_child(child, dt, off)
			if (++psteps > limit)
				return false;
		/* The O(n) ancestry walks only for a few nodes. */
		if (k++ < 4 || (rnd() & 15) == 0) {
			dt_get_path(dt, off, path, sizeof(path));
			dt_read_reg(dt, off, 0, &a, &s);
		}
	}
	dt_check(dt);
	dt_num_mem_rsv(dt);
	dt_get_mem_rsv(dt, 0, &a, &s);
	dt_chosen_bootargs(dt);
	dt_stdout_path_node(dt);
	dt_path_offset(dt, "serial0");
	dt_node_offset_by_phandle(dt, 1);
	dt_scan_memory(dt, &info);
	return true;
}

static void test_fuzz(int iterations)
{
	static u8 *good[NR_BLOBS];
	static size_t sizes[NR_BLOBS];
	static const u32 magic_words[] = {
		0, 1, 2, 3, 4, 9, 16, 17, 0xffffffff, 0x7fffffff, 0x80000000};
	int i, j, hung = 0, accepted = 0;
	unsigned int k;

	for (k = 0; k < NR_BLOBS; k++)
		good[k] = load(blobs[k], &sizes[k]);
	rng = host_seed();
	for (i = 0; i < iterations; i++) {
		struct dt_blob dt;
		unsigned int which = rnd() % NR_BLOBS;
		size_t size = sizes[which], avail = size;
		u8 *b = dup_blob(good[which], size);
		int muts = 1 + rnd() % 4;

		for (j = 0; j < muts; j++) {
			u32 pos = rnd() % size, kind = rnd() % 8;

			if (kind < 4) { /* flip bits somewhere */
				b[pos] ^= 1 << (rnd() % 8);
			} else if (kind < 6 && pos + 4 <= size) {
				/* a plausible-but-wrong word, aligned */
				pos &= ~3U;
				put32(b + pos,
				      rnd() & 1 ? magic_words
							  [rnd() %
							   ARRAY_SIZE(
								   magic_words)]
						: rnd() % (u32)(size + 64));
			} else if (kind == 6) { /* a header field */
				put32(b + 4 * (rnd() % 10),
				      rnd() % (u32)(size + 64));
			} else { /* truncate what is readable */
				avail = rnd() % (size + 1);
			}
		}
		if (avail < size) { /* really make the tail unreadable */
			u8 *t = dup_blob(b, avail ? avail : 1);

			free(b);
			b = t;
		}
		host_log_clear();
		if (dt_init(&dt, b, avail) == 0) {
			accepted++;
			if (!hammer(&dt, dt.size))
				hung++;
		}
		free(b);
	}
	ok(hung == 0,
	   "fuzz: %d mutated blobs (%d passed dt_init), every walk ended, no ASan report",
	   iterations, accepted);
	for (k = 0; k < NR_BLOBS; k++)
		free(good[k]);
}

int main(void)
{
	unsigned int i;
	const char *it = getenv("FDT_FUZZ_ITERATIONS");

	for (i = 0; i < ARRAY_SIZE(blobs); i++)
		compare_blob(blobs[i]);
	test_full_semantics();
	base.good = load("full.dtb", &base.size);
	test_bad_headers();
	test_bad_structure();
	test_depth();
	for (i = 0; i < ARRAY_SIZE(qemu_blobs); i++)
		test_scan_qemu(qemu_blobs[i]);
	test_scan_semantics();
	free(base.good);
	test_fuzz(it ? atoi(it) : 20000);
	return tap_done();
}
