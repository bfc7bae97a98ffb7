// SPDX-License-Identifier: MIT
/*
 * DOC: the application contract
 *
 * int app_main(int argc, char **argv): argv[0] is the application's name,
 * the rest are the command-line words after "--" (or CONFIG_APP_CMDLINE
 * when there is no "--").  The return value becomes the machine's exit
 * status; exit() and abort() from the libc subset end up here too.
 */
#include <kernel/app.h>
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/exit.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/time.h>

#define ATEXIT_MAX 32
static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

int kernel_atexit(void (*fn)(void))
{
	if (atexit_count >= ATEXIT_MAX)
		return -ENOMEM;
	atexit_fns[atexit_count++] = fn;
	return 0;
}

__noreturn void kernel_exit(int status)
{
	static bool exiting;
	const char *degraded_why;

	if (!exiting) {
		exiting = true;
		while (atexit_count > 0)
			atexit_fns[--atexit_count]();
	}
	pr_info("app: %s exited with status %d\n", CONFIG_APP_NAME, status);
	degraded_why = kernel_degraded_reason();
	if (!(status & 0xff) && degraded_why) {
		pr_err("app: the boot ran on %s; exit status %d, not 0\n",
		       degraded_why, EXIT_BADFW);
		status = EXIT_BADFW;
	}
	machine_power_off(status & 0xff);
}

__noreturn void run_application(void)
{
	static char *argv[MAX_APP_ARGS + 2];
	static char defaults[COMMAND_LINE_SIZE];
	int argc;

	argv[0] = (char *)CONFIG_APP_NAME;
	argc = 1 + cmdline_app_args(argv + 1, MAX_APP_ARGS);
	if (argc == 1 && CONFIG_APP_CMDLINE[0]) {
		char *p = defaults;

		strscpy_k(defaults, CONFIG_APP_CMDLINE, sizeof(defaults));
		while (*p && argc < MAX_APP_ARGS + 1) {
			while (*p == ' ')
				*p++ = '\0';
			if (!*p)
				break;
			argv[argc++] = p;
			while (*p && *p != ' ')
				p++;
		}
	}
	argv[argc] = NULL;

	boot_mark(BOOT_APP_MAIN);
	pr_info("Run %s as the application (boot took %llu us)\n",
		CONFIG_APP_NAME,
		(unsigned long long)(boot_marks_ns[BOOT_APP_MAIN] / 1000));
	kernel_exit(app_main(argc, argv));
}
