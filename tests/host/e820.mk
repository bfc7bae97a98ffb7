# SPDX-License-Identifier: MIT
# E820 table handling (arch/x86/kernel/e820.c) on the host: sanitizer,
# range edits, memmap= parsing (lib/memparse.c; lib/cmdline.c needs
# lib/strscpy.c).  The x86 include dir comes after the host ones, so the
# host asm/mm.h still wins over arch/x86/include/asm/mm.h.
HOST_TESTS += e820
# e820__memblock_setup() runs against memblock with 16-entry static arrays
# (more E820 RAM entries and boot structures than those hold).
host-e820-srcs := tests/host/test_e820.c tests/host/test_e820_edit.c \
	arch/x86/kernel/e820.c arch/x86/kernel/e820_memblock.c \
	lib/cmdline.c lib/memparse.c lib/strscpy.c mm/memblock_cmdline.c \
	mm/memblock.c mm/memblock_query.c mm/memblock_alloc.c \
	mm/memblock_limits.c mm/memblock_debug.c mm/memblock_flags.c
host-e820-cflags := -I$(srctree)/arch/x86/include -DCONFIG_CMDLINE='""' \
	-DMM_HOST_STANDALONE=1 -DCONFIG_INIT_MEMBLOCK_REGIONS=16
