// SPDX-License-Identifier: MIT
/*
 * DOC: ACPI tables for SMP
 *
 * RSDP -> RSDT or XSDT -> MADT -> the processors' local APIC ids.  This is
 * plain data handling over struct acpi_mem (kernel: the boot identity map;
 * host: generated tables), so it is host-tested with damaged tables.
 *
 * Every structure is mapped at its checked length before it is read: the
 * RSDP at 20 bytes and then at its own length, each table at its 36-byte
 * header and then at the header's length, each MADT entry at its 2-byte
 * header and then at its length inside the table.  A bad checksum, length
 * or pointer is reported by name and the caller gets -EINVAL or -ENOENT:
 * the kernel then runs on the boot CPU alone.  A bad single MADT entry is
 * skipped with a message; an entry whose length breaks the walk ends it.
 */
#include <asm/acpi.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/string.h>

/* Tables bigger than this are corrupt (a 4096-CPU MADT is ~64 KiB). */
#define ACPI_MAX_TABLE_LEN (1U << 20)

static u8 __init acpi_sum(const void *p, u64 len)
{
	const u8 *b = p;
	u8 s = 0;

	while (len--)
		s += *b++;
	return s;
}

static const void *__init acpi_map(const struct acpi_mem *mem, u64 pa, u64 len)
{
	if (!pa || len > ACPI_MAX_TABLE_LEN || pa + len < pa)
		return NULL;
	return mem->map(mem->ctx, pa, len);
}

/* Is a valid RSDP (signature, and the ACPI 1.0 checksum) at @pa? */
static bool __init rsdp_at(const struct acpi_mem *mem, u64 pa)
{
	const struct acpi_rsdp *r = acpi_map(mem, pa, ACPI_RSDP_V1_SIZE);

	return r && !memcmp(r->signature, ACPI_RSDP_SIG, 8) &&
	       !acpi_sum(r, ACPI_RSDP_V1_SIZE);
}

static u64 __init scan_area(const struct acpi_mem *mem, u64 start, u64 end)
{
	for (u64 pa = start; pa + ACPI_RSDP_V1_SIZE <= end; pa += 16)
		if (rsdp_at(mem, pa))
			return pa;
	return 0;
}

/**
 * acpi_scan_rsdp - find the RSDP the legacy BIOS way
 * @mem: physical memory access
 *
 * ACPI 6.5 section 5.2.5.1: on 16-byte boundaries in the first KiB of
 * the EBDA (its segment is the word at 0x40e), then in 0xe0000-0xfffff.
 *
 * Return: the RSDP's physical address, or 0 if there is none.
 */
u64 __init acpi_scan_rsdp(const struct acpi_mem *mem)
{
	const u16 *seg = acpi_map(mem, ACPI_EBDA_PTR, sizeof(*seg));
	u64 ebda = seg ? (u64)*seg << 4 : 0, pa;

	/* A segment below 0x400 (or 0) is not an EBDA: skip it. */
	if (ebda >= 0x400 && ebda + ACPI_EBDA_SCAN <= ACPI_BIOS_ROM_START &&
	    (pa = scan_area(mem, ebda, ebda + ACPI_EBDA_SCAN)))
		return pa;
	return scan_area(mem, ACPI_BIOS_ROM_START, ACPI_BIOS_ROM_END);
}

/*
 * Map the table at @pa whole after checking its header: signature @sig,
 * a length of at least @min_len, and a zero checksum.  @what names it in
 * messages.  NULL when it is unusable (reported).
 */
static const struct acpi_table_header *__init
map_table(const struct acpi_mem *mem, u64 pa, const char *sig, u32 min_len,
	  const char *what)
{
	const struct acpi_table_header *h = acpi_map(mem, pa, sizeof(*h));
	u32 len;

	if (!h) {
		pr_err("ACPI: %s at 0x%llx cannot be read\n", what,
		       (unsigned long long)pa);
		return NULL;
	}
	if (sig && memcmp(h->signature, sig, 4)) {
		pr_err("ACPI: %s at 0x%llx: signature \"%.4s\", want \"%s\"\n",
		       what, (unsigned long long)pa, h->signature, sig);
		return NULL;
	}
	len = h->length;
	if (len < min_len || len > ACPI_MAX_TABLE_LEN) {
		pr_err("ACPI: %s at 0x%llx: length %u outside [%u, %u]\n", what,
		       (unsigned long long)pa, len, min_len,
		       ACPI_MAX_TABLE_LEN);
		return NULL;
	}
	h = acpi_map(mem, pa, len);
	if (!h) {
		pr_err("ACPI: %s at 0x%llx: its %u bytes cannot be read\n",
		       what, (unsigned long long)pa, len);
		return NULL;
	}
	/* Reread: map() may have given a fresh copy. */
	if (h->length != len) {
		pr_err("ACPI: %s at 0x%llx: length changed while reading\n",
		       what, (unsigned long long)pa);
		return NULL;
	}
	if (acpi_sum(h, len)) {
		pr_err("ACPI: %s at 0x%llx: checksum 0x%02x is wrong (the %u bytes sum to 0x%02x, want 0)\n",
		       what, (unsigned long long)pa, h->checksum, len,
		       acpi_sum(h, len));
		return NULL;
	}
	return h;
}

/*
 * The RSDT (32-bit entries) or XSDT (64-bit) at @pa: look for the MADT.
 * Return: 0 with *@madt_pa set, -ENOENT if the table lists none, -EINVAL
 * if the table itself is unusable.
 */
static int __init sdt_find_madt(const struct acpi_mem *mem, u64 pa, bool xsdt,
				u64 *madt_pa)
{
	const char *name = xsdt ? "XSDT" : "RSDT";
	const struct acpi_table_header *h =
		map_table(mem, pa, xsdt ? ACPI_SIG_XSDT : ACPI_SIG_RSDT,
			  sizeof(*h), name);
	u32 esz = xsdt ? 8 : 4, n;

	if (!h)
		return -EINVAL;
	if ((h->length - sizeof(*h)) % esz)
		pr_warn("ACPI: %s at 0x%llx: length %u leaves a partial entry; ignoring its last %u bytes\n",
			name, (unsigned long long)pa, h->length,
			(u32)((h->length - sizeof(*h)) % esz));
	n = (h->length - (u32)sizeof(*h)) / esz;
	for (u32 i = 0; i < n; i++) {
		const u8 *e = (const u8 *)(h + 1) + (size_t)i * esz;
		const struct acpi_table_header *t;
		u64 tpa;

		if (xsdt)
			memcpy(&tpa, e, 8);
		else {
			u32 v;

			memcpy(&v, e, 4);
			tpa = v;
		}
		t = acpi_map(mem, tpa, sizeof(*t));
		if (!t) {
			pr_warn("ACPI: %s entry %u: table at 0x%llx cannot be read; skipped\n",
				name, i, (unsigned long long)tpa);
			continue;
		}
		if (!memcmp(t->signature, ACPI_SIG_MADT, 4)) {
			*madt_pa = tpa;
			return 0;
		}
	}
	pr_err("ACPI: the %s at 0x%llx lists %u tables, none of them a MADT (\"APIC\")\n",
	       name, (unsigned long long)pa, n);
	return -ENOENT;
}

/**
 * acpi_find_madt - follow the RSDP to the MADT
 * @mem: physical memory access
 * @rsdp_pa: where the RSDP is
 * @madt_pa: set to the MADT's address on success
 *
 * Uses the XSDT when the RSDP is ACPI 2.0+ and its XSDT is usable, the
 * RSDT otherwise (as Linux does when acpi=rsdt is not given).
 *
 * Return: 0, -EINVAL (a damaged RSDP, RSDT or XSDT), or -ENOENT (no MADT).
 */
int __init acpi_find_madt(const struct acpi_mem *mem, u64 rsdp_pa, u64 *madt_pa)
{
	const struct acpi_rsdp *r = acpi_map(mem, rsdp_pa, ACPI_RSDP_V1_SIZE);
	u32 rsdt;
	int err;

	if (!r) {
		pr_err("ACPI: RSDP at 0x%llx cannot be read\n",
		       (unsigned long long)rsdp_pa);
		return -EINVAL;
	}
	if (memcmp(r->signature, ACPI_RSDP_SIG, 8)) {
		pr_err("ACPI: RSDP at 0x%llx: signature \"%.8s\", want \"%s\"\n",
		       (unsigned long long)rsdp_pa, r->signature,
		       ACPI_RSDP_SIG);
		return -EINVAL;
	}
	if (acpi_sum(r, ACPI_RSDP_V1_SIZE)) {
		pr_err("ACPI: RSDP at 0x%llx: checksum 0x%02x is wrong (the first 20 bytes sum to 0x%02x, want 0)\n",
		       (unsigned long long)rsdp_pa, r->checksum,
		       acpi_sum(r, ACPI_RSDP_V1_SIZE));
		return -EINVAL;
	}
	rsdt = r->rsdt_address;
	pr_info("ACPI: RSDP 0x%016llx (v%02u %.6s)\n",
		(unsigned long long)rsdp_pa, r->revision, r->oem_id);
	if (r->revision >= 2) {
		const struct acpi_rsdp *r2 =
			acpi_map(mem, rsdp_pa, ACPI_RSDP_V2_SIZE);
		u32 len = r2 ? r2->length : 0;

		r = len >= ACPI_RSDP_V2_SIZE ? acpi_map(mem, rsdp_pa, len)
					     : NULL;
		if (!r)
			pr_warn("ACPI: RSDP at 0x%llx: revision 2 with length %u unusable; using the RSDT\n",
				(unsigned long long)rsdp_pa, len);
		else if (r->length != len || acpi_sum(r, len))
			pr_warn("ACPI: RSDP at 0x%llx: extended_checksum 0x%02x is wrong; using the RSDT\n",
				(unsigned long long)rsdp_pa,
				r->extended_checksum);
		else if (!r->xsdt_address)
			pr_warn("ACPI: RSDP at 0x%llx: xsdt_address is 0; using the RSDT\n",
				(unsigned long long)rsdp_pa);
		else if (!(err = sdt_find_madt(mem, r->xsdt_address, true,
					       madt_pa)))
			return 0;
		else if (err == -ENOENT)
			return err;
		else
			pr_warn("ACPI: trying the RSDT instead of the XSDT\n");
	}
	if (!rsdt) {
		pr_err("ACPI: RSDP at 0x%llx: rsdt_address is 0\n",
		       (unsigned long long)rsdp_pa);
		return -EINVAL;
	}
	return sdt_find_madt(mem, rsdt, false, madt_pa);
}

/*
 * Record one processor entry (at offset @off): enabled ones, each APIC id
 * once.  The all-ones id (0xff, or 0xffffffff for an x2APIC) is the
 * broadcast id: no processor has it.
 */
static void __init madt_add_cpu(struct acpi_madt_info *info, u32 off,
				u32 apic_id, u32 uid, u32 flags, bool x2apic)
{
	if (apic_id == (x2apic ? 0xffffffff : 0xff)) {
		pr_warn("ACPI: MADT entry at offset %u: %s id %#x is invalid; skipped\n",
			off, x2apic ? "x2APIC" : "local APIC", apic_id);
		return;
	}
	if (!(flags & ACPI_MADT_ENABLED)) {
		if (flags & ACPI_MADT_ONLINE_CAPABLE)
			info->nr_hotplug++;
		else
			info->nr_disabled++;
		return;
	}
	for (unsigned int i = 0; i < info->nr_cpus; i++) {
		if (info->cpu[i].apic_id == apic_id) {
			pr_warn("ACPI: MADT lists APIC id %u twice; the second (uid %u) is ignored\n",
				apic_id, uid);
			info->nr_dropped++;
			return;
		}
	}
	if (info->nr_cpus == ACPI_MADT_MAX_CPUS) {
		info->nr_dropped++;
		return;
	}
	info->cpu[info->nr_cpus++] = (struct acpi_cpu){
		.apic_id = apic_id, .uid = uid, .x2apic = x2apic};
}

static void __init madt_entry(struct acpi_madt_info *info,
			      const struct acpi_subtable_header *e, u32 off)
{
	/* The entry types read here, each with its length. */
	static const u8 min_len[] = {
		[ACPI_MADT_TYPE_LOCAL_APIC] =
			sizeof(struct acpi_madt_local_apic),
		[ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE] =
			sizeof(struct acpi_madt_local_apic_override),
		[ACPI_MADT_TYPE_LOCAL_X2APIC] =
			sizeof(struct acpi_madt_local_x2apic),
	};
	const struct acpi_madt_local_apic *la = (const void *)e;
	const struct acpi_madt_local_x2apic *x2 = (const void *)e;
	const struct acpi_madt_local_apic_override *ov = (const void *)e;

	if (e->type >= ARRAY_SIZE(min_len) || !min_len[e->type])
		return;
	if (e->length < min_len[e->type]) {
		pr_warn("ACPI: MADT entry at offset %u: type %u with length %u is too short; skipped\n",
			off, e->type, e->length);
		return;
	}
	if (e->type == ACPI_MADT_TYPE_LOCAL_APIC)
		madt_add_cpu(info, off, la->id, la->processor_id,
			     la->lapic_flags, false);
	else if (e->type == ACPI_MADT_TYPE_LOCAL_X2APIC)
		madt_add_cpu(info, off, x2->local_apic_id, x2->uid,
			     x2->lapic_flags, true);
	else
		info->lapic_addr = ov->address;
}

/**
 * acpi_parse_madt - the MADT as plain data
 * @mem: physical memory access
 * @madt_pa: where the MADT is
 * @info: filled in (zeroed first)
 *
 * Return: 0, or -EINVAL when the table is unusable (reported).  A table
 * whose entry walk breaks off part way keeps what came before.
 */
int __init acpi_parse_madt(const struct acpi_mem *mem, u64 madt_pa,
			   struct acpi_madt_info *info)
{
	const struct acpi_table_madt *m;
	u32 len, off;

	memset(info, 0, sizeof(*info));
	m = (const void *)map_table(mem, madt_pa, ACPI_SIG_MADT, sizeof(*m),
				    "MADT");
	if (!m)
		return -EINVAL;
	info->madt_pa = madt_pa;
	info->lapic_addr = m->address;
	info->flags = m->flags;
	len = m->header.length;
	for (off = sizeof(*m); off < len;) {
		const struct acpi_subtable_header *e =
			(const void *)((const u8 *)m + off);

		if (len - off < sizeof(*e) || e->length < sizeof(*e) ||
		    e->length > len - off) {
			pr_err("ACPI: MADT entry at offset %u: length %u does not fit the table (%u bytes); ignoring the rest\n",
			       off, len - off < sizeof(*e) ? 0 : e->length,
			       len);
			break;
		}
		madt_entry(info, e, off);
		off += e->length;
	}
	if (!info->lapic_addr) {
		pr_err("ACPI: MADT at 0x%llx: local APIC address is 0\n",
		       (unsigned long long)madt_pa);
		return -EINVAL;
	}
	return 0;
}
