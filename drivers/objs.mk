# SPDX-License-Identifier: MIT
obj-y += drivers/uart/serial_core.o
ifeq ($(CONFIG_ARCH_RISCV),y)
obj-y += drivers/uart/serial_dt.o
endif
# Each UART driver's directory lists its own objects (drivers/uart/Kconfig).
include $(sort $(wildcard $(srctree)/drivers/uart/*/objs.mk))
