# Host test of the devicetree reader; libfdt (libfdt-dev) is the oracle.
# Blobs come from tests/host/fdt_blobs/ under $SRCTREE (see its README).
HOST_TESTS += fdt
host-fdt-srcs := tests/host/test_fdt.c tests/host/test_fdt_semantics.c \
	tests/host/test_fdt_damaged.c \
	lib/fdt.c lib/fdt_path.c lib/fdt_check.c lib/fdt_prop.c lib/fdt_addr.c lib/fdt_memory.c
host-fdt-ldlibs := -lfdt
