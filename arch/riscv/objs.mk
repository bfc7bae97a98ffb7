# SPDX-License-Identifier: MIT
obj-y += arch/riscv/boot/head.o
obj-y += arch/riscv/kernel/setup.o arch/riscv/kernel/sbi.o
obj-y += arch/riscv/kernel/time.o arch/riscv/kernel/power.o
obj-y += arch/riscv/kernel/stacktrace.o arch/riscv/kernel/traps.o
obj-y += arch/riscv/kernel/entry.o arch/riscv/mm/init.o
obj-y += arch/riscv/mm/paging.o arch/riscv/kernel/fdt_memblock.o
obj-$(CONFIG_BUILTIN_DTB) += arch/riscv/boot/builtin_dtb.o
obj-y += arch/riscv/lib/bitops.o
obj-$(CONFIG_SMP) += arch/riscv/kernel/smp.o
