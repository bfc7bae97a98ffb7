/* SPDX-License-Identifier: MIT */
/*
 * The kernel's string functions (lib/string.c).  Their prototypes match the
 * C library's, so the host build of mm/ links against the host libc instead.
 */
#ifndef _KERNEL_STRING_H
#define _KERNEL_STRING_H

#include <stddef.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *restrict d, const void *restrict s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *h, const char *n);
char *strcpy(char *restrict d, const char *restrict s);
char *strncpy(char *restrict d, const char *restrict s, size_t n);
char *strcat(char *restrict d, const char *restrict s);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
/* Non-standard, as in Linux: copies at most size-1 bytes, always terminates. */
size_t strscpy_k(char *d, const char *s, size_t size);

#endif /* _KERNEL_STRING_H */
