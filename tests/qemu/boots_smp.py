# SPDX-License-Identifier: MIT
"""SMP boot definitions (issue 19; tests/qemu/boots.py): four CPUs under
multi-threaded TCG on riscv virt, x86 PVH and x86 through GRUB + OVMF,
each running memstress on every CPU at once (spinlock debugging on, no
page or slab object lost at the end), and smpdemo's parallel sieve.

TCG with four vCPU threads on a shared two-core machine is slow, and
nothing here may race on wall time: the timeouts are generous and the
guest bounds its own waits by loop counts."""
import os

from boot_common import BROUGHT_UP_4, DEBUG_SPINLOCK, MEMSTRESS_SMP, OVMF, \
    SELFTEST, SMP4, VIRT, X86, X86_SMP, x86_iso_boot

VIRT_SMP4 = "-M virt -m 256M " + SMP4
X86_SMP4 = "-m 256M " + SMP4
SMP_SELFTEST = SELFTEST + DEBUG_SPINLOCK
SMP_REJECT = [r"failed to start", r"spinlock lockup", r"BUG:",
              r"Unhandled exception"]
SMPDEMO = ["CONFIG_APP_SMPDEMO=y"]
SMPDEMO_OK = [BROUGHT_UP_4,
              r"smpdemo: primes below 2000000 on 4 CPUs",
              r"smpdemo: parallel: 148933 primes, sum 142913828922",
              r"smpdemo: the sieve ran on 4 of 4 CPUs",
              r"smpdemo: serial: +148933 primes, sum 142913828922",
              r"smpdemo: the parallel result matches the serial one",
              r"Power down: exit status 0"]

SMP_BOOTS = [
    dict(name="virt-smpdemo", config=VIRT, fragment=SMPDEMO + DEBUG_SPINLOCK,
         board="qemu_riscv64_virt", machine=VIRT_SMP4, timeout=300,
         expect=SMPDEMO_OK, reject=SMP_REJECT),
]
if X86_SMP:
    SMP_BOOTS += [
        dict(name="x86-smpdemo", config=X86, fragment=SMPDEMO + DEBUG_SPINLOCK,
             arch="x86", board="qemu_x86_64", machine=X86_SMP4, timeout=300,
             expect=SMPDEMO_OK, reject=SMP_REJECT),
        # GRUB under OVMF (multiboot2, the MADT through the ACPI tags):
        # only the memstress suite (CONFIG_APP_CMDLINE; GRUB's entry has
        # no "--" part).
        dict(name="x86-iso-ovmf-smp", config=X86,
             fragment=SMP_SELFTEST + ['CONFIG_APP_CMDLINE="memstress"'],
             arch="x86", board="qemu_x86_64", targets=["all", "image"],
             command=x86_iso_boot(["-bios", OVMF], machine=X86_SMP4),
             skip_unless=lambda: os.path.exists(OVMF),
             skip_why="no " + OVMF, timeout=600, ktap=True, min_cases=2,
             expect=[r"boot: entered via multiboot2", BROUGHT_UP_4,
                     MEMSTRESS_SMP, r"(?<!not )ok \d+ memstress_smp",
                     r"Power down: exit status 0"],
             reject=SMP_REJECT + [r"not ok"]),
    ]
