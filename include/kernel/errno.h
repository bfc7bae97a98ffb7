/* SPDX-License-Identifier: MIT */
/*
 * The one error convention: functions return 0 or a negative errno from this
 * header; allocators return NULL (or 0 for physical addresses) on failure.
 * The numbers are Linux's, so logs read the same.
 */
#ifndef _KERNEL_ERRNO_H
#define _KERNEL_ERRNO_H

#define EPERM 1
#define ENOENT 2
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define ENOEXEC 8
#define EAGAIN 11
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define ENODEV 19
#define EINVAL 22
#define ENOSPC 28
#define ERANGE 34
#define ENOSYS 38
#define ENODATA 61
#define EOVERFLOW 75
#define EILSEQ 84
#define EOPNOTSUPP 95
#define ETIMEDOUT 110

#endif /* _KERNEL_ERRNO_H */
