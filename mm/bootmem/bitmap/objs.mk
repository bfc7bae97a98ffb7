# SPDX-License-Identifier: MIT
obj-$(CONFIG_BOOTMEM_BITMAP) += mm/bootmem/bitmap/bootmem_bitmap.o \
	mm/bootmem/bitmap/bootmem_bitmap_handoff.o
