/* SPDX-License-Identifier: MIT */
/*
 * The kernel command line: CONFIG_CMDLINE followed by what the firmware
 * passed (devicetree bootargs, PVH/multiboot2 cmdline).  Words before "--"
 * are kernel parameters ("name" or "name=value", double quotes group
 * spaces); words after it are the application's argv.
 */
#ifndef _KERNEL_CMDLINE_H
#define _KERNEL_CMDLINE_H

#include <kernel/compiler.h>
#include <kernel/types.h>

#define COMMAND_LINE_SIZE 1024
#define MAX_APP_ARGS 32

extern char boot_command_line[COMMAND_LINE_SIZE];

struct kernel_param {
	const char *name;
	/* Returns 0, or a negative errno after printing what was wrong. */
	int (*setup)(const char *val);
	bool early;
};

/*
 * early_param("mem", fn): handled by parse_early_param() during
 * setup_arch(), before memory is set up.  __setup_param("x", fn) is
 * handled later, after mm_init().
 */
#define __define_param(pname, fn, is_early)                              \
	static const struct kernel_param __kparam_##fn __used __section( \
		"kparam_table") __aligned(sizeof(void *)) = {            \
		.name = pname, .setup = fn, .early = is_early}
#define early_param(pname, fn) __define_param(pname, fn, true)
#define __setup_param(pname, fn) __define_param(pname, fn, false)

/* Build boot_command_line from the built-in and firmware parts. */
void cmdline_init(const char *firmware_cmdline);
void cmdline_early_loglevel(const char *firmware_cmdline);
void parse_early_param(void);
void parse_late_params(void);

/* Split the part after "--" into argv (pointers into a private copy). */
int cmdline_app_args(char **argv, int max);

/*
 * Iterate over parameters: calls fn(name, value-or-NULL) for each word
 * before "--".  Exposed for tests and fuzzers.
 */
int cmdline_for_each(const char *cmdline,
		     int (*fn)(const char *name, const char *val, void *arg),
		     void *arg);

/*
 * memparse - "64M", "0x1000", "4G" -> bytes (lib/memparse.c).  Sets *end past
 * the number. Returns 0 and sets *err = -EINVAL if no digits, -ERANGE on
 * overflow.
 */
u64 memparse(const char *s, const char **end, int *err);

/*
 * memparse_value - a whole parameter value as a size (lib/memparse.c):
 * memparse() that must reach the end of @arg, or a "%" there when
 * @percent is not NULL (then *percent says which was given).  0 and
 * *out set; -EINVAL for no digits or trailing junk, -ERANGE on overflow.
 */
int memparse_value(const char *arg, u64 *out, bool *percent);

/* Below this, even hello cannot run: image, stacks, mem_map, slab. */
#define MEM_LIMIT_MIN (8ULL << 20)

/*
 * parse_mem_limit - the mem= parameter, the same on every arch: a size of
 * at least MEM_LIMIT_MIN.  0 and *limit set, or -EINVAL after saying why
 * the value is ignored.
 */
int parse_mem_limit(const char *val, phys_addr_t *limit);

#endif
