# SPDX-License-Identifier: MIT
# RISC-V toolchain and flags.  CROSS_COMPILE is found automatically.
CROSS_COMPILE ?= $(shell for p in riscv64-unknown-elf- riscv64-linux-gnu-; do \
	command -v $${p}gcc >/dev/null 2>&1 && { echo $$p; break; }; done)
ifeq ($(CROSS_COMPILE),)
CROSS_COMPILE := riscv64-unknown-elf-
endif
# medany: the kernel runs at 0x80200000, outside medlow's +-2 GiB of 0.
# No F/D: traps save no FP state (CONFIG_RISCV_ISA).
ARCH_CFLAGS := -march=$(patsubst "%",%,$(CONFIG_RISCV_ISA)) -mabi=lp64 \
	-mcmodel=medany -mno-save-restore
ARCH_AFLAGS :=
ARCH_LDFLAGS := -z max-page-size=4096 --no-warn-rwx-segments
GDB ?= gdb-multiarch

# Board devicetrees (boards/riscv/<board>/<board>.dts) compiled with dtc
# into $(O)/dts/<board>.dtb; one may be linked in.
board-dts := $(wildcard $(srctree)/boards/riscv/*/*.dts)
board-dtb = $(objtree)/dts/$(notdir $(1:.dts=.dtb))
$(foreach d,$(board-dts),$(eval $(call board-dtb,$(d)): $(d)))
$(foreach d,$(board-dts),$(call board-dtb,$(d))):
	$(quiet) DTC $(subst $(objtree)/,,$@)
	$(Q)mkdir -p $(@D)
	$(Q)dtc -q -I dts -O dtb -o $@ $<
ifeq ($(CONFIG_BUILTIN_DTB),y)
BUILTIN_DTB := $(objtree)/dts/$(patsubst "%",%,$(CONFIG_BUILTIN_DTB_NAME)).dtb
$(objtree)/arch/riscv/boot/builtin_dtb.o: $(BUILTIN_DTB)
$(objtree)/arch/riscv/boot/builtin_dtb.o: KBUILD_AFLAGS += -DBUILTIN_DTB_PATH=\"$(BUILTIN_DTB)\"
endif
dtbs: $(foreach d,$(board-dts),$(call board-dtb,$(d)))
.PHONY: dtbs
