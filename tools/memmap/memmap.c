// SPDX-License-Identifier: MIT
/*
 * memmap - what the kernel will make of a board's memory description.
 *
 *   memmap [options] board.dtb [-- kernel command line]
 *   memmap --e820 table.txt [-- kernel command line]
 *
 * Runs the kernel's own code on the host - the devicetree reader and
 * dt_apply_memblock() (arch/riscv/kernel/fdt_memblock.c, the body of the RISC-V
 * memory setup), or the E820 sanitizer and e820__memblock_setup() - and prints
 * the same lines the kernel prints at boot, then the memblock dump and,
 * unless --no-zones, the zone layout free_area_init() computes.  A
 * description the kernel would stop on prints the kernel's message and
 * exits with the kernel's status, EXIT_BADFW (123).
 *
 * Options (DTB mode):
 *   --config FILE        the build's .config (default: the one of the O=
 *                        the tool was built in, if there is one): the
 *                        board and CONFIG_KERNEL_LOAD_ADDR come from it
 *   --kernel-base ADDR   where the image is loaded (default: the
 *                        configuration's CONFIG_KERNEL_LOAD_ADDR, else
 *                        0x80200000, QEMU virt's)
 *   --kernel-size SIZE   its size with bss (default 2M)
 *   --dtb-addr ADDR      where firmware puts the blob (default: where the
 *                        board's firmware puts it, see dtb_default())
 *   --no-zones           stop after memblock
 *
 * The command line is the DTB's /chosen/bootargs followed by the words
 * after "--".  mem= and memblock=debug act as on the board.
 *
 * E820 table (--e820): one entry per line, either
 *   START END TYPE       END is the range's last byte (0x100000 0x7fdffff 1)
 *   START +SIZE TYPE     (0x100000 +0x7ee0000 usable)
 * or a line of Linux's boot log, as printk, dmesg or the journal show it
 *   [    0.000000] BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] ...
 * TYPE is a number, "type N", or the name Linux prints: usable, reserved,
 * ACPI data, ACPI NVS, unusable, persistent (type 7), persistent
 * (type 12), soft reserved.  '#' starts a comment; blank lines and Linux's
 * "BIOS-provided physical RAM map:" line are skipped.  Any other line is
 * an error (file, line number and the line; exit status 2): a table
 * written as "START SIZE TYPE" is caught because END must be the last
 * byte of a 1 KiB unit (..3ff), as every firmware range boundary is.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/cmdline.h>
#include <kernel/exit.h>
#include <kernel/fdt.h>
#include <asm/fdt_memblock.h>
#include <mm/memblock.h>
#include <mm/memblock_cmdline.h>
#include <mm/mmzone.h>
#include <mm/page_alloc.h>

#ifdef MEMMAP_E820
#include <asm/e820.h>
#endif

#include "host.h"

static const char *prog = "memmap";

static void usage(void)
{
	fprintf(stderr,
		"usage: %s [--config .config] [--kernel-base A] [--kernel-size S] "
		"[--dtb-addr A] [--no-zones] board.dtb [-- cmdline]\n"
		"       %s --e820 table.txt [--no-zones] [-- cmdline]\n",
		prog, prog);
	exit(2);
}

static u64 number(const char *s, const char *what)
{
	const char *end;
	int err;
	u64 v = memparse(s, &end, &err);

	if (err || *end) {
		fprintf(stderr, "%s: %s: not a number: %s\n", prog, what, s);
		exit(2);
	}
	return v;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!f) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		exit(2);
	}
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap + 1);
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r);
	fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

/* ---- command line: the DTB's bootargs, then ours ---- */
static char cmdline[COMMAND_LINE_SIZE];

static void build_cmdline(const char *fw, char **extra, int n)
{
	size_t len = 0;

	cmdline[0] = 0;
	if (fw)
		len = (size_t)snprintf(cmdline, sizeof(cmdline), "%s", fw);
	for (int i = 0; i < n && len < sizeof(cmdline); i++)
		len += (size_t)snprintf(cmdline + len, sizeof(cmdline) - len,
					"%s%s", len ? " " : "", extra[i]);
}

/* ---- zones, as mm_init() sizes them ---- */
static void zones(void)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = {0};
	unsigned long max = PFN_DOWN(memblock_end_of_DRAM());
	phys_addr_t lo = memblock_start_of_DRAM(), hi = memblock_end_of_DRAM();

	/* struct pages live in simulated RAM; beyond 1 TiB, skip. */
	if (hi - lo > (1ULL << 40)) {
		printf("(zones not computed: memory spans more than 1 TiB)\n");
		return;
	}
	host_sim_mem(lo, hi - lo);
	/* arch/riscv/mm/init.c: DMA32 is the low 4 GiB, NORMAL the rest
	 * (x86 adds DMA below 16 MiB). */
#ifdef MEMMAP_E820
	max_zone_pfn[ZONE_DMA] = min(max, PFN_DOWN(16ULL << 20));
#endif
	max_zone_pfn[ZONE_DMA32] = min(max, PFN_DOWN(0x100000000ULL));
	max_zone_pfn[ZONE_NORMAL] = max;
	free_area_init(max_zone_pfn);
}

static void stop(void)
{
	printf("Power down: exit status %d\n", EXIT_BADFW);
	exit(EXIT_BADFW);
}

/* ---- the build's configuration: board and load address ---- */
#ifndef MEMMAP_CONFIG
#define MEMMAP_CONFIG ""
#endif

static struct {
	char board[64]; /* CONFIG_BOARD, "" if unknown */
	u64 load;	/* CONFIG_KERNEL_LOAD_ADDR, valid if have_load */
	bool have_load;
	const char *path; /* the .config read, NULL if none */
} build = {.load = 0x80200000ULL};

/* Read CONFIG_ARCH_RISCV, CONFIG_BOARD and CONFIG_KERNEL_LOAD_ADDR from
 * @path.  A missing default file is fine (a tool built without a
 * configuration); a file named with --config must exist. */
static void read_config(const char *path, bool must)
{
	char ln[256], load[256] = "", board[64] = "";
	bool riscv = false;
	FILE *f;

	if (!path || !*path)
		return;
	f = fopen(path, "r");
	if (!f) {
		if (!must)
			return;
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		exit(2);
	}
	while (fgets(ln, sizeof(ln), f)) {
		ln[strcspn(ln, "\r\n")] = 0;
		if (!strcmp(ln, "CONFIG_ARCH_RISCV=y"))
			riscv = true;
		else if (!strncmp(ln, "CONFIG_KERNEL_LOAD_ADDR=", 24))
			snprintf(load, sizeof(load), "%s", ln + 24);
		else if (!strncmp(ln, "CONFIG_BOARD=\"", 14))
			snprintf(board, sizeof(board), "%.*s",
				 (int)strcspn(ln + 14, "\""), ln + 14);
	}
	fclose(f);
	if (!riscv) {
		/* An x86 build: its load address means nothing to a DTB. */
		printf("memmap: %s is not a RISC-V configuration; using QEMU "
		       "virt's defaults\n",
		       path);
		return;
	}
	build.path = path;
	snprintf(build.board, sizeof(build.board), "%s", board);
	if (*load) {
		build.load = number(load, "CONFIG_KERNEL_LOAD_ADDR");
		build.have_load = true;
	}
}

/*
 * The RAM that firmware sees as one block: from the lowest /memory range
 * on while the ranges touch (QEMU virt's NUMA nodes split its RAM into
 * several nodes; QEMU places the blob by the total).  0 if found.
 */
static int dt_ram_span(const struct dt_blob *dt, u64 *base, u64 *size)
{
	u64 lo = ~0ULL, end = 0;
	bool grew = true;

	for (int node = dt_next_node_by_devtype(dt, -1, "memory"); node >= 0;
	     node = dt_next_node_by_devtype(dt, node, "memory")) {
		u64 b, sz;

		for (int i = 0; !dt_read_reg(dt, node, i, &b, &sz); i++)
			if (sz && b < lo)
				lo = b;
	}
	if (lo == ~0ULL)
		return -1;
	end = lo;
	while (grew) { /* extend over every range that starts inside */
		grew = false;
		for (int node = dt_next_node_by_devtype(dt, -1, "memory");
		     node >= 0;
		     node = dt_next_node_by_devtype(dt, node, "memory")) {
			u64 b, sz;

			for (int i = 0; !dt_read_reg(dt, node, i, &b, &sz); i++)
				if (sz && b <= end && b + sz > end) {
					end = b + sz;
					grew = true;
				}
		}
	}
	*base = lo;
	*size = end - lo;
	return 0;
}

/*
 * Where the board's firmware puts the devicetree, given the blob's
 * size and the RAM block dt_ram_span() finds (docs/bringup.md):
 *  - QEMU (virt, sifive_u; also with no configuration): QEMU writes it
 *    at the end of RAM but below 3 GiB, rounded down to 2 MiB, and
 *    OpenSBI (-bios default, fw_dynamic) passes that address on.
 *  - U-Boot boards (HiFive Unmatched, VisionFive 2): U-Boot caps ram_top
 *    at 4 GiB and relocates the blob near the top of RAM below it.
 *    The exact address depends on the U-Boot build; it prints it
 *    ("Loading Device Tree to ..."): pass that with --dtb-addr.
 * Returns 0 when the range cannot hold it.
 */
static phys_addr_t dtb_default(u64 base, u64 size, u32 blob, const char **why)
{
	bool qemu = !*build.board || !strncmp(build.board, "qemu_", 5);
	u64 cap = qemu ? 3ULL << 30 : 4ULL << 30, end = base + size;

	*why = qemu ? "QEMU: end of RAM below 3 GiB, 2 MiB aligned"
		    : "U-Boot: near the top of RAM below 4 GiB (ram_top); "
		      "--dtb-addr takes the address U-Boot prints";
	if (base < cap && end > cap)
		end = cap;
	if (end - base < blob + (2ULL << 20))
		return 0;
	return (end - blob) & ~((2ULL << 20) - 1);
}

static int run_dtb(const char *path, char **extra, int nextra,
		   phys_addr_t kbase, const char *kbase_from, phys_addr_t ksize,
		   phys_addr_t dtb_pa, bool do_zones)
{
	static struct dt_mem_info info;
	static char *blob; /* static: the blob lives until exit */
	struct dt_blob dt;
	size_t len;
	int err;

	blob = read_file(path, &len);

	err = dt_init(&dt, blob, len);
	if (err) {
		printf("dt: no valid devicetree: cannot find memory, stopping\n");
		stop();
	}
	printf("dt: devicetree %s, %u bytes, version %u\n", path, dt.size,
	       dt.version);
	build_cmdline(dt_chosen_bootargs(&dt), extra, nextra);
	/* mem= and memblock= by mm/memblock_cmdline.c's handlers */
	cmdline_init(cmdline);
	parse_early_param();
	if (build.path)
		printf("memmap: board %s, from %s\n",
		       *build.board ? build.board : "(unnamed)", build.path);
	printf("memmap: kernel image at %#llx, %llu KiB (%s)\n",
	       (unsigned long long)kbase, (unsigned long long)(ksize >> 10),
	       kbase_from);
	if (!dtb_pa) {
		const char *why = "no /memory node to place it in";
		u64 base, size;

		if (!dt_ram_span(&dt, &base, &size))
			dtb_pa = dtb_default(base, size, dt.size, &why);
		printf("memmap: devicetree blob at %#llx (%s)\n",
		       (unsigned long long)dtb_pa, why);
	} else {
		printf("memmap: devicetree blob at %#llx (--dtb-addr)\n",
		       (unsigned long long)dtb_pa);
	}
	if (dt_apply_memblock(&dt, &info, kbase, ksize, dtb_pa,
			      memblock_memory_limit))
		stop();
	printf("Kernel command line: %s\n", cmdline);
	if (!memblock_debug)
		__memblock_dump_all();
	if (do_zones)
		zones();
	return 0;
}

#ifdef MEMMAP_E820
/* The types whose names e820_type_name() prints (other types print as
 * "type N"): a name is read back through the kernel's own table. */
static const u32 e820_named[] = {
	E820_TYPE_RAM,	E820_TYPE_RESERVED,	 E820_TYPE_ACPI,
	E820_TYPE_NVS,	E820_TYPE_UNUSABLE,	 E820_TYPE_PMEM,
	E820_TYPE_PRAM, E820_TYPE_SOFT_RESERVED,
};

static const char *e820_path;
static int e820_line;
static const char *e820_text; /* the line as read, for messages */

static void __attribute__((noreturn)) e820_reject(const char *why)
{
	fprintf(stderr, "%s: %s:%d: %s: \"%s\"\n", prog, e820_path, e820_line,
		why, e820_text);
	fprintf(stderr,
		"%s: want \"START END TYPE\" (END = last byte), "
		"\"START +SIZE TYPE\" or a Linux log line "
		"\"BIOS-e820: [mem 0x...-0x...] TYPE\"\n",
		prog);
	exit(2);
}

static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A whole unsigned number (C syntax: 0x.., 0.., decimal) at *p. */
static u64 e820_number(const char **p, const char *what)
{
	char *end;
	u64 v;

	if (**p < '0' || **p > '9')
		e820_reject(what);
	errno = 0;
	v = strtoull(*p, &end, 0);
	if (errno || end == *p)
		e820_reject(what);
	*p = end;
	return v;
}

/* TYPE: all of the rest of the line. */
static u32 e820_type(const char *p)
{
	char buf[16], name[64];
	size_t len;
	u64 v;

	p = skip_blanks(p);
	len = strlen(p);
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	if (!len)
		e820_reject("no type");
	if (len >= sizeof(name))
		e820_reject("unknown type");
	memcpy(name, p, len);
	name[len] = 0;
	for (size_t i = 0; i < sizeof(e820_named) / sizeof(e820_named[0]); i++)
		if (!strcmp(name, e820_type_name(e820_named[i], buf)))
			return e820_named[i];
	p = name;
	if (!strncmp(p, "type ", 5))
		p += 5;
	v = e820_number(&p, "unknown type");
	if (*p || v > 0xffffffffULL)
		e820_reject("unknown type");
	return (u32)v;
}

/* One line into @e; false for a line without an entry. */
static bool e820_parse_line(char *ln, struct boot_e820_entry *e)
{
	const char *p, *log;
	char *hash = strchr(ln, '#');
	u64 start, last;

	if (hash)
		*hash = 0;
	p = skip_blanks(ln);
	if (!*p)
		return false;
	if (strstr(p, "BIOS-provided physical RAM map:"))
		return false;
	log = strstr(p, "BIOS-e820: ");
	if (log) {
		/* Whatever comes before is the log's prefix: printk's
		 * "[    0.000000] ", dmesg -T's date, the journal's host. */
		p = log + strlen("BIOS-e820: ");
		if (strncmp(p, "[mem ", 5))
			e820_reject("no \"[mem \" after BIOS-e820:");
		p += 5;
		start = e820_number(&p, "bad start address");
		if (*p++ != '-')
			e820_reject("want START-END in [mem ...]");
		last = e820_number(&p, "bad end address");
		if (*p++ != ']')
			e820_reject("no ']' after the end address");
		if (*p != ' ')
			e820_reject("no type");
	} else {
		bool plus;

		start = e820_number(&p, "not an E820 line");
		if (*p != ' ' && *p != '\t')
			e820_reject("want blanks after START");
		p = skip_blanks(p);
		plus = *p == '+';
		if (plus) {
			u64 size;

			p++;
			size = e820_number(&p, "bad size after '+'");
			if (!size)
				e820_reject("size 0");
			if (start + size - 1 < start)
				e820_reject("range runs past the end of the "
					    "64-bit address space");
			last = start + size - 1;
		} else {
			last = e820_number(&p, "bad END");
			/* Firmware ranges start and end on 1 KiB
			 * boundaries: END + 1 that is not one is a size. */
			if ((last & 0x3ff) != 0x3ff)
				e820_reject(
					"END is not the last byte of a range "
					"(...3ff): is it a size? Write "
					"START +SIZE TYPE");
		}
		if (!*skip_blanks(p))
			e820_reject("no type");
		if (*p != ' ' && *p != '\t')
			e820_reject("want blanks before TYPE");
	}
	if (last < start)
		e820_reject("END is below START");
	e->addr = start;
	e->size = last - start + 1;
	if (!e->size) /* [0, 2^64): one more than a u64 holds */
		e820_reject("range covers the whole 64-bit address space");
	e->type = e820_type(p);
	return true;
}

static int run_e820(const char *path, char **extra, int nextra, bool do_zones)
{
	static struct boot_e820_entry raw[E820_MAX_ENTRIES * 2];
	static char *text;
	size_t len;
	char *ln, *next;
	u32 n = 0;

	text = read_file(path, &len);
	if (strlen(text) != len) {
		fprintf(stderr, "%s: %s: a NUL byte: not a text file\n", prog,
			path);
		exit(2);
	}
	e820_path = path;
	for (ln = text; *ln; ln = next) {
		struct boot_e820_entry e;
		static char copy[512];

		next = ln + strcspn(ln, "\n");
		if (*next)
			*next++ = 0;
		ln[strcspn(ln, "\r")] = 0;
		e820_line++;
		snprintf(copy, sizeof(copy), "%s", ln);
		e820_text = copy;
		if (!e820_parse_line(ln, &e))
			continue;
		if (n == sizeof(raw) / sizeof(raw[0]))
			e820_reject("more entries than the kernel reads");
		raw[n++] = e;
	}
	if (append_e820_table(raw, n)) {
		printf("e820: no usable memory map, stopping\n");
		stop();
	}
	e820__update_table(e820_table);
	*e820_table_firmware = *e820_table;
	printf("BIOS-provided physical RAM map:\n");
	e820__print_table("BIOS-e820");

	build_cmdline(NULL, extra, nextra);
	cmdline_init(cmdline);
	parse_early_param();
	e820__finish_early_params();
	memblock_set_current_limit(0x100000000ULL);
	e820__memblock_setup();
	printf("Kernel command line: %s\n", boot_command_line);
	if (!memblock_phys_mem_size() ||
	    memblock_phys_mem_size() <= memblock_reserved_size()) {
		printf("memblock: no free memory left after reservations, stopping\n");
		stop();
	}
	if (!memblock_debug)
		__memblock_dump_all();
	if (do_zones)
		zones();
	return 0;
}
#endif

int main(int argc, char **argv)
{
	phys_addr_t kbase = 0, ksize = 2ULL << 20, dtb_pa = 0;
	const char *file = NULL, *config = NULL, *kbase_from;
	bool e820 = false, do_zones = true, have_kbase = false;
	int i;

	prog = argv[0];
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			i++;
			break;
		} else if (!strcmp(a, "--e820")) {
			e820 = true;
		} else if (!strcmp(a, "--no-zones")) {
			do_zones = false;
		} else if (!strcmp(a, "--config") && i + 1 < argc) {
			config = argv[++i];
		} else if (!strcmp(a, "--kernel-base") && i + 1 < argc) {
			kbase = number(argv[++i], a);
			have_kbase = true;
		} else if (!strcmp(a, "--kernel-size") && i + 1 < argc) {
			ksize = number(argv[++i], a);
		} else if (!strcmp(a, "--dtb-addr") && i + 1 < argc) {
			dtb_pa = number(argv[++i], a);
		} else if (a[0] == '-' && a[1]) {
			usage();
		} else if (!file) {
			file = a;
		} else {
			usage();
		}
	}
	if (!file)
		usage();
	if (e820) {
#ifdef MEMMAP_E820
		return run_e820(file, argv + i, argc - i, do_zones);
#else
		fprintf(stderr, "%s: built without the x86 E820 code\n", prog);
		return 2;
#endif
	}
	read_config(config ? config : MEMMAP_CONFIG, config != NULL);
	if (have_kbase)
		kbase_from = "--kernel-base";
	else if (build.have_load)
		kbase_from = "CONFIG_KERNEL_LOAD_ADDR";
	else
		kbase_from = "QEMU virt's default: no RISC-V .config";
	if (!have_kbase)
		kbase = build.load;
	return run_dtb(file, argv + i, argc - i, kbase, kbase_from, ksize,
		       dtb_pa, do_zones);
}
