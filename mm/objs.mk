# SPDX-License-Identifier: MIT
obj-y += mm/memblock.o mm/memblock_alloc.o mm/memblock_debug.o mm/memblock_flags.o mm/memblock_limits.o mm/memblock_query.o
obj-y += mm/memblock_cmdline.o
obj-y += mm/boot.o
obj-y += mm/bootmem.o
# The bootmem backends, one directory each (mm/Kconfig.memblock).
include $(sort $(wildcard $(srctree)/mm/bootmem/*/objs.mk))
obj-y += mm/page_alloc.o mm/buddy.o mm/pcp.o mm/page_bulk.o mm/pageblock.o mm/page_isolation.o mm/shrinker.o
obj-y += mm/page_wmark.o mm/mm_init.o mm/page_debug.o mm/page_zonelist.o
obj-y += mm/pfn_nid_map.o mm/mem_section.o mm/memmap_init.o mm/memblock_handoff.o
obj-$(CONFIG_ZONE_MOVABLE) += mm/zone_movable.o
obj-$(CONFIG_DEFERRED_STRUCT_PAGE_INIT) += mm/page_deferred.o
obj-y += mm/slab.o mm/slab_layout.o mm/slab_cpu.o mm/slab_common.o mm/slab_debug.o mm/util.o
obj-$(CONFIG_SMP) += mm/percpu.o
