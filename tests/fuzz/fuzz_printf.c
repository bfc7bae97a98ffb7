// SPDX-License-Identifier: MIT
/*
 * Fuzz target: the kernel's formatter (lib/vsprintf.c) against the host
 * C library's snprintf.
 *
 * fuzz.mk renames the kernel's functions to kite_*; the host's are reached
 * through asm labels.  The input is read as a program: each step builds
 * one piece of format - literal text, one conversion with flags, width,
 * precision (digits or '*') and length modifier - and an argument of the
 * type the conversion expects, then formats it into a buffer of a size the
 * input also chooses.  Only combinations C defines are generated (no '#'
 * on %d, no precision on %c, no %n, no floating point), so any difference
 * in the output or the return value is a bug in one of the two.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"

int host_snprintf(char *buf, size_t size, const char *fmt,
		  ...) __asm__("snprintf");
int kite_snprintf(char *buf, size_t size, const char *fmt, ...);
int kite_scnprintf(char *buf, size_t size, const char *fmt, ...);

/* ---- reading the input ---- */
struct in {
	const uint8_t *p;
	size_t left;
};

static unsigned int byte(struct in *in)
{
	if (!in->left)
		return 0;
	in->left--;
	return *in->p++;
}

static uint64_t bytes(struct in *in, int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | byte(in);
	return v;
}

/* ---- building one piece ---- */
enum kind { K_INT, K_LONG, K_LLONG, K_SIZE, K_PTRDIFF, K_CHAR, K_STR, K_PTR };

struct piece {
	char fmt[96];
	size_t len;
	enum kind kind;
	int nstar, star[2];
	uint64_t val;
	char str[48];
	bool null_str;
	bool has_conv;
};

static void add(struct piece *pc, const char *s)
{
	size_t n = strlen(s);

	if (pc->len + n < sizeof(pc->fmt)) {
		memcpy(pc->fmt + pc->len, s, n + 1);
		pc->len += n;
	}
}

static void literal(struct piece *pc, struct in *in)
{
	unsigned int n = byte(in) % 6;
	char c[2] = {0, 0};

	while (n--) {
		c[0] = (char)byte(in);
		if (c[0] && c[0] != '%')
			add(pc, c);
	}
}

static void width_prec(struct piece *pc, struct in *in, bool prec_ok)
{
	char num[16];
	unsigned int w = byte(in);

	if (w % 4 == 1) {
		host_snprintf(num, sizeof(num), "%u", 1 + byte(in) % 120);
		add(pc, num);
	} else if (w % 4 == 2) {
		add(pc, "*");
		pc->star[pc->nstar++] = (int)(byte(in) % 241) - 120;
	}
	if (!prec_ok)
		return;
	w >>= 2;
	if (w % 4 == 1) {
		host_snprintf(num, sizeof(num), ".%u", byte(in) % 120);
		add(pc, num);
	} else if (w % 4 == 2) {
		add(pc, ".*");
		pc->star[pc->nstar++] = (int)(byte(in) % 130) - 8;
	} else if (w % 4 == 3) {
		add(pc, ".");
	}
}

static void flags(struct piece *pc, struct in *in, const char *allowed)
{
	unsigned int f = byte(in);
	char c[2] = {0, 0};

	for (int i = 0; allowed[i]; i++)
		if (f & (1u << i)) {
			c[0] = allowed[i];
			add(pc, c);
		}
}

static void conversion(struct piece *pc, struct in *in)
{
	static const char *const ilen[] = {"", "hh", "h", "l", "ll", "z", "j"};
	static const enum kind ikind[] = {K_INT,   K_INT,  K_INT,  K_LONG,
					  K_LLONG, K_SIZE, K_LLONG};
	static const char conv[] = "diuoxXcsp%";
	char c = conv[byte(in) % (sizeof(conv) - 1)];
	char cs[2] = {c, 0};
	unsigned int l;

	pc->has_conv = true;
	add(pc, "%");
	switch (c) {
	case 'd':
	case 'i':
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		flags(pc, in, strchr("di", c) ? "-+ 0" : "-#0");
		width_prec(pc, in, true);
		l = byte(in) % 8;
		if (l == 7 && strchr("di", c)) {
			add(pc, "t");
			pc->kind = K_PTRDIFF;
		} else {
			l %= 7;
			add(pc, ilen[l]);
			pc->kind = ikind[l];
		}
		pc->val = bytes(in, 1 + byte(in) % 8);
		if (byte(in) & 1)
			pc->val = -pc->val;
		break;
	case 'c':
		flags(pc, in, "-");
		width_prec(pc, in, false);
		pc->kind = K_CHAR;
		pc->val = byte(in);
		break;
	case 's': {
		unsigned int n = byte(in) % (sizeof(pc->str) - 1), i;

		flags(pc, in, "-");
		width_prec(pc, in, true);
		pc->kind = K_STR;
		for (i = 0; i < n; i++) {
			pc->str[i] = (char)byte(in);
			if (!pc->str[i])
				break;
		}
		pc->str[i] = 0;
		pc->null_str = n == 1 && !pc->str[0];
		break;
	}
	case 'p':
		flags(pc, in, "-");
		width_prec(pc, in, false);
		pc->kind = K_PTR;
		pc->val = byte(in) & 1 ? 0 : bytes(in, 8);
		break;
	default:
		pc->has_conv = false; /* "%%": no argument */
		pc->kind = K_INT;
		break;
	}
	add(pc, cs);
}

/* ---- formatting with both ---- */
static char kbuf[1024], hbuf[1024], cbuf[1024];

#define BOTH(buf_k, buf_h, size, arg)                                         \
	do {                                                                  \
		switch (pc->nstar) {                                          \
		case 0:                                                       \
			k = kite_snprintf(buf_k, size, pc->fmt, arg);         \
			h = host_snprintf(buf_h, size, pc->fmt, arg);         \
			c = kite_scnprintf(cbuf, sizeof(cbuf), pc->fmt, arg); \
			break;                                                \
		case 1:                                                       \
			k = kite_snprintf(buf_k, size, pc->fmt, pc->star[0],  \
					  arg);                               \
			h = host_snprintf(buf_h, size, pc->fmt, pc->star[0],  \
					  arg);                               \
			c = kite_scnprintf(cbuf, sizeof(cbuf), pc->fmt,       \
					   pc->star[0], arg);                 \
			break;                                                \
		default:                                                      \
			k = kite_snprintf(buf_k, size, pc->fmt, pc->star[0],  \
					  pc->star[1], arg);                  \
			h = host_snprintf(buf_h, size, pc->fmt, pc->star[0],  \
					  pc->star[1], arg);                  \
			c = kite_scnprintf(cbuf, sizeof(cbuf), pc->fmt,       \
					   pc->star[0], pc->star[1], arg);    \
			break;                                                \
		}                                                             \
	} while (0)

static void format_both(const struct piece *pc, size_t size)
{
	char *kb = size ? kbuf : NULL, *hb = size ? hbuf : NULL;
	int k = 0, h = 0, c = 0;
	size_t n;

	memset(kbuf, 0x5a, sizeof(kbuf));
	memset(hbuf, 0x5a, sizeof(hbuf));
	switch (pc->kind) {
	case K_INT:
	case K_CHAR:
		BOTH(kb, hb, size, (int)pc->val);
		break;
	case K_LONG:
		BOTH(kb, hb, size, (long)pc->val);
		break;
	case K_LLONG:
		BOTH(kb, hb, size, (long long)pc->val);
		break;
	case K_SIZE:
		BOTH(kb, hb, size, (size_t)pc->val);
		break;
	case K_PTRDIFF:
		BOTH(kb, hb, size, (ptrdiff_t)pc->val);
		break;
	case K_STR:
		BOTH(kb, hb, size, pc->null_str ? NULL : pc->str);
		break;
	case K_PTR:
		BOTH(kb, hb, size, (void *)(uintptr_t)pc->val);
		break;
	}
	FUZZ_ASSERT(k == h, "\"%s\" size %zu: kite returned %d, host %d",
		    pc->fmt, size, k, h);
	FUZZ_ASSERT(c == (k < (int)sizeof(cbuf) ? k : (int)sizeof(cbuf) - 1),
		    "\"%s\": scnprintf returned %d for %d", pc->fmt, c, k);
	if (!size)
		return;
	n = (size_t)k < size - 1 ? (size_t)k : size - 1;
	FUZZ_ASSERT(!memcmp(kbuf, hbuf, n + 1),
		    "\"%s\" size %zu: kite \"%.*s\", host \"%.*s\"", pc->fmt,
		    size, (int)n, kbuf, (int)n, hbuf);
	FUZZ_ASSERT(size >= sizeof(kbuf) || kbuf[size] == 0x5a,
		    "\"%s\": wrote past size %zu", pc->fmt, size);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = {data, size};

	for (int steps = 0; in.left && steps < 64; steps++) {
		struct piece pc = {.len = 0};
		size_t bufsize;

		pc.fmt[0] = 0;
		literal(&pc, &in);
		conversion(&pc, &in);
		literal(&pc, &in);
		bufsize = byte(&in) % 4 ? sizeof(kbuf) : byte(&in) % 40;
		format_both(&pc, bufsize);
	}
	return 0;
}
