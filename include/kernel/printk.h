/* SPDX-License-Identifier: MIT */
/*
 * printk with Linux's log levels.  A message may start with a KERN_<level>
 * prefix; the console prints it with a boot timestamp "[    0.000123] ".
 *
 * Portable code (lib/, mm/) uses only C-standard conversions, so the host
 * build can format the same strings with the host's vsnprintf.
 */
#ifndef _KERNEL_PRINTK_H
#define _KERNEL_PRINTK_H

#include <stdarg.h>
#include <kernel/compiler.h>

#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
#define KERN_DEFAULT ""
#define KERN_CONT KERN_SOH "c"

#define LOGLEVEL_EMERG 0
#define LOGLEVEL_ERR 3
#define LOGLEVEL_WARNING 4
#define LOGLEVEL_NOTICE 5
#define LOGLEVEL_INFO 6
#define LOGLEVEL_DEBUG 7

/* Messages with a level numerically above this are not printed. */
extern int console_loglevel;

#ifdef CONFIG_PRINTK
__printf(1, 2) int printk(const char *fmt, ...);

/* Selftests: did a message containing @needle appear since @mark? */
unsigned long printk_log_mark(void);
bool printk_log_since(unsigned long mark, const char *needle);
__printf(1, 0) int vprintk(const char *fmt, va_list ap);
#else
/*
 * CONFIG_PRINTK=n: every kernel message compiles away, format string and
 * call included, as Linux's no_printk(); the arguments are still
 * type-checked but not evaluated.  The application's stdout still goes
 * to the console.
 */
static inline __printf(1, 2) int printk_unused(const char *fmt, ...)
{
	return 0;
}
#define printk(fmt, ...)                                   \
	({                                                 \
		if (0)                                     \
			printk_unused(fmt, ##__VA_ARGS__); \
		0;                                         \
	})
static inline __printf(1, 0) int vprintk(const char *fmt, va_list ap)
{
	return 0;
}
#endif

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)

/* panic(): print, dump what helps, and stop the machine with EXIT_PANIC. */
__printf(1, 2) __noreturn void panic(const char *fmt, ...);

void __warn(const char *file, int line, unsigned long caller);

#define WARN_ON(cond)                                         \
	({                                                    \
		int __ret_warn_on = !!(cond);                 \
		if (unlikely(__ret_warn_on))                  \
			__warn(__FILE__, __LINE__, _RET_IP_); \
		unlikely(__ret_warn_on);                      \
	})

#define WARN(cond, fmt, ...)                                     \
	({                                                       \
		int __ret_warn_on = !!(cond);                    \
		if (unlikely(__ret_warn_on)) {                   \
			printk(KERN_WARNING fmt, ##__VA_ARGS__); \
			__warn(__FILE__, __LINE__, _RET_IP_);    \
		}                                                \
		unlikely(__ret_warn_on);                         \
	})

#define WARN_ONCE(cond, fmt, ...)                             \
	({                                                    \
		static bool __warned;                         \
		int __ret_warn_once = !!(cond);               \
		if (unlikely(__ret_warn_once && !__warned)) { \
			__warned = true;                      \
			WARN(1, fmt, ##__VA_ARGS__);          \
		}                                             \
		unlikely(__ret_warn_once);                    \
	})

#define WARN_ON_ONCE(cond) WARN_ONCE(cond, "%s", "")

#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(cond)                \
	do {                        \
		if (unlikely(cond)) \
			BUG();      \
	} while (0)

#endif /* _KERNEL_PRINTK_H */
