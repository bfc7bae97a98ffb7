// SPDX-License-Identifier: MIT
/*
 * DOC: devicetree properties
 *
 * Property iteration and lookup, string lists, compatible / phandle /
 * device_type searches.  A property token is "PROP len nameoff value";
 * dt_tag() has already checked that the value lies inside the structure
 * block, and dt_property_name() checks the name against the strings block.
 */
#include <kernel/errno.h>
#include <kernel/fdt.h>
#include <kernel/printk.h>
#include <kernel/string.h>

#include "fdt_internal.h"

/* From @off inside a node, skip NOPs to the next PROP. */
static int dt_prop_from(const struct dt_blob *dt, int off)
{
	return dt_tag_from(dt, off, DT_PROP, 1U << DT_NOP, true);
}

/**
 * dt_first_property() - first property of @node
 * Return: a property offset, -ENOENT if none, or a negative errno.
 */
int dt_first_property(const struct dt_blob *dt, int node)
{
	int off = dt_node_body(dt, node);

	return off < 0 ? off : dt_prop_from(dt, off);
}

/* Check that @prop is a PROP token; return the offset after it. */
static int dt_prop_body(const struct dt_blob *dt, int prop)
{
	return dt_token_body(dt, prop, DT_PROP, "a property");
}

/**
 * dt_next_property() - the property after @prop in the same node
 * Return: a property offset, -ENOENT after the last, or a negative errno.
 */
int dt_next_property(const struct dt_blob *dt, int prop)
{
	int off = dt_prop_body(dt, prop);

	return off < 0 ? off : dt_prop_from(dt, off);
}

/**
 * dt_property_name() - the name of the property at @prop
 *
 * The name offset must lie inside the strings block and the name must end
 * with a NUL inside it.
 *
 * Return: the name, or NULL (logged) if @prop or its name is bad.
 */
const char *dt_property_name(const struct dt_blob *dt, int prop)
{
	if (dt_prop_body(dt, prop) < 0)
		return NULL;
	return dt_prop_name_at(dt, prop);
}

const char *dt_prop_name_at(const struct dt_blob *dt, int prop)
{
	const u8 *strs = dt->base + dt->off_strings;
	u32 nameoff;

	nameoff = dt_be32(dt_struct(dt) + prop + 8);
	if (nameoff >= dt->size_strings) {
		dt_err(dt,
		       "dt: property at struct offset %d: string offset %u outside the strings block (size %u)\n",
		       prop, nameoff, dt->size_strings);
		return NULL;
	}
	/* A strings block ending in NUL terminates every name in it. */
	if (strs[dt->size_strings - 1] &&
	    !memchr(strs + nameoff, 0, dt->size_strings - nameoff)) {
		dt_err(dt,
		       "dt: property at struct offset %d: name at string offset %u is not terminated\n",
		       prop, nameoff);
		return NULL;
	}
	return (const char *)strs + nameoff;
}

/**
 * dt_property_value() - the value of the property at @prop
 * @lenp: if not NULL, its length in bytes, or a negative errno
 * Return: the value (inside the structure block) or NULL.
 */
const void *dt_property_value(const struct dt_blob *dt, int prop, int *lenp)
{
	int err = dt_prop_body(dt, prop);

	if (err < 0) {
		if (lenp)
			*lenp = err;
		return NULL;
	}
	if (lenp)
		*lenp = (int)dt_be32(dt_struct(dt) + prop + 4);
	return dt_struct(dt) + prop + 12;
}

/*
 * dt_getprop() in an indexed blob, from @off (just past the node's name):
 * dt_index_build() has checked every token and property name already.
 */
static const void *dt_ix_getprop(const struct dt_blob *dt, int off,
				 const char *name, int *lenp)
{
	const char *strs = (const char *)dt->base + dt->off_strings, *pname;
	const u8 *s = dt_struct(dt);
	u32 tag, len;

	for (;;) {
		tag = dt_be32(s + off);
		if (tag == DT_NOP) {
			off += 4;
			continue;
		}
		if (tag != DT_PROP)
			break;
		len = dt_be32(s + off + 4);
		pname = strs + dt_be32(s + off + 8);
		if (*pname == *name && !strcmp(pname, name)) {
			if (lenp)
				*lenp = (int)len;
			return s + off + 12;
		}
		off = (int)ALIGN(off + 12 + len, 4);
	}
	if (lenp)
		*lenp = -ENOENT;
	return NULL;
}

/**
 * dt_getprop() - look up property @name of @node
 * @lenp: if not NULL, set to the value length, or to -ENOENT when absent,
 *	  or another negative errno when the node or a property name is bad
 * Return: the value, or NULL.
 */
const void *dt_getprop(const struct dt_blob *dt, int node, const char *name,
		       int *lenp)
{
	int prop, bad = 0, i = dt_ix_find(dt, node);

	if (i >= 0)
		return dt_ix_getprop(dt, dt_ix_node(dt, i)->body, name, lenp);
	dt_for_each_property(prop, dt, node) {
		const char *pname = dt_property_name(dt, prop);

		if (!pname) {
			bad = -EINVAL; /* keep looking, report if not found */
			continue;
		}
		if (!strcmp(pname, name))
			return dt_property_value(dt, prop, lenp);
	}
	if (lenp)
		*lenp = prop != -ENOENT ? prop : bad ? bad : -ENOENT;
	return NULL;
}

/**
 * dt_getprop_string() - a property that must be one NUL-terminated string
 * Return: the string, or NULL if absent, empty or unterminated.
 */
const char *dt_getprop_string(const struct dt_blob *dt, int node,
			      const char *name)
{
	int len;
	const char *val = dt_getprop(dt, node, name, &len);

	return val && len > 0 && !val[len - 1] ? val : NULL;
}

/**
 * dt_getprop_u32() - a one-cell property
 * Return: its value, or @def when absent or not exactly 4 bytes long.
 */
u32 dt_getprop_u32(const struct dt_blob *dt, int node, const char *name,
		   u32 def)
{
	int len;
	const void *val = dt_getprop(dt, node, name, &len);

	return val && len == 4 ? dt_be32(val) : def;
}

/**
 * dt_stringlist_count() - how many strings property @name holds
 * Return: the count (0 for an empty property), -ENOENT if absent, -EINVAL
 * if the last string is not NUL-terminated.
 */
int dt_stringlist_count(const struct dt_blob *dt, int node, const char *name)
{
	int len, count = 0;
	const char *p = dt_getprop(dt, node, name, &len), *end;

	if (!p)
		return len;
	for (end = p + len; p < end; count++) {
		const char *nul = memchr(p, 0, end - p);

		if (!nul)
			return -EINVAL;
		p = nul + 1;
	}
	return count;
}

/**
 * dt_stringlist_get() - string @index of property @name
 * @lenp: if not NULL, the string's length or a negative errno
 * Return: the string, or NULL (-ENOENT past the end, -EINVAL unterminated).
 */
const char *dt_stringlist_get(const struct dt_blob *dt, int node,
			      const char *name, int index, int *lenp)
{
	int len, err = -ENOENT;
	const char *p = dt_getprop(dt, node, name, &len), *end;

	if (!p) {
		err = len;
		goto fail;
	}
	for (end = p + len; p < end && index >= 0; index--) {
		const char *nul = memchr(p, 0, end - p);

		if (!nul) {
			err = -EINVAL;
			break;
		}
		if (index == 0) {
			if (lenp)
				*lenp = (int)(nul - p);
			return p;
		}
		p = nul + 1;
	}
fail:
	if (lenp)
		*lenp = err;
	return NULL;
}

/* Does the string list @p (@len bytes) contain @str? */
static bool dt_strlist_has(const char *p, int len, const char *str)
{
	size_t slen = strlen(str);
	const char *nul;

	while (len > 0 && (size_t)len > slen) {
		if (!memcmp(p, str, slen + 1))
			return true;
		nul = memchr(p, 0, len);
		if (!nul)
			return false;
		len -= (int)(nul - p) + 1;
		p = nul + 1;
	}
	return false;
}

/**
 * dt_prop_has_string() - does stringlist property @name contain @str?
 */
bool dt_prop_has_string(const struct dt_blob *dt, int node, const char *name,
			const char *str)
{
	int len;
	const char *p = dt_getprop(dt, node, name, &len);

	return p && dt_strlist_has(p, len, str);
}

/** dt_node_is_compatible() - does @node list @compat in "compatible"? */
bool dt_node_is_compatible(const struct dt_blob *dt, int node,
			   const char *compat)
{
	return dt_prop_has_string(dt, node, "compatible", compat);
}

/* The two properties the devicetree index records for each node. */
enum dt_ix_prop { DT_IX_COMPATIBLE, DT_IX_DEVICE_TYPE };

/* Does a property value match: a stringlist entry of "compatible", or
 * "device_type" as one terminated string (as dt_getprop_string())? */
static bool dt_ix_prop_match(enum dt_ix_prop which, const char *v, int len,
			     const char *want)
{
	if (which == DT_IX_COMPATIBLE)
		return dt_strlist_has(v, len, want);
	return len > 0 && !v[len - 1] && !strcmp(v, want);
}

/*
 * The next node after @startoffset (-1: the whole tree) whose property
 * @which matches @want: read from the index when the blob has one and
 * @startoffset is a node in it, else by walking the checked tokens.
 */
static int dt_next_node_by_prop(const struct dt_blob *dt, int startoffset,
				enum dt_ix_prop which, const char *want)
{
	static const char *const names[] = {"compatible", "device_type"};
	int off, len, i = -1;
	const char *v;

	if (dt->ix &&
	    (startoffset < 0 || (i = dt_ix_find(dt, startoffset)) >= 0)) {
		const u8 *s = dt_struct(dt);

		while (++i < dt->ix->nr) {
			const struct dt_index_node *n = dt_ix_node(dt, i);
			int p = which == DT_IX_COMPATIBLE ? n->compat
							  : n->devtype;

			if (p >= 0 &&
			    dt_ix_prop_match(which, (const char *)s + p + 12,
					     (int)dt_be32(s + p + 4), want))
				return n->off;
		}
		return -ENOENT;
	}
	for (off = dt_next_node(dt, startoffset, NULL); off >= 0;
	     off = dt_next_node(dt, off, NULL)) {
		v = dt_getprop(dt, off, names[which], &len);
		if (v && dt_ix_prop_match(which, v, len, want))
			return off;
	}
	return off;
}

/**
 * dt_node_offset_by_compatible() - next node compatible with @compat
 * @startoffset: search starts after this node; -1 for the whole tree
 * Return: the node offset, -ENOENT, or a negative errno.
 */
int dt_node_offset_by_compatible(const struct dt_blob *dt, int startoffset,
				 const char *compat)
{
	return dt_next_node_by_prop(dt, startoffset, DT_IX_COMPATIBLE, compat);
}

/**
 * dt_get_phandle() - @node's "phandle" (or old "linux,phandle"), 0 if none
 */
u32 dt_get_phandle(const struct dt_blob *dt, int node)
{
	u32 ph = dt_getprop_u32(dt, node, "phandle", 0);

	return ph ? ph : dt_getprop_u32(dt, node, "linux,phandle", 0);
}

/**
 * dt_node_offset_by_phandle() - the node whose phandle is @phandle
 * Return: its offset, -EINVAL for 0 or ~0, -ENOENT, or a negative errno.
 */
int dt_node_offset_by_phandle(const struct dt_blob *dt, u32 phandle)
{
	int off;

	if (phandle == 0 || phandle == ~0U)
		return -EINVAL;
	for (off = dt_next_node(dt, -1, NULL); off >= 0;
	     off = dt_next_node(dt, off, NULL))
		if (dt_get_phandle(dt, off) == phandle)
			return off;
	return off;
}

/**
 * dt_node_is_available() - status absent, "okay" or "ok"
 */
bool dt_node_is_available(const struct dt_blob *dt, int node)
{
	int len;
	const char *st = dt_getprop(dt, node, "status", &len);

	if (!st)
		return len == -ENOENT;
	if (len <= 0 || st[len - 1])
		return false;
	return !strcmp(st, "okay") || !strcmp(st, "ok");
}

/**
 * dt_next_node_by_devtype() - next node whose device_type is @type
 * @startoffset: search starts after this node; -1 for the whole tree
 * Return: the node offset, -ENOENT, or a negative errno.
 */
int dt_next_node_by_devtype(const struct dt_blob *dt, int startoffset,
			    const char *type)
{
	return dt_next_node_by_prop(dt, startoffset, DT_IX_DEVICE_TYPE, type);
}
