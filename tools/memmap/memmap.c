// SPDX-License-Identifier: MIT
/*
 * memmap - what the kernel will make of a board's memory description.
 *
 *   memmap [options] board.dtb [-- kernel command line]
 *   memmap --e820 table.txt [-- kernel command line]
 *
 * Runs the kernel's own code on the host - the devicetree reader and
 * dt_apply_memblock() (core/fdt_memblock.c, the body of the RISC-V memory
 * setup), or the E820 sanitizer and e820__memblock_setup() - and prints
 * the same lines the kernel prints at boot, then the memblock dump and,
 * unless --no-zones, the zone layout free_area_init() computes.  A
 * description the kernel would stop on prints the kernel's message and
 * exits with the kernel's status, EXIT_BADFW (123).
 *
 * Options (DTB mode):
 *   --kernel-base ADDR   where the image is loaded (default 0x80200000)
 *   --kernel-size SIZE   its size with bss (default 2M)
 *   --dtb-addr ADDR      where firmware puts the blob (default: 2 MiB
 *                        below the end of the first memory range, as
 *                        OpenSBI does on QEMU virt)
 *   --no-zones           stop after memblock
 *
 * The command line is the DTB's /chosen/bootargs followed by the words
 * after "--".  mem= and memblock=debug act as on the board.
 *
 * E820 table lines: "START END TYPE" with END the last byte (0x100000
 * 0x7fdffff usable), "START +SIZE TYPE", or a line of Linux's log
 * ("BIOS-e820: [mem 0x...-0x...] usable").  TYPE is a number or Linux's
 * name (usable, reserved, ACPI data, ACPI NVS, unusable, persistent).
 * '#' starts a comment.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/cmdline.h>
#include <kernel/exit.h>
#include <kernel/fdt.h>
#include <kernel/fdt_memblock.h>
#include <mm/memblock.h>
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
		"usage: %s [--kernel-base A] [--kernel-size S] [--dtb-addr A] "
		"[--no-zones] board.dtb [-- cmdline]\n"
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

static phys_addr_t mem_limit = PHYS_ADDR_MAX;

/* The two early parameters riscv's mm/init.c registers, same helpers. */
static int dt_param(const char *name, const char *val, void *arg)
{
	(void)arg;
	if (!strcmp(name, "mem"))
		parse_mem_limit(val, &mem_limit);
	else if (!strcmp(name, "memblock") && val && !strcmp(val, "debug"))
		memblock_set_debug(true);
	return 0;
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

static int run_dtb(const char *path, char **extra, int nextra,
		   phys_addr_t kbase, phys_addr_t ksize, phys_addr_t dtb_pa,
		   bool do_zones)
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
	cmdline_for_each(cmdline, dt_param, NULL);
	if (!dtb_pa) {
		/* 2 MiB below the end of the first memory range, under
		 * 3 GiB: where OpenSBI puts it on QEMU virt. */
		int mem = dt_next_node_by_devtype(&dt, -1, "memory");
		u64 base = 0, size = 0;

		if (mem >= 0 && !dt_read_reg(&dt, mem, 0, &base, &size) &&
		    size > (2u << 20)) {
			u64 end = min(base + size, base + (3ULL << 30));

			dtb_pa = (end - (2u << 20)) & ~((2ULL << 20) - 1);
		}
	}
	if (dt_apply_memblock(&dt, &info, kbase, ksize, dtb_pa, mem_limit))
		stop();
	printf("Kernel command line: %s\n", cmdline);
	if (!memblock_debug)
		__memblock_dump_all();
	if (do_zones)
		zones();
	return 0;
}

#ifdef MEMMAP_E820
static const struct {
	const char *name;
	u32 type;
} e820_names[] = {
	{"usable", E820_TYPE_RAM},
	{"reserved", E820_TYPE_RESERVED},
	{"ACPI data", E820_TYPE_ACPI},
	{"ACPI NVS", E820_TYPE_NVS},
	{"unusable", E820_TYPE_UNUSABLE},
	{"persistent", E820_TYPE_PMEM},
	{"reserved kernel", E820_TYPE_RESERVED_KERN},
};

static u32 e820_parse_type(const char *s, int line)
{
	char *end;
	unsigned long v;

	while (*s == ' ' || *s == '\t')
		s++;
	for (size_t i = 0; i < sizeof(e820_names) / sizeof(e820_names[0]); i++)
		if (!strncasecmp(s, e820_names[i].name,
				 strlen(e820_names[i].name)))
			return e820_names[i].type;
	if (!strncmp(s, "type ", 5))
		s += 5;
	v = strtoul(s, &end, 0);
	if (end == s) {
		fprintf(stderr, "%s: line %d: unknown type \"%s\"\n", prog,
			line, s);
		exit(2);
	}
	return (u32)v;
}

static int run_e820(const char *path, char **extra, int nextra, bool do_zones)
{
	static struct boot_e820_entry raw[E820_MAX_ENTRIES * 2];
	static char *text;
	size_t len;
	char *save, *ln;
	u32 n = 0;
	int line = 0;

	text = read_file(path, &len);
	for (ln = strtok_r(text, "\n", &save); ln;
	     ln = strtok_r(NULL, "\n", &save)) {
		char *hash = strchr(ln, '#'), *p = ln, *end;
		unsigned long long a, b;
		bool is_size = false;

		line++;
		if (hash)
			*hash = 0;
		if ((p = strstr(ln, "[mem ")))
			p += 5;
		else
			p = ln;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			continue;
		a = strtoull(p, &end, 0);
		p = end;
		while (*p == ' ' || *p == '\t' || *p == '-')
			p++;
		if (*p == '+') {
			is_size = true;
			p++;
		}
		b = strtoull(p, &end, 0);
		if (end == p || n == sizeof(raw) / sizeof(raw[0])) {
			fprintf(stderr, "%s: %s:%d: want \"START END TYPE\"\n",
				prog, path, line);
			exit(2);
		}
		p = end;
		while (*p == ']' || *p == ' ' || *p == '\t')
			p++;
		raw[n].addr = a;
		raw[n].size = is_size ? b : b - a + 1;
		raw[n].type = e820_parse_type(p, line);
		n++;
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
	phys_addr_t kbase = 0x80200000ULL, ksize = 2ULL << 20, dtb_pa = 0;
	const char *file = NULL;
	bool e820 = false, do_zones = true;
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
		} else if (!strcmp(a, "--kernel-base") && i + 1 < argc) {
			kbase = number(argv[++i], a);
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
	return run_dtb(file, argv + i, argc - i, kbase, ksize, dtb_pa,
		       do_zones);
}
