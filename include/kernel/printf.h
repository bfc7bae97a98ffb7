/* SPDX-License-Identifier: MIT */
/* The kernel's formatter (lib/vsprintf.c). */
#ifndef _KERNEL_PRINTF_H
#define _KERNEL_PRINTF_H

#include <stdarg.h>
#include <stddef.h>
#include <kernel/compiler.h>

__printf(3, 0) int vsnprintf(char *buf, size_t size, const char *fmt,
			     va_list ap);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
/* Like vsnprintf, but return what was actually written (without NUL). */
__printf(3, 0) int vscnprintf(char *buf, size_t size, const char *fmt,
			      va_list ap);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);

/*
 * va_call - the body of a variadic wrapper around a v* function: @call, an
 * int expression that passes on `ap`, with ap holding the arguments that
 * follow the parameter @last.
 */
#define va_call(last, call)         \
	({                          \
		va_list ap;         \
		int _va_n;          \
		va_start(ap, last); \
		_va_n = (call);     \
		va_end(ap);         \
		_va_n;              \
	})

#endif
