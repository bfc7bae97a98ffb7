// SPDX-License-Identifier: MIT
/*
 * Host FDT test: damaged blobs, each a single mutation of full.dtb that
 * must fail with a negative errno and a message naming the problem, the
 * nesting limit, and a random mutation loop that checks nothing reads out
 * of bounds (ASan) and every walk ends.
 */
#include "fdt_fixture.h"

/* ---- damaged blobs ---- */

static struct {
	u8 *good;
	size_t size;
} base;

/*
 * dt_init(), then dt_index_build(): a damaged blob must fail it without a
 * message and stay unindexed, so the checks after it see the lazily
 * checked reader exactly as before; a sound one is indexed, so the checks
 * after it (bad offsets, cells) run against the index.
 */
static struct dt_index_node ix_nodes[128];
static struct dt_index ix = {.node = ix_nodes, .cap = ARRAY_SIZE(ix_nodes)};
static int ix_loud, ix_built, ix_refused;

static void init_ix(struct dt_blob *dt, const u8 *b, size_t size)
{
	size_t before = strlen(host_log);
	int r;

	dt_init(dt, b, size);
	r = dt_index_build(dt, &ix);
	if (strlen(host_log) != before || !r != !!dt->ix)
		ix_loud++;
	if (r)
		ix_refused++;
	else
		ix_built++;
}

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

/*
 * One header word rewritten: @off gets @val, plus the word's old value
 * when @rel (a shift), else plus totalsize when @from_size.  @off2/@val2
 * shift a second word (0: none).
 */
struct hdr_case {
	u8 off, off2;
	bool rel, from_size;
	u32 val;
	s32 val2;
	int err;
	const char *msg, *what;
};

static const struct hdr_case hdr_cases[] = {
	{20, 0, false, false, 15, 0, -EOPNOTSUPP, "version 15 is too old",
	 "version 15"},
	{24, 0, false, false, 18, 0, -EOPNOTSUPP, "last_comp_version 18",
	 "last_comp_version 18"},
	{8, 0, false, true, 8, 0, -ERANGE, "off_dt_struct", "struct outside"},
	{36, 0, true, false, 0x10000, 0, -ERANGE, "exceeds totalsize",
	 "size_dt_struct too big"},
	{8, 0, false, false, 16, 0, -EINVAL, "overlaps the 40-byte header",
	 "struct over the header"},
	{8, 36, true, false, 2, -4, -EINVAL, "not 4-byte aligned",
	 "misaligned struct"},
	{36, 0, true, false, (u32)-2, 0, -EINVAL, "not a multiple of 4",
	 "size_dt_struct % 4"},
	{16, 0, true, false, 4, 0, -EINVAL, "off_mem_rsvmap",
	 "misaligned rsvmap"},
	{32, 0, false, true, 0, 0, -ERANGE, "off_dt_strings",
	 "strings outside"},
};

static u32 get32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static void test_hdr_case(const struct hdr_case *c)
{
	u8 *b = fresh();
	u32 v = c->val;

	if (c->rel)
		v += get32(b + c->off);
	else if (c->from_size)
		v += base.size;
	put32(b + c->off, v);
	if (c->off2)
		put32(b + c->off2, get32(b + c->off2) + c->val2);
	EXPECT_INIT(b, base.size, c->err, c->msg, c->what);
	free(b);
}

static void test_bad_headers(void)
{
	u8 *b;

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
	for (size_t i = 0; i < ARRAY_SIZE(hdr_cases); i++)
		test_hdr_case(&hdr_cases[i]);
	ok(dt_first_child(&(struct dt_blob){0}, 0) == -EINVAL,
	   "an uninitialised dt_blob is refused");
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

/*
 * A damaged blob @b: walking it stops with @err and logs @msg, and
 * dt_check() refuses it with @err too.  Frees @b.
 */
static void walk_fails(u8 *b, int err, const char *msg, const char *what)
{
	struct dt_blob dt;
	int r;

	init_ix(&dt, b, base.size);
	r = walk_all(&dt);
	ok(r == err && host_log_contains(msg), "%s: walk -> %d", what, r);
	r = dt_check(&dt);
	ok(r == err, "dt_check: %s: %d", what, r);
	free(b);
}

/* Property names outside or running off the strings block. */
static void bad_strings(void)
{
	struct dt_blob dt;
	int off, node, len;
	u8 *b, *s;

	/* string offset out of range */
	b = fresh();
	s = b + fdt_off_dt_struct(b);
	off = prop_off(b, "/soc/serial@10000000", "clock-frequency");
	put32(s + off + 8, 0xffff);
	init_ix(&dt, b, base.size);
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
}

/* Node nesting broken: an unterminated name, END_NODE, no FDT_END. */
static void bad_nesting(void)
{
	struct dt_blob dt;
	int node;
	u8 *b, *s;

	/* unterminated node name: the struct block ends inside it */
	b = fresh();
	node = fdt_path_offset(b, "/soc/interrupt-controller@c000000");
	put32(b + 36, node + 12);
	walk_fails(b, -EINVAL, "unterminated node name",
		   "unterminated node name");

	/* A stray END_NODE where the root should start (found by fuzzing). */
	b = fresh();
	node = fdt_first_subnode(b, 0);
	s = b + fdt_off_dt_struct(b);
	put32(s, FDT_END_NODE);
	put32(s + 4, FDT_NOP);
	init_ix(&dt, b, base.size);
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
	walk_fails(b, -ERANGE, "without FDT_END", "missing FDT_END");
}

/* Tags that are not tokens, zeroes, FDT_END inside a node. */
static void bad_tags(void)
{
	struct dt_blob dt;
	int off, node, len;
	u8 *b, *s;

	/* bad tag */
	b = fresh();
	off = prop_off(b, "/soc/strs", "u32");
	put32(b + fdt_off_dt_struct(b) + off, 7);
	walk_fails(b, -EINVAL, "bad tag 0x00000007", "bad tag");

	/* A blob cut short and zero-filled (the truncated boot case of
	 * tests/qemu/dtbinject.py): a zero tag alone is a bad tag, zeroes
	 * to the end of the structure block are named as truncation. */
	b = fresh();
	off = prop_off(b, "/soc/strs", "u32");
	s = b + fdt_off_dt_struct(b);
	put32(s + off, 0);
	init_ix(&dt, b, base.size);
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
	init_ix(&dt, b, base.size);
	node = fdt_path_offset(b, "/soc/strs");
	ok(!dt_getprop(&dt, node, "u64", &len) && len == -EINVAL &&
		   dt_check(&dt) == -EINVAL &&
		   host_log_contains("FDT_END at struct offset"),
	   "FDT_END inside a node");
	free(b);
}

/* Lengths past their block, offsets of the wrong kind. */
static void bad_lengths(void)
{
	struct dt_blob dt;
	int off, node, len;
	u8 *b;

	/* property length past the struct block */
	b = fresh();
	off = prop_off(b, "/soc/strs", "u32");
	put32(b + fdt_off_dt_struct(b) + off + 4, 0x7ffffff0);
	init_ix(&dt, b, base.size);
	node = fdt_path_offset(b, "/soc/strs");
	ok(!dt_getprop(&dt, node, "u32", &len) && len == -ERANGE &&
		   host_log_contains("runs past the structure block"),
	   "property length past the struct block");
	ok_eq(dt_check(&dt), -ERANGE, "dt_check: long property");
	free(b);

	/* a property offset that is not a property */
	b = fresh();
	init_ix(&dt, b, base.size);
	ok(!dt_property_value(&dt, 0, &len) && len == -EINVAL &&
		   host_log_contains("is not a property"),
	   "dt_property_value on a node offset");
	ok(dt_next_node(&dt, 3, NULL) == -EINVAL &&
		   host_log_contains("bad struct offset 3"),
	   "misaligned node offset");

	/* /memreserve/ without a terminator inside totalsize */
	put32(b + 16, ALIGN_DOWN(base.size - 8, 8));
	init_ix(&dt, b, base.size);
	ok(dt_num_mem_rsv(&dt) == -ERANGE &&
		   host_log_contains("runs past totalsize"),
	   "unterminated /memreserve/ map");
	ok_eq(dt_check(&dt), -ERANGE, "dt_check: reserve map");
	free(b);
}

/* Cell counts out of range, reg lengths that do not divide. */
static void bad_cells(void)
{
	struct dt_blob dt;
	int off, node;
	u64 a, sz;
	u8 *b;

	/* #address-cells 0 and 5, 3; reg length not a multiple */
	b = fresh();
	node = fdt_path_offset(b, "/soc");
	fdt_setprop_inplace_u32(b, node, "#address-cells", 0);
	init_ix(&dt, b, base.size);
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
	init_ix(&dt, b, base.size);
	ok(dt_reg_count(&dt, node) == -EINVAL &&
		   host_log_contains(
			   "dt: /memory@80000000: reg length 12 is not a multiple of 16 bytes"),
	   "reg length not a multiple of the cells");
	free(b);
}

static void test_bad_structure(void)
{
	bad_strings();
	bad_nesting();
	bad_tags();
	bad_lengths();
	bad_cells();
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
	init_ix(&dt, b, size);
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
	init_ix(&dt, b, size);
	r = walk_all(&dt);
	ok(r == -E2BIG && host_log_contains("nested deeper than 32"),
	   "depth %d: walk fails with %d", DT_MAX_DEPTH + 1, r);
	ok_eq(dt_check(&dt), -E2BIG, "dt_check: too deep");
	ok(dt_next_sibling(&dt, 0) == -E2BIG,
	   "skipping a too-deep subtree fails");
	free(b);
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

/* Two reads of one node agree: same result, same length or errno. */
static bool same_prop(const struct dt_blob *a, const struct dt_blob *b,
		      int node, const char *name)
{
	int l1, l2;
	const void *v1 = dt_getprop(a, node, name, &l1);

	return v1 == dt_getprop(b, node, name, &l2) && l1 == l2;
}

/* The indexed @dt answers as the token walks over the same blob do. */
static bool index_agrees(const struct dt_blob *dt)
{
	struct dt_blob plain = *dt;
	char p1[DT_PATH_MAX], p2[DT_PATH_MAX];
	int o1, o2, d1 = -1, d2 = -1, r;

	plain.ix = NULL;
	o1 = dt_next_node(&plain, -1, &d1);
	o2 = dt_next_node(dt, -1, &d2);
	for (; o1 >= 0 && o1 == o2 && d1 == d2;
	     o1 = dt_next_node(&plain, o1, &d1),
	     o2 = dt_next_node(dt, o2, &d2)) {
		if (dt_parent_offset(&plain, o1) != dt_parent_offset(dt, o1) ||
		    dt_node_depth(&plain, o1) != dt_node_depth(dt, o1) ||
		    dt_first_child(&plain, o1) != dt_first_child(dt, o1) ||
		    dt_next_sibling(&plain, o1) != dt_next_sibling(dt, o1) ||
		    dt_first_property(&plain, o1) !=
			    dt_first_property(dt, o1) ||
		    !same_prop(&plain, dt, o1, "compatible") ||
		    !same_prop(&plain, dt, o1, "reg") ||
		    !same_prop(&plain, dt, o1, "status") ||
		    dt_node_offset_by_compatible(&plain, o1, "ns16550a") !=
			    dt_node_offset_by_compatible(dt, o1, "ns16550a"))
			return false;
		r = dt_get_path(&plain, o1, p1, sizeof(p1));
		if (r != dt_get_path(dt, o1, p2, sizeof(p2)) ||
		    (!r && strcmp(p1, p2)))
			return false;
	}
	return o1 == o2 && d1 == d2 &&
	       dt_node_offset_by_compatible(&plain, -1, "sifive,test0") ==
		       dt_node_offset_by_compatible(dt, -1, "sifive,test0") &&
	       dt_path_offset(&plain, "/soc/serial") ==
		       dt_path_offset(dt, "/soc/serial");
}

void test_fuzz(int iterations)
{
	static u8 *good[NR_BLOBS];
	static size_t sizes[NR_BLOBS];
	static const u32 magic_words[] = {
		0, 1, 2, 3, 4, 9, 16, 17, 0xffffffff, 0x7fffffff, 0x80000000};
	int i, j, hung = 0, accepted = 0, indexed = 0, differ = 0;
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
			if (!dt_index_build(&dt, &ix)) {
				indexed++;
				if (!index_agrees(&dt))
					differ++;
				if (!hammer(&dt, dt.size))
					hung++;
			}
		}
		free(b);
	}
	ok(hung == 0,
	   "fuzz: %d mutated blobs (%d passed dt_init), every walk ended, no ASan report",
	   iterations, accepted);
	ok(differ == 0 && indexed > 0,
	   "fuzz: %d of them indexed, the index answers as the walks do",
	   indexed);
	for (k = 0; k < NR_BLOBS; k++)
		free(good[k]);
}

void test_damaged(void)
{
	base.good = load("full.dtb", &base.size);
	test_bad_headers();
	test_bad_structure();
	test_depth();
	ok(!ix_loud && ix_built >= 3 && ix_refused >= 10,
	   "dt_index_build: %d damaged blobs refused silently, %d sound ones indexed",
	   ix_refused, ix_built);
	free(base.good);
}
