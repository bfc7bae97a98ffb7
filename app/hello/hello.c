// SPDX-License-Identifier: MIT
/*
 * The smallest application: one line, exit status 0.  "-- N" on the
 * command line makes it exit with status N instead (decimal, 0..255), so
 * the exit status path can be tested on every board; anything else is a
 * usage error (64, as sysexits' EX_USAGE).  The digits are read by hand:
 * strtol() would cost the tiny image a page.
 */
#include <stdio.h>

int app_main(int argc, char **argv)
{
	int status = 0;
	const char *p;

	printf("Hello from %s on Kite!\n", argv[0]);
	if (argc == 1)
		return 0;
	p = argv[1];
	if (argc > 2 || !*p)
		goto usage;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			goto usage;
		status = status * 10 + (*p - '0');
		if (status > 255)
			goto usage;
	}
	printf("%s: exiting with status %d as asked\n", argv[0], status);
	return status;
usage:
	printf("usage: %s [exit status 0..255]\n", argv[0]);
	return 64;
}
