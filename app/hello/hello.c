// SPDX-License-Identifier: MIT
/*
 * The smallest application: one line, exit status 0.  "-- N" on the
 * command line makes it exit with status N instead (0..255), so the exit
 * status path can be tested on every board; anything else is a usage
 * error (64, as sysexits' EX_USAGE).
 */
#include <stdio.h>
#include <stdlib.h>

int app_main(int argc, char **argv)
{
	char *end;
	long status = 0;

	printf("Hello from %s on Kite!\n", argv[0]);
	if (argc > 2)
		goto usage;
	if (argc == 2) {
		status = strtol(argv[1], &end, 0);
		if (end == argv[1] || *end || status < 0 || status > 255)
			goto usage;
		printf("%s: exiting with status %ld as asked\n", argv[0],
		       status);
	}
	return (int)status;
usage:
	printf("usage: %s [exit status 0..255]\n", argv[0]);
	return 64;
}
