/* SPDX-License-Identifier: MIT */
/*
 * string.h for the application: the kernel's own mem and str functions
 * (lib/string.c) plus the rest of the C library's (kernel/libc/string.c).
 * strdup() and strndup() allocate with malloc().
 */
#ifndef _LIBC_STRING_H
#define _LIBC_STRING_H

#include <stddef.h>
#include <kernel/string.h>

#include "strings.h"

char *strncat(char *restrict d, const char *restrict s, size_t n);
char *strpbrk(const char *s, const char *accept);
void *memrchr(const void *s, int c, size_t n);
int strcoll(const char *a, const char *b);
char *strdup(const char *s) __attribute__((__malloc__));
char *strndup(const char *s, size_t n) __attribute__((__malloc__));
char *strtok(char *restrict s, const char *restrict delim);
char *strtok_r(char *restrict s, const char *restrict delim,
	       char **restrict save);
char *strerror(int errnum);
/* BSD: copy/append with truncation; return the length they tried for. */
size_t strlcpy(char *restrict d, const char *restrict s, size_t size);
size_t strlcat(char *restrict d, const char *restrict s, size_t size);

#endif /* _LIBC_STRING_H */
