// SPDX-License-Identifier: MIT
/*
 * DOC: loader information
 *
 * Turns what the loader passed (PVH start info or multiboot2 information)
 * into plain data: an E820 table, a command line, the ACPI RSDP's
 * address (PVH rsdp_paddr, multiboot2 ACPI tags 14/15), and memblock
 * reservations for the structures themselves and any modules.  Every
 * length and count comes from the loader, so each is checked against a
 * bound before it is used, and every pointer must lie in the low 4 GiB
 * that head.S mapped.  Anything unusable is reported by field name and
 * the boot stops with EXIT_BADFW: there is no safe guess for memory.
 */
#include <asm/boot.h>
#include <asm/e820.h>
#include <asm/mm.h>
#include <asm/setup.h>
#include <kernel/cmdline.h>
#include <kernel/exit.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/memblock.h>

/* The identity map head.S built: every loader pointer must be below. */
#define EARLY_MAP_END 0x100000000ULL
/* GRUB's information is a few KiB; anything near this is corrupt. */
#define MB2_MAX_SIZE (1U << 20)
/* PVH modules kept reserved: a bound on what a corrupt nr_modules can
 * make the walk reserve (the log says when modules are left out). */
#define PVH_MAX_MODULES 64

static struct boot_e820_entry fw_map[E820_MAX_ENTRIES] __initdata;
u64 x86_acpi_rsdp __initdata;
static char loader_cmdline[COMMAND_LINE_SIZE] __initdata;

static bool __init early_mapped(u64 pa, u64 size)
{
	return pa < EARLY_MAP_END && size <= EARLY_MAP_END - pa;
}

static void __init __noreturn bad_firmware(void)
{
	pr_emerg("boot: no usable memory map from the loader, stopping\n");
	machine_power_off(EXIT_BADFW);
}

/* Keep a loader structure or module out of the allocator. */
static void __init boot_reserve(u64 pa, u64 size, const char *what)
{
	if (e820__reserve_early(pa, size)) {
		pr_emerg(
			"boot: too many loader structures and modules to keep reserved; %s [mem 0x%016llx-0x%016llx] would be lost, stopping\n",
			what, (unsigned long long)pa,
			(unsigned long long)(pa + size - 1));
		machine_power_off(EXIT_BADFW);
	}
}

/* Copy a loader string (bounded) and keep the original reserved. */
static void __init take_cmdline(u64 pa, u64 max)
{
	const char *s;
	size_t n;

	if (!pa)
		return;
	if (!early_mapped(pa, 1)) {
		pr_err("boot: command line at 0x%llx is above 4 GiB; ignored\n",
		       (unsigned long long)pa);
		return;
	}
	max = min(max, EARLY_MAP_END - pa);
	s = __va(pa);
	n = strnlen(s, (size_t)min(max, (u64)COMMAND_LINE_SIZE));
	if (n == COMMAND_LINE_SIZE || (n == max && max < COMMAND_LINE_SIZE))
		pr_warn("boot: command line longer than %zu bytes or unterminated; truncated\n",
			n);
	n = min(n, (size_t)COMMAND_LINE_SIZE - 1);
	memcpy(loader_cmdline, s, n);
	loader_cmdline[n] = 0;
	boot_reserve(pa, n + 1, "the command line");
}

static void __init parse_pvh(u32 pa)
{
	const struct hvm_start_info *si = __va((phys_addr_t)pa);
	const struct hvm_memmap_table_entry *mm;
	u32 n;

	if (!pa || !early_mapped(pa, sizeof(*si)) ||
	    si->magic != XEN_HVM_START_MAGIC) {
		pr_emerg("PVH: no start info at 0x%x (magic 0x%x, want 0x%x)\n",
			 pa, pa ? si->magic : 0, XEN_HVM_START_MAGIC);
		bad_firmware();
	}
	pr_info("PVH: start info at 0x%x, version %u, %u module%s\n", pa,
		si->version, si->nr_modules, si->nr_modules == 1 ? "" : "s");
	boot_reserve(pa, sizeof(*si), "the PVH start info");
	x86_acpi_rsdp = si->rsdp_paddr;
	take_cmdline(si->cmdline_paddr, COMMAND_LINE_SIZE);

	if (si->nr_modules && si->modlist_paddr &&
	    early_mapped(si->modlist_paddr,
			 (u64)si->nr_modules *
				 sizeof(struct hvm_modlist_entry))) {
		const struct hvm_modlist_entry *m = __va(si->modlist_paddr);

		boot_reserve(si->modlist_paddr, si->nr_modules * sizeof(*m),
			     "the PVH module list");
		if (si->nr_modules > PVH_MAX_MODULES)
			pr_warn("PVH: %u modules; only the first %d are kept out of the allocator, the rest may be overwritten\n",
				si->nr_modules, PVH_MAX_MODULES);
		for (u32 i = 0; i < si->nr_modules && i < PVH_MAX_MODULES; i++)
			boot_reserve(m[i].paddr, m[i].size, "a PVH module");
	}

	/* Version 0 has no memory map; PVH has no other memory source we
	 * trust (no BIOS calls in protected mode), so refuse. */
	if (si->version < 1) {
		pr_emerg("PVH: start info version %u carries no memory map\n",
			 si->version);
		bad_firmware();
	}
	if (!si->memmap_paddr) {
		pr_emerg(
			"PVH: memmap_paddr is 0: the start info has no memory map\n");
		bad_firmware();
	}
	n = si->memmap_entries;
	pr_info("PVH: memory map at 0x%llx, %u entr%s\n",
		(unsigned long long)si->memmap_paddr, n, n == 1 ? "y" : "ies");
	if (n > E820_MAX_ENTRIES) {
		pr_err("PVH: memmap_entries %u is more than the %d the kernel holds; using the first %d, ignoring %u\n",
		       n, E820_MAX_ENTRIES, E820_MAX_ENTRIES,
		       n - E820_MAX_ENTRIES);
		n = E820_MAX_ENTRIES;
	}
	if (!early_mapped(si->memmap_paddr, (u64)n * sizeof(*mm))) {
		pr_emerg("PVH: memmap_paddr 0x%llx is outside the low 4 GiB\n",
			 (unsigned long long)si->memmap_paddr);
		bad_firmware();
	}
	mm = __va(si->memmap_paddr);
	boot_reserve(si->memmap_paddr, (u64)n * sizeof(*mm),
		     "the PVH memory map");
	for (u32 i = 0; i < n; i++)
		fw_map[i] = (struct boot_e820_entry){mm[i].addr, mm[i].size,
						     mm[i].type};
	if (append_e820_table(fw_map, n) < 0) {
		pr_emerg(
			"PVH: memory map has %u entr%s, and the start info carries no basic memory sizes to fall back on (multiboot2 does); refusing to guess\n",
			n, n == 1 ? "y" : "ies");
		bad_firmware();
	}
	/* A map read from a hole or from garbage: every entry skipped. */
	if (!e820_table->nr_entries) {
		pr_emerg(
			"PVH: none of the %u memory map entries at 0x%llx is a valid range\n",
			n, (unsigned long long)si->memmap_paddr);
		bad_firmware();
	}
}

static void __init mb2_mmap(const struct mb2_tag_mmap *t, u32 *count)
{
	u32 n;

	if (t->tag.size < sizeof(*t) || t->entry_size < 24 ||
	    t->entry_size > 4096) {
		pr_err("multiboot2: memory map tag size %u / entry_size %u unusable\n",
		       t->tag.size, t->entry_size);
		return;
	}
	n = (t->tag.size - (u32)sizeof(*t)) / t->entry_size;
	if (n > E820_MAX_ENTRIES) {
		pr_err("multiboot2: %u memory map entries > %d; using the first %d\n",
		       n, E820_MAX_ENTRIES, E820_MAX_ENTRIES);
		n = E820_MAX_ENTRIES;
	}
	/* entry_size is a stride: later versions may append fields. */
	for (u32 i = 0; i < n; i++) {
		const struct mb2_mmap_entry *e =
			(const void *)((const u8 *)(t + 1) + i * t->entry_size);

		fw_map[i] = (struct boot_e820_entry){e->addr, e->len, e->type};
	}
	*count = n;
}

/*
 * The memory map tag's @n entries in fw_map[] into e820_table or, if it
 * is unusable or missing (!@have_mmap), the basic meminfo tag; with
 * neither, the boot stops.
 */
static void __init mb2_memory(bool have_mmap, u32 n,
			      const struct mb2_tag_meminfo *meminfo)
{
	const char *why;

	if (have_mmap && append_e820_table(fw_map, n) == 0)
		return;
	/* Linux's last resort: the BIOS memory sizes, here from the basic
	 * meminfo tag (low memory below 640K, extended memory from 1 MiB). */
	why = have_mmap ? "memory map tag unusable" : "no memory map tag";
	if (meminfo &&
	    !e820__basic_meminfo(meminfo->mem_lower, meminfo->mem_upper)) {
		pr_warn("multiboot2: %s; using the basic meminfo tag instead: %u KiB from 0, %u KiB from 1 MiB\n",
			why, meminfo->mem_lower, meminfo->mem_upper);
		return;
	}
	pr_emerg("multiboot2: %s, and %s\n", why,
		 meminfo ? "the basic meminfo tag reports no memory"
			 : "no basic meminfo tag to fall back on");
	bad_firmware();
}

static void __init parse_mb2(u32 pa)
{
	const struct mb2_info *mbi = __va((phys_addr_t)pa);
	const struct mb2_tag_meminfo *meminfo = NULL;
	bool have_mmap = false;
	u32 total, off, n = 0;

	if (!pa || (pa & 7) || !early_mapped(pa, 16)) {
		pr_emerg("multiboot2: information pointer 0x%x unusable\n", pa);
		bad_firmware();
	}
	total = mbi->total_size;
	if (total < 16 || total > MB2_MAX_SIZE || !early_mapped(pa, total)) {
		pr_emerg("multiboot2: total_size %u implausible\n", total);
		bad_firmware();
	}
	pr_info("multiboot2: information at 0x%x, %u bytes\n", pa, total);
	boot_reserve(pa, total, "the multiboot2 information");

	for (off = 8; off + sizeof(struct mb2_tag) <= total;
	     off = ALIGN(off + ((const struct mb2_tag *)((const u8 *)mbi + off))
					 ->size,
			 8U)) {
		const struct mb2_tag *t = (const void *)((const u8 *)mbi + off);

		if (t->type == MB2_TAG_END)
			break;
		if (t->size < sizeof(*t) || t->size > total - off) {
			pr_err("multiboot2: tag type %u at offset %u has size %u past the end (%u); stopping the walk\n",
			       t->type, off, t->size, total);
			break;
		}
		switch (t->type) {
		case MB2_TAG_CMDLINE:
			take_cmdline(pa + off + sizeof(*t),
				     t->size - sizeof(*t));
			break;
		case MB2_TAG_LOADER_NAME:
			pr_info("multiboot2: loaded by %.*s\n",
				(int)strnlen((const char *)(t + 1),
					     t->size - sizeof(*t)),
				(const char *)(t + 1));
			break;
		case MB2_TAG_MODULE:
			if (t->size >= sizeof(struct mb2_tag_module)) {
				const struct mb2_tag_module *m =
					(const void *)t;

				if (m->mod_end > m->mod_start)
					boot_reserve(m->mod_start,
						     m->mod_end - m->mod_start,
						     "a multiboot2 module");
			}
			break;
		case MB2_TAG_BASIC_MEMINFO:
			if (t->size >= sizeof(*meminfo))
				meminfo = (const void *)t;
			break;
		case MB2_TAG_MMAP:
			mb2_mmap((const void *)t, &n);
			have_mmap = true;
			break;
		case MB2_TAG_ACPI_NEW:
		case MB2_TAG_ACPI_OLD:
			/* The tag holds the RSDP itself; prefer ACPI 2.0+. */
			if (t->type == MB2_TAG_ACPI_NEW || !x86_acpi_rsdp)
				x86_acpi_rsdp = pa + off + sizeof(*t);
			break;
		}
	}

	mb2_memory(have_mmap, n, meminfo);
}

void __init x86_parse_boot_info(struct boot_info *bi)
{
	/* head.S passed a 32-bit register: the table is below 4 GiB. */
	u32 pa = (u32)bi->fw_table;

	switch (bi->protocol) {
	case BOOT_PROTO_PVH:
		parse_pvh(pa);
		break;
	case BOOT_PROTO_MB2:
		parse_mb2(pa);
		break;
	default:
		pr_emerg(
			"boot: entered through the multiboot2 entry without the multiboot2 magic in eax; unknown loader\n");
		bad_firmware();
	}
	bi->cmdline = loader_cmdline;
}
