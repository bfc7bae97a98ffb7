// SPDX-License-Identifier: MIT
/*
 * DOC: strtol family
 *
 * C11 7.22.1.4: optional white space, an optional sign, then digits in
 * @base (2..36; 0 means "0x" -> 16, "0" -> 8, else 10; base 16 accepts a
 * "0x" prefix).  *end gets the first unparsed character, or the start of
 * the string when there were no digits.  Out-of-range values saturate and
 * set errno to ERANGE; a bad base sets EINVAL.  errno is left alone on
 * success.  The unsigned versions negate in unsigned arithmetic, so
 * strtoul("-1") is ULONG_MAX, as C says.
 */
#include <stdbool.h>
#include <stdint.h>

#include "../../include/libc/ctype.h"
#include "../../include/libc/errno.h"
#include "../../include/libc/inttypes.h"
#include "../../include/libc/limits.h"
#include "../../include/libc/stdlib.h"

static int digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

/*
 * Parse the magnitude; *ovf is set when it does not fit in 64 bits (the
 * digits are still consumed).  Returns the magnitude (saturated).
 */
static unsigned long long parse(const char *s, char **end, int base, bool *neg,
				bool *ovf)
{
	const char *p = s;
	unsigned long long v = 0;
	bool any = false;

	*neg = false;
	*ovf = false;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	/* "0x" counts as a prefix only if a hex digit follows it. */
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	for (;; p++) {
		int d = digit_value((unsigned char)*p);

		if (d >= base)
			break;
		any = true;
		if (__builtin_mul_overflow(v, (unsigned long long)base, &v) ||
		    __builtin_add_overflow(v, (unsigned long long)d, &v)) {
			*ovf = true;
			v = ULLONG_MAX;
		}
	}
	if (end)
		*end = (char *)(any ? p : s);
	if (*ovf)
		return ULLONG_MAX;
	return v;
}

/* Signed result in [-max - 1, max]. */
static long long to_signed(unsigned long long mag, bool neg, bool ovf,
			   long long max)
{
	unsigned long long lim = (unsigned long long)max + neg;

	if (ovf || mag > lim) {
		errno = ERANGE;
		return neg ? -max - 1 : max;
	}
	if (!neg)
		return (long long)mag;
	/* -(max + 1) is representable, +(max + 1) is not: subtract from -1. */
	return mag ? -1 - (long long)(mag - 1) : 0;
}

static unsigned long long to_unsigned(unsigned long long mag, bool neg,
				      bool ovf, unsigned long long max)
{
	if (ovf || mag > max) {
		errno = ERANGE;
		return max;
	}
	return neg ? (0ULL - mag) & max : mag;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	bool neg, ovf;
	unsigned long long mag = parse(s, end, base, &neg, &ovf);

	return (long)to_signed(mag, neg, ovf, LONG_MAX);
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
	bool neg, ovf;
	unsigned long long mag = parse(s, end, base, &neg, &ovf);

	return to_signed(mag, neg, ovf, LLONG_MAX);
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	bool neg, ovf;
	unsigned long long mag = parse(s, end, base, &neg, &ovf);

	return (unsigned long)to_unsigned(mag, neg, ovf, ULONG_MAX);
}

unsigned long long strtoull(const char *restrict s, char **restrict end,
			    int base)
{
	bool neg, ovf;
	unsigned long long mag = parse(s, end, base, &neg, &ovf);

	return to_unsigned(mag, neg, ovf, ULLONG_MAX);
}

intmax_t strtoimax(const char *restrict s, char **restrict end, int base)
{
	return strtoll(s, end, base);
}

uintmax_t strtoumax(const char *restrict s, char **restrict end, int base)
{
	return strtoull(s, end, base);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}

intmax_t imaxabs(intmax_t j)
{
	return j < 0 ? -j : j;
}
