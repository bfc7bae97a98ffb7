// SPDX-License-Identifier: MIT
/*
 * DOC: size parsing
 *
 * memparse() reads a size as the command line writes it: decimal or 0x
 * hex digits and an optional binary suffix K, M, G, T, P or E (either
 * case).  memparse_value() is memparse() over a whole parameter value,
 * with an optional "%" where the caller takes a percentage.  In a file of
 * its own, with no printk, so every host build of mm/ can link it.
 */
#include <kernel/cmdline.h>
#include <kernel/errno.h>

/* The value of digit @c in @base, or -1. */
static int digit_value(char c, u64 base)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (base == 16 && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (base == 16 && c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The shift a size suffix stands for, or 0 if @c is none. */
static int suffix_shift(char c)
{
	static const char units[] = "KMGTPE";
	int i;

	for (i = 0; units[i]; i++)
		if (c == units[i] || c == units[i] + ('a' - 'A'))
			return 10 * (i + 1);
	return 0;
}

u64 memparse(const char *s, const char **end, int *err)
{
	u64 v = 0, base = 10;
	int digits = 0, shift, d;

	*err = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; (d = digit_value(*s, base)) >= 0; s++, digits++) {
		if (v > (~0ULL - (u64)d) / base) {
			*err = -ERANGE;
			v = ~0ULL;
		} else if (!*err) {
			v = v * base + (u64)d;
		}
	}
	if (!digits) {
		*err = -EINVAL;
		if (end)
			*end = s;
		return 0;
	}
	shift = suffix_shift(*s);
	if (shift)
		s++;
	if (shift && v > (~0ULL >> shift)) {
		*err = -ERANGE;
		v = ~0ULL;
	} else if (!*err) {
		v <<= shift;
	}
	if (end)
		*end = s;
	return v;
}

int memparse_value(const char *arg, u64 *out, bool *percent)
{
	const char *end;
	int err;
	u64 v;

	if (!arg)
		return -EINVAL;
	v = memparse(arg, &end, &err);
	if (err)
		return err;
	if (percent)
		*percent = *end == '%';
	if (percent && *percent)
		end++;
	if (*end)
		return -EINVAL;
	*out = v;
	return 0;
}
