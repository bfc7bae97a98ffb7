/* SPDX-License-Identifier: MIT */
/* Case-insensitive comparison ("C" locale, ASCII). */
#ifndef _LIBC_STRINGS_H
#define _LIBC_STRINGS_H

#include <stddef.h>

int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);

#endif /* _LIBC_STRINGS_H */
