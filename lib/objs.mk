# SPDX-License-Identifier: MIT
# The library layer: freestanding, below mm/ (docs/internals.md).
obj-y += lib/printk.o lib/vsprintf.o lib/string.o lib/strscpy.o
obj-$(CONFIG_PRINTK) += lib/printk_entry.o
obj-$(CONFIG_DEBUG_SPINLOCK) += lib/spinlock.o
obj-y += lib/panic.o lib/cmdline.o lib/memparse.o lib/time.o lib/kallsyms.o
obj-y += lib/fdt.o lib/fdt_addr.o lib/fdt_prop.o lib/fdt_memory.o lib/fdt_path.o lib/fdt_check.o
