# SPDX-License-Identifier: MIT
obj-y += drivers/uart/serial_core.o
obj-$(CONFIG_SERIAL_NS16550) += drivers/uart/ns16550.o
ifeq ($(CONFIG_ARCH_RISCV),y)
obj-y += drivers/uart/serial_dt.o
obj-$(CONFIG_SERIAL_NS16550) += drivers/uart/ns16550_dt.o
endif
obj-$(CONFIG_SERIAL_SIFIVE) += drivers/uart/sifive.o drivers/uart/sifive_dt.o
