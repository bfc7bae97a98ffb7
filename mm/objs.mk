# SPDX-License-Identifier: MIT
obj-y += mm/memblock.o mm/memblock_alloc.o mm/memblock_debug.o mm/memblock_flags.o mm/memblock_limits.o mm/memblock_query.o
obj-y += mm/boot.o
obj-y += mm/bootmem.o
obj-$(CONFIG_BOOTMEM_MEMBLOCK) += mm/bootmem_memblock.o
obj-$(CONFIG_BOOTMEM_BITMAP) += mm/bootmem_bitmap.o mm/bootmem_bitmap_handoff.o
obj-y += mm/page_alloc.o mm/page_free.o mm/page_wmark.o mm/mm_init.o mm/page_debug.o mm/page_zonelist.o
obj-y += mm/pfn_nid_map.o mm/memmap_init.o mm/memblock_handoff.o
obj-$(CONFIG_ZONE_MOVABLE) += mm/zone_movable.o
obj-$(CONFIG_DEFERRED_STRUCT_PAGE_INIT) += mm/page_deferred.o
obj-y += mm/slab.o mm/slab_common.o mm/slab_debug.o
obj-$(CONFIG_SELFTEST) += mm/test_memblock.o mm/test_bootmem.o mm/test_page_alloc.o mm/test_slab.o mm/test_oom.o mm/memstress.o
obj-$(CONFIG_DEBUG_MM_SELFTEST) += mm/test_misuse.o
