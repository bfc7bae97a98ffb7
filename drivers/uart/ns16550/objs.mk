# SPDX-License-Identifier: MIT
obj-$(CONFIG_SERIAL_NS16550) += drivers/uart/ns16550/ns16550.o
ifeq ($(CONFIG_ARCH_RISCV),y)
obj-$(CONFIG_SERIAL_NS16550) += drivers/uart/ns16550/ns16550_dt.o
endif
