# SPDX-License-Identifier: MIT
# E820 table handling (arch/x86/kernel/e820.c) on the host: sanitizer,
# range edits, memmap= parsing (memparse from core/cmdline.c, which needs
# core/strscpy.c).  The x86 include dir comes after the host ones, so the
# host asm/mm.h still wins over arch/x86/include/asm/mm.h.
HOST_TESTS += e820
host-e820-srcs := tests/host/test_e820.c arch/x86/kernel/e820.c core/cmdline.c core/strscpy.c
host-e820-cflags := -I$(srctree)/arch/x86/include -DCONFIG_CMDLINE='""'
