// SPDX-License-Identifier: MIT
/*
 * Host test of the application's C library (kernel/libc/).
 *
 * libc.mk renames our functions to kite_*; the host C library's are
 * reached as host_* through asm labels and serve as the oracle for
 * strtol & co, ctype, qsort/bsearch, strtok and strerror.  malloc runs on
 * stub kmalloc/page allocators that only promise what the kernel's do
 * (8-byte alignment for kmalloc), under ASan.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <kernel/compiler.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

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

/* ---- abort() hook: malloc's misuse reports end in abort() ---- */
static jmp_buf abort_jmp;
static bool abort_armed;
static int abort_count;

__noreturn void kite_abort(void)
{
	abort_count++;
	if (abort_armed)
		longjmp(abort_jmp, 1);
	host_abort();
}

#define EXPECT_ABORT(stmt)                      \
	({                                      \
		volatile bool _aborted = false; \
		abort_armed = true;             \
		if (setjmp(abort_jmp) == 0) {   \
			stmt;                   \
		} else {                        \
			_aborted = true;        \
		}                               \
		abort_armed = false;            \
		_aborted;                       \
	})

/* ---- strtol family ---- */
static const char *const numbers[] = {
	"0",
	"123",
	"-123",
	"+42",
	"  \t\n 7",
	"0x1f",
	"0X1F",
	"0x",
	"0xg",
	"-0x10",
	"010",
	"08",
	"0b101",
	"z",
	"Zz",
	"",
	"   ",
	"-",
	"+",
	"- 5",
	"9223372036854775807",
	"9223372036854775808",
	"-9223372036854775808",
	"-9223372036854775809",
	"18446744073709551615",
	"18446744073709551616",
	"-18446744073709551615",
	"-18446744073709551616",
	"99999999999999999999999999abc",
	"123abc",
	"1e5",
	"0777",
	"-0",
	"7fffffffffffffff",
	"ffffffffffffffff",
	"10000000000000000",
	"  -1",
	"2147483648",
	"-2147483649",
	"zzzzzzzzzzzzzz",
	"1010102",
	"000000000000000000000000000000000000000000042",
	"+-1",
	"0x+1",
};
static const int bases[] = {0, 2, 8, 10, 16, 36};

#define STRTO_CASE(fn, s, base, what)                                         \
	({                                                                    \
		char *_ke, *_he;                                              \
		int _ker, _her;                                               \
		bool _same;                                                   \
		kite_errno = 0;                                               \
		errno = 0;                                                    \
		__auto_type _kv = kite_##fn(s, &_ke, base);                   \
		__auto_type _hv = host_##fn(s, &_he, base);                   \
		_ker = kite_errno;                                            \
		_her = errno;                                                 \
		_same = _kv == _hv && _ke == _he && _ker == _her;             \
		if (!_same)                                                   \
			tap_diag(#fn "(\"%s\", %d): kite %lld end+%td errno " \
				     "%d, host %lld end+%td errno %d",        \
				 s, base, (long long)_kv, _ke - (s), _ker,    \
				 (long long)_hv, _he - (s), _her);            \
		_same;                                                        \
	})

static void test_strto(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(numbers); i++) {
		const char *s = numbers[i];
		bool l = true, ul = true, ll = true, ull = true;

		for (size_t b = 0; b < ARRAY_SIZE(bases); b++) {
			l &= STRTO_CASE(strtol, s, bases[b], l);
			ul &= STRTO_CASE(strtoul, s, bases[b], ul);
			ll &= STRTO_CASE(strtoll, s, bases[b], ll);
			ull &= STRTO_CASE(strtoull, s, bases[b], ull);
		}
		ok(l && ul && ll && ull,
		   "strtol/ul/ll/ull(\"%s\") match the host in bases 0 2 8 "
		   "10 16 36",
		   s);
	}
	for (int base = -1; base <= 37; base += 38) {
		char *end = (char *)"x";

		kite_errno = 0;
		ok(kite_strtol("123", &end, base) == 0 && kite_errno == EINVAL,
		   "strtol base %d: 0 and EINVAL", base);
	}
	{
		char *end = NULL;
		const char *s = "  12";

		kite_errno = 0;
		kite_strtol(s, &end, 1);
		ok(end == s && kite_errno == EINVAL,
		   "strtol base 1: *end is the string, EINVAL");
		kite_errno = 1234;
		ok(kite_strtol("77", NULL, 10) == 77 && kite_errno == 1234,
		   "strtol leaves errno alone on success, end may be NULL");
	}
	for (size_t i = 0; i < ARRAY_SIZE(numbers); i++) {
		const char *s = numbers[i];
		long hv = host_strtol(s, NULL, 10);

		/* atoi is only defined while the value fits in an int. */
		if (hv >= INT32_MIN && hv <= INT32_MAX)
			ok(kite_atoi(s) == host_atoi(s) &&
				   kite_atol(s) == host_atol(s) &&
				   kite_atoll(s) == host_atol(s),
			   "atoi/atol/atoll(\"%s\") = %ld", s, hv);
	}
	ok(kite_strtoimax("-42", NULL, 0) == -42 &&
		   kite_strtoumax("0x2a", NULL, 0) == 42,
	   "strtoimax / strtoumax");
}

/* ---- ctype: every value from EOF to 255 ---- */
static void test_ctype(void)
{
	static const struct {
		const char *name;
		int (*kite)(int);
		int (*host)(int);
	} fns[] = {
#define F(n) {#n, kite_##n, host_##n}
		F(isalnum), F(isalpha),	 F(isblank), F(iscntrl), F(isdigit),
		F(isgraph), F(islower),	 F(isprint), F(ispunct), F(isspace),
		F(isupper), F(isxdigit), F(isascii), F(tolower), F(toupper),
#undef F
	};

	for (size_t i = 0; i < ARRAY_SIZE(fns); i++) {
		int bad = -2;
		bool is = fns[i].name[0] == 'i';

		for (int c = -1; c <= 255 && bad == -2; c++) {
			int k = fns[i].kite(c), h = fns[i].host(c);

			if (is ? !k != !h : k != h)
				bad = c;
		}
		ok(bad == -2, "%s matches the host's C locale for EOF..255",
		   fns[i].name);
		if (bad != -2)
			tap_diag("first difference at %d", bad);
	}
}

/* ---- qsort / bsearch ---- */
static unsigned long ncmp;

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	ncmp++;
	return (x > y) - (x < y);
}

struct rec {
	int key;
	int id;
	char pad[4]; /* 12 bytes: not a multiple of the word size */
};

static int cmp_rec_key(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

static int cmp_rec_full(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;
	int r = cmp_rec_key(a, b);

	return r ? r : (x->id > y->id) - (x->id < y->id);
}

static unsigned long lcg(unsigned long *s)
{
	*s = *s * 6364136223846793005UL + 1442695040888963407UL;
	return *s >> 33;
}

static const char *const patterns[] = {"random",  "sorted", "reversed",
				       "equal",	  "few",    "organ pipe",
				       "sawtooth"};

static int pattern_value(int p, int i, int n, unsigned long *seed)
{
	switch (p) {
	case 0:
		return (int)lcg(seed);
	case 1:
		return i;
	case 2:
		return n - i;
	case 3:
		return 7;
	case 4:
		return (int)(lcg(seed) % 4);
	case 5:
		return i < n / 2 ? i : n - i;
	default:
		return i % 17;
	}
}

static void test_qsort(unsigned long seed)
{
	static const int sizes[] = {0, 1, 2, 3, 10, 13, 100, 1000, 20000};

	for (size_t si = 0; si < ARRAY_SIZE(sizes); si++) {
		int n = sizes[si];
		int *a = host_malloc(sizeof(int) * (size_t)(n + 1));
		int *b = host_malloc(sizeof(int) * (size_t)(n + 1));

		for (int p = 0; p < (int)ARRAY_SIZE(patterns); p++) {
			double bound;

			for (int i = 0; i < n; i++)
				a[i] = b[i] = pattern_value(p, i, n, &seed);
			ncmp = 0;
			kite_qsort(a, (size_t)n, sizeof(int), cmp_int);
			host_qsort(b, (size_t)n, sizeof(int), cmp_int);
			/* introsort: at most ~c * n log2 n comparisons */
			bound = 64;
			for (int m = n; m > 1; m >>= 1)
				bound += 4.0 * n;
			ok(!memcmp(a, b, sizeof(int) * (size_t)n) &&
				   (double)0 + ncmp <= bound + 4.0 * n,
			   "qsort %d ints, %s: sorted as the host sorts", n,
			   patterns[p]);
		}
		host_free(a);
		host_free(b);
	}
	{
		int n = 5000;
		struct rec *r = host_malloc(sizeof(*r) * (size_t)n);
		struct rec *h = host_malloc(sizeof(*r) * (size_t)n);
		bool keys = true;

		for (int i = 0; i < n; i++) {
			r[i] = (struct rec){(int)(lcg(&seed) % 100), i, "abc"};
			h[i] = r[i];
		}
		kite_qsort(r, (size_t)n, sizeof(*r), cmp_rec_key);
		for (int i = 1; i < n; i++)
			keys &= r[i - 1].key <= r[i].key;
		ok(keys, "qsort 12-byte records: keys in order");
		host_qsort(r, (size_t)n, sizeof(*r), cmp_rec_full);
		host_qsort(h, (size_t)n, sizeof(*r), cmp_rec_full);
		ok(!memcmp(r, h, sizeof(*r) * (size_t)n),
		   "qsort 12-byte records: a permutation of the input");
		host_free(r);
		host_free(h);
	}
	{
		int a[200], key;
		bool found = true, absent = true;

		for (int i = 0; i < 200; i++)
			a[i] = 2 * i;
		for (key = 0; key < 400; key++) {
			int *k = kite_bsearch(&key, a, 200, sizeof(int),
					      cmp_int);
			int *h = host_bsearch(&key, a, 200, sizeof(int),
					      cmp_int);

			if (key % 2)
				absent &= k == NULL && h == NULL;
			else
				found &= k == h && k && *k == key;
		}
		ok(found, "bsearch finds each of 200 keys where the host does");
		ok(absent, "bsearch returns NULL for 200 absent keys");
		key = 3;
		ok(kite_bsearch(&key, a, 0, sizeof(int), cmp_int) == NULL,
		   "bsearch on an empty array");
		ok(kite_bsearch(&key, a + 1, 1, sizeof(int), cmp_int) == NULL &&
			   *(int *)kite_bsearch(&a[1], a + 1, 1, sizeof(int),
						cmp_int) == 2,
		   "bsearch on one element");
	}
}

/* ---- string.h extras ---- */
static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void test_string(void)
{
	static const char *const words[] = {
		"",	 "a",	  "A",	    "abc",	 "ABD",	 "abcd",
		"Hello", "hello", "HELLO!", "\xe9t\xe9", "\x7f", "zz"};
	static const char *const tok_inputs[] = {
		"a b  c",     "  leading and trailing  ",
		"",	      "   ",
		"one",	      ",a,,b,c,",
		"x=1;y=2;;z", "no-delims-here"};
	static const char *const delims[] = {" ", ", ", ";=", "-"};
	bool cmp_ok = true, ncmp_ok = true;
	char buf[32];
	char *d;

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

	{
		static const int known[] = {
			0,
			EPERM,
			ENOENT,
			ESRCH,
			EINTR,
			EIO,
			ENXIO,
			E2BIG,
			ENOEXEC,
			EBADF,
			ECHILD,
			EAGAIN,
			ENOMEM,
			EACCES,
			EFAULT,
			ENOTBLK,
			EBUSY,
			EEXIST,
			EXDEV,
			ENODEV,
			ENOTDIR,
			EISDIR,
			EINVAL,
			ENFILE,
			EMFILE,
			ENOTTY,
			ETXTBSY,
			EFBIG,
			ENOSPC,
			ESPIPE,
			EROFS,
			EMLINK,
			EPIPE,
			EDOM,
			ERANGE,
			EDEADLK,
			ENAMETOOLONG,
			ENOLCK,
			ENOSYS,
			ENOTEMPTY,
			ELOOP,
			ENOMSG,
			ENOSTR,
			ENODATA,
			ETIME,
			EPROTO,
			EBADMSG,
			EOVERFLOW,
			EILSEQ,
			EOPNOTSUPP,
			ETIMEDOUT,
			ECANCELED,
			EOWNERDEAD,
			-1,
			1000,
		};
		int bad = 0;

		for (size_t i = 0; i < ARRAY_SIZE(known); i++) {
			char h[128];

			strcpy(h, host_strerror(known[i]));
			if (strcmp(kite_strerror(known[i]), h)) {
				tap_diag("strerror(%d): \"%s\" vs \"%s\"",
					 known[i], kite_strerror(known[i]), h);
				bad++;
			}
		}
		ok(!bad, "strerror: the host's text for %zu values",
		   ARRAY_SIZE(known));
	}

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

/* ---- rand ---- */
static uint64_t ref_state;

static int ref_rand(void)
{
	ref_state ^= ref_state >> 12;
	ref_state ^= ref_state << 25;
	ref_state ^= ref_state >> 27;
	return (int)((ref_state * 2685821657736338717ULL) >> 33);
}

static void test_rand(void)
{
	int first[8], buckets[16] = {0};
	bool same = true, range = true, even = true;
	unsigned int s1 = 5, s2 = 5;
	uint64_t z;

	for (int i = 0; i < 8; i++)
		first[i] = kite_rand();
	kite_srand(1);
	for (int i = 0; i < 8; i++)
		same &= kite_rand() == first[i];
	ok(same, "rand without srand is the srand(1) sequence");

	/* The reference: splitmix64(seed) then xorshift64* (Vigna). */
	z = 42 + 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	ref_state = z ^ (z >> 31);
	kite_srand(42);
	same = true;
	for (int i = 0; i < 1000; i++)
		same &= kite_rand() == ref_rand();
	ok(same, "srand(42): 1000 values of splitmix64 + xorshift64*");

	kite_srand(0);
	for (int i = 0; i < 160000; i++) {
		int r = kite_rand();

		range &= r >= 0 && r <= RAND_MAX;
		buckets[r >> 27]++;
	}
	for (int i = 0; i < 16; i++)
		even &= buckets[i] > 9500 && buckets[i] < 10500;
	ok(range, "rand stays in 0..RAND_MAX");
	ok(even, "rand: 160000 values spread evenly over 16 buckets");
	kite_srand(7);
	z = (uint64_t)kite_rand();
	kite_srand(8);
	ok(z != (uint64_t)kite_rand(), "different seeds, different values");

	same = true;
	for (int i = 0; i < 100; i++) {
		int a = kite_rand_r(&s1), b = kite_rand_r(&s2);

		same &= a == b && a >= 0 && a <= RAND_MAX;
	}
	ok(same && s1 == s2 && s1 != 5, "rand_r: state in *seedp only");
}

/* ---- malloc over stub allocators ---- */
static long stub_live, stub_pages_live;

void *kmalloc(size_t size, gfp_t flags)
{
	(void)flags;
	/* Only 8-byte alignment, like ARCH_KMALLOC_MINALIGN. */
	char *p = host_malloc(size + 8);

	if (!p)
		return NULL;
	stub_live++;
	return p + 8;
}

/* While set, kfree keeps the memory (the double-free test reads it). */
static void *stub_kept;

void kfree(const void *p)
{
	if (!p)
		return;
	stub_live--;
	if (!stub_kept)
		stub_kept = (char *)p - 8;
	else
		host_free((char *)p - 8);
}

void *alloc_pages_exact(size_t size, gfp_t gfp)
{
	size_t len = (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);

	(void)gfp;

	stub_pages_live++;
	return host_aligned_alloc(PAGE_SIZE, len);
}

void free_pages_exact(void *virt, size_t size)
{
	(void)size;
	stub_pages_live--;
	host_free(virt);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	(void)gfp;
	stub_pages_live++;
	return (unsigned long)host_aligned_alloc(PAGE_SIZE << order,
						 PAGE_SIZE << order);
}

void free_pages(unsigned long addr, unsigned int order)
{
	(void)order;
	stub_pages_live--;
	host_free((void *)addr);
}

static bool filled(const unsigned char *p, size_t n, unsigned char c)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return false;
	return true;
}

static void test_malloc(unsigned long seed)
{
	volatile size_t huge = SIZE_MAX; /* hidden from -Walloc-size */
	void *a, *b, *p;
	char *s;
	bool aligned = true;
	int rc;

	a = kite_malloc(0);
	b = kite_malloc(0);
	ok(a && b && a != b, "malloc(0) returns unique non-NULL pointers");
	kite_free(a);
	kite_free(b);
	kite_free(NULL);
	ok(stub_live == 0, "free(malloc(0)) and free(NULL) release everything");

	for (size_t n = 1; n < 3000; n += 7) {
		p = kite_malloc(n);
		aligned &= p && ((uintptr_t)p & 15) == 0 &&
			   kite_malloc_usable_size(p) >= n;
		memset(p, 0xa5, n);
		kite_free(p);
	}
	ok(aligned, "malloc: 16-byte aligned, usable >= asked, 1..3000 bytes");

	p = kite_calloc(100, 7);
	ok(p && filled(p, 700, 0), "calloc zeroes 700 bytes");
	kite_free(p);
	kite_errno = 0;
	ok(!kite_calloc(huge / 2, 3) && kite_errno == ENOMEM,
	   "calloc overflow: NULL, ENOMEM");
	kite_errno = 0;
	ok(!kite_malloc(huge - 8) && kite_errno == ENOMEM,
	   "malloc(SIZE_MAX - 8): NULL, ENOMEM");

	s = kite_malloc(10);
	strcpy(s, "012345678");
	s = kite_realloc(s, 5000);
	ok(s && !strcmp(s, "012345678"), "realloc to 5000 keeps the bytes");
	s = kite_realloc(s, 100000);
	ok(s && !strcmp(s, "012345678") && ((uintptr_t)s & 4095) == 0 &&
		   stub_pages_live == 1,
	   "realloc to 100000 moves to whole pages, keeps the bytes");
	s = kite_realloc(s, 100001);
	ok(s && ((uintptr_t)s & 4095) == 0 &&
		   kite_malloc_usable_size(s) == 102400,
	   "realloc within the same pages stays put");
	s = kite_realloc(s, 3);
	ok(s && !memcmp(s, "012", 3) && stub_pages_live == 0,
	   "realloc down to 3 bytes leaves the pages");
	p = kite_realloc(s, 0);
	ok(p != NULL, "realloc(p, 0) returns a unique pointer");
	kite_free(p);
	p = kite_realloc(NULL, 33);
	ok(p && kite_malloc_usable_size(p) >= 33, "realloc(NULL, n) mallocs");
	kite_free(p);

	p = kite_malloc(1 << 20);
	ok(p && ((uintptr_t)p & 4095) == 0 && stub_pages_live == 1,
	   "malloc(1 MiB) comes from the page allocator");
	memset(p, 1, 1 << 20);
	kite_free(p);
	ok(stub_pages_live == 0, "free gives the pages back");

	aligned = true;
	for (size_t al = 1; al <= 65536; al <<= 1) {
		p = kite_aligned_alloc(al, 100);
		aligned &= p && ((uintptr_t)p & (al - 1)) == 0;
		memset(p, 2, 100);
		kite_free(p);
	}
	ok(aligned, "aligned_alloc 1..65536: aligned, writable, freeable");
	ok(stub_pages_live == 0 && stub_live == 0,
	   "aligned blocks all returned to their allocator");
	kite_errno = 0;
	ok(!kite_aligned_alloc(24, 10) && kite_errno == EINVAL,
	   "aligned_alloc(24): EINVAL");
	p = (void *)1;
	kite_errno = 0;
	ok(kite_posix_memalign(&p, 4, 10) == EINVAL && p == (void *)1 &&
		   kite_errno == 0,
	   "posix_memalign(4): EINVAL returned, *memptr and errno untouched");
	rc = kite_posix_memalign(&p, 8192, 10000);
	ok(rc == 0 && ((uintptr_t)p & 8191) == 0, "posix_memalign(8192)");
	kite_free(p);
	rc = kite_posix_memalign(&p, 64, 0);
	ok(rc == 0 && p && ((uintptr_t)p & 63) == 0,
	   "posix_memalign(64, 0) gives a unique pointer");
	kite_free(p);

	host_free(stub_kept);
	stub_kept = NULL;
	p = kite_malloc(40);
	kite_free(p); /* kept by the stub, as freed slab memory stays mapped */
	ok(EXPECT_ABORT(kite_free(p)), "double free is caught (abort)");
	{
		static long fake[8];

		ok(EXPECT_ABORT(kite_free(&fake[4])),
		   "free of a non-malloc pointer is caught (abort)");
		ok(EXPECT_ABORT(kite_free((char *)&fake[4] + 1)),
		   "free of a misaligned pointer is caught (abort)");
	}
	ok(stub_live == 0 && stub_pages_live == 0, "nothing leaked so far");

	/* Random mix of malloc/realloc/free; each block holds its own tag. */
	{
		enum { SLOTS = 64 };
		unsigned char *slot[SLOTS] = {0};
		size_t len[SLOTS] = {0};
		bool intact = true;

		for (int i = 0; i < 20000; i++) {
			int k = (int)(lcg(&seed) % SLOTS);
			size_t n = lcg(&seed) % (lcg(&seed) % 8 ? 300 : 20000);

			if (slot[k])
				intact &= filled(slot[k], len[k],
						 (unsigned char)k);
			if (slot[k] && lcg(&seed) % 2) {
				kite_free(slot[k]);
				slot[k] = NULL;
				len[k] = 0;
				continue;
			}
			slot[k] = kite_realloc(slot[k], n);
			if (!slot[k]) {
				intact = false;
				break;
			}
			if (n > len[k])
				memset(slot[k], k, n);
			len[k] = n;
		}
		for (int k = 0; k < SLOTS; k++)
			kite_free(slot[k]);
		ok(intact, "20000 random malloc/realloc/free: contents intact");
		ok(stub_live == 0 && stub_pages_live == 0,
		   "random mix: every block freed");
	}
	host_free(stub_kept);
}

int main(void)
{
	unsigned long seed = host_seed();

	test_strto();
	test_ctype();
	test_qsort(seed);
	test_string();
	test_rand();
	test_malloc(seed);
	return tap_done();
}
