/* SPDX-License-Identifier: MIT */
/*
 * Get-free-page flags, with Linux's names and meanings.
 *
 * Zone modifiers pick the highest zone an allocation may use (gfp_zone());
 * the allocator then falls back *downwards* through the zonelist.
 */
#ifndef _MM_GFP_H
#define _MM_GFP_H

#include <kernel/types.h>

typedef unsigned int gfp_t;

/* zone modifiers */
#define __GFP_DMA 0x01u
#define __GFP_DMA32 0x04u
#define __GFP_MOVABLE 0x08u /* also selects the MOVABLE migratetype */
#define GFP_ZONEMASK (__GFP_DMA | __GFP_DMA32 | __GFP_MOVABLE)

/* migratetype hints */
#define __GFP_RECLAIMABLE 0x10u

/* action modifiers */
#define __GFP_HIGH 0x20u     /* may dip into the min watermark reserve */
#define __GFP_ATOMIC 0x40u   /* cannot sleep or reclaim: ALLOC_HARDER */
#define __GFP_MEMALLOC 0x80u /* ALLOC_NO_WATERMARKS: emergency reserves */
#define __GFP_NOWARN 0x100u  /* no failure report */
#define __GFP_NOFAIL 0x200u  /* retry forever */
#define __GFP_NORETRY 0x400u
#define __GFP_ZERO 0x800u      /* return zeroed memory */
#define __GFP_THISNODE 0x1000u /* no fallback to other nodes */
#define __GFP_RECLAIM 0x2000u  /* may call shrinkers in the slow path */
#define __GFP_COMP 0x4000u     /* compound page (head/tail marked) */

#define GFP_ATOMIC (__GFP_HIGH | __GFP_ATOMIC)
#define GFP_KERNEL (__GFP_RECLAIM)
#define GFP_NOWAIT 0u
#define GFP_DMA __GFP_DMA
#define GFP_DMA32 __GFP_DMA32
#define GFP_USER (__GFP_RECLAIM)
#define GFP_HIGHUSER_MOVABLE (__GFP_RECLAIM | __GFP_MOVABLE)

#endif /* _MM_GFP_H */
