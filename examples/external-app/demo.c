// SPDX-License-Identifier: MIT
/*
 * The external example's demo: uses a little of everything in Kite's C
 * library and counts what did not behave.  CONFIG_EXTAPP_* come from this
 * directory's Kconfig.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extapp.h"

static int failed;

static void check(int ok, const char *what)
{
	if (!ok) {
		failed++;
		fprintf(stderr, "external-app: check failed: %s\n", what);
	} else if (IS_ENABLED(CONFIG_EXTAPP_VERBOSE)) {
		printf("  ok: %s\n", what);
	}
}

#define CHECK(cond) check(!!(cond), #cond)

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void sort_demo(void)
{
	const size_t n = CONFIG_EXTAPP_SORT_COUNT;
	int *v = malloc(n * sizeof(*v));
	size_t sorted = 1;
	int key;

	CHECK(v != NULL);
	if (!v)
		return;
	srand(CONFIG_EXTAPP_SEED);
	for (size_t i = 0; i < n; i++)
		v[i] = rand() % 1000000;
	key = v[n / 2];
	qsort(v, n, sizeof(*v), cmp_int);
	for (size_t i = 1; i < n; i++)
		sorted += v[i - 1] <= v[i];
	CHECK(sorted == n);
	CHECK(bsearch(&key, v, n, sizeof(*v), cmp_int) != NULL);
	printf("external-app: sorted %zu numbers from seed %d: min %d max %d\n",
	       n, CONFIG_EXTAPP_SEED, v[0], v[n - 1]);
	free(v);
}

static void memory_demo(void)
{
	char *a = calloc(64, 1), *big, *z;
	void *page;
	volatile size_t zero = 0, huge = SIZE_MAX; /* sizes known at run time */

	CHECK(a && a[0] == 0 && a[63] == 0);
	a = realloc(a, 4096);
	CHECK(a != NULL);
	if (a)
		memset(a, 'x', 4096);
	big = malloc(256 * 1024); /* from the page allocator */
	CHECK(big != NULL && ((uintptr_t)big & 4095) == 0);
	if (big)
		big[256 * 1024 - 1] = 1;
	page = aligned_alloc(4096, 4096);
	CHECK(page && ((uintptr_t)page & 4095) == 0);
	z = malloc(zero);
	CHECK(z != NULL);
	errno = 0;
	CHECK(calloc(huge / 2, 4) == NULL && errno == ENOMEM);
	free(z);
	free(page);
	free(big);
	free(a);
}

static void string_demo(void)
{
	char line[] = "alpha, beta,,gamma";
	char *save, *tok, *copy;
	const char *want[] = {"alpha", "beta", "gamma"};
	int n = 0;
	char buf[48];

	for (tok = strtok_r(line, ", ", &save); tok;
	     tok = strtok_r(NULL, ", ", &save), n++)
		CHECK(n < 3 && !strcmp(tok, want[n]));
	CHECK(n == 3);
	copy = strdup("Kite");
	CHECK(copy && !strcmp(copy, "Kite"));
	for (char *p = copy; p && *p; p++)
		*p = (char)toupper((unsigned char)*p);
	CHECK(copy && !strcmp(copy, "KITE"));
	free(copy);
	CHECK(!strcasecmp("unikernel", "UniKernel"));
	snprintf(buf, sizeof(buf), "%-6s|%5d|%#x|%" PRIu64, "ab", -42, 255,
		 UINT64_MAX);
	CHECK(!strcmp(buf, "ab    |  -42|0xff|18446744073709551615"));
	CHECK(strtol("  -0x1f", NULL, 0) == -31);
	errno = 0;
	CHECK(strtoul("99999999999999999999", NULL, 10) == ULONG_MAX &&
	      errno == ERANGE);
	CHECK(!strcmp(strerror(ENOMEM), "Cannot allocate memory"));
	CHECK(abs(INT_MIN + 1) == INT_MAX && div(17, 5).rem == 2);
}

static void time_demo(void)
{
	struct timespec t0, t1, res, ms = {0, 2000000};
	long long ns;

	CHECK(clock_gettime(CLOCK_MONOTONIC, &t0) == 0);
	CHECK(nanosleep(&ms, NULL) == 0);
	CHECK(clock_gettime(CLOCK_MONOTONIC, &t1) == 0);
	ns = (t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
	CHECK(ns >= 2000000);
	CHECK(clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_nsec > 0);
	errno = 0;
	CHECK(clock_gettime(CLOCK_REALTIME, &t0) == -1 && errno == EINVAL);
	CHECK(time(NULL) == (time_t)-1);
	printf("external-app: nanosleep(2 ms) took %lld us; uptime %ld.%03ld s\n",
	       ns / 1000, (long)t1.tv_sec, t1.tv_nsec / 1000000);
}

int demo_run(void)
{
	failed = 0;
	sort_demo();
	memory_demo();
	string_demo();
	time_demo();
	return failed;
}
