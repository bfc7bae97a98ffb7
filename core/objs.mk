# SPDX-License-Identifier: MIT
obj-y += core/main.o core/app.o core/printk.o core/vsprintf.o core/string.o
obj-y += core/strscpy.o
obj-y += core/panic.o core/cmdline.o core/time.o core/kallsyms.o
obj-y += core/libc/stdio.o core/libc/stdlib.o core/libc/malloc.o
obj-y += core/libc/string.o core/libc/ctype.o core/libc/strtol.o
obj-y += core/libc/qsort.o core/libc/rand.o core/libc/time.o
obj-y += core/libc/errno.o core/libc/assert.o
obj-$(CONFIG_SELFTEST) += core/ktest.o
obj-y += core/fdt.o core/fdt_addr.o core/fdt_prop.o core/fdt_memory.o
obj-y += core/fdt_memblock.o
