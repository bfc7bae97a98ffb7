# SPDX-License-Identifier: MIT
# memblock and bootmem host tests.  MM_HOST_STANDALONE builds them without
# the page allocator: each test supplies counting stand-ins for the
# hand-over hooks (memblock_free_pages, pfn_to_page, ...).
HOST_TESTS += memblock memblock_model memblock_fdt bootmem_memblock bootmem_bitmap

# The bitmap bootmem backend's sources (tests/host/page_alloc.mk,
# tests/explore/explore.mk and bench/bench.mk use them too).
BOOTMEM_BITMAP_SRCS := mm/bootmem/bitmap/bootmem_bitmap.c \
	mm/bootmem/bitmap/bootmem_bitmap_handoff.c

memblock-core-srcs := mm/memblock.c mm/memblock_query.c mm/memblock_alloc.c \
	mm/memblock_limits.c mm/memblock_debug.c mm/memblock_flags.c

host-memblock-srcs := tests/host/test_memblock.c tests/host/test_memblock_alloc.c \
	tests/host/test_memblock_query.c $(memblock-core-srcs)
host-memblock-cflags := -DMM_HOST_STANDALONE=1

# Small initial arrays so the random ops keep doubling them.
host-memblock_model-srcs := tests/host/test_memblock_model.c \
	tests/host/memblock_model_ref.c \
	$(memblock-core-srcs)
host-memblock_model-cflags := -DMM_HOST_STANDALONE=1 \
	-DCONFIG_INIT_MEMBLOCK_REGIONS=16

# dt_apply_memblock() with more reservations than the static arrays hold;
# libfdt builds the blobs.
host-memblock_fdt-srcs := tests/host/test_memblock_fdt.c arch/riscv/kernel/fdt_memblock.c \
	lib/fdt.c lib/fdt_path.c lib/fdt_check.c lib/fdt_prop.c lib/fdt_addr.c lib/fdt_memory.c \
	$(memblock-core-srcs)
host-memblock_fdt-cflags := -I$(srctree)/arch/riscv/include -DMM_HOST_STANDALONE=1 \
	-DCONFIG_INIT_MEMBLOCK_REGIONS=16
host-memblock_fdt-ldlibs := -lfdt

# One bootmem test source, built against each backend.
host-bootmem_memblock-srcs := tests/host/test_bootmem.c tests/host/test_bootmem_sweep.c \
	$(memblock-core-srcs) mm/bootmem.c mm/bootmem/memblock/bootmem_memblock.c
host-bootmem_memblock-cflags := -DMM_HOST_STANDALONE=1 \
	-DCONFIG_BOOTMEM_MEMBLOCK=1

host-bootmem_bitmap-srcs := tests/host/test_bootmem.c tests/host/test_bootmem_sweep.c \
	$(memblock-core-srcs) mm/bootmem.c $(BOOTMEM_BITMAP_SRCS)
host-bootmem_bitmap-cflags := -DMM_HOST_STANDALONE=1 \
	-DCONFIG_BOOTMEM_BITMAP=1
