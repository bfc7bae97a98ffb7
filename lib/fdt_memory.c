// SPDX-License-Identifier: MIT
/*
 * DOC: devicetree memory description
 *
 * dt_scan_memory() turns a DTB into a struct dt_mem_info: RAM ranges with
 * their NUMA node, reserved ranges, the initrd, bootargs and the NUMA
 * distance matrix.  It is plain data, validated here and applied to
 * memblock by the arch, so this file depends on nothing but the FDT reader
 * and builds unchanged for the host tests.
 *
 * Sources, in the order Linux's of_fdt.c reads them:
 *   - every available node with device_type = "memory": each reg entry,
 *     decoded with the parent's cells, nid = numa-node-id (default 0);
 *   - available /reserved-memory children with a static reg ("no-map" and
 *     "reusable" become flags); children with only size / alloc-ranges are
 *     dynamic allocations the arch does not need to honour early: counted
 *     and logged;
 *   - the header's /memreserve/ entries;
 *   - /chosen linux,initrd-start / linux,initrd-end (one or two cells) and
 *     bootargs;
 *   - a compatible = "numa-distance-map-v1" node's distance-matrix.
 *
 * Outcomes for bad input: a damaged blob fails dt_check() and nothing is
 * returned; a bad memory node or entry is skipped with a message (the rest
 * of RAM is still usable); zero-size ranges are skipped with a warning; an
 * unparsable reservation or too many reservations make the call return an
 * error after filling in everything else, because memory we were told not
 * to touch is no longer known; invalid NUMA ids or distances turn NUMA off
 * (every range on node 0), as Linux does.
 */
#include <kernel/errno.h>
#include <kernel/fdt_memory.h>
#include <kernel/printk.h>
#include <kernel/string.h>

struct dt_scan {
	const struct dt_blob *dt;
	struct dt_mem_info *info;
	bool numa_bad;
	bool mem_full_warned;
	int err; /* first reservation problem */
};

/* Check one range; false (logged) means skip it. */
static bool dt_range_ok(struct dt_scan *s, int node, int i, u64 base, u64 size)
{
	char path[DT_PATH_MAX];

	if (!size) {
		pr_warn("dt: %s: reg[%d] at 0x%llx has size 0, skipped\n",
			dt_node_desc(s->dt, node, path), i,
			(unsigned long long)base);
		return false;
	}
	if (base + size - 1 < base) {
		pr_err("dt: %s: reg[%d] base 0x%llx + size 0x%llx overflows\n",
		       dt_node_desc(s->dt, node, path), i,
		       (unsigned long long)base, (unsigned long long)size);
		return false;
	}
	return true;
}

/* Parent's cells and reg count of @node; negative errno (logged). */
static int dt_reg_layout(const struct dt_blob *dt, int node, int *ac, int *sc)
{
	int parent = dt_parent_offset(dt, node);

	if (parent < 0)
		return parent;
	*ac = dt_address_cells(dt, parent);
	*sc = dt_size_cells(dt, parent);
	if (*ac < 0 || *sc < 0)
		return -EINVAL;
	return dt_reg_count_cells(dt, node, *ac, *sc);
}

static void dt_add_memory_node(struct dt_scan *s, int node)
{
	const struct dt_blob *dt = s->dt;
	struct dt_mem_info *info = s->info;
	char path[DT_PATH_MAX];
	int ac, sc, n, i, nid;
	u64 base, size;

	n = dt_reg_layout(dt, node, &ac, &sc);
	if (n < 0) {
		pr_err("dt: %s: unusable reg (%d), node skipped\n",
		       dt_node_desc(dt, node, path), n);
		return;
	}
	nid = (int)dt_getprop_u32(dt, node, "numa-node-id", 0);
	if (nid < 0 || nid >= DT_MAX_NUMA_NODES) {
		pr_warn("dt: %s: numa-node-id %u exceeds the maximum %d\n",
			dt_node_desc(dt, node, path), (unsigned int)nid,
			DT_MAX_NUMA_NODES - 1);
		s->numa_bad = true;
		nid = 0;
	}
	for (i = 0; i < n; i++) {
		dt_read_reg_cells(dt, node, ac, sc, i, &base, &size);
		if (!dt_range_ok(s, node, i, base, size))
			continue;
		if (info->nr_memory == DT_MAX_MEM) {
			if (!s->mem_full_warned)
				pr_warn("dt: more than %d memory ranges, ignoring %s reg[%d] and later ones\n",
					DT_MAX_MEM,
					dt_node_desc(dt, node, path), i);
			s->mem_full_warned = true;
			return;
		}
		info->memory[info->nr_memory++] = (struct dt_mem_range){
			.base = base,
			.size = size,
			.nid = nid,
			.name = dt_get_name(dt, node, NULL),
			.flags = dt_getprop(dt, node, "hotpluggable", NULL)
					 ? DT_MEM_HOTPLUG
					 : 0,
		};
		if (nid + 1 > info->nr_numa_nodes)
			info->nr_numa_nodes = nid + 1;
	}
}

static void dt_add_reserved(struct dt_scan *s, u64 base, u64 size,
			    const char *name, unsigned int flags)
{
	struct dt_mem_info *info = s->info;

	if (info->nr_reserved == DT_MAX_RSV) {
		pr_err("dt: more than %d reserved ranges: %s at 0x%llx is lost\n",
		       DT_MAX_RSV, name, (unsigned long long)base);
		if (!s->err)
			s->err = -ENOSPC;
		return;
	}
	info->reserved[info->nr_reserved++] = (struct dt_mem_range){
		.base = base, .size = size, .name = name, .flags = flags};
}

static void dt_scan_reserved_memory(struct dt_scan *s)
{
	const struct dt_blob *dt = s->dt;
	char path[DT_PATH_MAX];
	int rmem = dt_path_offset(dt, "/reserved-memory");
	int child, ac, sc, n, i;
	unsigned int flags;
	u64 base, size;

	if (rmem < 0)
		return;
	dt_for_each_child(child, dt, rmem) {
		if (!dt_node_is_available(dt, child))
			continue;
		if (!dt_getprop(dt, child, "reg", NULL)) {
			if (dt_getprop(dt, child, "size", NULL)) {
				pr_info("dt: %s: dynamic reservation (size only), not reserved at boot\n",
					dt_node_desc(dt, child, path));
				s->info->nr_dynamic++;
			} else {
				pr_warn("dt: %s: neither reg nor size, ignored\n",
					dt_node_desc(dt, child, path));
			}
			continue;
		}
		n = dt_reg_layout(dt, child, &ac, &sc);
		if (n < 0) {
			pr_err("dt: %s: cannot parse the reservation (%d)\n",
			       dt_node_desc(dt, child, path), n);
			if (!s->err)
				s->err = n;
			continue;
		}
		flags = dt_getprop(dt, child, "no-map", NULL) ? DT_MEM_NOMAP
							      : 0;
		if (dt_getprop(dt, child, "reusable", NULL))
			flags |= DT_MEM_REUSABLE;
		for (i = 0; i < n; i++) {
			dt_read_reg_cells(dt, child, ac, sc, i, &base, &size);
			if (!dt_range_ok(s, child, i, base, size)) {
				if (size && !s->err)
					s->err = -EINVAL;
				continue;
			}
			dt_add_reserved(s, base, size,
					dt_get_name(dt, child, NULL), flags);
		}
	}
}

static void dt_scan_memreserve(struct dt_scan *s)
{
	int n = dt_num_mem_rsv(s->dt), i;
	u64 base, size;

	for (i = 0; i < n; i++) {
		dt_get_mem_rsv(s->dt, i, &base, &size);
		if (!size) {
			pr_warn("dt: /memreserve/ entry %d at 0x%llx has size 0, skipped\n",
				i, (unsigned long long)base);
			continue;
		}
		if (base + size - 1 < base) {
			pr_err("dt: /memreserve/ entry %d base 0x%llx + size 0x%llx overflows\n",
			       i, (unsigned long long)base,
			       (unsigned long long)size);
			if (!s->err)
				s->err = -EINVAL;
			continue;
		}
		dt_add_reserved(s, base, size, "/memreserve/",
				DT_MEM_MEMRESERVE);
	}
}

/* linux,initrd-start/end: one or two cells; false if absent or bad. */
static bool dt_initrd_prop(const struct dt_blob *dt, int chosen,
			   const char *name, u64 *val)
{
	int len;
	const void *p = dt_getprop(dt, chosen, name, &len);

	if (!p)
		return false;
	if (len != 4 && len != 8) {
		pr_warn("dt: /chosen: %s has length %d (want 4 or 8), initrd ignored\n",
			name, len);
		return false;
	}
	*val = dt_read_number(p, len / 4);
	return true;
}

static void dt_scan_chosen(struct dt_scan *s)
{
	const struct dt_blob *dt = s->dt;
	struct dt_mem_info *info = s->info;
	int chosen = dt_path_offset(dt, "/chosen");
	u64 start, end;

	if (chosen < 0)
		return;
	info->bootargs = dt_getprop_string(dt, chosen, "bootargs");
	if (!dt_initrd_prop(dt, chosen, "linux,initrd-start", &start) ||
	    !dt_initrd_prop(dt, chosen, "linux,initrd-end", &end))
		return;
	if (end <= start) {
		pr_warn("dt: /chosen: initrd end 0x%llx is not above start 0x%llx, ignored\n",
			(unsigned long long)end, (unsigned long long)start);
		return;
	}
	info->has_initrd = true;
	info->initrd_start = start;
	info->initrd_end = end;
}

/* Parse numa-distance-map-v1; false (logged) if present but invalid. */
static bool dt_scan_distance_map(struct dt_scan *s)
{
	const struct dt_blob *dt = s->dt;
	struct dt_mem_info *info = s->info;
	const u8 *m;
	int node, len, i;

	node = dt_node_offset_by_compatible(dt, -1, "numa-distance-map-v1");
	if (node < 0)
		return true;
	m = dt_getprop(dt, node, "distance-matrix", &len);
	if (!m || len % 12) {
		pr_warn("dt: distance-map: distance-matrix length %d is not a multiple of 12\n",
			len);
		return false;
	}
	/* Validate every triple first, so a bad map changes nothing. */
	for (i = 0; i < len; i += 12) {
		u32 a = dt_be32(m + i), b = dt_be32(m + i + 4);
		u32 d = dt_be32(m + i + 8);

		if (a >= DT_MAX_NUMA_NODES || b >= DT_MAX_NUMA_NODES) {
			pr_warn("dt: distance-map: node %u or %u exceeds the maximum %d\n",
				a, b, DT_MAX_NUMA_NODES - 1);
			return false;
		}
		if ((a == b && d != DT_NUMA_LOCAL_DISTANCE) ||
		    (a != b && (d <= DT_NUMA_LOCAL_DISTANCE || d > 255))) {
			pr_warn("dt: distance-map: invalid distance %u from node %u to %u\n",
				d, a, b);
			return false;
		}
	}
	for (i = 0; i < len; i += 12) {
		u32 a = dt_be32(m + i), b = dt_be32(m + i + 4);

		info->distance[a][b] = (u8)dt_be32(m + i + 8);
		/* As Linux: B->A defaults to A->B; a later triple may differ.
		 */
		if (b > a)
			info->distance[b][a] = info->distance[a][b];
	}
	info->has_distance_map = true;
	return true;
}

/**
 * dt_scan_memory() - describe a DTB's memory as plain data
 * @dt: a blob accepted by dt_init(); dt_check() is run on it first
 * @out: filled in (zeroed first)
 *
 * Return: 0 on success; -ENOENT (logged) without a memory node, -EINVAL
 * when memory nodes exist but no usable range; -EINVAL or -ENOSPC when a
 * reservation could not be parsed or kept (@out is still complete
 * otherwise, but booting on would risk using reserved memory); or the
 * dt_check() error for a damaged blob.
 */
int dt_scan_memory(const struct dt_blob *dt, struct dt_mem_info *out)
{
	struct dt_scan s = {.dt = dt, .info = out};
	int node, nodes = 0, i, j, err;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < DT_MAX_NUMA_NODES; i++)
		for (j = 0; j < DT_MAX_NUMA_NODES; j++)
			out->distance[i][j] = i == j ? DT_NUMA_LOCAL_DISTANCE
						     : DT_NUMA_REMOTE_DISTANCE;
	err = dt_check(dt);
	if (err)
		return err;

	for (node = dt_next_node_by_devtype(dt, -1, "memory"); node >= 0;
	     node = dt_next_node_by_devtype(dt, node, "memory")) {
		if (!dt_node_is_available(dt, node))
			continue;
		nodes++;
		dt_add_memory_node(&s, node);
	}
	if (!nodes) {
		pr_err("dt: no /memory node with device_type \"memory\"\n");
		return -ENOENT;
	}
	if (!out->nr_memory) {
		pr_err("dt: no usable memory range in %d memory node(s)\n",
		       nodes);
		return -EINVAL;
	}

	dt_scan_reserved_memory(&s);
	dt_scan_memreserve(&s);
	dt_scan_chosen(&s);
	if (!s.numa_bad && !dt_scan_distance_map(&s))
		s.numa_bad = true;
	if (s.numa_bad) {
		pr_warn("dt: NUMA description invalid, all memory on node 0\n");
		for (i = 0; i < out->nr_memory; i++)
			out->memory[i].nid = 0;
		out->nr_numa_nodes = 1;
		out->has_distance_map = false;
	}
	return s.err;
}
