// SPDX-License-Identifier: MIT
/*
 * DOC: devicetree names and paths
 *
 * Where a node sits in the tree and what it is called: its parent and
 * depth (found by walking from the root, as the format has no back
 * links), its name and full path, a description for messages, and the
 * lookups by name, by path and by /aliases entry.  The token walk they
 * stand on (dt_next_node(), dt_first_child() ...) is in fdt.c.
 */
#include <kernel/errno.h>
#include <kernel/fdt.h>
#include <kernel/printf.h>
#include <kernel/printk.h>
#include <kernel/string.h>

#include "fdt_internal.h"

/*
 * Walk from the root to @node, recording the offsets of its ancestors in
 * @stack (DT_MAX_DEPTH + 1 entries).  Return @node's depth (root = 0).
 */
static int dt_ancestry(const struct dt_blob *dt, int node, int *stack)
{
	int depth = -1, off, root = -1, i = dt_ix_find(dt, node);

	if (i >= 0) {
		depth = dt_ix_node(dt, i)->depth;
		for (off = depth; off >= 0; off--) {
			stack[off] = dt_ix_node(dt, i)->off;
			i = dt_ix_node(dt, i)->parent;
		}
		return depth;
	}

	for (off = dt_next_node(dt, -1, &depth); off >= 0;
	     off = dt_next_node(dt, off, &depth)) {
		/* A stray END_NODE before the root, or a second root. */
		if (depth < 0 || (root >= 0 && depth == 0))
			break;
		if (root < 0)
			root = off;
		stack[depth] = off;
		if (off == node)
			return depth;
		if (off > node)
			break;
	}
	if (off < 0 && off != -ENOENT)
		return off;
	pr_err("dt: struct offset %d is not a node\n", node);
	return -EINVAL;
}

/**
 * dt_parent_offset() - the node containing @node (walks from the root)
 * Return: the parent's offset, -ENOENT for the root, or a negative errno.
 */
int dt_parent_offset(const struct dt_blob *dt, int node)
{
	int stack[DT_MAX_DEPTH + 1];
	int depth = dt_ancestry(dt, node, stack);

	if (depth < 0)
		return depth;
	return depth ? stack[depth - 1] : -ENOENT;
}

/**
 * dt_node_depth() - how deep @node is (root = 0)
 * Return: the depth or a negative errno.
 */
int dt_node_depth(const struct dt_blob *dt, int node)
{
	int stack[DT_MAX_DEPTH + 1];

	return dt_ancestry(dt, node, stack);
}

/**
 * dt_get_name() - a node's name, including any "@unit-address"
 * @lenp: if not NULL, set to the name's length or a negative errno
 * Return: the NUL-terminated name ("" for the root) or NULL.
 */
const char *dt_get_name(const struct dt_blob *dt, int node, int *lenp)
{
	int off = dt_node_body(dt, node);
	const char *name;

	if (off < 0) {
		if (lenp)
			*lenp = off;
		return NULL;
	}
	name = (const char *)dt_struct(dt) + node + 4;
	if (lenp)
		*lenp = (int)strlen(name); /* terminated: dt_tag checked */
	return name;
}

/**
 * dt_get_path() - build @node's full path ("/soc/serial@10000000")
 * Return: 0, -ENOSPC if @buf (of @buflen bytes) is too small, or an errno.
 */
int dt_get_path(const struct dt_blob *dt, int node, char *buf, int buflen)
{
	int stack[DT_MAX_DEPTH + 1];
	int depth = dt_ancestry(dt, node, stack);
	int pos = 0, len, i;
	const char *name;

	if (depth < 0)
		return depth;
	if (buflen < 2)
		return -ENOSPC;
	buf[pos++] = '/';
	for (i = 1; i <= depth; i++) {
		name = dt_get_name(dt, stack[i], &len);
		if (!name)
			return len;
		if (pos + len + 2 > buflen)
			return -ENOSPC;
		memcpy(buf + pos, name, len);
		pos += len;
		if (i < depth)
			buf[pos++] = '/';
	}
	buf[pos] = '\0';
	return 0;
}

/**
 * dt_node_desc() - describe @node for a log message
 * @buf: DT_PATH_MAX bytes of scratch space
 * Return: the full path, or failing that "<node at N>", in @buf.
 */
const char *dt_node_desc(const struct dt_blob *dt, int node, char *buf)
{
	if (dt_get_path(dt, node, buf, DT_PATH_MAX) == 0)
		return buf;
	snprintf(buf, DT_PATH_MAX, "<node at %d>", node < 0 ? 0 : node);
	return buf;
}

/*
 * libfdt's rule: @name (no NUL, @len bytes) matches a node called "name" or,
 * when @name carries no unit address itself, "name@anything".
 */
static bool dt_name_eq(const char *node_name, const char *name, int len)
{
	/* Most siblings differ in the first byte: no strnlen() for them. */
	if (len > 0 && node_name[0] != name[0])
		return false;
	if (strnlen(node_name, len) < (size_t)len ||
	    memcmp(node_name, name, len))
		return false;
	if (node_name[len] == '\0')
		return true;
	return node_name[len] == '@' && !memchr(name, '@', len);
}

/**
 * dt_subnode_offset_namelen() - find a child of @parent by name
 * @name: @namelen bytes, with or without "@unit-address"
 * Return: the first matching child, -ENOENT, or a negative errno.
 */
int dt_subnode_offset_namelen(const struct dt_blob *dt, int parent,
			      const char *name, int namelen)
{
	int child;

	dt_for_each_child(child, dt, parent) {
		const char *cname = dt_get_name(dt, child, NULL);

		if (cname && dt_name_eq(cname, name, namelen))
			return child;
	}
	return child;
}

/** dt_subnode_offset() - dt_subnode_offset_namelen() for a C string */
int dt_subnode_offset(const struct dt_blob *dt, int parent, const char *name)
{
	return dt_subnode_offset_namelen(dt, parent, name, (int)strlen(name));
}

/**
 * dt_path_offset_namelen() - look a node up by path
 * @path: "/a/b@1/c" (empty components are skipped; a component without
 *	  "@" also matches "name@unit"), or "alias/rest" where alias is a
 *	  property of /aliases holding an absolute path
 * @len: bytes of @path to use (so "serial0:115200" can pass 7)
 * Return: the node offset, -ENOENT, or a negative errno.
 */
int dt_path_offset_namelen(const struct dt_blob *dt, const char *path, int len)
{
	const char *end = path + len, *p = path, *q;
	int off;

	if (len <= 0)
		return -EINVAL;
	off = dt_next_node(dt, -1, NULL); /* the root */
	if (off < 0)
		return off;
	if (*path != '/') {
		const char *alias;

		q = memchr(path, '/', len);
		if (!q)
			q = end;
		alias = dt_get_alias_namelen(dt, path, (int)(q - path));
		if (!alias)
			return -ENOENT;
		/* Aliases must be absolute: no alias-to-alias recursion. */
		if (*alias != '/')
			return -EINVAL;
		off = dt_path_offset(dt, alias);
		if (off < 0)
			return off;
		p = q;
	}
	while (p < end) {
		while (p < end && *p == '/')
			p++;
		if (p == end)
			break;
		q = memchr(p, '/', end - p);
		if (!q)
			q = end;
		off = dt_subnode_offset_namelen(dt, off, p, (int)(q - p));
		if (off < 0)
			return off;
		p = q;
	}
	return off;
}

/** dt_path_offset() - dt_path_offset_namelen() for a C string */
int dt_path_offset(const struct dt_blob *dt, const char *path)
{
	return dt_path_offset_namelen(dt, path, (int)strlen(path));
}

/**
 * dt_get_alias_namelen() - the path an /aliases entry names
 * Return: the NUL-terminated value, or NULL if absent or malformed.
 */
const char *dt_get_alias_namelen(const struct dt_blob *dt, const char *name,
				 int namelen)
{
	int aliases = dt_path_offset(dt, "/aliases");
	const char *val;
	int prop, len;

	if (aliases < 0)
		return NULL;
	dt_for_each_property(prop, dt, aliases) {
		const char *pname = dt_property_name(dt, prop);

		if (!pname || strnlen(pname, namelen + 1) != (size_t)namelen ||
		    memcmp(pname, name, namelen))
			continue;
		val = dt_property_value(dt, prop, &len);
		return val && len > 0 && !val[len - 1] ? val : NULL;
	}
	return NULL;
}

/** dt_get_alias() - dt_get_alias_namelen() for a C string */
const char *dt_get_alias(const struct dt_blob *dt, const char *name)
{
	return dt_get_alias_namelen(dt, name, (int)strlen(name));
}
