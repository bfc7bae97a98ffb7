# SPDX-License-Identifier: MIT
#
# make bench: the host benchmarks (-O2, no sanitizers; linked with
# tests/host/host.c like the host tests), then bench/run_bench.py, which
# runs them, boots the bench application under QEMU, measures the
# footprint and writes bench/results/*.csv and the plots.
#
# Benchmark programs are declared by their owners next to their tests:
#   BENCH_PROGS += foo
#   bench-foo-srcs := bench/bench_foo.c mm/...
#   bench-foo-cflags := ...      (optional)
#   bench-foo-ldlibs := ...      (optional)
# and land in $(O)/bench/bench_foo.
#
#   make bench                       everything (tens of minutes under QEMU)
#   make bench BENCH_ARGS=--host-only
#   make bench BENCH_ARGS="--only memmap_init,bootmem_memblock"
#   make bench BENCH_ARGS=--quick    short runs (a smoke test of the harness)

# Boot-time memory init: memmap init + memblock_free_all at 1/16/64 GiB
# against memset of the struct page array.
BENCH_PROGS += memmap_init
bench-memmap_init-srcs = bench/bench_memmap_init.c $(PAGE_ALLOC_SRCS)

# Early allocation: one source, built against each bootmem backend.
bench-bootmem-core := bench/bench_bootmem.c mm/memblock.c \
	mm/memblock_query.c mm/memblock_alloc.c mm/memblock_limits.c \
	mm/memblock_debug.c mm/memblock_flags.c mm/bootmem.c
BENCH_PROGS += bootmem_memblock bootmem_bitmap
bench-bootmem_memblock-srcs := $(bench-bootmem-core) mm/bootmem/memblock/bootmem_memblock.c
bench-bootmem_memblock-cflags := -DMM_HOST_STANDALONE=1 \
	-DCONFIG_BOOTMEM_MEMBLOCK=1
bench-bootmem_bitmap-srcs = $(bench-bootmem-core) $(BOOTMEM_BITMAP_SRCS)
bench-bootmem_bitmap-cflags := -DMM_HOST_STANDALONE=1 -DCONFIG_BOOTMEM_BITMAP=1

# In every program: the floor the allocator figures are set against.
BENCH_COMMON_SRCS := bench/bench_floor.c

BENCH_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-fno-omit-frame-pointer -fno-strict-aliasing
benchobj := $(objtree)/bench
BENCH_ARGS ?=

# tests/host/*.mk (where the owners declare their programs) are read
# before this file.
$(foreach p,$(sort $(BENCH_PROGS)),$(eval $(call host_prog,$(benchobj)/bench_$(p),\
	$(HOST_ENV_SRCS) $(BENCH_COMMON_SRCS) $(bench-$(p)-srcs),$$(HOSTCC),\
	$$(HOST_CPPFLAGS) $$(BENCH_CFLAGS) $$(bench-$(p)-cflags),\
	$$(bench-$(p)-ldlibs))))

bench: $(addprefix $(benchobj)/bench_,$(sort $(BENCH_PROGS)))
	$(Q)$(PYTHON) $(srctree)/bench/run_bench.py --srctree $(srctree) \
		--objtree $(objtree) --progs "$(sort $(BENCH_PROGS))" $(BENCH_ARGS)

.PHONY: bench
