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
 * Blobs are found under $SRCTREE (default ".").  This file holds the
 * libfdt comparison and main(); test_fdt_semantics.c the specific
 * semantics and dt_scan_memory(), test_fdt_damaged.c the damaged blobs
 * and the random mutations.
 */
#include "fdt_fixture.h"

const char *const blobs[9] = {
	"virt-128m.dtb",  "virt-4g.dtb",       "virt-smp4-bootargs.dtb",
	"virt-numa2.dtb", "sifive_u-smp2.dtb", "full.dtb",
	"full-v16.dtb",	  "initrd64.dtb",      "deep.dtb",
};
const char *const qemu_blobs[5] = {
	"virt-128m.dtb",  "virt-4g.dtb",       "virt-smp4-bootargs.dtb",
	"virt-numa2.dtb", "sifive_u-smp2.dtb",
};

u8 *load(const char *name, size_t *sizep)
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

u8 *dup_blob(const u8 *b, size_t size)
{
	u8 *c = malloc(size);

	memcpy(c, b, size);
	return c;
}

void put32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

int prop_off(const u8 *fdt, const char *path, const char *prop)
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

/* Name, parent, depth, path and path lookup; returns the parent. */
static int compare_place(const void *fdt, const struct dt_blob *dt, int node,
			 struct cmp *c)
{
	char p1[DT_PATH_MAX], p2[DT_PATH_MAX], nick[DT_PATH_MAX];
	const char *n1, *n2, *at, *slash;
	int l1, l2, parent;

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
	return parent;
}

/* Properties, then children, in lockstep with libfdt. */
static void compare_props(const void *fdt, const struct dt_blob *dt, int node,
			  struct cmp *c)
{
	int l1, l2, po1, po2;

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
}

/* compatible lists and searches, phandles. */
static void compare_ids(const void *fdt, const struct dt_blob *dt, int node,
			struct cmp *c)
{
	int l1, l2, i, n;

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
}

/* Cell counts, reg entries and status. */
static void compare_reg(const void *fdt, const struct dt_blob *dt, int node,
			int parent, struct cmp *c)
{
	const char *st;
	int l1, i;

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

static void compare_node(const void *fdt, const struct dt_blob *dt, int node,
			 struct cmp *c)
{
	int parent = compare_place(fdt, dt, node, c);

	compare_props(fdt, dt, node, c);
	compare_ids(fdt, dt, node, c);
	compare_reg(fdt, dt, node, parent, c);
}

/* Header fields, then every node in walk order, reported per aspect. */
static void compare_nodes(const u8 *fdt, const struct dt_blob *dt,
			  const char *name)
{
	struct cmp c = {0};
	int o1, o2, d1 = -1, d2 = -1;
	/* The aspects without a count: a counter each, none may count. */
	const struct {
		const int *bad;
		const char *what;
	} aspects[] = {
		{&c.bad_name, "node names match"},
		{&c.bad_parent, "parents match"},
		{&c.bad_depth, "depths match"},
		{&c.bad_path, "full paths match fdt_get_path"},
		{&c.bad_lookup, "path lookups (with and without @unit) match"},
		{&c.bad_getprop, "dt_getprop matches fdt_getprop"},
		{&c.bad_child, "child / sibling iteration matches"},
		{&c.bad_compat, "compatible lists and searches match"},
		{&c.bad_phandle, "phandles and phandle lookups match"},
		{&c.bad_cells, "#address-cells / #size-cells match"},
		{&c.bad_avail, "status availability matches"},
	};

	ok(dt->size == fdt_totalsize(fdt) && dt->version == fdt_version(fdt) &&
		   dt->off_struct == fdt_off_dt_struct(fdt) &&
		   dt->off_strings == fdt_off_dt_strings(fdt) &&
		   dt->size_strings == fdt_size_dt_strings(fdt) &&
		   dt->off_rsvmap == fdt_off_mem_rsvmap(fdt) &&
		   dt->last_comp_version == fdt_last_comp_version(fdt) &&
		   dt->boot_cpuid == fdt_boot_cpuid_phys(fdt) &&
		   (fdt_version(fdt) < 17 ||
		    dt->size_struct == fdt_size_dt_struct(fdt)),
	   "%s: header fields match", name);

	/* The walk itself: same offsets and depths, same end. */
	o1 = fdt_next_node(fdt, -1, &d1);
	o2 = dt_next_node(dt, -1, &d2);
	/* libfdt hands back a non-node offset once depth drops below 0. */
	while (o1 >= 0 && d1 >= 0 && o2 == o1 && d1 == d2) {
		c.nodes++;
		compare_node(fdt, dt, o1, &c);
		o1 = fdt_next_node(fdt, o1, &d1);
		o2 = dt_next_node(dt, o2, &d2);
	}
	if (!((o1 == -FDT_ERR_NOTFOUND || d1 < 0) && o2 == -ENOENT))
		c.bad_walk++;
	ok(!c.bad_walk && c.nodes > 3, "%s: walk visits the same %d nodes",
	   name, c.nodes);
	ok(!c.bad_props && c.props > 0, "%s: %d properties match byte for byte",
	   name, c.props);
	ok(!c.bad_reg, "%s: %d reg entries decode the same", name, c.regs);
	for (size_t i = 0; i < ARRAY_SIZE(aspects); i++)
		ok(!*aspects[i].bad, "%s: %s", name, aspects[i].what);
}

/* /memreserve/, stdout-path, aliases and device_type search. */
static void compare_globals(const u8 *fdt, const struct dt_blob *dt,
			    const char *name)
{
	int o1, o2, n, i, bad;
	u64 a1, s1, a2, s2;
	const char *s;

	/* /memreserve/ */
	n = fdt_num_mem_rsv(fdt);
	bad = dt_num_mem_rsv(dt) != n;
	for (i = 0; i < n; i++) {
		fdt_get_mem_rsv(fdt, i, &a1, &s1);
		if (dt_get_mem_rsv(dt, i, &a2, &s2) || a1 != a2 || s1 != s2)
			bad++;
	}
	bad += dt_get_mem_rsv(dt, n, &a2, &s2) != -ENOENT;
	ok(!bad, "%s: %d /memreserve/ entries match", name, n);

	/* stdout-path and aliases */
	o1 = fdt_path_offset(fdt, "/chosen");
	s = o1 >= 0 ? fdt_getprop(fdt, o1, "stdout-path", NULL) : NULL;
	if (!s && o1 >= 0)
		s = fdt_getprop(fdt, o1, "linux,stdout-path", NULL);
	o1 = s ? fdt_path_offset_namelen(fdt, s, strcspn(s, ":")) : -1;
	ok(same_result(dt_stdout_path_node(dt), o1),
	   "%s: stdout-path resolves to the same node (%d)", name, o1);
	o1 = fdt_path_offset(fdt, "/aliases");
	bad = 0;
	if (o1 >= 0) {
		int p;

		fdt_for_each_property_offset(p, fdt, o1)
		{
			const char *an;

			fdt_getprop_by_offset(fdt, p, &an, NULL);
			if (dt_get_alias(dt, an) != fdt_get_alias(fdt, an) ||
			    !same_result(dt_path_offset(dt, an),
					 fdt_path_offset(fdt, an)))
				bad++;
		}
	}
	ok(!bad, "%s: aliases resolve the same", name);

	/* device_type iteration */
	bad = 0;
	o1 = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", 7);
	o2 = dt_next_node_by_devtype(dt, -1, "memory");
	while (o1 >= 0 && o1 == o2) {
		o1 = fdt_node_offset_by_prop_value(fdt, o1, "device_type",
						   "memory", 7);
		o2 = dt_next_node_by_devtype(dt, o2, "memory");
	}
	ok(o1 == -FDT_ERR_NOTFOUND && o2 == -ENOENT,
	   "%s: device_type \"memory\" nodes found in the same order", name);
}

static void compare_blob(const char *name)
{
	static struct dt_index_node nodes[256];
	struct dt_index ix = {.node = nodes, .cap = 3};
	size_t size;
	u8 *fdt = load(name, &size);
	struct dt_blob dt;
	char iname[64];
	int r;

	ok(fdt_check_header(fdt) == 0, "%s: libfdt accepts it", name);
	ok_eq(dt_init(&dt, fdt, size), 0, "dt_init accepts it");
	ok(dt_check(&dt) == 0, "%s: dt_check accepts it", name);
	compare_nodes(fdt, &dt, name);
	compare_globals(fdt, &dt, name);

	/* Too small an index: none, and everything reads as before. */
	ok(dt_index_build(&dt, &ix) == -ENOSPC && !dt.ix && !ix.nr &&
		   dt_check(&dt) == 0,
	   "%s: dt_index_build with room for 3 nodes: -ENOSPC, no index", name);
	/* The same comparisons through the index. */
	ix.cap = ARRAY_SIZE(nodes);
	r = dt_index_build(&dt, &ix);
	ok(r == 0 && dt.ix == &ix && ix.nr > 3, "%s: indexed (%d nodes)", name,
	   ix.nr);
	snprintf(iname, sizeof(iname), "%s indexed", name);
	compare_nodes(fdt, &dt, iname);
	compare_globals(fdt, &dt, iname);
	free(fdt);
}

int main(void)
{
	unsigned int i;
	const char *it = getenv("FDT_FUZZ_ITERATIONS");

	for (i = 0; i < ARRAY_SIZE(blobs); i++)
		compare_blob(blobs[i]);
	test_full_semantics();
	test_damaged();
	for (i = 0; i < ARRAY_SIZE(qemu_blobs); i++)
		test_scan_qemu(qemu_blobs[i]);
	test_scan_semantics();
	test_fuzz(it ? atoi(it) : 20000);
	return tap_done();
}
