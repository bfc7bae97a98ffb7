# SPDX-License-Identifier: MIT
"""x86 boots with damaged or missing ACPI tables (issue 19): the kernel
must find the CPUs through the BIOS area scan when the loader passes no
RSDP, and run on the boot CPU alone, saying why, when the MADT is
unusable or no page below 1 MiB is free for the AP trampoline.  tests/qemu/acpiinject.py damages the tables at the PVH entry
(QEMU -smp 4 under multi-threaded TCG, the board's default)."""
import os
import sys

import qemu  # ci/qemu.py: tests/run_tests.py puts ci/ on sys.path

X86 = "qemu_x86_64_defconfig"
HELLO = ["CONFIG_APP_HELLO=y"]
UP_ONLY = r"smp: Brought up 1 node, 1 CPU(?!s)"
ALL_UP = r"smp: Brought up 1 node, 4 CPUs"
RUNS_ON = [r"Hello from hello on Kite!", r"Power down: exit status 0"]
INJECTED = r"acpiinject: stopped at PVH entry 0x[0-9a-f]+ \(\w+ breakpoint\)"


def acpi_injected(case):
    """QEMU under acpiinject.py, which applies @case at the PVH entry."""
    def command(srctree, out):
        kernel = os.path.join(out, "kernel.elf")
        return [sys.executable,
                os.path.join(srctree, "tests", "qemu", "acpiinject.py"),
                "--kernel", kernel, "--case", case, "--"] + \
            qemu.qemu_command("x86", "qemu_x86_64", kernel)
    return command


# (case, expected lines)
CASES = [
    ("rsdp-null", [r"ACPI: RSDP from the BIOS area scan", ALL_UP]),
    ("rsdp-nowhere",
     [r"smp: no ACPI RSDP \(not from the loader, not in the BIOS areas\); "
      r"running on the boot CPU only", UP_ONLY]),
    ("madt-checksum",
     [r"ACPI: MADT at 0x[0-9a-f]+: checksum 0x[0-9a-f]+ is wrong",
      r"smp: no usable ACPI MADT \(error -22, above\); running on the boot "
      r"CPU only", UP_ONLY]),
    ("madt-entry-length",
     [r"ACPI: MADT entry at offset 44: length 0 does not fit the table",
      r"smp: the boot CPU \(APIC id 0\) is not in the MADT", UP_ONLY]),
]

ACPI_BOOTS = [
    dict(name="x86-acpi-" + case, config=X86, fragment=HELLO, arch="x86",
         board="qemu_x86_64", command=acpi_injected(case), timeout=120,
         expect=[INJECTED] + lines + RUNS_ON,
         reject=[r"acpiinject: injection failed", r"failed to start",
                 r"Unhandled exception"])
    for case, lines in CASES
]

# No RAM below 1 MiB but page 0 (memmap= reserves the rest): no page for
# the AP trampoline, so every other CPU is named as not started.
ACPI_BOOTS.append(dict(
    name="x86-smp-no-trampoline", config=X86, fragment=HELLO, arch="x86",
    board="qemu_x86_64", append="memmap=0x9f000$0x1000", timeout=120,
    expect=[r"smp: no free RAM page below 1 MiB for the AP trampoline; the "
            r"other CPUs cannot start",
            r"smp: CPU#3: no AP trampoline page below 1 MiB",
            r"smp: CPU#3 \(APIC id 3\) failed to start", UP_ONLY] + RUNS_ON,
    reject=[r"Unhandled exception"]))
