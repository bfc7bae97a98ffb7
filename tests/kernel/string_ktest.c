// SPDX-License-Identifier: MIT
/*
 * KTAP suites "string" (lib/string.c, the kernel's own) and "libc" (the
 * application's C library in kernel/libc/), run on the target.
 */
#include <kernel/ktest.h>
#include <kernel/string.h>

#include "../../include/libc/ctype.h"
#include "../../include/libc/errno.h"
#include "../../include/libc/limits.h"
#include "../../include/libc/stdio.h"
#include "../../include/libc/stdlib.h"
#include "../../include/libc/string.h"
#include "../../include/libc/time.h"

static void string_mem(struct ktest *t)
{
	const char *hello = "hello";
	char a[40], b[40];

	memset(a, 'x', sizeof(a));
	KTEST_EXPECT_EQ(t, a[0], 'x');
	KTEST_EXPECT_EQ(t, a[39], 'x');
	for (int i = 0; i < 40; i++)
		b[i] = (char)i;
	memcpy(a + 1, b, 33); /* unaligned destination */
	KTEST_EXPECT_EQ(t, memcmp(a + 1, b, 33), 0);
	KTEST_EXPECT_EQ(t, a[34], 'x');
	memmove(b + 4, b, 20); /* overlapping, forwards */
	KTEST_EXPECT_EQ(t, b[4], 0);
	KTEST_EXPECT_EQ(t, b[23], 19);
	memmove(b, b + 4, 20); /* overlapping, backwards */
	KTEST_EXPECT_EQ(t, b[19], 19);
	KTEST_EXPECT_TRUE(t, memcmp("abc", "abd", 3) < 0);
	KTEST_EXPECT_EQ(t, (const char *)memchr(hello, 'l', 5) - hello, 2);
	KTEST_EXPECT_NULL(t, memchr(hello, 'z', 5));
}

static void string_str(struct ktest *t)
{
	char buf[16];
	const char *s = "kite unikernel";

	KTEST_EXPECT_EQ(t, strlen(s), 14);
	KTEST_EXPECT_EQ(t, strnlen(s, 4), 4);
	KTEST_EXPECT_TRUE(t, strcmp("a", "b") < 0 && strcmp("b", "a") > 0);
	KTEST_EXPECT_EQ(t, strncmp("kite", "kitten", 3), 0);
	KTEST_EXPECT_EQ(t, strchr(s, 'u') - s, 5);
	KTEST_EXPECT_EQ(t, strrchr(s, 'e') - s, 12);
	KTEST_EXPECT_EQ(t, strstr(s, "kern") - s, 8);
	KTEST_EXPECT_NULL(t, strstr(s, "linux"));
	KTEST_EXPECT_EQ(t, strspn(s, "eikt"), 4);
	KTEST_EXPECT_EQ(t, strcspn(s, " "), 4);
	KTEST_EXPECT_EQ(t, strscpy_k(buf, s, 5), 4);
	KTEST_EXPECT_EQ(t, strcmp(buf, "kite"), 0);
	strcpy(buf, "ab");
	strcat(buf, "cd");
	KTEST_EXPECT_EQ(t, strcmp(buf, "abcd"), 0);
}

static struct ktest_case string_cases[] = {
	KTEST_CASE(string_mem),
	KTEST_CASE(string_str),
	{},
};
KTEST_SUITE(string, string_cases);

static void libc_strtol(struct ktest *t)
{
	char *end;

	KTEST_EXPECT_EQ(t, strtol("  -42xyz", &end, 10), -42);
	KTEST_EXPECT_EQ(t, strcmp(end, "xyz"), 0);
	KTEST_EXPECT_EQ(t, strtol("0x1F", NULL, 0), 31);
	KTEST_EXPECT_EQ(t, strtol("010", NULL, 0), 8);
	KTEST_EXPECT_EQ(t, strtoul("-1", NULL, 10), ULONG_MAX);
	errno = 0;
	KTEST_EXPECT_EQ(t, strtol("9223372036854775808", &end, 10), LONG_MAX);
	KTEST_EXPECT_EQ(t, errno, ERANGE);
	KTEST_EXPECT_EQ(t, *end, '\0');
	errno = 0;
	KTEST_EXPECT_EQ(t, strtoll("-9223372036854775809", NULL, 10),
			LLONG_MIN);
	KTEST_EXPECT_EQ(t, errno, ERANGE);
	KTEST_EXPECT_EQ(t, strtoull("zz", &end, 36), 36 * 35 + 35);
	KTEST_EXPECT_EQ(t, strtol("xyz", &end, 10), 0);
	KTEST_EXPECT_EQ(t, strcmp(end, "xyz"), 0);
	KTEST_EXPECT_EQ(t, atoi("  123abc"), 123);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void libc_qsort_bsearch(struct ktest *t)
{
	int v[200], key;
	int sorted = 1;

	srand(7);
	for (int i = 0; i < 200; i++)
		v[i] = rand() % 50;
	qsort(v, 200, sizeof(int), cmp_int);
	for (int i = 1; i < 200; i++)
		sorted &= v[i - 1] <= v[i];
	KTEST_EXPECT_TRUE(t, sorted);
	for (int i = 0; i < 200; i++)
		v[i] = 3 * i;
	key = 300;
	KTEST_EXPECT_EQ(
		t, (int *)bsearch(&key, v, 200, sizeof(int), cmp_int) - v, 100);
	key = 301;
	KTEST_EXPECT_NULL(t, bsearch(&key, v, 200, sizeof(int), cmp_int));
	key = 0;
	KTEST_EXPECT_NULL(t, bsearch(&key, v, 0, sizeof(int), cmp_int));
}

static void libc_ctype(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, isalpha('a') && isalpha('Z') && !isalpha('1'));
	KTEST_EXPECT_TRUE(t, isdigit('0') && !isdigit('a') && !isdigit(EOF));
	KTEST_EXPECT_TRUE(t, isspace(' ') && isspace('\n') && !isspace('x'));
	KTEST_EXPECT_TRUE(t, isxdigit('f') && isxdigit('F') && !isxdigit('g'));
	KTEST_EXPECT_TRUE(t, ispunct('!') && !ispunct('a') && !ispunct(' '));
	KTEST_EXPECT_TRUE(t, !isprint('\t') && isprint(' ') && !isprint(0x80));
	KTEST_EXPECT_EQ(t, toupper('q'), 'Q');
	KTEST_EXPECT_EQ(t, tolower('Q'), 'q');
	KTEST_EXPECT_EQ(t, toupper('1'), '1');
}

static void libc_string(struct ktest *t)
{
	char line[] = "a,b,,c";
	char *save, *tok, *d;
	char buf[8];

	tok = strtok_r(line, ",", &save);
	KTEST_EXPECT_EQ(t, strcmp(tok, "a"), 0);
	tok = strtok_r(NULL, ",", &save);
	KTEST_EXPECT_EQ(t, strcmp(tok, "b"), 0);
	tok = strtok_r(NULL, ",", &save);
	KTEST_EXPECT_EQ(t, strcmp(tok, "c"), 0);
	KTEST_EXPECT_NULL(t, strtok_r(NULL, ",", &save));
	d = strdup("dup");
	KTEST_ASSERT_NOT_NULL(t, d);
	KTEST_EXPECT_EQ(t, strcmp(d, "dup"), 0);
	free(d);
	d = strndup("abcdef", 2);
	KTEST_ASSERT_NOT_NULL(t, d);
	KTEST_EXPECT_EQ(t, strcmp(d, "ab"), 0);
	free(d);
	KTEST_EXPECT_EQ(t, strcasecmp("KiTe", "kite"), 0);
	KTEST_EXPECT_EQ(
		t, strcmp(strerror(ERANGE), "Numerical result out of range"),
		0);
	KTEST_EXPECT_EQ(t, strcmp(strerror(9999), "Unknown error 9999"), 0);
	KTEST_EXPECT_EQ(t, strlcpy(buf, "truncated", sizeof(buf)), 9);
	KTEST_EXPECT_EQ(t, strcmp(buf, "truncat"), 0);
}

static void libc_malloc(struct ktest *t)
{
	char *a = malloc(0), *b = malloc(0), *big, *p;
	volatile size_t huge = ~0UL; /* hidden from -Walloc-size-larger-than */
	void *al = NULL;

	KTEST_EXPECT_TRUE(t, a && b && a != b);
	free(a);
	free(b);
	free(NULL);
	p = calloc(32, 4);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, p[0] | p[127], 0);
	KTEST_EXPECT_EQ(t, (uintptr_t)p & 15, 0);
	strcpy(p, "keep me");
	p = realloc(p, 20000);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, strcmp(p, "keep me"), 0);
	free(p);
	errno = 0;
	KTEST_EXPECT_NULL(t, calloc(huge / 2, 3));
	KTEST_EXPECT_EQ(t, errno, ENOMEM);
	big = malloc(300 * 1024);
	KTEST_ASSERT_NOT_NULL(t, big);
	KTEST_EXPECT_EQ(t, (uintptr_t)big & 4095, 0);
	memset(big, 0x5a, 300 * 1024);
	free(big);
	KTEST_EXPECT_EQ(t, posix_memalign(&al, 8192, 100), 0);
	KTEST_EXPECT_EQ(t, (uintptr_t)al & 8191, 0);
	free(al);
	KTEST_EXPECT_EQ(t, posix_memalign(&al, 12, 100), EINVAL);
	al = aligned_alloc(256, 1000);
	KTEST_EXPECT_TRUE(t, al && ((uintptr_t)al & 255) == 0);
	KTEST_EXPECT_TRUE(t, malloc_usable_size(al) >= 1000);
	free(al);
}

static void libc_stdlib_misc(struct ktest *t)
{
	int first[4], same = 1;
	div_t d = div(-7, 2);
	ldiv_t ld = ldiv(7L, -2L);

	srand(99);
	for (int i = 0; i < 4; i++)
		first[i] = rand();
	srand(99);
	for (int i = 0; i < 4; i++)
		same &= rand() == first[i];
	KTEST_EXPECT_TRUE(t, same);
	KTEST_EXPECT_TRUE(t, first[0] >= 0 && first[0] <= RAND_MAX);
	KTEST_EXPECT_EQ(t, abs(-5), 5);
	KTEST_EXPECT_EQ(t, labs(-5L), 5);
	KTEST_EXPECT_TRUE(t, d.quot == -3 && d.rem == -1);
	KTEST_EXPECT_TRUE(t, ld.quot == -3 && ld.rem == 1);
	KTEST_EXPECT_NULL(t, getenv("HOME"));
	errno = 0;
	KTEST_EXPECT_EQ(t, fputs("x", stdin), EOF);
	KTEST_EXPECT_EQ(t, errno, EBADF);
	KTEST_EXPECT_EQ(t, getchar(), EOF);
}

static void libc_time(struct ktest *t)
{
	struct timespec a, b, res, d = {0, 1000000};
	long long ns;

	KTEST_EXPECT_EQ(t, clock_gettime(CLOCK_MONOTONIC, &a), 0);
	KTEST_EXPECT_EQ(t, nanosleep(&d, NULL), 0);
	KTEST_EXPECT_EQ(t, clock_gettime(CLOCK_MONOTONIC, &b), 0);
	ns = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
	KTEST_EXPECT_TRUE(t, ns >= 1000000);
	KTEST_EXPECT_TRUE(t, b.tv_nsec >= 0 && b.tv_nsec < 1000000000);
	errno = 0;
	KTEST_EXPECT_EQ(t, clock_gettime(CLOCK_REALTIME, &a), -1);
	KTEST_EXPECT_EQ(t, errno, EINVAL);
	d.tv_nsec = 1000000000;
	KTEST_EXPECT_EQ(t, nanosleep(&d, NULL), -1);
	KTEST_EXPECT_EQ(t, time(NULL), (time_t)-1);
	KTEST_EXPECT_EQ(t, clock_getres(CLOCK_MONOTONIC, &res), 0);
	KTEST_EXPECT_TRUE(t, res.tv_nsec > 0);
	KTEST_EXPECT_TRUE(t, clock() > 0);
}

static struct ktest_case libc_cases[] = {
	KTEST_CASE(libc_strtol), KTEST_CASE(libc_qsort_bsearch),
	KTEST_CASE(libc_ctype),	 KTEST_CASE(libc_string),
	KTEST_CASE(libc_malloc), KTEST_CASE(libc_stdlib_misc),
	KTEST_CASE(libc_time),	 {},
};
KTEST_SUITE(libc, libc_cases);
