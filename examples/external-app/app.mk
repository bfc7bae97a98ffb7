# SPDX-License-Identifier: MIT
# An application kept outside the Kite tree.  Build it with
#
#	make O=out APP=/path/to/external-app qemu_riscv64_virt_defconfig
#	make O=out APP=/path/to/external-app all run
#
# The Makefile includes this file when CONFIG_APP_EXTERNAL=y (the default
# when APP is set) and compiles each object from this directory into
# $(O)/app/, with the C library's headers (include/libc) on the path.
app-y += main.o demo.o
# Extra flags for these files only.
APP_CFLAGS += -DEXTAPP_VERSION='"1.0"'
