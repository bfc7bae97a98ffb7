# SPDX-License-Identifier: MIT
#
# Kite: kernel-style build.  `make help` lists every target and variable.
#
#   make                      build the current configuration (defconfig if none)
#   make run                  build and boot it under QEMU
#   make check                host unit tests + QEMU boot tests, TAP, one summary
#   make O=dir ...            build out of tree (default: build/)
#   make V=1 ...              show full command lines
#
# The build is non-recursive: each directory lists its objects in objs.mk
# (obj-y / obj-$(CONFIG_FOO)), and this file compiles and links them.

MAKEFLAGS += -rR --no-print-directory
.SUFFIXES:
.DELETE_ON_ERROR:
SHELL := /bin/bash

srctree := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
O ?= build
objtree := $(abspath $(O))
export PYTHONDONTWRITEBYTECODE := 1

ifeq ($(V),1)
  Q :=
  quiet := @:
else
  Q := @
  quiet := @printf '  %-8s %s\n'
endif

KCONFIG_CONFIG ?= $(objtree)/.config
DEFCONFIG ?= qemu_riscv64_virt_defconfig
APP ?=
export APP

config-goals := menuconfig defconfig %_defconfig olddefconfig savedefconfig \
	listnewconfig oldconfig alldefconfig randconfig allnoconfig allyesconfig
# Goals that need no kernel configuration at all.
noconfig-goals := help clean mrproper distclean check host-tests format fuzzers \
	format-check bench fuzz soak deps memmap-tool check-boot \
	randconfig-check explore explore-topology
# ... and of those, the ones that need no packages either.
nodeps-goals := help clean mrproper distclean deps

goals := $(if $(MAKECMDGOALS),$(MAKECMDGOALS),all)

# Boards: one directory each, boards/<arch>/<board>/ (boards/README.md).
# Every <name>_defconfig file in one is a `make <name>_defconfig` goal.
board-defconfigs := $(wildcard $(srctree)/boards/*/*/*_defconfig)
defconfig-names := $(sort $(notdir $(board-defconfigs)))
# $(call defconfig-file,NAME): the file of configuration NAME, or NAME
# itself when no board has it (kconfig.py then says it is missing).
defconfig-file = $(or $(firstword $(filter %/$(1),$(board-defconfigs))),$(1))
cfg-goals := $(filter $(config-goals),$(goals))
build-goals := $(filter-out $(config-goals) $(noconfig-goals),$(goals))

# A board name without _defconfig ("make qemu_sifive_u run") is no goal:
# say so before anything writes a .config.
$(foreach g,$(build-goals),$(if $(filter $(g)_defconfig,$(defconfig-names)),\
	$(error No rule to make target '$(g)': did you mean $(g)_defconfig? (make help lists the configurations))))
# APP=<dir>: an external application is a directory with an app.mk.
ifneq ($(strip $(APP)),)
ifneq ($(build-goals)$(cfg-goals),)
ifeq ($(wildcard $(APP)/.),)
$(error APP=$(APP): no such directory (an external application is a directory with an app.mk, see examples/external-app))
else ifeq ($(wildcard $(APP)/app.mk),)
$(error APP=$(APP): the directory has no app.mk (see examples/external-app/app.mk))
endif
endif
endif

# An interpreter that sees Debian's python3-kconfiglib (a pyenv python3 on
# PATH may not: BOOT-FACTS.md).  On a fresh machine there is none until
# ci/install-deps.sh has run, so look again after it: everything that uses
# PYTHON expands it late (=), never before this point.
find-python = $(shell for p in /usr/bin/python3 python3; do \
	$$p -c 'import kconfiglib' >/dev/null 2>&1 && { echo $$p; break; }; done)
ifndef PYTHON
PYTHON := $(find-python)
endif
ifeq ($(PYTHON),)
ifneq ($(filter-out $(nodeps-goals),$(goals)),)
$(shell $(srctree)/ci/install-deps.sh >&2)
PYTHON := $(find-python)
endif
endif

KCONFIG_ENV = srctree=$(srctree) KCONFIG_CONFIG=$(KCONFIG_CONFIG) APP=$(APP)
KCONFIG = $(KCONFIG_ENV) $(PYTHON) $(srctree)/scripts/kconfig.py

# "make foo_defconfig run": run the goals one after another, like Kbuild.
ifneq ($(words $(goals)),1)
ifneq ($(cfg-goals),)
$(goals): __sequential
	@:
__sequential:
	$(Q)set -e; for t in $(goals); do $(MAKE) -f $(srctree)/Makefile $$t; done
.PHONY: __sequential $(goals)
mixed := 1
endif
endif

ifneq ($(mixed),1)

all:

# ---------------------------------------------------------------- deps
# Fresh machine: what is missing was installed above, before the first use
# of PYTHON; `make deps` does it on its own.
deps:
	$(Q)$(srctree)/ci/install-deps.sh

# ---------------------------------------------------------------- config
$(objtree):
	$(Q)mkdir -p $@

menuconfig oldconfig: | $(objtree)
	$(Q)test -f $(KCONFIG_CONFIG) || $(KCONFIG) defconfig $(call defconfig-file,$(DEFCONFIG))
	$(Q)$(KCONFIG) $@

defconfig: | $(objtree)
	$(Q)$(KCONFIG) defconfig $(call defconfig-file,$(DEFCONFIG))

%_defconfig: | $(objtree)
	$(Q)$(if $(filter $@,$(defconfig-names)),:,{ echo "*** No configuration '$@'.  Valid names:" >&2; \
		for n in $(defconfig-names); do echo "***   $$n" >&2; done; exit 1; })
	$(Q)$(KCONFIG) defconfig $(call defconfig-file,$@)

alldefconfig olddefconfig listnewconfig: | $(objtree)
	$(Q)test -f $(KCONFIG_CONFIG) || { echo "*** no $(KCONFIG_CONFIG): run 'make defconfig' first" >&2; exit 1; }
	$(Q)$(KCONFIG) $@

savedefconfig: | $(objtree)
	$(Q)test -f $(KCONFIG_CONFIG) || { echo "*** no $(KCONFIG_CONFIG): run 'make defconfig' first" >&2; exit 1; }
	$(Q)$(KCONFIG) savedefconfig $(objtree)/defconfig
	@echo "  GEN      $(objtree)/defconfig (copy it to boards/<arch>/<board>/<board>_defconfig)"

.PHONY: menuconfig oldconfig defconfig alldefconfig olddefconfig listnewconfig savedefconfig deps

# randconfig / allnoconfig / allyesconfig, as in Kbuild: KCONFIG_SEED=
# reproduces a randconfig (its seed is printed), KCONFIG_ALLCONFIG=file
# fixes some values first (e.g. scripts/explore/riscv.config: the QEMU
# board and the selftest application).
randconfig allnoconfig allyesconfig: | $(objtree)
	$(Q)KCONFIG_SEED=$(KCONFIG_SEED) KCONFIG_ALLCONFIG=$(KCONFIG_ALLCONFIG) $(KCONFIG) $@
.PHONY: randconfig allnoconfig allyesconfig

# ---------------------------------------------------------------- build
ifneq ($(build-goals),)

# No configuration yet: start from the default one, as `make run` promises.
$(KCONFIG_CONFIG): | $(objtree)
	@echo "*** No configuration in $(objtree): using $(DEFCONFIG)"
	$(Q)$(KCONFIG) defconfig $(call defconfig-file,$(DEFCONFIG))

# syncconfig: .config -> autoconf.h, auto.conf and include/config/*.h (one
# empty file per symbol, touched when its value changes; scripts/fixdep.py
# makes objects depend on the symbols they use).
# (The wildcard catches Kconfig files that appear later: osource'd ones.)
$(objtree)/include/config/auto.conf: $(KCONFIG_CONFIG) $(srctree)/Kconfig \
		$(wildcard $(srctree)/*/Kconfig* $(srctree)/*/*/Kconfig* \
			$(srctree)/boards/*/*/Kconfig*)
	$(quiet) SYNC $(subst $(objtree)/,,$@)
	$(Q)$(KCONFIG) syncconfig
	$(Q)touch $@

# APP=<dir> is an input of the configuration too: a stamp that changes with
# it re-runs syncconfig, which selects (or drops) the external application.
app-stamp := $(objtree)/include/config/app.stamp
$(shell mkdir -p $(dir $(app-stamp)); [ -f $(app-stamp) ] && [ "$$(cat $(app-stamp))" = "$(APP)" ] || echo "$(APP)" > $(app-stamp))
$(objtree)/include/config/auto.conf: $(app-stamp)

-include $(objtree)/include/config/auto.conf.cmd
include $(objtree)/include/config/auto.conf

unquote = $(patsubst "%",%,$(1))
ARCH := $(call unquote,$(CONFIG_ARCH))
BOARD := $(call unquote,$(CONFIG_BOARD))
APP_NAME := $(call unquote,$(CONFIG_APP_NAME))

# On the very first run auto.conf does not exist yet: make builds it from
# the rule above and restarts, and only then are the rules below defined.
ifneq ($(ARCH),)
include $(srctree)/arch/$(ARCH)/arch.mk
-include $(srctree)/boards/$(ARCH)/$(BOARD)/board.mk

CC := $(CROSS_COMPILE)gcc
LD := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
OBJDUMP := $(CROSS_COMPILE)objdump
NM := $(CROSS_COMPILE)nm

ifeq ($(shell command -v $(CC)),)
$(shell $(srctree)/ci/install-deps.sh >&2)
endif

KBUILD_CPPFLAGS := -D__KERNEL__ -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-I$(srctree)/include \
	-I$(srctree)/arch/$(ARCH)/include -I$(objtree)/include \
	-include $(objtree)/include/generated/autoconf.h \
	-include $(srctree)/include/kernel/kconfig.h
# One section per function and per object: --gc-sections drops what
# nothing references.
KBUILD_CFLAGS := -std=gnu11 $(if $(CONFIG_CC_OPTIMIZE_FOR_SIZE),-Os,-O2) -g \
	-Wall -Wextra -Werror -ffreestanding \
	-nostdlib -fno-pie -fno-pic -fno-stack-protector -fno-common \
	-fno-omit-frame-pointer -fno-strict-aliasing -ffunction-sections \
	-fdata-sections -Wno-unused-parameter $(ARCH_CFLAGS)
KBUILD_AFLAGS := -D__ASSEMBLY__ $(ARCH_AFLAGS)
# Application code sees the libc subset's standard headers as well.
APP_CPPFLAGS := -I$(srctree)/include/libc

obj-y :=
app-y :=
include $(srctree)/arch/$(ARCH)/objs.mk
include $(srctree)/lib/objs.mk
include $(srctree)/kernel/objs.mk
include $(srctree)/mm/objs.mk
include $(srctree)/drivers/objs.mk
include $(srctree)/tests/kernel/objs.mk
ifeq ($(CONFIG_APP_EXTERNAL),y)
# Without APP this auto.conf is stale: app.stamp re-runs syncconfig.
ifneq ($(APP),)
APP_DIR := $(abspath $(APP))
appsrc := $(APP_DIR)
include $(APP_DIR)/app.mk
endif
else
APP_DIR := $(srctree)/app/$(APP_NAME)
appsrc := $(APP_DIR)
include $(APP_DIR)/objs.mk
endif

LDS := $(objtree)/arch/$(ARCH)/kernel.lds
kobjs := $(addprefix $(objtree)/,$(obj-y))
aobjs := $(addprefix $(objtree)/app/,$(app-y))
allobjs := $(kobjs) $(aobjs)

FIXDEP = $(PYTHON) $(srctree)/scripts/fixdep.py

# Objects need autoconf.h before their first compile, but do not depend on
# it: fixdep's .d files name include/config/<sym>.h for each symbol a file
# uses, which syncconfig touches only when that symbol's value changes.
$(allobjs): | $(objtree)/include/config/auto.conf
# $(call update-stamp,FILE,VAR): FILE holds $(VAR); rewritten (newer) only
# when the value differs.
str-eq = $(and $(findstring x$(1),x$(2)),$(findstring x$(2),x$(1)))
update-stamp = $(if $(call str-eq,$(file <$(1)),$(strip $($(2)))),,$(file >$(1),$(strip $($(2)))))
# They do depend on the compile command, which options like
# CC_OPTIMIZE_FOR_SIZE change without any source naming them (Kbuild's
# .cmd files): a stamp rewritten only when the command differs.
cflags-stamp := $(objtree)/include/config/cflags.stamp
cflags-now := $(CC) $(KBUILD_CPPFLAGS) $(KBUILD_CFLAGS) $(KBUILD_AFLAGS)
$(call update-stamp,$(cflags-stamp),cflags-now)
$(allobjs) $(LDS): $(cflags-stamp)
# The application's objects share $(O)/app/ whichever application is built:
# they also depend on where their sources are and on the app's own flags.
appflags-stamp := $(objtree)/include/config/appflags.stamp
appflags-now := $(appsrc) $(APP_CPPFLAGS) $(APP_CFLAGS)
$(call update-stamp,$(appflags-stamp),appflags-now)
$(aobjs): $(appflags-stamp)

define compile
	$(quiet) $(1) $(subst $(objtree)/,,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(2) -MD -MF $(@:.o=.d.tmp) -c -o $@ $<
	$(Q)$(FIXDEP) $(@:.o=.d.tmp) $@ $(objtree) $(@:.o=.d) $(@:.o=.json) $(srctree) $< $(2) \
		&& rm -f $(@:.o=.d.tmp)
endef

$(objtree)/%.o: $(srctree)/%.c
	$(call compile,CC,$(CC) $(KBUILD_CPPFLAGS) $(KBUILD_CFLAGS) $(CFLAGS_$(notdir $@)))
$(objtree)/%.o: $(srctree)/%.S
	$(call compile,AS,$(CC) $(KBUILD_CPPFLAGS) $(KBUILD_CFLAGS) $(KBUILD_AFLAGS))
$(objtree)/app/%.o: $(appsrc)/%.c
	$(call compile,CC,$(CC) $(KBUILD_CPPFLAGS) $(APP_CPPFLAGS) $(KBUILD_CFLAGS) $(APP_CFLAGS))
$(objtree)/app/%.o: $(appsrc)/%.S
	$(call compile,AS,$(CC) $(KBUILD_CPPFLAGS) $(APP_CPPFLAGS) $(KBUILD_CFLAGS) $(KBUILD_AFLAGS))

-include $(allobjs:.o=.d)

# Linker script: preprocessed so it can use CONFIG_ values (fixdep tracks
# which, as for objects).
$(LDS): $(srctree)/arch/$(ARCH)/kernel.lds.S | $(objtree)/include/config/auto.conf
	$(quiet) LDS $(subst $(objtree)/,,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -E -P -x c $(KBUILD_CPPFLAGS) -D__ASSEMBLY__ -D__LINKER__ \
		-MD -MF $@.d.tmp -MT $@ $< -o $@
	$(Q)$(FIXDEP) $@.d.tmp $@ $(objtree) $@.d /dev/null $(srctree) $< $(CC) && rm -f $@.d.tmp
-include $(LDS).d

# Link in two passes so backtraces have names: the symbol table lives after
# .text, so its size cannot move any function (scripts/kallsyms.py).
# Arch support libraries (x86: libgcc; RISC-V brings its own helpers).
LIBGCC := $(ARCH_LIBS)
KLINK = $(LD) -nostdlib -static --gc-sections -T $(LDS) $(ARCH_LDFLAGS)
$(objtree)/kernel.elf: $(allobjs) $(LDS) $(srctree)/scripts/kallsyms.py
	$(quiet) LD $(subst $(objtree)/,,$@)
	$(Q)printf '\t.section .rodata.kallsyms,"a"\n\t.globl kallsyms_table\nkallsyms_table:\n\t.quad 0\n' > $(objtree)/.kallsyms0.S
	$(Q)$(CC) $(KBUILD_CPPFLAGS) $(KBUILD_CFLAGS) $(KBUILD_AFLAGS) -c $(objtree)/.kallsyms0.S -o $(objtree)/.kallsyms0.o
	$(Q)$(KLINK) -o $(objtree)/.tmp_kernel.elf $(allobjs) $(objtree)/.kallsyms0.o $(LIBGCC)
ifeq ($(CONFIG_KALLSYMS),y)
	$(quiet) KSYM $(subst $(objtree)/,,$(objtree)/.kallsyms.S)
	$(Q)$(NM) -n $(objtree)/.tmp_kernel.elf | $(PYTHON) $(srctree)/scripts/kallsyms.py > $(objtree)/.kallsyms.S
	$(Q)$(CC) $(KBUILD_CPPFLAGS) $(KBUILD_CFLAGS) $(KBUILD_AFLAGS) -c $(objtree)/.kallsyms.S -o $(objtree)/.kallsyms.o
	$(Q)$(KLINK) -o $@ $(allobjs) $(objtree)/.kallsyms.o $(LIBGCC)
	$(Q)$(NM) -n $@ | grep -i ' t ' | cmp -s - <($(NM) -n $(objtree)/.tmp_kernel.elf | grep -i ' t ') || \
		{ echo "kallsyms: text moved between link passes" >&2; exit 1; }
else
	$(Q)cp $(objtree)/.tmp_kernel.elf $@
endif

$(objtree)/kernel.bin: $(objtree)/kernel.elf
	$(quiet) OBJCOPY $(subst $(objtree)/,,$@)
	$(Q)$(OBJCOPY) -O binary $< $@

$(objtree)/kernel.lst: $(objtree)/kernel.elf
	$(quiet) OBJDUMP $(subst $(objtree)/,,$@)
	$(Q)$(OBJDUMP) -d $< > $@

$(objtree)/System.map: $(objtree)/kernel.elf
	$(quiet) NM $(subst $(objtree)/,,$@)
	$(Q)$(NM) -n $< > $@

$(objtree)/compile_commands.json: $(allobjs)
	$(quiet) GEN $(subst $(objtree)/,,$@)
	$(Q)$(PYTHON) $(srctree)/scripts/ccjson.py --merge $(allobjs:.o=.json) > $@

all: $(objtree)/kernel.elf $(objtree)/kernel.bin $(objtree)/kernel.lst \
	$(objtree)/System.map $(objtree)/compile_commands.json $(ARCH_EXTRA_TARGETS)
	@echo "  KERNEL   $(subst $(srctree)/,,$(objtree))/kernel.elf ($(ARCH), $(BOARD), app $(APP_NAME))"

# ---------------------------------------------------------------- run
QEMU_APPEND ?=
run: all
	$(Q)$(srctree)/ci/install-deps.sh >/dev/null
	$(Q)$(PYTHON) $(srctree)/ci/qemu.py --arch $(ARCH) --board $(BOARD) \
		--kernel $(objtree)/kernel.elf --append "$(QEMU_APPEND)" --interactive $(QEMU_EXTRA)

# GDB_PORT: the gdb stub's TCP port on localhost (tests use a free one).
GDB_PORT ?= 1234
debug: all
	$(Q)$(srctree)/ci/install-deps.sh >/dev/null
	@echo "*** gdb stub on localhost:$(GDB_PORT); QEMU waits for the debugger.  Attach with:"
	@echo "    $(GDB) $(objtree)/kernel.elf -ex 'target remote :$(GDB_PORT)'"
	$(Q)$(PYTHON) $(srctree)/ci/qemu.py --arch $(ARCH) --board $(BOARD) \
		--kernel $(objtree)/kernel.elf --append "$(QEMU_APPEND)" --interactive \
		--gdb --gdb-port $(GDB_PORT) $(QEMU_EXTRA)

# make image IMAGE_APPEND="...": boot arguments written into the image's
# boot menu or script, on every arch.  arch/$(ARCH)/image.mk sets image-args
# to every variable its images depend on; $(O)/.image-args changes only when
# they do, so `make image` remakes the images then and only then.
IMAGE_APPEND ?=
image-sq = '$(subst ','\'',$(1))'
$(objtree)/.image-args: image-force
	$(Q)printf '%s\n' $(call image-sq,$(image-args)) | cmp -s - $@ || \
		printf '%s\n' $(call image-sq,$(image-args)) > $@
.PHONY: image-force

# What `make image` prints to flash this build's image: with its O= (and
# APP=), so that the copied command does not flash another build's image.
flash-hint = make O=$(O)$(if $(APP), APP=$(APP)) flash DEV=/dev/sdX
-include $(srctree)/arch/$(ARCH)/image.mk

# make image flash DEV=/dev/sdX: write the image that arch/$(ARCH)/image.mk
# names in FLASH_IMAGE to a removable disk, then verify it (FORCE=1: no
# question).  scripts/flash.sh refuses fixed, mounted or busy disks.
ifneq ($(filter flash,$(MAKECMDGOALS)),)
ifeq ($(strip $(DEV)),)
$(error flash: no target given: make flash DEV=/dev/sdX (see docs/flashing.md))
endif
endif
flash: image
	$(Q)test -n "$(FLASH_IMAGE)" || { echo "*** flash: $(ARCH) has no FLASH_IMAGE" >&2; exit 1; }
	$(Q)FORCE=$(FORCE) $(srctree)/scripts/flash.sh $(FLASH_IMAGE) "$(DEV)"

endif # ARCH
.PHONY: all run debug flash
endif # build-goals
endif # mixed

# ---------------------------------------------------------------- tests
# Host tests: each tests/host/*.mk adds names to HOST_TESTS and lists their
# sources; all are built with ASan + UBSan against the host arch contract.
HOST_TESTS :=
BENCH_PROGS :=
include $(wildcard $(srctree)/tests/host/*.mk)
# What every host program links beside its own sources: the host stand-ins
# (TAP, simulated RAM, printk capture, no symbol table) and the kernel's
# printk() over them.
HOST_ENV_SRCS := tests/host/host.c tests/host/host_irq.c tests/host/host_ksym.c lib/printk_entry.c
# $(call host_prog,PROGRAM,SOURCES,CC,FLAGS,LDLIBS[,MORE]): PROGRAM linked
# from one object per source (under PROGRAM.objs/, compiled with CC and
# FLAGS), each with its own dependency file, so a header change recompiles
# exactly the objects that include it and a no-op make runs no compiler.
# MORE: files every object depends on too (the .mk that sets the flags).
# FLAGS and LDLIBS are expanded when the rule runs: pass $$(VAR).
.PHONY: FORCE
FORCE:

# PROGRAM.objs/.cmd holds the program's compile and link command; when it
# changes (flags in a .mk file or on the make command line) its objects are
# rebuilt and it is relinked, as Kbuild's if_changed does.  Without it an
# object built with other flags (a struct of another layout) links silently.
define host_prog
$(1)-objs := $$(patsubst %.c,$(1).objs/%.o,$$(sort $(2)))
$(1).objs/.cmd: FORCE
	$$(Q)mkdir -p $$(@D)
	$$(Q)printf '%s\n' '$(3) $(4) $(5)' | cmp -s - $$@ || \
		printf '%s\n' '$(3) $(4) $(5)' > $$@
$(1): $$($(1)-objs) $(1).objs/.cmd
	$$(quiet) LD $$(subst $$(objtree)/,,$$@)
	$$(Q)$(3) $(4) -o $$@ $$(filter %.o,$$^) $(5)
$$($(1)-objs): $(1).objs/%.o: $$(srctree)/%.c $(6) $(1).objs/.cmd
	$$(quiet) HOSTCC $$(subst $$(objtree)/,,$$@)
	$$(Q)mkdir -p $$(@D)
	$$(Q)$(3) $(4) -MD -MP -MF $$(@:.o=.d) -c -o $$@ $$<
-include $$($(1)-objs:.o=.d)
endef
-include $(srctree)/bench/bench.mk
-include $(srctree)/tests/fuzz/fuzz.mk
-include $(srctree)/tools/memmap/memmap.mk
HOSTCC ?= gcc
HOST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
HOST_CPPFLAGS := -I$(srctree)/include -I$(srctree)/tests/host/include \
	-I$(srctree)/tests/host \
	-include $(srctree)/tests/host/include/generated/autoconf.h \
	-include $(srctree)/include/kernel/kconfig.h
hostobj := $(objtree)/host
# host-<test>-sanitize replaces ASan+UBSan (e.g. -fsanitize=thread).
host_sanitize = $(if $(host-$(1)-sanitize),$(filter-out -fsanitize=% \
	-fno-sanitize-recover=%,$(HOST_CFLAGS)) $(host-$(1)-sanitize),$(HOST_CFLAGS))

$(foreach t,$(HOST_TESTS),$(eval $(call host_prog,$(hostobj)/$(t),\
	$(HOST_ENV_SRCS) $(host-$(t)-srcs),$$(HOSTCC),\
	$$(HOST_CPPFLAGS) $$(call host_sanitize,$(t)) $$(host-$(t)-cflags),\
	$$(host-$(t)-ldlibs))))

host-tests: $(addprefix $(hostobj)/,$(HOST_TESTS))

# The exploration: random configurations and memory topologies.
-include $(srctree)/tests/explore/explore.mk

# make check: everything a submission must pass, summarised in one line.
check:
	$(Q)$(srctree)/ci/install-deps.sh >/dev/null
	$(Q)$(MAKE) -f $(srctree)/Makefile O=$(O) host-tests
	$(Q)$(PYTHON) $(srctree)/tests/run_tests.py --srctree $(srctree) \
		--objtree $(objtree) --host-tests "$(HOST_TESTS)" \
		--fuzz-seconds $(or $(FUZZ_CHECK_SECONDS),0) $(EXPLORE_CHECK_ARGS) \
		$(CHECK_ARGS)

# make soak: memstress with SOAK_OPS random operations on each arch in QEMU
# (a selftest build per arch under $(O)/soak/), then the figures.
SOAK_OPS ?= 10000000
soak:
	$(Q)st=0; for ab in riscv:qemu_riscv64_virt x86:qemu_x86_64; do \
		arch=$${ab%%:*}; board=$${ab#*:}; out=$(objtree)/soak/$$arch; \
		$(MAKE) -f $(srctree)/Makefile O=$$out $${board}_defconfig >/dev/null && \
		echo CONFIG_APP_SELFTEST=y >> $$out/.config && \
		$(MAKE) -f $(srctree)/Makefile O=$$out olddefconfig >/dev/null && \
		$(MAKE) -f $(srctree)/Makefile O=$$out all >/dev/null || exit 1; \
		echo "soak: $$arch: $(SOAK_OPS) operations ($$out/soak.log)"; \
		$(PYTHON) $(srctree)/ci/qemu.py --arch $$arch --board $$board \
			--kernel $$out/kernel.elf --timeout 3600 --log $$out/soak.log \
			--append "memstress.ops=$(SOAK_OPS) -- memstress" >/dev/null 2>&1 || st=1; \
		grep -h -e "memstress:" -e "# Totals" $$out/soak.log | sed "s/^/soak: $$arch: /"; \
	done; exit $$st

check-boot:
	$(Q)$(PYTHON) $(srctree)/tests/run_tests.py --srctree $(srctree) \
		--objtree $(objtree) --boot-only $(EXPLORE_CHECK_ARGS) $(CHECK_ARGS)

# ---------------------------------------------------------------- misc
FORMAT_FILES = $(shell cd $(srctree) && git ls-files '*.c' '*.h' 2>/dev/null || \
	find . -name '*.[ch]' -not -path './build*')
format:
	$(Q)cd $(srctree) && clang-format -i $(FORMAT_FILES)
format-check:
	$(Q)cd $(srctree) && clang-format --dry-run -Werror $(FORMAT_FILES) && echo "format-check: clean"

clean:
	$(Q)rm -rf $(objtree)/*/ $(objtree)/kernel.* $(objtree)/System.map \
		$(objtree)/compile_commands.json $(objtree)/.tmp_* $(objtree)/.kallsyms*
mrproper distclean:
	$(Q)rm -rf $(objtree)

help:
	@echo 'Configuration (written to $$(O)/.config):'
	@echo '  defconfig         - default board ($(DEFCONFIG))'
	@echo '  <board>_defconfig - one of:'
	@for n in $(defconfig-names); do echo "                      $$n"; done
	@echo '  menuconfig        - curses configuration editor'
	@echo '  oldconfig         - ask about new options only'
	@echo '  olddefconfig      - take defaults for new options'
	@echo '  savedefconfig     - write a minimal $$(O)/defconfig'
	@echo '  listnewconfig     - list options not set in .config'
	@echo '  randconfig        - random values (KCONFIG_SEED=0x.. reproduces, it is printed;'
	@echo '                      KCONFIG_ALLCONFIG=file fixes some values first)'
	@echo '  allnoconfig / allyesconfig - every visible option off / on'
	@echo ''
	@echo 'Build and run:'
	@echo '  all (default)     - kernel.elf, kernel.bin, kernel.lst (disassembly),'
	@echo '                      System.map and compile_commands.json in $$(O)'
	@echo '  run               - build, then boot under QEMU; exits with the app status'
	@echo '  debug             - like run, with a gdb stub on :$$(GDB_PORT) (default 1234; QEMU waits)'
	@echo '  image             - bootable images for flashing (see docs/flashing.md):'
	@echo '                      riscv: Image, kernel.itb, boot.scr, sdcard.img; x86: kite.iso'
	@echo '  flash             - write the image to DEV=/dev/sdX (SD card, USB stick), verify'
	@echo '  clean / mrproper  - remove objects / the whole $$(O) with .config'
	@echo ''
	@echo 'Tests and tools:'
	@echo '  check             - host unit tests + QEMU boot tests; ends "N passed, N failed"'
	@echo '  host-tests        - build the host unit tests only'
	@echo '  check-boot        - QEMU boot tests only (CHECK_ARGS="--filter virt")'
	@echo '  soak              - memstress, SOAK_OPS=10000000 operations per arch in QEMU'
	@echo '  fuzz              - libFuzzer targets, each for FUZZ_SECONDS (300);'
	@echo '                      FUZZERS="fdt cmdline printf memblock e820 page_alloc slab"'
	@echo '                      picks some; FUZZ_JOBS=2 runs two at a time'
	@echo '  randconfig-check  - N=10 random configurations built and booted with the'
	@echo '                      selftest app; seeds of failures (KCONFIG_SEED=first)'
	@echo '  explore-topology  - TOPOLOGIES=10000 random memory topologies on the host,'
	@echo '                      every bootmem variant, compared (SEED=first)'
	@echo '  explore           - acceptance run: EXPLORE_CONFIGS=100 configurations,'
	@echo '                      EXPLORE_TOPOLOGIES=10000 topologies, EXPLORE_BOOTS=10'
	@echo '                      of them booted in QEMU per backend'
	@echo '  memmap-tool       - $$(O)/tools/memmap: what the kernel makes of a DTB'
	@echo '                      or an E820 table (docs/bringup.md)'
	@echo '  format            - clang-format every C file'
	@echo '  format-check      - fail if any file is not clang-format clean'
	@echo '  deps              - install missing Debian packages (ci/install-deps.sh)'
	@echo ''
	@echo 'Variables:'
	@echo '  O=dir             - output directory (default: build)'
	@echo '  V=1               - print full command lines'
	@echo '  CROSS_COMPILE=    - toolchain prefix (default: detected riscv64-unknown-elf-'
	@echo '                      or riscv64-linux-gnu-; x86_64 uses the host gcc)'
	@echo '  APP=dir           - build the external application in dir (app.mk + sources)'
	@echo '  QEMU_APPEND="..." - kernel command line for run/debug; app args after --'
	@echo '  QEMU_EXTRA="..."  - extra QEMU arguments for run/debug'
	@echo '  DEV=/dev/sdX      - flash: target disk (or a regular file); FORCE=1 skips'
	@echo '                      the confirmation'
	@echo '  IMAGE_APPEND=".." - image/flash: boot arguments in the image (riscv:'
	@echo '                      extlinux.conf, boot.scr; x86: the ISO'"'"'s grub.cfg)'
	@echo '  DEFCONFIG=name    - configuration used by defconfig'
	@echo '  CHECK_ARGS="..."  - passed to tests/run_tests.py (--filter NAME, --no-boot, --list)'
	@echo '  CHECK_TOPOLOGIES=300 CHECK_TOPOLOGY_BOOTS=1 CHECK_RANDCONFIGS=2'
	@echo '                    - how much of the exploration make check runs (0: none)'
	@echo '  SEED= / KCONFIG_SEED= - pin the topologies / random configurations'

.PHONY: check check-boot soak host-tests format format-check clean mrproper distclean help
