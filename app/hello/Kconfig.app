# SPDX-License-Identifier: MIT
config APP_HELLO
	bool "hello: print one line and exit 0"
