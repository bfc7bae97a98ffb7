// SPDX-License-Identifier: MIT
/*
 * Memory-topology explorer: random but valid machines through the kernel's
 * real memory bring-up, on the host.
 *
 *   topology [--seed S] [--count N] [--dump FILE] [-v]
 *   topology --seed S --dts FILE [--qemu]
 *
 * (Replaying one: --count 1 -v prints the kernel's log and the sanitizer
 * report; ASAN_OPTIONS=symbolize=1 names its frames.)
 *
 * Topology S (S, S+1, ... for --count) is made from its seed alone:
 *
 *   - a devicetree (three in four): 1-4 NUMA nodes whose memory ranges
 *     interleave and are listed out of order, one /memory node each or
 *     several ranges in one reg; bases aligned to neither 64 pages nor a
 *     pageblock, now and then not even to a page; holes; up to DT_MAX_RSV
 *     /reserved-memory children (some no-map) and /memreserve/ entries,
 *     over, beside and inside the kernel image and the blob.  The blob is
 *     built with libfdt and read by the kernel's reader (core/fdt*.c), then
 *     dt_apply_memblock() - exactly the RISC-V setup_arch() path;
 *   - or a random valid E820 map (unsorted, RAM with holes, reserved and
 *     ACPI ranges between, across the 16 MiB DMA limit), through the x86
 *     sanitizer and
 *     e820__memblock_setup().
 *
 * Then, as mm_init() does: free_area_init() with the arch's zone limits,
 * the bootmem backend this binary was built with (CONFIG_BOOTMEM_MEMBLOCK
 * or CONFIG_BOOTMEM_BITMAP, as tests/host/memblock.mk builds the bootmem
 * test) with a few bootmem allocations and reservations, the handoff,
 * deferred struct page init when configured, memblock_discard() (as
 * free_initmem()), kmem_cache_init(), and a
 * random load on the buddy allocator and kmalloc / a kmem_cache.
 *
 * Checks, against the generated layout (never the kernel's own tables):
 *   account   every present page is free (on a buddy or pcp list, once)
 *             or PG_reserved, never both, never neither; every reserved
 *             page is justified (memblock.reserved, no-map, bootmem);
 *             nothing free outside the generated RAM
 *   nodezone  pfn_to_nid(), page_to_nid(pfn_to_page()) and page_zonenum()
 *             of every present page match the layout and the arch's
 *             zone limits; pfn_to_page() round-trips
 *   reserved  no page of a generated reservation (kernel, blob,
 *             reserved-memory, /memreserve/) or of a bootmem allocation is
 *             ever free or handed out
 *   handoff   the backend handed over exactly the pages found free, and
 *             managed pages agree
 *   load      allocations are present, unreserved, not handed out twice,
 *             in an allowed zone, on the right node for __GFP_THISNODE;
 *             their contents survive; kmalloc of a power of two is
 *             naturally aligned; zone lists and counters stay consistent;
 *             freeing everything gives back every page
 *
 * Each topology runs in a child process, so a crash (ASan, UBSan, a
 * fault) is one failed topology with its seed, not the end of the run.
 * TAP: one line per check over all topologies, and one per failing
 * topology naming its seed.  --dump writes "seed pages hash" per topology:
 * the pages handed over plus the bootmem allocations, for comparing the two
 * backends (tests/explore/topology.py).  --dts writes the topology as a
 * devicetree fragment for a QEMU virt boot (--qemu: a layout that fits
 * QEMU virt with -m 1G and OpenSBI; see topology.py).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libfdt.h>

#include <kernel/fdt.h>
#include <kernel/fdt_memblock.h>
#include <mm/bootmem.h>
#include <mm/memblock.h>
#include <mm/slab.h>

#include <asm/e820.h>

#include "page_alloc_fixture.h"

/* ---------------------------------------------------------------- layout */

#define ALIGN_UP_PAGE(x) (((x) + PAGE_SIZE - 1) & ~(u64)(PAGE_SIZE - 1))
#define T_MAX_MEM 12
#define T_MAX_RSV DT_MAX_RSV
#define T_MAX_E820 24
#define QEMU_RAM_BASE 0x80000000ULL
#define QEMU_RAM_SIZE (1ULL << 30)
#define QEMU_KBASE 0x80200000ULL

enum { RSV_MAP, RSV_NOMAP, RSV_MEMRESERVE };

struct trange {
	u64 base, size;
	int nid;
};

struct trsv {
	u64 base, size;
	int kind;
};

struct topo {
	unsigned long seed;
	bool e820;
	int nr_nodes;
	int nr_mem; /* DT: RAM ranges; E820: usable entries */
	struct trange mem[T_MAX_MEM];
	int nr_rsv;
	struct trsv rsv[T_MAX_RSV];
	int nr_e820;
	struct boot_e820_entry e820_map[T_MAX_E820];
	u64 kbase, ksize, dtb_pa;
	u64 lo, hi; /* span of everything */
};

static u64 rng_state;

static u64 rnd(void)
{
	/* splitmix64: every topology is a function of its seed */
	u64 z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static u64 below(u64 n)
{
	return n ? rnd() % n : 0;
}

static bool chance(int percent)
{
	return below(100) < (u64)percent;
}

/* A size in pages, mostly not a multiple of 64 or of a pageblock. */
static u64 rand_pages(u64 lo, u64 hi)
{
	u64 n = lo + below(hi - lo + 1);

	if (chance(15))
		n &= ~63ULL; /* now and then aligned after all */
	return n ? n : 1;
}

static void add_rsv(struct topo *t, u64 base, u64 size, int kind)
{
	if (t->nr_rsv < T_MAX_RSV && size)
		t->rsv[t->nr_rsv++] = (struct trsv){base, size, kind};
}

/* A reservation near something: over it, inside it, or beside it. */
static void rsv_near(struct topo *t, u64 base, u64 size, int kind)
{
	u64 len = PAGE_SIZE * (1 + below(64)) - (chance(20) ? below(4096) : 0);

	switch (below(4)) {
	case 0: /* just below */
		add_rsv(t, base - len, len, kind);
		break;
	case 1: /* just above */
		add_rsv(t, base + size, len, kind);
		break;
	case 2: /* straddling the start */
		add_rsv(t, base - len / 2, len, kind);
		break;
	default: /* inside */
		add_rsv(t, base + below(size / 2) / PAGE_SIZE * PAGE_SIZE,
			min(len, size / 2 + 1), kind);
	}
}

static void gen_dt(struct topo *t, bool qemu)
{
	u64 cur = qemu ? QEMU_RAM_BASE
		       : (chance(25)   ? 0x40000000ULL
			  : chance(30) ? 0x100000000ULL - (below(96) << 20)
				       : QEMU_RAM_BASE);
	int n = t->nr_nodes + (int)below(T_MAX_MEM - t->nr_nodes + 1);

	if (qemu) {
		/* OpenSBI at the base, the kernel at +2 MiB: one first range
		 * of at least 24 MiB; QEMU puts the blob in the top 2 MiB of
		 * -m 1G, so the last range ends there. */
		n = min(n, 8);
		t->mem[0] = (struct trange){cur, (24 + below(40)) << 20, 0};
		cur += t->mem[0].size;
	}
	for (int i = qemu; i < n; i++) {
		u64 gap = chance(40) ? 0 : rand_pages(1, 4096) * PAGE_SIZE;
		u64 size = rand_pages(64, qemu ? 16384 : 4096) * PAGE_SIZE;

		if (!qemu && chance(8)) /* not page aligned at all */
			gap += 512 * (1 + below(7));
		if (!qemu && chance(8))
			size += 512 * (1 + below(7));
		cur += gap;
		t->mem[i] = (struct trange){cur, size, 0};
		cur += size;
	}
	if (qemu) {
		u64 top = QEMU_RAM_BASE + QEMU_RAM_SIZE;

		if (cur + (4 << 20) > top) { /* too much: drop, clip */
			while (n > 1 && t->mem[n - 1].base + (8 << 20) > top)
				n--;
			t->mem[n - 1].size =
				min(t->mem[n - 1].size,
				    top - (4 << 20) - t->mem[n - 1].base);
			cur = t->mem[n - 1].base + t->mem[n - 1].size;
		}
		/* the blob's 2 MiB at the top, plus some */
		t->mem[n].base = max(cur, top - ((2 + below(30)) << 20));
		t->mem[n].size = top - t->mem[n].base;
		n++;
	}
	t->nr_mem = n;
	{
		/* at least 16 MiB of RAM, as in the E820 maps */
		u64 total = 0;

		for (int i = 0; i < n; i++)
			total += t->mem[i].size;
		if (!qemu && total < (16 << 20))
			t->mem[n - 1].size += (16 << 20) - total;
	}
	/* Nodes: each gets a range, the rest at random (interleaving). */
	for (int i = 0; i < n; i++)
		t->mem[i].nid = i < t->nr_nodes ? i : (int)below(t->nr_nodes);
	for (int i = n - 1; i > 0; i--) { /* shuffle the node ids */
		int j = (int)below(i + 1), x = t->mem[i].nid;

		t->mem[i].nid = t->mem[j].nid;
		t->mem[j].nid = x;
	}
	if (qemu) {
		t->kbase = QEMU_KBASE;
		t->ksize = 4 << 20;
		t->dtb_pa = QEMU_RAM_BASE + QEMU_RAM_SIZE - (2 << 20);
	} else {
		/* the kernel and the blob somewhere in RAM */
		const struct trange *k = &t->mem[below(n)];
		const struct trange *b = &t->mem[below(n)];

		t->ksize = rand_pages(16, 512) * PAGE_SIZE;
		if (t->ksize > k->size / 2)
			t->ksize = ALIGN_UP_PAGE(k->size / 4);
		t->kbase =
			ALIGN_UP_PAGE(k->base) +
			below((k->size - t->ksize) / 2 / PAGE_SIZE) * PAGE_SIZE;
		t->dtb_pa = ALIGN_UP_PAGE(b->base) +
			    below(b->size / 2 / PAGE_SIZE) * PAGE_SIZE;
	}
	/* Reservations: few, or up to the maximum the reader keeps. */
	{
		int nr = chance(50) ? (int)below(5) : (int)below(T_MAX_RSV + 1);

		for (int i = 0; i < nr; i++) {
			int kind = (int)below(3);
			const struct trange *m = &t->mem[below(n)];

			switch (below(qemu ? 2 : 4)) {
			case 0:
			case 1: { /* anywhere in a range, maybe past its end */
				u64 size = PAGE_SIZE * (1 + below(256));

				if (chance(15))
					size -= below(PAGE_SIZE);
				add_rsv(t, m->base + below(m->size), size,
					kind);
				break;
			}
			case 2:
				rsv_near(t, t->kbase, t->ksize, kind);
				break;
			default:
				rsv_near(t, t->dtb_pa, 8192, kind);
			}
		}
	}
	if (qemu) /* nothing may touch OpenSBI or the kernel */
		for (int i = 0; i < t->nr_rsv; i++)
			if (t->rsv[i].base < t->kbase + t->ksize)
				t->rsv[i--] = t->rsv[--t->nr_rsv];
}

static void gen_e820(struct topo *t)
{
	/* BIOS-like low memory, then RAM from 1 MiB with holes and
	 * reserved / ACPI islands, maybe across 4 GiB. */
	static const u32 others[] = {E820_TYPE_RESERVED, E820_TYPE_ACPI,
				     E820_TYPE_NVS, E820_TYPE_UNUSABLE};
	u64 cur = 0x300000; /* above the kernel's 2 MiB at most */
	int n = 0;

	t->nr_nodes = 1;
	t->e820_map[n++] = (struct boot_e820_entry){0, 0x9fc00, E820_TYPE_RAM};
	t->e820_map[n++] =
		(struct boot_e820_entry){0x9fc00, 0x400, E820_TYPE_RESERVED};
	t->e820_map[n++] =
		(struct boot_e820_entry){0xf0000, 0x10000, E820_TYPE_RESERVED};
	/* (No jump to 4 GiB: low RAM is always there, and a node's memmap
	 * covers its whole span - a few MiB of RAM spread over 4 GiB cannot
	 * hold its own struct pages, on Kite as on any FLATMEM kernel.) */
	cur += below(16) << 20;
	while (n < T_MAX_E820 - 1 && (n < 5 || chance(75))) {
		u64 size = rand_pages(64, 8192) * PAGE_SIZE;

		/* at least 16 MiB of RAM: less does not boot (by design) */
		if (n == 3)
			size = rand_pages(4096, 8192) * PAGE_SIZE;
		if (n == 3 || chance(60))
			t->e820_map[n++] = (struct boot_e820_entry){
				cur, size, E820_TYPE_RAM};
		else if (chance(60))
			t->e820_map[n++] = (struct boot_e820_entry){
				cur, PAGE_SIZE * (1 + below(64)),
				others[below(4)]};
		cur += size +
		       (chance(50) ? 0 : rand_pages(1, 4096) * PAGE_SIZE);
	}
	/* the kernel at 1 MiB, as the PVH loader puts it: make it RAM */
	t->e820_map[n++] = (struct boot_e820_entry){0x100000, 0, E820_TYPE_RAM};
	t->kbase = 0x100000;
	t->ksize = rand_pages(64, 512) * PAGE_SIZE;
	t->e820_map[n - 1].size = t->ksize;
	/* (an overlap with a generated RAM entry merges; with a reserved
	 * one the sanitizer's higher type wins - still valid input) */
	for (int i = n - 1; i > 0; i--) { /* unsorted */
		int j = (int)below(i + 1);
		struct boot_e820_entry x = t->e820_map[i];

		t->e820_map[i] = t->e820_map[j];
		t->e820_map[j] = x;
	}
	t->nr_e820 = n;
}

static void generate(struct topo *t, unsigned long seed, bool qemu)
{
	memset(t, 0, sizeof(*t));
	t->seed = seed;
	rng_state = seed * 0x2545f4914f6cdd1dULL + 1;
	t->e820 = !qemu && chance(25);
	t->nr_nodes = 1 + (int)below(4);
	if (t->e820)
		gen_e820(t);
	else
		gen_dt(t, qemu);
}

/* ---------------------------------------------------------------- blob */

static void fdt_reg(void *fdt, const struct trange *r, int n)
{
	fdt32_t cells[4 * T_MAX_MEM];

	for (int i = 0; i < n; i++) {
		cells[4 * i] = cpu_to_fdt32((u32)(r[i].base >> 32));
		cells[4 * i + 1] = cpu_to_fdt32((u32)r[i].base);
		cells[4 * i + 2] = cpu_to_fdt32((u32)(r[i].size >> 32));
		cells[4 * i + 3] = cpu_to_fdt32((u32)r[i].size);
	}
	fdt_property(fdt, "reg", cells, (int)(16 * n));
}

/*
 * The memory nodes, in a shuffled order; two ranges of one node now and
 * then share a node's reg.  Written as libfdt calls (blob) or as DTS.
 */
struct memnode {
	struct trange r[2];
	int n;
};

static int memnodes(const struct topo *t, struct memnode *out)
{
	int order[T_MAX_MEM], nn = 0;

	for (int i = 0; i < t->nr_mem; i++)
		order[i] = i;
	for (int i = t->nr_mem - 1; i > 0; i--) {
		int j = (int)below(i + 1), x = order[i];

		order[i] = order[j];
		order[j] = x;
	}
	for (int i = 0; i < t->nr_mem; i++) {
		const struct trange *r = &t->mem[order[i]];

		if (nn && out[nn - 1].n == 1 &&
		    out[nn - 1].r[0].nid == r->nid && chance(30))
			out[nn - 1].r[out[nn - 1].n++] = *r;
		else
			out[nn++] = (struct memnode){{*r}, 1};
	}
	return nn;
}

static const char *const rsv_compat[] = {"kite,test-map", "kite,test-nomap"};

static size_t build_blob(const struct topo *t, void *buf, size_t len)
{
	struct memnode mn[T_MAX_MEM];
	int nn = memnodes(t, mn);
	char name[48];

	fdt_create(buf, (int)len);
	for (int i = 0; i < t->nr_rsv; i++)
		if (t->rsv[i].kind == RSV_MEMRESERVE)
			fdt_add_reservemap_entry(buf, t->rsv[i].base,
						 t->rsv[i].size);
	fdt_finish_reservemap(buf);
	fdt_begin_node(buf, "");
	fdt_property_u32(buf, "#address-cells", 2);
	fdt_property_u32(buf, "#size-cells", 2);
	fdt_property_string(buf, "model", "kite topology explorer");
	for (int i = 0; i < nn; i++) {
		snprintf(name, sizeof(name), "memory@%llx",
			 (unsigned long long)mn[i].r[0].base);
		fdt_begin_node(buf, name);
		fdt_property_string(buf, "device_type", "memory");
		fdt_reg(buf, mn[i].r, mn[i].n);
		if (t->nr_nodes > 1 || chance(30))
			fdt_property_u32(buf, "numa-node-id",
					 (u32)mn[i].r[0].nid);
		fdt_end_node(buf);
	}
	fdt_begin_node(buf, "reserved-memory");
	fdt_property_u32(buf, "#address-cells", 2);
	fdt_property_u32(buf, "#size-cells", 2);
	fdt_property(buf, "ranges", NULL, 0);
	for (int i = 0; i < t->nr_rsv; i++) {
		struct trange r = {t->rsv[i].base, t->rsv[i].size, 0};

		if (t->rsv[i].kind == RSV_MEMRESERVE)
			continue;
		snprintf(name, sizeof(name), "rsv%d@%llx", i,
			 (unsigned long long)r.base);
		fdt_begin_node(buf, name);
		fdt_property_string(buf, "compatible",
				    rsv_compat[t->rsv[i].kind]);
		fdt_reg(buf, &r, 1);
		if (t->rsv[i].kind == RSV_NOMAP)
			fdt_property(buf, "no-map", NULL, 0);
		fdt_end_node(buf);
	}
	fdt_end_node(buf);
	fdt_end_node(buf);
	if (fdt_finish(buf) < 0)
		return 0;
	return fdt_totalsize(buf);
}

/* The same memory description as DTS, to merge into QEMU's own tree. */
static void write_dts(const struct topo *t, FILE *f)
{
	struct memnode mn[T_MAX_MEM];
	int nn = memnodes(t, mn);

	fprintf(f, "// topology seed %#lx (tests/explore/topology.c)\n",
		t->seed);
	for (int i = 0; i < t->nr_rsv; i++)
		if (t->rsv[i].kind == RSV_MEMRESERVE)
			fprintf(f, "/memreserve/ %#llx %#llx;\n",
				(unsigned long long)t->rsv[i].base,
				(unsigned long long)t->rsv[i].size);
	fprintf(f, "/ {\n");
	for (int i = 0; i < nn; i++) {
		fprintf(f,
			"\tmemory@%llx {\n\t\tdevice_type = \"memory\";\n"
			"\t\treg = <",
			(unsigned long long)mn[i].r[0].base);
		for (int j = 0; j < mn[i].n; j++)
			fprintf(f, "%s%#x %#x %#x %#x", j ? " " : "",
				(u32)(mn[i].r[j].base >> 32),
				(u32)mn[i].r[j].base,
				(u32)(mn[i].r[j].size >> 32),
				(u32)mn[i].r[j].size);
		fprintf(f, ">;\n\t\tnuma-node-id = <%d>;\n\t};\n",
			mn[i].r[0].nid);
	}
	fprintf(f, "\treserved-memory {\n\t\t#address-cells = <2>;\n"
		   "\t\t#size-cells = <2>;\n\t\tranges;\n");
	for (int i = 0; i < t->nr_rsv; i++) {
		if (t->rsv[i].kind == RSV_MEMRESERVE)
			continue;
		fprintf(f,
			"\t\trsv%d@%llx {\n\t\t\tcompatible = \"%s\";\n"
			"\t\t\treg = <%#x %#x %#x %#x>;\n%s\t\t};\n",
			i, (unsigned long long)t->rsv[i].base,
			rsv_compat[t->rsv[i].kind], (u32)(t->rsv[i].base >> 32),
			(u32)t->rsv[i].base, (u32)(t->rsv[i].size >> 32),
			(u32)t->rsv[i].size,
			t->rsv[i].kind == RSV_NOMAP ? "\t\t\tno-map;\n" : "");
	}
	fprintf(f, "\t};\n};\n");
}

/* ---------------------------------------------------------------- oracle */

static unsigned long pfn_lo, pfn_hi; /* pfns the checks look at */
static u8 *expect_nid;		     /* per pfn: node + 1, 0 = absent */
static u8 *tag;			     /* per pfn: T_* below */
static u8 *owned; /* bit per pfn (from 0): handed out by the load */

enum {
	T_FWRSV = 1,   /* a generated reservation touches it */
	T_BOOTMEM = 2, /* a bootmem allocation or reservation */
	T_FREE = 4,    /* seen on a free list */
	T_MAYBE = 8,   /* RAM, but the kernel may leave it out (no-map edge) */
};

static int cmp_range(const void *a, const void *b)
{
	const struct trange *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

static int expect_zone(const struct topo *t, unsigned long pfn)
{
	if (t->e820 && pfn < PFN_DOWN(16ULL << 20))
		return ZONE_DMA;
	return pfn < PFN_DOWN(0x100000000ULL) ? ZONE_DMA32 : ZONE_NORMAL;
}

static void mark(u64 base, u64 size, u8 bit)
{
	/* every page the range touches, clipped to the checked span */
	unsigned long s = PFN_DOWN(base), e = PFN_UP(base + size);

	for (unsigned long p = max(s, pfn_lo); p < min(e, pfn_hi); p++)
		tag[p - pfn_lo] |= bit;
}

/* True if a page the range touches carries @bit. */
static bool tagged(u64 base, u64 size, u8 bit)
{
	unsigned long s = PFN_DOWN(base), e = PFN_UP(base + size);

	for (unsigned long p = max(s, pfn_lo); p < min(e, pfn_hi); p++)
		if (tag[p - pfn_lo] & bit)
			return true;
	return false;
}

static void layout_pfns(const struct topo *t)
{
	u64 lo = ~0ULL, hi = 0;

	if (t->e820) {
		/* the sanitized table is the truth for present pages: RAM
		 * entries that no higher-priority type overlaps */
		for (u32 i = 0; i < e820_table->nr_entries; i++) {
			const struct e820_entry *e = &e820_table->entries[i];

			lo = min(lo, e->addr);
			hi = max(hi, e->addr + e->size);
		}
	} else {
		for (int i = 0; i < t->nr_mem; i++) {
			lo = min(lo, t->mem[i].base);
			hi = max(hi, t->mem[i].base + t->mem[i].size);
		}
	}
	pfn_lo = PFN_DOWN(lo);
	pfn_hi = PFN_UP(hi);
	expect_nid = calloc(pfn_hi - pfn_lo, 1);
	tag = calloc(pfn_hi - pfn_lo, 1);
	owned = calloc(pfn_hi / 8 + 1, 1);
	if (t->e820) {
		for (u32 i = 0; i < e820_table->nr_entries; i++) {
			const struct e820_entry *e = &e820_table->entries[i];

			if (e->type != E820_TYPE_RAM)
				continue;
			for (unsigned long p = PFN_UP(e->addr);
			     p < PFN_DOWN(e->addr + e->size); p++)
				expect_nid[p - pfn_lo] = 1;
		}
	} else {
		/* Ranges of one node that touch merge (memblock does so), so
		 * a page they share is RAM; between two nodes it is not. */
		struct trange m[T_MAX_MEM];
		int n = t->nr_mem;

		memcpy(m, t->mem, sizeof(m[0]) * (size_t)n);
		qsort(m, (size_t)n, sizeof(m[0]), cmp_range);
		for (int i = 0; i < n; i++) {
			u64 b = m[i].base, e = b + m[i].size;

			while (i + 1 < n && m[i + 1].base == e &&
			       m[i + 1].nid == m[i].nid)
				e += m[++i].size;
			for (unsigned long p = PFN_UP(b); p < PFN_DOWN(e); p++)
				expect_nid[p - pfn_lo] = (u8)(m[i].nid + 1);
		}
	}
	mark(t->kbase, t->ksize, T_FWRSV);
	if (!t->e820)
		mark(t->dtb_pa, 1, T_FWRSV); /* sized below, from the blob */
	for (int i = 0; i < t->nr_rsv; i++) {
		const struct trsv *r = &t->rsv[i];

		mark(r->base, r->size, T_FWRSV);
		/* no-map splits a memory region where it starts and ends;
		 * a page it covers only in part is then trimmed away (it
		 * is never free either way) */
		if (r->kind == RSV_NOMAP) {
			mark(r->base, 1, T_MAYBE);
			mark(r->base + r->size - 1, 1, T_MAYBE);
		}
	}
}

/* ---------------------------------------------------------------- result */

enum { C_ACCOUNT, C_NODEZONE, C_RESERVED, C_HANDOFF, C_LOAD, C_SETUP, NR_C };
static const char *const check_names[NR_C] = {
	"account: every present page free or reserved, exactly once",
	"nodezone: every page's node and zone match the layout",
	"reserved: no reserved page is free or handed out",
	"handoff: pages handed over == pages found free == managed",
	"load: buddy + slab allocations sound, all pages come back",
	"setup: the kernel accepted the topology and ran to the end",
};

struct result {
	u32 failed;	   /* bit per check */
	const char *phase; /* a literal: valid in the parent too */
	unsigned long handed;
	u64 hash;
	char why[NR_C][160];
	char note[160]; /* what the kernel said that explains a failure */
};

/* Shared with the parent (MAP_SHARED): what a child found before it
 * crashed is not lost. */
static struct result *resp;
#define res (*resp)

#define FAIL(c, ...)                                                           \
	do {                                                                   \
		if (!(res.failed & (1u << (c))))                               \
			snprintf(res.why[c], sizeof(res.why[c]), __VA_ARGS__); \
		res.failed |= 1u << (c);                                       \
	} while (0)

/* ---------------------------------------------------------------- checks */

static bool in_span(unsigned long pfn)
{
	return pfn >= pfn_lo && pfn < pfn_hi;
}

/* One free block: tag its pages, each only once, and check them. */
static const char *tag_free(struct zone *zone, unsigned long pfn,
			    unsigned int order, int cpu, void *count)
{
	for (unsigned long q = pfn; q < pfn + (1UL << order); q++) {
		int nid = in_span(q) ? expect_nid[q - pfn_lo] - 1 : -1;

		if (nid < 0) {
			FAIL(C_ACCOUNT,
			     "free order-%u block %#lx (%s) holds pfn %#lx, which is not RAM",
			     order, pfn, cpu < 0 ? "buddy" : "pcp", q);
			return "stop";
		}
		if (tag[q - pfn_lo] & T_FREE)
			FAIL(C_ACCOUNT, "pfn %#lx on the free lists twice", q);
		tag[q - pfn_lo] |= T_FREE;
		if (nid != zone->node)
			FAIL(C_NODEZONE,
			     "free block %#lx order %u on node %d's lists holds pfn %#lx of node %d",
			     pfn, order, zone->node, q, nid);
	}
	*(unsigned long *)count += 1UL << order;
	return NULL;
}

/* Walk the free lists: tag every free page.  Returns their number. */
static unsigned long walk_free(void)
{
	unsigned long n = 0;

	for (unsigned long i = 0; i < pfn_hi - pfn_lo; i++)
		tag[i] &= (u8)~T_FREE;
	pa_for_each_free(tag_free, &n);
	return n;
}

static struct memblock_region rsv_snap[512], nomap_snap[256];
static int nr_rsv_snap, nr_nomap_snap;

static void snapshot_memblock(void)
{
	struct memblock_region *r;

	nr_rsv_snap = nr_nomap_snap = 0;
	for_each_memblock(reserved, r)
	{
		if (nr_rsv_snap < 512)
			rsv_snap[nr_rsv_snap++] = *r;
	}
	for_each_mem_region(r) {
		if (memblock_is_nomap(r) && nr_nomap_snap < 256)
			nomap_snap[nr_nomap_snap++] = *r;
	}
}

static bool in_snap(const struct memblock_region *s, int n, unsigned long pfn)
{
	u64 a = PFN_PHYS(pfn), b = a + PAGE_SIZE;

	for (int i = 0; i < n; i++)
		if (s[i].base < b && a < s[i].base + s[i].size)
			return true;
	return false;
}

/*
 * A page a no-map range covers only in part (T_MAYBE) is trimmed from
 * memory, so the kernel rightly treats it as a hole, and a hole belongs
 * to the lowest node whose span holds it (include/mm/page_alloc.h), not
 * necessarily to the node whose range the page lies in.  True when
 * pfn_to_nid() gives that hole owner and its struct page is reserved.
 */
static bool trimmed_hole_ok(unsigned long pfn)
{
	int got = pfn_to_nid(pfn);

	for (int n = 0; n < MAX_NUMNODES; n++) {
		const pg_data_t *pgdat = NODE_DATA(n);

		if (!pgdat || pfn < pgdat->node_start_pfn ||
		    pfn >= pgdat_end_pfn(pgdat))
			continue;
		return got == n && page_to_pfn(pfn_to_page(pfn)) == pfn &&
		       PageReserved(pfn_to_page(pfn));
	}
	return false;
}

/* After the handoff (and deferred init): the page-by-page audit. */
static void audit(const struct topo *t, unsigned long handed)
{
	unsigned long free = walk_free(), managed = 0;
	struct zone *zone;
	const char *why;

	for (unsigned long pfn = pfn_lo; pfn < pfn_hi; pfn++) {
		int nid = expect_nid[pfn - pfn_lo] - 1;
		u8 tg = tag[pfn - pfn_lo];
		struct page *pg;

		if (nid < 0)
			continue;
		if ((tg & T_MAYBE) &&
		    (pfn_to_nid(pfn) == NUMA_NO_NODE ||
		     (pfn_to_nid(pfn) != nid && trimmed_hole_ok(pfn))))
			continue;
		if (pfn_to_nid(pfn) != nid) {
			FAIL(C_NODEZONE,
			     "pfn_to_nid(%#lx) = %d, layout: node %d", pfn,
			     pfn_to_nid(pfn), nid);
			continue;
		}
		pg = pfn_to_page(pfn);
		if (page_to_pfn(pg) != pfn)
			FAIL(C_NODEZONE,
			     "page_to_pfn(pfn_to_page(%#lx)) = %#lx", pfn,
			     page_to_pfn(pg));
		if (page_to_nid(pg) != nid)
			FAIL(C_NODEZONE,
			     "pfn %#lx: struct page says node %d, layout: node %d",
			     pfn, page_to_nid(pg), nid);
		if (page_zonenum(pg) != expect_zone(t, pfn))
			FAIL(C_NODEZONE,
			     "pfn %#lx: struct page says zone %d, the arch's limits: zone %d",
			     pfn, page_zonenum(pg), expect_zone(t, pfn));
		if ((tg & T_FREE) && PageReserved(pg))
			FAIL(C_ACCOUNT, "pfn %#lx is free and PG_reserved",
			     pfn);
		if (!(tg & T_FREE) && !PageReserved(pg))
			FAIL(C_ACCOUNT,
			     "pfn %#lx is neither free nor reserved (lost)",
			     pfn);
		if ((tg & T_FREE) && (tg & (T_FWRSV | T_BOOTMEM)))
			FAIL(C_RESERVED, "pfn %#lx is free but %s", pfn,
			     tg & T_FWRSV ? "reserved by the firmware / the "
					    "kernel image / the blob"
					  : "allocated from bootmem");
		if (!(tg & T_FREE) && !(tg & (T_FWRSV | T_BOOTMEM)) &&
		    !in_snap(rsv_snap, nr_rsv_snap, pfn) &&
		    !in_snap(nomap_snap, nr_nomap_snap, pfn))
			FAIL(C_ACCOUNT,
			     "pfn %#lx is reserved, but nothing reserved it "
			     "(not handed over)",
			     pfn);
	}
	for_each_populated_zone(zone)
		managed += zone_managed_pages(zone);
	if (handed != free || managed != free)
		FAIL(C_HANDOFF,
		     "backend handed %lu pages, %lu on the free lists, %lu managed",
		     handed, free, managed);
	why = pa_check_zones();
	if (why)
		FAIL(C_ACCOUNT, "zone lists: %s", why);
}

/* FNV-1a over the pfns that are free or bootmem-allocated: what the two
 * backends must agree on. */
static u64 handoff_hash(void)
{
	u64 h = 0xcbf29ce484222325ULL;

	for (unsigned long pfn = pfn_lo; pfn < pfn_hi; pfn++)
		if (tag[pfn - pfn_lo] & (T_FREE | T_BOOTMEM)) {
			h ^= pfn;
			h *= 0x100000001b3ULL;
		}
	return h;
}

/* ---------------------------------------------------------------- bootmem */

/*
 * What early arch code does with bootmem: reserve firmware ranges it
 * found (free memory only, as a real caller reserves memory nobody has
 * allocated; some run past the end of their range and may fail, and then
 * nothing may change), then allocate.
 */
static void bootmem_ops(const struct topo *t)
{
	int n = (int)below(7);

	for (int i = 0; i < n && !t->e820; i++) {
		const struct trange *m = &t->mem[below(t->nr_mem)];
		unsigned long size = PAGE_SIZE * (1 + below(16));
		u64 base = ALIGN_UP_PAGE(m->base) +
			   below(m->size / PAGE_SIZE) * PAGE_SIZE;

		/* memblock does not see the bitmap backend's reservations:
		 * ask the record of both, so both backends skip alike */
		if (chance(50) || memblock_is_region_reserved(base, size) ||
		    tagged(base, size, T_BOOTMEM))
			continue;
		if (!reserve_bootmem(base, size, BOOTMEM_DEFAULT))
			mark(base, size, T_BOOTMEM);
	}
	n = (int)below(7);
	for (int i = 0; i < n; i++) {
		unsigned long size = PAGE_SIZE * (1 + below(16));
		int nid = (int)below(t->nr_nodes);
		void *p = chance(50)
				  ? __alloc_bootmem_node_nopanic(nid, size,
								 PAGE_SIZE, 0)
				  : __alloc_bootmem_nopanic(size, PAGE_SIZE, 0);

		if (p)
			mark(__pa(p), size, T_BOOTMEM);
	}
}

/* ---------------------------------------------------------------- load */

struct live {
	unsigned long pfn;
	unsigned int order;
};

struct obj {
	unsigned char *p;
	size_t size;
	struct kmem_cache *c;
	unsigned char fill;
};

#define NLIVE 96
#define NOBJ 192

static bool owned_any(unsigned long pfn, unsigned long nr)
{
	return pa_owned_any(owned, pfn, nr);
}

static void check_block(const struct topo *t, unsigned long pfn,
			unsigned int order, gfp_t gfp, int nid)
{
	unsigned long nr = 1UL << order;

	if (!in_span(pfn) || !in_span(pfn + nr - 1)) {
		FAIL(C_LOAD, "order-%u block %#lx outside RAM", order, pfn);
		return;
	}
	for (unsigned long i = 0; i < nr; i++) {
		unsigned long q = pfn + i;
		int want = expect_nid[q - pfn_lo] - 1;

		if (want < 0) {
			FAIL(C_LOAD, "block %#lx order %u: pfn %#lx is a hole",
			     pfn, order, q);
			return;
		}
		if (tag[q - pfn_lo] & (T_FWRSV | T_BOOTMEM))
			FAIL(C_RESERVED,
			     "alloc_pages order %u handed out reserved pfn %#lx",
			     order, q);
		if (expect_zone(t, q) > (int)gfp_zone(gfp))
			FAIL(C_LOAD, "pfn %#lx in zone %d, gfp %#x allows %d",
			     q, expect_zone(t, q), gfp, (int)gfp_zone(gfp));
		if ((gfp & __GFP_THISNODE) && want != nid)
			FAIL(C_LOAD,
			     "__GFP_THISNODE for node %d gave pfn %#lx of node %d",
			     nid, q, want);
	}
	if (owned_any(pfn, nr))
		FAIL(C_LOAD, "block %#lx order %u handed out twice", pfn,
		     order);
	pa_own_flip(owned, pfn, nr);
}

static const gfp_t load_gfps[] = {PA_MODEL_GFPS};

static void load(const struct topo *t)
{
	static struct live live[NLIVE];
	static struct obj objs[NOBJ];
	struct kmem_cache *cache;
	unsigned long start_free;
	int nlive = 0, nobj = 0, ops = 150 + (int)below(300);
	unsigned int csize = 8 + (unsigned int)below(600);
	const char *why;

	/* counted before the cache exists: kmem_cache_destroy() gives back
	 * the struct kmem_cache (and its slab page) the load made */
	slab_shrink_all();
	start_free = pa_total_free();
	cache = kmem_cache_create("topology", csize,
				  chance(50) ? 0 : 1u << below(7), 0, NULL);
	if (!cache) {
		FAIL(C_LOAD, "kmem_cache_create(%u) failed", csize);
		return;
	}
	for (int op = 0; op < ops && !(res.failed & (1u << C_LOAD)); op++) {
		unsigned int k = (unsigned int)below(6);

		if (k == 0 && nlive < NLIVE) {
			gfp_t gfp = load_gfps[below(ARRAY_SIZE(load_gfps))] |
				    __GFP_NOWARN;
			unsigned int order =
				chance(70) ? 0 : (unsigned)below(MAX_ORDER);
			int nid = chance(30) ? NUMA_NO_NODE
					     : (int)below(t->nr_nodes);
			struct page *p =
				nid == NUMA_NO_NODE
					? alloc_pages(gfp, order)
					: alloc_pages_node(nid, gfp, order);

			if (nid == NUMA_NO_NODE)
				nid = numa_node_id();
			unsigned long pfn;

			if (!p)
				continue;
			pfn = page_to_pfn(p);
			check_block(t, pfn, order, gfp, nid);
			*(unsigned long *)page_address(p) = pfn;
			live[nlive++] = (struct live){pfn, order};
		} else if (k == 1 && nlive) {
			int i = (int)below(nlive);
			struct live l = live[i];
			struct page *p = pfn_to_page(l.pfn);

			if (*(unsigned long *)page_address(p) != l.pfn)
				FAIL(C_LOAD, "block %#lx overwritten", l.pfn);
			pa_own_flip(owned, l.pfn, 1UL << l.order);
			__free_pages(p, l.order);
			live[i] = live[--nlive];
		} else if (k <= 3 && nobj < NOBJ) {
			bool pow2 = chance(50);
			size_t size = pow2 ? 1UL << below(13) : 1 + below(3000);
			int nid = (int)below(t->nr_nodes);
			struct kmem_cache *c = k == 3 ? cache : NULL;
			unsigned char *o =
				c ? kmem_cache_alloc(c, GFP_KERNEL)
				: chance(50)
					? kmalloc(size, GFP_KERNEL)
					: kmalloc_node(size, GFP_KERNEL, nid);
			unsigned long pfn;

			if (c)
				size = csize;
			if (!o)
				continue;
			if (!c && pow2 && ((uintptr_t)o & (size - 1)))
				FAIL(C_LOAD,
				     "kmalloc(%zu) = %p: not aligned to %zu",
				     size, (void *)o, size);
			pfn = PHYS_PFN(__pa(o));
			if (!in_span(pfn) || !expect_nid[pfn - pfn_lo]) {
				FAIL(C_LOAD, "slab object %p is not in RAM",
				     (void *)o);
				continue;
			}
			if (tag[pfn - pfn_lo] & (T_FWRSV | T_BOOTMEM))
				FAIL(C_RESERVED,
				     "slab object %p in reserved pfn %#lx",
				     (void *)o, pfn);
			if (owned_any(pfn, 1))
				FAIL(C_LOAD,
				     "slab object %p in pfn %#lx, a page "
				     "alloc_pages handed out",
				     (void *)o, pfn);
			if (page_to_nid(virt_to_page(o)) !=
			    expect_nid[pfn - pfn_lo] - 1)
				FAIL(C_NODEZONE,
				     "virt_to_page(%p) says node %d, layout: %d",
				     (void *)o, page_to_nid(virt_to_page(o)),
				     expect_nid[pfn - pfn_lo] - 1);
			memset(o, op & 0xff, size);
			objs[nobj++] =
				(struct obj){o, size, c, (unsigned char)op};
		} else if (nobj) {
			int i = (int)below(nobj);
			struct obj ob = objs[i];

			for (size_t j = 0; j < ob.size; j++)
				if (ob.p[j] != ob.fill) {
					FAIL(C_LOAD,
					     "object %p (%zu bytes) overwritten at +%zu",
					     (void *)ob.p, ob.size, j);
					break;
				}
			if (ob.c)
				kmem_cache_free(ob.c, ob.p);
			else
				kfree(ob.p);
			objs[i] = objs[--nobj];
		}
	}
	why = pa_check_free_vs_owned(owned);
	if (why)
		FAIL(C_LOAD, "%s", why);
	while (nlive) {
		struct live l = live[--nlive];

		pa_own_flip(owned, l.pfn, 1UL << l.order);
		__free_pages(pfn_to_page(l.pfn), l.order);
	}
	while (nobj) {
		struct obj ob = objs[--nobj];

		if (ob.c)
			kmem_cache_free(ob.c, ob.p);
		else
			kfree(ob.p);
	}
	kmem_cache_destroy(cache);
	slab_shrink_all();
	why = pa_check_zones();
	if (why)
		FAIL(C_LOAD, "after the load: %s", why);
	if (pa_total_free() != start_free)
		FAIL(C_LOAD, "%lu pages free before the load, %lu after",
		     start_free, pa_total_free());
}

/* ---------------------------------------------------------------- one run */

static void run_one(const struct topo *t)
{
	static u8 blob[16384];
	static struct dt_mem_info info;
	unsigned long max_zone_pfn[MAX_NR_ZONES] = {0};
	unsigned long handed, max;
	struct dt_blob dt;
	size_t len = 0;

	/* struct pages and bootmem live in simulated RAM over the span */
	if (t->e820) {
		if (append_e820_table(t->e820_map, (u32)t->nr_e820)) {
			FAIL(C_SETUP, "append_e820_table refused the map");
			return;
		}
		e820__update_table(e820_table);
		*e820_table_firmware = *e820_table;
		memblock_reserve(t->kbase, t->ksize);
		memblock_set_current_limit(0x100000000ULL);
		layout_pfns(t);
		host_sim_mem(PFN_PHYS(pfn_lo), PFN_PHYS(pfn_hi - pfn_lo));
		e820__memblock_setup();
		memblock_set_current_limit(MEMBLOCK_ALLOC_ANYWHERE);
		memblock_allow_resize();
	} else {
		len = build_blob(t, blob, sizeof(blob));
		if (!len || dt_init(&dt, blob, len)) {
			FAIL(C_SETUP, "the generated blob does not parse");
			return;
		}
		layout_pfns(t);
		mark(t->dtb_pa, len, T_FWRSV);
		host_sim_mem(PFN_PHYS(pfn_lo), PFN_PHYS(pfn_hi - pfn_lo));
		if (dt_apply_memblock(&dt, &info, t->kbase, t->ksize, t->dtb_pa,
				      PHYS_ADDR_MAX)) {
			FAIL(C_SETUP, "dt_apply_memblock stopped: %s",
			     strstr(host_log, "stopping") ? "see -v" : "?");
			return;
		}
		if (info.nr_memory != t->nr_mem)
			FAIL(C_SETUP, "the reader found %d memory ranges of %d",
			     info.nr_memory, t->nr_mem);
	}
	if (strstr(host_log, "before memblock_allow_resize"))
		snprintf(res.note, sizeof(res.note),
			 "memblock's static arrays overflowed before "
			 "memblock_allow_resize(): a range was dropped");
	/* arch_zone_limits_init() of the arch the topology is for */
	max = PFN_DOWN(memblock_end_of_DRAM());
	if (t->e820)
		max_zone_pfn[ZONE_DMA] = min(max, PFN_DOWN(16ULL << 20));
	max_zone_pfn[ZONE_DMA32] = min(max, PFN_DOWN(0x100000000ULL));
	max_zone_pfn[ZONE_NORMAL] = max;
	cmdline_parse_movablecore("0");
	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		set_cpu_numa_node(cpu, cpu % t->nr_nodes);
	host_current_cpu = 0;

	/* mm_init() (mm/boot.c), with bootmem calls before the handoff */
	res.phase = "free_area_init";
	free_area_init(max_zone_pfn);
	bootmem_backend.init();
	res.phase = "bootmem calls";
	bootmem_ops(t);
	snapshot_memblock();
	res.phase = "the handoff (free_all_bootmem)";
	handed = bootmem_backend.finish();
#ifdef CONFIG_DEFERRED_STRUCT_PAGE_INIT
	{
		unsigned long before = pa_total_free();

		deferred_init_memmap_all();
		handed += pa_total_free() - before;
	}
#endif
	{
		/* free_initmem(): memblock's grown arrays go back (mm/boot.c)
		 */
		unsigned long before = pa_total_free();

		memblock_discard();
		handed += pa_total_free() - before;
	}
	res.handed = handed;
	res.phase = "the page audit";
	audit(t, handed);
	res.hash = handoff_hash();
	res.phase = "kmem_cache_init";
	kmem_cache_init();
	res.phase = "the buddy + slab load";
	load(t);
	res.phase = NULL;
}

/* ---------------------------------------------------------------- driver */

/* Thousands of children: a crash report must not spend a second in the
 * symbolizer, and each exits without a leak scan.  ASAN_OPTIONS=
 * symbolize=1 names the frames when replaying one topology. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "symbolize=0:detect_leaks=0";
}

static int verbose;

/* Does a node's span [first, last pfn] hold memory of another node? */
static bool interleaved(const struct topo *t)
{
	for (int i = 0; i < t->nr_mem; i++)
		for (int j = 0; j < t->nr_mem; j++) {
			const struct trange *a = &t->mem[i], *b = &t->mem[j];

			if (a->nid == b->nid)
				continue;
			for (int k = 0; k < t->nr_mem; k++)
				if (t->mem[k].nid == a->nid &&
				    t->mem[k].base > b->base &&
				    a->base < b->base)
					return true;
		}
	return false;
}

static void describe(const struct topo *t)
{
	if (t->e820) {
		printf("#   E820 map (unsorted), kernel [%#llx +%#llx]:\n",
		       (unsigned long long)t->kbase,
		       (unsigned long long)t->ksize);
		for (int i = 0; i < t->nr_e820; i++)
			printf("#     [%#llx +%#llx] type %u\n",
			       (unsigned long long)t->e820_map[i].addr,
			       (unsigned long long)t->e820_map[i].size,
			       t->e820_map[i].type);
		return;
	}
	printf("#   DT, %d nodes%s, %d ranges + %d reservations, kernel "
	       "[%#llx +%#llx], blob at %#llx\n",
	       t->nr_nodes, interleaved(t) ? " (interleaved)" : "", t->nr_mem,
	       t->nr_rsv, (unsigned long long)t->kbase,
	       (unsigned long long)t->ksize, (unsigned long long)t->dtb_pa);
	for (int i = 0; i < t->nr_mem; i++)
		printf("#     memory [%#llx +%#llx] node %d\n",
		       (unsigned long long)t->mem[i].base,
		       (unsigned long long)t->mem[i].size, t->mem[i].nid);
	for (int i = 0; i < t->nr_rsv; i++)
		printf("#     %s [%#llx +%#llx]\n",
		       (const char *[]){"reserved", "no-map",
					"memreserve"}[t->rsv[i].kind],
		       (unsigned long long)t->rsv[i].base,
		       (unsigned long long)t->rsv[i].size);
}

/* The first sanitizer or fault line of a child's stderr. */
static void crash_line(FILE *f, char *out, size_t len)
{
	char line[512];

	out[0] = 0;
	rewind(f);
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "runtime error") || strstr(line, "ERROR:") ||
		    strstr(line, "panic")) {
			line[strcspn(line, "\n")] = 0;
			strncpy(out, line, len - 1);
			out[len - 1] = 0;
			return;
		}
}

/* Run topology @seed in a child; fill @r. */
static void run_child(unsigned long seed, bool qemu, struct result *r)
{
	FILE *err = tmpfile();
	pid_t pid;
	int st;

	if (!err) {
		perror("tmpfile");
		exit(2);
	}
	memset(resp, 0, sizeof(*resp));
	resp->phase = "generation";
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (!pid) {
		static struct topo t;
		/* a loop in the code under test must not stall the run */
		struct rlimit cpu = {30, 32};

		setrlimit(RLIMIT_CPU, &cpu);

		if (!verbose) /* the report goes to the parent's summary */
			dup2(fileno(err), 2);
		host_log_echo = verbose > 1;
		bootmem_debug = verbose > 1; /* -v -v: every bootmem call */
		generate(&t, seed, qemu);
		run_one(&t);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	*r = *resp;
	if (!WIFEXITED(st) || WEXITSTATUS(st) || r->phase) {
		char line[400];

		crash_line(err, line, sizeof(line));
		r->failed |= 1u << C_SETUP;
		snprintf(r->why[C_SETUP], sizeof(r->why[C_SETUP]),
			 "crashed in %s (%s %d%s)%s%.100s",
			 r->phase ? r->phase : "?",
			 WIFSIGNALED(st) ? "signal" : "exit status",
			 WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st),
			 WIFSIGNALED(st) && (WTERMSIG(st) == SIGXCPU ||
					     WTERMSIG(st) == SIGKILL)
				 ? ": 30 s of CPU, a loop?"
				 : "",
			 line[0] ? ": " : "", line);
	}
	fclose(err);
}

int main(int argc, char **argv)
{
	unsigned long seed = 0, count = 1000, nfail[NR_C] = {0};
	const char *dump = NULL, *dts = NULL;
	bool have_seed = false, qemu = false;
	FILE *df = NULL;
	int bad = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
			seed = strtoul(argv[++i], NULL, 0);
			have_seed = true;
		} else if (!strcmp(argv[i], "--count") && i + 1 < argc) {
			count = strtoul(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--dump") && i + 1 < argc) {
			dump = argv[++i];
		} else if (!strcmp(argv[i], "--dts") && i + 1 < argc) {
			dts = argv[++i];
		} else if (!strcmp(argv[i], "--qemu")) {
			qemu = true;
		} else if (!strcmp(argv[i], "-v")) {
			verbose++;
		} else {
			fprintf(stderr,
				"usage: %s [--seed S] [--count N] [--dump FILE] [-v]\n"
				"       %s --seed S --dts FILE [--qemu]\n",
				argv[0], argv[0]);
			return 2;
		}
	}
	if (!have_seed)
		seed = host_seed();
	resp = mmap(NULL, sizeof(*resp), PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (resp == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	if (dts) {
		static struct topo t;
		FILE *f = fopen(dts, "w");

		if (!f) {
			perror(dts);
			return 2;
		}
		generate(&t, seed, qemu);
		write_dts(&t, f);
		fclose(f);
		return 0;
	}
	if (dump && !(df = fopen(dump, "w"))) {
		perror(dump);
		return 2;
	}
	printf("TAP version 13\n# topology: %lu topologies from seed %#lx "
	       "(backend %s%s%s)\n",
	       count, seed,
	       IS_ENABLED(CONFIG_BOOTMEM_BITMAP) ? "bitmap" : "memblock",
	       IS_ENABLED(CONFIG_DEFERRED_STRUCT_PAGE_INIT) ? ", deferred" : "",
	       qemu ? ", QEMU profile" : "");
	for (unsigned long i = 0; i < count; i++) {
		unsigned long s = seed + i;
		struct result r;

		run_child(s, qemu, &r);
		if (df)
			fprintf(df, "%#lx %lu %#llx%s\n", s, r.handed,
				(unsigned long long)r.hash,
				r.failed & (1u << C_SETUP) ? " setup-failed"
							   : "");
		if (!r.failed)
			continue;
		bad++;
		for (int c = 0; c < NR_C; c++)
			if (r.failed & (1u << c))
				nfail[c]++;
		if (bad <= 20 || verbose) {
			static struct topo t;

			ok(0, "topology seed %#lx", s);
			for (int c = 0; c < NR_C; c++)
				if (r.failed & (1u << c))
					tap_diag("  %s", r.why[c]);
			if (r.note[0])
				tap_diag("  note: %s", r.note);
			generate(&t, s, qemu);
			if (bad <= 3 || verbose)
				describe(&t);
		}
	}
	if (bad > 20 && !verbose)
		tap_diag("%d more failing topologies not listed", bad - 20);
	for (int c = 0; c < NR_C; c++)
		ok(!nfail[c], "%s (%lu of %lu topologies failed)",
		   check_names[c], nfail[c], count);
	if (df)
		fclose(df);
	return tap_done();
}
