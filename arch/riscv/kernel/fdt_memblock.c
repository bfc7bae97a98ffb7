// SPDX-License-Identifier: MIT
/*
 * DOC: devicetree -> memblock
 *
 * dt_apply_memblock() is the body of the RISC-V memory setup, kept free of
 * arch facts so the host can run it too: tools/memmap prints what a board
 * would print for a DTB, and tests/fuzz/fuzz_fdt.c feeds it random blobs.
 * The arch supplies the kernel image range, the blob's physical address
 * and the mem= limit, and stops the machine when this returns an error.
 *
 * What is applied: RAM from every /memory node with its numa-node-id,
 * and reservations - the kernel image, the devicetree blob itself, static
 * /reserved-memory children (no-map ones marked MEMBLOCK_NOMAP so they are
 * never allocated or handed to the buddy), /memreserve/ entries and the
 * initrd.  mem= then caps RAM and partial pages are trimmed.
 *
 * A devicetree may hold more reservations than the static region arrays
 * (CONFIG_INIT_MEMBLOCK_REGIONS), so the arrays must be able to grow, and
 * growing takes memory from memblock itself.  That is only safe when no
 * range memblock calls free holds something precious.  So the order is:
 *
 * 1. reserve the kernel image and the blob;
 * 2. add RAM *minus* every firmware reservation still to be applied: a
 *    range that is not memory yet can never be picked for a new array;
 * 3. reserve the ranges that are not no-map;
 * 4. add the RAM under the reservations back, the no-map parts with
 *    MEMBLOCK_NOMAP from the start (never free, not even for a moment).
 *
 * From step 2 on, memblock may grow.  A reservation that still cannot be
 * recorded stops the boot: it is never dropped.
 */
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <mm/memblock_cmdline.h>

#include <asm/fdt_memblock.h>
#include <asm/mm.h>

/*
 * Firmware reservations that memblock does not know yet: the devicetree's
 * static /reserved-memory children and /memreserve/ entries, the initrd,
 * and on an assumed memory map the RAM below the kernel.  Flags carry
 * MEMBLOCK_NOMAP for no-map ones; the names are for the log.
 */
static struct memblock_region pending[DT_MAX_RSV + 2] __initdata;
static const char *pending_name[DT_MAX_RSV + 2] __initdata;
static bool pending_is_dt[DT_MAX_RSV + 2] __initdata;
static int nr_pending __initdata;

static const char *rsv_name(const char *name)
{
	return name ? name : "/memreserve/";
}

static u64 __init last_byte(u64 base, u64 size)
{
	return base + size - 1;
}

/* RAM of @m around (!@under) or under (@under) the pending reservations. */
static void __init dt_add_memory(const struct dt_mem_range *m, bool under)
{
	if (memblock_add_around(m->base, m->size, m->nid, pending,
				(unsigned int)nr_pending, under))
		pr_err("memblock: cannot add all of %s [mem %#018llx-%#018llx]; the rest stays unused\n",
		       m->name, (unsigned long long)m->base,
		       (unsigned long long)last_byte(m->base, m->size));
}

static void __init dt_pend(u64 base, u64 size, const char *name, bool nomap,
			   bool is_dt)
{
	pending[nr_pending] = (struct memblock_region){
		.base = base,
		.size = size,
		.flags = nomap ? MEMBLOCK_NOMAP : MEMBLOCK_NONE,
	};
	pending_name[nr_pending] = name;
	pending_is_dt[nr_pending++] = is_dt;
}

static int __init dt_reserve_failed(const char *what, u64 base, u64 size,
				    int err)
{
	pr_emerg(
		"memblock: cannot record the reservation of %s [mem %#018llx-%#018llx] (error %d): no room in the region arrays, stopping\n",
		what, (unsigned long long)base,
		(unsigned long long)last_byte(base, size), err);
	return err;
}

/*
 * On a map the firmware did not give (the built-in devicetree), whatever
 * the firmware keeps for itself is not described: OpenSBI sits below the
 * kernel in the first RAM bank, behind PMP.  Keep all of that RAM below
 * the kernel's load address out of the allocator.
 */
static void __init dt_pend_assumed(const struct dt_mem_info *info,
				   phys_addr_t kbase)
{
	const struct dt_mem_range *bank = NULL;
	u64 end;
	int i;

	pr_warn("dt: the memory map is assumed (built-in devicetree), not reported by the firmware\n");
	for (i = 0; i < info->nr_memory; i++)
		if (!bank || info->memory[i].base < bank->base)
			bank = &info->memory[i];
	if (!bank || bank->base >= kbase)
		return;
	end = min((u64)kbase, last_byte(bank->base, bank->size) + 1);
	pr_warn("dt: assumed map: reserving [mem %#018llx-%#018llx] below the kernel for the firmware\n",
		(unsigned long long)bank->base, (unsigned long long)end - 1);
	dt_pend(bank->base, end - bank->base, "below the kernel (assumed map)",
		false, false);
}

/* Record every firmware reservation as pending, in devicetree order. */
static void __init dt_pend_firmware(const struct dt_mem_info *info,
				    phys_addr_t kbase, unsigned int flags)
{
	int i;

	nr_pending = 0;
	if (flags & DT_APPLY_ASSUMED_MAP)
		dt_pend_assumed(info, kbase);
	for (i = 0; i < info->nr_reserved; i++) {
		const struct dt_mem_range *r = &info->reserved[i];

		dt_pend(r->base, r->size, rsv_name(r->name),
			r->flags & DT_MEM_NOMAP, true);
	}
	if (info->has_initrd)
		dt_pend(info->initrd_start,
			info->initrd_end - info->initrd_start, "the initrd",
			false, false);
}

/*
 * Step 3: log and reserve each pending range, in devicetree order; a no-map
 * one is left for step 4, unless it overlaps what is already reserved.
 */
static int __init dt_reserve_pending(const struct dt_mem_info *info,
				     phys_addr_t kbase, phys_addr_t ksize)
{
	int err, i;

	for (i = 0; i < nr_pending; i++) {
		struct memblock_region *r = &pending[i];
		const char *name = pending_name[i];
		bool nomap = r->flags & MEMBLOCK_NOMAP;
		u64 rlast = last_byte(r->base, r->size);

		if (pending_is_dt[i])
			pr_info("OF: reserved mem: %#018llx..%#018llx (%llu KiB) %s %s\n",
				(unsigned long long)r->base,
				(unsigned long long)rlast,
				(unsigned long long)(r->size >> 10),
				nomap ? "nomap" : "map", name);
		else if (info->has_initrd && i == nr_pending - 1)
			pr_info("initrd: [mem %#018llx-%#018llx]\n",
				(unsigned long long)r->base,
				(unsigned long long)rlast);
		if (pending_is_dt[i] && r->base <= kbase &&
		    rlast >= kbase + ksize - 1)
			pr_err("dt: reserved region %s covers the kernel image\n",
			       name);
		/*
		 * no-map takes memory out of the linear map: never for what
		 * is already reserved (the kernel image, the blob, an earlier
		 * region), as Linux refuses it too.  Reserved instead, so the
		 * firmware's memory is still never allocated.
		 */
		if (nomap && memblock_is_region_reserved(r->base, r->size)) {
			pr_err("dt: no-map region %s [mem %#018llx-%#018llx] overlaps memory already reserved (kernel image, devicetree or an earlier region); reserving it without no-map\n",
			       name, (unsigned long long)r->base,
			       (unsigned long long)rlast);
			r->flags &= ~MEMBLOCK_NOMAP;
			nomap = false;
		}
		if (nomap)
			continue; /* step 4 adds its RAM as MEMBLOCK_NOMAP */
		err = memblock_reserve(r->base, r->size);
		if (err)
			return dt_reserve_failed(name, r->base, r->size, err);
	}
	return 0;
}

/**
 * dt_apply_memblock_flags() - describe a devicetree's memory to memblock
 * @dt: the blob (dt_init() accepted it)
 * @info: scratch space for dt_scan_memory(); holds its result afterwards
 * @kbase: first byte of the kernel image
 * @ksize: size of the kernel image
 * @dtb_pa: physical address of the blob, reserved with dt->size bytes
 * @mem_limit: mem= cap in bytes, PHYS_ADDR_MAX for none
 * @flags: DT_APPLY_ASSUMED_MAP when @dt is not the firmware's own tree
 *
 * Memblock may grow its arrays from the moment the RAM outside the
 * reservations is known (see the DOC comment above): the caller must have
 * nothing else in memory that the devicetree does not describe.
 *
 * Return: 0; or, after a "..., stopping" message, the dt_scan_memory()
 * error when the memory description is unusable, -ENOMEM when a
 * reservation cannot be recorded, or -ENOMEM when nothing is left free
 * after the reservations.  The caller stops the machine.
 */
int __init dt_apply_memblock_flags(const struct dt_blob *dt,
				   struct dt_mem_info *info, phys_addr_t kbase,
				   phys_addr_t ksize, phys_addr_t dtb_pa,
				   phys_addr_t mem_limit, unsigned int flags)
{
	const char *model;
	int err, i;

	model = dt_getprop_string(dt, 0, "model");
	if (model)
		pr_info("Machine model: %s\n", model);

	err = dt_scan_memory(dt, info);
	if (err) {
		pr_emerg(
			"dt: no usable memory description (error %d), stopping\n",
			err);
		return err;
	}

	/* 1: what is in use right now (the arrays have room for two). */
	err = memblock_reserve(kbase, ksize);
	if (err)
		return dt_reserve_failed("the kernel image", kbase, ksize, err);
	err = memblock_reserve(dtb_pa, dt->size);
	if (err)
		return dt_reserve_failed("the devicetree", dtb_pa, dt->size,
					 err);

	dt_pend_firmware(info, kbase, flags);

	/* 2: RAM nothing pending covers; from here on memblock may grow. */
	memblock_allow_resize();
	for (i = 0; i < info->nr_memory; i++)
		dt_add_memory(&info->memory[i], false);

	/* 3: the reservations, in devicetree order. */
	err = dt_reserve_pending(info, kbase, ksize);
	if (err)
		return err;

	/* 4: the RAM under the reservations. */
	for (i = 0; i < info->nr_memory; i++)
		dt_add_memory(&info->memory[i], true);

	/* The kernel runs from this memory whatever the DT says. */
	if (!memblock_is_region_memory(kbase, ksize)) {
		pr_err("dt: memory nodes do not cover the kernel image [mem %#018llx-%#018llx]; adding it\n",
		       (unsigned long long)kbase,
		       (unsigned long long)(kbase + ksize - 1));
		if (memblock_add(kbase, ksize))
			pr_err("memblock: cannot add the kernel image as memory\n");
	}

	/* mem=, then partial pages out (the buddy takes whole ones). */
	memblock_limit_trim_dump(mem_limit);

	if (!memblock_phys_mem_size() ||
	    memblock_phys_mem_size() <= memblock_reserved_size()) {
		pr_emerg(
			"memblock: no free memory left after reservations, stopping\n");
		return -ENOMEM;
	}
	pr_info("memory: %llu MiB RAM, %llu KiB reserved\n",
		(unsigned long long)(memblock_phys_mem_size() >> 20),
		(unsigned long long)(memblock_reserved_size() >> 10));
	return 0;
}

/**
 * dt_apply_memblock() - dt_apply_memblock_flags() for the firmware's tree
 * @dt: the blob (dt_init() accepted it)
 * @info: scratch space for dt_scan_memory(); holds its result afterwards
 * @kbase: first byte of the kernel image
 * @ksize: size of the kernel image
 * @dtb_pa: physical address of the blob, reserved with dt->size bytes
 * @mem_limit: mem= cap in bytes, PHYS_ADDR_MAX for none
 *
 * Return: as dt_apply_memblock_flags().
 */
int __init dt_apply_memblock(const struct dt_blob *dt, struct dt_mem_info *info,
			     phys_addr_t kbase, phys_addr_t ksize,
			     phys_addr_t dtb_pa, phys_addr_t mem_limit)
{
	return dt_apply_memblock_flags(dt, info, kbase, ksize, dtb_pa,
				       mem_limit, 0);
}
