/* SPDX-License-Identifier: MIT */
/*
 * memblock: the boot-time physical memory manager (Linux's names and
 * semantics).  See the DOC: comment in mm/memblock.c for the overview.
 *
 * Everything here is meant for early boot, before the buddy allocator owns
 * memory.  With CONFIG_ARCH_DISCARD_MEMBLOCK the data lives in __init
 * sections and memblock_discard() hands the grown arrays back.
 */
#ifndef _MM_MEMBLOCK_H
#define _MM_MEMBLOCK_H

#include <kernel/compiler.h>
#include <kernel/printk.h>
#include <kernel/types.h>
#include <mm/numa.h>

#include <asm/mm.h>

#ifndef CONFIG_INIT_MEMBLOCK_REGIONS
#define CONFIG_INIT_MEMBLOCK_REGIONS 128
#endif
#define INIT_MEMBLOCK_REGIONS CONFIG_INIT_MEMBLOCK_REGIONS
#define INIT_MEMBLOCK_RESERVED_REGIONS INIT_MEMBLOCK_REGIONS
/* physmem only records what firmware reported: a handful of entries. */
#define INIT_PHYSMEM_REGIONS 4

/*
 * Memblock data is dropped with the __init sections when the arch asks for
 * it; otherwise it stays for late users (pfn_valid-style queries).
 */
#if IS_ENABLED(CONFIG_ARCH_DISCARD_MEMBLOCK)
#define __init_memblock __init
#define __initdata_memblock __initdata
#else
#define __init_memblock
#define __initdata_memblock
#endif

/**
 * enum memblock_flags - attributes of a memory region
 * @MEMBLOCK_NONE: no special request
 * @MEMBLOCK_HOTPLUG: hot(un)pluggable memory; skipped by allocations only
 *	when movable_node is on (never in this kernel)
 * @MEMBLOCK_MIRROR: mirrored (reliable) memory
 * @MEMBLOCK_NOMAP: not in the kernel direct map; never allocated from
 */
enum memblock_flags {
	MEMBLOCK_NONE = 0x0,
	MEMBLOCK_HOTPLUG = 0x1,
	MEMBLOCK_MIRROR = 0x2,
	MEMBLOCK_NOMAP = 0x4,
};

/**
 * struct memblock_region - one contiguous range of physical memory
 * @base: first byte
 * @size: length in bytes (never 0 in a live region)
 * @nid: node id, MAX_NUMNODES when not assigned
 * @flags: enum memblock_flags
 */
struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	int nid;
	enum memblock_flags flags;
};

/**
 * struct memblock_type - a sorted array of non-overlapping regions
 * @cnt: number of live regions
 * @max: capacity of @regions
 * @total_size: sum of the sizes of all regions
 * @regions: the array, sorted by base
 * @name: "memory", "reserved" or "physmem" (for dumps and traces)
 */
struct memblock_type {
	unsigned long cnt;
	unsigned long max;
	phys_addr_t total_size;
	struct memblock_region *regions;
	const char *name;
};

/**
 * struct memblock - the whole memblock state
 * @bottom_up: allocate upwards from the lowest address instead of downwards
 * @current_limit: allocations with MEMBLOCK_ALLOC_ACCESSIBLE stay below it
 * @memory: usable memory
 * @reserved: memory in use (kernel, firmware, earlier allocations)
 * @physmem: everything firmware reported, untouched by mem= limits
 */
struct memblock {
	bool bottom_up;
	phys_addr_t current_limit;
	struct memblock_type memory;
	struct memblock_type reserved;
#if IS_ENABLED(CONFIG_HAVE_MEMBLOCK_PHYS_MAP)
	struct memblock_type physmem;
#endif
};

extern struct memblock memblock;
extern int memblock_debug;

/* Allocation range markers for @max_addr / @end arguments. */
#define MEMBLOCK_ALLOC_ANYWHERE (~(phys_addr_t)0)
#define MEMBLOCK_ALLOC_ACCESSIBLE 0
#define MEMBLOCK_LOW_LIMIT 0

/* Trace helper for the memblock=debug boot flag. */
#define memblock_dbg(fmt, ...)                                    \
	do {                                                      \
		if (unlikely(memblock_debug))                     \
			pr_info("memblock: " fmt, ##__VA_ARGS__); \
	} while (0)

/*
 * memblock=debug trace of a public call on [base, base + size): the
 * function's name, the range and the caller (expanded in that function,
 * so __func__ and _RET_IP_ are its own).
 */
#define memblock_trace_range(base, size)                           \
	memblock_dbg("%s: [0x%016llx-0x%016llx] %#lx\n", __func__, \
		     (unsigned long long)(base),                   \
		     (unsigned long long)((base) + (size)-1), _RET_IP_)

void memblock_set_debug(bool on);

/* --- building the map ------------------------------------------------ */
int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_add_node(phys_addr_t base, phys_addr_t size, int nid,
		      enum memblock_flags flags);
int memblock_add_around(phys_addr_t base, phys_addr_t size, int nid,
			const struct memblock_region *pending,
			unsigned int nr_pending, bool under);
int memblock_remove(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
int memblock_free(phys_addr_t base, phys_addr_t size);
int memblock_phys_free(phys_addr_t base, phys_addr_t size);
#if IS_ENABLED(CONFIG_HAVE_MEMBLOCK_PHYS_MAP)
int memblock_physmem_add(phys_addr_t base, phys_addr_t size);
#endif
int memblock_isolate_range(struct memblock_type *type, phys_addr_t base,
			   phys_addr_t size, int *start_rgn, int *end_rgn);
int memblock_set_node(phys_addr_t base, phys_addr_t size,
		      struct memblock_type *type, int nid);
int memblock_mark_hotplug(phys_addr_t base, phys_addr_t size);
int memblock_clear_hotplug(phys_addr_t base, phys_addr_t size);
int memblock_mark_mirror(phys_addr_t base, phys_addr_t size);
int memblock_clear_mirror(phys_addr_t base, phys_addr_t size);
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size);
int memblock_clear_nomap(phys_addr_t base, phys_addr_t size);
void memblock_allow_resize(void);
void memblock_set_current_limit(phys_addr_t limit);
phys_addr_t memblock_get_current_limit(void);

/**
 * memblock_set_bottom_up - choose the allocation direction
 * @enable: true to allocate from the lowest suitable address upwards
 */
static inline void memblock_set_bottom_up(bool enable)
{
	memblock.bottom_up = enable;
}

/**
 * memblock_bottom_up - is the allocation direction bottom-up?
 *
 * Return: true when allocations search upwards.
 */
static inline bool memblock_bottom_up(void)
{
	return memblock.bottom_up;
}

/*
 * Clamp @size so that base + size cannot wrap: callers pass "to the end of
 * the address space" as PHYS_ADDR_MAX sizes.
 */
static inline phys_addr_t memblock_cap_size(phys_addr_t base, phys_addr_t *size)
{
	return *size = min(*size, PHYS_ADDR_MAX - base);
}

/* --- region helpers -------------------------------------------------- */
static inline int memblock_get_region_node(const struct memblock_region *r)
{
	return r->nid;
}

static inline void memblock_set_region_node(struct memblock_region *r, int nid)
{
	r->nid = nid;
}

static inline bool memblock_is_hotpluggable(const struct memblock_region *m)
{
	return m->flags & MEMBLOCK_HOTPLUG;
}

static inline bool memblock_is_mirror(const struct memblock_region *m)
{
	return m->flags & MEMBLOCK_MIRROR;
}

static inline bool memblock_is_nomap(const struct memblock_region *m)
{
	return m->flags & MEMBLOCK_NOMAP;
}

/* movable_node is not supported: hotplug memory is ordinary memory. */
static inline bool movable_node_is_enabled(void)
{
	return false;
}

/* PFN of the first whole page of @reg and the PFN just past its last one. */
static inline unsigned long
memblock_region_memory_base_pfn(const struct memblock_region *reg)
{
	return PFN_UP(reg->base);
}

static inline unsigned long
memblock_region_memory_end_pfn(const struct memblock_region *reg)
{
	return PFN_DOWN(reg->base + reg->size);
}

/* --- iterators ------------------------------------------------------- */
void __next_mem_range(u64 *idx, int nid, enum memblock_flags flags,
		      struct memblock_type *type_a,
		      struct memblock_type *type_b, phys_addr_t *out_start,
		      phys_addr_t *out_end, int *out_nid);
void __next_mem_range_rev(u64 *idx, int nid, enum memblock_flags flags,
			  struct memblock_type *type_a,
			  struct memblock_type *type_b, phys_addr_t *out_start,
			  phys_addr_t *out_end, int *out_nid);
void __next_mem_pfn_range(int *idx, int nid, unsigned long *out_start_pfn,
			  unsigned long *out_end_pfn, int *out_nid);

/**
 * __for_each_mem_range - iterate over the parts of @type_a not in @type_b
 * @i: u64 cursor
 * @type_a: regions to walk
 * @type_b: regions to cut out, or NULL to walk @type_a as is
 * @nid: node filter, NUMA_NO_NODE for all nodes
 * @flags: which special regions to include (MEMBLOCK_NOMAP, _MIRROR only)
 * @p_start: out: first byte of the range (may be NULL)
 * @p_end: out: one past the last byte (may be NULL)
 * @p_nid: out: node of the range (may be NULL)
 */
#define __for_each_mem_range(i, type_a, type_b, nid, flags, p_start, p_end,   \
			     p_nid)                                           \
	for (i = 0, __next_mem_range(&i, nid, flags, type_a, type_b, p_start, \
				     p_end, p_nid);                           \
	     i != ~(u64)0; __next_mem_range(&i, nid, flags, type_a, type_b,   \
					    p_start, p_end, p_nid))

/**
 * __for_each_mem_range_rev - __for_each_mem_range, highest range first
 */
#define __for_each_mem_range_rev(i, type_a, type_b, nid, flags, p_start,       \
				 p_end, p_nid)                                 \
	for (i = ~(u64)0, __next_mem_range_rev(&i, nid, flags, type_a, type_b, \
					       p_start, p_end, p_nid);         \
	     i != ~(u64)0; __next_mem_range_rev(                               \
		     &i, nid, flags, type_a, type_b, p_start, p_end, p_nid))

/**
 * for_each_mem_range - iterate over all memory (nomap regions skipped)
 */
#define for_each_mem_range(i, p_start, p_end)                         \
	__for_each_mem_range(i, &memblock.memory, NULL, NUMA_NO_NODE, \
			     MEMBLOCK_HOTPLUG, p_start, p_end, NULL)

/**
 * for_each_mem_range_rev - for_each_mem_range, highest range first
 */
#define for_each_mem_range_rev(i, p_start, p_end)                         \
	__for_each_mem_range_rev(i, &memblock.memory, NULL, NUMA_NO_NODE, \
				 MEMBLOCK_HOTPLUG, p_start, p_end, NULL)

/**
 * for_each_free_mem_range - iterate over memory that is not reserved
 * @i: u64 cursor
 * @nid: node filter or NUMA_NO_NODE
 * @flags: enum memblock_flags filter
 * @p_start, @p_end, @p_nid: outputs, each may be NULL
 */
#define for_each_free_mem_range(i, nid, flags, p_start, p_end, p_nid)      \
	__for_each_mem_range(i, &memblock.memory, &memblock.reserved, nid, \
			     flags, p_start, p_end, p_nid)

/**
 * for_each_free_mem_range_reverse - for_each_free_mem_range, top first
 */
#define for_each_free_mem_range_reverse(i, nid, flags, p_start, p_end, p_nid)  \
	__for_each_mem_range_rev(i, &memblock.memory, &memblock.reserved, nid, \
				 flags, p_start, p_end, p_nid)

/**
 * for_each_reserved_mem_range - iterate over reserved ranges
 * @i: u64 cursor
 * @p_start: out: first byte (may be NULL)
 * @p_end: out: one past the last byte (may be NULL)
 */
#define for_each_reserved_mem_range(i, p_start, p_end)                       \
	__for_each_mem_range(i, &memblock.reserved, NULL, NUMA_NO_NODE,      \
			     MEMBLOCK_NONE | MEMBLOCK_NOMAP, p_start, p_end, \
			     NULL)

void __next_reserved_mem_region(u64 *idx, phys_addr_t *out_start,
				phys_addr_t *out_end);

/**
 * for_each_reserved_mem_region - iterate over reserved regions (Linux 4.x)
 * @i: u64 cursor
 * @p_start: out: first byte (may be NULL)
 * @p_end: out: LAST byte, inclusive, as in Linux before 5.10 (may be NULL)
 *
 * Prefer for_each_reserved_mem_range(), whose end is exclusive like every
 * other iterator here.
 */
#define for_each_reserved_mem_region(i, p_start, p_end)               \
	for (i = 0UL, __next_reserved_mem_region(&i, p_start, p_end); \
	     i != ~(u64)0; __next_reserved_mem_region(&i, p_start, p_end))

#define for_each_memblock_type(i, memblock_type, rgn)   \
	for (i = 0, rgn = &(memblock_type)->regions[0]; \
	     i < (memblock_type)->cnt;                  \
	     i++, rgn = &(memblock_type)->regions[i])

/* Walk region structs directly: @region is a struct memblock_region *. */
#define for_each_mem_region(region)                                    \
	for (region = memblock.memory.regions;                         \
	     region < (memblock.memory.regions + memblock.memory.cnt); \
	     region++)

/* Walk region structs of one type: for_each_memblock(memory, reg). */
#define for_each_memblock(memblock_type, region)                            \
	for (region = memblock.memblock_type.regions;                       \
	     region <                                                       \
	     (memblock.memblock_type.regions + memblock.memblock_type.cnt); \
	     region++)

/**
 * for_each_mem_pfn_range - iterate over whole-page ranges of memory
 * @i: int cursor
 * @nid: node filter, NUMA_NO_NODE or MAX_NUMNODES for all
 * @p_start: out: first pfn (may be NULL)
 * @p_end: out: pfn after the last one (may be NULL)
 * @p_nid: out: node (may be NULL)
 */
#define for_each_mem_pfn_range(i, nid, p_start, p_end, p_nid)              \
	for (i = -1, __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid); \
	     i >= 0; __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid))

/* --- allocation ------------------------------------------------------ */
phys_addr_t memblock_find_in_range_node(phys_addr_t size, phys_addr_t align,
					phys_addr_t start, phys_addr_t end,
					int nid, enum memblock_flags flags);
phys_addr_t memblock_find_in_range(phys_addr_t start, phys_addr_t end,
				   phys_addr_t size, phys_addr_t align);
phys_addr_t memblock_alloc_range_nid(phys_addr_t size, phys_addr_t align,
				     phys_addr_t start, phys_addr_t end,
				     int nid, bool exact_nid);
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end);
phys_addr_t memblock_phys_alloc_try_nid(phys_addr_t size, phys_addr_t align,
					int nid);

/**
 * memblock_phys_alloc - allocate physical memory anywhere accessible
 * @size: bytes
 * @align: alignment (power of two)
 *
 * Return: physical address, or 0 on failure (never panics).
 */
static inline phys_addr_t memblock_phys_alloc(phys_addr_t size,
					      phys_addr_t align)
{
	return memblock_phys_alloc_range(size, align, 0,
					 MEMBLOCK_ALLOC_ACCESSIBLE);
}

void *memblock_alloc_exact_nid_raw(phys_addr_t size, phys_addr_t align,
				   phys_addr_t min_addr, phys_addr_t max_addr,
				   int nid);
void *memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align,
				 phys_addr_t min_addr, phys_addr_t max_addr,
				 int nid);
void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
			     phys_addr_t min_addr, phys_addr_t max_addr,
			     int nid);

/**
 * memblock_alloc - allocate zeroed boot memory
 * @size: bytes
 * @align: alignment (power of two)
 *
 * Return: virtual address of the zeroed block, or NULL.
 */
static inline void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
}

/**
 * memblock_alloc_raw - allocate boot memory without zeroing it
 * @size: bytes
 * @align: alignment (power of two)
 *
 * Return: virtual address, or NULL.
 */
static inline void *memblock_alloc_raw(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid_raw(size, align, MEMBLOCK_LOW_LIMIT,
					  MEMBLOCK_ALLOC_ACCESSIBLE,
					  NUMA_NO_NODE);
}

/**
 * memblock_alloc_from - allocate zeroed memory at or above @min_addr
 * @size: bytes
 * @align: alignment (power of two)
 * @min_addr: preferred lowest address; dropped if nothing fits above it
 *
 * Return: virtual address, or NULL.
 */
static inline void *memblock_alloc_from(phys_addr_t size, phys_addr_t align,
					phys_addr_t min_addr)
{
	return memblock_alloc_try_nid(size, align, min_addr,
				      MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
}

/**
 * memblock_alloc_low - allocate zeroed memory below ARCH_LOW_ADDRESS_LIMIT
 * @size: bytes
 * @align: alignment (power of two)
 *
 * Return: virtual address, or NULL.
 */
static inline void *memblock_alloc_low(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      ARCH_LOW_ADDRESS_LIMIT, NUMA_NO_NODE);
}

/**
 * memblock_alloc_node - allocate zeroed memory, preferably on node @nid
 * @size: bytes
 * @align: alignment (power of two)
 * @nid: preferred node; other nodes are used when it has no room
 *
 * Return: virtual address, or NULL.
 */
static inline void *memblock_alloc_node(phys_addr_t size, phys_addr_t align,
					int nid)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      MEMBLOCK_ALLOC_ACCESSIBLE, nid);
}

/* --- queries --------------------------------------------------------- */
phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_reserved_size(void);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
bool memblock_is_memory(phys_addr_t addr);
bool memblock_is_map_memory(phys_addr_t addr);
bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size);
bool memblock_is_reserved(phys_addr_t addr);
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size);
bool memblock_overlaps_region(struct memblock_type *type, phys_addr_t base,
			      phys_addr_t size);

/* --- limits and cleanup ---------------------------------------------- */
void memblock_enforce_memory_limit(phys_addr_t limit);
void memblock_cap_memory_range(phys_addr_t base, phys_addr_t size);
void memblock_mem_limit_remove_map(phys_addr_t limit);
void memblock_trim_memory(phys_addr_t align);
void memblock_discard(void);
/* Set by memblock_discard() (ARCH_DISCARD_MEMBLOCK): it ran, and the pages
 * of grown region arrays it gave back. */
extern bool memblock_discarded;
extern unsigned long memblock_discarded_pages;
void memblock_free_late(phys_addr_t base, phys_addr_t size);

/*
 * Provided by the page allocator (mm/memblock_handoff.c) to the bootmem
 * backends: hand all free memblock memory over (returns the number of
 * pages released); hand over node @nid's free memory from pfn @lo up
 * (NUMA_NO_NODE: every node's); write the struct pages of all memory as
 * reserved, from @lo[nid] up (NULL: from each node's start) below the
 * deferred part, for a backend that hands over by a map of its own.
 */
unsigned long memblock_free_all(void);
unsigned long free_memblock_ranges(int nid, unsigned long lo);
void memmap_init_memory(const unsigned long *lo);

/* --- debug ----------------------------------------------------------- */
void memblock_dump_all(void);
void __memblock_dump_all(void);

#endif /* _MM_MEMBLOCK_H */
