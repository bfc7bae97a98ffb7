# SPDX-License-Identifier: MIT
# The mm core on several CPUs (tests/host/test_mm_smp.c): the real page
# allocator, slab and kmalloc with one pthread per CPU, built twice: under
# ThreadSanitizer (mm_smp_tsan: any data race fails it) and under ASan +
# UBSan with the ownership model check (mm_smp).
HOST_TESTS += mm_smp mm_smp_tsan
# The ASan build also has CONFIG_DEBUG_SPINLOCK (recursion, bad unlocks,
# lockdep_assert_held()).
host-mm_smp-srcs = tests/host/test_mm_smp.c lib/spinlock.c $(SLAB_SRCS) \
	$(PAGE_ALLOC_SRCS)
host-mm_smp-cflags := -DCONFIG_DEBUG_SPINLOCK=1
host-mm_smp-ldlibs := -lpthread
host-mm_smp_tsan-srcs = tests/host/test_mm_smp.c $(SLAB_SRCS) \
	$(PAGE_ALLOC_SRCS)
host-mm_smp_tsan-sanitize := -fsanitize=thread
host-mm_smp_tsan-ldlibs := -lpthread

# make bench: the fast-path pairs in this SMP build against bench_mm_up, the
# same source with CONFIG_SMP off, and at 1 vs 2 threads (bench_mm_smp runs
# bench_mm_up itself, so both figures come from one run).
BENCH_PROGS += mm_smp mm_up
bench-mm_smp-srcs = bench/bench_mm_smp.c $(SLAB_SRCS) $(PAGE_ALLOC_SRCS)
bench-mm_smp-ldlibs := -lpthread
# (kernel/smp_call.c is SMP-only, as in the kernel: UP has the inline calls)
bench-mm_up-srcs = $(filter-out kernel/smp_call.c,$(bench-mm_smp-srcs))
bench-mm_up-cflags = -include $(srctree)/bench/bench_up.h
bench-mm_up-ldlibs := -lpthread
