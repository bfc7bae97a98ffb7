# SPDX-License-Identifier: MIT
obj-$(CONFIG_SERIAL_SIFIVE) += drivers/uart/sifive/sifive.o \
	drivers/uart/sifive/sifive_dt.o
