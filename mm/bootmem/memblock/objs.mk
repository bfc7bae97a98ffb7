# SPDX-License-Identifier: MIT
obj-$(CONFIG_BOOTMEM_MEMBLOCK) += mm/bootmem/memblock/bootmem_memblock.o
