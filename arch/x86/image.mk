# SPDX-License-Identifier: MIT
# `make image`: a hybrid BIOS + UEFI GRUB ISO ($(O)/kite.iso) booting
# kernel.elf with multiboot2.  grub-mkrescue includes the i386-pc and
# x86_64-efi platforms it finds installed (grub-pc-bin, grub-efi-amd64-bin).
#
# Variables (make image VAR=...), as on RISC-V:
#   IMAGE_APPEND    boot arguments on grub.cfg's multiboot2 line; Kite puts
#                   CONFIG_CMDLINE in front of them itself (default: none)
ifneq ($(origin IMAGE_CMDLINE),undefined)
$(error IMAGE_CMDLINE is now IMAGE_APPEND, as on RISC-V: make image IMAGE_APPEND="...")
endif
ISO_DIR := $(objtree)/iso
# `make flash` writes the ISO to a USB stick (docs/flashing.md).
FLASH_IMAGE := $(objtree)/kite.iso

# Rebuild the ISO when the arguments change, and only then.
image-args := $(IMAGE_APPEND)

$(objtree)/kite.iso: $(objtree)/kernel.elf $(srctree)/arch/x86/image.mk $(objtree)/.image-args
	$(quiet) ISO $(subst $(objtree)/,,$@)
	$(Q)rm -rf $(ISO_DIR) && mkdir -p $(ISO_DIR)/boot/grub
	$(Q)cp $< $(ISO_DIR)/boot/kernel.elf
	$(Q)printf 'set timeout=0\nset default=0\nmenuentry "Kite" {\n\tmultiboot2 /boot/kernel.elf %s\n\tboot\n}\n' \
		$(call image-sq,$(IMAGE_APPEND)) > $(ISO_DIR)/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $@ $(ISO_DIR) >$(objtree)/.grub-mkrescue.log 2>&1 || \
		{ cat $(objtree)/.grub-mkrescue.log >&2; exit 1; }

image: $(objtree)/kite.iso
	@echo "  IMAGE    $(subst $(srctree)/,,$(objtree))/kite.iso (GRUB, BIOS + UEFI, multiboot2): to write it: $(flash-hint)"
.PHONY: image
