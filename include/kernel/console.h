/* SPDX-License-Identifier: MIT */
/*
 * Consoles: where printk output goes.  A boot console (CON_BOOT, e.g. the
 * SBI console) prints from the first instruction; registering a real
 * console unregisters the boot consoles, as Linux does, so each line is
 * printed once.
 */
#ifndef _KERNEL_CONSOLE_H
#define _KERNEL_CONSOLE_H

#include <kernel/types.h>

#define CON_BOOT 0x1
#define CON_ENABLED 0x2

struct console {
	const char *name;
	void (*write)(struct console *con, const char *s, size_t n);
	int flags;
	void *data;
	struct console *next;
};

void register_console(struct console *con);
void unregister_console(struct console *con);
/* Write raw bytes to every console (no timestamp, no level). */
void console_write(const char *s, size_t n);
/* Name of the current (last registered) console, for the log. */
const char *console_name(void);

#endif
