# SPDX-License-Identifier: MIT
# The ACPI RSDP/RSDT/XSDT/MADT parser (arch/x86/kernel/acpi.c) against
# generated and damaged tables.
HOST_TESTS += acpi
host-acpi-srcs := tests/host/test_acpi.c arch/x86/kernel/acpi.c
host-acpi-cflags := -I$(srctree)/arch/x86/include
