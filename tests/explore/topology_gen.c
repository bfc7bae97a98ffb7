// SPDX-License-Identifier: MIT
/*
 * Memory-topology explorer: the generator.  A topology is a function of
 * its seed alone (splitmix64): a devicetree layout or an E820 map, then
 * the blob (libfdt) or DTS that describes it.
 */
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "topology.h"

static u64 rng_state;

u64 rnd(void)
{
	/* splitmix64: every topology is a function of its seed */
	u64 z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

u64 below(u64 n)
{
	return n ? rnd() % n : 0;
}

bool chance(int percent)
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

/* The RAM ranges, in address order for now; returns their number. */
static int dt_ranges(struct topo *t, bool qemu)
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
	return n;
}

/* Node ids over the @n ranges, then where the kernel and the blob go. */
static void dt_place(struct topo *t, int n, bool qemu)
{
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
}

static void dt_reservations(struct topo *t, int n, bool qemu)
{
	int nr = chance(50) ? (int)below(5) : (int)below(T_MAX_RSV + 1);

	/* Reservations: few, or up to the maximum the reader keeps. */
	for (int i = 0; i < nr; i++) {
		int kind = (int)below(3);
		const struct trange *m = &t->mem[below(n)];

		switch (below(qemu ? 2 : 4)) {
		case 0:
		case 1: { /* anywhere in a range, maybe past its end */
			u64 size = PAGE_SIZE * (1 + below(256));

			if (chance(15))
				size -= below(PAGE_SIZE);
			add_rsv(t, m->base + below(m->size), size, kind);
			break;
		}
		case 2:
			rsv_near(t, t->kbase, t->ksize, kind);
			break;
		default:
			rsv_near(t, t->dtb_pa, 8192, kind);
		}
	}
	if (qemu) /* nothing may touch OpenSBI or the kernel */
		for (int i = 0; i < t->nr_rsv; i++)
			if (t->rsv[i].base < t->kbase + t->ksize)
				t->rsv[i--] = t->rsv[--t->nr_rsv];
}

static void gen_dt(struct topo *t, bool qemu)
{
	int n = dt_ranges(t, qemu);

	dt_place(t, n, qemu);
	dt_reservations(t, n, qemu);
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

void generate(struct topo *t, unsigned long seed, bool qemu)
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

size_t build_blob(const struct topo *t, void *buf, size_t len)
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

void write_dts(const struct topo *t, FILE *f)
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
