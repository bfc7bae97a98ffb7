# SPDX-License-Identifier: MIT
# The kernel layer: start_kernel, the application contract, ktest and the
# application's libc, above mm/ (docs/internals.md).
obj-y += kernel/main.o kernel/app.o kernel/smp.o
obj-$(CONFIG_SMP) += kernel/smp_call.o
obj-y += kernel/libc/stdio.o kernel/libc/stdlib.o kernel/libc/malloc.o
obj-y += kernel/libc/string.o kernel/libc/ctype.o kernel/libc/strtol.o
obj-y += kernel/libc/qsort.o kernel/libc/rand.o kernel/libc/time.o
obj-y += kernel/libc/errno.o kernel/libc/assert.o
obj-$(CONFIG_SELFTEST) += kernel/ktest.o
