// SPDX-License-Identifier: MIT
/* panic() and WARN(): report, then stop with a distinct status. */
#include <kernel/exit.h>
#include <kernel/kallsyms.h>
#include <kernel/printf.h>
#include <kernel/printk.h>

static bool in_panic;

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* Make sure the report is seen whatever the log level. */
	console_loglevel = LOGLEVEL_DEBUG + 1;
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	if (!in_panic) {
		in_panic = true;
		dump_stack();
	}
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n",
	       buf);
	machine_power_off(EXIT_PANIC);
}

void __warn(const char *file, int line, unsigned long caller)
{
	unsigned long off;
	const char *fn = kallsyms_lookup(caller, &off);

	printk(KERN_WARNING "WARNING: at %s:%d, called from %s+0x%lx\n", file,
	       line, fn ? fn : "?", fn ? off : caller);
	dump_stack();
}
