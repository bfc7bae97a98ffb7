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
 * Order: RAM from every /memory node with its numa-node-id, then
 * reservations - the kernel image, the devicetree blob itself, static
 * /reserved-memory children (no-map ones marked MEMBLOCK_NOMAP so they are
 * never allocated or handed to the buddy), /memreserve/ entries and the
 * initrd.  mem= then caps RAM and partial pages are trimmed.
 */
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/fdt_memblock.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <mm/memblock.h>

#include <asm/mm.h>

static const char *rsv_name(const struct dt_mem_range *r)
{
	return r->name ? r->name : "/memreserve/";
}

/**
 * dt_apply_memblock() - describe a devicetree's memory to memblock
 * @dt: the blob (dt_init() accepted it)
 * @info: scratch space for dt_scan_memory(); holds its result afterwards
 * @kbase: first byte of the kernel image
 * @ksize: size of the kernel image
 * @dtb_pa: physical address of the blob, reserved with dt->size bytes
 * @mem_limit: mem= cap in bytes, PHYS_ADDR_MAX for none
 *
 * Return: 0; or, after a "..., stopping" message, the dt_scan_memory()
 * error when the memory description is unusable, or -ENOMEM when nothing
 * is left free after the reservations.  The caller stops the machine.
 */
int __init dt_apply_memblock(const struct dt_blob *dt, struct dt_mem_info *info,
			     phys_addr_t kbase, phys_addr_t ksize,
			     phys_addr_t dtb_pa, phys_addr_t mem_limit)
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

	for (i = 0; i < info->nr_memory; i++) {
		const struct dt_mem_range *m = &info->memory[i];

		if (memblock_add_node(m->base, m->size, m->nid, MEMBLOCK_NONE))
			pr_err("memblock: cannot add %s [mem %#018llx-%#018llx]\n",
			       m->name, (unsigned long long)m->base,
			       (unsigned long long)(m->base + m->size - 1));
	}

	/* The kernel runs from this memory whatever the DT says. */
	if (!memblock_is_region_memory(kbase, ksize)) {
		pr_err("dt: memory nodes do not cover the kernel image [mem %#018llx-%#018llx]; adding it\n",
		       (unsigned long long)kbase,
		       (unsigned long long)(kbase + ksize - 1));
		memblock_add(kbase, ksize);
	}
	memblock_reserve(kbase, ksize);
	memblock_reserve(dtb_pa, dt->size);

	for (i = 0; i < info->nr_reserved; i++) {
		const struct dt_mem_range *r = &info->reserved[i];
		bool nomap = r->flags & DT_MEM_NOMAP;

		pr_info("OF: reserved mem: %#018llx..%#018llx (%llu KiB) %s %s\n",
			(unsigned long long)r->base,
			(unsigned long long)(r->base + r->size - 1),
			(unsigned long long)(r->size >> 10),
			nomap ? "nomap" : "map", rsv_name(r));
		if (r->base <= kbase && r->base + r->size >= kbase + ksize)
			pr_err("dt: reserved region %s covers the kernel image\n",
			       rsv_name(r));
		/*
		 * no-map takes memory out of the linear map: never for what
		 * is already reserved (the kernel image, the blob, an earlier
		 * region), as Linux refuses it too.  Reserved instead, so the
		 * firmware's memory is still never allocated.
		 */
		if (nomap && memblock_is_region_reserved(r->base, r->size)) {
			pr_err("dt: no-map region %s [mem %#018llx-%#018llx] overlaps memory already reserved (kernel image, devicetree or an earlier region); reserving it without no-map\n",
			       rsv_name(r), (unsigned long long)r->base,
			       (unsigned long long)(r->base + r->size - 1));
			nomap = false;
		}
		if (nomap)
			memblock_mark_nomap(r->base, r->size);
		else
			memblock_reserve(r->base, r->size);
	}
	if (info->has_initrd) {
		pr_info("initrd: [mem %#018llx-%#018llx]\n",
			(unsigned long long)info->initrd_start,
			(unsigned long long)info->initrd_end - 1);
		memblock_reserve(info->initrd_start,
				 info->initrd_end - info->initrd_start);
	}

	if (mem_limit != PHYS_ADDR_MAX) {
		memblock_enforce_memory_limit(mem_limit);
		pr_info("mem=: memory capped at %llu MiB\n",
			(unsigned long long)(mem_limit >> 20));
	}
	/* Partial pages at region edges cannot be handed to the buddy. */
	memblock_trim_memory(PAGE_SIZE);
	memblock_allow_resize();
	memblock_dump_all();

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
