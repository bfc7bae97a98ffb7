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
 *     built with libfdt and read by the kernel's reader (lib/fdt*.c), then
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
 * the present pages handed over or allocated from bootmem (how many, and
 * a hash of which), for comparing the backends (tests/explore/topology.py).
 * --dts writes the topology as a devicetree fragment for a QEMU virt boot
 * (--qemu: a layout that fits QEMU virt with -m 1G and OpenSBI; see
 * topology.py).
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

#include <asm/fdt_memblock.h>
#include <mm/bootmem.h>
#include <mm/memblock.h>
#include <mm/slab.h>

#include "topology.h"

/* ---------------------------------------------------------------- result */

static const char *const check_names[NR_C] = {
	"account: every present page free or reserved, exactly once",
	"nodezone: every page's node and zone match the layout",
	"reserved: no reserved page is free or handed out",
	"handoff: pages handed over == pages found free == managed",
	"load: buddy + slab allocations sound, all pages come back",
	"setup: the kernel accepted the topology and ran to the end",
};

/* Shared with the parent (MAP_SHARED): what a child found before it
 * crashed is not lost. */
struct result *resp;

/* ---------------------------------------------------------------- one run */

/* x86: the E820 map through the sanitizer into memblock. */
static bool setup_e820(const struct topo *t)
{
	if (append_e820_table(t->e820_map, (u32)t->nr_e820)) {
		FAIL(C_SETUP, "append_e820_table refused the map");
		return false;
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
	return true;
}

/* RISC-V: the blob through the reader and dt_apply_memblock(). */
static bool setup_dt(const struct topo *t)
{
	static u8 blob[16384];
	static struct dt_mem_info info;
	struct dt_blob dt;
	size_t len;

	len = build_blob(t, blob, sizeof(blob));
	if (!len || dt_init(&dt, blob, len)) {
		FAIL(C_SETUP, "the generated blob does not parse");
		return false;
	}
	layout_pfns(t);
	mark(t->dtb_pa, len, T_FWRSV);
	host_sim_mem(PFN_PHYS(pfn_lo), PFN_PHYS(pfn_hi - pfn_lo));
	if (dt_apply_memblock(&dt, &info, t->kbase, t->ksize, t->dtb_pa,
			      PHYS_ADDR_MAX)) {
		FAIL(C_SETUP, "dt_apply_memblock stopped: %s",
		     strstr(host_log, "stopping") ? "see -v" : "?");
		return false;
	}
	if (info.nr_memory != t->nr_mem)
		FAIL(C_SETUP, "the reader found %d memory ranges of %d",
		     info.nr_memory, t->nr_mem);
	return true;
}

/* The arch's setup, then mm_init() with the checks in between. */
static void run_one(const struct topo *t)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = {0};
	unsigned long handed, max;

	/* struct pages and bootmem live in simulated RAM over the span */
	if (!(t->e820 ? setup_e820(t) : setup_dt(t)))
		return;
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
	res.phase = "the page audit";
	audit(t, handed);
	res.hash = handoff_hash(&res.pages);
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

struct opts {
	unsigned long seed, count;
	const char *dump, *dts;
	bool have_seed, qemu;
};

/* 0, or 2 after the usage message. */
static int parse_args(int argc, char **argv, struct opts *o)
{
	unsigned long seed = 0, count = 1000;
	const char *dump = NULL, *dts = NULL;
	bool have_seed = false, qemu = false;

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
	*o = (struct opts){seed, count, dump, dts, have_seed, qemu};
	return 0;
}

/* --dts: the topology as a devicetree fragment, no run. */
static int dts_only(unsigned long seed, bool qemu, const char *dts)
{
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

/* TAP for failing topology @s, the @bad-th: what failed, and how. */
static void report(unsigned long s, const struct result *r, int bad, bool qemu)
{
	static struct topo t;

	ok(0, "topology seed %#lx", s);
	for (int c = 0; c < NR_C; c++)
		if (r->failed & (1u << c))
			tap_diag("  %s", r->why[c]);
	if (r->note[0])
		tap_diag("  note: %s", r->note);
	generate(&t, s, qemu);
	if (bad <= 3 || verbose)
		describe(&t);
}

int main(int argc, char **argv)
{
	unsigned long seed, count, nfail[NR_C] = {0};
	const char *dump, *dts;
	struct opts o;
	FILE *df = NULL;
	bool qemu;
	int bad = 0;

	if (parse_args(argc, argv, &o))
		return 2;
	seed = o.have_seed ? o.seed : host_seed();
	count = o.count;
	dump = o.dump;
	dts = o.dts;
	qemu = o.qemu;
	resp = mmap(NULL, sizeof(*resp), PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (resp == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	if (dts)
		return dts_only(seed, qemu, dts);
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
			fprintf(df, "%#lx %lu %#llx%s\n", s, r.pages,
				(unsigned long long)r.hash,
				r.failed & (1u << C_SETUP) ? " setup-failed"
							   : "");
		if (!r.failed)
			continue;
		bad++;
		for (int c = 0; c < NR_C; c++)
			if (r.failed & (1u << c))
				nfail[c]++;
		if (bad <= 20 || verbose)
			report(s, &r, bad, qemu);
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
