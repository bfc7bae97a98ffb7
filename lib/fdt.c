// SPDX-License-Identifier: MIT
/*
 * DOC: flattened devicetree reader
 *
 * The boot firmware hands us a DTB: a header, a /memreserve/ map, a
 * structure block of 32-bit big-endian tokens (BEGIN_NODE name, PROP
 * len nameoff value, END_NODE, NOP, END) and a strings block holding the
 * property names.  This file validates the header (dt_init()), walks the
 * structure block, and looks up nodes and properties.  Addresses, reg,
 * /memreserve/ and /chosen live in fdt_addr.c.
 *
 * Nothing here trusts the blob.  Every token is read through dt_tag(),
 * which checks that the token, a node's NUL-terminated name and a
 * property's value all lie inside the structure block; property names are
 * checked to start and end inside the strings block.  Walks always move
 * forward by at least one token, so they terminate, and nesting is capped
 * at DT_MAX_DEPTH.  dt_check() runs all of those checks over the whole
 * blob once, so a caller can reject a damaged DTB before using any of it.
 *
 * Offsets are byte offsets into the structure block, exactly as in libfdt,
 * which the host tests use as an oracle (hence the dt_ prefix).  The format
 * is described in the Devicetree Specification, chapter 5.  Properties are
 * in fdt_prop.c, names, paths and the lookups by them in fdt_path.c.
 */
#include <kernel/errno.h>
#include <kernel/fdt.h>
#include <kernel/printf.h>
#include <kernel/printk.h>
#include <kernel/string.h>

#include "fdt_internal.h"

#define DT_HDR_V16 36 /* version 16 header: no size_dt_struct */
#define DT_HDR_V17 40
#define DT_MAX_SIZE 0x7fffffffU /* offsets must fit in an int */

static int dt_check_block(const struct dt_blob *dt, const char *name, u32 off,
			  u32 size, u32 hdr, u32 total)
{
	if (off < hdr) {
		dt_err(dt, "dt: off_%s %u overlaps the %u-byte header\n", name,
		       off, hdr);
		return -EINVAL;
	}
	if (off > total || size > total - off) {
		dt_err(dt, "dt: off_%s %u + size %u exceeds totalsize %u\n",
		       name, off, size, total);
		return -ERANGE;
	}
	return 0;
}

/* The blocks lie inside @total bytes, after the @hdr-byte header, aligned. */
static int dt_check_layout(const struct dt_blob *dt, u32 version, u32 hdr,
			   u32 total)
{
	int err;

	err = dt_check_block(dt, "dt_struct", dt->off_struct, dt->size_struct,
			     hdr, total);
	if (!err)
		err = dt_check_block(dt, "dt_strings", dt->off_strings,
				     dt->size_strings, hdr, total);
	if (!err)
		err = dt_check_block(dt, "mem_rsvmap", dt->off_rsvmap, 0, hdr,
				     total);
	if (!err && !IS_ALIGNED(dt->off_struct, 4)) {
		dt_err(dt, "dt: off_dt_struct %u is not 4-byte aligned\n",
		       dt->off_struct);
		err = -EINVAL;
	}
	if (!err && version >= 17 && !IS_ALIGNED(dt->size_struct, 4)) {
		dt_err(dt, "dt: size_dt_struct %u is not a multiple of 4\n",
		       dt->size_struct);
		err = -EINVAL;
	}
	if (!err && !IS_ALIGNED(dt->off_rsvmap, 8)) {
		dt_err(dt, "dt: off_mem_rsvmap %u is not 8-byte aligned\n",
		       dt->off_rsvmap);
		err = -EINVAL;
	}
	return err;
}

/*
 * The header's version fields: a version this reader knows, and a
 * totalsize that holds that version's header (its size in *@hdr).
 */
static int dt_check_version(struct dt_blob *dt, const u8 *b, u32 total,
			    u32 *hdr)
{
	u32 version = dt_be32(b + 20), lcv = dt_be32(b + 24);

	if (version < DT_FIRST_VERSION) {
		dt_err(dt, "dt: version %u is too old (need >= %d)\n", version,
		       DT_FIRST_VERSION);
		return -EOPNOTSUPP;
	}
	if (lcv > DT_LAST_COMP_VERSION) {
		dt_err(dt, "dt: last_comp_version %u is newer than %d\n", lcv,
		       DT_LAST_COMP_VERSION);
		return -EOPNOTSUPP;
	}
	*hdr = version >= 17 ? DT_HDR_V17 : DT_HDR_V16;
	if (total < *hdr) {
		dt_err(dt,
		       "dt: totalsize %u is smaller than the header (%u bytes)\n",
		       total, *hdr);
		return -EINVAL;
	}
	return 0;
}

/*
 * dt_init() - validate a DTB header and describe the blob
 * @dt: filled on success (zeroed on failure)
 * @blob: first byte of the DTB (any alignment)
 * @avail: bytes known to be readable at @blob; pass a large number when
 *	   unknown: only totalsize bytes are ever read
 * (@quiet: dt_init_quiet(), no messages)
 *
 * Checks the magic, totalsize against the header size and @avail, the
 * version (>= 16, last_comp_version <= 17), that the structure, strings and
 * reserve-map blocks lie inside totalsize and are aligned.  The structure
 * block itself is checked lazily by each walk, or at once by dt_check().
 *
 * Return: 0, or a negative errno after logging the field at fault.
 */
static int dt_init_hdr(struct dt_blob *dt, const void *blob, size_t avail,
		       bool quiet)
{
	const u8 *b = blob;
	u32 total, hdr, version, lcv;
	int err;

	memset(dt, 0, sizeof(*dt));
	dt->quiet = quiet;
	if (!blob) {
		dt_err(dt, "dt: no devicetree blob (NULL pointer)\n");
		return -EINVAL;
	}
	if (avail < 8) {
		dt_err(dt,
		       "dt: only %u bytes available, too small for a header\n",
		       (unsigned int)avail);
		return -ERANGE;
	}
	if (dt_be32(b) != DT_MAGIC) {
		dt_err(dt, "dt: bad magic 0x%08x (expected 0x%08x)\n",
		       dt_be32(b), DT_MAGIC);
		return -EINVAL;
	}
	total = dt_be32(b + 4);
	if (total > avail) {
		dt_err(dt,
		       "dt: totalsize %u exceeds the %llu bytes available\n",
		       total, (unsigned long long)avail);
		return -ERANGE;
	}
	if (total > DT_MAX_SIZE) {
		dt_err(dt, "dt: totalsize %u is too large\n", total);
		return -ERANGE;
	}
	if (total < DT_HDR_V16) {
		dt_err(dt,
		       "dt: totalsize %u is smaller than the header (%d bytes)\n",
		       total, DT_HDR_V16);
		return -EINVAL;
	}
	err = dt_check_version(dt, b, total, &hdr);
	if (err)
		return err;
	version = dt_be32(b + 20);
	lcv = dt_be32(b + 24);

	dt->off_struct = dt_be32(b + 8);
	dt->off_strings = dt_be32(b + 12);
	dt->off_rsvmap = dt_be32(b + 16);
	dt->boot_cpuid = dt_be32(b + 28);
	dt->size_strings = dt_be32(b + 32);
	if (version >= 17) {
		dt->size_struct = dt_be32(b + 36);
	} else {
		/* v16 has no size_dt_struct: the block may run to the end. */
		dt->size_struct =
			dt->off_struct <= total ? total - dt->off_struct : 0;
	}

	err = dt_check_layout(dt, version, hdr, total);
	if (err) {
		memset(dt, 0, sizeof(*dt));
		return err;
	}
	dt->base = b;
	dt->size = total;
	dt->version = version;
	dt->last_comp_version = lcv;
	dt->quiet = false;
	return 0;
}

int dt_init(struct dt_blob *dt, const void *blob, size_t avail)
{
	return dt_init_hdr(dt, blob, avail, false);
}

/**
 * dt_init_quiet() - dt_init() without its messages
 *
 * For a look at a blob before the console is set up (the command line's
 * loglevel): dt_init() reports the same problems when it is called later.
 */
int dt_init_quiet(struct dt_blob *dt, const void *blob, size_t avail)
{
	return dt_init_hdr(dt, blob, avail, true);
}

/* A blob cut short and padded with zeroes: nothing but zeroes from @p. */
static bool dt_zero_tail(const u8 *p, u32 len)
{
	while (len--)
		if (*p++)
			return false;
	return true;
}

/*
 * A damaged structure block is walked many times during boot (console,
 * timebase, harts, memory...): name each fault once, not once per walk.
 * The same message about the same blob twice in a row is dropped.
 * Return: @err, so that dt_tag() ends each error in a tail call and its
 * path for good tokens needs no stack frame (boot reads ~3000 tokens).
 */
static noinline __attribute__((cold))
__printf(3, 4) int dt_tag_err(const struct dt_blob *dt, int err,
			      const char *fmt, ...)
{
	static const u8 *last_base;
	static char last[160];
	char msg[sizeof(last)];
	va_list ap;

	if (dt->quiet)
		return err;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (dt->base == last_base && !strcmp(msg, last))
		return err;
	last_base = dt->base;
	memcpy(last, msg, sizeof(last));
	pr_err("%s", msg);
	return err;
}

/* The struct offset of the NUL ending the string at @off, or -1 if there
 * is none before @size (inline: a memchr() call per node name was a
 * quarter of the devicetree's boot cost). */
static inline int dt_string_end(const u8 *s, u32 off, u32 size)
{
	for (; off < size; off++)
		if (!s[off])
			return (int)off;
	return -1;
}

/*
 * Read the token at struct offset @off; on success return it and set *@next
 * to the offset of the token after it (past a node's name or a property's
 * value, aligned to 4).  Every error is logged (not again back to back).
 */
int dt_tag(const struct dt_blob *dt, int off, int *next)
{
	const u8 *s = dt_struct(dt);
	u32 size = dt->size_struct, len, end;
	int nul;
	u32 tag;

	if (!dt->base)
		return dt_tag_err(dt, -EINVAL, "dt: blob not initialised\n");
	if (off < 0 || !IS_ALIGNED(off, 4))
		return dt_tag_err(dt, -EINVAL, "dt: bad struct offset %d\n",
				  off);
	if (size < 4 || (u32)off > size - 4)
		return dt_tag_err(
			dt, -ERANGE,
			"dt: structure block ends at offset %u without FDT_END\n",
			size);
	tag = dt_be32(s + off);
	switch (tag) {
	case DT_BEGIN_NODE:
		nul = dt_string_end(s, off + 4, size);
		if (nul < 0)
			return dt_tag_err(
				dt, -EINVAL,
				"dt: unterminated node name at struct offset %d\n",
				off);
		end = ALIGN((u32)nul + 1, 4);
		break;
	case DT_PROP:
		if (size - off - 4 < 8)
			return dt_tag_err(
				dt, -ERANGE,
				"dt: property header at struct offset %d is truncated\n",
				off);
		len = dt_be32(s + off + 4);
		if (len > size - off - 12)
			return dt_tag_err(
				dt, -ERANGE,
				"dt: property at struct offset %d: length %u runs past the structure block (size %u)\n",
				off, len, size);
		end = ALIGN(off + 12 + len, 4);
		break;
	case DT_END_NODE:
	case DT_NOP:
	case DT_END:
		end = off + 4;
		break;
	default:
		if (!tag && dt_zero_tail(s + off, size - off))
			return dt_tag_err(
				dt, -EINVAL,
				"dt: structure block is zero from struct offset %d to its end at %u: blob truncated?\n",
				off, size);
		return dt_tag_err(dt, -EINVAL,
				  "dt: bad tag 0x%08x at struct offset %d\n",
				  tag, off);
	}
	if (end > size && tag != DT_END)
		return dt_tag_err(
			dt, -ERANGE,
			"dt: token at struct offset %d runs past the structure block\n",
			off);
	*next = (int)end;
	return (int)tag;
}

int dt_token_body(const struct dt_blob *dt, int off, int want, const char *what)
{
	int next, tag = dt_tag(dt, off, &next);

	if (tag < 0)
		return tag;
	if (tag != want) {
		dt_err(dt, "dt: struct offset %d is not %s\n", off, what);
		return -EINVAL;
	}
	return next;
}

/* Check that @node is a BEGIN_NODE; return the offset after its name. */
int dt_node_body(const struct dt_blob *dt, int node)
{
	int i = dt_ix_find(dt, node);

	if (i >= 0)
		return dt_ix_node(dt, i)->body;
	return dt_token_body(dt, node, DT_BEGIN_NODE, "a node");
}

int dt_ix_find(const struct dt_blob *dt, int node)
{
	struct dt_index *ix = dt->ix;
	int lo, hi, mid;

	if (!ix)
		return -1;
	/* Walks go forward: the node looked up last, or the one after it. */
	lo = ix->hint;
	if (ix->node[lo].off == node)
		return lo;
	if (lo + 1 < ix->nr && ix->node[lo + 1].off == node) {
		ix->hint = lo + 1;
		return lo + 1;
	}
	for (lo = 0, hi = ix->nr; lo < hi;) {
		mid = (lo + hi) / 2;
		if (ix->node[mid].off < node)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == ix->nr || ix->node[lo].off != node)
		return -1;
	ix->hint = lo;
	return lo;
}

/*
 * dt_next_node() from node @i (-1: before the root) of an indexed blob:
 * @depth moves by the END_NODEs and the BEGIN_NODE the token walk meets.
 */
static int dt_ix_next_node(const struct dt_blob *dt, int i, int *depth)
{
	int from = i < 0 ? -1 : dt_ix_node(dt, i)->depth;
	const struct dt_index_node *n;

	if (i + 1 == dt->ix->nr) {
		if (depth)
			*depth -= from + 1;
		return -ENOENT;
	}
	n = dt_ix_node(dt, i + 1);
	dt->ix->hint = i + 1;
	if (depth) {
		*depth += n->depth - from;
		if (*depth > DT_MAX_DEPTH) {
			pr_err("dt: nodes nested deeper than %d at struct offset %d\n",
			       DT_MAX_DEPTH, n->off);
			return -E2BIG;
		}
	}
	return n->off;
}

/**
 * dt_next_node() - the next node in document order
 * @dt: the blob
 * @offset: a node offset, or -1 to start before the root
 * @depth: if not NULL, adjusted by +1 per node entered and -1 per node left;
 *	   goes below its start value once the walk leaves @offset's subtree
 *
 * Return: the node offset, -ENOENT at FDT_END, or a negative errno for a
 * damaged structure block (bad tag, unterminated name, truncation) or
 * nesting deeper than DT_MAX_DEPTH (-E2BIG, with @depth counted from -1 at
 * the start of the blob, so the root is at depth 0).
 */
int dt_next_node(const struct dt_blob *dt, int offset, int *depth)
{
	int next = 0, tag, i = -1;

	if (dt->ix && (offset < 0 || (i = dt_ix_find(dt, offset)) >= 0))
		return dt_ix_next_node(dt, i, depth);
	if (offset >= 0) {
		next = dt_node_body(dt, offset);
		if (next < 0)
			return next;
	}
	for (;;) {
		offset = next;
		tag = dt_tag(dt, offset, &next);
		if (tag < 0)
			return tag;
		switch (tag) {
		case DT_BEGIN_NODE:
			if (depth && ++*depth > DT_MAX_DEPTH) {
				pr_err("dt: nodes nested deeper than %d at struct offset %d\n",
				       DT_MAX_DEPTH, offset);
				return -E2BIG;
			}
			return offset;
		case DT_END_NODE:
			if (depth)
				--*depth;
			break;
		case DT_END:
			return -ENOENT;
		default: /* PROP, NOP */
			break;
		}
	}
}

/* The offset just past @node's END_NODE. */
static int dt_skip_node(const struct dt_blob *dt, int node)
{
	int depth = 1, off, tag;
	int next = dt_node_body(dt, node);

	if (next < 0)
		return next;
	while (depth > 0) {
		off = next;
		tag = dt_tag(dt, off, &next);
		if (tag < 0)
			return tag;
		if (tag == DT_BEGIN_NODE && ++depth > DT_MAX_DEPTH + 1) {
			pr_err("dt: nodes nested deeper than %d at struct offset %d\n",
			       DT_MAX_DEPTH, off);
			return -E2BIG;
		}
		if (tag == DT_END_NODE)
			depth--;
		if (tag == DT_END) {
			pr_err("dt: FDT_END at struct offset %d inside a node\n",
			       off);
			return -EINVAL;
		}
	}
	return next;
}

/*
 * From @off, skip the tags in the @skip mask (1 << tag) to the next @want
 * tag.  Any other tag ends the search with -ENOENT, except FDT_END when
 * @end_is_error: the walk is still inside a node and the blob is damaged.
 */
int dt_tag_from(const struct dt_blob *dt, int off, int want, unsigned int skip,
		bool end_is_error)
{
	int next, tag;

	for (;; off = next) {
		tag = dt_tag(dt, off, &next);
		if (tag < 0)
			return tag;
		if (tag == want)
			return off;
		if (skip & (1U << tag))
			continue;
		if (tag == DT_END && end_is_error) {
			pr_err("dt: FDT_END at struct offset %d inside a node\n",
			       off);
			return -EINVAL;
		}
		return -ENOENT;
	}
}

/* From @off, skip properties and NOPs to the next BEGIN_NODE. */
static int dt_node_from(const struct dt_blob *dt, int off, bool inside)
{
	return dt_tag_from(dt, off, DT_BEGIN_NODE,
			   (1U << DT_PROP) | (1U << DT_NOP), inside);
}

/**
 * dt_first_child() - first subnode of @node
 * Return: its offset, -ENOENT if @node has none, or a negative errno.
 */
int dt_first_child(const struct dt_blob *dt, int node)
{
	int i = dt_ix_find(dt, node), off;

	if (i >= 0) {
		if (i + 1 == dt_ix_node(dt, i)->next)
			return -ENOENT;
		return dt_ix_node(dt, i + 1)->off;
	}
	off = dt_node_body(dt, node);

	return off < 0 ? off : dt_node_from(dt, off, true);
}

/**
 * dt_next_sibling() - the node after @node under the same parent
 * Return: its offset, -ENOENT after the last one, or a negative errno.
 */
int dt_next_sibling(const struct dt_blob *dt, int node)
{
	int i = dt_ix_find(dt, node), off;

	if (i >= 0) {
		const struct dt_index_node *n = dt_ix_node(dt, i);

		if (n->next == dt->ix->nr ||
		    dt_ix_node(dt, n->next)->parent != n->parent)
			return -ENOENT;
		return dt_ix_node(dt, n->next)->off;
	}
	off = dt_skip_node(dt, node);

	return off < 0 ? off : dt_node_from(dt, off, false);
}
