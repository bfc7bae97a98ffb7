// SPDX-License-Identifier: MIT
/*
 * Host test of the application's C library (kernel/libc/).
 *
 * libc.mk renames our functions to kite_*; the host C library's are
 * reached as host_* through asm labels and serve as the oracle for
 * strtol & co, ctype, qsort/bsearch, strtok and strerror.  malloc runs on
 * stub kmalloc/page allocators that only promise what the kernel's do
 * (8-byte alignment for kmalloc), under ASan.  The string.h extras are
 * in test_libc_string.c, malloc in test_libc_malloc.c; main() is here.
 */
#include "libc_oracle.h"

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
