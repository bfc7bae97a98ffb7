// SPDX-License-Identifier: MIT
/*
 * Host libc test: the string.h extras -- strcasecmp, strtok and strerror
 * against the host's, strncat, strpbrk, memrchr, strlcpy/strlcat, strdup.
 */
#include "libc_oracle.h"

/* The sign of a comparison result. */
static int sign(int x)
{
	return (x > 0) - (x < 0);
}

/* strcasecmp and strncasecmp: the same sign as the host's. */
static void test_strcasecmp(void)
{
	static const char *const words[] = {
		"",	 "a",	  "A",	    "abc",	 "ABD",	 "abcd",
		"Hello", "hello", "HELLO!", "\xe9t\xe9", "\x7f", "zz"};
	bool cmp_ok = true, ncmp_ok = true;

	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		for (size_t j = 0; j < ARRAY_SIZE(words); j++) {
			cmp_ok &= sign(kite_strcasecmp(words[i], words[j])) ==
				  sign(host_strcasecmp(words[i], words[j]));
			for (size_t n = 0; n < 6; n++)
				ncmp_ok &= sign(kite_strncasecmp(
						   words[i], words[j], n)) ==
					   sign(host_strncasecmp(words[i],
								 words[j], n));
		}
	ok(cmp_ok, "strcasecmp: same sign as the host on %zu pairs",
	   ARRAY_SIZE(words) * ARRAY_SIZE(words));
	ok(ncmp_ok, "strncasecmp: same sign as the host, n = 0..5");
}

/* strtok_r token by token against the host's, then strtok's end. */
static void test_strtok(void)
{
	static const char *const tok_inputs[] = {
		"a b  c",     "  leading and trailing  ",
		"",	      "   ",
		"one",	      ",a,,b,c,",
		"x=1;y=2;;z", "no-delims-here"};
	static const char *const delims[] = {" ", ", ", ";=", "-"};
	char buf[32];

	for (size_t i = 0; i < ARRAY_SIZE(tok_inputs); i++)
		for (size_t j = 0; j < ARRAY_SIZE(delims); j++) {
			char k[64], h[64], *ks, *hs, *kt, *ht;
			bool same = true;
			int ntok = 0;

			strcpy(k, tok_inputs[i]);
			strcpy(h, tok_inputs[i]);
			kt = kite_strtok_r(k, delims[j], &ks);
			ht = host_strtok_r(h, delims[j], &hs);
			for (;;) {
				same &= !kt == !ht &&
					(!kt ||
					 (kt - k == ht - h && !strcmp(kt, ht)));
				if (!kt || !ht)
					break;
				ntok++;
				kt = kite_strtok_r(NULL, delims[j], &ks);
				ht = host_strtok_r(NULL, delims[j], &hs);
			}
			ok(same,
			   "strtok_r(\"%s\", \"%s\"): %d tokens as the host",
			   tok_inputs[i], delims[j], ntok);
		}
	strcpy(buf, "p/q//r");
	ok(!strcmp(kite_strtok(buf, "/"), "p") &&
		   !strcmp(kite_strtok(NULL, "/"), "q") &&
		   !strcmp(kite_strtok(NULL, "/"), "r") &&
		   !kite_strtok(NULL, "/") && !kite_strtok(NULL, "/"),
	   "strtok walks p/q//r and stays at the end");
}

/* strerror: the host's text for every errno value both know. */
static void test_strerror(void)
{
	static const int known[] = {
		0,	   EPERM,	 ENOENT,     ESRCH,   EINTR,
		EIO,	   ENXIO,	 E2BIG,	     ENOEXEC, EBADF,
		ECHILD,	   EAGAIN,	 ENOMEM,     EACCES,  EFAULT,
		ENOTBLK,   EBUSY,	 EEXIST,     EXDEV,   ENODEV,
		ENOTDIR,   EISDIR,	 EINVAL,     ENFILE,  EMFILE,
		ENOTTY,	   ETXTBSY,	 EFBIG,	     ENOSPC,  ESPIPE,
		EROFS,	   EMLINK,	 EPIPE,	     EDOM,    ERANGE,
		EDEADLK,   ENAMETOOLONG, ENOLCK,     ENOSYS,  ENOTEMPTY,
		ELOOP,	   ENOMSG,	 ENOSTR,     ENODATA, ETIME,
		EPROTO,	   EBADMSG,	 EOVERFLOW,  EILSEQ,  EOPNOTSUPP,
		ETIMEDOUT, ECANCELED,	 EOWNERDEAD, -1,      1000,
	};
	int bad = 0;

	for (size_t i = 0; i < ARRAY_SIZE(known); i++) {
		char h[128];

		strcpy(h, host_strerror(known[i]));
		if (strcmp(kite_strerror(known[i]), h)) {
			tap_diag("strerror(%d): \"%s\" vs \"%s\"", known[i],
				 kite_strerror(known[i]), h);
			bad++;
		}
	}
	ok(!bad, "strerror: the host's text for %zu values", ARRAY_SIZE(known));
}

/* strncat, strpbrk, memrchr, strlcpy/strlcat, strdup/strndup. */
static void test_string_extras(void)
{
	char buf[32];
	char *d;

	strcpy(buf, "ab");
	ok(!strcmp(kite_strncat(buf, "cdef", 2), "abcd") &&
		   !strcmp(kite_strncat(buf, "", 5), "abcd") &&
		   !strcmp(kite_strncat(buf, "xy", 9), "abcdxy"),
	   "strncat appends at most n and terminates");
	ok(kite_strpbrk("hello, world", " ,") == strchr("hello, world", ',') ||
		   !strcmp(kite_strpbrk("hello, world", " ,"), ", world"),
	   "strpbrk finds the first of a set");
	ok(kite_strpbrk("abc", "xyz") == NULL && kite_strpbrk("", "a") == NULL,
	   "strpbrk returns NULL when none");
	{
		const char m[] = "a.b.c";

		ok(kite_memrchr(m, '.', 5) == m + 3 &&
			   kite_memrchr(m, 'a', 5) == m &&
			   kite_memrchr(m, 'x', 5) == NULL &&
			   kite_memrchr(m, 'c', 0) == NULL,
		   "memrchr finds the last occurrence");
	}
	ok(kite_strlcpy(buf, "truncate me", 5) == 11 && !strcmp(buf, "trun"),
	   "strlcpy truncates and returns the source length");
	ok(kite_strlcpy(buf, "x", 0) == 1 && !strcmp(buf, "trun"),
	   "strlcpy with size 0 writes nothing");
	ok(kite_strlcat(buf, "cated", 8) == 9 && !strcmp(buf, "truncat"),
	   "strlcat truncates and returns the would-be length");
	ok(kite_strlcat(buf, "zz", 3) == 5, "strlcat into a full buffer");

	d = kite_strdup("duplicate");
	ok(d && !strcmp(d, "duplicate") && kite_malloc_usable_size(d) >= 10,
	   "strdup copies into a malloc block");
	kite_free(d);
	d = kite_strndup("duplicate", 3);
	ok(d && !strcmp(d, "dup"), "strndup copies at most n");
	kite_free(d);
	d = kite_strndup("ab", 10);
	ok(d && !strcmp(d, "ab"), "strndup of a shorter string");
	kite_free(d);
}

void test_string(void)
{
	test_strcasecmp();
	test_strtok();
	test_strerror();
	test_string_extras();
}
