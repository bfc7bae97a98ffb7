// SPDX-License-Identifier: MIT
/*
 * DOC: devicetree addresses, /memreserve/ and /chosen
 *
 * A node's "reg" is a list of (address, size) pairs whose widths in 32-bit
 * cells come from the PARENT's #address-cells and #size-cells (defaults 2
 * and 1, Devicetree Specification 2.3.5).  We decode into u64, so only one
 * or two address cells and zero to two size cells are accepted here.
 *
 * The /memreserve/ map is a list of big-endian (address, size) u64 pairs
 * after the header, ended by a (0, 0) entry; every entry, the terminator
 * included, must lie inside totalsize.
 */
#include <kernel/errno.h>
#include <kernel/fdt.h>
#include <kernel/printk.h>
#include <kernel/string.h>

#include "fdt_internal.h"

/**
 * dt_read_number() - a big-endian number of @n 32-bit cells
 *
 * Like Linux's of_read_number(): more than two cells keep the low 64 bits.
 */
u64 dt_read_number(const void *cells, int n)
{
	const u8 *p = cells;
	u64 r = 0;

	while (n-- > 0) {
		r = (r << 32) | dt_be32(p);
		p += 4;
	}
	return r;
}

static int dt_cells(const struct dt_blob *dt, int node, const char *name,
		    int def, u32 lo, u32 hi)
{
	char path[DT_PATH_MAX];
	const void *val;
	int len;
	u32 v;

	val = dt_getprop(dt, node, name, &len);
	if (!val)
		return len == -ENOENT ? def : len;
	if (len != 4) {
		pr_err("dt: %s: %s has length %d, expected 4\n",
		       dt_node_desc(dt, node, path), name, len);
		return -EINVAL;
	}
	v = dt_be32(val);
	if (v < lo || v > hi) {
		pr_err("dt: %s: %s %u is out of range (%u..%u)\n",
		       dt_node_desc(dt, node, path), name, v, lo, hi);
		return -EINVAL;
	}
	return (int)v;
}

/**
 * dt_address_cells() - #address-cells @node declares for its children
 * Return: 1..4 (2 when absent), or -EINVAL (logged) for 0, > 4 or a bad
 * property length.
 */
int dt_address_cells(const struct dt_blob *dt, int node)
{
	return dt_cells(dt, node, "#address-cells", 2, 1, 4);
}

/**
 * dt_size_cells() - #size-cells @node declares for its children
 * Return: 0..4 (1 when absent; 0 is normal under /cpus), or -EINVAL.
 */
int dt_size_cells(const struct dt_blob *dt, int node)
{
	return dt_cells(dt, node, "#size-cells", 1, 0, 4);
}

/**
 * dt_reg_count_cells() - number of (address, size) entries in @node's reg
 * @ac: address cells (from the parent); 1 or 2
 * @sc: size cells (from the parent); 0..2
 *
 * Three address cells are PCI's (phys.hi flags); we never decode PCI reg,
 * so anything that does not fit a u64 is rejected rather than truncated.
 *
 * Return: the count, -ENOENT without reg, -EINVAL (logged) for bad cell
 * counts or a reg length that is not a whole number of entries.
 */
int dt_reg_count_cells(const struct dt_blob *dt, int node, int ac, int sc)
{
	char path[DT_PATH_MAX];
	int len, stride;

	if (ac < 1 || ac > 2 || sc < 0 || sc > 2) {
		pr_err("dt: %s: cannot decode reg with #address-cells %d / #size-cells %d (need 1..2 / 0..2)\n",
		       dt_node_desc(dt, node, path), ac, sc);
		return -EINVAL;
	}
	if (!dt_getprop(dt, node, "reg", &len))
		return len;
	stride = (ac + sc) * 4;
	if (len % stride) {
		pr_err("dt: %s: reg length %d is not a multiple of %d bytes\n",
		       dt_node_desc(dt, node, path), len, stride);
		return -EINVAL;
	}
	return len / stride;
}

/**
 * dt_read_reg_cells() - entry @index of @node's reg, with explicit cells
 * @size: set to 0 when @sc is 0
 * Return: 0, -ENOENT past the last entry, or a negative errno.
 */
int dt_read_reg_cells(const struct dt_blob *dt, int node, int ac, int sc,
		      int index, u64 *addr, u64 *size)
{
	int n = dt_reg_count_cells(dt, node, ac, sc);
	const u8 *reg;

	if (n < 0)
		return n;
	if (index < 0 || index >= n)
		return -ENOENT;
	reg = dt_getprop(dt, node, "reg", NULL);
	reg += index * (ac + sc) * 4;
	*addr = dt_read_number(reg, ac);
	*size = dt_read_number(reg + ac * 4, sc);
	return 0;
}

/* The parent's cell counts, for reg decoding. */
static int dt_parent_cells(const struct dt_blob *dt, int node, int *ac, int *sc)
{
	int parent = dt_parent_offset(dt, node);

	if (parent < 0)
		return parent;
	*ac = dt_address_cells(dt, parent);
	if (*ac < 0)
		return *ac;
	*sc = dt_size_cells(dt, parent);
	return *sc < 0 ? *sc : 0;
}

/**
 * dt_reg_count() - dt_reg_count_cells() with the parent's cells
 */
int dt_reg_count(const struct dt_blob *dt, int node)
{
	int ac, sc, err = dt_parent_cells(dt, node, &ac, &sc);

	return err < 0 ? err : dt_reg_count_cells(dt, node, ac, sc);
}

/**
 * dt_read_reg() - dt_read_reg_cells() with the parent's cells
 */
int dt_read_reg(const struct dt_blob *dt, int node, int index, u64 *addr,
		u64 *size)
{
	int ac, sc, err = dt_parent_cells(dt, node, &ac, &sc);

	return err < 0 ? err
		       : dt_read_reg_cells(dt, node, ac, sc, index, addr, size);
}

/* Entry @n of the reserve map, checked against totalsize. */
static int dt_rsv_entry(const struct dt_blob *dt, int n, u64 *addr, u64 *size)
{
	u64 off = dt->off_rsvmap + (u64)n * 16;

	if (!dt->base)
		return -EINVAL;
	if (off + 16 > dt->size) {
		dt_err(dt,
		       "dt: /memreserve/ entry %d at offset %llu runs past totalsize %u (no 0,0 terminator)\n",
		       n, (unsigned long long)off, dt->size);
		return -ERANGE;
	}
	*addr = dt_be64(dt->base + off);
	*size = dt_be64(dt->base + off + 8);
	return 0;
}

/**
 * dt_num_mem_rsv() - number of /memreserve/ entries before the terminator
 * Return: the count, or -ERANGE (logged) if the map runs out of the blob.
 */
int dt_num_mem_rsv(const struct dt_blob *dt)
{
	u64 a, s;
	int n, err;

	for (n = 0;; n++) {
		err = dt_rsv_entry(dt, n, &a, &s);
		if (err)
			return err;
		if (!a && !s)
			return n;
	}
}

/**
 * dt_get_mem_rsv() - /memreserve/ entry @n
 * Return: 0, -ENOENT at or after the terminator, or a negative errno.
 */
int dt_get_mem_rsv(const struct dt_blob *dt, int n, u64 *addr, u64 *size)
{
	int count = dt_num_mem_rsv(dt);

	if (count < 0)
		return count;
	if (n < 0 || n >= count)
		return -ENOENT;
	return dt_rsv_entry(dt, n, addr, size);
}

/**
 * dt_chosen_bootargs() - /chosen/bootargs, or NULL if absent or malformed
 */
const char *dt_chosen_bootargs(const struct dt_blob *dt)
{
	int chosen = dt_path_offset(dt, "/chosen");

	return chosen < 0 ? NULL : dt_getprop_string(dt, chosen, "bootargs");
}

/**
 * dt_stdout_path_node() - the console node /chosen names
 *
 * Reads stdout-path (or the older linux,stdout-path), drops ":options"
 * ("serial0:115200n8") and resolves a leading alias.
 *
 * Return: the node offset, -ENOENT if none is named or it does not exist,
 * or a negative errno.
 */
int dt_stdout_path_node(const struct dt_blob *dt)
{
	int chosen = dt_path_offset(dt, "/chosen");
	const char *path, *colon;
	int len;

	if (chosen < 0)
		return chosen;
	path = dt_getprop_string(dt, chosen, "stdout-path");
	if (!path)
		path = dt_getprop_string(dt, chosen, "linux,stdout-path");
	if (!path)
		return -ENOENT;
	len = (int)strlen(path);
	colon = memchr(path, ':', len);
	if (colon)
		len = (int)(colon - path);
	return dt_path_offset_namelen(dt, path, len);
}
