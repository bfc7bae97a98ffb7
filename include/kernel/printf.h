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

#endif
