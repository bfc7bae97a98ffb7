// SPDX-License-Identifier: MIT
/*
 * Fuzz target: the kernel command line (lib/cmdline.c) and the early
 * parameters that take numbers (mem= through arch/riscv/kernel/fdt_memblock.c,
 * loglevel=, memblock=).
 *
 * The input, up to its first NUL, is the firmware's command line.
 * cmdline_for_each() is compared word by word with a reference splitter
 * written as a separate state machine; memparse() on every value (and on
 * the whole input) with a reference that computes in 128 bits; mem= with
 * the rule "a whole size of at least MEM_LIMIT_MIN".  Then the boot path
 * runs as in setup_arch(): cmdline_init(), parse_early_param(),
 * parse_late_params() and cmdline_app_args().
 */
#include <ctype.h>
#include <string.h>

#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <asm/fdt_memblock.h>
#include <kernel/printk.h>
#include <mm/memblock.h>

#include "fuzz_common.h"
#include "host.h"

/* ---- the early parameters the boot code registers ---- */
static phys_addr_t mem_limit = PHYS_ADDR_MAX;
static int mem_calls;

static int fuzz_early_mem(const char *val)
{
	mem_calls++;
	return parse_mem_limit(val, &mem_limit);
}
early_param("mem", fuzz_early_mem);

static int fuzz_early_memblock(const char *val)
{
	if (val && !strcmp(val, "debug"))
		memblock_set_debug(true);
	return 0;
}
early_param("memblock", fuzz_early_memblock);

/* ---- reference word splitter ---- */
#define MAX_WORDS 1100
#define WORD_MAX 255 /* bytes kept per word, as lib/cmdline.c */

struct word {
	char name[WORD_MAX + 1];
	bool has_val;
	const char *val; /* into name[] */
};

static struct word ref[MAX_WORDS], got[MAX_WORDS];
static int nref, ngot;

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static void ref_split(const char *s)
{
	enum { GAP, WORD } state = GAP;
	bool quoted = false;
	char buf[WORD_MAX + 1];
	size_t n = 0;

	nref = 0;
	for (;; s++) {
		char c = *s;
		bool end_word = !c || (!quoted && is_space(c));

		if (state == GAP) {
			if (!c)
				return;
			if (is_space(c))
				continue;
			state = WORD;
			n = 0;
			quoted = false;
			end_word = false;
		}
		if (!end_word) {
			if (c == '"')
				quoted = !quoted;
			else if (n < WORD_MAX)
				buf[n++] = c;
			continue;
		}
		/* a whole word */
		buf[n] = 0;
		if (!strcmp(buf, "--"))
			return;
		FUZZ_ASSERT(nref < MAX_WORDS, "too many words");
		struct word *w = &ref[nref++];
		char *eq;

		memcpy(w->name, buf, n + 1);
		eq = strchr(w->name, '=');
		w->has_val = eq != NULL;
		if (eq) {
			*eq = 0;
			w->val = eq + 1;
		}
		state = GAP;
		if (!c)
			return;
	}
}

static int record(const char *name, const char *val, void *arg)
{
	struct word *w;

	(void)arg;
	FUZZ_ASSERT(ngot < MAX_WORDS, "too many words");
	w = &got[ngot++];
	FUZZ_ASSERT(strlen(name) <= WORD_MAX, "name longer than a word");
	strcpy(w->name, name);
	w->has_val = val != NULL;
	if (val) {
		FUZZ_ASSERT(strlen(name) + 1 + strlen(val) <= WORD_MAX,
			    "word longer than %d", WORD_MAX);
		/* keep a copy right after the name */
		strcpy(w->name + strlen(name) + 1, val);
		w->val = w->name + strlen(name) + 1;
	}
	return 0;
}

/* ---- reference memparse ---- */
/* The host C library's idea of a hex digit's value, or -1. */
static int hexval(char c)
{
	static const char digits[] = "0123456789abcdef";
	const char *p = strchr(digits, tolower((unsigned char)c));

	return c && p ? (int)(p - digits) : -1;
}

static u64 ref_memparse(const char *s, const char **end, int *err)
{
	unsigned __int128 v = 0;
	const char *suffixes = "kmgtpe";
	const char *p;
	unsigned int base = 10;
	bool over = false;
	int digits = 0, shift = 0;

	*err = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (int d; (d = hexval(*s)) >= 0 && d < (int)base; s++, digits++) {
		v = v * base + (unsigned int)d;
		if (v > ~0ULL) {
			over = true;
			v = ~0ULL; /* keep it small; the rest only counts */
		}
	}
	*end = s;
	if (!digits) {
		*err = -EINVAL;
		return 0;
	}
	if (*s && (p = strchr(suffixes, *s | 0x20))) {
		shift = 10 * (int)(p - suffixes + 1);
		*end = s + 1;
	}
	v <<= shift;
	if (over || v > ~0ULL) {
		*err = -ERANGE;
		return ~0ULL;
	}
	return (u64)v;
}

static void check_memparse(const char *s)
{
	const char *e1, *e2;
	int err1, err2;
	u64 v1 = memparse(s, &e1, &err1);
	u64 v2 = ref_memparse(s, &e2, &err2);

	FUZZ_ASSERT(err1 == err2 && e1 == e2 && (err1 == -EINVAL || v1 == v2),
		    "memparse(\"%s\"): %#llx err %d end +%td, want %#llx err "
		    "%d end +%td",
		    s, (unsigned long long)v1, err1, e1 - s,
		    (unsigned long long)v2, err2, e2 - s);
}

static void check_mem_param(const char *val)
{
	phys_addr_t lim = 12345;
	const char *e;
	int err, r = parse_mem_limit(val, &lim);
	u64 want = 0;
	bool good = false;

	if (val && *val) {
		want = ref_memparse(val, &e, &err);
		good = !err && !*e && want >= MEM_LIMIT_MIN;
	}
	FUZZ_ASSERT(good ? r == 0 && lim == want : r == -EINVAL && lim == 12345,
		    "mem=%s: returned %d limit %#llx", val ? val : "(none)", r,
		    (unsigned long long)lim);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *argv[MAX_APP_ARGS];
	int argc;

	memcpy(s, data, size);
	s[size] = 0;
	host_log_clear();

	ref_split(s);
	ngot = 0;
	FUZZ_ASSERT(cmdline_for_each(s, record, NULL) == 0, "callback 0");
	FUZZ_ASSERT(ngot == nref, "%d words, reference %d", ngot, nref);
	for (int i = 0; i < ngot; i++) {
		FUZZ_ASSERT(!strcmp(got[i].name, ref[i].name) &&
				    got[i].has_val == ref[i].has_val &&
				    (!got[i].has_val ||
				     !strcmp(got[i].val, ref[i].val)),
			    "word %d: \"%s\" (%d)", i, got[i].name,
			    got[i].has_val);
		if (got[i].has_val)
			check_memparse(got[i].val);
		if (!strcmp(got[i].name, "mem"))
			check_mem_param(got[i].has_val ? got[i].val : NULL);
	}
	check_memparse(s);

	/* The boot sequence, as setup_arch() and start_kernel() run it. */
	mem_limit = PHYS_ADDR_MAX;
	mem_calls = 0;
	console_loglevel = 7;
	cmdline_init(s);
	FUZZ_ASSERT(strlen(boot_command_line) < COMMAND_LINE_SIZE, "length");
	parse_early_param();
	parse_late_params();
	FUZZ_ASSERT(console_loglevel >= 0 && console_loglevel <= 8,
		    "loglevel %d", console_loglevel);
	FUZZ_ASSERT(mem_limit == PHYS_ADDR_MAX || mem_limit >= MEM_LIMIT_MIN,
		    "mem= accepted %#llx", (unsigned long long)mem_limit);
	argc = cmdline_app_args(argv, MAX_APP_ARGS);
	FUZZ_ASSERT(argc >= 0 && argc <= MAX_APP_ARGS, "argc %d", argc);
	for (int i = 0; i < argc; i++)
		FUZZ_ASSERT(strlen(argv[i]) <= WORD_MAX, "argv[%d]", i);
	memblock_set_debug(false);
	free(s);
	return 0;
}
