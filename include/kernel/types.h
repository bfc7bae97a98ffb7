/* SPDX-License-Identifier: MIT */
/*
 * Basic fixed-width types shared by the kernel and the host build of mm/.
 * Only freestanding headers are used, so this works in both worlds.
 */
#ifndef _KERNEL_TYPES_H
#define _KERNEL_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

/* A physical address: always 64 bits wide, on every arch and on the host. */
typedef u64 phys_addr_t;
typedef u64 resource_size_t;

#ifndef __KERNEL_SSIZE_T
#define __KERNEL_SSIZE_T
typedef long kssize_t;
#endif

#define PHYS_ADDR_MAX (~(phys_addr_t)0)
#define ULONG_MAX_K (~0UL)

#define BITS_PER_LONG (8 * (int)sizeof(long))
#define BITS_PER_LONG_LONG 64

#endif /* _KERNEL_TYPES_H */
