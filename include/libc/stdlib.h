/* SPDX-License-Identifier: MIT */
/*
 * stdlib subset for the application.
 *
 * Memory (kernel/libc/malloc.c) comes from kmalloc and, for large blocks,
 * from the buddy page allocator.  malloc() memory is 16-byte aligned;
 * malloc(0) and realloc(p, 0) return a unique pointer that free() accepts;
 * failures return NULL with errno = ENOMEM.  free() of a pointer that
 * malloc did not return is reported and aborts.
 *
 * exit() runs the atexit() handlers (last registered first) and powers the
 * machine off with the status; abort() prints a report and a backtrace and
 * stops with status 122 (EXIT_ABORT) without running atexit handlers.
 *
 * rand() is xorshift64* (Vigna), seeded by srand() (default seed 1); it is
 * reproducible across arches and NOT cryptographic.
 */
#ifndef _LIBC_STDLIB_H
#define _LIBC_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 0x7fffffff
#define MB_CUR_MAX 1

typedef struct {
	int quot;
	int rem;
} div_t;
typedef struct {
	long quot;
	long rem;
} ldiv_t;
typedef struct {
	long long quot;
	long long rem;
} lldiv_t;

void *malloc(size_t size) __attribute__((__malloc__, __alloc_size__(1)));
void *calloc(size_t nmemb, size_t size)
	__attribute__((__malloc__, __alloc_size__(1, 2)));
void *realloc(void *ptr, size_t size) __attribute__((__alloc_size__(2)));
void free(void *ptr);
void *aligned_alloc(size_t align, size_t size)
	__attribute__((__malloc__, __alloc_align__(1), __alloc_size__(2)));
int posix_memalign(void **memptr, size_t align, size_t size);
/* Non-standard (as in glibc): bytes usable at @ptr, >= what was asked. */
size_t malloc_usable_size(void *ptr);

__attribute__((__noreturn__)) void exit(int status);
__attribute__((__noreturn__)) void _Exit(int status);
__attribute__((__noreturn__)) void abort(void);
int atexit(void (*fn)(void));
/* No environment: always NULL. */
char *getenv(const char *name);

long strtol(const char *restrict s, char **restrict end, int base);
unsigned long strtoul(const char *restrict s, char **restrict end, int base);
long long strtoll(const char *restrict s, char **restrict end, int base);
unsigned long long strtoull(const char *restrict s, char **restrict end,
			    int base);
int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);

void qsort(void *base, size_t nmemb, size_t size,
	   int (*compar)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
	      int (*compar)(const void *, const void *));

int rand(void);
void srand(unsigned int seed);
int rand_r(unsigned int *seedp);

int abs(int j);
long labs(long j);
long long llabs(long long j);
div_t div(int numer, int denom);
ldiv_t ldiv(long numer, long denom);
lldiv_t lldiv(long long numer, long long denom);

#endif /* _LIBC_STDLIB_H */
