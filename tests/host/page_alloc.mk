# Host tests and benchmark of the zoned buddy page allocator (mm/page_*.c,
# mm/mm_init.c and its parts), booted through the real memblock.
PAGE_ALLOC_SRCS := mm/page_alloc.c mm/page_free.c mm/page_wmark.c \
	mm/mm_init.c mm/page_debug.c mm/page_deferred.c mm/page_zonelist.c \
	mm/pfn_nid_map.c mm/memmap_init.c mm/memblock_handoff.c mm/zone_movable.c \
	mm/memblock.c mm/memblock_alloc.c mm/memblock_debug.c mm/memblock_flags.c \
	mm/memblock_limits.c mm/memblock_query.c

HOST_TESTS += page_alloc page_alloc_model page_alloc_deferred \
	page_alloc_misuse page_alloc_misuse_nodebug \
	page_alloc_late_memblock page_alloc_late_bitmap \
	page_alloc_numa page_alloc_numa_deferred \
	page_alloc_numa_bitmap
host-page_alloc-srcs := tests/host/test_page_alloc.c $(PAGE_ALLOC_SRCS)
host-page_alloc-cflags := -DCONFIG_PAGE_POISONING=1 -DCONFIG_DEBUG_VM=1
host-page_alloc_model-srcs := tests/host/test_page_alloc_model.c \
	$(PAGE_ALLOC_SRCS)
host-page_alloc_model-cflags := -DCONFIG_DEBUG_VM=1
# Deferred init hands over through the bootmem backend (the memblock one;
# bootmem wants the slab linked).
host-page_alloc_deferred-srcs = tests/host/test_page_alloc_deferred.c \
	$(PAGE_ALLOC_SRCS) mm/bootmem.c mm/bootmem_memblock.c $(SLAB_SRCS)
host-page_alloc_deferred-cflags := -DCONFIG_DEFERRED_STRUCT_PAGE_INIT=1 \
	-DCONFIG_DEFERRED_INIT_FIRST_MB=8 -DCONFIG_DEBUG_VM=1
# Bad frees and isolation, with and without the DEBUG_VM tail checks.
host-page_alloc_misuse-srcs := tests/host/test_page_alloc_misuse.c \
	$(PAGE_ALLOC_SRCS)
host-page_alloc_misuse-cflags := -DCONFIG_DEBUG_VM=1
host-page_alloc_misuse_nodebug-srcs := $(host-page_alloc_misuse-srcs)

# memblock_free_late / free_bootmem_late after each backend's handoff
# (bootmem diverts late callers to kmalloc: the slab is linked too; '='
# since SLAB_SRCS comes from slab.mk).
host-page_alloc_late_memblock-srcs = tests/host/test_page_alloc_late.c \
	$(PAGE_ALLOC_SRCS) mm/bootmem.c mm/bootmem_memblock.c $(SLAB_SRCS)
host-page_alloc_late_memblock-cflags := -DCONFIG_BOOTMEM_MEMBLOCK=1
host-page_alloc_late_bitmap-srcs = tests/host/test_page_alloc_late.c \
	$(PAGE_ALLOC_SRCS) mm/bootmem.c $(BOOTMEM_BITMAP_SRCS) $(SLAB_SRCS)
host-page_alloc_late_bitmap-cflags := -DCONFIG_BOOTMEM_BITMAP=1

# The bitmap bootmem backend's handoff with deferred struct page init.
HOST_TESTS += bootmem_deferred
host-bootmem_deferred-srcs = tests/host/test_bootmem_deferred.c \
	$(PAGE_ALLOC_SRCS) mm/bootmem.c $(BOOTMEM_BITMAP_SRCS)
host-bootmem_deferred-cflags := -DCONFIG_BOOTMEM_BITMAP=1 \
	-DCONFIG_DEFERRED_STRUCT_PAGE_INIT=1 -DCONFIG_DEFERRED_INIT_FIRST_MB=8 \
	-DCONFIG_DEBUG_VM=1

# Interleaved, unordered and nested node spans (issue 16), both ways.
host-page_alloc_numa-srcs := tests/host/test_page_alloc_numa.c \
	$(PAGE_ALLOC_SRCS)
host-page_alloc_numa-cflags := -DCONFIG_DEBUG_VM=1
host-page_alloc_numa_deferred-srcs = tests/host/test_page_alloc_numa.c \
	$(PAGE_ALLOC_SRCS) mm/bootmem.c mm/bootmem_memblock.c $(SLAB_SRCS)
host-page_alloc_numa_deferred-cflags := -DCONFIG_DEFERRED_STRUCT_PAGE_INIT=1 \
	-DCONFIG_DEFERRED_INIT_FIRST_MB=8 -DCONFIG_DEBUG_VM=1
host-page_alloc_numa_bitmap-srcs = tests/host/test_page_alloc_numa.c \
	$(PAGE_ALLOC_SRCS) mm/bootmem.c $(BOOTMEM_BITMAP_SRCS)
host-page_alloc_numa_bitmap-cflags := -DCONFIG_BOOTMEM_BITMAP=1 \
	-DCONFIG_DEBUG_VM=1

# Benchmark (-O2, no sanitizers); like the tests it links tests/host/host.c.
BENCH_PROGS += page_alloc
bench-page_alloc-srcs := bench/bench_page_alloc.c $(PAGE_ALLOC_SRCS)
