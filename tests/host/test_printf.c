// SPDX-License-Identifier: MIT
/*
 * Host test: lib/vsprintf.c against the host C library.
 *
 * printf.mk renames the kernel's functions to kite_*; the host's snprintf
 * is reached as host_snprintf through an asm label.  Every format in the
 * table is formatted by both, and output and return value must match.
 * Formats whose meaning C leaves undefined are not compared.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tap.h"

int host_snprintf(char *buf, size_t size, const char *fmt,
		  ...) __asm__("snprintf")
	__attribute__((format(printf, 3, 4)));
int kite_scnprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Some formats below are odd on purpose (flags C says are ignored). */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"
#pragma GCC diagnostic ignored "-Wformat-truncation"

static char kbuf[512], hbuf[512];

/* Compare both formatters on one format; report the first difference. */
#define CMP(fmt, ...)                                                          \
	do {                                                                   \
		int _k = kite_snprintf(kbuf, sizeof(kbuf), fmt, __VA_ARGS__);  \
		int _h = host_snprintf(hbuf, sizeof(hbuf), fmt, __VA_ARGS__);  \
		int _same = _k == _h && !memcmp(kbuf, hbuf, (size_t)_k + 1);   \
		ok(_same, "%-14s -> \"%s\"", #fmt, hbuf);                      \
		if (!_same)                                                    \
			tap_diag("kite: %d \"%s\"  host: %d \"%s\"", _k, kbuf, \
				 _h, hbuf);                                    \
	} while (0)

static void integers(void)
{
	CMP("%d", 0);
	CMP("%d|%d|%d", 1, -1, 42);
	CMP("%d %d", INT_MAX, INT_MIN);
	CMP("%i", -123);
	CMP("%5d|", 42);
	CMP("%-5d|", 42);
	CMP("%05d", -42);
	CMP("%+d %+d", 5, -5);
	CMP("% d % d", 5, -5);
	CMP("%+5d|% 5d|", 7, 7);
	CMP("%+05d", 7);
	CMP("% 05d", 7);
	CMP("%-+6d|", 7);
	CMP("%.3d", 7);
	CMP("%.3d", -7);
	CMP("%8.3d|", -7);
	CMP("%-8.3d|", 7);
	CMP("%08.3d|", 7);
	CMP("[%.0d]", 0);
	CMP("[%5.0d]", 0);
	CMP("[%+.0d]", 0);
	CMP("[% .0d]", 0);
	CMP("%.10d", 123456);
	CMP("%u", UINT_MAX);
	CMP("%u %u", 0u, 12345u);
	CMP("%+u|% u", 5u, 5u);
	CMP("%x %X", 0xdeadbeefu, 0xdeadbeefu);
	CMP("%x", 0u);
	CMP("%#x %#X", 255u, 255u);
	CMP("[%#x]", 0u);
	CMP("[%#.0x]", 0u);
	CMP("[%.0x]", 0u);
	CMP("%#08x", 255u);
	CMP("%#-8x|", 255u);
	CMP("%#10.4x|", 255u);
	CMP("%o %o", 8u, 0u);
	CMP("%#o %#o", 8u, 0u);
	CMP("[%#.0o]", 0u);
	CMP("%#5o|", 8u);
	CMP("%#.4o", 8u);
	CMP("%+x % x", 5u, 5u);
}

static void lengths(void)
{
	CMP("%hhd", 300);
	CMP("%hhd", -129);
	CMP("%hhu %hhx", -1, -1);
	CMP("%hd", 70000);
	CMP("%hu %hx", -1, -1);
	CMP("%hi", -32768);
	CMP("%ld %ld", LONG_MAX, LONG_MIN);
	CMP("%lu %lx", ULONG_MAX, ULONG_MAX);
	CMP("%li", -1L);
	CMP("%lld", LLONG_MIN);
	CMP("%llu %llX", ULLONG_MAX, 0x123456789abcdefULL);
	CMP("%#llo", 01234567012345670123ULL);
	CMP("%zu %zx", (size_t)-1, (size_t)4096);
	CMP("%zd", (ptrdiff_t)-5);
	CMP("%td", (ptrdiff_t)-12345);
	CMP("%jd %ju", INTMAX_MIN, UINTMAX_MAX);
	CMP("%jx", (uintmax_t)0xffff);
	CMP("%ld|%d|%lld", 1L, 2, 3LL);
	CMP("%20lld|", -9000000000LL);
	CMP("%-20llu|", 9000000000ULL);
}

static void chars_strings(void)
{
	char s_null_mid[] = "ab";
	const char *nul = NULL;

	CMP("%c", 'A');
	CMP("%5c|", 'A');
	CMP("%-5c|", 'A');
	CMP("%c%c%c", 'x', 'y', 'z');
	CMP("%s", "hello");
	CMP("%s", "");
	CMP("[%10s]", "hello");
	CMP("[%-10s]", "hello");
	CMP("[%.2s]", "hello");
	CMP("[%10.2s]", "hello");
	CMP("[%-10.2s]", "hello");
	CMP("[%.0s]", "hello");
	CMP("[%.10s]", "hello");
	CMP("[%.*s]", 3, "hello");
	CMP("[%.*s]", -1, "hello");
	CMP("[%*s]", 6, "ab");
	CMP("[%*s]", -6, "ab");
	CMP("[%-*s]", 6, "ab");
	CMP("[%*.*s]", 8, 1, "hello");
	CMP("[%*d]", -5, 3);
	CMP("[%.*d]", -3, 3);
	CMP("[%.*d]", 4, 3);
	CMP("%s%s", s_null_mid, "cd");
	CMP("%s", nul);
	CMP("[%10s]", nul);
	CMP("[%.3s]", nul);
	CMP("[%.6s]", nul);
	CMP("[%.10s]", nul);
	CMP("[%-8s]", nul);
}

static void pointers_misc(void)
{
	int x;

	CMP("%p", (void *)&x);
	CMP("%p", (void *)0x1);
	CMP("%p", (void *)NULL);
	CMP("[%20p]", (void *)0xabcdef);
	CMP("[%-20p]", (void *)0xabcdef);
	CMP("[%10p]", (void *)NULL);
	CMP("[%-10p]", (void *)NULL);
	CMP("%%", 0);
	CMP("100%% %d%%", 5);
	CMP("%d %s %x %c %u", -1, "two", 3u, '4', 5u);
	CMP("%s=%d, %s=%#lx", "a", 1, "b", 0x1000UL);
	CMP("%5s|%-5d|%05x|%5c", "ab", -3, 0xfu, 'z');
	CMP("%c", '\0');
	CMP("x%cy", '\0');
}

/* Truncation, the return value and the terminator, as C99 says. */
static void truncation(void)
{
	static const size_t sizes[] = {0, 1, 2, 5, 11, 12, 100};

	for (size_t i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		char k[16], h[16];
		size_t n = sizes[i] < sizeof(k) ? sizes[i] : sizeof(k);
		int rk, rh;

		memset(k, '#', sizeof(k));
		memset(h, '#', sizeof(h));
		rk = kite_snprintf(k, n, "%s %d", "hello", 12345);
		rh = host_snprintf(h, n, "%s %d", "hello", 12345);
		ok(rk == rh && !memcmp(k, h, sizeof(k)),
		   "snprintf size %zu: returns %d, same bytes", n, rh);
	}
	ok_eq(kite_snprintf(NULL, 0, "%d", 123456), 6,
	      "snprintf(NULL, 0) returns the full length");
	ok_eq(kite_scnprintf(kbuf, 4, "%s", "hello"), 3,
	      "scnprintf returns what was written");
	ok(!strcmp(kbuf, "hel"), "scnprintf truncates and terminates");
	ok_eq(kite_scnprintf(kbuf, 0, "%s", "hello"), 0,
	      "scnprintf size 0 writes nothing");
	ok_eq(kite_scnprintf(kbuf, 10, "%s", "hi"), 2,
	      "scnprintf untruncated = length");
}

/* Not in C's sense comparable: the documented kernel-only behaviour. */
static void kernel_only(void)
{
	/* No floating point: the conversion is printed as written. */
	kite_snprintf(kbuf, sizeof(kbuf), "%f|%d", 7);
	ok(!strcmp(kbuf, "%f|7"), "%%f is printed verbatim: \"%s\"", kbuf);
	kite_snprintf(kbuf, sizeof(kbuf), "%e%g%a", 0);
	ok(!strcmp(kbuf, "%e%g%a"), "%%e %%g %%a verbatim: \"%s\"", kbuf);
	/* %n writes nothing and consumes nothing. */
	kite_snprintf(kbuf, sizeof(kbuf), "ab%nc", 1);
	ok(!strcmp(kbuf, "ab%nc"), "%%n is not supported: \"%s\"", kbuf);
	kite_snprintf(kbuf, sizeof(kbuf), "end%");
	ok(!strcmp(kbuf, "end"), "a lone %% at the end prints nothing");
}

int main(void)
{
	integers();
	lengths();
	chars_strings();
	pointers_misc();
	truncation();
	kernel_only();
	return tap_done();
}
