# SPDX-License-Identifier: MIT
# In-kernel KTAP suites (run by the selftest application) and memstress,
# the random page/slab stress engine behind the "memstress" suite.  The
# selftest application runs the suites in link order, which is this order.
ifeq ($(CONFIG_ARCH_X86_64),y)
obj-$(CONFIG_SELFTEST) += tests/kernel/e820_ktest.o
endif
obj-$(CONFIG_SELFTEST) += tests/kernel/printf_ktest.o tests/kernel/string_ktest.o
ifeq ($(CONFIG_ARCH_RISCV),y)
obj-$(CONFIG_SELFTEST) += tests/kernel/fdt_ktest.o
endif
obj-$(CONFIG_SELFTEST) += tests/kernel/fault_ktest.o
ifeq ($(CONFIG_SMP),y)
obj-$(CONFIG_SELFTEST) += tests/kernel/smp_ktest.o
endif
obj-$(CONFIG_SELFTEST) += tests/kernel/memblock_ktest.o tests/kernel/bootmem_ktest.o
obj-$(CONFIG_SELFTEST) += tests/kernel/page_alloc_ktest.o tests/kernel/slab_ktest.o
obj-$(CONFIG_SELFTEST) += tests/kernel/oom_ktest.o tests/kernel/memstress.o \
	tests/kernel/memstress_smp.o
obj-$(CONFIG_DEBUG_MM_SELFTEST) += tests/kernel/misuse_ktest.o
