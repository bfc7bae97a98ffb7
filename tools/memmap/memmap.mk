# SPDX-License-Identifier: MIT
# make memmap-tool: $(O)/tools/memmap, a host build of the kernel's memory
# setup (tools/memmap/memmap.c says what it prints).  The x86 include dir
# comes after the host ones, so the host asm/mm.h wins (as in e820.mk).
# Built like the host tests (ASan + UBSan): a bad DTB must not crash it.
MEMMAP_SRCS := tools/memmap/memmap.c tools/memmap/host_env.c \
	tests/host/host_irq.c tests/host/host_smp.c kernel/smp_call.c \
	tests/host/host_ksym.c lib/printk_entry.c \
	lib/fdt.c lib/fdt_path.c lib/fdt_check.c lib/fdt_prop.c lib/fdt_addr.c lib/fdt_memory.c \
	arch/riscv/kernel/fdt_memblock.c lib/cmdline.c lib/memparse.c lib/strscpy.c \
	mm/memblock_cmdline.c mm/memblock.c mm/memblock_query.c mm/memblock_alloc.c \
	mm/memblock_limits.c mm/memblock_debug.c mm/memblock_flags.c \
	mm/page_alloc.c mm/buddy.c mm/pcp.c mm/pageblock.c \
	mm/page_isolation.c mm/shrinker.c mm/page_wmark.c mm/mm_init.c \
	mm/page_debug.c mm/page_deferred.c mm/page_zonelist.c \
	mm/pfn_nid_map.c mm/mem_section.c mm/memmap_init.c mm/memblock_handoff.c mm/zone_movable.c
MEMMAP_CFLAGS := -I$(srctree)/arch/riscv/include -DCONFIG_CMDLINE='""' -DMEMMAP_CONFIG='"$(KCONFIG_CONFIG)"'
ifneq ($(wildcard $(srctree)/arch/x86/kernel/e820_memblock.c),)
MEMMAP_SRCS += arch/x86/kernel/e820.c arch/x86/kernel/e820_memblock.c
MEMMAP_CFLAGS += -DMEMMAP_E820 -I$(srctree)/arch/x86/include
endif

$(eval $(call host_prog,$(objtree)/tools/memmap,$(MEMMAP_SRCS),$$(HOSTCC),\
	$$(HOST_CPPFLAGS) $$(HOST_CFLAGS) $$(MEMMAP_CFLAGS),,\
	$(srctree)/tools/memmap/memmap.mk))

memmap-tool: $(objtree)/tools/memmap
.PHONY: memmap-tool
