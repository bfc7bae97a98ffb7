# SPDX-License-Identifier: MIT
# In-kernel test suites of lib/ and kernel/ (still here until they move).
obj-$(CONFIG_SELFTEST) += core/test_printf.o core/test_string.o
ifeq ($(CONFIG_ARCH_RISCV),y)
obj-$(CONFIG_SELFTEST) += core/test_fdt.o
endif
obj-$(CONFIG_SELFTEST) += core/test_fault.o
