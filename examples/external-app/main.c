// SPDX-License-Identifier: MIT
/*
 * external-app: an application built from outside the Kite tree.
 *
 *   (no arguments) | demo   run the C library demo; status 0 if it passed
 *   sum N...                print the sum of the numbers; status 2 if one
 *                           is not a number
 *   exit N                  exit(N) through exit(): atexit handlers run
 *   abort                   abort(): status 122 (EXIT_ABORT)
 *   assert                  a failing assert(): status 122
 *   fault                   a store to an unmapped address: status 121
 *
 * The words come from the kernel command line after "--"; with none,
 * CONFIG_APP_CMDLINE is used.
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extapp.h"

#define EX_USAGE 64 /* as in BSD's sysexits.h */

static void goodbye(void)
{
	printf("external-app: atexit handler ran\n");
}

static int usage(void)
{
	fprintf(stderr, "usage: external-app [demo | sum N... | exit N | "
			"abort | assert | fault]\n");
	return EX_USAGE;
}

/* Parse a whole word as a number, as a careful program does. */
static int parse_long(const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 0);
	if (end == s || *end) {
		fprintf(stderr, "external-app: '%s' is not a number\n", s);
		return -1;
	}
	if (errno == ERANGE) {
		fprintf(stderr, "external-app: '%s': %s\n", s, strerror(errno));
		return -1;
	}
	return 0;
}

static int cmd_sum(int argc, char **argv)
{
	long sum = 0, v;

	for (int i = 0; i < argc; i++) {
		if (parse_long(argv[i], &v))
			return 2;
		sum += v;
	}
	printf("external-app: sum = %ld\n", sum);
	return 0;
}

int app_main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "demo";
	long status;

	printf("%s (external-app %s, %d argument%s)\n", CONFIG_EXTAPP_GREETING,
	       EXTAPP_VERSION, argc - 1, argc == 2 ? "" : "s");
	for (int i = 1; i < argc; i++)
		printf("  argv[%d] = \"%s\"\n", i, argv[i]);
	atexit(goodbye);

	if (!strcmp(cmd, "demo")) {
		int failed = demo_run();

		printf("external-app: %s (%d failed)\n",
		       failed ? "demo FAILED" : "all checks passed", failed);
		return failed ? EXIT_FAILURE : EXIT_SUCCESS;
	}
	if (!strcmp(cmd, "sum"))
		return cmd_sum(argc - 2, argv + 2);
	if (!strcmp(cmd, "exit") && argc == 3) {
		if (parse_long(argv[2], &status))
			return 2;
		exit((int)status);
	}
	if (!strcmp(cmd, "abort")) {
		printf("external-app: calling abort()\n");
		abort();
	}
	if (!strcmp(cmd, "assert")) {
		assert(argc == 1 && "assert needs no arguments");
		return 0; /* not reached: argc is 2 here */
	}
	if (!strcmp(cmd, "fault")) {
		/* Non-canonical on x86_64, beyond physical memory on riscv. */
		volatile int *bad = (volatile int *)0xdead000000000000UL;

		printf("external-app: storing to %p\n", (void *)bad);
		*bad = 1;
		return 0;
	}
	return usage();
}
