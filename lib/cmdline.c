// SPDX-License-Identifier: MIT
/*
 * DOC: command line
 *
 * The command line is CONFIG_CMDLINE, a space, then the firmware's string.
 * It is split into words; double quotes group spaces ("a=\"x y\"") and
 * are removed.  Parameters go to the early_param/__setup_param handlers
 * registered in the kparam_table section; "--" ends the kernel's part.
 * Unknown parameters are listed once, as Linux does, and otherwise ignored.
 */
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/string.h>

char boot_command_line[COMMAND_LINE_SIZE];

extern const struct kernel_param __start_kparam_table[];
extern const struct kernel_param __stop_kparam_table[];

void cmdline_init(const char *fw)
{
	size_t n;

	strscpy_k(boot_command_line, CONFIG_CMDLINE, sizeof(boot_command_line));
	n = strlen(boot_command_line);
	if (fw && *fw) {
		size_t fl = strlen(fw);

		if (n && n + 1 < sizeof(boot_command_line))
			boot_command_line[n++] = ' ';
		if (n + fl >= sizeof(boot_command_line)) {
			pr_warn("cmdline: command line longer than %d bytes, truncated\n",
				COMMAND_LINE_SIZE - 1);
			fl = sizeof(boot_command_line) - 1 - n;
		}
		memcpy(boot_command_line + n, fw, fl);
		boot_command_line[n + fl] = '\0';
	}
}

/*
 * Copy the next word of @s into @buf (quotes removed), return a pointer
 * past it, or NULL at the end.  Words longer than @size are truncated.
 */
static const char *next_word(const char *s, char *buf, size_t size)
{
	bool quoted = false;
	size_t n = 0;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (!*s)
		return NULL;
	for (; *s; s++) {
		if (*s == '"') {
			quoted = !quoted;
			continue;
		}
		if (!quoted && (*s == ' ' || *s == '\t' || *s == '\n'))
			break;
		if (n + 1 < size)
			buf[n++] = *s;
	}
	buf[n] = '\0';
	return s;
}

int cmdline_for_each(const char *cmdline,
		     int (*fn)(const char *name, const char *val, void *arg),
		     void *arg)
{
	char word[256];
	const char *s = cmdline;
	int ret = 0;

	while ((s = next_word(s, word, sizeof(word)))) {
		char *eq;

		if (!strcmp(word, "--"))
			break;
		eq = strchr(word, '=');
		if (eq)
			*eq = '\0';
		ret = fn(word, eq ? eq + 1 : NULL, arg);
		if (ret)
			break;
	}
	return ret;
}

static bool param_name_eq(const char *a, const char *b)
{
	/* Linux treats '-' and '_' in parameter names alike. */
	for (; *a && *b; a++, b++) {
		char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;

		if (x != y)
			return false;
	}
	return *a == *b;
}

struct parse_state {
	bool early;
	int unknown;
};

static int do_param(const char *name, const char *val, void *arg)
{
	struct parse_state *st = arg;
	bool known = false;

	for (const struct kernel_param *p = __start_kparam_table;
	     p < __stop_kparam_table; p++) {
		if (!param_name_eq(p->name, name))
			continue;
		known = true;
		if (p->early != st->early)
			continue;
		p->setup(val);
	}
	if (!known && !st->early) {
		if (!st->unknown++)
			printk(KERN_NOTICE
			       "Unknown kernel command line parameters:");
		printk(KERN_CONT " %s%s%s", name, val ? "=" : "",
		       val ? val : "");
	}
	return 0;
}

void parse_early_param(void)
{
	struct parse_state st = {.early = true};

	cmdline_for_each(boot_command_line, do_param, &st);
}

void parse_late_params(void)
{
	struct parse_state st = {.early = false};

	cmdline_for_each(boot_command_line, do_param, &st);
	if (st.unknown)
		printk(KERN_CONT "\n");
}

int cmdline_app_args(char **argv, int max)
{
	static char copy[COMMAND_LINE_SIZE];
	const char *s = boot_command_line;
	char word[256];
	size_t used = 0;
	int argc = 0;

	/* Skip to the word after "--". */
	while ((s = next_word(s, word, sizeof(word))))
		if (!strcmp(word, "--"))
			break;
	if (!s)
		return 0;
	while (argc < max && (s = next_word(s, word, sizeof(word)))) {
		size_t l = strlen(word) + 1;

		if (used + l > sizeof(copy))
			break;
		memcpy(copy + used, word, l);
		argv[argc++] = copy + used;
		used += l;
	}
	return argc;
}

/* loglevel=N: N (0..8), or -1. */
static int __init loglevel_value(const char *val)
{
	int err;
	const char *end;
	u64 v = val ? memparse(val, &end, &err) : 0;

	return !val || err || *end || v > 8 ? -1 : (int)v;
}

static int __init loglevel_setup(const char *val)
{
	int v = loglevel_value(val);

	if (v < 0) {
		pr_warn("loglevel=%s: expected a number 0..8, ignored\n",
			val ? val : "");
		return -EINVAL;
	}
	console_loglevel = v;
	return 0;
}
early_param("loglevel", loglevel_setup);

static int __init quiet_setup(const char *val)
{
	(void)val;
	console_loglevel = LOGLEVEL_WARNING;
	return 0;
}
early_param("quiet", quiet_setup);

static int __init debug_setup(const char *val)
{
	(void)val;
	console_loglevel = LOGLEVEL_DEBUG + 1;
	return 0;
}
early_param("debug", debug_setup);

static int __init early_loglevel_param(const char *name, const char *val,
				       void *arg)
{
	(void)arg;
	if (param_name_eq(name, "quiet"))
		quiet_setup(val);
	else if (param_name_eq(name, "debug"))
		debug_setup(val);
	else if (param_name_eq(name, "loglevel") && loglevel_value(val) >= 0)
		loglevel_setup(val);
	return 0;
}

/**
 * cmdline_early_loglevel() - quiet, debug and loglevel= before anything prints
 * @fw: the firmware's command line, as cmdline_init() will get it
 *
 * Sets console_loglevel, silently, as parse_early_param() will: the lines
 * printed before the command line is parsed then reach the console as
 * the later ones do (Linux gets there by replaying its log buffer once
 * the console is up).  parse_early_param() applies the three again and
 * warns about a bad value; a command line too long for boot_command_line
 * is left to it.
 */
void __init cmdline_early_loglevel(const char *fw)
{
	if (fw && strlen(CONFIG_CMDLINE) + 1 + strlen(fw) >= COMMAND_LINE_SIZE)
		return;
	cmdline_init(fw);
	cmdline_for_each(boot_command_line, early_loglevel_param, NULL);
}

/**
 * parse_mem_limit() - the mem= parameter
 * @val: the text after "mem=" (NULL for a bare "mem")
 * @limit: set to the size on success, untouched otherwise
 *
 * Return: 0, or -EINVAL after saying why the value is ignored.
 */
int __init parse_mem_limit(const char *val, phys_addr_t *limit)
{
	const char *end;
	int err;
	u64 v;

	if (!val || !*val) {
		pr_err("mem=: missing size, ignored\n");
		return -EINVAL;
	}
	v = memparse(val, &end, &err);
	if (err || *end) {
		pr_err("mem=%s: not a size (use e.g. mem=64M), ignored\n", val);
		return -EINVAL;
	}
	if (v < MEM_LIMIT_MIN) {
		pr_err("mem=%s: below the %llu MiB the kernel needs, ignored\n",
		       val, MEM_LIMIT_MIN >> 20);
		return -EINVAL;
	}
	*limit = v;
	return 0;
}
