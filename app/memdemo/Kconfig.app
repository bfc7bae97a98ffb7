# SPDX-License-Identifier: MIT
config APP_MEMDEMO
	bool "memdemo: show the memory map and exercise the allocators"
