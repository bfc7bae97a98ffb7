# SPDX-License-Identifier: MIT
"""QEMU boot tests run by `make check` (tests/run_tests.py).

Each entry: name, config (a boards/<arch>/<board>/*_defconfig file, by
name), optional fragment (extra
.config lines), board/arch, machine (QEMU machine flags replacing the
board's), bios, append (kernel command line), qemu_extra, status (expected
exit status), expect/reject (regexes over the boot log), ktap (count the
guest's KTAP cases), check (a function returning (name, ok, diag) tuples).

The boots are defined by kind in the modules beside this one:
boots_board.py (boards and loaders), boots_mm.py (memory management),
boots_badfw.py (bad firmware tables), boots_faults.py (deliberate faults),
boots_smp.py (several CPUs), boots_acpi.py (x86 ACPI tables);
boot_checks.py holds the log checks, boot_common.py what they share.
Here they are put together in the order make check runs them.
"""
import boots_acpi as acpi
import boots_badfw as badfw
import boots_board as board
import boots_faults as faults
import boots_mm as mm
import boots_smp as smp

BOOTS = (board.RISCV + mm.NUMA_IL + board.UBOOT + board.X86_BOOTS +
         board.EXTAPP_BOOTS + mm.BITMAP_BOOTS + badfw.DTB_BOOTS +
         badfw.E820_BOOTS + faults.FAULT_BOOTS + board.EXIT + board.MEMDEMO +
         board.NO_CLINT + faults.MM_ERROR_BOOTS + mm.SELFTESTS +
         mm.BENCH_BOOTS + mm.BOOTMEM_BOOTS + badfw.BUILTIN_BOOTS +
         board.MAKE_DEBUG + acpi.ACPI_BOOTS + smp.SMP_BOOTS +
         faults.SMP_FAULT_BOOTS)

# Values two boots' logs must agree on (tests/run_tests.py cross_checks).
CROSS = mm.CROSS
