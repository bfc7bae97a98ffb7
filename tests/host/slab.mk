# SPDX-License-Identifier: MIT
# Host tests and benchmark of the slab allocator and kmalloc (mm/slab*.c).
# "slab" and "slab_model" run on the real memblock + buddy (PAGE_ALLOC_SRCS
# from page_alloc.mk; deferred with '=' so include order does not matter);
# "slab_fake" runs the unit tests on a stand-in page provider and adds the
# reclaim slow-path tests that need a page allocator one can fill up.
# The slab drains every CPU's stacks by cross-calls (kernel/smp_call.c on
# the host's CPUs and IPIs, tests/host/host_smp.c).
SLAB_SRCS = mm/slab.c mm/slab_layout.c mm/slab_cpu.c mm/slab_common.c mm/util.c \
	mm/slab_debug.c kernel/smp_call.c tests/host/host_smp.c
SLAB_UNIT_SRCS = tests/host/test_slab.c tests/host/test_slab_layout.c \
	tests/host/test_slab_debug.c

HOST_TESTS += slab slab_model slab_fake slab_align
host-slab-srcs = $(SLAB_UNIT_SRCS) $(SLAB_SRCS) \
	tests/host/slab_env_buddy.c $(PAGE_ALLOC_SRCS)
host-slab_model-srcs = tests/host/test_slab_model.c $(SLAB_SRCS) \
	tests/host/slab_env_buddy.c $(PAGE_ALLOC_SRCS)
host-slab_fake-srcs = $(SLAB_UNIT_SRCS) $(SLAB_SRCS) \
	tests/host/slab_fake_pages.c mm/shrinker.c mm/mem_section.c
host-slab_fake-cflags := -DSLAB_FAKE_PAGES
# kmalloc's natural alignment under every slab_debug= combination.
host-slab_align-srcs = tests/host/test_slab_align.c $(SLAB_SRCS) \
	tests/host/slab_env_buddy.c $(PAGE_ALLOC_SRCS)

BENCH_PROGS += slab
bench-slab-srcs = bench/bench_slab.c $(SLAB_SRCS) \
	tests/host/slab_env_buddy.c $(PAGE_ALLOC_SRCS)
bench-slab-ldlibs := -lmimalloc -ldl
# As the defconfigs build it: no slab debug checks (bench/bench_nodebug.h).
bench-slab-cflags = -include $(srctree)/bench/bench_nodebug.h
