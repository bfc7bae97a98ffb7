# SPDX-License-Identifier: MIT
#
# `make image`: what U-Boot boards boot (docs/flashing.md).  Included by the
# top-level Makefile's build section, so CONFIG_*, BOARD, objtree and the
# Q/quiet conventions are available here.  Everything lands in $(O):
#
#   Image                   raw kernel (objcopy -O binary), starts with the
#                           Linux RISC-V Image header: U-Boot's booti takes it
#   kernel.its, kernel.itb  FIT: Image + dts/$(BOARD).dtb (from the board's
#                           boards/riscv/$(BOARD)/$(BOARD).dts), configuration conf-1
#   extlinux/extlinux.conf  distro boot menu: booti /Image
#   boot.cmd, boot.scr      distro boot script (when extlinux.conf is absent):
#                           load kernel.itb, bootm
#   sdcard.img              GPT disk image, FAT boot partition with all of the
#                           above (+ room for U-Boot where the board needs it)
#
# Variables (make image VAR=...):
#   IMAGE_APPEND    boot arguments for extlinux.conf and boot.scr; Kite puts
#                   CONFIG_CMDLINE in front of them itself (default: none)
#   IMAGE_BOOT_MIB  size of the FAT boot partition in MiB (default 32)
#   UBOOT_SPL, UBOOT_ITB  for sifive_unmatched / starfive_visionfive2: your
#                   U-Boot build's SPL and u-boot.itb, written into their
#                   partitions of sdcard.img (left empty otherwise)

IMAGE_BOOT_MIB ?= 32
UBOOT_SPL ?=
UBOOT_ITB ?=

# `make flash` writes this (the top-level Makefile's flash target).
FLASH_IMAGE := $(objtree)/sdcard.img

MKIMAGE ?= mkimage
mkimage-riscv := $(srctree)/scripts/mkimage-riscv.sh
# Boards without a devicetree source (qemu_sifive_u): no DTB in the FIT or on
# the card; boot.scr then passes U-Boot's own devicetree to bootm.
image-has-dtb := $(if $(wildcard $(srctree)/boards/riscv/$(BOARD)/$(BOARD).dts),y,n)
image-dtb := $(if $(filter y,$(image-has-dtb)),$(objtree)/dts/$(BOARD).dtb)
image-load := $(CONFIG_KERNEL_LOAD_ADDR)
# The FIT's devicetree goes 32 MiB above the kernel: past the largest
# image the linker script allows, where fw_jump puts the FDT as well.
image-fdt := $(shell printf '0x%x' $$(( $(CONFIG_KERNEL_LOAD_ADDR) + 0x2000000 )))
image-label := Kite ($(BOARD), app $(APP_NAME))
image-files := $(addprefix $(objtree)/,Image kernel.itb extlinux/extlinux.conf \
	boot.cmd boot.scr) $(image-dtb)
image-copies := $(objtree)/Image=Image $(objtree)/kernel.itb=kernel.itb \
	$(objtree)/extlinux/extlinux.conf=extlinux/extlinux.conf \
	$(objtree)/boot.cmd=boot.cmd $(objtree)/boot.scr=boot.scr \
	$(if $(image-dtb),$(image-dtb)=$(BOARD).dtb)

# Rebuild what depends on the variables above when they change.
image-args := $(BOARD)|$(IMAGE_APPEND)|$(IMAGE_BOOT_MIB)|$(UBOOT_SPL)|$(UBOOT_ITB)

$(objtree)/Image: $(objtree)/kernel.elf
	$(quiet) OBJCOPY $(subst $(objtree)/,,$@)
	$(Q)$(OBJCOPY) -O binary $< $@

$(objtree)/kernel.its: $(mkimage-riscv) $(objtree)/include/config/auto.conf
	$(quiet) GEN $(subst $(objtree)/,,$@)
	$(Q)$(mkimage-riscv) its Image $(if $(image-dtb),dts/$(BOARD).dtb,-) \
		$(image-load) $(image-fdt) \
		$(call image-sq,$(image-label)) > $@

$(objtree)/kernel.itb: $(objtree)/kernel.its $(objtree)/Image $(image-dtb)
	$(quiet) MKIMAGE $(subst $(objtree)/,,$@)
	$(Q)cd $(objtree) && $(MKIMAGE) -f kernel.its kernel.itb >$(if $(Q),/dev/null,/dev/stdout)

$(objtree)/extlinux/extlinux.conf: $(mkimage-riscv) $(objtree)/.image-args \
		$(objtree)/include/config/auto.conf
	$(quiet) GEN $(subst $(objtree)/,,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(mkimage-riscv) extlinux $(call image-sq,$(image-label)) \
		$(call image-sq,$(IMAGE_APPEND)) $(BOARD).dtb > $@

$(objtree)/boot.cmd: $(srctree)/arch/riscv/boot/boot.cmd $(mkimage-riscv) \
		$(objtree)/.image-args
	$(quiet) GEN $(subst $(objtree)/,,$@)
	$(Q)$(mkimage-riscv) bootcmd $< $(call image-sq,$(IMAGE_APPEND)) \
		$(image-has-dtb) > $@

$(objtree)/boot.scr: $(objtree)/boot.cmd
	$(quiet) MKIMAGE $(subst $(objtree)/,,$@)
	$(Q)$(MKIMAGE) -A riscv -O linux -T script -C none -n "Kite boot script" \
		-d $< $@ >$(if $(Q),/dev/null,/dev/stdout)

$(objtree)/sdcard.img: $(image-files) $(mkimage-riscv) $(objtree)/.image-args \
		$(UBOOT_SPL) $(UBOOT_ITB)
	$(quiet) SDCARD $(subst $(objtree)/,,$@)
	$(Q)$(mkimage-riscv) sdcard $(BOARD) $@ $(IMAGE_BOOT_MIB) \
		$(call image-sq,$(UBOOT_SPL)) $(call image-sq,$(UBOOT_ITB)) \
		$(image-copies)

image: $(objtree)/sdcard.img
	@echo "  IMAGE    $(subst $(srctree)/,,$(objtree))/sdcard.img ($(BOARD)): to write it: $(flash-hint)"

.PHONY: image
