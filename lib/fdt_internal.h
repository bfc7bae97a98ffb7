/* SPDX-License-Identifier: MIT */
/* Shared between lib/fdt*.c only: the checked token reader. */
#ifndef _LIB_FDT_INTERNAL_H
#define _LIB_FDT_INTERNAL_H

#include <kernel/fdt.h>
#include <kernel/printk.h>

static inline const u8 *dt_struct(const struct dt_blob *dt)
{
	return dt->base + dt->off_struct;
}

/* An error about the blob: logged, except in dt_index_build()'s pass. */
#define dt_err(dt, ...)                      \
	do {                                 \
		if (!(dt)->quiet)            \
			pr_err(__VA_ARGS__); \
	} while (0)

/*
 * The node index of node offset @node in @dt's index, or -1 if @dt has
 * none or @node is not a node's offset (then the checked walks run, and
 * report the bad offset as before).
 */
int dt_ix_find(const struct dt_blob *dt, int node);

static inline const struct dt_index_node *dt_ix_node(const struct dt_blob *dt,
						     int i)
{
	return &dt->ix->node[i];
}

/*
 * The token at struct offset @off, with *@next set past it (name, value,
 * padding); every token and its payload is checked to lie inside the
 * structure block.  Negative errno (logged) on damage.
 */
int dt_tag(const struct dt_blob *dt, int off, int *next);

/*
 * Check that the token at @off is @want (@what, for the error); return
 * the offset after it.
 */
/* fdt.c: from @off, skip the tags in @skip (1 << tag) to a @want tag. */
int dt_tag_from(const struct dt_blob *dt, int off, int want, unsigned int skip,
		bool end_is_error);
int dt_token_body(const struct dt_blob *dt, int off, int want,
		  const char *what);
/* dt_property_name() for a PROP token dt_tag() has just checked. */
const char *dt_prop_name_at(const struct dt_blob *dt, int prop);
/* Check @node is a BEGIN_NODE; return the offset after its name. */
int dt_node_body(const struct dt_blob *dt, int node);

#endif
