# SPDX-License-Identifier: MIT
# The one size parser (lib/memparse.c): memparse() and memparse_value(),
# which mm's movablecore= and min_free_kbytes= use.
HOST_TESTS += memparse
host-memparse-srcs := tests/host/test_memparse.c lib/memparse.c
