# SPDX-License-Identifier: MIT
obj-y += arch/x86/boot/head.o
obj-y += arch/x86/kernel/setup.o arch/x86/kernel/bootinfo.o
obj-y += arch/x86/kernel/e820.o arch/x86/kernel/e820_memblock.o
obj-y += arch/x86/kernel/cpu.o arch/x86/kernel/entry.o
obj-$(CONFIG_SMP) += arch/x86/kernel/acpi.o arch/x86/kernel/apic.o
obj-$(CONFIG_SMP) += arch/x86/kernel/smpboot.o arch/x86/kernel/trampoline.o
obj-y += arch/x86/kernel/traps.o arch/x86/kernel/stacktrace.o
obj-y += arch/x86/kernel/time.o arch/x86/kernel/power.o
obj-y += arch/x86/mm/init.o
