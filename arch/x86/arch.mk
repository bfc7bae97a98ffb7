# SPDX-License-Identifier: MIT
# x86_64: the host toolchain.  The kernel runs identity mapped at 1 MiB,
# so -mcmodel=small (everything below 2 GiB), not -mcmodel=kernel (which
# wants the top 2 GiB).  No SSE/MMX/x87 state is saved on exceptions, so
# the compiler may use general registers only; no red zone because
# exceptions push onto the interrupted stack.
CROSS_COMPILE ?=
ARCH_CFLAGS := -m64 -march=x86-64 -mcmodel=small -mno-red-zone \
	-mgeneral-regs-only -mno-sse -mno-mmx -fno-pic -fno-pie \
	-fno-asynchronous-unwind-tables
ARCH_AFLAGS :=
ARCH_LDFLAGS := -m elf_x86_64 -z max-page-size=4096 -z noexecstack \
	--no-warn-rwx-segments
GDB ?= gdb-multiarch
