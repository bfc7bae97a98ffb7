// SPDX-License-Identifier: MIT
/*
 * DOC: E820 -> memblock
 *
 * The command-line side of the memory map (memmap=; mem= and memblock=
 * are mm/memblock_cmdline.c's) and the hand-over to memblock.  Kept apart from
 * e820.c so the table logic builds and is tested on the host without memblock.
 */
#include <asm/e820.h>
#include <asm/mm.h>
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/memblock.h>
#include <mm/memblock_cmdline.h>

static int __init early_memmap(const char *val)
{
	return e820__parse_memmap(val);
}
early_param("memmap", early_memmap);

/*
 * Early reservations that did not fit in the static reserved array.  The
 * loader's structures and modules: the PVH path keeps at most 64 modules,
 * so this is only full with an absurd multiboot2 module list.
 */
#define E820_EARLY_PENDING 96
static struct memblock_region early_pending[E820_EARLY_PENDING] __initdata;
static unsigned int nr_early_pending __initdata;

/**
 * e820__reserve_early - reserve a boot structure before RAM is known
 * @base: first byte
 * @size: length in bytes
 *
 * Before RAM is in memblock its arrays cannot grow, so what does not fit
 * is kept here until e820__memblock_setup() can record it.
 *
 * Return: 0, or -ENOMEM when the reservation could be kept nowhere.
 */
int __init e820__reserve_early(u64 base, u64 size)
{
	size = min(size, PHYS_ADDR_MAX - base);
	if (!size || !memblock_reserve(base, size))
		return 0;
	if (nr_early_pending == E820_EARLY_PENDING)
		return -ENOMEM;
	early_pending[nr_early_pending++] =
		(struct memblock_region){.base = base, .size = size};
	return 0;
}

/* E820 RAM around (!@under) or under (@under) the waiting reservations. */
static void __init e820_add_ram(bool under)
{
	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (e->type != E820_TYPE_RAM &&
		    e->type != E820_TYPE_RESERVED_KERN)
			continue;
		if (memblock_add_around(e->addr, e->size, 0, early_pending,
					nr_early_pending, under))
			pr_err("memblock: cannot add all of [mem 0x%016llx-0x%016llx]; the rest stays unused\n",
			       (unsigned long long)e->addr,
			       (unsigned long long)(e->addr + e->size - 1));
	}
}

static int __init e820_reserve(u64 base, u64 size, const char *what)
{
	int err = memblock_reserve(base, size);

	if (err)
		pr_emerg(
			"memblock: cannot record the reservation of %s [mem 0x%016llx-0x%016llx] (error %d): no room in the region arrays, stopping\n",
			what, (unsigned long long)base,
			(unsigned long long)(base + size - 1), err);
	return err;
}

/**
 * e820__memblock_setup - give the sanitized E820 RAM to memblock
 *
 * RAM and kernel-claimed RAM become memblock memory; soft-reserved
 * ranges are reserved so nothing allocates from them even if they
 * overlap RAM.  mem= then caps the total, partial pages at range edges
 * are trimmed (the buddy works in whole pages), and the result is dumped
 * (fully with memblock=debug).
 *
 * Everything in use is reserved by now or waits in early_pending, so,
 * as in Linux, the arrays may grow from here on: RAM is added around what
 * waits first, so a grown array can never land on it, then what waits is
 * reserved, then the RAM under it is added.
 *
 * Return: 0, or -ENOMEM after a "stopping" message when a reservation
 * cannot be recorded.  The caller stops the machine.
 */
int __init e820__memblock_setup(void)
{
	int err;

	memblock_allow_resize();
	e820_add_ram(false);
	for (unsigned int i = 0; i < nr_early_pending; i++) {
		err = e820_reserve(early_pending[i].base, early_pending[i].size,
				   "a boot structure");
		if (err)
			return err;
	}
	e820_add_ram(true);
	nr_early_pending = 0; /* all recorded */
	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (e->type != E820_TYPE_SOFT_RESERVED)
			continue;
		err = e820_reserve(e->addr, e->size, "soft reserved memory");
		if (err)
			return err;
	}
	memblock_limit_trim_dump(memblock_memory_limit);
	return 0;
}
