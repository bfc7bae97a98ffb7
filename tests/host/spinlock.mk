# SPDX-License-Identifier: MIT
# The ticket spinlock and cpumask with pthreads as CPUs
# (tests/host/test_spinlock.c): with CONFIG_DEBUG_SPINLOCK under
# ASan+UBSan and under ThreadSanitizer, and the inline lock without it.
HOST_TESTS += spinlock spinlock_tsan spinlock_nodebug
host-spinlock-srcs := tests/host/test_spinlock.c lib/spinlock.c
host-spinlock-cflags := -DCONFIG_DEBUG_SPINLOCK=1 -pthread
host-spinlock_tsan-srcs := $(host-spinlock-srcs)
host-spinlock_tsan-cflags := $(host-spinlock-cflags)
host-spinlock_tsan-sanitize := -fsanitize=thread
host-spinlock_nodebug-srcs := tests/host/test_spinlock.c
host-spinlock_nodebug-cflags := -pthread

# The cross-CPU calls (kernel/smp_call.c) on the host interrupt model
# (tests/host/test_smp_call.c): under ASan+UBSan and ThreadSanitizer.
HOST_TESTS += smp_call smp_call_tsan
host-smp_call-srcs := tests/host/test_smp_call.c tests/host/host_smp.c \
	kernel/smp_call.c
host-smp_call-cflags := -pthread
host-smp_call_tsan-srcs := $(host-smp_call-srcs)
host-smp_call_tsan-cflags := -pthread
host-smp_call_tsan-sanitize := -fsanitize=thread
