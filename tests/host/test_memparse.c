// SPDX-License-Identifier: MIT
/*
 * Host test of lib/memparse.c: memparse() (mem=, memmap=, loglevel=) and
 * memparse_value(), the whole-value form that replaced mm's own parser
 * for movablecore= (a size or a percentage) and min_free_kbytes=.
 */
#include <kernel/cmdline.h>
#include <kernel/errno.h>

#include "tap.h"

static void test_memparse(void)
{
	const char *end;
	int err;

	ok_eq(memparse("64M", &end, &err), 64ULL << 20, "64M");
	ok(!err && !*end, "64M: no error, all read");
	ok_eq(memparse("0x1000k", &end, &err), 0x1000ULL << 10, "0x1000k");
	ok_eq(memparse("2G,", &end, &err), 2ULL << 30, "2G followed by text");
	ok(!err && *end == ',', "... stops at the text");
	ok_eq(memparse("1E", &end, &err), 1ULL << 60, "1E");
	ok_eq(memparse("7", NULL, &err), 7, "no suffix, no end pointer");
	memparse("x", &end, &err);
	ok(err == -EINVAL && *end == 'x', "no digits: -EINVAL");
	memparse("0x", &end, &err);
	ok(err == -EINVAL, "0x without digits: -EINVAL");
	memparse("16E", &end, &err);
	ok(err == -ERANGE, "16E overflows: -ERANGE");
	memparse("99999999999999999999", &end, &err);
	ok(err == -ERANGE && !*end, "20 digits overflow, all read");
}

static void test_memparse_value(void)
{
	bool percent = true;
	u64 v = 0;

	ok(memparse_value("4M", &v, &percent) == 0 && v == 4ULL << 20 &&
		   !percent,
	   "a size");
	ok(memparse_value("10%", &v, &percent) == 0 && v == 10 && percent,
	   "a percentage");
	ok(memparse_value("10%", &v, NULL) == -EINVAL,
	   "a percentage where none is taken: -EINVAL");
	ok(memparse_value("2048", &v, NULL) == 0 && v == 2048, "a number");
	v = 5;
	ok(memparse_value("12Mx", &v, NULL) == -EINVAL && v == 5,
	   "trailing text: -EINVAL, value untouched");
	ok(memparse_value("10%%", &v, &percent) == -EINVAL,
	   "text after the percent sign: -EINVAL");
	ok(memparse_value("", &v, NULL) == -EINVAL, "empty: -EINVAL");
	ok(memparse_value(NULL, &v, NULL) == -EINVAL, "missing: -EINVAL");
	ok(memparse_value("lots", &v, NULL) == -EINVAL, "words: -EINVAL");
	ok(memparse_value("-1", &v, NULL) == -EINVAL, "a sign: -EINVAL");
	ok(memparse_value("32G", &v, NULL) == 0 && v == 32ULL << 30,
	   "32G: fits in 64 bits");
	ok(memparse_value("17179869184G", &v, NULL) == -ERANGE,
	   "2^34 G: -ERANGE");
}

int main(void)
{
	test_memparse();
	test_memparse_value();
	return tap_done();
}
