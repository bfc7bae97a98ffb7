/* SPDX-License-Identifier: MIT */
/*
 * What the host libc test's files share (test_libc.c, test_libc_string.c,
 * test_libc_malloc.c): our functions, renamed kite_* by libc.mk, and the
 * host C library's, reached as host_* through asm labels.
 */
#ifndef _TESTS_HOST_LIBC_ORACLE_H
#define _TESTS_HOST_LIBC_ORACLE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <kernel/compiler.h>

/* Ours (errno.h declares kite_errno through the rename). */
#include "../../include/libc/errno.h"
#include "host.h"
#include "tap.h"

/* The host's errno.h: its E* values must equal ours (else -Werror fails). */
#undef errno
#include <errno.h>

int kite_isalnum(int), kite_isalpha(int), kite_isblank(int);
int kite_iscntrl(int), kite_isdigit(int), kite_isgraph(int);
int kite_islower(int), kite_isprint(int), kite_ispunct(int);
int kite_isspace(int), kite_isupper(int), kite_isxdigit(int);
int kite_isascii(int), kite_tolower(int), kite_toupper(int);
char *kite_strpbrk(const char *s, const char *accept);
void *kite_memrchr(const void *s, int c, size_t n);
int kite_strcasecmp(const char *a, const char *b);
int kite_strncasecmp(const char *a, const char *b, size_t n);
char *kite_strtok(char *s, const char *delim);
char *kite_strtok_r(char *s, const char *delim, char **save);
char *kite_strerror(int e);
size_t kite_strlcpy(char *d, const char *s, size_t size);
size_t kite_strlcat(char *d, const char *s, size_t size);
size_t kite_malloc_usable_size(void *p);

#define HOST(ret, name, ...) ret host_##name(__VA_ARGS__) __asm__(#name)
HOST(long, strtol, const char *, char **, int);
HOST(unsigned long, strtoul, const char *, char **, int);
HOST(long long, strtoll, const char *, char **, int);
HOST(unsigned long long, strtoull, const char *, char **, int);
HOST(int, atoi, const char *);
HOST(long, atol, const char *);
HOST(int, isalnum, int);
HOST(int, isalpha, int);
HOST(int, isblank, int);
HOST(int, iscntrl, int);
HOST(int, isdigit, int);
HOST(int, isgraph, int);
HOST(int, islower, int);
HOST(int, isprint, int);
HOST(int, ispunct, int);
HOST(int, isspace, int);
HOST(int, isupper, int);
HOST(int, isxdigit, int);
HOST(int, isascii, int);
HOST(int, tolower, int);
HOST(int, toupper, int);
HOST(void, qsort, void *, size_t, size_t, int (*)(const void *, const void *));
HOST(void *, bsearch, const void *, const void *, size_t, size_t,
     int (*)(const void *, const void *));
HOST(int, strcasecmp, const char *, const char *);
HOST(int, strncasecmp, const char *, const char *, size_t);
HOST(char *, strtok_r, char *, const char *, char **);
HOST(char *, strerror, int);
HOST(void *, malloc, size_t);
HOST(void, free, void *);
HOST(void *, aligned_alloc, size_t, size_t);
HOST(__noreturn void, abort, void);

/* A small LCG: the random patterns and the random malloc mix. */
static inline unsigned long lcg(unsigned long *s)
{
	*s = *s * 6364136223846793005UL + 1442695040888963407UL;
	return *s >> 33;
}

/* test_libc_string.c and test_libc_malloc.c, run by main() in test_libc.c */
void test_string(void);
void test_malloc(unsigned long seed);

#endif /* _TESTS_HOST_LIBC_ORACLE_H */
