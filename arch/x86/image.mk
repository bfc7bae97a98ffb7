# SPDX-License-Identifier: MIT
# `make image`: a hybrid BIOS + UEFI GRUB ISO ($(O)/kite.iso) booting
# kernel.elf with multiboot2.  grub-mkrescue includes the i386-pc and
# x86_64-efi platforms it finds installed (grub-pc-bin, grub-efi-amd64-bin).
# The kernel command line comes from IMAGE_CMDLINE.
IMAGE_CMDLINE ?=
ISO_DIR := $(objtree)/iso
# `make flash` writes the ISO to a USB stick (docs/flashing.md).
FLASH_IMAGE := $(objtree)/kite.iso

$(objtree)/kite.iso: $(objtree)/kernel.elf $(srctree)/arch/x86/image.mk
	$(quiet) ISO $(subst $(objtree)/,,$@)
	$(Q)rm -rf $(ISO_DIR) && mkdir -p $(ISO_DIR)/boot/grub
	$(Q)cp $< $(ISO_DIR)/boot/kernel.elf
	$(Q)printf 'set timeout=0\nset default=0\nmenuentry "Kite" {\n\tmultiboot2 /boot/kernel.elf %s\n\tboot\n}\n' \
		'$(IMAGE_CMDLINE)' > $(ISO_DIR)/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $@ $(ISO_DIR) >$(objtree)/.grub-mkrescue.log 2>&1 || \
		{ cat $(objtree)/.grub-mkrescue.log >&2; exit 1; }

image: $(objtree)/kite.iso
	@echo "  IMAGE    $(subst $(srctree)/,,$(objtree))/kite.iso (GRUB, BIOS + UEFI, multiboot2): to write it: $(flash-hint)"
.PHONY: image
