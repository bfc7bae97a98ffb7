/* SPDX-License-Identifier: MIT */
/*
 * errno for the application.  One global `errno` (there is one thread);
 * the values are Linux's, the same as the kernel's <kernel/errno.h>, so a
 * number in a log means the same thing on both sides.
 */
#ifndef _LIBC_ERRNO_H
#define _LIBC_ERRNO_H

#include <kernel/errno.h>

extern int errno;

/* The rest of the usual names (the kernel header has the ones it uses). */
#define ESRCH 3
#define EINTR 4
#define ENXIO 6
#define EBADF 9
#define ECHILD 10
#define EACCES 13
#define ENOTBLK 15
#define EXDEV 18
#define ENOTDIR 20
#define EISDIR 21
#define ENFILE 23
#define EMFILE 24
#define ENOTTY 25
#define ETXTBSY 26
#define EFBIG 27
#define ESPIPE 29
#define EROFS 30
#define EMLINK 31
#define EPIPE 32
#define EDOM 33
#define EDEADLK 35
#define ENAMETOOLONG 36
#define ENOLCK 37
#define ENOTEMPTY 39
#define ELOOP 40
#define EWOULDBLOCK EAGAIN
#define ENOMSG 42
#define ENOSTR 60
#define ETIME 62
#define EPROTO 71
#define EBADMSG 74
#define ENOTSUP EOPNOTSUPP
#define ECANCELED 125
#define EOWNERDEAD 130

#endif /* _LIBC_ERRNO_H */
