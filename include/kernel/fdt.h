/* SPDX-License-Identifier: MIT */
/*
 * Flattened devicetree (FDT / DTB) reader, lib/fdt.c.
 *
 * Every function is bounds-checked against the blob described by a
 * struct dt_blob filled by dt_init(): nothing is read outside
 * [base, base + size).  Node and property offsets are byte offsets into the
 * structure block, the same numbers libfdt uses, so -1 means "before the
 * first node" and the root is at offset 0.
 *
 * Errors are negative errno values:
 *   -ENOENT     no such node / property / entry, or the end of a walk
 *   -EINVAL     malformed data (bad magic, bad tag, unterminated string,
 *               bad cell counts, bad property length)
 *   -ERANGE     something points outside the blob or its block
 *   -EOPNOTSUPP unsupported header version
 *   -E2BIG      nesting deeper than DT_MAX_DEPTH
 *   -ENOSPC     a path does not fit the caller's buffer
 * Structural problems are also logged with printk(KERN_ERR "dt: ...").
 */
#ifndef _KERNEL_FDT_H
#define _KERNEL_FDT_H

#include <kernel/types.h>

#define DT_MAGIC 0xd00dfeedU
#define DT_MAX_DEPTH 32	    /* deepest node accepted, root = 0 */
#define DT_PATH_MAX 256	    /* longest path dt_get_path() builds */
#define DT_FIRST_VERSION 16 /* oldest header version accepted */
#define DT_LAST_COMP_VERSION 17

/* Structure block tokens (devicetree specification, section 5.4.1). */
#define DT_BEGIN_NODE 0x1
#define DT_END_NODE 0x2
#define DT_PROP 0x3
#define DT_NOP 0x4
#define DT_END 0x9

/**
 * struct dt_index_node - one node of an indexed blob (document order)
 * @off: struct offset of its BEGIN_NODE
 * @body: struct offset just past its name (its first property, if any)
 * @compat: struct offset of its first "compatible" property, -1 if none
 * @devtype: struct offset of its first "device_type" property, -1 if none
 * @parent: index of its parent node (DT_INDEX_NONE for the root)
 * @next: index of the first node after its subtree (nr at the end)
 * @depth: the root is 0
 */
struct dt_index_node {
	int off, body, compat, devtype;
	u16 parent, next, depth;
};

#define DT_INDEX_NONE 0xffffU
#define DT_INDEX_MAX 0xfffe /* most nodes an index can hold */

/**
 * struct dt_index - where dt_index_build() puts a blob's node index
 * @node: @cap entries provided by the caller (at most DT_INDEX_MAX)
 * @cap: how many
 * @nr: nodes indexed
 * @hint: the node last looked up (walks ask for the one after it)
 */
struct dt_index {
	struct dt_index_node *node;
	int cap, nr, hint;
};

/**
 * struct dt_blob - a validated view of one FDT.
 * @base: first byte of the blob
 * @size: totalsize from the header (never more than the caller's @avail)
 * @off_struct: offset of the structure block
 * @size_struct: its size (totalsize - off_struct for version 16 blobs)
 * @off_strings: offset of the strings block
 * @size_strings: its size
 * @off_rsvmap: offset of the /memreserve/ map
 * @version: header version
 * @last_comp_version: oldest version this blob is compatible with
 * @boot_cpuid: boot_cpuid_phys from the header
 * @ix: the node index, set by dt_index_build() once the whole blob has
 *	passed dt_check()'s checks; NULL otherwise (dt_init() clears it)
 * @quiet: dt_index_build()'s validation pass: no messages
 */
struct dt_blob {
	const u8 *base;
	u32 size;
	u32 off_struct, size_struct, off_strings, size_strings, off_rsvmap;
	u32 version, last_comp_version, boot_cpuid;
	struct dt_index *ix;
	bool quiet;
};

/* Big-endian loads that work at any alignment. */
static inline u32 dt_be32(const void *p)
{
	const u8 *b = p;

	return ((u32)b[0] << 24) | ((u32)b[1] << 16) | ((u32)b[2] << 8) |
	       (u32)b[3];
}

static inline u64 dt_be64(const void *p)
{
	const u8 *b = p;

	return ((u64)dt_be32(b) << 32) | dt_be32(b + 4);
}

int dt_init(struct dt_blob *dt, const void *blob, size_t avail);
int dt_init_quiet(struct dt_blob *dt, const void *blob, size_t avail);
int dt_check(const struct dt_blob *dt);
int dt_index_build(struct dt_blob *dt, struct dt_index *ix);

/* Walking */
int dt_next_node(const struct dt_blob *dt, int offset, int *depth);
int dt_first_child(const struct dt_blob *dt, int node);
int dt_next_sibling(const struct dt_blob *dt, int node);
int dt_parent_offset(const struct dt_blob *dt, int node);
int dt_node_depth(const struct dt_blob *dt, int node);
const char *dt_get_name(const struct dt_blob *dt, int node, int *lenp);
int dt_get_path(const struct dt_blob *dt, int node, char *buf, int buflen);
const char *dt_node_desc(const struct dt_blob *dt, int node, char *buf);
int dt_subnode_offset_namelen(const struct dt_blob *dt, int parent,
			      const char *name, int namelen);
int dt_subnode_offset(const struct dt_blob *dt, int parent, const char *name);
int dt_path_offset_namelen(const struct dt_blob *dt, const char *path, int len);
int dt_path_offset(const struct dt_blob *dt, const char *path);
const char *dt_get_alias(const struct dt_blob *dt, const char *name);
const char *dt_get_alias_namelen(const struct dt_blob *dt, const char *name,
				 int namelen);

#define dt_for_each_child(child, dt, parent)                         \
	for ((child) = dt_first_child((dt), (parent)); (child) >= 0; \
	     (child) = dt_next_sibling((dt), (child)))

/* Properties */
int dt_first_property(const struct dt_blob *dt, int node);
int dt_next_property(const struct dt_blob *dt, int prop);
const char *dt_property_name(const struct dt_blob *dt, int prop);
const void *dt_property_value(const struct dt_blob *dt, int prop, int *lenp);

#define dt_for_each_property(prop, dt, node)                        \
	for ((prop) = dt_first_property((dt), (node)); (prop) >= 0; \
	     (prop) = dt_next_property((dt), (prop)))

const void *dt_getprop(const struct dt_blob *dt, int node, const char *name,
		       int *lenp);
const char *dt_getprop_string(const struct dt_blob *dt, int node,
			      const char *name);
u32 dt_getprop_u32(const struct dt_blob *dt, int node, const char *name,
		   u32 def);
bool dt_prop_has_string(const struct dt_blob *dt, int node, const char *name,
			const char *str);
int dt_stringlist_count(const struct dt_blob *dt, int node, const char *name);
const char *dt_stringlist_get(const struct dt_blob *dt, int node,
			      const char *name, int index, int *lenp);
bool dt_node_is_compatible(const struct dt_blob *dt, int node,
			   const char *compat);
int dt_node_offset_by_compatible(const struct dt_blob *dt, int startoffset,
				 const char *compat);
u32 dt_get_phandle(const struct dt_blob *dt, int node);
int dt_node_offset_by_phandle(const struct dt_blob *dt, u32 phandle);
bool dt_node_is_available(const struct dt_blob *dt, int node);
int dt_next_node_by_devtype(const struct dt_blob *dt, int startoffset,
			    const char *type);

/* Addresses */
u64 dt_read_number(const void *cells, int n);
int dt_address_cells(const struct dt_blob *dt, int node);
int dt_size_cells(const struct dt_blob *dt, int node);
int dt_reg_count_cells(const struct dt_blob *dt, int node, int ac, int sc);
int dt_read_reg_cells(const struct dt_blob *dt, int node, int ac, int sc,
		      int index, u64 *addr, u64 *size);
int dt_reg_count(const struct dt_blob *dt, int node);
int dt_read_reg(const struct dt_blob *dt, int node, int index, u64 *addr,
		u64 *size);

/* /memreserve/ */
int dt_num_mem_rsv(const struct dt_blob *dt);
int dt_get_mem_rsv(const struct dt_blob *dt, int n, u64 *addr, u64 *size);

/* /chosen */
const char *dt_chosen_bootargs(const struct dt_blob *dt);
int dt_stdout_path_node(const struct dt_blob *dt);

#endif /* _KERNEL_FDT_H */
