// SPDX-License-Identifier: MIT
/*
 * The ACPI MADT path (arch/x86/kernel/acpi.c) on the host.  A generator
 * lays out RSDP, RSDT, XSDT, filler tables and a MADT with a random set
 * of processor entries in a simulated low memory, the way firmware
 * does; good tables must give exactly the generator's processor list.
 * Then each kind of damage (checksums, lengths, pointers, entry lengths,
 * duplicates, too many CPUs, random byte flips) must give its defined
 * outcome and a message naming the field.  Every map() hands the parser
 * a malloc'd copy of exactly the bytes asked for, so ASan catches any read
 * past what the parser checked.
 */
#include <stdlib.h>
#include <string.h>

#include <asm/acpi.h>
#include <kernel/errno.h>

#include "host.h"
#include "tap.h"

#define MEM_SIZE 0x120000U
#define EBDA 0x9fc00U
#define TABLES 0x100000U

static u8 mem[MEM_SIZE];
static void *copies[16384];
static unsigned int nr_copies;
static unsigned long rnd_state;

static unsigned long rnd(void)
{
	rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
	return rnd_state >> 33;
}

static const void *map_copy(void *ctx, u64 pa, u64 len)
{
	void *p;

	(void)ctx;
	if (pa >= MEM_SIZE || len > MEM_SIZE - pa ||
	    nr_copies == sizeof(copies) / sizeof(copies[0]))
		return NULL;
	p = malloc(len ? len : 1);
	memcpy(p, mem + pa, len);
	copies[nr_copies++] = p;
	return p;
}

static const struct acpi_mem amem = {.map = map_copy};

static void free_copies(void)
{
	while (nr_copies)
		free(copies[--nr_copies]);
}

/* ---- the generator ---- */

struct gen {
	u64 rsdp, rsdt, xsdt, madt;
	u8 revision;
	unsigned int nr_entries;
	u32 entry_off[360]; /* MADT offset of each entry */
	/* the expected result */
	struct acpi_cpu want[ACPI_MADT_MAX_CPUS];
	unsigned int nr_want, nr_disabled, nr_hotplug, nr_dropped;
	u64 lapic_addr;
};

static struct gen g;

static void fix_checksum(u64 pa, u32 len, u8 *field)
{
	u8 s = 0;

	*field = 0;
	for (u32 i = 0; i < len; i++)
		s += mem[pa + i];
	*field = (u8)-s;
}

static void fix_table(u64 pa)
{
	struct acpi_table_header *h = (void *)(mem + pa);

	fix_checksum(pa, h->length, &h->checksum);
}

static void fix_rsdp(void)
{
	struct acpi_rsdp *r = (void *)(mem + g.rsdp);

	fix_checksum(g.rsdp, ACPI_RSDP_V1_SIZE, &r->checksum);
	if (r->revision >= 2)
		fix_checksum(g.rsdp, ACPI_RSDP_V2_SIZE, &r->extended_checksum);
}

static void header(u64 pa, const char *sig, u32 len)
{
	struct acpi_table_header *h = (void *)(mem + pa);

	memcpy(h->signature, sig, 4);
	h->length = len;
	h->revision = 1;
	memcpy(h->oem_id, "KITE  ", 6);
	memcpy(h->oem_table_id, "HOSTTEST", 8);
}

static void want_cpu(u32 id, u32 uid, u32 flags, bool x2)
{
	if (!(flags & ACPI_MADT_ENABLED)) {
		if (flags & ACPI_MADT_ONLINE_CAPABLE)
			g.nr_hotplug++;
		else
			g.nr_disabled++;
		return;
	}
	for (unsigned int i = 0; i < g.nr_want; i++)
		if (g.want[i].apic_id == id) {
			g.nr_dropped++;
			return;
		}
	if (g.nr_want == ACPI_MADT_MAX_CPUS) {
		g.nr_dropped++;
		return;
	}
	g.want[g.nr_want++] =
		(struct acpi_cpu){.apic_id = id, .uid = uid, .x2apic = x2};
}

/* A MADT at @pa with @ncpu processor entries and some others; returns
 * its length. */
static u32 gen_madt(u64 pa, unsigned int ncpu, bool dups)
{
	u32 off = sizeof(struct acpi_table_madt);
	struct acpi_table_madt *m = (void *)(mem + pa);

	m->address = 0xfee00000;
	m->flags = 1;
	g.lapic_addr = m->address;
	g.nr_entries = 0;
	for (unsigned int i = 0; i < ncpu + 3; i++) {
		u8 *e = mem + pa + off;
		unsigned int kind = i >= ncpu ? (unsigned int)(i - ncpu) + 10
					      : (unsigned int)(rnd() % 4);
		u32 flags = rnd() % 8 ? ACPI_MADT_ENABLED : (u32)(rnd() % 4);
		u32 id = dups ? (u32)(rnd() % 16) : i;

		g.entry_off[g.nr_entries++] = off;
		if (kind < 3) { /* type 0: ids 0..254 */
			struct acpi_madt_local_apic *p = (void *)e;

			id %= 255;
			*p = (struct acpi_madt_local_apic){
				{ACPI_MADT_TYPE_LOCAL_APIC, sizeof(*p)},
				(u8)i,
				(u8)id,
				flags};
			want_cpu(id, (u8)i, flags, false);
			off += sizeof(*p);
		} else if (kind == 3) { /* type 9 */
			struct acpi_madt_local_x2apic *p = (void *)e;

			/* x2APIC ids away from the 8-bit ones unless dups */
			if (!dups)
				id += 0x1000;
			*p = (struct acpi_madt_local_x2apic){
				{ACPI_MADT_TYPE_LOCAL_X2APIC, sizeof(*p)},
				0,
				id,
				flags,
				i};
			want_cpu(id, i, flags, true);
			off += sizeof(*p);
		} else if (kind == 10) { /* an IO APIC: ignored */
			e[0] = ACPI_MADT_TYPE_IO_APIC;
			e[1] = 12;
			off += 12;
		} else if (kind == 11) { /* an unknown type, odd length */
			e[0] = 0x7f;
			e[1] = 5;
			off += 5;
		} else { /* an interrupt override (type 2), 10 bytes */
			e[0] = 2;
			e[1] = 10;
			off += 10;
		}
	}
	header(pa, ACPI_SIG_MADT, off);
	return off;
}

/*
 * Lay out a full set: RSDP (in the EBDA or the BIOS area), RSDT, XSDT
 * (revision 2 only), 0-3 filler tables around the MADT in the lists.
 */
static void generate(unsigned int ncpu, bool dups)
{
	u64 pa = TABLES + 16 * (rnd() % 64);
	unsigned int nfill = (unsigned int)(rnd() % 4),
		     pos = rnd() % (nfill + 1);
	u64 list[5];
	unsigned int nlist = 0;
	struct acpi_rsdp *r;

	memset(mem, 0, sizeof(mem));
	memset(&g, 0, sizeof(g));
	*(u16 *)(mem + ACPI_EBDA_PTR) = EBDA >> 4;
	g.revision = rnd() % 3 ? 2 : 0;
	g.rsdp = rnd() % 2 ? EBDA + 16 * (rnd() % 62)
			   : ACPI_BIOS_ROM_START + 16 * (rnd() % 8000);
	for (unsigned int i = 0; i <= nfill; i++) {
		if (i == pos) {
			g.madt = pa;
			list[nlist++] = pa;
			pa += gen_madt(pa, ncpu, dups);
		} else {
			header(pa, i & 1 ? "HPET" : "FACP", 36 + 8 * i);
			fix_table(pa);
			list[nlist++] = pa;
			pa += 36 + 8 * i;
		}
		pa = (pa + 15) & ~15ULL;
	}
	fix_table(g.madt);

	g.rsdt = pa;
	header(pa, ACPI_SIG_RSDT, 36 + 4 * nlist);
	for (unsigned int i = 0; i < nlist; i++)
		*(u32 *)(mem + pa + 36 + 4 * i) = (u32)list[i];
	fix_table(pa);
	pa += 64;
	if (g.revision >= 2) {
		g.xsdt = pa;
		header(pa, ACPI_SIG_XSDT, 36 + 8 * nlist);
		for (unsigned int i = 0; i < nlist; i++)
			memcpy(mem + pa + 36 + 8 * i, &list[i], 8);
		fix_table(pa);
	}

	r = (void *)(mem + g.rsdp);
	memcpy(r->signature, ACPI_RSDP_SIG, 8);
	memcpy(r->oem_id, "KITE  ", 6);
	r->revision = g.revision;
	r->rsdt_address = (u32)g.rsdt;
	if (g.revision >= 2) {
		r->length = ACPI_RSDP_V2_SIZE;
		r->xsdt_address = g.xsdt;
	}
	fix_rsdp();
}

/* Scan, find and parse; 0 or the first error. */
static int run(struct acpi_madt_info *info)
{
	u64 rsdp, madt = 0;
	int err;

	host_log_clear();
	rsdp = acpi_scan_rsdp(&amem);
	free_copies();
	if (!rsdp)
		return -ENODEV;
	err = acpi_find_madt(&amem, rsdp, &madt);
	if (!err)
		err = acpi_parse_madt(&amem, madt, info);
	free_copies();
	return err;
}

static bool same_as_generated(const struct acpi_madt_info *info)
{
	if (info->nr_cpus != g.nr_want || info->nr_disabled != g.nr_disabled ||
	    info->nr_hotplug != g.nr_hotplug ||
	    info->nr_dropped != g.nr_dropped ||
	    info->lapic_addr != g.lapic_addr || info->madt_pa != g.madt) {
		tap_diag(
			"  cpus %u/%u disabled %u/%u hotplug %u/%u dropped %u/%u",
			info->nr_cpus, g.nr_want, info->nr_disabled,
			g.nr_disabled, info->nr_hotplug, g.nr_hotplug,
			info->nr_dropped, g.nr_dropped);
		return false;
	}
	for (unsigned int i = 0; i < g.nr_want; i++)
		if (info->cpu[i].apic_id != g.want[i].apic_id ||
		    info->cpu[i].uid != g.want[i].uid ||
		    info->cpu[i].x2apic != g.want[i].x2apic) {
			tap_diag("  cpu %u: id %u uid %u, want id %u uid %u", i,
				 info->cpu[i].apic_id, info->cpu[i].uid,
				 g.want[i].apic_id, g.want[i].uid);
			return false;
		}
	return true;
}

static struct acpi_madt_info info;

static void test_good(void)
{
	bool all = true;

	for (int i = 0; i < 200 && all; i++) {
		generate((unsigned int)(rnd() % 40), false);
		all = run(&info) == 0 && same_as_generated(&info);
	}
	ok(all, "200 generated table sets parse to the generated CPU list");

	generate(340, false);
	ok(run(&info) == 0 && same_as_generated(&info) &&
		   info.nr_cpus == ACPI_MADT_MAX_CPUS && info.nr_dropped > 0,
	   "more than %d enabled CPUs: the first kept, the rest counted",
	   ACPI_MADT_MAX_CPUS);

	all = true;
	for (int i = 0; i < 50 && all; i++) {
		generate(40, true);
		all = run(&info) == 0 && same_as_generated(&info);
	}
	ok(all && host_log_contains("twice"),
	   "duplicate APIC ids: the first kept, the rest dropped with a message");

	generate(0, false);
	ok(run(&info) == 0 && info.nr_cpus == 0,
	   "a MADT without processor entries parses to no CPUs");
}

/* A set of 4 CPUs whose RSDP is revision 2 with an XSDT (@xsdt) or an
 * older one with the RSDT only. */
static void generate_revision(bool xsdt)
{
	do
		generate(4, false);
	while ((g.revision >= 2) != xsdt);
}

/* Damage one thing in a fresh good set and check the outcome. */
static void test_rsdp_damage(void)
{
	struct acpi_rsdp *r;
	u64 madt;

	generate(4, false);
	mem[g.rsdp + 9] ^= 0x55; /* an OEM id byte: checksum now wrong */
	ok(acpi_scan_rsdp(&amem) == 0,
	   "the scan skips an RSDP whose checksum is wrong");
	free_copies();
	host_log_clear();
	ok(acpi_find_madt(&amem, g.rsdp, &madt) == -EINVAL &&
		   host_log_contains("RSDP") && host_log_contains("checksum"),
	   "a bad RSDP checksum is -EINVAL, naming the checksum");
	free_copies();

	generate(4, false);
	mem[g.rsdp] = 'X';
	host_log_clear();
	ok(acpi_find_madt(&amem, g.rsdp, &madt) == -EINVAL &&
		   host_log_contains("signature"),
	   "a bad RSDP signature is -EINVAL, naming the signature");
	free_copies();

	ok(acpi_find_madt(&amem, MEM_SIZE - 8, &madt) == -EINVAL &&
		   host_log_contains("cannot be read"),
	   "an RSDP past the end of memory is not read");
	free_copies();

	generate_revision(true);
	r = (void *)(mem + g.rsdp);
	r->xsdt_address ^= 0x40; /* points into garbage */
	fix_rsdp();
	ok(run(&info) == 0 && same_as_generated(&info) &&
		   host_log_contains("instead of the XSDT"),
	   "a bad xsdt_address falls back to the RSDT");

	generate_revision(true);
	mem[g.rsdp + 33] ^= 1; /* reserved byte: extended checksum wrong */
	ok(run(&info) == 0 && same_as_generated(&info) &&
		   host_log_contains("extended_checksum"),
	   "a bad extended_checksum falls back to the RSDT, naming it");

	generate_revision(true);
	r = (void *)(mem + g.rsdp);
	r->length = 0xfffffff0;
	fix_rsdp();
	/* the v2 checksum covers 36 bytes only in the generator; the
	 * RSDT path still works */
	ok(run(&info) == 0 && same_as_generated(&info) &&
		   host_log_contains("length"),
	   "an RSDP length of 0xfffffff0 falls back to the RSDT");

	generate_revision(false);
	r = (void *)(mem + g.rsdp);
	r->rsdt_address = 0;
	fix_rsdp();
	ok(run(&info) == -EINVAL && host_log_contains("rsdt_address is 0"),
	   "a revision 0 RSDP with rsdt_address 0 is -EINVAL");
}

static void test_sdt_damage(void)
{
	struct acpi_table_header *h;

	generate_revision(false);
	h = (void *)(mem + g.rsdt);
	h->length = 0xffffffff;
	ok(run(&info) == -EINVAL && host_log_contains("RSDT") &&
		   host_log_contains("length"),
	   "an RSDT length of 0xffffffff is -EINVAL, naming the length");

	generate_revision(false);
	h = (void *)(mem + g.rsdt);
	h->length = 20;
	fix_table(g.rsdt);
	ok(run(&info) == -EINVAL && host_log_contains("length 20"),
	   "an RSDT shorter than its header is -EINVAL");

	generate_revision(false);
	mem[g.rsdt + 12] ^= 0xff;
	ok(run(&info) == -EINVAL && host_log_contains("checksum"),
	   "a bad RSDT checksum is -EINVAL, naming the checksum");

	generate_revision(true);
	mem[g.xsdt + 12] ^= 0xff;
	ok(run(&info) == 0 && same_as_generated(&info) &&
		   host_log_contains("XSDT") && host_log_contains("checksum"),
	   "a bad XSDT checksum falls back to the RSDT, naming it");

	generate_revision(false);
	h = (void *)(mem + g.rsdt);
	h->length += 3; /* a partial entry at the end */
	fix_table(g.rsdt);
	ok(run(&info) == 0 && same_as_generated(&info) &&
		   host_log_contains("partial entry"),
	   "an RSDT with a partial last entry ignores it");

	generate_revision(false);
	/* every entry past memory, so no MADT */
	h = (void *)(mem + g.rsdt);
	for (u32 o = 36; o + 4 <= h->length; o += 4)
		*(u32 *)(mem + g.rsdt + o) = 0xfffffff0;
	fix_table(g.rsdt);
	ok(run(&info) == -ENOENT && host_log_contains("none of them a MADT") &&
		   host_log_contains("cannot be read"),
	   "unreadable entries are skipped; no MADT is -ENOENT");

	generate(4, false);
	memcpy(mem + g.madt, "FACP", 4);
	fix_table(g.madt);
	ok(run(&info) == -ENOENT && host_log_contains("none of them a MADT"),
	   "a table list without a MADT is -ENOENT");
}

static void test_madt_damage(void)
{
	struct acpi_table_header *h;
	struct acpi_table_madt *m;

	generate(8, false);
	h = (void *)(mem + g.madt);
	h->length = MEM_SIZE;
	ok(run(&info) == -EINVAL && host_log_contains("MADT") &&
		   host_log_contains("length"),
	   "a MADT length past memory is -EINVAL, naming the length");

	generate(8, false);
	h = (void *)(mem + g.madt);
	h->length = 40;
	fix_table(g.madt);
	ok(run(&info) == -EINVAL && host_log_contains("length 40"),
	   "a MADT shorter than its fixed part is -EINVAL");

	generate(8, false);
	mem[g.madt + 40] ^= 0x10; /* local APIC address: checksum wrong */
	ok(run(&info) == -EINVAL && host_log_contains("checksum"),
	   "a bad MADT checksum is -EINVAL");

	generate(8, false);
	m = (void *)(mem + g.madt);
	m->address = 0;
	fix_table(g.madt);
	ok(run(&info) == -EINVAL &&
		   host_log_contains("local APIC address is 0"),
	   "a MADT with APIC address 0 is -EINVAL");
}

/* Damaged MADT entries: the walk stops or the entry is skipped. */
static void test_madt_entries(void)
{
	struct acpi_table_header *h;
	bool all;

	/* Entry length 0 or past the end at entry k: the walk stops there,
	 * keeping the CPUs before it. */
	all = true;
	for (int bad = 0; bad < 2; bad++)
		for (unsigned int k = 0; k < 8 && all; k++) {
			u32 off, want = 0;

			generate(8, false);
			off = g.entry_off[k];
			mem[g.madt + off + 1] = bad ? 0xff : 0;
			fix_table(g.madt);
			for (unsigned int i = 0; i < g.nr_want; i++)
				want += g.entry_off[g.want[i].uid] < off;
			all = run(&info) == 0 && info.nr_cpus == want &&
			      host_log_contains("does not fit");
		}
	ok(all, "an entry length of 0 or past the table ends the walk there");

	generate(8, false);
	h = (void *)(mem + g.madt);
	h->length = g.entry_off[3] + 1; /* one byte of entry 3 */
	fix_table(g.madt);
	ok(run(&info) == 0 && host_log_contains("does not fit"),
	   "a table ending one byte into an entry header ends the walk");

	/* A processor entry too short for its type is skipped alone. */
	generate(8, false);
	{
		u32 off = g.entry_off[2];
		u8 *e = mem + g.madt + off;

		/* make entry 2 a type 0 of length 4, padding after */
		u8 old = e[1];

		h = (void *)(mem + g.madt);
		e[0] = ACPI_MADT_TYPE_LOCAL_APIC;
		e[1] = 4;
		memmove(e + 4, e + old, h->length - off - old);
		h->length -= old - 4u;
		fix_table(g.madt);
		ok(run(&info) == 0 && host_log_contains("too short") &&
			   info.nr_cpus + info.nr_disabled + info.nr_hotplug ==
				   7,
		   "a processor entry too short for its type is skipped");
	}

	generate(2, false);
	{
		/* entry 2 is the 12-byte IO APIC entry: same size */
		struct acpi_madt_local_apic_override *o =
			(void *)(mem + g.madt + g.entry_off[2]);

		*o = (struct acpi_madt_local_apic_override){
			{ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE, sizeof(*o)},
			0,
			0xfed00000ULL};
		fix_table(g.madt);
		ok(run(&info) == 0 && info.lapic_addr == 0xfed00000ULL,
		   "a local APIC address override replaces the address");
	}
}

/* The broadcast ids, 0xff and 0xffffffff, are no processor's. */
static void test_madt_broadcast_ids(void)
{
	struct acpi_madt_info info;

	generate(2, false);
	{
		struct acpi_madt_local_apic *p =
			(void *)(mem + g.madt + g.entry_off[0]);

		p->header.type = ACPI_MADT_TYPE_LOCAL_APIC;
		p->header.length = sizeof(*p);
		p->id = 0xff;
		p->lapic_flags = ACPI_MADT_ENABLED;
		fix_table(g.madt);
		ok(run(&info) == 0 && host_log_contains("0xff is invalid"),
		   "local APIC id 0xff is skipped with a message");
	}

	do
		generate(2, false);
	while (mem[g.madt + g.entry_off[0]] != ACPI_MADT_TYPE_LOCAL_X2APIC);
	{
		struct acpi_madt_local_x2apic *p =
			(void *)(mem + g.madt + g.entry_off[0]);
		char msg[128];

		p->local_apic_id = 0xffffffff;
		p->lapic_flags = ACPI_MADT_ENABLED;
		fix_table(g.madt);
		snprintf(
			msg, sizeof(msg),
			"ACPI: MADT entry at offset %u: x2APIC id 0xffffffff is invalid; skipped\n",
			g.entry_off[0]);
		ok(run(&info) == 0 && host_log_contains(msg) &&
			   info.nr_cpus + info.nr_disabled + info.nr_hotplug ==
				   1,
		   "x2APIC id 0xffffffff is skipped with a message");
	}
}

/* Random bytes flipped anywhere in the tables (checksums then fixed or
 * not): whatever the result, no read outside what was checked (ASan),
 * and a success is self-consistent. */
static void test_flips(void)
{
	bool sane = true;
	int results[3] = {0};

	for (int i = 0; i < 3000 && sane; i++) {
		unsigned int n = (unsigned int)(1 + rnd() % 8);

		generate((unsigned int)(rnd() % 12), rnd() % 4 == 0);
		for (unsigned int k = 0; k < n; k++) {
			u64 base = rnd() % 8   ? g.madt
				   : rnd() % 2 ? g.rsdt
					       : g.rsdp;

			mem[base + rnd() % 96] ^= (u8)(1 + rnd() % 255);
		}
		if (rnd() % 4) {
			u32 len = ((struct acpi_table_header *)(mem + g.madt))
					  ->length;

			if (len && len < MEM_SIZE - g.madt)
				fix_table(g.madt);
		}
		if (run(&info) == 0) {
			results[0]++;
			sane = info.nr_cpus <= ACPI_MADT_MAX_CPUS &&
			       info.lapic_addr != 0;
			for (unsigned int a = 0; sane && a < info.nr_cpus; a++)
				for (unsigned int b = a + 1; b < info.nr_cpus;
				     b++)
					sane = sane &&
					       info.cpu[a].apic_id !=
						       info.cpu[b].apic_id;
		} else {
			results[1]++;
		}
	}
	tap_diag("flips: %d parsed, %d refused", results[0], results[1]);
	ok(sane && results[0] && results[1],
	   "3000 damaged table sets: refused or parsed sanely, never read out of bounds");
}

int main(void)
{
	rnd_state = host_seed();
	test_good();
	test_rsdp_damage();
	test_sdt_damage();
	test_madt_damage();
	test_madt_entries();
	test_madt_broadcast_ids();
	test_flips();
	free_copies();
	return tap_done();
}
