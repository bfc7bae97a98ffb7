# Host test of the kernel's formatter (lib/vsprintf.c); the host C
# library's snprintf is the oracle.  Our functions are renamed kite_* so
# they do not clash with the host's; the test reaches the host's through
# asm labels.
HOST_TESTS += printf
host-printf-srcs := tests/host/test_printf.c lib/vsprintf.c
host-printf-cflags := -Dvsnprintf=kite_vsnprintf -Dsnprintf=kite_snprintf \
	-Dvscnprintf=kite_vscnprintf -Dscnprintf=kite_scnprintf
