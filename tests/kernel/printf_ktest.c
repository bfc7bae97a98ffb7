// SPDX-License-Identifier: MIT
/*
 * KTAP suite "printf": the kernel's vsnprintf on the target itself, a
 * table of formats and the exact strings C requires (the host test
 * tests/host/test_printf.c compares the same code with glibc).
 */
#include <kernel/ktest.h>
#include <kernel/printf.h>
#include <kernel/string.h>

/* Some formats are odd on purpose (flags C says to ignore, %n, %f). */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"

static char buf[128];

#define EXPECT_FMT(t, want, fmt, ...)                                      \
	do {                                                               \
		int _n = snprintf(buf, sizeof(buf), fmt, ##__VA_ARGS__);   \
		(t)->nr_checks++;                                          \
		if (strcmp(buf, want) || _n != (int)strlen(want))          \
			ktest_fail(t, __FILE__, __LINE__,                  \
				   "\"%s\": got \"%s\" (%d), want \"%s\"", \
				   fmt, buf, _n, want);                    \
	} while (0)

static void printf_integers(struct ktest *t)
{
	EXPECT_FMT(t, "0 1 -1", "%d %i %d", 0, 1, -1);
	EXPECT_FMT(t, "2147483647 -2147483648", "%d %d", 2147483647,
		   -2147483647 - 1);
	EXPECT_FMT(t, "4294967295", "%u", 4294967295u);
	EXPECT_FMT(t, "deadbeef DEADBEEF", "%x %X", 0xdeadbeefu, 0xdeadbeefu);
	EXPECT_FMT(t, "17 0", "%o %o", 15u, 0u);
	EXPECT_FMT(t, "0x1f 0X1F 0", "%#x %#X %#x", 31u, 31u, 0u);
	EXPECT_FMT(t, "017 0", "%#o %#o", 15u, 0u);
}

static void printf_flags_width_precision(struct ktest *t)
{
	EXPECT_FMT(t, "   42|42   |", "%5d|%-5d|", 42, 42);
	EXPECT_FMT(t, "-0042", "%05d", -42);
	EXPECT_FMT(t, "+5 -5  5", "%+d %+d % d", 5, -5, 5);
	EXPECT_FMT(t, "007|    -007|", "%.3d|%8.3d|", 7, -7);
	EXPECT_FMT(t, "     007", "%08.3d", 7);
	EXPECT_FMT(t, "[][     ]", "[%.0d][%5.0d]", 0, 0);
	EXPECT_FMT(t, "0x0000ff|0xff    |", "%#08x|%#-8x|", 255u, 255u);
	EXPECT_FMT(t, "[   ab][ab   ]", "[%*s][%-*s]", 5, "ab", 5, "ab");
	EXPECT_FMT(t, "[ab   ]", "[%*s]", -5, "ab");
	EXPECT_FMT(t, "[hel][hello]", "[%.*s][%.*s]", 3, "hello", -1, "hello");
	EXPECT_FMT(t, "5 5", "%+u % u", 5u, 5u);
}

static void printf_lengths(struct ktest *t)
{
	EXPECT_FMT(t, "44 -1 255", "%hhd %hhd %hhu", 300, 255, 255);
	EXPECT_FMT(t, "4464 65535", "%hd %hu", 70000, -1);
	EXPECT_FMT(t, "-9223372036854775808", "%ld",
		   (long)(-9223372036854775807L - 1));
	EXPECT_FMT(t, "18446744073709551615", "%lu", ~0UL);
	EXPECT_FMT(t, "-9223372036854775808", "%lld",
		   -9223372036854775807LL - 1);
	EXPECT_FMT(t, "ffffffffffffffff", "%llx", ~0ULL);
	EXPECT_FMT(t, "18446744073709551615 -5", "%zu %zd", (size_t)-1,
		   (ptrdiff_t)-5);
	EXPECT_FMT(t, "-12345 -7 7", "%td %jd %ju", (ptrdiff_t)-12345,
		   (long long)-7, 7ULL);
}

static void printf_strings_chars(struct ktest *t)
{
	const char *null = NULL;

	EXPECT_FMT(t, "A|    A|A    |", "%c|%5c|%-5c|", 'A', 'A', 'A');
	EXPECT_FMT(t, "hello|     hello|hello     |", "%s|%10s|%-10s|", "hello",
		   "hello", "hello");
	EXPECT_FMT(t, "he|        he", "%.2s|%10.2s", "hello", "hello");
	EXPECT_FMT(t, "", "%s", "");
	EXPECT_FMT(t, "(null)|[]|(null)", "%s|[%.3s]|%.6s", null, null, null);
	EXPECT_FMT(t, "100% done", "100%% %s", "done");
	EXPECT_FMT(t, "x=1, y=two, z=0x3", "x=%d, y=%s, z=%#x", 1, "two", 3u);
}

static void printf_pointers(struct ktest *t)
{
	EXPECT_FMT(t, "0x1234", "%p", (void *)0x1234);
	EXPECT_FMT(t, "(nil)", "%p", NULL);
	EXPECT_FMT(t, "      0xabcdef|0xabcdef      |", "%14p|%-14p|",
		   (void *)0xabcdef, (void *)0xabcdef);
	EXPECT_FMT(t, "0xffffffffffffffff", "%p", (void *)~0UL);
}

static void printf_truncation(struct ktest *t)
{
	char small[6];
	int n;

	memset(small, '#', sizeof(small));
	n = snprintf(small, sizeof(small), "%s %d", "hello", 12345);
	KTEST_EXPECT_EQ(t, n, 11);
	KTEST_EXPECT_EQ(t, strcmp(small, "hello"), 0);
	n = snprintf(small, 1, "abc");
	KTEST_EXPECT_EQ(t, n, 3);
	KTEST_EXPECT_EQ(t, small[0], '\0');
	small[0] = '#';
	n = snprintf(small, 0, "abc");
	KTEST_EXPECT_EQ(t, n, 3);
	KTEST_EXPECT_EQ(t, small[0], '#');
	KTEST_EXPECT_EQ(t, snprintf(NULL, 0, "%d", -1000000), 8);
	KTEST_EXPECT_EQ(t, scnprintf(small, sizeof(small), "%s", "overflow"),
			5);
	KTEST_EXPECT_EQ(t, scnprintf(small, 0, "%s", "x"), 0);
}

static void printf_unsupported(struct ktest *t)
{
	/* No floating point in the kernel: printed as written.  (On riscv
	 * the double's integer slot is consumed; none is passed here.) */
	EXPECT_FMT(t, "%f|%e|%g", "%f|%e|%g");
	EXPECT_FMT(t, "ab%nc", "ab%nc");
	EXPECT_FMT(t, "end", "end%");
	EXPECT_FMT(t, "%q7", "%q%d", 7);
}

static struct ktest_case printf_cases[] = {
	KTEST_CASE(printf_integers),
	KTEST_CASE(printf_flags_width_precision),
	KTEST_CASE(printf_lengths),
	KTEST_CASE(printf_strings_chars),
	KTEST_CASE(printf_pointers),
	KTEST_CASE(printf_truncation),
	KTEST_CASE(printf_unsupported),
	{},
};
KTEST_SUITE(printf, printf_cases);
