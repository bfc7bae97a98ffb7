# SPDX-License-Identifier: MIT
config APP_SELFTEST
	bool "selftest: run every in-kernel test suite (KTAP)"
	select SELFTEST
