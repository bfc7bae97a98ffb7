/* SPDX-License-Identifier: MIT */
/* What mm/ gives the boot sequence (mm/boot.c). */
#ifndef _MM_BOOT_H
#define _MM_BOOT_H

#include <kernel/types.h>

/* Bring up zones, the buddy allocator and the slab. */
void mm_init(void);
/* Poison and free the __init sections. */
void free_initmem(void);
/* True once the __init sections are poisoned and in the buddy allocator. */
extern bool initmem_freed;
/*
 * True while free_initmem() has put off its work (memblock_discard() and
 * freeing the __init sections) until deferred struct page init is done.
 */
extern bool initmem_postponed;
/*
 * Finish deferred struct page init (CONFIG_DEFERRED_STRUCT_PAGE_INIT), then
 * free the __init sections free_initmem() had to keep; a no-op otherwise.
 * Not __init: the application may call it once it is up.
 */
void mm_deferred_init_finish(void);

#endif /* _MM_BOOT_H */
