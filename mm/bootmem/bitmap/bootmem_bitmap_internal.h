/* SPDX-License-Identifier: MIT */
/*
 * Private to the bitmap bootmem backend (mm/bootmem/bitmap/):
 * bootmem_bitmap.c (the bitmaps and the allocator over them) and
 * bootmem_bitmap_handoff.c (from memblock, to the buddy).
 */
#ifndef _MM_BOOTMEM_BITMAP_INTERNAL_H
#define _MM_BOOTMEM_BITMAP_INTERNAL_H

#include <mm/bootmem_bitmap.h>

#include "../../bootmem_internal.h"

/* Every node's bootmem_data_t with a map, sorted by node_min_pfn. */
extern struct list_head bdata_list;

#endif /* _MM_BOOTMEM_BITMAP_INTERNAL_H */
