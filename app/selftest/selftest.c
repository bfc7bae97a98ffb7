// SPDX-License-Identifier: MIT
/*
 * selftest: run every in-kernel test suite and exit with the number of
 * failed cases (0 = all passed).  "selftest -- memblock" runs one suite.
 */
#include <kernel/ktest.h>

int app_main(int argc, char **argv)
{
	int failed = ktest_run_all(argc > 1 ? argv[1] : NULL);

	return failed > 100 ? 100 : failed;
}
