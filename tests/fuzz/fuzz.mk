# SPDX-License-Identifier: MIT
# libFuzzer targets (each file says what it checks; docs/bringup.md).
# Included by the top Makefile.
#
#   make fuzz                       build, then run each for FUZZ_SECONDS (300)
#   make fuzz FUZZ_SECONDS=30 FUZZERS="fdt printf"
#   make fuzzers                    build only: $(O)/fuzz/fuzz_<name>
#
# Each target is built from the real kernel sources with clang's
# -fsanitize=fuzzer,address,undefined and the host arch contract
# (tests/host/include), and starts from the seed corpus in
# tests/fuzz/corpus/<name>/.  New interesting inputs go to
# $(O)/fuzz/corpus/<name>/, crashes to $(O)/fuzz/crash-<name>-*.
# `make check` runs each briefly (tests/run_tests.py --fuzz-seconds).
# FUZZ_JOBS targets run at a time in `make fuzz` (default 1: each gets a
# core of its own on a 2-core machine while you work on the other).
FUZZERS ?= fdt cmdline printf memblock e820 page_alloc slab
FUZZ_SECONDS ?= 300
FUZZ_JOBS ?= 1
# Per target in `make check` (two run at a time); 0 leaves them out.
FUZZ_CHECK_SECONDS ?= 12
FUZZ_CC ?= clang
fuzzobj := $(objtree)/fuzz

FUZZ_MEMBLOCK := mm/memblock.c mm/memblock_query.c mm/memblock_alloc.c \
	mm/memblock_limits.c mm/memblock_debug.c mm/memblock_flags.c
FUZZ_FDT := lib/fdt.c lib/fdt_path.c lib/fdt_check.c lib/fdt_prop.c lib/fdt_addr.c lib/fdt_memory.c

fuzz-fdt-srcs := tests/fuzz/fuzz_fdt.c arch/riscv/kernel/fdt_memblock.c lib/cmdline.c \
	lib/memparse.c lib/strscpy.c $(FUZZ_FDT) $(FUZZ_MEMBLOCK)
fuzz-cmdline-srcs := tests/fuzz/fuzz_cmdline.c lib/cmdline.c lib/strscpy.c \
	lib/memparse.c arch/riscv/kernel/fdt_memblock.c $(FUZZ_FDT) $(FUZZ_MEMBLOCK)
fuzz-fdt-cflags := -I$(srctree)/arch/riscv/include
fuzz-cmdline-cflags := -I$(srctree)/arch/riscv/include
fuzz-printf-srcs := tests/fuzz/fuzz_printf.c lib/vsprintf.c
fuzz-printf-cflags := -DFUZZ_NO_MEMBLOCK -Dvsnprintf=kite_vsnprintf -Dsnprintf=kite_snprintf \
	-Dvscnprintf=kite_vscnprintf -Dscnprintf=kite_scnprintf
fuzz-memblock-srcs := tests/fuzz/fuzz_memblock.c $(FUZZ_MEMBLOCK)
# E820 (arch/x86/kernel/e820.c + e820_memblock.c): sanitizer, memmap=,
# hand-over to memblock.  The host asm/mm.h comes first, as in e820.mk.
fuzz-e820-srcs := tests/fuzz/fuzz_e820.c arch/x86/kernel/e820.c \
	arch/x86/kernel/e820_memblock.c mm/memblock_cmdline.c lib/cmdline.c \
	lib/strscpy.c lib/memparse.c $(FUZZ_MEMBLOCK)
fuzz-e820-cflags := -I$(srctree)/arch/x86/include
# The buddy allocator (booted afresh per input) and the slab on top of
# it: the page_alloc and slab host tests' sources, with their checks.
fuzz-page_alloc-srcs := tests/fuzz/fuzz_page_alloc.c $(PAGE_ALLOC_SRCS)
fuzz-page_alloc-cflags := -DCONFIG_DEBUG_VM=1
fuzz-slab-srcs = tests/fuzz/fuzz_slab.c $(SLAB_SRCS) \
	tests/host/slab_env_buddy.c $(PAGE_ALLOC_SRCS)

FUZZ_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror \
	-Wno-unused-parameter -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer \
	-DCONFIG_CMDLINE='""'
# memblock without the buddy, except where the buddy is the target
$(foreach f,fdt cmdline printf memblock e820,\
	$(eval fuzz-$(f)-cflags += -DMM_HOST_STANDALONE=1))

$(foreach f,$(FUZZERS),$(eval $(call host_prog,$(fuzzobj)/fuzz_$(f),\
	$(HOST_ENV_SRCS) tests/fuzz/fuzz_common.c $(fuzz-$(f)-srcs),\
	$$(FUZZ_CC),$$(HOST_CPPFLAGS) -I$$(srctree)/tests/fuzz \
	$$(FUZZ_CFLAGS) $$(fuzz-$(f)-cflags),,$(srctree)/tests/fuzz/fuzz.mk)))

fuzzers: $(addprefix $(fuzzobj)/fuzz_,$(FUZZERS))

fuzz: fuzzers
	$(Q)python3 $(srctree)/tests/fuzz/run_fuzz.py --srctree $(srctree) \
		--objtree $(objtree) --seconds $(FUZZ_SECONDS) \
		--jobs $(FUZZ_JOBS) $(FUZZERS)

.PHONY: fuzz fuzzers
