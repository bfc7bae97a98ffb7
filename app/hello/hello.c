// SPDX-License-Identifier: MIT
/* The smallest application: one line, exit status 0. */
#include <stdio.h>

int app_main(int argc, char **argv)
{
	(void)argc;
	printf("Hello from %s on Kite!\n", argv[0]);
	return 0;
}
