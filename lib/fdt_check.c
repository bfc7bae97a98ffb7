// SPDX-License-Identifier: MIT
/*
 * The devicetree's one full validation pass (dt_check()) and the node
 * index built in the same pass (dt_index_build()); the walks in fdt.c
 * read the index once it is there.
 */
#include <kernel/errno.h>
#include <kernel/fdt.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include "fdt_internal.h"

/*
 * dt_check_pass(): node @off, its name ending before @body, is open at
 * @depth (root 1); @open holds the open nodes' indexes.  Past @ix->cap
 * nodes, @ix->nr stays at @ix->cap + 1 and nothing more is recorded.
 */
static struct dt_index_node *dt_ix_add(struct dt_index *ix, int *open, int off,
				       int body, int depth)
{
	struct dt_index_node *n;

	if (ix->nr >= ix->cap) {
		ix->nr = ix->cap + 1;
		return NULL;
	}
	n = &ix->node[ix->nr];
	n->off = off;
	n->body = body;
	n->compat = -1;
	n->devtype = -1;
	n->parent = depth > 1 ? (u16)open[depth - 2] : DT_INDEX_NONE;
	n->depth = (u16)(depth - 1);
	n->next = 0;
	open[depth - 1] = ix->nr++;
	return n;
}

/* The index keeps where a node's first "compatible" and "device_type"
 * are, the properties searched across the whole tree. */
static void dt_ix_note_prop(struct dt_index_node *n, int off, const char *name)
{
	if (*name == 'c' && n->compat < 0 && !strcmp(name, "compatible"))
		n->compat = off;
	else if (*name == 'd' && n->devtype < 0 && !strcmp(name, "device_type"))
		n->devtype = off;
}

/*
 * dt_check()'s pass.  With @ix, each node is also recorded there, with
 * the first "compatible" and "device_type" among the properties it opens
 * with.
 */
static int dt_check_pass(const struct dt_blob *dt, struct dt_index *ix)
{
	int off = 0, next, tag, depth = 0, n;
	int open[DT_MAX_DEPTH + 1]; /* the open nodes' indexes */
	struct dt_index_node *cur = NULL;
	const char *name;
	bool root = false;

	for (;; off = next) {
		tag = dt_tag(dt, off, &next);
		if (tag < 0)
			return tag;
		switch (tag) {
		case DT_BEGIN_NODE:
			if (!depth && root) {
				dt_err(dt,
				       "dt: second root node at struct offset %d\n",
				       off);
				return -EINVAL;
			}
			root = true;
			if (++depth > DT_MAX_DEPTH + 1) {
				dt_err(dt,
				       "dt: nodes nested deeper than %d at struct offset %d\n",
				       DT_MAX_DEPTH, off);
				return -E2BIG;
			}
			cur = ix ? dt_ix_add(ix, open, off, next, depth) : NULL;
			break;
		case DT_END_NODE:
			if (!depth) {
				dt_err(dt,
				       "dt: unbalanced FDT_END_NODE at struct offset %d\n",
				       off);
				return -EINVAL;
			}
			if (ix && ix->nr <= ix->cap)
				ix->node[open[depth - 1]].next = (u16)ix->nr;
			depth--;
			cur = NULL;
			break;
		case DT_PROP:
			if (!depth) {
				dt_err(dt,
				       "dt: property outside any node at struct offset %d\n",
				       off);
				return -EINVAL;
			}
			name = dt_prop_name_at(dt, off);
			if (!name)
				return -EINVAL;
			if (cur)
				dt_ix_note_prop(cur, off, name);
			break;
		case DT_END:
			if (depth || !root) {
				dt_err(dt,
				       "dt: FDT_END at struct offset %d with %d nodes open%s\n",
				       off, depth, root ? "" : " and no root");
				return -EINVAL;
			}
			n = dt_num_mem_rsv(dt);
			return n < 0 ? n : 0;
		}
	}
}

/**
 * dt_check() - validate the whole structure block and /memreserve/ map
 *
 * Every token, node name and property name (inside the strings block),
 * nesting at most DT_MAX_DEPTH, one root, balanced END_NODEs, a final
 * FDT_END, and a terminated reserve map inside totalsize.  An indexed
 * blob (dt_index_build()) has passed these checks already.
 *
 * Return: 0, or the negative errno of the first problem (logged).
 */
int dt_check(const struct dt_blob *dt)
{
	return dt->ix ? 0 : dt_check_pass(dt, NULL);
}

/**
 * dt_index_build() - check a blob as dt_check() does, silently, and index it
 * @dt: a blob accepted by dt_init()
 * @ix: where the index goes (@ix->node and @ix->cap set by the caller); it
 *	must live as long as @dt is used, and the blob must not change
 *
 * A blob that passes and has at most @ix->cap nodes is indexed: node
 * offsets, parents, depths, subtrees, "compatible" and "device_type"
 * properties.  From then on the node walks, parent and path look-ups,
 * dt_getprop() and the compatible and device_type searches use the index
 * instead of reading the structure block again (a boot would read a few
 * thousand tokens).  Offsets that are not nodes still go to the checked
 * walks, which report them as before.  Otherwise, a damaged blob
 * included, @dt is left unindexed: every read stays checked, and
 * dt_check() reports the damage when it is called.
 *
 * Return: 0 (indexed), -ENOSPC (sound, but more than @ix->cap nodes), or
 * the negative errno dt_check() would return (nothing logged).
 */
int dt_index_build(struct dt_blob *dt, struct dt_index *ix)
{
	int err;

	dt->ix = NULL;
	ix->nr = 0;
	ix->hint = 0;
	if (ix->cap > DT_INDEX_MAX)
		ix->cap = DT_INDEX_MAX;
	dt->quiet = true;
	err = dt_check_pass(dt, ix);
	dt->quiet = false;
	if (!err && ix->nr > ix->cap)
		err = -ENOSPC;
	if (err) {
		ix->nr = 0;
		return err;
	}
	dt->ix = ix;
	return 0;
}
