# Host tests and benchmark of the zoned buddy page allocator (mm/page_*.c,
# mm/buddy.c, mm/pcp.c, mm/pageblock.c, mm/shrinker.c, mm/mm_init.c and its
# parts), booted through the real memblock; with the cross-CPU calls
# (drain_all_pages()) and the host's CPUs (host_smp.c).
PAGE_ALLOC_SRCS := mm/page_alloc.c mm/buddy.c mm/pcp.c mm/page_bulk.c mm/pageblock.c \
	mm/page_isolation.c mm/shrinker.c mm/page_wmark.c \
	mm/mm_init.c mm/page_debug.c mm/page_deferred.c mm/page_zonelist.c \
	mm/pfn_nid_map.c mm/mem_section.c mm/memmap_init.c mm/memblock_handoff.c mm/zone_movable.c \
	mm/memblock.c mm/memblock_alloc.c mm/memblock_debug.c mm/memblock_flags.c \
	mm/memblock_limits.c mm/memblock_query.c lib/memparse.c \
	kernel/smp_call.c tests/host/host_smp.c

# $(call page_alloc_test,NAME,SOURCE,CFLAGS[,MORE SOURCES]): host test NAME
# built from tests/host/SOURCE and the page allocator ('=': MORE SOURCES
# may name $$(SLAB_SRCS) or $$(BOOTMEM_BITMAP_SRCS), set by slab.mk and
# memblock.mk).
define page_alloc_test
HOST_TESTS += $(1)
host-$(1)-srcs = tests/host/$(strip $(2)) $$(PAGE_ALLOC_SRCS) $(4)
host-$(1)-cflags := $(3)
endef
pa_deferred := -DCONFIG_DEFERRED_STRUCT_PAGE_INIT=1 \
	-DCONFIG_DEFERRED_INIT_FIRST_MB=8
pa_bitmap = mm/bootmem.c $$(BOOTMEM_BITMAP_SRCS)
# Deferred init hands over through the bootmem backend (the memblock one;
# bootmem wants the slab linked).
pa_memblock_slab = mm/bootmem.c mm/bootmem/memblock/bootmem_memblock.c $$(SLAB_SRCS)

$(eval $(call page_alloc_test,page_alloc,test_page_alloc.c,\
	-DCONFIG_PAGE_POISONING=1 -DCONFIG_DEBUG_VM=1))
$(eval $(call page_alloc_test,page_alloc_api,test_page_alloc_api.c,\
	-DCONFIG_PAGE_POISONING=1 -DCONFIG_DEBUG_VM=1))
$(eval $(call page_alloc_test,page_alloc_model,test_page_alloc_model.c,\
	-DCONFIG_DEBUG_VM=1))
$(eval $(call page_alloc_test,page_alloc_deferred,\
	test_page_alloc_deferred.c,$(pa_deferred) -DCONFIG_DEBUG_VM=1,\
	$(pa_memblock_slab)))
# The per-cpu lists' fast paths, bulk allocation, high-order lists.
$(eval $(call page_alloc_test,page_alloc_pcp,test_page_alloc_pcp.c,\
	-DCONFIG_DEBUG_VM=1))
# Bad frees and isolation, with and without the DEBUG_VM tail checks.
$(eval $(call page_alloc_test,page_alloc_misuse,test_page_alloc_misuse.c,\
	-DCONFIG_DEBUG_VM=1))
$(eval $(call page_alloc_test,page_alloc_misuse_nodebug,\
	test_page_alloc_misuse.c,))

# memblock_free_late / free_bootmem_late after each backend's handoff
# (bootmem diverts late callers to kmalloc: the slab is linked too).
$(eval $(call page_alloc_test,page_alloc_late_memblock,\
	test_page_alloc_late.c,-DCONFIG_BOOTMEM_MEMBLOCK=1,$(pa_memblock_slab)))
$(eval $(call page_alloc_test,page_alloc_late_bitmap,\
	test_page_alloc_late.c,-DCONFIG_BOOTMEM_BITMAP=1,\
	$(pa_bitmap) $$(SLAB_SRCS)))

# The bitmap bootmem backend's handoff with deferred struct page init.
$(eval $(call page_alloc_test,bootmem_deferred,test_bootmem_deferred.c,\
	-DCONFIG_BOOTMEM_BITMAP=1 $(pa_deferred) -DCONFIG_DEBUG_VM=1,\
	$(pa_bitmap)))

# Interleaved, unordered and nested node spans (issue 16), both ways.
$(eval $(call page_alloc_test,page_alloc_numa,test_page_alloc_numa.c,\
	-DCONFIG_DEBUG_VM=1))
$(eval $(call page_alloc_test,page_alloc_numa_deferred,\
	test_page_alloc_numa.c,$(pa_deferred) -DCONFIG_DEBUG_VM=1,\
	$(pa_memblock_slab)))
$(eval $(call page_alloc_test,page_alloc_numa_bitmap,\
	test_page_alloc_numa.c,-DCONFIG_BOOTMEM_BITMAP=1 -DCONFIG_DEBUG_VM=1,\
	$(pa_bitmap)))

# Benchmark (-O2, no sanitizers); like the tests it links tests/host/host.c.
BENCH_PROGS += page_alloc
bench-page_alloc-srcs := bench/bench_page_alloc.c $(PAGE_ALLOC_SRCS)
